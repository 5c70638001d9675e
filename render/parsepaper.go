package render

import (
	"fmt"
	"strings"
)

// The sides ParsePaper accepts for a WxHmm paper, in millimetres.
const (
	MinPaperSide = 50
	MaxPaperSide = 5000
)

// a3 is the paper a3 of ParsePaper; PaperSize does not know it.
var a3 = Paper{"a3", 297 * Mm, 420 * Mm}

// ParsePaper returns the paper called name, in any case and with blanks
// around it ignored: a4, a3, f4, letter, legal, or WxHmm (such as
// 210x330mm), each side from MinPaperSide to MaxPaperSide millimetres. A
// WxHmm paper is portrait whatever the order of its sides, and named as
// given, in lower case.
func ParsePaper(name string) (Paper, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	if p, ok := PaperSize(n); ok {
		return p, nil
	}
	if n == a3.Name {
		return a3, nil
	}
	var w, h float64
	var rest string
	if k, err := fmt.Sscanf(n, "%gx%g%s", &w, &h, &rest); k == 3 && err == nil && rest == "mm" {
		if !(w >= MinPaperSide && h >= MinPaperSide && w <= MaxPaperSide && h <= MaxPaperSide) {
			return Paper{}, fmt.Errorf("paper %s is out of range (want each side from %d to %d mm)", name, MinPaperSide, MaxPaperSide)
		}
		return Paper{Name: n, Width: min(w, h) * Mm, Height: max(w, h) * Mm}, nil
	}
	return Paper{}, fmt.Errorf("unknown paper %q (want a4, a3, f4, letter, legal or WxHmm such as 210x330mm)", name)
}
