package table

import (
	"flag"
	"github.com/sopflow/sopflow/internal/testsop"
	"os"
	"testing"
)

var writeSynth = flag.String("write-synth", "", "write a synthetic SOP of -synth-steps steps to this file")
var synthSteps = flag.Int("synth-steps", 50, "steps of the synthetic SOP")

// TestWriteSynth writes a synthetic SOP for timing the command line:
// go test ./table -run WriteSynth -write-synth /tmp/sop50.toml
func TestWriteSynth(t *testing.T) {
	if *writeSynth == "" {
		t.Skip("no -write-synth")
	}
	if err := os.WriteFile(*writeSynth, []byte(testsop.Chain(*synthSteps)), 0o644); err != nil {
		t.Fatal(err)
	}
}
