package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"

	"github.com/sopflow/sopflow/book"
	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
	"github.com/sopflow/sopflow/sheet"
)

// Exit codes, as gofmt's: 2 is a wrong command line.
const (
	exitOK      = 0 // every FILE done
	exitInvalid = 1 // a FILE is invalid, or could not be rendered or written
	exitUsage   = 2 // unknown command or flag, bad flag value, no FILE
)

// version is the version of sopflow. A release build sets it with
// -ldflags "-X main.version=v1.2.3"; otherwise the module version that
// `go install module@version` records is used, if any.
var version = "dev"

// stdinName names standard input in messages and error positions.
const stdinName = "<stdin>"

// env is what a command reads from and writes to.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	verbose        bool              // report each file written on stderr
	quiet          bool              // print only errors, no warnings
	parse          flow.ParseOptions // the limits of the input
}

// verbosef prints a line about the run on standard error when verbose.
func (e *env) verbosef(format string, args ...any) {
	if e.verbose {
		fmt.Fprintf(e.stderr, "sopflow: "+format+"\n", args...)
	}
}

// exitCrash is the exit code of a bug in sopflow: neither a bad FILE (1)
// nor a wrong command line (2).
const exitCrash = 3

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// command is one sub-command of sopflow.
type command struct {
	name     string
	summary  string // one line, for the command list
	synopsis string // the usage line after "sopflow "
	about    string // what it does, for its help
	examples string
	flags    func() *pflag.FlagSet // its flags, for its help
	run      func(e *env, args []string) int
}

// commands returns the sub-commands in the order the help lists them.
func commands() []*command {
	return []*command{renderCommand(), bookCommand(), checkCommand(), lintCommand(), initCommand(), convertCommand(), fmtCommand(), serveCommand(), completionCommand(), versionCommand(), helpCommand()}
}

func findCommand(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

// run runs sopflow with the command-line arguments args (without the program
// name) and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, verbose: isTerminal(stderr)}
	defer e.recoverCrash(&code)
	if len(args) == 0 {
		fmt.Fprint(stderr, topUsage())
		return exitUsage
	}
	switch name := args[0]; {
	case name == "-h" || name == "--help":
		fmt.Fprint(stdout, topUsage())
		return exitOK
	case name == "__complete":
		return runComplete(e, args[1:])
	case name == "--version":
		fmt.Fprintln(stdout, "sopflow "+versionString())
		return exitOK
	case strings.HasPrefix(name, "-") && name != "-":
		return e.usageError("", "unknown flag %s before the command", name)
	default:
		c := findCommand(name)
		if c == nil {
			return e.usageError("", "unknown command %q%s (commands: render, book, check, lint, init, convert, fmt, serve, completion, version, help)", name, commandHint(name))
		}
		return c.run(e, args[1:])
	}
}

// recoverCrash turns a panic, a bug in sopflow, into a one-line message
// and exitCrash, without a goroutine dump.
func (e *env) recoverCrash(code *int) {
	if r := recover(); r != nil {
		fmt.Fprintf(e.stderr, "sopflow: internal error: %v\nPlease report it with the FILE that caused it.\n", r)
		*code = exitCrash
	}
}

