package book

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/sopflow/sopflow/internal/testsop"
)

// benchSOPs returns n synthetic SOPs of 16 to 24 steps.
func benchSOPs(b *testing.B, n int) []SOP {
	var sops []SOP
	for i := 1; i <= n; i++ {
		src := strings.Replace(testsop.Chain(16+i%9), `number = "SOP-SYN"`, fmt.Sprintf(`number = "SOP-%d"`, i), 1)
		sops = append(sops, SOP{File: fmt.Sprintf("sop-%03d.toml", i), Proc: testsop.Parse(b, "x.toml", src)})
	}
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
