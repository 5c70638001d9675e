package table

import (
	"fmt"
	"github.com/sopflow/sopflow/internal/testsop"
	"github.com/sopflow/sopflow/render"
	"math"
	"strings"
	"testing"

	"github.com/sopflow/sopflow/flow"
)

// loadExamples parses every SOP under testdata/examples and testdata/render.
func loadExamples(t testing.TB) map[string]*flow.Procedure {
	t.Helper()
	out := testsop.Dir(t, "examples", "")
	for k, v := range testsop.Dir(t, "render", "") {
		out[k] = v
	}
	return out
}

// TestGeometry checks the layout invariants of SOP-AP.md on every example,
// in every page setting.
func TestGeometry(t *testing.T) {
	for name, p := range loadExamples(t) {
		for _, opt := range layoutVariants() {
			t.Run(name+"/"+opt.name, func(t *testing.T) {
				d, err := Layout(p, opt.opt)
				if err != nil {
					t.Fatal(err)
				}
				for _, msg := range CheckDiagram(p, d) {
					t.Error(msg)
				}
			})
		}
	}
}

type layoutVariant struct {
	name string
	opt  LayoutOptions
}

func layoutVariants() []layoutVariant {
	return []layoutVariant{
		{"tall", LayoutOptions{Tall: true}},
		{"a4-landscape", LayoutOptions{}},
		{"a4-portrait", LayoutOptions{Portrait: true}},
		{"f4-landscape", LayoutOptions{Paper: render.F4, Margin: 15}},
		{"letter-portrait", LayoutOptions{Paper: render.Letter, Portrait: true}},
		{"quick", LayoutOptions{QuickRouting: true}},
	}
}

