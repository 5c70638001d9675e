package graphviz

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
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

// TestRankOrderAsLayout checks that the ranks and orders Rank returns sort
// the nodes as dot's full layout places them, for the ranking graph of a
// 60-step synthetic SOP, in both directions.
func TestRankOrderAsLayout(t *testing.T) {
	var b strings.Builder
	for k := range 60 {
		fmt.Fprintf(&b, " n%d -> n%d;", k, k+1)
		if k%6 == 5 {
			fmt.Fprintf(&b, " n%d -> n%d [constraint=false];", k, k-3)
		}
		if k%10 == 5 {
			fmt.Fprintf(&b, " n%d -> n%d;", k, k+4)
		}
		if k%7 == 3 {
			fmt.Fprintf(&b, " n%d -> m%d; m%d -> n%d;", k, k, k, k+2)
		}
	}
	for _, dir := range []string{"LR", "TB"} {
		src := "digraph { rankdir=" + dir + "; node [shape=box, fixedsize=true, width=1, height=0.6];" + b.String() + " }"
		pos, err := Ranker{}.Rank(context.Background(), []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		g, err := gv.ParseBytes([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		mu.Lock()
		err = instance.Render(context.Background(), g, gv.Format("plain"), &out)
		mu.Unlock()
		g.Close()
		if err != nil {
			t.Fatal(err)
		}
		full, err := parsePlain(out.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if len(full) != len(pos) {
			t.Fatalf("%s: %d nodes, layout %d", dir, len(pos), len(full))
		}
		names := make([]string, 0, len(pos))
		for n := range pos {
			names = append(names, n)
		}
		sort.Strings(names)
		rank, order := 0, 1
		if dir == "TB" {
			rank, order = 1, 0
		}
		for _, a := range names {
			for _, c := range names {
				pa, pc, fa, fc := pos[a], pos[c], full[a], full[c]
				sameRank, fullSame := pa[rank] == pc[rank], math.Abs(fa[rank]-fc[rank]) < 2
				if sameRank != fullSame || (pa[rank] < pc[rank]) != (fa[rank] < fc[rank]) && !sameRank {
					t.Fatalf("%s: ranks of %s and %s: %v %v, layout %v %v", dir, a, c, pa, pc, fa, fc)
				}
				if sameRank && a != c && (pa[order] < pc[order]) != (fa[order] < fc[order]) {
					t.Fatalf("%s: order of %s and %s: %v %v, layout %v %v", dir, a, c, pa, pc, fa, fc)
				}
			}
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

// parsePlain (for the tests) reads the node centres from dot's plain output format, whose
// lengths are in inches with y growing up.
func parsePlain(b []byte) (map[string][2]float64, error) {
	pos := make(map[string][2]float64)
	height := 0.0
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		f := fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "graph":
			if len(f) < 4 {
				return nil, errors.New("graphviz: bad graph line in dot's output")
			}
			h, err := strconv.ParseFloat(f[3], 64)
			if err != nil {
				return nil, fmt.Errorf("graphviz: bad graph height %q", f[3])
			}
			height = h
		case "node":
			if len(f) < 4 {
				return nil, errors.New("graphviz: bad node line in dot's output")
			}
			x, err1 := strconv.ParseFloat(f[2], 64)
			y, err2 := strconv.ParseFloat(f[3], 64)
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("graphviz: bad position of node %q", f[1])
			}
			pos[f[1]] = [2]float64{x * 72, (height - y) * 72}
		}
	}
	return pos, sc.Err()
}

// fields splits a line of plain output into words; a word in double quotes
// may hold spaces and \" escapes.
func fields(line string) []string {
	var out []string
	for i := 0; i < len(line); {
		switch {
		case line[i] == ' ' || line[i] == '\t':
			i++
		case line[i] == '"':
			var w strings.Builder
			i++
			for i < len(line) && line[i] != '"' {
				if line[i] == '\\' && i+1 < len(line) && line[i+1] == '"' {
					i++
				}
				w.WriteByte(line[i])
				i++
			}
			i++
			out = append(out, w.String())
		default:
			j := i
			for j < len(line) && line[j] != ' ' && line[j] != '\t' {
				j++
			}
			out = append(out, line[i:j])
			i = j
		}
	}
	return out
}
