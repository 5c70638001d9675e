package table

import (
	"fmt"
	"github.com/sopflow/sopflow/internal/testsop"
	"github.com/sopflow/sopflow/render"
	"io"
	"testing"

	"github.com/sopflow/sopflow/flow"
)

func TestSynthValid(t *testing.T) {
	for _, n := range []int{10, 50, 200} {
		p, err := flow.Parse("synth.toml", []byte(testsop.Chain(n)))
		if err != nil {
			t.Fatalf("%d steps: %v", n, err)
		}
		d, err := Layout(p, LayoutOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, msg := range CheckDiagram(p, d) {
			t.Errorf("%d steps: %s", n, msg)
		}
	}
}

// BenchmarkPipeline measures parse + layout + SVG of the default pages, and
// with QuickRouting.
func BenchmarkPipeline(b *testing.B) {
	for _, n := range []int{10, 50, 200, 1000} {
		src := []byte(testsop.Chain(n))
		b.Run(fmt.Sprintf("steps=%d", n), func(b *testing.B) { benchPipeline(b, src, LayoutOptions{}) })
		b.Run(fmt.Sprintf("quick/steps=%d", n), func(b *testing.B) { benchPipeline(b, src, LayoutOptions{QuickRouting: true}) })
	}
}

func benchPipeline(b *testing.B, src []byte, opt LayoutOptions) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		p, err := flow.Parse("synth.toml", src)
		if err != nil {
			b.Fatal(err)
		}
		d, err := Layout(p, opt)
		if err != nil {
			b.Fatal(err)
		}
		if err := render.WriteSVG(io.Discard, d, render.WriteOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPDF50 measures a 50-step SOP to PDF, layout included.
func BenchmarkPDF50(b *testing.B) {
	p, err := flow.Parse("synth.toml", []byte(testsop.Chain(50)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		d, err := Layout(p, LayoutOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if err := render.WritePDF(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}
