package render

// Diagram is a laid-out procedure: pages of positioned table rules, text,
// symbols and connectors. All lengths are in points (1/72 inch), with the
// origin at the top left of each page and y growing down. Writers read only
// a Diagram, so every format draws the same picture.
type Diagram struct {
	Unit  string `json:"unit"`  // always "pt"
	Title string `json:"title"` // the SOP name
	Desc  string `json:"desc"`  // a one-line description (for SVG <desc>, PDF subject)
	Pages []Page `json:"pages"`
}

// Page is one page of the document.
type Page struct {
	Number int      `json:"number"` // 1-based
	Kind   PageKind `json:"kind"`
	Width  float64  `json:"width"`
	Height float64  `json:"height"`
	Margin float64  `json:"margin"` // nothing is drawn nearer the edge than this

	Columns    []Column    `json:"columns,omitempty"`
	Rows       []Row       `json:"rows,omitempty"`
	Cells      []Cell      `json:"cells,omitempty"`
	Shapes     []Shape     `json:"shapes,omitempty"`
	Connectors []Connector `json:"connectors,omitempty"`

	// Drawing primitives that carry no model meaning: table rules, header
	// and title text, images.
	Rules  []Rule  `json:"rules,omitempty"`
	Texts  []Text  `json:"texts,omitempty"`
	Images []Image `json:"images,omitempty"`
}

// Column is one column of the flowchart table.
type Column struct {
	Key   string  `json:"key"`             // no, activity, actor, requirements, time, output, note
	Actor string  `json:"actor,omitempty"` // the actor's name, for key "actor"
	X     float64 `json:"x"`
	Width float64 `json:"width"`
}

// Row is one step's row of the flowchart table.
type Row struct {
	Step   int     `json:"step"` // 1-based step number
	Y      float64 `json:"y"`
	Height float64 `json:"height"`
}

// Cell is a text cell of a step's row. Its text is also drawn as Texts; Lines
// records how it was wrapped.
type Cell struct {
	Step   int      `json:"step"`
	Key    string   `json:"key"`  // no, activity, requirements, time, output, note
	Size   float64  `json:"size"` // text size; less than BodySize in a row shrunk to fit a page
	X      float64  `json:"x"`
	Y      float64  `json:"y"`
	Width  float64  `json:"width"`
	Height float64  `json:"height"`
	Lines  []string `json:"lines"`
}

// PageKind says what a page holds.
type PageKind string

// The page kinds.
const (
	PageIdentity  PageKind = "identity"  // the identity page (Bagian Identitas)
	PageFlowchart PageKind = "flowchart" // a page of the flowchart table
	PageBPMN      PageKind = "bpmn"      // a page of the BPMN view
)

// ShapeKind says which symbol a shape is.
type ShapeKind string

// Shape kinds.
const (
	ShapeStart    ShapeKind = "start"
	ShapeProcess  ShapeKind = "process"
	ShapeDecision ShapeKind = "decision"
	ShapeEnd      ShapeKind = "end"
	ShapeOffPage  ShapeKind = "offpage"
	// BPMN view.
	ShapeStartEvent ShapeKind = "startEvent"
	ShapeTask       ShapeKind = "task"
	ShapeGateway    ShapeKind = "gateway"
	ShapeEndEvent   ShapeKind = "endEvent"
	// BPMN intermediate link events, a pair for a flow that crosses pages
	// of the BPMN view: the throw event ends it on one page (a filled
	// arrow), the catch event goes on from it on another (an outlined one).
	ShapeLinkThrow ShapeKind = "linkThrow"
	ShapeLinkCatch ShapeKind = "linkCatch"
)

// Shape is one symbol. X, Y is its top left corner.
type Shape struct {
	ID     string    `json:"id"`
	Step   int       `json:"step,omitempty"` // 0 for an off-page connector
	Kind   ShapeKind `json:"kind"`
	Actor  string    `json:"actor,omitempty"`
	X      float64   `json:"x"`
	Y      float64   `json:"y"`
	Width  float64   `json:"width"`
	Height float64   `json:"height"`
	Label  string    `json:"label,omitempty"` // "Mulai", "Selesai", an off-page letter
	Lines  []string  `json:"lines,omitempty"` // wrapped text inside (BPMN tasks)
	// Stroke is the outline's width; 0 means the kind's (StrokeWidth).
	// WriteJSON writes it always, so that the JSON can be drawn as it is.
	Stroke float64 `json:"stroke,omitempty"`

	// Shapes carry their text as metadata only: every visible glyph of a
	// page is one of its Texts.
}

// Connector is one flow line: an orthogonal polyline from shape From to shape
// To, with an arrowhead at its last point when Arrow is set.
type Connector struct {
	From   string       `json:"from"`
	To     string       `json:"to"`
	Label  string       `json:"label,omitempty"` // a decision exit's label; drawn as a Text of class "label"
	Arrow  bool         `json:"arrow"`
	Points [][2]float64 `json:"points"`
	// Stroke is the line's width; 0 means ConnectorStroke. WriteJSON
	// writes it always.
	Stroke float64 `json:"stroke,omitempty"`
}

// Rule is a straight line of the table grid or a frame.
type Rule struct {
	X1    float64 `json:"x1"`
	Y1    float64 `json:"y1"`
	X2    float64 `json:"x2"`
	Y2    float64 `json:"y2"`
	Width float64 `json:"width"` // stroke width
}

// Anchor is where a text's anchor point lies along its line.
type Anchor string

// The anchors.
const (
	AnchorStart  Anchor = "start" // the zero value means it too
	AnchorMiddle Anchor = "middle"
	AnchorEnd    Anchor = "end"
)

// Text is one line of text. X, Y is the anchor point on the baseline.
type Text struct {
	X         float64 `json:"x"`
	Y         float64 `json:"y"`
	Size      float64 `json:"size"`
	Bold      bool    `json:"bold,omitempty"`
	Underline bool    `json:"underline,omitempty"`
	Anchor    Anchor  `json:"anchor,omitempty"` // AnchorStart (default), AnchorMiddle or AnchorEnd
	Rotate    bool    `json:"rotate,omitempty"` // turned 90° counter-clockwise about X, Y
	Class     string  `json:"class,omitempty"`  // what it is: header, activity, label, ...
	Text      string  `json:"text"`
}

// Image is a raster image (the logo), PNG or JPEG bytes placed in a box.
type Image struct {
	X      float64 `json:"x"`
	Y      float64 `json:"y"`
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
	Mime   string  `json:"mime"`
	Data   []byte  `json:"-"`
}
