package render

import (
	"fmt"
	"math"
	"strconv"

	"github.com/sopflow/sopflow/flow"
)

// Mm is one millimetre in points.
const Mm = 72 / 25.4

// Sizes of the table, in points.
const (
	BodySize   = 9.0  // cell text
	HeaderSize = 10.0 // header labels, bold
	ActorSize  = 9.0  // actor names in the header, bold
	LabelSize  = 8.0  // decision exit labels and symbol text
	TitleSize  = 12.0 // the PROSEDUR line
	Leading    = 1.15 // line height, in em

	cellPadX = 3.0
	cellPadY = 3.0

	ruleOuter = 1.0 // the table's frame
	ruleInner = 0.5 // cell borders

	boxW      = 50.0 // process and terminator width (at most; about 18 mm)
	boxH      = 26.0 // about 9 mm
	diamondW  = 34.0 // about 12 mm
	offW      = 26.0 // about 9 mm
	offH      = 32.0 // about 11 mm
	clearance = 12.0 // above and below a symbol, room for connectors
	gutterMin = 10.0 // between a box and its column border, for channels
)

// Paper is a sheet size in points, portrait (Width < Height).
type Paper struct {
	Name          string
	Width, Height float64
}

// The paper sizes.
var (
	A4     = Paper{"a4", 595.28, 841.89}
	F4     = Paper{"f4", 215 * Mm, 330 * Mm} // Folio
	Letter = Paper{"letter", 612, 792}
	Legal  = Paper{"legal", 612, 1008}
)

// PaperSize returns the paper called name (a4, f4, letter, legal).
func PaperSize(name string) (Paper, bool) {
	for _, p := range []Paper{A4, F4, Letter, Legal} {
		if p.Name == name {
			return p, true
		}
	}
	return Paper{}, false
}

// LayoutOptions sets how a procedure is laid out. The zero value works: A4
// landscape pages with 10 mm margins, the identity page first, Indonesian
// labels of the permenpan35 profile.
type LayoutOptions struct {
	Paper    Paper   // default: A4
	Portrait bool    // default: landscape
	Margin   float64 // in mm; default: 10
	// Tall lays the whole table out as one page as tall as it needs, with
	// no identity page and no page breaks.
	Tall       bool
	NoIdentity bool // leave out the identity page
	// Labels are the printed labels; nil means NewLabels(Permenpan35, "id",
	// p.Labels).
	Labels Labels
	// Logo is the logo image (PNG or JPEG) for the identity page; nil
	// draws no logo.
	Logo []byte
	// QuickRouting skips the pass that redraws crossing flows together:
	// about twice as fast on large procedures, with about a tenth more
	// crossings. For previews; the default draws the better picture.
	QuickRouting bool
}

