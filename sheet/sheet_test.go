package sheet

import (
	"errors"
	"strings"
	"testing"

	"github.com/sopflow/sopflow/flow"
)

const csvSOP = `# Nama SOP: Pelayanan Surat
# Nomor SOP: 001/SOP/2026
# Dasar Hukum: Undang-Undang Nomor 1
# Dasar Hukum: Peraturan Nomor 2
# Pelaksana: Pemohon; Petugas
NO,KEGIATAN,PELAKSANA,WAKTU,OUTPUT,JENIS,JIKA TIDAK
1,Mengajukan permohonan,Pemohon,5 menit,Formulir,mulai,
2,"Apakah berkas lengkap?",Petugas,10 menit,Berkas,keputusan,1
3,Menyerahkan surat,Pemohon; Petugas,5 menit,Surat,selesai,
`

func TestCSV(t *testing.T) {
	p, err := ReadCSV("sop.csv", []byte(csvSOP), flow.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Pelayanan Surat" || p.Identity.Number != "001/SOP/2026" || len(p.Identity.LegalBasis) != 2 ||
		len(p.Actors) != 2 || len(p.Steps) != 3 || p.Steps[1].Kind != flow.Decision || p.Steps[1].Out[1].To != 0 ||
		len(p.Steps[2].Actors) != 2 {
		t.Errorf("read %+v", p)
	}
	// Excel's ";" separator, and errors at line:col.
	semi := strings.NewReplacer(",", ";", "Pemohon; Petugas,5", "Pemohon, Petugas;5").Replace(csvSOP)
	semi = strings.Replace(semi, "# Pelaksana; Pemohon; Petugas", "# Pelaksana: Pemohon; Petugas", 1)
	if _, err := ReadCSV("semi.csv", []byte(strings.Replace(semi, "Nama SOP;", "Nama SOP:", 1)), flow.ParseOptions{}); err == nil {
		// "Pemohon, Petugas" is one unknown actor with ";" as the separator.
		t.Errorf("semi: want the unknown actor")
	} else if !strings.Contains(err.Error(), `unknown actor "Pemohon, Petugas"`) {
		t.Errorf("semi: %v", err)
	}
	for _, c := range []struct{ from, to, want string }{
		{"2,\"Apakah", "2,\"Apakah", ""},
		{"Petugas,10 menit", "Petugass,10 menit", `sop.csv:8:28: step 2: unknown actor "Petugass" (did you mean "Petugas"?)`},
		{",keputusan,1", ",keputusan,9", `sop.csv:8:62: step 2: no = 9 is out of range 1..3`},
		{"# Nomor SOP", "# Nomer SOP", `sop.csv:2:1: unknown identity item "Nomer SOP"`},
		{"Berkas,keputusan", "Berkas,\"keputusan", `sop.csv:9:61: CSV syntax error in the row that starts on line 8`},
	} {
		_, err := ReadCSV("sop.csv", []byte(strings.Replace(csvSOP, c.from, c.to, 1)), flow.ParseOptions{})
		if c.want == "" {
			if err != nil {
				t.Errorf("%v", err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s -> %s:\n%v\nwant %s", c.from, c.to, err, c.want)
		}
	}
}

func TestLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Nama SOP: Banyak\n# Pelaksana: A\nKEGIATAN,PELAKSANA\n")
	for range 30 {
		b.WriteString("Memeriksa,A\n")
	}
	_, err := ReadCSV("big.csv", []byte(b.String()), flow.ParseOptions{MaxSteps: 10})
	var le *flow.LimitError
	if !errors.As(err, &le) || le.Name != "steps" {
		t.Errorf("steps: %v", err)
	}
	_, err = ReadCSV("big.csv", []byte(b.String()), flow.ParseOptions{MaxBytes: 100})
	if !errors.As(err, &le) || le.Name != "bytes" {
		t.Errorf("bytes: %v", err)
	}
}

func TestCSVMessages(t *testing.T) {
	// Numbered actors are two actors.
	if _, err := ReadCSV("e.csv", []byte("# Nama SOP: X\nKEGIATAN;PELAKSANA\nMenyerahkan berkas;Kasi I\nMengarsipkan berkas;Kasi II\n"), flow.ParseOptions{}); err != nil {
		t.Errorf("Kasi I and Kasi II: %v", err)
	}
	_, err := ReadCSV("e.csv", []byte("# Nama SOP: X\nKEGIATAN,PELAKSANA\nMenyerahkan berkas,Petugas\nMengarsipkan berkas,Petugass\n"), flow.ParseOptions{})
	if err == nil || !strings.Contains(err.Error(), `e.csv:4:21: step 2: unknown actor "Petugass" (did you mean "Petugas"?); two names that differ by a typo would make two columns: list the actors on a line "# Pelaksana: A; B; C" above the table`) {
		t.Errorf("typo: %v", err)
	}
	_, err = ReadCSV("e.csv", []byte("KEGIATAN,PELAKSANA\nMenyerahkan berkas,Petugas\n"), flow.ParseOptions{})
	if err == nil || !strings.Contains(err.Error(), `e.csv:1:1: missing the name of the SOP; add a line "# Nama SOP: ..." above the table`) {
		t.Errorf("no name: %v", err)
	}
}
