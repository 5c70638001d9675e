package render

import (
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// PDFDoc is a PDF built page by page: a document of several diagrams,
// such as a book of SOPs, whose pages are added as they are laid out, so
// that a diagram can be dropped once its pages are in. Beside the pages it
// holds an outline (bookmarks) and links between pages.
//
// The pages' content is kept, compressed at Close, in memory until Close
// writes the file. The same calls always give the same bytes.
type PDFDoc struct {
	info     PDFInfo
	pdf      *fpdf.Fpdf // made at the first page, whose size is the default
	pw       *pdfWriter
	faces    [2]bool // regular and bold registered
	sizes    [][2]float64
	links    []pdfLink
	finished bool
}

// PDFInfo is the document information of a PDFDoc.
type PDFInfo struct {
	Title, Subject, Author, Keywords string
	// Lang is the document's language (BCP 47, such as "id"); "" for none.
	Lang string
	// Created is the creation and modification date; zero means the same
	// fixed date as WritePDF (2000-01-01).
	Created time.Time
}

// pdfLink is a clickable area on a page that goes to the top of another.
type pdfLink struct {
	page, target int
	x, y, w, h   float64
}

// NewPDFDoc starts an empty document.
func NewPDFDoc(info PDFInfo) *PDFDoc { return &PDFDoc{info: info} }

// start makes the fpdf document, with a default page size of w x h (which
// the file records).
func (doc *PDFDoc) start(w, h float64) {
	info := doc.info
	pdf := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "pt",
		Size:           fpdf.SizeType{Wd: w, Ht: h},
	})
	// Determinism: fixed dates (fpdf uses time.Now otherwise), sorted
	// resource catalogs (fpdf ranges over maps otherwise). Compression is
	// set explicitly rather than inherited from fpdf's package globals.
	created := pdfEpoch
	if !info.Created.IsZero() {
		created = info.Created.UTC()
	}
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	if info.Title != "" {
		pdf.SetTitle(pdfSafe(info.Title), true)
	}
	if info.Subject != "" {
		pdf.SetSubject(pdfSafe(info.Subject), true)
	}
	if info.Author != "" {
		pdf.SetAuthor(pdfSafe(info.Author), true)
	}
	if info.Keywords != "" {
		pdf.SetKeywords(pdfSafe(info.Keywords), true)
	}
	if info.Lang != "" {
		pdf.SetLang(info.Lang)
	}
	pdf.SetCreator("sopflow", true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetLineCapStyle("butt")
	pdf.SetLineJoinStyle("miter")
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetFillColor(0, 0, 0)
	pdf.SetTextColor(0, 0, 0)
	doc.pdf = pdf
	doc.pw = &pdfWriter{
		pdf:         pdf,
		lineWidth:   -1,
		imageSize:   map[string][2]float64{},
		imageWidths: map[int]bool{},
	}
}

// useFace registers the regular or bold face, once. Only the faces some
// text uses are registered: each registered face is embedded, even if no
// glyph of it is drawn.
func (doc *PDFDoc) useFace(bold bool) error {
	i := 0
	if bold {
		i = 1
	}
	if doc.faces[i] {
		return nil
	}
	style := ""
	if bold {
		style = "B"
	}
	doc.pdf.AddUTF8FontFromBytes(pdfFamily, style, FontFace(bold).ttf)
	if err := doc.pdf.Error(); err != nil {
		return fmt.Errorf("render: pdf: font: %w", err)
	}
	doc.faces[i] = true
	return nil
}

// useFaces registers the faces the texts of p use.
func (doc *PDFDoc) useFaces(p *Page) error {
	for i := range p.Texts {
		if err := doc.useFace(p.Texts[i].Bold); err != nil {
			return err
		}
	}
	return nil
}

// Pages returns the number of pages added so far.
func (doc *PDFDoc) Pages() int { return len(doc.sizes) }

