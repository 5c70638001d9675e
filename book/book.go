package book

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sopflow/sopflow/bpmn"
	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
	"github.com/sopflow/sopflow/table"
)

// SOP is one SOP of the book, read and checked.
type SOP struct {
	File   string // its file, for errors and the index
	Proc   *flow.Procedure
	Logo   []byte        // its logo (PNG or JPEG), or nil
	Labels render.Labels // its printed labels; nil: the defaults of Options
}

// Options sets how a book is laid out and written. The zero value works:
// A4 landscape, Indonesian, the table view only.
type Options struct {
	// Layout is the paper, orientation and margin (its Labels and Logo
	// are each SOP's, its Tall is ignored).
	Layout  table.LayoutOptions
	Profile render.Profile // default permenpan35
	Lang    string         // "id" (default) or "en"
	// BPMN adds each SOP's BPMN view after its table, ranked by Ranker.
	BPMN   bool
	Ranker bpmn.Ranker
	// Logo is the cover's logo; nil: the logo all SOPs share, if any.
	Logo []byte
	// Created is the PDF's date; zero: a fixed date, as render's.
	Created time.Time
	// Workers is the number of SOPs laid out at once; 0: the processors.
	Workers int
	// Progress, when set, is called after each SOP's pages are added,
	// in the book's order, with the SOPs done and the pages so far.
	Progress func(done, pages int)
}

// Entry is one SOP as the book holds it, for the office's register.
type Entry struct {
	File      string `json:"file"`
	Number    string `json:"number"`
	Name      string `json:"name"`
	Unit      string `json:"unit"`
	Steps     int    `json:"steps"`
	Actors    int    `json:"actors"`
	FirstPage int    `json:"first_page"`
	Pages     int    `json:"pages"`
}

// Result is what Write made.
type Result struct {
	Pages   int     // pages of the book
	Entries []Entry // the SOPs, in the book's order
}

