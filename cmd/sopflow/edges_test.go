package main

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/sopflow/sopflow/render"
	"github.com/sopflow/sopflow/table"
)

// The tests of issue 12: output paths, limits, messages.

func TestOutputSymlink(t *testing.T) {
	dir := inTempDir(t, map[string]string{"a.toml": goodSOP, "real/x.pdf": "old"})
	if err := os.Chmod("real/x.pdf", 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real/x.pdf", "link.pdf"); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink("real/new.pdf", "dangling.pdf"); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{"link.pdf", "dangling.pdf"} {
		if r := sopflow(t, "", "render", "-o", out, "a.toml"); r.code != 0 {
			t.Fatalf("-o %s: %v", out, r)
		}
		if fi, err := os.Lstat(out); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link", out)
		}
	}
	for _, name := range []string{"real/x.pdf", "real/new.pdf"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
			t.Errorf("%s: not a PDF (%v)", name, err)
		}
	}
	if fi, _ := os.Stat("real/x.pdf"); fi.Mode().Perm() != 0o600 {
		t.Errorf("real/x.pdf has mode %v, want 0600 kept", fi.Mode().Perm())
	}
	wantFiles(t, dir, "a.toml", "dangling.pdf", "link.pdf", "real/new.pdf", "real/x.pdf")
}

func TestOutputNameProblems(t *testing.T) {
	dir := inTempDir(t, map[string]string{"a.toml": goodSOP, "x.pdf/keep": "k"})
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"render", "-o", "x.jpg", "a.toml"}, "sopflow: -o x.jpg: unknown extension .jpg (want .svg, .png, .pdf, .json, .bpmn or .dot)\n"},
		{[]string{"render", "-o", "x", "a.toml"}, "sopflow: -o x has no extension; name the file after its format (.svg, .png, .pdf, .json, .bpmn or .dot), or end a directory's name with /\n"},
		{[]string{"render", "-f", "png", "-o", "x.svg", "a.toml"}, "sopflow: -f png does not match the extension of -o x.svg; use -o with a .png name, or leave -f out\n"},
		{[]string{"render", "-o", "x.pdf", "a.toml"}, "sopflow: -o x.pdf is a directory, not a .pdf file; write -o x.pdf/ to write into it\n"},
		{[]string{"render", "a.toml", "out.pdf"}, "sopflow: FILE out.pdf is not an SOP file; did you mean -o out.pdf?\n"},
		{[]string{"render", "--dpi", "1e-9", "a.toml"}, "sopflow: --dpi 1e-09 is out of range (want 10 to 2400)\n"},
		{[]string{"render", "--dpi", "1e6", "a.toml"}, "sopflow: --dpi 1e+06 is out of range (want 10 to 2400)\n"},
		{[]string{"render", "--paper", "b5", "a.toml"}, "sopflow: unknown --paper \"b5\" (want a4, a3, f4, letter, legal or WxHmm such as 210x330mm)\n"},
		{[]string{"render", "--paper", "10x10mm", "a.toml"}, "sopflow: --paper 10x10mm is out of range (want each side from 50 to 5000 mm)\n"},
		{[]string{"render", "--limit", "stepz=3", "a.toml"}, "sopflow: --limit \"stepz=3\": unknown limit \"stepz\" (want bytes, depth, key, steps, actors)\n"},
		{[]string{"render", "-v", "-q", "a.toml"}, "sopflow: -v and -q contradict each other\n"},
	}
	for _, tt := range tests {
		r := sopflow(t, "", tt.args...)
		if want := tt.want + "Run 'sopflow help render' for usage.\n"; r.code != 2 || r.stderr != want {
			t.Errorf("%q:\n%v\nwant stderr:\n%s", tt.args, r, want)
		}
	}
	r := sopflow(t, "", "rendr", "a.toml")
	if r.code != 2 || !strings.Contains(r.stderr, `unknown command "rendr" (did you mean render?)`) {
		t.Errorf("rendr: %v", r)
	}
	wantFiles(t, dir, "a.toml", "x.pdf/keep")
}

