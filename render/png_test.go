package render

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"os"
	"strings"
	"sync"
	"testing"
)

const (
	pngA4Long  = 841.89
	pngA4Short = 595.28
)

// pngDecode writes page page of d at dpi and decodes the result.
func pngDecode(t testing.TB, d *Diagram, page int, dpi float64) image.Image {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePNG(&buf, d, WriteOptions{Page: page, DPI: dpi}); err != nil {
		t.Fatalf("WritePNG: %v", err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatalf("decoding the output: %v", err)
	}
	return img
}

// pngGrayOf decodes d's first page at dpi and requires a greyscale image.
func pngGrayOf(t *testing.T, d *Diagram, dpi float64) *image.Gray {
	t.Helper()
	img := pngDecode(t, d, 0, dpi)
	g, ok := img.(*image.Gray)
	if !ok {
		t.Fatalf("got %T, want *image.Gray for a black and white page", img)
	}
	return g
}

func pngOnePage(w, h float64) *Diagram {
	return &Diagram{Unit: "pt", Pages: []Page{{Number: 1, Kind: "flowchart", Width: w, Height: h}}}
}

// pngAt returns the grey level at the point (x, y) in points, at s pixels per
// point.
func pngAt(g *image.Gray, s, x, y float64) uint8 {
	return g.GrayAt(int(math.Floor(x*s)), int(math.Floor(y*s))).Y
}

// pngDarkest returns the lowest grey level in the 3x3 pixels around (x, y) pt.
func pngDarkest(g *image.Gray, s, x, y float64) uint8 {
	px, py := int(math.Floor(x*s)), int(math.Floor(y*s))
	v := uint8(255)
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			v = min(v, g.GrayAt(px+dx, py+dy).Y)
		}
	}
	return v
}

// pngInked returns the bounding box of the pixels darker than 128 in r.
func pngInked(g *image.Gray, r image.Rectangle) (image.Rectangle, int) {
	var box image.Rectangle
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if g.GrayAt(x, y).Y < 128 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
				n++
			}
		}
	}
	return box, n
}

func TestPNGSize(t *testing.T) {
	for _, c := range []struct {
		w, h, dpi  float64
		wantW, wtH int
	}{
		{pngA4Long, pngA4Short, 150, 1754, 1240},
		{pngA4Long, pngA4Short, 0, 1754, 1240}, // the default resolution
		{pngA4Long, pngA4Short, 72, 842, 595},
		{pngA4Long, pngA4Short, 300, 3508, 2480},
		{pngA4Short, pngA4Long, 96, 794, 1123},
		{0.1, 0.1, 72, 1, 1}, // never an empty raster
	} {
		img := pngDecode(t, pngOnePage(c.w, c.h), 0, c.dpi)
		if b := img.Bounds(); b.Dx() != c.wantW || b.Dy() != c.wtH {
			t.Errorf("%gx%g pt at %g dpi: got %dx%d px, want %dx%d", c.w, c.h, c.dpi, b.Dx(), b.Dy(), c.wantW, c.wtH)
		}
		g, ok := img.(*image.Gray)
		if !ok {
			t.Fatalf("got %T, want *image.Gray", img)
		}
		if _, n := pngInked(g, g.Rect); n != 0 || g.Pix[0] != 255 {
			t.Errorf("an empty page is not white")
		}
	}
}

func TestPNGPageSelection(t *testing.T) {
	d := &Diagram{Pages: []Page{
		{Number: 1, Width: 100, Height: 50},
		{Number: 2, Width: 200, Height: 80},
	}}
	if err := WritePNG(io.Discard, d, WriteOptions{}); !errors.Is(err, ErrPageNeeded) {
		t.Errorf("page 0 of 2: err = %v, want ErrPageNeeded", err)
	}
	for page, want := range map[int]image.Point{1: {100, 50}, 2: {200, 80}} {
		if got := pngDecode(t, d, page, 72).Bounds().Size(); got != want {
			t.Errorf("page %d: got %v, want %v", page, got, want)
		}
	}
}

