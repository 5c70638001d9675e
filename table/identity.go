package table

import (
	"github.com/sopflow/sopflow/render"
	_ "image/jpeg" // logo formats
	_ "image/png"
	"math"
	"strconv"
	"strings"

	"github.com/sopflow/sopflow/flow"
)

// idBox collects the drawing of the identity page.
type idBox struct {
	pg   *render.Page
	size float64 // body text size
}

func (b *idBox) rule(x1, y1, x2, y2, w float64) {
	b.pg.Rules = append(b.pg.Rules, render.Rule{X1: round2(x1), Y1: round2(y1), X2: round2(x2), Y2: round2(y2), Width: w})
}

// text writes s wrapped in width from (x, y) downwards and returns the
// height used. align is AnchorStart or AnchorMiddle (then x is the
// centre).
func (b *idBox) text(x, y, width float64, s string, bold, underline bool, align render.Anchor, class string) float64 {
	f := render.FontFace(bold)
	lines := f.Wrap(s, b.size, width)
	if bold && align == render.AnchorMiddle {
		lines = balancedLines(s, b.size, width) // a centred heading: no word alone on its last line
	}
	h := 0.0
	for _, l := range lines {
		h += b.size * render.Leading
		b.pg.Texts = append(b.pg.Texts, render.Text{X: round2(x), Y: round2(y + h - f.Descent(b.size) - (render.Leading-1)*b.size/2),
			Size: b.size, Bold: bold, Underline: underline, Anchor: align, Class: class, Text: l})
	}
	return h
}

// list writes a numbered list (or "-" when empty) and returns its height.
func (b *idBox) list(x, y, width float64, items []string) float64 {
	if len(items) == 0 {
		return b.text(x, y, width, "-", false, false, render.AnchorStart, "identity")
	}
	f := render.FontFace(false)
	indent := f.Width(strconv.Itoa(len(items))+". ", b.size)
	h := 0.0
	for i, it := range items {
		num := strconv.Itoa(i+1) + "."
		b.pg.Texts = append(b.pg.Texts, render.Text{X: round2(x), Y: round2(y + h + b.size*render.Leading - f.Descent(b.size) - (render.Leading-1)*b.size/2),
			Size: b.size, Class: "identity", Text: num})
		h += b.text(x+indent, y+h, width-indent, it, false, false, render.AnchorStart, "identity")
	}
	return h
}

// SignatureSpace is the room under the approver's title on the identity
// page for the signature and the stamp.
const SignatureSpace = 25 * render.Mm

// identityPage lays out the identity page (Bagian Identitas, SOP-AP.md §2).
// The text shrinks from 9 pt down to 6 pt until the block fits the page;
// past that the page grows.
func identityPage(p *flow.Procedure, labels render.Labels, logo []byte, pageW, pageH, margin float64) (render.Page, error) {
	var img *render.Image
	if len(logo) > 0 {
		mime, w, h, err := render.LogoInfo(logo)
		if err != nil {
			return render.Page{}, err
		}
		img = &render.Image{Mime: mime, Data: logo, Width: float64(w), Height: float64(h)}
	}
	var pg render.Page
	for size := BodySize; ; size -= 0.5 {
		pg = drawIdentity(p, labels, img, pageW, pageH, margin, size)
		if pg.Height <= pageH || size <= 6 {
			break
		}
	}
	pg.Height = math.Max(pg.Height, pageH)
	return pg, nil
}

