package flow

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// ParseJSON reads an SOP in JSON: the same model as the TOML (the same
// keys, "steps" an array of objects), with the same checks, errors at the
// JSON's line:col. It applies the default limits of ParseOptions.
func ParseJSON(name string, src []byte) (*Procedure, error) {
	return ParseOptions{}.ParseJSON(name, src)
}

// ParseJSON is ParseJSON with the limits of o, which apply as for TOML:
// depth counts nested objects and arrays.
func (o ParseOptions) ParseJSON(name string, src []byte) (*Procedure, error) {
	o = o.withDefaults()
	if o.MaxBytes >= 0 && len(src) > o.MaxBytes {
		return nil, ErrorList{{Pos: Pos{File: name, Line: 1, Col: 1},
			Msg: fmt.Sprintf("file too large: more than %d bytes", o.MaxBytes),
			Err: &LimitError{Name: "bytes", Max: o.MaxBytes}}}
	}
	if err := checkUTF8(name, src); err != nil {
		return nil, err
	}
	doc, index, stop := decodeJSON(src, o)
	if stop != nil {
		stop.Pos.File = name
		return nil, ErrorList{stop}
	}
	return decodeDocument(name, doc, index)
}

// jsonReader decodes JSON into the values the TOML decoder gives (objects
// as map[string]any, arrays as []any, whole numbers as int64, others as
// float64), recording the position of every key and value in the index
// the decoder looks positions up in, and checking the limits as it goes.
type jsonReader struct {
	src   []byte
	dec   *json.Decoder
	lines []int // offsets of line starts
	at    Positions
	lim   ParseOptions
}

// decodeJSON decodes src, an object, with the positions of its keys.
func decodeJSON(src []byte, lim ParseOptions) (map[string]any, posIndex, *Error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	r := &jsonReader{src: src, lim: lim, lines: []int{0}}
	for i, c := range src {
		if c == '\n' {
			r.lines = append(r.lines, i+1)
		}
	}
	r.dec = json.NewDecoder(bytes.NewReader(src))
	r.dec.UseNumber()
	at := r.next()
	tok, err := r.dec.Token()
	if err != nil {
		return nil, nil, r.syntax(err, at)
	}
	if tok != json.Delim('{') {
		return nil, nil, &Error{Pos: at, Msg: "the SOP must be a JSON object ({\"name\": ..., \"actors\": [...], \"steps\": [...]})"}
	}
	v, e := r.object(nil, 1)
	if e != nil {
		return nil, nil, e
	}
	at = r.next()
	if _, err := r.dec.Token(); err != io.EOF {
		return nil, nil, &Error{Pos: at, Msg: "syntax error: text after the end of the JSON object"}
	}
	return v, r.at.index, nil
}

// next returns the position of the next token: the first byte after the
// decoder's offset that is not blank, a comma or a colon.
func (r *jsonReader) next() Pos {
	i := int(r.dec.InputOffset())
	for i < len(r.src) && strings.IndexByte(" \t\r\n,:", r.src[i]) >= 0 {
		i++
	}
	return r.pos(i)
}

// pos returns the line and column of offset i.
func (r *jsonReader) pos(i int) Pos {
	l := sort.Search(len(r.lines), func(k int) bool { return r.lines[k] > i }) - 1
	return Pos{Line: l + 1, Col: i - r.lines[l] + 1}
}

// syntax turns a decoder error into a positioned one.
func (r *jsonReader) syntax(err error, at Pos) *Error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		at = r.pos(min(int(se.Offset), len(r.src)))
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		at = r.pos(len(r.src))
		return &Error{Pos: at, Msg: "syntax error: the JSON ends too early (a missing } or ])"}
	}
	return &Error{Pos: at, Msg: "syntax error: " + strings.TrimPrefix(err.Error(), "json: ")}
}

func (r *jsonReader) limit(at Pos, name string, max int, format string, args ...any) *Error {
	return &Error{Pos: at, Msg: fmt.Sprintf(format, args...), Err: &LimitError{Name: name, Max: max}}
}

// object reads the members of an object whose { has been read.
func (r *jsonReader) object(path []string, depth int) (map[string]any, *Error) {
	m := map[string]any{}
	for {
		at := r.next()
		tok, err := r.dec.Token()
		if err != nil {
			return nil, r.syntax(err, at)
		}
		if tok == json.Delim('}') {
			return m, nil
		}
		key, _ := tok.(string) // the decoder allows only a string here
		if n := r.lim.MaxKeyLength; n >= 0 && len(key) > n {
			return nil, r.limit(at, "key", n, "key too long: more than %d bytes", n)
		}
		if _, dup := m[key]; dup {
			return nil, &Error{Pos: at, Msg: fmt.Sprintf("syntax error: key %q given twice", key)}
		}
		kpath := extend(path, key)
		r.at.Key(at, kpath...)
		v, e := r.value(kpath, depth)
		if e != nil {
			return nil, e
		}
		m[key] = v
	}
}

// value reads one value at path.
func (r *jsonReader) value(path []string, depth int) (any, *Error) {
	at := r.next()
	tok, err := r.dec.Token()
	if err != nil {
		return nil, r.syntax(err, at)
	}
	r.at.Value(at, path...)
	switch t := tok.(type) {
	case json.Delim:
		if m := r.lim.MaxDepth; m >= 0 && depth+1 > m {
			return nil, r.limit(at, "depth", m, "nested too deeply: more than %d levels of objects and arrays", m)
		}
		if t == '{' {
			return r.object(path, depth+1)
		}
		return r.array(path, depth+1)
	case json.Number:
		if i, err := strconv.ParseInt(string(t), 10, 64); err == nil {
			return i, nil
		}
		f, err := t.Float64()
		if err != nil {
			return nil, &Error{Pos: at, Msg: fmt.Sprintf("number %s out of range", t)}
		}
		return f, nil
	case nil:
		return nil, &Error{Pos: at, Msg: "null is not a value here; leave the key out instead"}
	}
	return tok, nil // string or bool
}

// array reads the elements of an array whose [ has been read.
func (r *jsonReader) array(path []string, depth int) ([]any, *Error) {
	var out []any
	counted := ""
	if len(path) == 1 && (path[0] == "steps" || path[0] == "actors") {
		counted = path[0]
	}
	for n := 0; ; n++ {
		if !r.dec.More() {
			at := r.next()
			if _, err := r.dec.Token(); err != nil {
				return nil, r.syntax(err, at)
			}
			if out == nil {
				out = []any{}
			}
			return out, nil
		}
		if counted != "" {
			if m := r.lim.max(counted); m >= 0 && n >= m {
				return nil, r.limit(r.next(), counted, m, "more than %d %s", m, counted)
			}
		}
		v, e := r.value(extend(path, strconv.Itoa(n)), depth)
		if e != nil {
			return nil, e
		}
		out = append(out, v)
	}
}
