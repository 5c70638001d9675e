package bpmn

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
)

// rankDOT returns the graph that dot ranks: every node with its size, no
// labels, no clusters, and the flows that close loops marked
// constraint=false so that they do not push their targets to the right.
func (g *graph) rankDOT() []byte {
	var b strings.Builder
	b.WriteString("digraph sopflow {\n")
	b.WriteString("\tgraph [rankdir=LR, nodesep=0.3, ranksep=0.4, newrank=true];\n")
	b.WriteString("\tnode [shape=box, fixedsize=true, label=\"\"];\n")
	for _, n := range g.nodes {
		w, up, down := n.footprint()
		fmt.Fprintf(&b, "\t%s [width=%s, height=%s];\n", quote(n.id), inch(w), inch(up+down))
	}
	for _, e := range g.edges {
		fmt.Fprintf(&b, "\t%s -> %s", quote(g.nodes[e.from].id), quote(g.nodes[e.to].id))
		if e.back {
			b.WriteString(" [constraint=false]")
		}
		b.WriteString(";\n")
	}
	b.WriteString("}\n")
	return []byte(b.String())
}

func inch(pt float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.4f", pt/72), "0"), ".")
}

// quote writes s as a DOT string. Line breaks become \n (a centred line in
// a label), and a backslash is doubled so that it prints as written.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// dotFont is the font family the DOT export asks for.
const dotFont = "Liberation Sans,Arial,Helvetica,sans-serif"

// WriteDOT writes the procedure's graph as Graphviz source, for people who
// lay it out with Graphviz themselves: one cluster per actor (in declared
// order) holding the actor's events, tasks and gateways, BPMN-like node
// shapes, the decisions' exits labelled, and the flows that close loops
// marked constraint=false. Of opt, only Labels and Joint are used. The
// output depends only on p and opt.
func WriteDOT(w io.Writer, p *flow.Procedure, opt Options) error {
	if err := check(p); err != nil {
		return err
	}
	labels, err := opt.labels(p)
	if err != nil {
		return err
	}
	g := newGraph(p, labels, opt.joint())
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "// %s\n", strings.ReplaceAll(p.Name, "\n", " "))
	fmt.Fprintf(b, "digraph %s {\n", quote(p.Name))
	fmt.Fprintf(b, "\tgraph [rankdir=LR, newrank=true, label=%s, labelloc=t, fontname=%s, fontsize=12];\n",
		quote(p.Name), quote(dotFont))
	fmt.Fprintf(b, "\tnode [fontname=%s, fontsize=9];\n", quote(dotFont))
	fmt.Fprintf(b, "\tedge [fontname=%s, fontsize=8];\n", quote(dotFont))
	face := render.FontFace(false)
	for a, actor := range p.Actors {
		var members []*node
		for _, n := range g.nodes {
			if n.lane == a {
				members = append(members, n)
			}
		}
		if len(members) == 0 {
			continue
		}
		fmt.Fprintf(b, "\tsubgraph cluster_%d {\n", a+1)
		fmt.Fprintf(b, "\t\tlabel=%s;\n", quote(actor.Name))
		for _, n := range members {
			fmt.Fprintf(b, "\t\t%s [", quote(n.id))
			switch n.kind {
			case render.ShapeStartEvent:
				fmt.Fprintf(b, "shape=circle, label=%s", quote(n.name))
			case render.ShapeEndEvent:
				fmt.Fprintf(b, "shape=circle, penwidth=3, label=%s", quote(n.name))
			case render.ShapeGateway:
				b.WriteString(`shape=diamond, label="", width=0.5, height=0.5, fixedsize=true`)
			default:
				text := taskText(p, p.Steps[n.step-1], opt.joint())
				text = strings.Join(face.Wrap(text, TextSize, taskWidths[len(taskWidths)-1]), "\n")
				fmt.Fprintf(b, "shape=box, style=rounded, label=%s", quote(text))
			}
			b.WriteString("];\n")
		}
		b.WriteString("\t}\n")
	}
	for _, e := range g.edges {
		fmt.Fprintf(b, "\t%s -> %s", quote(g.nodes[e.from].id), quote(g.nodes[e.to].id))
		var attrs []string
		if e.label != "" {
			attrs = append(attrs, "label="+quote(e.label))
		}
		if e.back {
			attrs = append(attrs, "constraint=false")
		}
		if len(attrs) > 0 {
			b.WriteString(" [" + strings.Join(attrs, ", ") + "]")
		}
		b.WriteString(";\n")
	}
	b.WriteString("}\n")
	return b.Flush()
}
