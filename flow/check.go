package flow

import (
	"fmt"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// This file checks a Procedure built in Go rather than returned by Parse,
// and the text of a parsed document for control characters.

// Validate checks that p keeps every guarantee that a Procedure returned by
// Parse keeps (see the package documentation), and returns an ErrorList
// with every problem it finds, or nil. Positions are the steps' and
// actors' Pos when set; a Procedure built in Go usually has none, and its
// errors then carry only p.File.
//
// Besides the guarantees of Parse, Validate refuses text that holds
// control characters other than tab and newline (such as NUL), invalid
// UTF-8, and kinds other than the four of this package. A nil Procedure is
// an error, never a panic. Validate does not modify p.
func (p *Procedure) Validate() error {
	if p == nil {
		return ErrorList{{Msg: "no procedure (nil)"}}
	}
	v := &decoder{file: p.File, built: true}
	at := func(pos Pos) Pos {
		if pos.Line <= 0 {
			return Pos{}
		}
		return pos
	}
	text := func(pos Pos, what, s string) {
		if r, i, bad := badRune(s); bad {
			v.errorf(pos, "%s: %s at byte %d; remove it", what, describeRune(r), i)
		}
	}
	if len(p.Actors) == 0 {
		v.errorf(Pos{}, "no actors; a procedure needs at least one")
	}
	if len(p.Steps) == 0 {
		v.errorf(Pos{}, "no steps; a procedure needs at least one")
	}
	text(Pos{}, "name", p.Name)
	seen := make(map[string]int, len(p.Actors))
	for i, a := range p.Actors {
		pos := at(a.Pos)
		switch j, dup := seen[a.Name]; {
		case a.Name == "":
			v.errorf(pos, "actor %d is empty", i+1)
		case dup:
			v.errorf(pos, "actor %d: duplicate actor %q; actor %d has it too", i+1, a.Name, j+1)
		default:
			seen[a.Name] = i
		}
		if isBadText(a.Name) { // (the test first spares the message's text)
			text(pos, fmt.Sprintf("actor %d", i+1), a.Name)
		}
	}
	n := len(p.Steps)
	ends := 0
	for i, s := range p.Steps {
		if s == nil {
			v.errorf(Pos{}, "step %d is nil", i+1)
			continue
		}
		pos := at(s.Pos)
		subj := stepSubject(i + 1) // "step 3", made only for a message
		if s.Number != i+1 {
			v.errorf(pos, "%s has Number %d; steps are numbered 1..n in order", subj, s.Number)
		}
		if len(s.Actors) == 0 {
			v.errorf(pos, "%s has no actor", subj)
		}
		for k, a := range s.Actors {
			switch {
			case a < 0 || a >= len(p.Actors):
				v.errorf(pos, "%s: actor index %d is out of range 0..%d", subj, a, len(p.Actors)-1)
			case slices.Contains(s.Actors[:k], a):
				v.errorf(pos, "%s: actor %d is listed twice", subj, a)
			}
		}
		if s.Activity == "" {
			v.errorf(pos, "%s: activity is empty", subj)
		}
		for _, f := range []struct{ name, s string }{{"id", s.ID}, {"activity", s.Activity},
			{"requirements", s.Requirements}, {"time", s.Time}, {"output", s.Output}, {"note", s.Note}} {
			if isBadText(f.s) {
				text(pos, subj.String()+": "+f.name, f.s)
			}
		}
		want := -1
		switch s.Kind {
		case Start:
			want = 1
			if i > 0 {
				v.errorf(pos, "%s: only step 1 can be a start", subj)
			}
		case Process:
			want = 1
		case Decision:
			want = 2
		case End:
			want = 0
			ends++
		default:
			v.errorf(pos, "%s: unknown kind %q; use %s", subj, s.Kind, orList(kinds()))
		}
		if want >= 0 && len(s.Out) != want {
			v.errorf(pos, "%s (%s) has %d exits; it must have %d", subj, s.Kind, len(s.Out), want)
		}
		for k, o := range s.Out {
			switch {
			case o.To < 0 || o.To >= n:
				v.errorf(pos, "%s: exit %d leads to step index %d, out of range 0..%d", subj, k+1, o.To, n-1)
			case o.To == i:
				v.errorf(pos, "%s: exit %d leads back to the step itself", subj, k+1)
			}
			if isBadText(o.Label) {
				text(pos, fmt.Sprintf("%s: label of exit %d", subj, k+1), o.Label)
			}
		}
		if s.Kind == Decision && len(s.Out) == 2 && s.Out[0].To == s.Out[1].To {
			v.errorf(pos, "%s: both exits of the decision lead to step %d", subj, s.Out[0].To+1)
		}
	}
	if n > 0 && ends == 0 && len(v.errs) == 0 {
		v.errorf(at(p.Steps[n-1].Pos), "the flow has no end step")
	}
	if len(v.errs) == 0 {
		v.checkGraph(p) // needs every link in range
	}
	id := p.Identity
	for _, f := range []struct{ name, s string }{{"identity.number", id.Number}, {"identity.logo", id.Logo},
		{"identity.approver", id.Approver.Title + id.Approver.Name + id.Approver.Rank + id.Approver.NIP}} {
		text(Pos{}, f.name, f.s)
	}
	for _, l := range [][]string{id.Unit, id.LegalBasis, id.Qualifications, id.Related, id.Equipment, id.Warnings, id.Records} {
		for _, s := range l {
			text(Pos{}, "identity", s)
		}
	}
	for _, k := range sortedLabelKeys(p.Labels) {
		if isBadText(p.Labels[k]) {
			text(Pos{}, "labels."+k, p.Labels[k])
		}
	}
	if len(v.errs) > 0 {
		v.errs.Sort()
		return v.errs
	}
	return nil
}

// stepSubject is how messages name step n: "step n".
type stepSubject int

func (n stepSubject) String() string { return "step " + strconv.Itoa(int(n)) }

func sortedLabelKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// badRune returns the first rune of s that text may not hold: invalid
// UTF-8, or a control character other than tab, newline and carriage
// return. i is its byte offset.
func badRune(s string) (r rune, i int, bad bool) {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size <= 1 {
				return r, i, true
			}
		}
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return r, i, true
		}
	}
	return 0, 0, false
}