// Write lays out the book of the SOPs, in the order given, and writes the
// PDF to w. Nothing is written to w when it fails. c may be nil.
func Write(w io.Writer, c *Config, sops []SOP, opt Options) (*Result, error) {
	if len(sops) == 0 {
		return nil, errors.New("book: no SOPs")
	}
	if c == nil {
		c = &Config{}
	}
	lang := opt.Lang
	if lang == "" {
		lang = "id"
	}
	if _, ok := words[lang]; !ok {
		return nil, fmt.Errorf("book: unknown language %q (want id or en)", lang)
	}
	profile := opt.Profile
	if profile == "" {
		profile = render.Permenpan35
	}
	labels, err := render.NewLabels(profile, lang, nil)
	if err != nil {
		return nil, err
	}
	cc := *c
	fillFromSOPs(&cc, sops)
	logo := opt.Logo
	if logo == nil {
		logo = sharedLogo(sops)
	}
	if cc.Title == "" {
		cc.Title = words[lang]["title"]
	}

	// The paper, as table.Layout sees it.
	pw, ph, m, err := opt.Layout.Page()
	if err != nil {
		return nil, fmt.Errorf("book: %w", err)
	}

	procs := make([]*flow.Procedure, len(sops))
	for i, s := range sops {
		procs[i] = s.Proc
	}
	toc := newTOC(procs, cc.Decree, pw, ph, m, lang, labels)

	author := cc.Author
	if author == "" && len(cc.Unit) > 0 {
		author = cc.Unit[len(cc.Unit)-1]
	}
	title := cc.Title
	if title == "" {
		title = words[lang]["title"]
	}
	if cc.Subtitle != "" {
		title += " " + cc.Subtitle
	}
	created := opt.Created
	if created.IsZero() {
		created = bookDate(&cc, sops)
	}
	doc := render.NewPDFDoc(render.PDFInfo{
		Title:    title,
		Subject:  subject(len(sops), lang),
		Author:   author,
		Keywords: "SOP, " + words["id"]["title"] + ", " + strings.Join(cc.Unit, ", "),
		Lang:     lang,
		Created:  created,
	})

	cv, err := cover(&cc, logo, pw, ph, m, lang)
	if err != nil {
		return nil, fmt.Errorf("book: cover logo: %w", err)
	}
	if _, err := doc.Add(cv); err != nil {
		return nil, err
	}
	add := func(p *render.Page) (int, error) {
		folio(p, doc.Pages()+1, m)
		return doc.Add(p)
	}
	if cc.Decree != nil {
		if _, err := add(decreePage(&cc, pw, ph, m, lang, labels)); err != nil {
			return nil, err
		}
		doc.Outline(words[lang]["appendix"], 0)
	}
	// The table of contents' pages, drawn once the SOPs' pages are known.
	tocFirst := doc.Pages() + 1
	for k := range toc.pages {
		if _, err := add(&render.Page{Kind: "toc", Width: pw, Height: ph, Margin: m}); err != nil {
			return nil, err
		}
		if k == 0 {
			doc.Outline(words[lang]["toc"], 0)
		}
	}
	res := &Result{Entries: make([]Entry, len(sops))}
	first := make([]int, len(sops))

	err = layoutAll(sops, opt, labels, func(i int, d *render.Diagram) error {
		s := sops[i]
		e := &res.Entries[i]
		*e = entry(s)
		for k := range d.Pages {
			n, err := add(&d.Pages[k])
			if err != nil {
				return fmt.Errorf("%s: %w", s.File, err)
			}
			if k == 0 {
				first[i] = n
				e.FirstPage = n
				doc.Outline(outlineTitle(s.Proc), 0)
			}
		}
		e.Pages = len(d.Pages)
		if opt.Progress != nil {
			opt.Progress(i+1, doc.Pages())
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// A decree's appendix ends with the signature of the official who
	// enacts it.
	if d := cc.Decree; d != nil && (d.Signer.Name != "" || d.Signer.Title != "") {
		if _, err := add(signaturePage(d, pw, ph, m, lang)); err != nil {
			return nil, err
		}
		doc.Outline(words[lang]["signature"], 0)
	}
	for k := range toc.pages {
		n := tocFirst + k
		p := toc.page(k, first, func(i int, x, y, w, h float64) { doc.Link(n, x, y, w, h, first[i]) })
		if err := doc.Draw(n, p); err != nil {
			return nil, err
		}
	}
	res.Pages = doc.Pages()
	var buf bytes.Buffer
	if err := doc.Close(&buf); err != nil {
		return nil, err
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return nil, err
	}
	return res, nil
}

// bookDate is the date a book carries when no other is given: the
// decree's, else the latest calendar date of the SOPs (made, revised,
// effective); zero (render's fixed date) when there is none. It depends
// only on the inputs, so that the same inputs give the same bytes.
func bookDate(c *Config, sops []SOP) time.Time {
	day := func(d flow.Date) time.Time {
		if d.Text != "" || d.Year < 1 || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 31 {
			return time.Time{}
		}
		return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	}
	if c.Decree != nil {
		if t := day(c.Decree.Date); !t.IsZero() {
			return t
		}
	}
	var latest time.Time
	for _, s := range sops {
		id := s.Proc.Identity
		for _, d := range []flow.Date{id.Created, id.Revised, id.Effective} {
			if t := day(d); t.After(latest) {
				latest = t
			}
		}
	}
	return latest
}

// subject is the PDF's subject: how many SOPs the book holds.
func subject(n int, lang string) string {
	if lang == "en" {
		return fmt.Sprintf("%d standard operating procedures", n)
	}
	return fmt.Sprintf("%d standar operasional prosedur", n)
}

// outlineTitle is an SOP's entry in the outline.
func outlineTitle(p *flow.Procedure) string {
	if p.Identity.Number == "" {
		return p.Name
	}
	return p.Identity.Number + " " + p.Name
}

// entry is the register's row of s, without its pages.
func entry(s SOP) Entry {
	p := s.Proc
	unit := ""
	if n := len(p.Identity.Unit); n > 0 {
		unit = p.Identity.Unit[n-1]
	}
	return Entry{File: s.File, Number: p.Identity.Number, Name: p.Name, Unit: unit, Steps: len(p.Steps), Actors: len(p.Actors)}
}

// layoutAll lays out the SOPs on opt.Workers goroutines and calls page
// with each Diagram in the SOPs' order, on the calling goroutine. At most
// a few Diagrams wait to be taken, so memory holds the SOPs in flight,
// not the book. The first error stops the work and is returned.
func layoutAll(sops []SOP, opt Options, labels render.Labels, take func(i int, d *render.Diagram) error) error {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type result struct {
		d   *render.Diagram
		err error
	}
	results := make([]chan result, len(sops))
	for i := range results {
		results[i] = make(chan result, 1)
	}
	// window bounds the SOPs started and not yet taken.
	window := make(chan struct{}, 2*workers)
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range sops {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range workers {
		go func() {
			for i := range next {
				d, err := layoutOne(ctx, sops[i], opt, labels)
				results[i] <- result{d, err}
			}
		}()
	}
	for i := range sops {
		var r result
		select {
		case r = <-results[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		if r.err != nil {
			return fmt.Errorf("%s: %w", sops[i].File, r.err)
		}
		if err := take(i, r.d); err != nil {
			return err
		}
		<-window
	}
	return nil
}

// layoutOne lays out one SOP's table, and its BPMN view after it when
// asked. A panic is returned as an error: a bug in one SOP's layout stops
// the book, not the program.
func layoutOne(ctx context.Context, s SOP, opt Options, defLabels render.Labels) (d *render.Diagram, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("layout failed: %v", r)
		}
	}()
	labels := s.Labels
	if labels == nil {
		profile := opt.Profile
		if profile == "" {
			profile = render.Permenpan35
		}
		lang := opt.Lang
		if lang == "" {
			lang = "id"
		}
		if labels, err = render.NewLabels(profile, lang, s.Proc.Labels); err != nil {
			return nil, err
		}
	}
	lo := opt.Layout
	lo.Tall = false
	lo.Labels = labels
	lo.Logo = s.Logo
	d, err = table.Layout(s.Proc, lo)
	if err != nil {
		return nil, err
	}
	if opt.BPMN {
		if opt.Ranker == nil {
			return nil, bpmn.ErrNoRanker
		}
		joint := bpmn.JointWord(opt.Lang)
		v, err := bpmn.LayoutContext(ctx, s.Proc, opt.Ranker, bpmn.Options{Paper: lo.Paper, Portrait: lo.Portrait,
			Margin: lo.Margin, Labels: labels, Joint: joint})
		if err != nil {
			return nil, fmt.Errorf("BPMN view: %w", err)
		}
		d.Pages = append(d.Pages, v.Pages...)
	}
	return d, nil
}

// fillFromSOPs fills what c leaves out from what the SOPs share: the unit
// lines they all start with, and the year of their latest date.
func fillFromSOPs(c *Config, sops []SOP) {
	if len(c.Unit) == 0 {
		common := slices.Clone(sops[0].Proc.Identity.Unit)
		for _, s := range sops[1:] {
			u := s.Proc.Identity.Unit
			n := 0
			for n < len(common) && n < len(u) && strings.EqualFold(strings.TrimSpace(common[n]), strings.TrimSpace(u[n])) {
				n++
			}
			common = common[:n]
		}
		c.Unit = common
	}
	if c.Year == "" {
		year := 0
		for _, s := range sops {
			id := s.Proc.Identity
			for _, d := range []flow.Date{id.Created, id.Revised, id.Effective} {
				year = max(year, dateYear(d))
			}
		}
		if year > 0 {
			c.Year = strconv.Itoa(year)
		}
	}
}

var yearRE = regexp.MustCompile(`\b(19|20|21)\d\d\b`)

// dateYear is the year of d: its own, or a year written in its text.
func dateYear(d flow.Date) int {
	if d.Year > 0 {
		return d.Year
	}
	y := 0
	for _, m := range yearRE.FindAllString(d.Text, -1) {
		v, _ := strconv.Atoi(m)
		y = max(y, v)
	}
	return y
}

// sharedLogo is the logo every SOP has, the same image; nil otherwise.
func sharedLogo(sops []SOP) []byte {
	l := sops[0].Logo
	for _, s := range sops[1:] {
		if !bytes.Equal(s.Logo, l) {
			return nil
		}
	}
	return l
}

// Sort orders sops as a book lists them when its settings do not: by SOP
// number in natural order (SOP-2 before SOP-10), then by file name; SOPs
// without a number last, by file name.
func Sort(sops []SOP) {
	slices.SortStableFunc(sops, func(a, b SOP) int {
		na, nb := a.Proc.Identity.Number, b.Proc.Identity.Number
		switch {
		case na == "" && nb == "":
			return NaturalCompare(a.File, b.File)
		case na == "":
			return 1
		case nb == "":
			return -1
		}
		if c := NaturalCompare(na, nb); c != 0 {
			return c
		}
		return NaturalCompare(a.File, b.File)
	})
}

// NaturalCompare compares a and b with runs of digits as numbers, case
// folded: "SOP-2" before "SOP-10".
func NaturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			x, y := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(x) != len(y) {
				return cmpInt(len(x), len(y))
			}
			if c := strings.Compare(x, y); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		ra, sa := firstRune(a)
		rb, sb := firstRune(b)
		if la, lb := unicode.ToLower(ra), unicode.ToLower(rb); la != lb {
			return cmpInt(int(la), int(lb))
		}
		a, b = a[sa:], b[sb:]
	}
	return cmpInt(len(a), len(b))
}

func digits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

func firstRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
