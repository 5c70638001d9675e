package table

import (
	"github.com/sopflow/sopflow/internal/geom"
	"github.com/sopflow/sopflow/render"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/sopflow/sopflow/flow"
)

// offLink is one end of a flow that crosses a page break: an off-page
// connector (segi lima) on this page.
type offLink struct {
	label string // A, B, ..., Z, AA, ...
	step  int    // the step on this page it attaches to
	actor int    // the actor column it stands in
	exit  string // the decision exit label of the flow, if any
	// beside is the actor column, beside its target's symbol in the
	// target's row, of an incoming connector of a loop back; -1 for one in
	// the strip at the top of the page.
	beside int
}

const (
	titleGap = 8.0 // between the title and the table
	stripPad = 6.0 // around off-page connectors in their strip
)

// page lays out the rows of steps (indices into p.Steps, in order) as one
// flowchart page whose table's top left corner is (x0, y0). ins are the
// off-page connectors that lead into this page's steps, outs those that lead
// out of them.
func (t *table) page(number int, x0, y0, pageW float64, units []rowPart, ins, outs []offLink) render.Page {
	pg := render.Page{Number: number, Kind: render.PageFlowchart, Width: pageW}
	// Room for the texts, counted: the header's lines, the cells' lines,
	// and a bound on the rest (title, symbol and exit labels, footer).
	texts, cells := 8+len(ins)+len(outs), 0
	for _, h := range t.heads {
		texts += len(h.lines)
	}
	for _, u := range units {
		texts += 2 // a symbol's label, or an exit's
		cells += len(t.cells[u.step])
		for _, c := range t.cells[u.step] {
			texts += max(0, min(u.hi, len(c.lines))-min(u.lo, len(c.lines)))
		}
	}
	pg.Texts = make([]render.Text, 0, texts)
	pg.Cells = make([]render.Cell, 0, cells)
	bold := render.FontFace(true)

	// Title.
	y := y0
	for _, l := range t.titleLines() {
		y += TitleSize * render.Leading
		pg.Texts = append(pg.Texts, render.Text{X: x0 + t.width/2, Y: y - bold.Descent(TitleSize), Size: TitleSize, Bold: true, Anchor: render.AnchorMiddle, Class: "title", Text: l})
	}
	ty := y + titleGap

	// Columns.
	for _, c := range t.cols {
		c.X += x0
		pg.Columns = append(pg.Columns, c)
	}

	// Header.
	for _, h := range t.heads {
		if h.rotate {
			turnedText(&pg, x0+h.x, ty+h.y, h.w, h.h, h.size, h.lines, "header")
			continue
		}
		t.centredText(&pg, x0+h.x, ty+h.y, h.w, h.h, h.size, true, h.lines, "header")
	}
	body := ty + t.header

	// Rows: an optional strip of incoming off-page connectors, the steps,
	// an optional strip of outgoing ones.
	var rows []span
	var stripIns []offLink
	for _, in := range ins {
		if in.beside < 0 {
			stripIns = append(stripIns, in)
		}
	}
	inH, outH := t.stripHeight(stripIns), t.stripHeight(outs)
	yy := body
	if inH > 0 {
		rows = append(rows, span{yy, yy + inH})
		yy += inH
	}
	first := len(rows)
	rowOf := map[int]int{}
	var steps []int // the steps whose symbols stand on this page
	for _, u := range units {
		pg.Rows = append(pg.Rows, render.Row{Step: u.step + 1, Y: yy, Height: u.h})
		if u.part == 0 {
			rowOf[u.step] = len(rows)
			steps = append(steps, u.step)
		}
		rows = append(rows, span{yy, yy + u.h})
		yy += u.h
	}
	if outH > 0 {
		rows = append(rows, span{yy, yy + outH})
		yy += outH
	}
	bottom := yy
	pg.Height = bottom

	t.rules(&pg, x0, ty, body, bottom, rows)
	for i, u := range units {
		t.cellTexts(&pg, x0, u, rows[first+i])
	}

	// Symbols.
	var nodes []*rnode
	primary := map[int]int{} // step index -> node index
	var joints [][2]int
	for _, si := range steps {
		s := t.p.Steps[si]
		ri := rowOf[si]
		order := s.Actors
		for k, a := range s.Actors {
			sh := t.symbol(s, a, rows[ri], x0)
			if k > 0 {
				sh.ID += "." + strconv.Itoa(k+1)
			} else {
				primary[si] = len(nodes)
			}
			nodes = append(nodes, &rnode{shape: sh, row: ri, col: a})
		}
		if len(order) > 1 {
			// Join the boxes of a joint activity left to right.
			base := primary[si]
			idx := make([]int, len(order))
			for k := range order {
				idx[k] = base + k
			}
			sort.SliceStable(idx, func(i, j int) bool { return nodes[idx[i]].col < nodes[idx[j]].col })
			for k := 1; k < len(idx); k++ {
				joints = append(joints, [2]int{idx[k-1], idx[k]})
			}
		}
	}
	inNode := make([]int, len(ins))
	for i, in := range ins {
		if in.beside >= 0 {
			inNode[i] = len(nodes)
			nodes = append(nodes, t.besideNode(in, rows[rowOf[in.step]], rowOf[in.step], x0))
		}
	}
	k := 0
	for _, n := range t.offNodes(&nodes, stripIns, rows, 0, x0, false) {
		for ins[k].beside >= 0 {
			k++
		}
		inNode[k] = n
		k++
	}
	outNode := t.offNodes(&nodes, outs, rows, len(rows)-1, x0, true)

	r := newRouter(nodes, rows, newZones(pg.Columns[t.actor0:t.actor0+len(t.p.Actors)], t.symW, t.costs))
	r.w = t.costs
	r.cols = pg.Columns[t.actor0 : t.actor0+len(t.p.Actors)]
	r.quick = t.quick
	for _, j := range joints {
		a, b := nodes[j[0]], nodes[j[1]]
		as, bs := a.shape, b.shape
		y := as.Y + as.Height/2
		pts := [][2]float64{{as.X + as.Width, y}, {bs.X, y}}
		a.used |= portR
		b.used |= portL
		r.fixed(render.Connector{From: as.ID, To: bs.ID, Points: pts})
	}

	// Flows.
	var edges []redge
	onPage := map[int]bool{}
	for _, si := range steps {
		onPage[si] = true
	}
	for i, o := range outs {
		edges = append(edges, redge{from: primary[o.step], to: outNode[i], label: o.exit})
	}
	for i, in := range ins {
		edges = append(edges, redge{from: inNode[i], to: primary[in.step]})
	}
	for _, si := range steps {
		for _, l := range t.p.Steps[si].Out {
			if onPage[l.To] {
				edges = append(edges, redge{from: primary[si], to: primary[l.To], label: l.Label})
			}
		}
	}
	for i := range edges {
		edges[i].order = i
	}
	sort.SliceStable(edges, func(i, j int) bool {
		a, b := edges[i], edges[j]
		sa := abs(nodes[a.from].row - nodes[a.to].row)
		sb := abs(nodes[b.from].row - nodes[b.to].row)
		if sa != sb {
			return sa < sb
		}
		if nodes[a.from].row != nodes[b.from].row {
			return nodes[a.from].row < nodes[b.from].row
		}
		return a.order < b.order
	})
	r.route(edges)
	r.release()

	for _, n := range nodes {
		pg.Shapes = append(pg.Shapes, n.shape)
		if n.shape.Label != "" {
			s := n.shape
			cy := s.Y + s.Height/2
			if s.Kind == render.ShapeOffPage {
				cy = render.OffPageMiddle(s) + 1
			}
			f := render.FontFace(s.Kind == render.ShapeOffPage)
			base := cy + (f.Ascent(LabelSize)-f.Descent(LabelSize))/2
			pg.Texts = append(pg.Texts, render.Text{X: s.X + s.Width/2, Y: base, Size: LabelSize, Bold: s.Kind == render.ShapeOffPage, Anchor: render.AnchorMiddle, Class: "symbol", Text: s.Label})
		}
	}
	pg.Connectors = r.conns
	placeLabels(&pg, pg.Columns[t.actor0:t.actor0+len(t.p.Actors)])
	return pg
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// placeLabels writes the exit labels of decisions against the vertex each
// flow leaves, inside the decision's own actor column: beside the line
// below a bottom vertex, or above or below the line beside a side vertex,
// wrapped at spaces into as many lines as the column's room needs. Of the
// places that fit, it takes the first one clear of lines, symbols, rules
// and other labels.
func placeLabels(pg *render.Page, cols []render.Column) {
	asc := render.FontFace(false).Ascent(LabelSize)
	lh := LabelSize * render.Leading
	shapes := map[string]render.Shape{}
	for _, s := range pg.Shapes {
		shapes[s.ID] = s
	}
	var boxes []box // placed labels
	bad := func(b box, self int) float64 {
		// b grown by the clearance a label keeps, more from lines.
		g := box{X0: b.X0 - 1, Y0: b.Y0 - 1, X1: b.X1 + 1, Y1: b.Y1 + 1}
		gl := box{X0: b.X0 - labelLineGap, Y0: b.Y0 - labelLineGap, X1: b.X1 + labelLineGap, Y1: b.Y1 + labelLineGap}
		cost := 0.0
		for ci, c := range pg.Connectors {
			for i := 1; i < len(c.Points); i++ {
				p, q := c.Points[i-1], c.Points[i]
				if ci == self && i == 1 {
					continue // its own exit segment, which it stands beside
				}
				if gl.Crosses(p, q) {
					cost += 30 // a line through the words: worse than a symbol near
				}
			}
		}
		for _, s := range pg.Shapes {
			if labelOverShape(g, s) {
				cost += 10
			}
		}
		for _, o := range boxes {
			if g.Overlaps(o) {
				cost += 40 // over another label: never, if anything else will do
			}
		}
		for _, r := range pg.Rules {
			if g.Crosses([2]float64{r.X1, r.Y1}, [2]float64{r.X2, r.Y2}) {
				cost += 10
			}
		}
		return cost
	}
	// Labels beside a side vertex first: each has a place above and one
	// below its line, and takes one that a label beside a bottom vertex,
	// which can stand left or right of its line, would otherwise take.
	order := make([]int, 0, len(pg.Connectors))
	for pass := range 2 {
		for ci, c := range pg.Connectors {
			if c.Label == "" || len(c.Points) < 2 {
				continue
			}
			if side := c.Points[0][1] == c.Points[1][1]; side == (pass == 0) {
				order = append(order, ci)
			}
		}
	}
	texts := make([][]render.Text, len(pg.Connectors))
	for _, ci := range order {
		c := pg.Connectors[ci]
		from := shapes[c.From]
		col := render.Column{X: from.X - 100, Width: from.Width + 200}
		for _, cc := range cols {
			if cc.Actor == from.Actor {
				col = cc
			}
		}
		lines, b, end := labelSpot(c.Label, c.Points, col, func(b box) float64 { return bad(b, ci) })
		boxes = append(boxes, b)
		y := b.Y0 + asc
		for _, l := range lines {
			x, anchor := b.X0, render.AnchorStart
			if end {
				x, anchor = b.X1, render.AnchorEnd
			}
			texts[ci] = append(texts[ci], render.Text{X: round2(x), Y: round2(y), Size: LabelSize, Anchor: anchor, Class: "label", Text: l})
			y += lh
		}
	}
	// The texts in the connectors' order, whatever the order of placing.
	for _, ts := range texts {
		pg.Texts = append(pg.Texts, ts...)
	}
}

// labelLineGap is the room a label keeps from the flow lines, other than
// the exit it stands against.
const labelLineGap = 2.5

// labelOverShape reports whether box b overlaps symbol s: its outline
// for a decision (the corners of its bounding box are free room), its box
// for the others.
func labelOverShape(b box, s render.Shape) bool {
	if !b.Overlaps(box{X0: s.X, Y0: s.Y, X1: s.X + s.Width, Y1: s.Y + s.Height}) {
		return false
	}
	if s.Kind != render.ShapeDecision {
		return true
	}
	cx, cy, hw, hh := s.X+s.Width/2, s.Y+s.Height/2, s.Width/2, s.Height/2
	px, py := max(b.X0, min(cx, b.X1)), max(b.Y0, min(cy, b.Y1))
	return math.Abs(px-cx)/hw+math.Abs(py-cy)/hh < 1
}

// labelSpot chooses where the label of a decision exit drawn as pts goes,
// inside the decision's column col: beside the line below a bottom vertex,
// or above or below the line beside a side vertex, wrapped into as many
// lines as the room needs. Of the places, it takes the one that bad rates
// lowest (the first of equals). It returns the lines, their box, and
// whether they align at the box's right edge.
func labelSpot(label string, pts [][2]float64, col render.Column, bad func(box) float64) ([]string, box, bool) {
	f := render.FontFace(false)
	asc, desc := f.Ascent(LabelSize), f.Descent(LabelSize)
	lh := LabelSize * render.Leading
	left, right := col.X+1.5, col.X+col.Width-1.5
	p, q := pts[0], pts[1]
	type spot struct {
		x0, x1 float64 // the room the lines may take
		end    bool    // the lines end at x1 (else they start at x0)
		top    float64 // the top of the first line
	}
	var spots [4]spot
	const g = labelGap
	switch {
	case q[1] > p[1]: // down from the bottom vertex: beside the line
		spots = [4]spot{{p[0] + g, right, false, p[1] + 1}, {left, p[0] - g, true, p[1] + 1}}
	case q[0] > p[0]: // right: above the line, or below it
		spots = [4]spot{{p[0] + 1, right, false, p[1] - g}, {p[0] + 1, right, false, p[1] + g}}
	default: // left
		spots = [4]spot{{left, p[0] - 1, true, p[1] - g}, {left, p[0] - 1, true, p[1] + g}}
	}
	// Last resorts, when both places are taken: the same places a line
	// further out along the exit, farther from the vertex but clear.
	for k := 0; k < 2; k++ {
		sp := spots[k]
		switch {
		case q[1] > p[1]:
			sp.top += lh
		case sp.top < p[1]:
			sp.top -= lh
		default:
			sp.top += lh
		}
		spots[2+k] = sp
	}
	var bestLines []string
	var bestBox box
	bestEnd := false
	bestBad := math.Inf(1)
	// The spots share their widths (the last two are the first two moved
	// down or up): each width is wrapped once.
	var wraps [4]struct {
		room  float64
		lines []string
		w     float64
	}
	nw := 0
	for k, sp := range spots {
		room := max(1, sp.x1-sp.x0)
		j := 0
		for j < nw && wraps[j].room != room {
			j++
		}
		if j == nw {
			lines := f.Wrap(label, LabelSize, room)
			w := 0.0
			for _, l := range lines {
				w = max(w, f.Width(l, LabelSize))
			}
			wraps[j].room, wraps[j].lines, wraps[j].w = room, lines, w
			nw++
		}
		lines, w := wraps[j].lines, wraps[j].w
		h := float64(len(lines))*lh - (lh - asc - desc)
		top := sp.top
		if q[1] == p[1] && sp.top < p[1] {
			top = sp.top - h // above the line: its last line sits on it
		}
		x0 := sp.x0
		if sp.end {
			x0 = sp.x1 - w
		}
		b := box{X0: x0, Y0: top, X1: x0 + w, Y1: top + h}
		cost := bad(b) + float64(k%2)*0.1
		if k >= 2 {
			cost += 15 // farther from its vertex
		}
		if over := w - (sp.x1 - sp.x0); over > 0 {
			cost += 5 + over // wider than the room: into the next column
		}
		if cost < bestBad {
			bestLines, bestBox, bestEnd, bestBad = lines, b, sp.end, cost
		}
	}
	return bestLines, bestBox, bestEnd
}

// box is a rectangle: x0, y0 at the top left.
type box = geom.Box

// stripHeight is the height of a strip holding off-page connectors.
func (t *table) stripHeight(offs []offLink) float64 {
	lines := 0
	for a, m := range offCounts(offs) {
		lines = max(lines, t.offLines(a, m))
	}
	return t.linesHeight(lines)
}

// linesHeight is the height of a strip of lines lines of off-page
// connectors (0 for none).
func (t *table) linesHeight(lines int) float64 {
	if lines == 0 {
		return 0
	}
	return float64(lines)*offH + float64(lines-1)*stripGap + clearance + stripPad/2
}

// offLines is the number of lines m off-page connectors take in actor a's
// column.
func (t *table) offLines(a, m int) int {
	if m == 0 {
		return 0
	}
	return offLines(m, t.cols[t.actor0+a].Width)
}

func offCounts(offs []offLink) map[int]int {
	count := map[int]int{}
	for _, o := range offs {
		count[o.actor]++
	}
	return count
}

// stripGap is the vertical room between two lines of off-page connectors,
// enough for a flow to turn above the lower one.
const stripGap = 14.0

// offLines returns the number of lines m off-page connectors take in a
// column of width colW, as offSlots places them.
func offLines(m int, colW float64) int {
	const gap = 4.0
	room := colW - 8
	if m == 1 || float64(m)*offW+float64(m-1)*gap <= room {
		return 1
	}
	if (room-offW)/float64(m-1) < offW/2+3 {
		return m
	}
	return 2
}

// offSlots places m off-page connectors in a column of width colW: their
// width, the x offset of each one's centre from the column's centre, the
// line each stands in, and the number of lines, the slots nearest the
// centre first. They all have one size. They stand side by side when they
// fit; otherwise in two staggered lines, so that a flow reaches each one
// from above between two of the other line; in a column too narrow for
// that, one per line.
func offSlots(m int, colW float64) (w float64, dx []float64, line []int, lines int) {
	const gap = 4.0
	room := colW - 8
	line = make([]int, m)
	dx = make([]float64, m)
	lines = 1
	w = offW
	if m == 1 || float64(m)*w+float64(m-1)*gap <= room {
		for k := range dx {
			dx[k] = (float64(k) - float64(m-1)/2) * (w + gap)
		}
	} else {
		span := room - w
		step := span / float64(m-1)
		lines = 2
		if step < w/2+3 {
			lines = m
		}
		for k := range dx {
			dx[k] = -span/2 + step*float64(k)
			line[k] = k % lines
		}
	}
	// Nearest the centre first.
	order := make([]int, m)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return math.Abs(dx[order[i]]) < math.Abs(dx[order[j]])-0.01 })
	dx2, line2 := make([]float64, m), make([]int, m)
	for i, k := range order {
		dx2[i], line2[i] = dx[k], line[k]
	}
	return w, dx2, line2, lines
}

