package flow

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Parse reads an SOP in TOML from src; name is the file name used in error
// positions. It returns a checked *Procedure, or an ErrorList (as error) with
// every problem, sorted by position, de-duplicated.
//
// Parse works in stages and stops between them: first the encoding and the
// TOML syntax, then the structure (keys, types, actors, kinds, ids and step
// references), then the shape of the flow (reachability and ends), which is
// checked only when everything before it is right.
//
// Parse applies the default limits of ParseOptions.
func Parse(name string, src []byte) (*Procedure, error) {
	return ParseOptions{}.Parse(name, src)
}

// Parse is Parse with the limits of o: input beyond one is refused, before
// it is decoded, with an error that matches ErrTooLarge.
func (o ParseOptions) Parse(name string, src []byte) (*Procedure, error) {
	o = o.withDefaults()
	if o.MaxBytes >= 0 && len(src) > o.MaxBytes {
		var l ErrorList
		l = append(l, &Error{Pos: Pos{File: name, Line: 1, Col: 1},
			Msg: fmt.Sprintf("file too large: more than %d bytes", o.MaxBytes),
			Err: &LimitError{Name: "bytes", Max: o.MaxBytes}})
		return nil, l
	}
	if err := checkUTF8(name, src); err != nil {
		return nil, err
	}
	// The scan is linear and checks the limits; the TOML decoder is not
	// linear on deep nesting and long dotted keys, so it runs only after.
	index, stop := scanLimited(src, o)
	if stop != nil {
		stop.Pos.File = name
		return nil, ErrorList{stop}
	}
	doc, err := decodeTOML(name, src)
	if err != nil {
		return nil, err
	}
	return decodeDocument(name, doc, index)
}

// decodeDocument makes the checked Procedure of a decoded document, or the
// ErrorList of its problems: the stages after the syntax, whatever the
// format the document came from.
func decodeDocument(name string, doc map[string]any, index posIndex) (*Procedure, error) {
	d := &decoder{file: name, index: index}
	if hasBadText(doc) {
		d.checkControls(nil, doc)
	}
	p := d.procedure(doc)
	if len(d.errs) == 0 {
		d.checkGraph(p)
	}
	if len(d.errs) > 0 {
		d.errs.Sort()
		return nil, d.errs
	}
	return p, nil
}

// checkUTF8 reports the first byte of src that is not valid UTF-8.
func checkUTF8(name string, src []byte) error {
	line, lineStart := 1, 0
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			var l ErrorList
			l.Add(Pos{File: name, Line: line, Col: i - lineStart + 1},
				"invalid UTF-8 byte 0x%02x; save the file with UTF-8 encoding", src[i])
			return l
		}
		if r == '\n' {
			line++
			lineStart = i + 1
		}
		i += size
	}
	return nil
}

// decodeTOML decodes src, turning a syntax error into an ErrorList.
func decodeTOML(name string, src []byte) (doc map[string]any, err error) {
	defer func() {
		// The decoder is not ours: make sure a bug in it cannot crash the caller.
		if r := recover(); r != nil {
			var l ErrorList
			l.Add(Pos{File: name, Line: 1, Col: 1}, "cannot read the file as TOML: %v", r)
			doc, err = nil, l
		}
	}()
	if _, derr := toml.Decode(string(src), &doc); derr != nil {
		var l ErrorList
		pos := Pos{File: name, Line: 1, Col: 1}
		msg := derr.Error()
		var pe toml.ParseError
		if errors.As(derr, &pe) {
			pos.Line, pos.Col = syntaxPos(src, pe.Position)
			msg = strings.TrimSuffix(pe.Message, ".")
		}
		l.Add(pos, "syntax error: %s", oneLine(msg))
		return nil, l
	}
	return doc, nil
}

// syntaxPos returns the line and column of a syntax error. The decoder's own
// column is one line off when the error starts a line, so it is counted here
// from the byte offset, as the decoder does, after any byte order mark.
func syntaxPos(src []byte, p toml.Position) (line, col int) {
	line, col = max(p.Line, 1), max(p.Col, 1)
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	start := 0 // the offset of the line
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[start:], '\n')
		if i < 0 {
			return line, col
		}
		start += i + 1
	}
	end := len(src)
	if i := bytes.IndexByte(src[start:], '\n'); i >= 0 {
		end = start + i
	}
	if start <= p.Start && p.Start <= end {
		col = p.Start - start + 1
	}
	return line, col
}

// oneLine makes a message from elsewhere fit our style: one line, starting
// with a lower-case letter unless it starts with an acronym.
func oneLine(msg string) string {
	msg = strings.Join(strings.Fields(msg), " ")
	r, size := utf8.DecodeRuneInString(msg)
	if r2, _ := utf8.DecodeRuneInString(msg[size:]); unicode.IsUpper(r) && !unicode.IsUpper(r2) {
		msg = string(unicode.ToLower(r)) + msg[size:]
	}
	return msg
}

// The keys of each table of the input. They are functions so that no
// package-level state can change.

func topKeys() []string { return []string{"name", "actors", "identity", "labels", "steps"} }

func identityKeys() []string {
	return []string{"number", "unit", "logo", "created", "revised", "effective", "approver",
		"legal_basis", "qualifications", "related", "equipment", "warnings", "records"}
}

func approverKeys() []string { return []string{"title", "name", "rank", "nip"} }

func stepKeys() []string {
	return []string{"id", "actor", "activity", "requirements", "time", "output", "note",
		"kind", "yes", "no", "yes_label", "no_label", "next"}
}

// decoder turns the decoded TOML document into a Procedure, collecting errors.
type decoder struct {
	file  string
	index posIndex
	errs  ErrorList
	sg    suggester // bounds the work of all suggestions together
	built bool      // checking a Procedure built in Go: positions may be unknown

	actorList  []string       // the actors' names, once read
	actorIndex map[string]int // actor name -> index
}

// table is one TOML table being read: where it is and how messages name it.
type table struct {
	path     []string
	m        map[string]any
	subject  string // "step 3" for a step, else ""
	prefix   string // the table's path before its keys: "identity.", or ""
	where    string // " in step 3", " in [identity]", or ""
	fallback Pos    // for keys the index cannot place
}

// name returns how messages name key: "name", "identity.unit", "step 3: time".
func (t *table) name(key string) string { return t.lead() + t.prefix + tomlKey(key) }

// item returns how messages name the i-th (0-based) element of key's list.
func (t *table) item(key string, i int) string {
	return fmt.Sprintf("%sitem %d of %s%s", t.lead(), i+1, t.prefix, tomlKey(key))
}

func (t *table) lead() string {
	if t.subject == "" {
		return ""
	}
	return t.subject + ": "
}

func (d *decoder) errorf(pos Pos, format string, args ...any) {
	pos.File = d.file
	if pos.Line <= 0 && !d.built {
		pos.Line, pos.Col = 1, 1
	}
	d.errs.Add(pos, format, args...)
}

// keyPos returns the position of key in t.
func (d *decoder) keyPos(t *table, key ...string) Pos {
	kp := d.index.lookup(append(slices.Clip(t.path), key...)...)
	switch {
	case kp.Key.Line > 0:
		return kp.Key
	case kp.Val.Line > 0:
		return kp.Val
	}
	return t.fallback
}

// valPos returns the position of the value of key in t.
func (d *decoder) valPos(t *table, key ...string) Pos {
	kp := d.index.lookup(append(slices.Clip(t.path), key...)...)
	if kp.Val.Line > 0 {
		return kp.Val
	}
	return d.keyPos(t, key...)
}

