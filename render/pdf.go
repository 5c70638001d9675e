package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"time"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
)

// pdfEpoch is the creation and modification date written into every PDF, so
// that the same Diagram always gives the same bytes.
var pdfEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// pdfMiterLimit sets the miter limit to 4 in a page's content stream.
const pdfMiterLimit = "4 M"

// pdfFamily is the family name the embedded faces are registered under.
const pdfFamily = "LiberationSans"

// WritePDF writes every page of d into one PDF: vector graphics, the
// embedded font as a subset, text selectable and extractable.
//
// Each page has its own size (Page.Width x Page.Height points). A page is
// drawn in layers: images, rules, shapes (white fill, black outline),
// connectors (with their arrowheads), then texts, in black on white.
//
// The output depends only on d: the same Diagram always gives the same
// bytes. The file is built in memory: when d cannot be drawn, nothing is written
// to w.
//
// The creation and modification dates are a fixed one (2000-01-01), so
// that the output is deterministic; Write with WriteOptions.Created sets
// another (the sopflow command passes SOURCE_DATE_EPOCH).
func WritePDF(w io.Writer, d *Diagram) error {
	return writePDF(w, d, WriteOptions{})
}

func writePDF(w io.Writer, d *Diagram, opt WriteOptions) error {
	if d == nil || len(d.Pages) == 0 {
		return errors.New("render: pdf: diagram has no pages")
	}
	for i, p := range d.Pages {
		if !(p.Width > 0 && p.Height > 0) || math.IsInf(p.Width, 0) || math.IsInf(p.Height, 0) {
			return fmt.Errorf("render: pdf: page %d has no size (%gx%g)", i+1, p.Width, p.Height)
		}
	}

	doc := NewPDFDoc(PDFInfo{Title: d.Title, Subject: d.Desc, Created: opt.Created})
	doc.start(d.Pages[0].Width, d.Pages[0].Height)
	// The faces in a fixed order, whichever text comes first.
	regular, bold := false, false
	for i := range d.Pages {
		for _, t := range d.Pages[i].Texts {
			if t.Bold {
				bold = true
			} else {
				regular = true
			}
		}
	}
	if regular {
		if err := doc.useFace(false); err != nil {
			return err
		}
	}
	if bold {
		if err := doc.useFace(true); err != nil {
			return err
		}
	}
	for i := range d.Pages {
		if _, err := doc.Add(&d.Pages[i]); err != nil {
			return err
		}
	}
	return doc.Close(w)
}

// pdfWriter draws pages with fpdf, tracking the graphics state so that it
// only emits operators for changes.
type pdfWriter struct {
	pdf *fpdf.Fpdf

	imageSize   map[string][2]float64 // registered image name -> its pixel size
	imageWidths map[int]bool          // pixel widths of the registered images

	lineWidth float64 // current line width; -1: unknown
	fillWhite bool    // current fill colour: white (true) or black
	fontSet   bool    // whether fontBold/fontSize are the current font
	fontBold  bool
	fontSize  float64
}

func (pw *pdfWriter) page(p *Page) error {
	pdf := pw.pdf
	pdf.AddPageFormat("P", fpdf.SizeType{Wd: p.Width, Ht: p.Height})
	// The miter limit of SVG (and the PNG writer), not PDF's default of 10:
	// joins sharper than about 29° are bevelled. fpdf has no setter for it.
	pdf.RawWriteStr(pdfMiterLimit)
	// fpdf forgets the font at a page break; the line width and colours it
	// carries over.
	pw.fontSet = false

	return drawPage(p, pw)
}

func (pw *pdfWriter) rule(i int, r *Rule) error {
	if !pdfFinite(r.X1, r.Y1, r.X2, r.Y2, r.Width) {
		return fmt.Errorf("rule %d: coordinates are not finite", i+1)
	}
	if r.Width <= 0 {
		return nil
	}
	pw.setLineWidth(r.Width)
	pw.pdf.Line(r.X1, r.Y1, r.X2, r.Y2)
	return nil
}

func (pw *pdfWriter) shape(i int, s *Shape, outline Path) error {
	if !pdfPathFinite(outline) {
		return fmt.Errorf("shape %q (%d): coordinates are not finite", s.ID, i+1)
	}
	pw.setFill(true)
	pw.setLineWidth(StrokeWidth(*s))
	pw.path(outline)
	pw.pdf.DrawPath("FD") // fill, then stroke
	return nil
}

