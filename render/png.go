package render

// PNG output: a pure Go rasterizer for one page of a Diagram.
//
// Why golang.org/x/image/vector and not github.com/fogleman/gg: vector is
// pure Go and comes with golang.org/x/image, already a dependency for sfnt
// (the font parser the layout measures text with); its accumulation loop is
// SIMD-accelerated on amd64. gg would add a module and, through it,
// github.com/golang/freetype, an unmaintained second font stack next to
// sfnt, only to stroke lines and draw glyphs. (gg was not benchmarked: it is
// not in go.mod. This writer draws a full A4 page at 150 dpi in about 10 ms
// before PNG encoding; see BenchmarkPNGRaster.) What vector lacks, stroking,
// is small here: every line of a Diagram is a butt-capped polyline or a
// flattened shape outline (see path.go), stroked below as filled quads plus
// miter (or bevel) joins.
//
// How the picture is built. The page is a canvas of white pixels, *image.Gray
// unless a placed image has colour (then *image.RGBA). Everything else is ink
// of one colour, so drawing reduces to filling closed polygons into a
// coverage mask with vector.Rasterizer and compositing that mask in black or
// white. The rasterizer adds up signed area, and takes the absolute value
// clamped to 1: pieces that overlap with the same orientation simply saturate,
// pieces with opposite orientations would cancel. Every polygon added here is
// therefore oriented the same way (positive shoelace area in device space,
// y down): stroke pieces, fills and glyphs (a glyph as a whole, so its holes
// stay holes). All black ink of a page goes into one layer, rasterized in one
// pass; a shape's white fill is painted at once as a small layer of its own,
// after flushing the black layer first only if that layer has ink under the
// fill (which keeps the painter's order exact).
//
// Two rasterization hints, the only departures from the exact geometry:
// strokes are at least one device pixel wide, and horizontal and vertical
// lines are moved by at most half a pixel so that their ink starts on a
// pixel boundary (pngSnap), so that table rules look even and sharp. Text is
// not hinted.

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // Image.Data may be JPEG
	"image/png"
	"io"
	"math"
	"sync"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

const (
	pngDefaultDPI = 150

	// pngMinStroke is the thinnest stroke drawn, in device pixels, so that a
	// hairline never fades away at a low resolution.
	pngMinStroke = 1.0
	// pngMiterLimit is the SVG default: joins sharper than about 29° are
	// bevelled.
	pngMiterLimit = 4.0
	// pngFlatness is the largest distance, in device pixels, between a curve
	// and the line segments that replace it.
	pngFlatness = 0.05

	// Limits against runaway memory and time: the page raster, one decoded
	// image, and device coordinates (beyond this a polygon is dropped).
	pngMaxPixels      = 1 << 26 // 67 Mpx, some 6 bytes each while drawing: A4 at 800 dpi fits
	pngMaxImagePixels = 50 << 20
	pngMaxCoord       = 1 << 18
)

// WritePNG draws one page of d (opt.Page, 1-based; 0 = the only page) at
// opt.DPI (default 150) as a PNG: black on white, greyscale unless a placed
// image has colour. The raster is page.Width*DPI/72 by page.Height*DPI/72
// pixels, rounded to the nearest pixel (A4 landscape at 150 dpi: 1754 x 1240).
// The output depends only on d and opt.
//
// A PNG holds one page: for a Diagram of several pages opt.Page must say
// which (0 is an error, ErrPageNeeded), so that no page is left out
// silently.
func WritePNG(w io.Writer, d *Diagram, opt WriteOptions) error {
	if d != nil && opt.Page == 0 && len(d.Pages) > 1 {
		return fmt.Errorf("png: %w: the diagram has %d pages; set WriteOptions.Page, once per page", ErrPageNeeded, len(d.Pages))
	}
	// Painters keep their buffers (some 15 MB at 150 dpi) for the next
	// page; each page is drawn from a clean state.
	p, _ := pngPainters.Get().(*pngPainter)
	if p == nil {
		p = new(pngPainter)
	}
	defer pngPainters.Put(p)
	img, err := p.page(d, opt)
	if err != nil {
		return err
	}
	// BestSpeed: on a full flowchart page (large white areas, thin lines,
	// small text) it writes a file 4% larger than DefaultCompression in
	// about 60% of the time (A4 at 150 dpi: 163 kB in 14 ms against 156 kB
	// in 21 ms; BestCompression: 151 kB in 180 ms); see BenchmarkPNGEncode.
	enc := png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: pngEncoderPool{}}
	return enc.Encode(w, img)
}