func TestPNGErrors(t *testing.T) {
	page := Page{Number: 1, Width: 100, Height: 100}
	for _, c := range []struct {
		name string
		d    *Diagram
		opt  WriteOptions
		want string
	}{
		{"nil diagram", nil, WriteOptions{}, "no diagram"},
		{"no pages", &Diagram{}, WriteOptions{}, "no pages"},
		{"page past the end", &Diagram{Pages: []Page{page}}, WriteOptions{Page: 2}, "out of range"},
		{"negative page", &Diagram{Pages: []Page{page}}, WriteOptions{Page: -1}, "out of range"},
		{"zero width", &Diagram{Pages: []Page{{Width: 0, Height: 100}}}, WriteOptions{}, "no area"},
		{"zero height", &Diagram{Pages: []Page{{Width: 100}}}, WriteOptions{}, "no area"},
		{"negative size", &Diagram{Pages: []Page{{Width: -100, Height: 100}}}, WriteOptions{}, "no area"},
		{"NaN size", &Diagram{Pages: []Page{{Width: math.NaN(), Height: 100}}}, WriteOptions{}, "no area"},
		{"infinite size", &Diagram{Pages: []Page{{Width: math.Inf(1), Height: 100}}}, WriteOptions{}, "no area"},
		{"negative DPI", &Diagram{Pages: []Page{page}}, WriteOptions{DPI: -72}, "resolution"},
		{"NaN DPI", &Diagram{Pages: []Page{page}}, WriteOptions{DPI: math.NaN()}, "resolution"},
		{"huge raster", &Diagram{Pages: []Page{{Width: pngA4Long, Height: pngA4Short}}}, WriteOptions{DPI: 1e5}, "lower resolution"},
		{"corrupt image", &Diagram{Pages: []Page{{Width: 100, Height: 100, Images: []Image{
			{X: 10, Y: 10, Width: 20, Height: 20, Mime: "image/png", Data: []byte("not an image")}}}}}, WriteOptions{}, "image 1"},
	} {
		var buf bytes.Buffer
		err := WritePNG(&buf, c.d, c.opt)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got error %v, want one containing %q", c.name, err, c.want)
		}
	}
}

// TestPNGNoPanic feeds degenerate geometry: nothing may panic, and what is
// valid is still drawn.
func TestPNGNoPanic(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	d := pngOnePage(100, 100)
	p := &d.Pages[0]
	p.Rules = []Rule{{X1: nan, Y1: 0, X2: 10, Y2: 10, Width: 1}, {X1: 0, Y1: 0, X2: inf, Y2: 0, Width: 1},
		{X1: 5, Y1: 5, X2: 5, Y2: 5, Width: 1}, {X1: -1000, Y1: 50, X2: 1000, Y2: 50, Width: nan}, {X1: 10, Y1: 90, X2: 90, Y2: 90, Width: inf}}
	p.Shapes = []Shape{{Kind: ShapeProcess}, {Kind: ShapeStart, X: 10, Y: 10, Width: 0, Height: 10},
		{Kind: ShapeDecision, X: nan, Y: 1, Width: 10, Height: 10}, {Kind: "unknown", X: 200, Y: 200, Width: 10, Height: 10}}
	p.Connectors = []Connector{{Arrow: true}, {Arrow: true, Points: [][2]float64{{1, 1}}},
		{Arrow: true, Points: [][2]float64{{1, 1}, {1, 1}, {1, 1}}}, {Arrow: true, Points: [][2]float64{{20, 20}, {20, 40}, {20, 20}}}}
	p.Texts = []Text{{Text: "x", Size: 0}, {Text: "x", Size: nan}, {Text: "", Size: 10, Underline: true},
		{Text: "\x00\ufffd\U0001F600\t", X: 10, Y: 30, Size: 10}, {Text: "x", X: inf, Y: 10, Size: 10}}
	p.Images = []Image{{X: 1, Y: 1, Width: 10, Height: 10}} // no data: skipped
	g := pngGrayOf(t, d, 72)
	// The NaN-width rule across the page is drawn as a hairline.
	if v := pngDarkest(g, 1, 50, 50); v > 64 {
		t.Errorf("a rule with a NaN width vanished: grey %d", v)
	}
}

