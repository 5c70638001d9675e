package bpmn

import (
	"math"
	"strconv"
	"strings"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
)

// This file turns a procedure into the graph of the view: its BPMN nodes
// (events, tasks, gateways) and sequence flows, with their ids and sizes.

// Shape kinds of the pool and its lanes, the first shapes of a bpmn page.
// Every writer draws them as rectangles.
const (
	ShapePool = "pool"
	ShapeLane = "lane"
)

// Sizes of the view, in points.
const (
	TextSize   = 8.0 // task text, event names, exit labels, link event names (before scaling)
	LaneSize   = 9.0 // lane names, bold
	PoolSize   = 10.0
	eventD     = 26.0 // event diameter
	gatewayD   = 34.0 // gateway width and height
	taskMinH   = 44.0
	taskPadX   = 6.0
	taskPadY   = 5.0
	taskLines  = 6    // a task widens until its text takes at most this many lines
	offW       = 22.0 // a link event's diameter
	offH       = 22.0
	offSep     = 12.0 // between link events side by side
	nameGap    = 2.0  // between an event and its name below
	eventNameW = 80.0 // an event's name wraps at this width
)

// taskWidths are the widths a task can take, narrowest first.
var taskWidths = []float64{64, 72, 80, 88, 98, 108, 118, 128, 138, 148, 158, 168, 184, 200}

// node is one symbol of the view.
type node struct {
	id    string
	kind  render.ShapeKind // render.ShapeStartEvent, ShapeTask, ShapeGateway, ShapeEndEvent, ShapeLinkThrow, ShapeLinkCatch
	step  int              // 1-based step number; 0 for a link event
	lane  int              // index into Procedure.Actors
	w, h  float64
	text  string   // a task's text
	lines []string // a task's wrapped text
	name  string   // an event's name (below it), a link event's letter
	names []string // an event's name, wrapped
	below float64  // room the name takes below the symbol

	col   int     // the column (dot's rank)
	slot  int     // the row within its lane and column
	sink  bool    // a link throw event, where a flow ends (on its source's page)
	order float64 // dot's position within the rank, for the slots
}

// footprint returns the width and the extents above and below the centre
// line that the node takes, its name included.
func (n *node) footprint() (w, up, down float64) {
	w = n.w
	for _, l := range n.names {
		w = math.Max(w, math.Ceil(render.FontFace(false).Width(l, TextSize))+2)
	}
	return w, n.h / 2, n.h/2 + n.below
}

// edge is one sequence flow.
type edge struct {
	id       string
	from, to int // node indices
	label    string
	back     bool // closes a loop: it does not constrain dot's ranking
}

// graph is the view's graph of a procedure.
type graph struct {
	p     *flow.Procedure
	nodes []*node
	edges []*edge
	task  []int // step index -> its task node
}

// newGraph builds the graph of p: a start event before step 1, a task for
// every step, an exclusive gateway after the task of every decision, and an
// end event after the task of every end step.
func newGraph(p *flow.Procedure, labels render.Labels, joint string) *graph {
	g := &graph{p: p, task: make([]int, len(p.Steps))}
	add := func(n *node) int {
		g.nodes = append(g.nodes, n)
		return len(g.nodes) - 1
	}
	gw := make(map[int]int)  // step index -> gateway node
	end := make(map[int]int) // step index -> end event node
	start := -1
	for i, s := range p.Steps {
		lane := s.Primary()
		if i == 0 {
			start = add(event("StartEvent_1", render.ShapeStartEvent, s.Number, lane, labels["start"]))
		}
		g.task[i] = add(newTask(p, s, joint))
		switch s.Kind {
		case flow.Decision:
			gw[i] = add(&node{id: "Gateway_" + strconv.Itoa(s.Number), kind: render.ShapeGateway, step: s.Number,
				lane: lane, w: gatewayD, h: gatewayD})
		case flow.End:
			end[i] = add(event("EndEvent_"+strconv.Itoa(s.Number), render.ShapeEndEvent, s.Number, lane, labels["end"]))
		}
	}
	link := func(from, to int, label string) {
		g.edges = append(g.edges, &edge{id: "Flow_" + short(g.nodes[from].id) + "_" + short(g.nodes[to].id),
			from: from, to: to, label: label})
	}
	for i, s := range p.Steps {
		t := g.task[i]
		if i == 0 {
			link(start, t, "")
		}
		switch s.Kind {
		case flow.Decision:
			link(t, gw[i], "")
			for k, l := range s.Out {
				link(gw[i], g.task[l.To], labels.Exit(s, k))
			}
		case flow.End:
			link(t, end[i], "")
		default:
			for _, l := range s.Out {
				link(t, g.task[l.To], l.Label)
			}
		}
	}
	g.markBack()
	return g
}

