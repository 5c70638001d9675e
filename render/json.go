package render

import (
	"encoding/base64"
	"encoding/json"
	"io"
)

// WriteJSON writes d as indented JSON (the layout, for other tools and
// tests), with every stroke width filled in, so that a program in another
// language can draw it without knowing sopflow's defaults.
func WriteJSON(w io.Writer, d *Diagram) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(withStrokes(d))
}

// withStrokes returns a copy of d whose shapes and connectors carry their
// stroke widths.
func withStrokes(d *Diagram) *Diagram {
	if d == nil {
		return nil
	}
	c := *d
	c.Pages = make([]Page, len(d.Pages))
	for i, p := range d.Pages {
		p.Shapes = append([]Shape(nil), p.Shapes...)
		for k := range p.Shapes {
			p.Shapes[k].Stroke = StrokeWidth(p.Shapes[k])
		}
		p.Connectors = append([]Connector(nil), p.Connectors...)
		for k := range p.Connectors {
			p.Connectors[k].Stroke = LineWidth(p.Connectors[k])
		}
		c.Pages[i] = p
	}
	return &c
}

func base64Std(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
