package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestInitTemplate checks that the starting SOP renders without a warning
// and lints clean, on standard output and into a new file.
func TestInitTemplate(t *testing.T) {
	dir := inTempDir(t, nil)
	r := sopflow(t, "", "init")
	if r.code != 0 || r.stdout != string(template) || r.stderr != "" {
		t.Fatalf("init:\n%v", r)
	}
	// Taplo and Even Better TOML find the schema through the first line.
	if first, _, _ := strings.Cut(r.stdout, "\n"); first != "#:schema https://raw.githubusercontent.com/sopflow/sopflow/main/flow/sop.schema.json" {
		t.Errorf("template starts %q", first)
	}
	if r := sopflow(t, "", "init", "sop.toml"); r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Fatalf("init sop.toml:\n%v", r)
	}
	if b, err := os.ReadFile("sop.toml"); err != nil || string(b) != string(template) {
		t.Fatalf("sop.toml: %v, same as template: %v", err, string(b) == string(template))
	}
	if r := sopflow(t, "", "lint", "sop.toml"); r.code != 0 || r.stderr != "" ||
		r.stdout != "sop.toml: main path: 5 steps, total WAKTU 1 jam 30 menit (5 of them give a WAKTU)\n" {
		t.Errorf("lint of the template:\n%v", r)
	}
	if r := sopflow(t, "", "render", "-f", "svg", "sop.toml"); r.code != 0 || r.stderr != "" {
		t.Errorf("render of the template:\n%v", r)
	}
	svg, err := os.ReadFile("sop-2.svg") // page 1 is the identity page
	if err != nil || !strings.Contains(string(svg), ">Sesuai<") || !strings.Contains(string(svg), ">Tidak") {
		t.Errorf("sop-2.svg: %v; the decision labels are missing", err)
	}

	// Never overwrite, and leave no temporary file behind.
	writeFile(t, "mine.toml", "mine\n")
	r = sopflow(t, "", "init", "mine.toml")
	if r.code != 1 || !strings.Contains(r.stderr, "mine.toml exists; init does not overwrite") {
		t.Errorf("init over a file:\n%v", r)
	}
	if b, _ := os.ReadFile("mine.toml"); string(b) != "mine\n" {
		t.Errorf("mine.toml changed: %q", b)
	}
	wantFiles(t, dir, "mine.toml", "sop-1.svg", "sop-2.svg", "sop.toml")
	if r := sopflow(t, "", "init", "a.toml", "b.toml"); r.code != 2 {
		t.Errorf("init with two files:\n%v", r)
	}
	if r := sopflow(t, "", "init", "no/such/dir/sop.toml"); r.code != 1 || r.stderr == "" {
		t.Errorf("init into a missing directory:\n%v", r)
	}
}

// lintable is the template with one problem of each kind the CLI reports.
func lintable() string {
	s := string(template)
	s = strings.Replace(s, `activity = "Menandatangani legalisasi fotokopi ijazah"`, `activity = "Penandatanganan legalisasi"`, 1)
	s = strings.Replace(s, `time = "1 jam"`, `time = "segera"`, 1)
	return s
}

func TestLintText(t *testing.T) {
	inTempDir(t, map[string]string{"sop.toml": lintable(), "bad.toml": badSOP})
	r := sopflow(t, "", "lint", "sop.toml")
	want := `sop.toml:87:1: step 5: WAKTU "segera" is not a duration; write it as "15 menit", "1 jam", "2 hari kerja", "2x24 jam", "1 minggu" or a range such as "1-2 hari" [duration]
sop.toml:87:1: step 5: activity starts with "Penandatanganan", not a verb; an activity says what the actor does ("Memeriksa ...", "Menyerahkan ...") [no-verb]
sop.toml: main path: 5 steps, total WAKTU 30 menit (4 of them give a WAKTU)
`
	if r.code != 1 || r.stdout != want || r.stderr != "" {
		t.Errorf("lint:\n%v\nwant stdout:\n%s", r, want)
	}
	r = sopflow(t, "", "lint", "bad.toml", "sop.toml")
	if r.code != 1 || r.stderr != badSOPErrors || !strings.Contains(r.stdout, "[no-verb]") {
		t.Errorf("lint bad.toml sop.toml:\n%v", r)
	}
	if r := sopflow(t, "", "lint", "--format", "xml", "sop.toml"); r.code != 2 || !strings.Contains(r.stderr, `--format "xml"`) {
		t.Errorf("lint --format xml:\n%v", r)
	}
}