var pngPainters sync.Pool

// rasterPage draws the selected page of d.
func rasterPage(d *Diagram, opt WriteOptions) (image.Image, error) {
	return new(pngPainter).page(d, opt)
}

// page draws the selected page of d. The image is p's until p draws again.
func (p *pngPainter) page(d *Diagram, opt WriteOptions) (image.Image, error) {
	if d == nil {
		return nil, errors.New("png: no diagram")
	}
	if len(d.Pages) == 0 {
		return nil, errors.New("png: the diagram has no pages")
	}
	n := opt.Page
	if n == 0 {
		n = 1
	}
	if n < 1 || n > len(d.Pages) {
		return nil, fmt.Errorf("png: page %d out of range (the diagram has %d pages)", opt.Page, len(d.Pages))
	}
	pg := &d.Pages[n-1]
	dpi := opt.DPI
	if dpi == 0 {
		dpi = pngDefaultDPI
	}
	if !(dpi > 0) || math.IsInf(dpi, 0) {
		return nil, fmt.Errorf("png: invalid resolution %v dpi", dpi)
	}
	if !(pg.Width > 0) || !(pg.Height > 0) || math.IsInf(pg.Width, 0) || math.IsInf(pg.Height, 0) {
		return nil, fmt.Errorf("png: page %d has no area (%v x %v pt)", n, pg.Width, pg.Height)
	}
	s := dpi / 72
	fw := math.Max(1, math.Round(pg.Width*s))
	fh := math.Max(1, math.Round(pg.Height*s))
	if fw*fh > pngMaxPixels {
		return nil, fmt.Errorf("png: %w: page %d at %v dpi would be %.0f x %.0f pixels; use a lower resolution", ErrTooLarge, n, dpi, fw, fh)
	}

	p.reset(s, int(fw), int(fh))
	if err := p.canvas(pg.Images); err != nil {
		return nil, err
	}
	if err := drawPage(pg, p); err != nil {
		return nil, err
	}
	p.flush(&p.black, false)
	if p.rgba != nil {
		return p.rgba, nil
	}
	return p.gray, nil
}

// pngPt is a point in device pixels.
type pngPt struct{ x, y float64 }

// pngBox is a rectangle of pixels, x0 <= x < x1, y0 <= y < y1.
type pngBox struct{ x0, y0, x1, y1 int }

func (b pngBox) empty() bool { return b.x0 >= b.x1 || b.y0 >= b.y1 }

func (b pngBox) overlaps(c pngBox) bool {
	return b.x0 < c.x1 && c.x0 < b.x1 && b.y0 < c.y1 && c.y0 < b.y1
}

func (b pngBox) union(c pngBox) pngBox {
	if b.empty() {
		return c
	}
	return pngBox{min(b.x0, c.x0), min(b.y0, c.y0), max(b.x1, c.x1), max(b.y1, c.y1)}
}

// pngLayer is a set of closed polygons to be filled with one colour.
type pngLayer struct {
	pts   []float32 // x, y pairs of all polygons, in device pixels
	ends  []int     // the end of each polygon in pts
	boxes []pngBox  // the pixels each polygon may touch
	box   pngBox    // their union
}

func (l *pngLayer) reset() {
	l.pts, l.ends, l.boxes, l.box = l.pts[:0], l.ends[:0], l.boxes[:0], pngBox{}
}

// inks reports whether a polygon of l may touch a pixel of b.
func (l *pngLayer) inks(b pngBox) bool {
	if !l.box.overlaps(b) {
		return false
	}
	for _, c := range l.boxes {
		if c.overlaps(b) {
			return true
		}
	}
	return false
}

