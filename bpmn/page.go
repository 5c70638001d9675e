package bpmn

import (
	"fmt"
	"github.com/sopflow/sopflow/internal/geom"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
)

// This file builds the pages of one layout attempt: the frame (pool and
// lanes), the symbols in their lanes and columns, the link events
// of flows that cross pages, then the routes and labels of each page.

// frame is the geometry shared by every page of an attempt.
type frame struct {
	rm       room
	poolBand float64 // width of the pool's name band
	laneBand float64 // width of the lanes' name band
	top      float64 // the pool's top
	left     float64 // the pool's left edge
	content  float64 // where the lanes' content starts
}

// lanes is the vertical geometry of one page: each page sizes its lanes
// to the symbols it holds.
type lanes struct {
	top       []float64
	h         []float64
	rows      []laneRows
	centre    [][]float64 // lane -> row -> centre line
	names     [][]string  // each lane's name, wrapped
	thin      []bool      // the lane has no symbol on the page: a band with its name across
	poolLines []string
}

func (ln *lanes) bottom() float64 { return ln.top[len(ln.top)-1] + ln.h[len(ln.h)-1] }

// newLanes sizes the lanes of a page from its symbols, starting at y.
func newLanes(p *flow.Procedure, nodes []*node, y float64, rm room) *lanes {
	nl := len(p.Actors)
	ln := &lanes{top: make([]float64, nl), h: make([]float64, nl), rows: make([]laneRows, nl),
		centre: make([][]float64, nl), names: make([][]string, nl), thin: make([]bool, nl)}
	for _, n := range nodes {
		_, up, down := n.footprint()
		ln.rows[n.lane].add(n.slot, up, down)
	}
	top := y
	for l := range ln.h {
		rows := &ln.rows[l]
		ln.top[l] = y
		if len(rows.up) == 0 {
			// No symbol here: the lane keeps its name, written across a
			// thin band, but not its height.
			ln.thin[l], ln.names[l], ln.h[l] = true, []string{p.Actors[l].Name}, thinLaneH
			y += thinLaneH
			continue
		}
		content := rows.height(rm)
		ln.names[l], ln.h[l] = nameFit(p.Actors[l].Name, math.Max(laneMinH, content))
		cy := y + math.Floor((ln.h[l]-content)/2) + rm.pad
		for k := range rows.up {
			if k > 0 {
				cy += rows.down[k-1] + rm.rowGap
			}
			cy += rows.up[k]
			ln.centre[l] = append(ln.centre[l], cy)
		}
		y += ln.h[l]
	}
	ln.poolLines = render.FontFace(true).Wrap(p.Name, PoolSize, y-top-2*namePad)
	return ln
}

// offLink is a flow that crosses pages: it ends at a link throw event on
// the page of its source and starts again at the link catch event of the
// same name on the page of its target.
type offLink struct {
	edge    int
	letter  string // A, B, ..., Z, AA, ...
	out, in *node
}

