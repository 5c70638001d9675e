package flow

import (
	"fmt"
	"strings"
	"time"
)

// This file reads single values, checking their TOML types.

// text reads a string value, trimmed of surrounding white space.
func (d *decoder) text(t *table, key string, v any) (string, bool) {
	s, ok := v.(string)
	if !ok {
		d.errorf(d.valPos(t, key), "%s must be a string, not %s%s", t.name(key), describe(v), quoteHint(key, v))
		return "", false
	}
	return strings.TrimSpace(s), true
}

// quoteHint suggests quoting a number, a boolean or a date given where text
// is wanted.
func quoteHint(key string, v any) string {
	switch key {
	case "kind":
		return "; use " + orList(kinds())
	case "id":
		if n, ok := v.(int64); ok {
			return fmt.Sprintf("; use a name such as \"s%d\"", n)
		}
		return ""
	}
	var s string
	switch v := v.(type) {
	case int64, float64:
		if key == "time" {
			return fmt.Sprintf("; quote it, with its unit: time = \"%v menit\"", v)
		}
		s = fmt.Sprint(v)
	case bool:
		s = fmt.Sprint(v)
	case time.Time:
		s = formatTime(v)
	default:
		return ""
	}
	return fmt.Sprintf("; quote it: %s = %q", tomlKey(key), s)
}

// tomlKey writes key as it would stand in a TOML file.
func tomlKey(key string) string {
	for i := 0; i < len(key); i++ {
		if !isBare(key[i]) {
			return fmt.Sprintf("%q", key)
		}
	}
	if key == "" {
		return `""`
	}
	return key
}

// texts reads a list of strings; a single string is a list of one.
func (d *decoder) texts(t *table, key string, v any) []string {
	switch v := v.(type) {
	case string:
		return []string{strings.TrimSpace(v)}
	case []any:
		list := make([]string, 0, len(v))
		for i, e := range v {
			s, ok := e.(string)
			if !ok {
				d.errorf(d.valPos(t, key, fmt.Sprint(i)), "%s must be a string, not %s", t.item(key, i), describe(e))
				continue
			}
			list = append(list, strings.TrimSpace(s))
		}
		return list
	}
	d.errorf(d.valPos(t, key), "%s must be a string or a list of strings, not %s", t.name(key), describe(v))
	return nil
}

// date reads a date item: a TOML date (or the date part of a date-time), or
// free text. Text in the form YYYY-MM-DD is read as a date too.
func (d *decoder) date(t *table, key string, v any) Date {
	switch v := v.(type) {
	case time.Time:
		if v.Location().String() == "time-local" {
			break
		}
		return Date{Year: v.Year(), Month: int(v.Month()), Day: v.Day()}
	case string:
		s := strings.TrimSpace(v)
		if tm, err := time.Parse(time.DateOnly, s); err == nil {
			return Date{Year: tm.Year(), Month: int(tm.Month()), Day: tm.Day()}
		}
		return Date{Text: s}
	}
	d.errorf(d.valPos(t, key), "%s must be a date such as 2016-09-01 or text such as \"Desember 2013\", not %s",
		t.name(key), describe(v))
	return Date{}
}

// describe names the TOML type of a decoded value, with the value when short.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("a string (%q)", v)
	case int64:
		return fmt.Sprintf("an integer (%d)", v)
	case float64:
		return fmt.Sprintf("a number (%v)", v)
	case bool:
		return fmt.Sprintf("a boolean (%t)", v)
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			return fmt.Sprintf("a date (%s)", formatTime(v))
		case "time-local":
			return fmt.Sprintf("a time (%s)", formatTime(v))
		}
		return fmt.Sprintf("a date-time (%s)", formatTime(v))
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("a value of type %T", v)
}

// formatTime writes a decoded TOML date or time as it was written.
func formatTime(t time.Time) string {
	switch t.Location().String() {
	case "date-local":
		return t.Format(time.DateOnly)
	case "time-local":
		return t.Format("15:04:05")
	case "datetime-local":
		return t.Format("2006-01-02T15:04:05")
	}
	return t.Format(time.RFC3339)
}
