package render

import (
	"encoding/json"
	"encoding/xml"
	"image"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goldenDiagrams reads the table layouts of the examples back from their
// golden JSON (testdata/*/*.layout.json, written by package table's tests).
func goldenDiagrams(t *testing.T) map[string]*Diagram {
	t.Helper()
	files, _ := filepath.Glob("../testdata/examples/*.layout.json")
	more, _ := filepath.Glob("../testdata/render/*.layout.json")
	out := map[string]*Diagram{}
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d := new(Diagram)
		if err := json.Unmarshal(b, d); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".layout.json")] = d
	}
	if len(out) == 0 {
		t.Fatal("no layout goldens found")
	}
	return out
}

// textBox is the box a text's glyphs take, roughly: its advance, most of
// its ascent and half its descent.
func textBox(t Text) (x0, y0, x1, y1 float64) {
	start, w := TextAdvance(t)
	f := FontFace(t.Bold)
	return t.X + start, t.Y - f.Ascent(t.Size)*0.8, t.X + start + w, t.Y + f.Descent(t.Size)*0.5
}

// recorder is a painter that notes what it is asked to draw.
type recorder struct {
	rules, shapes, flows, heads, hopped int
	texts                               []Text
	marks                               []mark // a point that must be inked, per thing drawn
}

type mark struct {
	what string
	x, y float64
}

func (r *recorder) image(int, *Image) error { return nil }

func (r *recorder) rule(_ int, ru *Rule) error {
	r.rules++
	if ru.Width > 0 {
		r.marks = append(r.marks, mark{"rule", (ru.X1 + ru.X2) / 2, (ru.Y1 + ru.Y2) / 2})
	}
	return nil
}

func (r *recorder) shape(_ int, s *Shape, o Path) error {
	r.shapes++
	// The first point of the outline lies on it.
	r.marks = append(r.marks, mark{"shape " + s.ID, o[0].pts[0][0], o[0].pts[0][1]})
	return nil
}

func (r *recorder) flow(_ int, c *Connector, line Path, hopped bool, head Path) error {
	r.flows++
	if hopped {
		r.hopped++
	}
	if head != nil {
		r.heads++
	}
	// The middle of the longest segment of the line (a hop lies within
	// 4 pt of no end, so the middle of a long segment may be a hop: take a
	// point a quarter along).
	pts := LinePoints(*c)
	best, bl := 0, -1.0
	for i := 1; i < len(pts); i++ {
		if l := math.Abs(pts[i][0]-pts[i-1][0]) + math.Abs(pts[i][1]-pts[i-1][1]); l > bl {
			best, bl = i, l
		}
	}
	if bl >= 4 {
		a, b := pts[best-1], pts[best]
		r.marks = append(r.marks, mark{"flow " + c.From + "->" + c.To, a[0] + (b[0]-a[0])*0.27, a[1] + (b[1]-a[1])*0.27})
	}
	return nil
}

func (r *recorder) text(_ int, t *Text) error {
	r.texts = append(r.texts, *t)
	return nil
}

// TestWritersDrawTheSame lays out every example and checks that SVG, PDF
// and PNG each show what the one walk over the page asked them to draw:
// the same elements and texts in SVG, the same words in PDF, ink at a
// point of every rule, symbol, flow and text in PNG.
func TestWritersDrawTheSame(t *testing.T) {
	for name, d := range goldenDiagrams(t) {
		t.Run(name, func(t *testing.T) {
			for pi := range d.Pages {
				pg := &d.Pages[pi]
				var rec recorder
				if err := drawPage(pg, &rec); err != nil {
					t.Fatal(err)
				}
				checkSVGDrew(t, d, pi, &rec)
				checkPNGDrew(t, d, pi, &rec)
			}
			checkPDFDrew(t, d)
		})
	}
}

