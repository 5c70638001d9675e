package bpmn

import (
	"github.com/sopflow/sopflow/internal/geom"
	"math"
	"sort"
)

// This file routes the sequence flows of a page: orthogonal polylines on a
// grid of lines through the ports of the symbols and through the free
// channels between columns and between rows, found by A* with costs for
// length, bends and crossings, and high costs for running along another
// flow or touching it (which the retry with more room then removes).

// box is an axis-aligned rectangle.
type box = geom.Box

// Directions, clockwise with y down.
const (
	right = iota
	down
	left
	up
)

var dirX, dirY = [4]float64{1, 0, -1, 0}, [4]float64{0, 1, 0, -1}

func horizontal(d int) bool { return d == right || d == left }

// port is a point on a symbol's outline where a flow may attach; side is
// the direction in which a flow leaves it.
type port struct {
	x, y float64
	side int
	cost float64 // preference among the ports of one side
	used bool
}

// rnode is a symbol as the router sees it.
type rnode struct {
	obstacle box // the footprint, name included, widened by clearance
	ports    []port
}

// Costs of a route, in points of length.
const (
	clearance   = 4.0
	costBend    = 24.0
	costCross   = 120.0
	costTouch   = 3000.0 // turning where another flow runs, or ending on it
	costOverlap = 5000.0 // running along another flow
	costZone    = 1000.0 // crossing another flow by its arrowhead (below costTouch: no retry)
	// arrowZone is how far from its tip a flow's arrowhead is kept clear
	// of other flows: the 6 pt head at the least scale, and a little more.
	arrowZone = 6/minScale + 4
)

// sideCost is the cost of leaving (out) or entering a symbol by side.
func sideCost(side int, out bool) float64 {
	switch {
	case side == up || side == down:
		return 8
	case side == right == out:
		return 0
	}
	return 30
}

type router struct {
	nodes      []*rnode
	obstacles  boxIndex // the nodes' obstacles, by node index
	xs, ys     []float64
	nx, ny     int
	blocked    []bool // vertex i*ny+j lies inside an obstacle
	hUse, vUse []bool // a flow takes unit edge (i,j)-(i+1,j), (i,j)-(i,j+1), by i*ny+j
	vtxH, vtxV []bool // a flow runs horizontally, vertically through a vertex
	zone       []bool // the vertex lies by a flow's arrowhead
	hBan       []bool // no flow runs along line j of ys

	// A* buffers, valid where stamp == gen, for the states of the
	// search's window: the columns from wi, wh rows from wj.
	cost   []float64
	prev   []int32
	stamp  []uint32
	gen    uint32
	wi, wj int
	wh     int
	hVal   []float64 // the estimate at each vertex of the window, where hStamp == gen
	hStamp []uint32
	q      queue
}

func uniq(v []float64) []float64 {
	sort.Float64s(v)
	out := v[:0]
	for _, x := range v {
		if len(out) == 0 || x-out[len(out)-1] > 1e-6 {
			out = append(out, x)
		}
	}
	return out
}

func newRouter(nodes []*rnode, xs, ys []float64) *router {
	for _, n := range nodes {
		for _, p := range n.ports {
			xs = append(xs, p.x)
			ys = append(ys, p.y)
		}
	}
	r := &router{nodes: nodes, xs: uniq(xs), ys: uniq(ys)}
	r.nx, r.ny = len(r.xs), len(r.ys)
	n := r.nx * r.ny
	r.blocked = make([]bool, n)
	r.hUse, r.vUse = make([]bool, n), make([]bool, n)
	r.vtxH, r.vtxV = make([]bool, n), make([]bool, n)
	r.zone = make([]bool, n)
	r.hBan = make([]bool, r.ny)
	for _, nd := range nodes {
		r.obstacles.add(nd.obstacle)
	}
	for _, nd := range nodes {
		b := nd.obstacle
		i0, i1 := r.inside(r.xs, b.X0, b.X1)
		j0, j1 := r.inside(r.ys, b.Y0, b.Y1)
		for i := i0; i < i1; i++ {
			for j := j0; j < j1; j++ {
				r.blocked[i*r.ny+j] = true
			}
		}
	}
	return r
}

