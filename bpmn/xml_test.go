package bpmn_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sopflow/sopflow/bpmn"
	"github.com/sopflow/sopflow/bpmn/graphviz"
	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
	"github.com/sopflow/sopflow/table"
)

// moddle returns the path of check.mjs, which reads BPMN with bpmn-moddle,
// or skips (see nodeTools).
func moddle(t *testing.T) string {
	t.Helper()
	return filepath.Join(nodeTools(t), "check.mjs")
}

// counts is what check.mjs prints.
type counts struct {
	Participants, Lanes, FlowNodeRefs, StartEvents, EndEvents, Tasks, Gateways int
	Flows, NamedFlows, Documented, Shapes, Edges, Waypoints, Labels            int
}

func wantCounts(p *flow.Procedure) counts {
	c := counts{Participants: 1, Lanes: len(p.Actors), StartEvents: 1, Tasks: len(p.Steps)}
	for _, s := range p.Steps {
		switch s.Kind {
		case flow.Decision:
			c.Gateways++
			c.NamedFlows += 2
		case flow.End:
			c.EndEvents++
		}
		if s.Requirements+s.Time+s.Output+s.Note != "" || len(s.Actors) > 1 {
			c.Documented++
		}
	}
	c.FlowNodeRefs = c.StartEvents + c.Tasks + c.Gateways + c.EndEvents
	c.Flows = len(wantFlows(p))
	c.Shapes = 1 + c.Lanes + c.FlowNodeRefs
	c.Edges = c.Flows
	c.Labels = c.NamedFlows
	return c
}

func TestWriteXMLModdle(t *testing.T) {
	check := moddle(t)
	procs := loadExamples(t)
	procs["synthetic-50"] = synthetic(t, 50, 6)
	for name, p := range procs {
		t.Run(name, func(t *testing.T) {
			d, err := bpmn.Layout(p, graphviz.Ranker{}, bpmn.Options{Tall: true})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := bpmn.WriteXML(&b, p, d, bpmn.XMLOptions{}); err != nil {
				t.Fatal(err)
			}
			if err := wellFormed(b.Bytes()); err != nil {
				t.Fatalf("not well-formed: %v", err)
			}
			file := filepath.Join(t.TempDir(), name+".bpmn")
			if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command("node", check, file)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("bpmn-moddle: %v\n%s", err, stderr.String())
			}
			var got counts
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("check.mjs printed %q: %v", out, err)
			}
			want := wantCounts(p)
			want.Waypoints = got.Waypoints
			if got != want {
				t.Errorf("bpmn-moddle read\n%+v\nwant\n%+v", got, want)
			}
			if got.Waypoints < 2*got.Edges {
				t.Errorf("%d waypoints for %d edges", got.Waypoints, got.Edges)
			}
		})
	}
}

// TestWriteXMLContent reads the XML back with encoding/xml and checks what
// bpmn-moddle does not: names, documentation, the geometry of the DI.
func TestWriteXMLContent(t *testing.T) {
	p := loadExamples(t)["cuti-pegawai"]
	d, err := bpmn.Layout(p, graphviz.Ranker{}, bpmn.Options{Tall: true})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := bpmn.WriteXML(&b, p, d, bpmn.XMLOptions{}); err != nil {
		t.Fatal(err)
	}
	type named struct {
		ID   string `xml:"id,attr"`
		Name string `xml:"name,attr"`
		Doc  string `xml:"documentation"`
	}
	type bounds struct {
		X      float64 `xml:"x,attr"`
		Y      float64 `xml:"y,attr"`
		Width  float64 `xml:"width,attr"`
		Height float64 `xml:"height,attr"`
	}
	var defs struct {
		Process struct {
			Tasks []named `xml:"task"`
			Flows []named `xml:"sequenceFlow"`
			Lanes []named `xml:"laneSet>lane"`
		} `xml:"process"`
		Shapes []struct {
			Element string `xml:"bpmnElement,attr"`
			Bounds  bounds `xml:"Bounds"`
		} `xml:"BPMNDiagram>BPMNPlane>BPMNShape"`
	}
	if err := xml.Unmarshal(b.Bytes(), &defs); err != nil {
		t.Fatal(err)
	}
	for i, task := range defs.Process.Tasks {
		s := p.Steps[i]
		name := fmt.Sprintf("%d. %s", s.Number, s.Activity)
		if len(s.Actors) > 1 {
			var co []string
			for _, a := range s.Actors[1:] {
				co = append(co, p.Actors[a].Name)
			}
			name += "\n(bersama: " + strings.Join(co, ", ") + ")"
		}
		if task.Name != name {
			t.Errorf("task %s is named %q, not %q", task.ID, task.Name, name)
		}
		for _, v := range []string{s.Requirements, s.Time, s.Output, s.Note} {
			if !strings.Contains(task.Doc, v) {
				t.Errorf("task %s: documentation %q lacks %q", task.ID, task.Doc, v)
			}
		}
		if len(s.Actors) > 1 && !strings.Contains(task.Doc, "Pelaksana: ") {
			t.Errorf("task %s: documentation %q does not name the actors", task.ID, task.Doc)
		}
	}
	for l, lane := range defs.Process.Lanes {
		if lane.Name != p.Actors[l].Name {
			t.Errorf("lane %s is named %q", lane.ID, lane.Name)
		}
	}
	// The DI is the view's geometry, scaled.
	shapes := map[string]render.Shape{}
	for _, s := range d.Pages[0].Shapes {
		shapes[s.ID] = s
	}
	for _, s := range defs.Shapes {
		v, ok := shapes[s.Element]
		if !ok {
			t.Errorf("DI shape for %s, which the view lacks", s.Element)
			continue
		}
		want := bounds{v.X * bpmn.DIScale, v.Y * bpmn.DIScale, v.Width * bpmn.DIScale, v.Height * bpmn.DIScale}
		if v.Kind == bpmn.ShapeLane {
			pool := shapes["Participant_1"]
			want.X = pool.X*bpmn.DIScale + bpmn.PoolBandDI
			want.Width = (pool.X+pool.Width)*bpmn.DIScale - want.X
		}
		if math.Abs(want.X-s.Bounds.X)+math.Abs(want.Y-s.Bounds.Y)+math.Abs(want.Width-s.Bounds.Width)+math.Abs(want.Height-s.Bounds.Height) > 0.05 {
			t.Errorf("DI bounds of %s are %+v, want %+v", s.Element, s.Bounds, want)
		}
	}
}