// TestPNGPixels draws each kind of element at 144 dpi (2 px/pt) and checks
// ink where it must be and white where it must not.
func TestPNGPixels(t *testing.T) {
	const s = 2.0
	d := pngOnePage(400, 300)
	p := &d.Pages[0]
	p.Rules = []Rule{
		{X1: 20, Y1: 20, X2: 380, Y2: 20, Width: 1}, // 2 px: rows 39 and 40
		{X1: 30, Y1: 10, X2: 30, Y2: 290, Width: 0.5},
		// A rule running under the process box: its white fill hides it.
		{X1: 50, Y1: 120, X2: 350, Y2: 120, Width: 1},
		// Crossing rules, drawn in opposite directions.
		{X1: 300, Y1: 200, X2: 380, Y2: 200, Width: 1},
		{X1: 340, Y1: 240, X2: 340, Y2: 160, Width: 1},
		{X1: 380, Y1: 220, X2: 300, Y2: 220, Width: 1},
		// A hairline.
		{X1: 20, Y1: 280, X2: 120, Y2: 280, Width: 0.01},
	}
	p.Shapes = []Shape{
		{ID: "p", Kind: ShapeProcess, X: 100, Y: 100, Width: 80, Height: 40},
		{ID: "d", Kind: ShapeDecision, X: 200, Y: 100, Width: 60, Height: 40},
		{ID: "s", Kind: ShapeStart, X: 100, Y: 40, Width: 60, Height: 20},
	}
	p.Connectors = []Connector{
		// An L: right, then down, with an arrow.
		{From: "a", To: "b", Arrow: true, Points: [][2]float64{{50, 160}, {150, 160}, {150, 220}}},
	}
	g := pngGrayOf(t, d, 144)

	white := func(what string, x, y float64) {
		t.Helper()
		if v := pngAt(g, s, x, y); v != 255 {
			t.Errorf("%s at (%g, %g) pt: grey %d, want white", what, x, y, v)
		}
	}
	black := func(what string, x, y float64, max uint8) {
		t.Helper()
		if v := pngAt(g, s, x, y); v > max {
			t.Errorf("%s at (%g, %g) pt: grey %d, want <= %d", what, x, y, v, max)
		}
	}
	black("horizontal rule", 200, 19.75, 0)
	black("horizontal rule", 200, 20.25, 0)
	white("above the rule", 200, 19.25)
	white("below the rule", 200, 20.75)
	black("thin vertical rule", 30, 200, 0) // 1 px: exactly column 60
	white("beside the thin rule", 30.75, 200)
	black("hairline", 60, 280, 130) // at least one pixel's worth of ink
	if v := pngDarkest(g, s, 60, 280); v > 0 {
		t.Errorf("a 0.01 pt rule at 144 dpi should be 1 px of full ink, got grey %d", v)
	}

	near := func(what string, x, y float64, max uint8) {
		t.Helper()
		if v := pngDarkest(g, s, x, y); v > max {
			t.Errorf("%s near (%g, %g) pt: grey %d, want <= %d", what, x, y, v, max)
		}
	}
	// The process box: outline 0.75 pt = 1.5 px around x = 100 pt (200 px),
	// snapped to one black pixel and a grey one.
	near("process outline", 100, 130, 0)
	near("process outline", 140, 100, 0)
	near("process corner", 100, 100, 0)
	white("process centre", 140, 130)
	white("rule under the process box", 140, 120)
	black("rule left of the box", 90, 120, 0)
	black("rule between the shapes", 190, 120, 0)
	white("outside the process box", 95, 110)
	// The diamond: vertices at the middle of the sides.
	near("decision top vertex", 230, 100.2, 100)
	near("decision left vertex", 200.3, 120, 100)
	near("decision edge", 215, 110, 100)
	white("decision centre", 230, 130)
	white("rule under the decision", 230, 120)
	white("decision bounding box corner", 203, 103)
	// The stadium.
	near("start top edge", 130, 40, 64)
	near("start left end", 100, 50, 64)
	near("start round end", 105-5/math.Sqrt2, 50-5/math.Sqrt2, 100)
	white("start centre", 130, 50)
	white("start corner outside its round end", 101, 41)

	// Crossing rules keep full ink where they cross.
	black("rule crossing", 340, 200, 0)
	black("rule crossing", 340, 220, 0)
	black("crossing rule", 320, 220, 0)

	// The connector: 0.75 pt = 1.5 px stroke.
	near("connector", 100, 160, 0)
	near("connector corner", 150, 160, 0)
	white("beyond the corner", 150.75, 159.25)
	near("connector down leg", 150, 190, 0)
	// The arrow: 5 pt long, 4 pt wide at its base, tip at (150, 220).
	black("arrowhead", 150, 217, 0)
	black("arrowhead base", 149, 215.5, 0)
	near("arrow tip", 150, 219.5, 128)
	white("beyond the arrow tip", 150, 221)
	white("beside the arrowhead", 153, 217)
}