// commandHint returns " (did you mean render?)" for a misspelt command, or "".
func commandHint(name string) string {
	best, bestD := "", 3
	for _, c := range commands() {
		if d := editDistance(strings.ToLower(name), c.name); d < bestD || strings.HasPrefix(c.name, name) && name != "" && bestD > 0 {
			best, bestD = c.name, min(d, bestD)
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}

// editDistance is the Levenshtein distance between short strings a and b.
func editDistance(a, b string) int {
	if len(a) > 32 {
		return len(a)
	}
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// topUsage is the help of sopflow itself.
func topUsage() string {
	var b strings.Builder
	b.WriteString(`sopflow draws the flowchart table of an SOP Administrasi Pemerintahan
(Permenpan RB 35/2012), as SVG, PNG, PDF or layout JSON, from a TOML file,
its JSON form, or a spreadsheet (XLSX, CSV).

Usage:
  sopflow <command> [flags] [FILE...]

Commands:
`)
	width := 0
	for _, c := range commands() {
		width = max(width, len(c.name))
	}
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-*s %s\n", width+1, c.name, c.summary)
	}
	b.WriteString(`
Flags:
  -h, --help      show this help
      --version   print the version of sopflow

Exit status: 0 when all went well, 1 when a FILE is invalid or could not be
rendered or written, 2 when the command line is wrong.

Examples:
  sopflow render sop.toml               # writes sop.svg next to sop.toml
  sopflow render -o sop.pdf sop.toml    # one PDF holding every page
  sopflow check sop/*.toml              # prints nothing when all are valid
  sopflow init sop.toml                 # a commented SOP to start from

Run 'sopflow help <command>' for the flags of a command.
`)
	return b.String()
}

// commandUsage is the help of c.
func commandUsage(c *command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: sopflow %s\n\n%s\n", c.synopsis, c.about)
	if c.flags != nil {
		fmt.Fprintf(&b, "\nFlags:\n%s", flagUsages(c.flags()))
	}
	if c.examples != "" {
		fmt.Fprintf(&b, "\nExamples:\n%s", c.examples)
	}
	return b.String()
}

// flagUsages lists the flags of fs in the style of Go's flag package: the
// flag and its value's name on one line, what it does below, wrapped. (pflag's
// own listing writes "--tall[=true|false]" for every boolean.)
func flagUsages(fs *pflag.FlagSet) string {
	var b strings.Builder
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Shorthand != "" {
			fmt.Fprintf(&b, "  -%s, --%s", f.Shorthand, f.Name)
		} else {
			fmt.Fprintf(&b, "  --%s", f.Name)
		}
		name, usage := pflag.UnquoteUsage(f)
		if f.Value.Type() != "bool" {
			fmt.Fprintf(&b, " %s", name)
		}
		if d := f.DefValue; d != "" && d != "false" && d != "0" {
			usage += " (default " + d + ")"
		}
		b.WriteByte('\n')
		line := "       "
		for _, w := range strings.Fields(usage) {
			if len(line)+1+len(w) > 80 && line != "       " {
				b.WriteString(line + "\n")
				line = "       "
			}
			line += " " + w
		}
		b.WriteString(line + "\n")
	})
	return b.String()
}

// usageError prints a command-line problem and where to find help, and
// returns exitUsage. cmd is the command's name, or "" for sopflow itself.
func (e *env) usageError(cmd, format string, args ...any) int {
	fmt.Fprintf(e.stderr, "sopflow: "+format+"\n", args...)
	if cmd == "" {
		fmt.Fprintln(e.stderr, "Run 'sopflow help' for usage.")
	} else {
		fmt.Fprintf(e.stderr, "Run 'sopflow help %s' for usage.\n", cmd)
	}
	return exitUsage
}

// newFlagSet returns a quiet flag set for the command called name, with a
// -h/--help flag that sets *help.
func newFlagSet(name string, help *bool) *pflag.FlagSet {
	fs := pflag.NewFlagSet("sopflow "+name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard) // run prints the errors
	fs.SortFlags = false
	fs.BoolVarP(help, "help", "h", false, "show this help")
	return fs
}

// parseFlags parses args into fs. It reports whether the command should go
// on; if not, code is the exit code (0 after printing the help).
func (e *env) parseFlags(c *command, fs *pflag.FlagSet, help *bool, args []string) (code int, goOn bool) {
	if err := fs.Parse(args); err != nil {
		return e.usageError(c.name, "%v", err), false
	}
	if *help {
		fmt.Fprint(e.stdout, commandUsage(c))
		return exitOK, false
	}
	return exitOK, true
}

// printList prints the first maxErrors problems of l, one per line, then
// how many more there are.
func (e *env) printList(l flow.ErrorList, noun string) {
	for i, x := range l {
		if i == maxErrors {
			fmt.Fprintf(e.stderr, "%s: and %d more %s\n", x.Pos.File, len(l)-maxErrors, noun)
			break
		}
		fmt.Fprintln(e.stderr, x.Error()+limitHint(x))
	}
}

