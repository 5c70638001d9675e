package table

import (
	"fmt"
	"github.com/sopflow/sopflow/render"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sopflow/sopflow/flow"
)

// Sizes of the table, in points.
const (
	BodySize   = 9.0  // cell text
	HeaderSize = 10.0 // header labels, bold
	ActorSize  = 9.0  // actor names in the header, bold
	LabelSize  = 8.0  // decision exit labels and symbol text
	TitleSize  = 12.0 // the PROSEDUR line

	cellPadX = 3.0
	cellPadY = 3.0

	ruleOuter = 1.0 // the table's frame
	ruleInner = 0.5 // cell borders

	boxW      = 50.0 // process and terminator width (at most; about 18 mm)
	boxH      = 26.0 // about 9 mm
	diamondW  = 34.0 // about 12 mm
	offW      = 26.0 // about 9 mm
	offH      = 32.0 // about 11 mm
	clearance = 13.5 // above and below a symbol, room for connectors
	gutterMin = 10.0 // between a box and its column border, for channels
)

// LayoutOptions sets how a procedure is laid out. The zero value works: A4
// landscape pages with 10 mm margins, the identity page first, Indonesian
// labels of the permenpan35 profile.
type LayoutOptions struct {
	Paper    render.Paper // default: A4
	Portrait bool         // default: landscape
	Margin   float64      // in mm; default: 10
	// Tall lays the whole table out as one page as tall as it needs, with
	// no identity page and no page breaks.
	Tall       bool
	NoIdentity bool // leave out the identity page
	// Labels are the printed labels; nil means NewLabels(Permenpan35, "id",
	// p.Labels).
	Labels render.Labels
	// Logo is the logo image (PNG or JPEG) for the identity page; nil
	// draws no logo.
	Logo []byte
	// QuickRouting skips the pass that redraws crossing flows together:
	// about twice as fast on large procedures, with about a tenth more
	// crossings. For previews; the default draws the better picture.
	QuickRouting bool
}

// Page returns the size of a page of the paper in the orientation of o,
// and its margin, all in points: what Layout lays a table out on (a table
// wider than the page widens it). The error matches render.ErrMarginTooWide
// when the margin leaves too little of the page.
func (o LayoutOptions) Page() (w, h, margin float64, err error) {
	paper := o.Paper
	if paper.Width <= 0 || paper.Height <= 0 {
		paper = render.A4
	}
	w, h = paper.Height, paper.Width
	if o.Portrait {
		w, h = paper.Width, paper.Height
	}
	margin = 10 * render.Mm
	if o.Margin > 0 {
		margin = o.Margin * render.Mm
	}
	if 2*margin > w/3 || 2*margin > h/3 {
		return 0, 0, 0, fmt.Errorf("%w: margin %.4g mm is too wide for a %.0f x %.0f mm page", render.ErrMarginTooWide, margin/render.Mm, w/render.Mm, h/render.Mm)
	}
	return w, h, margin, nil
}

// Layout lays out p as a Diagram. It does not modify p. It calls
// p.Validate first and returns its error (a flow.ErrorList) for a
// procedure that Parse would not return.
func Layout(p *flow.Procedure, opt LayoutOptions) (*render.Diagram, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return layout(p, opt, defaultCosts)
}

