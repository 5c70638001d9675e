package render

import (
	"math"
	"slices"
)

// pathOp is a path operation.
type pathOp byte

// Path operations: move, line, cubic Bézier (two control points and an end
// point), close.
const (
	opMove  pathOp = 'M'
	opLine  pathOp = 'L'
	opCube  pathOp = 'C'
	opClose pathOp = 'Z'
)

// pathSeg is one path operation with its points (1 for M and L, 3 for C, 0 for Z).
type pathSeg struct {
	op  pathOp
	pts [][2]float64
}

// Path is an outline, drawn the same by every writer.
type Path []pathSeg

func (p *Path) move(x, y float64) { *p = append(*p, pathSeg{opMove, [][2]float64{{x, y}}}) }
func (p *Path) line(x, y float64) { *p = append(*p, pathSeg{opLine, [][2]float64{{x, y}}}) }
func (p *Path) close()            { *p = append(*p, pathSeg{op: opClose}) }
func (p *Path) cube(x1, y1, x2, y2, x, y float64) {
	*p = append(*p, pathSeg{opCube, [][2]float64{{x1, y1}, {x2, y2}, {x, y}}})
}

// kappa places the control points of a cubic Bézier quarter circle.
const kappa = 0.5522847498

// quarter appends a quarter-circle arc from the current point (cx+r*cos(a0), ...)
// to the angle a0+90° (or -90° when ccw); angles in degrees, y down.
func (p *Path) quarter(cx, cy, r float64, a0 float64, ccw bool) {
	d := 90.0
	if ccw {
		d = -90
	}
	s0, c0 := math.Sincos(a0 * math.Pi / 180)
	s1, c1 := math.Sincos((a0 + d) * math.Pi / 180)
	k := kappa * r
	if ccw {
		k = -k
	}
	x0, y0 := cx+r*c0, cy+r*s0
	x1, y1 := cx+r*c1, cy+r*s1
	// Tangent at angle a is (-sin a, cos a) for increasing angle.
	p.cube(x0-k*s0, y0+k*c0, x1+k*s1, y1-k*c1, x1, y1)
}

// roundRect returns a rectangle with corners of radius r (r = h/2 gives a
// stadium).
func roundRect(x, y, w, h, r float64) Path {
	r = math.Min(r, math.Min(w, h)/2)
	var p Path
	p.move(x+r, y)
	p.line(x+w-r, y)
	p.quarter(x+w-r, y+r, r, -90, false)
	p.line(x+w, y+h-r)
	p.quarter(x+w-r, y+h-r, r, 0, false)
	p.line(x+r, y+h)
	p.quarter(x+r, y+h-r, r, 90, false)
	p.line(x, y+r)
	p.quarter(x+r, y+r, r, 180, false)
	p.close()
	return p
}

func circle(cx, cy, r float64) Path {
	var p Path
	p.move(cx+r, cy)
	for a := 0.0; a < 360; a += 90 {
		p.quarter(cx, cy, r, a, false)
	}
	p.close()
	return p
}

func polygon(pts ...[2]float64) Path {
	if len(pts) == 0 {
		return Path{{op: opClose}}
	}
	// As move, line, ..., close would build it, with one array for the
	// points and one for the operations.
	own := slices.Clone(pts)
	p := make(Path, len(pts), len(pts)+1)
	for i := range own {
		p[i] = pathSeg{opLine, own[i : i+1 : i+1]}
	}
	p[0].op = opMove
	p.close()
	return p
}

// linkEvent returns the outline of a link event of radius r centred at
// (cx, cy): two circles and a block arrow.
func linkEvent(cx, cy, r float64, filled bool) Path {
	p := circle(cx, cy, r)
	p = append(p, circle(cx, cy, r-2.5)...)
	// The arrow: a shaft and a head, about half the inner diameter long.
	a := r * 0.5
	x0, xm, x1 := cx-a, cx+a*0.1, cx+a
	sh, hh := a*0.3, a*0.7 // half heights of the shaft and of the head
	arrow := polygon([2]float64{x0, cy - sh}, [2]float64{xm, cy - sh}, [2]float64{xm, cy - hh},
		[2]float64{x1, cy}, [2]float64{xm, cy + hh}, [2]float64{xm, cy + sh}, [2]float64{x0, cy + sh})
	p = append(p, arrow...)
	if filled {
		// Horizontal lines across the arrow, 0.5 pt apart: with the outline
		// stroke they ink it solid.
		for y := cy - hh + 0.5; y < cy+hh; y += 0.5 {
			d := math.Abs(y - cy)
			left := xm
			if d <= sh {
				left = x0
			}
			right := x1 - d/hh*(x1-xm)
			if right > left {
				p.move(left, y)
				p.line(right, y)
			}
		}
	}
	return p
}

// offPageNotch is the fraction of an off-page connector's height taken by
// its point.
const offPageNotch = 0.35

