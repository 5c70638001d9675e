// Package sheet reads an SOP from a spreadsheet, the form its writers know:
// a workbook (sheets "Langkah", "Identitas" and "Pelaksana") or a CSV
// file (the "Langkah" sheet alone, with the identity and the actors as
// leading "# key: value" lines). It gives the rows to flow, so every check
// of the TOML applies, with errors at the cell: "sop.xlsx:Langkah!C7: step
// 6: unknown actor ...".
//
// The XLSX side, which links excelize, is in package sheet/xlsx, so that a
// program that reads only TOML, JSON or CSV does not pay its start-up.
package sheet

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/sopflow/sopflow/flow"
)

// The sheets of a workbook, and their English names, which are read too.
const (
	SheetSteps    = "Langkah"
	SheetIdentity = "Identitas"
	SheetActors   = "Pelaksana"
)

// column is one column of the "Langkah" sheet: the key of a step it fills.
type column struct {
	key     string   // the step key; "" for NO, which is checked, not stored
	headers []string // normalised header texts that name it
	title   string   // the header the template writes
	width   float64  // the template's column width, in characters
}

// columns are the columns of the "Langkah" sheet, in the template's order:
// the printed form's, then the flow's.
var columns = []column{
	{"", []string{"no", "nomor"}, "NO", 5},
	{"activity", []string{"kegiatan", "uraiankegiatan", "activity"}, "KEGIATAN", 50},
	{"actor", []string{"pelaksana", "actor", "actors"}, "PELAKSANA", 22},
	{"requirements", []string{"kelengkapan", "requirements"}, "KELENGKAPAN", 22},
	{"time", []string{"waktu", "time"}, "WAKTU", 12},
	{"output", []string{"output", "keluaran"}, "OUTPUT", 22},
	{"note", []string{"keterangan", "ket", "note", "notes"}, "KETERANGAN", 18},
	{"kind", []string{"jenis", "kind", "type"}, "JENIS", 12},
	{"id", []string{"id"}, "ID", 10},
	{"next", []string{"lanjutke", "next"}, "LANJUT KE", 11},
	{"yes", []string{"jikaya", "yes", "ifyes"}, "JIKA YA", 10},
	{"no", []string{"jikatidak", "ifno"}, "JIKA TIDAK", 11},
	{"yes_label", []string{"labelya", "yeslabel"}, "LABEL YA", 12},
	{"no_label", []string{"labeltidak", "nolabel"}, "LABEL TIDAK", 13},
}

// kinds maps the JENIS values, Indonesian and English, to the kinds.
var kinds = map[string]string{
	"mulai": "start", "start": "start",
	"proses": "process", "kegiatan": "process", "process": "process",
	"keputusan": "decision", "decision": "decision",
	"selesai": "end", "akhir": "end", "end": "end",
}

// kindNames are the JENIS values the template offers.
var kindNames = []string{"mulai", "proses", "keputusan", "selesai"}

// item is one item of the identity: where it goes in the model.
type item struct {
	path  []string // "name", or "identity", key, or "identity", "approver", key
	list  bool     // several rows (or lines) make a list
	names []string // normalised labels that name it
	label string   // the label the template writes
}

