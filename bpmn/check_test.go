package bpmn_test

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sopflow/sopflow/bpmn"
	"github.com/sopflow/sopflow/bpmn/graphviz"
	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
)

// This file checks the invariants of a laid-out view, from the Diagram
// alone: what a reader of the drawing would see.

type rect struct{ x0, y0, x1, y1 float64 }

func (r rect) shrink(d float64) rect { return rect{r.x0 + d, r.y0 + d, r.x1 - d, r.y1 - d} }

func (r rect) overlaps(s rect) bool {
	return r.x0 < s.x1 && s.x0 < r.x1 && r.y0 < s.y1 && s.y0 < r.y1
}

func (r rect) contains(s rect) bool {
	return s.x0 >= r.x0 && s.y0 >= r.y0 && s.x1 <= r.x1 && s.y1 <= r.y1
}

func shapeRect(s render.Shape) rect { return rect{s.X, s.Y, s.X + s.Width, s.Y + s.Height} }

// textRect is the box of a Text's glyphs, turned for rotated text.
func textRect(t render.Text) rect {
	start, w := render.TextAdvance(t)
	face := render.FontFace(t.Bold)
	asc, desc := face.Ascent(t.Size), face.Descent(t.Size)
	if t.Rotate {
		return rect{t.X - asc, t.Y - start - w, t.X + desc, t.Y - start}
	}
	return rect{t.X + start, t.Y - asc, t.X + start + w, t.Y + desc}
}

// segRect is the box of a segment widened by d.
func segRect(a, b [2]float64, d float64) rect {
	return rect{math.Min(a[0], b[0]) - d, math.Min(a[1], b[1]) - d, math.Max(a[0], b[0]) + d, math.Max(a[1], b[1]) + d}
}

func isLink(kind render.ShapeKind) bool {
	return kind == render.ShapeLinkThrow || kind == render.ShapeLinkCatch
}

func isSymbol(kind render.ShapeKind) bool {
	switch kind {
	case render.ShapeStartEvent, render.ShapeTask, render.ShapeGateway, render.ShapeEndEvent,
		render.ShapeLinkThrow, render.ShapeLinkCatch:
		return true
	}
	return false
}

// onOutline reports whether q lies on the outline of shape s.
func onOutline(s render.Shape, q [2]float64) bool {
	const eps = 0.05 // a scaled page rounds coordinates to 0.01 pt
	cx, cy := s.X+s.Width/2, s.Y+s.Height/2
	dx, dy := q[0]-cx, q[1]-cy
	switch s.Kind {
	case render.ShapeStartEvent, render.ShapeEndEvent, render.ShapeLinkThrow, render.ShapeLinkCatch:
		return math.Abs(math.Hypot(dx, dy)-math.Min(s.Width, s.Height)/2) < eps
	case render.ShapeGateway:
		return math.Abs(math.Abs(dx)/(s.Width/2)+math.Abs(dy)/(s.Height/2)-1) < eps
	case render.ShapeTask:
		// The straight parts of the sides (the corners are rounded by at
		// most 8 pt or a quarter of the height).
		r := math.Min(8, s.Height/4)
		onV := math.Abs(math.Abs(dx)-s.Width/2) < eps && math.Abs(dy) <= s.Height/2-r+eps
		onH := math.Abs(math.Abs(dy)-s.Height/2) < eps && math.Abs(dx) <= s.Width/2-r+eps
		return onV || onH
	}
	return false
}

// wantFlow is one sequence flow of a procedure's view: from and to are
// symbol ids.
type wantFlow struct{ from, to, label string }

