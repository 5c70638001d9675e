package flow

import (
	"fmt"
	"strconv"
)

// Positions records where the keys and values of a document stand in its
// source, by key path: the chain of keys from the root, with the 0-based
// index of array elements as a decimal string ("steps", "2", "actor" is
// the actor of the third step). A reader of another format (a spreadsheet)
// fills it for ParseDocument. The zero value is ready to use.
type Positions struct{ index posIndex }

// Key records the position of the key at path.
func (x *Positions) Key(pos Pos, path ...string) { x.set(true, pos, path) }

// Value records the position of the value at path.
func (x *Positions) Value(pos Pos, path ...string) { x.set(false, pos, path) }

func (x *Positions) set(key bool, pos Pos, path []string) {
	if len(path) > maxIndexPath {
		return
	}
	if x.index == nil {
		x.index = make(posIndex)
	}
	k := pathKey(path...)
	kp := x.index[k]
	if key && kp.Key.Line == 0 {
		kp.Key = pos
	}
	if !key && kp.Val.Line == 0 {
		kp.Val = pos
	}
	x.index[k] = kp
}

// ParseDocument checks an SOP that another reader has decoded into the
// values the TOML decoder gives: map[string]any for tables, []any for
// arrays, string, int64, float64, bool and time.Time. It makes every check
// of Parse and reports the problems at the positions of at (which may be
// nil); a position's File is set to name. The limits on steps and actors
// apply; bytes, depth and key length are the reader's to check.
func (o ParseOptions) ParseDocument(name string, doc map[string]any, at *Positions) (*Procedure, error) {
	o = o.withDefaults()
	if at == nil {
		at = &Positions{}
	}
	for _, lim := range []string{"steps", "actors"} {
		l, _ := doc[lim].([]any)
		if m := o.max(lim); m >= 0 && len(l) > m {
			pos := at.index.lookup(lim, strconv.Itoa(m)).Val
			if pos.Line == 0 {
				pos = at.index.lookup(lim).Key
			}
			pos.File = name
			return nil, ErrorList{{Pos: pos, Msg: fmt.Sprintf("more than %d %s", m, lim), Err: &LimitError{Name: lim, Max: m}}}
		}
	}
	return decodeDocument(name, doc, at.index)
}

// ScanTOML returns the positions of the keys and values of the TOML
// document src, for a reader of another TOML file than an SOP's (such as
// a book's settings), to report its problems at their place. It checks the
// limits of o that a scan can (depth, key length) and returns the first
// one passed. The work is linear in len(src).
func (o ParseOptions) ScanTOML(name string, src []byte) (*Positions, error) {
	o = o.withDefaults()
	if o.MaxBytes >= 0 && len(src) > o.MaxBytes {
		return nil, ErrorList{{Pos: Pos{File: name}, Msg: fmt.Sprintf("more than %d bytes", o.MaxBytes), Err: &LimitError{Name: "bytes", Max: o.MaxBytes}}}
	}
	x, err := scanLimited(src, ParseOptions{MaxDepth: o.MaxDepth, MaxKeyLength: o.MaxKeyLength, MaxSteps: -1, MaxActors: -1})
	if err != nil {
		err.Pos.File = name
		return nil, ErrorList{err}
	}
	return &Positions{index: x}, nil
}

// KeyPos returns where the key at path stands; Line is 0 when unknown.
func (x *Positions) KeyPos(path ...string) Pos { return x.index.lookup(path...).Key }

// ValuePos returns where the value at path starts; Line is 0 when unknown.
func (x *Positions) ValuePos(path ...string) Pos { return x.index.lookup(path...).Val }