// build lays out every page of columns. Each page is routed with the
// least room first and again with wider channels, up to maxLevel, until
// every flow is routed without running along or touching another and
// every label finds a free place; when every label has its place and more
// room leaves as many touching flows, the tighter page is kept.
func (v *view) build(pages [][]int, cache map[string]*builtPage) *render.Diagram {
	g, p := v.g, v.g.p
	frames := make([]*frame, maxLevel+1)
	frameAt := func(level int) *frame {
		if frames[level] == nil {
			// Whole-point coordinates keep the lines straight.
			f := &frame{rm: roomAt(level), left: math.Ceil(v.margin), top: math.Ceil(v.margin)}
			f.poolBand, f.laneBand = v.bands()
			f.content = f.left + f.poolBand + f.laneBand
			frames[level] = f
		}
		return frames[level]
	}

	pageOf := make([]int, len(v.cols))
	for k, cols := range pages {
		for _, c := range cols {
			pageOf[c] = k
		}
	}
	offs := v.offLinks(pageOf)
	d := &render.Diagram{
		Unit:  "pt",
		Title: p.Name,
		Desc:  fmt.Sprintf("SOP %s, BPMN view: %d steps, %d actors", p.Name, len(p.Steps), len(p.Actors)),
	}
	insOf, outsOf := make([][]offLink, len(pages)), make([][]offLink, len(pages))
	for _, o := range offs {
		e := g.edges[o.edge]
		a, b := pageOf[g.nodes[e.from].col], pageOf[g.nodes[e.to].col]
		outsOf[a] = append(outsOf[a], o)
		insOf[b] = append(insOf[b], o)
	}
	for k, cols := range pages {
		ins, outs := insOf[k], outsOf[k]
		// A page with the same columns and the same flows to other pages
		// as in an earlier build is taken from it, its link events renamed.
		key := pageKey(cols, ins, outs)
		if bp, ok := cache[key]; ok {
			bp.rename(ins, outs)
			bp.page.Number = k + 1
			d.Pages = append(d.Pages, bp.page)
			continue
		}
		var best render.Page
		bestBad := -1
		for level := 0; level <= maxLevel; level++ {
			pb := &pageBuild{v: v, f: frameAt(level), number: k + 1, ins: ins, outs: outs}
			pg, routeBad, labelBad := pb.build(cols)
			// A label without a free place weighs more than any touch.
			bad := 1000*labelBad + routeBad
			if bestBad < 0 || bad < bestBad {
				best, bestBad = pg, bad
			}
			if bad == 0 || labelBad == 0 && bad >= bestBad && level > 0 {
				break // clean, or more room did not help the flows
			}
			if level == 0 && !v.opt.Tall && len(cols) > 1 && pageScale(v, &pg) < minScale {
				break // too large for the paper with the least room: the page is cut
			}
		}
		d.Pages = append(d.Pages, best)
		if cache != nil {
			bp := &builtPage{page: best, letters: make(map[int]string)}
			for _, o := range append(append([]offLink(nil), ins...), outs...) {
				bp.letters[o.edge] = o.letter
			}
			cache[key] = bp
		}
	}
	return d
}

// builtPage is a page built for a set of pages, kept for the next set.
type builtPage struct {
	page    render.Page
	letters map[int]string // edge -> the letter of its link events
}

// pageKey identifies a page by its columns and its flows to other pages.
func pageKey(cols []int, ins, outs []offLink) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d-%d", cols[0], cols[len(cols)-1])
	for _, o := range ins {
		fmt.Fprintf(&b, " i%d", o.edge)
	}
	for _, o := range outs {
		fmt.Fprintf(&b, " o%d", o.edge)
	}
	return b.String()
}

// rename gives the page's link events the letters of ins and outs.
func (bp *builtPage) rename(ins, outs []offLink) {
	ids := make(map[string]string)
	names := make(map[string]string)
	for _, o := range append(append([]offLink(nil), ins...), outs...) {
		old := bp.letters[o.edge]
		if old == o.letter {
			continue
		}
		ids["LinkThrow_"+old], ids["LinkCatch_"+old] = "LinkThrow_"+o.letter, "LinkCatch_"+o.letter
		names[old] = o.letter
		bp.letters[o.edge] = o.letter
	}
	if len(ids) == 0 {
		return
	}
	pg := &bp.page
	for i := range pg.Shapes {
		if id, ok := ids[pg.Shapes[i].ID]; ok {
			pg.Shapes[i].ID, pg.Shapes[i].Label = id, names[pg.Shapes[i].Label]
		}
	}
	for i := range pg.Connectors {
		c := &pg.Connectors[i]
		if id, ok := ids[c.From]; ok {
			c.From = id
		}
		if id, ok := ids[c.To]; ok {
			c.To = id
		}
	}
	for i := range pg.Texts {
		if t := &pg.Texts[i]; t.Class == "link" {
			if n, ok := names[t.Text]; ok {
				t.Text = n
			}
		}
	}
}

// bands returns the widths of the pool's and the lanes' name bands: as
// wide as the names need in the least lanes; lanes with symbols are as
// tall or taller, so their names take no more lines.
func (v *view) bands() (pool, lane float64) {
	p := v.g.p
	lines := 1
	total := 0.0
	for _, a := range p.Actors {
		ll, h := nameFit(a.Name, laneMinH)
		lines = max(lines, len(ll))
		total += h
	}
	lane = bandWidth(lines, LaneSize)
	pool = bandWidth(len(render.FontFace(true).Wrap(p.Name, PoolSize, total-2*namePad)), PoolSize)
	return pool, lane
}

