package bpmn

import "math"

// boxIndex finds the boxes that overlap a box without looking at every
// box: they are kept in bins of binW points along x, so that the work of a
// query grows with what lies near it, not with the size of the page.
type boxIndex struct {
	boxes []box
	bins  [][]int32
}

const binW = 256.0

func binOf(x float64) int { return max(0, int(math.Floor(x/binW))) }

// add adds b and returns its index.
func (ix *boxIndex) add(b box) int {
	k := len(ix.boxes)
	ix.boxes = append(ix.boxes, b)
	b0, b1 := binOf(b.X0), binOf(b.X1)
	for len(ix.bins) <= b1 {
		ix.bins = append(ix.bins, nil)
	}
	for i := b0; i <= b1; i++ {
		ix.bins[i] = append(ix.bins[i], int32(k))
	}
	return k
}

// each calls fn once for each box that overlaps q, until fn returns false.
func (ix *boxIndex) each(q box, fn func(k int) bool) {
	q0, q1 := binOf(q.X0), min(binOf(q.X1), len(ix.bins)-1)
	for i := q0; i <= q1; i++ {
		for _, k := range ix.bins[i] {
			b := ix.boxes[k]
			// A box in several bins is seen in the first that both share.
			if max(binOf(b.X0), q0) == i && b.Overlaps(q) {
				if !fn(int(k)) {
					return
				}
			}
		}
	}
}
