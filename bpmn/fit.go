package bpmn

import (
	"math"

	"github.com/sopflow/sopflow/render"
)

// This file fits the view to the paper: the scale, the measure of the
// tasks' text, and the cut into pages of whole columns.

// MinTextSize is the least size of text on a page of the view, in points:
// a view is scaled down to fit the paper as far as this allows.
const MinTextSize = 6.0

// minScale is the least scale of a page: TextSize becomes MinTextSize.
const minScale = MinTextSize / TextSize

// measures are the most lines a task's text may take, tried for the best
// fit; taskLines, the measure of a Tall view, comes first and wins ties.
var measures = []int{taskLines, 4, 8, 10, 13, 16}

// estimateScale returns the scale at which the whole view, placed but not
// routed, fits the paper's area (at most 1).
func (v *view) estimateScale() float64 {
	rm := roomAt(0)
	aw, ah := v.area()
	w := v.bandsWidth() + v.pageWidth(0, len(v.cols), rm)
	h := v.pageHeight(0, len(v.cols), rm)
	return math.Min(1, math.Min(aw/w, ah/h))
}

// attempt lays out the pages of columns.
func (v *view) attempt(pages [][]int) *render.Diagram { return v.build(pages, nil) }

// area returns the width and height that a page's pool may take on the
// paper: inside the margins, above the footer.
func (v *view) area() (w, h float64) {
	return v.pageW - 2*v.margin, v.pageH - 2*v.margin - footerH
}

// fitScale returns the largest scale, at most 1, at which every page's
// pool fits the paper's area.
func (v *view) fitScale(d *render.Diagram) float64 {
	s := 1.0
	for i := range d.Pages {
		s = math.Min(s, pageScale(v, &d.Pages[i]))
	}
	return s
}

// pageScale is the largest scale, at most 1, at which pg's pool fits the
// paper's area.
func pageScale(v *view, pg *render.Page) float64 {
	aw, ah := v.area()
	pool := pg.Shapes[0]
	return math.Min(1, math.Min(aw/pool.Width, ah/pool.Height))
}

// fit scales every page of d by s into the paper: the pool's top left
// corner at the margins, the page exactly the paper's size, with a footer.
// With s = 0 each page takes its own scale, the largest at which it fits
// (at most 1): every page is filled.
func (v *view) fit(d *render.Diagram, scale float64) {
	for i := range d.Pages {
		pg := &d.Pages[i]
		s := scale
		if s == 0 {
			s = pageScale(v, pg)
		}
		pool := pg.Shapes[0]
		ox, oy := math.Ceil(v.margin), math.Ceil(v.margin)
		x := func(x float64) float64 { return round2(ox + (x-pool.X)*s) }
		y := func(y float64) float64 { return round2(oy + (y-pool.Y)*s) }
		for k := range pg.Shapes {
			sh := &pg.Shapes[k]
			x1, y1 := x(sh.X+sh.Width), y(sh.Y+sh.Height)
			sh.X, sh.Y = x(sh.X), y(sh.Y)
			sh.Width, sh.Height = round2(x1-sh.X), round2(y1-sh.Y)
		}
		for k := range pg.Connectors {
			for j, p := range pg.Connectors[k].Points {
				pg.Connectors[k].Points[j] = [2]float64{x(p[0]), y(p[1])}
			}
		}
		for k := range pg.Texts {
			t := &pg.Texts[k]
			t.X, t.Y, t.Size = x(t.X), y(t.Y), round2(t.Size*s)
		}
		pg.Width, pg.Height, pg.Margin = v.pageW, v.pageH, v.margin
		v.footer(pg, len(d.Pages))
	}
}

// partition returns the columns of each page of a view that does not fit
// one page: as few pages as the paper holds at minScale, the columns then
// spread so that the smallest page scale is as large as it can be (pages
// as evenly filled as whole columns allow).
func (v *view) partition() [][]int {
	pages := v.greedy(minScale)
	lo, hi := minScale, 1.0
	for range 12 {
		mid := (lo + hi) / 2
		if len(v.greedy(mid)) <= len(pages) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return v.greedy(lo)
}

// pageCount is the number of pages of partition.
func (v *view) pageCount() int { return len(v.greedy(minScale)) }

// greedy cuts the columns into pages that fit the paper at scale s, by
// the estimate of placement without routing, each page taking as many
// columns as fit (at least one).
func (v *view) greedy(s float64) [][]int {
	aw, ah := v.area()
	maxW, maxH := aw/s, ah/s
	rm := roomAt(0)
	bands := v.bandsWidth()
	var pages [][]int
	for start := 0; start < len(v.cols); {
		pl := v.newPlacer(0, rm)
		pl.add(start)
		end := start + 1
		for ; end < len(v.cols); end++ {
			pl.add(end)
			left, right := v.edgeCounts(start, end+1)
			w := bands + pl.end + edgesWidth(left, rm) + edgesWidth(right, rm)
			if w > maxW || pl.height() > maxH {
				break
			}
		}
		cols := make([]int, 0, end-start)
		for c := start; c < end; c++ {
			cols = append(cols, c)
		}
		pages = append(pages, cols)
		start = end
	}
	return pages
}
