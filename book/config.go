package book

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/sopflow/sopflow/flow"
)

// Config is what a book.toml says: the cover, the decree and the order of
// the SOPs. Every field may be left out.
type Config struct {
	// Title is the cover's title; default "STANDAR OPERASIONAL PROSEDUR".
	Title string
	// Subtitle is printed under the title, such as the name of the unit.
	Subtitle string
	// Unit are the lines of the organisation on the cover, top to bottom;
	// default: the unit lines every SOP starts with.
	Unit []string
	// Logo is the path of the cover's logo, relative to the book.toml;
	// default: the logo every SOP shares.
	Logo string
	// Place and Year are printed at the foot of the cover; Year defaults
	// to the year of the latest date of the SOPs.
	Place, Year string
	// Author is the PDF's author; default: the last line of Unit.
	Author string
	// SOPs are the files of the book, relative to the book.toml, in the
	// order of the book. Empty: the SOPs found, in the order of their
	// numbers.
	SOPs []string
	// Decree, when set, adds the page that introduces the book as the
	// appendix of a decree.
	Decree *Decree

	// Pos holds where the keys stand, for errors about the SOPs listed.
	Pos *flow.Positions
}

// Decree is the decree (keputusan) whose appendix the book is.
type Decree struct {
	// Issuer names the decree: "KEPUTUSAN KEPALA DINAS ..."; default
	// "KEPUTUSAN " and the signer's title.
	Issuer string
	Number string
	Date   flow.Date
	// Title is what the decree is about (tentang), also the heading of
	// the appendix's first page.
	Title string
	// Signer is the official who enacts it, whose signature closes the
	// appendix.
	Signer flow.Approver
}

// rawConfig is book.toml as decoded.
type rawConfig struct {
	Title    string     `toml:"title"`
	Subtitle string     `toml:"subtitle"`
	Unit     []string   `toml:"unit"`
	Logo     string     `toml:"logo"`
	Place    string     `toml:"place"`
	Year     any        `toml:"year"`
	Author   string     `toml:"author"`
	SOPs     []string   `toml:"sops"`
	Decree   *rawDecree `toml:"decree"`
}

type rawDecree struct {
	Issuer string    `toml:"issuer"`
	Number string    `toml:"number"`
	Date   any       `toml:"date"`
	Title  string    `toml:"title"`
	Signer rawSigner `toml:"signer"`
}

type rawSigner struct {
	Title string `toml:"title"`
	Name  string `toml:"name"`
	Rank  string `toml:"rank"`
	NIP   string `toml:"nip"`
}

// maxConfigBytes bounds a book.toml: a list of a few thousand SOPs.
const maxConfigBytes = 1 << 20

// ParseConfig reads a book.toml. Its problems are a flow.ErrorList with
// positions in name.
func ParseConfig(name string, src []byte) (*Config, error) {
	at, err := flow.ParseOptions{MaxBytes: maxConfigBytes}.ScanTOML(name, src)
	if err != nil {
		return nil, err
	}
	var raw rawConfig
	md, err := toml.Decode(string(src), &raw)
	if err != nil {
		return nil, tomlError(name, err, at)
	}
	var errs flow.ErrorList
	known := map[string][]string{
		"":              {"title", "subtitle", "unit", "logo", "place", "year", "author", "sops", "decree"},
		"decree":        {"issuer", "number", "date", "title", "signer"},
		"decree.signer": {"title", "name", "rank", "nip"},
	}
	var sg flow.Suggester
	for _, k := range md.Undecoded() {
		parent := strings.Join(k[:len(k)-1], ".")
		last := k[len(k)-1]
		pos := at.KeyPos(k...)
		pos.File = name
		hint := ""
		if cands, ok := known[parent]; ok {
			hint = sg.DidYouMean(last, cands)
		}
		errs.Add(pos, "unknown key %q in the book settings%s", k.String(), hint)
	}
	c := &Config{Title: raw.Title, Subtitle: raw.Subtitle, Unit: raw.Unit, Logo: raw.Logo,
		Place: raw.Place, Author: raw.Author, SOPs: raw.SOPs, Pos: at}
	switch y := raw.Year.(type) {
	case nil:
	case int64:
		c.Year = strconv.FormatInt(y, 10)
	case string:
		c.Year = y
	default:
		pos := at.ValuePos("year")
		pos.File = name
		errs.Add(pos, "year must be a number or a text, such as 2026")
	}
	seen := map[string]bool{}
	for i, s := range c.SOPs {
		pos := at.ValuePos("sops", strconv.Itoa(i))
		pos.File = name
		switch {
		case strings.TrimSpace(s) == "":
			errs.Add(pos, "sops: an empty file name")
		case seen[s]:
			errs.Add(pos, "sops: %q is listed twice", s)
		}
		seen[s] = true
	}
	if d := raw.Decree; d != nil {
		c.Decree = &Decree{Issuer: d.Issuer, Number: d.Number, Title: d.Title,
			Signer: flow.Approver{Title: d.Signer.Title, Name: d.Signer.Name, Rank: d.Signer.Rank, NIP: d.Signer.NIP}}
		date, ok := decodeDate(d.Date)
		if !ok {
			pos := at.ValuePos("decree", "date")
			pos.File = name
			errs.Add(pos, "decree.date must be a date such as 2026-01-15, or a text")
		}
		c.Decree.Date = date
		if c.Decree.Issuer == "" && c.Decree.Signer.Title != "" {
			c.Decree.Issuer = "KEPUTUSAN " + strings.ToUpper(c.Decree.Signer.Title)
		}
		for _, f := range []struct{ key, val string }{{"number", d.Number}, {"title", d.Title}} {
			if strings.TrimSpace(f.val) == "" {
				pos := at.KeyPos("decree")
				pos.File = name
				errs.Add(pos, "decree: %s is missing; a decree's appendix names its %s", f.key, map[string]string{"number": "number (nomor)", "title": "subject (tentang)"}[f.key])
			}
		}
		if c.Decree.Issuer == "" {
			pos := at.KeyPos("decree")
			pos.File = name
			errs.Add(pos, "decree: issuer is missing (such as \"KEPUTUSAN KEPALA DINAS ...\"); or give signer.title, which it is made from")
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return c, nil
}

// decodeDate turns a TOML date or a text into a flow.Date.
func decodeDate(v any) (flow.Date, bool) {
	switch d := v.(type) {
	case nil:
		return flow.Date{}, true
	case string:
		return flow.Date{Text: d}, true
	case time.Time:
		return flow.Date{Year: d.Year(), Month: int(d.Month()), Day: d.Day()}, true
	}
	return flow.Date{}, false
}

// tomlError turns an error of the TOML decoder into a flow.ErrorList.
func tomlError(name string, err error, at *flow.Positions) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if msg == "" {
			msg = pe.Error()
		}
		pos := flow.Pos{File: name, Line: pe.Position.Line, Col: pe.Position.Col}
		if pe.Position.Line == 0 && pe.LastKey != "" {
			pos = at.ValuePos(strings.Split(pe.LastKey, ".")...)
			pos.File = name
		}
		return flow.ErrorList{{Pos: pos, Msg: msg}}
	}
	return flow.ErrorList{{Pos: flow.Pos{File: name}, Msg: err.Error()}}
}
