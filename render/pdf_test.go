package render

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"image/color/palette"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// A4 landscape and portrait, in points.
const (
	pdfTestA4Long  = 841.89
	pdfTestA4Short = 595.28
)

// pdfTestPNG returns a small opaque-and-transparent RGBA PNG.
func pdfTestPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetNRGBA(x, y, color.NRGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, uint8(128 + x%2*127)})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pdfTestDiagram is a small two-page diagram: an A4 landscape flowchart
// page with every flowchart symbol, a table, a logo, bold, underlined and
// rotated text; and an A4 portrait BPMN page.
func pdfTestDiagram(t testing.TB) *Diagram {
	logo := pdfTestPNG(t, 40, 30)
	p1 := Page{Number: 1, Kind: "flowchart", Width: pdfTestA4Long, Height: pdfTestA4Short}
	p1.Images = []Image{{X: 40, Y: 20, Width: 60, Height: 45, Mime: "image/png", Data: logo}}
	// Table frame and grid.
	for _, y := range []float64{80, 110, 200, 290, 380} {
		p1.Rules = append(p1.Rules, Rule{X1: 40, Y1: y, X2: 800, Y2: y, Width: 0.5})
	}
	for _, x := range []float64{40, 70, 250, 400, 550, 800} {
		p1.Rules = append(p1.Rules, Rule{X1: x, Y1: 80, X2: x, Y2: 380, Width: 0.5})
	}
	p1.Rules = append(p1.Rules, Rule{X1: 40, Y1: 560, X2: 800, Y2: 560, Width: 1.5})
	p1.Texts = []Text{
		{X: 420, Y: 40, Size: 14, Bold: true, Anchor: "middle", Class: "title", Text: "Prosedur Pengadaan Barang"},
		{X: 420, Y: 60, Size: 9, Anchor: "middle", Underline: true, Class: "subtitle", Text: "Nomor SOP: 001/UM/2024"},
		{X: 55, Y: 99, Size: 9, Bold: true, Anchor: "middle", Class: "header", Text: "No"},
		{X: 160, Y: 99, Size: 9, Bold: true, Anchor: "middle", Class: "header", Text: "Kegiatan"},
		{X: 475, Y: 99, Size: 9, Bold: true, Anchor: "middle", Class: "header", Text: "Pelaksana"},
		{X: 675, Y: 99, Size: 9, Bold: true, Anchor: "middle", Class: "header", Text: "Keterangan"},
		{X: 55, Y: 130, Size: 9, Anchor: "middle", Class: "no", Text: "1"},
		{X: 75, Y: 130, Size: 9, Class: "activity", Text: "Menerima surat permohonan"},
		{X: 75, Y: 142, Size: 9, Class: "activity", Text: "dari unit kerja"},
		{X: 795, Y: 130, Size: 9, Anchor: "end", Class: "note", Text: "Paling lambat 2 hari"},
		{X: 55, Y: 220, Size: 9, Anchor: "middle", Class: "no", Text: "2"},
		{X: 75, Y: 220, Size: 9, Class: "activity", Text: "Memeriksa kelengkapan berkas"},
		{X: 505, Y: 240, Size: 8, Class: "label", Text: "Tidak"},
		{X: 480, Y: 285, Size: 8, Class: "label", Text: "Ya"},
		{X: 30, Y: 370, Size: 8, Rotate: true, Class: "side", Text: "Halaman satu"},
		{X: 475, Y: 133, Size: 9, Anchor: "middle", Class: "symbol", Text: "Mulai"},
		{X: 475, Y: 358, Size: 9, Anchor: "middle", Class: "symbol", Text: "Selesai"},
		{X: 700, Y: 335, Size: 9, Anchor: "middle", Class: "symbol", Text: "A"},
	}
	p1.Shapes = []Shape{
		{ID: "s1", Step: 1, Kind: ShapeStart, X: 445, Y: 120, Width: 60, Height: 20, Label: "Mulai"},
		{ID: "p2", Step: 2, Kind: ShapeProcess, X: 445, Y: 150, Width: 60, Height: 30},
		{ID: "d3", Step: 2, Kind: ShapeDecision, X: 445, Y: 205, Width: 60, Height: 40},
		{ID: "e4", Step: 3, Kind: ShapeEnd, X: 445, Y: 345, Width: 60, Height: 20, Label: "Selesai"},
		{ID: "o1", Kind: ShapeOffPage, X: 685, Y: 320, Width: 30, Height: 30, Label: "A"},
	}
	p1.Connectors = []Connector{
		{From: "s1", To: "p2", Arrow: true, Points: [][2]float64{{475, 140}, {475, 150}}},
		{From: "p2", To: "d3", Arrow: true, Points: [][2]float64{{475, 180}, {475, 205}}},
		{From: "d3", To: "o1", Label: "Tidak", Arrow: true, Points: [][2]float64{{505, 225}, {700, 225}, {700, 320}}},
		{From: "d3", To: "e4", Label: "Ya", Arrow: true, Points: [][2]float64{{475, 245}, {475, 345}}},
	}

	p2 := Page{Number: 2, Kind: "bpmn", Width: pdfTestA4Short, Height: pdfTestA4Long}
	p2.Images = []Image{{X: 40, Y: 20, Width: 60, Height: 60, Mime: "image/png", Data: logo}} // same logo: embedded once
	p2.Rules = []Rule{{X1: 30, Y1: 100, X2: 565, Y2: 100, Width: 0.75}, {X1: 30, Y1: 300, X2: 565, Y2: 300, Width: 0.75}}
	p2.Shapes = []Shape{
		{ID: "b1", Kind: ShapeStartEvent, X: 60, Y: 180, Width: 30, Height: 30},
		{ID: "b2", Kind: ShapeTask, X: 130, Y: 165, Width: 120, Height: 60, Lines: []string{"Verifikasi", "dokumen"}},
		{ID: "b3", Kind: ShapeGateway, X: 290, Y: 175, Width: 40, Height: 40},
		{ID: "b4", Kind: ShapeEndEvent, X: 400, Y: 180, Width: 30, Height: 30},
	}
	p2.Connectors = []Connector{
		{From: "b1", To: "b2", Arrow: true, Points: [][2]float64{{90, 195}, {130, 195}}},
		{From: "b2", To: "b3", Arrow: true, Points: [][2]float64{{250, 195}, {290, 195}}},
		{From: "b3", To: "b4", Arrow: true, Points: [][2]float64{{330, 195}, {400, 195}}},
		{From: "b3", To: "b2", Arrow: false, Points: [][2]float64{{310, 215}, {310, 250}, {190, 250}, {190, 225}}},
	}
	p2.Texts = []Text{
		{X: 297.64, Y: 60, Size: 12, Bold: true, Anchor: "middle", Class: "title", Text: "Diagram BPMN"},
		{X: 40, Y: 95, Size: 9, Bold: true, Underline: true, Class: "header", Text: "Bagian Umum"},
		{X: 190, Y: 192, Size: 9, Anchor: "middle", Class: "task", Text: "Verifikasi"},
		{X: 190, Y: 204, Size: 9, Anchor: "middle", Class: "task", Text: "dokumen"},
		{X: 20, Y: 290, Size: 9, Bold: true, Rotate: true, Anchor: "middle", Class: "lane", Text: "Kepala Subbagian"},
		{X: 560, Y: 820, Size: 8, Anchor: "end", Class: "footer", Text: "Halaman 2 dari 2 — dicetak otomatis"},
	}
	return &Diagram{
		Unit:  "pt",
		Title: "Prosedur Pengadaan Barang",
		Desc:  "SOP pengadaan barang dan jasa di lingkungan kantor",
		Pages: []Page{p1, p2},
	}
}