// CheckDiagram returns every broken layout invariant of d, a layout of p.
func CheckDiagram(p *flow.Procedure, d *render.Diagram) []string {
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	const eps = 0.06

	drawn := map[[2]int]int{} // step flows seen: from, to (1-based)
	cellText := map[[2]string]string{}
	for _, pg := range d.Pages {
		checkMargins(&pg, fail)
		cols := map[string]render.Column{}
		for _, c := range pg.Columns {
			if c.Key == "actor" {
				cols[c.Actor] = c
			}
		}
		rows := map[int]render.Row{}
		for _, r := range pg.Rows {
			rows[r.Step] = r
		}
		shapes := map[string]render.Shape{}
		for _, s := range pg.Shapes {
			shapes[s.ID] = s
			if s.X < -eps || s.Y < -eps || s.X+s.Width > pg.Width+eps || s.Y+s.Height > pg.Height+eps {
				fail("page %d: shape %s lies outside the page", pg.Number, s.ID)
			}
			c, ok := cols[s.Actor]
			if !ok {
				fail("page %d: shape %s: no column for actor %q", pg.Number, s.ID, s.Actor)
				continue
			}
			if s.X < c.X+2 || s.X+s.Width > c.X+c.Width-2 {
				fail("page %d: shape %s is not inside its actor's column", pg.Number, s.ID)
			}
			if s.Kind == render.ShapeOffPage {
				continue
			}
			r, ok := rows[s.Step]
			if !ok {
				fail("page %d: shape %s: step %d has no row on this page", pg.Number, s.ID, s.Step)
				continue
			}
			if s.Y < r.Y+2 || s.Y+s.Height > r.Y+r.Height-2 {
				fail("page %d: shape %s is not inside its row", pg.Number, s.ID)
			}
			if math.Abs(s.X+s.Width/2-(c.X+c.Width/2)) > 1 || math.Abs(s.Y+s.Height/2-(r.Y+r.Height/2)) > 1 {
				fail("page %d: shape %s is not centred in its cell", pg.Number, s.ID)
			}
		}
		for i, a := range pg.Shapes {
			for _, b := range pg.Shapes[i+1:] {
				if a.X < b.X+b.Width && b.X < a.X+a.Width && a.Y < b.Y+b.Height && b.Y < a.Y+a.Height {
					fail("page %d: shapes %s and %s overlap", pg.Number, a.ID, b.ID)
				}
			}
		}

		type segment struct {
			a, b [2]float64
			conn int
		}
		var segs []segment
		for ci, c := range pg.Connectors {
			from, ok1 := shapes[c.From]
			to, ok2 := shapes[c.To]
			if !ok1 || !ok2 {
				fail("page %d: connector %s->%s names a missing shape", pg.Number, c.From, c.To)
				continue
			}
			if len(c.Points) < 2 {
				fail("page %d: connector %s->%s has %d points", pg.Number, c.From, c.To, len(c.Points))
				continue
			}
			for i := 1; i < len(c.Points); i++ {
				a, b := c.Points[i-1], c.Points[i]
				if a[0] != b[0] && a[1] != b[1] {
					fail("page %d: connector %s->%s: segment %v-%v is not orthogonal", pg.Number, c.From, c.To, a, b)
				}
				for _, s := range pg.Shapes {
					if segmentEnters(&s, a, b) {
						fail("page %d: connector %s->%s passes through %s", pg.Number, c.From, c.To, s.ID)
					}
				}
				if a[0] < -eps || a[1] < -eps || a[0] > pg.Width+eps || a[1] > pg.Height+eps {
					fail("page %d: connector %s->%s leaves the page", pg.Number, c.From, c.To)
				}
				segs = append(segs, segment{a, b, ci})
			}
			if !onOutline(from, c.Points[0]) {
				fail("page %d: connector %s->%s does not start on its source's outline (%v)", pg.Number, c.From, c.To, c.Points[0])
			}
			last := c.Points[len(c.Points)-1]
			if c.Arrow {
				if !onOutline(to, last) {
					fail("page %d: connector %s->%s does not end on its target's outline (%v)", pg.Number, c.From, c.To, last)
				}
				prev := c.Points[len(c.Points)-2]
				if last[1] < prev[1] {
					fail("page %d: connector %s->%s enters its target from below", pg.Number, c.From, c.To)
				}
				if to.Kind == render.ShapeDecision && !(math.Abs(last[0]-(to.X+to.Width/2)) < eps && math.Abs(last[1]-to.Y) < eps) {
					fail("page %d: connector %s->%s does not enter the decision at its top vertex", pg.Number, c.From, c.To)
				}
			} else if from.Step != to.Step {
				// A merge: it ends on a connector into the same target.
				ok := false
				for _, o := range pg.Connectors {
					if o.To != c.To || !o.Arrow {
						continue
					}
					for i := 1; i < len(o.Points); i++ {
						if onSegment(last, o.Points[i-1], o.Points[i]) {
							ok = true
						}
					}
				}
				if !ok {
					fail("page %d: merge %s->%s does not end on a flow into %s", pg.Number, c.From, c.To, c.To)
				}
			}
			if from.Kind == render.ShapeDecision && to.Step != from.Step && c.Label == "" {
				fail("page %d: decision exit %s->%s has no label", pg.Number, c.From, c.To)
			}
			fs, ts := from.Step, to.Step
			if from.Kind == render.ShapeOffPage || to.Kind == render.ShapeOffPage {
				continue // checked by pairs below
			}
			if fs != ts {
				drawn[[2]int{fs, ts}]++
			}
		}
		// Decision exits leave from different vertices.
		exits := map[string]map[[2]float64]bool{}
		for _, c := range pg.Connectors {
			if s := shapes[c.From]; s.Kind == render.ShapeDecision {
				if exits[c.From] == nil {
					exits[c.From] = map[[2]float64]bool{}
				}
				if exits[c.From][c.Points[0]] {
					fail("page %d: two exits of %s leave from the same vertex", pg.Number, c.From)
				}
				exits[c.From][c.Points[0]] = true
			}
		}
		// No two flows run along each other.
		for i, a := range segs {
			for _, b := range segs[i+1:] {
				if a.conn != b.conn && relate(a.a, a.b, b.a, b.b) == relOverlap {
					fail("page %d: connectors %s->%s and %s->%s overlap at %v-%v", pg.Number,
						pg.Connectors[a.conn].From, pg.Connectors[a.conn].To, pg.Connectors[b.conn].From, pg.Connectors[b.conn].To, a.a, a.b)
				}
			}
		}
		// Labels drawn: each labelled connector's label, in connector
		// order, as one or more consecutive lines.
		var labels []string
		for _, tx := range pg.Texts {
			if tx.Class == "label" {
				labels = append(labels, tx.Text)
			}
		}
		for _, c := range pg.Connectors {
			if c.Label == "" {
				continue
			}
			got := ""
			for len(labels) > 0 && len(squash(got)) < len(squash(c.Label)) {
				got += strings.TrimSuffix(labels[0], "-")
				labels = labels[1:]
			}
			if squash(got) != squash(c.Label) {
				fail("page %d: label %q of %s->%s is not drawn (got %q)", pg.Number, c.Label, c.From, c.To, got)
			}
		}
		if len(labels) > 0 {
			fail("page %d: labels %q belong to no connector", pg.Number, labels)
		}
		// Text: each cell's lines fit its cell and are drawn.
		drawnText := map[string]int{}
		for _, tx := range pg.Texts {
			drawnText[tx.Text]++
		}
		for _, c := range pg.Cells {
			for _, l := range c.Lines {
				if w := render.FontFace(false).Width(l, c.Size); w > c.Width-2*cellPadX+eps {
					fail("page %d: step %d %s: line %q is wider than its cell (%.1f > %.1f)", pg.Number, c.Step, c.Key, l, w, c.Width-2*cellPadX)
				}
				if drawnText[l] == 0 {
					fail("page %d: step %d %s: line %q is not drawn", pg.Number, c.Step, c.Key, l)
				}
			}
			if len(c.Lines) > 0 && linesHeight(len(c.Lines), c.Size) > c.Height+eps {
				fail("page %d: step %d %s: text is taller than its cell", pg.Number, c.Step, c.Key)
			}
			cellText[[2]string{fmt.Sprint(c.Step), c.Key}] += strings.Join(c.Lines, " ") + " "
		}
	}
	// Every flow of the model is drawn, and every text is present.
	for _, s := range p.Steps {
		for _, l := range s.Out {
			to := l.To + 1
			if drawn[[2]int{s.Number, to}] == 0 && !offPagePair(d, s.Number, to) {
				fail("flow %d->%d is not drawn", s.Number, to)
			}
		}
		for _, key := range textKeys {
			want := squash(stepText(s, key))
			got := squash(cellText[[2]string{fmt.Sprint(s.Number), key}])
			if !sameButHyphens(want, got) {
				fail("step %d %s: text %q was laid out as %q", s.Number, key, want, got)
			}
		}
	}
	return errs
}