// wantFlows derives the view's flows from p, independently of the package.
func wantFlows(p *flow.Procedure) []wantFlow {
	step := func(i int) string { return "Step_" + strconv.Itoa(i+1) }
	fl := []wantFlow{{"StartEvent_1", "Step_1", ""}}
	for i, s := range p.Steps {
		switch s.Kind {
		case flow.Decision:
			gw := "Gateway_" + strconv.Itoa(s.Number)
			fl = append(fl, wantFlow{step(i), gw, ""})
			for k, l := range s.Out {
				label := l.Label
				if label == "" {
					// The printed yes or no label, in either language.
					label = []string{"Ya|Yes", "Tidak|No"}[k]
				}
				fl = append(fl, wantFlow{gw, step(l.To), label})
			}
		case flow.End:
			fl = append(fl, wantFlow{step(i), "EndEvent_" + strconv.Itoa(s.Number), ""})
		default:
			fl = append(fl, wantFlow{step(i), step(s.Out[0].To), ""})
		}
	}
	return fl
}

func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// checkView returns every broken invariant of d, the view of p.
func checkView(p *flow.Procedure, d *render.Diagram, joint string) []string {
	var bad []string
	errf := func(format string, a ...any) { bad = append(bad, fmt.Sprintf(format, a...)) }
	if len(d.Pages) == 0 {
		return []string{"no pages"}
	}
	seen := map[string]int{}                // symbol id -> count over pages (link events excluded)
	conn := map[[2]string]string{}          // from, to -> label, over pages
	offOut := map[string]render.Connector{} // letter -> connector into the link event
	offIn := map[string]render.Connector{}
	for pi, pg := range d.Pages {
		where := fmt.Sprintf("page %d", pi+1)
		if pg.Kind != "bpmn" || pg.Number != pi+1 {
			errf("%s: kind %q number %d", where, pg.Kind, pg.Number)
		}
		paper := rect{0, 0, pg.Width, pg.Height}
		if len(pg.Shapes) < 1+len(p.Actors) || pg.Shapes[0].Kind != bpmn.ShapePool {
			errf("%s: the pool and its lanes do not come first", where)
			continue
		}
		// A page holds one band of lanes or more, one below the other:
		// each begins with the pool and its lanes, then its symbols.
		var symbols []render.Shape
		poolOf := map[string]rect{} // symbol id -> its band's pool
		prevBottom := math.Inf(-1)
		for b, rest := 0, pg.Shapes; len(rest) > 0; b++ {
			n := 1
			for n < len(rest) && rest[n].Kind != bpmn.ShapePool {
				n++
			}
			band, suffix := rest[:n], ""
			rest = rest[n:]
			if b > 0 {
				suffix = "." + strconv.Itoa(b+1)
			}
			pool := band[0]
			if pool.ID != "Participant_1"+suffix || len(band) < 1+len(p.Actors) {
				errf("%s: band %d: pool %s, %d shapes", where, b+1, pool.ID, len(band))
				continue
			}
			poolR := shapeRect(pool)
			if !paper.contains(poolR) {
				errf("%s: the pool leaves the page", where)
			}
			if poolR.y0 <= prevBottom {
				errf("%s: band %d does not stand below band %d", where, b+1, b)
			}
			prevBottom = poolR.y1
			lanes := map[string]rect{}
			y := pool.Y
			for l, a := range p.Actors {
				ln := band[1+l]
				if ln.Kind != bpmn.ShapeLane || ln.Actor != a.Name || ln.ID != "Lane_"+strconv.Itoa(l+1)+suffix {
					errf("%s: shape %d is not the lane of %q", where, 2+l, a.Name)
					continue
				}
				if math.Abs(ln.Y-y) > 0.02 || math.Abs(ln.X+ln.Width-(pool.X+pool.Width)) > 0.02 || ln.X <= pool.X {
					errf("%s: lane %q does not span the pool's width below the previous lane", where, a.Name)
				}
				y += ln.Height
				lanes[a.Name] = shapeRect(ln)
			}
			if math.Abs(y-(pool.Y+pool.Height)) > 0.01 {
				errf("%s: the lanes do not fill the pool", where)
			}
			for _, s := range band[1+len(p.Actors):] {
				if !isSymbol(s.Kind) {
					errf("%s: unexpected shape %s of kind %q", where, s.ID, s.Kind)
					continue
				}
				symbols = append(symbols, s)
				poolOf[s.ID] = poolR
				if !isLink(s.Kind) {
					seen[s.ID]++
				}
				lr, ok := lanes[s.Actor]
				if !ok || !lr.contains(shapeRect(s)) {
					errf("%s: %s is not inside the lane of %q", where, s.ID, s.Actor)
				}
			}
		}
		// Texts: on the paper, lane names inside their lanes' bands, no
		// text over a symbol but its own, no two texts overlapping.
		var texts []rect
		for _, t := range pg.Texts {
			r := textRect(t)
			if !paper.contains(r) {
				errf("%s: text %q leaves the page", where, t.Text)
			}
			texts = append(texts, r)
			if t.Class == "activity" {
				continue // inside their symbols, checked below
			}
			for _, s := range symbols {
				if r.overlaps(shapeRect(s)) {
					errf("%s: text %q (%s) overlaps %s", where, t.Text, t.Class, s.ID)
				}
			}
		}
		for i := range texts {
			for j := i + 1; j < len(texts); j++ {
				if texts[i].shrink(0.3).overlaps(texts[j].shrink(0.3)) {
					errf("%s: texts %q and %q overlap", where, pg.Texts[i].Text, pg.Texts[j].Text)
				}
			}
		}
		// No text lost: each event's name is written below it, each
		// link event's letter inside it, and each task holds its
		// lines, drawn inside it.
		for _, s := range symbols {
			var drawn []string
			for _, t := range pg.Texts {
				r := textRect(t)
				switch {
				case (t.Class == "event" || t.Class == "link" && isLink(s.Kind)) && math.Abs(t.X-(s.X+s.Width/2)) < 0.02 &&
					r.y0 > s.Y+s.Height && r.y0 < s.Y+s.Height+60:
				default:
					continue
				}
				drawn = append(drawn, t.Text)
			}
			switch s.Kind {
			case render.ShapeStartEvent, render.ShapeEndEvent, render.ShapeLinkThrow, render.ShapeLinkCatch:
				if squash(strings.Join(drawn, " ")) != squash(s.Label) {
					errf("%s: %s is named %q but shows %q", where, s.ID, s.Label, drawn)
				}
			}
			if s.Kind != render.ShapeTask {
				continue
			}
			n, err := strconv.Atoi(strings.TrimPrefix(s.ID, "Step_"))
			if err != nil || n < 1 || n > len(p.Steps) {
				errf("%s: task %s names no step", where, s.ID)
				continue
			}
			st := p.Steps[n-1]
			want := strconv.Itoa(st.Number) + ". " + st.Activity // numbered as in the table
			if len(st.Actors) > 1 {
				var names []string
				for _, a := range st.Actors[1:] {
					names = append(names, p.Actors[a].Name)
				}
				want += "(" + joint + ": " + strings.Join(names, ", ") + ")"
			}
			if squash(strings.Join(s.Lines, " ")) != squash(want) {
				errf("%s: %s lines %q do not spell %q", where, s.ID, s.Lines, want)
			}
			drawn = nil
			for _, t := range pg.Texts {
				if t.Class == "activity" && shapeRect(s).contains(textRect(t)) {
					drawn = append(drawn, t.Text)
				}
			}
			if strings.Join(drawn, "\n") != strings.Join(s.Lines, "\n") {
				errf("%s: %s draws %q, not its lines %q", where, s.ID, drawn, s.Lines)
			}
		}
		// Connectors.
		byID := map[string]render.Shape{}
		for _, s := range symbols {
			byID[s.ID] = s
		}
		type segment struct {
			a, b [2]float64
			c    int
		}
		var segs []segment
		for ci, c := range pg.Connectors {
			name := fmt.Sprintf("%s: flow %s -> %s", where, c.From, c.To)
			from, okF := byID[c.From]
			to, okT := byID[c.To]
			if !okF || !okT || len(c.Points) < 2 || !c.Arrow {
				errf("%s: bad ends, points or arrow", name)
				continue
			}
			if !onOutline(from, c.Points[0]) {
				errf("%s: starts at %v, off the outline of %s", name, c.Points[0], c.From)
			}
			if !onOutline(to, c.Points[len(c.Points)-1]) {
				errf("%s: ends at %v, off the outline of %s", name, c.Points[len(c.Points)-1], c.To)
			}
			n := len(c.Points)
			poolR := poolOf[c.From]
			if poolOf[c.To] != poolR {
				errf("%s: joins two bands", name)
			}
			if isLink(from.Kind) && from.Kind != render.ShapeLinkCatch || isLink(to.Kind) && to.Kind != render.ShapeLinkThrow {
				errf("%s: a flow leaves a link throw event or enters a link catch event", name)
			}
			if last := math.Hypot(c.Points[n-1][0]-c.Points[n-2][0], c.Points[n-1][1]-c.Points[n-2][1]); last < render.ArrowLength+2 {
				errf("%s: last segment %.1f pt is too short for the arrowhead", name, last)
			}
			for k := 0; k+1 < n; k++ {
				a, b := c.Points[k], c.Points[k+1]
				if a[0] != b[0] && a[1] != b[1] {
					errf("%s: segment %v-%v is not orthogonal", name, a, b)
				}
				sr := segRect(a, b, 0)
				if !poolR.contains(sr) {
					errf("%s: segment %v-%v leaves the pool", name, a, b)
				}
				for _, s := range symbols {
					if sr.overlaps(shapeRect(s).shrink(0.5)) {
						errf("%s: segment %v-%v runs through %s", name, a, b, s.ID)
					}
				}
				for ti, t := range pg.Texts {
					if t.Class != "activity" && sr.overlaps(texts[ti].shrink(0.2)) {
						errf("%s: segment %v-%v runs through the text %q", name, a, b, t.Text)
					}
				}
				segs = append(segs, segment{a, b, ci})
			}
			// Gateway exits are labelled, and the label stands beside the
			// first segment, or the second when the first is crowded.
			if from.Kind == render.ShapeGateway {
				if c.Label == "" {
					errf("%s: a gateway exit without a label", name)
				}
				found := false
				for _, t := range pg.Texts {
					for k := 0; k < 2 && k+1 < n; k++ {
						if t.Class == "label" && t.Text == c.Label && segRect(c.Points[k], c.Points[k+1], 4).overlaps(textRect(t)) {
							found = true
						}
					}
				}
				if !found {
					errf("%s: no label %q beside its first segments", name, c.Label)
				}
			}
			switch {
			case to.Kind == render.ShapeLinkThrow:
				offOut[to.Label] = c
			case from.Kind == render.ShapeLinkCatch:
				offIn[from.Label] = c
			default:
				conn[[2]string{c.From, c.To}] = c.Label
			}
		}
		// No two flows run along each other.
		for i := range segs {
			for j := i + 1; j < len(segs); j++ {
				s, t := segs[i], segs[j]
				if s.c == t.c {
					continue
				}
				if collinearOverlap(s.a, s.b, t.a, t.b) > 0.5 {
					errf("%s: flows %s->%s and %s->%s run along each other", where,
						pg.Connectors[s.c].From, pg.Connectors[s.c].To, pg.Connectors[t.c].From, pg.Connectors[t.c].To)
				}
			}
		}
	}
	// Every flow drawn once: directly, or through a pair of off-page
	// connectors with the same letter.
	for letter, o := range offOut {
		in, ok := offIn[letter]
		if !ok {
			errf("link event %s has no partner", letter)
			continue
		}
		conn[[2]string{o.From, in.To}] = o.Label
	}
	if len(offIn) != len(offOut) {
		errf("%d incoming and %d outgoing link events", len(offIn), len(offOut))
	}
	want := wantFlows(p)
	ids := map[string]bool{}
	for _, f := range want {
		label, ok := conn[[2]string{f.from, f.to}]
		if !ok {
			errf("flow %s -> %s is not drawn", f.from, f.to)
		} else if !slices.Contains(strings.Split(f.label, "|"), label) {
			errf("flow %s -> %s is labelled %q, not %q", f.from, f.to, label, f.label)
		}
		ids[f.from], ids[f.to] = true, true
	}
	for id := range ids {
		if seen[id] != 1 {
			errf("symbol %s is drawn %d times", id, seen[id])
		}
	}
	for id := range seen {
		if !ids[id] {
			errf("symbol %s is not in the procedure", id)
		}
	}
	if len(conn) != len(want) {
		errf("%d flows drawn, want %d", len(conn), len(want))
	}
	return bad
}

