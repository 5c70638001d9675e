package flow

import (
	"bytes"
	"fmt"
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

// maxIndexPath is the longest key path the index records. Parse never
// looks deeper (("steps", "2", "actor", "1") is the deepest), and recording
// deeper paths would make the index grow with the square of the nesting.
const maxIndexPath = 4

// scanner is the position scanner's state.
type scanner struct {
	src       []byte
	i         int // offset of the next byte
	line      int // 1-based line of src[i]
	lineStart int // offset of the first byte of the line
	index     posIndex
	arrays    map[string]int // array-of-tables path -> entries seen

	keyBuf  []byte // record's key, being built
	lastKey string // the last key record stored

	lim  ParseOptions // the limits checked while scanning
	stop *Error       // the first limit exceeded; scanning stops there
}

// scanPositions builds the position index of src, without limits.
func scanPositions(src []byte) posIndex {
	x, _ := scanLimited(src, ParseOptions{MaxDepth: -1, MaxKeyLength: -1, MaxSteps: -1, MaxActors: -1})
	return x
}

// scanLimited builds the position index of src and checks the limits of
// lim that can be checked before decoding: nesting depth, key length, and
// the number of [[steps]] and of actors. It stops at the first limit
// exceeded and returns it. The work is linear in len(src): every byte is
// looked at a bounded number of times, and the index records only short
// paths.
func scanLimited(src []byte, lim ParseOptions) (posIndex, *Error) {
	// About one key a line: sizing the index up front spares growing it
	// step by step (up to a bound, for input of many short lines).
	hint := min(bytes.Count(src, []byte{'\n'})+1, 1<<14)
	s := &scanner{
		src:    src,
		line:   1,
		index:  make(posIndex, hint),
		arrays: make(map[string]int),
		lim:    lim,
	}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		// The decoder drops a byte order mark before counting columns.
		s.src = src[3:]
	}
	s.document()
	return s.index, s.stop
}

// fail records the first limit exceeded, at p, and stops the scan.
func (s *scanner) fail(p Pos, name string, max int, format string, args ...any) {
	if s.stop == nil {
		s.stop = &Error{Pos: p, Msg: fmt.Sprintf(format, args...), Err: &LimitError{Name: name, Max: max}}
	}
}

// depthOK checks depth, the nesting depth of a key path.
func (s *scanner) depthOK(depth int, at Pos) bool {
	if m := s.lim.MaxDepth; m >= 0 && depth > m {
		s.fail(at, "depth", m, "nested too deeply: more than %d levels of tables, arrays and dotted keys", m)
		return false
	}
	return true
}

// extend returns path followed by keys, as a new slice. Paths are kept to
// maxIndexPath+1 elements: a longer one is never recorded, so only its
// depth (counted apart) matters. This keeps every step of the scan O(1) in
// the nesting depth.
func extend(path []string, keys ...string) []string {
	if len(path) > maxIndexPath {
		return path
	}
	n := min(len(path)+len(keys), maxIndexPath+1)
	out := make([]string, 0, n)
	out = append(out, path...)
	return append(out, keys[:n-len(path)]...)
}

// eof reports the end of the input, or a limit exceeded.
func (s *scanner) eof() bool { return s.i >= len(s.src) || s.stop != nil }

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
	if len(path) > maxIndexPath {
		return
	}
	// The key is built in a buffer (pathKey's bytes), and made a string
	// only to store a new entry: a key's value is recorded right after
	// its key, under the same path, and reuses its string.
	s.keyBuf = appendPathKey(s.keyBuf[:0], path)
	kp, had := s.index[string(s.keyBuf)]
	was := kp
	if key && kp.Key.Line == 0 {
		kp.Key = p
	}
	if !key && kp.Val.Line == 0 {
		kp.Val = p
	}
	if had && kp == was {
		return
	}
	if s.lastKey != string(s.keyBuf) {
		s.lastKey = string(s.keyBuf)
	}
	s.index[s.lastKey] = kp
}