func pdfTestWrite(t testing.TB, d *Diagram) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePDF(&buf, d); err != nil {
		t.Fatalf("WritePDF: %v", err)
	}
	return buf.Bytes()
}

// pdfTestTool returns the path of a poppler tool, skipping the test when it
// is not installed.
func pdfTestTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not on PATH: install poppler-utils to check the PDF's content", name)
	}
	return p
}

// pdfTestFile writes data to a temporary file and returns its path.
func pdfTestFile(t *testing.T, data []byte) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func pdfTestRun(t *testing.T, tool string, args ...string) string {
	t.Helper()
	out, err := exec.Command(pdfTestTool(t, tool), args...).Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("%s %s: %v\n%s", tool, strings.Join(args, " "), err, msg)
	}
	return string(out)
}

func TestWritePDFDeterministic(t *testing.T) {
	d := pdfTestDiagram(t)
	first := pdfTestWrite(t, d)
	if !bytes.HasPrefix(first, []byte("%PDF-")) {
		t.Fatalf("output starts with %q, want %%PDF-", first[:min(len(first), 16)])
	}
	if !bytes.HasSuffix(bytes.TrimSpace(first), []byte("%%EOF")) {
		t.Errorf("output does not end with %%%%EOF")
	}
	for i := range 5 {
		// A fresh diagram each time, so nothing is shared but the fonts.
		if again := pdfTestWrite(t, pdfTestDiagram(t)); !bytes.Equal(first, again) {
			t.Fatalf("run %d: output differs (%d vs %d bytes)", i+2, len(first), len(again))
		}
	}
	for _, want := range []string{"/Title ", "/Subject ", "/Creator ", "/CreationDate (D:20000101000000)", "/ModDate (D:20000101000000)"} {
		if !bytes.Contains(first, []byte(want)) {
			t.Errorf("output lacks %q", want)
		}
	}
	// The logo is used on both pages but embedded once.
	if n := bytes.Count(first, []byte("/Subtype /Image")); n != 2 { // the image and its soft mask
		t.Errorf("%d image objects, want 2 (one logo and its alpha mask)", n)
	}
	// The font is embedded as a subset: far smaller than the two faces.
	if full := len(FontFace(false).ttf) + len(FontFace(true).ttf); len(first) > full/4 {
		t.Errorf("PDF is %d bytes; the fonts alone are %d: not subset?", len(first), full)
	}
}