// TestPNGCorners: a polyline's corners and a closed outline have no notch
// or gap at any join, whatever the direction of travel.
func TestPNGCorners(t *testing.T) {
	const s = 8.0 // 0.75 pt strokes are 6 px
	d := pngOnePage(200, 200)
	p := &d.Pages[0]
	// A zigzag drawn clockwise and one drawn counter-clockwise.
	p.Connectors = []Connector{
		{Points: [][2]float64{{20, 20}, {80, 20}, {80, 80}, {20, 80}, {20, 40}}},
		{Points: [][2]float64{{120, 80}, {180, 80}, {180, 20}, {120, 20}, {120, 60}}},
	}
	p.Shapes = []Shape{{Kind: ShapeOffPage, X: 50, Y: 120, Width: 40, Height: 40}}
	g := pngGrayOf(t, d, 576)
	// Around each right-angle vertex the stroke covers a square of
	// 0.75 pt: its pixels are all fully pngInked, the miter included.
	for i, v := range [][2]float64{{80, 20}, {80, 80}, {20, 80}, {180, 80}, {180, 20}, {120, 20}, {50, 120}, {90, 120}} {
		for _, o := range [][2]float64{{0, 0}, {0.25, 0.25}, {-0.25, 0.25}, {0.25, -0.25}, {-0.375, -0.375}, {0.25, 0}, {0, -0.375}} {
			x, y := v[0]+o[0], v[1]+o[1]
			if v := pngAt(g, s, x, y); v != 0 {
				t.Errorf("corner (%g, %g): grey %d, want full ink", x, y, v)
			}
		}
		// Just outside the corner square (half the stroke and a pixel):
		// white.
		out := ShapeStroke/2 + 1/s
		if i < 6 {
			out = ConnectorStroke/2 + 1/s
		}
		for _, o := range [][2]float64{{out, out}, {-out, out}, {out, -out}, {-out, -out}} {
			x, y := v[0]+o[0], v[1]+o[1]
			if v := pngAt(g, s, x, y); v != 255 {
				t.Errorf("outside corner (%g, %g): grey %d, want white", x, y, v)
			}
		}
	}
	// The pentagon's point (a 59° corner) is mitered: ink just below it.
	if v := pngAt(g, s, 70, 160.3); v != 0 {
		t.Errorf("off-page point: grey %d, want full ink", v)
	}
	// Nothing pngInked inside the loops.
	if _, n := pngInked(g, image.Rect(25*s, 25*s, 75*s, 75*s)); n != 0 {
		t.Errorf("%d pngInked pixels inside the first loop", n)
	}
}

