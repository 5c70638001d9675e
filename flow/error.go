package flow

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Pos is a position in an input file. Line and Col are 1-based; Col counts
// bytes. Line 0 means the position is unknown.
//
// In a spreadsheet, Sheet names the sheet, Line is the row and Col the
// column (1 is A), and the position reads "sop.xlsx:Langkah!C7".
type Pos struct {
	File      string
	Sheet     string
	Line, Col int
}

// String returns the position in one of these forms:
//
//	file:line:col    valid position with file name
//	file:line        valid position with file name but no column (Col == 0)
//	line:col         valid position without file name
//	line             valid position without file name and no column
//	file             invalid position with file name
//	-                invalid position without file name
func (p Pos) String() string {
	if p.Sheet != "" {
		s := p.Sheet
		if p.Line > 0 {
			s += "!" + columnName(p.Col) + fmt.Sprint(p.Line)
		}
		if p.File != "" {
			s = p.File + ":" + s
		}
		return s
	}
	s := p.File
	if p.Line > 0 {
		if s != "" {
			s += ":"
		}
		s += fmt.Sprint(p.Line)
		if p.Col > 0 {
			s += fmt.Sprintf(":%d", p.Col)
		}
	}
	if s == "" {
		s = "-"
	}
	return s
}

// columnName returns the spreadsheet name of column n (1 is A, 27 is AA),
// or "" for n < 1.
func columnName(n int) string {
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return string(b)
}

// Error is one problem in an input file.
type Error struct {
	Pos Pos
	Msg string
	// Err is the kind of problem, for errors.Is and errors.As, when callers
	// may want to tell it apart (such as a *LimitError); usually nil.
	Err error
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Unwrap returns e.Err.
func (e *Error) Unwrap() error { return e.Err }

// ErrorList is a list of problems, sorted by position once Sort is called.
// It implements error; callers can range over it.
type ErrorList []*Error

// AsList returns the problems err holds when it is (or wraps) an
// ErrorList, or a single *Error as a list of one; ok is false for any
// other error.
func AsList(err error) (list ErrorList, ok bool) {
	var one *Error
	switch {
	case errors.As(err, &list):
		return list, true
	case errors.As(err, &one):
		return ErrorList{one}, true
	}
	return nil, false
}

// Add appends an error at pos.
func (l *ErrorList) Add(pos Pos, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// Sort sorts the list by file, line and column, and removes exact duplicates.
func (l *ErrorList) Sort() {
	sort.SliceStable(*l, func(i, j int) bool {
		a, b := (*l)[i].Pos, (*l)[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return (*l)[i].Msg < (*l)[j].Msg
	})
	out := (*l)[:0]
	for i, e := range *l {
		if i > 0 && e.Pos == out[len(out)-1].Pos && e.Msg == out[len(out)-1].Msg {
			continue
		}
		out = append(out, e)
	}
	*l = out
}

// Error returns the errors one per line; with more than ten, the first ten
// and a count of the rest. An empty list reads "no errors".
func (l ErrorList) Error() string {
	if len(l) == 0 {
		return "no errors"
	}
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i == 10 {
			fmt.Fprintf(&b, "(and %d more errors)", len(l)-10)
			break
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the errors of the list, so that errors.Is and errors.As
// look into each.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// PrintError prints err to w, one error per line when it is an ErrorList
// (all of them, without the cap of Error), or as it is otherwise.
func PrintError(w io.Writer, err error) {
	if list, ok := err.(ErrorList); ok {
		for _, e := range list {
			fmt.Fprintln(w, e)
		}
		return
	}
	if err != nil {
		fmt.Fprintln(w, err)
	}
}

// Err returns nil for an empty list, or the list itself.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
