package book

import (
	"strconv"
	"strings"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
)

// This file draws the book's own pages: the cover, the decree page and the
// table of contents, as render.Pages.

// words are the book's own printed words, by language.
var words = map[string]map[string]string{
	"id": {
		"title": "STANDAR OPERASIONAL PROSEDUR", "toc": "DAFTAR ISI",
		"no": "NO.", "number": "NOMOR SOP", "name": "NAMA SOP", "page": "HAL.",
		"appendix": "LAMPIRAN", "decree_number": "NOMOR", "decree_date": "TANGGAL", "about": "TENTANG",
		"nip": "NIP.", "year": "TAHUN", "continued": "(lanjutan)", "signature": "PENGESAHAN",
	},
	"en": {
		"title": "STANDARD OPERATING PROCEDURES", "toc": "TABLE OF CONTENTS",
		"no": "NO.", "number": "SOP NUMBER", "name": "SOP NAME", "page": "PAGE",
		"appendix": "APPENDIX TO THE", "decree_number": "NUMBER", "decree_date": "DATE", "about": "ON",
		"nip": "NIP.", "year": "", "continued": "(continued)", "signature": "SIGNATURE",
	},
}

// Text sizes of the book's pages, in points.
const (
	coverTitleSize = 24.0
	coverSize      = 14.0
	decreeSize     = 10.0
	tocTitleSize   = 14.0
	tocSize        = 10.0
	folioSize      = 9.0
)

// sheet is a page being drawn, with the drawing methods of the book's pages.
type sheet struct {
	render.Page
}

func newSheet(w, h, m float64, kind render.PageKind) *sheet {
	return &sheet{Page: render.Page{Kind: kind, Width: w, Height: h, Margin: m}}
}

// line draws one line of text with its baseline at y.
func (s *sheet) line(x, y, size float64, bold bool, anchor render.Anchor, class, text string) {
	if text == "" {
		return
	}
	s.Texts = append(s.Texts, render.Text{X: round2(x), Y: round2(y), Size: size, Bold: bold, Anchor: anchor, Class: class, Text: text})
}

// para draws text wrapped to width from the top y and returns the y below
// its last line.
func (s *sheet) para(x, y, width, size float64, bold bool, anchor render.Anchor, class, text string) float64 {
	f := render.FontFace(bold)
	for _, l := range f.Wrap(text, size, width) {
		y += f.Ascent(size)
		s.line(x, y, size, bold, anchor, class, l)
		y += size*render.Leading - f.Ascent(size)
	}
	return y
}

func round2(v float64) float64 { return float64(int64(v*100+0.5*sign(v))) / 100 }

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

// folio prints the book's page number n centred on the page's footer
// line, between the SOP's number on the left and its "Halaman x dari y"
// on the right, where a printer prints it whatever its own margins; in the
// bottom margin when the footer leaves no room in the middle.
func folio(p *render.Page, n int, m float64) {
	f := render.FontFace(false)
	text := strconv.Itoa(n)
	size := folioSize
	w := f.Width(text, size)
	cx := p.Width / 2
	y := p.Height - m - f.Descent(size)
	for _, t := range p.Texts {
		if t.Class != "footer" {
			continue
		}
		start, tw := render.TextAdvance(t)
		x0, x1 := t.X+start, t.X+start+tw
		if x1 > cx-w/2-6 && x0 < cx+w/2+6 {
			y = p.Height - m/2 + f.Ascent(folioSize)/2
			break
		}
		y, size = t.Y, t.Size // the footer's baseline and size
	}
	p.Texts = append(p.Texts, render.Text{X: round2(cx), Y: round2(y), Size: size,
		Anchor: render.AnchorMiddle, Class: "folio", Text: text})
}