// Layout lays out p as a Diagram. It does not modify p. It calls
// p.Validate first and returns its error (a flow.ErrorList) for a
// procedure that Parse would not return.
func Layout(p *flow.Procedure, opt LayoutOptions) (*Diagram, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	labels := opt.Labels
	if labels == nil {
		var err error
		if labels, err = NewLabels(Permenpan35, "id", p.Labels); err != nil {
			return nil, err
		}
	}
	paper := opt.Paper
	if paper.Width <= 0 || paper.Height <= 0 {
		paper = A4
	}
	pageW, pageH := paper.Height, paper.Width
	if opt.Portrait {
		pageW, pageH = paper.Width, paper.Height
	}
	margin := 10 * Mm
	if opt.Margin > 0 {
		margin = opt.Margin * Mm
	}
	if 2*margin > pageW/3 || 2*margin > pageH/3 {
		return nil, fmt.Errorf("layout: %w: margin %.4g mm is too wide for a %.0f x %.0f mm page", ErrMarginTooWide, margin/Mm, pageW/Mm, pageH/Mm)
	}
	d := &Diagram{
		Unit:  "pt",
		Title: p.Name,
		Desc:  fmt.Sprintf("SOP %s: %d steps, %d actors", p.Name, len(p.Steps), len(p.Actors)),
	}
	t := newTable(p, labels, pageW-2*margin)
	t.quick = opt.QuickRouting
	// A table wider than the paper widens the page (see the README).
	if t.width+2*margin > pageW+0.5 {
		pageW = math.Ceil(t.width + 2*margin)
	}

	if opt.Tall {
		rows := make([]int, len(p.Steps))
		for i := range rows {
			rows[i] = i
		}
		pg := t.page(1, margin, margin, pageW, rows, nil, nil)
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
	labels  Labels
	width   float64
	cols    []Column // no, activity, actors..., requirements, time, output, note
	actor0  int      // index of the first actor column in cols
	symW    []float64
	header  float64 // height of the two header rows
	head1   float64 // height of the first header row
	heads   []headCell
	cells   [][]cellText // per step, per text column
	heights []float64    // per step
	sizes   []float64    // per step: the text size of its cells
	quick   bool         // LayoutOptions.QuickRouting
}

type headCell struct {
	x, y, w, h float64
	size       float64
	lines      []string
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

// naturalWidth returns the width of the widest unwrapped line of key's
// cells, and of its widest word.
func naturalWidth(p *flow.Procedure, key string) (line, word float64) {
	f := FontFace(false)
	for _, s := range p.Steps {
		txt := stepText(s, key)
		for _, l := range splitLines(txt) {
			line = math.Max(line, f.Width(l, BodySize))
		}
		for _, tk := range tokens(txt) {
			word = math.Max(word, f.Width(tk.word, BodySize))
		}
	}
	return line, word
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

func newTable(p *flow.Procedure, labels Labels, avail float64) *table {
	t := &table{p: p, labels: labels}
	n := len(p.Actors)
	bold := FontFace(true)

	// Each column has a minimum and a preferred width (the practice widths
	// of SOP-AP.md, or less when its content is short). Start from the
	// minimums and share the rest of the page toward the preferred widths,
	// then give what is left to KEGIATAN and the actors.
	noW := math.Max(8*Mm, math.Max(bold.Width(labels["no"], HeaderSize), FontFace(false).Width(strconv.Itoa(len(p.Steps)), BodySize))+2*cellPadX)
	type want struct{ min, pref float64 }
	mutu := func(key string, lo, hi float64) want {
		line, word := naturalWidth(p, key)
		head := bold.Width(labels[key], HeaderSize-1) + 2*cellPadX + 1
		line = math.Max(line+2*cellPadX+1, head)
		return want{lo, math.Max(clamp(line, lo, hi), math.Min(word+2*cellPadX+1, hi*1.4))}
	}
	actMin, actPref := 18*Mm, 28*Mm
	for _, a := range p.Actors {
		// A long single word in an actor's name widens its column a little
		// rather than break.
		for _, tk := range tokens(a.Name) {
			actPref = math.Max(actPref, math.Min(bold.Width(tk.word, ActorSize)+2*cellPadX, 34*Mm))
		}
	}
	ws := []want{
		{45 * Mm, 65 * Mm},                          // activity
		{actMin * float64(n), actPref * float64(n)}, // all actors
		mutu("requirements", 22*Mm, 32*Mm),
		mutu("time", 14*Mm, 18*Mm),
		mutu("output", 20*Mm, 30*Mm),
		mutu("note", 20*Mm, 24*Mm),
	}
	rest := avail - noW
	for _, w := range ws {
		rest -= w.min
	}
	if rest < 0 {
		// Many actors: narrower minimums (a 14 mm actor column still holds
		// a box with a channel on each side) before the page must widen.
		compact := []float64{35 * Mm, 14 * Mm * float64(n), 18 * Mm, 12 * Mm, 16 * Mm, 16 * Mm}
		rest = avail - noW
		for i := range ws {
			ws[i].min = math.Min(ws[i].min, compact[i])
			rest -= ws[i].min
		}
	}
	room := 0.0
	for _, w := range ws {
		room += w.pref - w.min
	}
	got := make([]float64, len(ws))
	for i, w := range ws {
		switch {
		case rest <= 0:
			got[i] = w.min // too narrow a page: the table overflows it
		case rest < room:
			got[i] = w.min + (w.pref-w.min)*rest/room
		default:
			got[i] = w.pref
		}
	}
	if extra := rest - room; extra > 0 {
		// A wide page: KEGIATAN up to 90 mm, then the actors.
		add := math.Min(extra, 90*Mm-got[0])
		got[0] += add
		got[1] += extra - add
	}
	activityW, actW := got[0], got[1]/float64(n)
	reqW, timeW, outW, noteW := got[2], got[3], got[4], got[5]

	x := 0.0
	add := func(key, actor string, w float64) {
		t.cols = append(t.cols, Column{Key: key, Actor: actor, X: x, Width: w})
		x += w
	}
	add("no", "", noW)
	add("activity", "", activityW)
	t.actor0 = len(t.cols)
	for _, a := range p.Actors {
		add("actor", a.Name, actW)
	}
	add("requirements", "", reqW)
	add("time", "", timeW)
	add("output", "", outW)
	add("note", "", noteW)
	t.width = x
	for range p.Actors {
		t.symW = append(t.symW, symbolWidth(actW))
	}

	t.measureHeader()
	t.measureRows()
	return t
}

// headerShort holds the abbreviations that a header label too wide for its
// column prints instead of shrinking.
var headerShort = map[string]string{"KETERANGAN": "KET."}

// minHeaderSize is the smallest size a header label shrinks to before its
// words break.
const minHeaderSize = 5.5

// fitLabel picks the largest size from max down to minHeaderSize at which
// every word of s fits in w, and wraps s at that size.
func fitLabel(s string, w, max float64) (float64, []string) {
	f := FontFace(true)
	size := max
	for ; size > minHeaderSize; size -= 0.5 {
		ok := true
		for _, tk := range tokens(s) {
			if f.Width(tk.word, size) > w {
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

func linesHeight(n int, size float64) float64 { return float64(n) * size * Leading }

func (t *table) measureHeader() {
	n := len(t.p.Actors)
	lab := t.labels
	// Second header row: actors and the mutu baku columns. Each group
	// prints at one size, the largest at which all its labels fit.
	var row2 []headCell
	h2 := 0.0
	group := func(keys []int, texts []string, max float64) {
		size := max
		for k, ci := range keys {
			sz, _ := fitLabel(texts[k], t.cols[ci].Width-2*cellPadX, max)
			size = math.Min(size, sz)
		}
		for k, ci := range keys {
			c := t.cols[ci]
			lines := FontFace(true).Wrap(texts[k], size, c.Width-2*cellPadX)
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
	group(actorCols, actorText, ActorSize)
	group(mutuCols, mutuText, HeaderSize)
	// First header row: the spanning labels.
	a0, a1 := t.cols[t.actor0], t.cols[t.actor0+n-1]
	m0, m1 := t.cols[t.actor0+n], t.cols[t.actor0+n+2]
	span := []headCell{
		{x: a0.X, w: a1.X + a1.Width - a0.X, lines: []string{lab["actors"]}},
		{x: m0.X, w: m1.X + m1.Width - m0.X, lines: []string{lab["standard"]}},
	}
	h1 := 0.0
	for i := range span {
		sz, lines := fitLabel(span[i].lines[0], span[i].w-2*cellPadX, HeaderSize)
		span[i].size, span[i].lines = sz, lines
		h1 = math.Max(h1, linesHeight(len(lines), sz)+2*cellPadY)
	}
	// Columns that span both rows.
	var full []headCell
	for _, key := range []string{"no", "activity", "note"} {
		c := t.cols[t.colIndex(key)]
		label := lab[key]
		if short, ok := headerShort[label]; ok {
			if sz, _ := fitLabel(label, c.Width-2*cellPadX, HeaderSize); sz < HeaderSize-1.5 {
				label = short // as the standard's own table prints it
			}
		}
		sz, lines := fitLabel(label, c.Width-2*cellPadX, HeaderSize)
		full = append(full, headCell{x: c.X, w: c.Width, size: sz, lines: lines})
		if need := linesHeight(len(lines), sz) + 2*cellPadY; need > h1+h2 {
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
	f := FontFace(false)
	s := t.p.Steps[i]
	h := boxH
	if s.Kind == flow.Decision {
		h = diamondW
	}
	rowH := h + 2*clearance
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

// MinTextSize is the smallest size a row's text shrinks to so that the row
// fits on a page.
const MinTextSize = 5.0

// fitRows shrinks the text of rows taller than maxH, in half points down to
// MinTextSize. A row that still does not fit is left taller than a page; its
// page grows to hold it.
func (t *table) fitRows(maxH float64) {
	for i := range t.p.Steps {
		for size := BodySize - 0.5; t.heights[i] > maxH && size >= MinTextSize; size -= 0.5 {
			t.measureRow(i, size)
		}
	}
}

// symbolWidth is the width of a box in an actor column of width w: at most
// boxW, leaving gutters for channels on both sides, and an even number of
// points so that its centre falls on a whole point.
func symbolWidth(w float64) float64 {
	g := math.Max(gutterMin, 0.18*w)
	return 2 * math.Floor(clamp(w-2*g, 24, boxW)/2)
}
