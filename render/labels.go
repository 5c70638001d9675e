package render

import (
	"fmt"
	"github.com/sopflow/sopflow/flow"
	"sort"
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
		"records": "PENCATATAN DAN PENDATAAN", "nip": "NIP.",
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
		"records": "RECORDS AND DATA", "nip": "NIP.",
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
