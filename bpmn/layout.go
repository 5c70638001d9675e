package bpmn

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
)

// Options sets how the view is laid out. The zero value works: A4
// landscape pages with 10 mm margins and the Indonesian labels of the
// permenpan35 profile.
type Options struct {
	Paper    render.Paper // default: A4
	Portrait bool         // default: landscape
	Margin   float64      // in mm; default: 10
	// Tall lays the whole view out as one page as wide and as tall as it
	// needs, at full size, with no footer and no link events: the
	// CLI's --tall. WriteXML takes the diagram interchange from a view
	// laid out so.
	Tall bool
	// Labels are the printed labels ("start", "end", "page", "page_of");
	// nil means render.NewLabels(render.Permenpan35, "id", p.Labels).
	Labels render.Labels
	// Joint is the word before the other actors of a joint activity, as in
	// "(bersama: Kasubbag Umum)". Default: "bersama".
	Joint string
}

func (o Options) labels(p *flow.Procedure) (render.Labels, error) {
	if o.Labels != nil {
		return o.Labels, nil
	}
	return render.NewLabels(render.Permenpan35, "id", p.Labels)
}

// JointWord is the word before the other actors of a joint activity in
// lang ("id" or "en"), for Options.Joint and XMLOptions.Joint: "bersama"
// or "with"; "bersama" for any other language.
func JointWord(lang string) string {
	if lang == "en" {
		return "with"
	}
	return "bersama"
}

func (o Options) joint() string {
	if o.Joint == "" {
		return "bersama"
	}
	return o.Joint
}

// Lengths of the frame, in points.
const (
	namePad   = 4.0  // around lane and pool names in their bands
	nameLines = 4    // a lane grows until its name takes at most this many lines
	laneMinH  = 48.0 // the least lane height
	thinLaneH = 16.0 // a lane with no symbol on the page
	footerH   = 14.0 // room above the bottom margin for the footer
	footSize  = 8.0
	minStub   = 11.0 // the least length of a flow's first and last segment: 8 pt or more at minScale, room for the arrowhead
)

// room holds the spacing of one layout attempt; each retry widens it.
type room struct {
	gap    float64 // between columns, and before the first
	pad    float64 // above and below the rows of a lane
	rowGap float64 // between the rows of a lane
}

func roomAt(level int) room {
	l := float64(level)
	return room{gap: 24 + 12*l, pad: 12 + 6*l, rowGap: 18 + 8*l}
}

// wrapGain is how much larger the scale of a view wrapped into bands on one
// page must be than that of the view in one band for the wrapping to win:
// a band's end and the next band's start cost the reader a jump.
const wrapGain = 1.15

// maxLevel is the last attempt: its layout is kept even when some flow
// could not be routed cleanly.
const maxLevel = 3

// Layout lays out the BPMN view of p as a Diagram whose pages have Kind
// "bpmn". r ranks the graph (Graphviz dot); see the package documentation
// for what the view guarantees. Layout does not modify p and reads nothing
// but its arguments. It is LayoutContext with context.Background().
func Layout(p *flow.Procedure, r Ranker, opt Options) (*render.Diagram, error) {
	return LayoutContext(context.Background(), p, r, opt)
}

