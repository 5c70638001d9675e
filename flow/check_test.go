package flow_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/internal/testsop"
)

// brokenProcedures lists procedures that break each guarantee of the flow
// package, with a part of the error Validate must give. The render and bpmn
// tests use the same kinds of damage.
func brokenProcedures() []struct {
	name   string
	break_ func(p *flow.Procedure)
	want   string
} {
	return []struct {
		name   string
		break_ func(p *flow.Procedure)
		want   string
	}{
		{"no-actors", func(p *flow.Procedure) { p.Actors = nil }, "no actors"},
		{"no-steps", func(p *flow.Procedure) { p.Steps = nil }, "no steps"},
		{"empty-actor", func(p *flow.Procedure) { p.Actors[1].Name = "" }, "actor 2 is empty"},
		{"duplicate-actor", func(p *flow.Procedure) { p.Actors[1].Name = "A" }, "duplicate actor"},
		{"nil-step", func(p *flow.Procedure) { p.Steps[1] = nil }, "step 2 is nil"},
		{"numbering", func(p *flow.Procedure) { p.Steps[2].Number = 7 }, "has Number 7"},
		{"no-actor", func(p *flow.Procedure) { p.Steps[0].Actors = nil }, "step 1 has no actor"},
		{"actor-range", func(p *flow.Procedure) { p.Steps[0].Actors = []int{5} }, "actor index 5 is out of range"},
		{"actor-negative", func(p *flow.Procedure) { p.Steps[0].Actors = []int{-1} }, "out of range"},
		{"actor-twice", func(p *flow.Procedure) { p.Steps[0].Actors = []int{0, 0} }, "listed twice"},
		{"no-activity", func(p *flow.Procedure) { p.Steps[1].Activity = "" }, "activity is empty"},
		{"link-range", func(p *flow.Procedure) { p.Steps[0].Out[0].To = 6 }, "out of range"},
		{"link-negative", func(p *flow.Procedure) { p.Steps[0].Out[0].To = -1 }, "out of range"},
		{"self-link", func(p *flow.Procedure) { p.Steps[0].Out[0].To = 0 }, "back to the step itself"},
		{"decision-no-exits", func(p *flow.Procedure) { p.Steps[1].Out = nil }, "(decision) has 0 exits; it must have 2"},
		{"decision-same-exits", func(p *flow.Procedure) { p.Steps[1].Out[1].To = 2 }, "both exits"},
		{"process-two-exits", func(p *flow.Procedure) {
			p.Steps[0].Out = append(p.Steps[0].Out, flow.Link{To: 2})
		}, "(start) has 2 exits; it must have 1"},
		{"end-with-exit", func(p *flow.Procedure) { p.Steps[2].Out = []flow.Link{{To: 0}} }, "(end) has 1 exits; it must have 0"},
		{"unknown-kind", func(p *flow.Procedure) { p.Steps[1].Kind = "diamond" }, `unknown kind "diamond"`},
		{"empty-kind", func(p *flow.Procedure) { p.Steps[1].Kind = "" }, `unknown kind ""`},
		{"late-start", func(p *flow.Procedure) { p.Steps[1].Kind = flow.Start; p.Steps[1].Out = p.Steps[1].Out[:1] }, "only step 1"},
		{"no-end", func(p *flow.Procedure) {
			p.Steps[2].Kind = flow.Process
			p.Steps[2].Out = []flow.Link{{To: 1}}
		}, "no end step"},
		{"unreachable", func(p *flow.Procedure) { p.Steps[0].Out[0].To = 2 }, "step 2 cannot be reached"},
		{"loop", func(p *flow.Procedure) {
			p.Steps[1].Kind = flow.Process
			p.Steps[1].Out = []flow.Link{{To: 0}}
			p.Steps[2].Kind = flow.End
			p.Steps = append(p.Steps, &flow.Step{Number: 4, Actors: []int{0}, Activity: "d", Kind: flow.End})
		}, "no end can be reached"},
		{"nul-activity", func(p *flow.Procedure) { p.Steps[1].Activity = "a\x00b" }, "control character U+0000"},
		{"bad-utf8", func(p *flow.Procedure) { p.Steps[1].Note = "a\xffb" }, "invalid UTF-8"},
		{"control-actor", func(p *flow.Procedure) { p.Actors[0].Name = "A\x1b" }, "control character U+001B"},
		{"control-label", func(p *flow.Procedure) { p.Labels = map[string]string{"title": "\x07"} }, "labels.title"},
		{"control-identity", func(p *flow.Procedure) { p.Identity.Unit = []string{"\x00"} }, "identity"},
	}
}

func TestValidate(t *testing.T) {
	if err := testsop.Built().Validate(); err != nil {
		t.Fatalf("a good procedure: %v", err)
	}
	var nilProc *flow.Procedure
	if err := nilProc.Validate(); err == nil {
		t.Errorf("nil procedure: no error")
	}
	for _, tc := range brokenProcedures() {
		t.Run(tc.name, func(t *testing.T) {
			p := testsop.Built()
			tc.break_(p)
			err := p.Validate()
			var l flow.ErrorList
			if !errors.As(err, &l) {
				t.Fatalf("err = %v, want an ErrorList", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

// TestParseRefusesControlCharacters: no writer can show a NUL or an escape,
// and DOT and XML files holding one are refused by their readers.
func TestParseRefusesControlCharacters(t *testing.T) {
	src := "name = \"x\"\nactors = [\"A\"]\n[[steps]]\nactor = \"A\"\nactivity = \"a\\u0000b\"\n\"k\\u0001\" = 1\n"
	_, err := flow.Parse("f.toml", []byte(src))
	want := "f.toml:5:12: step 1: activity holds control character U+0000 at byte 1; remove it (write tabs and line breaks as they are)\n" +
		"f.toml:6:1: key \"k\\x01\" holds control character U+0001; remove it\n" +
		"f.toml:6:1: unknown key \"k\\x01\" in step 1"
	if err == nil || err.Error() != want {
		t.Errorf("err =\n%v\nwant\n%s", err, want)
	}
	ok := "name = \"x\"\nactors = [\"A\"]\n[[steps]]\nactor = \"A\"\nactivity = \"a\\tb\\nc\"\n"
	if _, err := flow.Parse("f.toml", []byte(ok)); err != nil {
		t.Errorf("tab and newline: %v", err)
	}
}

func TestWarningsActorWithoutStep(t *testing.T) {
	p := testsop.Built()
	p.Actors = append(p.Actors, flow.Actor{Name: "C", Pos: flow.Pos{File: "f", Line: 2, Col: 20}})
	w := p.Warnings()
	want := `f:2:20: warning: actor "C" carries out no step; its column stays empty (remove it, or give it a step)`
	if len(w) != 1 || w[0].Error() != want {
		t.Errorf("got %v, want %s", w, want)
	}
	if w := testsop.Built().Warnings(); len(w) != 0 {
		t.Errorf("good: %v", w)
	}
}
