package main

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/sopflow/sopflow/internal/sheetwire"
	"github.com/sopflow/sopflow/internal/testsop"
)

// TestProtocol writes every example through the helper and reads it back.
func TestProtocol(t *testing.T) {
	for name, p := range testsop.Valid(t) {
		js, _ := json.Marshal(p)
		var book bytes.Buffer
		if err := run([]string{"write"}, bytes.NewReader(js), &book); err != nil {
			t.Fatalf("%s: write: %v", name, err)
		}
		var out bytes.Buffer
		if err := run([]string{"read", "x.xlsx", `{"MaxSteps": 100}`}, &book, &out); err != nil {
			t.Fatalf("%s: read: %v", name, err)
		}
		var r sheetwire.Result
		if err := json.Unmarshal(out.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		got, err := r.Unpack()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !reflect.DeepEqual(testsop.WithoutPositions(got), testsop.WithoutPositions(p)) {
			t.Errorf("%s: reads back differently", name)
		}
		if got.Steps[0].Pos.Sheet != "Langkah" || got.Steps[0].Pos.Line != 2 {
			t.Errorf("%s: step 1 at %v, want row 2 of Langkah", name, got.Steps[0].Pos)
		}
	}
	var out bytes.Buffer
	if err := run([]string{"read", "x.xlsx", `{}`}, strings.NewReader("not a zip"), &out); err != nil {
		t.Fatal(err)
	}
	var r sheetwire.Result
	json.Unmarshal(out.Bytes(), &r)
	if _, err := r.Unpack(); err == nil || !strings.Contains(err.Error(), "x.xlsx: not an XLSX workbook") {
		t.Errorf("not a workbook: %v", err)
	}
	if err := run([]string{"frob"}, nil, &out); err == nil || !strings.Contains(err.Error(), "usage") {
		t.Errorf("usage: %v", err)
	}
}