func TestFlagValuesAnyCase(t *testing.T) {
	dir := inTempDir(t, map[string]string{"a.toml": goodSOP})
	for _, args := range [][]string{
		{"render", "-f", "PDF", "--paper", "A4", "--orientation", "Portrait", "--lang", "EN", "--profile", "PERMENPAN35", "--view", "Table", "-o", "a.PDF", "a.toml"},
		{"render", "--paper", "A3", "-o", "b.pdf", "a.toml"},
		{"render", "--paper", "210x330MM", "-o", "c.pdf", "a.toml"},
	} {
		if r := sopflow(t, "", args...); r.code != 0 {
			t.Errorf("%q: %v", args, r)
		}
	}
	wantFiles(t, dir, "a.PDF", "a.toml", "b.pdf", "c.pdf")
	help := sopflow(t, "", "help", "render").stdout
	if !strings.Contains(help, "svg, json, png, pdf, bpmn or dot") {
		t.Errorf("help render does not list bpmn and dot:\n%s", help)
	}
}

// TestCollidingComputedNames: x.toml of two pages writes x-1.png, and so
// would x-1.toml; the second is refused instead of replacing the page.
func TestCollidingComputedNames(t *testing.T) {
	big := example(t, "perizinan-bangunan.toml")
	dir := inTempDir(t, map[string]string{"x.toml": big, "x-1.toml": goodSOP})
	opt := table.LayoutOptions{NoIdentity: true}
	n := pageCount(t, big, opt)
	if n < 2 || pageCount(t, goodSOP, opt) != 1 {
		t.Fatalf("the test wants x.toml of several pages and x-1.toml of one")
	}
	r := sopflow(t, "", "render", "--no-identity", "-f", "png", "-o", "out/", "x.toml", "x-1.toml")
	want := "sopflow: x-1.toml: the output out/x-1.png would replace the one just written for x.toml; rename one of the FILEs, or give each its own -o\n"
	if r.code != 1 || r.stderr != want {
		t.Errorf("%v\nwant stderr:\n%s", r, want)
	}
	wantFiles(t, filepath.Join(dir, "out"), pageNames("x", ".png", n)...)
}

func TestErrorsCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("name = \"x\"\nactors = [\"A\"]\n")
	for i := range 120 {
		fmt.Fprintf(&b, "[[steps]]\nactor = \"B%d\"\nactivity = \"a\"\n", i)
	}
	inTempDir(t, map[string]string{"many.toml": b.String()})
	r := sopflow(t, "", "check", "many.toml")
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if r.code != 1 || len(lines) != 51 || lines[50] != "many.toml: and 70 more errors" {
		t.Errorf("exit %d, %d lines, last %q", r.code, len(lines), lines[len(lines)-1])
	}
}

func TestLimitFlag(t *testing.T) {
	inTempDir(t, map[string]string{"a.toml": goodSOP})
	r := sopflow(t, "", "check", "--limit", "steps=2", "a.toml")
	want := "a.toml:15:1: more than 2 steps (raise the limit with --limit steps=N)\n"
	if r.code != 1 || r.stderr != want {
		t.Errorf("%v\nwant stderr:\n%s", r, want)
	}
	if r := sopflow(t, "", "check", "--limit", "steps=3", "--limit", "depth=-1", "a.toml"); r.code != 0 {
		t.Errorf("%v", r)
	}
}

func TestVerboseAndQuiet(t *testing.T) {
	inTempDir(t, map[string]string{"a.toml": goodSOP})
	r := sopflow(t, "", "render", "-v", "-f", "pdf", "a.toml")
	if r.code != 0 || r.stdout != "" || r.stderr != "sopflow: wrote a.pdf\n" {
		t.Errorf("-v: %v", r)
	}
	for _, args := range [][]string{{"render", "-f", "pdf", "a.toml"}, {"render", "-q", "-f", "pdf", "a.toml"}} {
		if r := sopflow(t, "", args...); r.code != 0 || r.stdout != "" || r.stderr != "" {
			t.Errorf("%q: %v", args, r)
		}
	}
}

