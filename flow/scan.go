package flow

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file keeps the key-to-position index that BurntSushi/toml does not
// give: a small scanner walks the source once more, after the decoder has
// accepted it, and records where each key and each value starts.
//
// The scanner understands the parts of TOML that move positions around:
// comments, the four kinds of strings (multi-line ones included), arrays and
// inline tables over several lines, dotted and quoted keys, table headers and
// arrays of tables. It works on any input without panicking; on input that is
// not valid TOML its answers are only approximate, which does not matter
// because Parse reports syntax errors before it asks.

// keyPos is where a key and its value start. Either may be the zero Pos.
type keyPos struct {
	Key, Val Pos
}

// posIndex maps a key path to positions. A path is the chain of keys from
// the document root, with the 0-based index for array elements and for each
// [[array-of-tables]] entry: ("steps", "2", "actor", "1") is the second actor
// of the third step, and ("steps", "2") is the header of the third step.
type posIndex map[string]keyPos

// pathKey joins a key path into a posIndex key.
func pathKey(path ...string) string { return strings.Join(path, "\x00") }

// lookup returns the positions recorded for path.
func (x posIndex) lookup(path ...string) keyPos { return x[pathKey(path...)] }

// scanner is the position scanner's state.
type scanner struct {
	src       []byte
	i         int // offset of the next byte
	line      int // 1-based line of src[i]
	lineStart int // offset of the first byte of the line
	index     posIndex
	arrays    map[string]int // array-of-tables path -> entries seen
}

// scanPositions builds the position index of src.
func scanPositions(src []byte) posIndex {
	s := &scanner{
		src:    src,
		line:   1,
		index:  make(posIndex),
		arrays: make(map[string]int),
	}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		// The decoder drops a byte order mark before counting columns.
		s.src = src[3:]
	}
	s.document()
	return s.index
}

func (s *scanner) eof() bool { return s.i >= len(s.src) }

// peek returns the byte k places ahead, or 0 past the end.
func (s *scanner) peek(k int) byte {
	if s.i+k < len(s.src) {
		return s.src[s.i+k]
	}
	return 0
}

// next consumes one byte, keeping the line count.
func (s *scanner) next() {
	if s.eof() {
		return
	}
	if s.src[s.i] == '\n' {
		s.line++
		s.lineStart = s.i + 1
	}
	s.i++
}

func (s *scanner) pos() Pos { return Pos{Line: s.line, Col: s.i - s.lineStart + 1} }

// record stores p as the key or value position of path, keeping the first.
func (s *scanner) record(path []string, key bool, p Pos) {
	k := pathKey(path...)
	kp := s.index[k]
	if key && kp.Key.Line == 0 {
		kp.Key = p
	}
	if !key && kp.Val.Line == 0 {
		kp.Val = p
	}
	s.index[k] = kp
}

// skipSpace skips blanks, and also newlines and comments when multiline is set.
func (s *scanner) skipSpace(multiline bool) {
	for !s.eof() {
		switch c := s.src[s.i]; {
		case c == ' ' || c == '\t':
			s.next()
		case multiline && (c == '\n' || c == '\r'):
			s.next()
		case multiline && c == '#':
			s.skipLine()
		default:
			return
		}
	}
}

// skipLine skips to the end of the line, leaving the newline.
func (s *scanner) skipLine() {
	for !s.eof() && s.src[s.i] != '\n' {
		s.next()
	}
}

// document scans the whole input.
func (s *scanner) document() {
	var table []string // the path of the current table
	for !s.eof() {
		s.skipSpace(true)
		if s.eof() {
			return
		}
		start := s.i
		if s.src[s.i] == '[' {
			table = s.header()
		} else {
			s.keyValue(table)
		}
		s.skipSpace(false)
		if !s.eof() && s.src[s.i] == '#' {
			s.skipLine()
		}
		// Garbage up to the end of the line cannot be a key; step over it.
		for !s.eof() && s.src[s.i] != '\n' {
			s.next()
		}
		if s.i == start {
			s.next() // always make progress
		}
	}
}

// header scans a [table] or [[array]] header and returns the new table path.
func (s *scanner) header() []string {
	at := s.pos()
	s.next()
	array := s.peek(0) == '['
	if array {
		s.next()
	}
	s.skipSpace(false)
	keys := s.key()
	s.skipSpace(false)
	for k := 0; k < 2 && s.peek(0) == ']'; k++ {
		s.next()
	}

	// Resolve the keys: a prefix naming an array of tables means its last entry.
	var path []string
	for j, k := range keys {
		path = append(path, k)
		if n, ok := s.arrays[pathKey(path...)]; ok && (j < len(keys)-1 || !array) {
			path = append(path, strconv.Itoa(n-1))
		}
	}
	if array {
		key := pathKey(path...)
		n := s.arrays[key]
		s.arrays[key] = n + 1
		s.record(path, true, at)
		path = append(path, strconv.Itoa(n))
	}
	s.record(path, true, at)
	return path
}