func TestWritePDFText(t *testing.T) {
	d := pdfTestDiagram(t)
	name := pdfTestFile(t, pdfTestWrite(t, d))
	for i, p := range d.Pages {
		n := strconv.Itoa(i + 1)
		out := pdfTestRun(t, "pdftotext", "-raw", "-f", n, "-l", n, name, "-")
		flat := strings.Join(strings.Fields(out), " ")
		for _, tx := range p.Texts {
			if !strings.Contains(flat, tx.Text) {
				t.Errorf("page %d: text %q not extracted; got:\n%s", i+1, tx.Text, out)
			}
		}
	}
}

// TestWritePDFTextPlacement checks with pdftotext -bbox that horizontal
// texts start and end where their anchors and the layout's measure say.
func TestWritePDFTextPlacement(t *testing.T) {
	d := pdfTestDiagram(t)
	name := pdfTestFile(t, pdfTestWrite(t, d))
	out := pdfTestRun(t, "pdftotext", "-bbox", "-f", "1", "-l", "1", name, "-")
	word := regexp.MustCompile(`<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>`)
	type box struct{ x0, y0, x1, y1 float64 }
	boxes := map[string][]box{}
	for _, m := range word.FindAllStringSubmatch(out, -1) {
		var b box
		for i, p := range []*float64{&b.x0, &b.y0, &b.x1, &b.y1} {
			v, err := strconv.ParseFloat(m[i+1], 64)
			if err != nil {
				t.Fatal(err)
			}
			*p = v
		}
		boxes[m[5]] = append(boxes[m[5]], b)
	}
	checked := 0
	for _, tx := range d.Pages[0].Texts {
		if tx.Rotate || strings.Contains(tx.Text, " ") {
			continue // one word per Text keeps the matching simple
		}
		w := FontFace(tx.Bold).Width(tx.Text, tx.Size)
		x := tx.X
		switch tx.Anchor {
		case "middle":
			x -= w / 2
		case "end":
			x -= w
		}
		found := false
		for _, b := range boxes[tx.Text] {
			if b.y0 < tx.Y && tx.Y < b.y1 && math.Abs(b.x0-x) < 0.3 && math.Abs(b.x1-(x+w)) < 0.3 {
				found = true
			}
		}
		if !found {
			t.Errorf("%q (anchor %q at %g,%g): want x %.2f..%.2f, got boxes %v", tx.Text, tx.Anchor, tx.X, tx.Y, x, x+w, boxes[tx.Text])
		}
		checked++
	}
	if checked < 8 {
		t.Errorf("only %d texts checked", checked)
	}
}

