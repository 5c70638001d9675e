package bpmn

import (
	"github.com/sopflow/sopflow/internal/geom"
	"math"
	"strconv"

	"github.com/sopflow/sopflow/render"
)

// This file draws a page: the pool and its lanes as shapes, the symbols,
// the flows, and every text; then it places the decisions' exit labels.

// lineBaseline returns the baseline of line k of a block of lines at size whose
// top is top.
func lineBaseline(top float64, k int, size float64) float64 {
	face := render.FontFace(false)
	lead := size * render.Leading
	asc, desc := face.Ascent(size), face.Descent(size)
	return top + float64(k)*lead + (lead-asc-desc)/2 + asc
}

// rotated writes lines turned to read upwards, centred in the band
// [x0, x0+w] about the height y.
func rotated(pg *render.Page, lines []string, x0, w, y, size float64, class string) {
	face := render.FontFace(true)
	lead := size * render.Leading
	left := x0 + (w-float64(len(lines))*lead)/2
	for k, l := range lines {
		// Turned counter-clockwise, a line's ascent lies to the left of its
		// baseline: the first line is the leftmost.
		x := left + float64(k)*lead + (lead-face.Ascent(size)-face.Descent(size))/2 + face.Ascent(size)
		pg.Texts = append(pg.Texts, render.Text{X: round2(x), Y: y, Size: size, Bold: true, Anchor: "middle",
			Rotate: true, Class: class, Text: l})
	}
}

func round2(v float64) float64 { return geom.Round2(v) }

// thinSize is the size of a lane's name across a thin lane.
const thinSize = TextSize

// thinName returns the box of the name of thin lane l, written across it
// from its left edge: the router keeps flows out of it.
func (pb *pageBuild) thinName(l int) box {
	f, ln := pb.f, pb.ln
	face := render.FontFace(true)
	asc, desc := face.Ascent(thinSize), face.Descent(thinSize)
	x := f.left + f.poolBand + namePad
	y := ln.top[l] + math.Round((ln.h[l]-asc-desc)/2)
	return box{X0: x, Y0: y, X1: x + math.Ceil(face.Width(ln.names[l][0], thinSize)), Y1: y + asc + desc}
}

// draw turns the placed symbols and the routes into the page.
func (pb *pageBuild) draw(conns []render.Connector) render.Page {
	v, f := pb.v, pb.f
	p := v.g.p
	pg := render.Page{Number: pb.number, Kind: "bpmn"}
	ln := pb.ln
	bottom := ln.bottom()
	pg.Shapes = append(pg.Shapes, render.Shape{ID: "Participant_1", Kind: ShapePool,
		X: f.left, Y: f.top, Width: pb.right - f.left, Height: bottom - f.top, Label: p.Name})
	rotated(&pg, ln.poolLines, f.left, f.poolBand, round2((f.top+bottom)/2), PoolSize, "pool")
	lx := f.left + f.poolBand
	for l, a := range p.Actors {
		pg.Shapes = append(pg.Shapes, render.Shape{ID: "Lane_" + strconv.Itoa(l+1), Kind: ShapeLane, Actor: a.Name,
			X: lx, Y: ln.top[l], Width: pb.right - lx, Height: ln.h[l], Label: a.Name})
		if ln.thin[l] {
			box := pb.thinName(l)
			pg.Texts = append(pg.Texts, render.Text{X: box.X0, Y: round2(box.Y1 - render.FontFace(true).Descent(thinSize)),
				Size: thinSize, Bold: true, Class: "lane", Text: ln.names[l][0]})
			continue
		}
		rotated(&pg, ln.names[l], lx, f.laneBand, round2(ln.top[l]+ln.h[l]/2), LaneSize, "lane")
	}
	lead := TextSize * render.Leading
	for k, n := range pb.nodes {
		b := pb.shapeBox(k)
		s := render.Shape{ID: n.id, Step: n.step, Kind: n.kind, Actor: p.Actors[n.lane].Name,
			X: b.X0, Y: b.Y0, Width: n.w, Height: n.h, Label: n.name}
		cx := (b.X0 + b.X1) / 2
		switch n.kind {
		case render.ShapeTask:
			s.Lines = n.lines
			top := (b.Y0+b.Y1)/2 - float64(len(n.lines))*lead/2
			for i, l := range n.lines {
				pg.Texts = append(pg.Texts, render.Text{X: cx, Y: round2(lineBaseline(top, i, TextSize)), Size: TextSize,
					Anchor: "middle", Class: "activity", Text: l})
			}
		case render.ShapeStartEvent, render.ShapeEndEvent, render.ShapeLinkThrow, render.ShapeLinkCatch:
			class := "event"
			if n.kind == render.ShapeLinkThrow || n.kind == render.ShapeLinkCatch {
				class = "link"
			}
			for i, l := range n.names {
				pg.Texts = append(pg.Texts, render.Text{X: cx, Y: round2(lineBaseline(b.Y1+nameGap, i, TextSize)),
					Size: TextSize, Bold: class == "link", Anchor: "middle", Class: class, Text: l})
			}
		}
		pg.Shapes = append(pg.Shapes, s)
	}
	pg.Connectors = conns
	// As large as the pool and the margins; Layout scales it into the
	// paper unless the view is Tall.
	pg.Width, pg.Height, pg.Margin = math.Ceil(pb.right+v.margin), math.Ceil(bottom+v.margin), v.margin
	return pg
}

