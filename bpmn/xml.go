package bpmn

import (
	"bufio"
	"fmt"
	"github.com/sopflow/sopflow/internal/xmlfmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
)

// XMLOptions sets how WriteXML writes. The zero value works.
type XMLOptions struct {
	// Labels give the captions of the documentation ("requirements",
	// "time", "output", "note", "actors"); nil means
	// render.NewLabels(render.Permenpan35, "id", p.Labels).
	Labels render.Labels
	// Joint is the word before the other actors of a joint activity in a
	// task's name, as in Options. Default: "bersama".
	Joint string
}

// DIScale turns the view's points into the units of the diagram
// interchange. BPMN editors draw text at about 12 px; at 1.5 units per point
// the view's 8 pt text has the same room in them as in the view.
const DIScale = 1.5

// PoolBandDI is the width of the band in which bpmn-js and Camunda Modeler
// write a pool's title, in diagram interchange units: the lanes' bounds
// start there.
const PoolBandDI = 30.0

// The namespaces of BPMN 2.0.
const (
	nsModel  = "http://www.omg.org/spec/BPMN/20100524/MODEL"
	nsBPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
	nsDC     = "http://www.omg.org/spec/DD/20100524/DC"
	nsDI     = "http://www.omg.org/spec/DD/20100524/DI"
)