// appendPathKey appends pathKey(path...) to b.
func appendPathKey(b []byte, path []string) []byte {
	for i, k := range path {
		if i > 0 {
			b = append(b, 0)
		}
		b = append(b, k...)
	}
	return b
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
	var table []string // the path of the current table (see extend)
	depth := 0         // and its depth
	for !s.eof() {
		s.skipSpace(true)
		if s.eof() {
			return
		}
		start := s.i
		if s.src[s.i] == '[' {
			table, depth = s.header()
		} else {
			s.keyValue(table, depth)
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

// header scans a [table] or [[array]] header and returns the new table
// path (see extend) and its depth.
func (s *scanner) header() ([]string, int) {
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

	// Resolve the keys: a prefix naming an array of tables means its last
	// entry. Arrays of tables are tracked only where the index records.
	var path []string
	depth := 0
	for j, k := range keys {
		depth++
		if len(path) > maxIndexPath {
			continue
		}
		path = append(path, k)
		if n, ok := s.arrays[pathKey(path...)]; ok && (j < len(keys)-1 || !array) {
			path = append(path, strconv.Itoa(n-1))
			depth++
		}
	}
	if array {
		depth++
	}
	if !s.depthOK(depth, at) {
		return path, depth
	}
	if array && len(path) <= maxIndexPath {
		key := pathKey(path...)
		n := s.arrays[key]
		if m := s.lim.MaxSteps; key == "steps" && m >= 0 && n >= m {
			s.fail(at, "steps", m, "more than %d steps", m)
			return path, depth
		}
		s.arrays[key] = n + 1
		s.record(path, true, at)
		path = append(path, strconv.Itoa(n))
	}
	s.record(path, true, at)
	return path, depth
}

// keyValue scans "key = value" in the table at path, of depth depth.
func (s *scanner) keyValue(table []string, depth int) {
	at := s.pos()
	keys := s.key()
	if len(keys) == 0 {
		return
	}
	depth += len(keys)
	if !s.depthOK(depth, at) {
		return
	}
	path := extend(table, keys...)
	for j := len(table) + 1; j <= len(path); j++ {
		s.record(path[:j], true, at)
	}
	s.skipSpace(false)
	if s.peek(0) != '=' {
		return
	}
	s.next()
	s.skipSpace(false)
	s.value(path, depth)
}

// key scans a possibly dotted key and returns its parts.
func (s *scanner) key() []string {
	var keys []string
	start, end, at := s.i, s.i, s.pos()
	defer func() {
		if m := s.lim.MaxKeyLength; m >= 0 && end-start > m {
			s.fail(at, "key", m, "key too long: %d bytes, more than %d", end-start, m)
		}
	}()
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
		end = s.i
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

// value scans one value of the key at path (see extend), of depth depth,
// and records its position.
func (s *scanner) value(path []string, depth int) {
	s.record(path, false, s.pos())
	switch {
	case s.eof():
	case s.has(`"""`):
		s.multiString('"')
	case s.has(`'''`):
		s.multiString('\'')
	case s.src[s.i] == '"':
		s.skipBasicString()
	case s.src[s.i] == '\'':
		s.skipLiteralString()
	case s.src[s.i] == '[':
		s.array(path, depth)
	case s.src[s.i] == '{':
		s.inlineTable(path, depth)
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
func (s *scanner) array(path []string, depth int) {
	if !s.depthOK(depth+1, s.pos()) {
		return
	}
	s.next()
	for n := 0; ; n++ {
		s.skipSpace(true)
		if s.eof() || s.src[s.i] == ']' {
			break
		}
		if len(path) == 1 && (path[0] == "actors" || path[0] == "steps") {
			if m := s.lim.max(path[0]); m >= 0 && n >= m {
				s.fail(s.pos(), path[0], m, "more than %d %s", m, path[0])
				return
			}
		}
		start := s.i
		elem := path
		if len(path) <= maxIndexPath {
			elem = extend(path, strconv.Itoa(n))
		}
		s.value(elem, depth+1)
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
func (s *scanner) inlineTable(path []string, depth int) {
	s.next()
	for {
		s.skipSpace(true)
		if s.eof() || s.src[s.i] == '}' {
			break
		}
		start := s.i
		s.keyValue(path, depth)
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
	var b strings.Builder
	s.scanBasic(&b, true)
	return b.String()
}

// skipBasicString scans "..." as basicString does, for a value, whose
// content is not needed.
func (s *scanner) skipBasicString() {
	var b strings.Builder // only escapes go into it
	s.scanBasic(&b, false)
}

// scanBasic scans "...", writing its content to b when keep is set (its
// escapes always).
func (s *scanner) scanBasic(b *strings.Builder, keep bool) {
	s.next()
	for !s.eof() {
		c := s.src[s.i]
		switch c {
		case '"':
			s.next()
			return
		case '\n':
			return // unterminated: stop at the line's end
		case '\\':
			s.escape(b)
			continue
		}
		if keep {
			b.WriteByte(c)
		}
		s.next()
	}
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

// skipLiteralString scans '...' as literalString does, for a value.
func (s *scanner) skipLiteralString() {
	s.next()
	for !s.eof() && s.src[s.i] != '\'' && s.src[s.i] != '\n' {
		s.next()
	}
	if s.peek(0) == '\'' {
		s.next()
	}
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