// items are the identity items, in the order of the identity page.
var items = []item{
	{[]string{"name"}, false, []string{"namasop", "nama", "name"}, "Nama SOP"},
	{[]string{"identity", "number"}, false, []string{"nomorsop", "nomor", "number"}, "Nomor SOP"},
	{[]string{"identity", "unit"}, true, []string{"unit", "unitkerja", "satuankerja"}, "Unit"},
	{[]string{"identity", "logo"}, false, []string{"logo"}, "Logo"},
	{[]string{"identity", "created"}, false, []string{"tanggalpembuatan", "created"}, "Tanggal Pembuatan"},
	{[]string{"identity", "revised"}, false, []string{"tanggalrevisi", "revised"}, "Tanggal Revisi"},
	{[]string{"identity", "effective"}, false, []string{"tanggalefektif", "effective"}, "Tanggal Efektif"},
	{[]string{"identity", "approver", "title"}, false, []string{"disahkanoleh", "jabatan", "approver", "approvertitle"}, "Disahkan oleh"},
	{[]string{"identity", "approver", "name"}, false, []string{"namapejabat", "approvername"}, "Nama Pejabat"},
	{[]string{"identity", "approver", "rank"}, false, []string{"pangkat", "pangkatgolongan", "rank"}, "Pangkat/Golongan"},
	{[]string{"identity", "approver", "nip"}, false, []string{"nip"}, "NIP"},
	{[]string{"identity", "legal_basis"}, true, []string{"dasarhukum", "legalbasis"}, "Dasar Hukum"},
	{[]string{"identity", "qualifications"}, true, []string{"kualifikasipelaksana", "kualifikasi", "qualifications"}, "Kualifikasi Pelaksana"},
	{[]string{"identity", "related"}, true, []string{"keterkaitan", "related"}, "Keterkaitan"},
	{[]string{"identity", "equipment"}, true, []string{"peralatanperlengkapan", "peralatan", "equipment"}, "Peralatan/Perlengkapan"},
	{[]string{"identity", "warnings"}, true, []string{"peringatan", "warnings"}, "Peringatan"},
	{[]string{"identity", "records"}, true, []string{"pencatatandanpendataan", "pencatatan", "records"}, "Pencatatan dan Pendataan"},
}