// maxErrors is how many problems (or warnings) of one FILE are printed.
const maxErrors = 50

// report prints err, one line per problem, and returns exitInvalid. The
// problems of a flow.ErrorList are printed each with its position, the
// first maxErrors of them, then how many more there are; any other error
// is printed after "sopflow: " and name (if not "").
func (e *env) report(name string, err error) int {
	list, ok := flow.AsList(err)
	switch {
	case ok:
		e.printList(list, "errors")
	case name != "":
		fmt.Fprintf(e.stderr, "sopflow: %s: %v\n", name, err)
	default:
		fmt.Fprintf(e.stderr, "sopflow: %v\n", err)
	}
	return exitInvalid
}

// source is one FILE argument.
type source struct {
	arg  string // as given; "-" is standard input
	name string // for messages and positions: arg, or stdinName
	dir  string // where paths in the file start: its directory, or "." for standard input
}

// sources checks the FILE arguments.
func sources(args []string) ([]source, error) {
	if len(args) == 0 {
		return nil, errors.New("no FILE given")
	}
	var out []source
	stdin := false
	for _, a := range args {
		if a == "-" {
			if stdin {
				return nil, errors.New(`"-" (standard input) given twice`)
			}
			stdin = true
			out = append(out, source{arg: a, name: stdinName, dir: "."})
			continue
		}
		out = append(out, source{arg: a, name: a, dir: filepath.Dir(a)})
	}
	return out, nil
}

// load reads and checks one FILE: its TOML, the logo it names and its label
// overrides. On failure it prints every problem and returns nil; otherwise
// it prints the warnings, unless quiet.
func (e *env) load(src source, profile render.Profile, lang string) (*flow.Procedure, []byte, render.Labels) {
	in, err := e.open(src, profile, lang)
	if err != nil {
		name := src.name
		if errors.As(err, new(readError)) {
			name = "" // the error names the file
		}
		e.report(name, err)
		return nil, nil, nil
	}
	if !e.quiet {
		e.printList(in.warnings, "warnings")
	}
	return in.p, in.logo, in.labels
}

// input is one FILE read and checked.
type input struct {
	p        *flow.Procedure
	logo     []byte
	labels   render.Labels
	warnings flow.ErrorList // sorted
}

// isJSON reports whether FILE src holds the JSON form of an SOP: its name
// ends in .json, or, on standard input, its first character is "{", which
// cannot start a TOML file.
func isJSON(src source, data []byte) bool {
	if src.arg == "-" {
		t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
		return len(t) > 0 && t[0] == '{'
	}
	return strings.EqualFold(filepath.Ext(src.arg), ".json")
}

// isBookSettings reports whether FILE src is a book.toml, the settings of
// sopflow book that stand beside the SOPs.
func isBookSettings(src source) bool {
	return src.arg != "-" && strings.EqualFold(filepath.Base(src.arg), "book.toml")
}

// checkBookSettings reads and checks a book.toml: its keys and values,
// and the logo it names.
func (e *env) checkBookSettings(src source) error {
	data, err := e.read(src)
	if err != nil {
		return readError{err}
	}
	cfg, err := book.ParseConfig(src.name, data)
	if err != nil {
		return err
	}
	if cfg.Logo != "" {
		p := &flow.Procedure{Identity: flow.Identity{Logo: cfg.Logo, LogoPos: cfg.Pos.ValuePos("logo")}}
		p.Identity.LogoPos.File = src.name
		if _, err := render.LoadLogo(p, render.LogoOptions{Dir: src.dir}); err != nil {
			return err
		}
	}
	return nil
}

// readError is an error of reading a FILE; it names the file.
type readError struct{ error }

func (r readError) Unwrap() error { return r.error }