// bandsWidth is the width of both name bands.
func (v *view) bandsWidth() float64 {
	pool, lane := v.bands()
	return pool + lane
}

// pageHeight estimates the height of the lanes of a page holding columns
// [s, e).
func (v *view) pageHeight(s, e int, rm room) float64 {
	pl := v.newPlacer(0, rm)
	for c := s; c < e; c++ {
		pl.add(c)
	}
	return pl.height()
}

// offLinks returns the flows that cross pages, in flow order, with their
// pairs of link events lettered A, B, ...
func (v *view) offLinks(pageOf []int) []offLink {
	g := v.g
	var offs []offLink
	for i, e := range g.edges {
		from, to := g.nodes[e.from], g.nodes[e.to]
		a, b := pageOf[from.col], pageOf[to.col]
		if a == b {
			continue
		}
		letter := geom.Letters(len(offs))
		out := event("LinkThrow_"+letter, render.ShapeLinkThrow, 0, from.lane, letter)
		in := event("LinkCatch_"+letter, render.ShapeLinkCatch, 0, to.lane, letter)
		out.sink = true
		out.w, out.h, in.w, in.h = offW, offH, offW, offH
		offs = append(offs, offLink{edge: i, letter: letter, out: out, in: in})
	}
	return offs
}

// footer writes the SOP number and "Halaman x dari y" below the pool.
func (v *view) footer(pg *render.Page, total int) {
	y := pg.Height - v.margin
	if n := v.g.p.Identity.Number; n != "" {
		pg.Texts = append(pg.Texts, render.Text{X: v.margin, Y: y, Size: footSize, Class: "footer", Text: n})
	}
	s := v.labels["page"] + " " + strconv.Itoa(pg.Number) + " " + v.labels["page_of"] + " " + strconv.Itoa(total)
	pg.Texts = append(pg.Texts, render.Text{X: pg.Width - v.margin, Y: y, Size: footSize, Anchor: "end", Class: "footer", Text: s})
}

// pageBuild lays out one page.
type pageBuild struct {
	v         *view
	f         *frame
	number    int
	ins, outs []offLink

	ln    *lanes
	nodes []*node
	cx    []float64    // each node's centre x, while placing
	xy    [][2]float64 // each node's top-left corner
	index map[*node]int
	edges []pageEdge
	// nodeEdges holds, for each node, its flows (indices into edges).
	nodeEdges [][]int
	right     float64      // the pool's right edge on this page
	gapsX     [][2]float64 // the free vertical bands between columns
}

// pageEdge is a flow drawn on the page.
type pageEdge struct {
	from, to int // indices into pageBuild.nodes
	label    string
	order    int // the flow's place in flow order, for the drawing order
}