// offNodes places off-page connectors in the strip row ri and returns their
// node indices, in the order of offs. Outgoing ones stand at the bottom of
// the strip, incoming ones at the top. In each column, the connector of the
// step nearest the strip takes the slot nearest the column's centre.
func (t *table) offNodes(nodes *[]*rnode, offs []offLink, rows []span, ri int, x0 float64, out bool) []int {
	if len(offs) == 0 {
		return nil
	}
	byActor := map[int][]int{}
	for i, o := range offs {
		byActor[o.actor] = append(byActor[o.actor], i)
	}
	idx := make([]int, len(offs))
	for i, o := range offs {
		list := append([]int(nil), byActor[o.actor]...)
		sort.SliceStable(list, func(a, b int) bool {
			if out {
				return offs[list[a]].step > offs[list[b]].step
			}
			return offs[list[a]].step < offs[list[b]].step
		})
		k := 0
		for list[k] != i {
			k++
		}
		c := t.cols[t.actor0+o.actor]
		w, dx, line, _ := offSlots(len(list), c.Width)
		cx := math.Round(x0+c.X+c.Width/2) + math.Round(dx[k])
		var y float64
		if out {
			y = rows[ri].y0 + clearance + float64(line[k])*(offH+stripGap)
		} else {
			y = rows[ri].y0 + stripPad/2 + float64(line[k])*(offH+stripGap)
		}
		sh := render.Shape{ID: "p" + o.label, Kind: render.ShapeOffPage, Actor: t.p.Actors[o.actor].Name,
			X: cx - w/2, Y: y, Width: w, Height: offH, Label: o.label}
		if out {
			sh.ID += ".out"
		} else {
			sh.ID += ".in"
		}
		idx[i] = len(*nodes)
		*nodes = append(*nodes, &rnode{shape: sh, row: ri, col: o.actor})
	}
	return idx
}

