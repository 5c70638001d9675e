package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/sopflow/sopflow/render"
)

// convertFormats are the formats convert writes.
var convertFormats = []string{"toml", "json", "xlsx"}

func convertCommand() *command {
	c := &command{
		name:     "convert",
		summary:  "write an SOP in another input format: TOML, JSON or XLSX",
		synopsis: "convert [--to FORMAT] FILE -o OUT",
		about: `Convert reads an SOP FILE in any input format (TOML, JSON, XLSX, CSV),
checks it, and writes it to OUT as TOML, JSON or XLSX (from --to, else from
OUT's extension), keeping every item: identity, actors, steps, links,
labels (an XLSX workbook has no place for [labels]; they are left out, with
a warning). TOML and JSON come out in the canonical key order, each link
by id where the step has one. Comments are not kept. OUT "-" is standard
output. A FILE with a problem writes nothing.

Exit status: 0 when written, 1 when FILE is invalid or OUT cannot be
written, 2 when the command line is wrong.`,
		examples: `  sopflow convert sop.toml -o sop.json
  sopflow convert sop.xlsx -o sop.toml
  sopflow convert --to xlsx sop.toml -o sop.xlsx
`,
	}
	convertFlags := func(help, quiet *bool, to, out *string, limits *[]string) *pflag.FlagSet {
		fs := newFlagSet(c.name, help)
		fs.BoolVarP(quiet, "quiet", "q", false, "print only errors, no warnings")
		fs.StringVarP(out, "output", "o", "", "write to `PATH`, or - for standard output")
		fs.StringVar(to, "to", "", "output `FORMAT`: toml, json or xlsx (default: from the extension of -o)")
		limitFlag(fs, limits)
		files(fs, "output")
		values(fs, "to", convertFormats...)
		return fs
	}
	c.flags = func() *pflag.FlagSet {
		return convertFlags(new(bool), new(bool), new(string), new(string), new([]string))
	}
	c.run = func(e *env, args []string) int {
		var help bool
		var to, out string
		var limits []string
		fs := convertFlags(&help, &e.quiet, &to, &out, &limits)
		if code, ok := e.parseFlags(c, fs, &help, args); !ok {
			return code
		}
		if fs.NArg() != 1 {
			return e.usageError(c.name, "convert takes one FILE")
		}
		if out == "" {
			return e.usageError(c.name, "no -o OUT: say where to write")
		}
		ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(out), "."))
		if to != "" {
			if err := oneOf(fs, "to", &to); err != nil {
				return e.usageError(c.name, "%v", err)
			}
		}
		switch {
		case to == "" && !slices.Contains(convertFormats, ext):
			return e.usageError(c.name, "cannot tell the format of %q: give --to toml, json or xlsx", out)
		case to == "":
			to = ext
		case out != "-" && ext != to && (slices.Contains(convertFormats, ext) || ext == "csv"):
			return e.usageError(c.name, "--to %s, but %s is named like a %s file: name it .%s", to, out, ext, to)
		}
		if to == "xlsx" && out == "-" && isTerminal(e.stdout) {
			return e.usageError(c.name, "an XLSX workbook is binary: give -o FILE, or redirect standard output")
		}
		var err error
		if e.parse, err = parseLimits(limits); err != nil {
			return e.usageError(c.name, "%v", err)
		}
		srcs, err := sources(fs.Args())
		if err != nil {
			return e.usageError(c.name, "%v", err)
		}
		src := srcs[0]
		if out != "-" && src.arg != "-" && sameFile(src.arg, out) {
			return e.report(src.name, fmt.Errorf("the output %s would replace the input", out))
		}
		p, _, _ := e.load(src, render.Permenpan35, "id")
		if p == nil {
			return exitInvalid
		}
		var b bytes.Buffer
		switch to {
		case "toml":
			err = p.EncodeTOML(&b)
		case "json":
			err = p.EncodeJSON(&b)
		case "xlsx":
			if len(p.Labels) > 0 && !e.quiet {
				fmt.Fprintf(e.stderr, "%s: warning: the [labels] overrides have no place in a workbook and are left out\n", src.name)
			}
			var data []byte
			data, err = writeXLSX(p)
			b.Write(data)
		}
		if err != nil {
			return e.report("", err)
		}
		if out == "-" {
			if _, err := e.stdout.Write(b.Bytes()); err != nil {
				return e.report("", err)
			}
			return exitOK
		}
		if err := writeFiles([]output{{path: out, write: func(w io.Writer) error { _, err := w.Write(b.Bytes()); return err }}}); err != nil {
			return e.report("", err)
		}
		e.verbosef("wrote %s", out)
		return exitOK
	}
	return c
}
