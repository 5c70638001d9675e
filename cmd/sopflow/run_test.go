package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
	"github.com/sopflow/sopflow/table"
)

// The tests run sopflow in-process, in a temporary directory that they
// make the current one, so that file names in messages are short and
// stable. They do not run in parallel.

// goodSOP is a small valid SOP with a decision and a loop back.
const goodSOP = `name = "Pengujian Berkas"
actors = ["Petugas", "Kepala Seksi"]

[[steps]]
actor = "Petugas"
activity = "Menerima berkas permohonan"
time = "5 menit"

[[steps]]
actor = "Kepala Seksi"
activity = "Memeriksa kelengkapan berkas"
no = 1
yes_label = "Lengkap"

[[steps]]
actor = "Petugas"
activity = "Mengarsipkan berkas"
output = "Berkas terarsip"
`

// badSOP has two problems on different lines.
const badSOP = `name = "Pengujian Berkas"
actors = ["Petugas"]

[[steps]]
actor = "Petugass"
activity = "Menerima berkas"
tme = "5 menit"
`

// badSOPErrors is what check prints for badSOP saved as bad.toml.
const badSOPErrors = `bad.toml:5:9: step 1: unknown actor "Petugass" (did you mean "Petugas"?)
bad.toml:7:1: unknown key "tme" in step 1 (did you mean "time"?)
`

// result is what one run of sopflow did.
type result struct {
	code           int
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// sopflow runs the command with args and stdin.
func sopflow(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(stdin), &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

// inTempDir makes a new temporary directory the current one and writes
// files into it (name -> content; a name may hold slashes).
func inTempDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	for name, content := range files {
		writeFile(t, name, content)
	}
	return dir
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// example returns the text of one of the repository's examples.
func example(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// listFiles returns the names of the files under dir, relative to it, sorted.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, path)
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	return names
}

func wantFiles(t *testing.T, dir string, want ...string) {
	t.Helper()
	slices.Sort(want)
	if got := listFiles(t, dir); !slices.Equal(got, want) {
		t.Errorf("files in %s:\n got %q\nwant %q", dir, got, want)
	}
}

// pageCount lays out src with opt through the library, as render does
// with the same flags, and returns the number of pages. The tests derive
// the expected file names from it, so that they hold whether or not the
// layout splits a document into pages.
func pageCount(t *testing.T, src string, opt table.LayoutOptions) int {
	t.Helper()
	p, err := flow.Parse("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	d, err := table.Layout(p, opt)
	if err != nil {
		t.Fatal(err)
	}
	return len(d.Pages)
}

// pageNames returns the names render gives to the files of a document of
// n pages: stem+ext for one page, stem-1+ext, ... for several.
func pageNames(stem, ext string, n int) []string {
	if n == 1 {
		return []string{stem + ext}
	}
	var names []string
	for i := 1; i <= n; i++ {
		names = append(names, fmt.Sprintf("%s-%d%s", stem, i, ext))
	}
	return names
}

func checkSVG(t *testing.T, name string) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := xml.Unmarshal(b, &v); err != nil {
		t.Errorf("%s is not well-formed XML: %v", name, err)
	}
	if !bytes.HasPrefix(b, []byte("<svg")) {
		t.Errorf("%s does not start with <svg: %.40q", name, b)
	}
}

func TestRenderNextToInput(t *testing.T) {
	src := example(t, "informasi-publik.toml")
	dir := inTempDir(t, map[string]string{"sop/informasi-publik.toml": src})

	r := sopflow(t, "", "render", "--single", "sop/informasi-publik.toml")
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Fatalf("render --single:\n%v", r)
	}
	wantFiles(t, dir, "sop/informasi-publik.svg", "sop/informasi-publik.toml")
	checkSVG(t, "sop/informasi-publik.svg")
	fi, err := os.Stat("sop/informasi-publik.svg")
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}

	// Without --single: one SVG per page.
	os.Remove("sop/informasi-publik.svg")
	r = sopflow(t, "", "render", "sop/informasi-publik.toml")
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Fatalf("render:\n%v", r)
	}
	n := pageCount(t, src, table.LayoutOptions{})
	want := append(pageNames("sop/informasi-publik", ".svg", n), "sop/informasi-publik.toml")
	wantFiles(t, dir, want...)
	for _, name := range want[:n] {
		checkSVG(t, name)
	}
}

