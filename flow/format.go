package flow

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"sort"
	"strings"
)

// Format returns a TOML SOP in the canonical form, as gofmt does for Go:
// the keys of each table in the canonical order (that of EncodeTOML), one
// "key = value" spacing, no trailing blanks, one blank line before each
// table header, and before a key with comments of its own where the source
// has one. Every comment stays, with the key it stands above or beside; a
// comment block followed by a blank line stays above what follows it. Values are kept as written.
// src must be a valid SOP: Format returns Parse's errors otherwise. It
// checks that the result reads to the same procedure, and Format of the
// result is the result.
func Format(name string, src []byte) ([]byte, error) {
	before, err := Parse(name, src)
	if err != nil {
		return nil, err
	}
	lines, err := tomlLines(src)
	if err != nil {
		return nil, err
	}
	out := formatLines(lines)
	if bytes.Contains(src, []byte("\r\n")) {
		out = bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))
	}
	after, err := Parse(name, out)
	if err != nil || !sameProcedure(before, after) {
		// A bug in Format: never hand back something else.
		return nil, errors.New("formatting would change the SOP; the file is left as it is (please report it)")
	}
	return out, nil
}

// sameProcedure reports whether a and b are the same SOP, positions aside.
func sameProcedure(a, b *Procedure) bool {
	strip := func(p *Procedure) *Procedure {
		q := *p
		q.File = ""
		q.Actors = slices.Clone(p.Actors)
		for i := range q.Actors {
			q.Actors[i].Pos = Pos{}
		}
		q.Identity.LogoPos = Pos{}
		q.Steps = nil
		for _, s := range p.Steps {
			c := *s
			c.Pos = Pos{}
			q.Steps = append(q.Steps, &c)
		}
		return &q
	}
	return reflect.DeepEqual(strip(a), strip(b))
}

// lineKind is what a physical line of TOML starts.
type lineKind int

const (
	blankLine lineKind = iota
	commentLine
	headerLine
	entryLine // a key = value, which may go on over continuation lines
)

// tline is one item of the file: a blank line, a comment line, a header,
// or an entry with its continuation lines.
type tline struct {
	kind lineKind
	text []string // the physical lines, right-trimmed
	key  string   // a header's table name, or an entry's first key
}

// tomlLines splits src into items, following strings and brackets so that
// a multi-line array or string is one entry.
func tomlLines(src []byte) ([]tline, error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	phys := strings.Split(string(src), "\n")
	for i, l := range phys {
		phys[i] = strings.TrimSuffix(l, "\r") // formatLines puts CRLF back if the file had it
	}
	if len(phys) > 0 && phys[len(phys)-1] == "" {
		phys = phys[:len(phys)-1]
	}
	var out []tline
	var cur *tline
	depth, inMulti := 0, "" // bracket depth and open multi-line string quote of the entry
	for _, raw := range phys {
		l := strings.TrimRight(raw, " \t")
		if cur != nil {
			depth, inMulti = scanTOMLLine(raw, depth, inMulti)
			if inMulti != "" {
				l = raw // blanks at the end of a line inside a multi-line string are its text
			}
			cur.text = append(cur.text, l)
			if depth == 0 && inMulti == "" {
				out = append(out, *cur)
				cur = nil
			}
			continue
		}
		t := strings.TrimLeft(l, " \t")
		switch {
		case t == "":
			out = append(out, tline{kind: blankLine})
		case strings.HasPrefix(t, "#"):
			out = append(out, tline{kind: commentLine, text: []string{t}})
		case strings.HasPrefix(t, "["):
			name := strings.Trim(strings.SplitN(t, "]", 2)[0], "[ \t")
			if strings.HasPrefix(t, "[[") {
				name = strings.Trim(strings.SplitN(t, "]]", 2)[0], "[ \t")
			}
			out = append(out, tline{kind: headerLine, text: []string{t}, key: name})
		default:
			depth, inMulti = scanTOMLLine(afterEquals(t), 0, "")
			if inMulti != "" {
				t = strings.TrimLeft(raw, " \t") // the string's text goes on to the end of the line
			}
			e := tline{kind: entryLine, text: []string{t}, key: firstKey(t)}
			if depth == 0 && inMulti == "" {
				out = append(out, e)
			} else {
				cur = &e
			}
		}
	}
	if cur != nil {
		return nil, errors.New("an unfinished value at the end of the file")
	}
	return out, nil
}

// firstKey returns the first part of the key of an entry line: "approver"
// for `approver.name = ...`, the unquoted text of a quoted key.
func firstKey(t string) string {
	if t[0] == '"' || t[0] == '\'' {
		if end := strings.IndexByte(t[1:], t[0]); end >= 0 {
			return t[1 : 1+end]
		}
	}
	end := strings.IndexAny(t, " \t.=")
	if end < 0 {
		return t
	}
	return t[:end]
}

// afterEquals returns the value part of an entry line: what follows the
// first "=" outside a quoted key.
func afterEquals(t string) string {
	q := byte(0)
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '=':
			return t[i+1:]
		}
	}
	return ""
}