// Add adds p as the next page and returns its number (1-based).
func (doc *PDFDoc) Add(p *Page) (int, error) {
	if doc.finished {
		return 0, errors.New("render: pdf: document closed")
	}
	n := len(doc.sizes) + 1
	if !(p.Width > 0 && p.Height > 0) || math.IsInf(p.Width, 0) || math.IsInf(p.Height, 0) {
		return 0, fmt.Errorf("render: pdf: page %d has no size (%gx%g)", n, p.Width, p.Height)
	}
	if doc.pdf == nil {
		doc.start(p.Width, p.Height)
	}
	if err := doc.useFaces(p); err != nil {
		return 0, err
	}
	if err := doc.pw.page(p); err != nil {
		return 0, fmt.Errorf("render: pdf: page %d: %w", n, err)
	}
	if err := doc.pdf.Error(); err != nil {
		return 0, fmt.Errorf("render: pdf: page %d: %w", n, err)
	}
	doc.sizes = append(doc.sizes, [2]float64{p.Width, p.Height})
	return n, nil
}

// Draw draws p over page n, which must have p's size and the size of the
// last page added: a page whose content is known only later, such as a
// table of contents that needs the page numbers of what follows it.
func (doc *PDFDoc) Draw(n int, p *Page) error {
	if n < 1 || n > len(doc.sizes) {
		return fmt.Errorf("render: pdf: no page %d", n)
	}
	if s, last := doc.sizes[n-1], doc.sizes[len(doc.sizes)-1]; s != [2]float64{p.Width, p.Height} || s[1] != last[1] {
		return fmt.Errorf("render: pdf: page %d is %gx%g, not %gx%g", n, s[0], s[1], p.Width, p.Height)
	}
	if err := doc.useFaces(p); err != nil {
		return err
	}
	last := len(doc.sizes)
	doc.pdf.SetPage(n)
	doc.pw.fontSet = false
	doc.pw.lineWidth = -1
	err := drawPage(p, doc.pw)
	doc.pdf.SetPage(last)
	doc.pw.fontSet = false
	doc.pw.lineWidth = -1
	if err != nil {
		return fmt.Errorf("render: pdf: page %d: %w", n, err)
	}
	return doc.pdf.Error()
}

// Outline adds an entry to the outline (bookmarks) that goes to the top
// of the last page added; level 0 is the top level.
func (doc *PDFDoc) Outline(title string, level int) {
	if len(doc.sizes) > 0 {
		doc.pdf.Bookmark(pdfSafe(title), level, 0)
	}
}

// Link makes the area x, y, w, h of page n a link to the top of page
// target. Links are made at Close, so target may be a page not added yet.
func (doc *PDFDoc) Link(n int, x, y, w, h float64, target int) {
	doc.links = append(doc.links, pdfLink{page: n, target: target, x: x, y: y, w: w, h: h})
}

// Close writes the document to w. It writes nothing when a page or a link
// is wrong.
func (doc *PDFDoc) Close(w io.Writer) error {
	if len(doc.sizes) == 0 {
		return errors.New("render: pdf: document has no pages")
	}
	for _, l := range doc.links {
		if l.page < 1 || l.page > len(doc.sizes) || l.target < 1 || l.target > len(doc.sizes) {
			return fmt.Errorf("render: pdf: link from page %d to page %d: no such page", l.page, l.target)
		}
	}
	last := len(doc.sizes)
	lastH := doc.sizes[last-1][1]
	for _, l := range doc.links {
		id := doc.pdf.AddLink()
		doc.pdf.SetLink(id, 0, l.target)
		doc.pdf.SetPage(l.page)
		// fpdf places the area with the height of the current page size,
		// which SetPage leaves at the last page's.
		doc.pdf.Link(l.x, l.y+lastH-doc.sizes[l.page-1][1], l.w, l.h, id)
	}
	doc.pdf.SetPage(last)
	doc.finished = true
	// Output builds the whole file in memory before writing it.
	if err := doc.pdf.Output(w); err != nil {
		return fmt.Errorf("render: pdf: %w", err)
	}
	return nil
}
