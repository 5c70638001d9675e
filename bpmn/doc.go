// Package bpmn draws the second view of an SOP: a BPMN-style process map
// with one horizontal lane per actor, and writes the procedure as BPMN 2.0
// XML and as Graphviz DOT.
//
// # The stage
//
//	Layout(p *flow.Procedure, r Ranker, opt Options) (*render.Diagram, error)
//	WriteXML(w io.Writer, p *flow.Procedure, d *render.Diagram, opt XMLOptions) error
//	WriteDOT(w io.Writer, p *flow.Procedure, opt Options) error
//
// Layout takes a checked procedure and returns a render.Diagram whose
// pages have Kind "bpmn"; the writers of package render draw it like the
// flowchart table (SVG, PNG, PDF, JSON). Layout does not modify p and reads
// nothing but its arguments: no files, no environment.
//
// The ranking of the graph is Graphviz dot's job, behind the Ranker
// interface, because go-graphviz compiles its WebAssembly module in a
// package init that every program linking it pays at start-up (about half
// a second on a cold cache, tens of milliseconds warm). This package does
// not import it. Package bpmn/graphviz ranks in-process; ExecRanker runs
// the sopflow-rank helper (cmd/sopflow-rank), which links it, so that the
// sopflow command links Graphviz neither for the table nor for this view.
// FindRanker, the one function here that looks at the environment, finds
// the helper beside the running program or in PATH.
//
// # The view
//
// A pool titled with the SOP name (written upwards in its left band) holds
// one lane per actor, in declared order, each spanning the pool's full
// width with its name written upwards at its left edge. The symbols:
//
//   - a start event (thin circle, named "Mulai") before step 1;
//   - a task (rounded rectangle) for every step, in the lane of its primary
//     actor, its number in the table and its activity wrapped inside
//     ("3. Meregistrasi ..."); a joint activity's task ends with a line
//     naming the other actors, "(bersama: X, Y)";
//   - an exclusive gateway (empty diamond) after the task of every
//     decision: the task does the checking, the gateway routes by its
//     result, and its exits carry the decision's labels ("Ya", "Tidak" or
//     the step's own);
//   - an end event (thick circle, named "Selesai") after the task of every
//     end step.
//
// The flow runs left to right. dot ranks the graph (rankdir=LR) with the
// flows that close loops marked constraint=false, so that a loop back does
// not push its target to the right; a loop is a flow back to a symbol on
// the path of a depth-first search from the start event that takes a
// decision's yes exit first. Symbols of one rank share a column; in its
// lane a symbol stands on the lane's first row, and symbols of one lane and
// one rank stack in further rows, which make the lane taller, in dot's
// order. Flows are routed orthogonally on a grid of channels between the
// columns and between the rows (dot's own splines are not used), at the
// least cost in length, bends and crossings; when a flow cannot avoid
// running along or touching another, or a label finds no free place, the
// whole layout is redone with wider channels.
//
// # Pages: the view spans pages, it never scales
//
// Text keeps its size (8 pt in the symbols), so the view is as wide as
// its ranks need. Layout cuts it into page-wide slices of whole columns on
// the paper of Options (A4 landscape by default). Every page repeats the
// pool and all the lanes at the same heights; a flow between symbols on
// different pages ends at an off-page connector (the pentagon of the SOP AP
// table) at the edge of the page facing its target, and goes on from a
// connector with the same letter at the edge of the other page facing its
// source. A page is made wider than the paper only when a single column and
// its connectors need it, and taller when the pool does (many or tall
// lanes), as the table widens its pages. Each page has a footer with the
// SOP number and "Halaman x dari y". Options.Tall instead lays the whole
// view out on one page as wide and as tall as it needs, without footer or
// connectors: for the screen, and for WriteXML.
//
// # The Diagram
//
// Each page's Shapes begin with the pool (kind ShapePool, id
// Participant_1) and its lanes (kind ShapeLane, ids Lane_1, Lane_2, ...,
// Actor set), rectangles that every writer draws, followed by the symbols
// (kinds render.ShapeStartEvent, ShapeTask, ShapeGateway, ShapeEndEvent,
// ShapeOffPage) with the ids of the BPMN XML (StartEvent_1, Step_3,
// Gateway_3, EndEvent_12; OffPage_A). A task's Lines hold its wrapped
// text. Connectors go from symbol to symbol by id. Texts have the classes
// pool, lane, activity, event, offpage, label (a gateway exit's label) and
// footer. All coordinates are whole points except the baselines of text.
//
// # Guarantees
//
// For a procedure that flow.Parse returns and any ranking:
//
//   - every symbol lies inside the band of its lane;
//   - every flow is an orthogonal polyline from the outline of its source
//     symbol to the outline of its target, with a last segment long enough
//     for its arrowhead, and no segment runs through a symbol or a text;
//   - every exit of a gateway is labelled, the label beside the first or
//     second segment of its flow, clear of symbols, flows and other text;
//   - every step's activity is drawn in full, wrapped but never cut;
//   - the output depends only on the arguments: the same input gives the
//     same bytes.
//
// Flows do not run along each other: the router avoids it, widening the
// channels up to three times, and the tests check it with the rest on
// every example, on synthetic procedures of up to 200 steps, and on
// rankings that run against the flow or put every symbol in one column.
//
// # BPMN XML
//
// WriteXML writes a collaboration with one participant, a process with a
// lane set (one lane per actor, with its flowNodeRefs), the events, tasks,
// exclusive gateways and sequence flows (named with the exit labels), and a
// documentation element on each task with the step's mutu baku and
// keterangan. Its diagram interchange is the view's geometry: the view
// must be laid out on one page (Options.Tall), and coordinates are
// multiplied by DIScale so that the 12 px text of BPMN editors fits as the
// view's 8 pt text does. Ids are deterministic; flows are named by their
// ends: Flow_S_1 (start event to step 1), Flow_3_G3 (task 3 to its
// gateway), Flow_G3_4 (the gateway to step 4), Flow_12_E12 (step 12 to its
// end event), Flow_4_5.
//
// WriteDOT writes the graph for people who post-process it with Graphviz:
// one cluster per actor, BPMN-like node shapes and labelled exits.
package bpmn