// pngPainter draws one page.
type pngPainter struct {
	s    float64 // device pixels per point
	w, h int
	gray *image.Gray // the canvas: gray, or rgba when an image has colour
	rgba *image.RGBA

	grayPix []byte // kept from page to page

	black, white pngLayer
	z            vector.Rasterizer
	mask         []byte
	poly         []pngPt // scratch polygon
	line         []pngPt // scratch polyline

	shift pngPt // added to the points of paths, in device pixels

	buf    sfnt.Buffer
	glyphs map[pngGlyphKey]*pngGlyph
}

// reset prepares p for a page of w x h pixels at s pixels per point.
func (p *pngPainter) reset(s float64, w, h int) {
	p.s, p.w, p.h = s, w, h
	p.gray, p.rgba = nil, nil
	p.black.reset()
	p.white.reset()
	p.shift = pngPt{}
	clear(p.glyphs) // glyphs are cached for one page
}

// lineWidth returns a stroke width in device pixels.
func (p *pngPainter) lineWidth(pt float64) float64 {
	w := pt * p.s
	if !(w >= pngMinStroke) { // also NaN
		w = pngMinStroke
	}
	return w
}

// add appends polygon c to layer l; it is implicitly closed. With orient, it
// is reversed if needed to have a positive area. Polygons with fewer than
// three points, with coordinates that are not finite or absurdly large, or
// entirely off the page are dropped.
func (p *pngPainter) add(l *pngLayer, c []pngPt, orient bool) {
	if len(c) < 3 {
		return
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, q := range c {
		if !(math.Abs(q.x) <= pngMaxCoord && math.Abs(q.y) <= pngMaxCoord) {
			return
		}
		x0, x1 = math.Min(x0, q.x), math.Max(x1, q.x)
		y0, y1 = math.Min(y0, q.y), math.Max(y1, q.y)
	}
	b := pngBox{
		max(0, int(math.Floor(x0))), max(0, int(math.Floor(y0))),
		min(p.w, int(math.Ceil(x1))), min(p.h, int(math.Ceil(y1))),
	}
	if b.empty() {
		return
	}
	if orient && pngArea(c) < 0 {
		for i := len(c) - 1; i >= 0; i-- {
			l.pts = append(l.pts, float32(c[i].x), float32(c[i].y))
		}
	} else {
		for _, q := range c {
			l.pts = append(l.pts, float32(q.x), float32(q.y))
		}
	}
	l.ends = append(l.ends, len(l.pts))
	l.boxes = append(l.boxes, b)
	l.box = l.box.union(b)
}

// pngArea returns twice the signed area of polygon c (positive when it turns
// clockwise on the screen).
func pngArea(c []pngPt) float64 {
	a := 0.0
	q := c[len(c)-1]
	for _, r := range c {
		a += q.x*r.y - r.x*q.y
		q = r
	}
	return a
}

// flush rasterizes layer l and composites it onto the canvas in black or
// white, then empties l.
func (p *pngPainter) flush(l *pngLayer, white bool) {
	defer l.reset()
	b := l.box
	if len(l.ends) == 0 || b.empty() {
		return
	}
	bw, bh := b.x1-b.x0, b.y1-b.y0
	p.z.Reset(bw, bh)
	ox, oy := float32(b.x0), float32(b.y0)
	start := 0
	for _, end := range l.ends {
		c := l.pts[start:end]
		p.z.MoveTo(c[0]-ox, c[1]-oy)
		for i := 2; i < len(c); i += 2 {
			p.z.LineTo(c[i]-ox, c[i+1]-oy)
		}
		p.z.ClosePath()
		start = end
	}
	if cap(p.mask) < bw*bh {
		p.mask = make([]byte, bw*bh)
	}
	// A mask with the rasterizer's own bounds takes vector's fast
	// (SIMD) path; draw.Src overwrites it, so it need not be cleared.
	m := &image.Alpha{Pix: p.mask[:bw*bh], Stride: bw, Rect: image.Rect(0, 0, bw, bh)}
	p.z.DrawOp = draw.Src
	p.z.Draw(m, m.Rect, image.Opaque, image.Point{})

	for y := b.y0; y < b.y1; y++ {
		mr := m.Pix[(y-b.y0)*bw : (y-b.y0+1)*bw]
		if p.gray != nil {
			o := y*p.gray.Stride + b.x0
			pngInk(p.gray.Pix[o:o+bw], mr, white)
			continue
		}
		o := y*p.rgba.Stride + 4*b.x0
		row := p.rgba.Pix[o : o+4*bw]
		for i, a := range mr {
			if a != 0 {
				row[4*i] = pngInk1(row[4*i], a, white)
				row[4*i+1] = pngInk1(row[4*i+1], a, white)
				row[4*i+2] = pngInk1(row[4*i+2], a, white)
			}
		}
	}
}

// pngInk paints black or white through coverage mask m onto grey pixels d.
func pngInk(d, m []byte, white bool) {
	d = d[:len(m)]
	for i, a := range m {
		switch a {
		case 0:
		case 255:
			if white {
				d[i] = 255
			} else {
				d[i] = 0
			}
		default:
			d[i] = pngInk1(d[i], a, white)
		}
	}
}

func pngInk1(d, a byte, white bool) byte {
	if white {
		return d + byte((uint32(255-d)*uint32(a)+127)/255)
	}
	return byte((uint32(d)*uint32(255-a) + 127) / 255)
}

// canvas makes the white page and draws the images onto it. The canvas is
// greyscale unless an image has colour.
// image does nothing: canvas has drawn the page's images, since it must see
// them all to choose a grey or a colour canvas.
func (p *pngPainter) image(int, *Image) error { return nil }

func (p *pngPainter) rule(_ int, r *Rule) error {
	s := p.s
	lw := p.lineWidth(r.Width)
	line := []pngPt{{r.X1 * s, r.Y1 * s}, {r.X2 * s, r.Y2 * s}}
	pngSnap(line, false, lw)
	p.stroke(line, false, lw)
	return nil
}

func (p *pngPainter) shape(_ int, sh *Shape, o Path) error {
	p.white.reset()
	p.fill(o, &p.white)
	if len(p.white.ends) > 0 {
		if p.black.inks(p.white.box) {
			p.flush(&p.black, false)
		}
		p.flush(&p.white, true)
	}
	p.strokePath(o, p.lineWidth(StrokeWidth(*sh)))
	return nil
}

// flow strokes the line, snapped to the pixel grid, and fills the
// arrowhead moved with the line's end.
func (p *pngPainter) flow(_ int, c *Connector, line Path, _ bool, head Path) error {
	lw := p.lineWidth(LineWidth(*c))
	var shift pngPt
	p.subpaths(line, func(dev []pngPt, _ bool) {
		end := dev[len(dev)-1]
		pngSnap(dev, false, lw)
		p.stroke(dev, false, lw)
		shift = pngPt{dev[len(dev)-1].x - end.x, dev[len(dev)-1].y - end.y}
	})
	if head != nil {
		p.shift = shift
		p.fill(head, &p.black)
		p.shift = pngPt{}
	}
	return nil
}

func (p *pngPainter) canvas(imgs []Image) error {
	page := image.Rect(0, 0, p.w, p.h)
	var rgba *image.RGBA
	var drawn pngBox
	for i, im := range imgs {
		if len(im.Data) == 0 {
			continue // e.g. a Diagram read back from JSON, which omits Data
		}
		x0, y0 := im.X*p.s, im.Y*p.s
		x1, y1 := (im.X+im.Width)*p.s, (im.Y+im.Height)*p.s
		if !(math.Abs(x0) <= pngMaxCoord && math.Abs(y0) <= pngMaxCoord && math.Abs(x1) <= pngMaxCoord && math.Abs(y1) <= pngMaxCoord) {
			return fmt.Errorf("png: image %d: box out of range", i+1)
		}
		dr := image.Rect(int(math.Round(x0)), int(math.Round(y0)), int(math.Round(x1)), int(math.Round(y1)))
		if dr.Empty() || !dr.Overlaps(page) {
			continue
		}
		if dr.Dx() > 4*p.w+1 || dr.Dy() > 4*p.h+1 {
			return fmt.Errorf("png: image %d: box much larger than the page", i+1)
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(im.Data))
		if err != nil {
			return fmt.Errorf("png: image %d (%s): %w", i+1, im.Mime, err)
		}
		if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > pngMaxImagePixels {
			return fmt.Errorf("png: image %d: unsupported size %d x %d", i+1, cfg.Width, cfg.Height)
		}
		src, _, err := image.Decode(bytes.NewReader(im.Data))
		if err != nil {
			return fmt.Errorf("png: image %d (%s): %w", i+1, im.Mime, err)
		}
		if rgba == nil {
			rgba = image.NewRGBA(page)
			pngFill(rgba.Pix)
		}
		xdraw.CatmullRom.Scale(rgba, dr, src, src.Bounds(), xdraw.Over, nil)
		r := dr.Intersect(page)
		drawn = drawn.union(pngBox{r.Min.X, r.Min.Y, r.Max.X, r.Max.Y})
	}
	if rgba != nil && pngColour(rgba, drawn) {
		p.rgba = rgba
		return nil
	}
	if n := p.w * p.h; cap(p.grayPix) >= n {
		p.gray = &image.Gray{Pix: p.grayPix[:n], Stride: p.w, Rect: page}
	} else {
		p.gray = image.NewGray(page)
		p.grayPix = p.gray.Pix
	}
	if rgba == nil {
		pngFill(p.gray.Pix)
		return nil
	}
	for i := range p.gray.Pix {
		p.gray.Pix[i] = rgba.Pix[4*i] // R = G = B
	}
	return nil
}

// pngFill sets every byte of b to 0xff.
func pngFill(b []byte) {
	if len(b) == 0 {
		return
	}
	b[0] = 0xff
	for n := 1; n < len(b); n *= 2 {
		copy(b[n:], b[:n])
	}
}

// pngColour reports whether a pixel of m in b is not grey. m is opaque.
func pngColour(m *image.RGBA, b pngBox) bool {
	for y := b.y0; y < b.y1; y++ {
		o := y*m.Stride + 4*b.x0
		row := m.Pix[o : o+4*(b.x1-b.x0)]
		for i := 0; i < len(row); i += 4 {
			if row[i] != row[i+1] || row[i+1] != row[i+2] {
				return true
			}
		}
	}
	return false
}

// stroke adds to the black layer the stroke of width lw of the polyline pts
// (device pixels), closed or with butt caps, with miter joins (bevelled
// beyond the miter limit).
func (p *pngPainter) stroke(pts []pngPt, closed bool, lw float64) {
	// Drop repeated points: a zero-length segment has no direction.
	q := p.line[:0]
	for _, r := range pts {
		if len(q) == 0 || math.Hypot(r.x-q[len(q)-1].x, r.y-q[len(q)-1].y) > 1e-3 {
			q = append(q, r)
		}
	}
	p.line = q
	if closed && len(q) > 2 && math.Hypot(q[0].x-q[len(q)-1].x, q[0].y-q[len(q)-1].y) <= 1e-3 {
		q = q[:len(q)-1]
	}
	n := len(q)
	if n < 2 {
		return
	}
	if n == 2 {
		closed = false
	}
	hw := lw / 2
	segs := n - 1
	if closed {
		segs = n
	}
	for i := 0; i < segs; i++ {
		a, b := q[i], q[(i+1)%n]
		l := math.Hypot(b.x-a.x, b.y-a.y)
		nx, ny := -(b.y-a.y)/l*hw, (b.x-a.x)/l*hw
		p.poly = append(p.poly[:0], pngPt{a.x + nx, a.y + ny}, pngPt{b.x + nx, b.y + ny}, pngPt{b.x - nx, b.y - ny}, pngPt{a.x - nx, a.y - ny})
		p.add(&p.black, p.poly, true)
	}
	for i := 0; i < n; i++ {
		if !closed && (i == 0 || i == n-1) {
			continue
		}
		p.join(q[(i+n-1)%n], q[i], q[(i+1)%n], hw)
	}
}

// join adds the piece that fills the outer corner at v between the strokes
// of a-v and v-b: the miter, or the bevel when the miter would be longer
// than pngMiterLimit stroke widths. It only touches the two segments' quads
// along their ends, so the corner's edge pixels are not inked twice.
func (p *pngPainter) join(a, v, b pngPt, hw float64) {
	l1, l2 := math.Hypot(v.x-a.x, v.y-a.y), math.Hypot(b.x-v.x, b.y-v.y)
	d1x, d1y := (v.x-a.x)/l1, (v.y-a.y)/l1
	d2x, d2y := (b.x-v.x)/l2, (b.y-v.y)/l2
	cross := d1x*d2y - d1y*d2x
	dot := d1x*d2x + d1y*d2y
	if math.Abs(cross) < 1e-9 {
		return // straight on, or turning back (no corner to fill)
	}
	// The outer side is to the left of the turn.
	s := hw
	if cross > 0 {
		s = -hw
	}
	n1 := pngPt{-d1y * s, d1x * s}
	n2 := pngPt{-d2y * s, d2x * s}
	A := pngPt{v.x + n1.x, v.y + n1.y}
	B := pngPt{v.x + n2.x, v.y + n2.y}
	// The miter is 1/sin(φ/2) stroke widths long, φ the angle between the
	// segments: 1/sin(φ/2) <= limit <=> (1+dot)/2 >= 1/limit².
	if (1+dot)/2 >= 1/(pngMiterLimit*pngMiterLimit) {
		k := 1 / (1 + dot)
		M := pngPt{v.x + (n1.x+n2.x)*k, v.y + (n1.y+n2.y)*k}
		p.poly = append(p.poly[:0], v, A, M, B)
	} else {
		p.poly = append(p.poly[:0], v, A, B)
	}
	p.add(&p.black, p.poly, true)
}

// subpaths calls fn with each subpath of path, flattened to device pixels.
// The slice passed to fn is reused.
func (p *pngPainter) subpaths(path Path, fn func(pts []pngPt, closed bool)) {
	var cur []pngPt
	var start pngPt
	have := false
	emit := func(closed bool) {
		if len(cur) > 0 {
			fn(cur, closed)
		}
		cur = cur[:0]
	}
	// begin makes sure the subpath has its first point: after a opClose, or
	// when the path does not start with a opMove.
	begin := func(q pngPt) {
		if !have {
			start, have = q, true
		}
		if len(cur) == 0 {
			cur = append(cur, start)
		}
	}
	for _, sg := range path {
		if len(sg.pts) < pngSegPts(sg.op) {
			continue
		}
		switch sg.op {
		case opMove:
			emit(false)
			start, have = p.dev(sg.pts[0]), true
			cur = append(cur, start)
		case opLine:
			q := p.dev(sg.pts[0])
			begin(q)
			cur = append(cur, q)
		case opCube:
			e := p.dev(sg.pts[2])
			begin(e)
			cur = pngCubic(cur, cur[len(cur)-1], p.dev(sg.pts[0]), p.dev(sg.pts[1]), e)
		case opClose:
			emit(true)
		}
	}
	emit(false)
}

// dev returns a point of a path in device pixels.
func (p *pngPainter) dev(q [2]float64) pngPt {
	return pngPt{q[0]*p.s + p.shift.x, q[1]*p.s + p.shift.y}
}

func pngSegPts(op pathOp) int {
	switch op {
	case opMove, opLine:
		return 1
	case opCube:
		return 3
	}
	return 0
}

// fill adds the filled path to layer l, each subpath as one polygon oriented
// positively (paths with holes are not supported, and not drawn by Outline or
// ArrowHead).
func (p *pngPainter) fill(path Path, l *pngLayer) {
	p.subpaths(path, func(pts []pngPt, _ bool) { p.add(l, pts, true) })
}

// strokePath adds the stroke of path to the black layer, its horizontal and
// vertical lines snapped (see pngSnap).
func (p *pngPainter) strokePath(path Path, lw float64) {
	p.subpaths(path, func(pts []pngPt, closed bool) {
		pngSnap(pts, closed, lw)
		p.stroke(pts, closed, lw)
	})
}

// pngSnap moves the vertices of a polyline to be stroked lw pixels wide so
// that its horizontal and vertical segments start their ink on a pixel
// boundary: the x of each vertex on a vertical segment and the y of each
// vertex on a horizontal segment move by at most half a pixel. The width is
// kept. Without it a 0.5 pt rule at 150 dpi (1.04 px) would be drawn as one
// or two grey pixels depending on where it falls, and a table's rules would
// look uneven; PDF viewers do the same ("stroke adjustment").
func pngSnap(q []pngPt, closed bool, lw float64) {
	n := len(q)
	const eps = 1e-6
	snap := func(c float64) float64 { return math.Round(c-lw/2) + lw/2 }
	segs := n - 1
	if closed {
		segs = n
	}
	var buf [16]uint8
	flags := buf[:0]
	if n > len(buf) {
		flags = make([]uint8, n)
	}
	flags = flags[:n]
	for i := 0; i < segs; i++ {
		j := (i + 1) % n
		dx, dy := q[j].x-q[i].x, q[j].y-q[i].y
		switch {
		case math.Abs(dx) < eps && math.Abs(dy) < eps:
		case math.Abs(dx) < eps:
			flags[i] |= 1
			flags[j] |= 1
		case math.Abs(dy) < eps:
			flags[i] |= 2
			flags[j] |= 2
		}
	}
	for i, f := range flags {
		if f&1 != 0 {
			q[i].x = snap(q[i].x)
		}
		if f&2 != 0 {
			q[i].y = snap(q[i].y)
		}
	}
}

// pngCubic appends the points of the cubic Bézier p0 c1 c2 p3 after p0,
// enough for pngFlatness (Wang's formula).
func pngCubic(dst []pngPt, p0, c1, c2, p3 pngPt) []pngPt {
	dd := math.Max(
		math.Hypot(p0.x-2*c1.x+c2.x, p0.y-2*c1.y+c2.y),
		math.Hypot(c1.x-2*c2.x+p3.x, c1.y-2*c2.y+p3.y))
	n := pngSteps(0.75 * dd)
	for i := 1; i < n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
		dst = append(dst, pngPt{a*p0.x + b*c1.x + c*c2.x + d*p3.x, a*p0.y + b*c1.y + c*c2.y + d*p3.y})
	}
	return append(dst, p3)
}

