package table

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"github.com/sopflow/sopflow/internal/testsop"
	"github.com/sopflow/sopflow/render"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sopflow/sopflow/flow"
)

// FuzzPipeline runs parse → layout → SVG on any input. Properties: no
// panic; every error of Parse is positioned; a valid procedure lays out
// with every layout invariant held (CheckDiagram) and writes well-formed
// SVG.
func FuzzPipeline(f *testing.F) {
	files, _ := filepath.Glob("../testdata/*/*.toml")
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src, false)
	}
	f.Add([]byte(testsop.Chain(12)), true)
	f.Add([]byte("name = \"x\"\nactors = [\"A\", \"B\"]\n[[steps]]\nactor = \"A\"\nactivity = \"a\"\n[[steps]]\nactor = [\"B\", \"A\"]\nactivity = \"b\"\n"), true)
	f.Fuzz(func(t *testing.T, src []byte, portrait bool) {
		// A run takes milliseconds; one that takes seconds has hung, and
		// the panic makes the fuzzer keep its input.
		dog := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("WATCHDOG %q", src)) })
		defer dog.Stop()
		p, err := flow.Parse("fuzz.toml", src)
		if err != nil {
			var list flow.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Parse error is %T, not an ErrorList: %v", err, err)
			}
			for _, e := range list {
				if e.Pos.Line <= 0 {
					t.Fatalf("unpositioned error: %v", e)
				}
			}
			return
		}
		if len(p.Steps) > 300 {
			return // keep each run short
		}
		for _, opt := range []LayoutOptions{{Portrait: portrait}, {Tall: true}} {
			d, err := Layout(p, opt)
			if err != nil {
				t.Fatalf("Layout: %v", err)
			}
			for _, msg := range CheckDiagram(p, d) {
				t.Error(msg)
			}
			var b bytes.Buffer
			if err := render.WriteSVG(&b, d, render.WriteOptions{}); err != nil {
				t.Fatalf("WriteSVG: %v", err)
			}
			if err := xml.Unmarshal(b.Bytes(), new(any)); err != nil {
				t.Fatalf("SVG is not well-formed: %v", err)
			}
		}
	})
}