// LayoutContext is Layout with a context for the ranking, which may run a
// helper process: when ctx is done first, the error wraps ctx.Err().
func LayoutContext(ctx context.Context, p *flow.Procedure, r Ranker, opt Options) (*render.Diagram, error) {
	if err := check(p); err != nil {
		return nil, err
	}
	if r == nil {
		return nil, fmt.Errorf("bpmn: %w", ErrNoRanker)
	}
	labels, err := opt.labels(p)
	if err != nil {
		return nil, err
	}
	g := newGraph(p, labels, opt.joint())
	pos, err := r.Rank(ctx, g.rankDOT())
	if err != nil {
		return nil, fmt.Errorf("bpmn: ranking the graph: %w", err)
	}
	if err := g.assign(pos); err != nil {
		return nil, err
	}
	v, err := newView(g, labels, opt)
	if err != nil {
		return nil, err
	}
	all := make([]int, len(v.cols))
	for c := range all {
		all[c] = c
	}
	// The whole view on one page, at full size: as it is for Tall.
	if opt.Tall {
		return v.attempt([][]int{all}), nil
	}
	// The measure of the tasks' text that fits the paper best: narrow
	// tasks of many lines for a view too wide, wide ones of few lines for
	// a view too tall; for the view in one band, and for the view wrapped
	// into bands.
	type plan struct {
		lines, pages int
		scale        float64
	}
	var one, wrapped plan
	for _, lines := range measures {
		g.measure(lines)
		if v, err = newView(g, labels, opt); err != nil {
			return nil, err
		}
		if s := v.estimateScale(); s >= minScale && s > one.scale+1e-9 {
			one = plan{lines, 1, s}
		}
		_, sheets, s := v.partition()
		if wrapped.pages == 0 || len(sheets) < wrapped.pages || len(sheets) == wrapped.pages && s > wrapped.scale+1e-9 {
			wrapped = plan{lines, len(sheets), s}
		}
	}
	// The view in one band, scaled into the paper when that leaves its
	// text at least MinTextSize, unless wrapping it fills one page much
	// better.
	if one.pages == 1 && (wrapped.pages > 1 || wrapped.scale < wrapGain*one.scale) {
		g.measure(one.lines)
		if v, err = newView(g, labels, opt); err != nil {
			return nil, err
		}
		d := v.attempt([][]int{all})
		if s := v.fitScale(d); s >= minScale {
			v.fit(d, s)
			return d, nil
		}
	}
	// Too large, or better wrapped: bands of whole columns, stacked on as
	// few sheets as fit at the least scale, with the columns spread evenly
	// over them. A band whose routing needs more room than the estimate,
	// and so does not fit at the least scale, is cut in two, until every
	// band fits.
	g.measure(wrapped.lines)
	if v, err = newView(g, labels, opt); err != nil {
		return nil, err
	}
	pages, sheets, _ := v.partition()
	cache := make(map[string]*builtPage)
	d := v.build(pages, cache)
	for try := 0; try < 8; try++ {
		var next [][]int
		for k, cols := range pages {
			if len(cols) > 1 && pageScale(v, &d.Pages[k]) < minScale {
				h := (len(cols) + 1) / 2
				next = append(next, cols[:h], cols[h:])
			} else {
				next = append(next, cols)
			}
		}
		if len(next) == len(pages) {
			break
		}
		pages, sheets = next, nil
		d = v.build(pages, cache)
	}
	// The bands stacked on sheets: as planned when the bands came out as
	// estimated, else packed again from their sizes.
	if !v.fits(d, sheets) {
		sheets = v.pack(d)
	}
	stack(d, sheets)
	// Each page filled: its own scale, 6 pt text or more.
	v.fit(d, 0)
	return d, nil
}

// check refuses a procedure that Parse would not return, rather than
// panic on it.
func check(p *flow.Procedure) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if p == nil || len(p.Steps) == 0 || len(p.Actors) == 0 {
		return fmt.Errorf("bpmn: empty procedure")
	}
	for i, s := range p.Steps {
		if s == nil {
			return fmt.Errorf("bpmn: step %d is missing", i+1)
		}
		if s.Number != i+1 {
			return fmt.Errorf("bpmn: step %d is numbered %d", i+1, s.Number)
		}
		if len(s.Actors) == 0 {
			return fmt.Errorf("bpmn: step %d has no actor", s.Number)
		}
		for _, a := range s.Actors {
			if a < 0 || a >= len(p.Actors) {
				return fmt.Errorf("bpmn: step %d: actor %d out of range", s.Number, a)
			}
		}
		want := 1
		switch s.Kind {
		case flow.Decision:
			want = 2
		case flow.End:
			want = 0
		case flow.Start, flow.Process:
		default:
			return fmt.Errorf("bpmn: step %d: unknown kind %q", s.Number, s.Kind)
		}
		if len(s.Out) != want {
			return fmt.Errorf("bpmn: step %d (%s) has %d exits, not %d", s.Number, s.Kind, len(s.Out), want)
		}
		for _, l := range s.Out {
			if l.To < 0 || l.To >= len(p.Steps) || l.To == i {
				return fmt.Errorf("bpmn: step %d: exit to step %d out of range", s.Number, l.To+1)
			}
		}
		if s.Kind == flow.Decision && s.Out[0].To == s.Out[1].To {
			return fmt.Errorf("bpmn: step %d: both exits lead to step %d", s.Number, s.Out[0].To+1)
		}
	}
	return nil
}

