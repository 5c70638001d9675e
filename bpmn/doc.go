// Package bpmn draws the second view of an SOP: a BPMN-style process map
// with one horizontal lane per actor, and writes the procedure as BPMN 2.0
// XML and as Graphviz DOT.
//
// # The stage
//
//	Layout(p *flow.Procedure, r Ranker, opt Options) (*render.Diagram, error)
//	LayoutContext(ctx context.Context, p *flow.Procedure, r Ranker, opt Options) (*render.Diagram, error)
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
//     result, and its exits carry the decision's labels (its own, else the
//     printed yes_label and no_label: "Ya", "Tidak"; "Yes", "No" in English);
//   - an end event (thick circle, named "Selesai") after the task of every
//     end step.
//
// The flow runs left to right. dot ranks the graph (rankDOT, rankdir=LR)
// with the flows that close loops marked constraint=false, so that a loop
// back does not push its target to the right; a loop is a flow back to a
// symbol on the path of a depth-first search from the start event that
// takes a decision's yes exit first. Symbols of one rank share a column,
// but ranks share the lanes' free space: a column needs room only in the
// lanes of its symbols, after what those lanes already hold, and a symbol
// whose flow comes from another lane may stand straight below or above its
// source (columns never go left of the one before). In its lane a symbol
// stands on the lane's first row, and symbols of one lane and one rank
// stack in further rows, in dot's order. Flows are routed orthogonally on a
// grid of channels between the symbols (dot's own splines are not used),
// at the least cost in length, bends and crossings; when a flow cannot
// avoid running along or touching another, or a label finds no free place,
// the layout is redone with wider channels.
//
// # Fitting the paper
//
// The view is laid out once, on one page, at full size (TextSize 8 pt), and
// then fitted to the paper of Options (A4 landscape by default): scaled
// down into the area inside the margins and above the footer, as far as
// MinTextSize (6 pt) allows. The most lines a task's text may take (taskLines
// by default, 4 to 16 when fitting) is chosen for the fewest pages, then the
// largest scale; a task is never narrower than its longest word. Only a view
// that does not fit at 6 pt is cut into bands of whole columns, each a copy
// of the pool and its lanes holding a run of the flow, and the bands are
// stacked on sheets, one below the other: the flow goes on from the right
// end of one band to the left of the next, on the same sheet or the next.
// There are as few sheets as the paper holds, the columns spread so that
// the smallest sheet's scale is as large as it can be; each sheet is then
// scaled to fill the paper, at most to full size and never below 6 pt
// text. Every page is exactly the paper's size and has a footer with the
// SOP number and "Halaman x dari y". A flow between bands ends at a BPMN
// link throw event beside its source, in its lane, and goes on from the
// link catch event of the same name (A, B, ...) beside its target in the
// other band. A lane with no symbol in a band is a
// thin band with its name written across it. The one case where text ends
// below 6 pt is a single column taller than the paper allows (a ranking
// that puts everything in one rank): it is scaled to fit.
//
// Options.Tall (the CLI's --tall) instead keeps the one page at full size,
// as large as the view needs, without footer or link events: for the
// screen, and for WriteXML.
//
// # The Diagram
//
// Each page's Shapes begin with the pool (kind ShapePool, id
// Participant_1) and its lanes (kind ShapeLane, ids Lane_1, Lane_2, ...,
// Actor set), rectangles that every writer draws, followed by the symbols
// (kinds render.ShapeStartEvent, ShapeTask, ShapeGateway, ShapeEndEvent,
// ShapeLinkThrow, ShapeLinkCatch) with the ids of the BPMN XML
// (StartEvent_1, Step_3, Gateway_3, EndEvent_12; LinkThrow_A, LinkCatch_A).
// A page of several bands repeats this for each band, top to bottom; the
// pool and lanes of its k-th band (k > 1) have ids with ".k" added
// (Participant_1.2, Lane_1.2, ...). A flow never leaves its band.
// A task's Lines hold its wrapped text. Connectors go from symbol to symbol
// by id. Texts have the classes pool, lane, activity, event, link (a link
// event's name), label (a gateway exit's label) and footer. In a Tall view
// all coordinates are whole points except the baselines of text; a fitted
// page is scaled, its coordinates rounded to 0.01 pt.
//
// # Guarantees
//
// For a procedure that flow.Parse returns and any ranking:
//
//   - every symbol lies inside the band of its lane;
//   - every page but a Tall one is exactly the paper's size, and its text
//     is at least MinTextSize but for a single column too tall for it;
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
// must be laid out on one page (Options.Tall: the same whatever the paper),
// and coordinates are multiplied by DIScale so that the 12 px text of BPMN
// editors fits as the view's 8 pt text does. The lanes start PoolBandDI
// right of the pool, where bpmn-js ends the pool's title band; a task is
// named as the view shows it (its step number, activity and the other
// actors of a joint activity). Ids are deterministic; flows are named by their
// ends: Flow_S_1 (start event to step 1), Flow_3_G3 (task 3 to its
// gateway), Flow_G3_4 (the gateway to step 4), Flow_12_E12 (step 12 to its
// end event), Flow_4_5.
//
// WriteDOT writes the graph for people who post-process it with Graphviz:
// one cluster per actor, BPMN-like node shapes and labelled exits.
package bpmn
