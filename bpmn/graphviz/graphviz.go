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
	"bytes"
	"context"
	"encoding/json"
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

// Rank ranks and orders the DOT graph with dot and returns a position for
// every node: x orders the ranks with rankdir=LR (y with TB) and the other
// coordinate orders the nodes of a rank as dot would place them, y down.
// These are not dot's coordinates: dot stops before placing the nodes
// (see rankOrder), which is all the view needs, and the placing is the
// phase whose time grows faster than linearly. dot runs to its end once
// started (a cancelled call would leave the shared module unusable): ctx
// is checked before it starts, and while waiting for another Rank to
// finish.
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
	// dot stops after ranking and ordering (phase 2): its last phase, the
	// coordinates, is the one that grows faster than linearly (a network
	// simplex over the whole graph: 20 s of 21 for 5,000 steps), and the
	// view needs only each node's rank and order.
	if err := graph.SafeSet("phase", "2", ""); err != nil {
		return nil, fmt.Errorf("graphviz: %w", err)
	}
	var out bytes.Buffer
	if err := instance.Render(bg, graph, gv.Format("json0"), &out); err != nil {
		return nil, fmt.Errorf("graphviz: %w", err)
	}
	return rankOrder(out.Bytes())
}

// Spacing of the positions that Rank returns: ranks rankStep apart (left
// to right), nodes of a rank orderStep apart (top to bottom).
const (
	rankStep  = 72.0
	orderStep = 36.0
)

// rankOrder reads the rank and the order within its rank that dot gave
// every node (its json0 output after phase 2), and returns them as
// positions in dot's directions (y down): with rankdir=LR, x =
// rank·rankStep and the last in dot's order is the highest of its rank;
// with rankdir=TB (the default), y = rank·rankStep and the first in dot's
// order is the leftmost.
func rankOrder(b []byte) (map[string][2]float64, error) {
	var g struct {
		Rankdir string
		Objects []struct {
			Name        string
			Rank, Order *string
			Nodes       []int // a subgraph
		}
	}
	if err := json.Unmarshal(b, &g); err != nil {
		return nil, fmt.Errorf("graphviz: reading dot's output: %w", err)
	}
	lr := false
	switch dir := strings.ToUpper(g.Rankdir); dir {
	case "", "TB":
	case "LR":
		lr = true
	default:
		return nil, fmt.Errorf("graphviz: rankdir=%s is not supported (LR or TB)", dir)
	}
	pos := make(map[string][2]float64, len(g.Objects))
	for _, o := range g.Objects {
		if o.Nodes != nil {
			continue
		}
		if o.Rank == nil || o.Order == nil {
			return nil, fmt.Errorf("graphviz: dot gave node %q no rank and order", o.Name)
		}
		rank, err1 := strconv.Atoi(*o.Rank)
		order, err2 := strconv.Atoi(*o.Order)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("graphviz: node %q: bad rank %q or order %q", o.Name, *o.Rank, *o.Order)
		}
		if lr {
			pos[o.Name] = [2]float64{float64(rank) * rankStep, -float64(order) * orderStep}
		} else {
			pos[o.Name] = [2]float64{float64(order) * orderStep, float64(rank) * rankStep}
		}
	}
	return pos, nil
}