func checkSVGDrew(t *testing.T, d *Diagram, pi int, rec *recorder) {
	t.Helper()
	var b strings.Builder
	if err := WriteSVG(&b, d, WriteOptions{Page: pi + 1}); err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	var texts []string
	dec := xml.NewDecoder(strings.NewReader(b.String()))
	inText := false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			class := ""
			for _, a := range e.Attr {
				if a.Name.Local == "class" {
					class = strings.Fields(a.Value)[0]
				}
			}
			count[e.Name.Local+"."+class]++
			inText = e.Name.Local == "text"
			if inText {
				texts = append(texts, "")
			}
		case xml.CharData:
			if inText {
				texts[len(texts)-1] += string(e)
			}
		case xml.EndElement:
			inText = false
		}
	}
	flows := count["polyline.connector"] + count["path.connector"]
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"rules", count["line.rule"], rec.rules},
		{"symbols", count["path.shape"], rec.shapes},
		{"flow lines", flows, rec.flows},
		{"flow lines with hops", count["path.connector"], rec.hopped},
		{"arrowheads", count["path.arrowhead"], rec.heads},
		{"texts", len(texts), len(rec.texts)},
	} {
		if c.got != c.want {
			t.Errorf("page %d: SVG has %d %s, the page %d", pi+1, c.got, c.what, c.want)
		}
	}
	for i := 0; i < len(texts) && i < len(rec.texts); i++ {
		if texts[i] != rec.texts[i].Text {
			t.Errorf("page %d: SVG text %d is %q, the page's %q", pi+1, i, texts[i], rec.texts[i].Text)
			break
		}
	}
}

func checkPNGDrew(t *testing.T, d *Diagram, pi int, rec *recorder) {
	t.Helper()
	const dpi = 144.0
	img := pngDecode(t, d, pi+1, dpi)
	s := dpi / 72
	inked := func(x, y, r float64) bool {
		cx, cy := int(math.Round(x*s)), int(math.Round(y*s))
		k := int(math.Ceil(r * s))
		for yy := cy - k; yy <= cy+k; yy++ {
			for xx := cx - k; xx <= cx+k; xx++ {
				if image.Pt(xx, yy).In(img.Bounds()) {
					if r, _, _, _ := img.At(xx, yy).RGBA(); r < 0x8000 {
						return true
					}
				}
			}
		}
		return false
	}
	missing := 0
	for _, m := range rec.marks {
		if !inked(m.x, m.y, 1) {
			missing++
			if missing <= 3 {
				t.Errorf("page %d: PNG has no ink at (%.1f, %.1f), on %s", pi+1, m.x, m.y, m.what)
			}
		}
	}
	for _, tx := range rec.texts {
		if strings.TrimSpace(tx.Text) == "" || tx.Rotate {
			continue
		}
		x0, y0, x1, y1 := textBox(tx)
		if !inked((x0+x1)/2, (y0+y1)/2, math.Max(x1-x0, y1-y0)/2) {
			t.Errorf("page %d: PNG shows no ink where text %q stands", pi+1, tx.Text)
		}
	}
}

func checkPDFDrew(t *testing.T, d *Diagram) {
	t.Helper()
	var buf strings.Builder
	if err := WritePDF(&buf, d); err != nil {
		t.Fatal(err)
	}
	out := pdfTestRun(t, "pdftotext", "-raw", pdfTestFile(t, []byte(buf.String())), "-")
	pages := strings.Split(out, "\f")
	for pi := range d.Pages {
		var rec recorder
		if err := drawPage(&d.Pages[pi], &rec); err != nil {
			t.Fatal(err)
		}
		if pi >= len(pages) {
			t.Fatalf("the PDF has %d pages, the diagram %d", len(pages)-1, len(d.Pages))
		}
		have := map[string]int{}
		for _, w := range strings.Fields(pages[pi]) {
			have[w]++
		}
		for _, tx := range rec.texts {
			for _, w := range strings.Fields(tx.Text) {
				if have[w] == 0 {
					t.Errorf("page %d: the PDF lacks the word %q of text %q", pi+1, w, tx.Text)
					return
				}
				have[w]--
			}
		}
	}
}

// TestJSONDrawsTheSame: the layout JSON read back draws the same SVG as
// the Diagram it came from, stroke widths included.
func TestJSONDrawsTheSame(t *testing.T) {
	for name, d := range goldenDiagrams(t) {
		var js strings.Builder
		if err := WriteJSON(&js, d); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(js.String(), `"stroke": 1`) {
			t.Errorf("%s: the JSON carries no stroke widths", name)
		}
		var back Diagram
		if err := json.Unmarshal([]byte(js.String()), &back); err != nil {
			t.Fatal(err)
		}
		var a, b strings.Builder
		if err := WriteSVG(&a, d, WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := WriteSVG(&b, &back, WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Errorf("%s: the SVG of the JSON read back differs from the SVG of the layout", name)
		}
	}
}
