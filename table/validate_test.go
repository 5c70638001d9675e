package table_test

import (
	"bytes"
	"errors"
	"github.com/sopflow/sopflow/internal/testsop"
	"testing"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
	"github.com/sopflow/sopflow/table"
)

// TestLayoutRefusesBrokenProcedures: Layout checks a Procedure built in Go
// with Validate and returns its error, never a panic (a link to step 7 of 3
// used to panic in paginate.go; a decision without exits was drawn as a
// dead end).
func TestLayoutRefusesBrokenProcedures(t *testing.T) {
	good := testsop.Built
	if _, err := table.Layout(good(), table.LayoutOptions{}); err != nil {
		t.Fatalf("good procedure: %v", err)
	}
	broken := map[string]func(p *flow.Procedure){
		"nil-steps":      func(p *flow.Procedure) { p.Steps = nil },
		"nil-step":       func(p *flow.Procedure) { p.Steps[1] = nil },
		"link-7-of-3":    func(p *flow.Procedure) { p.Steps[0].Out[0].To = 6 },
		"negative-link":  func(p *flow.Procedure) { p.Steps[0].Out[0].To = -1 },
		"actor-range":    func(p *flow.Procedure) { p.Steps[2].Actors = []int{9} },
		"no-actor":       func(p *flow.Procedure) { p.Steps[2].Actors = nil },
		"decision-bare":  func(p *flow.Procedure) { p.Steps[1].Out = nil },
		"numbering":      func(p *flow.Procedure) { p.Steps[0].Number = 0 },
		"unknown-kind":   func(p *flow.Procedure) { p.Steps[1].Kind = "loop" },
		"no-actors":      func(p *flow.Procedure) { p.Actors = nil },
		"nul":            func(p *flow.Procedure) { p.Name = "\x00" },
		"unreachable":    func(p *flow.Procedure) { p.Steps[0].Out[0].To = 2 },
		"duplicate-name": func(p *flow.Procedure) { p.Actors[1].Name = "A" },
	}
	for name, b := range broken {
		t.Run(name, func(t *testing.T) {
			p := good()
			b(p)
			d, err := table.Layout(p, table.LayoutOptions{})
			var l flow.ErrorList
			if err == nil || d != nil || !errors.As(err, &l) {
				t.Fatalf("Layout = %v, %v; want nil and a flow.ErrorList", d, err)
			}
		})
	}
	if _, err := table.Layout(nil, table.LayoutOptions{}); err == nil {
		t.Errorf("Layout(nil): no error")
	}
	var b bytes.Buffer
	for _, f := range []render.Format{render.SVG, render.PNG, render.PDF, render.JSON} {
		if err := render.Write(&b, &render.Diagram{}, f, render.WriteOptions{}); err == nil && f != render.JSON {
			t.Errorf("Write(%s) of an empty diagram: no error", f)
		}
	}
}

// TestWriteNilDiagram: no writer panics on a nil Diagram.
func TestWriteNilDiagram(t *testing.T) {
	for _, f := range []render.Format{render.SVG, render.PNG, render.PDF, render.JSON, "gif"} {
		var b bytes.Buffer
		if err := render.Write(&b, nil, f, render.WriteOptions{}); err == nil {
			t.Errorf("Write(%s) of a nil diagram: no error", f)
		}
	}
}
