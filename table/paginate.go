package table

import (
	"github.com/sopflow/sopflow/internal/geom"
	"github.com/sopflow/sopflow/render"
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
// Pages break between rows by measured height. The breaks are chosen
// together, by dynamic programming over the break positions, to use few
// pages, cut few flows (loops back count double, and a loop back of up to
// three rows is never cut while another break will do), not to leave a
// decision as a page's last row, and to fill the inner pages. Every flow
// that crosses a break is drawn through a pair of off-page connectors
// lettered A, B, ..., Z, AA, ... in order of their source step. The work is
// linear in the number of rows for rows of bounded height.
func (t *table) paginate(pageW, pageH, margin float64) []render.Page {
	n := len(t.p.Steps)
	capH := pageH - 2*margin - t.titleHeight() - titleGap - t.header - footerH
	one := t.stripHeight([]offLink{{}})
	units := t.units(capH - 2*one)
	ranges := t.breakRows(units, capH)
	pageOf := make([]int, n)
	for pi, r := range ranges {
		for i := r[0]; i < r[1]; i++ {
			if units[i].part == 0 {
				pageOf[units[i].step] = pi
			}
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
	// Loop backs that come into a step from a later page: when a step has
	// several loop backs but only one from another page, that one's
	// connector can stand beside it too.
	backsIn := map[int]int{}
	for _, c := range cross {
		if pageOf[c.from] > pageOf[c.to] {
			backsIn[c.to]++
		}
	}
	for k, c := range cross {
		label := geom.Letters(k)
		pf, pt := pageOf[c.from], pageOf[c.to]
		outs[pf] = append(outs[pf], offLink{label: label, step: c.from, actor: t.p.Steps[c.from].Primary(), exit: c.exit, beside: -1})
		beside := -1
		if pf > pt {
			beside = t.besideCol(c.to)
			if beside < 0 && backsIn[c.to] == 1 {
				beside = t.besideColFrom(c.to, t.p.Steps[c.from].Primary())
			}
		}
		ins[pt] = append(ins[pt], offLink{label: label, step: c.to, actor: t.p.Steps[c.to].Primary(), beside: beside})
	}
	// Each page is laid out and routed on its own, so the pages are built
	// side by side, one worker per processor; each lands in its own slot,
	// so the result does not depend on the order they finish in.
	pages := make([]render.Page, len(ranges))
	build := func(pi int) {
		r := ranges[pi]
		ins, outs := ins[pi], outs[pi]
		sort.SliceStable(ins, func(i, j int) bool { return ins[i].step < ins[j].step })
		pg := t.page(0, margin, margin, pageW, units[r[0]:r[1]], ins, outs)
		pg.Height = math.Max(pageH, math.Ceil(pg.Height+footerH+margin))
		pages[pi] = pg
	}
	parallel(len(ranges), runtime.GOMAXPROCS(0), build)
	return pages
}

// parallel calls f(0), ..., f(n-1) on up to workers goroutines and returns
// when all are done. A panic in f is raised again on the caller's
// goroutine (a bug, not bad input: the caller may recover it), after the
// other workers stop taking work.
func parallel(n, workers int, f func(i int)) {
	workers = min(workers, n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	var failed atomic.Value // the first panic of a worker
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					failed.CompareAndSwap(nil, workerPanic{r})
					next.Store(int64(n))
				}
			}()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		}()
	}
	wg.Wait()
	if p, ok := failed.Load().(workerPanic); ok {
		panic(p.v)
	}
}

// workerPanic carries a worker's panic value to the caller.
type workerPanic struct{ v any }

// Costs of a page break, in points of empty page.
const (
	pageCost     = 400.0 // each page
	cutCost      = 10.0  // each flow a break cuts
	cutBackCost  = 10.0  // more for a loop back
	cutShortLoop = 1e6   // a loop back of up to three rows
	decisionLast = 80.0  // a decision as a page's last row
	emptyCost    = 0.5   // per point left empty on an inner page
)