// inside returns the index range of the lines strictly between a and b.
func (r *router) inside(lines []float64, a, b float64) (int, int) {
	i0 := sort.Search(len(lines), func(k int) bool { return lines[k] > a })
	i1 := sort.Search(len(lines), func(k int) bool { return lines[k] >= b })
	return i0, i1
}

// index returns the index of line v, or -1.
func index(lines []float64, v float64) int {
	k := sort.Search(len(lines), func(k int) bool { return lines[k] >= v-1e-6 })
	if k < len(lines) && math.Abs(lines[k]-v) <= 1e-6 {
		return k
	}
	return -1
}

// stub is the straight start (or end) of a route at a port: from the port
// to the first grid vertex at least minStub away.
type stub struct {
	port   int
	vi, vj int     // the grid vertex
	len    float64 // from the port to the vertex
}

// stubAt returns the stub of port k of node n, if it is free of the other
// symbols.
func (r *router) stubAt(n, k int) (stub, bool) {
	p, own := r.nodes[n].ports[k], r.nodes[n].obstacle
	i, j := index(r.xs, p.x), index(r.ys, p.y)
	// The stub ends outside the symbol's footprint, which is wider than an
	// event with a long name below it.
	switch p.side {
	case right:
		i = sort.Search(r.nx, func(k int) bool { return r.xs[k] >= math.Max(p.x+minStub, own.X1+1) })
	case left:
		i = sort.Search(r.nx, func(k int) bool { return r.xs[k] > math.Min(p.x-minStub, own.X0-1) }) - 1
	case down:
		j = sort.Search(r.ny, func(k int) bool { return r.ys[k] >= math.Max(p.y+minStub, own.Y1+1) })
	case up:
		j = sort.Search(r.ny, func(k int) bool { return r.ys[k] > math.Min(p.y-minStub, own.Y0-1) }) - 1
	}
	if i < 0 || i >= r.nx || j < 0 || j >= r.ny || r.blocked[i*r.ny+j] {
		return stub{}, false
	}
	a, b := [2]float64{p.x, p.y}, [2]float64{r.xs[i], r.ys[j]}
	free := true
	r.obstacles.each(geom.SegBox(a, b, 0), func(m int) bool {
		free = m == n
		return free
	})
	if !free {
		return stub{}, false
	}
	return stub{port: k, vi: i, vj: j, len: math.Abs(b[0]-a[0]) + math.Abs(b[1]-a[1])}, true
}

// stubCost is what running along a stub costs given the flows placed:
// crossing them, or running along them. For the stub of an arrowhead
// (arrow), a flow crossing it near the port costs as much as a touch.
func (r *router) stubCost(n int, s stub, arrow bool) float64 {
	p := r.nodes[n].ports[s.port]
	c := 0.0
	r.stubWalk(p, s, func(v int, h bool, edge int) {
		if edge >= 0 {
			if (h && r.hUse[edge]) || (!h && r.vUse[edge]) {
				c += costOverlap
			}
		}
		if (h && r.vtxV[v]) || (!h && r.vtxH[v]) {
			x, y := r.xs[v/r.ny], r.ys[v%r.ny]
			if arrow && math.Abs(x-p.x)+math.Abs(y-p.y) <= arrowZone {
				c += costZone
			} else {
				c += costCross
			}
		}
	})
	return c
}

// stubWalk calls fn for each unblocked grid vertex of a stub from the port
// outwards, with the unit edge from the previous such vertex (-1 for the
// first).
func (r *router) stubWalk(p port, s stub, fn func(v int, h bool, edge int)) {
	h := horizontal(p.side)
	step := 1
	if p.side == left || p.side == up {
		step = -1
	}
	var k, end int
	if h {
		k, end = s.vi, s.vi
		for k-step >= 0 && k-step < r.nx && (r.xs[k-step]-p.x)*float64(step) > 0 {
			k -= step
		}
	} else {
		k, end = s.vj, s.vj
		for k-step >= 0 && k-step < r.ny && (r.ys[k-step]-p.y)*float64(step) > 0 {
			k -= step
		}
	}
	last := -1
	for ; ; k += step {
		i, j := s.vi, k
		if h {
			i, j = k, s.vj
		}
		v := i*r.ny + j
		if r.blocked[v] {
			last = -1
		} else {
			edge := -1
			if last >= 0 {
				edge = min(last, v) // a unit edge is indexed by its lower vertex
			}
			fn(v, h, edge)
			last = v
		}
		if k == end {
			break
		}
	}
}