func TestWriteXMLNeedsOnePage(t *testing.T) {
	p := loadExamples(t)["perizinan-bangunan"]
	paged, err := bpmn.Layout(p, graphviz.Ranker{}, bpmn.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(paged.Pages) < 2 {
		t.Fatal("the example fits one page; the test needs more")
	}
	if err := bpmn.WriteXML(&bytes.Buffer{}, p, paged, bpmn.XMLOptions{}); err == nil || !strings.Contains(err.Error(), "Tall") {
		t.Errorf("paged view: got %v", err)
	}
	table, err := table.Layout(p, table.LayoutOptions{Tall: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := bpmn.WriteXML(&bytes.Buffer{}, p, table, bpmn.XMLOptions{}); err == nil {
		t.Error("the table's diagram: no error")
	}
	other := loadExamples(t)["cuti-pegawai"]
	wide, err := bpmn.Layout(other, graphviz.Ranker{}, bpmn.Options{Tall: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := bpmn.WriteXML(&bytes.Buffer{}, p, wide, bpmn.XMLOptions{}); err == nil {
		t.Error("another procedure's view: no error")
	}
	if err := bpmn.WriteXML(&bytes.Buffer{}, p, nil, bpmn.XMLOptions{}); err == nil {
		t.Error("nil diagram: no error")
	}
}

// TestWriteXMLBPMNJS draws the BPMN XML of every example with bpmn-js, the
// viewer of bpmn.io and Camunda Modeler, in headless Chromium: no import
// error or warning, every diagram element created and drawn, and the lanes
// starting where bpmn-js ends the pool's title band.
func TestWriteXMLBPMNJS(t *testing.T) {
	procs := loadExamples(t)
	procs["synthetic-50"] = synthetic(t, 50, 6)
	// A title that takes three lines in the pool's band: bpmn-js draws the
	// band 30 px wide whatever the title.
	long := synthetic(t, 8, 2)
	long.Name = strings.Repeat("Prosedur Pelayanan Perizinan Terpadu Satu Pintu ", 4)
	procs["long-title"] = long
	xmls := make(map[string]string)
	want := make(map[string]int)
	for name, p := range procs {
		d, err := bpmn.Layout(p, graphviz.Ranker{}, bpmn.Options{Tall: true})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := bpmn.WriteXML(&b, p, d, bpmn.XMLOptions{}); err != nil {
			t.Fatal(err)
		}
		xmls[name] = b.String()
		c := wantCounts(p)
		want[name] = c.Shapes + c.Edges
	}
	res := drawWithBPMNJS(t, xmls)
	for name := range xmls {
		r, ok := res[name]
		switch {
		case !ok:
			t.Errorf("%s: bpmn-js reported nothing", name)
		case r.Error != "":
			t.Errorf("%s: bpmn-js could not import it: %s", name, r.Error)
		}
		if len(r.Warnings) > 0 {
			t.Errorf("%s: %d import warnings: %q", name, len(r.Warnings), r.Warnings)
		}
		if r.DIElements != want[name] {
			t.Errorf("%s: bpmn-js read %d diagram elements, want %d", name, r.DIElements, want[name])
		}
		if len(r.Missing)+len(r.Blank) > 0 {
			t.Errorf("%s: not created %q, drawn blank %q", name, r.Missing, r.Blank)
		}
		if len(r.LaneGaps) != len(procs[name].Actors) {
			t.Errorf("%s: %d lanes drawn, want %d", name, len(r.LaneGaps), len(procs[name].Actors))
		}
		for l, g := range r.LaneGaps {
			if math.Abs(g) > 0.01 {
				t.Errorf("%s: lane %d starts %.2f px right of the pool's title band", name, l+1, g)
			}
		}
	}
}