func TestRenderSeveralIntoDirectory(t *testing.T) {
	dir := inTempDir(t, map[string]string{"a.toml": goodSOP, "in/b.toml": goodSOP})

	r := sopflow(t, "", "render", "--tall", "-o", "out", "a.toml", "in/b.toml")
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Fatalf("render -o out:\n%v", r)
	}
	r = sopflow(t, "", "render", "-f", "json", "--output=json/", "a.toml")
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Fatalf("render -o json/:\n%v", r)
	}
	wantFiles(t, dir, "a.toml", "in/b.toml", "json/a.json", "out/a.svg", "out/b.svg")
	checkSVG(t, "out/a.svg")
	checkSVG(t, "out/b.svg")

	// Flags may follow the FILEs, GNU style.
	r = sopflow(t, "", "render", "a.toml", "-o", "out", "--tall", "-f", "json")
	if r.code != 0 {
		t.Fatalf("flags after FILE:\n%v", r)
	}
	if _, err := os.Stat("out/a.json"); err != nil {
		t.Error(err)
	}
}

func TestRenderJSONToStdout(t *testing.T) {
	inTempDir(t, map[string]string{"a.toml": goodSOP})
	for _, args := range [][]string{
		{"render", "-f", "json", "-o", "-", "a.toml"},
		{"render", "-o", "-", "--format=json", "a.toml"},
	} {
		r := sopflow(t, "", args...)
		if r.code != 0 || r.stderr != "" {
			t.Fatalf("%q:\n%v", args, r)
		}
		var d render.Diagram
		if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
			t.Fatalf("%q: not JSON: %v\n%.200s", args, err, r.stdout)
		}
		if d.Unit != "pt" || d.Title != "Pengujian Berkas" || len(d.Pages) == 0 {
			t.Errorf("%q: unit %q, title %q, %d pages", args, d.Unit, d.Title, len(d.Pages))
		}
	}
	wantFiles(t, ".", "a.toml")
}

func TestRenderStdin(t *testing.T) {
	inTempDir(t, nil)

	// Standard input goes to standard output unless -o says otherwise.
	r := sopflow(t, goodSOP, "render", "--tall", "-")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("render -:\n%v", r)
	}
	var v any
	if err := xml.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Errorf("stdout is not SVG: %v", err)
	}
	r = sopflow(t, goodSOP, "render", "--tall", "-o", "x.svg", "-")
	if r.code != 0 || r.stderr != "" || r.stdout != "" {
		t.Fatalf("render -o x.svg -:\n%v", r)
	}
	r = sopflow(t, goodSOP, "render", "--tall", "-o", "out/", "-")
	if r.code != 0 {
		t.Fatalf("render -o out/ -:\n%v", r)
	}
	wantFiles(t, ".", "out/stdin.svg", "x.svg")

	// Errors name standard input.
	r = sopflow(t, badSOP, "check", "-")
	if want := strings.ReplaceAll(badSOPErrors, "bad.toml", "<stdin>"); r.code != 1 || r.stderr != want {
		t.Errorf("check - (bad):\n%v\nwant stderr:\n%s", r, want)
	}
	r = sopflow(t, goodSOP, "check", "-")
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Errorf("check - (good):\n%v", r)
	}
}

func TestBadInputWritesNothing(t *testing.T) {
	const sentinel = "<svg>a good file from an earlier run</svg>\n"
	dir := inTempDir(t, map[string]string{"bad.toml": badSOP, "keep.svg": sentinel})

	r := sopflow(t, "", "check", "bad.toml")
	if r.code != 1 || r.stdout != "" || r.stderr != badSOPErrors {
		t.Errorf("check bad.toml:\n%v\nwant stderr:\n%s", r, badSOPErrors)
	}
	for _, args := range [][]string{
		{"render", "bad.toml"},
		{"render", "-f", "png", "bad.toml"},
		{"render", "-o", "keep.svg", "bad.toml"},
		{"render", "-o", "-", "bad.toml"},
	} {
		r := sopflow(t, "", args...)
		if r.code != 1 || r.stdout != "" || r.stderr != badSOPErrors {
			t.Errorf("%q:\n%v\nwant stderr:\n%s", args, r, badSOPErrors)
		}
	}
	wantFiles(t, dir, "bad.toml", "keep.svg")
	if b, _ := os.ReadFile("keep.svg"); string(b) != sentinel {
		t.Errorf("keep.svg was changed:\n%s", b)
	}
}