func (pw *pdfWriter) flow(i int, c *Connector, line Path, _ bool, head Path) error {
	for _, q := range c.Points {
		if !pdfFinite(q[0], q[1]) {
			return fmt.Errorf("connector %d (%s -> %s): coordinates are not finite", i+1, c.From, c.To)
		}
	}
	if line != nil {
		pw.setLineWidth(LineWidth(*c))
		pw.path(line)
		pw.pdf.DrawPath("S")
	}
	if head != nil {
		pw.setFill(false)
		pw.path(head)
		pw.pdf.DrawPath("f")
	}
	return nil
}

// text draws one Text, placed exactly as the layout measured it, in the
// fill colour (black).
func (pw *pdfWriter) text(i int, t *Text) error {
	pw.setFill(false)
	if err := pw.textAt(t); err != nil {
		return fmt.Errorf("text %d: %w", i+1, err)
	}
	return nil
}

func (pw *pdfWriter) textAt(t *Text) error {
	if !pdfFinite(t.X, t.Y, t.Size) {
		return errors.New("coordinates are not finite")
	}
	if t.Text == "" || t.Size <= 0 {
		return nil
	}
	pdf := pw.pdf
	s := pdfSafe(t.Text)
	start, w := TextAdvance(*t)
	x := t.X + start
	// Select the font outside any transformation: fpdf does not know that
	// the Q closing a transformation restores the previous font.
	pw.setFont(t.Bold, t.Size)
	if t.Rotate {
		// fpdf's angle is counter-clockwise as seen on the page.
		pdf.TransformBegin()
		pdf.TransformRotate(90, t.X, t.Y)
	}
	pdf.Text(x, t.Y, s)
	if t.Underline {
		// A filled bar, not fpdf's underline, which has metrics of its own.
		th := UnderlineThickness * t.Size
		pdf.Rect(x, t.Y+UnderlineOffset*t.Size-th/2, w, th, "F")
	}
	if t.Rotate {
		pdf.TransformEnd()
	}
	return nil
}

// image draws a PNG or JPEG image, scaled to fit its box and centred in it
// (as SVG's default preserveAspectRatio does).
func (pw *pdfWriter) image(i int, im *Image) error {
	if err := pw.imageAt(im); err != nil {
		return fmt.Errorf("image %d: %w", i+1, err)
	}
	return nil
}

func (pw *pdfWriter) imageAt(im *Image) error {
	if !pdfFinite(im.X, im.Y, im.Width, im.Height) {
		return errors.New("coordinates are not finite")
	}
	if im.Width <= 0 || im.Height <= 0 || len(im.Data) == 0 {
		return nil
	}
	pdf := pw.pdf
	// The name is derived from the data, so an image used on several pages
	// is embedded once and the output depends on nothing but the diagram.
	sum := sha256.Sum256(im.Data)
	name := "sopflow-" + hex.EncodeToString(sum[:16])
	size, ok := pw.imageSize[name]
	if !ok {
		data, tp, err := pdfImageData(im.Mime, im.Data)
		if err != nil {
			return err
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return err
		}
		if cfg.Width <= 0 || cfg.Height <= 0 {
			return errors.New("empty image")
		}
		size = [2]float64{float64(cfg.Width), float64(cfg.Height)}
		if pw.imageWidths[cfg.Width] {
			// fpdf orders image objects by pixel width alone, and images
			// of equal width in map order: give this one a width of its
			// own, repeating each column, which looks the same.
			if data, cfg.Width, err = pdfWidenImage(data, pw.imageWidths); err != nil {
				return err
			}
			tp = "png"
		}
		pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: tp}, bytes.NewReader(data))
		if err := pdf.Error(); err != nil {
			return err
		}
		pw.imageWidths[cfg.Width] = true
		pw.imageSize[name] = size
	}
	// Fit the image's own aspect ratio in the box.
	iw, ih := size[0], size[1]
	x, y, w, h := im.X, im.Y, im.Width, im.Height
	if sx, sy := w/iw, h/ih; sx < sy {
		h = ih * sx
		y += (im.Height - h) / 2
	} else {
		w = iw * sy
		x += (im.Width - w) / 2
	}
	pdf.ImageOptions(name, x, y, w, h, false, fpdf.ImageOptions{AllowNegativePosition: true}, 0, "")
	return nil
}

