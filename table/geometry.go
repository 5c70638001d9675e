package table

import (
	"math"

	"github.com/sopflow/sopflow/render"
)

// This file holds how the router scores a path and how segments meet
// symbols and each other.

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
	return r.scoreSimple(simplify(pts), skip, self, limit)
}

// scoreSimple is score for points already rounded to two decimals (as
// simplify leaves them, and as simplify would leave them again: rounding
// a rounded coordinate gives it back), simplified by geom.Simplify.
func (r *router) scoreSimple(pts [][2]float64, skip, self int, limit float64) (cost float64, ok, bad bool) {
	if len(pts) < 2 {
		return 0, false, false
	}
	// Never into the header or the title above the first row, nor below
	// the table.
	top, bottom := r.rows[0].y0+1, r.rows[len(r.rows)-1].y1-1
	for _, p := range pts {
		if p[1] < top || p[1] > bottom {
			return 0, false, false
		}
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
		lo, hi := r.rowRange(a[1], b[1])
		if r.hitsShapeIn(a, b, lo, hi) {
			return 0, false, false
		}
		switch r.grazesShapeIn(a, b, lo, hi) {
		case grazeNear:
			cost += r.w.graze // so close to a symbol that it seems to touch it
		case grazeEdge:
			cost += 4 * r.w.graze // along a side: it reads as part of the symbol
		}
		for _, lb := range r.labels {
			if lb.Inflate(1.5).Crosses(a, b) {
				cost += r.w.label // through a decision's label
			}
		}
		if a[1] == b[1] && math.Abs(b[0]-a[0]) > 8 {
			// Along a row's rule, a flow reads as part of the grid.
			for k := lo; k <= hi; k++ {
				if math.Abs(a[1]-r.rows[k].y0) < 4.5 || math.Abs(a[1]-r.rows[k].y1) < 4.5 {
					cost += r.w.hrule
					break
				}
			}
		}
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
					cost += r.w.cross
					if r.nearTip(a, b, s, si, i == len(pts)-1, pts[len(pts)-1]) {
						cost += r.w.touch // a hop right before an arrowhead reads as its line
					}
				case relTouch:
					cost += r.w.touch
				case relNear:
					cost += r.w.near
				case relInLine:
					// Unless a symbol stands in the gap: a flow in and the
					// next one out of it.
					if !r.gapHasSymbol(a, b, s.a, s.b) {
						cost += r.w.inLine
					}
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

// nearTip reports whether segment a-b crosses segment s (index si) within
// 12 pt of an arrowhead: of s's connector when s is its last segment, or
// of the path being scored (whose tip is tip) when a-b is its last one.
func (r *router) nearTip(a, b [2]float64, s seg, si int, last bool, tip [2]float64) bool {
	// The crossing point: the vertical one's x, the horizontal one's y.
	x, y := a[0], s.a[1]
	if a[1] == b[1] {
		x, y = s.a[0], a[1]
	}
	near := func(t [2]float64) bool { return math.Abs(t[0]-x)+math.Abs(t[1]-y) < 12 }
	if last && near(tip) {
		return true
	}
	if c := s.conn; c >= 0 && c < len(r.conns) && r.conns[c].Arrow {
		if segs := r.connSegs[c]; len(segs) > 0 && segs[len(segs)-1] == si {
			pts := r.conns[c].Points
			return near(pts[len(pts)-1])
		}
	}
	return false
}

// gapHasSymbol reports whether a symbol stands in the gap between two
// segments on one line.
func (r *router) gapHasSymbol(a, b, c, d [2]float64) bool {
	if a[0] == b[0] { // vertical
		lo := min(max(a[1], b[1]), max(c[1], d[1]))
		hi := max(min(a[1], b[1]), min(c[1], d[1]))
		return r.hitsShape([2]float64{a[0], lo}, [2]float64{a[0], hi})
	}
	lo := min(max(a[0], b[0]), max(c[0], d[0]))
	hi := max(min(a[0], b[0]), min(c[0], d[0]))
	return r.hitsShape([2]float64{lo, a[1]}, [2]float64{hi, a[1]})
}

// hitsShape reports whether segment a-b enters the inside of any symbol.
func (r *router) hitsShape(a, b [2]float64) bool {
	lo, hi := r.rowRange(a[1], b[1])
	return r.hitsShapeIn(a, b, lo, hi)
}

// hitsShapeIn is hitsShape given the rows lo..hi that a-b touches.
func (r *router) hitsShapeIn(a, b [2]float64, lo, hi int) bool {
	for k := lo; k <= hi; k++ {
		for _, ni := range r.rowNodes[k] {
			if segmentEnters(&r.nodes[ni].shape, a, b) {
				return true
			}
		}
	}
	return false
}

// The ways a segment can graze a symbol.
const (
	grazeNone = iota
	grazeNear // within grazeGap of its box
	grazeEdge // along one of its sides
)

// grazesShapeIn reports whether segment a-b runs alongside a symbol,
// within grazeGap of its box or along a side, without ending on it.
// lo..hi are the rows that a-b touches (rowRange's).
func (r *router) grazesShapeIn(a, b [2]float64, lo, hi int) int {
	x0, x1 := min(a[0], b[0]), max(a[0], b[0])
	y0, y1 := min(a[1], b[1]), max(a[1], b[1])
	got := grazeNone
	for k := lo; k <= hi; k++ {
		for _, ni := range r.rowNodes[k] {
			s := &r.nodes[ni].shape
			if x1 < s.X-grazeGap || x0 > s.X+s.Width+grazeGap || y1 < s.Y-grazeGap || y0 > s.Y+s.Height+grazeGap {
				continue
			}
			// Near the box: fine when it ends on the outline (a port), not
			// when it runs along an edge.
			if x1 >= s.X && x0 <= s.X+s.Width && y1 >= s.Y && y0 <= s.Y+s.Height {
				if x0 == x1 && (math.Abs(x0-s.X) < 0.5 || math.Abs(x0-s.X-s.Width) < 0.5) &&
					min(y1, s.Y+s.Height)-max(y0, s.Y) > 0.5 {
					return grazeEdge
				}
				if y0 == y1 && (math.Abs(y0-s.Y) < 0.5 || math.Abs(y0-s.Y-s.Height) < 0.5) &&
					min(x1, s.X+s.Width)-max(x0, s.X) > 0.5 {
					return grazeEdge
				}
				continue
			}
			got = grazeNear
		}
	}
	return got
}

// grazeGap is how near a flow may pass a symbol it does not touch.
const grazeGap = 8.5 // about 3 mm

// segmentEnters reports whether the axis-parallel segment a-b passes through
// the inside of s (touching its outline is not entering).
func segmentEnters(s *render.Shape, a, b [2]float64) bool {
	const eps = 0.05
	horizontal := a[1] == b[1]
	var at, lo, hi float64 // the segment's fixed coordinate and its range
	if horizontal {
		at, lo, hi = a[1], min(a[0], b[0]), max(a[0], b[0])
	} else {
		at, lo, hi = a[0], min(a[1], b[1]), max(a[1], b[1])
	}
	e0, e1, ok := shapeExtent(s, at, horizontal)
	return ok && hi > e0+eps && lo < e1-eps
}

// shapeExtent returns the open interval that the inside of s covers on the
// line y = at (horizontal) or x = at (vertical).
func shapeExtent(s *render.Shape, at float64, horizontal bool) (float64, float64, bool) {
	cx, cy := s.X+s.Width/2, s.Y+s.Height/2
	const eps = 0.05
	switch s.Kind {
	case render.ShapeDecision, render.ShapeGateway:
		if horizontal {
			f := 1 - math.Abs(at-cy)/(s.Height/2)
			return cx - f*s.Width/2, cx + f*s.Width/2, f > eps
		}
		f := 1 - math.Abs(at-cx)/(s.Width/2)
		return cy - f*s.Height/2, cy + f*s.Height/2, f > eps
	case render.ShapeStart, render.ShapeEnd:
		rad := min(s.Width, s.Height) / 2
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
		d := max(0, max(s.X+rad-at, at-(s.X+s.Width-rad)))
		k := math.Sqrt(max(0, rad*rad-d*d))
		return cy - k, cy + k, k > eps
	}
	if horizontal {
		return s.X, s.X + s.Width, at > s.Y+eps && at < s.Y+s.Height-eps
	}
	return s.Y, s.Y + s.Height, at > s.X+eps && at < s.X+s.Width-eps
}

// parallelGap is how near two flows may run side by side; collinearGap
// how near two flows on one line may end, one after the other.
const (
	parallelGap  = 6.0
	collinearGap = 20.0
	collinearFar = 45.0 // farther apart in line, still a reader may join them
)

const (
	relNone = iota
	relCross
	relTouch
	relNear
	relOverlap
	relInLine // on one line with a gap between
)

// relate says how segment a-b meets segment c-d (both axis-parallel).
func relate(a, b, c, d [2]float64) int {
	ah := a[1] == b[1]
	ch := c[1] == d[1]
	ax0, ax1 := min(a[0], b[0]), max(a[0], b[0])
	ay0, ay1 := min(a[1], b[1]), max(a[1], b[1])
	cx0, cx1 := min(c[0], d[0]), max(c[0], d[0])
	cy0, cy1 := min(c[1], d[1]), max(c[1], d[1])
	if ah == ch {
		// Parallel.
		var dist, lo, hi float64
		if ah {
			dist = math.Abs(a[1] - c[1])
			lo, hi = max(ax0, cx0), min(ax1, cx1)
		} else {
			dist = math.Abs(a[0] - c[0])
			lo, hi = max(ay0, cy0), min(ay1, cy1)
		}
		if hi-lo <= 0.5 {
			if dist < 0.5 && hi-lo > -0.5 {
				return relTouch
			}
			if dist < 0.5 && hi-lo > -collinearGap {
				// In line with a short gap: reads as one line.
				return relNear
			}
			if dist < 0.5 && hi-lo > -collinearFar {
				return relInLine
			}
			return relNone
		}
		if dist < 0.5 {
			return relOverlap
		}
		if dist < parallelGap {
			return relNear // side by side: reads as one thick line, or a junction
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