// assign reads the ranking: nodes whose centres share an x share a column
// (dot's rank), and their y orders the nodes of one lane in one column.
func (g *graph) assign(pos map[string][2]float64) error {
	xs := make([]float64, 0, len(g.nodes))
	for _, n := range g.nodes {
		c, ok := pos[n.id]
		if !ok {
			return fmt.Errorf("bpmn: the ranking has no position for %s", n.id)
		}
		if math.IsNaN(c[0]) || math.IsNaN(c[1]) || math.IsInf(c[0], 0) || math.IsInf(c[1], 0) {
			return fmt.Errorf("bpmn: the ranking gives %s no finite position", n.id)
		}
		n.order = c[1]
		xs = append(xs, c[0])
	}
	sorted := append([]float64(nil), xs...)
	sort.Float64s(sorted)
	// Ranks are far apart; positions within 2 pt of the previous are one rank.
	var ranks []float64
	for _, x := range sorted {
		if len(ranks) == 0 || x-ranks[len(ranks)-1] > 2 {
			ranks = append(ranks, x)
		} else {
			ranks[len(ranks)-1] = x
		}
	}
	for i, n := range g.nodes {
		n.col = sort.Search(len(ranks), func(k int) bool { return ranks[k] >= xs[i] })
	}
	return nil
}

// view is what is measured once: the columns and the slots of the nodes.
type view struct {
	g        *graph
	labels   render.Labels
	opt      Options
	cols     [][]int   // node indices of each column
	preds    [][]int   // node index -> the sources of its flows that do not close a loop
	laneNeed []float64 // the least height of each lane with a symbol: its name's
	colW     []float64 // footprint width of each column
	colEdges [][]int   // column -> the flows to or from its symbols, by index
	labelW   []float64 // widest exit label of a gateway in each column

	pageW, pageH, margin float64
}

func newView(g *graph, labels render.Labels, opt Options) (*view, error) {
	v := &view{g: g, labels: labels, opt: opt}
	paper := opt.Paper
	if paper.Width <= 0 || paper.Height <= 0 {
		paper = render.A4
	}
	v.pageW, v.pageH = paper.Height, paper.Width
	if opt.Portrait {
		v.pageW, v.pageH = paper.Width, paper.Height
	}
	v.margin = 10 * render.Mm
	if opt.Margin > 0 {
		v.margin = opt.Margin * render.Mm
	}
	if 2*v.margin > v.pageW/3 || 2*v.margin > v.pageH/3 {
		return nil, fmt.Errorf("bpmn: margin %.4g mm is too wide for a %.0f x %.0f mm page",
			v.margin/render.Mm, v.pageW/render.Mm, v.pageH/render.Mm)
	}
	ncol := 0
	for _, n := range g.nodes {
		ncol = max(ncol, n.col+1)
	}
	v.cols = make([][]int, ncol)
	v.colW = make([]float64, ncol)
	v.labelW = make([]float64, ncol)
	v.laneNeed = make([]float64, len(g.p.Actors))
	for l, a := range g.p.Actors {
		_, v.laneNeed[l] = nameFit(a.Name, laneMinH)
	}
	v.preds = make([][]int, len(g.nodes))
	for _, e := range g.edges {
		if !e.back {
			v.preds[e.to] = append(v.preds[e.to], e.from)
		}
	}
	v.colEdges = make([][]int, ncol)
	for i, e := range g.edges {
		a, b := g.nodes[e.from].col, g.nodes[e.to].col
		v.colEdges[a] = append(v.colEdges[a], i)
		if b != a {
			v.colEdges[b] = append(v.colEdges[b], i)
		}
	}
	for i, n := range g.nodes {
		v.cols[n.col] = append(v.cols[n.col], i)
		w, _, _ := n.footprint()
		v.colW[n.col] = math.Max(v.colW[n.col], w)
	}
	face := render.FontFace(false)
	for _, e := range g.edges {
		if e.label != "" {
			n := g.nodes[e.from]
			v.labelW[n.col] = math.Max(v.labelW[n.col], math.Ceil(face.Width(e.label, TextSize)))
		}
	}
	for _, col := range v.cols {
		// Slots: the nodes of one lane in one column, top to bottom.
		sort.SliceStable(col, func(a, b int) bool {
			na, nb := g.nodes[col[a]], g.nodes[col[b]]
			if na.lane != nb.lane {
				return na.lane < nb.lane
			}
			if na.order != nb.order {
				return na.order < nb.order
			}
			return col[a] < col[b]
		})
		for k, i := range col {
			n := g.nodes[i]
			if k > 0 && g.nodes[col[k-1]].lane == n.lane {
				n.slot = g.nodes[col[k-1]].slot + 1
			} else {
				n.slot = 0
			}
		}
	}
	return v, nil
}