// layout is Layout with the router's weights given, for a valid p.
func layout(p *flow.Procedure, opt LayoutOptions, w costs) (*render.Diagram, error) {
	if p == nil || len(p.Steps) == 0 || len(p.Actors) == 0 {
		return nil, fmt.Errorf("layout: empty procedure")
	}
	labels := opt.Labels
	if labels == nil {
		var err error
		if labels, err = render.NewLabels(render.Permenpan35, "id", p.Labels); err != nil {
			return nil, err
		}
	}
	p = labels.WithExits(p)
	pageW, pageH, margin, err := opt.Page()
	if err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	d := &render.Diagram{
		Unit:  "pt",
		Title: p.Name,
		Desc:  fmt.Sprintf("SOP %s: %d steps, %d actors", p.Name, len(p.Steps), len(p.Actors)),
	}
	t := newTable(p, labels, pageW-2*margin)
	t.costs = w
	t.quick = opt.QuickRouting
	// A table wider than the paper widens the page (see the README).
	if t.width+2*margin > pageW+0.5 {
		pageW = math.Ceil(t.width + 2*margin)
	}

	if opt.Tall {
		pg := t.page(1, margin, margin, pageW, t.units(0), nil, nil)
		pg.Height = math.Ceil(pg.Height + margin)
		pg.Margin = round2(margin)
		d.Pages = append(d.Pages, pg)
		return d, nil
	}

	if !opt.NoIdentity {
		idp, err := identityPage(p, labels, opt.Logo, pageW, pageH, margin)
		if err != nil {
			return nil, err
		}
		idp.Number = 1
		d.Pages = append(d.Pages, idp)
	}
	for _, pg := range t.paginate(pageW, pageH, margin) {
		pg.Number = len(d.Pages) + 1
		d.Pages = append(d.Pages, pg)
	}
	for i := range d.Pages {
		d.Pages[i].Margin = round2(margin)
		footer(&d.Pages[i], p, labels, len(d.Pages), margin)
	}
	return d, nil
}

// table holds what is measured once for a procedure: column widths, the
// header and every row's wrapped text and height.
type table struct {
	p       *flow.Procedure
	labels  render.Labels
	width   float64
	cols    []render.Column // no, activity, actors..., requirements, time, output, note
	actor0  int             // index of the first actor column in cols
	symW    []float64
	termW   float64 // the width of a terminator
	header  float64 // height of the two header rows
	head1   float64 // height of the first header row
	heads   []headCell
	cells   [][]cellText // per step, per text column
	heights []float64    // per step
	sizes   []float64    // per step: the text size of its cells
	quick   bool         // LayoutOptions.QuickRouting
	costs   costs        // the router's weights
	// Per step: the loops back into it, and the actor of the last one
	// (see besideCol).
	backIns, backFrom []int
}

type headCell struct {
	x, y, w, h float64
	size       float64
	lines      []string
	rotate     bool // the lines read bottom to top (an actor's long title in a narrow column)
}

type cellText struct {
	key   string
	col   int
	lines []string
}

var textKeys = []string{"no", "activity", "requirements", "time", "output", "note"}

func (t *table) colIndex(key string) int {
	for i, c := range t.cols {
		if c.Key == key {
			return i
		}
	}
	return -1
}

func stepText(s *flow.Step, key string) string {
	switch key {
	case "no":
		return strconv.Itoa(s.Number)
	case "activity":
		return s.Activity
	case "requirements":
		return s.Requirements
	case "time":
		return s.Time
	case "output":
		return s.Output
	case "note":
		return s.Note
	}
	return ""
}

