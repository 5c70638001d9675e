package render

// Mm is one millimetre in points.
const Mm = 72 / 25.4

// Paper is a sheet size in points, portrait (Width < Height).
type Paper struct {
	Name          string
	Width, Height float64
}

// The paper sizes.
var (
	A4     = Paper{"a4", 595.28, 841.89}
	F4     = Paper{"f4", 215 * Mm, 330 * Mm} // Folio
	Letter = Paper{"letter", 612, 792}
	Legal  = Paper{"legal", 612, 1008}
)

// PaperSize returns the paper called name (a4, f4, letter, legal).
func PaperSize(name string) (Paper, bool) {
	for _, p := range []Paper{A4, F4, Letter, Legal} {
		if p.Name == name {
			return p, true
		}
	}
	return Paper{}, false
}