// open reads and checks one FILE as load does, without printing: the
// error is a flow.ErrorList, a *flow.Error or an error of reading.
func (e *env) open(src source, profile render.Profile, lang string) (*input, error) {
	data, err := e.read(src)
	if err != nil {
		return nil, readError{err}
	}
	if isBookSettings(src) {
		return nil, &flow.Error{Pos: flow.Pos{File: src.name}, Msg: "this is the settings file of sopflow book, not an SOP: sopflow book reads it, sopflow check checks it"}
	}
	parse := e.parse.Parse
	switch ext := strings.ToLower(filepath.Ext(src.arg)); {
	case isJSON(src, data):
		parse = e.parse.ParseJSON
	case ext == ".xlsx" || src.arg == "-" && bytes.HasPrefix(data, []byte("PK\x03\x04")):
		parse = e.readXLSX
	case ext == ".csv":
		parse = func(name string, data []byte) (*flow.Procedure, error) { return sheet.ReadCSV(name, data, e.parse) }
	}
	p, err := parse(src.name, data)
	if err != nil {
		return nil, err
	}
	var problems flow.ErrorList
	logo, lerr := readLogo(p, src)
	if lerr != nil {
		problems = append(problems, lerr)
	}
	labels, err := render.NewLabels(profile, lang, p.Labels)
	if err != nil {
		// flow does not know the label keys, so there is no line to point at.
		problems = append(problems, &flow.Error{Pos: flow.Pos{File: src.name}, Msg: "labels: " + err.Error()})
	}
	if len(problems) > 0 {
		problems.Sort()
		return nil, problems
	}
	warnings := append(p.Warnings(), render.TextWarnings(p, labels)...)
	warnings.Sort()
	return &input{p: p, logo: logo, labels: labels, warnings: warnings}, nil
}

// read reads FILE src, at most the size limit (and one byte more, to tell
// that it is larger).
func (e *env) read(src source) ([]byte, error) {
	r := e.stdin
	if src.arg != "-" {
		f, err := os.Open(src.arg)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return nil, fmt.Errorf("%s is a directory, not an SOP file", src.arg)
		}
		r = f
	}
	max := e.parse.MaxBytes
	if max == 0 {
		max = flow.DefaultMaxBytes
	}
	if max > 0 {
		r = io.LimitReader(r, int64(max)+1)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		if src.arg == "-" {
			err = fmt.Errorf("read %s: %w", stdinName, err)
		}
		return nil, err
	}
	return data, nil
}

// readLogo reads the logo that p names, relative to the directory of its
// file, with the checks of render.LoadLogo. It returns nil when p names
// none, and an error at the logo key when the file cannot be read, is too
// large or is not a PNG or JPEG image.
func readLogo(p *flow.Procedure, src source) ([]byte, *flow.Error) {
	data, err := render.LoadLogo(p, render.LogoOptions{Dir: src.dir})
	if err == nil {
		return data, nil
	}
	var fe *flow.Error
	if !errors.As(err, &fe) {
		fe = &flow.Error{Pos: flow.Pos{File: src.name}, Msg: err.Error()}
	}
	if fe.Pos.File == "" {
		fe.Pos.File = src.name
	}
	return nil, fe
}

// versionString returns the version: the one set at link time, else the
// module version recorded in the binary, else "dev".
func versionString() string {
	if version != "dev" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return version
}