// describeRune names a rune that text may not hold.
func describeRune(r rune) string {
	if r == utf8.RuneError {
		return "invalid UTF-8"
	}
	return fmt.Sprintf("control character %U", r)
}

// checkControls reports every key and string value of the decoded document
// that holds a control character (see badRune): no writer could show it,
// and some (Graphviz's DOT, XML) refuse the file.
func (d *decoder) checkControls(path []string, v any) {
	// (Parse calls it only when hasBadText finds something to report: the
	// walk below builds every key path, in order, for its messages.)
	switch v := v.(type) {
	case string:
		if r, i, bad := badRune(v); bad {
			kp := d.index.lookup(path...)
			pos := kp.Val
			if pos.Line == 0 {
				pos = kp.Key
			}
			d.errorf(pos, "%s holds %s at byte %d; remove it (write tabs and line breaks as they are)",
				pathName(path), describeRune(r), i)
		}
	case map[string]any:
		for _, k := range sortedKeys(v) {
			p := append(slices.Clip(path), k)
			if r, _, bad := badRune(k); bad {
				d.errorf(d.index.lookup(p...).Key, "key %q holds %s; remove it", k, describeRune(r))
				continue
			}
			d.checkControls(p, v[k])
		}
	case []map[string]any:
		for i, e := range v {
			d.checkControls(append(slices.Clip(path), fmt.Sprint(i)), e)
		}
	case []any:
		for i, e := range v {
			d.checkControls(append(slices.Clip(path), fmt.Sprint(i)), e)
		}
	}
}

// hasBadText reports whether checkControls would report anything in v: a
// key or a string that badRune rejects. It walks v as checkControls does,
// but in any order and without building key paths.
func hasBadText(v any) bool {
	switch v := v.(type) {
	case string:
		return isBadText(v)
	case map[string]any:
		for k, e := range v {
			if isBadText(k) || hasBadText(e) {
				return true
			}
		}
	case []map[string]any:
		for _, e := range v {
			if hasBadText(e) {
				return true
			}
		}
	case []any:
		for _, e := range v {
			if hasBadText(e) {
				return true
			}
		}
	}
	return false
}

// isBadText is badRune's verdict, quick for printable ASCII.
func isBadText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f {
			_, _, bad := badRune(s[i:])
			return bad
		}
	}
	return false
}

// pathName writes a key path for messages: steps.2.activity is "step 3: activity".
func pathName(path []string) string {
	if len(path) >= 3 && path[0] == "steps" {
		var n int
		fmt.Sscan(path[1], &n)
		return fmt.Sprintf("step %d: %s", n+1, joinPath(path[2:]))
	}
	return joinPath(path)
}

func joinPath(path []string) string {
	s := ""
	for i, k := range path {
		if i > 0 {
			s += "."
		}
		s += tomlKey(k)
	}
	return s
}
