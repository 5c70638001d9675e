package bpmn_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/sopflow/sopflow/bpmn"
	"github.com/sopflow/sopflow/bpmn/graphviz"
	"github.com/sopflow/sopflow/render"
)

// go test ./bpmn -run Visual -args -out DIR writes the views of the
// examples as SVG, BPMN XML and DOT into DIR, for a look.
var outDir = flag.String("out", "", "write the examples' views into this directory")

func TestVisual(t *testing.T) {
	if *outDir == "" {
		t.Skip("no -out DIR")
	}
	procs := qualitySet(t)
	write := func(name string, fn func(f *os.File) error) {
		f, err := os.Create(filepath.Join(*outDir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := fn(f); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	for name, p := range procs {
		for suffix, opt := range map[string]bpmn.Options{"": {}, "-portrait": {Portrait: true}, "-wide": {Tall: true}} {
			d, err := bpmn.Layout(p, graphviz.Ranker{}, opt)
			if err != nil {
				t.Fatal(err)
			}
			write(name+suffix+".svg", func(f *os.File) error { return render.WriteSVG(f, d, render.WriteOptions{}) })
			for i := range d.Pages {
				write(fmt.Sprintf("%s%s-%d.png", name, suffix, i+1), func(f *os.File) error {
					return render.WritePNG(f, d, render.WriteOptions{Page: i + 1, DPI: 100})
				})
			}
			write(name+suffix+".pdf", func(f *os.File) error { return render.WritePDF(f, d) })
			if opt.Tall {
				write(name+".bpmn", func(f *os.File) error { return bpmn.WriteXML(f, p, d, bpmn.XMLOptions{}) })
			}
		}
		write(name+".dot", func(f *os.File) error { return bpmn.WriteDOT(f, p, bpmn.Options{}) })
	}
	p := procs["informasi-publik"]
	oneCol := fakeRanker{fn: func(i int, _ string) ([2]float64, bool) { return [2]float64{0, float64(i % 3)}, true }}
	d, err := bpmn.Layout(p, oneCol, bpmn.Options{})
	if err != nil {
		t.Fatal(err)
	}
	write("one-column.svg", func(f *os.File) error { return render.WriteSVG(f, d, render.WriteOptions{}) })
	long := mustLabels("id", map[string]string{"start": "Permohonan informasi publik diterima", "end": "Berkas selesai diarsipkan"})
	d, err = bpmn.Layout(p, graphviz.Ranker{}, bpmn.Options{Labels: long})
	if err != nil {
		t.Fatal(err)
	}
	write("long-names.svg", func(f *os.File) error { return render.WriteSVG(f, d, render.WriteOptions{}) })
}