func checkCommand() *command {
	c := &command{
		name:     "check",
		summary:  "check each FILE and print every problem",
		synopsis: "check [flags] FILE...",
		about: `Check reads each SOP FILE (TOML, JSON, XLSX or CSV) and prints every
problem it finds, one per line as file:line:col: message, sorted by
position: TOML syntax, unknown keys, values of the wrong type, missing
items, unknown actors, references to steps that do not exist, steps that
cannot be reached or cannot reach an end, a logo file that cannot be read
or is too large, unknown [labels]. It prints at most 50 problems per FILE,
then how many more there are. It prints nothing when every FILE is valid,
and it writes no file. FILE "-" reads standard input.

It also prints warnings, which do not change the exit status: an actor
with no step, characters the embedded font has no glyph for, right-to-left
text. Input beyond a limit (size, nesting, key length, steps, actors) is
refused before it is decoded; --limit raises a limit.

Exit status: 0 when every FILE is valid, 1 when one is not, 2 when the
command line is wrong.`,
		examples: `  sopflow check sop.toml
  sopflow check testdata/examples/*.toml
  cat sop.toml | sopflow check -
`,
	}
	checkFlags := func(help *bool, limits *[]string, format *string) *pflag.FlagSet {
		fs := newFlagSet(c.name, help)
		formatFlag(fs, format, "text (file:line:col: message on standard error) or json (one report per FILE on standard output, for editors and CI)", formatText, formatJSON)
		limitFlag(fs, limits)
		return fs
	}
	c.flags = func() *pflag.FlagSet { return checkFlags(new(bool), new([]string), new(string)) }
	c.run = func(e *env, args []string) int {
		var help bool
		var limits []string
		var format string
		fs := checkFlags(&help, &limits, &format)
		if code, ok := e.parseFlags(c, fs, &help, args); !ok {
			return code
		}
		if err := oneOf(fs, "format", &format); err != nil {
			return e.usageError(c.name, "%v", err)
		}
		srcs, err := sources(fs.Args())
		if err != nil {
			return e.usageError(c.name, "%v", err)
		}
		if e.parse, err = parseLimits(limits); err != nil {
			return e.usageError(c.name, "%v", err)
		}
		status := exitOK
		var reports []fileReport
		for _, src := range srcs {
			if isBookSettings(src) {
				// The settings of sopflow book, beside the SOPs: checked as
				// such, not as an SOP.
				err := e.checkBookSettings(src)
				if err != nil {
					status = exitInvalid
				}
				if format == formatText {
					if err != nil {
						e.report(src.name, err)
					}
					continue
				}
				r := fileReport{File: src.name, Valid: err == nil, Problems: []problem{}}
				if err != nil {
					r.Problems = errorProblems(src.name, err)
				}
				reports = append(reports, r)
				continue
			}
			if format == formatText {
				if p, _, _ := e.load(src, render.Permenpan35, "id"); p == nil {
					status = exitInvalid
				}
				continue
			}
			r := fileReport{File: src.name, Problems: []problem{}}
			in, err := e.open(src, render.Permenpan35, "id")
			if err != nil {
				status = exitInvalid
				r.Problems = errorProblems(src.name, err)
			} else {
				r.Valid = true
				for _, w := range in.warnings {
					r.Problems = append(r.Problems, newProblem(w.Pos, "warning", "", w.Msg))
				}
			}
			reports = append(reports, r)
		}
		if format == formatJSON {
			writeJSON(e.stdout, reports)
		}
		return status
	}
	return c
}

func versionCommand() *command {
	c := &command{
		name:     "version",
		summary:  "print the version of sopflow",
		synopsis: "version",
		about:    `Version prints "sopflow" and the version of this build.`,
		examples: "  sopflow version\n",
	}
	c.flags = func() *pflag.FlagSet { return newFlagSet(c.name, new(bool)) }
	c.run = func(e *env, args []string) int {
		var help bool
		fs := newFlagSet(c.name, &help)
		if code, ok := e.parseFlags(c, fs, &help, args); !ok {
			return code
		}
		if fs.NArg() > 0 {
			return e.usageError(c.name, "version takes no arguments")
		}
		fmt.Fprintln(e.stdout, "sopflow "+versionString())
		return exitOK
	}
	return c
}

func helpCommand() *command {
	c := &command{
		name:     "help",
		summary:  "show the help of sopflow or of a command",
		synopsis: "help [command]",
		about:    "Help prints the help of sopflow, or of the command named.",
		examples: "  sopflow help\n  sopflow help render\n",
	}
	c.run = func(e *env, args []string) int {
		switch {
		case len(args) == 0:
			fmt.Fprint(e.stdout, topUsage())
			return exitOK
		case len(args) > 1:
			return e.usageError(c.name, "help takes one command name, not %d arguments", len(args))
		case args[0] == "-h" || args[0] == "--help":
			fmt.Fprint(e.stdout, commandUsage(c))
			return exitOK
		}
		target := findCommand(args[0])
		if target == nil {
			return e.usageError(c.name, "unknown command %q (commands: render, book, check, lint, init, convert, fmt, serve, completion, version, help)", args[0])
		}
		fmt.Fprint(e.stdout, commandUsage(target))
		return exitOK
	}
	return c
}
