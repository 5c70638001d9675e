// Command gencorpus writes a generated corpus of SOPs to a folder, for
// benchmarks and tests of sopflow book:
//
//	go run ./internal/corpus/cmd/gencorpus -n 300 -seed 1 -o DIR
//
// It writes DIR/sop-001-<slug>.toml, ... (creating DIR), the same bytes for
// the same -n, -seed and -steps (the mean number of steps of an SOP,
// default 20).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sopflow/sopflow/internal/corpus"
)

func main() {
	n := flag.Int("n", 300, "number of SOPs")
	seed := flag.Uint64("seed", 1, "seed of the generator")
	out := flag.String("o", "", "folder to write the SOPs to (required)")
	steps := flag.Float64("steps", 0, "mean number of steps of an SOP (0: 20)")
	flag.Parse()
	if *out == "" || *n <= 0 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus [-n N] [-seed S] [-steps MEAN] -o DIR")
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	for _, f := range (corpus.Options{MeanSteps: *steps}).Generate(*n, *seed) {
		if err := os.WriteFile(filepath.Join(*out, f.Name), f.Data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gencorpus:", err)
			os.Exit(1)
		}
	}
	fmt.Fprintf(os.Stderr, "gencorpus: %d SOPs in %s\n", *n, *out)
}
