package render_test

import (
	"math"
	"strings"
	"testing"

	"github.com/sopflow/sopflow/render"
)

func TestParsePaper(t *testing.T) {
	for _, c := range []struct {
		name, want string
		w, h       float64 // mm
	}{
		{"a4", "a4", 210, 297},
		{" A4 ", "a4", 210, 297},
		{"a3", "a3", 297, 420},
		{"F4", "f4", 215, 330},
		{"letter", "letter", 215.9, 279.4},
		{"legal", "legal", 215.9, 355.6},
		{"210x330mm", "210x330mm", 210, 330},
		{"330X210MM", "330x210mm", 210, 330}, // portrait whatever the order
		{"50x5000mm", "50x5000mm", 50, 5000},
	} {
		p, err := render.ParsePaper(c.name)
		if err != nil {
			t.Errorf("%q: %v", c.name, err)
			continue
		}
		if p.Name != c.want || math.Abs(p.Width/render.Mm-c.w) > 0.1 || math.Abs(p.Height/render.Mm-c.h) > 0.1 {
			t.Errorf("%q: %s %.1f x %.1f mm, want %s %g x %g", c.name, p.Name, p.Width/render.Mm, p.Height/render.Mm, c.want, c.w, c.h)
		}
	}
	for name, want := range map[string]string{
		"b5":         `unknown paper "b5" (want a4, a3, f4, letter, legal or WxHmm such as 210x330mm)`,
		"210x330":    `unknown paper "210x330"`,
		"210x330cm":  `unknown paper "210x330cm"`,
		"":           `unknown paper ""`,
		"10x10mm":    "paper 10x10mm is out of range (want each side from 50 to 5000 mm)",
		"210x5001mm": "out of range",
		"nanxnanmm":  "out of range",
	} {
		if _, err := render.ParsePaper(name); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", name, err, want)
		}
	}
}