// besideNode places the incoming off-page connector of a loop back in its
// target's row, in column in.beside, with the middle of its square part
// level with the target's middle, so that the flow runs straight across
// into the target's side.
func (t *table) besideNode(in offLink, row span, ri int, x0 float64) *rnode {
	c := t.cols[t.actor0+in.beside]
	w := offW
	cx := math.Round(x0 + c.X + c.Width/2)
	cy := math.Round((row.y0 + row.y1) / 2)
	y := cy - render.OffPageMiddle(render.Shape{Height: offH})
	sh := render.Shape{ID: "p" + in.label + ".in", Kind: render.ShapeOffPage, Actor: t.p.Actors[in.beside].Name,
		X: cx - w/2, Y: y, Width: w, Height: offH, Label: in.label}
	return &rnode{shape: sh, row: ri, col: in.beside, sideOut: true}
}

// besideCol returns the actor column beside step si's symbol where the
// incoming connector of its loop back stands, or -1 when it stands in the
// strip at the top of the page: a step with one loop back into it, from a
// step in another column, gets it in the neighbouring column toward that
// step's, or the other neighbour, when that cell holds no symbol.
func (t *table) besideCol(si int) int {
	if t.backIns == nil {
		t.backIns = make([]int, len(t.p.Steps))
		t.backFrom = make([]int, len(t.p.Steps))
		for i, s := range t.p.Steps {
			for _, l := range s.Out {
				if l.To < i {
					t.backIns[l.To]++
					t.backFrom[l.To] = s.Primary()
				}
			}
		}
	}
	if t.backIns[si] != 1 {
		return -1
	}
	return t.besideColFrom(si, t.backFrom[si])
}

