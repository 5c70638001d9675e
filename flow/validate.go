package flow

import (
	"fmt"
	"slices"
	"strconv"
)

// This file links the steps (fills Step.Kind and Step.Out) and checks the
// shape of the flow.

// linker resolves the references of the steps.
type linker struct {
	d      *decoder
	in     []*stepInput
	ids    map[string]int // step id -> index
	idsOK  bool           // every id is valid, so an unknown id is an error
	sorted []string       // the ids, sorted; built on the first unknown id
}

// inferKind returns the kind of the i-th of n steps when none is given.
func inferKind(in *stepInput, i, n int) Kind {
	switch {
	case in.yes.set || in.no.set:
		return Decision
	case i == n-1 && !in.next.set:
		return End
	case i == 0:
		return Start
	}
	return Process
}

// link sets the kind and the links of the i-th step.
func (l *linker) link(i int) {
	in := l.in[i]
	s, t, d := in.step, in.t, l.d
	if in.kindBad {
		return
	}
	if !in.kindSet {
		s.Kind = inferKind(in, i, len(l.in))
	}
	if s.Kind != Decision {
		for _, k := range []string{"yes", "no", "yes_label", "no_label"} {
			if _, ok := t.m[k]; ok {
				d.errorf(d.keyPos(t, k), "%s: %s is only for decisions; remove it, or set kind = \"decision\"", t.subject, k)
			}
		}
	}

	switch s.Kind {
	case Decision:
		if in.next.set {
			d.errorf(d.keyPos(t, "next"), "%s: a decision leaves by yes and no, not next; write yes = ... or no = ...", t.subject)
		}
		// Without yes_label or no_label the exit keeps no label: the
		// printed labels (render's "yes_label", "no_label") give it.
		var yesLabel, noLabel string
		if in.yesLabelSet {
			yesLabel = in.yesLabel
		}
		if in.noLabelSet {
			noLabel = in.noLabel
		}
		yes, yesOK := l.resolve(i, in.yes)
		if !in.yes.set {
			if yesOK = i+1 < len(l.in); yesOK {
				yes = i + 1
			} else {
				d.errorf(s.Pos, "%s: the decision's yes exit has no following step; add yes = <step id or number>", t.subject)
			}
		}
		no, noOK := l.resolve(i, in.no)
		if !in.no.set {
			d.errorf(s.Pos, "%s: the decision has no \"no\" exit; add no = <step id or number>", t.subject)
		}
		if yesOK && noOK {
			if yes == no {
				d.errorf(d.valPos(t, "no"), "%s: both exits of the decision lead to step %d; send no elsewhere, or make the step a process",
					t.subject, yes+1)
				return
			}
			s.Out = []Link{{To: yes, Label: yesLabel}, {To: no, Label: noLabel}}
		}

	case End:
		if in.next.set {
			d.errorf(d.keyPos(t, "next"), "%s: an end step has no next; remove next, or set another kind", t.subject)
		}

	default:
		if s.Kind == Start && i > 0 {
			d.errorf(d.valPos(t, "kind"), "%s: only step 1 can be a start; use kind = \"process\"", t.subject)
		}
		to, ok := l.resolve(i, in.next)
		if !in.next.set {
			if ok = i+1 < len(l.in); ok {
				to = i + 1
			} else {
				d.errorf(s.Pos, "%s has no following step; add next = <step id or number> or kind = \"end\"", t.subject)
			}
		}
		if ok {
			s.Out = []Link{{To: to}}
		}
	}
}