// build places the columns cols (and the page's link events), routes the
// flows and draws the page. It returns the page and the number of its
// problems: flows that run along or touch another, or found no route; and
// labels without a free place.
func (pb *pageBuild) build(cols []int) (render.Page, int, int) {
	v, f := pb.v, pb.f
	g, rm := v.g, f.rm
	pb.index = make(map[*node]int)
	place := func(n *node, cx float64) {
		pb.index[n] = len(pb.nodes)
		pb.nodes = append(pb.nodes, n)
		pb.cx = append(pb.cx, cx)
	}
	// A link event stands beside the symbol at its end of the flow, in
	// the same lane: a catch event just before its target's column, a
	// throw event just after its source's.
	before := make(map[int][]*node)
	after := make(map[int][]*node)
	for _, o := range pb.ins {
		c := g.nodes[g.edges[o.edge].to].col
		before[c] = append(before[c], o.in)
	}
	for _, o := range pb.outs {
		c := g.nodes[g.edges[o.edge].from].col
		after[c] = append(after[c], o.out)
	}
	pl := v.newPlacer(f.content, rm)
	for _, c := range cols {
		for _, n := range before[c] {
			place(n, pl.addLink(n))
		}
		cx := pl.add(c)
		for _, i := range v.cols[c] {
			place(g.nodes[i], cx)
		}
		for _, n := range after[c] {
			place(n, pl.addLink(n))
		}
	}
	// The page is as wide as its columns need; Layout then scales it into
	// the paper.
	pb.right = math.Ceil(pl.end)
	pb.gapsX = pb.freeX()

	// The lanes, sized to the page's symbols, and the symbols' rows.
	pb.ln = newLanes(g.p, pb.nodes, f.top, rm)
	for k, n := range pb.nodes {
		cy := pb.ln.centre[n.lane][n.slot]
		pb.xy = append(pb.xy, [2]float64{pb.cx[k] - n.w/2, cy - n.h/2})
	}

	// The flows of the page, in flow order: only those of its columns,
	// so that the work is the page's, not the view's.
	var mine []int
	for _, c := range cols {
		mine = append(mine, v.colEdges[c]...)
	}
	sort.Ints(mine)
	for k, i := range mine {
		if k > 0 && mine[k-1] == i {
			continue
		}
		e := g.edges[i]
		a, aok := pb.index[g.nodes[e.from]]
		b, bok := pb.index[g.nodes[e.to]]
		if aok && bok {
			pb.edges = append(pb.edges, pageEdge{from: a, to: b, label: e.label, order: i})
		}
	}
	for _, o := range pb.outs {
		e := g.edges[o.edge]
		pb.edges = append(pb.edges, pageEdge{from: pb.index[g.nodes[e.from]], to: pb.index[o.out], label: e.label, order: o.edge})
	}
	for _, o := range pb.ins {
		e := g.edges[o.edge]
		pb.edges = append(pb.edges, pageEdge{from: pb.index[o.in], to: pb.index[g.nodes[e.to]], order: o.edge})
	}
	sort.SliceStable(pb.edges, func(a, b int) bool { return pb.edges[a].order < pb.edges[b].order })
	pb.nodeEdges = make([][]int, len(pb.nodes))
	for i, e := range pb.edges {
		pb.nodeEdges[e.from] = append(pb.nodeEdges[e.from], i)
		if e.to != e.from {
			pb.nodeEdges[e.to] = append(pb.nodeEdges[e.to], i)
		}
	}

	conns, bad := pb.route()
	pg := pb.draw(conns)
	return pg, bad, pb.placeLabels(&pg)
}

// freeX returns the vertical bands of the page that no symbol's footprint
// overlaps: the channels that run through every lane.
func (pb *pageBuild) freeX() [][2]float64 {
	type span struct{ a, b float64 }
	spans := make([]span, 0, len(pb.nodes))
	for k, n := range pb.nodes {
		w, _, _ := n.footprint()
		spans = append(spans, span{pb.cx[k] - w/2, pb.cx[k] + w/2})
	}
	sort.Slice(spans, func(i, j int) bool {
		return spans[i].a < spans[j].a || spans[i].a == spans[j].a && spans[i].b < spans[j].b
	})
	var free [][2]float64
	x := pb.f.content
	for _, sp := range spans {
		if sp.a > x {
			free = append(free, [2]float64{x, sp.a})
		}
		x = math.Max(x, sp.b)
	}
	if pb.right > x {
		free = append(free, [2]float64{x, pb.right})
	}
	return free
}

// edgeWidth is the width of n link events side by side.
func edgeWidth(n int) float64 { return float64(n)*offW + float64(n-1)*offSep }

// shapeBox is the box of node k's symbol.
func (pb *pageBuild) shapeBox(k int) box {
	n, p := pb.nodes[k], pb.xy[k]
	return box{X0: p[0], Y0: p[1], X1: p[0] + n.w, Y1: p[1] + n.h}
}

// footBox is the box of node k's symbol and name.
func (pb *pageBuild) footBox(k int) box {
	n, p := pb.nodes[k], pb.xy[k]
	w, _, _ := n.footprint()
	cx := p[0] + n.w/2
	return box{X0: cx - w/2, Y0: p[1], X1: cx + w/2, Y1: p[1] + n.h + n.below}
}