// besideColFrom returns the actor column beside step si's symbol where the
// incoming connector of a loop back from actor from's column stands: the
// neighbouring column toward from's, or the other neighbour, when that
// cell holds no symbol and is wide enough; -1 when neither is.
func (t *table) besideColFrom(si, from int) int {
	s := t.p.Steps[si]
	a := s.Primary()
	order := []int{a + 1, a - 1}
	if from < a {
		order = []int{a - 1, a + 1}
	}
	for _, c := range order {
		if c < 0 || c >= len(t.p.Actors) || slices.Contains(s.Actors, c) {
			continue
		}
		if t.cols[t.actor0+c].Width-8 < offW {
			continue
		}
		return c
	}
	return -1
}

// symbol returns the shape of step s in actor a's column, centred in row.
func (t *table) symbol(s *flow.Step, a int, row span, x0 float64) render.Shape {
	c := t.cols[t.actor0+a]
	w, h := t.symW[a], boxH
	kind := render.ShapeKind(s.Kind)
	label := ""
	switch s.Kind {
	case flow.Decision:
		w, h = diamondW, diamondW
	case flow.Start, flow.End:
		label = t.labels[string(s.Kind)]
		w = t.termW
	}
	if a != s.Primary() {
		kind, label = render.ShapeProcess, ""
	}
	if s.Kind == flow.Process || a != s.Primary() {
		w = min(w, t.symW[a])
	}
	// Whole-point centres keep vertical flows straight.
	cx := math.Round(x0 + c.X + c.Width/2)
	cy := math.Round((row.y0 + row.y1) / 2)
	return render.Shape{ID: "s" + strconv.Itoa(s.Number), Step: s.Number, Kind: kind, Actor: t.p.Actors[a].Name,
		X: cx - w/2, Y: cy - h/2, Width: w, Height: h, Label: label}
}

