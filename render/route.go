package render

import (
	"math"
	"sort"
)

// The router draws the flows of one page as orthogonal polylines.
//
// Every symbol sits in one row and one actor column, so a horizontal segment
// inside a row meets no symbol but those of its own row, and a vertical
// segment in a channel zone (the room between the symbols of two neighbouring
// actor columns, or beside the outer ones) meets none at all. Each flow is
// routed in turn, shortest first, by scoring a small set of candidate paths
// (port pairs × channel tracks × horizontal levels) on bends, length,
// crossings and touches with the flows already drawn, and rejecting any that
// passes through a symbol, runs along another flow or uses a taken port.

// rnode is a symbol the router connects.
type rnode struct {
	shape Shape
	row   int // index into router.rows
	col   int // actor index
	used  portSet
	top   int // index of the connector that enters the top with an arrow, or -1
	merge int // how many flows joined the top connector so far
}

// redge is one flow to route.
type redge struct {
	from, to int // node indices
	label    string
	order    int // for a stable order among equals
}

type span struct{ y0, y1 float64 }

type zone struct {
	tracks []float64 // candidate x positions, left to right
	cost   []float64 // the extra cost of each (near a column border)
}

type seg struct {
	a, b [2]float64
	conn int
}

type router struct {
	nodes    []*rnode
	rows     []span
	rowNodes [][]int
	zones    []zone
	segs     []seg
	buckets  [][]int // per row: indices into segs
	conns    []Connector
	placed   []candidate // per connector: the path it was drawn from
	connSegs [][]int     // per connector: its segments
	mark     []uint32    // per segment: the epoch it was last seen in
	epoch    uint32
	zoneIdx  []int // 0, 1, ..., len(zones)-1
	zoneBuf  []int
	allZones bool // zonesFor offers every zone of the page
	quick    bool // skip the redrawing of crossing flows
	// Scratch space of bestOf, reused from call to call.
	arena [][2]float64
	cands []candidate
	order []int
	exBuf []port
	enBuf []port
	paBuf []path
}

// Channel geometry.
const (
	trackGap   = 4.0 // between two tracks of a zone
	borderGap  = 7.0 // no track nearer a column border than this
	levelNear  = 7.0 // a horizontal above or below a symbol, first choice
	levelFar   = 10.5
	levelClose = 3.5
	slotStep   = 6.0 // between side ports of a box
)