// gapAfter is the room after column c: the room's gap, or more where a
// gateway's exit label needs it.
func (v *view) gapAfter(c int, rm room) float64 {
	if v.labelW[c] == 0 {
		return rm.gap
	}
	return math.Max(rm.gap, v.labelW[c]+2*minStub+8)
}

// placeCols places the columns cols from x on: it returns the centre line
// of each and where the content ends, the room after the last column
// included. Ranks share the free space of the lanes: a column needs room
// only in the lanes of its symbols, after what those lanes hold already,
// and a symbol whose flow comes from another lane stands no further left
// than its source, straight below or above it when nothing else pushes it
// right. A column never stands left of the one before.
func (v *view) placeCols(cols []int, x float64, rm room) ([]float64, float64) {
	pl := v.newPlacer(x, rm)
	centres := make([]float64, len(cols))
	for k, c := range cols {
		centres[k] = pl.add(c)
	}
	return centres, pl.end
}

// placer places columns one after another (see placeCols), and keeps the
// rows of each lane for the height of the page.
type placer struct {
	v         *view
	rm        room
	laneRight []float64
	rows      []laneRows
	at        map[int]float64 // column -> centre, on this page
	prev, end float64
}

func (v *view) newPlacer(x float64, rm room) *placer {
	pl := &placer{v: v, rm: rm, laneRight: make([]float64, len(v.g.p.Actors)),
		rows: make([]laneRows, len(v.g.p.Actors)), at: make(map[int]float64), prev: math.Inf(-1), end: x}
	for l := range pl.laneRight {
		pl.laneRight[l] = x + rm.gap
	}
	return pl
}

// add places column c and returns its centre.
func (pl *placer) add(c int) float64 {
	v := pl.v
	g := v.g
	cx := pl.prev + colStep
	for _, i := range v.cols[c] {
		n := g.nodes[i]
		w, _, _ := n.footprint()
		cx = math.Max(cx, pl.laneRight[n.lane]+w/2)
		for _, e := range v.preds[i] {
			u := g.nodes[e]
			if pc, ok := pl.at[u.col]; ok && u.lane != n.lane {
				cx = math.Max(cx, pc)
			}
		}
	}
	cx = math.Round(cx)
	pl.at[c], pl.prev = cx, cx
	for _, i := range v.cols[c] {
		n := g.nodes[i]
		w, up, down := n.footprint()
		pl.laneRight[n.lane] = math.Max(pl.laneRight[n.lane], cx+w/2+v.gapAfter(c, pl.rm))
		pl.end = math.Max(pl.end, pl.laneRight[n.lane])
		pl.rows[n.lane].add(n.slot, up, down)
	}
	return cx
}