func TestCrashExitCode(t *testing.T) {
	var stderr bytes.Buffer
	code := func() (code int) {
		e := &env{stderr: &stderr}
		defer e.recoverCrash(&code)
		var m map[string]int
		m["x"] = 1 // a bug
		return 0
	}()
	if code != exitCrash || code == exitUsage || strings.Contains(stderr.String(), "goroutine") ||
		!strings.HasPrefix(stderr.String(), "sopflow: internal error: assignment to entry in nil map\n") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr.String())
	}
}

// TestPNGPagesDrawnWhenWritten: the pages of a PNG run are encoded as
// their files are written, not all held in memory first.
func TestPNGPagesDrawnWhenWritten(t *testing.T) {
	d := layout(t, example(t, "perizinan-bangunan.toml"), table.LayoutOptions{})
	if len(d.Pages) < 3 {
		t.Fatalf("%d pages", len(d.Pages))
	}
	j := &renderJob{format: render.PNG}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	outs, err := j.encode(d, target{stem: "x", ext: ".png"})
	runtime.ReadMemStats(&after)
	if err != nil || len(outs) != len(d.Pages) {
		t.Fatal(err)
	}
	if kb := (after.TotalAlloc - before.TotalAlloc) >> 10; kb > 256 {
		t.Errorf("encode allocated %d KB before any file is written", kb)
	}
}

// TestCheckLogoAsRender: check refuses the logos that render refuses (a
// header declaring 50,000 x 50,000 pixels, /dev/zero), with the same message.
func TestCheckLogoAsRender(t *testing.T) {
	withLogo := func(logo string) string {
		return strings.Replace(goodSOP, "\n[[steps]]", "\n[identity]\nlogo = \""+logo+"\"\n\n[[steps]]", 1)
	}
	huge := "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\xc3\x50\x00\x00\xc3\x50\x08\x02\x00\x00\x00"
	crc := crc32.ChecksumIEEE([]byte(huge[12:]))
	huge += string([]byte{byte(crc >> 24), byte(crc >> 16), byte(crc >> 8), byte(crc)}) + strings.Repeat("\x00", 1000)
	dir := inTempDir(t, map[string]string{"a.toml": withLogo("huge.png"), "b.toml": withLogo("/dev/zero"), "huge.png": huge})
	for _, f := range []string{"a.toml", "b.toml"} {
		c := sopflow(t, "", "check", f)
		r := sopflow(t, "", "render", "-f", "pdf", f)
		if c.code != 1 || r.code != 1 || c.stderr != r.stderr || !strings.Contains(c.stderr, "cannot read logo") {
			t.Errorf("%s:\ncheck %v\nrender %v", f, c, r)
		}
	}
	wantFiles(t, dir, "a.toml", "b.toml", "huge.png")
}

// TestWarnings: an actor without a step, and text the font cannot show,
// are warned about with a position in check and render; -q silences them.
func TestWarnings(t *testing.T) {
	src := strings.Replace(goodSOP, `actors = ["Petugas", "Kepala Seksi"]`, `actors = ["Petugas", "Kepala Seksi", "Sekretaris"]`, 1)
	src = strings.Replace(src, `activity = "Mengarsipkan berkas"`, `activity = "Mengarsipkan berkas 中文 עברית 😀"`, 1)
	inTempDir(t, map[string]string{"w.toml": src})
	want := `w.toml:2:38: warning: actor "Sekretaris" carries out no step; its column stays empty (remove it, or give it a step)
w.toml:15:1: warning: step 3: activity: right-to-left text ('ע', U+05E2) is drawn left to right
w.toml:15:1: warning: step 3: activity: the font has no glyph for '中' (U+4E2D) and 2 more; PNG and PDF draw an empty box instead
`
	for _, args := range [][]string{{"check", "w.toml"}, {"render", "-f", "pdf", "w.toml"}} {
		if r := sopflow(t, "", args...); r.code != 0 || r.stderr != want {
			t.Errorf("%q: %v\nwant stderr:\n%s", args, r, want)
		}
	}
	if r := sopflow(t, "", "render", "-q", "-f", "pdf", "w.toml"); r.code != 0 || r.stderr != "" {
		t.Errorf("-q: %v", r)
	}
}