// newZones builds the channel zones of actor columns: zone k lies left of
// actor k's symbols, zone n right of the last; zones n+1 ... 2n are the
// middle lines of the columns. borders are the x of the
// column rules inside the zones, to be kept clear.
func newZones(cols []Column, symW []float64) []zone {
	n := len(cols)
	zs := make([]zone, n+1)
	for k := 0; k <= n; k++ {
		// The zone runs from the symbols on its left (or the table's
		// column border) to the symbols on its right, and holds the
		// column border b.
		var x0, x1, b float64
		if k == 0 {
			x0, b = cols[0].X, cols[0].X
		} else {
			c := cols[k-1]
			x0, b = math.Round(c.X+c.Width/2)+symW[k-1]/2, c.X+c.Width
		}
		if k == n {
			c := cols[n-1]
			x1 = c.X + c.Width
		} else {
			c := cols[k]
			x1 = math.Round(c.X+c.Width/2) - symW[k]/2
		}
		// Tracks stand on both sides of the border, never on it: a flow
		// along a table rule would vanish into it.
		var xs []float64
		for d := 3.5; d < x1-x0; d += trackGap {
			for _, x := range []float64{b - d, b + d} {
				if x >= x0+2.5 && x <= x1-2.5 {
					xs = append(xs, round2(x))
				}
			}
		}
		sort.Float64s(xs)
		for _, x := range xs {
			cost := 0.0
			switch d := math.Abs(x - b); {
			case d < 4:
				cost = 12
			case d < borderGap:
				cost = 4
			}
			zs[k].tracks = append(zs[k].tracks, x)
			zs[k].cost = append(zs[k].cost, cost)
		}
	}
	// The middle line of each actor column is a channel too, wherever the
	// rows it passes hold no symbol of that actor: a last resort, as it
	// looks like a flow between the actor's own steps.
	for _, c := range cols {
		zs = append(zs, zone{tracks: []float64{math.Round(c.X + c.Width/2)}, cost: []float64{25}})
	}
	return zs
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func newRouter(nodes []*rnode, rows []span, zones []zone) *router {
	r := &router{nodes: nodes, rows: rows, zones: zones}
	for k := range zones {
		r.zoneIdx = append(r.zoneIdx, k)
	}
	r.rowNodes = make([][]int, len(rows))
	for i, n := range nodes {
		n.top = -1
		r.rowNodes[n.row] = append(r.rowNodes[n.row], i)
	}
	r.buckets = make([][]int, len(rows))
	return r
}

// rowRange returns the rows that [y0, y1] touches.
func (r *router) rowRange(y0, y1 float64) (int, int) {
	if y0 > y1 {
		y0, y1 = y1, y0
	}
	i := sort.Search(len(r.rows), func(i int) bool { return r.rows[i].y1 >= y0 })
	j := sort.Search(len(r.rows), func(i int) bool { return r.rows[i].y0 > y1 }) - 1
	if i >= len(r.rows) {
		i = len(r.rows) - 1
	}
	if j < i {
		j = i
	}
	return i, j
}

// portSet is a set of a symbol's ports, one bit each.
type portSet uint16

const (
	portT portSet = 1 << iota // top
	portB                     // bottom
	portL                     // left side, middle; the next two bits are the slots above and below
	_
	_
	portR // right side, middle; and its two slots
)

// sidePort returns the port of a side's slot i.
func sidePort(right bool, i int) portSet {
	if right {
		return portR << i
	}
	return portL << i
}

// port is a point on a symbol's outline where a flow leaves or enters.
type port struct {
	x, y float64
	dir  byte    // for an exit, the way it leaves: 'D', 'L', 'R'; for an entry, the side: 'T', 'L', 'R'
	key  portSet // its bit in rnode.used
	cost float64
}

func sideSlots(n *rnode, slots int) []float64 {
	switch n.shape.Kind {
	case ShapeProcess, ShapeStart, ShapeEnd:
		return []float64{0, -slotStep, slotStep}[:slots]
	}
	return []float64{0}
}

// sideX returns the x of the outline at height dy from the middle on the
// left or right side.
func sideX(s Shape, right bool, dy float64) float64 {
	x := s.X
	if s.Kind == ShapeStart || s.Kind == ShapeEnd {
		rad := math.Min(s.Width, s.Height) / 2
		x += rad - math.Sqrt(math.Max(0, rad*rad-dy*dy))
	}
	if right {
		return 2*s.X + s.Width - x
	}
	return x
}

func (r *router) exits(n *rnode, slots int) (ps []port) {
	s := n.shape
	cx := s.X + s.Width/2
	ps = r.exBuf[:0]
	defer func() { r.exBuf = ps[:0] }()
	if n.used&portB == 0 {
		ps = append(ps, port{x: cx, y: s.Y + s.Height, dir: 'D', key: portB})
	}
	if s.Kind == ShapeOffPage {
		return ps
	}
	return r.sidePorts(ps, n, slots, 0)
}

func (r *router) entries(n *rnode, slots int) (ps []port) {
	s := n.shape
	cx := s.X + s.Width/2
	ps = r.enBuf[:0]
	defer func() { r.enBuf = ps[:0] }()
	if n.top < 0 {
		ps = append(ps, port{x: cx, y: s.Y, dir: 'T', key: portT})
	}
	if s.Kind == ShapeOffPage || s.Kind == ShapeDecision {
		return ps
	}
	return r.sidePorts(ps, n, slots, 3)
}

// sidePorts appends the free side ports of n's first slots slots, costing
// base and 4 more for each slot away from the middle.
func (r *router) sidePorts(ps []port, n *rnode, slots int, base float64) []port {
	s := n.shape
	cy := s.Y + s.Height/2
	for i, dy := range sideSlots(n, slots) {
		for _, right := range []bool{false, true} {
			k, d := sidePort(false, i), byte('L')
			if right {
				k, d = sidePort(true, i), 'R'
			}
			if n.used&k != 0 {
				continue
			}
			ps = append(ps, port{x: sideX(s, right, dy), y: cy + dy, dir: d, key: k, cost: base + 4*float64(i)})
		}
	}
	return ps
}

type candidate struct {
	pts   [][2]float64
	bound float64 // a lower bound of cost: ports, tracks, bends and length
	cost  float64 // in all
	extra float64 // of ports and tracks, beside the path's own score
	sp    port
	dp    port
	merge bool
}

// route draws every edge, in the order given. Then, for each flow that
// crosses others, it takes that flow and the ones it crosses off the page,
// draws them again in every order, and keeps the cheapest result.
func (r *router) route(edges []redge) {
	conn := make([]int, len(edges))
	edgeOf := map[int]int{}
	for i, e := range edges {
		conn[i] = r.place(e, r.best(e), -1)
		edgeOf[conn[i]] = i
	}
	movable := func(ci int) bool {
		i, ok := edgeOf[ci]
		if !ok || r.placed[ci].merge {
			return false
		}
		v := r.nodes[edges[i].to]
		return !(v.top == ci && v.merge > 0)
	}
	for round := 0; round < 1 && !r.quick; round++ {
		improved := false
		for _, ci := range conn {
			if !movable(ci) {
				continue
			}
			group := []int{ci}
			for _, cj := range r.crossed(ci) {
				if movable(cj) && len(group) < 3 {
					group = append(group, cj)
				}
			}
			if len(group) == 1 && r.crossings(ci) == 0 {
				continue
			}
			if r.rearrange(group, edges, edgeOf) {
				improved = true
			}
		}
		if !improved {
			break
		}
	}
}

// rearrange draws the connectors of group again in every order and keeps
// the cheapest drawing; it reports whether it changed anything.
func (r *router) rearrange(group []int, edges []redge, edgeOf map[int]int) bool {
	total := func() float64 {
		t := 0.0
		for _, ci := range group {
			c, _, _ := r.score(r.placed[ci].pts, -1, ci, math.Inf(1))
			t += c + r.placed[ci].extra
		}
		return t
	}
	old := make([]candidate, len(group))
	for k, ci := range group {
		old[k] = r.placed[ci]
	}
	bestTotal := total() - 0.5
	var bestSet []candidate
	for _, order := range permutations(len(group)) {
		for _, ci := range group {
			r.unplace(edges[edgeOf[ci]], ci)
		}
		for _, k := range order {
			ci := group[k]
			r.place(edges[edgeOf[ci]], r.best(edges[edgeOf[ci]]), ci)
		}
		if t := total(); t < bestTotal {
			bestTotal = t
			bestSet = make([]candidate, len(group))
			for k, ci := range group {
				bestSet[k] = r.placed[ci]
			}
		}
	}
	set := old
	if bestSet != nil {
		set = bestSet
	}
	for _, ci := range group {
		r.unplace(edges[edgeOf[ci]], ci)
	}
	for k, ci := range group {
		c := set[k]
		r.place(edges[edgeOf[ci]], &c, ci)
	}
	return bestSet != nil
}

// permutations lists the orders worth trying for n items (n <= 3). The
// drawing as it stands is the baseline to beat, so the orders tried put
// each of the others before the first. One item is simply redrawn.
func permutations(n int) [][]int {
	switch n {
	case 1:
		return [][]int{{0}}
	case 2:
		return [][]int{{1, 0}}
	}
	return [][]int{{1, 0, 2}, {2, 0, 1}} // each of the others first
}

// crossed lists the connectors that connector ci crosses, in index order.
func (r *router) crossed(ci int) []int {
	seen := map[int]bool{}
	var out []int
	pts := r.conns[ci].Points
	for i := 1; i < len(pts); i++ {
		lo, hi := r.rowRange(pts[i-1][1], pts[i][1])
		for k := lo; k <= hi; k++ {
			for _, si := range r.buckets[k] {
				s := r.segs[si]
				if s.conn != ci && s.conn >= 0 && !seen[s.conn] && relate(pts[i-1], pts[i], s.a, s.b) == relCross {
					seen[s.conn] = true
					out = append(out, s.conn)
				}
			}
		}
	}
	sort.Ints(out)
	return out
}

// crossings counts the flows that connector ci crosses.
func (r *router) crossings(ci int) int {
	n := 0
	pts := r.conns[ci].Points
	for i := 1; i < len(pts); i++ {
		lo, hi := r.rowRange(pts[i-1][1], pts[i][1])
		for k := lo; k <= hi; k++ {
			for _, si := range r.buckets[k] {
				s := r.segs[si]
				if s.conn != ci && s.conn >= 0 && relate(pts[i-1], pts[i], s.a, s.b) == relCross {
					n++
				}
			}
		}
	}
	return n
}

// best returns the cheapest path for e among the candidates.
//
// It tries the middle ports of each side first, and the side ports off the
// middle only when that gives no clean path: most flows need no more.
func (r *router) best(e redge) *candidate {
	var c *candidate
	if d := r.nodes[e.to].row - r.nodes[e.from].row; d == 1 {
		// To the next row: usually straight down or one bend.
		c = r.bestOf(e, 1)
		if c != nil && c.cost <= c.bound+0.001 && len(c.pts) <= 3 {
			return c // clean, and at most one bend
		}
	}
	if all := r.bestOf(e, 3); all != nil && (c == nil || all.cost < c.cost) {
		c = all
	}
	if c == nil || c.cost >= 500 {
		// Nothing clean nearby: look for channels across the whole page.
		r.allZones = true
		if far := r.bestOf(e, 3); far != nil && (c == nil || far.cost < c.cost) {
			c = far
		}
		r.allZones = false
	}
	if c == nil {
		// Cannot happen with the ports and tracks above; draw something
		// visible rather than lose the flow.
		u, v := r.nodes[e.from], r.nodes[e.to]
		sp := port{x: u.shape.X + u.shape.Width/2, y: u.shape.Y + u.shape.Height, dir: 'D', key: portB}
		dp := port{x: v.shape.X + v.shape.Width/2, y: v.shape.Y, dir: 'T', key: portT}
		c = &candidate{pts: [][2]float64{{sp.x, sp.y}, {sp.x, dp.y}, {dp.x, dp.y}}, sp: sp, dp: dp}
	}
	return c
}

// bestOf returns the cheapest path using the first slots side ports of
// each side.
func (r *router) bestOf(e redge, slots int) *candidate {
	u, v := r.nodes[e.from], r.nodes[e.to]
	var best *candidate
	var bestBad *candidate
	cands := r.cands[:0]
	r.arena = r.arena[:0]
	add := func(c candidate) {
		c.pts = simplify(c.pts)
		c.extra = c.cost
		c.bound = c.cost + pathBase(c.pts)
		cands = append(cands, c)
	}
	exits := r.exits(u, slots)
	entries := r.entries(v, slots)
	back := v.row < u.row
	for _, sp := range exits {
		if back && sp.dir == 'D' {
			// A loop leaves by a side; a decision keeps its bottom
			// vertex for the flow that goes on.
			if u.shape.Kind == ShapeDecision {
				sp.cost += 12
			} else {
				sp.cost += 20
			}
		}
		for _, dp := range entries {
			for _, pt := range r.paths(sp, dp, u, v) {
				add(candidate{pts: pt.pts, cost: sp.cost + dp.cost + pt.cost, sp: sp, dp: dp})
			}
			if r.allZones {
				for _, pt := range r.jogPaths(sp, dp, u, v) {
					add(candidate{pts: pt.pts, cost: sp.cost + dp.cost + pt.cost + 30, sp: sp, dp: dp})
				}
			}
		}
		if v.top >= 0 {
			for _, m := range r.merges(sp, u, v) {
				add(candidate{pts: m.pts, cost: sp.cost + m.cost + 15, sp: sp, merge: true})
			}
		}
	}
	// Score the cheapest-looking first; the rest cannot win once their
	// bends and length alone cost more than the best so far.
	order := r.order[:0]
	for i := range cands {
		order = append(order, i)
	}
	r.cands, r.order = cands, order
	sort.SliceStable(order, func(i, j int) bool { return cands[order[i]].bound < cands[order[j]].bound })
	for _, i := range order {
		c := cands[i]
		if best != nil && c.bound >= best.cost {
			break
		}
		skip := -1
		if c.merge {
			skip = v.top
		}
		limit := math.Inf(1)
		if best != nil {
			limit = best.cost - c.extra
		}
		cost, ok, bad := r.score(c.pts, skip, -1, limit)
		if !ok {
			continue
		}
		c.cost = c.extra + cost
		if bad {
			if bestBad == nil || c.cost < bestBad.cost {
				cc := c
				bestBad = &cc
			}
			continue
		}
		if best == nil || c.cost < best.cost {
			cc := c
			best = &cc
		}
	}
	if best == nil {
		best = bestBad
	}
	if best != nil {
		// Its points live in the arena, which the next call reuses.
		best.pts = append([][2]float64(nil), best.pts...)
	}
	return best
}

// place draws candidate c for e as connector ci, or as a new connector when
// ci < 0, and returns its index.
func (r *router) place(e redge, c *candidate, ci int) int {
	u, v := r.nodes[e.from], r.nodes[e.to]
	if ci < 0 {
		ci = len(r.conns)
		r.conns = append(r.conns, Connector{})
		r.placed = append(r.placed, candidate{})
	}
	u.used |= c.sp.key
	if c.merge {
		v.merge++
	} else {
		v.used |= c.dp.key
		if c.dp.key == portT {
			v.top = ci
		}
	}
	c.pts = simplify(c.pts)
	r.placed[ci] = *c
	r.conns[ci] = Connector{From: u.shape.ID, To: v.shape.ID, Label: e.label, Arrow: !c.merge, Points: c.pts}
	r.addSegs(c.pts, ci)
	return ci
}

// fixed adds a connector drawn by the caller (the plain line joining the
// boxes of a joint activity).
func (r *router) fixed(c Connector) {
	r.conns = append(r.conns, c)
	r.placed = append(r.placed, candidate{pts: c.Points})
	r.addSegs(c.Points, len(r.conns)-1)
}

// unplace takes connector ci off the page: its ports and segments.
func (r *router) unplace(e redge, ci int) {
	u, v := r.nodes[e.from], r.nodes[e.to]
	c := r.placed[ci]
	u.used &^= c.sp.key
	if c.merge {
		v.merge--
	} else {
		v.used &^= c.dp.key
		if v.top == ci {
			v.top = -1
		}
	}
	for _, si := range r.connSegs[ci] {
		sg := &r.segs[si]
		sg.conn = -1
		a, b := r.rowRange(sg.a[1], sg.b[1])
		for k := a; k <= b; k++ {
			bk := r.buckets[k][:0]
			for _, x := range r.buckets[k] {
				if x != si {
					bk = append(bk, x)
				}
			}
			r.buckets[k] = bk
		}
	}
	r.connSegs[ci] = r.connSegs[ci][:0]
}

func (r *router) addSegs(pts [][2]float64, conn int) {
	for len(r.connSegs) <= conn {
		r.connSegs = append(r.connSegs, nil)
	}
	for i := 1; i < len(pts); i++ {
		si := len(r.segs)
		r.segs = append(r.segs, seg{pts[i-1], pts[i], conn})
		r.mark = append(r.mark, 0)
		r.connSegs[conn] = append(r.connSegs[conn], si)
		a, b := r.rowRange(pts[i-1][1], pts[i][1])
		for k := a; k <= b; k++ {
			r.buckets[k] = append(r.buckets[k], si)
		}
	}
}

// simplify drops repeated points and joins collinear runs.
// It works in place: the result shares pts' storage.
func simplify(pts [][2]float64) [][2]float64 {
	out := pts[:0]
	for _, p := range pts {
		p = [2]float64{round2(p[0]), round2(p[1])}
		if n := len(out); n > 0 && out[n-1] == p {
			continue
		}
		if n := len(out); n >= 2 {
			a, b := out[n-2], out[n-1]
			if (a[0] == b[0] && b[0] == p[0]) || (a[1] == b[1] && b[1] == p[1]) {
				out[n-1] = p
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// levels returns the y of horizontals in the band above (above=true) or
// below a symbol, best first.
func levels(s Shape, above bool) [3]float64 {
	if above {
		return [3]float64{s.Y - levelNear, s.Y - levelFar, s.Y - levelClose}
	}
	b := s.Y + s.Height
	return [3]float64{b + levelNear, b + levelFar, b + levelClose}
}

// zonesFor lists the channel zones worth trying between actor columns a and b.
func (r *router) zonesFor(a, b int) []int {
	lo, hi := a, b
	if lo > hi {
		lo, hi = hi, lo
	}
	return r.zoneIdx[lo:min(hi+2, len(r.zones))]
}

// track returns the best free track of zone z over [y0, y1]: the nearest
// to near, on its right (dir > 0) or left (dir < 0) when dir is set. The
// extra cost is that of a track near a column border.
func (r *router) track(z int, near, y0, y1 float64, dir int) (float64, float64, bool) {
	zn := &r.zones[z]
	if y0 > y1 {
		y0, y1 = y1, y0
	}
	best, bestCost, found := 0.0, 0.0, false
	for i, x := range zn.tracks {
		if dir < 0 && x > near || dir > 0 && x < near {
			continue
		}
		c := zn.cost[i] + 0.2*math.Abs(x-near)
		if found && c >= bestCost {
			continue
		}
		if r.verticalFree(x, y0-3, y1+3) {
			best, bestCost, found = x, c, true
		}
	}
	return best, bestCost, found
}

func (r *router) verticalFree(x, y0, y1 float64) bool {
	a, b := r.rowRange(y0, y1)
	for k := a; k <= b; k++ {
		for _, si := range r.buckets[k] {
			s := r.segs[si]
			if s.conn < 0 || s.a[0] != s.b[0] || math.Abs(s.a[0]-x) > trackGap-0.5 {
				continue
			}
			if math.Max(s.a[1], s.b[1]) >= y0 && math.Min(s.a[1], s.b[1]) <= y1 {
				return false
			}
		}
	}
	return true
}

// path is a candidate polyline with its extra cost.
type path struct {
	pts  [][2]float64
	cost float64
}

// paths lists candidate polylines from exit sp to entry dp.
func (r *router) paths(sp, dp port, u, v *rnode) []path {
	out := r.paBuf[:0]
	defer func() { r.paBuf = out[:0] }()
	P := func(cost float64, pts ...[2]float64) {
		start := len(r.arena)
		r.arena = append(r.arena, pts...)
		out = append(out, path{r.arena[start:len(r.arena):len(r.arena)], cost})
	}
	s0 := [2]float64{sp.x, sp.y}
	d0 := [2]float64{dp.x, dp.y}
	vs := v.shape
	// side: the x a track must pass for an exit or entry on a side.
	exitOK := func(x float64) bool {
		switch sp.dir {
		case 'L':
			return x < sp.x
		case 'R':
			return x > sp.x
		}
		return true
	}
	entryOK := func(x float64) bool {
		switch dp.dir {
		case 'L':
			return x < dp.x
		case 'R':
			return x > dp.x
		}
		return true
	}
	switch sp.dir {
	case 'D':
		below := levels(u.shape, false)
		switch dp.dir {
		case 'T':
			if sp.x == dp.x && sp.y < dp.y {
				P(0, s0, d0)
			}
			if sp.y < dp.y {
				above := levels(vs, true)
				for _, yh := range [6]float64{below[0], below[1], below[2], above[0], above[1], above[2]} {
					if yh > sp.y && yh < dp.y {
						P(0, s0, [2]float64{sp.x, yh}, [2]float64{dp.x, yh}, d0)
					}
				}
			}
			for _, z := range r.zonesFor(u.col, v.col) {
				for _, yh := range [2]float64{vs.Y - levelNear, vs.Y - levelFar} {
					x, tc, ok := r.track(z, (sp.x+dp.x)/2, below[0], yh, 0)
					if ok {
						P(tc, s0, [2]float64{sp.x, below[0]}, [2]float64{x, below[0]}, [2]float64{x, yh}, [2]float64{dp.x, yh}, d0)
					}
				}
			}
		default: // side entry
			if sp.y < dp.y && entryOK(sp.x) {
				P(0, s0, [2]float64{sp.x, dp.y}, d0)
			}
			for _, z := range r.zonesFor(u.col, v.col) {
				for _, yh := range [2]float64{below[0], below[1]} {
					x, tc, ok := r.track(z, dp.x, yh, dp.y, 0)
					if ok && entryOK(x) {
						P(tc, s0, [2]float64{sp.x, yh}, [2]float64{x, yh}, [2]float64{x, dp.y}, d0)
					}
				}
			}
		}
	default: // side exit
		dir := 1
		if sp.dir == 'L' {
			dir = -1
		}
		switch dp.dir {
		case 'T':
			if sp.y < dp.y && exitOK(dp.x) {
				P(0, s0, [2]float64{dp.x, sp.y}, d0)
			}
			for _, z := range r.zonesFor(u.col, v.col) {
				for _, yh := range [2]float64{vs.Y - levelNear, vs.Y - levelFar} {
					x, tc, ok := r.track(z, sp.x, sp.y, yh, dir)
					if ok && exitOK(x) {
						P(tc, s0, [2]float64{x, sp.y}, [2]float64{x, yh}, [2]float64{dp.x, yh}, d0)
					}
				}
			}
		default:
			for _, z := range r.zonesFor(u.col, v.col) {
				x, tc, ok := r.track(z, sp.x, sp.y, dp.y, dir)
				if ok && exitOK(x) && entryOK(x) {
					P(tc, s0, [2]float64{x, sp.y}, [2]float64{x, dp.y}, d0)
				}
			}
		}
	}
	return out
}

// jogPaths lists the last-resort paths that change channel on the way: down
// (or up) one track, across in the free band at the top or bottom of a row
// in between, and on down another track. They serve when no single track is
// free over the whole height, as on a narrow page crowded with loops.
func (r *router) jogPaths(sp, dp port, u, v *rnode) []path {
	var out []path
	var start [][2]float64 // the points before the first track, its x excluded
	y0 := sp.y
	switch sp.dir {
	case 'D':
		y0 = levels(u.shape, false)[0]
		start = [][2]float64{{sp.x, sp.y}, {sp.x, y0}}
	default:
		start = [][2]float64{{sp.x, sp.y}}
	}
	y1 := dp.y
	if dp.dir == 'T' {
		y1 = dp.y - levelNear
	}
	lo, hi := u.row, v.row
	if lo > hi {
		lo, hi = hi, lo
	}
	dir := 0
	switch sp.dir {
	case 'L':
		dir = -1
	case 'R':
		dir = 1
	}
	for k := lo + 1; k < hi; k++ {
		for _, yj := range []float64{r.rows[k].y0 + 4, r.rows[k].y1 - 4} {
			for z1 := range r.zones {
				x1, c1, ok := r.track(z1, sp.x, y0, yj, dir)
				if !ok {
					continue
				}
				for z2 := range r.zones {
					x2, c2, ok := r.track(z2, dp.x, yj, y1, 0)
					if !ok || x2 == x1 {
						continue
					}
					switch dp.dir {
					case 'L':
						if x2 >= dp.x {
							continue
						}
					case 'R':
						if x2 <= dp.x {
							continue
						}
					}
					pts := append([][2]float64(nil), start...)
					pts = append(pts, [2]float64{x1, y0}, [2]float64{x1, yj}, [2]float64{x2, yj}, [2]float64{x2, y1})
					if dp.dir == 'T' {
						pts = append(pts, [2]float64{dp.x, y1})
					}
					pts = append(pts, [2]float64{dp.x, dp.y})
					out = append(out, path{pts, c1 + c2})
				}
			}
		}
	}
	return out
}

// merges lists paths from exit sp that end on the connector entering v's
// top, just above v, where they join it without an arrowhead.
func (r *router) merges(sp port, u, v *rnode) []path {
	c := r.conns[v.top]
	n := len(c.Points)
	a, b := c.Points[n-2], c.Points[n-1]
	if a[0] != b[0] {
		return nil
	}
	var out []path
	lv := levels(v.shape, true)
	for _, ym := range []float64{lv[2], lv[0], lv[1]} {
		if ym <= math.Min(a[1], b[1]) || ym >= math.Max(a[1], b[1]) {
			continue
		}
		m := [2]float64{b[0], ym}
		s0 := [2]float64{sp.x, sp.y}
		switch sp.dir {
		case 'D':
			if sp.y < ym {
				out = append(out, path{[][2]float64{s0, {sp.x, ym}, m}, 0})
			}
			for _, z := range r.zonesFor(u.col, v.col) {
				yb := levels(u.shape, false)[0]
				if x, tc, ok := r.track(z, m[0], yb, ym, 0); ok {
					out = append(out, path{[][2]float64{s0, {sp.x, yb}, {x, yb}, {x, ym}, m}, tc})
				}
			}
		default:
			dir := 1
			if sp.dir == 'L' {
				dir = -1
			}
			for _, z := range r.zonesFor(u.col, v.col) {
				if x, tc, ok := r.track(z, sp.x, sp.y, ym, dir); ok {
					out = append(out, path{[][2]float64{s0, {x, sp.y}, {x, ym}, m}, tc})
				}
			}
		}
	}
	return out
}

// pathBase is the part of a path's score that other flows do not change:
// its bends and its length.
func pathBase(pts [][2]float64) float64 {
	c := 10 * float64(len(pts)-2)
	for i := 1; i < len(pts); i++ {
		c += 0.01 * (math.Abs(pts[i][0]-pts[i-1][0]) + math.Abs(pts[i][1]-pts[i-1][1]))
	}
	return c
}

// score rates a path (ignoring connector self's own segments), stopping
// early once the cost passes limit: ok is false when it passes through a symbol; bad when
// it runs along another flow.
func (r *router) score(pts [][2]float64, skip, self int, limit float64) (cost float64, ok, bad bool) {
	pts = simplify(pts)
	if len(pts) < 2 {
		return 0, false, false
	}
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		if a[0] != b[0] && a[1] != b[1] {
			return 0, false, false
		}
		// Turning back on itself.
		if i >= 2 {
			p := pts[i-2]
			if (p[0]-a[0])*(b[0]-a[0])+(p[1]-a[1])*(b[1]-a[1]) > 0 {
				return 0, false, false
			}
		}
		cost += 0.01 * (math.Abs(b[0]-a[0]) + math.Abs(b[1]-a[1]))
		if r.hitsShape(a, b) {
			return 0, false, false
		}
		if r.grazesShape(a, b) {
			cost += 8 // so close to a symbol that it seems to touch it
		}
		lo, hi := r.rowRange(a[1], b[1])
		r.epoch++
		for k := lo; k <= hi; k++ {
			for _, si := range r.buckets[k] {
				if r.mark[si] == r.epoch {
					continue
				}
				r.mark[si] = r.epoch
				s := r.segs[si]
				if s.conn < 0 || s.conn == self {
					continue
				}
				rel := relate(a, b, s.a, s.b)
				if s.conn == skip && i == len(pts)-1 && rel == relTouch {
					continue // a merge joins the flow into the same symbol
				}
				switch rel {
				case relCross:
					cost += 25
				case relTouch:
					cost += 60
				case relNear:
					cost += 40
				case relOverlap:
					cost += 500
					bad = true
				}
			}
		}
		if cost > limit {
			return cost, true, bad // already dearer than the best: no need to finish
		}
	}
	cost += 10 * float64(len(pts)-2)
	return cost, true, bad
}

// hitsShape reports whether segment a-b enters the inside of any symbol.
func (r *router) hitsShape(a, b [2]float64) bool {
	lo, hi := r.rowRange(a[1], b[1])
	for k := lo; k <= hi; k++ {
		for _, ni := range r.rowNodes[k] {
			if segmentEnters(r.nodes[ni].shape, a, b) {
				return true
			}
		}
	}
	return false
}

// grazesShape reports whether segment a-b runs alongside a symbol, within
// grazeGap of its box, without ending on it.
func (r *router) grazesShape(a, b [2]float64) bool {
	lo, hi := r.rowRange(a[1], b[1])
	x0, x1 := math.Min(a[0], b[0]), math.Max(a[0], b[0])
	y0, y1 := math.Min(a[1], b[1]), math.Max(a[1], b[1])
	for k := lo; k <= hi; k++ {
		for _, ni := range r.rowNodes[k] {
			s := r.nodes[ni].shape
			if x1 < s.X-grazeGap || x0 > s.X+s.Width+grazeGap || y1 < s.Y-grazeGap || y0 > s.Y+s.Height+grazeGap {
				continue
			}
			// Near the box: fine when it touches the outline (a port).
			if x1 >= s.X && x0 <= s.X+s.Width && y1 >= s.Y && y0 <= s.Y+s.Height {
				continue
			}
			return true
		}
	}
	return false
}

// grazeGap is how near a flow may pass a symbol it does not touch.
const grazeGap = 4.0

// segmentEnters reports whether the axis-parallel segment a-b passes through
// the inside of s (touching its outline is not entering).
func segmentEnters(s Shape, a, b [2]float64) bool {
	const eps = 0.05
	horizontal := a[1] == b[1]
	var at, lo, hi float64 // the segment's fixed coordinate and its range
	if horizontal {
		at, lo, hi = a[1], math.Min(a[0], b[0]), math.Max(a[0], b[0])
	} else {
		at, lo, hi = a[0], math.Min(a[1], b[1]), math.Max(a[1], b[1])
	}
	e0, e1, ok := shapeExtent(s, at, horizontal)
	return ok && hi > e0+eps && lo < e1-eps
}

// shapeExtent returns the open interval that the inside of s covers on the
// line y = at (horizontal) or x = at (vertical).
func shapeExtent(s Shape, at float64, horizontal bool) (float64, float64, bool) {
	cx, cy := s.X+s.Width/2, s.Y+s.Height/2
	const eps = 0.05
	switch s.Kind {
	case ShapeDecision, ShapeGateway:
		if horizontal {
			f := 1 - math.Abs(at-cy)/(s.Height/2)
			return cx - f*s.Width/2, cx + f*s.Width/2, f > eps
		}
		f := 1 - math.Abs(at-cx)/(s.Width/2)
		return cy - f*s.Height/2, cy + f*s.Height/2, f > eps
	case ShapeStart, ShapeEnd:
		rad := math.Min(s.Width, s.Height) / 2
		if horizontal {
			d := math.Abs(at - cy)
			if d >= rad-eps {
				return 0, 0, false
			}
			k := math.Sqrt(rad*rad - d*d)
			return s.X + rad - k, s.X + s.Width - rad + k, true
		}
		if at <= s.X+eps || at >= s.X+s.Width-eps {
			return 0, 0, false
		}
		d := math.Max(0, math.Max(s.X+rad-at, at-(s.X+s.Width-rad)))
		k := math.Sqrt(math.Max(0, rad*rad-d*d))
		return cy - k, cy + k, k > eps
	}
	if horizontal {
		return s.X, s.X + s.Width, at > s.Y+eps && at < s.Y+s.Height-eps
	}
	return s.Y, s.Y + s.Height, at > s.X+eps && at < s.X+s.Width-eps
}

const (
	relNone = iota
	relCross
	relTouch
	relNear
	relOverlap
)

// relate says how segment a-b meets segment c-d (both axis-parallel).
func relate(a, b, c, d [2]float64) int {
	ah := a[1] == b[1]
	ch := c[1] == d[1]
	ax0, ax1 := math.Min(a[0], b[0]), math.Max(a[0], b[0])
	ay0, ay1 := math.Min(a[1], b[1]), math.Max(a[1], b[1])
	cx0, cx1 := math.Min(c[0], d[0]), math.Max(c[0], d[0])
	cy0, cy1 := math.Min(c[1], d[1]), math.Max(c[1], d[1])
	if ah == ch {
		// Parallel.
		var dist, lo, hi float64
		if ah {
			dist = math.Abs(a[1] - c[1])
			lo, hi = math.Max(ax0, cx0), math.Min(ax1, cx1)
		} else {
			dist = math.Abs(a[0] - c[0])
			lo, hi = math.Max(ay0, cy0), math.Min(ay1, cy1)
		}
		if hi-lo <= 0.5 {
			if dist < 0.5 && hi-lo > -0.5 {
				return relTouch
			}
			if dist < 0.5 && hi-lo > -8 {
				// In line with a short gap: reads as one line.
				return relNear
			}
			return relNone
		}
		if dist < 0.5 {
			return relOverlap
		}
		if dist < 2.5 {
			return relNear
		}
		return relNone
	}
	// Perpendicular: let h be the horizontal one.
	hx0, hx1, hy := ax0, ax1, a[1]
	vx, vy0, vy1 := c[0], cy0, cy1
	if !ah {
		hx0, hx1, hy = cx0, cx1, c[1]
		vx, vy0, vy1 = a[0], ay0, ay1
	}
	const eps = 0.5
	if vx < hx0-eps || vx > hx1+eps || hy < vy0-eps || hy > vy1+eps {
		return relNone
	}
	if vx > hx0+eps && vx < hx1-eps && hy > vy0+eps && hy < vy1-eps {
		return relCross
	}
	return relTouch
}