// keyValue scans "key = value" in the table at path.
func (s *scanner) keyValue(table []string) {
	at := s.pos()
	keys := s.key()
	if len(keys) == 0 {
		return
	}
	path := append(append([]string(nil), table...), keys...)
	for j := len(table) + 1; j <= len(path); j++ {
		s.record(path[:j], true, at)
	}
	s.skipSpace(false)
	if s.peek(0) != '=' {
		return
	}
	s.next()
	s.skipSpace(false)
	s.value(path)
}

// key scans a possibly dotted key and returns its parts.
func (s *scanner) key() []string {
	var keys []string
	for !s.eof() {
		var k string
		switch c := s.src[s.i]; {
		case c == '"':
			k = s.basicString()
		case c == '\'':
			k = s.literalString()
		case isBare(c):
			start := s.i
			for !s.eof() && isBare(s.src[s.i]) {
				s.next()
			}
			k = string(s.src[start:s.i])
		default:
			return keys
		}
		keys = append(keys, k)
		s.skipSpace(false)
		if s.peek(0) != '.' {
			return keys
		}
		s.next()
		s.skipSpace(false)
	}
	return keys
}

func isBare(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// value scans one value of the key at path and records its position.
func (s *scanner) value(path []string) {
	s.record(path, false, s.pos())
	switch {
	case s.eof():
	case s.has(`"""`):
		s.multiString('"')
	case s.has(`'''`):
		s.multiString('\'')
	case s.src[s.i] == '"':
		s.basicString()
	case s.src[s.i] == '\'':
		s.literalString()
	case s.src[s.i] == '[':
		s.array(path)
	case s.src[s.i] == '{':
		s.inlineTable(path)
	default:
		// A number, boolean or date: it ends where the value ends.
		for !s.eof() && !strings.ContainsRune(",]}#\r\n", rune(s.src[s.i])) {
			s.next()
		}
	}
}

func (s *scanner) has(prefix string) bool {
	return strings.HasPrefix(string(s.src[s.i:min(s.i+len(prefix), len(s.src))]), prefix)
}

// array scans [v, v, ...], recording each element under its index.
func (s *scanner) array(path []string) {
	s.next()
	for n := 0; ; n++ {
		s.skipSpace(true)
		if s.eof() || s.src[s.i] == ']' {
			break
		}
		start := s.i
		s.value(append(path[:len(path):len(path)], strconv.Itoa(n)))
		s.skipSpace(true)
		if s.peek(0) == ',' {
			s.next()
		} else if s.i == start {
			s.next() // not a value: make progress
		}
	}
	s.next()
}

// inlineTable scans {k = v, ...}, recording each key under path.
func (s *scanner) inlineTable(path []string) {
	s.next()
	for {
		s.skipSpace(true)
		if s.eof() || s.src[s.i] == '}' {
			break
		}
		start := s.i
		s.keyValue(path)
		s.skipSpace(true)
		if s.peek(0) == ',' {
			s.next()
		} else if s.i == start {
			s.next()
		}
	}
	s.next()
}

// basicString scans "..." and returns its decoded content.
func (s *scanner) basicString() string {
	s.next()
	var b strings.Builder
	for !s.eof() {
		c := s.src[s.i]
		switch c {
		case '"':
			s.next()
			return b.String()
		case '\n':
			return b.String() // unterminated: stop at the line's end
		case '\\':
			s.escape(&b)
			continue
		}
		b.WriteByte(c)
		s.next()
	}
	return b.String()
}

// escape decodes the escape sequence at s.i into b.
func (s *scanner) escape(b *strings.Builder) {
	s.next() // the backslash
	if s.eof() {
		return
	}
	c := s.src[s.i]
	s.next()
	digits := 0
	switch c {
	case 'b':
		b.WriteByte('\b')
	case 't':
		b.WriteByte('\t')
	case 'n':
		b.WriteByte('\n')
	case 'f':
		b.WriteByte('\f')
	case 'r':
		b.WriteByte('\r')
	case 'e':
		b.WriteByte(0x1b)
	case 'x':
		digits = 2
	case 'u':
		digits = 4
	case 'U':
		digits = 8
	default:
		b.WriteByte(c)
	}
	if digits == 0 {
		return
	}
	end := min(s.i+digits, len(s.src))
	r, err := strconv.ParseUint(string(s.src[s.i:end]), 16, 32)
	for s.i < end {
		s.next()
	}
	if err == nil && utf8.ValidRune(rune(r)) {
		b.WriteRune(rune(r))
	}
}

// literalString scans '...' and returns its content.
func (s *scanner) literalString() string {
	s.next()
	start := s.i
	for !s.eof() && s.src[s.i] != '\'' && s.src[s.i] != '\n' {
		s.next()
	}
	k := string(s.src[start:s.i])
	if s.peek(0) == '\'' {
		s.next()
	}
	return k
}

// multiString scans a multi-line string, opened by three q quotes. The
// closing three quotes may be followed by up to two more, which belong to
// the content.
func (s *scanner) multiString(q byte) {
	s.i += 3 // the opening quotes hold no newline
	for !s.eof() {
		c := s.src[s.i]
		if c == '\\' && q == '"' {
			s.next()
			s.next()
			continue
		}
		if c == q && s.peek(1) == q && s.peek(2) == q {
			s.i += 3
			for k := 0; k < 2 && s.peek(0) == q; k++ {
				s.next()
			}
			return
		}
		s.next()
	}
}