type item struct {
	f, g float64
	s    int32
}

// queue is a binary min-heap of items by f, then by state (for
// determinism).
type queue []item

func (q queue) less(a, b int) bool {
	if q[a].f != q[b].f {
		return q[a].f < q[b].f
	}
	return q[a].s < q[b].s
}

func (q *queue) push(it item) {
	*q = append(*q, it)
	h := *q
	for k := len(h) - 1; k > 0; {
		p := (k - 1) / 2
		if !h.less(k, p) {
			break
		}
		h[k], h[p] = h[p], h[k]
		k = p
	}
}

func (q *queue) pop() item {
	h := *q
	top := h[0]
	n := len(h) - 1
	h[0] = h[n]
	h = h[:n]
	for k := 0; ; {
		c := 2*k + 1
		if c >= n {
			break
		}
		if c+1 < n && h.less(c+1, c) {
			c++
		}
		if !h.less(c, k) {
			break
		}
		h[k], h[c] = h[c], h[k]
		k = c
	}
	*q = h
	return top
}

// found is a route: its points from port to port and the ports it uses.
type found struct {
	pts            [][2]float64
	srcPort, dstPt int
	cost           float64
}

// route finds the cheapest route from node a to node b that stays within
// x indices [ilo, ihi] and y indices [jlo, jhi].
func (r *router) route(a, b, ilo, ihi, jlo, jhi int) (found, bool) {
	type goal struct {
		s     stub
		extra float64
	}
	var goals []goal
	for k, p := range r.nodes[b].ports {
		if p.used {
			continue
		}
		if s, ok := r.stubAt(b, k); ok && s.vi >= ilo && s.vi <= ihi && s.vj >= jlo && s.vj <= jhi {
			goals = append(goals, goal{s, s.len + p.cost + sideCost(p.side, false) + r.stubCost(b, s, true)})
		}
	}
	if len(goals) == 0 {
		return found{}, false
	}
	// The states of the window only: memory grows with the window, not
	// with the page.
	r.wi, r.wj, r.wh = ilo, jlo, jhi-jlo+1
	nStates := int32(4 * (ihi - ilo + 1) * r.wh)
	if int(nStates) > len(r.stamp) {
		// Grown at once to the whole grid when that is small, else by
		// doubling.
		n := max(int(nStates), min(4*r.nx*r.ny, 1<<16), 2*len(r.stamp))
		r.cost, r.prev, r.stamp = make([]float64, n), make([]int32, n), make([]uint32, n)
		r.hVal, r.hStamp = make([]float64, n/4), make([]uint32, n/4)
		r.gen = 0
	}
	r.gen++
	if r.gen == 0 { // wrapped: clear the stamps
		clear(r.stamp)
		clear(r.hStamp)
		r.gen = 1
	}
	// The goals' grid points, each once, for the estimate.
	var gx, gy []float64
	for _, gl := range goals {
		x, y := r.xs[gl.s.vi], r.ys[gl.s.vj]
		dup := false
		for k := range gx {
			dup = dup || gx[k] == x && gy[k] == y
		}
		if !dup {
			gx, gy = append(gx, x), append(gy, y)
		}
	}
	h := func(s int32) float64 {
		// Computed once per vertex of the window (a vertex has four
		// states).
		if k := s / 4; r.hStamp[k] == r.gen {
			return r.hVal[k]
		}
		v := r.vertex(s)
		x, y := r.xs[v/r.ny], r.ys[v%r.ny]
		best := math.Inf(1)
		for k := range gx {
			dx, dy := x-gx[k], y-gy[k]
			if dx < 0 {
				dx = -dx
			}
			if dy < 0 {
				dy = -dy
			}
			d := dx + dy
			if dx > 1e-6 && dy > 1e-6 {
				d += costBend // at least one turn: still a lower bound
			}
			if d < best {
				best = d
			}
		}
		r.hStamp[s/4], r.hVal[s/4] = r.gen, best
		return best
	}
	q := r.q[:0]
	defer func() { r.q = q[:0] }()
	relax := func(s int32, c float64, from int32) {
		if r.stamp[s] == r.gen && r.cost[s] <= c {
			return
		}
		r.stamp[s], r.cost[s], r.prev[s] = r.gen, c, from
		q.push(item{c + heurWeight*h(s), c, s})
	}
	starts := make(map[int32]int) // start state -> port
	for k, p := range r.nodes[a].ports {
		if p.used {
			continue
		}
		s, ok := r.stubAt(a, k)
		if !ok || s.vi < ilo || s.vi > ihi || s.vj < jlo || s.vj > jhi {
			continue
		}
		st := r.state(s.vi, s.vj, p.side)
		starts[st] = k
		relax(st, s.len+p.cost+sideCost(p.side, true)+r.stubCost(a, s, false), -1)
	}
	// Goal states follow the grid states; their prev is the grid state.
	goalCost := make([]float64, len(goals))
	goalPrev := make([]int32, len(goals))
	for k := range goalCost {
		goalCost[k] = math.Inf(1)
	}
	for len(q) > 0 {
		it := q.pop()
		if it.s >= nStates {
			k := it.s - nStates
			if it.g > goalCost[k] {
				continue
			}
			return r.trace(a, b, goals[k].s, goalPrev[k], it.g, starts), true
		}
		if r.stamp[it.s] != r.gen || it.g > r.cost[it.s] {
			continue
		}
		v, d := r.vertex(it.s), int(it.s)%4
		i, j := v/r.ny, v%r.ny
		occupied := r.vtxH[v] || r.vtxV[v]
		for k, gl := range goals {
			if gl.s.vi != i || gl.s.vj != j {
				continue
			}
			in := (r.nodes[b].ports[gl.s.port].side + 2) % 4
			if d == (in+2)%4 {
				continue
			}
			c := it.g + gl.extra
			if d != in {
				c += costBend
				if occupied {
					c += costTouch
				}
			}
			if c < goalCost[k] {
				goalCost[k], goalPrev[k] = c, it.s
				q.push(item{c, c, nStates + int32(k)})
			}
		}
		for nd := 0; nd < 4; nd++ {
			if nd == (d+2)%4 {
				continue
			}
			ni, nj := i+int(dirX[nd]), j+int(dirY[nd])
			if ni < ilo || ni > ihi || nj < jlo || nj > jhi {
				continue
			}
			w := ni*r.ny + nj
			if r.blocked[w] || horizontal(nd) && r.hBan[nj] {
				continue
			}
			c := it.g + math.Abs(r.xs[ni]-r.xs[i]) + math.Abs(r.ys[nj]-r.ys[j])
			if nd != d {
				c += costBend
				if occupied {
					c += costTouch
				}
			} else if horizontal(nd) && r.vtxV[v] && !r.vtxH[v] || !horizontal(nd) && r.vtxH[v] && !r.vtxV[v] {
				c += costCross
			}
			if horizontal(nd) {
				if r.hUse[min(v, w)] {
					c += costOverlap
				}
			} else if r.vUse[min(v, w)] {
				c += costOverlap
			}
			if r.zone[w] {
				c += costZone // across or along another flow's arrowhead
			}
			relax(r.state(ni, nj, nd), c, it.s)
		}
	}
	return found{}, false
}