// addLink places link event n in its lane's first row, after what the lane
// holds, and returns its centre. Other lanes are not pushed: the columns
// after it may stand left of it.
func (pl *placer) addLink(n *node) float64 {
	w, up, down := n.footprint()
	cx := math.Round(pl.laneRight[n.lane] + w/2)
	pl.laneRight[n.lane] = cx + w/2 + pl.rm.gap
	pl.end = math.Max(pl.end, pl.laneRight[n.lane])
	pl.rows[n.lane].add(0, up, down)
	return cx
}

// height estimates the height of the lanes of the columns placed.
func (pl *placer) height() float64 {
	h := 0.0
	for l := range pl.rows {
		if len(pl.rows[l].up) == 0 {
			h += thinLaneH
			continue
		}
		h += math.Max(pl.v.laneNeed[l], pl.rows[l].height(pl.rm))
	}
	return h
}

// colStep is the least distance between the centres of two columns.
const colStep = 0.0

// pageWidth is the content width of a page holding columns [s, e).
func (v *view) pageWidth(s, e int, rm room) float64 {
	cols := make([]int, 0, e-s)
	for c := s; c < e; c++ {
		cols = append(cols, c)
	}
	_, w := v.placeCols(cols, 0, rm)
	left, right := v.edgeCounts(s, e)
	return w + edgesWidth(left, rm) + edgesWidth(right, rm)
}

// edgesWidth is the room that n link events side by side take at a page's
// edge.
func edgesWidth(n int, rm room) float64 {
	if n == 0 {
		return 0
	}
	return edgeWidth(n) + rm.gap
}

// edgeCounts estimates the room of a page's link events for the page
// partition (they stand beside their symbols): how many would stand side by side at
// the left and at the right edge of a page holding columns [s, e): the
// most in one lane.
func (v *view) edgeCounts(s, e int) (left, right int) {
	g := v.g
	count := make(map[[2]int]int) // {side, lane}
	// Only the flows of the page's columns: the work is the page's, not
	// the view's.
	for c := s; c < e; c++ {
		for _, i := range v.colEdges[c] {
			ed := g.edges[i]
			from, to := g.nodes[ed.from], g.nodes[ed.to]
			inA := from.col >= s && from.col < e
			inB := to.col >= s && to.col < e
			switch {
			case inA && !inB:
				side := 0
				if to.col >= e {
					side = 1
				}
				count[[2]int{side, from.lane}]++
			case inB && !inA:
				side := 0
				if from.col >= e {
					side = 1
				}
				count[[2]int{side, to.lane}]++
			}
		}
	}
	for k, n := range count {
		if k[0] == 0 {
			left = max(left, n)
		} else {
			right = max(right, n)
		}
	}
	return left, right
}

// laneRows holds the rows of one lane: the extents of each row above and
// below its centre line.
type laneRows struct {
	up, down []float64
}

func (l *laneRows) add(slot int, up, down float64) {
	for len(l.up) <= slot {
		l.up = append(l.up, 0)
		l.down = append(l.down, 0)
	}
	l.up[slot] = math.Max(l.up[slot], up)
	l.down[slot] = math.Max(l.down[slot], down)
}

// height is the lane's content height with rm's spacing.
func (l *laneRows) height(rm room) float64 {
	h := 2 * rm.pad
	for k := range l.up {
		if k > 0 {
			h += rm.rowGap
		}
		h += l.up[k] + l.down[k]
	}
	return h
}

// nameFit returns the lines of a lane's name in a lane of height h, and the
// height the lane needs so that the name takes at most nameLines lines and
// no word of it is broken.
func nameFit(name string, h float64) ([]string, float64) {
	face := render.FontFace(true)
	for _, w := range strings.Fields(name) {
		h = math.Max(h, math.Ceil(face.Width(w, LaneSize))+2*namePad)
	}
	for i := 0; ; i++ {
		lines := face.Wrap(name, LaneSize, h-2*namePad)
		if len(lines) <= nameLines || i == 200 {
			return lines, h
		}
		h += 6
	}
}

// bandWidth is the width of a band holding n rotated lines of text at size.
func bandWidth(n int, size float64) float64 {
	return math.Ceil(float64(n)*size*render.Leading + 2*namePad)
}
