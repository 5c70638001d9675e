package graphviz

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	gv "github.com/goccy/go-graphviz"

	"github.com/sopflow/sopflow/bpmn"
	"github.com/sopflow/sopflow/flow"
)

func TestRank(t *testing.T) {
	pos, err := Ranker{}.Rank(context.Background(), []byte(`digraph { rankdir=LR; node [shape=box, fixedsize=true, width=1, height=0.5];
		a -> b -> c; a -> "d e"; "d e" -> c; c -> a [constraint=false] }`))
	if err != nil {
		t.Fatal(err)
	}
	if len(pos) != 4 {
		t.Fatalf("got %d nodes: %v", len(pos), pos)
	}
	// Left to right by rank; b and "d e" share a rank.
	if !(pos["a"][0] < pos["b"][0] && pos["b"][0] < pos["c"][0]) || pos["b"][0] != pos["d e"][0] {
		t.Errorf("ranks: %v", pos)
	}
	if pos["b"][1] == pos["d e"][1] {
		t.Errorf("b and \"d e\" at the same place: %v", pos)
	}
	if _, err := (Ranker{}).Rank(context.Background(), []byte("digraph { a -> ")); err == nil {
		t.Error("bad DOT: no error")
	}
	// The module still works after an error.
	if _, err := (Ranker{}).Rank(context.Background(), []byte("digraph { a -> b }")); err != nil {
		t.Errorf("after an error: %v", err)
	}
}

func TestRankConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b strings.Builder
			b.WriteString("digraph { rankdir=LR;")
			for k := range 20 + i {
				fmt.Fprintf(&b, " n%d -> n%d;", k, k+1)
			}
			b.WriteString(" }")
			pos, err := Ranker{}.Rank(context.Background(), []byte(b.String()))
			if err == nil && len(pos) != 21+i {
				err = fmt.Errorf("%d nodes, want %d", len(pos), 21+i)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestParsePlain(t *testing.T) {
	out := "graph 1 2 1.5\nnode a 0.5 1 1 0.5 a solid box black lightgrey\n" +
		"node \"x \\\"y\\\" z\" 1.5 0.25 1 0.5 x solid box black lightgrey\nedge a b 4 0 0 1 1 solid black\nstop\n"
	pos, err := parsePlain([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if pos["a"] != [2]float64{36, 36} || pos[`x "y" z`] != [2]float64{108, 90} {
		t.Errorf("got %v", pos)
	}
	for _, bad := range []string{"graph 1\n", "graph 1 2 x\n", "node a 1\n", "graph 1 2 3\nnode a x 1 1 1\n"} {
		if _, err := parsePlain([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestWriteDOTParses reads the DOT export of every example back with
// Graphviz and lays it out.
func TestWriteDOTParses(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/examples/*.toml")
	if len(files) == 0 {
		t.Fatal("no examples")
	}
	for _, fn := range files {
		src, err := os.ReadFile(fn)
		if err != nil {
			t.Fatal(err)
		}
		p, err := flow.Parse(fn, src)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := bpmn.WriteDOT(&b, p, bpmn.Options{}); err != nil {
			t.Fatal(err)
		}
		g, err := gv.ParseBytes(b.Bytes())
		if err != nil {
			t.Fatalf("%s: %v\n%s", fn, err, b.String())
		}
		n := 0
		nd, err := g.FirstNode()
		for err == nil && nd != nil {
			n++
			nd, err = g.NextNode(nd)
		}
		g.Close()
		if err != nil {
			t.Fatal(err)
		}
		want := 1 + len(p.Steps)
		for _, s := range p.Steps {
			if s.Kind == flow.Decision || s.Kind == flow.End {
				want++
			}
		}
		if n != want {
			t.Errorf("%s: %d nodes, want %d", fn, n, want)
		}
		if _, err := (Ranker{}).Rank(context.Background(), b.Bytes()); err != nil {
			t.Errorf("%s: laying out the export: %v", fn, err)
		}
	}
}
