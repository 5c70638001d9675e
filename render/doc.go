// Package render holds sopflow's drawing: the positioned document (Diagram:
// pages of rules, texts, symbols and connectors in points, origin top left,
// y down), its paper sizes, embedded fonts and text wrapping, printed
// labels, and the writers that draw it as SVG, PNG, PDF or JSON. The
// layouts (package table for the SOP AP table, package bpmn for the
// swimlane view) make Diagrams; the writers read only the Diagram, through
// one walk over each page (drawPage) that every writer implements, so every
// format draws the same picture:
//
//	d, err := table.Layout(p, table.LayoutOptions{})
//	err = render.Write(w, d, render.PDF, render.WriteOptions{})
//
// Text is measured with the embedded Liberation Sans (the metric twin of
// Arial) and wrapped at spaces and after "/" and "-"; a word wider than its
// line breaks at a syllable with a visible hyphen (Indonesian syllable
// rules, see hyphen.go). Where two flows cross, the horizontal one hops over
// the vertical one with a small semicircle (ConnectorPaths), the same in
// every format.
//
// # Guarantees
//
// Nothing here reads a file, flag or environment variable, but LoadLogo the
// logo it is asked for; the writers are deterministic: the same Diagram
// gives the same bytes. The embedded font faces are parsed once, on first
// use.
//
// # Labels
//
// The printed labels come from a profile (Permenpan35, Permendagri52) in
// Indonesian or English, with a procedure's own [labels] applied; see
// NewLabels.
package render