// TestAllErrors checks that every problem is printed, not only the first
// ten that flow.ErrorList.Error prints.
func TestAllErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("name = \"Banyak Salah\"\nactors = [\"Petugas\"]\n")
	for i := range 12 {
		fmt.Fprintf(&b, "\n[[steps]]\nactor = \"Kepala %d\"\nactivity = \"Kegiatan %d\"\n", i, i)
	}
	inTempDir(t, map[string]string{"many.toml": b.String()})
	r := sopflow(t, "", "check", "many.toml")
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if r.code != 1 || len(lines) != 12 {
		t.Fatalf("check many.toml: want 12 lines:\n%v", r)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "many.toml:") || !strings.Contains(l, `unknown actor "Kepala`) {
			t.Errorf("line %q", l)
		}
	}
}

func TestWorstExitStatus(t *testing.T) {
	dir := inTempDir(t, map[string]string{"good.toml": goodSOP, "bad.toml": badSOP})
	r := sopflow(t, "", "render", "--tall", "bad.toml", "good.toml", "missing.toml")
	if r.code != 1 || r.stdout != "" {
		t.Fatalf("render bad good missing:\n%v", r)
	}
	want := badSOPErrors + "sopflow: open missing.toml: no such file or directory\n"
	if r.stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, want)
	}
	wantFiles(t, dir, "bad.toml", "good.svg", "good.toml")

	r = sopflow(t, "", "check", "good.toml", "bad.toml")
	if r.code != 1 || r.stderr != badSOPErrors {
		t.Errorf("check good bad:\n%v", r)
	}
	r = sopflow(t, "", "check", "good.toml", "good.toml")
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Errorf("check good good:\n%v", r)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string // in stderr
	}{
		{nil, "Usage:"},
		{[]string{"draw", "a.toml"}, `unknown command "draw"`},
		{[]string{"--frobnicate"}, "unknown flag --frobnicate"},
		{[]string{"render"}, "no FILE given"},
		{[]string{"check"}, "no FILE given"},
		{[]string{"render", "--frobnicate", "a.toml"}, "unknown flag: --frobnicate"},
		{[]string{"render", "-x", "a.toml"}, "unknown shorthand flag: 'x'"},
		{[]string{"check", "--tall", "a.toml"}, "unknown flag: --tall"},
		{[]string{"render", "-o"}, "flag needs an argument"},
		{[]string{"render", "-f", "gif", "a.toml"}, `unknown --format "gif"`},
		{[]string{"render", "--paper", "a5", "a.toml"}, `unknown --paper "a5"`},
		{[]string{"render", "--orientation", "tegak", "a.toml"}, `unknown --orientation "tegak"`},
		{[]string{"render", "--margin", "0", "a.toml"}, "--margin 0 is out of range"},
		{[]string{"render", "--margin", "lebar", "a.toml"}, `invalid argument "lebar"`},
		{[]string{"render", "--profile", "permenpan", "a.toml"}, `unknown --profile "permenpan"`},
		{[]string{"render", "--lang", "fr", "a.toml"}, `unknown --lang "fr"`},
		{[]string{"render", "--dpi", "-3", "a.toml"}, "--dpi -3 is out of range"},
		{[]string{"render", "--single", "-f", "pdf", "a.toml"}, "--single is for SVG, not pdf"},
		{[]string{"render", "-o", "-", "a.toml", "b.toml"}, "takes one FILE"},
		{[]string{"render", "-o", "a.toml", "a.toml", "b.toml"}, "is not a directory"},
		{[]string{"render", "-", "-"}, "given twice"},
		{[]string{"render", "-o", "out", "a.toml", "sub/a.toml"}, "would both write out/a.svg"},
		{[]string{"version", "extra"}, "takes no arguments"},
		{[]string{"help", "draw"}, `unknown command "draw"`},
	}
	for _, tt := range tests {
		dir := inTempDir(t, map[string]string{"a.toml": goodSOP, "b.toml": goodSOP, "sub/a.toml": goodSOP})
		r := sopflow(t, "", tt.args...)
		if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%q: want exit 2 and %q in stderr; got\n%v", tt.args, tt.want, r)
		}
		if len(tt.args) > 0 && !strings.Contains(r.stderr, "sopflow help") {
			t.Errorf("%q: no pointer to the help in stderr:\n%s", tt.args, r.stderr)
		}
		wantFiles(t, dir, "a.toml", "b.toml", "sub/a.toml")
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		r := sopflow(t, "", args...)
		if r.code != 0 || r.stderr != "" || r.stdout != "sopflow "+versionString()+"\n" {
			t.Errorf("%q:\n%v", args, r)
		}
	}
	old := version
	t.Cleanup(func() { version = old })
	version = "v1.2.3"
	if r := sopflow(t, "", "version"); r.stdout != "sopflow v1.2.3\n" {
		t.Errorf("with -X main.version=v1.2.3:\n%v", r)
	}
}

