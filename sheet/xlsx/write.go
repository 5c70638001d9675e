package xlsx

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/sheet"
)

// The sheets, as package sheet names them.
const (
	SheetSteps    = sheet.SheetSteps
	SheetIdentity = sheet.SheetIdentity
	SheetActors   = sheet.SheetActors
)

// Write returns p as an XLSX workbook that Read reads back to the same
// procedure: the sheets "Langkah" (one row per step, every kind and link
// written out), "Identitas" and "Pelaksana", with the template's headers,
// column widths and drop-down lists of actors and kinds. The label
// overrides of [labels] have no place in the workbook and are left out.
func Write(p *flow.Procedure) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetSteps); err != nil {
		return nil, err
	}
	for _, s := range []string{SheetIdentity, SheetActors} {
		if _, err := f.NewSheet(s); err != nil {
			return nil, err
		}
	}
	w := &writer{f: f}

	// Langkah.
	columns := sheet.Columns()
	for c, k := range columns {
		w.set(SheetSteps, c, 0, k.Title)
		name, _ := excelize.ColumnNumberToName(c + 1)
		w.check(f.SetColWidth(SheetSteps, name, name, k.Width))
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}})
	w.check(err)
	last, _ := excelize.ColumnNumberToName(len(columns))
	w.check(f.SetCellStyle(SheetSteps, "A1", last+"1", bold))
	w.check(f.SetPanes(SheetSteps, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	w.check(err)
	w.check(f.SetColStyle(SheetSteps, "A:"+last, wrap))
	ref := func(s *flow.Step, to int) any {
		if id := p.Steps[to].ID; id != "" {
			return id
		}
		return to + 1
	}
	kn := sheet.KindNames()
	kindName := map[flow.Kind]string{flow.Start: kn[0], flow.Process: kn[1], flow.Decision: kn[2], flow.End: kn[3]}
	for i, s := range p.Steps {
		r := i + 1
		var actors []string
		for _, a := range s.Actors {
			actors = append(actors, p.Actors[a].Name)
		}
		vals := map[string]any{
			"": s.Number, "activity": s.Activity, "actor": strings.Join(actors, "; "),
			"requirements": s.Requirements, "time": s.Time, "output": s.Output, "note": s.Note,
			"kind": kindName[s.Kind], "id": s.ID,
		}
		switch s.Kind {
		case flow.Decision:
			vals["yes"], vals["no"] = ref(s, s.Out[0].To), ref(s, s.Out[1].To)
			vals["yes_label"], vals["no_label"] = s.Out[0].Label, s.Out[1].Label
		case flow.Start, flow.Process:
			vals["next"] = ref(s, s.Out[0].To)
		}
		for c, k := range columns {
			if v := vals[k.Key]; v != nil && v != "" {
				w.set(SheetSteps, c, r, v)
			}
		}
	}
	rows := max(len(p.Steps)+1, 200)
	actorCol, _ := excelize.ColumnNumberToName(colIndex(columns, "actor") + 1)
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s2:%s%d", actorCol, actorCol, rows)
	dv.SetSqrefDropList(fmt.Sprintf("%s!$A$2:$A$%d", SheetActors, max(len(p.Actors)+1, 30)))
	dv.SetError(excelize.DataValidationErrorStyleWarning, "Pelaksana", "Pelaksana ini tidak ada di sheet Pelaksana. Untuk kegiatan bersama, pisahkan nama dengan \";\".")
	w.check(f.AddDataValidation(SheetSteps, dv))
	kindCol, _ := excelize.ColumnNumberToName(colIndex(columns, "kind") + 1)
	dv = excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s2:%s%d", kindCol, kindCol, rows)
	w.check(dv.SetDropList(kn))
	dv.SetError(excelize.DataValidationErrorStyleStop, "Jenis", "Pilih mulai, proses, keputusan atau selesai.")
	w.check(f.AddDataValidation(SheetSteps, dv))

	// Pelaksana.
	w.set(SheetActors, 0, 0, "PELAKSANA")
	w.check(f.SetCellStyle(SheetActors, "A1", "A1", bold))
	w.check(f.SetColWidth(SheetActors, "A", "A", 40))
	for i, a := range p.Actors {
		w.set(SheetActors, 0, i+1, a.Name)
	}

	// Identitas: one row per item, one more column per list element.
	w.set(SheetIdentity, 0, 0, "BUTIR")
	w.set(SheetIdentity, 1, 0, "ISI")
	w.check(f.SetCellStyle(SheetIdentity, "A1", "B1", bold))
	w.check(f.SetColWidth(SheetIdentity, "A", "A", 26))
	w.check(f.SetColWidth(SheetIdentity, "B", "D", 50))
	id := p.Identity
	date := func(d flow.Date) string {
		if d.Text != "" {
			return d.Text
		}
		if d.IsZero() {
			return ""
		}
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	values := map[string][]string{
		"name": {p.Name}, "number": {id.Number}, "unit": id.Unit, "logo": {id.Logo},
		"created": {date(id.Created)}, "revised": {date(id.Revised)}, "effective": {date(id.Effective)},
		"title": {id.Approver.Title}, "approver.name": {id.Approver.Name}, "rank": {id.Approver.Rank}, "nip": {id.Approver.NIP},
		"legal_basis": id.LegalBasis, "qualifications": id.Qualifications, "related": id.Related,
		"equipment": id.Equipment, "warnings": id.Warnings, "records": id.Records,
	}
	// A date written as text keeps its form ("2016-09-01", "Desember 2013").
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	w.check(err)
	w.check(f.SetColStyle(SheetIdentity, "B:Z", text))
	r := 1
	for _, it := range sheet.Items() {
		key := it.Path[len(it.Path)-1]
		if len(it.Path) == 3 && key == "name" {
			key = "approver.name"
		}
		vs := values[key]
		w.set(SheetIdentity, 0, r, it.Label)
		for c, v := range vs {
			if v != "" {
				w.set(SheetIdentity, c+1, r, v)
			}
		}
		r++
	}
	if w.err != nil {
		return nil, w.err
	}
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writer keeps the first error of a run of cell writes.
type writer struct {
	f   *excelize.File
	err error
}

func (w *writer) check(err error) {
	if w.err == nil {
		w.err = err
	}
}

// set writes v into column c, row r (0-based) of sheet, text as text.
func (w *writer) set(sheet string, c, r int, v any) {
	cell, err := excelize.CoordinatesToCellName(c+1, r+1)
	if err != nil {
		w.check(err)
		return
	}
	switch v := v.(type) {
	case string:
		w.check(w.f.SetCellStr(sheet, cell, v))
	case int:
		w.check(w.f.SetCellInt(sheet, cell, int64(v)))
	default:
		w.check(w.f.SetCellValue(sheet, cell, v))
	}
}

func colIndex(columns []sheet.Column, key string) int {
	for i, k := range columns {
		if k.Key == key {
			return i
		}
	}
	panic("sheet: no column " + strconv.Quote(key))
}
