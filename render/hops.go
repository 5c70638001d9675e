package render

import (
	"cmp"
	"math"
	"slices"
)

// Line hops: where two flow lines cross, the horizontal one jumps over the
// vertical one with a small semicircle, as Visio draws by default, so that
// a crossing never reads as a junction. The hops are derived from a page's
// connectors when drawing; the layout does not store them.
const (
	// HopRadius is the radius of a hop's semicircle.
	HopRadius = 3.0
	// hopClear is how far a crossing must be from a bend or an end of
	// either line to get a hop: lines that only touch, or where one ends
	// on the other (a merge), do not cross.
	hopClear = 4.0
)

// hopSeg is an axis-parallel segment of a connector: at is its fixed
// coordinate (y of a horizontal, x of a vertical), lo < hi its extent less
// the clearance at its ends.
type hopSeg struct {
	conn, seg int
	at        float64
	lo, hi    float64
}

// ConnectorPaths returns the line of each connector of a page as a Path:
// its polyline (LinePoints, shortened under the arrowhead) with a hop on a
// horizontal segment wherever it crosses a vertical segment of another
// connector. Crossings closer than 4 pt to a bend or an end of either line
// get none, nor does a line that only touches another or ends on it.
// Joint-activity lines (no arrowhead) count as lines too. Every writer
// draws these paths, so SVG, PDF and PNG show the same hops. A connector of
// fewer than two points gets a nil Path.
func ConnectorPaths(cs []Connector) []Path {
	hops := connectorHops(cs)
	out := make([]Path, len(cs))
	for ci, c := range cs {
		var hs []hop
		if hops != nil {
			hs = hops[ci]
		}
		out[ci] = hoppedLine(LinePoints(c), hs)
	}
	return out
}

// connectorHops returns the hops of each connector, or nil when no two
// connectors cross.
func connectorHops(cs []Connector) [][]hop {
	n := 0
	for _, c := range cs {
		n += max(len(c.Points)-1, 0)
	}
	if n < 2 {
		return nil
	}
	segs := make([]hopSeg, 0, n)
	nh := 0 // horizontals first, then verticals
	for ci, c := range cs {
		n := len(c.Points)
		for k := 0; k+1 < n; k++ {
			a, b := c.Points[k], c.Points[k+1]
			// Clearance at each end; the arrow's end keeps the hop off the
			// arrowhead.
			c0, c1 := hopClear, hopClear
			if c.Arrow && k+2 == n {
				c1 = math.Max(hopClear, ArrowLength+HopRadius+1)
			}
			const eps = 1e-6
			switch {
			case math.Abs(a[1]-b[1]) < eps && math.Abs(a[0]-b[0]) >= eps:
				lo, hi := a[0]+c0, b[0]-c1
				if a[0] > b[0] {
					lo, hi = b[0]+c1, a[0]-c0
				}
				if lo < hi {
					segs = append(segs, hopSeg{ci, k, a[1], lo, hi})
					segs[nh], segs[len(segs)-1] = segs[len(segs)-1], segs[nh]
					nh++
				}
			case math.Abs(a[0]-b[0]) < eps && math.Abs(a[1]-b[1]) >= eps:
				lo, hi := a[1]+c0, b[1]-c1
				if a[1] > b[1] {
					lo, hi = b[1]+c1, a[1]-c0
				}
				if lo < hi {
					segs = append(segs, hopSeg{ci, k, a[0], lo, hi})
				}
			}
		}
	}
	hs, vs := segs[:nh], segs[nh:]
	if len(hs) == 0 || len(vs) == 0 {
		return nil
	}
	slices.SortFunc(vs, func(a, b hopSeg) int {
		switch {
		case a.at < b.at:
			return -1
		case a.at > b.at:
			return 1
		}
		return cmp.Or(a.conn-b.conn, a.seg-b.seg)
	})
	var hops [][]hop
	for _, h := range hs {
		i, _ := slices.BinarySearchFunc(vs, h.lo, func(v hopSeg, x float64) int {
			if v.at < x {
				return -1
			}
			return 1
		})
		for ; i < len(vs) && vs[i].at <= h.hi; i++ {
			v := vs[i]
			if v.conn == h.conn || h.at < v.lo || h.at > v.hi {
				continue
			}
			if hops == nil {
				hops = make([][]hop, len(cs))
			}
			hops[h.conn] = append(hops[h.conn], hop{h.seg, v.at})
		}
	}
	return hops
}

// hop is a crossing on segment seg of a connector, at x.
type hop struct {
	seg int
	x   float64
}

// hoppedLine returns the polyline pts as a Path with the hops hs.
func hoppedLine(pts [][2]float64, hs []hop) Path {
	if len(pts) < 2 {
		return nil
	}
	p := make(Path, 0, len(pts)+4*len(hs))
	p.move(pts[0][0], pts[0][1])
	slices.SortFunc(hs, func(a, b hop) int {
		if a.seg != b.seg {
			return a.seg - b.seg
		}
		switch {
		case a.x < b.x:
			return -1
		case a.x > b.x:
			return 1
		}
		return 0
	})
	j := 0
	var xs []float64
	for k := 0; k+1 < len(pts); k++ {
		a, b := pts[k], pts[k+1]
		xs = xs[:0]
		for ; j < len(hs) && hs[j].seg == k; j++ {
			xs = append(xs, hs[j].x)
		}
		if len(xs) > 0 {
			hopSegment(&p, a, b, xs)
		}
		p.line(b[0], b[1])
	}
	return p
}

// hopSegment appends the hops at xs (sorted, on the horizontal segment a-b)
// up to, not including, b. Hops closer than a radius apart merge into one
// with a flat top.
func hopSegment(p *Path, a, b [2]float64, xs []float64) {
	const r = HopRadius
	y := a[1]
	// Group the crossings into runs of overlapping hops.
	type run struct{ x0, x1 float64 }
	var buf [4]run
	runs := buf[:0]
	for _, x := range xs {
		if n := len(runs); n > 0 && x-runs[n-1].x1 < 3*r {
			runs[n-1].x1 = x
			continue
		}
		runs = append(runs, run{x, x})
	}
	if b[0] < a[0] {
		slices.Reverse(runs)
		for _, rn := range runs {
			// Right to left: up from x1+r, over, down to x0-r.
			p.line(rn.x1+r, y)
			p.quarter(rn.x1, y, r, 0, true)
			if rn.x0 < rn.x1 {
				p.line(rn.x0, y-r)
			}
			p.quarter(rn.x0, y, r, -90, true)
		}
		return
	}
	for _, rn := range runs {
		p.line(rn.x0-r, y)
		p.quarter(rn.x0, y, r, 180, false)
		if rn.x0 < rn.x1 {
			p.line(rn.x1, y-r)
		}
		p.quarter(rn.x1, y, r, 270, false)
	}
}