func TestHelp(t *testing.T) {
	tests := []struct {
		args []string
		want []string // in stdout
	}{
		{[]string{"--help"}, []string{"Usage:", "render", "check", "version", "Examples:", "Exit status"}},
		{[]string{"-h"}, []string{"Usage:"}},
		{[]string{"help"}, []string{"Usage:", "sopflow help <command>"}},
		{[]string{"help", "render"}, []string{"Usage: sopflow render [flags] FILE...", "--output PATH", "Examples:"}},
		{[]string{"render", "--help"}, []string{"Usage: sopflow render", "--dpi N", "--single", "sop-1.png"}},
		{[]string{"render", "-h", "a.toml"}, []string{"Usage: sopflow render"}},
		{[]string{"check", "-h"}, []string{"Usage: sopflow check [flags] FILE...", "Examples:"}},
		{[]string{"help", "check"}, []string{"Usage: sopflow check"}},
		{[]string{"version", "--help"}, []string{"Usage: sopflow version"}},
		{[]string{"help", "help"}, []string{"Usage: sopflow help [command]"}},
		{[]string{"help", "--help"}, []string{"Usage: sopflow help [command]"}},
	}
	for _, tt := range tests {
		r := sopflow(t, "", tt.args...)
		if r.code != 0 || r.stderr != "" {
			t.Errorf("%q:\n%v", tt.args, r)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("%q: %q not in\n%s", tt.args, w, r.stdout)
			}
		}
	}
}

// TestRenderPages checks the names of the files of a document of several
// pages, if the layout makes several pages of the long example.
func TestRenderPages(t *testing.T) {
	src := example(t, "perizinan-bangunan.toml")
	n := pageCount(t, src, table.LayoutOptions{})
	t.Logf("perizinan-bangunan.toml: %d pages", n)

	dir := inTempDir(t, map[string]string{"sop.toml": src})
	r := sopflow(t, "", "render", "-f", "png", "--dpi", "30", "sop.toml")
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Fatalf("render -f png:\n%v", r)
	}
	r = sopflow(t, "", "render", "--dpi=30", "-o", "x.png", "sop.toml")
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Fatalf("render -o x.png:\n%v", r)
	}
	pngs := append(pageNames("sop", ".png", n), pageNames("x", ".png", n)...)
	wantFiles(t, dir, append(slices.Clone(pngs), "sop.toml")...)
	d := layout(t, src, table.LayoutOptions{})
	for i, name := range pngs {
		pg := d.Pages[i%n]
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		w, h := int(math.Round(pg.Width*30/72)), int(math.Round(pg.Height*30/72))
		if abs(cfg.Width-w) > 1 || abs(cfg.Height-h) > 1 {
			t.Errorf("%s: %dx%d pixels, want page %d at 30 dpi, %dx%d", name, cfg.Width, cfg.Height, pg.Number, w, h)
		}
	}
	for _, name := range pngs {
		os.Remove(name)
	}

	// SVG: one file per page, or one with --single; PDF and JSON: one file.
	for _, args := range [][]string{
		{"render", "sop.toml"},
		{"render", "--single", "-o", "all.svg", "sop.toml"},
		{"render", "-o", "sop.pdf", "sop.toml"},
		{"render", "-f", "json", "sop.toml"},
	} {
		if r := sopflow(t, "", args...); r.code != 0 || r.stderr != "" {
			t.Fatalf("%q:\n%v", args, r)
		}
	}
	wantFiles(t, dir, append(pageNames("sop", ".svg", n), "all.svg", "sop.json", "sop.pdf", "sop.toml")...)
	if b, _ := os.ReadFile("sop.pdf"); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("sop.pdf is not a PDF: %.20q", b)
	}

	// To standard output, SVG stacks the pages; PNG needs one page.
	r = sopflow(t, "", "render", "-o", "-", "sop.toml")
	if r.code != 0 || strings.Count(r.stdout, "<svg") != 1 {
		t.Errorf("render -o - (svg): exit %d, %d <svg> elements\n%s", r.code, strings.Count(r.stdout, "<svg"), r.stderr)
	}
	r = sopflow(t, "", "render", "-f", "png", "--dpi", "30", "-o", "-", "sop.toml")
	if n == 1 {
		if r.code != 0 || !strings.HasPrefix(r.stdout, "\x89PNG") {
			t.Errorf("render -f png -o - (one page): %v", r.code)
		}
	} else if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, fmt.Sprintf("has %d pages", n)) {
		t.Errorf("render -f png -o - (%d pages):\n%v", n, r)
	}
}

