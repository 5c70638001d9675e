package flow_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/internal/testsop"
)

// TestJSONSameAsTOML reads every example and fixture in both formats.
func TestJSONSameAsTOML(t *testing.T) {
	files, _ := filepath.Glob("../testdata/*/*.toml")
	n := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want, err := flow.Parse(f, src)
		if err != nil {
			continue // the invalid inputs of the error tests
		}
		n++
		got, err := flow.ParseJSON(f+".json", flow.TOMLToJSON(t, src))
		if err != nil {
			t.Errorf("%s as JSON: %v", f, err)
			continue
		}
		if !reflect.DeepEqual(testsop.WithoutPositions(got), testsop.WithoutPositions(want)) || !reflect.DeepEqual(got.Labels, want.Labels) {
			t.Errorf("%s: the JSON reads differently", f)
		}
		if got.Steps[len(got.Steps)-1].Pos.Line <= 1 {
			t.Errorf("%s: the last step has no position: %v", f, got.Steps[len(got.Steps)-1].Pos)
		}
	}
	if n < 8 {
		t.Errorf("only %d valid SOPs in testdata", n)
	}
}

func TestJSONErrors(t *testing.T) {
	const good = `{
  "name": "Surat",
  "actors": ["Petugas", "Kepala"],
  "steps": [
    {"actor": "Petugas", "activity": "Menerima surat"},
    {"actor": "Kepala", "activity": "Apakah disetujui?", "no": 1},
    {"actor": "Petugas", "activity": "Mengarsipkan surat"}
  ]
}`
	if _, err := flow.ParseJSON("sop.json", []byte(good)); err != nil {
		t.Fatalf("good: %v", err)
	}
	for _, c := range []struct{ name, from, to, want string }{
		{"unknown actor", `{"actor": "Kepala"`, `{"actor": "Kepla"`, `sop.json:6:15: step 2: unknown actor "Kepla" (did you mean "Kepala"?)`},
		{"unknown key", `"no": 1`, `"no": 1, "tme": "1 jam"`, `sop.json:6:67: unknown key "tme" in step 2 (did you mean "time"?)`},
		{"bad reference", `"no": 1`, `"no": 9`, `sop.json:6:64: step 2: no = 9 is out of range 1..3`},
		{"wrong type", `"name": "Surat"`, `"name": 5`, `sop.json:2:11: name must be a string, not an integer (5)`},
		{"syntax", `"Petugas", "Kepala"]`, `"Petugas" "Kepala"]`, `sop.json:3:24: syntax error: invalid character '"' after array element`},
		{"truncated", "\n}", "", `sop.json:8:4: syntax error: the JSON ends too early`},
		{"bad character", `"name": "Surat",`, `"name": "Surat",,`, `sop.json:2:19: syntax error: invalid character ','`},
		{"null", `"name": "Surat"`, `"name": null`, `sop.json:2:11: null is not a value here`},
		{"duplicate key", `"name": "Surat",`, `"name": "Surat", "name": "B",`, `sop.json:2:20: syntax error: key "name" given twice`},
		{"not an object", good, `["a"]`, `sop.json:1:1: the SOP must be a JSON object`},
		{"trailing", good, good + " {}", `sop.json:9:3: syntax error: text after the end of the JSON object`},
		{"step not object", `{"actor": "Petugas", "activity": "Mengarsipkan surat"}`, `"x"`, `sop.json:7:5: step 3 must be a table, not`},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(good, c.from, c.to, 1)
			_, err := flow.ParseJSON("sop.json", []byte(src))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error:\n%v\nwant:\n%s", err, c.want)
			}
		})
	}
}

func TestJSONLimits(t *testing.T) {
	deep := `{"name": ` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `}`
	_, err := flow.ParseJSON("deep.json", []byte(deep))
	if !errors.Is(err, flow.ErrTooLarge) || !strings.Contains(err.Error(), "deep.json:1:") {
		t.Errorf("deep: %v", err)
	}
	many := `{"name": "x", "actors": ["A"], "steps": [` + strings.Repeat(`{"actor": "A", "activity": "Memeriksa"},`, 10) + `{"actor": "A", "activity": "Memeriksa"}]}`
	_, err = flow.ParseOptions{MaxSteps: 5}.ParseJSON("many.json", []byte(many))
	var le *flow.LimitError
	if !errors.As(err, &le) || le.Name != "steps" {
		t.Errorf("steps: %v", err)
	}
	_, err = flow.ParseOptions{MaxKeyLength: 3}.ParseJSON("key.json", []byte(`{"name": "x"}`))
	if !errors.As(err, &le) || le.Name != "key" {
		t.Errorf("key: %v", err)
	}
}
