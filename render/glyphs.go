package render

import (
	"fmt"
	"unicode"

	"github.com/sopflow/sopflow/flow"
)

// TextWarnings returns a warning for each text of p (and each label) that
// the embedded font cannot show as written: characters it has no glyph for
// (Arabic, CJK, emoji, ...), which PNG and PDF draw as the font's empty
// box, and right-to-left scripts (Hebrew, Arabic), which are drawn left to
// right. The SVG leaves the text to the viewer's fonts. Each warning is
// placed at the step, the actor or the logo key when known, else at the
// file; there is at most one of each kind per text. The work is linear in
// the text: each distinct character is looked up in the font once.
func TextWarnings(p *flow.Procedure, labels Labels) flow.ErrorList {
	if p == nil {
		return nil
	}
	w := &glyphWarner{file: p.File, seen: make(map[rune]bool)}
	file := flow.Pos{File: p.File}
	w.check(file, "name", p.Name)
	for i, a := range p.Actors {
		w.check(a.Pos, fmt.Sprintf("actor %d", i+1), a.Name)
	}
	for _, s := range p.Steps {
		if s == nil {
			continue
		}
		subj := fmt.Sprintf("step %d: ", s.Number)
		for _, f := range []struct{ name, s string }{{"activity", s.Activity}, {"requirements", s.Requirements},
			{"time", s.Time}, {"output", s.Output}, {"note", s.Note}} {
			w.check(s.Pos, subj+f.name, f.s)
		}
		for k, o := range s.Out {
			w.check(s.Pos, fmt.Sprintf("%sexit %d label", subj, k+1), o.Label)
		}
	}
	id := p.Identity
	for _, f := range []struct{ name, s string }{{"identity.number", id.Number}, {"identity.approver.title", id.Approver.Title},
		{"identity.approver.name", id.Approver.Name}, {"identity.approver.rank", id.Approver.Rank}, {"identity.approver.nip", id.Approver.NIP},
		{"identity.created", id.Created.Text}, {"identity.revised", id.Revised.Text}, {"identity.effective", id.Effective.Text}} {
		w.check(file, f.name, f.s)
	}
	for _, l := range []struct {
		name  string
		items []string
	}{{"identity.unit", id.Unit}, {"identity.legal_basis", id.LegalBasis}, {"identity.qualifications", id.Qualifications},
		{"identity.related", id.Related}, {"identity.equipment", id.Equipment}, {"identity.warnings", id.Warnings}, {"identity.records", id.Records}} {
		for i, s := range l.items {
			w.check(file, fmt.Sprintf("item %d of %s", i+1, l.name), s)
		}
	}
	for _, k := range labelOrder(labels) {
		w.check(file, "labels."+k, labels[k])
	}
	w.errs.Sort()
	return w.errs
}

// labelOrder returns the keys of labels that p's [labels] may set, sorted.
func labelOrder(labels Labels) []string {
	var keys []string
	for _, k := range flow.LabelKeys() {
		if _, ok := labels[k]; ok {
			keys = append(keys, k)
		}
	}
	return keys
}

type glyphWarner struct {
	file string
	seen map[rune]bool // rune -> the font lacks it
	errs flow.ErrorList
}

// missing reports whether the embedded font has no glyph for r.
func (w *glyphWarner) missing(r rune) bool {
	if r < 0x80 {
		return false
	}
	m, ok := w.seen[r]
	if !ok {
		m = FontFace(false).GlyphIndex(r) == 0 || FontFace(true).GlyphIndex(r) == 0
		w.seen[r] = m
	}
	return m
}

func (w *glyphWarner) check(pos flow.Pos, what, s string) {
	if pos.File == "" {
		pos.File = w.file
	}
	var first, rtl rune
	n := 0
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t' || r == '\r' || unicode.IsSpace(r):
		case w.missing(r):
			if n == 0 {
				first = r
			}
			n++
		}
		if rtl == 0 && (unicode.Is(unicode.Hebrew, r) || unicode.Is(unicode.Arabic, r) ||
			unicode.Is(unicode.Syriac, r) || unicode.Is(unicode.Thaana, r) || unicode.Is(unicode.Nko, r)) {
			rtl = r
		}
	}
	if n > 0 {
		more := ""
		if n > 1 {
			more = fmt.Sprintf(" and %d more", n-1)
		}
		w.errs.Add(pos, "warning: %s: the font has no glyph for %q (%U)%s; PNG and PDF draw an empty box instead", what, first, first, more)
	}
	if rtl != 0 {
		w.errs.Add(pos, "warning: %s: right-to-left text (%q, %U) is drawn left to right", what, rtl, rtl)
	}
}
