// Package xmlfmt writes numbers and text into XML (SVG, BPMN 2.0) the one
// way every writer does.
package xmlfmt

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// AppendNum appends v with at most two decimals and no trailing zeros
// ("12", "12.5", "-0.25"; never "-0").
func AppendNum(b []byte, v float64) []byte {
	// Most coordinates are whole hundredths already: v*100 is then an
	// integer k, and v's two-decimal form is k's digits with the point
	// before the last two (v lies within a rounding error of k/100, far
	// from any halfway point). Others go through strconv.
	if p := v * 100; p == math.Trunc(p) && math.Abs(p) < 1<<40 {
		return appendHundredths(b, int64(p))
	}
	return appendNumSlow(b, v)
}

// appendHundredths appends k/100 as AppendNum writes it.
func appendHundredths(b []byte, k int64) []byte {
	if k < 0 {
		b = append(b, '-')
		k = -k
	}
	b = strconv.AppendInt(b, k/100, 10)
	switch f := k % 100; {
	case f == 0:
	case f%10 == 0:
		b = append(b, '.', byte('0'+f/10))
	default:
		b = append(b, '.', byte('0'+f/10), byte('0'+f%10))
	}
	return b
}

// appendNumSlow is AppendNum through strconv.
func appendNumSlow(b []byte, v float64) []byte {
	n := len(b)
	b = strconv.AppendFloat(b, v, 'f', 2, 64)
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	if string(b[n:]) == "-0" {
		b = append(b[:n], '0')
	}
	return b
}

// Num is AppendNum as a string.
func Num(v float64) string { return string(AppendNum(nil, v)) }

// AppendEscape appends s escaped for XML character data or an attribute
// value in single or double quotes: <, >, &, " and ' as references. In an
// attribute (attr), line breaks and tabs become character references too,
// so that they survive attribute value normalisation. Characters XML 1.0
// forbids are dropped: the only case where text does not appear as written.
func AppendEscape(b []byte, s string, attr bool) []byte {
	for _, r := range s {
		switch {
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '"':
			b = append(b, "&quot;"...)
		case r == '\'':
			b = append(b, "&#39;"...)
		case attr && r == '\n':
			b = append(b, "&#10;"...)
		case attr && r == '\t':
			b = append(b, "&#9;"...)
		case attr && r == '\r':
			b = append(b, "&#13;"...)
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			// Not allowed in XML 1.0.
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// Escape is AppendEscape as a string.
func Escape(s string, attr bool) string { return string(AppendEscape(nil, s, attr)) }
