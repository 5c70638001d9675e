package render

import (
	"math"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/sopflow/sopflow/flow"
)

const (
	footerSize = 8.0
	footerH    = 16.0 // room kept above the bottom margin for the footer
)

// crossing is a flow whose two ends lie on different pages.
type crossing struct {
	from, to int // step indices
	exit     string
}

// paginate breaks the table's rows into flowchart pages of pageW × pageH.
//
// Pages break between rows by measured height. Among the last few rows that
// fit, the break is chosen to cut as few flows as possible, loops back
// counting double, not to leave a decision as a page's last row, and to fill
// the page. Every flow that crosses a break is drawn through a pair of
// off-page connectors lettered A, B, ..., Z, AA, ... in order of their source
// step.
func (t *table) paginate(pageW, pageH, margin float64) []Page {
	n := len(t.p.Steps)
	capH := pageH - 2*margin - t.titleHeight() - titleGap - t.header - footerH
	one := t.stripHeight([]offLink{{}})
	t.fitRows(capH - 2*one)

	type flowEdge struct{ from, to int }
	var flows []flowEdge
	for i, s := range t.p.Steps {
		for _, l := range s.Out {
			flows = append(flows, flowEdge{i, l.To})
		}
	}
	inc := make([][]int, n) // per row: the flows that start or end there
	for k, f := range flows {
		inc[f.from] = append(inc[f.from], k)
		if f.to != f.from {
			inc[f.to] = append(inc[f.to], k)
		}
	}
	// offs returns the off-page links of rows [a, b).
	offs := func(a, b int) (ins, outs []offLink) {
		for i := a; i < b; i++ {
			for _, k := range inc[i] {
				f := flows[k]
				inF, inT := f.from >= a && f.from < b, f.to >= a && f.to < b
				if inF && !inT {
					outs = append(outs, offLink{step: f.from, actor: t.p.Steps[f.from].Primary()})
				}
				if inT && !inF {
					ins = append(ins, offLink{step: f.to, actor: t.p.Steps[f.to].Primary()})
				}
			}
		}
		return ins, outs
	}
	height := func(a, b int) float64 {
		h := 0.0
		for i := a; i < b; i++ {
			h += t.heights[i]
		}
		ins, outs := offs(a, b)
		return h + t.stripHeight(ins) + t.stripHeight(outs)
	}
	cut := func(b int) float64 {
		c := 0.0
		for _, f := range flows {
			if (f.from < b) != (f.to < b) {
				c += 10
				if f.to < f.from {
					c += 10
				}
			}
		}
		if t.p.Steps[b-1].Kind == flow.Decision {
			c += 80 // keep a decision with its next row
		}
		return c
	}

	var ranges [][2]int
	for a := 0; a < n; {
		bmax := a + 1
		for b := a + 2; b <= n && height(a, b) <= capH; b++ {
			bmax = b
		}
		best := bmax
		if bmax < n {
			bestCost := math.Inf(1)
			for b := bmax; b >= a+1 && b >= bmax-3; b-- {
				// Room left empty costs too: half a point per point.
				if c := cut(b) + 0.5*(height(a, bmax)-height(a, b)); c < bestCost {
					best, bestCost = b, c
				}
			}
		}
		ranges = append(ranges, [2]int{a, best})
		a = best
	}

	pageOf := make([]int, n)
	for pi, r := range ranges {
		for i := r[0]; i < r[1]; i++ {
			pageOf[i] = pi
		}
	}
	var cross []crossing
	for i, s := range t.p.Steps {
		for _, l := range s.Out {
			if pageOf[i] != pageOf[l.To] {
				cross = append(cross, crossing{i, l.To, l.Label})
			}
		}
	}

	ins := make([][]offLink, len(ranges))
	outs := make([][]offLink, len(ranges))
	for k, c := range cross {
		label := offPageLabel(k)
		pf, pt := pageOf[c.from], pageOf[c.to]
		outs[pf] = append(outs[pf], offLink{label: label, step: c.from, actor: t.p.Steps[c.from].Primary(), exit: c.exit})
		ins[pt] = append(ins[pt], offLink{label: label, step: c.to, actor: t.p.Steps[c.to].Primary()})
	}
	// Each page is laid out and routed on its own, so the pages are built
	// side by side, one worker per processor; each lands in its own slot,
	// so the result does not depend on the order they finish in.
	pages := make([]Page, len(ranges))
	build := func(pi int) {
		r := ranges[pi]
		ins, outs := ins[pi], outs[pi]
		sort.SliceStable(ins, func(i, j int) bool { return ins[i].step < ins[j].step })
		steps := make([]int, 0, r[1]-r[0])
		for i := r[0]; i < r[1]; i++ {
			steps = append(steps, i)
		}
		pg := t.page(0, margin, margin, pageW, steps, ins, outs)
		pg.Height = math.Max(pageH, math.Ceil(pg.Height+footerH+margin))
		pages[pi] = pg
	}
	workers := min(runtime.GOMAXPROCS(0), len(ranges))
	if workers <= 1 {
		for pi := range ranges {
			build(pi)
		}
		return pages
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for pi := int(next.Add(1) - 1); pi < len(ranges); pi = int(next.Add(1) - 1) {
				build(pi)
			}
		}()
	}
	wg.Wait()
	return pages
}

// offPageLabel returns the k-th off-page letter: A..Z, AA..AZ, BA, ...
func offPageLabel(k int) string {
	s := ""
	for k++; k > 0; k = (k - 1) / 26 {
		s = string(rune('A'+(k-1)%26)) + s
	}
	return s
}

// titleHeight is the height of the PROSEDUR title lines.
func (t *table) titleHeight() float64 {
	return float64(len(t.titleLines())) * TitleSize * Leading
}

func (t *table) titleLines() []string {
	return balancedLines(titleText(t.labels["title"], t.p.Name), TitleSize, t.width)
}

// footer writes the SOP number and "Halaman x dari y" in the bottom margin
// area of a page.
func footer(pg *Page, p *flow.Procedure, labels Labels, total int, margin float64) {
	y := round2(pg.Height - margin - FontFace(false).Descent(footerSize))
	x0, x1 := margin, pg.Width-margin
	if p.Identity.Number != "" {
		pg.Texts = append(pg.Texts, Text{X: x0, Y: y, Size: footerSize, Class: "footer", Text: p.Identity.Number})
	}
	s := labels["page"] + " " + strconv.Itoa(pg.Number) + " " + labels["page_of"] + " " + strconv.Itoa(total)
	pg.Texts = append(pg.Texts, Text{X: x1, Y: y, Size: footerSize, Anchor: "end", Class: "footer", Text: s})
}
