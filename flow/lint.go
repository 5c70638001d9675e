package flow

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// Rule is one lint rule: the review an SOP reviewer applies beyond validity.
type Rule struct {
	ID      string // short, stable, kebab-case: "no-verb"
	Summary string // one line, for listings and SARIF
}

// The lint rules, in the order LintRules lists them.
const (
	RuleUnusedActor    = "unused-actor"
	RuleMissingQuality = "missing-quality"
	RuleDuration       = "duration"
	RuleDefaultLabels  = "default-labels"
	RuleNoVerb         = "no-verb"
	RuleTooLarge       = "too-large"
	RuleDuplicate      = "duplicate-activity"
)

// LintRules returns every rule that Lint applies.
func LintRules() []Rule {
	return []Rule{
		{RuleUnusedActor, "an actor carries out no step, so its column stays empty"},
		{RuleMissingQuality, "a step has no WAKTU or OUTPUT while other steps have one"},
		{RuleDuration, "a WAKTU is not a duration such as \"10 menit\", \"1 jam\", \"2 hari kerja\", \"1-2 minggu\""},
		{RuleDefaultLabels, "a decision keeps the default labels on both exits while its activity is not a question"},
		{RuleNoVerb, "an activity does not start with a verb"},
		{RuleTooLarge, "more than 25 steps or 8 actors: the guidance is to split the SOP"},
		{RuleDuplicate, "two steps have the same activity text"},
	}
}

// Finding is one lint warning: where, which rule, and what to do.
type Finding struct {
	Pos  Pos
	Rule string // a Rule ID
	Msg  string
}

func (f Finding) String() string { return fmt.Sprintf("%s: %s [%s]", f.Pos, f.Msg, f.Rule) }

// Guidance on the size of one SOP: beyond it, split the procedure.
const (
	lintMaxSteps  = 25
	lintMaxActors = 8
)

// Lint returns the warnings of the rules of LintRules on p, sorted by
// position then rule. A valid procedure may have any number of them; they
// never stop it from being drawn.
func (p *Procedure) Lint() []Finding {
	if p == nil {
		return nil
	}
	var out []Finding
	at := func(pos Pos) Pos {
		if pos.File == "" {
			pos.File = p.File
		}
		return pos
	}
	add := func(pos Pos, rule, format string, args ...any) {
		out = append(out, Finding{Pos: at(pos), Rule: rule, Msg: fmt.Sprintf(format, args...)})
	}

	for _, w := range p.Warnings() {
		add(w.Pos, RuleUnusedActor, "%s", strings.TrimPrefix(w.Msg, "warning: "))
	}

	// WAKTU and OUTPUT: missing on some steps while others have them. Start
	// and end steps often have none, so only process and decision steps count.
	work := func(s *Step) bool { return s.Kind == Process || s.Kind == Decision }
	var withTime, withOutput int
	for _, s := range p.Steps {
		if work(s) && filled(s.Time) {
			withTime++
		}
		if work(s) && filled(s.Output) {
			withOutput++
		}
	}
	for _, s := range p.Steps {
		if !work(s) {
			continue
		}
		var miss []string
		if !filled(s.Time) && withTime > 0 {
			miss = append(miss, "WAKTU (time)")
		}
		if !filled(s.Output) && withOutput > 0 {
			miss = append(miss, "OUTPUT (output)")
		}
		if len(miss) > 0 {
			add(s.Pos, RuleMissingQuality, "step %d has no %s while other steps have one; fill it in, or write \"-\" where there is none", s.Number, strings.Join(miss, " and no "))
		}
	}

	for _, s := range p.Steps {
		if t := strings.TrimSpace(s.Time); t != "" && t != "-" {
			if _, ok := ParseDuration(t); !ok {
				add(s.Pos, RuleDuration, "step %d: WAKTU %q is not a duration; write it as \"15 menit\", \"1 jam\", \"2 hari kerja\", \"2x24 jam\", \"1 minggu\" or a range such as \"1-2 hari\"", s.Number, t)
			}
		}
		if s.Kind == Decision && len(s.Out) == 2 && s.Out[0].Label == "" && s.Out[1].Label == "" && !isQuestion(s.Activity) {
			add(s.Pos, RuleDefaultLabels, "step %d is a decision printed with the default labels on both exits, but its activity is not a question; end it with a question (\"Apakah berkas lengkap?\") or give yes_label and no_label", s.Number)
		}
		if s.Kind == Process || (s.Kind == Decision && !isDirectQuestion(s.Activity)) {
			if w := firstWord(s.Activity); w != "" && !isVerb(w) {
				add(s.Pos, RuleNoVerb, "step %d: activity starts with %q, not a verb; an activity says what the actor does (\"Memeriksa ...\", \"Menyerahkan ...\")", s.Number, w)
			}
		}
	}

	if n := len(p.Steps); n > lintMaxSteps {
		add(p.Steps[lintMaxSteps].Pos, RuleTooLarge, "%d steps, more than %d: split the procedure into SOPs that refer to each other (keterkaitan)", n, lintMaxSteps)
	}
	if n := len(p.Actors); n > lintMaxActors {
		add(p.Actors[lintMaxActors].Pos, RuleTooLarge, "%d actors, more than %d: split the procedure, or merge actors that act as one", n, lintMaxActors)
	}

	seen := map[string]*Step{}
	for _, s := range p.Steps {
		if s.Kind == Start || s.Kind == End {
			continue
		}
		key := strings.Join(strings.Fields(strings.ToLower(s.Activity)), " ")
		if key == "" {
			continue
		}
		if first, ok := seen[key]; ok {
			add(s.Pos, RuleDuplicate, "step %d has the same activity as step %d; tell them apart, or loop back to step %d", s.Number, first.Number, first.Number)
			continue
		}
		seen[key] = s
	}

	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Pos, out[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return out[i].Rule < out[j].Rule
	})
	return out
}