// placeLabels writes the label of each labelled flow beside its first
// segment, where it touches no symbol, flow, lane border or other label. It
// returns how many labels found no such place.
func (pb *pageBuild) placeLabels(pg *render.Page) int {
	f := pb.f
	face := render.FontFace(false)
	asc, desc := face.Ascent(TextSize), face.Descent(TextSize)
	var taken boxIndex
	for k := range pb.nodes {
		taken.add(pb.footBox(k).Inflate(1))
	}
	for _, c := range pg.Connectors {
		for s := 0; s+1 < len(c.Points); s++ {
			taken.add(geom.SegBox(c.Points[s], c.Points[s+1], 1.5))
		}
	}
	for _, y := range pb.ln.top[1:] {
		taken.add(box{X0: f.content, Y0: y - 1, X1: pb.right, Y1: y + 1})
	}
	for l, thin := range pb.ln.thin {
		if thin {
			taken.add(pb.thinName(l).Inflate(1))
		}
	}
	area := box{X0: f.content + 1, Y0: f.top + 1, X1: pb.right - 1, Y1: pb.ln.bottom() - 1}
	conflicts := func(b box) int {
		if b.X0 < area.X0 || b.Y0 < area.Y0 || b.X1 > area.X1 || b.Y1 > area.Y1 {
			return 1000
		}
		n := 0
		taken.each(b, func(int) bool { n++; return true })
		return n
	}
	bad := 0
	for _, c := range pg.Connectors {
		if c.Label == "" || len(c.Points) < 2 {
			continue
		}
		w, h := math.Ceil(face.Width(c.Label, TextSize)), asc+desc
		// Beside the first segment, near the symbol; failing that, beside
		// the second.
		var cands []box
		for k := 0; k < 2 && k+1 < len(c.Points); k++ {
			p, q := c.Points[k], c.Points[k+1]
			length, along := math.Abs(q[0]-p[0])+math.Abs(q[1]-p[1]), w
			if p[0] == q[0] {
				along = h
			}
			for t := 4.0; (k == 0 && t == 4) || t+along <= length-2; t += 6 {
				switch {
				case q[0] > p[0]:
					cands = append(cands, box{X0: p[0] + t, Y0: p[1] - 2 - h, X1: p[0] + t + w, Y1: p[1] - 2}, box{X0: p[0] + t, Y0: p[1] + 2, X1: p[0] + t + w, Y1: p[1] + 2 + h})
				case q[0] < p[0]:
					cands = append(cands, box{X0: p[0] - t - w, Y0: p[1] - 2 - h, X1: p[0] - t, Y1: p[1] - 2}, box{X0: p[0] - t - w, Y0: p[1] + 2, X1: p[0] - t, Y1: p[1] + 2 + h})
				case q[1] > p[1]:
					cands = append(cands, box{X0: p[0] + 3, Y0: p[1] + t, X1: p[0] + 3 + w, Y1: p[1] + t + h}, box{X0: p[0] - 3 - w, Y0: p[1] + t, X1: p[0] - 3, Y1: p[1] + t + h})
				default:
					cands = append(cands, box{X0: p[0] + 3, Y0: p[1] - t - h, X1: p[0] + 3 + w, Y1: p[1] - t}, box{X0: p[0] - 3 - w, Y0: p[1] - t - h, X1: p[0] - 3, Y1: p[1] - t})
				}
			}
		}
		best, bestN := cands[0], conflicts(cands[0])
		for _, b := range cands[1:] {
			if bestN == 0 {
				break
			}
			if n := conflicts(b); n < bestN {
				best, bestN = b, n
			}
		}
		if bestN > 0 {
			bad++
		}
		taken.add(best.Inflate(1))
		pg.Texts = append(pg.Texts, render.Text{X: round2(best.X0), Y: round2(best.Y0 + asc), Size: TextSize,
			Class: "label", Text: c.Label})
	}
	return bad
}
