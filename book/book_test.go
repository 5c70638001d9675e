package book

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"slices"
	"strings"
	"testing"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/internal/testsop"
	"github.com/sopflow/sopflow/render"
	"github.com/sopflow/sopflow/table"
)

// examples are the repository's examples as SOPs of a book, by name.
func examples(t testing.TB) []SOP {
	t.Helper()
	ps := testsop.Dir(t, "examples", "")
	var out []SOP
	for name, p := range ps {
		out = append(out, SOP{File: name + ".toml", Proc: p})
	}
	slices.SortFunc(out, func(a, b SOP) int { return strings.Compare(a.File, b.File) })
	return out
}

// TestWritePages: each SOP's pages are the pages table.Layout gives it,
// in the order given, after the cover and the daftar isi, and the
// progress is reported in order.
func TestWritePages(t *testing.T) {
	sops := examples(t)
	var progress []string
	var buf bytes.Buffer
	res, err := Write(&buf, nil, sops, Options{Progress: func(done, pages int) {
		progress = append(progress, fmt.Sprint(done, "/", pages))
	}})
	if err != nil {
		t.Fatal(err)
	}
	page := 3 // cover, daftar isi
	var want []string
	for i, s := range sops {
		d, err := table.Layout(s.Proc, table.LayoutOptions{})
		if err != nil {
			t.Fatal(err)
		}
		e := res.Entries[i]
		if e.File != s.File || e.FirstPage != page || e.Pages != len(d.Pages) || e.Steps != len(s.Proc.Steps) || e.Actors != len(s.Proc.Actors) {
			t.Errorf("entry %d = %+v; want %s from page %d, %d pages", i, e, s.File, page, len(d.Pages))
		}
		page += len(d.Pages)
		want = append(want, fmt.Sprint(i+1, "/", page-1))
	}
	if res.Pages != page-1 {
		t.Errorf("%d pages, want %d", res.Pages, page-1)
	}
	if !slices.Equal(progress, want) {
		t.Errorf("progress %v, want %v", progress, want)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(buf.Bytes()), []byte("%%EOF")) {
		t.Error("not a whole PDF")
	}
}

// TestWriteWorkers: the bytes do not depend on how many SOPs are laid out
// at once.
func TestWriteWorkers(t *testing.T) {
	var sops []SOP
	for i := range 12 {
		p := testsop.Parse(t, "x.toml", testsop.Branchy(8+i, 3+i%4))
		p.Name = fmt.Sprintf("Prosedur %d", i+1)
		p.Identity.Number = fmt.Sprintf("SOP-%d", 12-i)
		sops = append(sops, SOP{File: fmt.Sprintf("sop-%d.toml", i), Proc: p})
	}
	Sort(sops)
	if sops[0].Proc.Identity.Number != "SOP-1" || sops[11].Proc.Identity.Number != "SOP-12" {
		t.Fatalf("Sort: %s ... %s", sops[0].Proc.Identity.Number, sops[11].Proc.Identity.Number)
	}
	var first []byte
	for _, w := range []int{1, 2, 5} {
		var buf bytes.Buffer
		if _, err := Write(&buf, &Config{Place: "Sukamaju", Year: "2026"}, sops, Options{Workers: w}); err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = buf.Bytes()
		} else if !bytes.Equal(first, buf.Bytes()) {
			t.Errorf("%d workers wrote other bytes than 1", w)
		}
	}
}

// TestWriteFails: an SOP that cannot be laid out stops the book, names
// its file, and nothing is written.
func TestWriteFails(t *testing.T) {
	sops := examples(t)
	bad := testsop.Built()
	bad.Steps[0].Actors = []int{7} // no such actor: Validate refuses it
	sops = append(sops[:2], append([]SOP{{File: "rusak.toml", Proc: bad}}, sops[2:]...)...)
	var buf bytes.Buffer
	_, err := Write(&buf, nil, sops, Options{Workers: 2})
	if err == nil || !strings.HasPrefix(err.Error(), "rusak.toml: ") {
		t.Fatalf("err = %v, want one naming rusak.toml", err)
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written", buf.Len())
	}
	_, err = Write(&buf, nil, examples(t), Options{Layout: table.LayoutOptions{Margin: 60}})
	if !errors.Is(err, render.ErrMarginTooWide) {
		t.Errorf("margin 60 mm: err = %v", err)
	}
}