// sameButHyphens reports whether got is want with hyphens added (where
// wrapping broke a word).
func sameButHyphens(want, got string) bool {
	i := 0
	for j := 0; j < len(got); j++ {
		switch {
		case i < len(want) && got[j] == want[i]:
			i++
		case got[j] != '-':
			return false
		}
	}
	return i == len(want)
}

// squash removes white space, which wrapping may move.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// offPagePair reports whether the flow from step a to step b is drawn
// through a matching pair of off-page connectors.
func offPagePair(d *render.Diagram, a, b int) bool {
	out := map[string]bool{}
	for _, pg := range d.Pages {
		for _, c := range pg.Connectors {
			if c.From == fmt.Sprintf("s%d", a) && strings.HasSuffix(c.To, ".out") {
				out[strings.TrimSuffix(strings.TrimPrefix(c.To, "p"), ".out")] = true
			}
		}
	}
	for _, pg := range d.Pages {
		for _, c := range pg.Connectors {
			if c.To == fmt.Sprintf("s%d", b) && strings.HasSuffix(c.From, ".in") {
				if out[strings.TrimSuffix(strings.TrimPrefix(c.From, "p"), ".in")] {
					return true
				}
			}
		}
	}
	return false
}

func onSegment(p, a, b [2]float64) bool {
	const eps = 0.06
	return p[0] >= math.Min(a[0], b[0])-eps && p[0] <= math.Max(a[0], b[0])+eps &&
		p[1] >= math.Min(a[1], b[1])-eps && p[1] <= math.Max(a[1], b[1])+eps &&
		(math.Abs(a[0]-b[0]) < eps || math.Abs(a[1]-b[1]) < eps)
}

// onOutline reports whether p lies on the outline of s.
func onOutline(s render.Shape, p [2]float64) bool {
	best := math.Inf(1)
	for _, line := range render.Outline(s).Polylines(32) {
		for i := 1; i < len(line); i++ {
			a, b := line[i-1], line[i]
			dx, dy := b[0]-a[0], b[1]-a[1]
			l2 := dx*dx + dy*dy
			t := 0.0
			if l2 > 0 {
				t = math.Max(0, math.Min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l2))
			}
			best = math.Min(best, math.Hypot(p[0]-a[0]-t*dx, p[1]-a[1]-t*dy))
		}
	}
	return best < 0.1
}