func TestLintJSON(t *testing.T) {
	inTempDir(t, map[string]string{"sop.toml": lintable(), "bad.toml": badSOP})
	r := sopflow(t, "", "lint", "--format", "json", "sop.toml", "bad.toml")
	if r.code != 1 || r.stderr != "" {
		t.Fatalf("lint --format json:\n%v", r)
	}
	var reports []fileReport
	if err := json.Unmarshal([]byte(r.stdout), &reports); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if len(reports) != 2 {
		t.Fatalf("%d reports", len(reports))
	}
	good, bad := reports[0], reports[1]
	if !good.Valid || len(good.Problems) != 2 || good.Problems[0].Rule != "duration" || good.Problems[1].Rule != "no-verb" ||
		good.Problems[0].Line != 87 || good.Problems[0].Severity != "warning" {
		t.Errorf("sop.toml report: %+v", good)
	}
	if mp := good.MainPath; mp == nil || len(mp.Steps) != 5 || mp.Steps[2] != 4 || mp.MinSeconds != 1800 || mp.Time != "30 menit" {
		t.Errorf("main path: %+v", good.MainPath)
	}
	if bad.Valid || len(bad.Problems) != 2 || bad.Problems[0].Severity != "error" || bad.Problems[0].Line != 5 || bad.Problems[0].Col != 9 ||
		!strings.Contains(bad.Problems[0].Message, `unknown actor "Petugass"`) || bad.MainPath != nil {
		t.Errorf("bad.toml report: %+v", bad)
	}
}

func TestCheckJSON(t *testing.T) {
	inTempDir(t, map[string]string{"sop.toml": lintable(), "bad.toml": badSOP,
		"unused.toml": strings.Replace(string(template), `"Kepala Sub Bagian Umum"]`, `"Kepala Sub Bagian Umum", "Sekretaris"]`, 1)})
	r := sopflow(t, "", "check", "--format", "json", "sop.toml", "bad.toml", "unused.toml", "missing.toml")
	if r.code != 1 || r.stderr != "" {
		t.Fatalf("check --format json:\n%v", r)
	}
	var reports []fileReport
	if err := json.Unmarshal([]byte(r.stdout), &reports); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if len(reports) != 4 {
		t.Fatalf("%d reports:\n%s", len(reports), r.stdout)
	}
	// check does not lint: the valid file has no problem.
	if !reports[0].Valid || len(reports[0].Problems) != 0 || reports[0].MainPath != nil {
		t.Errorf("sop.toml: %+v", reports[0])
	}
	if reports[1].Valid || len(reports[1].Problems) != 2 || reports[1].Problems[1].Line != 7 {
		t.Errorf("bad.toml: %+v", reports[1])
	}
	if u := reports[2]; !u.Valid || len(u.Problems) != 1 || u.Problems[0].Severity != "warning" || u.Problems[0].Line != 12 ||
		!strings.Contains(u.Problems[0].Message, `actor "Sekretaris" carries out no step`) {
		t.Errorf("unused.toml: %+v", u)
	}
	if m := reports[3]; m.Valid || len(m.Problems) != 1 || m.Problems[0].Line != 0 || !strings.Contains(m.Problems[0].Message, "missing.toml") {
		t.Errorf("missing.toml: %+v", m)
	}
}

