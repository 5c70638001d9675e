package render

import (
	"fmt"
	"io"
	"time"
)

// Format is an output format.
type Format string

// The output formats.
const (
	SVG  Format = "svg"
	JSON Format = "json"
	PNG  Format = "png"
	PDF  Format = "pdf"
)

// WriteOptions sets how a Diagram is written. The zero value works.
type WriteOptions struct {
	// Page selects one page (1-based) for SVG and PNG. 0 means: SVG stacks
	// all pages in one image; PNG draws the only page, and refuses a
	// Diagram of several (ErrPageNeeded), since a PNG holds one image:
	// call Write once per page with Page set (len(d.Pages) says how
	// many). PDF and JSON always hold every page.
	Page int
	// DPI is the PNG resolution. Default: 150.
	DPI float64
	// Created is the PDF's creation and modification date. Default: a
	// fixed date (2000-01-01), so that the same Diagram always gives the
	// same bytes.
	Created time.Time
	// EmbedFont embeds in an SVG the glyphs its text uses, as subsets of
	// the embedded faces in CSS @font-face rules, so that it looks the
	// same on every machine, as PNG and PDF do. It adds some 20 to 60 KB
	// (base64), which is why it is not the default.
	EmbedFont bool
}

// Write writes d to w in format f. For PNG it writes the one page that
// opt.Page selects (see WriteOptions.Page).
func Write(w io.Writer, d *Diagram, f Format, opt WriteOptions) error {
	if d == nil {
		return fmt.Errorf("render: no diagram (nil)")
	}
	switch f {
	case SVG:
		return WriteSVG(w, d, opt)
	case JSON:
		return WriteJSON(w, d)
	case PNG:
		return WritePNG(w, d, opt)
	case PDF:
		return writePDF(w, d, opt)
	}
	return fmt.Errorf("unknown format %q (want svg, json, png or pdf)", string(f))
}
