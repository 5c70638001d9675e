package render

// Hyphenation: where a word too wide for its line may break with a hyphen.
//
// Indonesian syllables follow regular rules (Pedoman Umum Ejaan Bahasa
// Indonesia, "pemenggalan kata"):
//
//   - two vowels side by side break between them: di-a-ju-kan, ke-a-da-an;
//   - one consonant between vowels goes with the next vowel (V-KV): ke-bu-tu-han;
//   - two consonants break between them (VK-KV): ker-ja, pem-ro-se-san;
//   - three or more break after the first (VK-KKV): in-stru-men, mem-pro-ses;
//   - ng, ny, sy and kh are one consonant (me-nye-rah-kan, per-sya-ra-tan,
//     a-khir), and the diphthongs ai, au and oi one vowel (se-su-ai-an);
//   - the prefixes me-, mem-, men-, meng-, meny-, di-, ber-, ter-, pe-, pem-,
//     pen-, peng-, per-, ke- and se- are their own syllables. Mostly the rules
//     above already say so (mem-ban-tu, di-kem-ba-li-kan, ber-sa-ma); the
//     prefix changes the break where they do not: meng-/peng- before a vowel
//     (peng-a-du-an, not pe-nga-du-an), ber-/ter- before a vowel of a longer
//     root (ter-a-khir), and a short prefix before a consonant cluster that
//     may open a syllable (di-pro-ses, not dip-ro-ses). A nasal prefix that
//     replaced the root's first consonant gives the nasal to the root, as
//     spoken: me-nan-da-ta-nga-ni (tanda tangan), pe-nye-leng-ga-ra-an.
//
// English words (told apart by spellings Indonesian does not use: th, ph,
// ck, tion, a final silent e, ...) break between two consonants (VC-CV, not
// inside th, ch, sh, ph, wh, ck, gh, qu), and before the suffixes -tion,
// -sion, -ment, -ness, -ing, -able, -ible, -ful and -less.
//
// In both, a break leaves at least two letters on either side.

// hyphenMin is the fewest letters a break leaves on either side.
const hyphenMin = 2