// ports returns where flows may attach to node k.
func (pb *pageBuild) ports(k int) []port {
	n, b := pb.nodes[k], pb.shapeBox(k)
	cx, cy := (b.X0+b.X1)/2, (b.Y0+b.Y1)/2
	ps := []port{{x: b.X1, y: cy, side: right}, {x: b.X0, y: cy, side: left}}
	ps = append(ps, port{x: cx, y: b.Y0, side: up})
	if n.below == 0 {
		ps = append(ps, port{x: cx, y: b.Y1, side: down})
	}
	if n.kind == render.ShapeTask {
		// Straight below or above a symbol it has a flow with, so that a
		// flow between two lanes need not jog by a point or two.
		// The corners are rounded by 8 pt on the page, after scaling.
		r := math.Min(8/minScale, n.h/4)
		for _, ei := range pb.nodeEdges[k] {
			e := pb.edges[ei]
			o := -1
			switch k {
			case e.from:
				o = e.to
			case e.to:
				o = e.from
			}
			if o < 0 || pb.nodes[o].lane == n.lane {
				continue
			}
			if x := pb.cx[o]; x != cx && x >= b.X0+r+1 && x <= b.X1-r-1 {
				ps = append(ps, port{x: x, y: b.Y0, side: up, cost: 4}, port{x: x, y: b.Y1, side: down, cost: 4})
			}
		}
		dx, dy := math.Round(n.w/4), math.Round(n.h/4)
		// Level with a port of a symbol in another column that it has a
		// flow with, so that a flow between two tasks of different
		// heights need not jog by a point or two.
		for _, ei := range pb.nodeEdges[k] {
			e := pb.edges[ei]
			o := e.to
			if k == e.to {
				o = e.from
			}
			if o == k || pb.cx[o] == cx {
				continue
			}
			ob := pb.shapeBox(o)
			oy := (ob.Y0 + ob.Y1) / 2
			ys := []float64{oy}
			if on := pb.nodes[o]; on.kind == render.ShapeTask {
				od := math.Round(on.h / 4)
				ys = append(ys, oy-od, oy+od)
			}
			for _, y := range ys {
				if y != cy && y != cy-dy && y != cy+dy && y >= b.Y0+r+1 && y <= b.Y1-r-1 {
					ps = append(ps, port{x: b.X1, y: y, side: right, cost: 4}, port{x: b.X0, y: y, side: left, cost: 4})
				}
			}
		}
		for _, s := range []float64{-1, 1} {
			ps = append(ps,
				port{x: b.X1, y: cy + s*dy, side: right, cost: 16},
				port{x: b.X0, y: cy + s*dy, side: left, cost: 16},
				port{x: cx + s*dx, y: b.Y0, side: up, cost: 16},
				port{x: cx + s*dx, y: b.Y1, side: down, cost: 16})
		}
	}
	return ps
}

// tracks returns lines through the band [a, b] at least edge away from its
// ends, spaced trackSpace apart: from a border at a (or b) inwards, or
// centred in the band when it has no border.
func tracks(a, b, edge float64, border int) []float64 {
	const trackSpace = 6.0
	var out []float64
	switch border {
	case -1:
		for y := a + edge; y <= b-edge; y += trackSpace {
			out = append(out, math.Round(y))
		}
	case 1:
		for y := b - edge; y >= a+edge; y -= trackSpace {
			out = append(out, math.Round(y))
		}
	default:
		mid := math.Round((a + b) / 2)
		for d := 0.0; mid-d >= a+edge; d += trackSpace {
			out = append(out, mid-d)
			if d > 0 && mid+d <= b-edge {
				out = append(out, mid+d)
			}
		}
	}
	return out
}

// routeMargin is how far above and below its symbols a flow is first
// looked for; wideRoute, how far left and right of them it is looked for
// next (in every lane). A page that fits the paper is narrower than
// wideRoute, so that the second search covers it whole; on a long Tall
// page it bounds the work of a flow.
const (
	routeMargin = 60.0
	wideRoute   = 1500.0
)

