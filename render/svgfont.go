package render

import (
	"encoding/base64"
	"slices"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// svgFontFamily is the family name of the faces that WriteOptions.EmbedFont
// embeds, ahead of FontFamily in the SVG's font-family.
const svgFontFamily = "sopflow-sans"

// svgFontFaces returns the CSS @font-face rules that embed, as base64
// TrueType data, the subsets of the two embedded faces that the texts of
// pages use: only the faces used, only their glyphs (fpdf's subsetter, the
// one the PDF writer embeds with). The output depends only on the texts.
func svgFontFaces(pages []Page) string {
	var regular, bold []rune
	seen := map[bool]map[rune]bool{false: {}, true: {}}
	for i := range pages {
		for _, t := range pages[i].Texts {
			for _, r := range t.Text {
				if !seen[t.Bold][r] {
					seen[t.Bold][r] = true
					if t.Bold {
						bold = append(bold, r)
					} else {
						regular = append(regular, r)
					}
				}
			}
		}
	}
	var b strings.Builder
	for _, f := range []struct {
		runes []rune
		bold  bool
	}{{regular, false}, {bold, true}} {
		if len(f.runes) == 0 {
			continue
		}
		slices.Sort(f.runes)
		sub := fpdf.UTF8CutFont(FontFace(f.bold).ttf, string(f.runes))
		b.WriteString(`@font-face{font-family:"` + svgFontFamily + `";font-weight:`)
		if f.bold {
			b.WriteString("bold")
		} else {
			b.WriteString("normal")
		}
		b.WriteString(`;src:url(data:font/ttf;base64,`)
		b.WriteString(base64.StdEncoding.EncodeToString(sub))
		b.WriteString(`) format("truetype")}`)
	}
	return b.String()
}