// rules draws the table's grid.
func (t *table) rules(pg *render.Page, x0, top, body, bottom float64, rows []span) {
	n := len(t.p.Actors)
	x1 := x0 + t.width
	add := func(x1, y1, x2, y2, w float64) {
		pg.Rules = append(pg.Rules, render.Rule{X1: round2(x1), Y1: round2(y1), X2: round2(x2), Y2: round2(y2), Width: w})
	}
	add(x0, top, x1, top, ruleOuter)
	// Under the spanning labels of the first header row.
	a0, a1 := t.cols[t.actor0], t.cols[t.actor0+n+2]
	add(x0+a0.X, top+t.head1, x0+a1.X+a1.Width, top+t.head1, ruleInner)
	add(x0, body, x1, body, ruleInner)
	for i, r := range rows {
		w := ruleInner
		if i == len(rows)-1 {
			w = ruleOuter
		}
		add(x0, r.y1, x1, r.y1, w)
	}
	for i := 0; i <= len(t.cols); i++ {
		x := x0 + t.width
		if i < len(t.cols) {
			x = x0 + t.cols[i].X
		}
		y := top
		// Inside PELAKSANA and MUTU BAKU the first header row spans.
		if (i > t.actor0 && i < t.actor0+n) || (i > t.actor0+n && i < t.actor0+n+3) {
			y = top + t.head1
		}
		w := ruleInner
		if i == 0 || i == len(t.cols) {
			w = ruleOuter
		}
		add(x, y, x, bottom, w)
	}
}