// norm lower-cases s and keeps its letters and digits only, so that
// "Lanjut ke", "LANJUT-KE" and "lanjut_ke" are one header.
func norm(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// findItem returns the identity item a label names, or nil.
func findItem(label string) *item {
	n := norm(label)
	for i := range items {
		for _, name := range items[i].names {
			if n == name {
				return &items[i]
			}
		}
	}
	return nil
}

// builder turns the cells into the document flow checks, with positions.
type builder struct {
	file  string
	doc   map[string]any
	at    flow.Positions
	errs  flow.ErrorList
	limit flow.ParseOptions
	work  int            // what is left of the budget of the actors' typo search, in cells of the edit table
	sg    flow.Suggester // the "did you mean" of unknown identity items and columns
	csv   bool           // a CSV file: its actors and identity are "# key: value" lines, not sheets
}

// typoWork bounds the work of all the typo searches of one file.
const typoWork = 20_000_000

func newBuilder(file string, o flow.ParseOptions) *builder {
	return &builder{file: file, doc: map[string]any{}, limit: o, work: typoWork}
}

func (b *builder) errorf(pos flow.Pos, format string, args ...any) {
	pos.File = b.file
	b.errs.Add(pos, format, args...)
}

// identity sets the identity item named label to value, found at key and
// val; a list item appends.
func (b *builder) identity(label, value string, key, val flow.Pos) {
	it := findItem(label)
	if it == nil {
		var labels []string
		for _, it := range items {
			labels = append(labels, it.label)
		}
		b.errorf(key, "unknown identity item %q%s; items: %s", label, b.sg.DidYouMean(label, labels), strings.Join(labels, ", "))
		return
	}
	if it.path[0] == "name" {
		b.doc["name"] = value
		b.at.Key(key, "name")
		b.at.Value(val, "name")
		return
	}
	m := b.doc
	for i, k := range it.path[:len(it.path)-1] {
		sub, ok := m[k].(map[string]any)
		if !ok {
			sub = map[string]any{}
			m[k] = sub
			b.at.Key(key, it.path[:i+1]...)
		}
		m = sub
	}
	last := it.path[len(it.path)-1]
	if !it.list {
		if _, dup := m[last]; dup {
			b.errorf(key, "%s is given twice", it.label)
			return
		}
		m[last] = value
		b.at.Key(key, it.path...)
		b.at.Value(val, it.path...)
		return
	}
	l, _ := m[last].([]any)
	b.at.Key(key, it.path...)
	b.at.Value(val, append(append([]string(nil), it.path...), strconv.Itoa(len(l)))...)
	m[last] = append(l, value)
}

// actors sets the actors from a list of names and the cells they are in.
func (b *builder) actors(names []string, at []flow.Pos, key flow.Pos) {
	if m := b.limit.MaxActors; m > 0 && len(names) > m {
		names, at = names[:m+1], at[:m+1] // flow reports the limit
	}
	l := make([]any, len(names))
	for i, n := range names {
		l[i] = n
		b.at.Value(at[i], "actors", strconv.Itoa(i))
	}
	b.doc["actors"] = l
	b.at.Key(key, "actors")
}

// steps reads the rows of the "Langkah" table: rows[0] is the header row,
// at(r, c) the position of row r's column c (0-based). When declared is
// nil, the actors are taken in order of first use, and a name that is a
// typo of an earlier one is refused.
func (b *builder) steps(rows [][]string, at func(r, c int) flow.Pos, declared []string) {
	if len(rows) == 0 {
		b.errorf(at(0, 0), "no header row; the first row names the columns: %s", titles())
		return
	}
	col := map[string]int{}
	for c, h := range rows[0] {
		n := norm(h)
		if n == "" {
			continue
		}
		found := false
		for _, k := range columns {
			for _, name := range k.headers {
				if n == name {
					if _, dup := col[k.title]; dup {
						b.errorf(at(0, c), "column %s given twice", k.title)
					}
					col[k.title] = c
					found = true
				}
			}
		}
		if !found {
			b.errorf(at(0, c), "unknown column %q%s; columns: %s", h, b.sg.DidYouMean(h, titleList()), titles())
		}
	}
	for _, need := range []string{"KEGIATAN", "PELAKSANA"} {
		if _, ok := col[need]; !ok {
			b.errorf(at(0, 0), "no column %s in the header row", need)
		}
	}
	if len(b.errs) > 0 {
		return
	}
	b.at.Key(at(0, 0), "steps")
	var steps []any
	var actors []string
	var actorAt []flow.Pos
	for r := 1; r < len(rows); r++ {
		row := rows[r]
		if blankRow(row) {
			continue
		}
		if m := b.limit.MaxSteps; m > 0 && len(steps) > m {
			break // flow reports the limit
		}
		i := strconv.Itoa(len(steps))
		step := map[string]any{}
		b.at.Key(at(r, 0), "steps", i)
		b.at.Value(at(r, 0), "steps", i)
		for _, k := range columns {
			c, ok := col[k.title]
			if !ok || c >= len(row) {
				continue
			}
			v := strings.TrimSpace(row[c])
			if v == "" {
				continue
			}
			pos := at(r, c)
			switch k.key {
			case "":
				if n, err := strconv.Atoi(v); err != nil || n != len(steps)+1 {
					b.errorf(pos, "NO is %q, but this is step %d; number the steps 1, 2, 3, ... without gaps (or leave NO empty)", v, len(steps)+1)
				}
				continue
			case "kind":
				kind, ok := kinds[strings.ToLower(v)]
				if !ok {
					b.errorf(pos, "step %d: unknown JENIS %q; use %s", len(steps)+1, v, strings.Join(kindNames, ", "))
					continue
				}
				step["kind"] = kind
			case "actor":
				var names []any
				for j, a := range strings.Split(v, ";") {
					a = strings.TrimSpace(a)
					names = append(names, a)
					b.at.Value(pos, "steps", i, "actor", strconv.Itoa(j))
					if declared == nil && a != "" && !contains(actors, a) {
						if like := b.closest(a, actors); like != "" {
							fix := fmt.Sprintf("add a sheet %q listing the actors", SheetActors)
							if b.csv {
								fix = `list the actors on a line "# Pelaksana: A; B; C" above the table`
							}
							b.errorf(pos, "step %d: unknown actor %q (did you mean %q?); two names that differ by a typo would make two columns: %s to be sure", len(steps)+1, a, like, fix)
						}
						actors = append(actors, a)
						actorAt = append(actorAt, pos)
					}
				}
				if len(names) == 1 {
					step["actor"] = names[0]
				} else {
					step["actor"] = names
				}
			case "next", "yes", "no":
				if n, err := strconv.ParseInt(v, 10, 64); err == nil {
					step[k.key] = n
				} else {
					step[k.key] = v
				}
			default:
				step[k.key] = v
			}
			b.at.Key(pos, "steps", i, k.key)
			b.at.Value(pos, "steps", i, k.key)
		}
		steps = append(steps, step)
	}
	b.doc["steps"] = steps
	if declared == nil {
		b.actors(actors, actorAt, at(0, col["PELAKSANA"]))
	}
}

// parse hands the document to flow, unless the cells already failed.
func (b *builder) parse() (*flow.Procedure, error) {
	if _, ok := b.doc["name"]; !ok {
		fix := fmt.Sprintf("add a row \"Nama SOP\" with the name to the sheet %q", SheetIdentity)
		if b.csv {
			fix = `add a line "# Nama SOP: ..." above the table`
		}
		b.errorf(flow.Pos{File: b.file, Line: 1, Col: 1}, "missing the name of the SOP; %s", fix)
	}
	if len(b.errs) > 0 {
		b.errs.Sort()
		return nil, b.errs
	}
	return b.limit.ParseDocument(b.file, b.doc, &b.at)
}

func blankRow(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func titleList() []string {
	var l []string
	for _, k := range columns {
		l = append(l, k.title)
	}
	return l
}

func titles() string { return strings.Join(titleList(), ", ") }

// closest returns the name of list that s is a likely typo of: at most
// one edit per six letters (and at least one), compared without case; or
// "" (also once the budget of the search is spent, and for names of more
// than 64 letters). It is stricter than flow's "did you mean": two real
// actors are often a few letters apart ("Sekretaris", "Sekretariat").
func (b *builder) closest(s string, list []string) string {
	best, bestD := "", 1<<30
	ls := len([]rune(s))
	for _, x := range list {
		lx := len([]rune(x))
		if ls > 64 || lx > 64 || abs(ls-lx) > max(1, lx/6) || numbered(s, x) {
			continue
		}
		b.work -= ls * lx
		if b.work < 0 {
			return ""
		}
		d := flow.EditDistance(strings.ToLower(s), strings.ToLower(x))
		if d <= max(1, len([]rune(x))/6) && d < bestD {
			best, bestD = x, d
		}
	}
	return best
}

// numbered reports whether a and b differ only in a last word that is a
// number or a roman numeral in both: "Kasi I" and "Kasi II", "Petugas 1"
// and "Petugas 2" are two actors, not a typo.
func numbered(a, b string) bool {
	i, j := strings.LastIndexByte(a, ' '), strings.LastIndexByte(b, ' ')
	if i < 0 || j < 0 || a[:i] != b[:j] {
		return false
	}
	num := func(w string) bool {
		return w != "" && (strings.Trim(w, "0123456789") == "" || strings.Trim(strings.ToUpper(w), "IVXLC") == "")
	}
	return num(a[i+1:]) && num(b[j+1:])
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Column describes one column of the "Langkah" sheet, for writers.
type Column struct {
	Key   string  // the step key it fills ("activity", "yes_label"); "" for NO
	Title string  // its header: "KEGIATAN"
	Width float64 // a good width, in characters
}

// Columns returns the columns of the "Langkah" sheet in the template's order.
func Columns() []Column {
	out := make([]Column, len(columns))
	for i, c := range columns {
		out[i] = Column{Key: c.key, Title: c.title, Width: c.width}
	}
	return out
}

// Item describes one row of the "Identitas" sheet, for writers.
type Item struct {
	Path  []string // where it goes: "name", or "identity", key, or "identity", "approver", key
	List  bool     // a list: one column (or row) per element
	Label string   // its name in column A: "Tanggal Pembuatan"
}

// Items returns the identity items in the order of the identity page.
func Items() []Item {
	out := make([]Item, len(items))
	for i, it := range items {
		out[i] = Item{Path: append([]string(nil), it.path...), List: it.list, Label: it.label}
	}
	return out
}

// KindNames returns the JENIS values of the kinds start, process,
// decision and end, as the template offers them.
func KindNames() []string { return append([]string(nil), kindNames...) }