// TestPDFDateAndSubject: SOURCE_DATE_EPOCH sets the PDF's dates (the
// default stays fixed), and the Subject follows --lang.
func TestPDFDateAndSubject(t *testing.T) {
	inTempDir(t, map[string]string{"a.toml": goodSOP})
	utf16 := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			b.WriteByte(0)
			b.WriteRune(r)
		}
		return b.String()
	}
	check := func(args []string, want ...string) {
		t.Helper()
		if r := sopflow(t, "", args...); r.code != 0 {
			t.Fatalf("%q: %v", args, r)
		}
		b := readFile(t, "a.pdf")
		for _, w := range want {
			if !strings.Contains(b, w) {
				t.Errorf("%q: the PDF has no %q", args, w)
			}
		}
	}
	check([]string{"render", "-o", "a.pdf", "a.toml"}, "/CreationDate (D:20000101000000)", utf16("3 kegiatan, 2 pelaksana"))
	check([]string{"render", "--lang", "en", "-o", "a.pdf", "a.toml"}, utf16("3 steps, 2 actors"))
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	check([]string{"render", "-o", "a.pdf", "a.toml"}, "/CreationDate (D:20231114221320)", "/ModDate (D:20231114221320)")
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if r := sopflow(t, "", "render", "-o", "a.pdf", "a.toml"); r.code != 2 || !strings.Contains(r.stderr, "SOURCE_DATE_EPOCH") {
		t.Errorf("bad SOURCE_DATE_EPOCH: %v", r)
	}
}

func TestEmbedFont(t *testing.T) {
	inTempDir(t, map[string]string{"a.toml": goodSOP})
	if r := sopflow(t, "", "render", "--embed-font", "--tall", "-o", "a.svg", "a.toml"); r.code != 0 {
		t.Fatal(r)
	}
	if s := readFile(t, "a.svg"); !strings.Contains(s, "@font-face{font-family:\"sopflow-sans\"") {
		t.Error("no @font-face")
	}
	if r := sopflow(t, "", "render", "--embed-font", "-o", "a.pdf", "a.toml"); r.code != 2 {
		t.Errorf("--embed-font with PDF: %v", r)
	}
}

// TestControlCharactersRefused: a NUL written as \u0000 in the TOML never
// reaches a writer (Graphviz refused the DOT file that held one).
func TestControlCharactersRefused(t *testing.T) {
	src := strings.Replace(goodSOP, `activity = "Mengarsipkan berkas"`, `activity = "Mengarsipkan\u0000berkas"`, 1)
	dir := inTempDir(t, map[string]string{"a.toml": src})
	for _, f := range []string{"dot", "svg", "pdf", "json"} {
		r := sopflow(t, "", "render", "-f", f, "a.toml")
		if r.code != 1 || !strings.Contains(r.stderr, "a.toml:17:12: step 3: activity holds control character U+0000") {
			t.Errorf("-f %s: %v", f, r)
		}
	}
	wantFiles(t, dir, "a.toml")
}

// TestSizeLimitOnStdin: standard input is read only up to the size limit.
func TestSizeLimitOnStdin(t *testing.T) {
	inTempDir(t, nil)
	r := sopflow(t, goodSOP+strings.Repeat("# padding\n", 1000), "check", "--limit", "bytes=1000", "-")
	if r.code != 1 || r.stderr != "<stdin>:1:1: file too large: more than 1000 bytes (raise the limit with --limit bytes=N)\n" {
		t.Errorf("%v", r)
	}
}
