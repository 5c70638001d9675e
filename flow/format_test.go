package flow_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sopflow/sopflow/flow"
)

// TestFormatKeepsEverything formats every valid TOML SOP of the
// repository (Format itself checks that each reads to the same procedure)
// and checks that formatting twice changes nothing and that every comment
// line is still there.
func TestFormatKeepsEverything(t *testing.T) {
	files, _ := filepath.Glob("../testdata/*/*.toml")
	files = append(files, "../cmd/sopflow/template.toml")
	n := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := flow.Parse(f, src); err != nil {
			continue
		}
		n++
		out, err := flow.Format(f, src)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		again, err := flow.Format(f, out)
		if err != nil || string(again) != string(out) {
			t.Errorf("%s: formatting twice changes it: %v", f, err)
		}
		for _, l := range strings.Split(string(src), "\n") {
			if c := strings.TrimSpace(l); strings.HasPrefix(c, "#") && !strings.Contains(string(out), c) {
				t.Errorf("%s: comment %q lost", f, c)
			}
		}
	}
	if n < 9 {
		t.Errorf("only %d SOPs formatted", n)
	}
}

func TestFormat(t *testing.T) {
	const src = `# Contoh.

actors=["A","B"]   # kolom
name  =   "Surat"

[[steps]]
activity = "Memeriksa"
kind = "start"
  # siapa
actor = "A"

[identity]
unit = [
  "PEMERINTAH",   # baris 1
  "DINAS",
]
number = "1"

# Langkah berikutnya.

[[steps]]
no = 1
actor = "B"
activity = """Apakah
lengkap?"""
kind = "decision"
[[steps]]
activity = "Selesai"
actor = "A"
# akhir
`
	const want = `# Contoh.

name = "Surat"
actors = ["A","B"]   # kolom

[[steps]]
# siapa
actor = "A"
activity = "Memeriksa"
kind = "start"

[identity]
number = "1"
unit = [
  "PEMERINTAH",   # baris 1
  "DINAS",
]

# Langkah berikutnya.

[[steps]]
actor = "B"
activity = """Apakah
lengkap?"""
kind = "decision"
no = 1

[[steps]]
actor = "A"
activity = "Selesai"

# akhir
`
	got, err := flow.Format("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if _, err := flow.Format("bad.toml", []byte("name = 1\n")); err == nil || !strings.Contains(err.Error(), "bad.toml:1:8") {
		t.Errorf("an invalid SOP: %v", err)
	}
}

// BenchmarkFormat formats a 2,000-step SOP with a comment on every key.
func BenchmarkFormat(b *testing.B) {
	var s strings.Builder
	s.WriteString("# SOP\nname = \"Besar\"\nactors = [\"A\"]\n")
	for i := 0; i < 2000; i++ {
		s.WriteString("\n# langkah\n[[steps]]\n# apa\nactivity = \"Memeriksa berkas \\\"x\\\" # bukan komentar\"\n# siapa\nactor = \"A\"   # pelaksana\ntime = '''5\nmenit'''\n")
	}
	src := []byte(s.String())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := flow.Format("x.toml", src); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFormatStrings keeps the blanks at the ends of the lines of a
// multi-line string, and a CRLF file's line ends (a multi-line string's
// text holds them).
func TestFormatStrings(t *testing.T) {
	const src = "name = \"Uji\"\nactors = [\"A\"]\n\n[[steps]]\nactivity = \"\"\"Memeriksa berkas \ndengan teliti\"\"\"   \nactor = \"A\"\n"
	const want = "name = \"Uji\"\nactors = [\"A\"]\n\n[[steps]]\nactor = \"A\"\nactivity = \"\"\"Memeriksa berkas \ndengan teliti\"\"\"\n"
	got, err := flow.Format("ws.toml", []byte(src))
	if err != nil || string(got) != want {
		t.Errorf("got %q, %v\nwant %q", got, err, want)
	}
	crlf := strings.ReplaceAll(src, "\n", "\r\n")
	got, err = flow.Format("crlf.toml", []byte(crlf))
	if err != nil || string(got) != strings.ReplaceAll(want, "\n", "\r\n") {
		t.Errorf("CRLF: got %q, %v", got, err)
	}
}