// cellTexts writes the text cells of a row: lines [u.lo, u.hi) of its
// step's cells.
func (t *table) cellTexts(pg *render.Page, x0 float64, u rowPart, row span) {
	f := render.FontFace(false)
	si := u.step
	for _, c := range t.cells[si] {
		col := t.cols[c.col]
		lines := c.lines[min(u.lo, len(c.lines)):min(u.hi, len(c.lines))]
		if c.key == "no" && u.part > 0 {
			lines = nil // the number stands in the step's first row
		}
		if lines == nil {
			lines = []string{}
		}
		pg.Cells = append(pg.Cells, render.Cell{Step: si + 1, Key: c.key, Size: t.sizes[si], X: round2(x0 + col.X), Y: round2(row.y0), Width: round2(col.Width), Height: round2(row.y1 - row.y0), Lines: lines})
		size := t.sizes[si]
		h := linesHeight(len(lines), size)
		y := row.y0 + (row.y1-row.y0-h)/2
		x, anchor := x0+col.X+cellPadX, render.AnchorStart
		if c.key == "no" || c.key == "time" {
			x, anchor = x0+col.X+col.Width/2, render.AnchorMiddle
		}
		for _, l := range lines {
			y += size * render.Leading
			pg.Texts = append(pg.Texts, render.Text{X: round2(x), Y: round2(y - f.Descent(size) - (render.Leading-1)*size/2), Size: size, Anchor: anchor, Class: c.key, Text: l})
		}
	}
}