// filled reports whether a quality item is filled in, even with "-" (the
// explicit "none").
func filled(s string) bool { return strings.TrimSpace(s) != "" }

// isDirectQuestion reports whether an activity is a question of its own,
// which needs no verb: it ends with "?" or starts with "Apakah".
func isDirectQuestion(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, "?") || strings.EqualFold(firstWord(s), "apakah")
}

// isQuestion reports whether an activity is worded as a question, direct
// ("Apakah berkas lengkap?") or indirect ("Menentukan apakah informasi
// dikecualikan"), which Ya and Tidak answer.
func isQuestion(s string) bool {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, "?") {
		return true
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if w == "apakah" {
			return true
		}
	}
	return false
}

// firstWord returns the first word of s, its letters only.
func firstWord(s string) string {
	s = strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
	if end >= 0 {
		s = s[:end]
	}
	return s
}

// verbPrefixes are the prefixes of the Indonesian verb forms an activity
// starts with: me-, mem-, men-, meng-, meny- (all begin with "me"), di-,
// ber-, ter-, and per- (memper- and diper- are covered by me- and di-).
var verbPrefixes = []string{"me", "di", "ber", "ter", "per"}

// baseVerbs are common base (imperative) verbs of SOP activities.
var baseVerbs = map[string]bool{
	"ajukan": true, "agendakan": true, "arsipkan": true, "bahas": true, "baca": true,
	"bawa": true, "beri": true, "buat": true, "catat": true, "cek": true, "cetak": true,
	"disposisi": true, "entri": true, "evaluasi": true, "hitung": true, "input": true,
	"isi": true, "kaji": true, "kirim": true, "koreksi": true, "lapor": true, "mulai": true,
	"paraf": true, "pindai": true, "proses": true, "rekap": true, "revisi": true,
	"scan": true, "selesai": true, "simpan": true, "susun": true, "tanya": true,
	"telaah": true, "teliti": true, "terima": true, "tulis": true, "unggah": true,
	"unduh": true, "validasi": true, "verifikasi": true, "ambil": true, "antar": true,
	"bayar": true, "jawab": true, "minta": true, "pilih": true, "tolak": true,
	"tunggu": true, "ukur": true, "uji": true,
}

// nounsLikeVerbs are words that start like a verb prefix but are nouns that
// commonly open a badly worded activity.
var nounsLikeVerbs = map[string]bool{
	"menteri": true, "dinas": true, "direktur": true, "direktorat": true, "divisi": true,
	"petugas": true, "pemohon": true, "pegawai": true, "permohonan": true,
	"persetujuan": true, "perbaikan": true, "pertimbangan": true, "pemeriksaan": true,
	"penerimaan": true, "pengiriman": true, "penyerahan": true, "pembuatan": true,
	"pencatatan": true, "penyusunan": true, "penandatanganan": true, "berkas": true,
	"berita": true, "dokumen": true, "surat": true, "tim": true, "kepala": true,
	"terminal": true, "perusahaan": true, "peraturan": true,
}

// isVerb reports whether w (one word) reads as an Indonesian verb: a verb
// prefix, a base verb, or an imperative in -kan or -i of four letters or
// more before the suffix ("serahkan", "setujui").
func isVerb(w string) bool {
	w = strings.ToLower(w)
	if nounsLikeVerbs[w] {
		return false
	}
	if baseVerbs[w] {
		return true
	}
	for _, p := range verbPrefixes {
		if strings.HasPrefix(w, p) && len(w) > len(p)+2 {
			// a prefix followed by "-an" at the end is a noun (pe-an,
			// per-an: "persetujuan", "perbaikan"), except the me- and di-
			// verbs in -kan ("menyampaikan", "diteruskan").
			if p == "per" && strings.HasSuffix(w, "an") && !strings.HasSuffix(w, "kan") {
				return false
			}
			return true
		}
	}
	if len(w) >= 7 && strings.HasSuffix(w, "kan") {
		return true
	}
	if len(w) >= 6 && strings.HasSuffix(w, "i") && !strings.HasSuffix(w, "si") {
		return true
	}
	return false
}
