package flow

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fuzzSeeds are small documents, valid and not, to start the fuzzer from.
var fuzzSeeds = []string{
	`name = "Uji"
actors = ["Pemohon", "Petugas"]

[identity]
number = "SOP-1"
unit = "DINAS"
created = 2016-09-01
revised = "-"
approver = { title = "Kepala", name = "Budi", nip = "1" }

[labels]
effective = "TGL. PENGESAHAN"

[[steps]]
id = "isi"
actor = "Pemohon"
activity = "Mengajukan"
time = "10 menit"

[[steps]]
actor = ["Petugas", "Pemohon"]
activity = """
Memeriksa"""
no = "isi"
yes_label = 'Lengkap'

[[steps]]
actor = "Petugas"
activity = "Menyimpan"
`,
	`name = "Uji"
actors = ["Pemohon"]
steps = [{ actor = "Pemohon", activity = "A", next = 3 }, { actor = "Pemohon", activity = "B", kind = "end" }, { actor = "Pemohon", activity = "C", next = 1 }]
`,
	`name = "Uji"
actors = ["Pemohon"]
[[steps]]
actor = "Pemohn"
activty = 3
kind = "box"
next = "x"
`,
	"name = \"Uji\nactors = [",
	"",
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	for _, pattern := range []string{"../testdata/*.toml", "../testdata/*/*.toml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			src, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := Parse("fuzz.toml", src)
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %T %v is not a non-empty ErrorList", err, err)
			}
			for _, e := range list {
				if e.Pos.Line <= 0 || e.Pos.Col <= 0 || e.Pos.File != "fuzz.toml" {
					t.Errorf("error without a position: %v", e)
				}
			}
			return
		}
		checkInvariants(t, p)
		checkLint(t, p)
		out, err := Format("fuzz.toml", src)
		if err != nil {
			t.Fatalf("Format of a valid SOP: %v", err)
		}
		if again, err := Format("fuzz.toml", out); err != nil || !bytes.Equal(again, out) {
			t.Fatalf("Format is not idempotent: %v\n%s\n---\n%s", err, out, again)
		}
	})
}

// checkLint checks what Lint and MainPath promise on any valid Procedure:
// positioned findings of known rules, and a path along links without a
// repeated step.
func checkLint(t *testing.T, p *Procedure) {
	t.Helper()
	rules := map[string]bool{}
	for _, r := range LintRules() {
		rules[r.ID] = true
	}
	for _, f := range p.Lint() {
		if !rules[f.Rule] || f.Pos.Line <= 0 || f.Pos.File != "fuzz.toml" || f.Msg == "" {
			t.Errorf("bad finding %v", f)
		}
	}
	path := p.MainPath()
	if len(path) == 0 || path[0] != 0 {
		t.Fatalf("main path %v does not start at step 1", path)
	}
	on := map[int]bool{}
	for i, s := range path {
		if on[s] {
			t.Fatalf("main path %v repeats step %d", path, s+1)
		}
		on[s] = true
		if i == 0 {
			continue
		}
		linked := false
		for _, l := range p.Steps[path[i-1]].Out {
			linked = linked || l.To == s
		}
		if !linked {
			t.Fatalf("main path %v: no link from step %d to %d", path, path[i-1]+1, s+1)
		}
	}
}

// checkInvariants checks what a Procedure returned by Parse promises.
func checkInvariants(t *testing.T, p *Procedure) {
	t.Helper()
	if len(p.Actors) == 0 || len(p.Steps) == 0 {
		t.Fatalf("%d actors, %d steps", len(p.Actors), len(p.Steps))
	}
	names := make(map[string]bool)
	for _, a := range p.Actors {
		if strings.TrimSpace(a.Name) == "" || names[a.Name] || a.Pos.Line <= 0 {
			t.Errorf("bad or duplicate actor %q at %v", a.Name, a.Pos)
		}
		names[a.Name] = true
	}
	exits := map[Kind]int{Start: 1, Process: 1, Decision: 2, End: 0}
	ends := 0
	for i, s := range p.Steps {
		if s.Number != i+1 || s.Pos.Line <= 0 {
			t.Errorf("step %d: Number %d, Pos %v", i+1, s.Number, s.Pos)
		}
		if strings.TrimSpace(s.Activity) == "" {
			t.Errorf("step %d has no activity", s.Number)
		}
		if s.Kind == Start && i > 0 {
			t.Errorf("step %d is a start", s.Number)
		}
		if len(s.Actors) == 0 {
			t.Errorf("step %d has no actor", s.Number)
		}
		for _, a := range s.Actors {
			if a < 0 || a >= len(p.Actors) {
				t.Errorf("step %d: actor %d out of range", s.Number, a)
			}
		}
		if n, ok := exits[s.Kind]; !ok || len(s.Out) != n {
			t.Errorf("step %d: kind %q with %d exits", s.Number, s.Kind, len(s.Out))
		}
		for _, o := range s.Out {
			if o.To < 0 || o.To >= len(p.Steps) || o.To == i {
				t.Errorf("step %d: link to %d", s.Number, o.To)
			}
		}
		if s.Kind == Decision && s.Out[0].To == s.Out[1].To {
			t.Errorf("step %d: both exits lead to %d", s.Number, s.Out[0].To)
		}
		if s.Kind == End {
			ends++
		}
	}
	if ends == 0 {
		t.Errorf("no end step")
	}
}

// FuzzParseJSON checks ParseJSON as FuzzParse checks Parse: no panic, a
// positioned ErrorList or a Procedure that keeps the promises.
func FuzzParseJSON(f *testing.F) {
	f.Add([]byte(`{"name": "S", "actors": ["A", "B"], "steps": [{"actor": "A", "activity": "Memulai"}, {"actor": "B", "activity": "Apakah?", "no": 1}, {"actor": ["A", "B"], "activity": "Selesai", "time": "1 jam"}]}`))
	f.Add([]byte(`{"name": "S", "actors": ["A"], "identity": {"created": "2016-09-01", "approver": {"name": "X"}}, "labels": {"yes": "Y"}, "steps": [{"actor": "A", "activity": "a", "next": 1}]}`))
	f.Add([]byte(`{"name": 1e400, "steps": [[[]]], "actors": {}}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := ParseJSON("fuzz.json", src)
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %T %v is not a non-empty ErrorList", err, err)
			}
			for _, e := range list {
				if e.Pos.Line <= 0 || e.Pos.Col <= 0 || e.Pos.File != "fuzz.json" {
					t.Errorf("error without a position: %v", e)
				}
			}
			return
		}
		checkInvariants(t, p)
	})
}
