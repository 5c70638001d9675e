// Package xlsx reads and writes SOPs as XLSX workbooks with excelize, in
// the layout of package sheet: the sheets "Langkah", "Identitas" and
// "Pelaksana". It is apart from sheet because excelize's start-up (some
// 2 ms and 1.3 MB of package initialisation) would otherwise be paid by
// every run of a program that links sheet for CSV; sopflow runs it in the
// sopflow-sheet helper.
package xlsx

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/sheet"
)

// Read reads an SOP from an XLSX workbook: data is the file, name the name
// for messages. The limits of o apply (bytes to the file, and to what it
// unzips to, times unzipFactor; steps and actors as in flow).
func Read(name string, data []byte, o flow.ParseOptions) (*flow.Procedure, error) {
	fail := func(format string, args ...any) error {
		return flow.ErrorList{{Pos: flow.Pos{File: name}, Msg: fmt.Sprintf(format, args...)}}
	}
	maxBytes := int64(o.MaxBytes)
	if maxBytes == 0 {
		maxBytes = flow.DefaultMaxBytes
	}
	if maxBytes > 0 && int64(len(data)) > maxBytes {
		return nil, flow.ErrorList{{Pos: flow.Pos{File: name}, Msg: fmt.Sprintf("file too large: more than %d bytes", maxBytes),
			Err: &flow.LimitError{Name: "bytes", Max: int(maxBytes)}}}
	}
	// A date typed into a cell has the built-in short date format, which
	// excelize prints as m-d-yy; read it as 2016-09-01, which flow reads
	// as the date.
	opts := excelize.Options{ShortDatePattern: "yyyy-mm-dd", LongDatePattern: "yyyy-mm-dd"}
	if maxBytes > 0 {
		// Everything unzipped stays in memory (nothing goes to a temporary
		// file), up to unzipFactor times the size limit.
		opts.UnzipSizeLimit = maxBytes * unzipFactor
		opts.UnzipXMLSizeLimit = maxBytes * unzipFactor
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), opts)
	if err != nil {
		return nil, fail("not an XLSX workbook (%v); save it from Excel or LibreOffice as .xlsx", err)
	}
	defer f.Close()
	return sheet.ReadWorkbook(name, workbook{f}, o)
}

// unzipFactor bounds what a workbook may unzip to, as a multiple of the
// byte limit of the file: text compresses some ten times, a zip bomb far more.
const unzipFactor = 16

// workbook is an excelize file as a sheet.Workbook.
type workbook struct{ f *excelize.File }

func (w workbook) SheetList() []string { return w.f.GetSheetList() }

func (w workbook) Rows(s string) ([][]string, error) { return w.f.GetRows(s) }