func TestPNGText(t *testing.T) {
	const s = 2.0
	d := pngOnePage(400, 300)
	p := &d.Pages[0]
	p.Texts = []Text{
		{X: 20, Y: 60, Size: 40, Text: "IO"},
		{X: 200, Y: 60, Size: 40, Text: "H", Anchor: "middle"},
		{X: 380, Y: 60, Size: 40, Text: "H", Anchor: "end", Bold: true},
		{X: 20, Y: 140, Size: 40, Text: "gg", Underline: true},
		{X: 300, Y: 280, Size: 20, Text: "IIIIIIIIII", Rotate: true},
	}
	g := pngGrayOf(t, d, 144)
	reg, bold := FontFace(false), FontFace(true)

	// "I" is a vertical stem: full ink in its middle.
	iw := reg.Width("I", 40)
	if v := pngAt(g, s, 20+iw/2, 45); v != 0 {
		t.Errorf("stem of I: grey %d, want black", v)
	}
	// The hole of the O stays white, its ring is black.
	ox := 20 + iw + reg.Width("O", 40)/2
	if v := pngAt(g, s, ox, 46); v != 255 {
		t.Errorf("hole of O: grey %d, want white", v)
	}
	if _, n := pngInked(g, image.Rect(int((ox-20)*s), int(30*s), int((ox-12)*s), int(60*s))); n == 0 {
		t.Errorf("no ink in the left side of O")
	}

	// Anchors: the ink lies around X (middle) and before X (end).
	box, _ := pngInked(g, image.Rect(int(150*s), 0, int(250*s), int(80*s)))
	if mid := float64(box.Min.X+box.Max.X) / 2 / s; math.Abs(mid-200) > 1 {
		t.Errorf("middle-anchored H: ink centred at x = %g pt, want 200", mid)
	}
	box, _ = pngInked(g, image.Rect(int(300*s), 0, int(400*s), int(80*s)))
	hw := bold.Width("H", 40)
	if right, left := float64(box.Max.X)/s, float64(box.Min.X)/s; right > 380 || left < 380-hw {
		t.Errorf("end-anchored bold H: ink from %g to %g pt, want within [%g, 380]", left, right, 380-hw)
	}

	// The underline: 0.1 em below the baseline, 0.06 em thick; it keeps
	// its ink where it crosses the descenders of g.
	ggW := reg.Width("gg", 40)
	for x := 20.5; x < 20+ggW-0.5; x += 0.5 {
		if v := pngAt(g, s, x, 144); v != 0 {
			t.Errorf("underline at x = %g pt: grey %d, want black", x, v)
			break
		}
	}
	if v := pngAt(g, s, 20+ggW+2, 144); v != 255 {
		t.Errorf("past the underline: grey %d, want white", v)
	}

	// Rotated text reads bottom to top: a vertical strip of ink left of
	// X, from Y up by its width.
	w := reg.Width("IIIIIIIIII", 20)
	strip := image.Rect(int((300-20)*s), int((280-w)*s)-1, int(300*s)+1, int(280*s)+1)
	box, n := pngInked(g, strip)
	if n == 0 {
		t.Fatalf("rotated text: no ink in the strip %v", strip)
	}
	if box.Dy() < box.Dx()*3 {
		t.Errorf("rotated text: ink box %v is not a vertical strip", box)
	}
	if b2, n2 := pngInked(g, image.Rect(int(300*s)+1, int(200*s), int(400*s), int(300*s))); n2 != 0 {
		t.Errorf("rotated text: ink right of X: %v", b2)
	}
	if b2, n2 := pngInked(g, image.Rect(int(260*s), int(280*s)+1, int(320*s), int(300*s))); n2 != 0 {
		t.Errorf("rotated text: ink below Y: %v", b2)
	}
	// Its glyphs are upright I's turned: horizontal bars, with white gaps
	// between them along the strip.
	col := int((300 - 0.35*20) * s) // halfway up the cap height
	gaps := 0
	for y := box.Min.Y; y < box.Max.Y; y++ {
		if g.GrayAt(col, y).Y == 255 && g.GrayAt(col, y-1).Y != 255 {
			gaps++
		}
	}
	if gaps != 9 {
		t.Errorf("rotated IIIIIIIIII: %d gaps between the bars, want 9", gaps)
	}
}