// TestFillFromSOPs: the cover takes the unit lines all SOPs start with,
// and the year of their latest date.
func TestFillFromSOPs(t *testing.T) {
	mk := func(unit []string, eff flow.Date) SOP {
		return SOP{Proc: &flow.Procedure{Identity: flow.Identity{Unit: unit, Effective: eff}}}
	}
	c := &Config{}
	fillFromSOPs(c, []SOP{
		mk([]string{"PEMERINTAH KABUPATEN X", "DINAS A", "BIDANG 1"}, flow.Date{Year: 2024, Month: 1, Day: 2}),
		mk([]string{"Pemerintah Kabupaten X", "DINAS A", "BIDANG 2"}, flow.Date{Text: "Desember 2025"}),
	})
	if strings.Join(c.Unit, "|") != "PEMERINTAH KABUPATEN X|DINAS A" || c.Year != "2025" {
		t.Errorf("unit %q, year %q", c.Unit, c.Year)
	}
}

func TestNaturalCompare(t *testing.T) {
	in := []string{"SOP-10", "sop-2", "SOP-1", "SOP-02a", "SOP-2b", "800/SOP-3/X", "800/SOP-21/X", "A", "SOP-001"}
	slices.SortStableFunc(in, NaturalCompare)
	want := "800/SOP-3/X 800/SOP-21/X A SOP-1 SOP-001 sop-2 SOP-02a SOP-2b SOP-10"
	if got := strings.Join(in, " "); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestParseConfig(t *testing.T) {
	c, err := ParseConfig("book.toml", []byte(`title = "BUKU SOP"
year = 2026
sops = ["a.toml", "b.toml"]
[decree]
number = "1/2026"
date = 2026-01-20
title = "SOP"
signer = { title = "Kepala Dinas A", name = "N" }
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "BUKU SOP" || c.Year != "2026" || len(c.SOPs) != 2 || c.Decree.Issuer != "KEPUTUSAN KEPALA DINAS A" ||
		c.Decree.Date != (flow.Date{Year: 2026, Month: 1, Day: 20}) {
		t.Errorf("%+v %+v", c, c.Decree)
	}
	for _, tc := range []struct{ src, want string }{
		{"titel = \"x\"", `book.toml:1:1: unknown key "titel" in the book settings (did you mean "title"?)`},
		{"title = \"x\"\n[decree]\nnumbr = \"1\"", `book.toml:3:1: unknown key "decree.numbr"`},
		{"year = 1.5", "book.toml:1:8: year must be a number or a text"},
		{"sops = [\"a.toml\", \"a.toml\"]", `book.toml:1:19: sops: "a.toml" is listed twice`},
		{"[decree]\ntitle = \"x\"\nsigner = { title = \"K\" }", "book.toml:1:1: decree: number is missing"},
		{"title = ", "book.toml:1:"},
	} {
		_, err := ParseConfig("book.toml", []byte(tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err = %v, want %q", tc.src, err, tc.want)
		}
	}
}

// TestCover: the cover draws the settings, falling back on what the SOPs
// share, and the logo they share.
func TestCover(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 30, 40))
	var lb bytes.Buffer
	if err := png.Encode(&lb, img); err != nil {
		t.Fatal(err)
	}
	logo := lb.Bytes()
	a := SOP{Logo: logo, Proc: &flow.Procedure{Identity: flow.Identity{Unit: []string{"PEMERINTAH KOTA X", "DINAS Y"}, Created: flow.Date{Year: 2025, Month: 3, Day: 1}}}}
	b := a
	b.Proc = &flow.Procedure{Identity: flow.Identity{Unit: []string{"PEMERINTAH KOTA X", "DINAS Y", "BIDANG Z"}}}
	if got := sharedLogo([]SOP{a, b}); !bytes.Equal(got, logo) {
		t.Error("the logo both SOPs have is not the cover's")
	}
	if got := sharedLogo([]SOP{a, {Proc: b.Proc}}); got != nil {
		t.Error("a logo only one SOP has is the cover's")
	}
	c := &Config{Place: "Kota X"}
	fillFromSOPs(c, []SOP{a, b})
	for _, lang := range []string{"id", "en"} {
		pg, err := cover(c, logo, render.A4.Height, render.A4.Width, 10*render.Mm, lang)
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, x := range pg.Texts {
			texts = append(texts, x.Text)
		}
		want := []string{words[lang]["title"], "PEMERINTAH KOTA X", "DINAS Y", "KOTA X", strings.TrimSpace(words[lang]["year"] + " 2025")}
		if !slices.Equal(texts, want) || len(pg.Images) != 1 {
			t.Errorf("%s: cover texts %q, %d images; want %q and the logo", lang, texts, len(pg.Images), want)
		}
		for _, x := range pg.Texts {
			if w := render.FontFace(x.Bold).Width(x.Text, x.Size); x.Y > pg.Height-10*render.Mm || x.X-w/2 < 10*render.Mm {
				t.Errorf("%q outside the margins", x.Text)
			}
		}
	}
}

// TestOwnPagesClear: on the book's own pages (cover, appendix page, every
// page of a long daftar isi, the signature) in two papers, every text and
// image lies inside the margins and nothing overlaps anything else, the
// page number included.
func TestOwnPagesClear(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 300, 200))
	var lb bytes.Buffer
	if err := png.Encode(&lb, img); err != nil {
		t.Fatal(err)
	}
	d := &Decree{Issuer: "Keputusan Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Sukamaju",
		Number: "800/1234/DPMPTSP/2026", Date: flow.Date{Year: 2026, Month: 11, Day: 30},
		Title:  "Standar Operasional Prosedur Administrasi Pemerintahan di Lingkungan Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
		Signer: flow.Approver{Title: "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", Name: "Dra. Sri Rahayu Kusumawardani, M.M.", Rank: "Pembina Utama Muda (IV/c)", NIP: "19690825 199303 2 005"}}
	c := &Config{Subtitle: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", Place: "Sukamaju", Year: "2026",
		Unit: []string{"PEMERINTAH KABUPATEN SUKAMAJU", "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU"}, Decree: d}
	var procs []*flow.Procedure
	var first []int
	for i := range 75 {
		name := fmt.Sprintf("Pelayanan Permohonan Nomor %d", i+1)
		if i%7 == 0 {
			name += " bagi Pemohon Perseorangan, Badan Usaha dan Instansi Pemerintah yang Berkedudukan di Luar Daerah"
		}
		procs = append(procs, &flow.Procedure{Name: name, Identity: flow.Identity{Number: fmt.Sprintf("800/SOP-%d/DPMPTSP/2026", i+1)}})
		first = append(first, 100+10*i)
	}
	labels, _ := render.NewLabels(render.Permenpan35, "id", nil)
	for _, paper := range []struct {
		name string
		w, h float64
	}{{"a4 landscape", render.A4.Height, render.A4.Width}, {"f4 portrait", 215 * render.Mm, 330 * render.Mm}} {
		m := 10 * render.Mm
		cv, err := cover(c, lb.Bytes(), paper.w, paper.h, m, "id")
		if err != nil {
			t.Fatal(err)
		}
		pages := []*render.Page{cv, decreePage(c, paper.w, paper.h, m, "id", labels)}
		toc := newTOC(procs, d, paper.w, paper.h, m, "id", labels)
		if len(toc.pages) < 2 {
			t.Fatalf("%s: %d pages of daftar isi for 75 SOPs", paper.name, len(toc.pages))
		}
		links := 0
		for k := range toc.pages {
			pages = append(pages, toc.page(k, first, func(int, float64, float64, float64, float64) { links++ }))
		}
		if links != len(procs) {
			t.Errorf("%s: %d links for %d entries", paper.name, links, len(procs))
		}
		pages = append(pages, signaturePage(d, paper.w, paper.h, m, "id"))
		for n, p := range pages {
			if n > 0 {
				folio(p, n+1, m)
			}
			checkClear(t, fmt.Sprintf("%s, page %d (%s)", paper.name, n+1, p.Kind), p, m)
		}
	}
}

// checkClear fails when a text or image of p leaves the margins or
// overlaps another.
func checkClear(t *testing.T, where string, p *render.Page, m float64) {
	t.Helper()
	type box struct {
		what           string
		x0, y0, x1, y1 float64
	}
	var boxes []box
	for _, x := range p.Texts {
		start, w := render.TextAdvance(x)
		f := render.FontFace(x.Bold)
		boxes = append(boxes, box{x.Text, x.X + start, x.Y - f.Ascent(x.Size), x.X + start + w, x.Y + f.Descent(x.Size)})
	}
	for _, im := range p.Images {
		boxes = append(boxes, box{"image", im.X, im.Y, im.X + im.Width, im.Y + im.Height})
	}
	const eps = 0.05
	for i, a := range boxes {
		if a.x0 < m-eps || a.y0 < m-eps || a.x1 > p.Width-m+eps || a.y1 > p.Height-m+eps {
			t.Errorf("%s: %q outside the margins: %.1f,%.1f-%.1f,%.1f", where, a.what, a.x0, a.y0, a.x1, a.y1)
		}
		for _, b := range boxes[i+1:] {
			if a.x0 < b.x1-eps && b.x0 < a.x1-eps && a.y0 < b.y1-eps && b.y0 < a.y1-eps {
				t.Errorf("%s: %q overlaps %q", where, a.what, b.what)
			}
		}
	}
}