// hyphenPoints appends to pts the byte offsets inside word where it may
// break with a hyphen, in increasing order. Leading and trailing punctuation
// is skipped ("(kebutuhan)," breaks as kebutuhan does); a word with a digit
// or a non-ASCII rune or a mark inside it has no points.
func hyphenPoints(word string, pts []int) []int {
	lo, hi := 0, len(word)
	for lo < hi && !isASCIILetter(word[lo]) {
		if word[lo] >= 0x80 {
			return pts
		}
		lo++
	}
	for hi > lo && !isASCIILetter(word[hi-1]) {
		if word[hi-1] >= 0x80 {
			return pts
		}
		hi--
	}
	if hi-lo < 2*hyphenMin {
		return pts
	}
	var buf [64]byte
	if hi-lo > len(buf) {
		return pts
	}
	w := buf[:hi-lo]
	for i := range w {
		c := word[lo+i]
		if !isASCIILetter(c) {
			return pts
		}
		w[i] = c | 0x20 // lower case
	}
	n0 := len(pts)
	if isEnglish(w) {
		pts = englishBreaks(w, pts)
	} else {
		pts = indonesianBreaks(w, pts)
	}
	// Keep hyphenMin letters on each side, and shift to word offsets.
	k := n0
	for _, p := range pts[n0:] {
		if p >= hyphenMin && len(w)-p >= hyphenMin {
			pts[k] = p + lo
			k++
		}
	}
	return pts[:k]
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

// unit is one sound of a lower-case word: a letter, a consonant digraph (ng,
// ny, sy, kh) or a diphthong (ai, au, oi).
type unit struct {
	at, n int // byte offset and length
	vowel bool
}

// indonesianUnits splits w into units.
func indonesianUnits(w []byte, us []unit) []unit {
	for i := 0; i < len(w); {
		c := w[i]
		var d byte
		if i+1 < len(w) {
			d = w[i+1]
		}
		switch {
		case isVowel(c):
			// A diphthong, unless its second vowel starts a syllable of its
			// own before another vowel's consonant cluster (rare; kept).
			if c == 'a' && (d == 'i' || d == 'u') || c == 'o' && d == 'i' {
				us = append(us, unit{i, 2, true})
				i += 2
				continue
			}
			us = append(us, unit{i, 1, true})
		case c == 'n' && (d == 'g' || d == 'y'), c == 's' && d == 'y', c == 'k' && d == 'h':
			us = append(us, unit{i, 2, false})
			i += 2
			continue
		default:
			us = append(us, unit{i, 1, false})
		}
		i++
	}
	return us
}

// indonesianBreaks appends the syllable breaks of the lower-case word w.
func indonesianBreaks(w []byte, pts []int) []int {
	var ubuf [64]unit
	us := indonesianUnits(w, ubuf[:0])
	n0 := len(pts)
	// Between each two vowel units, break by the number of consonant
	// units between them.
	prev := -1 // index of the previous vowel unit
	for i, u := range us {
		if !u.vowel {
			continue
		}
		if prev >= 0 {
			k := i - prev - 1 // consonants between
			var at int
			switch {
			case k == 0:
				at = u.at
			case k == 1:
				at = us[prev+1].at // V-KV
			default:
				at = us[prev+2].at // after the first consonant
			}
			pts = append(pts, at)
		}
		prev = i
	}
	return indonesianPrefix(w, pts, n0)
}

// onsetCluster reports whether the consonants a, b may open a syllable
// (pr, tr, kl, ...): a short prefix stays whole before them.
func onsetCluster(a, b byte) bool {
	if b != 'r' && b != 'l' {
		return false
	}
	switch a {
	case 'b', 'd', 'f', 'g', 'k', 'p', 't':
		return !(a == 't' && b == 'l' || a == 'd' && b == 'l')
	}
	return false
}

// indonesianPrefix adjusts the first break of pts[n0:] for a prefix where
// the syllable rules would cut it.
func indonesianPrefix(w []byte, pts []int, n0 int) []int {
	if len(pts) == n0 {
		return pts
	}
	at := func(i int) byte {
		if i < len(w) {
			return w[i]
		}
		return 0
	}
	hasPrefix := func(p string) bool { return len(w) > len(p) && string(w[:len(p)]) == p }
	first := pts[n0]
	switch {
	case (hasPrefix("meng") || hasPrefix("peng")) && isVowel(at(4)) && at(4) != 'e':
		// peng-a-du-an, meng-am-bil: the ng stays with the prefix (but
		// pe-nge-sah-an, me-nge-lu-ar-kan: penge-, or a k the nasal replaced).
		if first == 2 {
			pts[n0] = 4
		}
	case (hasPrefix("ber") || hasPrefix("ter")) && isVowel(at(3)) && len(w) >= 8:
		// ter-a-khir, ber-u-pa; a short word is likely a root (be-ras,
		// te-ri-ma).
		if first == 2 {
			pts[n0] = 3
		}
	case (hasPrefix("di") || hasPrefix("ke") || hasPrefix("se") || hasPrefix("me") || hasPrefix("pe")) &&
		onsetCluster(at(2), at(3)) && isVowel(at(4)):
		// di-pro-ses, se-kre-ta-ris.
		if first == 3 {
			pts[n0] = 2
		}
	}
	return pts
}

// isEnglish reports whether the lower-case word w is spelled as English and
// not as Indonesian: th, ph, ck, sh, wh, ee, ou, q, x, a c before a
// consonant other than h, a y before a consonant, or the ending -tion.
func isEnglish(w []byte) bool {
	n := len(w)
	for i := 0; i+1 < n; i++ {
		a, b := w[i], w[i+1]
		switch {
		case b == 'h' && (a == 't' || a == 'p' || a == 's' || a == 'w'),
			a == 'c' && b == 'k', a == 'e' && b == 'e', a == 'o' && b == 'u', a == 'q', a == 'x',
			a == 'c' && !isVowel(b) && b != 'h', a == 'y' && !isVowel(b) && i > 0:
			return true
		}
	}
	return w[n-1] == 'x' || n >= 4 && string(w[n-4:]) == "tion"
}

// englishSuffixes break off as their own syllable.
var englishSuffixes = []string{"tion", "sion", "ment", "ness", "ing", "able", "ible", "ful", "less"}

// englishBreaks appends the breaks of the lower-case English word w: a
// suffix (before a plural s) breaks off, and a run of two or more consonants
// between vowels breaks after its first consonant or digraph.
func englishBreaks(w []byte, pts []int) []int {
	vowel := func(i int) bool {
		c := w[i]
		return isVowel(c) || c == 'y' && i > 0
	}
	stem := w
	if n := len(w); n > 0 && w[n-1] == 's' {
		stem = w[:n-1]
	}
	cut := len(w)
	for _, s := range englishSuffixes {
		if len(stem) >= len(s)+hyphenMin+1 && string(stem[len(stem)-len(s):]) == s {
			cut = len(stem) - len(s)
			break
		}
	}
	n0 := len(pts)
	for i := 1; i < cut; {
		if !vowel(i-1) || vowel(i) {
			i++
			continue
		}
		j := i // the consonants w[i:j] follow a vowel
		for j < len(w) && !vowel(j) {
			j++
		}
		first := 1 // the break after the first consonant, or digraph (check-list)
		if j-i > 2 && englishDigraph(w[i], w[i+1]) {
			first = 2
		}
		if j < len(w) && j-i >= 2 && i+first < cut {
			pts = append(pts, i+first)
		}
		i = j + 1
	}
	if cut < len(w) {
		// A suffix wins over a break less than hyphenMin before it
		// (process-ing, not proces-s-ing).
		if n := len(pts); n > n0 && cut-pts[n-1] < hyphenMin {
			pts = pts[:n-1]
		}
		pts = append(pts, cut)
	}
	return pts
}

func englishDigraph(a, b byte) bool {
	switch {
	case b == 'h':
		return a == 't' || a == 'c' || a == 's' || a == 'p' || a == 'w' || a == 'g'
	case a == 'c' && b == 'k', a == 'q' && b == 'u', a == 'n' && b == 'g', a == 'n' && b == 'k':
		return true
	}
	return false
}
