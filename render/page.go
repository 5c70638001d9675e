package render

import (
	"math"
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
}

const (
	titleGap = 8.0 // between the title and the table
	stripPad = 6.0 // around off-page connectors in their strip
)

// page lays out the rows of steps (indices into p.Steps, in order) as one
// flowchart page whose table's top left corner is (x0, y0). ins are the
// off-page connectors that lead into this page's steps, outs those that lead
// out of them.
func (t *table) page(number int, x0, y0, pageW float64, steps []int, ins, outs []offLink) Page {
	pg := Page{Number: number, Kind: "flowchart", Width: pageW}
	bold := FontFace(true)

	// Title.
	y := y0
	for _, l := range t.titleLines() {
		y += TitleSize * Leading
		pg.Texts = append(pg.Texts, Text{X: x0 + t.width/2, Y: y - bold.Descent(TitleSize), Size: TitleSize, Bold: true, Anchor: "middle", Class: "title", Text: l})
	}
	ty := y + titleGap

	// Columns.
	for _, c := range t.cols {
		c.X += x0
		pg.Columns = append(pg.Columns, c)
	}

	// Header.
	for _, h := range t.heads {
		t.centredText(&pg, x0+h.x, ty+h.y, h.w, h.h, h.size, true, h.lines, "header")
	}
	body := ty + t.header

	// Rows: an optional strip of incoming off-page connectors, the steps,
	// an optional strip of outgoing ones.
	var rows []span
	inH, outH := t.stripHeight(ins), t.stripHeight(outs)
	yy := body
	if inH > 0 {
		rows = append(rows, span{yy, yy + inH})
		yy += inH
	}
	first := len(rows)
	rowOf := map[int]int{}
	for _, si := range steps {
		h := t.heights[si]
		pg.Rows = append(pg.Rows, Row{Step: si + 1, Y: yy, Height: h})
		rowOf[si] = len(rows)
		rows = append(rows, span{yy, yy + h})
		yy += h
	}
	if outH > 0 {
		rows = append(rows, span{yy, yy + outH})
		yy += outH
	}
	bottom := yy
	pg.Height = bottom

	t.rules(&pg, x0, ty, body, bottom, rows)
	for i, si := range steps {
		t.cellTexts(&pg, x0, si, rows[first+i])
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
	inNode := t.offNodes(&nodes, ins, rows, 0, x0, false)
	outNode := t.offNodes(&nodes, outs, rows, len(rows)-1, x0, true)

	r := newRouter(nodes, rows, newZones(pg.Columns[t.actor0:t.actor0+len(t.p.Actors)], t.symW))
	r.quick = t.quick
	for _, j := range joints {
		a, b := nodes[j[0]], nodes[j[1]]
		as, bs := a.shape, b.shape
		y := as.Y + as.Height/2
		pts := [][2]float64{{as.X + as.Width, y}, {bs.X, y}}
		a.used |= portR
		b.used |= portL
		r.fixed(Connector{From: as.ID, To: bs.ID, Points: pts})
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

	for _, n := range nodes {
		pg.Shapes = append(pg.Shapes, n.shape)
		if n.shape.Label != "" {
			s := n.shape
			cy := s.Y + s.Height/2
			if s.Kind == ShapeOffPage {
				cy = s.Y + s.Height*(1-OffPageNotch)/2 + 1
			}
			f := FontFace(s.Kind == ShapeOffPage)
			base := cy + (f.Ascent(LabelSize)-f.Descent(LabelSize))/2
			pg.Texts = append(pg.Texts, Text{X: s.X + s.Width/2, Y: base, Size: LabelSize, Bold: s.Kind == ShapeOffPage, Anchor: "middle", Class: "symbol", Text: s.Label})
		}
	}
	pg.Connectors = r.conns
	placeLabels(&pg)
	return pg
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// placeLabels writes the exit labels of decisions beside the vertex each
// flow leaves, on whichever side of the line is free of other lines,
// symbols and labels.
func placeLabels(pg *Page) {
	f := FontFace(false)
	asc, desc := f.Ascent(LabelSize), f.Descent(LabelSize)
	var boxes [][4]float64 // placed labels: x0, y0, x1, y1
	free := func(b [4]float64) float64 {
		bad := 0.0
		for _, c := range pg.Connectors {
			for i := 1; i < len(c.Points); i++ {
				p, q := c.Points[i-1], c.Points[i]
				if math.Max(p[0], q[0]) > b[0] && math.Min(p[0], q[0]) < b[2] &&
					math.Max(p[1], q[1]) > b[1] && math.Min(p[1], q[1]) < b[3] {
					bad += 10
				}
			}
		}
		for _, s := range pg.Shapes {
			if s.X+s.Width > b[0] && s.X < b[2] && s.Y+s.Height > b[1] && s.Y < b[3] {
				bad += 10
			}
		}
		for _, o := range boxes {
			if o[2] > b[0] && o[0] < b[2] && o[3] > b[1] && o[1] < b[3] {
				bad += 20
			}
		}
		for _, r := range pg.Rules {
			if math.Max(r.X1, r.X2) > b[0] && math.Min(r.X1, r.X2) < b[2] &&
				math.Max(r.Y1, r.Y2) > b[1] && math.Min(r.Y1, r.Y2) < b[3] {
				bad += 1.5 // a table rule through a label: better avoided, but less than a label far from its exit
			}
		}
		return bad
	}
	for _, c := range pg.Connectors {
		if c.Label == "" || len(c.Points) < 2 {
			continue
		}
		w := f.Width(c.Label, LabelSize)
		p, q := c.Points[0], c.Points[1]
		type spot struct {
			x, y   float64 // baseline start
			anchor string
		}
		var spots []spot
		const g = 2.5
		switch {
		case q[1] > p[1]: // leaves downwards
			y := p[1] + asc + 1
			spots = []spot{{p[0] + g, y, "start"}, {p[0] - g, y, "end"}, {p[0] + g, y + asc + 2, "start"}, {p[0] - g, y + asc + 2, "end"}}
		case q[0] > p[0]: // to the right: above or below the line, moving out past nearby lines
			for _, dx := range []float64{g, g + 6, g + 12, g + 20} {
				spots = append(spots, spot{p[0] + dx, p[1] - g, "start"}, spot{p[0] + dx, p[1] + asc + g, "start"})
			}
		default: // to the left
			for _, dx := range []float64{g, g + 6, g + 12, g + 20} {
				spots = append(spots, spot{p[0] - dx, p[1] - g, "end"}, spot{p[0] - dx, p[1] + asc + g, "end"})
			}
		}
		best, bestBad := spots[0], math.Inf(1)
		var bestBox [4]float64
		for _, sp := range spots {
			x0 := sp.x
			if sp.anchor == "end" {
				x0 -= w
			}
			b := [4]float64{x0, sp.y - asc, x0 + w, sp.y + desc}
			if bad := free(b) + 0.1*math.Abs(sp.x-p[0]); bad < bestBad {
				best, bestBad, bestBox = sp, bad, b
			}
		}
		boxes = append(boxes, bestBox)
		pg.Texts = append(pg.Texts, Text{X: round2(best.x), Y: round2(best.y), Size: LabelSize, Anchor: best.anchor, Class: "label", Text: c.Label})
	}
}

// stripHeight is the height of a strip holding off-page connectors.
func (t *table) stripHeight(offs []offLink) float64 {
	if len(offs) == 0 {
		return 0
	}
	lines := 0
	for _, m := range offCounts(offs) {
		n := offLines(m, t.cols[t.actor0].Width)
		lines = max(lines, n)
	}
	return float64(lines)*offH + float64(lines-1)*stripGap + clearance + stripPad/2
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

const offNarrowW = 20.0

// offLines returns the number of lines m off-page connectors take in a
// column of width colW, as offSlots places them.
func offLines(m int, colW float64) int {
	const gap = 4.0
	room := colW - 8
	for _, w := range []float64{offW, offNarrowW} {
		if m == 1 || float64(m)*w+float64(m-1)*gap <= room {
			return 1
		}
	}
	if (room-offNarrowW)/float64(m-1) < offNarrowW/2+3 {
		return m
	}
	return 2
}

// offSlots places m off-page connectors in a column of width colW: their
// width, the x offset of each one's centre from the column's centre, the
// line each stands in, and the number of lines, the slots nearest the
// centre first. They stand side by side when they fit, at full width or
// narrowed; otherwise in two staggered lines, so that a flow reaches each
// one from above between two of the other line; in a column too narrow for
// that, one per line.
func offSlots(m int, colW float64) (w float64, dx []float64, line []int, lines int) {
	const gap = 4.0
	room := colW - 8
	line = make([]int, m)
	dx = make([]float64, m)
	lines = 1
	w = offW
	if float64(m)*offW+float64(m-1)*gap > room {
		w = offNarrowW
	}
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
		sh := Shape{ID: "p" + o.label, Kind: ShapeOffPage, Actor: t.p.Actors[o.actor].Name,
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

// symbol returns the shape of step s in actor a's column, centred in row.
func (t *table) symbol(s *flow.Step, a int, row span, x0 float64) Shape {
	c := t.cols[t.actor0+a]
	w, h := t.symW[a], boxH
	kind := string(s.Kind)
	label := ""
	switch s.Kind {
	case flow.Decision:
		w, h = diamondW, diamondW
	case flow.Start, flow.End:
		label = t.labels[string(s.Kind)]
		// A capsule, never a circle, wide enough for its word, as far as
		// the column leaves room for channels beside it.
		want := math.Max(h+8, 2*math.Ceil((FontFace(false).Width(label, LabelSize)+10)/2))
		room := 2 * math.Floor((c.Width-2*8)/2)
		w = math.Max(h, math.Max(w, math.Min(want, room)))
	}
	if a != s.Primary() {
		kind, label = ShapeProcess, ""
	}
	if s.Kind != flow.Start && s.Kind != flow.End {
		w = math.Min(w, t.symW[a])
	}
	// Whole-point centres keep vertical flows straight.
	cx := math.Round(x0 + c.X + c.Width/2)
	cy := math.Round((row.y0 + row.y1) / 2)
	return Shape{ID: "s" + strconv.Itoa(s.Number), Step: s.Number, Kind: kind, Actor: t.p.Actors[a].Name,
		X: cx - w/2, Y: cy - h/2, Width: w, Height: h, Label: label}
}

// rules draws the table's grid.
func (t *table) rules(pg *Page, x0, top, body, bottom float64, rows []span) {
	n := len(t.p.Actors)
	x1 := x0 + t.width
	add := func(x1, y1, x2, y2, w float64) {
		pg.Rules = append(pg.Rules, Rule{X1: round2(x1), Y1: round2(y1), X2: round2(x2), Y2: round2(y2), Width: w})
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

// cellTexts writes one step's text cells.
func (t *table) cellTexts(pg *Page, x0 float64, si int, row span) {
	f := FontFace(false)
	for _, c := range t.cells[si] {
		col := t.cols[c.col]
		lines := c.lines
		if lines == nil {
			lines = []string{}
		}
		pg.Cells = append(pg.Cells, Cell{Step: si + 1, Key: c.key, Size: t.sizes[si], X: round2(x0 + col.X), Y: round2(row.y0), Width: round2(col.Width), Height: round2(row.y1 - row.y0), Lines: lines})
		size := t.sizes[si]
		h := linesHeight(len(lines), size)
		y := row.y0 + (row.y1-row.y0-h)/2
		x, anchor := x0+col.X+cellPadX, "start"
		if c.key == "no" || c.key == "time" {
			x, anchor = x0+col.X+col.Width/2, "middle"
		}
		for _, l := range lines {
			y += size * Leading
			pg.Texts = append(pg.Texts, Text{X: round2(x), Y: round2(y - f.Descent(size) - (Leading-1)*size/2), Size: size, Anchor: anchor, Class: c.key, Text: l})
		}
	}
}

// centredText writes lines centred in a box.
func (t *table) centredText(pg *Page, x, y, w, h, size float64, bold bool, lines []string, class string) {
	f := FontFace(bold)
	th := linesHeight(len(lines), size)
	yy := y + (h-th)/2
	for _, l := range lines {
		yy += size * Leading
		pg.Texts = append(pg.Texts, Text{X: round2(x + w/2), Y: round2(yy - f.Descent(size) - (Leading-1)*size/2), Size: size, Bold: bold, Anchor: "middle", Class: class, Text: l})
	}
}

// upperID upper-cases a name as titles print it.
func upperID(s string) string { return strings.ToUpper(s) }