// balanced wraps text to width in as few lines as Wrap takes, with the
// lines as even as they can be: the narrowest width that needs no more
// lines, so that no word stands alone on the last line.
func balanced(f *render.Face, text string, size, width float64) []string {
	lines := f.Wrap(text, size, width)
	if len(lines) < 2 {
		return lines
	}
	lo, hi := width/2, width
	for range 20 {
		mid := (lo + hi) / 2
		if len(f.Wrap(text, size, mid)) <= len(lines) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return f.Wrap(text, size, hi)
}

// lines draws the lines centred on cx (or from x with AnchorStart) from
// the top y, and returns the y below them.
func (s *sheet) lines(x, y, size float64, bold bool, anchor render.Anchor, class string, ls []string) float64 {
	f := render.FontFace(bold)
	for _, l := range ls {
		y += f.Ascent(size)
		s.line(x, y, size, bold, anchor, class, l)
		y += size*render.Leading - f.Ascent(size)
	}
	return y
}

// cover draws the cover as a Buku SOP's is laid out: the title at the top,
// the logo in the middle, the organisation, the place and the year at the
// foot.
func cover(c *Config, logo []byte, w, h, m float64, lang string) (*render.Page, error) {
	s := newSheet(w, h, m, "cover")
	cx, tw := w/2, (w-2*m)*0.85
	fb := render.FontFace(true)
	title := c.Title
	if title == "" {
		title = words[lang]["title"]
	}
	// The title on one line if it fits at 20 pt or more, else balanced.
	size := coverTitleSize
	for size > 20 && fb.Width(title, size) > tw {
		size--
	}
	y := m + 14*render.Mm
	y = s.lines(cx, y, size, true, render.AnchorMiddle, "title", balanced(fb, title, size, tw))
	if c.Subtitle != "" {
		y = s.lines(cx, y+4*render.Mm, coverSize+2, true, render.AnchorMiddle, "subtitle", balanced(fb, c.Subtitle, coverSize+2, tw))
	}

	// The foot, from the bottom up: the unit lines, the place, the year.
	var foot []string
	foot = append(foot, c.Unit...)
	if c.Place != "" {
		foot = append(foot, strings.ToUpper(c.Place))
	}
	if c.Year != "" {
		foot = append(foot, strings.TrimSpace(words[lang]["year"]+" "+c.Year))
	}
	var wrapped []string
	for _, l := range foot {
		wrapped = append(wrapped, balanced(fb, l, coverSize, tw)...)
	}
	fy := h - m - 14*render.Mm - float64(len(wrapped))*coverSize*render.Leading
	s.lines(cx, fy, coverSize, true, render.AnchorMiddle, "foot", wrapped)

	// The logo in the middle of the room between.
	if logo != nil {
		mime, iw, ih, err := render.LogoInfo(logo)
		if err != nil {
			return nil, err
		}
		room := fy - y - 16*render.Mm
		bh := min(45*render.Mm, room)
		bw := bh * float64(iw) / float64(ih)
		if bw > 70*render.Mm {
			bw, bh = 70*render.Mm, 70*render.Mm*float64(ih)/float64(iw)
		}
		if bh > 5*render.Mm {
			ly := y + (fy-y-bh)/2
			s.Images = append(s.Images, render.Image{X: round2(cx - bw/2), Y: round2(ly), Width: round2(bw), Height: round2(bh), Mime: mime, Data: logo})
		}
	}
	return &s.Page, nil
}

// appendixBlock draws the heading of a decree's appendix (LAMPIRAN
// KEPUTUSAN ... NOMOR ... TANGGAL ... TENTANG ...) at the top right from
// y, and returns the y below it. It is the same wherever it stands.
func (s *sheet) appendixBlock(d *Decree, y float64, lang string, labels render.Labels) float64 {
	const size = decreeSize
	wd := words[lang]
	f := render.FontFace(false)
	bw := min(110*render.Mm, (s.Width-2*s.Margin)*0.55)
	x := s.Width - s.Margin - bw
	y = s.lines(x, y, size, false, render.AnchorStart, "appendix", []string{wd["appendix"]})
	y = s.lines(x, y, size, false, render.AnchorStart, "appendix", balanced(f, strings.ToUpper(d.Issuer), size, bw))
	keyW := 0.0
	for _, k := range []string{"decree_number", "decree_date", "about"} {
		keyW = max(keyW, f.Width(wd[k], size))
	}
	colon := x + keyW + 1.5*render.Mm
	vx := colon + f.Width(": ", size)
	date := ""
	if !d.Date.IsZero() {
		date = render.FormatDate(d.Date, labels)
	}
	for _, kv := range [][2]string{{wd["decree_number"], d.Number}, {wd["decree_date"], date}, {wd["about"], strings.ToUpper(d.Title)}} {
		top := y
		s.line(x, top+f.Ascent(size), size, false, render.AnchorStart, "appendix", kv[0])
		s.line(colon, top+f.Ascent(size), size, false, render.AnchorStart, "appendix", ":")
		y = s.lines(vx, top, size, false, render.AnchorStart, "appendix", balanced(f, kv[1], size, x+bw-vx))
		if kv[1] == "" {
			y = top + size*render.Leading
		}
	}
	return y
}

// decreePage draws the first page of the appendix: its heading, and the
// title of what it holds, the decree's subject.
func decreePage(c *Config, w, h, m float64, lang string, labels render.Labels) *render.Page {
	d := c.Decree
	s := newSheet(w, h, m, "decree")
	y := s.appendixBlock(d, m, lang, labels)
	fb := render.FontFace(true)
	tw := (w - 2*m) * 0.8
	title := strings.ToUpper(d.Title)
	y = max(y+20*render.Mm, h*0.35)
	s.lines(w/2, y, coverTitleSize-6, true, render.AnchorMiddle, "title", balanced(fb, title, coverTitleSize-6, tw))
	return &s.Page
}

// signaturePage draws the page that closes the appendix: the title of the
// official who enacts it, room to sign and stamp, the name, rank and NIP.
func signaturePage(d *Decree, w, h, m float64, lang string) *render.Page {
	s := newSheet(w, h, m, "signature")
	bw := min(100*render.Mm, (w-2*m)*0.5)
	cx := w - m - bw/2
	y := m + 20*render.Mm
	if d.Signer.Title != "" {
		y = s.sigPara(cx, y, bw, sigLine{text: strings.ToUpper(d.Signer.Title) + ","})
	}
	y += 25 * render.Mm
	y = s.sigPara(cx, y, bw, sigLine{text: d.Signer.Name, bold: true, underline: true})
	y = s.sigPara(cx, y, bw, sigLine{text: d.Signer.Rank})
	if d.Signer.NIP != "" {
		s.sigPara(cx, y, bw, sigLine{text: words[lang]["nip"] + " " + d.Signer.NIP})
	}
	return &s.Page
}

// sigLine is a line of a signature block.
type sigLine struct {
	text            string
	bold, underline bool
}

// sigPara draws l centred on cx, wrapped to width, from the top y, and
// returns the y below it.
func (s *sheet) sigPara(cx, y, width float64, l sigLine) float64 {
	if l.text == "" {
		return y
	}
	f := render.FontFace(l.bold)
	for _, t := range balanced(f, l.text, decreeSize, width) {
		y += f.Ascent(decreeSize)
		s.Texts = append(s.Texts, render.Text{X: round2(cx), Y: round2(y), Size: decreeSize, Bold: l.bold,
			Underline: l.underline, Anchor: render.AnchorMiddle, Class: "signature", Text: t})
		y += decreeSize*render.Leading - f.Ascent(decreeSize)
	}
	return y
}

// tocRow is one SOP's entry in the table of contents, wrapped.
type tocRow struct {
	no, number, name []string
	h                float64
}

// tocLayout is the table of contents split into pages.
type tocLayout struct {
	w, h, m float64
	top     float64 // first page: where the title starts (below the appendix heading)
	x       [4]float64
	cols    [4]float64 // widths: no, number, name, page
	pages   [][]int    // rows of each page
	rows    []tocRow
	lang    string
	decree  *Decree
	labels  render.Labels
	headerH float64 // the column heads and their rule
}

// tocRowGap is the room between two entries.
const tocRowGap = 4.0

// tocFooterRoom is the room kept free above the bottom margin, for the
// footer line and its page number.
const tocFooterRoom = 8 * render.Mm

// newTOC wraps the entries and splits them into pages.
func newTOC(entries []*flow.Procedure, d *Decree, w, h, m float64, lang string, labels render.Labels) *tocLayout {
	t := &tocLayout{w: w, h: h, m: m, lang: lang, decree: d, labels: labels}
	inner := w - 2*m
	f := render.FontFace(false)
	t.cols[0] = max(f.Width(strconv.Itoa(len(entries))+".", tocSize), f.Width(words[lang]["no"], tocSize)) + 4*render.Mm
	t.cols[3] = max(f.Width("0000", tocSize), render.FontFace(true).Width(words[lang]["page"], tocSize)) + 3*render.Mm
	// The number column takes what its longest number needs, up to a
	// third of the width; the name the rest.
	numW := render.FontFace(true).Width(words[lang]["number"], tocSize)
	for _, p := range entries {
		numW = max(numW, f.Width(p.Identity.Number, tocSize))
	}
	t.cols[1] = min(numW+5*render.Mm, inner/3)
	t.cols[2] = inner - t.cols[0] - t.cols[1] - t.cols[3]
	t.x[0] = m
	for i := 1; i < 4; i++ {
		t.x[i] = t.x[i-1] + t.cols[i-1]
	}
	lh := tocSize * render.Leading
	for i, p := range entries {
		r := tocRow{
			no:     []string{strconv.Itoa(i+1) + "."},
			number: f.Wrap(p.Identity.Number, tocSize, t.cols[1]-3*render.Mm),
			// The name leaves room for a few dots before the page number.
			name: f.Wrap(p.Name, tocSize, t.cols[2]-6*render.Mm),
		}
		r.h = float64(max(len(r.number), len(r.name), 1))*lh + tocRowGap
		t.rows = append(t.rows, r)
	}
	// The first page starts below the appendix heading, if any, and the
	// title; the others below the column heads.
	t.headerH = lh + 3*render.Mm
	first := m
	if d != nil {
		probe := newSheet(w, h, m, "toc")
		first = probe.appendixBlock(d, m, lang, labels) + 6*render.Mm
	}
	t.top = first
	// The entries stop above the footer line, where the page number is.
	bottom := h - m - tocFooterRoom
	y := first + tocTitleSize*render.Leading + 6*render.Mm + t.headerH
	var page []int
	for i, r := range t.rows {
		if y+r.h > bottom && len(page) > 0 {
			t.pages = append(t.pages, page)
			page = nil
			y = m + tocSize*render.Leading + 3*render.Mm + t.headerH
		}
		page = append(page, i)
		y += r.h
	}
	t.pages = append(t.pages, page)
	return t
}

// page draws page k (0-based) of the table of contents, with the first
// page of each entry in first; links receives each entry's area.
func (t *tocLayout) page(k int, first []int, link func(i int, x, y, w, h float64)) *render.Page {
	s := newSheet(t.w, t.h, t.m, "toc")
	wd := words[t.lang]
	f, fb := render.FontFace(false), render.FontFace(true)
	lh := tocSize * render.Leading
	y := t.m
	if k == 0 {
		if t.decree != nil {
			s.appendixBlock(t.decree, t.m, t.lang, t.labels)
		}
		y = t.top
		y = s.para(t.w/2, y, t.w-2*t.m, tocTitleSize, true, render.AnchorMiddle, "title", wd["toc"])
		y += 6 * render.Mm
	} else {
		y = s.para(t.w/2, y, t.w-2*t.m, tocSize, true, render.AnchorMiddle, "title", wd["toc"]+" "+wd["continued"])
		y += 3 * render.Mm
	}
	// Column heads over a rule.
	base := y + fb.Ascent(tocSize)
	s.line(t.x[0], base, tocSize, true, render.AnchorStart, "head", wd["no"])
	s.line(t.x[1], base, tocSize, true, render.AnchorStart, "head", wd["number"])
	s.line(t.x[2], base, tocSize, true, render.AnchorStart, "head", wd["name"])
	s.line(t.w-t.m, base, tocSize, true, render.AnchorEnd, "head", wd["page"])
	y += lh + 1.5*render.Mm
	s.Rules = append(s.Rules, render.Rule{X1: t.m, Y1: round2(y), X2: t.w - t.m, Y2: round2(y), Width: 0.75})
	y += 3*render.Mm - 1.5*render.Mm
	dot := f.Width(".", tocSize)
	step := dot * 2.2
	for _, i := range t.pages[k] {
		r := t.rows[i]
		top := y
		for j, l := range r.no {
			s.line(t.x[0], top+f.Ascent(tocSize)+float64(j)*lh, tocSize, false, render.AnchorStart, "toc-no", l)
		}
		for j, l := range r.number {
			s.line(t.x[1], top+f.Ascent(tocSize)+float64(j)*lh, tocSize, false, render.AnchorStart, "toc-number", l)
		}
		for j, l := range r.name {
			s.line(t.x[2], top+f.Ascent(tocSize)+float64(j)*lh, tocSize, false, render.AnchorStart, "toc-name", l)
		}
		// The page number on the name's last line, the dots leading to it
		// on a fixed grid, so that they stand in columns down the page.
		last := top + f.Ascent(tocSize) + float64(len(r.name)-1)*lh
		pg := strconv.Itoa(first[i])
		right := t.w - t.m
		s.line(right, last, tocSize, false, render.AnchorEnd, "toc-page", pg)
		from := t.x[2] + f.Width(r.name[len(r.name)-1], tocSize) + dot
		to := right - f.Width(pg, tocSize) - dot
		var b strings.Builder
		gx := t.x[2] + step*float64(int((from-t.x[2])/step)+1)
		startX := gx
		for ; gx+dot <= to; gx += step {
			b.WriteString(".")
		}
		if b.Len() > 0 {
			// One text of dots spaced by the grid: drawn as single dots so
			// that each stands on the grid whatever the writer's spacing.
			for n := 0; n < b.Len(); n++ {
				s.Texts = append(s.Texts, render.Text{X: round2(startX + float64(n)*step), Y: round2(last), Size: tocSize, Class: "leader", Text: "."})
			}
		}
		if link != nil {
			link(i, t.m, top, t.w-2*t.m, r.h-tocRowGap/2)
		}
		y += r.h
	}
	return &s.Page
}