// pngQuad appends the points of the quadratic Bézier p0 c p1 after p0.
func pngQuad(dst []pngPt, p0, c, p1 pngPt) []pngPt {
	n := pngSteps(0.25 * math.Hypot(p0.x-2*c.x+p1.x, p0.y-2*c.y+p1.y))
	for i := 1; i < n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		a, b, d := u*u, 2*u*t, t*t
		dst = append(dst, pngPt{a*p0.x + b*c.x + d*p1.x, a*p0.y + b*c.y + d*p1.y})
	}
	return append(dst, p1)
}

// pngSteps returns the number of line segments for a curve whose Wang
// constant is k.
func pngSteps(k float64) int {
	n := math.Ceil(math.Sqrt(k / pngFlatness))
	if !(n >= 1) {
		return 1
	}
	return int(math.Min(n, 256))
}

// pngGlyphKey identifies one glyph outline at one size in pixels per em.
type pngGlyphKey struct {
	bold bool
	g    sfnt.GlyphIndex
	ppem float64
}

// pngGlyph is a flattened glyph outline in pixels, relative to its origin on
// the baseline, y down, oriented positively as a whole.
type pngGlyph struct {
	adv  float64 // advance width in pixels
	pts  []pngPt
	ends []int
}

// glyph returns glyph g of face f at ppem pixels per em, cached for the
// page.
func (p *pngPainter) glyph(f *Face, bold bool, g sfnt.GlyphIndex, ppem float64) *pngGlyph {
	key := pngGlyphKey{bold, g, ppem}
	if gl, ok := p.glyphs[key]; ok {
		return gl
	}
	if p.glyphs == nil {
		p.glyphs = make(map[pngGlyphKey]*pngGlyph)
	}
	gl := &pngGlyph{}
	p.glyphs[key] = gl
	// At ppem = unitsPerEm/64, sfnt's 26.6 values are font units.
	upem := fixed.Int26_6(f.sfnt.UnitsPerEm())
	k := ppem / float64(upem)
	if a, err := f.sfnt.GlyphAdvance(&p.buf, g, upem, font.HintingNone); err == nil {
		gl.adv = float64(a) * k
	}
	segs, err := f.sfnt.LoadGlyph(&p.buf, g, upem, nil)
	if err != nil {
		return gl
	}
	pt := func(v fixed.Point26_6) pngPt { return pngPt{float64(v.X) * k, float64(v.Y) * k} }
	start := 0
	for _, sg := range segs {
		switch sg.Op {
		case sfnt.SegmentOpMoveTo:
			if len(gl.pts) > start {
				gl.ends = append(gl.ends, len(gl.pts))
			}
			start = len(gl.pts)
			gl.pts = append(gl.pts, pt(sg.Args[0]))
		case sfnt.SegmentOpLineTo:
			gl.pts = append(gl.pts, pt(sg.Args[0]))
		case sfnt.SegmentOpQuadTo:
			if len(gl.pts) > start {
				gl.pts = pngQuad(gl.pts, gl.pts[len(gl.pts)-1], pt(sg.Args[0]), pt(sg.Args[1]))
			}
		case sfnt.SegmentOpCubeTo:
			if len(gl.pts) > start {
				gl.pts = pngCubic(gl.pts, gl.pts[len(gl.pts)-1], pt(sg.Args[0]), pt(sg.Args[1]), pt(sg.Args[2]))
			}
		}
	}
	if len(gl.pts) > start {
		gl.ends = append(gl.ends, len(gl.pts))
	}
	// Outer contours and holes turn opposite ways; make the ink positive.
	area, s := 0.0, 0
	for _, e := range gl.ends {
		if e-s >= 3 {
			area += pngArea(gl.pts[s:e])
		}
		s = e
	}
	if area < 0 {
		s = 0
		for _, e := range gl.ends {
			c := gl.pts[s:e]
			for i, j := 0, len(c)-1; i < j; i, j = i+1, j-1 {
				c[i], c[j] = c[j], c[i]
			}
			s = e
		}
	}
	return gl
}