// pdfImageData checks an image and returns data fpdf can embed, with its
// fpdf image type. JPEGs pass through. PNGs are decoded (fpdf's own PNG
// reader trusts its input); those fpdf cannot embed as they are (16-bit,
// interlaced, palettes, transparency chunks) are re-encoded as 8-bit RGB(A).
func pdfImageData(mime string, data []byte) ([]byte, string, error) {
	switch mime {
	case "image/jpeg", "image/jpg":
		if _, err := jpeg.DecodeConfig(bytes.NewReader(data)); err != nil {
			return nil, "", fmt.Errorf("jpeg: %w", err)
		}
		return data, "jpg", nil
	case "image/png":
	default:
		return nil, "", fmt.Errorf("unsupported image type %q (want image/png or image/jpeg)", mime)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, "", fmt.Errorf("png: %w", err)
	}
	if pngEmbeddable(data) {
		return data, "png", nil
	}
	b := img.Bounds()
	rgba := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(rgba, rgba.Bounds(), img, b.Min, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, rgba); err != nil {
		return nil, "", fmt.Errorf("png: %w", err)
	}
	return buf.Bytes(), "png", nil
}

// pdfWidenImage returns img (PNG or JPEG data) as a PNG whose columns are
// each repeated m times, m the smallest factor above 1 giving a width not
// in taken, and that width.
func pdfWidenImage(data []byte, taken map[int]bool) ([]byte, int, error) {
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, 0, err
	}
	b := img.Bounds()
	m := 2
	for taken[b.Dx()*m] {
		m++
	}
	out := image.NewNRGBA(image.Rect(0, 0, b.Dx()*m, b.Dy()))
	for y := range b.Dy() {
		for x := range b.Dx() {
			c := color.NRGBAModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.NRGBA)
			for k := range m {
				out.SetNRGBA(x*m+k, y, c)
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, out); err != nil {
		return nil, 0, err
	}
	return buf.Bytes(), out.Rect.Dx(), nil
}

// pngEmbeddable reports whether fpdf reads a (valid) PNG correctly as it
// is: 8 bits per sample, not interlaced, gray or RGB with or without alpha,
// no tRNS chunk.
func pngEmbeddable(data []byte) bool {
	// Signature (8), IHDR length and type (8), width, height (8), then
	// bit depth, colour type, compression, filter, interlace.
	if len(data) < 29 || string(data[12:16]) != "IHDR" {
		return false
	}
	depth, ct, interlace := data[24], data[25], data[28]
	if depth != 8 || interlace != 0 || (ct != 0 && ct != 2 && ct != 4 && ct != 6) {
		return false
	}
	return !bytes.Contains(data, []byte("tRNS"))
}

// path adds p to the current path.
func (pw *pdfWriter) path(p Path) {
	pdf := pw.pdf
	for _, s := range p {
		switch {
		case s.op == opMove && len(s.pts) >= 1:
			pdf.MoveTo(s.pts[0][0], s.pts[0][1])
		case s.op == opLine && len(s.pts) >= 1:
			pdf.LineTo(s.pts[0][0], s.pts[0][1])
		case s.op == opCube && len(s.pts) >= 3:
			pdf.CurveBezierCubicTo(s.pts[0][0], s.pts[0][1], s.pts[1][0], s.pts[1][1], s.pts[2][0], s.pts[2][1])
		case s.op == opClose:
			pdf.ClosePath()
		}
	}
}

func (pw *pdfWriter) setLineWidth(w float64) {
	if w != pw.lineWidth {
		pw.pdf.SetLineWidth(w)
		pw.lineWidth = w
	}
}

func (pw *pdfWriter) setFill(white bool) {
	if white != pw.fillWhite {
		if white {
			pw.pdf.SetFillColor(255, 255, 255)
		} else {
			pw.pdf.SetFillColor(0, 0, 0)
		}
		pw.fillWhite = white
	}
}

func (pw *pdfWriter) setFont(bold bool, size float64) {
	if pw.fontSet && bold == pw.fontBold && size == pw.fontSize {
		return
	}
	style := ""
	if bold {
		style = "B"
	}
	pw.pdf.SetFont(pdfFamily, style, size)
	pw.fontSet, pw.fontBold, pw.fontSize = true, bold, size
}

// pdfSafe returns s as fpdf can write it: valid UTF-8 in the Basic
// Multilingual Plane (fpdf writes text as 16-bit character codes and
// indexes 64K tables with them). Each invalid byte and each rune above
// U+FFFF becomes U+FFFD, which the embedded faces lack: it is drawn and
// measured as the missing glyph, as Face.Width measures those runes.
func pdfSafe(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || r > 0xFFFF {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	buf := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xFFFF {
			r = utf8.RuneError
		}
		buf = utf8.AppendRune(buf, r)
	}
	return string(buf)
}

func pdfFinite(v ...float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

func pdfPathFinite(p Path) bool {
	for _, s := range p {
		for _, q := range s.pts {
			if !pdfFinite(q[0], q[1]) {
				return false
			}
		}
	}
	return true
}