// collinearOverlap returns the length that segments a-b and c-d share.
func collinearOverlap(a, b, c, d [2]float64) float64 {
	switch {
	case a[1] == b[1] && c[1] == d[1] && a[1] == c[1]:
		return math.Min(math.Max(a[0], b[0]), math.Max(c[0], d[0])) - math.Max(math.Min(a[0], b[0]), math.Min(c[0], d[0]))
	case a[0] == b[0] && c[0] == d[0] && a[0] == c[0]:
		return math.Min(math.Max(a[1], b[1]), math.Max(c[1], d[1])) - math.Max(math.Min(a[1], b[1]), math.Min(c[1], d[1]))
	}
	return 0
}

// TestCheckViewCatches breaks a good view in several ways and expects
// checkView to notice each.
func TestCheckViewCatches(t *testing.T) {
	p := loadExamples(t)["informasi-publik"]
	layout := func() *render.Diagram {
		d, err := bpmn.Layout(p, graphviz.Ranker{}, bpmn.Options{Tall: true})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if bad := checkView(p, layout(), "bersama"); len(bad) > 0 {
		t.Fatalf("the good view fails: %v", bad)
	}
	find := func(pg *render.Page, id string) int {
		for i, s := range pg.Shapes {
			if s.ID == id {
				return i
			}
		}
		t.Fatalf("no shape %s", id)
		return -1
	}
	breaks := map[string]func(pg *render.Page){
		"shape out of its lane": func(pg *render.Page) { pg.Shapes[find(pg, "Step_4")].Y -= 200 },
		"flow through a shape": func(pg *render.Page) {
			s := pg.Shapes[find(pg, "Step_4")]
			c := &pg.Connectors[0]
			c.Points = [][2]float64{c.Points[0], {c.Points[0][0], s.Y + s.Height/2}, {s.X + s.Width + 20, s.Y + s.Height/2}, {s.X + s.Width + 20, c.Points[len(c.Points)-1][1]}, c.Points[len(c.Points)-1]}
		},
		"flow off the outline": func(pg *render.Page) { pg.Connectors[1].Points[0][1] += 3 },
		"label lost": func(pg *render.Page) {
			for i := range pg.Texts {
				if pg.Texts[i].Class == "label" {
					pg.Texts[i].Y += 300
					return
				}
			}
		},
		"text lost": func(pg *render.Page) { pg.Shapes[find(pg, "Step_2")].Lines[0] = "x" },
		"flow lost": func(pg *render.Page) { pg.Connectors = pg.Connectors[1:] },
		"flows along each other": func(pg *render.Page) {
			pg.Connectors = append(pg.Connectors, pg.Connectors[0])
		},
	}
	for name, brk := range breaks {
		d := layout()
		brk(&d.Pages[0])
		if bad := checkView(p, d, "bersama"); len(bad) == 0 {
			t.Errorf("%s: not noticed", name)
		}
	}
}