// scanTOMLLine follows one line of a value: brackets and braces outside
// strings, strings, a multi-line string open at the line's end, and a
// comment. It returns the depth and open multi-line quote after the line.
func scanTOMLLine(l string, depth int, inMulti string) (int, string) {
	i := 0
	for i < len(l) {
		if inMulti != "" {
			end := strings.Index(l[i:], inMulti)
			for end >= 0 && inMulti == `"""` && escaped(l, i+end) {
				next := strings.Index(l[i+end+1:], inMulti)
				if next < 0 {
					end = -1
					break
				}
				end += 1 + next
			}
			if end < 0 {
				return depth, inMulti
			}
			i += end + 3
			for i < len(l) && l[i] == inMulti[0] { // """" ends with a quote inside
				i++
			}
			inMulti = ""
			continue
		}
		switch c := l[i]; {
		case strings.HasPrefix(l[i:], `"""`) || strings.HasPrefix(l[i:], `'''`):
			inMulti = l[i : i+3]
			i += 3
		case c == '"':
			i++
			for i < len(l) && l[i] != '"' {
				if l[i] == '\\' {
					i++
				}
				i++
			}
			i++
		case c == '\'':
			end := strings.IndexByte(l[i+1:], '\'')
			if end < 0 {
				return depth, inMulti
			}
			i += end + 2
		case c == '#':
			return depth, inMulti
		case c == '[' || c == '{':
			depth++
			i++
		case c == ']' || c == '}':
			depth--
			i++
		default:
			i++
		}
	}
	return depth, inMulti
}

// escaped reports whether the byte at i is escaped by an odd number of
// backslashes before it.
func escaped(l string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && l[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// block is an entry or a header with the comments above it.
type block struct {
	lead     []string // comment lines right above
	floating []string // comment lines above them, followed by a blank line
	blank    bool     // a blank line stood above the block in the source
	item     tline
}

// formatLines puts the items back in the canonical order and spacing.
func formatLines(lines []tline) []byte {
	var b strings.Builder
	var pending, floating []string
	var sections [][]block // [0] the top level, then one per header
	sections = append(sections, nil)
	var trailing []string
	blank, blankNow := false, false // a blank line above the block being gathered; above the current comment run
	for _, l := range lines {
		switch l.kind {
		case blankLine:
			if len(pending) > 0 {
				floating = append(floating, pending...)
				floating = append(floating, "")
				pending = nil
			}
			blankNow = true
			if len(floating) == 0 {
				blank = true
			}
		case commentLine:
			if len(pending) == 0 && len(floating) == 0 {
				blank = blankNow
			}
			pending = append(pending, l.text[0])
			blankNow = false
		case headerLine:
			sections = append(sections, []block{{lead: pending, floating: floating, item: l}})
			pending, floating, blank, blankNow = nil, nil, false, false
		case entryLine:
			if len(pending) == 0 && len(floating) == 0 {
				blank = blankNow
			}
			s := &sections[len(sections)-1]
			*s = append(*s, block{lead: pending, floating: floating, blank: blank, item: l})
			pending, floating, blank, blankNow = nil, nil, false, false
		}
	}
	trailing = append(floating, pending...)

	// The file's opening comments stay first, whatever key follows them.
	if len(sections[0]) > 0 && len(sections[0][0].floating) > 0 {
		writeComments(&b, block{floating: sections[0][0].floating})
		sections[0][0].floating = nil
		sections[0][0].blank = false
	}

	for si, sec := range sections {
		entries := sec
		if si > 0 {
			entries = sec[1:]
		}
		order := keyOrder(sec, si)
		sort.SliceStable(entries, func(i, j int) bool { return order(entries[i].item.key) < order(entries[j].item.key) })
		if si > 0 {
			if b.Len() > 0 {
				b.WriteString("\n")
			}
			writeComments(&b, sec[0])
			b.WriteString(sec[0].item.text[0] + "\n")
		}
		for i, e := range entries {
			// A blank line where the source had one before a commented key,
			// and before a floating comment block.
			if i > 0 && (len(e.floating) > 0 || e.blank && len(e.lead) > 0) {
				b.WriteString("\n")
			}
			writeComments(&b, e)
			b.WriteString(entryText(e.item))
		}
	}
	if len(trailing) > 0 {
		b.WriteString("\n")
		for _, c := range trailing {
			if c != "" {
				b.WriteString(c + "\n")
			}
		}
	}
	return []byte(b.String())
}

func writeComments(b *strings.Builder, e block) {
	fl := e.floating
	for len(fl) > 0 && fl[len(fl)-1] == "" {
		fl = fl[:len(fl)-1]
	}
	for i, c := range fl {
		if c == "" && i > 0 && fl[i-1] == "" {
			continue
		}
		b.WriteString(c + "\n")
	}
	if len(fl) > 0 {
		b.WriteString("\n")
	}
	for _, c := range e.lead {
		b.WriteString(c + "\n")
	}
}

// entryText returns an entry with "key = value" spacing on its first line.
func entryText(e tline) string {
	first := e.text[0]
	val := afterEquals(first)
	key := strings.TrimRight(first[:len(first)-len(val)-1], " \t")
	out := key + " = " + strings.TrimLeft(val, " \t") + "\n"
	for _, l := range e.text[1:] {
		out += l + "\n"
	}
	return out
}

// keyOrder returns the rank of a key in the canonical order of section
// si (0: the top level; else the header's table).
func keyOrder(sec []block, si int) func(key string) int {
	var keys []string
	switch {
	case si == 0:
		keys = topKeys()
	case sec[0].item.key == "identity":
		keys = identityKeys()
	case sec[0].item.key == "identity.approver":
		keys = approverKeys()
	case sec[0].item.key == "labels":
		keys = LabelKeys()
	case sec[0].item.key == "steps":
		keys = stepKeys()
	}
	return func(key string) int {
		if i := slices.Index(keys, key); i >= 0 {
			return i
		}
		return len(keys)
	}
}