// centredText writes lines centred in a box.
func (t *table) centredText(pg *render.Page, x, y, w, h, size float64, bold bool, lines []string, class string) {
	f := render.FontFace(bold)
	th := linesHeight(len(lines), size)
	yy := y + (h-th)/2
	for _, l := range lines {
		yy += size * render.Leading
		pg.Texts = append(pg.Texts, render.Text{X: round2(x + w/2), Y: round2(yy - f.Descent(size) - (render.Leading-1)*size/2), Size: size, Bold: bold, Anchor: render.AnchorMiddle, Class: class, Text: l})
	}
}

// turnedText writes bold lines turned to read bottom to top, centred in a
// box: the first line leftmost.
func turnedText(pg *render.Page, x, y, w, h, size float64, lines []string, class string) {
	f := render.FontFace(true)
	lh := size * render.Leading
	// A turned line's glyphs lie between X-ascent and X+descent.
	x0 := x + w/2 - float64(len(lines)-1)*lh/2 + (f.Ascent(size)-f.Descent(size))/2
	for i, l := range lines {
		pg.Texts = append(pg.Texts, render.Text{X: round2(x0 + float64(i)*lh), Y: round2(y + h/2), Size: size, Bold: true, Anchor: render.AnchorMiddle, Rotate: true, Class: class, Text: l})
	}
}

// upperID upper-cases a name as titles print it.
func upperID(s string) string { return strings.ToUpper(s) }
