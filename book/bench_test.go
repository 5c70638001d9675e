package book

import (
	"fmt"
	"io"
	"testing"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/internal/corpus"
)

// benchSOPs returns the first n SOPs of the generated corpus of seed 1
// (go run ./internal/corpus/cmd/gencorpus writes it): realistic texts,
// 12 to 29 steps, about 20 on average, 3 to 8 actors.
func benchSOPs(b testing.TB, n int) []SOP {
	var sops []SOP
	for _, f := range corpus.Generate(n, 1) {
		p, err := flow.Parse(f.Name, f.Data)
		if err != nil {
			b.Fatal(err)
		}
		sops = append(sops, SOP{File: f.Name, Proc: p})
	}
	Sort(sops)
	return sops
}

// BenchmarkWrite lays out and writes books of 30 and 300 SOPs (the
// issue's goal: 300 SOPs of about 20 steps in under 2 s on 2 cores).
func BenchmarkWrite(b *testing.B) {
	for _, n := range []int{30, 300} {
		sops := benchSOPs(b, n)
		b.Run(fmt.Sprint("sops=", n), func(b *testing.B) {
			b.ReportAllocs()
			pages := 0
			for b.Loop() {
				res, err := Write(io.Discard, nil, sops, Options{})
				if err != nil {
					b.Fatal(err)
				}
				pages = res.Pages
			}
			b.ReportMetric(float64(pages), "pages")
		})
	}
}
