package table

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"github.com/sopflow/sopflow/render"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var (
	update = flag.Bool("update", false, "update golden files")
	report = flag.Bool("report", false, "write testdata/out/report.html: expected | got | difference of each changed SVG")
)

// changed collects the SVG goldens that differ, for the -report page.
var changed [][2]string

// goldenOptions is the layout of the golden files: the default pages.
var goldenOptions = LayoutOptions{}

// TestGolden lays out every example and compares its layout JSON and its
// SVG (all pages stacked) with the committed goldens beside it. On a
// mismatch it writes <case>.got.* next to the golden; -update rewrites the
// goldens.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("../testdata/examples/*.toml")
	more, _ := filepath.Glob("../testdata/render/*.toml")
	files = append(files, more...)
	procs := loadExamples(t)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".toml")
		base := strings.TrimSuffix(f, ".toml")
		t.Run(name, func(t *testing.T) {
			d, err := Layout(procs[name], goldenOptions)
			if err != nil {
				t.Fatal(err)
			}
			var js, svg bytes.Buffer
			if err := render.WriteJSON(&js, d); err != nil {
				t.Fatal(err)
			}
			if err := render.WriteSVG(&svg, d, render.WriteOptions{}); err != nil {
				t.Fatal(err)
			}
			if err := xml.Unmarshal(svg.Bytes(), new(any)); err != nil {
				t.Errorf("SVG is not well-formed XML: %v", err)
			}
			golden(t, base+".layout.json", js.Bytes())
			golden(t, base+".svg", svg.Bytes())
		})
	}
	if *report {
		writeReport(t)
	}
}

// writeReport writes a page that shows each changed SVG as expected, got,
// and the two laid over each other in difference blending, so that what
// moved shows white on black.
func writeReport(t *testing.T) {
	var b strings.Builder
	b.WriteString("<!doctype html><meta charset=utf-8><title>sopflow golden report</title>\n")
	b.WriteString("<style>body{font-family:sans-serif}td{vertical-align:top}img{width:600px;background:#fff}" +
		".diff{width:600px;height:auto;background-blend-mode:difference;background-size:100%}</style>\n")
	if len(changed) == 0 {
		b.WriteString("<p>No SVG golden differs.</p>\n")
	}
	for _, c := range changed {
		exp, _ := filepath.Abs(c[0])
		got, _ := filepath.Abs(c[1])
		fmt.Fprintf(&b, "<h2>%s</h2><table><tr><th>expected<th>got<th>difference</tr><tr>", filepath.Base(c[0]))
		fmt.Fprintf(&b, "<td><img src=\"file://%s\"><td><img src=\"file://%s\">", exp, got)
		fmt.Fprintf(&b, "<td><div class=diff style=\"background-image:url('file://%s'),url('file://%s');aspect-ratio:1/2\"></div></tr></table>\n", exp, got)
	}
	if err := os.MkdirAll("../testdata/out", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("../testdata/out/report.html", []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote testdata/out/report.html (%d changed)", len(changed))
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	got2 := strings.Replace(path, ".", ".got.", 1)
	if i := strings.LastIndex(path, "."); i > 0 {
		got2 = path[:i] + ".got" + path[i:]
	}
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		os.Remove(got2)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./table -run Golden -update)", err)
	}
	if bytes.Equal(want, got) {
		os.Remove(got2)
		return
	}
	os.WriteFile(got2, got, 0o644)
	if strings.HasSuffix(path, ".svg") {
		changed = append(changed, [2]string{path, got2})
	}
	t.Errorf("%s differs from the golden (got written to %s):\n%s", path, got2, lineDiff(string(want), string(got), 20))
}

// lineDiff returns the first n differing lines of a and b, with line numbers.
func lineDiff(a, b string, n int) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			out = append(out, fmt.Sprintf("%d:\n- %s\n+ %s", i+1, x, y))
			if len(out) == n {
				out = append(out, "...")
				break
			}
		}
	}
	return strings.Join(out, "\n")
}

// TestDeterminism renders every example twice, in every format, and
// requires the same bytes.
func TestDeterminism(t *testing.T) {
	procs := loadExamples(t)
	names := make([]string, 0, len(procs))
	for n := range procs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, f := range []render.Format{render.SVG, render.JSON} {
			var out [2][]byte
			for i := range out {
				d, err := Layout(procs[name], LayoutOptions{})
				if err != nil {
					t.Fatal(err)
				}
				var b bytes.Buffer
				if err := render.Write(&b, d, f, render.WriteOptions{}); err != nil {
					t.Fatal(err)
				}
				out[i] = b.Bytes()
			}
			if !bytes.Equal(out[0], out[1]) {
				t.Errorf("%s: two %s renders differ", name, f)
			}
		}
	}
}
