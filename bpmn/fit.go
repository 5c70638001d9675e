package bpmn

import (
	"math"
	"strconv"

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

// poolsBox returns the box of pg's pools: one, or one per band.
func poolsBox(pg *render.Page) box {
	b := box{X0: math.Inf(1), Y0: math.Inf(1), X1: math.Inf(-1), Y1: math.Inf(-1)}
	for _, sh := range pg.Shapes {
		if sh.Kind == ShapePool {
			b = box{X0: math.Min(b.X0, sh.X), Y0: math.Min(b.Y0, sh.Y), X1: math.Max(b.X1, sh.X+sh.Width), Y1: math.Max(b.Y1, sh.Y+sh.Height)}
		}
	}
	return b
}

// pageScale is the largest scale, at most 1, at which pg's pools fit the
// paper's area.
func pageScale(v *view, pg *render.Page) float64 {
	aw, ah := v.area()
	b := poolsBox(pg)
	return math.Min(1, math.Min(aw/(b.X1-b.X0), ah/(b.Y1-b.Y0)))
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
		pool := poolsBox(pg)
		ox, oy := math.Ceil(v.margin), math.Ceil(v.margin)
		x := func(x float64) float64 { return round2(ox + (x-pool.X0)*s) }
		y := func(y float64) float64 { return round2(oy + (y-pool.Y0)*s) }
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

// bandGap is the room between two bands of lanes on one sheet.
const bandGap = 18.0

// partition returns the bands of a view that does not fit one page in one
// band, each a run of whole columns, and the sheets, each a run of bands
// stacked on one page: as few sheets as the paper holds at minScale, the
// columns then spread so that the smallest sheet scale is as large as it
// can be (sheets as evenly filled as whole columns allow).
// It also returns that scale, as estimated.
func (v *view) partition() (bands [][]int, sheets [][]int, scale float64) {
	n := len(v.greedy(minScale))
	lo, hi := minScale, 1.0
	for range 12 {
		mid := (lo + hi) / 2
		if len(v.greedy(mid)) <= n {
			lo = mid
		} else {
			hi = mid
		}
	}
	for _, sh := range v.greedy(lo) {
		var idx []int
		for _, b := range sh {
			idx = append(idx, len(bands))
			bands = append(bands, b)
		}
		sheets = append(sheets, idx)
	}
	return bands, sheets, lo
}

// greedy cuts the columns into bands that fit the paper's width at scale
// s, by the estimate of placement without routing, each band taking as
// many columns as fit (at least one); and stacks the bands on sheets, as
// many as the paper's height holds (at least one).
func (v *view) greedy(s float64) [][][]int {
	aw, ah := v.area()
	maxW, maxH := aw/s, ah/s
	rm := roomAt(0)
	bands := v.bandsWidth()
	var sheets [][][]int
	sheetH := 0.0
	for start := 0; start < len(v.cols); {
		pl := v.newPlacer(0, rm)
		pl.add(start)
		h := pl.height() // the band's, without a column that does not fit
		end := start + 1
		for ; end < len(v.cols); end++ {
			pl.add(end)
			left, right := v.edgeCounts(start, end+1)
			w := bands + pl.end + edgesWidth(left, rm) + edgesWidth(right, rm)
			ph := pl.height()
			if w > maxW || ph > maxH {
				break
			}
			h = ph
		}
		cols := make([]int, 0, end-start)
		for c := start; c < end; c++ {
			cols = append(cols, c)
		}
		if k := len(sheets) - 1; k >= 0 && sheetH+bandGap+h <= maxH {
			sheets[k] = append(sheets[k], cols)
			sheetH += bandGap + h
		} else {
			sheets = append(sheets, [][]int{cols})
			sheetH = h
		}
		start = end
	}
	return sheets
}

// pack stacks the bands of d, laid out, on sheets: as few as the paper
// holds at minScale, then spread so that the smallest sheet scale is as
// large as it can be. It returns the bands of each sheet.
func (v *view) pack(d *render.Diagram) [][]int {
	aw, ah := v.area()
	at := func(s float64) [][]int {
		var sheets [][]int
		var w, h float64
		for k := range d.Pages {
			b := poolsBox(&d.Pages[k])
			bw, bh := b.X1-b.X0, b.Y1-b.Y0
			if n := len(sheets); n > 0 && math.Max(w, bw) <= aw/s && h+bandGap+bh <= ah/s {
				sheets[n-1] = append(sheets[n-1], k)
				w, h = math.Max(w, bw), h+bandGap+bh
				continue
			}
			sheets = append(sheets, []int{k})
			w, h = bw, bh
		}
		return sheets
	}
	n := len(at(minScale))
	lo, hi := minScale, 1.0
	for range 12 {
		mid := (lo + hi) / 2
		if len(at(mid)) <= n {
			lo = mid
		} else {
			hi = mid
		}
	}
	return at(lo)
}

// fits reports whether every sheet of bands of d fits the paper at
// minScale.
func (v *view) fits(d *render.Diagram, sheets [][]int) bool {
	aw, ah := v.area()
	n := 0
	for _, bands := range sheets {
		var w, h float64
		for j, k := range bands {
			b := poolsBox(&d.Pages[k])
			w = math.Max(w, b.X1-b.X0)
			h += b.Y1 - b.Y0
			if j > 0 {
				h += bandGap
			}
		}
		if w > aw/minScale || h > ah/minScale {
			return false
		}
		n += len(bands)
	}
	return n == len(d.Pages) && n > 0
}

// stack puts the bands of each sheet below each other on one page: band
// k+1 of a sheet starts bandGap below band k, its pool's and lanes' ids
// followed by "." and the band's number on the sheet.
func stack(d *render.Diagram, sheets [][]int) {
	pages := make([]render.Page, 0, len(sheets))
	for si, bands := range sheets {
		pg := d.Pages[bands[0]]
		pg.Number = si + 1
		y := poolsBox(&pg).Y1
		for j, bi := range bands[1:] {
			b := d.Pages[bi]
			dy := y + bandGap - poolsBox(&b).Y0
			suffix := "." + strconv.Itoa(j+2)
			for _, sh := range b.Shapes {
				sh.Y += dy
				if sh.Kind == ShapePool || sh.Kind == ShapeLane {
					sh.ID += suffix
				}
				pg.Shapes = append(pg.Shapes, sh)
			}
			for _, c := range b.Connectors {
				pts := make([][2]float64, len(c.Points))
				for k, p := range c.Points {
					pts[k] = [2]float64{p[0], p[1] + dy}
				}
				c.Points = pts
				pg.Connectors = append(pg.Connectors, c)
			}
			for _, t := range b.Texts {
				t.Y += dy
				pg.Texts = append(pg.Texts, t)
			}
			y = poolsBox(&pg).Y1
		}
		pages = append(pages, pg)
	}
	d.Pages = pages
}
