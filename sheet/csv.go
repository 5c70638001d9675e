package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/sopflow/sopflow/flow"
)

// ReadCSV reads an SOP from CSV: the "Langkah" sheet alone (a header row,
// then one row per step), after leading lines "# key: value" that give the
// identity items ("# Nama SOP: ...", "# Nomor SOP: ...", a list item on a
// line of its own each time) and the actors in column order ("#
// Pelaksana: Pemohon; Petugas"). The separator is "," or, as Excel writes
// it where the decimal mark is a comma, ";", told from the header row.
// Positions are line:col of the file.
func ReadCSV(name string, data []byte, o flow.ParseOptions) (*flow.Procedure, error) {
	maxBytes := o.MaxBytes
	if maxBytes == 0 {
		maxBytes = flow.DefaultMaxBytes
	}
	if maxBytes > 0 && len(data) > maxBytes {
		return nil, flow.ErrorList{{Pos: flow.Pos{File: name, Line: 1, Col: 1}, Msg: fmt.Sprintf("file too large: more than %d bytes", maxBytes),
			Err: &flow.LimitError{Name: "bytes", Max: maxBytes}}}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	b := newBuilder(name, o)
	b.csv = true

	// The leading comment lines.
	line := 0
	var declared []string
	var declaredAt []flow.Pos
	for len(data) > 0 {
		end := bytes.IndexByte(data, '\n')
		if end < 0 {
			end = len(data)
		}
		text := strings.TrimRight(string(data[:end]), "\r")
		trimmed := strings.TrimSpace(text)
		if trimmed != "" && !strings.HasPrefix(trimmed, "#") {
			break
		}
		line++
		data = data[min(end+1, len(data)):]
		if trimmed == "" {
			continue
		}
		body := strings.TrimSpace(strings.TrimPrefix(trimmed, "#"))
		if body == "" {
			continue
		}
		at := flow.Pos{File: name, Line: line, Col: strings.Index(text, "#") + 1}
		key, val, ok := strings.Cut(body, ":")
		if !ok {
			continue // a comment
		}
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		valAt := at
		valAt.Col = strings.LastIndex(text, val) + 1
		if n := norm(key); n == "pelaksana" || n == "actors" {
			for _, a := range strings.Split(val, ";") {
				if a = strings.TrimSpace(a); a != "" {
					declared = append(declared, a)
					declaredAt = append(declaredAt, valAt)
				}
			}
			continue
		}
		if val == "" {
			continue
		}
		b.identity(key, val, at, valAt)
	}
	if declared != nil {
		b.actors(declared, declaredAt, declaredAt[0])
	}

	// The table.
	sep := ','
	if first, _, _ := bytes.Cut(data, []byte("\n")); bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		sep = ';'
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sep
	r.FieldsPerRecord = -1
	var rows [][]string
	var fieldPos [][]flow.Pos
	limit := o.MaxSteps
	if limit == 0 {
		limit = flow.DefaultMaxSteps
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			pos := flow.Pos{File: name, Line: line + 1, Col: 1}
			msg := "CSV syntax error: " + err.Error()
			if errors.As(err, &pe) {
				pos.Line, pos.Col = line+pe.Line, max(pe.Column, 1)
				msg = fmt.Sprintf("CSV syntax error in the row that starts on line %d: %v (a quote opened and not closed?)", line+pe.StartLine, pe.Err)
			}
			return nil, flow.ErrorList{{Pos: pos, Msg: msg}}
		}
		var ps []flow.Pos
		for i := range rec {
			l, c := r.FieldPos(i)
			ps = append(ps, flow.Pos{File: name, Line: line + l, Col: c})
		}
		rows = append(rows, rec)
		fieldPos = append(fieldPos, ps)
		if limit > 0 && len(rows) > limit+2 {
			break // flow reports the limit
		}
	}
	at := func(row, c int) flow.Pos {
		if row < len(fieldPos) && c < len(fieldPos[row]) {
			return fieldPos[row][c]
		}
		return flow.Pos{File: name, Line: line + 1, Col: 1}
	}
	b.steps(rows, at, declared)
	return b.parse()
}
