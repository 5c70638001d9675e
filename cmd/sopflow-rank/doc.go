// Command sopflow-rank lays out a graph with Graphviz dot for sopflow's BPMN
// view. It reads DOT on standard input and writes the centre of every node
// as one JSON object on standard output, in points with y growing down:
//
//	{"Step_1":[121,45],"Step_2":[229,45],...}
//
// It exits with status 1 and a message on standard error when the graph
// cannot be laid out, and with status 2 when given arguments.
//
// Graphviz runs in-process (github.com/goccy/go-graphviz: Graphviz compiled
// to WebAssembly, no system Graphviz needed). Its module is compiled at
// start-up, which is why sopflow itself does not link it and runs this
// helper instead (bpmn.ExecRanker), looking for it beside the sopflow
// binary and then in PATH. go install puts both in the same directory:
//
//	go install ./cmd/...    (in a clone of sopflow)
package main