func TestPNGDeterministic(t *testing.T) {
	d := pngBenchDiagram()
	var outs [4][]byte
	var wg sync.WaitGroup
	for i := range outs {
		wg.Go(func() {
			var buf bytes.Buffer
			if err := WritePNG(&buf, d, WriteOptions{}); err != nil {
				t.Error(err)
			}
			outs[i] = buf.Bytes()
		})
	}
	wg.Wait()
	for i := 1; i < len(outs); i++ {
		if !bytes.Equal(outs[0], outs[i]) {
			t.Fatalf("write %d differs from write 0", i)
		}
	}
	if len(outs[0]) == 0 {
		t.Fatal("no output")
	}
	// Writers reuse their buffers: pages drawn in between (another size,
	// an RGBA page) leave no trace.
	other := pngOnePage(300, 200)
	other.Pages[0].Images = []Image{{X: 10, Y: 10, Width: 50, Height: 50, Data: pngLogo(t, 16, 16, true, false)}}
	other.Pages[0].Texts = []Text{{X: 100, Y: 100, Size: 30, Text: "Lain", Bold: true}}
	for _, dd := range []*Diagram{other, d, other} {
		if err := WritePNG(io.Discard, dd, WriteOptions{DPI: 200}); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := WritePNG(&buf, d, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(outs[0], buf.Bytes()) {
		t.Fatal("the page differs after other pages were written")
	}
}

// pngLogo returns a w x h PNG or JPEG, grey or with a red square.
func pngLogo(t testing.TB, w, h int, colour, asJPEG bool) []byte {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.NRGBA{0x40, 0x40, 0x40, 0xff}
			if x < w/2 && y < h/2 {
				c = color.NRGBA{0xc0, 0xc0, 0xc0, 0xff}
				if colour {
					c = color.NRGBA{0xff, 0, 0, 0xff}
				}
			}
			if !asJPEG && x >= w/2 && y >= h/2 {
				c.A = 0 // transparent: the page shows through
			}
			m.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	var err error
	if asJPEG {
		err = jpeg.Encode(&buf, m, &jpeg.Options{Quality: 95})
	} else {
		err = png.Encode(&buf, m)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPNGImages(t *testing.T) {
	page := func(data []byte, mime string) *Diagram {
		d := pngOnePage(200, 100)
		d.Pages[0].Images = []Image{{X: 20, Y: 20, Width: 40, Height: 40, Mime: mime, Data: data}}
		d.Pages[0].Rules = []Rule{{X1: 0, Y1: 90, X2: 200, Y2: 90, Width: 1}}
		return d
	}
	// A grey logo keeps the page greyscale.
	g := pngGrayOf(t, page(pngLogo(t, 64, 64, false, false), "image/png"), 144)
	for _, c := range []struct {
		x, y float64
		want uint8
	}{{30, 30, 0xc0}, {50, 30, 0x40}, {30, 50, 0x40}, {50, 50, 0xff}, {100, 50, 0xff}, {100, 90, 0}} {
		if v := pngAt(g, 2, c.x, c.y); v != c.want {
			t.Errorf("grey logo page at (%g, %g): grey %#x, want %#x", c.x, c.y, v, c.want)
		}
	}
	// A colour logo makes the page RGBA; the rest stays black on white.
	for _, mime := range []string{"image/png", "image/jpeg"} {
		img := pngDecode(t, page(pngLogo(t, 64, 64, true, mime == "image/jpeg"), mime), 0, 144)
		m, ok := img.(*image.RGBA)
		if !ok {
			t.Fatalf("%s colour logo: got %T, want *image.RGBA", mime, img)
		}
		if c := m.RGBAAt(60, 60); c.R < 0xf0 || c.G > 0x10 || c.B > 0x10 || c.A != 0xff {
			t.Errorf("%s colour logo: red quarter is %v", mime, c)
		}
		if c := m.RGBAAt(200, 100); c != (color.RGBA{255, 255, 255, 255}) {
			t.Errorf("%s colour logo page: background is %v", mime, c)
		}
		if c := m.RGBAAt(200, 180); c != (color.RGBA{0, 0, 0, 255}) {
			t.Errorf("%s colour logo page: rule is %v", mime, c)
		}
	}
}

// pngBenchDiagram lays out by hand one A4 landscape flowchart page of twelve
// steps: 150 texts, 60 rules, 15 shapes and 15 connectors.
func pngBenchDiagram() *Diagram {
	p := Page{Number: 1, Kind: "flowchart", Width: pngA4Long, Height: pngA4Short}
	rule := func(x1, y1, x2, y2, w float64) {
		p.Rules = append(p.Rules, Rule{X1: x1, Y1: y1, X2: x2, Y2: y2, Width: w})
	}
	// Columns: No, Kegiatan, 5 actors, Kelengkapan, Waktu, Output, Ket.
	widths := []float64{22, 150, 62, 62, 62, 62, 62, 95, 50, 90, 69}
	xs := []float64{28}
	for _, w := range widths {
		xs = append(xs, xs[len(xs)-1]+w)
	}
	left, right := xs[0], xs[len(xs)-1]
	const top, head, rowH = 40.0, 36.0, 38.0
	p.Texts = append(p.Texts, Text{X: pngA4Long / 2, Y: 28, Size: 11, Bold: true, Underline: true, Anchor: "middle",
		Text: "PROSEDUR PENGADAAN BARANG MELALUI PENGADAAN LANGSUNG"})
	heads := []string{"No", "Kegiatan", "Pengguna Anggaran", "Pejabat Pembuat Komitmen", "Pejabat Pengadaan", "Penyedia",
		"Tim Pemeriksa", "Kelengkapan", "Waktu", "Output", "Ket"}
	text := func(x, y, size float64, anchor Anchor, s string) {
		p.Texts = append(p.Texts, Text{X: x, Y: y, Size: size, Anchor: anchor, Text: s})
	}
	p.Texts = append(p.Texts, Text{X: (xs[2] + xs[7]) / 2, Y: top + 9, Size: 7.5, Bold: true, Anchor: "middle", Class: "header", Text: "Pelaksana"})
	for i, h := range heads {
		words := strings.Fields(h)
		y := top + 21 - float64(len(words)-1)*4
		if i >= 2 && i < 7 {
			y += 6
		}
		for j, w := range words {
			p.Texts = append(p.Texts, Text{X: (xs[i] + xs[i+1]) / 2, Y: y + float64(j)*8, Size: 7.5, Bold: true, Anchor: "middle", Class: "header", Text: w})
		}
	}
	y0 := top + head
	rows := 12
	bottom := y0 + float64(rows)*rowH
	// Frame and header: 6 rules.
	rule(left, top, right, top, 1)
	rule(left, bottom, right, bottom, 1)
	rule(left, top, left, bottom, 1)
	rule(right, top, right, bottom, 1)
	rule(left, y0, right, y0, 1)
	rule(xs[2], top+12, xs[7], top+12, 0.5)
	// Column lines: 10; those between actors start under "Pelaksana".
	for i, x := range xs[1 : len(xs)-1] {
		y := top
		if i >= 2 && i < 6 {
			y = top + 12
		}
		rule(x, y, x, bottom, 0.5)
	}
	// Row lines, in three runs each: 11 x 3 = 33, plus 11 short ticks.
	for r := 1; r < rows; r++ {
		y := y0 + float64(r)*rowH
		rule(left, y, xs[2], y, 0.5)
		rule(xs[2], y, xs[7], y, 0.5)
		rule(xs[7], y, right, y, 0.5)
	}
	for i := range 11 {
		rule(right-66+float64(i)*6, bottom+8, right-63+float64(i)*6, bottom+8, 0.75)
	}
	activities := []string{
		"Menyusun rencana kebutuhan barang dan", "mengajukan permintaan pengadaan",
		"Memeriksa kelengkapan dokumen dan", "menetapkan spesifikasi teknis",
		"Menyusun HPS dan rancangan kontrak", "sesuai ketentuan yang berlaku",
		"Mengundang penyedia dan melakukan", "klarifikasi serta negosiasi harga",
	}
	var shapeIDs []string
	var centres [][2]float64
	for r := range rows {
		y := y0 + float64(r)*rowH
		text((xs[0]+xs[1])/2, y+12, 8, "middle", fmt.Sprint(r+1))
		text(xs[1]+3, y+11, 8, "", activities[(2*r)%len(activities)])
		text(xs[1]+3, y+20.5, 8, "", activities[(2*r+1)%len(activities)])
		text(xs[1]+3, y+30, 8, "", "oleh pejabat yang berwenang")
		text(xs[7]+3, y+11, 7.5, "", "Nota dinas, KAK,")
		text(xs[7]+3, y+20, 7.5, "", "dokumen HPS")
		text((xs[8]+xs[9])/2, y+12, 7.5, "middle", fmt.Sprintf("%d Jam", 1+r%3))
		text(xs[9]+3, y+11, 7.5, "", "Dokumen SPK /")
		text(xs[9]+3, y+20, 7.5, "", "berita acara")
		text(xs[10]+3, y+11, 7.5, "", "-")
		// The symbol: start, process or decision, end.
		col := 2 + (r*3)%5
		kind := ShapeProcess
		switch {
		case r == 0:
			kind = ShapeStart
		case r == rows-1:
			kind = ShapeEnd
		case r%4 == 2:
			kind = ShapeDecision
		}
		sw, sh := 46.0, 22.0
		if kind == ShapeDecision {
			sh = 30
		}
		cx, cy := (xs[col]+xs[col+1])/2, y+rowH/2
		id := fmt.Sprint("s", r)
		p.Shapes = append(p.Shapes, Shape{ID: id, Step: r + 1, Kind: kind, X: cx - sw/2, Y: cy - sh/2, Width: sw, Height: sh})
		shapeIDs = append(shapeIDs, id)
		centres = append(centres, [2]float64{cx, cy})
		if kind == ShapeDecision {
			text(cx+sw/2+2, cy-3, 7, "", "Ya")
			text(cx-3, cy+sh/2+7, 7, "end", "Tidak")
		}
	}
	// Three off-page connectors under the table.
	for i := range 3 {
		p.Shapes = append(p.Shapes, Shape{ID: fmt.Sprint("o", i), Kind: ShapeOffPage, Label: string(rune('A' + i)),
			X: xs[2+i] + 20, Y: bottom + 4, Width: 20, Height: 20})
		text(xs[2+i]+30, bottom+14, 8, "middle", string(rune('A'+i)))
	}
	// Connectors between consecutive symbols: down, across, down.
	for r := 0; r+1 < rows; r++ {
		a, b := centres[r], centres[r+1]
		ha := 11.0
		if p.Shapes[r].Kind == ShapeDecision {
			ha = 15
		}
		mid := a[1] + rowH/2
		p.Connectors = append(p.Connectors, Connector{From: shapeIDs[r], To: shapeIDs[r+1], Arrow: true,
			Points: [][2]float64{{a[0], a[1] + ha}, {a[0], mid}, {b[0], mid}, {b[0], b[1] - 11}}})
	}
	for i := range 4 {
		a := centres[2+4*min(i, 2)]
		p.Connectors = append(p.Connectors, Connector{From: "x", To: "y", Arrow: true, Label: "Tidak",
			Points: [][2]float64{{a[0] - 23, a[1]}, {a[0] - 28 - float64(i), a[1]}, {a[0] - 28 - float64(i), a[1] - rowH + 11}}})
	}
	// Footer text to reach a realistic count.
	for i := 0; len(p.Texts) < 150; i++ {
		text(left+float64(i)*130, bottom+40, 7, "", "Keterangan tambahan prosedur")
	}
	return &Diagram{Unit: "pt", Title: "Pengadaan Barang", Pages: []Page{p}}
}

func TestPNGBenchDiagram(t *testing.T) {
	d := pngBenchDiagram()
	p := d.Pages[0]
	t.Logf("%d texts, %d rules, %d shapes, %d connectors", len(p.Texts), len(p.Rules), len(p.Shapes), len(p.Connectors))
	g := pngGrayOf(t, d, 150)
	if b := g.Bounds(); b.Dx() != 1754 || b.Dy() != 1240 {
		t.Errorf("A4 landscape at 150 dpi: got %v, want 1754x1240", b.Size())
	}
	if out := os.Getenv("SOPFLOW_PNG_SAMPLE"); out != "" {
		var buf bytes.Buffer
		if err := WritePNG(&buf, d, WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// BenchmarkPNGPage writes one realistic A4 landscape flowchart page at 150
// dpi.
func BenchmarkPNGPage(b *testing.B) {
	d := pngBenchDiagram()
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := WritePNG(&buf, d, WriteOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/page")
}

// BenchmarkPNGRaster draws the same page without encoding it.
func BenchmarkPNGRaster(b *testing.B) {
	d := pngBenchDiagram()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rasterPage(d, WriteOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPNGEncode compares the encoder's compression levels on the page.
func BenchmarkPNGEncode(b *testing.B) {
	img, err := rasterPage(pngBenchDiagram(), WriteOptions{})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		level png.CompressionLevel
	}{{"Default", png.DefaultCompression}, {"BestSpeed", png.BestSpeed}, {"Best", png.BestCompression}} {
		b.Run(c.name, func(b *testing.B) {
			enc := png.Encoder{CompressionLevel: c.level}
			n := 0
			for b.Loop() {
				cw := &pngCountWriter{}
				if err := enc.Encode(cw, img); err != nil {
					b.Fatal(err)
				}
				n = cw.n
			}
			b.ReportMetric(float64(n), "bytes/page")
		})
	}
}

type pngCountWriter struct{ n int }

func (w *pngCountWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }
