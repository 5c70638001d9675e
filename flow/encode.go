package flow

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// field is one key and value of a table, in the canonical order.
type field struct {
	key string
	val any // string, int, Date, []string (a list), []field (a table); nil is left out
}

// fields returns p's document in the canonical key order: name, actors,
// identity, labels, steps; within a step id, actor, activity, the quality
// items, kind, then its links. A step's kind is always written; a link is
// written unless it is the default (the following step), by id where the
// target has one, else by number.
func (p *Procedure) fields() []field {
	var top []field
	add := func(l *[]field, key string, v any) {
		switch v := v.(type) {
		case string:
			if v == "" {
				return
			}
		case []string:
			if len(v) == 0 {
				return
			}
		case Date:
			if v.IsZero() {
				return
			}
		case []field:
			if len(v) == 0 {
				return
			}
		}
		*l = append(*l, field{key, v})
	}
	add(&top, "name", p.Name)
	var actors []string
	for _, a := range p.Actors {
		actors = append(actors, a.Name)
	}
	top = append(top, field{"actors", actors})

	id := p.Identity
	var idf, ap []field
	add(&idf, "number", id.Number)
	add(&idf, "unit", id.Unit)
	add(&idf, "logo", id.Logo)
	add(&idf, "created", id.Created)
	add(&idf, "revised", id.Revised)
	add(&idf, "effective", id.Effective)
	add(&ap, "title", id.Approver.Title)
	add(&ap, "name", id.Approver.Name)
	add(&ap, "rank", id.Approver.Rank)
	add(&ap, "nip", id.Approver.NIP)
	add(&idf, "approver", ap)
	add(&idf, "legal_basis", id.LegalBasis)
	add(&idf, "qualifications", id.Qualifications)
	add(&idf, "related", id.Related)
	add(&idf, "equipment", id.Equipment)
	add(&idf, "warnings", id.Warnings)
	add(&idf, "records", id.Records)
	add(&top, "identity", idf)

	var lf []field
	for _, k := range LabelKeys() {
		if v, ok := p.Labels[k]; ok {
			lf = append(lf, field{k, v})
		}
	}
	add(&top, "labels", lf)

	ref := func(to int) any {
		if s := p.Steps[to]; s.ID != "" {
			return s.ID
		}
		return to + 1
	}
	var steps []any
	for i, s := range p.Steps {
		var sf []field
		add(&sf, "id", s.ID)
		var names []string
		for _, a := range s.Actors {
			names = append(names, p.Actors[a].Name)
		}
		if len(names) == 1 {
			sf = append(sf, field{"actor", names[0]})
		} else {
			sf = append(sf, field{"actor", names})
		}
		sf = append(sf, field{"activity", s.Activity})
		add(&sf, "requirements", s.Requirements)
		add(&sf, "time", s.Time)
		add(&sf, "output", s.Output)
		add(&sf, "note", s.Note)
		sf = append(sf, field{"kind", string(s.Kind)})
		switch s.Kind {
		case Decision:
			if s.Out[0].To != i+1 {
				sf = append(sf, field{"yes", ref(s.Out[0].To)})
			}
			sf = append(sf, field{"no", ref(s.Out[1].To)})
			add(&sf, "yes_label", s.Out[0].Label)
			add(&sf, "no_label", s.Out[1].Label)
		case Start, Process:
			if s.Out[0].To != i+1 {
				sf = append(sf, field{"next", ref(s.Out[0].To)})
			}
		}
		steps = append(steps, sf)
	}
	top = append(top, field{"steps", steps})
	return top
}

// EncodeTOML writes p as TOML in the canonical key order and spacing, which
// Parse reads back to the same procedure, after a "#:schema" line for
// editors. Comments of the file p came from are not in p, so they are not
// written.
func (p *Procedure) EncodeTOML(w io.Writer) error {
	var b bytes.Buffer
	b.WriteString("#:schema " + SchemaURL + "\n")
	for _, f := range p.fields() {
		switch v := f.val.(type) {
		case []field:
			fmt.Fprintf(&b, "\n[%s]\n", f.key)
			for _, g := range v {
				if sub, ok := g.val.([]field); ok {
					b.WriteString(g.key + " = { ")
					for i, h := range sub {
						if i > 0 {
							b.WriteString(", ")
						}
						b.WriteString(h.key + " = " + tomlValue(h.val))
					}
					b.WriteString(" }\n")
					continue
				}
				fmt.Fprintf(&b, "%s = %s\n", tomlKey(g.key), tomlValue(g.val))
			}
		case []any: // the steps
			for _, s := range v {
				fmt.Fprintf(&b, "\n[[%s]]\n", f.key)
				for _, g := range s.([]field) {
					fmt.Fprintf(&b, "%s = %s\n", g.key, tomlValue(g.val))
				}
			}
		default:
			fmt.Fprintf(&b, "%s = %s\n", f.key, tomlValue(v))
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// tomlValue writes one value as TOML.
func tomlValue(v any) string {
	switch v := v.(type) {
	case string:
		return tomlString(v)
	case int:
		return strconv.Itoa(v)
	case Date:
		if v.Text != "" {
			return tomlString(v.Text)
		}
		return fmt.Sprintf("%04d-%02d-%02d", v.Year, v.Month, v.Day)
	case []string:
		var parts []string
		for _, s := range v {
			parts = append(parts, tomlString(s))
		}
		one := "[" + strings.Join(parts, ", ") + "]"
		if len(one) <= 100 {
			return one
		}
		return "[\n  " + strings.Join(parts, ",\n  ") + ",\n]"
	}
	panic(fmt.Sprintf("flow: no TOML for %T", v))
}

// tomlString quotes s as a TOML basic string: UTF-8 as is, the escapes
// TOML knows, \u for other control characters.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 || r == 0x7f || r == utf8.RuneError {
				fmt.Fprintf(&b, `\u%04X`, r)
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// EncodeJSON writes p as JSON in the canonical key order (the TOML's),
// which ParseJSON reads back to the same procedure; dates are "2016-09-01"
// strings.
func (p *Procedure) EncodeJSON(w io.Writer) error {
	var b bytes.Buffer
	writeJSONFields(&b, p.fields(), "")
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}

func writeJSONFields(b *bytes.Buffer, fs []field, indent string) {
	b.WriteString("{")
	for i, f := range fs {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n" + indent + "  " + jsonString(f.key) + ": ")
		writeJSONValue(b, f.val, indent+"  ")
	}
	b.WriteString("\n" + indent + "}")
}

func writeJSONValue(b *bytes.Buffer, v any, indent string) {
	switch v := v.(type) {
	case string:
		b.WriteString(jsonString(v))
	case int:
		b.WriteString(strconv.Itoa(v))
	case Date:
		if v.Text != "" {
			b.WriteString(jsonString(v.Text))
		} else {
			fmt.Fprintf(b, `"%04d-%02d-%02d"`, v.Year, v.Month, v.Day)
		}
	case []string:
		b.WriteString("[")
		for i, s := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(jsonString(s))
		}
		b.WriteString("]")
	case []field:
		writeJSONFields(b, v, indent)
	case []any:
		b.WriteString("[")
		for i, e := range v {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n" + indent + "  ")
			writeJSONValue(b, e, indent+"  ")
		}
		b.WriteString("\n" + indent + "]")
	default:
		panic(fmt.Sprintf("flow: no JSON for %T", v))
	}
}

func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}