// checkKeys reports the keys of t that are not in known, with a likely
// fix: a known key close to it, or another table where the key belongs. It
// returns the known keys that it suggested, so that a typo does not also
// count as a missing key.
func (d *decoder) checkKeys(t *table, known []string) map[string]bool {
	unknown := false
	for k := range t.m {
		if !slices.Contains(known, k) {
			unknown = true
			break
		}
	}
	if !unknown {
		return nil // (reads as an empty set) the usual case, at no cost
	}
	typos := make(map[string]bool)
	for _, k := range sortedKeys(t.m) {
		if slices.Contains(known, k) {
			continue
		}
		hint := ""
		s := d.sg.suggest(k, known)
		if w := keyWord(k); s == "" && slices.Contains(known, w) {
			s = w
		} else if w == "actor" && s == "" && slices.Contains(known, "actors") {
			s = "actors"
		}
		switch {
		case s != "":
			hint = fmt.Sprintf(" (did you mean %q?)", s)
			typos[s] = true
		case len(t.path) == 0 && slices.Contains(identityKeys(), k):
			hint = " (it belongs under [identity])"
		case len(t.path) == 0 && slices.Contains(stepKeys(), k):
			hint = " (it belongs in a [[steps]] table)"
		case len(t.path) > 0 && slices.Contains(topKeys(), k):
			hint = " (it belongs at the top of the file, before any [table])"
		case len(t.path) > 0 && t.path[0] == "steps" && slices.Contains(identityKeys(), k):
			hint = " (it belongs under [identity], before the first [[steps]])"
		}
		d.errorf(d.keyPos(t, k), "unknown key %q%s%s", k, t.where, hint)
	}
	return typos
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// procedure reads the whole document.
func (d *decoder) procedure(doc map[string]any) *Procedure {
	top := &table{
		m:        doc,
		fallback: Pos{Line: 1, Col: 1},
	}
	typos := d.checkKeys(top, topKeys())
	p := &Procedure{File: d.file}

	if v, ok := doc["name"]; !ok {
		if !typos["name"] {
			d.errorf(top.fallback, "missing name; add name = \"...\", the name of the SOP, at the top of the file")
		}
	} else if s, ok := d.text(top, "name", v); ok {
		if s == "" {
			d.errorf(d.valPos(top, "name"), "name is empty")
		}
		p.Name = s
	}

	actorsOK := d.actors(top, p, typos["actors"])

	if v, ok := doc["identity"]; ok {
		if m, ok := v.(map[string]any); ok {
			d.identity(m, &p.Identity)
		} else {
			d.errorf(d.valPos(top, "identity"), "identity must be a table ([identity]), not %s", describe(v))
		}
	}

	if v, ok := doc["labels"]; ok {
		p.Labels = d.labels(top, v)
	}

	if v, ok := doc["steps"]; !ok {
		if !typos["steps"] {
			d.errorf(top.fallback, "missing steps; add a [[steps]] table for each step")
		}
	} else {
		d.steps(top, v, p, actorsOK)
	}
	return p
}

// actors reads the actors list into p and reports whether it is usable for
// looking up the steps' actors.
func (d *decoder) actors(top *table, p *Procedure, typo bool) bool {
	v, ok := top.m["actors"]
	if !ok {
		if typo {
			return false
		}
		d.errorf(top.fallback, "missing actors; add actors = [\"...\", ...], the job titles that carry out the steps, at the top of the file")
		return false
	}
	list, ok := v.([]any)
	if !ok {
		hint := ""
		if s, ok := v.(string); ok {
			hint = fmt.Sprintf("; write actors = [%q]", s)
		}
		d.errorf(d.valPos(top, "actors"), "actors must be a list of strings, not %s%s", describe(v), hint)
		return false
	}
	if len(list) == 0 {
		d.errorf(d.valPos(top, "actors"), "actors is empty; list the job titles that carry out the steps")
		return false
	}
	seen := make(map[string]bool)
	for i, e := range list {
		pos := d.valPos(top, "actors", fmt.Sprint(i))
		s, ok := e.(string)
		if !ok {
			d.errorf(pos, "actor %d must be a string, not %s", i+1, describe(e))
			continue
		}
		s = strings.TrimSpace(s)
		switch {
		case s == "":
			d.errorf(pos, "actor %d is empty", i+1)
		case seen[s]:
			d.errorf(pos, "duplicate actor %q", s)
		default:
			seen[s] = true
			pos.File = d.file
			p.Actors = append(p.Actors, Actor{Name: s, Pos: pos})
		}
	}
	return true
}

// identity reads the [identity] table.
func (d *decoder) identity(m map[string]any, id *Identity) {
	t := &table{
		path:     []string{"identity"},
		m:        m,
		prefix:   "identity.",
		where:    " in [identity]",
		fallback: d.index.lookup("identity").Key,
	}
	d.checkKeys(t, identityKeys())
	lists := map[string]*[]string{
		"unit":           &id.Unit,
		"legal_basis":    &id.LegalBasis,
		"qualifications": &id.Qualifications,
		"related":        &id.Related,
		"equipment":      &id.Equipment,
		"warnings":       &id.Warnings,
		"records":        &id.Records,
	}
	dates := map[string]*Date{"created": &id.Created, "revised": &id.Revised, "effective": &id.Effective}
	for _, k := range sortedKeys(m) {
		v := m[k]
		switch k {
		case "number":
			id.Number, _ = d.text(t, k, v)
		case "logo":
			id.Logo, _ = d.text(t, k, v)
			id.LogoPos = d.keyPos(t, k)
			id.LogoPos.File = d.file
		case "approver":
			d.approver(t, v, &id.Approver)
		default:
			if l, ok := lists[k]; ok {
				*l = d.texts(t, k, v)
			} else if dt, ok := dates[k]; ok {
				*dt = d.date(t, k, v)
			}
		}
	}
}

// approver reads identity.approver, an inline table or [identity.approver].
func (d *decoder) approver(parent *table, v any, a *Approver) {
	m, ok := v.(map[string]any)
	if !ok {
		d.errorf(d.valPos(parent, "approver"),
			"identity.approver must be a table such as { title = \"...\", name = \"...\", nip = \"...\" }, not %s", describe(v))
		return
	}
	t := &table{
		path:     []string{"identity", "approver"},
		m:        m,
		prefix:   "identity.approver.",
		where:    " in identity.approver",
		fallback: d.keyPos(parent, "approver"),
	}
	d.checkKeys(t, approverKeys())
	fields := map[string]*string{"title": &a.Title, "name": &a.Name, "rank": &a.Rank, "nip": &a.NIP}
	for _, k := range sortedKeys(m) {
		if f, ok := fields[k]; ok {
			*f, _ = d.text(t, k, m[k])
		}
	}
}

// LabelKeys returns the keys of the printed labels that a [labels] table
// may override, in the order of the document.
func LabelKeys() []string {
	return []string{
		"title", "no", "activity", "actors", "standard", "requirements", "time", "output", "note",
		"start", "end", "yes_label", "no_label", "page", "page_of",
		"number", "created", "revised", "effective", "approved_by", "name",
		"legal_basis", "qualifications", "related", "equipment", "warnings", "records", "nip",
	}
}

// labels reads the [labels] table of label overrides.
func (d *decoder) labels(top *table, v any) map[string]string {
	m, ok := v.(map[string]any)
	if !ok {
		d.errorf(d.valPos(top, "labels"), "labels must be a table ([labels]), not %s", describe(v))
		return nil
	}
	t := &table{
		path:     []string{"labels"},
		m:        m,
		prefix:   "labels.",
		fallback: d.keyPos(top, "labels"),
	}
	labels := make(map[string]string, len(m))
	keys := LabelKeys()
	for _, k := range sortedKeys(m) {
		if !slices.Contains(keys, k) {
			d.errorf(d.keyPos(t, k), "unknown label %q%s; labels: %s", k, d.sg.didYouMean(k, keys), strings.Join(keys, ", "))
			continue
		}
		if s, ok := m[k].(string); ok {
			labels[k] = s
			continue
		}
		d.errorf(d.valPos(t, k), "%s must be a string, not %s", t.name(k), describe(m[k]))
	}
	return labels
}
