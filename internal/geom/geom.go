// Package geom holds the plane geometry that both layouts (table and bpmn)
// share: rounding, polyline simplification and the lettering of page-break
// connector pairs.
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
