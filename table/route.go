package table

import (
	"github.com/sopflow/sopflow/internal/geom"
	"github.com/sopflow/sopflow/render"
	"math"
	"slices"
	"sort"
	"sync"
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
	shape render.Shape
	row   int // index into router.rows
	col   int // actor index
	used  portSet
	top   int // index of the connector that enters the top with an arrow, or -1
	merge int // how many flows joined the top connector so far
	// sideOut lets an off-page connector beside its target's symbol leave
	// by its sides.
	sideOut bool
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
	nodes      []*rnode
	rows       []span
	rowNodes   [][]int
	zones      []zone
	segs       []seg
	buckets    [][]int // per row: indices into segs
	conns      []render.Connector
	placed     []candidate // per connector: the path it was drawn from
	connSegs   [][]int     // per connector: its segments
	mark       []uint32    // per segment: the epoch it was last seen in
	epoch      uint32
	zoneIdx    []int // 0, 1, ..., len(zones)-1
	lastResort bool  // bestOf also tries paths that change channel (jogPaths)
	w          costs
	cols       []render.Column // the actor columns, by actor index
	labels     []box           // the room kept for the exit labels drawn so far
	quick      bool            // skip the redrawing of crossing flows
	*scratch
}

// scratch is the router's working space, reused from call to call of
// bestOf, and from page to page through scratchPool: a page's router
// grows it anew otherwise, and that was a large part of a layout's
// garbage.
type scratch struct {
	arena   [][2]float64
	cands   []candidate
	order   []candKey
	exBuf   []port
	enBuf   []port
	paBuf   []path
	zoneBuf []int
}

// candKey is a candidate's bound and index, to sort them by.
type candKey struct {
	bound float64
	i     int
}

// before orders candidate keys by bound, then index.
func (a candKey) before(b candKey) bool {
	return a.bound < b.bound || !(b.bound < a.bound) && a.i < b.i
}

