package flow

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Bounds of the search for a likely typo, so that hostile input (many
// unknown names, many candidates, very long names) cannot make it slow.
const (
	// suggestMaxRunes: names longer than this get no suggestion.
	suggestMaxRunes = 64
	// suggestBudget is the work one Parse may spend on suggestions, in
	// candidates looked at plus rune pairs compared (some 0.1 s). Once it
	// is spent, errors come without a suggestion.
	suggestBudget = 20_000_000
)

// suggester finds likely typos within a work budget.
type suggester struct {
	spent int
}

// suggest returns the candidate closest to s, or "" when none is close
// enough to be a likely typo. Case is ignored; a candidate that contains s,
// or is contained in it, counts as close when it is the only such one.
//
// Only candidates of similar length are compared (a difference in length
// is a lower bound of the distance), names longer than suggestMaxRunes are
// not compared at all, and the total work is capped by suggestBudget.
func (sg *suggester) suggest(s string, candidates []string) string {
	ns := utf8.RuneCountInString(s)
	if ns > suggestMaxRunes || sg.spent+len(candidates) > suggestBudget {
		return ""
	}
	sg.spent += len(candidates)
	ls := strings.ToLower(s)
	best, bestDist := "", -1
	for _, c := range candidates {
		nc := utf8.RuneCountInString(c)
		limit := max(1, min(ns, nc)/3)
		if nc > suggestMaxRunes || nc-ns > limit || ns-nc > limit {
			continue
		}
		sg.spent += ns * nc
		if sg.spent > suggestBudget {
			return ""
		}
		d := distance(ls, strings.ToLower(c))
		if d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	if best != "" || strings.TrimSpace(ls) == "" {
		return best
	}
	var found []string
	for _, c := range candidates {
		if len(c) > 4*suggestMaxRunes {
			continue
		}
		sg.spent += len(c) + len(ls)
		if sg.spent > suggestBudget {
			return ""
		}
		lc := strings.ToLower(c)
		if strings.Contains(lc, ls) || strings.Contains(ls, lc) {
			found = append(found, c)
			if len(found) > 1 {
				return ""
			}
		}
	}
	if len(found) == 1 {
		return found[0]
	}
	return ""
}

// didYouMean returns ` (did you mean "x"?)` for the closest candidate, or "".
func (sg *suggester) didYouMean(s string, candidates []string) string {
	if c := sg.suggest(s, candidates); c != "" {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}

// Suggester finds the name that a misspelt one was meant to be, as Parse
// does for keys and actors: case ignored, one edit per three letters, or
// the only candidate that contains it; within a work budget, so that
// hostile input cannot make it slow. The zero value is ready; use one for
// each file read.
type Suggester struct{ sg suggester }

// DidYouMean returns ` (did you mean "x"?)` for the candidate closest to
// name, or "".
func (s *Suggester) DidYouMean(name string, candidates []string) string {
	return s.sg.didYouMean(name, candidates)
}

// EditDistance is the edit distance between a and b in runes, a swap of
// two neighbours counting as one edit. Its work is len(a)*len(b): callers
// bound the lengths.
func EditDistance(a, b string) int { return distance(a, b) }

// suggest is suggester.suggest, unbounded but for small fixed candidate lists.
func suggest(s string, candidates []string) string {
	return new(suggester).suggest(s, candidates)
}

// distance is the edit distance between a and b, counted in runes: the
// number of insertions, deletions, substitutions and swaps of two neighbours
// (the optimal string alignment distance).
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// d[i][j] is the distance between ra[:i] and rb[:j]; three rows suffice.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// quoteList returns the strings quoted and separated by commas.
func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// quoteSome is quoteList of at most n strings, then "and k more".
func quoteSome(list []string, n int) string {
	if len(list) <= n {
		return quoteList(list)
	}
	return fmt.Sprintf("%s and %d more", quoteList(list[:n]), len(list)-n)
}

// andList joins the strings as "a, b and c".
func andList(list []string) string {
	if len(list) < 2 {
		return strings.Join(list, "")
	}
	return strings.Join(list[:len(list)-1], ", ") + " and " + list[len(list)-1]
}

// keyWord returns the input key that an Indonesian word from the printed
// SOP form stands for, or "".
func keyWord(w string) string {
	switch strings.ToLower(strings.NewReplacer(" ", "_", "-", "_").Replace(w)) {
	case "nama", "nama_sop":
		return "name"
	case "pelaksana":
		return "actor"
	case "identitas":
		return "identity"
	case "langkah", "kegiatan", "prosedur":
		return "steps"
	case "uraian", "uraian_prosedur", "uraian_kegiatan":
		return "activity"
	case "kelengkapan", "persyaratan", "persyaratan_kelengkapan":
		return "requirements"
	case "waktu":
		return "time"
	case "keluaran":
		return "output"
	case "keterangan", "ket":
		return "note"
	case "jenis", "simbol":
		return "kind"
	case "ya":
		return "yes"
	case "tidak":
		return "no"
	case "lanjut", "selanjutnya", "berikutnya":
		return "next"
	case "nomor", "nomor_sop", "no_sop":
		return "number"
	case "tanggal_pembuatan", "dibuat":
		return "created"
	case "tanggal_revisi", "revisi":
		return "revised"
	case "tanggal_efektif", "tgl_pengesahan", "tanggal_pengesahan":
		return "effective"
	case "disahkan_oleh", "pengesah":
		return "approver"
	case "jabatan":
		return "title"
	case "pangkat", "golongan":
		return "rank"
	case "dasar_hukum":
		return "legal_basis"
	case "kualifikasi", "kualifikasi_pelaksana":
		return "qualifications"
	case "keterkaitan":
		return "related"
	case "peralatan", "perlengkapan", "peralatan_perlengkapan":
		return "equipment"
	case "peringatan":
		return "warnings"
	case "pencatatan", "pendataan", "pencatatan_dan_pendataan":
		return "records"
	case "label":
		return "labels"
	}
	return ""
}
