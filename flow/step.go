package flow

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// This file reads the [[steps]] tables.

// stepInput is what a [[steps]] table says beyond the Step itself: whether
// its kind was given, and its references, which are resolved into Step.Out
// once every step has been read.
type stepInput struct {
	t                       *table
	step                    *Step
	kindSet, kindBad        bool
	idBad                   bool
	next, yes, no           ref
	yesLabel, noLabel       string
	yesLabelSet, noLabelSet bool
}

// ref is a reference to a step as written: by id or by number.
type ref struct {
	key   string // "next", "yes" or "no"
	set   bool   // the key is present
	bad   bool   // the value has the wrong type (already reported)
	byNum bool
	num   int64
	id    string
}

// kinds lists the valid kinds, in the order they are suggested.
func kinds() []string {
	return []string{string(Start), string(Process), string(Decision), string(End)}
}

// isNumber reports whether s is written like an integer, such as "3" or "+12".
func isNumber(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// kindWord returns the kind that an Indonesian word for a symbol means.
func kindWord(w string) (Kind, bool) {
	switch strings.ToLower(w) {
	case "mulai", "awal":
		return Start, true
	case "proses", "kegiatan", "kotak":
		return Process, true
	case "keputusan", "belah ketupat":
		return Decision, true
	case "selesai", "akhir":
		return End, true
	}
	return "", false
}

// steps reads the steps array into p.Steps and links the steps.
func (d *decoder) steps(top *table, v any, p *Procedure, actorsOK bool) {
	var tables []map[string]any
	switch v := v.(type) {
	case []map[string]any:
		tables = v
	case []any:
		ok := true
		for i, e := range v {
			m, isTable := e.(map[string]any)
			if !isTable {
				d.errorf(d.valPos(top, "steps", strconv.Itoa(i)), "step %d must be a table, not %s", i+1, describe(e))
				ok = false
				continue
			}
			tables = append(tables, m)
		}
		if !ok {
			return
		}
	case map[string]any:
		d.errorf(d.keyPos(top, "steps"), "steps must be an array of tables: write [[steps]], not [steps]")
		return
	default:
		d.errorf(d.valPos(top, "steps"), "steps must be an array of tables ([[steps]]), not %s", describe(v))
		return
	}
	if len(tables) == 0 {
		d.errorf(d.valPos(top, "steps"), "steps is empty; add a [[steps]] table for each step")
		return
	}

	in := make([]*stepInput, len(tables))
	for i, m := range tables {
		in[i] = d.step(i, m, p, actorsOK)
		p.Steps = append(p.Steps, in[i].step)
	}

	ids := make(map[string]int)
	idsOK := true
	for i, s := range in {
		idsOK = idsOK && !s.idBad
		id := s.step.ID
		if id == "" {
			continue
		}
		if j, dup := ids[id]; dup {
			d.errorf(d.valPos(s.t, "id"), "step %d: duplicate id %q; step %d has it too", i+1, id, j+1)
			continue
		}
		ids[id] = i
	}
	l := &linker{d: d, in: in, ids: ids, idsOK: idsOK}
	for i := range in {
		l.link(i)
	}
}

// step reads the i-th [[steps]] table.
func (d *decoder) step(i int, m map[string]any, p *Procedure, actorsOK bool) *stepInput {
	n := i + 1
	path := []string{"steps", strconv.Itoa(i)}
	hdr := d.index.lookup(path...)
	pos := hdr.Key
	if pos.Line == 0 {
		pos = hdr.Val // an inline table in steps = [...]
	}
	if pos.Line == 0 {
		pos = d.index.lookup("steps").Key
	}
	if pos.Line == 0 {
		pos = Pos{Line: 1, Col: 1}
	}
	pos.File = d.file
	t := &table{
		path:     path,
		m:        m,
		subject:  fmt.Sprintf("step %d", n),
		where:    fmt.Sprintf(" in step %d", n),
		fallback: pos,
	}
	s := &Step{Number: n, Pos: pos}
	in := &stepInput{t: t, step: s}
	typos := d.checkKeys(t, stepKeys())

	texts := func(k string) *string {
		switch k {
		case "requirements":
			return &s.Requirements
		case "time":
			return &s.Time
		case "output":
			return &s.Output
		case "note":
			return &s.Note
		case "yes_label":
			return &in.yesLabel
		case "no_label":
			return &in.noLabel
		}
		return nil
	}
	for _, k := range sortedKeys(m) {
		v := m[k]
		switch k {
		case "id":
			in.idBad = !d.stepID(t, v, s)
		case "actor":
			s.Actors = d.stepActors(t, v, p, actorsOK)
		case "activity":
			if a, ok := d.text(t, k, v); ok {
				if a == "" {
					d.errorf(d.valPos(t, k), "%sactivity is empty; say what is done in this step", t.lead())
				}
				s.Activity = a
			}
		case "kind":
			d.kind(in, v)
		case "next":
			in.next = d.ref(t, k, v)
		case "yes":
			in.yes = d.ref(t, k, v)
		case "no":
			in.no = d.ref(t, k, v)
		default:
			if f := texts(k); f != nil {
				*f, _ = d.text(t, k, v)
			}
		}
	}
	_, in.yesLabelSet = m["yes_label"]
	_, in.noLabelSet = m["no_label"]
	if _, ok := m["actor"]; !ok && !typos["actor"] {
		d.errorf(pos, "%smissing actor; add actor = \"...\", one of the actors", t.lead())
	}
	if _, ok := m["activity"]; !ok && !typos["activity"] {
		d.errorf(pos, "%smissing activity; add activity = \"...\", what is done in this step", t.lead())
	}
	return in
}

// stepID reads a step's id and reports whether it is valid.
func (d *decoder) stepID(t *table, v any, s *Step) bool {
	id, ok := d.text(t, "id", v)
	if !ok {
		return false
	}
	pos := d.valPos(t, "id")
	if id == "" {
		d.errorf(pos, "step %d: id is empty", s.Number)
		return false
	}
	if isNumber(id) {
		d.errorf(pos, "step %d: id %q could be mistaken for a step number; use a name such as \"s%s\"",
			s.Number, id, strings.TrimLeft(id, "+-"))
		return false
	}
	s.ID = id
	return true
}

// stepActors reads a step's actor: one name or a list, the first primary.
func (d *decoder) stepActors(t *table, v any, p *Procedure, actorsOK bool) []int {
	type name struct {
		s   string
		pos Pos
	}
	var names []name
	switch v := v.(type) {
	case string:
		names = append(names, name{v, d.valPos(t, "actor")})
	case []any:
		if len(v) == 0 {
			d.errorf(d.valPos(t, "actor"), "%s is an empty list; name at least one actor", t.name("actor"))
		}
		for j, e := range v {
			pos := d.valPos(t, "actor", strconv.Itoa(j))
			s, ok := e.(string)
			if !ok {
				d.errorf(pos, "%s must be a string, not %s", t.item("actor", j), describe(e))
				continue
			}
			names = append(names, name{s, pos})
		}
	default:
		d.errorf(d.valPos(t, "actor"), "%s must be an actor name or a list of them, not %s", t.name("actor"), describe(v))
		return nil
	}

	all := d.actorNames(p)
	var idx []int
	for _, nm := range names {
		s := strings.TrimSpace(nm.s)
		i, known := d.actorIndex[s]
		if !known {
			i = -1
		}
		switch {
		case s == "":
			d.errorf(nm.pos, "%s is empty", t.name("actor"))
		case i < 0:
			if !actorsOK {
				continue // the actors list is wrong; that is reported already
			}
			hint := d.sg.didYouMean(s, all)
			if hint == "" {
				hint = fmt.Sprintf("; add it to actors, or use one of %s", quoteSome(all, 10))
			}
			d.errorf(nm.pos, "%s: unknown actor %q%s", t.subject, s, hint)
		case slices.Contains(idx, i):
			d.errorf(nm.pos, "%s %q is listed twice", t.name("actor"), s)
		default:
			idx = append(idx, i)
		}
	}
	return idx
}

// actorNames returns the names of p's actors, and fills d.actorIndex; both
// are built once.
func (d *decoder) actorNames(p *Procedure) []string {
	if d.actorIndex == nil {
		d.actorIndex = make(map[string]int, len(p.Actors))
		d.actorList = make([]string, len(p.Actors))
		for i, a := range p.Actors {
			d.actorList[i] = a.Name
			d.actorIndex[a.Name] = i
		}
	}
	return d.actorList
}

// kind reads a step's kind.
func (d *decoder) kind(in *stepInput, v any) {
	k, ok := d.text(in.t, "kind", v)
	in.kindSet = true
	if !ok {
		in.kindBad = true
		return
	}
	if slices.Contains(kinds(), k) {
		in.step.Kind = Kind(k)
		return
	}
	in.kindBad = true
	hint := d.sg.didYouMean(k, kinds())
	if w, ok := kindWord(k); ok && hint == "" {
		hint = fmt.Sprintf(" (did you mean %q?)", w)
	}
	d.errorf(d.valPos(in.t, "kind"), "%s: unknown kind %q%s; use %s", in.t.subject, k, hint, orList(kinds()))
}

// orList quotes the strings as "a", "b" or "c".
func orList(list []string) string {
	if len(list) < 2 {
		return quoteList(list)
	}
	return quoteList(list[:len(list)-1]) + " or " + quoteList(list[len(list)-1:])
}

// ref reads a reference to a step: an id or a number.
func (d *decoder) ref(t *table, key string, v any) ref {
	r := ref{key: key, set: true}
	switch v := v.(type) {
	case string:
		r.id = strings.TrimSpace(v)
	case int64:
		r.byNum, r.num = true, v
	default:
		r.bad = true
		d.errorf(d.valPos(t, key), "%s must be a step id (a string) or a step number (an integer), not %s",
			t.name(key), describe(v))
	}
	return r
}