func TestWritePDFInfo(t *testing.T) {
	d := pdfTestDiagram(t)
	name := pdfTestFile(t, pdfTestWrite(t, d))
	out := pdfTestRun(t, "pdfinfo", "-f", "1", "-l", "2", name)
	field := func(key string) string {
		re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `:\s*(.*)$`)
		m := re.FindStringSubmatch(out)
		if m == nil {
			t.Errorf("pdfinfo: no %q in:\n%s", key, out)
			return ""
		}
		return strings.TrimSpace(m[1])
	}
	if got := field("Pages"); got != "2" {
		t.Errorf("Pages: %q, want 2", got)
	}
	if got := field("Title"); got != d.Title {
		t.Errorf("Title: %q, want %q", got, d.Title)
	}
	if got := field("Subject"); got != d.Desc {
		t.Errorf("Subject: %q, want %q", got, d.Desc)
	}
	if got := field("Creator"); got != "sopflow" {
		t.Errorf("Creator: %q, want sopflow", got)
	}
	for i, p := range d.Pages {
		got := field(fmt.Sprintf("Page %4d size", i+1))
		want := fmt.Sprintf("%.2f x %.2f pts", p.Width, p.Height)
		if !strings.HasPrefix(got, want) {
			t.Errorf("page %d size: %q, want %q", i+1, got, want)
		}
	}

	fonts := pdfTestRun(t, "pdffonts", name)
	if !strings.Contains(fonts, "CID TrueType") || strings.Count(fonts, "Identity-H") != 2 {
		t.Errorf("pdffonts: want two embedded CID TrueType fonts:\n%s", fonts)
	}
	for _, line := range strings.Split(fonts, "\n")[2:] {
		if f := strings.Fields(line); len(f) >= 7 && f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", line)
		}
	}
}

func TestWritePDFErrors(t *testing.T) {
	var buf bytes.Buffer
	for _, d := range []*Diagram{nil, {}, {Pages: []Page{}}} {
		if err := WritePDF(&buf, d); err == nil || !strings.Contains(err.Error(), "no pages") {
			t.Errorf("WritePDF(%v): error %v, want 'no pages'", d, err)
		}
	}
	if err := WritePDF(&buf, &Diagram{Pages: []Page{{Number: 1}}}); err == nil {
		t.Error("page without a size: no error")
	}
	nan := &Diagram{Pages: []Page{{Width: 100, Height: 100, Texts: []Text{{X: math.NaN(), Y: 10, Size: 9, Text: "x"}}}}}
	if err := WritePDF(&buf, nan); err == nil {
		t.Error("NaN coordinate: no error")
	}
	gif := &Diagram{Pages: []Page{{Width: 100, Height: 100, Images: []Image{{Width: 10, Height: 10, Mime: "image/gif", Data: []byte("GIF89a")}}}}}
	if err := WritePDF(&buf, gif); err == nil || !strings.Contains(err.Error(), "unsupported image type") {
		t.Errorf("GIF image: error %v, want unsupported image type", err)
	}
	bad := &Diagram{Pages: []Page{{Width: 100, Height: 100, Images: []Image{{Width: 10, Height: 10, Mime: "image/png", Data: []byte("\x89PNG\r\n\x1a\nIHDR")}}}}}
	if err := WritePDF(&buf, bad); err == nil {
		t.Error("truncated PNG: no error")
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written by failing calls", buf.Len())
	}
}