// WriteXML writes p as BPMN 2.0 XML: a collaboration with one participant
// (the SOP) whose process has a lane set with one lane per actor, a start
// event, a task per step, an exclusive gateway per decision, an end event
// per end step, and the sequence flows, named with the exit labels. Each
// task's documentation carries the step's mutu baku and keterangan. The
// diagram interchange (the bounds of the pool, lanes and symbols, and the
// waypoints of every flow) is d's, scaled by DIScale: d must be p's view
// laid out on one page, as Layout does with Options.Tall. Ids are
// deterministic: Participant_1, Lane_1, StartEvent_1, Step_3, Gateway_3,
// EndEvent_12, Flow_3_G3, Flow_G3_4 ...
func WriteXML(w io.Writer, p *flow.Procedure, d *render.Diagram, opt XMLOptions) error {
	if err := check(p); err != nil {
		return err
	}
	labels := opt.Labels
	if labels == nil {
		var err error
		if labels, err = render.NewLabels(render.Permenpan35, "id", p.Labels); err != nil {
			return err
		}
	}
	g := newGraph(p, labels, Options{Joint: opt.Joint}.joint())
	pg, err := onePage(d)
	if err != nil {
		return err
	}
	shapes := make(map[string]*render.Shape)
	for i := range pg.Shapes {
		s := &pg.Shapes[i]
		if s.Kind == render.ShapeLinkThrow || s.Kind == render.ShapeLinkCatch || s.Kind == render.ShapeOffPage {
			return fmt.Errorf("bpmn: the diagram has link events between pages; lay the view out with Options{Tall: true} for BPMN XML")
		}
		shapes[s.ID] = s
	}
	need := []string{"Participant_1"}
	for l := range p.Actors {
		need = append(need, laneID(l))
	}
	for _, n := range g.nodes {
		need = append(need, n.id)
	}
	for _, id := range need {
		if shapes[id] == nil {
			return fmt.Errorf("bpmn: the diagram has no shape %s: it is not the BPMN view of %q", id, p.Name)
		}
	}
	conns := make(map[[2]string]*render.Connector)
	for i := range pg.Connectors {
		c := &pg.Connectors[i]
		conns[[2]string{c.From, c.To}] = c
	}
	for _, e := range g.edges {
		if conns[[2]string{g.nodes[e.from].id, g.nodes[e.to].id}] == nil {
			return fmt.Errorf("bpmn: the diagram has no flow %s: it is not the BPMN view of %q", e.id, p.Name)
		}
	}

	b := bufio.NewWriter(w)
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(b, `<bpmn:definitions xmlns:bpmn="%s" xmlns:bpmndi="%s" xmlns:dc="%s" xmlns:di="%s" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn" exporter="sopflow">`+"\n",
		nsModel, nsBPMNDI, nsDC, nsDI)
	b.WriteString(`  <bpmn:collaboration id="Collaboration_1">` + "\n")
	fmt.Fprintf(b, `    <bpmn:participant id="Participant_1" name="%s" processRef="Process_1"/>`+"\n", attr(p.Name))
	b.WriteString("  </bpmn:collaboration>\n")
	fmt.Fprintf(b, `  <bpmn:process id="Process_1" name="%s" isExecutable="false">`+"\n", attr(p.Name))
	if p.Identity.Number != "" {
		fmt.Fprintf(b, "    <bpmn:documentation>%s</bpmn:documentation>\n", text(p.Identity.Number))
	}
	b.WriteString(`    <bpmn:laneSet id="LaneSet_1">` + "\n")
	for l, a := range p.Actors {
		fmt.Fprintf(b, `      <bpmn:lane id="%s" name="%s">`+"\n", laneID(l), attr(a.Name))
		for _, n := range g.nodes {
			if n.lane == l {
				fmt.Fprintf(b, "        <bpmn:flowNodeRef>%s</bpmn:flowNodeRef>\n", n.id)
			}
		}
		b.WriteString("      </bpmn:lane>\n")
	}
	b.WriteString("    </bpmn:laneSet>\n")
	in := make([][]string, len(g.nodes))
	out := make([][]string, len(g.nodes))
	for _, e := range g.edges {
		out[e.from] = append(out[e.from], e.id)
		in[e.to] = append(in[e.to], e.id)
	}
	for k, n := range g.nodes {
		var tag, name, doc string
		switch n.kind {
		case render.ShapeStartEvent:
			tag, name = "startEvent", n.name
		case render.ShapeEndEvent:
			tag, name = "endEvent", n.name
		case render.ShapeGateway:
			tag = "exclusiveGateway"
		default:
			s := p.Steps[n.step-1]
			// As the view shows it: the step's number, the activity and
			// the other actors of a joint activity.
			tag, name, doc = "task", taskText(p, s, Options{Joint: opt.Joint}.joint()), documentation(p, s, labels)
		}
		fmt.Fprintf(b, `    <bpmn:%s id="%s"`, tag, n.id)
		if name != "" {
			fmt.Fprintf(b, ` name="%s"`, attr(name))
		}
		b.WriteString(">\n")
		if doc != "" {
			fmt.Fprintf(b, "      <bpmn:documentation>%s</bpmn:documentation>\n", text(doc))
		}
		for _, id := range in[k] {
			fmt.Fprintf(b, "      <bpmn:incoming>%s</bpmn:incoming>\n", id)
		}
		for _, id := range out[k] {
			fmt.Fprintf(b, "      <bpmn:outgoing>%s</bpmn:outgoing>\n", id)
		}
		fmt.Fprintf(b, "    </bpmn:%s>\n", tag)
	}
	for _, e := range g.edges {
		fmt.Fprintf(b, `    <bpmn:sequenceFlow id="%s"`, e.id)
		if e.label != "" {
			fmt.Fprintf(b, ` name="%s"`, attr(e.label))
		}
		fmt.Fprintf(b, ` sourceRef="%s" targetRef="%s"/>`+"\n", g.nodes[e.from].id, g.nodes[e.to].id)
	}
	b.WriteString("  </bpmn:process>\n")

	b.WriteString(`  <bpmndi:BPMNDiagram id="BPMNDiagram_1">` + "\n")
	b.WriteString(`    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Collaboration_1">` + "\n")
	diShape := func(id string, horizontal bool) {
		s := shapes[id]
		fmt.Fprintf(b, `      <bpmndi:BPMNShape id="%s_di" bpmnElement="%s"`, id, id)
		if horizontal {
			b.WriteString(` isHorizontal="true"`)
		}
		b.WriteString(">\n")
		fmt.Fprintf(b, "        %s\n", bounds(s.X, s.Y, s.Width, s.Height))
		b.WriteString("      </bpmndi:BPMNShape>\n")
	}
	diShape("Participant_1", true)
	// bpmn-js draws a pool's title in a band PoolBandDI wide, whatever the
	// title, and a lane's title in the lane's own band: the lanes start
	// there, or an empty strip shows between the two bands when the view's
	// pool band is wider (a long title wrapped).
	pool := shapes["Participant_1"]
	for l := range p.Actors {
		id := laneID(l)
		ln := *shapes[id]
		ln.X = pool.X + PoolBandDI/DIScale
		ln.Width = pool.X + pool.Width - ln.X
		fmt.Fprintf(b, `      <bpmndi:BPMNShape id="%s_di" bpmnElement="%s" isHorizontal="true">`+"\n", id, id)
		fmt.Fprintf(b, "        %s\n", bounds(ln.X, ln.Y, ln.Width, ln.Height))
		b.WriteString("      </bpmndi:BPMNShape>\n")
	}
	for _, n := range g.nodes {
		diShape(n.id, false)
	}
	for _, e := range g.edges {
		c := conns[[2]string{g.nodes[e.from].id, g.nodes[e.to].id}]
		fmt.Fprintf(b, `      <bpmndi:BPMNEdge id="%s_di" bpmnElement="%s">`+"\n", e.id, e.id)
		for _, pt := range c.Points {
			fmt.Fprintf(b, `        <di:waypoint x="%s" y="%s"/>`+"\n", num(pt[0]*DIScale), num(pt[1]*DIScale))
		}
		if t := labelText(pg, c); t != nil {
			face := render.FontFace(false)
			asc, desc := face.Ascent(t.Size), face.Descent(t.Size)
			x, width := t.X, face.Width(t.Text, t.Size)
			switch t.Anchor {
			case "middle":
				x -= width / 2
			case "end":
				x -= width
			}
			b.WriteString("        <bpmndi:BPMNLabel>\n")
			fmt.Fprintf(b, "          %s\n", bounds(x, t.Y-asc, width, asc+desc))
			b.WriteString("        </bpmndi:BPMNLabel>\n")
		}
		b.WriteString("      </bpmndi:BPMNEdge>\n")
	}
	b.WriteString("    </bpmndi:BPMNPlane>\n")
	b.WriteString("  </bpmndi:BPMNDiagram>\n")
	b.WriteString("</bpmn:definitions>\n")
	return b.Flush()
}

