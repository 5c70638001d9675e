package table

import (
	"github.com/sopflow/sopflow/render"
	"slices"
	"strings"
)

// titlePrefixes are the openings of a procedure's name that already say
// "procedure", so the title label is not printed before them (besides the
// title label itself).
var titlePrefixes = []string{"standar operasional prosedur", "prosedur", "sop", "pos"}

// titleText returns the title above the flowchart table: the title label
// and the name in upper case, without the label when the name already
// starts with it, or with Prosedur, SOP, POS or Standar Operasional
// Prosedur (in any case).
func titleText(label, name string) string {
	lower := strings.ToLower(strings.TrimSpace(name))
	opens := func(p string) bool {
		return p != "" && strings.HasPrefix(lower, p) && (len(lower) == len(p) || !isLetterOrDigit(lower[len(p)]))
	}
	if opens(strings.ToLower(strings.TrimSpace(label))) || slices.ContainsFunc(titlePrefixes, opens) {
		return upperID(strings.TrimSpace(name))
	}
	if label == "" {
		return upperID(name)
	}
	return label + " " + upperID(name)
}

func isLetterOrDigit(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}

// balancedLines wraps s in bold at size into width; when it takes exactly
// two lines, the break moves to the space that makes the two lines most
// equal in width.
func balancedLines(s string, size, width float64) []string {
	f := render.FontFace(true)
	lines := f.Wrap(s, size, width)
	if len(lines) != 2 || strings.ContainsAny(s, "\n") {
		return lines
	}
	best, bestW := -1, f.Width(lines[0], size)
	if w := f.Width(lines[1], size); w > bestW {
		bestW = w
	}
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' {
			continue
		}
		a, b := strings.TrimRight(s[:i], " "), strings.TrimLeft(s[i:], " ")
		if a == "" || b == "" {
			continue
		}
		w := max(f.Width(a, size), f.Width(b, size))
		if w <= width && w < bestW-0.01 {
			best, bestW = i, w
		}
	}
	if best < 0 {
		return lines
	}
	return []string{strings.TrimRight(s[:best], " "), strings.TrimLeft(s[best:], " ")}
}
