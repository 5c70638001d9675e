package table

import (
	"github.com/sopflow/sopflow/render"
	"math"
	"sort"
)

// This file holds the channel tracks and the candidate paths of the router.

// newZones builds the channel zones of actor columns: zone k lies left of
// actor k's symbols, zone n right of the last; zones n+1 ... 2n are the
// middle lines of the columns.
func newZones(cols []render.Column, symW []float64, w costs) []zone {
	n := len(cols)
	zs := make([]zone, n+1, 2*n+1)
	for k := 0; k <= n; k++ {
		// The zone runs from the symbols on its left (or the table's
		// column border) to the symbols on its right, and holds the
		// column border b.
		// (A diamond is wider than a box.)
		var x0, x1, b float64
		if k == 0 {
			x0, b = cols[0].X, cols[0].X
		} else {
			c := cols[k-1]
			x0, b = math.Round(c.X+c.Width/2)+max(symW[k-1], diamondW)/2, c.X+c.Width
		}
		if k == n {
			c := cols[n-1]
			x1 = c.X + c.Width
		} else {
			c := cols[k]
			x1 = math.Round(c.X+c.Width/2) - max(symW[k], diamondW)/2
		}
		// Tracks stand on both sides of the border, never on it: a flow
		// along a table rule would vanish into it.
		var xs []float64
		if x1-x0 > 3.5 {
			xs = make([]float64, 0, 2*int((x1-x0)/trackGap)+2)
		}
		for d := 3.5; d < x1-x0; d += trackGap {
			for _, x := range []float64{b - d, b + d} {
				if x >= x0+2.5 && x <= x1-2.5 {
					xs = append(xs, round2(x))
				}
			}
		}
		sort.Float64s(xs)
		if len(xs) == 0 {
			continue
		}
		costs := make([]float64, len(xs))
		for i, x := range xs {
			// Keep about 4 mm from the column rule: a flow beside a rule
			// reads as a double border.
			cost := 0.0
			if d := math.Abs(x - b); d < borderGap {
				cost = w.border + 3*(borderGap-d)
			}
			costs[i] = cost
		}
		zs[k].tracks, zs[k].cost = xs, costs
	}
	// The middle line of each actor column is a channel too, wherever the
	// rows it passes hold no symbol of that actor: far from the rules, but
	// dearer than a clean track beside a rule, as it can look like a flow
	// between the actor's own steps.
	mid := make([]float64, 2*n)
	for i, c := range cols {
		mid[i], mid[n+i] = math.Round(c.X+c.Width/2), w.middle
		zs = append(zs, zone{tracks: mid[i : i+1 : i+1], cost: mid[n+i : n+i+1 : n+i+1]})
	}
	return zs
}

// levels returns the y of horizontals in the band above (above=true) or
// below a symbol, best first.
func levels(s render.Shape, above bool) [3]float64 {
	if above {
		return [3]float64{s.Y - entryNear, s.Y - entryFar, s.Y - entryClose}
	}
	b := s.Y + s.Height
	return [3]float64{b + levelNear, b + levelFar, b + levelClose}
}

// zonesFor lists the channel zones worth trying between actor columns a and
// b: the zones between and beside them, and the middles of the columns from
// a to b, which are free wherever those columns hold no symbol and keep far
// from the column rules.
func (r *router) zonesFor(a, b int) []int {
	lo, hi := a, b
	if lo > hi {
		lo, hi = hi, lo
	}
	n := len(r.cols)
	zs := r.zoneBuf[:0]
	zs = append(zs, r.zoneIdx[lo:min(hi+2, len(r.zones))]...)
	if n > 0 {
		for k := max(lo-1, 0); k <= min(hi+1, n-1); k++ {
			zs = append(zs, n+1+k)
		}
	}
	r.zoneBuf = zs
	return zs
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
	var ra, rb int // the rows of y0-3 .. y1+3, found at the first check
	rows := false
	for i, x := range zn.tracks {
		if dir < 0 && x > near || dir > 0 && x < near {
			continue
		}
		c := zn.cost[i] + 0.2*math.Abs(x-near)
		if found && c >= bestCost {
			continue
		}
		if !rows {
			ra, rb = r.rowRange(y0-3, y1+3)
			rows = true
		}
		if r.verticalFree(x, y0-3, y1+3, ra, rb) {
			best, bestCost, found = x, c, true
		}
	}
	return best, bestCost, found
}

// verticalFree reports whether no vertical segment runs within a track's
// gap of x over [y0, y1], which rows a..b (rowRange's) hold.
func (r *router) verticalFree(x, y0, y1 float64, a, b int) bool {
	for k := a; k <= b; k++ {
		for _, si := range r.buckets[k] {
			s := &r.segs[si]
			if s.conn < 0 || s.a[0] != s.b[0] || math.Abs(s.a[0]-x) > trackGap-0.5 {
				continue
			}
			if max(s.a[1], s.b[1]) >= y0 && min(s.a[1], s.b[1]) <= y1 {
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
	// A side exit turns at a track on the side it faces, far enough out to
	// read as leaving that vertex.
	exitOK := func(x float64) bool { return sp.faces(x) && (sp.side() == 0 || math.Abs(x-sp.x) >= minStub) }
	entryOK := dp.faces
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
				for _, yh := range [2]float64{vs.Y - entryNear, vs.Y - entryFar} {
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
		dir := sp.side()
		switch dp.dir {
		case 'T':
			if sp.y < dp.y && exitOK(dp.x) {
				P(0, s0, [2]float64{dp.x, sp.y}, d0)
			}
			for _, z := range r.zonesFor(u.col, v.col) {
				for _, yh := range [2]float64{vs.Y - entryNear, vs.Y - entryFar} {
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
		y1 = dp.y - entryNear
	}
	lo, hi := u.row, v.row
	if lo > hi {
		lo, hi = hi, lo
	}
	dir := sp.side()
	for k := lo + 1; k < hi; k++ {
		for _, yj := range []float64{r.rows[k].y0 + 4, r.rows[k].y1 - 4} {
			for z1 := range r.zones {
				x1, c1, ok := r.track(z1, sp.x, y0, yj, dir)
				if !ok {
					continue
				}
				for z2 := range r.zones {
					x2, c2, ok := r.track(z2, dp.x, yj, y1, 0)
					if !ok || x2 == x1 || !dp.faces(x2) {
						continue
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
		if ym <= min(a[1], b[1]) || ym >= max(a[1], b[1]) {
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
			for _, z := range r.zonesFor(u.col, v.col) {
				if x, tc, ok := r.track(z, sp.x, sp.y, ym, sp.side()); ok {
					out = append(out, path{[][2]float64{s0, {x, sp.y}, {x, ym}, m}, tc})
				}
			}
		}
	}
	return out
}
