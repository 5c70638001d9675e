package table

import (
	"os/exec"
	"strings"
	"testing"
)

// TestPipelineShape keeps the packages' dependencies the shape of the
// pipeline: flow -> (table | bpmn) -> render. Neither layout imports the
// other, and the drawing model and its writers import no layout.
func TestPipelineShape(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not running go list")
	}
	const mod = "github.com/sopflow/sopflow/"
	for _, c := range []struct {
		pkg     string
		without []string
	}{
		{"render", []string{"table", "bpmn"}},
		{"table", []string{"bpmn"}},
		{"bpmn", []string{"table"}},
		{"flow", []string{"render", "table", "bpmn", "sheet"}},
		{"sheet", []string{"render", "table", "bpmn", "sheet/xlsx"}},
		// sopflow runs the helpers for Graphviz, excelize and the server
		// (its HTTP stack, Prometheus client and file watcher), so that it
		// does not pay their start-up.
		{"cmd/sopflow", []string{"bpmn/graphviz", "sheet/xlsx", "server"}},
	} {
		out, err := exec.Command("go", "list", "-deps", mod+c.pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", c.pkg, err, out)
		}
		deps := map[string]bool{}
		for _, l := range strings.Fields(string(out)) {
			deps[l] = true
		}
		for _, w := range c.without {
			if deps[mod+w] {
				t.Errorf("%s depends on %s", c.pkg, w)
			}
		}
	}
}