// resolve returns the index of the step that r, given in the i-th step,
// names. It reports false when r is not set or cannot be resolved.
func (l *linker) resolve(i int, r ref) (int, bool) {
	if !r.set || r.bad {
		return 0, false
	}
	in, d, n := l.in[i], l.d, len(l.in)
	pos := d.valPos(in.t, r.key)
	to := 0
	if r.byNum {
		if r.num < 1 || r.num > int64(n) {
			d.errorf(pos, "%s: %s = %d is out of range 1..%d", in.t.subject, r.key, r.num, n)
			return 0, false
		}
		to = int(r.num) - 1
	} else {
		j, ok := l.ids[r.id]
		if !ok {
			if l.idsOK {
				d.errorf(pos, "%s: %s = %q: no step has this id%s", in.t.subject, r.key, r.id, l.idHint(r))
			}
			return 0, false
		}
		to = j
	}
	if to == i {
		d.errorf(pos, "%s: %s leads back to the step itself", in.t.subject, r.key)
		return 0, false
	}
	return to, true
}

// idHint suggests a fix for a reference to an unknown id.
func (l *linker) idHint(r ref) string {
	if l.sorted == nil {
		l.sorted = make([]string, 0, len(l.ids))
		for id := range l.ids {
			l.sorted = append(l.sorted, id)
		}
		slices.Sort(l.sorted)
	}
	ids := l.sorted
	if h := l.d.sg.didYouMean(r.id, ids); h != "" {
		return h
	}
	if isNumber(r.id) {
		return fmt.Sprintf("; to name step %s by its number, write %s = %s without quotes", r.id, r.key, r.id)
	}
	if len(ids) == 0 {
		return fmt.Sprintf("; give the step id = %q", r.id)
	}
	return ""
}

// checkGraph checks that every step can be reached from the first one, and
// that an end can be reached from every step. It needs a Procedure whose
// links are all resolved.
func (d *decoder) checkGraph(p *Procedure) {
	n := len(p.Steps)
	if n == 0 {
		return
	}
	reached := walk(p, []int{0}, func(s *Step, visit func(int)) {
		for _, o := range s.Out {
			visit(o.To)
		}
	})
	for i, s := range p.Steps {
		if !reached[i] {
			d.errorf(s.Pos, "step %d cannot be reached from step 1; lead a next, yes or no to it, or remove it", i+1)
		}
	}

	// Walk back from the ends.
	preds := make([][]int, n)
	var ends []int
	for i, s := range p.Steps {
		if s.Kind == End {
			ends = append(ends, i)
		}
		for _, o := range s.Out {
			preds[o.To] = append(preds[o.To], i)
		}
	}
	if len(ends) == 0 {
		d.errorf(p.Steps[n-1].Pos, "the flow has no end step; set kind = \"end\" on the step that ends the procedure")
		return
	}
	finishes := walk(p, ends, func(s *Step, visit func(int)) {
		for _, j := range preds[s.Number-1] {
			visit(j)
		}
	})
	stuck := func(i int) bool { return reached[i] && !finishes[i] }
	for i, s := range p.Steps {
		if !stuck(i) {
			continue
		}
		// Report each stuck region once, where the flow enters it.
		entry := i == 0
		for _, j := range preds[i] {
			entry = entry || reached[j] && !stuck(j)
		}
		if !entry {
			continue
		}
		loop := walk(p, []int{i}, func(s *Step, visit func(int)) {
			for _, o := range s.Out {
				if stuck(o.To) {
					visit(o.To)
				}
			}
		})
		var nums []string
		for j, in := range loop {
			if in {
				nums = append(nums, strconv.Itoa(j+1))
			}
		}
		d.errorf(s.Pos, "no end can be reached from step %d: steps %s loop with no way out; add a decision that leaves the loop",
			i+1, andList(nums))
	}
}

// walk returns the steps reachable from the start steps along next.
func walk(p *Procedure, start []int, next func(s *Step, visit func(int))) []bool {
	seen := make([]bool, len(p.Steps))
	queue := slices.Clone(start)
	for _, i := range start {
		seen[i] = true
	}
	visit := func(j int) {
		if !seen[j] {
			seen[j] = true
			queue = append(queue, j)
		}
	}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		next(p.Steps[i], visit)
	}
	return seen
}