// state is the search state of vertex (i, j) reached in direction d, in
// the window of the search.
func (r *router) state(i, j, d int) int32 {
	return int32(((i-r.wi)*r.wh+j-r.wj)*4 + d)
}

// vertex is the grid vertex of search state s.
func (r *router) vertex(s int32) int {
	k := int(s) / 4
	return (r.wi+k/r.wh)*r.ny + r.wj + k%r.wh
}

// trace rebuilds the points of a route ending at grid state last.
func (r *router) trace(a, b int, end stub, last int32, cost float64, starts map[int32]int) found {
	var states []int32
	for s := last; s >= 0; s = r.prev[s] {
		states = append(states, s)
	}
	first := states[len(states)-1]
	sp := r.nodes[a].ports[starts[first]]
	dp := r.nodes[b].ports[end.port]
	pts := [][2]float64{{sp.x, sp.y}}
	for k := len(states) - 1; k >= 0; k-- {
		v := r.vertex(states[k])
		pts = append(pts, [2]float64{r.xs[v/r.ny], r.ys[v%r.ny]})
	}
	pts = append(pts, [2]float64{dp.x, dp.y})
	return found{pts: geom.Simplify(pts), srcPort: starts[first], dstPt: end.port, cost: cost}
}

// commit marks the route's ports used and its grid edges taken, and
// returns how many times it runs along or touches flows placed before.
func (r *router) commit(a, b int, f found) int {
	bad := 0
	r.nodes[a].ports[f.srcPort].used = true
	r.nodes[b].ports[f.dstPt].used = true
	// Walk every segment over the grid vertices it passes.
	type mark struct {
		v    int
		h    bool
		edge int
	}
	var marks []mark
	pts := f.pts
	for s := 0; s+1 < len(pts); s++ {
		p, q := pts[s], pts[s+1]
		h := p[1] == q[1]
		var lines []float64
		var fixed int
		if h {
			lines, fixed = r.xs, index(r.ys, p[1])
		} else {
			lines, fixed = r.ys, index(r.xs, p[0])
		}
		if fixed < 0 {
			continue
		}
		lo, hi := p[0], q[0]
		if !h {
			lo, hi = p[1], q[1]
		}
		if lo > hi {
			lo, hi = hi, lo
		}
		k0 := sort.Search(len(lines), func(k int) bool { return lines[k] >= lo-1e-6 })
		last := -1
		for k := k0; k < len(lines) && lines[k] <= hi+1e-6; k++ {
			i, j := k, fixed
			if !h {
				i, j = fixed, k
			}
			v := i*r.ny + j
			if r.blocked[v] {
				last = -1
				continue
			}
			edge := -1
			if last >= 0 {
				edge = min(last, v)
			}
			marks = append(marks, mark{v: v, h: h, edge: edge})
			last = v
		}
	}
	// Count what the route meets before marking it.
	seenTurn := make(map[int]bool)
	for _, m := range marks {
		if m.edge >= 0 && ((m.h && r.hUse[m.edge]) || (!m.h && r.vUse[m.edge])) {
			bad++
		}
	}
	for s := 1; s+1 < len(pts); s++ {
		i, j := index(r.xs, pts[s][0]), index(r.ys, pts[s][1])
		if i >= 0 && j >= 0 {
			v := i*r.ny + j
			if !seenTurn[v] && (r.vtxH[v] || r.vtxV[v]) {
				bad++
			}
			seenTurn[v] = true
		}
	}
	// The vertices by the arrowhead: on the last segment, near its end.
	if n := len(pts); n >= 2 {
		end, prev := pts[n-1], pts[n-2]
		for _, m := range marks {
			x, y := r.xs[m.v/r.ny], r.ys[m.v%r.ny]
			onLast := (x == end[0] && prev[0] == end[0] && (y-end[1])*(prev[1]-end[1]) >= 0) ||
				(y == end[1] && prev[1] == end[1] && (x-end[0])*(prev[0]-end[0]) >= 0)
			if onLast && math.Abs(x-end[0])+math.Abs(y-end[1]) <= arrowZone {
				r.zone[m.v] = true
			}
		}
	}
	for _, m := range marks {
		if m.edge >= 0 {
			if m.h {
				r.hUse[m.edge] = true
			} else {
				r.vUse[m.edge] = true
			}
		}
		if m.h {
			r.vtxH[m.v] = true
		} else {
			r.vtxV[m.v] = true
		}
	}
	return bad
}

// heurWeight weighs the estimate of A*: above 1 the search goes straight
// for the goal and may miss a slightly cheaper route.
const heurWeight = 1.2