func drawIdentity(p *flow.Procedure, labels render.Labels, img *render.Image, pageW, pageH, margin, size float64) render.Page {
	pg := render.Page{Kind: render.PageIdentity, Width: pageW}
	b := &idBox{pg: &pg, size: size}
	id := p.Identity
	x0, y0 := margin, margin
	W := pageW - 2*margin
	L := math.Round(W * 0.48)
	xr := x0 + L
	labelW := math.Max(38*render.Mm, render.FontFace(true).Width(labels["created"], size)+2*cellPadX)
	colonW := 4 * render.Mm
	xv := xr + labelW + colonW
	valueW := x0 + W - xv - 2*cellPadX
	pad := cellPadY + 1

	// Right block: label : value rows.
	type item struct {
		label string
		draw  func(y float64) float64
	}
	plain := func(s string, bold bool) func(float64) float64 {
		return func(y float64) float64 {
			return b.text(xv+cellPadX, y, valueW, s, bold, false, render.AnchorStart, "identity")
		}
	}
	dash := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return "-"
		}
		return s
	}
	// The approver block (title, signature space, name, rank, NIP) is
	// centred in its cell, as hand-made SOPs set it.
	approver := func(y float64) float64 {
		a := id.Approver
		xc := xv + cellPadX + valueW/2
		h := b.text(xc, y, valueW, strings.ToUpper(dash(a.Title)), true, false, render.AnchorMiddle, "identity")
		h += SignatureSpace
		if a.Name != "" {
			h += b.text(xc, y+h, valueW, a.Name, true, true, render.AnchorMiddle, "identity")
		}
		if a.Rank != "" {
			h += b.text(xc, y+h, valueW, a.Rank, false, false, render.AnchorMiddle, "identity")
		}
		if a.NIP != "" {
			h += b.text(xc, y+h, valueW, labels["nip"]+" "+a.NIP, false, false, render.AnchorMiddle, "identity")
		}
		return h
	}
	items := []item{
		{labels["number"], plain(dash(id.Number), false)},
		{labels["created"], plain(render.FormatDate(id.Created, labels), false)},
		{labels["revised"], plain(render.FormatDate(id.Revised, labels), false)},
		{labels["effective"], plain(render.FormatDate(id.Effective, labels), false)},
		{labels["approved_by"], approver},
		{labels["name"], plain(strings.ToUpper(p.Name), true)},
	}
	y := y0
	var ys []float64
	for _, it := range items {
		ys = append(ys, y)
		hl := b.text(xr+cellPadX, y+pad, labelW-2*cellPadX, it.label, true, false, "start", "identity-label")
		b.pg.Texts = append(b.pg.Texts, render.Text{X: round2(xr + labelW + colonW/2), Y: round2(y + pad + size*render.Leading - render.FontFace(false).Descent(size) - (render.Leading-1)*size/2),
			Size: size, Anchor: render.AnchorMiddle, Class: "identity", Text: ":"})
		hv := it.draw(y + pad)
		y += math.Max(hl, hv) + 2*pad
	}
	rightH := y - y0

	// Left block: logo and unit lines, centred.
	var leftH float64
	{
		var h float64
		logoH := 0.0
		if img != nil {
			maxW, maxH := math.Min(L-20, 45*render.Mm), 28*render.Mm
			s := math.Min(maxW/img.Width, maxH/img.Height)
			logoH = img.Height * s
			h += logoH + 8
		}
		ub := &idBox{pg: &render.Page{}, size: size + 2}
		for _, u := range id.Unit {
			h += ub.text(0, 0, L-4*cellPadX, strings.ToUpper(u), true, false, render.AnchorMiddle, "unit")
		}
		leftH = h
		top := y0 + math.Max(0, (math.Max(rightH, h+20)-h)/2)
		if img != nil {
			s := logoH / img.Height
			pg.Images = append(pg.Images, render.Image{X: round2(x0 + L/2 - img.Width*s/2), Y: round2(top), Width: round2(img.Width * s), Height: round2(logoH), Mime: img.Mime, Data: img.Data})
			top += logoH + 8
		}
		ub.pg = &pg
		for _, u := range id.Unit {
			top += ub.text(x0+L/2, top, L-4*cellPadX, strings.ToUpper(u), true, false, render.AnchorMiddle, "unit")
		}
	}
	topH := math.Max(rightH, leftH+20)
	// Stretch the last right row to the block's height.
	yTop := y0 + topH

	// Rules of the top block.
	b.rule(x0, y0, x0+W, y0, ruleOuter)
	for _, yy := range ys[1:] {
		b.rule(xr, yy, x0+W, yy, ruleInner)
	}
	b.rule(xr, y0, xr, yTop, ruleInner)
	b.rule(xr+labelW, y0, xr+labelW, yTop, ruleInner)
	b.rule(xr+labelW+colonW, y0, xr+labelW+colonW, yTop, ruleInner)
	b.rule(x0, yTop, x0+W, yTop, ruleInner)

	// The three rows of lists.
	pairs := [][2]struct {
		key   string
		items []string
	}{
		{{"legal_basis", id.LegalBasis}, {"qualifications", id.Qualifications}},
		{{"related", id.Related}, {"equipment", id.Equipment}},
		{{"warnings", id.Warnings}, {"records", id.Records}},
	}
	y = yTop
	for _, pr := range pairs {
		h := 0.0
		for k, c := range pr {
			x, w := x0, L
			if k == 1 {
				x, w = xr, W-L
			}
			hh := b.text(x+cellPadX, y+pad, w-2*cellPadX, labels[c.key]+":", true, false, "start", "identity-label")
			hh += b.list(x+cellPadX, y+pad+hh, w-2*cellPadX, c.items)
			h = math.Max(h, hh)
		}
		y += h + 2*pad
		b.rule(x0, y, x0+W, y, ruleInner)
	}
	b.rule(x0, y, x0+W, y, ruleOuter)
	b.rule(x0, y0, x0, y, ruleOuter)
	b.rule(x0+W, y0, x0+W, y, ruleOuter)
	b.rule(xr, yTop, xr, y, ruleInner)
	pg.Height = math.Ceil(y + footerH + margin)
	return pg
}
