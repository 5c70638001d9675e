// Package testsop gives the tests of every package the same SOPs: the
// examples and fixtures under testdata, and synthetic SOPs of any size.
package testsop

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/sopflow/sopflow/flow"
)

// Root returns the repository's root directory.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Dir parses every .toml file of testdata/dir, by its name without the
// extension after prefix. A file that does not parse fails the test.
func Dir(t testing.TB, dir, prefix string) map[string]*flow.Procedure {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(Root(), "testdata", dir, "*.toml"))
	out := map[string]*flow.Procedure{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := flow.Parse(filepath.Base(f), src)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[prefix+strings.TrimSuffix(filepath.Base(f), ".toml")] = p
	}
	if len(out) == 0 {
		t.Fatalf("no SOPs in testdata/%s", dir)
	}
	return out
}

// Built returns a valid three-step procedure built in Go, not parsed:
// Mulai in actor A, a decision in B whose "Tidak" exit loops back, an end
// in A. Each call returns a new one, for a test to break.
func Built() *flow.Procedure {
	return &flow.Procedure{
		Name:   "x",
		Actors: []flow.Actor{{Name: "A"}, {Name: "B"}},
		Steps: []*flow.Step{
			{Number: 1, Actors: []int{0}, Activity: "a", Kind: flow.Start, Out: []flow.Link{{To: 1}}},
			{Number: 2, Actors: []int{1}, Activity: "b", Kind: flow.Decision, Out: []flow.Link{{To: 2, Label: "Ya"}, {To: 0, Label: "Tidak"}}},
			{Number: 3, Actors: []int{0}, Activity: "c", Kind: flow.End},
		},
	}
}

// Parse parses src, failing the test if it does not parse.
func Parse(t testing.TB, name, src string) *flow.Procedure {
	t.Helper()
	p, err := flow.Parse(name, []byte(src))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

// Chain writes a synthetic SOP of n steps over six actors: mostly a
// chain that moves between actors, with a decision every fifth step whose
// "no" exit loops back two steps, and a forward jump every thirteenth.
func Chain(n int) string {
	var b strings.Builder
	actors := []string{"Pemohon", "Petugas Loket", "Kepala Seksi", "Kepala Bidang", "Sekretaris", "Kepala Dinas"}
	fmt.Fprintf(&b, "name = \"Prosedur Sintetis %d Langkah\"\nactors = [", n)
	for i, a := range actors {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", a)
	}
	b.WriteString("]\n[identity]\nnumber = \"SOP-SYN\"\nunit = [\"PEMERINTAH KABUPATEN CONTOH\"]\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "\n[[steps]]\nactor = %q\n", actors[(i*7/3)%len(actors)])
		fmt.Fprintf(&b, "activity = \"Langkah %d: memeriksa dan memproses berkas permohonan sesuai ketentuan yang berlaku.\"\n", i)
		fmt.Fprintf(&b, "requirements = \"Berkas %d\"\ntime = \"%d menit\"\noutput = \"Hasil %d\"\n", i, 5+i%20, i)
		switch {
		case i == 1 || i == n:
		case i%5 == 0 && i > 3:
			fmt.Fprintf(&b, "no = %d\n", i-2)
		case i%13 == 0 && i+3 < n:
			fmt.Fprintf(&b, "no = %d\nno_label = \"Lewati\"\n", i+3)
		}
	}
	return b.String()
}

// Branchy writes a synthetic SOP of n steps over k actors "Pelaksana A",
// ...: a chain in which every sixth step is a decision looping back three
// steps, every tenth a decision jumping four steps ahead, every ninth a
// joint activity.
func Branchy(n, k int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "name = \"Prosedur Sintetis %d Langkah\"\nactors = [", n)
	for a := 0; a < k; a++ {
		if a > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "\"Pelaksana %c\"", 'A'+a)
	}
	b.WriteString("]\n")
	words := strings.Fields("memeriksa berkas permohonan dan menyampaikan hasil pemeriksaan kepada pejabat yang berwenang sesuai ketentuan yang berlaku")
	for i := 1; i <= n; i++ {
		a := (i*3 + i/4) % k
		fmt.Fprintf(&b, "\n[[steps]]\nid = \"s%d\"\n", i)
		if i%9 == 0 {
			fmt.Fprintf(&b, "actor = [\"Pelaksana %c\", \"Pelaksana %c\"]\n", 'A'+a, 'A'+(a+2)%k)
		} else {
			fmt.Fprintf(&b, "actor = \"Pelaksana %c\"\n", 'A'+a)
		}
		fmt.Fprintf(&b, "activity = \"Langkah %d: %s.\"\n", i, strings.Join(words[:3+(i*5)%(len(words)-3)], " "))
		fmt.Fprintf(&b, "time = \"%d menit\"\n", 5+i%20)
		switch {
		case i == n:
			b.WriteString("kind = \"end\"\n")
		case i%6 == 0 && i > 3:
			fmt.Fprintf(&b, "no = \"s%d\"\n", i-3)
		case i%10 == 5 && i+4 < n:
			fmt.Fprintf(&b, "yes = \"s%d\"\nno = \"s%d\"\nyes_label = \"Lengkap\"\nno_label = \"Tidak lengkap\"\n", i+4, i+1)
		}
	}
	return b.String()
}

// Valid parses every .toml file under testdata (one level down) that is a
// valid SOP, by its path relative to the root; the invalid inputs of the
// error tests are left out.
func Valid(t testing.TB) map[string]*flow.Procedure {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(Root(), "testdata", "*", "*.toml"))
	out := map[string]*flow.Procedure{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(Root(), f)
		if p, err := flow.Parse(rel, src); err == nil {
			out[rel] = p
		}
	}
	if len(out) < 8 {
		t.Fatalf("only %d valid SOPs under testdata", len(out))
	}
	return out
}

// WithoutPositions returns a copy of p without its file name, positions
// and label overrides, to compare what two readers (TOML and JSON, or a
// workbook) made of one SOP.
func WithoutPositions(p *flow.Procedure) *flow.Procedure {
	q := *p
	q.File, q.Labels = "", nil
	q.Actors = append([]flow.Actor(nil), p.Actors...)
	for i := range q.Actors {
		q.Actors[i].Pos = flow.Pos{}
	}
	q.Identity.LogoPos = flow.Pos{}
	q.Steps = nil
	for _, s := range p.Steps {
		c := *s
		c.Pos = flow.Pos{}
		q.Steps = append(q.Steps, &c)
	}
	return &q
}
