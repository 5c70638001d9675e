// Package geom holds the plane geometry that both layouts (table and bpmn)
// share: boxes, rounding, polyline simplification and the lettering of
// page-break connector pairs.
package geom

import "math"

// Round2 rounds v to two decimals, the precision of every coordinate in a
// Diagram.
func Round2(v float64) float64 { return math.Round(v*100) / 100 }

// Simplify drops repeated points and the middle points of straight runs of
// an orthogonal polyline. It works in place: the result shares pts'
// storage.
func Simplify(pts [][2]float64) [][2]float64 {
	out := pts[:0]
	for _, p := range pts {
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

// Letters returns the name of the k-th (0-based) pair of page-break
// connectors: A..Z, AA, AB, ..., AZ, BA, ...
func Letters(k int) string {
	s := ""
	for k++; k > 0; k = (k - 1) / 26 {
		s = string(rune('A'+(k-1)%26)) + s
	}
	return s
}

// Box is an axis-aligned rectangle, X0, Y0 its top left corner.
type Box struct{ X0, Y0, X1, Y1 float64 }

// Inflate returns b grown by d on every side.
func (b Box) Inflate(d float64) Box { return Box{b.X0 - d, b.Y0 - d, b.X1 + d, b.Y1 + d} }

// Overlaps reports whether b and c share an inner point.
func (b Box) Overlaps(c Box) bool {
	return b.X0 < c.X1 && c.X0 < b.X1 && b.Y0 < c.Y1 && c.Y0 < b.Y1
}

// SegBox is the box of the segment a-b, widened by d.
func SegBox(a, b [2]float64, d float64) Box {
	return Box{math.Min(a[0], b[0]) - d, math.Min(a[1], b[1]) - d, math.Max(a[0], b[0]) + d, math.Max(a[1], b[1]) + d}
}

// Crosses reports whether the axis-parallel segment a-b passes through the
// inside of b.
func (b Box) Crosses(p, q [2]float64) bool {
	return math.Max(p[0], q[0]) > b.X0 && math.Min(p[0], q[0]) < b.X1 &&
		math.Max(p[1], q[1]) > b.Y0 && math.Min(p[1], q[1]) < b.Y1
}
