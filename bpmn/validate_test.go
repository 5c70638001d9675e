package bpmn_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/sopflow/sopflow/bpmn"
	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
)

// TestEntryPointsValidate: every public entry point of bpmn returns the
// error of flow's Validate for a broken procedure, and never panics.
func TestEntryPointsValidate(t *testing.T) {
	good := func() *flow.Procedure {
		return &flow.Procedure{
			Name:   "x",
			Actors: []flow.Actor{{Name: "A"}},
			Steps: []*flow.Step{
				{Number: 1, Actors: []int{0}, Activity: "a", Kind: flow.Start, Out: []flow.Link{{To: 1}}},
				{Number: 2, Actors: []int{0}, Activity: "c", Kind: flow.End},
			},
		}
	}
	broken := map[string]func(p *flow.Procedure){
		"link-range":    func(p *flow.Procedure) { p.Steps[0].Out[0].To = 6 },
		"decision-bare": func(p *flow.Procedure) { p.Steps[0].Kind = flow.Decision },
		"nul":           func(p *flow.Procedure) { p.Steps[1].Activity = "a\x00" },
		"actor-range":   func(p *flow.Procedure) { p.Steps[1].Actors = []int{3} },
		"nil-step":      func(p *flow.Procedure) { p.Steps[1] = nil },
	}
	for name, b := range broken {
		t.Run(name, func(t *testing.T) {
			p := good()
			b(p)
			var l flow.ErrorList
			// No Ranker: Validate must refuse before one is needed.
			if _, err := bpmn.Layout(p, nil, bpmn.Options{}); !errors.As(err, &l) {
				t.Errorf("Layout: err = %v, want a flow.ErrorList", err)
			}
			if err := bpmn.WriteDOT(new(bytes.Buffer), p, bpmn.Options{}); !errors.As(err, &l) {
				t.Errorf("WriteDOT: err = %v, want a flow.ErrorList", err)
			}
			if err := bpmn.WriteXML(new(bytes.Buffer), p, &render.Diagram{}, bpmn.XMLOptions{}); !errors.As(err, &l) {
				t.Errorf("WriteXML: err = %v, want a flow.ErrorList", err)
			}
		})
	}
}