func laneID(l int) string { return "Lane_" + strconv.Itoa(l+1) }

// onePage returns the one bpmn page of d.
func onePage(d *render.Diagram) (*render.Page, error) {
	if d == nil {
		return nil, fmt.Errorf("bpmn: no diagram")
	}
	var found *render.Page
	for i := range d.Pages {
		if d.Pages[i].Kind != "bpmn" {
			continue
		}
		if found != nil {
			return nil, fmt.Errorf("bpmn: the view spans %d pages; lay it out with Options{Tall: true} for BPMN XML", len(d.Pages))
		}
		found = &d.Pages[i]
	}
	if found == nil {
		return nil, fmt.Errorf("bpmn: the diagram has no page of kind \"bpmn\"")
	}
	return found, nil
}

// labelText returns the Text that labels connector c: the "label" text
// with c's label nearest to c's first point.
func labelText(pg *render.Page, c *render.Connector) *render.Text {
	if c.Label == "" || len(c.Points) == 0 {
		return nil
	}
	var best *render.Text
	bestD := math.Inf(1)
	for i := range pg.Texts {
		t := &pg.Texts[i]
		if t.Class != "label" || t.Text != c.Label {
			continue
		}
		if d := math.Hypot(t.X-c.Points[0][0], t.Y-c.Points[0][1]); d < bestD {
			best, bestD = t, d
		}
	}
	return best
}

// documentation returns a step's mutu baku and keterangan, one caption and
// value a line, and the actors of a joint activity.
func documentation(p *flow.Procedure, s *flow.Step, labels render.Labels) string {
	var lines []string
	if len(s.Actors) > 1 {
		names := make([]string, len(s.Actors))
		for i, a := range s.Actors {
			names[i] = p.Actors[a].Name
		}
		lines = append(lines, caption(labels["actors"])+": "+strings.Join(names, ", "))
	}
	for _, f := range []struct{ key, v string }{
		{"requirements", s.Requirements}, {"time", s.Time}, {"output", s.Output}, {"note", s.Note},
	} {
		if f.v != "" {
			lines = append(lines, caption(labels[f.key])+": "+f.v)
		}
	}
	return strings.Join(lines, "\n")
}

// caption writes an upper-case label as a caption: "PERSYARATAN/KELENGKAPAN"
// becomes "Persyaratan/Kelengkapan".
func caption(s string) string {
	r := []rune(strings.ToLower(s))
	start := true
	for i, c := range r {
		if start {
			r[i] = []rune(strings.ToUpper(string(c)))[0]
		}
		start = c == ' ' || c == '/' || c == '-' || c == '('
	}
	return string(r)
}

func bounds(x, y, w, h float64) string {
	return fmt.Sprintf(`<dc:Bounds x="%s" y="%s" width="%s" height="%s"/>`,
		num(x*DIScale), num(y*DIScale), num(w*DIScale), num(h*DIScale))
}

// num formats a coordinate with at most two decimals.
func num(v float64) string { return xmlfmt.Num(v) }

// text escapes s as XML character data. Characters XML 1.0 forbids are
// dropped.
func text(s string) string { return xmlfmt.Escape(s, false) }

// attr escapes s as an XML attribute value in double quotes; line breaks
// and tabs are kept as character references.
func attr(s string) string { return xmlfmt.Escape(s, true) }
