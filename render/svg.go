package render

import (
	"bufio"
	"fmt"
	"github.com/sopflow/sopflow/internal/xmlfmt"
	"io"
	"strconv"
)

// FontFamily is the CSS font family of SVG text.
const FontFamily = "Liberation Sans, Arial, Helvetica, sans-serif"

// pageGap separates stacked pages in one SVG.
const pageGap = 24.0

// WriteSVG writes d as SVG: one page (opt.Page) or all pages stacked. The
// SVG's size is in millimetres with a viewBox in points. Every element is on
// its own line; text is real <text>; classes name what each element is.
// Text uses the viewer's Liberation Sans or Arial, unless opt.EmbedFont
// embeds the glyphs used, so that the SVG looks the same everywhere.
func WriteSVG(w io.Writer, d *Diagram, opt WriteOptions) error {
	pages, err := selectPages(d, opt.Page)
	if err != nil {
		return err
	}
	width, height := 0.0, 0.0
	for i, p := range pages {
		width = max(width, p.Width)
		if i > 0 {
			height += pageGap
		}
		height += p.Height
	}
	b := bufio.NewWriter(w)
	family := FontFamily
	if opt.EmbedFont {
		family = svgFontFamily + ", " + FontFamily
	}
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" width="%smm" height="%smm" viewBox="0 0 %s %s" font-family="%s">`+"\n",
		num(width/Mm), num(height/Mm), num(width), num(height), family)
	fmt.Fprintf(b, "<title>%s</title>\n<desc>%s</desc>\n", esc(d.Title), esc(d.Desc))
	b.WriteString(`<style>.rule,.connector,.shape{fill:none;stroke:#000;stroke-linecap:butt}.shape{fill:#fff}.arrowhead{fill:#000}text{fill:#000}</style>` + "\n")
	if opt.EmbedFont {
		b.WriteString("<style>" + svgFontFaces(pages) + "</style>\n")
	}
	y := 0.0
	for i, p := range pages {
		if i > 0 {
			y += pageGap
		}
		writeSVGPage(b, &p, y)
		y += p.Height
	}
	b.WriteString("</svg>\n")
	return b.Flush()
}

func selectPages(d *Diagram, page int) ([]Page, error) {
	if d == nil || len(d.Pages) == 0 {
		return nil, fmt.Errorf("diagram has no pages")
	}
	if page == 0 {
		return d.Pages, nil
	}
	if page < 1 || page > len(d.Pages) {
		return nil, fmt.Errorf("page %d out of range 1..%d", page, len(d.Pages))
	}
	return d.Pages[page-1 : page], nil
}

// svgPainter writes a page's things as SVG elements.
type svgPainter struct {
	b   *bufio.Writer
	buf []byte
}

func (sp *svgPainter) image(_ int, im *Image) error {
	fmt.Fprintf(sp.b, `<image class="logo" x="%s" y="%s" width="%s" height="%s" preserveAspectRatio="xMidYMid meet" href="data:%s;base64,%s"/>`+"\n",
		num(im.X), num(im.Y), num(im.Width), num(im.Height), im.Mime, base64Std(im.Data))
	return nil
}

func (sp *svgPainter) rule(_ int, r *Rule) error {
	buf := append(sp.buf[:0], `<line class="rule" x1="`...)
	buf = appendNum(buf, r.X1)
	buf = append(buf, `" y1="`...)
	buf = appendNum(buf, r.Y1)
	buf = append(buf, `" x2="`...)
	buf = appendNum(buf, r.X2)
	buf = append(buf, `" y2="`...)
	buf = appendNum(buf, r.Y2)
	buf = append(buf, `" stroke-width="`...)
	buf = appendNum(buf, r.Width)
	buf = append(buf, "\"/>\n"...)
	sp.b.Write(buf)
	sp.buf = buf
	return nil
}

func (sp *svgPainter) shape(_ int, s *Shape, outline Path) error {
	buf := append(sp.buf[:0], `<path class="shape `...)
	if s.Step > 0 {
		buf = append(buf, "step "...) // a step's symbol; others are off-page connectors, pools, lanes
	}
	buf = append(buf, s.Kind...)
	buf = append(buf, `" id="`...)
	buf = appendEsc(buf, s.ID)
	buf = append(buf, `" d="`...)
	buf = appendPath(buf, outline)
	buf = append(buf, `" stroke-width="`...)
	buf = appendNum(buf, StrokeWidth(*s))
	buf = append(buf, '"')
	if s.Step > 0 {
		buf = append(buf, ` data-step="`...)
		buf = strconv.AppendInt(buf, int64(s.Step), 10)
		buf = append(buf, '"')
	}
	buf = append(buf, "/>\n"...)
	sp.b.Write(buf)
	sp.buf = buf
	return nil
}

