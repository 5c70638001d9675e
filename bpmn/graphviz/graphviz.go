// Package graphviz ranks the graphs of the BPMN view with Graphviz dot run
// in-process by github.com/goccy/go-graphviz (Graphviz compiled to
// WebAssembly, no system Graphviz needed).
//
// Importing this package costs start-up time: go-graphviz compiles its
// WebAssembly module in a package init, about half a second on a cold cache
// and some tens of milliseconds warm, in every program that links it. The
// sopflow command therefore does not import it; it runs the sopflow-rank
// helper (see bpmn.ExecRanker), which does.
package graphviz

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	gv "github.com/goccy/go-graphviz"
)

// Ranker runs dot in-process. The zero value is ready to use; all Rankers
// share one Graphviz instance, created on first use, and take turns: the
// WebAssembly module behind it is not safe for concurrent use
// (goccy/go-graphviz#117).
type Ranker struct{}

var (
	mu       sync.Mutex
	instance *gv.Graphviz
)

// Rank lays out the DOT graph with dot and returns the node centres in
// points, y down. dot runs to its end once started (a cancelled call
// would leave the shared module unusable): ctx is checked before it starts,
// and while waiting for another Rank to finish.
func (Ranker) Rank(ctx context.Context, dot []byte) (pos map[string][2]float64, err error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("graphviz: %w", err)
	}
	mu.Lock()
	defer mu.Unlock()
	defer func() {
		if r := recover(); r != nil {
			// The module may be in any state now: start afresh next time.
			instance = nil
			pos, err = nil, fmt.Errorf("graphviz: %v", r)
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("graphviz: %w", err)
	}
	// Never a cancellable context: a cancelled call leaves the module
	// unusable (goccy/go-graphviz#118).
	bg := context.Background()
	if instance == nil {
		g, err := gv.New(bg)
		if err != nil {
			return nil, fmt.Errorf("graphviz: %w", err)
		}
		instance = g
	}
	graph, err := gv.ParseBytes(dot)
	if err != nil {
		return nil, fmt.Errorf("graphviz: reading the graph: %w", err)
	}
	defer graph.Close()
	var out bytes.Buffer
	if err := instance.Render(bg, graph, gv.Format("plain"), &out); err != nil {
		return nil, fmt.Errorf("graphviz: %w", err)
	}
	return parsePlain(out.Bytes())
}

// parsePlain reads the node centres from dot's plain output format, whose
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
