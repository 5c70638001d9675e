package render

import (
	"fmt"
	"github.com/sopflow/sopflow/flow"
	"sort"
	"strconv"
	"strings"
)

// Profile names a set of printed labels.
type Profile string

// The label profiles.
const (
	Permenpan35   Profile = "permenpan35"   // PermenPAN-RB 35/2012 (the default)
	Permendagri52 Profile = "permendagri52" // Permendagri 52/2011
)

// monthsKey holds the month names of a language, comma-separated; files
// cannot override it.
const monthsKey = "months"

var labelSets = map[string]map[string]string{
	"id": {
		"title": "PROSEDUR", "no": "NO", "activity": "KEGIATAN", "actors": "PELAKSANA",
		"standard": "MUTU BAKU", "requirements": "KELENGKAPAN", "time": "WAKTU", "output": "OUTPUT",
		"note": "KETERANGAN", "start": "Mulai", "end": "Selesai", "page": "Halaman", "page_of": "dari",
		"number": "NOMOR SOP", "created": "TANGGAL PEMBUATAN", "revised": "TANGGAL REVISI",
		"effective": "TANGGAL EFEKTIF", "approved_by": "DISAHKAN OLEH", "name": "NAMA SOP",
		"legal_basis": "DASAR HUKUM", "qualifications": "KUALIFIKASI PELAKSANA",
		"related": "KETERKAITAN", "equipment": "PERALATAN/PERLENGKAPAN", "warnings": "PERINGATAN",
		"records": "PENCATATAN DAN PENDATAAN", "nip": "NIP.", "yes_label": "Ya", "no_label": "Tidak",
		monthsKey: "Januari,Februari,Maret,April,Mei,Juni,Juli,Agustus,September,Oktober,November,Desember",
	},
	"en": {
		"title": "PROCEDURE", "no": "NO", "activity": "ACTIVITY", "actors": "ACTORS",
		"standard": "QUALITY STANDARD", "requirements": "REQUIREMENTS", "time": "TIME", "output": "OUTPUT",
		"note": "NOTE", "start": "Start", "end": "End", "page": "Page", "page_of": "of",
		"number": "SOP NUMBER", "created": "DATE CREATED", "revised": "DATE REVISED",
		"effective": "EFFECTIVE DATE", "approved_by": "APPROVED BY", "name": "SOP NAME",
		"legal_basis": "LEGAL BASIS", "qualifications": "ACTOR QUALIFICATIONS",
		"related": "RELATED PROCEDURES", "equipment": "EQUIPMENT", "warnings": "WARNINGS",
		"records": "RECORDS AND DATA", "nip": "NIP.", "yes_label": "Yes", "no_label": "No",
		monthsKey: "January,February,March,April,May,June,July,August,September,October,November,December",
	},
}

// Permendagri 52/2011 changes a few labels of the Indonesian set.
var permendagri52 = map[string]string{
	"effective": "TGL. PENGESAHAN", "activity": "URAIAN PROSEDUR", "requirements": "PERSYARATAN/KELENGKAPAN",
}

// Labels are the printed labels of a document, by key.
type Labels map[string]string

// NewLabels returns the labels of profile in lang ("id", the default, or
// "en"), with overrides applied. An unknown profile, language or override key
// is an error.
func NewLabels(profile Profile, lang string, overrides map[string]string) (Labels, error) {
	if lang == "" {
		lang = "id"
	}
	base, ok := labelSets[lang]
	if !ok {
		return nil, fmt.Errorf("unknown language %q (want id or en)", lang)
	}
	l := make(Labels, len(base))
	for k, v := range base {
		l[k] = v
	}
	switch profile {
	case "", Permenpan35:
	case Permendagri52:
		if lang == "id" {
			for k, v := range permendagri52 {
				l[k] = v
			}
		}
	default:
		return nil, fmt.Errorf("unknown label profile %q (want %s or %s)", string(profile), Permenpan35, Permendagri52)
	}
	keys := make([]string, 0, len(overrides))
	for k := range overrides {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := l[k]; !ok {
			return nil, fmt.Errorf("unknown label %q (labels: %s)", k, strings.Join(flow.LabelKeys(), ", "))
		}
		l[k] = overrides[k]
	}
	return l, nil
}

// Exit returns the printed label of a decision's k-th exit (0 the yes exit,
// 1 the no exit): the decision's own yes_label or no_label, else the
// document's. Other links print their own label (none).
func (l Labels) Exit(s *flow.Step, k int) string {
	if k >= len(s.Out) {
		return ""
	}
	if lab := s.Out[k].Label; lab != "" || s.Kind != flow.Decision || k > 1 {
		return lab
	}
	if k == 0 {
		return l["yes_label"]
	}
	return l["no_label"]
}

// WithExits returns p, or when a decision's exit has no label of its own a
// copy of p whose decisions carry their printed exit labels (p itself is
// not changed).
func (l Labels) WithExits(p *flow.Procedure) *flow.Procedure {
	var q *flow.Procedure
	for i, s := range p.Steps {
		if s.Kind != flow.Decision || len(s.Out) < 2 || s.Out[0].Label != "" && s.Out[1].Label != "" {
			continue
		}
		if q == nil {
			c := *p
			c.Steps = append([]*flow.Step(nil), p.Steps...)
			q = &c
		}
		c := *s
		c.Out = append([]flow.Link(nil), s.Out...)
		for k := range c.Out {
			c.Out[k].Label = l.Exit(s, k)
		}
		q.Steps[i] = &c
	}
	if q == nil {
		return p
	}
	return q
}

// FormatDate prints a date of the identity page in the labels' language:
// "9 September 2016", or its free text as written; "-" when empty.
func FormatDate(d flow.Date, labels Labels) string {
	if d.Text != "" {
		return d.Text
	}
	months := strings.Split(labels[monthsKey], ",")
	if d.Year == 0 || d.Month < 1 || d.Month > 12 || len(months) != 12 {
		return "-"
	}
	return strconv.Itoa(d.Day) + " " + months[d.Month-1] + " " + strconv.Itoa(d.Year)
}

// Describe is the one-line description of p in lang ("id" or "en"), for
// Diagram.Desc (the SVG's <desc>, the PDF's Subject): "SOP name: 12
// kegiatan, 5 pelaksana".
func Describe(p *flow.Procedure, lang string) string {
	if lang == "en" {
		return fmt.Sprintf("SOP %s: %d steps, %d actors", p.Name, len(p.Steps), len(p.Actors))
	}
	return fmt.Sprintf("SOP %s: %d kegiatan, %d pelaksana", p.Name, len(p.Steps), len(p.Actors))
}