// flow writes a line with hops as a path, a plain one as a polyline.
func (sp *svgPainter) flow(_ int, c *Connector, line Path, hopped bool, head Path) error {
	buf := sp.buf[:0]
	if hopped {
		buf = append(buf, `<path class="connector`...)
	} else {
		buf = append(buf, `<polyline class="connector`...)
	}
	if !c.Arrow {
		buf = append(buf, " join"...)
	}
	buf = append(buf, `" data-from="`...)
	buf = appendEsc(buf, c.From)
	buf = append(buf, `" data-to="`...)
	buf = appendEsc(buf, c.To)
	if hopped {
		buf = append(buf, `" d="`...)
		buf = appendPath(buf, line)
	} else {
		buf = append(buf, `" points="`...)
		for i, pt := range LinePoints(*c) {
			if i > 0 {
				buf = append(buf, ' ')
			}
			buf = append(appendNum(buf, pt[0]), ',')
			buf = appendNum(buf, pt[1])
		}
	}
	buf = append(buf, `" stroke-width="`...)
	buf = appendNum(buf, LineWidth(*c))
	buf = append(buf, "\"/>\n"...)
	if head != nil {
		buf = append(buf, `<path class="arrowhead" d="`...)
		buf = appendPath(buf, head)
		buf = append(buf, "\"/>\n"...)
	}
	sp.b.Write(buf)
	sp.buf = buf
	return nil
}

func (sp *svgPainter) text(_ int, t *Text) error {
	b := sp.b
	buf := append(sp.buf[:0], `<text class="`...)
	buf = append(buf, t.Class...)
	buf = append(buf, `" x="`...)
	buf = appendNum(buf, t.X)
	buf = append(buf, `" y="`...)
	buf = appendNum(buf, t.Y)
	buf = append(buf, `" font-size="`...)
	buf = appendNum(buf, t.Size)
	buf = append(buf, '"')
	if t.Bold {
		buf = append(buf, ` font-weight="bold"`...)
	}
	if t.Anchor != "" && t.Anchor != AnchorStart {
		buf = append(buf, ` text-anchor="`...)
		buf = append(buf, t.Anchor...)
		buf = append(buf, '"')
	}
	if t.Rotate {
		buf = append(buf, ` transform="rotate(-90 `...)
		buf = append(appendNum(buf, t.X), ' ')
		buf = appendNum(buf, t.Y)
		buf = append(buf, `)"`...)
	}
	buf = append(buf, '>')
	buf = appendEsc(buf, t.Text)
	buf = append(buf, "</text>\n"...)
	b.Write(buf)
	if t.Underline && !t.Rotate {
		start, w := TextAdvance(*t)
		th := UnderlineThickness * t.Size
		fmt.Fprintf(b, `<rect class="underline" x="%s" y="%s" width="%s" height="%s"/>`+"\n",
			num(t.X+start), num(t.Y+UnderlineOffset*t.Size-th/2), num(w), num(th))
	}
	sp.buf = buf
	return nil
}

func writeSVGPage(b *bufio.Writer, p *Page, y float64) {
	fmt.Fprintf(b, `<g class="page %s" data-page="%d"`, p.Kind, p.Number)
	if y != 0 {
		fmt.Fprintf(b, ` transform="translate(0 %s)"`, num(y))
	}
	b.WriteString(">\n")
	fmt.Fprintf(b, `<rect class="paper" x="0" y="0" width="%s" height="%s" fill="#fff"/>`+"\n", num(p.Width), num(p.Height))
	sp := svgPainter{b: b}
	drawPage(p, &sp) // writing to a bufio.Writer: its error is Flush's
	b.WriteString("</g>\n")
}

// appendPath appends p as SVG path data.
func appendPath(b []byte, p Path) []byte {
	for i, sg := range p {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, byte(sg.op))
		for j, pt := range sg.pts {
			if j > 0 {
				b = append(b, ' ')
			}
			b = append(appendNum(b, pt[0]), ' ')
			b = appendNum(b, pt[1])
		}
	}
	return b
}

// num and appendNum write a coordinate, esc and appendEsc text, as every
// XML writer of sopflow does (internal/xmlfmt).
func num(v float64) string                 { return xmlfmt.Num(v) }
func appendNum(b []byte, v float64) []byte { return xmlfmt.AppendNum(b, v) }
func esc(s string) string                  { return xmlfmt.Escape(s, false) }
func appendEsc(b []byte, s string) []byte  { return xmlfmt.AppendEscape(b, s, false) }
