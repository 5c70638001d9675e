package flow

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// mustParse parses src under a name derived from the test, failing the test
// on error.
func mustParse(t *testing.T, src string) *Procedure {
	t.Helper()
	p, err := Parse(testFile(t), []byte(src))
	if err != nil {
		t.Fatalf("Parse failed:\n%v", err)
	}
	return p
}

// flowString writes the kinds, actors and links of the steps, one step per
// line, as in "2 decision [1] -> 3 Ya, 1 Tidak".
func flowString(p *Procedure) string {
	var b strings.Builder
	for _, s := range p.Steps {
		fmt.Fprintf(&b, "%d %s %v", s.Number, s.Kind, s.Actors)
		for i, o := range s.Out {
			sep := ", "
			if i == 0 {
				sep = " -> "
			}
			b.WriteString(sep + fmt.Sprint(o.To+1))
			if o.Label != "" {
				b.WriteString(" " + o.Label)
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestParseFlow(t *testing.T) {
	tests := []struct {
		name string
		toml string
		want string // flowString of the result
	}{
		{
			name: "defaults",
			// Kinds are inferred, a decision's yes goes to the following
			// step, and its exits have no labels of their own.
			toml: `name = "Uji"
actors = ["Pemohon", "Petugas"]

[[steps]]
actor = "Pemohon"
activity = "Mengajukan"

[[steps]]
actor = "Petugas"
activity = "Memeriksa"
no = 1

[[steps]]
actor = "Petugas"
activity = "Mencatat"

[[steps]]
actor = "Pemohon"
activity = "Menerima"
`,
			want: `1 start [0] -> 2
2 decision [1] -> 3, 1
3 process [1] -> 4
4 end [0]
`,
		},
		{
			name: "ids_and_numbers",
			toml: `name = "Uji"
actors = ["Pemohon", "Petugas"]

[[steps]]
id = "isi"
actor = "Pemohon"
activity = "Mengajukan"

[[steps]]
id = "cek"
actor = "Petugas"
activity = "Memeriksa"
yes = "catat"
no = "tolak"
yes_label = "Lengkap"
no_label = "Tidak lengkap"

[[steps]]
id = "tolak"
actor = "Petugas"
activity = "Menolak"
next = 1

[[steps]]
id = "catat"
actor = "Petugas"
activity = "Mencatat"
yes = 6
no = 5

[[steps]]
actor = "Petugas"
activity = "Membatalkan"
kind = "end"

[[steps]]
actor = "Pemohon"
activity = "Menerima"
`,
			want: `1 start [0] -> 2
2 decision [1] -> 4 Lengkap, 3 Tidak lengkap
3 process [1] -> 1
4 decision [1] -> 6, 5
5 end [1]
6 end [0]
`,
		},
		{
			name: "explicit_kinds",
			// A middle step can end; the last step can loop back; a decision
			// can have kind without yes.
			toml: `name = "Uji"
actors = ["Pemohon"]

[[steps]]
actor = "Pemohon"
activity = "Mengajukan"
kind = "process"

[[steps]]
actor = "Pemohon"
activity = "Memeriksa"
kind = "decision"
no = 4
yes_label = "Y"
no_label = "T"

[[steps]]
actor = "Pemohon"
activity = "Selesai"
kind = "end"

[[steps]]
actor = "Pemohon"
activity = "Mengulang"
next = 1
`,
			want: `1 process [0] -> 2
2 decision [0] -> 3 Y, 4 T
3 end [0]
4 process [0] -> 1
`,
		},
		{
			name: "joint_actors",
			toml: `name = "Uji"
actors = ["Pemohon", "Petugas", "Kepala"]

[[steps]]
actor = "Kepala"
activity = "Menugaskan"

[[steps]]
actor = ["Petugas", "Pemohon", "Kepala"]
activity = "Rapat bersama"

[[steps]]
actor = ["Pemohon"]
activity = "Menerima"
`,
			want: `1 start [2] -> 2
2 process [1 0 2] -> 3
3 end [0]
`,
		},
		{
			name: "one_step",
			toml: `name = "Uji"
actors = ["Pemohon"]

[[steps]]
actor = "Pemohon"
activity = "Mengajukan"
`,
			want: "1 end [0]\n",
		},
		{
			name: "inline_steps",
			toml: `name = "Uji"
actors = ["Pemohon"]
steps = [
  { actor = "Pemohon", activity = "Mengajukan" },
  { actor = "Pemohon", activity = "Menerima" },
]
`,
			want: "1 start [0] -> 2\n2 end [0]\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParse(t, tt.toml)
			if got := flowString(p); got != tt.want {
				t.Errorf("steps:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestParseSteps(t *testing.T) {
	p := mustParse(t, `name = "  Pelayanan Informasi "
actors = [
  "Pemohon",   # the applicant
  "Petugas",
]

[[steps]]
id = "isi"
actor = "Pemohon"
activity = """
Mengisi formulir permohonan
dan menyerahkannya."""
requirements = "Formulir, fotokopi KTP"
time = "10 menit"
output = "Formulir terisi"
note = "-"

  [[steps]]
actor = "Petugas"
activity = 'Mengarsipkan'
`)
	file := testFile(t)
	if p.Name != "Pelayanan Informasi" || p.File != file {
		t.Errorf("Name, File = %q, %q", p.Name, p.File)
	}
	wantActors := []Actor{
		{Name: "Pemohon", Pos: Pos{File: file, Line: 3, Col: 3}},
		{Name: "Petugas", Pos: Pos{File: file, Line: 4, Col: 3}},
	}
	if !reflect.DeepEqual(p.Actors, wantActors) {
		t.Errorf("Actors = %v, want %v", p.Actors, wantActors)
	}
	want := []*Step{
		{
			Number:       1,
			ID:           "isi",
			Actors:       []int{0},
			Activity:     "Mengisi formulir permohonan\ndan menyerahkannya.",
			Kind:         Start,
			Requirements: "Formulir, fotokopi KTP",
			Time:         "10 menit",
			Output:       "Formulir terisi",
			Note:         "-",
			Out:          []Link{{To: 1}},
			Pos:          Pos{File: file, Line: 7, Col: 1},
		},
		{
			Number:   2,
			Actors:   []int{1},
			Activity: "Mengarsipkan",
			Kind:     End,
			Pos:      Pos{File: file, Line: 18, Col: 3},
		},
	}
	if !reflect.DeepEqual(p.Steps, want) {
		for i, s := range p.Steps {
			t.Errorf("step %d = %+v", i+1, *s)
		}
	}
	if p.Steps[1].Primary() != 1 {
		t.Errorf("Primary() = %d, want 1", p.Steps[1].Primary())
	}
}

// minimalSteps completes a document for tests about the other tables.
const minimalSteps = `
[[steps]]
actor = "Pemohon"
activity = "Mengajukan"
`

func TestParseIdentity(t *testing.T) {
	p := mustParse(t, `name = "Uji"
actors = ["Pemohon"]

[identity]
number = "SOP AP-SEKRE-01"
unit = ["PEMERINTAH KOTA BANDUNG", "DINAS PENDIDIKAN", "SEKRETARIAT"]
logo = "img/logo.png"
created = 2016-09-01
revised = "-"
effective = 2016-09-09T08:00:00
approver = { title = "Kepala Dinas Pendidikan", name = "Dr. H. Nama Pejabat", rank = "Pembina Utama Muda", nip = "19650101 199003 1 001" }
legal_basis = ["Undang-Undang Nomor 14 Tahun 2008", "Peraturan Menteri PAN-RB Nomor 35 Tahun 2012"]
qualifications = "Menguasai persyaratan"
related = []
equipment = ["Formulir permohonan", "Komputer"]
warnings = ["Berkas tidak lengkap dikembalikan"]
records = "Buku register"
`+minimalSteps)
	file := testFile(t)
	want := Identity{
		Number:    "SOP AP-SEKRE-01",
		Unit:      []string{"PEMERINTAH KOTA BANDUNG", "DINAS PENDIDIKAN", "SEKRETARIAT"},
		Logo:      "img/logo.png",
		LogoPos:   Pos{File: file, Line: 7, Col: 1},
		Created:   Date{Year: 2016, Month: 9, Day: 1},
		Revised:   Date{Text: "-"},
		Effective: Date{Year: 2016, Month: 9, Day: 9},
		Approver: Approver{
			Title: "Kepala Dinas Pendidikan",
			Name:  "Dr. H. Nama Pejabat",
			Rank:  "Pembina Utama Muda",
			NIP:   "19650101 199003 1 001",
		},
		LegalBasis:     []string{"Undang-Undang Nomor 14 Tahun 2008", "Peraturan Menteri PAN-RB Nomor 35 Tahun 2012"},
		Qualifications: []string{"Menguasai persyaratan"},
		Related:        []string{},
		Equipment:      []string{"Formulir permohonan", "Komputer"},
		Warnings:       []string{"Berkas tidak lengkap dikembalikan"},
		Records:        []string{"Buku register"},
	}
	if !reflect.DeepEqual(p.Identity, want) {
		t.Errorf("Identity =\n%+v\nwant\n%+v", p.Identity, want)
	}
	if p.Labels != nil {
		t.Errorf("Labels = %v, want nil", p.Labels)
	}
}

func TestParseIdentityVariants(t *testing.T) {
	p := mustParse(t, `name = "Uji"
actors = ["Pemohon"]

[identity]
unit = "DINAS PENDIDIKAN"
created = "Desember 2013"
revised = "2017-01-31"
effective = 2016-09-09T08:00:00+07:00

[identity.approver]
title = "Kepala Dinas"
name = "Budi"
`+minimalSteps)
	id := p.Identity
	if !reflect.DeepEqual(id.Unit, []string{"DINAS PENDIDIKAN"}) {
		t.Errorf("Unit = %q", id.Unit)
	}
	if id.Created != (Date{Text: "Desember 2013"}) || id.Created.IsZero() {
		t.Errorf("Created = %+v", id.Created)
	}
	if id.Revised != (Date{Year: 2017, Month: 1, Day: 31}) {
		t.Errorf("Revised = %+v", id.Revised)
	}
	if id.Effective != (Date{Year: 2016, Month: 9, Day: 9}) {
		t.Errorf("Effective = %+v", id.Effective)
	}
	if id.Approver != (Approver{Title: "Kepala Dinas", Name: "Budi"}) {
		t.Errorf("Approver = %+v", id.Approver)
	}
	if id.Logo != "" || id.LogoPos != (Pos{}) {
		t.Errorf("Logo, LogoPos = %q, %v", id.Logo, id.LogoPos)
	}
}

func TestParseLabels(t *testing.T) {
	p := mustParse(t, `name = "Uji"
actors = ["Pemohon"]

[labels]
effective = "TGL. PENGESAHAN"
"activity" = "URAIAN PROSEDUR"
no = ""
`+minimalSteps)
	want := map[string]string{
		"effective": "TGL. PENGESAHAN",
		"activity":  "URAIAN PROSEDUR",
		"no":        "",
	}
	if !reflect.DeepEqual(p.Labels, want) {
		t.Errorf("Labels = %v, want %v", p.Labels, want)
	}
}

// TestParsePositions checks that positions stay right around the TOML
// constructs that can fool a line scanner.
func TestParsePositions(t *testing.T) {
	src := "\ufeffname = \"Uji\"\r\n" + `actors = ["Pemohon"]
note = """
[[steps]]
actor = "x"
"""
identity.unit = '''
a = 1'''
"steps" = [
  { actor = "Pemohon", activity = "Mengajukan" },   # [[steps]]
  { actor = "Pemohn", 'activity' = "Menerima", time = 5 },
]
`
	file := testFile(t)
	_, err := Parse(file, []byte(src))
	want := fmt.Sprintf(`%[1]s:3:1: unknown key "note" (it belongs in a [[steps]] table)
%[1]s:11:13: step 2: unknown actor "Pemohn" (did you mean "Pemohon"?)
%[1]s:11:55: step 2: time must be a string, not an integer (5); quote it, with its unit: time = "5 menit"`, file)
	if err == nil || err.Error() != want {
		t.Errorf("Parse error:\n%v\nwant:\n%s", err, want)
	}
}