// TestWritePDFOddInput checks that text fpdf cannot encode as it is and
// images fpdf cannot read as they are still give a valid PDF.
func TestWritePDFOddInput(t *testing.T) {
	pal := image.NewPaletted(image.Rect(0, 0, 8, 8), palette.Plan9)
	pal.Pix[3] = 7
	var palPNG bytes.Buffer
	if err := png.Encode(&palPNG, pal); err != nil {
		t.Fatal(err)
	}
	g16 := image.NewGray16(image.Rect(0, 0, 9, 5))
	g16.SetGray16(1, 1, color.Gray16{Y: 0x1234})
	var g16PNG bytes.Buffer
	if err := png.Encode(&g16PNG, g16); err != nil {
		t.Fatal(err)
	}
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, image.NewRGBA(image.Rect(0, 0, 7, 3)), nil); err != nil {
		t.Fatal(err)
	}
	d := &Diagram{
		Title: "Judul \xff rusak 😀",
		Pages: []Page{{
			Width: 300, Height: 200,
			Texts: []Text{
				{X: 10, Y: 20, Size: 9, Text: "emoji 😀 dan \xfe\xff byte rusak"},
				{X: 10, Y: 40, Size: 0, Text: "size zero is skipped"},
				{X: 10, Y: 60, Size: 9, Text: ""},
				{X: 10, Y: 80, Size: 9, Text: "(kurung) \\ garis miring\ttab"},
			},
			Images: []Image{
				{X: 10, Y: 100, Width: 30, Height: 30, Mime: "image/png", Data: palPNG.Bytes()},
				{X: 50, Y: 100, Width: 30, Height: 30, Mime: "image/png", Data: g16PNG.Bytes()},
				{X: 90, Y: 100, Width: 30, Height: 30, Mime: "image/jpeg", Data: jpg.Bytes()},
				{X: 130, Y: 100, Width: 0, Height: 30, Mime: "image/png", Data: palPNG.Bytes()},
			},
			Connectors: []Connector{{Arrow: true, Points: [][2]float64{{1, 1}}}, {Arrow: true}},
		}},
	}
	data := pdfTestWrite(t, d)
	if !bytes.Equal(data, pdfTestWrite(t, d)) {
		t.Error("output differs between runs")
	}
	name := pdfTestFile(t, data)
	out := pdfTestRun(t, "pdftotext", "-raw", name, "-")
	for _, want := range []string{"emoji \uFFFD dan \uFFFD\uFFFD byte rusak", "(kurung) \\ garis miring"} {
		if !strings.Contains(out, want) {
			t.Errorf("text %q not extracted; got:\n%s", want, out)
		}
	}
	if strings.Contains(out, "size zero") {
		t.Error("a text of size 0 was drawn")
	}
	if info := pdfTestRun(t, "pdfinfo", name); !regexp.MustCompile(`(?m)^Title:\s+Judul \x{FFFD} rusak \x{FFFD}$`).MatchString(info) {
		t.Errorf("pdfinfo title:\n%s", info)
	}
}

