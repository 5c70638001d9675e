// Package table lays out a checked procedure (flow.Procedure) as the SOP AP
// document of Permenpan RB 35/2012: the identity page and the flowchart
// table, as a *render.Diagram that package render writes as SVG, PNG, PDF
// or JSON:
//
//	p, err := flow.Parse("sop.toml", src)
//	d, err := table.Layout(p, table.LayoutOptions{})
//	err = render.Write(w, d, render.PDF, render.WriteOptions{})
//
// # Layout
//
// The first page is the identity page (Bagian Identitas) unless
// LayoutOptions.NoIdentity is set. The flowchart table follows: NO |
// KEGIATAN | PELAKSANA (one column per actor) | MUTU BAKU (KELENGKAPAN |
// WAKTU | OUTPUT) | KETERANGAN, with both header rows repeated on every page.
// Column widths come from the content (blank MUTU BAKU columns as narrow as
// their header, actor columns as wide as their title and a decision's
// labels need, the rest where it saves the most lines), through levels of
// crowding before a page may widen. Text is measured with the embedded
// Liberation Sans (the metric twin of Arial) and wrapped inside its cell, at
// spaces and after "/" and "-"; a word wider than its cell breaks at a
// syllable with a visible hyphen (Indonesian syllable rules, see
// render's hyphen.go). Cell text is always BodySize; no text is dropped. A row
// taller than a page continues on the next one. Pages break where dynamic
// programming over the rows finds the fewest pages that keep loops back of
// up to three rows whole.
//
// Each step's symbol stands in its actor's column, centred in its row:
// terminator, box or diamond (and a box in each column of a joint activity,
// joined by a plain line). Flows are orthogonal polylines routed through
// channel tracks beside the symbols; they never cross a symbol, enter a
// decision at its top vertex and never enter a symbol from below. Where two
// flows must cross, the horizontal one hops over the vertical one with a
// small semicircle (render.ConnectorPaths), the same in every format. A flow
// whose ends fall on different pages goes through a lettered pair of
// off-page connectors.
//
// # Guarantees
//
// Layout does not modify the procedure, reads no file, flag or environment
// variable, and is deterministic: the same input gives the same bytes in
// every format. Its quality is measured by the tests' quality report
// (go test ./table -run 'TestQuality$' -v).
package table
