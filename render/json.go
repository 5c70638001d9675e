package render

import (
	"encoding/base64"
	"encoding/json"
	"io"
)

// WriteJSON writes d as indented JSON (the layout, for other tools and tests).
func WriteJSON(w io.Writer, d *Diagram) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(d)
}

func base64Std(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