// naturalWidths returns the width of the widest unwrapped line of key's
// cells, of its widest word, and of its widest word that should not be
// hyphenated: an abbreviation in capitals, or a word of at most six
// characters.
func naturalWidths(p *flow.Procedure, key string) (line, word, whole float64) {
	f := render.FontFace(false)
	for _, s := range p.Steps {
		txt := stepText(s, key)
		for l := range strings.SplitSeq(txt, "\n") { // render.SplitLines, without the slice
			line = math.Max(line, f.Width(strings.TrimSuffix(l, "\r"), BodySize))
		}
		for _, tk := range render.Words(txt) {
			w := f.Width(tk, BodySize)
			word = math.Max(word, w)
			if utf8.RuneCountInString(tk) <= 6 || strings.ToUpper(tk) == tk {
				whole = math.Max(whole, w)
			}
		}
	}
	return line, word, whole
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

func newTable(p *flow.Procedure, labels render.Labels, avail float64) *table {
	t := &table{p: p, labels: labels}
	n := len(p.Actors)
	bold := render.FontFace(true)

	noW := math.Max(8*render.Mm, math.Max(bold.Width(labels["no"], HeaderSize), render.FontFace(false).Width(strconv.Itoa(len(p.Steps)), BodySize))+2*cellPadX)
	got := t.columnWidths(avail - noW)
	activityW, actW := got[0], got[1:n+1]
	reqW, timeW, outW, noteW := got[n+1], got[n+2], got[n+3], got[n+4]

	x := 0.0
	add := func(key, actor string, w float64) {
		t.cols = append(t.cols, render.Column{Key: key, Actor: actor, X: x, Width: w})
		x += w
	}
	add("no", "", noW)
	add("activity", "", activityW)
	t.actor0 = len(t.cols)
	for a, actor := range p.Actors {
		add("actor", actor.Name, actW[a])
	}
	add("requirements", "", reqW)
	add("time", "", timeW)
	add("output", "", outW)
	add("note", "", noteW)
	t.width = x
	// One box size for the whole document, from the narrowest column.
	narrow := actW[0]
	for _, w := range actW {
		narrow = math.Min(narrow, w)
	}
	for range p.Actors {
		t.symW = append(t.symW, symbolWidth(narrow))
	}
	// Terminators: capsules, never circles, one size for Mulai and
	// Selesai, wide enough for the longer word as far as the narrowest
	// column leaves room for channels beside them.
	f := render.FontFace(false)
	tw := math.Max(f.Width(labels["start"], LabelSize), f.Width(labels["end"], LabelSize)) + 10
	tw = math.Max(boxH+8, 2*math.Ceil(tw/2))
	t.termW = math.Max(boxH+8, math.Max(t.symW[0], math.Min(tw, 2*math.Floor((narrow-16)/2))))

	t.besideCol(0) // counts the loops back, before pages are built in parallel
	t.measureHeader()
	t.measureRows()
	return t
}

// crowding is the number of levels of narrower minimum widths that a
// table goes through before its page must widen.
const crowding = 6

// colWant is what a column needs: its least width at each level of
// crowding (not increasing), and the width it prefers on a roomy page.
type colWant struct {
	levels [crowding]float64
	pref   float64
}

// columnWidths returns the widths of KEGIATAN, the actor columns, the
// MUTU BAKU columns and KET., in that order, for a table of width avail
// (without NO).
//
// Each column has a least width at each level of crowding: at level 0 the
// practice widths of SOP-AP.md, an actor's header in at most 4 lines and a
// decision's exit labels in at most two; at the next levels the decisions'
// columns give up their labels' comfort, then KEGIATAN and MUTU BAKU take
// compact widths, then the headers may take more lines and the text
// columns get narrow. The table takes the first level that fits the page,
// easing toward the level before it as far as the room allows. A roomy page
// (level 0) shares the rest: the text columns where it lowers the rows most,
// the actors toward their preferred widths, and KEGIATAN up to 90 mm. Only
// a table that does not fit at the last level widens its page.
func (t *table) columnWidths(avail float64) []float64 {
	p, labels := t.p, t.labels
	n := len(p.Actors)
	bold := render.FontFace(true)
	mm := func(v ...float64) (l [crowding]float64) {
		for i := range l {
			l[i] = v[min(i, len(v)-1)] * render.Mm
		}
		return l
	}
	ws := make([]colWant, 0, n+5)
	ws = append(ws, colWant{mm(45, 45, 45, 35, 32, 30), 65 * render.Mm}) // KEGIATAN
	for a, actor := range p.Actors {
		hdr := func(lines int, size float64) float64 { return headerWidth(actor.Name, size, lines) + 2*cellPadX }
		w := colWant{pref: math.Max(actorPrefW, hdr(3, ActorSize))}
		l0 := math.Max(actorMinW, hdr(4, ActorSize))
		// From level 2 a long title may turn to read bottom to top.
		turned := math.Max(actorMinW, math.Min(l0, 16*render.Mm))
		w.levels = [crowding]float64{l0, l0, turned, turned, turned, 14 * render.Mm}
		if need := t.decisionWidth(a); need > 0 {
			// Room for its exit labels beside a diamond: in at most two
			// lines; on a crowded page for a short word ("Tidak") a side.
			low := math.Min(need, diamondW+2*(labelGap+labelMinW+2))
			// At the last level, room for a syllable of a label and its
			// hyphen: never less, since a label that cannot stand beside
			// its exit is worse than a page wider than the paper.
			w.levels[0] = math.Max(w.levels[0], need)
			for l := 1; l < crowding-1; l++ {
				w.levels[l] = math.Max(w.levels[l], low)
			}
			w.levels[crowding-1] = math.Max(w.levels[crowding-1], math.Min(low, diamondW+2*(labelGap+13+1.5)))
			w.pref = math.Max(w.pref, need)
		}
		ws = append(ws, w)
	}
	mutu := func(key string, lv [crowding]float64, hi float64) colWant {
		line, word, whole := naturalWidths(p, key)
		// No level narrower than a short word or an abbreviation, nor
		// than a header word of at most six letters (WAKTU, OUTPUT).
		for _, tk := range render.Words(labels[key]) {
			if utf8.RuneCountInString(tk) <= 6 {
				whole = math.Max(whole, bold.Width(tk, ActorSize))
			}
		}
		for l := range lv {
			lv[l] = math.Max(lv[l], math.Min(whole+2*cellPadX+1, lv[0]))
		}
		label := labels[key]
		if short, ok := headerShort[label]; ok {
			label = short
		}
		if line == 0 {
			// Blank in every step: as narrow as its header, hyphenated
			// at the last levels.
			b := math.Min(math.Ceil(bold.Width(label, blankHeaderSize)+2*cellPadX+1), blankMaxW)
			return colWant{[crowding]float64{b, b, b, b, math.Min(b, 14*render.Mm), math.Min(b, 10*render.Mm)}, b}
		}
		head := bold.Width(label, HeaderSize-1) + 2*cellPadX + 1
		line = math.Max(line+2*cellPadX+1, head)
		return colWant{lv, math.Max(clamp(line, lv[0], hi), math.Min(word+2*cellPadX+1, hi*1.4))}
	}
	ws = append(ws,
		mutu("requirements", mm(22, 22, 22, 18, 15, 12), 32*render.Mm),
		mutu("time", mm(14, 14, 14, 12, 11, 10), 18*render.Mm),
		mutu("output", mm(20, 20, 20, 16, 14, 12), 30*render.Mm),
		mutu("note", mm(20, 20, 20, 16, 13, 10), 24*render.Mm),
	)

	sum := func(level int) float64 {
		s := 0.0
		for _, w := range ws {
			s += w.levels[level]
		}
		return s
	}
	got := make([]float64, len(ws))
	level := 0
	for level < crowding-1 && sum(level) > avail {
		level++
	}
	for i, w := range ws {
		got[i] = w.levels[level]
	}
	if level > 0 {
		// The room left goes first to text columns where it saves a line
		// (up to their preferred widths: their text sets the rows' heights
		// and so the pages), then eases the others toward the level
		// before.
		n := len(p.Actors)
		caps := []float64{ws[0].pref, 0, ws[n+1].pref, ws[n+2].pref, ws[n+3].pref, ws[n+4].pref}
		text := []float64{got[0], 0, got[n+1], got[n+2], got[n+3], got[n+4]}
		rest := t.shareText(text, caps, avail-sum(level), BodySize*render.Leading)
		got[0], got[n+1], got[n+2], got[n+3], got[n+4] = text[0], text[2], text[3], text[4], text[5]
		want := 0.0
		for i, w := range ws {
			want += w.levels[level-1] - got[i]
		}
		if f := rest / want; f > 0 && want > 0 {
			f = math.Min(f, 1)
			for i, w := range ws {
				got[i] += f * (w.levels[level-1] - got[i])
			}
		}
	} else {
		t.shareRoom(ws, got, avail-sum(0))
	}
	for i := 1; i <= n; i++ {
		got[i] = math.Floor(got[i]*2) / 2
	}
	return got
}

// shareRoom gives rest more width to the columns ws of got (all at their
// least width): the text columns where it shortens the rows most (the
// rows' heights decide the number of pages); the actors toward their
// preferred widths; what is left widens KEGIATAN up to 90 mm, then the
// actors evenly.
func (t *table) shareRoom(ws []colWant, got []float64, rest float64) {
	n := len(t.p.Actors)
	// Text widths that save three lines somewhere come first, then the
	// actors' room (their headers and channels), then widths that save a
	// line.
	text := []float64{got[0], 0, got[n+1], got[n+2], got[n+3], got[n+4]}
	caps := []float64{100 * render.Mm, 0, 48 * render.Mm, 27 * render.Mm, 45 * render.Mm, 36 * render.Mm}
	rest = t.shareText(text, caps, rest, 3*BodySize*render.Leading)
	want := 0.0
	for a := 1; a <= n; a++ {
		want += ws[a].pref - got[a]
	}
	if want > 0 && rest > 0 {
		f := math.Min(1, rest/want)
		for a := 1; a <= n; a++ {
			got[a] += f * (ws[a].pref - got[a])
		}
		rest -= f * want
	}
	rest = t.shareText(text, caps, rest, BodySize*render.Leading)
	if rest > 0 {
		add := math.Min(rest, math.Max(0, 90*render.Mm-text[0]))
		text[0] += add
		for a := 1; a <= n; a++ {
			got[a] += (rest - add) / float64(n)
		}
	}
	got[0], got[n+1], got[n+2], got[n+3], got[n+4] = text[0], text[2], text[3], text[4], text[5]
}

// shareText gives the text columns of got (KEGIATAN at 0, the MUTU BAKU
// and KET. columns from 2) up to rest more width, in steps of 2 mm, each
// step to the column where it lowers the table's estimated height most, by
// at least minGain, none past its cap nor to a blank column; it returns
// what is left.
func (t *table) shareText(got, caps []float64, rest, minGain float64) float64 {
	keys := []string{"activity", "", "requirements", "time", "output", "note"}
	f := render.FontFace(false)
	// Per step and column: the widths of the text's paragraphs.
	n := len(t.p.Steps)
	paras := make([][][]float64, n)
	base := make([]float64, n) // the least height of each row: its symbol
	// One backing array for all the widths, and one for the lists.
	total := 0
	for _, s := range t.p.Steps {
		for _, key := range keys {
			if key != "" {
				total += strings.Count(stepText(s, key), "\n") + 1
			}
		}
	}
	widths := make([]float64, 0, total)
	lists := make([][]float64, n*len(keys))
	for i, s := range t.p.Steps {
		paras[i] = lists[i*len(keys) : (i+1)*len(keys) : (i+1)*len(keys)]
		for k, key := range keys {
			if key == "" {
				continue
			}
			start := len(widths)
			for l := range strings.SplitSeq(stepText(s, key), "\n") { // render.SplitLines
				widths = append(widths, f.Width(strings.TrimSuffix(l, "\r"), BodySize))
			}
			paras[i][k] = widths[start:len(widths):len(widths)]
		}
		base[i] = boxH + 2*clearance
		if s.Kind == flow.Decision {
			base[i] = diamondW + 2*clearance
		}
	}
	lines := func(i, k int, w float64) int {
		room := w - 2*cellPadX
		c := 0
		for _, pw := range paras[i][k] {
			c += max(1, int(math.Ceil(pw*1.06/room)))
		}
		return c
	}
	lh := BodySize * render.Leading
	height := func(i int) float64 {
		m := 0
		for k := range keys {
			if keys[k] != "" {
				m = max(m, lines(i, k, got[k]))
			}
		}
		return math.Max(base[i], float64(m)*lh+2*cellPadY)
	}
	var blank [6]bool
	for k, key := range keys {
		blank[k] = key != "" && naturalBlank(t.p, key)
	}
	// A step must lower the table by at least minGain; below that, the
	// actors' columns have the better use for the room.
	const step = 2 * render.Mm
	for rest >= step {
		bestK, bestGain := -1, 0.0
		for k := range keys {
			if keys[k] == "" || got[k]+step > caps[k] || blank[k] {
				continue
			}
			gain := 0.0
			for i := 0; i < n; i++ {
				if len(paras[i][k]) == 0 {
					continue
				}
				h0 := height(i)
				got[k] += step
				gain += h0 - height(i)
				got[k] -= step
			}
			if gain > bestGain+0.01 && gain >= minGain {
				bestK, bestGain = k, gain
			}
		}
		if bestK < 0 {
			break
		}
		got[bestK] += step
		rest -= step
	}
	return rest
}

// naturalBlank reports whether key's cells are blank in every step.
func naturalBlank(p *flow.Procedure, key string) bool {
	for _, s := range p.Steps {
		if strings.TrimSpace(stepText(s, key)) != "" {
			return false
		}
	}
	return true
}

// Actor column widths, in points.
const (
	actorMinW  = 18 * render.Mm
	actorPrefW = 30 * render.Mm
	// blankHeaderSize is the header size a blank MUTU BAKU or KETERANGAN
	// column is measured at.
	blankHeaderSize = 8.0
	blankMaxW       = 20.5 * render.Mm // a wider header word is hyphenated
	labelGap        = 2.5              // between a decision's exit line and its label
	labelMinW       = 26.0             // "Tidak", "Benar", "Sesuai" at LabelSize
)

// maxHeaderLines is the most lines an actor's title takes across its
// column; a longer one turns (see measureHeader).
const maxHeaderLines = 4

// headerWidth returns the narrowest width at which s wraps into at most
// lines lines at size (bold), never less than its longest word.
func headerWidth(s string, size float64, lines int) float64 {
	f := render.FontFace(true)
	lo := 0.0
	for _, tk := range render.Words(s) {
		lo = math.Max(lo, f.Width(tk, size))
	}
	hi := math.Max(lo, f.Width(s, size)) + 1
	if len(f.Wrap(s, size, lo)) <= lines {
		return lo
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if len(f.Wrap(s, size, mid)) <= lines {
			hi = mid
		} else {
			lo = mid
		}
	}
	return math.Ceil(hi)
}

// decisionWidth returns the width actor a's column needs for the exit
// labels of its decisions beside a diamond: a label wrapped into at most
// two lines on each side of it. It is 0 for an actor without decisions.
func (t *table) decisionWidth(a int) float64 {
	need := 0.0
	for _, s := range t.p.Steps {
		if s.Kind != flow.Decision || s.Primary() != a {
			continue
		}
		for _, l := range s.Out {
			w := labelWidth(l.Label)
			need = math.Max(need, diamondW+2*(labelGap+w+2))
		}
	}
	return math.Min(need, 36*render.Mm)
}

// labelWidth is the width of an exit label wrapped into at most two lines.
func labelWidth(s string) float64 {
	f := render.FontFace(false)
	best := f.Width(s, LabelSize)
	words := strings.Fields(s)
	for i := 1; i < len(words); i++ {
		a := f.Width(strings.Join(words[:i], " "), LabelSize)
		b := f.Width(strings.Join(words[i:], " "), LabelSize)
		best = math.Min(best, math.Max(a, b))
	}
	return best
}

// headerShort holds the abbreviations that a header label too wide for its
// column prints instead of shrinking.
var headerShort = map[string]string{"KETERANGAN": "KET."}

// minHeaderSize is the smallest size a header label shrinks to before its
// words break.
const minHeaderSize = 8.0

// fitLabel picks the largest size from max down to minHeaderSize at which
// every word of s fits in w, and wraps s at that size.
func fitLabel(s string, w, max float64) (float64, []string) {
	f := render.FontFace(true)
	size := max
	for ; size > minHeaderSize; size -= 0.5 {
		ok := true
		for _, tk := range render.Words(s) {
			if f.Width(tk, size) > w {
				ok = false
				break
			}
		}
		if ok {
			break
		}
	}
	return size, f.Wrap(s, size, w)
}

func linesHeight(n int, size float64) float64 { return float64(n) * size * render.Leading }

func (t *table) measureHeader() {
	n := len(t.p.Actors)
	lab := t.labels
	// Second header row: actors and the mutu baku columns, at one size.
	var row2 []headCell
	h2 := 0.0
	group := func(keys []int, texts []string, size float64) {
		// At its size: a word too wide for its column is hyphenated
		// rather than the whole row shrunk.
		for k, ci := range keys {
			c := t.cols[ci]
			lines := render.FontFace(true).Wrap(texts[k], size, c.Width-2*cellPadX)
			if c.Key == "actor" && len(lines) > maxHeaderLines {
				// Too many lines across a narrow column: the title turns
				// to read bottom to top, in as few lines as fit across.
				across := min(int((c.Width-2*cellPadX)/(size*render.Leading)), 3)
				if across >= 1 {
					long := headerWidth(texts[k], size, across)
					lines = render.FontFace(true).Wrap(texts[k], size, long)
					h2 = math.Max(h2, long+2*cellPadY)
					row2 = append(row2, headCell{x: c.X, w: c.Width, size: size, lines: lines, rotate: true})
					continue
				}
			}
			h2 = math.Max(h2, linesHeight(len(lines), size)+2*cellPadY)
			row2 = append(row2, headCell{x: c.X, w: c.Width, size: size, lines: lines})
		}
	}
	var actorCols, mutuCols []int
	var actorText, mutuText []string
	for i, c := range t.cols {
		switch c.Key {
		case "actor":
			actorCols, actorText = append(actorCols, i), append(actorText, c.Actor)
		case "requirements", "time", "output":
			mutuCols, mutuText = append(mutuCols, i), append(mutuText, lab[c.Key])
		}
	}
	// One size for the whole second row.
	group(append(actorCols, mutuCols...), append(actorText, mutuText...), ActorSize)
	// First header row: the spanning labels.
	a0, a1 := t.cols[t.actor0], t.cols[t.actor0+n-1]
	m0, m1 := t.cols[t.actor0+n], t.cols[t.actor0+n+2]
	span := []headCell{
		{x: a0.X, w: a1.X + a1.Width - a0.X, lines: []string{lab["actors"]}},
		{x: m0.X, w: m1.X + m1.Width - m0.X, lines: []string{lab["standard"]}},
	}
	// The first level (the spanning labels and the columns that span both
	// rows) prints at one size too, the largest at which all fit.
	var fullKeys, fullText []string
	for _, key := range []string{"no", "activity", "note"} {
		c := t.cols[t.colIndex(key)]
		label := lab[key]
		if short, ok := headerShort[label]; ok {
			if sz, _ := fitLabel(label, c.Width-2*cellPadX, HeaderSize); sz < HeaderSize-1.5 {
				label = short // as the standard's own table prints it
			}
		}
		fullKeys, fullText = append(fullKeys, key), append(fullText, label)
	}
	size1 := HeaderSize
	for i := range span {
		sz, _ := fitLabel(span[i].lines[0], span[i].w-2*cellPadX, HeaderSize)
		size1 = math.Min(size1, sz)
	}
	for k, key := range fullKeys {
		sz, _ := fitLabel(fullText[k], t.cols[t.colIndex(key)].Width-2*cellPadX, HeaderSize)
		size1 = math.Min(size1, sz)
	}
	bold := render.FontFace(true)
	h1 := 0.0
	for i := range span {
		span[i].size = size1
		span[i].lines = bold.Wrap(span[i].lines[0], size1, span[i].w-2*cellPadX)
		h1 = math.Max(h1, linesHeight(len(span[i].lines), size1)+2*cellPadY)
	}
	// Columns that span both rows.
	var full []headCell
	for k, key := range fullKeys {
		c := t.cols[t.colIndex(key)]
		lines := bold.Wrap(fullText[k], size1, c.Width-2*cellPadX)
		full = append(full, headCell{x: c.X, w: c.Width, size: size1, lines: lines})
		if need := linesHeight(len(lines), size1) + 2*cellPadY; need > h1+h2 {
			h2 = need - h1
		}
	}
	for i := range span {
		span[i].h = h1
	}
	for i := range row2 {
		row2[i].y, row2[i].h = h1, h2
	}
	for i := range full {
		full[i].h = h1 + h2
	}
	t.head1 = h1
	t.header = h1 + h2
	t.heads = append(append(full, span...), row2...)
}

func (t *table) measureRows() {
	t.cells = make([][]cellText, len(t.p.Steps))
	t.heights = make([]float64, len(t.p.Steps))
	t.sizes = make([]float64, len(t.p.Steps))
	for i := range t.p.Steps {
		t.measureRow(i, BodySize)
	}
}

// measureRow wraps step i's cells at size and sets its row height.
func (t *table) measureRow(i int, size float64) {
	f := render.FontFace(false)
	s := t.p.Steps[i]
	rowH := t.symbolRowH(i)
	if t.cells[i] == nil {
		t.cells[i] = make([]cellText, 0, len(textKeys))
	}
	t.cells[i] = t.cells[i][:0]
	for _, key := range textKeys {
		ci := t.colIndex(key)
		txt := stepText(s, key)
		var lines []string
		if txt != "" {
			lines = f.Wrap(txt, size, t.cols[ci].Width-2*cellPadX)
		}
		t.cells[i] = append(t.cells[i], cellText{key: key, col: ci, lines: lines})
		rowH = math.Max(rowH, linesHeight(len(lines), size)+2*cellPadY)
	}
	t.heights[i] = math.Ceil(rowH)
	t.sizes[i] = size
}

// MinTextSize is the smallest text size of a table: cell text is always
// BodySize, and a row taller than a page continues on the next one.
const MinTextSize = 8.0

// rowPart is one row of a page: a step's row, or a part of it when the row is
// taller than a page and continues on the next one. Its cells print lines
// [lo, hi) of the step's wrapped text.
type rowPart struct {
	step, part int
	lo, hi     int
	h          float64
}

// units returns the table's rows, each step's row cut into parts of at
// most maxH (none when maxH <= 0).
func (t *table) units(maxH float64) []rowPart {
	lh := BodySize * render.Leading
	per := int((maxH - 2*cellPadY) / lh)
	var us []rowPart
	for i := range t.p.Steps {
		n := 0
		for _, c := range t.cells[i] {
			n = max(n, len(c.lines))
		}
		if maxH <= 0 || t.heights[i] <= maxH || per < 1 {
			us = append(us, rowPart{step: i, lo: 0, hi: n, h: t.heights[i]})
			continue
		}
		for k := 0; k*per < n; k++ {
			lo, hi := k*per, min(n, (k+1)*per)
			h := math.Ceil(float64(hi-lo)*lh + 2*cellPadY)
			if k == 0 {
				h = math.Max(h, t.symbolRowH(i))
			}
			us = append(us, rowPart{step: i, part: k, lo: lo, hi: hi, h: h})
		}
	}
	return us
}

// symbolRowH is the least height of step i's row: its symbol and the room
// for connectors above and below.
func (t *table) symbolRowH(i int) float64 {
	s := t.p.Steps[i]
	if s.Kind != flow.Decision {
		return boxH + 2*clearance
	}
	// Below the diamond, room for an exit label beside the line that
	// leaves its bottom vertex, wrapped to half the column.
	c := t.cols[t.actor0+s.Primary()]
	room := c.Width/2 - labelGap - 1.5
	below := clearance
	f := render.FontFace(false)
	// Beside a side vertex, room for a label above or below the line.
	side := (c.Width-diamondW)/2 - 2.5
	half := diamondW/2 + clearance
	for _, l := range s.Out {
		label := l.Label
		n := len(f.Wrap(label, LabelSize, room))
		below = math.Max(below, float64(n)*LabelSize*render.Leading+3)
		n = len(f.Wrap(label, LabelSize, side))
		half = math.Max(half, float64(n)*LabelSize*render.Leading+labelGap+2)
	}
	return math.Max(diamondW+2*below, 2*half)
}

// symbolWidth is the width of a box in an actor column of width w: at most
// boxW, leaving gutters for channels on both sides, and an even number of
// points so that its centre falls on a whole point.
func symbolWidth(w float64) float64 {
	g := math.Max(gutterMin, 0.18*w)
	return 2 * math.Floor(clamp(w-2*g, 24, boxW)/2)
}