// TestLintSARIF checks the SARIF log against what SARIF 2.1.0 requires of
// the parts sopflow writes (§3.13 sarifLog, §3.14 run, §3.19 toolComponent,
// §3.27 result, §3.28 location, §3.30 region, §3.49 reportingDescriptor) and
// that every result's rule is described at its index.
func TestLintSARIF(t *testing.T) {
	inTempDir(t, map[string]string{"sop.toml": lintable(), "bad.toml": badSOP})
	r := sopflow(t, "", "lint", "--format", "sarif", "sop.toml", "bad.toml")
	if r.code != 1 || r.stderr != "" {
		t.Fatalf("lint --format sarif:\n%v", r)
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID               string `json:"id"`
						ShortDescription struct {
							Text string `json:"text"`
						} `json:"shortDescription"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region *struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	if err := dec.Decode(&log); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("log: version %q schema %q runs %d", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "sopflow" {
		t.Errorf("driver %q", run.Tool.Driver.Name)
	}
	ids := map[string]bool{}
	for _, rule := range run.Tool.Driver.Rules {
		if rule.ID == "" || rule.ShortDescription.Text == "" || ids[rule.ID] {
			t.Errorf("rule %+v: empty or repeated", rule)
		}
		ids[rule.ID] = true
	}
	levels := map[string]int{}
	for _, res := range run.Results {
		levels[res.Level]++
		if res.Level != "warning" && res.Level != "error" {
			t.Errorf("level %q", res.Level)
		}
		if res.RuleIndex < 0 || res.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %q: ruleIndex %d does not name it", res.RuleID, res.RuleIndex)
		}
		if res.Message.Text == "" || len(res.Locations) != 1 {
			t.Errorf("result %+v: no message or location", res)
			continue
		}
		pl := res.Locations[0].PhysicalLocation
		if pl.ArtifactLocation.URI == "" || pl.Region == nil || pl.Region.StartLine < 1 || pl.Region.StartColumn < 1 {
			t.Errorf("result %q: location %+v", res.RuleID, pl)
		}
	}
	if levels["warning"] != 2 || levels["error"] != 2 {
		t.Errorf("levels %v, want 2 warnings (sop.toml) and 2 errors (bad.toml)", levels)
	}
}

// TestJSONInput renders the JSON form of the template and checks that it
// draws the same pages as the TOML, and that its errors point into the JSON.
func TestJSONInput(t *testing.T) {
	js, err := os.ReadFile("../../testdata/json/legalisasi.json")
	if err != nil {
		t.Fatal(err)
	}
	inTempDir(t, map[string]string{"a.toml": string(template), "b.json": string(js),
		"bad.json": strings.Replace(string(js), `"actor": "Petugas Layanan"`, `"actor": "Petugass Layanan"`, 1)})
	for _, f := range []string{"a.toml", "b.json"} {
		if r := sopflow(t, "", "render", "-f", "svg", f); r.code != 0 || r.stderr != "" {
			t.Fatalf("render %s:\n%v", f, r)
		}
	}
	for _, page := range []string{"-1.svg", "-2.svg"} {
		a, _ := os.ReadFile("a" + page)
		b, _ := os.ReadFile("b" + page)
		if len(a) == 0 || string(a) != string(b) {
			t.Errorf("page %s: the JSON draws differently from the TOML (%d and %d bytes)", page, len(a), len(b))
		}
	}
	const want = "bad.json:56:16: step 2: unknown actor \"Petugass Layanan\" (did you mean \"Petugas Layanan\"?)\n"
	if r := sopflow(t, "", "check", "bad.json"); r.code != 1 || r.stderr != want {
		t.Errorf("check bad.json:\n%v\nwant:\n%s", r, want)
	}
	// On standard input, a JSON SOP is told by its "{".
	if r := sopflow(t, string(js), "lint", "-"); r.code != 0 || !strings.Contains(r.stdout, "<stdin>: main path: 5 steps") {
		t.Errorf("lint - < b.json:\n%v", r)
	}
}

// TestSpreadsheetInput writes the XLSX template, draws it as the TOML
// template draws, and reads a CSV and a broken workbook.
func TestSpreadsheetInput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds sopflow-sheet")
	}
	helper := sheetHelper(t)
	inTempDir(t, map[string]string{"a.toml": string(template)})
	t.Setenv("PATH", "/nonexistent")
	if r := sopflow(t, "", "init", "--xlsx", "b.xlsx"); r.code != 1 || !strings.Contains(r.stderr, "XLSX workbooks need the sopflow-sheet helper beside sopflow or in PATH") {
		t.Errorf("init --xlsx without the helper:\n%v", r)
	}
	t.Setenv("PATH", helper+string(os.PathListSeparator)+os.Getenv("PATH"))
	if r := sopflow(t, "", "init", "--xlsx", "b.xlsx"); r.code != 0 || r.stderr != "" {
		t.Fatalf("init --xlsx:\n%v", r)
	}
	if r := sopflow(t, "", "init", "--xlsx", "b.xlsx"); r.code != 1 || !strings.Contains(r.stderr, "b.xlsx exists") {
		t.Errorf("init --xlsx over a file:\n%v", r)
	}
	if r := sopflow(t, "", "lint", "b.xlsx"); r.code != 0 || r.stdout != "b.xlsx: main path: 5 steps, total WAKTU 1 jam 30 menit (5 of them give a WAKTU)\n" {
		t.Errorf("lint b.xlsx:\n%v", r)
	}
	for _, f := range []string{"a.toml", "b.xlsx"} {
		if r := sopflow(t, "", "render", "-f", "svg", f); r.code != 0 || r.stderr != "" {
			t.Fatalf("render %s:\n%v", f, r)
		}
	}
	for _, page := range []string{"-1.svg", "-2.svg"} {
		a, _ := os.ReadFile("a" + page)
		b, _ := os.ReadFile("b" + page)
		if len(a) == 0 || string(a) != string(b) {
			t.Errorf("page %s: the workbook draws differently from the TOML", page)
		}
	}
	// Standard input: a workbook is told by its zip signature.
	xlsx, _ := os.ReadFile("b.xlsx")
	if r := sopflow(t, string(xlsx), "check", "-"); r.code != 0 || r.stderr != "" {
		t.Errorf("check - < b.xlsx:\n%v", r)
	}
	// Without FILE, the workbook goes to standard output (not a terminal here).
	if r := sopflow(t, "", "init", "--xlsx"); r.code != 0 || r.stdout != string(xlsx) {
		t.Errorf("init --xlsx to stdout: exit %d, %d bytes, want the %d of b.xlsx", r.code, len(r.stdout), len(xlsx))
	}

	writeFile(t, "c.csv", "# Nama SOP: Surat\n# Pelaksana: Petugas; Kepala\nKEGIATAN,PELAKSANA,JIKA TIDAK\nMenerima surat,Petugas,\nApakah disetujui?,Kepalla,1\nMengarsipkan surat,Petugas,\n")
	const want = "c.csv:5:19: step 2: unknown actor \"Kepalla\" (did you mean \"Kepala\"?)\n"
	if r := sopflow(t, "", "check", "c.csv"); r.code != 1 || r.stderr != want {
		t.Errorf("check c.csv:\n%v\nwant:\n%s", r, want)
	}
	writeFile(t, "c.csv", strings.Replace(readFile(t, "c.csv"), "Kepalla", "Kepala", 1))
	if r := sopflow(t, "", "render", "-f", "pdf", "c.csv"); r.code != 0 || r.stderr != "" {
		t.Errorf("render c.csv:\n%v", r)
	}
	if r := sopflow(t, "", "check", "a.toml", "b.xlsx", "c.csv"); r.code != 0 {
		t.Errorf("check of three formats:\n%v", r)
	}
}

// sheetHelper builds cmd/sopflow-sheet into a new directory.
func sheetHelper(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", dir, "../sopflow-sheet").CombinedOutput(); err != nil {
		t.Fatalf("go build sopflow-sheet: %v\n%s", err, out)
	}
	return dir
}

// TestConvert converts an example with labels and joint steps through
// every format and back, and checks that the TOML is canonical: a second
// conversion gives the same bytes.
func TestConvert(t *testing.T) {
	if testing.Short() {
		t.Skip("builds sopflow-sheet")
	}
	helper := sheetHelper(t)
	src := example(t, "pengadaan-barang.toml") + "\n[labels]\nno = \"NOMOR\"\n"
	inTempDir(t, map[string]string{"a.toml": src})
	t.Setenv("PATH", helper+string(os.PathListSeparator)+os.Getenv("PATH"))
	for _, args := range [][]string{
		{"convert", "-q", "a.toml", "-o", "b.JSON"},
		{"convert", "--to", "JSON", "a.toml", "-o", "b.json"},
		{"convert", "b.json", "-o", "c.toml"},
		{"convert", "c.toml", "-o", "d.toml"},
		{"convert", "--to", "xlsx", "c.toml", "-o", "e.book"},
	} {
		r := sopflow(t, "", args...)
		if r.code != 0 {
			t.Fatalf("%q:\n%v", args, r)
		}
		if args[len(args)-1] == "e.book" && !strings.Contains(r.stderr, "c.toml: warning: the [labels] overrides have no place in a workbook") {
			t.Errorf("no warning about the labels:\n%v", r)
		}
	}
	if readFile(t, "c.toml") != readFile(t, "d.toml") {
		t.Errorf("converting the canonical TOML again changes it")
	}
	if !strings.HasPrefix(readFile(t, "c.toml"), "#:schema https://") || !strings.Contains(readFile(t, "c.toml"), "[labels]\nno = \"NOMOR\"") {
		t.Errorf("c.toml:\n%s", readFile(t, "c.toml"))
	}
	// The same table from every form (the workbook without the labels).
	if r := sopflow(t, "", "convert", "--to", "toml", "e.book", "-o", "-"); r.code != 1 {
		t.Errorf("an .book is not read as a workbook: %v", r)
	}
	writeFile(t, "e.xlsx", readFile(t, "e.book"))
	for _, f := range []string{"a.toml", "b.json", "c.toml"} {
		r := sopflow(t, "", "render", "-f", "json", "-o", "-", f)
		want := sopflow(t, "", "render", "-f", "json", "-o", "-", "a.toml")
		if r.code != 0 || r.stdout != want.stdout {
			t.Errorf("%s draws differently from a.toml", f)
		}
	}
	noLabels := strings.TrimSuffix(src, "\n[labels]\nno = \"NOMOR\"\n")
	writeFile(t, "f.toml", noLabels)
	r := sopflow(t, "", "render", "-f", "json", "-o", "-", "e.xlsx")
	want := sopflow(t, "", "render", "-f", "json", "-o", "-", "f.toml")
	if r.code != 0 || r.stdout != want.stdout {
		t.Errorf("the workbook draws differently from the TOML without labels:\n%s", r.stderr)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"convert", "a.toml"}, "no -o OUT"},
		{[]string{"convert", "a.toml", "-o", "x.yaml"}, `cannot tell the format of "x.yaml"`},
		{[]string{"convert", "a.toml", "b.json", "-o", "x.toml"}, "convert takes one FILE"},
		{[]string{"convert", "--to", "csv", "a.toml", "-o", "x.toml"}, `--to "csv": want toml, json or xlsx`},
		{[]string{"convert", "--to", "json", "a.toml", "-o", "x.toml"}, "--to json, but x.toml is named like a toml file"},
	} {
		if r := sopflow(t, "", c.args...); r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%q:\n%v", c.args, r)
		}
	}
	if r := sopflow(t, "", "convert", "c.toml", "-o", "c.toml"); r.code != 1 || !strings.Contains(r.stderr, "would replace the input") {
		t.Errorf("convert onto itself:\n%v", r)
	}
}

func TestFmt(t *testing.T) {
	const messy = "actors = [\"A\", \"B\"]\nname=\"Surat\"   # nama\n\n[[steps]]\nactivity = \"Menerima surat\"\nactor = \"A\"\n\n[[steps]]\nactor = \"B\"\nactivity = \"Mengarsipkan surat\"\n"
	const tidy = "name = \"Surat\"   # nama\nactors = [\"A\", \"B\"]\n\n[[steps]]\nactor = \"A\"\nactivity = \"Menerima surat\"\n\n[[steps]]\nactor = \"B\"\nactivity = \"Mengarsipkan surat\"\n"
	inTempDir(t, map[string]string{"a.toml": messy, "b.toml": tidy, "bad.toml": badSOP, "c.json": "{}"})
	if r := sopflow(t, "", "fmt", "a.toml"); r.code != 0 || r.stdout != tidy {
		t.Errorf("fmt a.toml:\n%v", r)
	}
	if r := sopflow(t, "", "fmt", "-l", "a.toml", "b.toml"); r.code != 0 || r.stdout != "a.toml\n" {
		t.Errorf("fmt -l:\n%v", r)
	}
	if r := sopflow(t, "", "fmt", "-d", "a.toml"); r.code != 0 || !strings.HasPrefix(r.stdout, "--- a.toml.orig\n+++ a.toml\n") || !strings.Contains(r.stdout, "-name=\"Surat\"   # nama\n") {
		t.Errorf("fmt -d:\n%v", r)
	}
	if r := sopflow(t, "", "fmt", "-w", "a.toml", "b.toml"); r.code != 0 || r.stdout != "" || readFile(t, "a.toml") != tidy || readFile(t, "b.toml") != tidy {
		t.Errorf("fmt -w:\n%v\na.toml:\n%s", r, readFile(t, "a.toml"))
	}
	if r := sopflow(t, "", "fmt", "-w", "bad.toml"); r.code != 1 || r.stderr != badSOPErrors || readFile(t, "bad.toml") != badSOP {
		t.Errorf("fmt -w bad.toml:\n%v", r)
	}
	if r := sopflow(t, "", "fmt", "c.json"); r.code != 1 || !strings.Contains(r.stderr, "fmt formats TOML") {
		t.Errorf("fmt c.json:\n%v", r)
	}
	if r := sopflow(t, messy, "fmt", "-"); r.code != 0 || r.stdout != tidy {
		t.Errorf("fmt -:\n%v", r)
	}
	// The template is formatted.
	if r := sopflow(t, string(template), "fmt", "-"); r.stdout != string(template) {
		t.Errorf("the init template is not in fmt's form")
	}
}
