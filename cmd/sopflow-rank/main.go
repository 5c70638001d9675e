package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/sopflow/sopflow/bpmn/graphviz"
)

func main() {
	if len(os.Args) > 1 {
		fmt.Fprintln(os.Stderr, "usage: sopflow-rank < graph.dot > positions.json")
		os.Exit(2)
	}
	dot, err := io.ReadAll(os.Stdin)
	if err == nil {
		var pos map[string][2]float64
		if pos, err = (graphviz.Ranker{}).Rank(context.Background(), dot); err == nil {
			err = json.NewEncoder(os.Stdout).Encode(pos)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "sopflow-rank:", err)
		os.Exit(1)
	}
}