// breakRows chooses where pages break: the ranges of rows [a, b) of each
// page, in order, as indices into us.
func (t *table) breakRows(us []rowPart, capH float64) [][2]int {
	n := len(us)
	steps := t.p.Steps
	first := make([]int, len(steps)) // per step: its first row
	for r := len(us) - 1; r >= 0; r-- {
		first[us[r].step] = r
	}
	// cut[b] is the cost of a break before row b.
	cut := make([]float64, n+1)
	type flowEdge struct{ from, to int }
	var flows []flowEdge
	inc := make([][]int, n) // per row: the flows that start or end there
	for si, s := range steps {
		for _, l := range s.Out {
			i, to := first[si], first[l.To]
			if to == i {
				continue
			}
			k := len(flows)
			flows = append(flows, flowEdge{i, to})
			inc[i] = append(inc[i], k)
			inc[to] = append(inc[to], k)
			lo, hi := min(i, to), max(i, to)
			c := cutCost
			if l.To < si {
				c += cutBackCost
				if si-l.To <= 3 {
					c += cutShortLoop
				}
			}
			cut[lo+1] += c
			cut[hi+1] -= c
		}
	}
	for b := 1; b <= n; b++ {
		cut[b] += cut[b-1]
	}
	for b := 1; b < n; b++ {
		if u := us[b-1]; steps[u.step].Kind == flow.Decision && us[b].step != u.step {
			cut[b] += decisionLast
		}
	}

	// The page [a, b) grows one row at a time; its off-page connectors are
	// counted per actor column, in and out, for the strips' heights.
	nA := len(t.p.Actors)
	ins, outs := make([]int, nA), make([]int, nA)
	inLines, outLines := newLineCount(), newLineCount()
	bump := func(cnt []int, lc *lineCount, actor, d int) {
		lc.set(t.offLines(actor, cnt[actor]), -1)
		cnt[actor] += d
		lc.set(t.offLines(actor, cnt[actor]), 1)
	}
	best := make([]float64, n+1)
	from := make([]int, n+1)
	for b := 1; b <= n; b++ {
		best[b] = math.Inf(1)
	}
	for a := 0; a < n; a++ {
		if math.IsInf(best[a], 1) {
			continue
		}
		clear(ins)
		clear(outs)
		inLines.reset()
		outLines.reset()
		rows := 0.0
		for b := a + 1; b <= n; b++ {
			r := b - 1
			rows += us[r].h
			for _, k := range inc[r] {
				f := flows[k]
				o := f.to
				if o == r {
					o = f.from
				}
				if o >= a && o < r {
					// Now inside the page: take back the connector
					// counted when o was added.
					if f.from == o {
						bump(outs, outLines, steps[us[o].step].Primary(), -1)
					} else if !(f.from > o && t.besideCol(us[o].step) >= 0) {
						bump(ins, inLines, steps[us[o].step].Primary(), -1)
					}
					continue
				}
				if f.from == r {
					bump(outs, outLines, steps[us[r].step].Primary(), 1)
				} else if !(o > r && t.besideCol(us[r].step) >= 0) {
					// An incoming connector, in the strip unless it is a
					// loop back's that stands beside its target.
					bump(ins, inLines, steps[us[r].step].Primary(), 1)
				}
			}
			h := rows + t.linesHeight(inLines.max()) + t.linesHeight(outLines.max())
			if h > capH && b > a+1 {
				break
			}
			c := best[a] + pageCost
			if b < n {
				c += cut[b] + emptyCost*math.Max(0, capH-h)
			}
			if c < best[b] {
				best[b], from[b] = c, a
			}
		}
	}
	var ranges [][2]int
	for b := n; b > 0; b = from[b] {
		ranges = append(ranges, [2]int{from[b], b})
	}
	for i, j := 0, len(ranges)-1; i < j; i, j = i+1, j-1 {
		ranges[i], ranges[j] = ranges[j], ranges[i]
	}
	return ranges
}

// lineCount counts the actor columns by how many lines of off-page
// connectors each needs, to give the most at any time.
type lineCount struct{ n []int }

func newLineCount() *lineCount { return &lineCount{n: make([]int, 2)} }

func (c *lineCount) reset() { clear(c.n) }

func (c *lineCount) set(lines, d int) {
	if lines == 0 {
		return
	}
	for len(c.n) <= lines {
		c.n = append(c.n, 0)
	}
	c.n[lines] += d
}

func (c *lineCount) max() int {
	for l := len(c.n) - 1; l > 0; l-- {
		if c.n[l] > 0 {
			return l
		}
	}
	return 0
}

// titleHeight is the height of the PROSEDUR title lines.
func (t *table) titleHeight() float64 {
	return float64(len(t.titleLines())) * TitleSize * render.Leading
}

func (t *table) titleLines() []string {
	return balancedLines(titleText(t.labels["title"], t.p.Name), TitleSize, t.width)
}

// footer writes the SOP number and "Halaman x dari y" in the bottom margin
// area of a page.
func footer(pg *render.Page, p *flow.Procedure, labels render.Labels, total int, margin float64) {
	y := round2(pg.Height - margin - render.FontFace(false).Descent(footerSize))
	x0, x1 := margin, pg.Width-margin
	if p.Identity.Number != "" {
		pg.Texts = append(pg.Texts, render.Text{X: x0, Y: y, Size: footerSize, Class: "footer", Text: p.Identity.Number})
	}
	s := labels["page"] + " " + strconv.Itoa(pg.Number) + " " + labels["page_of"] + " " + strconv.Itoa(total)
	pg.Texts = append(pg.Texts, render.Text{X: x1, Y: y, Size: footerSize, Anchor: render.AnchorEnd, Class: "footer", Text: s})
}