// TestCheckDiagramCatches makes sure the geometry check fails on broken
// layouts.
func TestCheckDiagramCatches(t *testing.T) {
	p := loadExamples(t)["informasi-publik"]
	for _, tc := range []struct {
		name   string
		break_ func(d *render.Diagram)
		want   string
	}{
		{"shape off its column", func(d *render.Diagram) { d.Pages[0].Shapes[0].X += 40 }, "not inside its actor's column"},
		{"diagonal", func(d *render.Diagram) { d.Pages[0].Connectors[0].Points[1][0] += 3 }, "not orthogonal"},
		{"flow lost", func(d *render.Diagram) { d.Pages[0].Connectors = d.Pages[0].Connectors[1:] }, "is not drawn"},
		{"from below", func(d *render.Diagram) {
			c := &d.Pages[0].Connectors[0]
			for i := range c.Points {
				c.Points[i][1] = -c.Points[i][1]
			}
		}, "from below"},
		{"text lost", func(d *render.Diagram) { d.Pages[0].Cells[1].Lines = d.Pages[0].Cells[1].Lines[:1] }, "was laid out as"},
		{"label lost", func(d *render.Diagram) {
			for i := range d.Pages[0].Connectors {
				d.Pages[0].Connectors[i].Label = ""
			}
		}, "has no label"},
	} {
		d, err := Layout(p, LayoutOptions{Tall: true})
		if err != nil {
			t.Fatal(err)
		}
		tc.break_(d)
		errs := strings.Join(CheckDiagram(p, d), "\n")
		if !strings.Contains(errs, tc.want) {
			t.Errorf("%s: want an error containing %q, got:\n%s", tc.name, tc.want, errs)
		}
	}
}

// crossings counts the places where two flows cross on d's pages.
func crossings(d *render.Diagram) int {
	n := 0
	for _, pg := range d.Pages {
		type sg struct {
			a, b [2]float64
			c    int
		}
		var segs []sg
		for ci, c := range pg.Connectors {
			for i := 1; i < len(c.Points); i++ {
				segs = append(segs, sg{c.Points[i-1], c.Points[i], ci})
			}
		}
		for i, a := range segs {
			for _, b := range segs[i+1:] {
				if a.c != b.c && relate(a.a, a.b, b.a, b.b) == relCross {
					n++
				}
			}
		}
	}
	return n
}

// TestReportCrossings counts the crossings of the four examples in five
// page settings (and QuickRouting's in A4 landscape), and fails when either
// rises above its recorded figure (51 and 12 before the drawing-quality
// work). go test -v prints each layout's count.
func TestReportCrossings(t *testing.T) {
	total, quick := 0, 0
	for _, name := range []string{"informasi-publik", "pengadaan-barang", "perizinan-bangunan", "cuti-pegawai"} {
		p := loadExamples(t)[name]
		for _, v := range layoutVariants() {
			d, err := Layout(p, v.opt)
			if err != nil {
				t.Fatal(err)
			}
			c := crossings(d)
			if v.opt.QuickRouting {
				quick += c
			} else {
				total += c
			}
			t.Logf("%s/%s: %d crossings, %d pages", name, v.name, c, len(d.Pages))
		}
	}
	t.Logf("total: %d crossings in the 20 layouts of the default routing; %d in the 4 A4 landscape ones of QuickRouting", total, quick)
	const maxTotal, maxQuick = 26, 8
	if total > maxTotal || quick > maxQuick {
		t.Errorf("%d crossings (recorded: %d), %d with QuickRouting (recorded: %d)", total, maxTotal, quick, maxQuick)
	}
}

// checkMargins fails for anything drawn outside the page's margins.
func checkMargins(pg *render.Page, fail func(string, ...any)) {
	const eps = 0.06
	m := pg.Margin
	if m <= 0 {
		fail("page %d: no margin", pg.Number)
	}
	in := func(what string, x0, y0, x1, y1 float64) {
		if x0 < m-eps || y0 < m-eps || x1 > pg.Width-m+eps || y1 > pg.Height-m+eps {
			fail("page %d: %s (%.1f,%.1f)-(%.1f,%.1f) lies outside the margins", pg.Number, what, x0, y0, x1, y1)
		}
	}
	for _, r := range pg.Rules {
		in("rule", math.Min(r.X1, r.X2), math.Min(r.Y1, r.Y2), math.Max(r.X1, r.X2), math.Max(r.Y1, r.Y2))
	}
	for _, s := range pg.Shapes {
		in("shape "+s.ID, s.X, s.Y, s.X+s.Width, s.Y+s.Height)
	}
	for _, c := range pg.Connectors {
		for _, p := range c.Points {
			in("connector "+c.From+"->"+c.To, p[0], p[1], p[0], p[1])
		}
	}
	for _, t := range pg.Texts {
		if t.Rotate {
			continue
		}
		start, w := render.TextAdvance(t)
		f := render.FontFace(t.Bold)
		in(fmt.Sprintf("text %q", t.Text), t.X+start, t.Y-f.Ascent(t.Size), t.X+start+w, t.Y+f.Descent(t.Size))
	}
	for _, im := range pg.Images {
		in("image", im.X, im.Y, im.X+im.Width, im.Y+im.Height)
	}
}