// TestWritePDFImagesSameWidth: fpdf orders image objects by pixel width
// alone (equal widths in map order), so WritePDF gives every image a width
// of its own.
func TestWritePDFImagesSameWidth(t *testing.T) {
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, image.NewGray(image.Rect(0, 0, 20, 8)), nil); err != nil {
		t.Fatal(err)
	}
	ims := []Image{
		{Mime: "image/png", Data: pdfTestPNG(t, 20, 10)},
		{Mime: "image/png", Data: pdfTestPNG(t, 20, 12)},
		{Mime: "image/jpeg", Data: jpg.Bytes()},
		{Mime: "image/png", Data: pdfTestPNG(t, 40, 10)},
		{Mime: "image/png", Data: pdfTestPNG(t, 20, 10)}, // the first again
	}
	for i := range ims {
		ims[i].X, ims[i].Y, ims[i].Width, ims[i].Height = 10+float64(i)*50, 10, 40, 40
	}
	d := &Diagram{Pages: []Page{{Width: 300, Height: 100, Images: ims}}}
	first := pdfTestWrite(t, d)
	for i := range 20 {
		if !bytes.Equal(first, pdfTestWrite(t, d)) {
			t.Fatalf("run %d: output differs", i+2)
		}
	}
	out := pdfTestRun(t, "pdfimages", "-list", pdfTestFile(t, first))
	var widths []string
	for _, line := range strings.Split(out, "\n")[2:] {
		if f := strings.Fields(line); len(f) > 4 && f[2] == "image" {
			widths = append(widths, f[3]+"x"+f[4])
		}
	}
	// Drawn in order: 20x10, 20x12 widened twice, the JPEG thrice, 40x10
	// twice (40 is taken), the first again.
	if got, want := strings.Join(widths, " "), "20x10 40x12 60x8 80x10 20x10"; got != want {
		t.Errorf("image sizes %q, want %q", got, want)
	}
}

// TestWritePDFConcurrent checks that concurrent calls give the same bytes
// and leave the shared embedded fonts untouched (run with -race).
func TestWritePDFConcurrent(t *testing.T) {
	sum := func() [2][32]byte {
		return [2][32]byte{sha256.Sum256(FontFace(false).ttf), sha256.Sum256(FontFace(true).ttf)}
	}
	before := sum()
	want := pdfTestWrite(t, pdfTestDiagram(t))
	d := pdfTestDiagram(t) // shared between the goroutines: WritePDF only reads it
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			var buf bytes.Buffer
			if err := WritePDF(&buf, d); err != nil {
				t.Error(err)
			} else if !bytes.Equal(buf.Bytes(), want) {
				t.Error("concurrent output differs")
			}
		})
	}
	wg.Wait()
	if sum() != before {
		t.Error("WritePDF modified the embedded font data")
	}
}

