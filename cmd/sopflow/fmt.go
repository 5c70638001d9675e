package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/pmezard/go-difflib/difflib"
	"github.com/spf13/pflag"

	"github.com/sopflow/sopflow/flow"
)

func fmtCommand() *command {
	c := &command{
		name:     "fmt",
		summary:  "rewrite TOML SOPs in the canonical key order and spacing",
		synopsis: "fmt [-w | -l | -d] FILE...",
		about: `Fmt formats each TOML SOP FILE as gofmt formats Go: the keys of each table
in the canonical order (name, actors, ...; in a step id, actor, activity,
requirements, time, output, note, kind, yes, no, yes_label, no_label,
next), "key = value" spacing, no trailing blanks, one blank line before a
table and before a key with comments of its own. Every comment is kept
with the key it stands above or beside; values are kept as written. A
FILE must be a valid SOP: its problems are printed as check prints them,
and it is left as it is.

Without a flag the result goes to standard output. -w rewrites FILE in
place (through a temporary file, so a failure leaves it whole); -l lists
the FILEs whose formatting differs; -d prints the changes as a unified
diff. For a JSON or spreadsheet SOP, use convert.

Exit status: 0 when every FILE is valid, 1 when one is not or cannot be
written, 2 when the command line is wrong.`,
		examples: `  sopflow fmt -d sop.toml
  sopflow fmt -w testdata/examples/*.toml
`,
	}
	fmtFlags := func(help, write, list, diff *bool) *pflag.FlagSet {
		fs := newFlagSet(c.name, help)
		fs.BoolVarP(write, "write", "w", false, "write the result to FILE instead of standard output")
		fs.BoolVarP(list, "list", "l", false, "list the FILEs whose formatting differs")
		fs.BoolVarP(diff, "diff", "d", false, "print the changes as a unified diff")
		return fs
	}
	c.flags = func() *pflag.FlagSet { return fmtFlags(new(bool), new(bool), new(bool), new(bool)) }
	c.run = func(e *env, args []string) int {
		var help, write, list, diff bool
		fs := fmtFlags(&help, &write, &list, &diff)
		if code, ok := e.parseFlags(c, fs, &help, args); !ok {
			return code
		}
		srcs, err := sources(fs.Args())
		if err != nil {
			return e.usageError(c.name, "%v", err)
		}
		status := exitOK
		for _, src := range srcs {
			if ext := strings.ToLower(filepath.Ext(src.arg)); ext != ".toml" && src.arg != "-" {
				e.report("", fmt.Errorf("%s: fmt formats TOML; write a %s SOP as TOML with convert", src.name, strings.TrimPrefix(ext, ".")))
				status = exitInvalid
				continue
			}
			if write && src.arg == "-" {
				return e.usageError(c.name, "-w needs a FILE, not standard input")
			}
			data, err := e.read(src)
			if err != nil {
				e.report("", err)
				status = exitInvalid
				continue
			}
			out, err := flow.Format(src.name, data)
			if err != nil {
				e.report(src.name, err)
				status = exitInvalid
				continue
			}
			changed := !bytes.Equal(out, data)
			if list && changed {
				fmt.Fprintln(e.stdout, src.name)
			}
			if diff && changed {
				d := difflib.UnifiedDiff{A: difflib.SplitLines(string(data)), B: difflib.SplitLines(string(out)),
					FromFile: src.name + ".orig", ToFile: src.name, Context: 3}
				text, err := difflib.GetUnifiedDiffString(d)
				if err != nil {
					return e.report("", err)
				}
				fmt.Fprint(e.stdout, text)
			}
			if write && changed {
				if err := writeFiles([]output{{path: src.arg, write: func(w io.Writer) error { _, err := w.Write(out); return err }}}); err != nil {
					e.report("", err)
					status = exitInvalid
				}
			}
			if !write && !list && !diff {
				e.stdout.Write(out)
			}
		}
		return status
	}
	return c
}