func layout(t *testing.T, src string, opt table.LayoutOptions) *render.Diagram {
	t.Helper()
	p, err := flow.Parse("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	d, err := table.Layout(p, opt)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func abs(v int) int { return max(v, -v) }

// pngLogo returns a small PNG image.
func pngLogo(t *testing.T) string {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	img.Set(2, 2, color.Gray{Y: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestLogo(t *testing.T) {
	withLogo := strings.Replace(goodSOP, "\n[[steps]]", "\n[identity]\nnumber = \"SOP-1\"\nlogo = \"logo.png\"\n\n[[steps]]", 1)
	const pos = "6:1" // of the logo key in withLogo

	// Missing, a directory, not an image: a positioned error and no output.
	tests := []struct {
		files map[string]string
		args  []string
		want  string
	}{
		{
			map[string]string{"sop/a.toml": withLogo, "logo.png": pngLogo(t)}, // beside the wrong file
			[]string{"render", "sop/a.toml"},
			"sop/a.toml:" + pos + `: identity: cannot read logo "logo.png" (sop/logo.png): no such file or directory`,
		},
		{
			map[string]string{"a.toml": withLogo, "logo.png/x": ""},
			[]string{"render", "a.toml"},
			"a.toml:" + pos + `: identity: cannot read logo "logo.png": is a directory`,
		},
		{
			map[string]string{"a.toml": withLogo, "logo.png": "GIF89a not a logo"},
			[]string{"render", "-f", "pdf", "a.toml"},
			"a.toml:" + pos + `: identity: cannot read logo "logo.png": not a PNG or JPEG image (gif)`,
		},
		{
			map[string]string{"a.toml": withLogo},
			[]string{"check", "a.toml"},
			"a.toml:" + pos + `: identity: cannot read logo "logo.png": no such file or directory`,
		},
	}
	for _, tt := range tests {
		dir := inTempDir(t, tt.files)
		before := listFiles(t, dir)
		r := sopflow(t, "", tt.args...)
		if r.code != 1 || r.stdout != "" || r.stderr != tt.want+"\n" {
			t.Errorf("%q:\n%v\nwant stderr:\n%s", tt.args, r, tt.want)
		}
		wantFiles(t, dir, before...)
	}

	// A good logo, beside the file; and beside the current directory for
	// standard input.
	dir := inTempDir(t, map[string]string{"sop/a.toml": withLogo, "sop/logo.png": pngLogo(t)})
	for _, args := range [][]string{{"check", "sop/a.toml"}, {"render", "-f", "pdf", "sop/a.toml"}} {
		if r := sopflow(t, "", args...); r.code != 0 || r.stderr != "" || r.stdout != "" {
			t.Errorf("%q:\n%v", args, r)
		}
	}
	wantFiles(t, dir, "sop/a.pdf", "sop/a.toml", "sop/logo.png")
	r := sopflow(t, withLogo, "check", "-")
	if want := "<stdin>:" + pos + `: identity: cannot read logo "logo.png": no such file or directory` + "\n"; r.code != 1 || r.stderr != want {
		t.Errorf("check - in the wrong directory:\n%v", r)
	}
	t.Chdir("sop")
	if r := sopflow(t, withLogo, "check", "-"); r.code != 0 || r.stderr != "" {
		t.Errorf("check - beside the logo:\n%v", r)
	}
}

func TestLabels(t *testing.T) {
	withLabels := goodSOP + "\n[labels]\nno = \"NOMOR\"\nnama_pos = \"NAMA POS\"\n"
	dir := inTempDir(t, map[string]string{"a.toml": withLabels})
	r := sopflow(t, "", "render", "a.toml")
	if r.code != 1 || !strings.HasPrefix(r.stderr, `a.toml:22:1: unknown label "nama_pos"`) {
		t.Errorf("render with an unknown label:\n%v", r)
	}
	wantFiles(t, dir, "a.toml")

	inTempDir(t, map[string]string{"a.toml": strings.Replace(withLabels, "nama_pos", "name", 1)})
	r = sopflow(t, "", "render", "--tall", "--lang", "en", "--profile", "permendagri52", "-f", "json", "-o", "-", "a.toml")
	if r.code != 0 || !strings.Contains(r.stdout, `"NOMOR"`) || !strings.Contains(r.stdout, `"ACTIVITY"`) {
		t.Errorf("render with labels: exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

func TestOutputProblems(t *testing.T) {
	js, err := os.ReadFile("../../testdata/json/legalisasi.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := inTempDir(t, map[string]string{"a.toml": goodSOP, "a.svg/keep": "x", "b.json": string(js)})

	// The output is a directory; the output's directory does not exist;
	// the output is the input.
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"render", "--tall", "a.toml"}, "sopflow: cannot write a.svg: it is a directory\n"},
		{[]string{"render", "--tall", "-o", "no/such/x.svg", "a.toml"}, "sopflow: cannot write no/such/x.svg: no such file or directory\n"},
		{[]string{"render", "-f", "json", "-o", "b.json", "b.json"}, "sopflow: b.json: the output b.json would replace the input\n"},
	}
	for _, tt := range tests {
		r := sopflow(t, "", tt.args...)
		if r.code != 1 || r.stderr != tt.want {
			t.Errorf("%q:\n%v\nwant stderr:\n%s", tt.args, r, tt.want)
		}
	}
	wantFiles(t, dir, "a.svg/keep", "a.toml", "b.json")
	if b, _ := os.ReadFile("b.json"); string(b) != string(js) {
		t.Error("b.json was changed")
	}
}

// TestWriteFilesAllOrNothing checks that when one file of a document cannot
// be written, the others are not written either and no temporary file is
// left.
func TestWriteFilesAllOrNothing(t *testing.T) {
	dir := inTempDir(t, map[string]string{"x-1.png": "old page 1"})
	err := writeFiles([]output{
		target{stem: "x-1", ext: ".png"}.one([]byte("new page 1")),
		target{stem: "missing/x-2", ext: ".png"}.one([]byte("new page 2")),
	})
	if err == nil || err.Error() != "cannot write missing/x-2.png: no such file or directory" {
		t.Errorf("writeFiles: %v", err)
	}
	wantFiles(t, dir, "x-1.png")
	if b, _ := os.ReadFile("x-1.png"); string(b) != "old page 1" {
		t.Errorf("x-1.png = %q", b)
	}
}

// TestDocs checks that the command's documentation and the README name
// every flag of render.
func TestDocs(t *testing.T) {
	docs := map[string]string{}
	for _, name := range []string{"doc.go", "../../README.md"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		docs[name] = string(b)
	}
	help := sopflow(t, "", "render", "--help").stdout
	renderFlags(new(renderFlagValues)).VisitAll(func(f *pflag.Flag) {
		for name, text := range docs {
			if !strings.Contains(text, "--"+f.Name) {
				t.Errorf("%s does not document --%s", name, f.Name)
			}
		}
		if !strings.Contains(help, "--"+f.Name) {
			t.Errorf("render --help does not list --%s", f.Name)
		}
	})
}