// Outline returns the outline of a shape:
//   - start, end: a stadium (half-circle ends);
//   - process: a rectangle;
//   - decision, gateway: a diamond with its vertices at the middle of the sides;
//   - offpage: a pentagon pointing down (home plate), the point taking
//     offPageNotch of the height;
//   - task: a rectangle with rounded corners;
//   - startEvent, endEvent: a circle;
//   - linkThrow, linkCatch: a double circle (an intermediate event) around
//     an arrow pointing right, filled for linkThrow (drawn as lines close
//     enough to fill it, since every writer fills a shape's outline white).
func Outline(s Shape) Path {
	x, y, w, h := s.X, s.Y, s.Width, s.Height
	switch s.Kind {
	case ShapeStart, ShapeEnd:
		return roundRect(x, y, w, h, h/2)
	case ShapeDecision, ShapeGateway:
		return polygon([2]float64{x + w/2, y}, [2]float64{x + w, y + h/2}, [2]float64{x + w/2, y + h}, [2]float64{x, y + h/2})
	case ShapeOffPage:
		n := h * (1 - offPageNotch)
		return polygon([2]float64{x, y}, [2]float64{x + w, y}, [2]float64{x + w, y + n}, [2]float64{x + w/2, y + h}, [2]float64{x, y + n})
	case ShapeTask:
		return roundRect(x, y, w, h, math.Min(8, h/4))
	case ShapeStartEvent, ShapeEndEvent:
		return circle(x+w/2, y+h/2, math.Min(w, h)/2)
	case ShapeLinkThrow, ShapeLinkCatch:
		return linkEvent(x+w/2, y+h/2, math.Min(w, h)/2, s.Kind == ShapeLinkThrow)
	}
	return polygon([2]float64{x, y}, [2]float64{x + w, y}, [2]float64{x + w, y + h}, [2]float64{x, y + h})
}

// Stroke widths, in points.
const (
	ShapeStroke     = 0.75 // symbol outlines
	EndEventStroke  = 2.5  // the thick circle of a BPMN end event
	ConnectorStroke = 1.0  // flow lines: heavier than the table's inner rules
	ArrowLength     = 4.5  // arrowhead length
	ArrowWidth      = 3.8  // arrowhead base width
)

// StrokeWidth returns the outline width of a shape.
func StrokeWidth(s Shape) float64 {
	if s.Stroke > 0 {
		return s.Stroke
	}
	if s.Kind == ShapeEndEvent {
		return EndEventStroke
	}
	return ShapeStroke
}

// LineWidth returns the width of a connector's line.
func LineWidth(c Connector) float64 {
	if c.Stroke > 0 {
		return c.Stroke
	}
	return ConnectorStroke
}

// ArrowHead returns the filled triangle at the end of a connector with
// Arrow set, pointing along its last segment with its tip on the last point.
// It returns nil when the connector has no arrow or no length.
func ArrowHead(c Connector) Path {
	n := len(c.Points)
	if !c.Arrow || n < 2 {
		return nil
	}
	tip, from := c.Points[n-1], c.Points[n-2]
	dx, dy := tip[0]-from[0], tip[1]-from[1]
	l := math.Hypot(dx, dy)
	if l == 0 {
		return nil
	}
	dx, dy = dx/l, dy/l
	bx, by := tip[0]-dx*ArrowLength, tip[1]-dy*ArrowLength
	hw := ArrowWidth / 2
	return polygon(tip, [2]float64{bx - dy*hw, by + dx*hw}, [2]float64{bx + dy*hw, by - dx*hw})
}

// LinePoints returns the connector's polyline shortened at its end by the
// arrowhead's length, so a butt-capped stroke does not poke through the
// arrow's tip.
func LinePoints(c Connector) [][2]float64 {
	n := len(c.Points)
	if !c.Arrow || n < 2 {
		return c.Points
	}
	pts := append([][2]float64(nil), c.Points...)
	tip, from := pts[n-1], pts[n-2]
	dx, dy := tip[0]-from[0], tip[1]-from[1]
	l := math.Hypot(dx, dy)
	if l <= ArrowLength {
		return pts
	}
	k := (l - ArrowLength + 0.5) / l
	pts[n-1] = [2]float64{from[0] + dx*k, from[1] + dy*k}
	return pts
}

// OffPageMiddle returns the y of the middle of an off-page connector's
// square part, where its letter stands and a flow may leave its side.
func OffPageMiddle(s Shape) float64 { return s.Y + s.Height*(1-offPageNotch)/2 }

// Polylines returns the outline as polylines, one per subpath (closed ones
// end where they start), with each cubic curve cut into steps segments:
// for callers that measure an outline without drawing it.
func (p Path) Polylines(steps int) [][][2]float64 {
	var out [][][2]float64
	var cur, start [2]float64
	for _, sg := range p {
		switch sg.op {
		case opMove:
			cur, start = sg.pts[0], sg.pts[0]
			out = append(out, [][2]float64{cur})
		case opLine:
			cur = sg.pts[0]
			out[len(out)-1] = append(out[len(out)-1], cur)
		case opCube:
			c1, c2, end := sg.pts[0], sg.pts[1], sg.pts[2]
			for i := 1; i <= steps; i++ {
				t := float64(i) / float64(steps)
				u := 1 - t
				var q [2]float64
				for k := 0; k < 2; k++ {
					q[k] = u*u*u*cur[k] + 3*u*u*t*c1[k] + 3*u*t*t*c2[k] + t*t*t*end[k]
				}
				out[len(out)-1] = append(out[len(out)-1], q)
			}
			cur = end
		case opClose:
			out[len(out)-1] = append(out[len(out)-1], start)
			cur = start
		}
	}
	return out
}