// short is the part of a node id used in flow ids: "3" for Step_3, "G3"
// for Gateway_3, "S" for the start event, "E12" for EndEvent_12.
func short(id string) string {
	kind, num, _ := strings.Cut(id, "_")
	switch kind {
	case "Step":
		return num
	case "Gateway":
		return "G" + num
	case "StartEvent":
		return "S"
	case "EndEvent":
		return "E" + num
	}
	return id
}

func event(id string, kind render.ShapeKind, step, lane int, name string) *node {
	n := &node{id: id, kind: kind, step: step, lane: lane, w: eventD, h: eventD, name: name}
	if name != "" {
		n.names = render.FontFace(false).Wrap(name, TextSize, eventNameW)
		n.below = math.Ceil(nameGap + float64(len(n.names))*TextSize*render.Leading)
	}
	return n
}

// newTask makes the task of step s, measured for taskLines lines.
func newTask(p *flow.Procedure, s *flow.Step, joint string) *node {
	n := &node{id: "Step_" + strconv.Itoa(s.Number), kind: render.ShapeTask, step: s.Number,
		lane: s.Primary(), text: taskText(p, s, joint)}
	n.measure(taskLines)
	return n
}

// measure sizes a task: the narrowest width at which its text takes at
// most maxLines lines, and the height the lines need.
func (n *node) measure(maxLines int) {
	face := render.FontFace(false)
	// No narrower than its longest word: a word is never broken.
	least := 0.0
	for _, word := range strings.Fields(n.text) {
		least = math.Max(least, face.Width(word, TextSize)+2*taskPadX)
	}
	var w float64
	var lines []string
	for _, w = range taskWidths {
		if w < least && w != taskWidths[len(taskWidths)-1] {
			continue
		}
		if lines = face.Wrap(n.text, TextSize, w-2*taskPadX); len(lines) <= maxLines {
			break
		}
	}
	h := float64(len(lines))*TextSize*render.Leading + 2*taskPadY
	n.w, n.h, n.lines = w, math.Max(taskMinH, 2*math.Ceil(h/2)), lines
}

// measure sizes every task for at most maxLines lines of text.
func (g *graph) measure(maxLines int) {
	for _, n := range g.nodes {
		if n.kind == render.ShapeTask {
			n.measure(maxLines)
		}
	}
}

// taskText is the text of a step's task: its number in the table and its
// activity ("3. Meregistrasi ..."), and for a joint activity a last
// paragraph naming the other actors, "(bersama: X, Y)".
func taskText(p *flow.Procedure, s *flow.Step, joint string) string {
	text := strconv.Itoa(s.Number) + ". " + s.Activity
	if len(s.Actors) < 2 {
		return text
	}
	names := make([]string, 0, len(s.Actors)-1)
	for _, a := range s.Actors[1:] {
		names = append(names, p.Actors[a].Name)
	}
	return text + "\n(" + joint + ": " + strings.Join(names, ", ") + ")"
}

// markBack marks the edges that close a loop: those that lead back to a
// node on the path of a depth-first search from the start event, which
// follows the flows in order (a decision's yes exit first).
func (g *graph) markBack() {
	out := make([][]int, len(g.nodes))
	for i, e := range g.edges {
		out[e.from] = append(out[e.from], i)
	}
	const (
		white = iota
		grey
		black
	)
	state := make([]int, len(g.nodes))
	type frame struct{ n, next int }
	for root := range g.nodes {
		if state[root] != white {
			continue
		}
		stack := []frame{{root, 0}}
		state[root] = grey
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.next == len(out[f.n]) {
				state[f.n] = black
				stack = stack[:len(stack)-1]
				continue
			}
			e := g.edges[out[f.n][f.next]]
			f.next++
			switch state[e.to] {
			case grey:
				e.back = true
			case white:
				state[e.to] = grey
				stack = append(stack, frame{e.to, 0})
			}
		}
	}
}