// route routes the page's flows, shortest first. It returns them and how
// often a flow runs along or touches another (a flow without a route counts
// 100).
func (pb *pageBuild) route() ([]render.Connector, int) {
	f := pb.f
	var xs, ys []float64
	for _, gp := range pb.gapsX {
		xs = append(xs, tracks(gp[0], gp[1], 6, 0)...)
	}
	// Where columns share the lanes' space, flows turn beside the symbols.
	for k := range pb.nodes {
		b := pb.footBox(k)
		// Just past a stub's least length, so that two symbols 2*minStub+2
		// apart are joined by a straight line, and a little further out.
		xs = append(xs, math.Round(b.X0-minStub-1), math.Round(b.X1+minStub+1))
	}
	ln := pb.ln
	for l := range ln.top {
		top, bot := ln.top[l], ln.top[l]+ln.h[l]
		c, rows := ln.centre[l], ln.rows[l]
		if len(c) == 0 {
			ys = append(ys, tracks(top, bot, 7, 0)...)
			continue
		}
		ys = append(ys, tracks(top, c[0]-rows.up[0]+2, 7, -1)...)
		for k := 0; k+1 < len(c); k++ {
			ys = append(ys, tracks(c[k]+rows.down[k], c[k+1]-rows.up[k+1], 5, 0)...)
		}
		last := len(c) - 1
		ys = append(ys, tracks(c[last]+rows.down[last]-2, bot, 7, 1)...)
	}
	// Just past a stub's least length above and below each symbol, so that
	// two symbols 2*minStub+2 apart in adjacent lanes are joined straight.
	for k := range pb.nodes {
		b := pb.footBox(k)
		ys = append(ys, math.Round(b.Y0-minStub-1), math.Round(b.Y1+minStub+1))
	}
	rnodes := make([]*rnode, len(pb.nodes))
	for k := range pb.nodes {
		rnodes[k] = &rnode{obstacle: pb.footBox(k).Inflate(clearance), ports: pb.ports(k)}
	}
	// The names across thin lanes are obstacles without ports.
	for l, thin := range ln.thin {
		if thin {
			rnodes = append(rnodes, &rnode{obstacle: pb.thinName(l).Inflate(2)})
		}
	}
	r := newRouter(rnodes, xs, ys)
	// No flow runs along a lane's border, where it would hide in the line.
	borders := append([]float64{ln.bottom()}, ln.top...)
	for j, y := range r.ys {
		for _, t := range borders {
			if math.Abs(y-t) < 3 {
				r.hBan[j] = true
			}
		}
	}

	order := make([]int, len(pb.edges))
	span := make([]float64, len(pb.edges))
	for i, e := range pb.edges {
		order[i] = i
		a, b := pb.shapeBox(e.from), pb.shapeBox(e.to)
		span[i] = math.Abs(a.X0-b.X0) + math.Abs(a.Y0-b.Y0)
		if b.X0 < a.X0 {
			span[i] += 10000 // against the flow: after the forward flows
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return span[order[a]] < span[order[b]] })
	conns := make([]render.Connector, len(pb.edges))
	bad := 0
	for _, i := range order {
		e := pb.edges[i]
		a, b := pb.shapeBox(e.from), pb.shapeBox(e.to)
		lo := math.Min(a.X0, b.X0) - f.rm.gap - 40
		hi := math.Max(a.X1, b.X1) + f.rm.gap + 40
		ilo := sort.SearchFloat64s(r.xs, lo)
		ihi := sort.SearchFloat64s(r.xs, hi) - 1
		jlo := sort.SearchFloat64s(r.ys, math.Min(a.Y0, b.Y0)-routeMargin)
		jhi := sort.SearchFloat64s(r.ys, math.Max(a.Y1, b.Y1)+routeMargin) - 1
		// First near the two symbols, then in every lane and further
		// left and right: the whole of a page that fits the paper, a
		// bounded part of a long Tall page.
		res, ok := r.route(e.from, e.to, ilo, ihi, jlo, jhi)
		if !ok || res.cost >= costTouch {
			wlo := sort.SearchFloat64s(r.xs, lo-wideRoute)
			whi := sort.SearchFloat64s(r.xs, hi+wideRoute) - 1
			if res2, ok2 := r.route(e.from, e.to, wlo, whi, 0, r.ny-1); ok2 && (!ok || res2.cost < res.cost) {
				res, ok = res2, true
			}
		}
		c := render.Connector{From: pb.nodes[e.from].id, To: pb.nodes[e.to].id, Label: e.label, Arrow: true}
		if !ok {
			// No route at all: a straight line, which the retry with more
			// room replaces.
			bad += 100
			c.Points = [][2]float64{{(a.X0 + a.X1) / 2, (a.Y0 + a.Y1) / 2}, {(b.X0 + b.X1) / 2, (b.Y0 + b.Y1) / 2}}
		} else {
			bad += r.commit(e.from, e.to, res)
			c.Points = res.pts
		}
		conns[i] = c
	}
	return conns, bad
}