// text adds a line of text to the black layer: its glyphs on the baseline
// at (t.X, t.Y), placed by their advance widths as Face.Width measures them
// (no kerning), and its underline.
func (p *pngPainter) text(_ int, t *Text) error {
	p.textAt(t)
	return nil
}

func (p *pngPainter) textAt(t *Text) {
	if t.Text == "" || !(t.Size > 0) || math.IsInf(t.Size, 0) {
		return
	}
	f := FontFace(t.Bold)
	ppem := t.Size * p.s
	u0, w := TextAdvance(*t) // where the text starts, along the baseline from the anchor
	u0, w = u0*p.s, w*p.s
	ox, oy := t.X*p.s, t.Y*p.s
	// (u, v): along the baseline and down from it, in pixels.
	at := func(u, v float64) pngPt {
		if t.Rotate { // turned 90° counter-clockwise: reads bottom to top
			return pngPt{ox + v, oy - u}
		}
		return pngPt{ox + u, oy + v}
	}
	pen := u0
	for _, r := range t.Text {
		g, err := f.sfnt.GlyphIndex(&p.buf, r)
		if err != nil {
			g = 0
		}
		gl := p.glyph(f, t.Bold, g, ppem)
		s := 0
		for _, e := range gl.ends {
			p.poly = p.poly[:0]
			for _, q := range gl.pts[s:e] {
				p.poly = append(p.poly, at(pen+q.x, q.y))
			}
			p.add(&p.black, p.poly, false)
			s = e
		}
		pen += gl.adv
	}
	if t.Underline && w > 0 {
		th := math.Max(UnderlineThickness*ppem, pngMinStroke)
		v := UnderlineOffset * ppem
		p.poly = append(p.poly[:0], at(u0, v-th/2), at(u0+w, v-th/2), at(u0+w, v+th/2), at(u0, v+th/2))
		p.add(&p.black, p.poly, true)
	}
}

// pngEncoderPool lets successive WritePNG calls share the encoder's buffers.
type pngEncoderPool struct{}

var pngEncoderBuffers sync.Pool

func (pngEncoderPool) Get() *png.EncoderBuffer {
	b, _ := pngEncoderBuffers.Get().(*png.EncoderBuffer)
	return b
}

func (pngEncoderPool) Put(b *png.EncoderBuffer) { pngEncoderBuffers.Put(b) }
