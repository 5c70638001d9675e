package table

import (
	"bytes"
	"github.com/sopflow/sopflow/render"
	"image"
	"image/color"
	"image/png"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sopflow/sopflow/flow"
)

func mustParse(t testing.TB, src string) *flow.Procedure {
	t.Helper()
	p, err := flow.Parse("test.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// A row whose text is taller than a page shrinks its text until it fits,
// and loses none of it.
func TestRowTallerThanPage(t *testing.T) {
	long := strings.Repeat("Memeriksa kelengkapan dan keabsahan berkas permohonan beserta lampirannya. ", 40)
	p := mustParse(t, `name = "Uji Baris Panjang"
actors = ["Pemohon", "Petugas"]
[[steps]]
actor = "Pemohon"
activity = "Mengajukan permohonan."
[[steps]]
actor = "Petugas"
activity = "`+long+`"
[[steps]]
actor = "Pemohon"
activity = "Menerima hasil."
`)
	d, err := Layout(p, LayoutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, msg := range CheckDiagram(p, d) {
		t.Error(msg)
	}
	// The long row keeps the body size and continues over pages no larger
	// than A4, its text in order.
	var lines []string
	parts := 0
	for _, pg := range d.Pages {
		if pg.Height > render.A4.Width+0.01 {
			t.Errorf("page %d is %.1f pt tall, more than A4", pg.Number, pg.Height)
		}
		for _, c := range pg.Cells {
			if c.Step == 2 && c.Key == "activity" {
				parts++
				lines = append(lines, c.Lines...)
				if c.Size != BodySize {
					t.Errorf("page %d: the long row's text is %.1f pt, want %.1f", pg.Number, c.Size, BodySize)
				}
			}
		}
	}
	if parts < 2 {
		t.Errorf("the long row stands in %d rows, want it continued over pages", parts)
	}
	if got, want := strings.Join(lines, " "), strings.Join(strings.Fields(long), " "); squash(got) != squash(want) {
		t.Errorf("the long row's text is not printed whole:\n got %.200q\nwant %.200q", got, want)
	}
}

func testLogo(t testing.TB, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	img.Set(0, 0, color.RGBA{200, 0, 0, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The logo is drawn on the identity page with its proportions; a file that
// is not an image is an error.
func TestIdentityLogo(t *testing.T) {
	p := loadExamples(t)["informasi-publik"]
	d, err := Layout(p, LayoutOptions{Logo: testLogo(t, 200, 100)})
	if err != nil {
		t.Fatal(err)
	}
	id := d.Pages[0]
	if id.Kind != "identity" || len(id.Images) != 1 {
		t.Fatalf("page 1: kind %q with %d images", id.Kind, len(id.Images))
	}
	im := id.Images[0]
	if r := im.Width / im.Height; r < 1.99 || r > 2.01 || im.Mime != "image/png" {
		t.Errorf("logo drawn %gx%g (%s), want a 2:1 PNG", im.Width, im.Height, im.Mime)
	}
	for _, msg := range CheckDiagram(p, d) {
		t.Error(msg)
	}
	if _, err := Layout(p, LayoutOptions{Logo: []byte("GIF89a not really")}); err == nil {
		t.Error("a logo that is not PNG or JPEG: no error")
	}
}

// The identity page prints every item: each list entry, the dates in
// Indonesian, "-" for what is empty.
func TestIdentityItems(t *testing.T) {
	p := loadExamples(t)["informasi-publik"]
	d, err := Layout(p, LayoutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, tx := range d.Pages[0].Texts {
		all.WriteString(tx.Text + " ")
	}
	text := squash(all.String())
	id := p.Identity
	var want []string
	for _, u := range id.Unit {
		want = append(want, strings.ToUpper(u))
	}
	for _, list := range [][]string{id.LegalBasis, id.Qualifications, id.Related, id.Equipment, id.Warnings, id.Records} {
		want = append(want, list...)
	}
	want = append(want, id.Number, id.Approver.Name, "NIP. "+id.Approver.NIP, "6 Maret 2023", "20 Maret 2023",
		"NOMOR SOP", "DASAR HUKUM:", "PENCATATAN DAN PENDATAAN:", strings.ToUpper(p.Name))
	for _, w := range want {
		if !strings.Contains(text, squash(w)) {
			t.Errorf("identity page lacks %q", w)
		}
	}
	dash := false
	for _, tx := range d.Pages[0].Texts {
		dash = dash || tx.Text == "-"
	}
	if !dash {
		t.Errorf("the revision date %q is not printed as -", id.Revised.Text)
	}
}

// The PDF of every example holds every line of every cell as text.
func TestPDFExamplesText(t *testing.T) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not on PATH: install poppler-utils")
	}
	for name, p := range loadExamples(t) {
		d, err := Layout(p, LayoutOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := render.WritePDF(&b, d); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(tool, "-raw", "-", "-")
		cmd.Stdin = &b
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: pdftotext: %v", name, err)
		}
		text := squash(string(out))
		for _, pg := range d.Pages {
			for _, c := range pg.Cells {
				for _, l := range c.Lines {
					if !strings.Contains(text, squash(l)) {
						t.Errorf("%s: PDF text lacks %q (step %d %s)", name, l, c.Step, c.Key)
					}
				}
			}
		}
		if !strings.Contains(text, squash("PROSEDUR "+strings.ToUpper(p.Name))) {
			t.Errorf("%s: PDF text lacks the title", name)
		}
	}
}

// TestParallelPanic: a panic in a worker reaches the caller's goroutine,
// where it can be recovered, and every index is still done at most once.
func TestParallelPanic(t *testing.T) {
	for _, workers := range []int{1, 2, 4} {
		var done [20]int32
		got := func() (r any) {
			defer func() { r = recover() }()
			parallel(len(done), workers, func(i int) {
				atomic.AddInt32(&done[i], 1)
				if i == 7 {
					panic("boom")
				}
			})
			return nil
		}()
		if got != "boom" {
			t.Errorf("%d workers: recovered %v, want boom", workers, got)
		}
		for i, n := range done {
			if n > 1 {
				t.Errorf("%d workers: f(%d) ran %d times", workers, i, n)
			}
		}
	}
}
