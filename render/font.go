package render

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Face is one embedded font face with its advance widths, measured with
// sfnt (not font.MeasureString, which over-kerns opentype faces,
// golang/go#46727). The embedded fonts are Liberation Sans 2.x, the metric
// twin of Arial, so text measures the same on every host.
type Face struct {
	name string // PostScript-style name, "LiberationSans" or "LiberationSans-Bold"
	ttf  []byte // the font file
	sfnt *sfnt.Font

	unitsPerEm float64
	ascent     float64 // in em
	descent    float64 // in em, positive

	mu    sync.Mutex
	adv   map[rune]float64 // advance in em, beyond ASCII
	ascii [0x80]float64    // advance in em of the ASCII runes, read without locking
	buf   sfnt.Buffer
}

var (
	facesOnce             sync.Once
	regularFace, boldFace *Face
)

// The embedded faces are parsed once, on first use; they are read-only data,
// not configuration.
func faces() (*Face, *Face) {
	facesOnce.Do(func() {
		regularFace = mustFace("LiberationSans", liberationsansregular.TTF)
		boldFace = mustFace("LiberationSans-Bold", liberationsansbold.TTF)
	})
	return regularFace, boldFace
}

// Leading is the line height of text, in em.
const Leading = 1.15

// FontFace returns the embedded regular or bold face.
func FontFace(bold bool) *Face {
	r, b := faces()
	if bold {
		return b
	}
	return r
}

func mustFace(name string, ttf []byte) *Face {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		panic("render: embedded font " + name + ": " + err.Error()) // cannot happen: the data is embedded
	}
	upem := float64(f.UnitsPerEm())
	var buf sfnt.Buffer
	m, err := f.Metrics(&buf, fixed.I(int(upem)), font.HintingNone)
	if err != nil {
		panic("render: embedded font " + name + ": " + err.Error())
	}
	face := &Face{
		name:       name,
		ttf:        ttf,
		sfnt:       f,
		unitsPerEm: upem,
		ascent:     float64(m.Ascent) / 64 / upem,
		descent:    float64(m.Descent) / 64 / upem,
		adv:        make(map[rune]float64, 64),
	}
	for r := rune(0); r < 0x80; r++ {
		face.ascii[r] = face.measure(r)
	}
	return face
}

// Ascent and Descent return the face's ascent and descent (positive) at size.
func (f *Face) Ascent(size float64) float64  { return f.ascent * size }
func (f *Face) Descent(size float64) float64 { return f.descent * size }

// advance returns the advance width of r in em. Runes the font lacks measure
// as the font's notdef glyph.
func (f *Face) advance(r rune) float64 {
	if r >= 0 && r < 0x80 {
		return f.ascii[r]
	}
	if a, ok := f.adv[r]; ok {
		return a
	}
	a := f.measure(r)
	f.adv[r] = a
	return a
}

// measure reads the advance of r in em from the font.
func (f *Face) measure(r rune) float64 {
	x, err := f.sfnt.GlyphIndex(&f.buf, r)
	if err != nil {
		return 0
	}
	v, err := f.sfnt.GlyphAdvance(&f.buf, x, fixed.I(int(f.unitsPerEm)), font.HintingNone)
	if err != nil {
		return 0
	}
	return float64(v) / 64 / f.unitsPerEm
}

// Width returns the advance width of s at size points.
func (f *Face) Width(s string, size float64) float64 {
	w := 0.0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return f.widthSlow(s, size)
		}
		w += f.ascii[c]
	}
	return w * size
}

// widthSlow measures text beyond ASCII, through the rune cache.
func (f *Face) widthSlow(s string, size float64) float64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	w := 0.0
	for _, r := range s {
		w += f.advance(r)
	}
	return w * size
}

// GlyphIndex returns the glyph of r (0 when the font lacks it).
func (f *Face) GlyphIndex(r rune) sfnt.GlyphIndex {
	f.mu.Lock()
	defer f.mu.Unlock()
	x, err := f.sfnt.GlyphIndex(&f.buf, r)
	if err != nil {
		return 0
	}
	return x
}

// Wrap breaks s into lines no wider than width at size: at spaces, after
// hyphens and slashes, and inside a word that alone is wider than width. Such
// a word breaks at the latest syllable boundary that fits (see hyphenPoints)
// with a hyphen at the end of the line, or, when no syllable fits, between
// runes (with a hyphen between two letters). Explicit newlines are kept. No
// character is ever dropped except the spaces at which a line breaks.
func (f *Face) Wrap(s string, size, width float64) []string {
	if strings.IndexByte(s, '\n') < 0 {
		return f.wrapPara(nil, trimCR(s), size, width) // one paragraph
	}
	var out []string
	for _, para := range splitLines(s) {
		out = f.wrapPara(out, para, size, width)
	}
	return out
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, trimCR(s[start:i]))
			start = i + 1
		}
	}
	return append(out, trimCR(s[start:]))
}

func trimCR(s string) string {
	if n := len(s); n > 0 && s[n-1] == '\r' {
		return s[:n-1]
	}
	return s
}