// siftDown restores the min-heap h (by before) below index k.
func siftDown(h []candKey, k int) {
	for {
		m := 2*k + 1
		if m >= len(h) {
			return
		}
		if r := m + 1; r < len(h) && h[r].before(h[m]) {
			m = r
		}
		if !h[m].before(h[k]) {
			return
		}
		h[k], h[m] = h[m], h[k]
		k = m
	}
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// release gives the router's scratch space back to scratchPool; the router
// must not route after it.
func (r *router) release() {
	if r.scratch != nil {
		scratchPool.Put(r.scratch)
		r.scratch = nil
	}
}

// Channel geometry.
const (
	trackGap   = 4.0  // between two tracks of a zone
	borderGap  = 11.0 // a track nearer a column border than this costs more
	levelNear  = 7.0  // a horizontal above or below a symbol, first choice
	levelFar   = 9.0
	levelClose = 3.5
	// Horizontals above a symbol a flow enters from the top: the last
	// segment is at least twice the arrowhead's length.
	entryNear  = 9.0
	entryFar   = 20.0
	entryClose = 7.0
	slotStep   = 6.0  // between side ports of a box
	minStub    = 6.0  // the least run out of a side port before a turn
	poorPath   = 30.0 // the cost beyond bends and length of a path worth redrawing
)

func round2(v float64) float64 { return geom.Round2(v) }

func newRouter(nodes []*rnode, rows []span, zones []zone) *router {
	r := &router{nodes: nodes, rows: rows, zones: zones, scratch: scratchPool.Get().(*scratch)}
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
	// Two binary searches, as sort.Search would do them: the first row
	// that ends at or below y0, and the last that starts at or above y1.
	rows := r.rows
	i, hi := 0, len(rows)
	for i < hi {
		h := int(uint(i+hi) >> 1)
		if rows[h].y1 >= y0 {
			hi = h
		} else {
			i = h + 1
		}
	}
	j, hi := 0, len(rows)
	for j < hi {
		h := int(uint(j+hi) >> 1)
		if rows[h].y0 > y1 {
			hi = h
		} else {
			j = h + 1
		}
	}
	j--
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

// sideMask returns the ports of a whole side.
func sideMask(right bool) portSet {
	if right {
		return portR | portR<<1 | portR<<2
	}
	return portL | portL<<1 | portL<<2
}

// costs weighs what the router avoids, in the units of a path's score:
// 10 for each bend, 0.01 for each point of length.
type costs struct {
	cross  float64 // crossing another flow
	touch  float64 // ending on another flow that goes elsewhere
	near   float64 // running side by side with another flow, or in line with a short gap
	graze  float64 // passing a symbol closer than grazeGap, or along its edge
	label  float64 // through the room kept for a decision's label
	middle float64 // a track down the middle of an actor column
	away   float64 // a side exit turned away from the target's column
	shared float64 // a second flow end on a side of a symbol
	border float64 // a track nearer a column rule than borderGap, and 3 a point nearer
	merge  float64 // joining another flow's last segment instead of a port
	hrule  float64 // a horizontal run within 4.5 pt of a row's rule
	inLine float64 // on one line with another flow, 20 to 45 pt apart
}

// defaultCosts are the weights Layout uses, chosen by the quality report
// (see TestTuneCosts).
var defaultCosts = costs{cross: 75, touch: 22.5, near: 60, graze: 22.5, label: 11.25, middle: 3, away: 120, shared: 90, border: 24, merge: 15, hrule: 3.75, inLine: 30}

// sidePort returns the port of a side's slot i.
func sidePort(right bool, i int) portSet {
	if right {
		return portR << i
	}
	return portL << i
}

// side is -1 for a port on a symbol's left side, 1 on its right, 0 at its
// top or bottom.
func (p port) side() int {
	switch p.dir {
	case 'L':
		return -1
	case 'R':
		return 1
	}
	return 0
}

// faces reports whether x lies on the side the port faces, where a flow
// through a side port must turn; any x does for a top or bottom port.
func (p port) faces(x float64) bool {
	switch p.side() {
	case -1:
		return x < p.x
	case 1:
		return x > p.x
	}
	return true
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
	case render.ShapeProcess, render.ShapeStart, render.ShapeEnd:
		return []float64{0, -slotStep, slotStep}[:slots]
	}
	return []float64{0}
}

// sideX returns the x of the outline at height dy from the middle on the
// left or right side.
func sideX(s render.Shape, right bool, dy float64) float64 {
	x := s.X
	if s.Kind == render.ShapeStart || s.Kind == render.ShapeEnd {
		rad := min(s.Width, s.Height) / 2
		x += rad - math.Sqrt(max(0, rad*rad-dy*dy))
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
	if s.Kind == render.ShapeOffPage && !n.sideOut {
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
	if s.Kind == render.ShapeOffPage || s.Kind == render.ShapeDecision {
		return ps
	}
	return r.sidePorts(ps, n, slots, 3)
}

// sidePorts appends the free side ports of n's first slots slots, costing
// base and 4 more for each slot away from the middle.
func (r *router) sidePorts(ps []port, n *rnode, slots int, base float64) []port {
	s := n.shape
	cy := s.Y + s.Height/2
	if s.Kind == render.ShapeOffPage {
		cy = render.OffPageMiddle(s) // the middle of its square part
	}
	for i, dy := range sideSlots(n, slots) {
		for _, right := range []bool{false, true} {
			k, d := sidePort(false, i), byte('L')
			if right {
				k, d = sidePort(true, i), 'R'
			}
			if n.used&k != 0 {
				continue
			}
			cost := base + 4*float64(i)
			if n.used&sideMask(right) != 0 {
				cost += r.w.shared // one flow end per side where it can
			}
			ps = append(ps, port{x: sideX(s, right, dy), y: cy + dy, dir: d, key: k, cost: cost})
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
	conn := r.routeAll(edges)
	r.swapEnds(edges, conn)
	r.clearLabels(edges, conn)
}

// clearLabels finds, for each decision exit, where its label will stand,
// and draws again the flows that cross that place, now keeping clear of it:
// a flow drawn before the exit could not know of its label.
func (r *router) clearLabels(edges []redge, conn []int) {
	if r.cols == nil {
		return
	}
	for i, e := range edges {
		if e.label == "" {
			continue
		}
		ci := conn[i]
		u := r.nodes[e.from]
		bad := func(b box) float64 { return 10 * float64(len(r.labelCrossers(b, ci))) }
		_, b, _ := labelSpot(e.label, r.conns[ci].Points, r.cols[u.col], bad)
		crossers := r.labelCrossers(b, ci)
		if len(crossers) == 0 {
			continue
		}
		r.labels = append(r.labels, b)
		for _, cj := range crossers {
			k := slices.Index(conn, cj)
			if k < 0 || r.placed[cj].merge {
				continue
			}
			old := r.placed[cj]
			r.unplace(edges[k], cj)
			c := r.best(edges[k])
			r.place(edges[k], c, cj)
			if len(r.labelCrossers(b, ci)) > 0 && slices.Contains(r.labelCrossers(b, ci), cj) {
				// No way round: keep the first drawing.
				r.unplace(edges[k], cj)
				r.place(edges[k], &old, cj)
			}
		}
	}
}

// labelCrossers lists the connectors other than self (and self's segments
// after its first) that pass through box b grown by labelLineGap.
func (r *router) labelCrossers(b box, self int) []int {
	g := box{X0: b.X0 - labelLineGap, Y0: b.Y0 - labelLineGap, X1: b.X1 + labelLineGap, Y1: b.Y1 + labelLineGap}
	var out []int
	lo, hi := r.rowRange(g.Y0, g.Y1)
	r.epoch++
	for k := lo; k <= hi; k++ {
		for _, si := range r.buckets[k] {
			if r.mark[si] == r.epoch {
				continue
			}
			r.mark[si] = r.epoch
			sg := r.segs[si]
			if sg.conn < 0 || (sg.conn == self && len(r.connSegs[self]) > 0 && r.connSegs[self][0] == si) {
				continue
			}
			if g.Crosses(sg.a, sg.b) && !slices.Contains(out, sg.conn) {
				out = append(out, sg.conn)
			}
		}
	}
	return out
}

// swapEnds swaps the places of two off-page connectors in one column whose
// flows cross, and keeps the swap when the two flows, drawn again, cross
// less: which of two slots a flow should take shows only once it is drawn.
func (r *router) swapEnds(edges []redge, conn []int) {
	if r.quick {
		return
	}
	for i := range edges {
		for j := i + 1; j < len(edges); j++ {
			a, b := r.nodes[edges[i].to], r.nodes[edges[j].to]
			if a.shape.Kind != render.ShapeOffPage {
				a, b = r.nodes[edges[i].from], r.nodes[edges[j].from] // incoming ones
			}
			if a.shape.Kind != render.ShapeOffPage || b.shape.Kind != render.ShapeOffPage || a.col != b.col || a.row != b.row || a.sideOut || b.sideOut {
				continue
			}
			ci, cj := conn[i], conn[j]
			if !slices.Contains(r.crossed(ci), cj) {
				continue
			}
			before := r.crossings(ci) + r.crossings(cj)
			oldI, oldJ := r.placed[ci], r.placed[cj]
			r.unplace(edges[i], ci)
			r.unplace(edges[j], cj)
			a.shape.X, b.shape.X = b.shape.X, a.shape.X
			a.shape.Y, b.shape.Y = b.shape.Y, a.shape.Y
			r.place(edges[i], r.best(edges[i]), ci)
			r.place(edges[j], r.best(edges[j]), cj)
			if r.crossings(ci)+r.crossings(cj) < before {
				continue
			}
			// No better: put them back as they were.
			r.unplace(edges[i], ci)
			r.unplace(edges[j], cj)
			a.shape.X, b.shape.X = b.shape.X, a.shape.X
			a.shape.Y, b.shape.Y = b.shape.Y, a.shape.Y
			r.place(edges[i], &oldI, ci)
			r.place(edges[j], &oldJ, cj)
		}
	}
}

// routeAll draws every edge, in the order given, then draws again the
// flows that cross others or took a poor path (see route); it returns the
// connector index of each edge.
func (r *router) routeAll(edges []redge) []int {
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
	if !r.quick {
		// A flow that had to take a poor path (away from its target, beside
		// a rule, a long way round) is drawn again together with the flows
		// that share its symbols, in every order: the ports they took
		// first may be the ones it needs.
		for _, ci := range conn {
			if !movable(ci) {
				continue
			}
			c := r.placed[ci]
			own, _, _ := r.score(c.pts, -1, ci, math.Inf(1))
			if own+c.extra-pathBase(c.pts) < poorPath {
				continue
			}
			group := []int{ci}
			e := edges[edgeOf[ci]]
			for _, cj := range conn {
				if cj == ci || !movable(cj) || len(group) == 3 {
					continue
				}
				f := edges[edgeOf[cj]]
				if f.from == e.from || f.to == e.to || f.from == e.to || f.to == e.from {
					group = append(group, cj)
				}
			}
			if len(group) > 1 {
				r.rearrange(group, edges, edgeOf)
			}
		}
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
	return conn
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
		// Nothing clean nearby: try paths that change channel on the way,
		// through any zone of the page.
		r.lastResort = true
		if far := r.bestOf(e, 3); far != nil && (c == nil || far.cost < c.cost) {
			c = far
		}
		r.lastResort = false
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
	lw := 0.0 // the room a side exit's label needs along the line
	if e.label != "" {
		lw = labelWidth(e.label) + 4
	}
	add := func(c candidate) {
		c.pts = simplify(c.pts)
		if n := len(c.pts); n >= 2 && !c.merge {
			// The last segment holds the arrowhead with room to spare.
			a, b := c.pts[n-2], c.pts[n-1]
			if l := math.Abs(b[0]-a[0]) + math.Abs(b[1]-a[1]); l < 2*render.ArrowLength {
				c.cost += 40
			}
		}
		if lw > 0 && len(c.pts) > 2 && c.sp.dir != 'D' && r.cols != nil {
			// A side exit's label sits on its first segment, inside the
			// decision's column: room for it before the line turns.
			col := r.cols[u.col]
			need := lw
			if c.sp.dir == 'R' {
				need = min(need, col.X+col.Width-c.sp.x)
			} else {
				need = min(need, c.sp.x-col.X)
			}
			if l := math.Abs(c.pts[1][0] - c.pts[0][0]); l < need {
				c.cost += 10 + 0.5*(need-l)
			}
		}
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
			if u.shape.Kind == render.ShapeDecision {
				sp.cost += 12
			} else {
				sp.cost += 20
			}
		}
		if v.col != u.col && sp.side() != 0 && (sp.side() < 0) != (v.col < u.col) {
			// A side exit turned away from the target's column: a detour
			// for a flow that goes on; a loop back may go round either way.
			if back {
				sp.cost += r.w.away / 6
			} else {
				sp.cost += r.w.away
			}
		}
		for _, dp := range entries {
			for _, pt := range r.paths(sp, dp, u, v) {
				add(candidate{pts: pt.pts, cost: sp.cost + dp.cost + pt.cost, sp: sp, dp: dp})
			}
			if r.lastResort {
				for _, pt := range r.jogPaths(sp, dp, u, v) {
					add(candidate{pts: pt.pts, cost: sp.cost + dp.cost + pt.cost + 30, sp: sp, dp: dp})
				}
			}
		}
		if v.top >= 0 {
			for _, m := range r.merges(sp, u, v) {
				add(candidate{pts: m.pts, cost: sp.cost + m.cost + r.w.merge, sp: sp, merge: true})
			}
		}
	}
	// Score the cheapest-looking first; the rest cannot win once their
	// bends and length alone cost more than the best so far.
	// In the order of a stable sort by bound (by bound, then by index),
	// taken from a heap: the loop stops long before the last.
	order := r.order[:0]
	for i := range cands {
		order = append(order, candKey{cands[i].bound, i})
	}
	r.cands, r.order = cands, order
	for k := len(order)/2 - 1; k >= 0; k-- {
		siftDown(order, k)
	}
	for len(order) > 0 {
		k := order[0]
		last := len(order) - 1
		order[0] = order[last]
		order = order[:last]
		siftDown(order, 0)
		c := cands[k.i]
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
		// (add simplified c.pts, so rounding them again changes nothing.)
		cost, ok, bad := r.scoreSimple(geom.Simplify(c.pts), skip, -1, limit)
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
		r.conns = append(r.conns, render.Connector{})
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
	r.conns[ci] = render.Connector{From: u.shape.ID, To: v.shape.ID, Label: e.label, Arrow: !c.merge, Points: c.pts}
	r.addSegs(c.pts, ci)
	if e.label != "" && len(c.pts) >= 2 && r.cols != nil && len(r.labels) < 4*len(r.nodes) {
		// Keep the room its label will take clear of later flows.
		_, b, _ := labelSpot(e.label, c.pts, r.cols[u.col], func(b box) float64 {
			cost, _, _ := r.score([][2]float64{{b.X0, b.Y0}, {b.X1, b.Y0}, {b.X1, b.Y1}, {b.X0, b.Y1}, {b.X0, b.Y0 + 0.5}}, -1, ci, math.Inf(1))
			return cost
		})
		r.labels = append(r.labels, b)
	}
	return ci
}

// fixed adds a connector drawn by the caller (the plain line joining the
// boxes of a joint activity).
func (r *router) fixed(c render.Connector) {
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

// simplify rounds the points of pts to two decimals, then drops repeated
// points and joins collinear runs. It works in place: the result shares
// pts' storage.
func simplify(pts [][2]float64) [][2]float64 {
	for i, p := range pts {
		pts[i] = [2]float64{round2(p[0]), round2(p[1])}
	}
	return geom.Simplify(pts)
}
