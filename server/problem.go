package server

import (
	"strings"

	"github.com/sopflow/sopflow/flow"
)

// Problem is one error or warning in an SOP, as the API and the editor
// answer it in JSON.
type Problem struct {
	Line     int    `json:"line,omitempty"` // 1-based; 0 when unknown
	Col      int    `json:"col,omitempty"`  // 1-based, in bytes
	Severity string `json:"severity"`       // "error" or "warning"
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
}

// Problems returns the problems err holds (a flow.ErrorList or a
// *flow.Error), or err as one problem without a position.
func Problems(err error) []Problem {
	list, ok := flow.AsList(err)
	if !ok {
		return []Problem{{Severity: "error", Message: err.Error()}}
	}
	out := make([]Problem, 0, len(list))
	for _, e := range list {
		msg, hint := splitHint(e.Msg)
		out = append(out, Problem{Line: e.Pos.Line, Col: e.Pos.Col, Severity: "error", Message: msg, Hint: hint})
	}
	return out
}

// splitHint splits the "did you mean ...?" or "; want ..." of a message
// off as its hint.
func splitHint(msg string) (string, string) {
	for _, sep := range []string{"; did you mean", " (did you mean", "; want ", " (want "} {
		if i := strings.Index(msg, sep); i > 0 {
			hint := strings.TrimSpace(strings.TrimPrefix(msg[i:], ";"))
			hint = strings.TrimSuffix(strings.TrimPrefix(hint, "("), ")")
			return msg[:i], hint
		}
	}
	return msg, ""
}