// wrapPara wraps one paragraph greedily and appends its lines to lines.
func (f *Face) wrapPara(lines []string, s string, size, width float64) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	limit := width / size // in em
	first := len(lines)
	var lineBuf [128]byte
	line := lineBuf[:0] // each line is copied out by flush
	lineW := 0.0
	flush := func() {
		lines = append(lines, string(line))
		line, lineW = line[:0], 0
	}
	var tokBuf [32]token
	for _, tok := range appendTokens(tokBuf[:0], s) {
		word, space := tok.word, tok.space
		ww := 0.0
		for _, r := range word {
			ww += f.advance(r)
		}
		sw := 0.0
		if space && len(line) > 0 {
			sw = f.advance(' ')
		}
		if len(line) > 0 && lineW+sw+ww > limit {
			if ww > limit {
				// A word that must break anyway starts on this line when
				// a syllable of it fits.
				if n, _ := f.breakWord(word, limit-lineW-sw, false); n > 0 {
					if sw > 0 {
						line = append(line, ' ')
					}
					line = append(line, word[:n]...)
					line = append(line, '-')
					word = word[n:]
					ww = f.advanceOf(word)
				}
			}
			flush()
			sw = 0
		}
		for ww > limit && len(word) > 0 {
			// A word wider than the whole line.
			n, hy := f.breakWord(word, limit, true)
			line = append(line, word[:n]...)
			if hy {
				line = append(line, '-')
			}
			flush()
			word = word[n:]
			ww = f.advanceOf(word)
		}
		if len(word) == 0 {
			continue
		}
		if sw > 0 {
			line = append(line, ' ')
		}
		line = append(line, word...)
		lineW += sw + ww
	}
	if len(line) > 0 || len(lines) == first {
		lines = append(lines, string(line))
	}
	return lines
}

// advanceOf returns the width of s in em; f.mu is held.
func (f *Face) advanceOf(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += f.advance(r)
	}
	return w
}

// breakWord returns how many bytes of word go on a line with room em left,
// and whether a hyphen follows them: the latest syllable break whose part
// and hyphen fit. Failing that, it returns 0 unless must is set: then as
// many runes as fit, at least one, with a hyphen when word is a word of
// letters (not a number or an address). f.mu is held.
func (f *Face) breakWord(word string, room float64, must bool) (n int, hyphen bool) {
	hw := f.advance('-')
	var buf [16]int
	pts := hyphenPoints(word, buf[:0])
	for k := len(pts) - 1; k >= 0; k-- {
		if f.advanceOf(word[:pts[k]])+hw <= room {
			return pts[k], true
		}
	}
	if !must {
		return 0, false
	}
	letters := lettersOnly(word)
	w := 0.0
	for n < len(word) {
		r, sz := utf8.DecodeRuneInString(word[n:])
		a := f.advance(r)
		need := 0.0
		if letters && n+sz < len(word) {
			need = hw
		}
		if n > 0 && w+a+need > room {
			break
		}
		w += a
		n += sz
	}
	if letters && word[:n] != word {
		// Not inside a consonant digraph (ng, ny, sy, kh), and not
		// leaving one letter alone on either side, where a letter less
		// will do.
		for n > 2 && (len(word)-n < 2 || digraph(word[n-1], word[n])) {
			_, sz := utf8.DecodeLastRuneInString(word[:n])
			n -= sz
		}
	}
	return n, letters && n < len(word)
}

// digraph reports whether a and b spell one Indonesian consonant.
func digraph(a, b byte) bool {
	a, b = a|0x20, b|0x20
	return (a == 'n' && (b == 'g' || b == 'y')) || (a == 's' && b == 'y') || (a == 'k' && b == 'h')
}

// lettersOnly reports whether word is letters, but for punctuation at its
// ends.
func lettersOnly(word string) bool {
	word = strings.TrimFunc(word, unicode.IsPunct)
	for _, r := range word {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return word != ""
}

type token struct {
	word  string
	space bool // preceded by a space
}

// Words returns the words of s as Wrap breaks it: at runs of spaces, and
// after "-" or "/" inside a word.
func Words(s string) []string {
	tks := tokens(s)
	out := make([]string, len(tks))
	for i, tk := range tks {
		out[i] = tk.word
	}
	return out
}

// SplitLines returns the paragraphs of s: its lines, without carriage
// returns.
func SplitLines(s string) []string { return splitLines(s) }

// tokens splits s into words at runs of spaces, and after '-' or '/' inside
// a word, or after a run of them (the break keeps the marks at the end of
// the line).
func tokens(s string) []token {
	return appendTokens(make([]token, 0, strings.Count(s, " ")+1), s)
}

// appendTokens appends the tokens of s (see tokens) to out.
func appendTokens(out []token, s string) []token {
	space := false
	start := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			if start >= 0 {
				out = append(out, token{s[start:i], space})
				start = -1
			}
			space = true
		case (c == '-' || c == '/') && start >= 0 && i-start >= 2 && i+2 < len(s) && s[i+1] != ' ' && s[i+1] != c && s[i+2] != ' ':
			// (Not inside a run of marks, as the "//" of a URL, nor to
			// leave a single character, as in "H-3".)
			out = append(out, token{s[start : i+1], space})
			start = i + 1
			space = false
		default:
			if start < 0 {
				start = i
			}
		}
	}
	if start >= 0 {
		out = append(out, token{s[start:], space})
	}
	return out
}

// Underlines are bars whose middle lies UnderlineOffset em below the
// baseline, UnderlineThickness em thick; every writer draws them so. (The
// embedded faces' own post-table values put the line almost on the
// baseline.)
const (
	UnderlineOffset    = 0.1
	UnderlineThickness = 0.06
)

// TextAdvance returns how far a Text's first glyph starts from its anchor
// point along the baseline (0, -w/2 or -w), and its width w.
func TextAdvance(t Text) (start, w float64) {
	w = FontFace(t.Bold).Width(t.Text, t.Size)
	switch t.Anchor {
	case AnchorMiddle:
		return -w / 2, w
	case AnchorEnd:
		return -w, w
	}
	return 0, w
}
