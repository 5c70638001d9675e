package render

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strings"
	"testing"
)

// hopDiagram is one page with a horizontal flow from (10, 50) to (90, 50)
// and a vertical one from (50, 10) to (50, 90) when cross is set, else one
// that stops 10 pt above the horizontal.
func hopDiagram(cross bool) *Diagram {
	d := pngOnePage(100, 100)
	v := [][2]float64{{50, 10}, {50, 90}}
	if !cross {
		v[1][1] = 40
	}
	d.Pages[0].Connectors = []Connector{
		{From: "a", To: "b", Arrow: true, Points: [][2]float64{{10, 50}, {90, 50}}},
		{From: "c", To: "d", Arrow: true, Points: v},
	}
	return d
}

func TestConnectorPathsHops(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cs    []Connector
		hops  []int // curves (two per hop) per connector
		merge bool
	}{
		{"cross", hopDiagram(true).Pages[0].Connectors, []int{2, 0}, false},
		{"apart", hopDiagram(false).Pages[0].Connectors, []int{0, 0}, false},
		{"ends on the line (merge)", []Connector{
			{Arrow: true, Points: [][2]float64{{10, 50}, {90, 50}}},
			{Arrow: false, Points: [][2]float64{{50, 10}, {50, 50}}},
		}, []int{0, 0}, false},
		{"touches at a bend", []Connector{
			{Arrow: true, Points: [][2]float64{{10, 50}, {50, 50}, {50, 90}}},
			{Arrow: true, Points: [][2]float64{{48, 10}, {48, 90}}},
		}, []int{0, 0}, false},
		{"joint line crosses", []Connector{
			{Arrow: false, Points: [][2]float64{{10, 50}, {90, 50}}},
			{Arrow: true, Points: [][2]float64{{50, 10}, {50, 90}}},
		}, []int{2, 0}, false},
		{"right to left, two crossings", []Connector{
			{Arrow: true, Points: [][2]float64{{90, 50}, {10, 50}}},
			{Arrow: true, Points: [][2]float64{{30, 10}, {30, 90}}},
			{Arrow: true, Points: [][2]float64{{60, 90}, {60, 10}}},
		}, []int{4, 0, 0}, false},
		{"near the arrowhead", []Connector{
			{Arrow: true, Points: [][2]float64{{10, 50}, {90, 50}}},
			{Arrow: true, Points: [][2]float64{{84, 10}, {84, 90}}},
		}, []int{0, 0}, false},
	} {
		paths := ConnectorPaths(tc.cs)
		for i, p := range paths {
			n := 0
			for _, s := range p {
				if s.op == opCube {
					n++
				}
			}
			if n != tc.hops[i] {
				t.Errorf("%s: connector %d has %d curves, want %d: %v", tc.name, i, n, tc.hops[i], p)
			}
			// The line still starts and ends where the polyline does.
			pts := LinePoints(tc.cs[i])
			last := p[len(p)-1].pts[0]
			if p[0].pts[0] != pts[0] || last != pts[len(pts)-1] {
				t.Errorf("%s: connector %d runs %v to %v, want %v to %v", tc.name, i, p[0].pts[0], last, pts[0], pts[len(pts)-1])
			}
		}
	}
}

// pdfContent returns the inflated content of every stream of a PDF.
func pdfContent(t *testing.T, pdf []byte) string {
	t.Helper()
	var b strings.Builder
	re := regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`)
	for _, m := range re.FindAllSubmatch(pdf, -1) {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			b.Write(m[1])
			continue
		}
		data, _ := io.ReadAll(r)
		b.Write(data)
	}
	return b.String()
}

// A crossing gets its hop in every writer; without one, none.
func TestHopsInEveryWriter(t *testing.T) {
	curve := regexp.MustCompile(`(?m) c$`)
	for _, cross := range []bool{true, false} {
		d := hopDiagram(cross)
		var svg bytes.Buffer
		if err := WriteSVG(&svg, d, WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(svg.String(), `<path class="connector" data-from="a" data-to="b" d="M10 50 L47 50 C`); got != cross {
			t.Errorf("cross %v: SVG has a hop: %v\n%s", cross, got, svg.String())
		}
		if got := curve.MatchString(pdfContent(t, pdfTestWrite(t, d))); got != cross {
			t.Errorf("cross %v: PDF has a curve: %v", cross, got)
		}
		const s = 4.0 // pixels per point at 288 dpi
		g := pngGrayOf(t, d, 72*s)
		// On the hop's arc, up and left of the crossing, and on the
		// horizontal line under the hop.
		arc := pngDarkest(g, s, 50-HopRadius*0.7071, 50-HopRadius*0.7071) < 128
		under := pngDarkest(g, s, 50-HopRadius*0.5, 50) < 128
		if arc != cross || under == cross {
			t.Errorf("cross %v: PNG ink on the arc %v, under the hop %v", cross, arc, under)
		}
	}
}
