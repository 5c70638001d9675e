// Package sheetwire is what sopflow and its sopflow-sheet helper say to
// each other: the helper reads an XLSX workbook (it links excelize, so
// that sopflow does not pay its start-up) and answers with the checked
// procedure, positions and all, or with the problems. The command line
// says which command:
//
//	sopflow-sheet read NAME OPTIONS   workbook on stdin, Result (JSON) on stdout
//	sopflow-sheet write               Procedure (JSON) on stdin, workbook on stdout
//
// OPTIONS is flow.ParseOptions as JSON.
package sheetwire

import (
	"errors"

	"github.com/sopflow/sopflow/flow"
)

// HelperName is the name of the helper binary.
const HelperName = "sopflow-sheet"

// Result is the helper's answer to read: a procedure, or problems.
type Result struct {
	Procedure *flow.Procedure `json:"procedure,omitempty"`
	Problems  []Problem       `json:"problems,omitempty"`
}

// Problem is one flow.Error.
type Problem struct {
	Pos   flow.Pos         `json:"pos"`
	Msg   string           `json:"msg"`
	Limit *flow.LimitError `json:"limit,omitempty"`
}

// NewResult makes the answer to p and err, as a reader returned them.
func NewResult(p *flow.Procedure, err error) Result {
	if err == nil {
		return Result{Procedure: p}
	}
	list, ok := flow.AsList(err)
	if !ok {
		list = flow.ErrorList{{Msg: err.Error()}}
	}
	var r Result
	for _, e := range list {
		pr := Problem{Pos: e.Pos, Msg: e.Msg}
		var le *flow.LimitError
		if errors.As(e.Err, &le) {
			pr.Limit = le
		}
		r.Problems = append(r.Problems, pr)
	}
	return r
}

// Unpack returns what the reader returned: the procedure, or the problems
// as a flow.ErrorList.
func (r Result) Unpack() (*flow.Procedure, error) {
	if len(r.Problems) == 0 {
		if r.Procedure == nil {
			return nil, errors.New("the helper answered with neither a procedure nor problems")
		}
		return r.Procedure, nil
	}
	var l flow.ErrorList
	for _, pr := range r.Problems {
		e := &flow.Error{Pos: pr.Pos, Msg: pr.Msg}
		if pr.Limit != nil {
			e.Err = pr.Limit
		}
		l = append(l, e)
	}
	return nil, l
}
