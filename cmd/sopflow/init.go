package main

import (
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/sopflow/sopflow/flow"
)

// template is the starting SOP that init writes: every key with a comment
// in Indonesian, a decision and a loop back. Its tests render it and lint
// it clean.
//
//go:embed template.toml
var template []byte

func initCommand() *command {
	c := &command{
		name:     "init",
		summary:  "write a commented starting SOP",
		synopsis: "init [--xlsx] [FILE]",
		about: `Init writes a starting SOP to FILE, or to standard output without FILE or
with "-": every key explained in an Indonesian comment, and a small
realistic procedure with a decision and a loop back, which renders and
lints clean. It never overwrites: when FILE exists it writes nothing and
fails.

--xlsx, or a FILE named .xlsx, writes the same procedure as a spreadsheet
instead, for those who write SOPs in Excel or LibreOffice: the sheet
Langkah (one row per step, the columns of the printed form and of the
flow, drop-down lists of the actors and the kinds), Identitas and
Pelaksana. Render, check and lint read it back (.xlsx), as they read the
Langkah sheet saved as .csv.

Exit status: 0 when written, 1 when FILE exists or cannot be written, 2
when the command line is wrong.`,
		examples: `  sopflow init sop.toml
  sopflow init > sop.toml
  sopflow init --xlsx sop.xlsx
`,
	}
	initFlags := func(help, xlsx *bool) *pflag.FlagSet {
		fs := newFlagSet(c.name, help)
		fs.BoolVar(xlsx, "xlsx", false, "write the spreadsheet template (XLSX) instead of TOML")
		return fs
	}
	c.flags = func() *pflag.FlagSet { return initFlags(new(bool), new(bool)) }
	c.run = func(e *env, args []string) int {
		var help, xlsx bool
		fs := initFlags(&help, &xlsx)
		if code, ok := e.parseFlags(c, fs, &help, args); !ok {
			return code
		}
		if fs.NArg() == 1 {
			switch ext := strings.ToLower(filepath.Ext(fs.Arg(0))); {
			case ext == ".xlsx":
				xlsx = true // the name says so
			case xlsx && ext != "" && fs.Arg(0) != "-":
				return e.usageError(c.name, "--xlsx writes a workbook, but %s is named like a %s file: name it .xlsx", fs.Arg(0), strings.TrimPrefix(ext, "."))
			}
		}
		data := template
		if xlsx {
			p, err := flow.Parse("template.toml", template)
			if err == nil {
				data, err = writeXLSX(p)
			}
			if err != nil {
				return e.report("", err)
			}
			if fs.NArg() == 0 && isTerminal(e.stdout) {
				return e.usageError(c.name, "--xlsx writes a binary file: give a FILE, or redirect standard output")
			}
		}
		switch fs.NArg() {
		case 0:
		case 1:
			if name := fs.Arg(0); name != "-" {
				if err := createNew(name, data); err != nil {
					return e.report("", err)
				}
				e.verbosef("wrote %s", name)
				return exitOK
			}
		default:
			return e.usageError(c.name, "init takes at most one FILE")
		}
		if _, err := e.stdout.Write(data); err != nil {
			return e.report("", err)
		}
		return exitOK
	}
	return c
}

// createNew writes data to a new file name, whole or not at all: it writes
// a temporary file beside it, then links it to name, which fails when name
// exists (no race with another writer, unlike a check then a rename).
func createNew(name string, data []byte) error {
	if _, err := os.Lstat(name); err == nil {
		return fmt.Errorf("%s exists; init does not overwrite (choose another name, or remove it)", name)
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".sopflow-init-*")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the name is the temporary file's: say name's
		}
		return fmt.Errorf("cannot write %s: %v", name, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Link(tmp.Name(), name); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s exists; init does not overwrite (choose another name, or remove it)", name)
		}
		return err
	}
	return nil
}
