package flow

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// compileSchema compiles the embedded schema with a real validator.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSONSchema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sop.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("sop.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// instance returns a JSON document as the validator takes it.
func instance(t *testing.T, js []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// asJSON re-encodes a TOML SOP as JSON, dates as strings.
func asJSON(t *testing.T, src []byte) []byte {
	t.Helper()
	var doc map[string]any
	if _, err := toml.Decode(string(src), &doc); err != nil {
		t.Fatal(err)
	}
	var conv func(v any) any
	conv = func(v any) any {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				v[k] = conv(e)
			}
		case []map[string]any:
			out := make([]any, len(v))
			for i, e := range v {
				out[i] = conv(e)
			}
			return out
		case []any:
			for i, e := range v {
				v[i] = conv(e)
			}
		case time.Time:
			return v.Format(time.DateOnly)
		}
		return v
	}
	b, err := json.MarshalIndent(conv(doc), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSchemaKeys keeps the schema's keys in step with the parser's.
func TestSchemaKeys(t *testing.T) {
	var s struct {
		Properties map[string]struct {
			Properties map[string]struct {
				Properties map[string]any `json:"properties"`
			} `json:"properties"`
		} `json:"properties"`
		Defs struct {
			Step struct {
				Properties map[string]any `json:"properties"`
			} `json:"step"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(schema, &s); err != nil {
		t.Fatal(err)
	}
	keys := func(m any) []string {
		var out []string
		switch m := m.(type) {
		case map[string]any:
			for k := range m {
				out = append(out, k)
			}
		}
		slices.Sort(out)
		return out
	}
	sorted := func(l []string) []string { l = slices.Clone(l); slices.Sort(l); return l }
	top := map[string]any{}
	for k := range s.Properties {
		top[k] = nil
	}
	id := map[string]any{}
	for k := range s.Properties["identity"].Properties {
		id[k] = nil
	}
	labels := map[string]any{}
	for k := range s.Properties["labels"].Properties {
		labels[k] = nil
	}
	for _, c := range []struct {
		what      string
		got, want []string
	}{
		{"top-level keys", keys(top), sorted(topKeys())},
		{"identity keys", keys(id), sorted(identityKeys())},
		{"approver keys", keys(s.Properties["identity"].Properties["approver"].Properties), sorted(approverKeys())},
		{"step keys", keys(s.Defs.Step.Properties), sorted(stepKeys())},
		{"label keys", keys(labels), sorted(LabelKeys())},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s: schema %q, parser %q", c.what, c.got, c.want)
		}
	}
}

// TestSchemaValidatesExamples validates every valid SOP of testdata, and
// the JSON template, against the schema.
func TestSchemaValidatesExamples(t *testing.T) {
	sch := compileSchema(t)
	files, _ := filepath.Glob("../testdata/*/*.toml")
	n := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Parse(f, src); err != nil {
			continue
		}
		n++
		if err := sch.Validate(instance(t, asJSON(t, src))); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	js, err := os.ReadFile("../testdata/json/legalisasi.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(instance(t, js)); err != nil {
		t.Errorf("legalisasi.json: %v", err)
	}
	if n < 8 {
		t.Errorf("only %d valid SOPs", n)
	}
}

// TestSchemaAgreesOnErrors breaks a valid SOP in each way a schema can
// see, and checks that both the schema and the parser refuse it.
func TestSchemaAgreesOnErrors(t *testing.T) {
	sch := compileSchema(t)
	const base = `{"name": "Surat", "actors": ["Petugas", "Kepala"],
 "identity": {"number": "1", "created": "2016-09-01", "approver": {"name": "X"}},
 "labels": {"yes_label": "Y"},
 "steps": [
  {"id": "a", "actor": "Petugas", "activity": "Menerima surat", "kind": "start"},
  {"id": "b", "actor": "Kepala", "activity": "Apakah disetujui?", "kind": "decision", "yes": "c", "no": 1, "yes_label": "Setuju"},
  {"id": "c", "actor": ["Petugas", "Kepala"], "activity": "Mengarsipkan surat", "kind": "end"}]}`
	if err := sch.Validate(instance(t, []byte(base))); err != nil {
		t.Fatalf("base: %v", err)
	}
	if _, err := ParseJSON("base.json", []byte(base)); err != nil {
		t.Fatalf("base: %v", err)
	}
	for _, c := range []struct{ name, from, to string }{
		{"unknown top key", `"name": "Surat",`, `"name": "Surat", "nama": "x",`},
		{"missing name", `"name": "Surat",`, ``},
		{"blank name", `"name": "Surat"`, `"name": " "`},
		{"name not text", `"name": "Surat"`, `"name": 5`},
		{"no actors", `["Petugas", "Kepala"]`, `[]`},
		{"duplicate actor", `["Petugas", "Kepala"]`, `["Petugas", "Petugas", "Kepala"]`},
		{"unknown identity key", `"number": "1"`, `"nomor": "1"`},
		{"unknown approver key", `{"name": "X"}`, `{"nama": "X"}`},
		{"identity list not text", `"number": "1"`, `"number": "1", "unit": [1]`},
		{"unknown label", `"yes_label": "Y"`, `"ya": "Y"`},
		{"label not text", `"yes_label": "Y"`, `"yes_label": 1`},
		{"no steps", base, `{"name": "Surat", "actors": ["Petugas"], "steps": []}`},
		{"unknown step key", `"kind": "start"`, `"kind": "start", "tme": "1"`},
		{"missing activity", `"activity": "Menerima surat", `, ``},
		{"missing actor", `"actor": "Petugas", "activity": "Menerima`, `"activity": "Menerima`},
		{"bad kind", `"kind": "start"`, `"kind": "mulai"`},
		{"decision without no", `"yes": "c", "no": 1,`, `"yes": "c",`},
		{"next on a decision", `"no": 1,`, `"no": 1, "next": "c",`},
		{"yes on an end", `"kind": "end"`, `"kind": "end", "yes": "a", "no": "a"`},
		{"label on a process", `"kind": "start"`, `"kind": "start", "no_label": "x"`},
		{"reference zero", `"no": 1`, `"no": 0`},
		{"reference not text or number", `"no": 1`, `"no": true`},
		{"actor list empty", `["Petugas", "Kepala"], "activity": "Mengarsipkan`, `[], "activity": "Mengarsipkan`},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(base, c.from, c.to, 1)
			if src == base {
				t.Fatal("the case changes nothing")
			}
			serr := sch.Validate(instance(t, []byte(src)))
			_, perr := ParseJSON("x.json", []byte(src))
			if serr == nil || perr == nil {
				t.Errorf("schema: %v\nparser: %v\nwant both to refuse:\n%s", serr, perr, src)
			}
		})
	}
}
