package flow

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// suggest returns the candidate closest to s, or "" when none is close
// enough to be a likely typo. Case is ignored; a candidate that contains s,
// or is contained in it, counts as close when it is the only such one.
func suggest(s string, candidates []string) string {
	ls := strings.ToLower(s)
	best, bestDist := "", -1
	for _, c := range candidates {
		d := distance(ls, strings.ToLower(c))
		limit := max(1, min(utf8.RuneCountInString(s), utf8.RuneCountInString(c))/3)
		if d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	if best != "" || strings.TrimSpace(ls) == "" {
		return best
	}
	var found []string
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if strings.Contains(lc, ls) || strings.Contains(ls, lc) {
			found = append(found, c)
		}
	}
	if len(found) == 1 {
		return found[0]
	}
	return ""
}

// didYouMean returns ` (did you mean "x"?)` for the closest candidate, or "".
func didYouMean(s string, candidates []string) string {
	if c := suggest(s, candidates); c != "" {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
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