// pdfBenchDiagram is a realistic 50-step SOP over 3 pages: about 600 texts,
// 300 rules, 60 shapes and 60 connectors.
func pdfBenchDiagram(tb testing.TB) *Diagram {
	words := strings.Fields("Menerima memeriksa surat permohonan dari unit kerja kelengkapan berkas " +
		"menyusun laporan hasil verifikasi dokumen pengadaan barang dan jasa menyampaikan kepada " +
		"kepala bagian umum untuk ditandatangani mengarsipkan disposisi formulir daftar hadir")
	d := &Diagram{Unit: "pt", Title: "Prosedur Pengadaan Barang dan Jasa", Desc: "SOP 50 langkah"}
	logo := pdfTestPNG(tb, 120, 90)
	step, wi := 0, 0
	for pn := range 3 {
		p := Page{Number: pn + 1, Kind: "flowchart", Width: pdfTestA4Long, Height: pdfTestA4Short}
		p.Images = []Image{{X: 30, Y: 15, Width: 40, Height: 30, Mime: "image/png", Data: logo}}
		p.Texts = append(p.Texts, Text{X: 420, Y: 30, Size: 12, Bold: true, Anchor: "middle", Text: d.Title})
		for i, h := range []string{"No", "Kegiatan", "Pelaksana", "Kelengkapan", "Waktu", "Output", "Keterangan"} {
			p.Texts = append(p.Texts, Text{X: 60 + float64(i)*110, Y: 62, Size: 8, Bold: true, Anchor: "middle", Text: h})
		}
		rows := 17
		if pn == 2 {
			rows = 16
		}
		for r := range rows {
			step++
			y := 70 + float64(r)*30
			for c := range 5 {
				x := 20 + float64(c)*200
				p.Rules = append(p.Rules, Rule{X1: x, Y1: y, X2: x, Y2: y + 30, Width: 0.5})
			}
			p.Rules = append(p.Rules, Rule{X1: 20, Y1: y, X2: 820, Y2: y, Width: 0.5})
			p.Texts = append(p.Texts, Text{X: 40, Y: y + 12, Size: 8, Anchor: "middle", Text: strconv.Itoa(step)})
			for c := range 10 {
				line := ""
				for range 4 {
					line += words[wi%len(words)] + " "
					wi++
				}
				col := 1 + c%5
				if col == 2 {
					col = 6
				}
				p.Texts = append(p.Texts, Text{X: 25 + float64(col)*110, Y: y + 10 + float64(c/5)*10, Size: 7, Text: strings.TrimSpace(line)})
			}
			p.Texts = append(p.Texts, Text{X: 270, Y: y + 18, Size: 7, Anchor: "middle", Text: "Ya"})
			kind := ShapeProcess
			switch {
			case step == 1:
				kind = ShapeStart
			case step == 50:
				kind = ShapeEnd
			case step%5 == 0:
				kind = ShapeDecision
			}
			sx := 250.0 + float64(step%3)*20
			p.Shapes = append(p.Shapes, Shape{ID: fmt.Sprint("s", step), Step: step, Kind: kind, X: sx, Y: y + 5, Width: 60, Height: 20})
			if r < rows-1 {
				p.Connectors = append(p.Connectors, Connector{Arrow: true, Points: [][2]float64{{sx + 30, y + 25}, {sx + 30, y + 30}, {250 + float64((step+1)%3)*20 + 30, y + 30}, {250 + float64((step+1)%3)*20 + 30, y + 35}}})
			}
		}
		for r := range 4 {
			p.Shapes = append(p.Shapes, Shape{ID: fmt.Sprint("o", pn, r), Kind: ShapeOffPage, X: 400, Y: 50 + float64(r)*100, Width: 20, Height: 20})
			p.Connectors = append(p.Connectors, Connector{Arrow: true, Points: [][2]float64{{300, 60 + float64(r)*100}, {400, 60 + float64(r)*100}}})
			p.Texts = append(p.Texts, Text{X: 410, Y: 63 + float64(r)*100, Size: 8, Anchor: "middle", Text: string(rune('A' + r))})
		}
		for r := range 8 {
			p.Rules = append(p.Rules, Rule{X1: 20, Y1: 40 + float64(r), X2: 820, Y2: 40 + float64(r), Width: 0.25})
		}
		d.Pages = append(d.Pages, p)
	}
	return d
}

func TestPDFBenchDiagramSize(t *testing.T) {
	d := pdfBenchDiagram(t)
	var texts, rules, shapes, conns int
	for _, p := range d.Pages {
		texts += len(p.Texts)
		rules += len(p.Rules)
		shapes += len(p.Shapes)
		conns += len(p.Connectors)
	}
	t.Logf("%d pages, %d texts, %d rules, %d shapes, %d connectors", len(d.Pages), texts, rules, shapes, conns)
	if texts < 550 || rules < 280 || shapes < 55 || conns < 55 {
		t.Errorf("benchmark diagram too small")
	}
	if b := pdfTestWrite(t, d); !bytes.Equal(b, pdfTestWrite(t, d)) {
		t.Error("output differs between runs")
	}
}

func BenchmarkPDF(b *testing.B) {
	d := pdfBenchDiagram(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := WritePDF(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/pdf")
}
