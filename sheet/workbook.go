package sheet

import (
	"fmt"
	"strings"

	"github.com/sopflow/sopflow/flow"
)

// Workbook is a spreadsheet as ReadWorkbook reads it: its sheets by name,
// each as rows of cell texts (package sheet/xlsx opens an XLSX file as one).
type Workbook interface {
	SheetList() []string
	Rows(sheet string) ([][]string, error)
}

// sheetNames are the names a sheet is found by, compared without case.
var sheetNames = map[string][]string{
	SheetSteps:    {"langkah", "steps", "kegiatan"},
	SheetIdentity: {"identitas", "identity"},
	SheetActors:   {"pelaksana", "actors"},
}

// ReadWorkbook reads an SOP from the sheets "Langkah" (required),
// "Identitas" and "Pelaksana" of wb (or their English names "Steps",
// "Identity", "Actors"), with every check of flow; name is the file name
// for messages, and errors point at cells ("sop.xlsx:Langkah!C7").
func ReadWorkbook(name string, wb Workbook, o flow.ParseOptions) (*flow.Procedure, error) {
	fail := func(format string, args ...any) error {
		return flow.ErrorList{{Pos: flow.Pos{File: name}, Msg: fmt.Sprintf(format, args...)}}
	}
	find := func(sheet string) string {
		for _, s := range wb.SheetList() {
			for _, n := range sheetNames[sheet] {
				if strings.EqualFold(strings.TrimSpace(s), n) {
					return s
				}
			}
		}
		return ""
	}
	read := func(sheet string) ([][]string, error) {
		rows, err := wb.Rows(sheet)
		if err != nil {
			return nil, fail("cannot read sheet %q: %v", sheet, err)
		}
		return rows, nil
	}
	cell := func(sheet string) func(r, c int) flow.Pos {
		return func(r, c int) flow.Pos { return flow.Pos{File: name, Sheet: sheet, Line: r + 1, Col: c + 1} }
	}

	b := newBuilder(name, o)
	stepsSheet := find(SheetSteps)
	if stepsSheet == "" {
		return nil, fail("no sheet %q, the table of steps (sheets: %s); `sopflow init --xlsx` writes a template", SheetSteps, strings.Join(wb.SheetList(), ", "))
	}
	if s := find(SheetIdentity); s != "" {
		rows, err := read(s)
		if err != nil {
			return nil, err
		}
		at := cell(s)
		label := ""
		for r, row := range rows {
			if len(row) == 0 || blankRow(row) {
				continue
			}
			if r == 0 && findItem(row[0]) == nil && isHeader(row[0]) {
				continue
			}
			if k := strings.TrimSpace(row[0]); k != "" {
				label = k
			}
			if label == "" {
				b.errorf(at(r, 0), "a value without an item name in column A")
				continue
			}
			for c := 1; c < len(row); c++ {
				if v := strings.TrimSpace(row[c]); v != "" {
					b.identity(label, v, at(r, 0), at(r, c))
				}
			}
		}
	}
	var declared []string
	if s := find(SheetActors); s != "" {
		rows, err := read(s)
		if err != nil {
			return nil, err
		}
		at := cell(s)
		var pos []flow.Pos
		for r, row := range rows {
			if len(row) == 0 || strings.TrimSpace(row[0]) == "" {
				continue
			}
			if r == 0 && isHeader(row[0]) {
				continue
			}
			declared = append(declared, strings.TrimSpace(row[0]))
			pos = append(pos, at(r, 0))
		}
		b.actors(declared, pos, at(0, 0))
		if declared == nil {
			declared = []string{} // an empty sheet: flow says actors is empty
		}
	}
	rows, err := read(stepsSheet)
	if err != nil {
		return nil, err
	}
	b.steps(rows, cell(stepsSheet), declared)
	return b.parse()
}

// isHeader reports whether a first cell is a header ("Pelaksana", "Butir").
func isHeader(s string) bool {
	switch norm(s) {
	case "pelaksana", "actor", "actors", "butir", "item", "key", "identitas", "identity":
		return true
	}
	return false
}
