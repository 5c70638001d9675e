package xlsx

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/internal/testsop"
)

// TestRoundTrip writes every example as a workbook and reads it back.
func TestRoundTrip(t *testing.T) {
	for f, p := range testsop.Valid(t) {
		data, err := Write(p)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		got, err := Read("x.xlsx", data, flow.ParseOptions{})
		if err != nil {
			t.Errorf("%s: read back: %v", f, err)
			continue
		}
		if !reflect.DeepEqual(testsop.WithoutPositions(got), testsop.WithoutPositions(p)) {
			t.Errorf("%s: the workbook reads differently", f)
		}
		if again, _ := Write(got); !bytes.Equal(again, data) {
			t.Errorf("%s: writing twice gives different bytes", f)
		}
	}
}

// editedExample returns an example as a workbook after edit changes it.
func editedExample(t *testing.T, edit func(f *excelize.File)) []byte {
	t.Helper()
	src, err := os.ReadFile("../../testdata/examples/informasi-publik.toml")
	if err != nil {
		t.Fatal(err)
	}
	p, err := flow.Parse("informasi-publik.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	data, err := Write(p)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	edit(f)
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSXErrors(t *testing.T) {
	set := func(sheet, cell, v string) func(f *excelize.File) {
		return func(f *excelize.File) { f.SetCellStr(sheet, cell, v) }
	}
	for _, c := range []struct {
		name string
		edit func(f *excelize.File)
		want string
	}{
		{"unknown actor", set("Langkah", "C7", "Petugas Layanan Informasii"), `sop.xlsx:Langkah!C7: step 6: unknown actor "Petugas Layanan Informasii" (did you mean "Petugas Layanan Informasi"?)`},
		{"bad reference", set("Langkah", "K3", "99"), `sop.xlsx:Langkah!K3: step 2: yes = 99 is out of range`},
		{"unknown kind", set("Langkah", "H4", "proces"), `sop.xlsx:Langkah!H4: step 3: unknown JENIS "proces"; use mulai, proses, keputusan, selesai`},
		{"unknown column", set("Langkah", "O1", "CATATAN"), `sop.xlsx:Langkah!O1: unknown column "CATATAN"`},
		{"misnumbered", set("Langkah", "A5", "7"), `sop.xlsx:Langkah!A5: NO is "7", but this is step 4`},
		{"blank activity", set("Langkah", "B3", " "), `sop.xlsx:Langkah!A3: step 2: missing activity`},
		{"unknown identity item", set("Identitas", "A3", "Nomer SOP"), `sop.xlsx:Identitas!A3: unknown identity item "Nomer SOP" (did you mean "Nomor SOP"?)`},
		{"no steps sheet", func(f *excelize.File) { f.SetSheetName("Langkah", "Data") }, `sop.xlsx: no sheet "Langkah"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read("sop.xlsx", editedExample(t, c.edit), flow.ParseOptions{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error:\n%v\nwant:\n%s", err, c.want)
			}
		})
	}
	if _, err := Read("x.xlsx", []byte("not a zip"), flow.ParseOptions{}); err == nil || !strings.Contains(err.Error(), "x.xlsx: not an XLSX workbook") {
		t.Errorf("not a workbook: %v", err)
	}
}

// TestActorsByFirstUse reads a workbook without its "Pelaksana" sheet: the
// actors come in order of first use, and a typo of one is refused.
func TestActorsByFirstUse(t *testing.T) {
	data := editedExample(t, func(f *excelize.File) { f.DeleteSheet("Pelaksana") })
	p, err := Read("sop.xlsx", data, flow.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range p.Actors {
		names = append(names, a.Name)
	}
	if strings.Join(names, "|") != "Pemohon Informasi|Petugas Layanan Informasi|PPID Pelaksana|Pejabat Pengelola Dokumen|Atasan PPID" {
		t.Errorf("actors %q", names)
	}
	data = editedExample(t, func(f *excelize.File) {
		f.DeleteSheet("Pelaksana")
		f.SetCellStr("Langkah", "C7", "Petugas Layanan Informas")
	})
	_, err = Read("sop.xlsx", data, flow.ParseOptions{})
	if err == nil || !strings.Contains(err.Error(), `sop.xlsx:Langkah!C7: step 6: unknown actor "Petugas Layanan Informas" (did you mean "Petugas Layanan Informasi"?)`) {
		t.Errorf("typo without the actors sheet: %v", err)
	}
}

// TestDateCell reads a Tanggal typed as a date in Excel (a serial number
// with the built-in short date format) as that date.
func TestDateCell(t *testing.T) {
	data := editedExample(t, func(f *excelize.File) {
		style, err := f.NewStyle(&excelize.Style{NumFmt: 14})
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows("Identitas")
		for r, row := range rows {
			if len(row) > 0 && row[0] == "Tanggal Pembuatan" {
				cell, _ := excelize.CoordinatesToCellName(2, r+1)
				f.SetCellValue("Identitas", cell, 46027) // 2026-01-05
				f.SetCellStyle("Identitas", cell, cell, style)
			}
		}
	})
	p, err := Read("sop.xlsx", data, flow.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d := p.Identity.Created; d != (flow.Date{Year: 2026, Month: 1, Day: 5}) {
		t.Errorf("Tanggal Pembuatan %+v, want 2026-01-05", d)
	}
}
