package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/pflag"

	"github.com/sopflow/sopflow/book"
	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
)

// This file is the book command: many SOPs to one PDF manual.

type bookFlagValues struct {
	pageFlagValues
	output      string
	bookFile    string
	index       string
	skipInvalid bool
	quiet       bool
	limits      []string
	help        bool
}

func bookFlags(v *bookFlagValues) *pflag.FlagSet {
	fs := newFlagSet("book", &v.help)
	fs.StringVarP(&v.output, "output", "o", "", "write the book to `FILE`.pdf (required)")
	fs.StringVar(&v.bookFile, "book", "", "the book's settings `FILE` (default: book.toml in the first folder given, if there is one)")
	pageFlags(fs, &v.pageFlagValues, "`VIEW`: table, or bpmn to add each SOP's swimlane view after its table")
	fs.StringVar(&v.index, "index", "", "also write the register of the SOPs to `FILE`.csv or FILE.json: file, number, name, unit, steps, actors, first page, pages")
	fs.BoolVar(&v.skipInvalid, "skip-invalid", false, "leave invalid SOPs out of the book (and say which), instead of writing no book")
	fs.BoolVarP(&v.quiet, "quiet", "q", false, "print only errors: no warnings, no progress, no summary")
	limitFlag(fs, &v.limits)
	files(fs, "output")
	files(fs, "book")
	files(fs, "index")
	return fs
}

func bookCommand() *command {
	c := &command{
		name:     "book",
		summary:  "bind the SOPs of folders and files into one PDF book",
		synopsis: "book [flags] -o FILE.pdf PATH...",
		about: `Book binds SOPs into one print-ready PDF: a cover, an optional page
that introduces the book as the appendix (lampiran) of a decree, the
table of contents (daftar isi) with links, then every SOP's identity page
and flowchart pages as render draws them (with --view bpmn, its swimlane
view after its table). Every page but the cover carries the book's page
number; the PDF has an outline with one entry per SOP.

PATH is an SOP file (TOML, JSON, XLSX or CSV) or a folder, searched with
its subfolders for such files (book.toml and hidden folders left out).
The default PATH is the current folder.

The settings come from book.toml in the first folder given, or from
--book: the cover's title, subtitle, unit lines, logo, place and year,
the [decree] and the order of the SOPs (sops = ["a.toml", ...], relative
to the book.toml). What it leaves out comes from the SOPs: the unit lines
they all share, the logo they share, the year of their latest date. The
SOPs are ordered by their number in natural order (SOP-2 before SOP-10),
then by file name; those book.toml lists come first, in its order.

Every invalid SOP is reported as file:line:col: message, like check,
and then no book is written, unless --skip-invalid leaves them out. The
book is written to a temporary file and renamed, so a failed run never
leaves a partial book. A progress bar is shown on standard error when it
is a terminal.

Exit status: 0 when the book was written, 1 when an SOP is invalid or the
book could not be written, 2 when the command line is wrong.`,
		examples: `  sopflow book -o buku-sop.pdf sop/
  sopflow book --book sop/book.toml --index register.csv -o buku.pdf sop/
  sopflow book --paper f4 --orientation portrait -o buku.pdf sop/*.toml
  sopflow book --view bpmn --skip-invalid -o buku.pdf sop/
`,
	}
	c.flags = func() *pflag.FlagSet { return bookFlags(new(bookFlagValues)) }
	c.run = func(e *env, args []string) int {
		var v bookFlagValues
		fs := bookFlags(&v)
		if code, ok := e.parseFlags(c, fs, &v.help, args); !ok {
			return code
		}
		var err error
		if e.parse, err = parseLimits(v.limits); err != nil {
			return e.usageError(c.name, "%v", err)
		}
		if v.quiet {
			e.verbose, e.quiet = false, true
		}
		j, err := newBookJob(&v)
		if err != nil {
			return e.usageError(c.name, "%v", err)
		}
		paths := fs.Args()
		if len(paths) == 0 {
			paths = []string{"."}
		}
		return e.book(j, paths)
	}
	return c
}

// bookJob is what the book flags resolve to.
type bookJob struct {
	opt         book.Options
	output      string
	bookFile    string
	index       string
	skipInvalid bool
	ranker      string
}

func newBookJob(v *bookFlagValues) (*bookJob, error) {
	j := &bookJob{output: v.output, bookFile: v.bookFile, index: v.index, skipInvalid: v.skipInvalid, ranker: v.ranker}
	switch {
	case v.output == "":
		return nil, errors.New("-o FILE.pdf is required: where to write the book")
	case v.output == "-":
		return nil, errors.New("-o - is not supported: a book is written to a file, renamed into place when complete")
	case !strings.EqualFold(filepath.Ext(v.output), ".pdf"):
		return nil, fmt.Errorf("-o %s: a book is a PDF; name it with .pdf", v.output)
	}
	if fi, err := os.Stat(v.output); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("-o %s is a directory; name the book's file, such as %s", v.output, filepath.Join(v.output, "buku-sop.pdf"))
	}
	if v.index != "" {
		switch strings.ToLower(filepath.Ext(v.index)) {
		case ".csv", ".json":
		default:
			return nil, fmt.Errorf("--index %s: want a .csv or .json file", v.index)
		}
		if filepath.Clean(v.index) == filepath.Clean(v.output) {
			return nil, errors.New("--index and -o name the same file")
		}
	}
	var err error
	if j.opt.Layout, err = v.pageLayout(); err != nil {
		return nil, err
	}
	j.opt.Profile = render.Profile(v.profile)
	j.opt.Lang = v.lang
	j.opt.BPMN = v.view == "bpmn"
	if j.opt.Created, err = sourceDate(); err != nil {
		return nil, err
	}
	return j, nil
}

// bookFiles returns the SOP files of paths: files as given, folders
// searched with their subfolders, each file once, in a fixed order.
func bookFiles(paths []string, skip []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	skipped := map[string]bool{}
	for _, s := range skip {
		if s != "" {
			if a, err := filepath.Abs(s); err == nil {
				skipped[a] = true
			}
		}
	}
	addFile := func(p string) {
		a, err := filepath.Abs(p)
		if err != nil || seen[a] || skipped[a] {
			return
		}
		seen[a] = true
		out = append(out, p)
	}
	for _, root := range paths {
		fi, err := os.Stat(root)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			addFile(root)
			continue
		}
		var found []string
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() {
				if p != root && strings.HasPrefix(name, ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasPrefix(name, ".") || strings.EqualFold(name, "book.toml") || !d.Type().IsRegular() {
				return nil
			}
			ext := strings.ToLower(filepath.Ext(name))
			if !slices.Contains(sopExts, strings.TrimPrefix(ext, ".")) {
				return nil
			}
			if ext == ".json" && !looksLikeSOPJSON(p) {
				return nil // render's layout JSON, an index, a package.json
			}
			if ext == ".csv" && isIndexCSV(p) {
				return nil // the register of an earlier run
			}
			found = append(found, p)
			return nil
		})
		if err != nil {
			return nil, err
		}
		slices.SortFunc(found, book.NaturalCompare)
		for _, p := range found {
			addFile(p)
		}
	}
	return out, nil
}

// looksLikeSOPJSON reports whether the JSON file at p is an SOP: an
// object with steps, or JSON too broken to tell (reading it reports the
// problem). Other JSON beside SOPs (render's layout JSON, the register
// --index writes, a package.json) is not taken for one.
func looksLikeSOPJSON(p string) bool {
	data, err := os.ReadFile(p)
	if err != nil || len(data) > flow.DefaultMaxBytes {
		return true // let reading it report the problem
	}
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '[' {
		return false // a list, such as the register --index writes
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil {
		return true
	}
	_, steps := top["steps"]
	_, actors := top["actors"]
	return steps || actors
}

// indexHeader is the first line of the register --index writes as CSV.
var indexHeader = []string{"file", "number", "name", "unit", "steps", "actors", "first_page", "pages"}

// isIndexCSV reports whether the CSV file at p is a register that --index
// wrote, not an SOP.
func isIndexCSV(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	rec, err := csv.NewReader(io.LimitReader(f, 4096)).Read()
	return err == nil && slices.Equal(rec, indexHeader)
}

// book runs the book command.
func (e *env) book(j *bookJob, paths []string) int {
	// The settings: --book, else book.toml in the first folder.
	cfgFile := j.bookFile
	if cfgFile == "" {
		if fi, err := os.Stat(paths[0]); err == nil && fi.IsDir() {
			if _, err := os.Stat(filepath.Join(paths[0], "book.toml")); err == nil {
				cfgFile = filepath.Join(paths[0], "book.toml")
			}
		}
	}
	var cfg *book.Config
	if cfgFile != "" {
		data, err := os.ReadFile(cfgFile)
		if err != nil {
			return e.report("", err)
		}
		if cfg, err = book.ParseConfig(cfgFile, data); err != nil {
			return e.report(cfgFile, err)
		}
		if cfg.Logo != "" {
			p := &flow.Procedure{Identity: flow.Identity{Logo: cfg.Logo, LogoPos: cfg.Pos.ValuePos("logo")}}
			p.Identity.LogoPos.File = cfgFile
			logo, err := render.LoadLogo(p, render.LogoOptions{Dir: filepath.Dir(cfgFile)})
			if err != nil {
				return e.report(cfgFile, err)
			}
			j.opt.Logo = logo
		}
	}
	files, err := bookFiles(paths, []string{j.output, j.index, cfgFile})
	if err != nil {
		return e.report("", err)
	}
	nListed := 0
	if cfg != nil {
		if files, err = listedFirst(cfgFile, cfg, files); err != nil {
			return e.report(cfgFile, err)
		}
		nListed = len(cfg.SOPs)
	}
	if len(files) == 0 {
		fmt.Fprintf(e.stderr, "sopflow: no SOP files in %s (looked for %s)\n", strings.Join(paths, ", "), "*."+strings.Join(sopExts, ", *."))
		return exitInvalid
	}

	// Read every file, on all processors, and report every invalid one.
	ins, errs := e.openAll(files, j.opt.Profile, j.opt.Lang)
	var sops []book.SOP
	var invalid []string
	for i, f := range files {
		if errs[i] != nil {
			name := f
			if errors.As(errs[i], new(readError)) {
				name = ""
			}
			e.report(name, errs[i])
			invalid = append(invalid, f)
			continue
		}
		if !e.quiet {
			e.printList(ins[i].warnings, "warnings")
		}
		sops = append(sops, book.SOP{File: f, Proc: ins[i].p, Logo: ins[i].logo, Labels: ins[i].labels})
	}
	if cfg != nil && cfg.Decree != nil && !e.quiet {
		for _, w := range signerWarnings(cfg.Decree.Signer, sops) {
			fmt.Fprintln(e.stderr, w)
		}
	}
	if len(invalid) > 0 && !j.skipInvalid {
		fmt.Fprintf(e.stderr, "sopflow: %d of %d SOPs are invalid; no book written (--skip-invalid leaves them out)\n", len(invalid), len(files))
		return exitInvalid
	}
	if len(invalid) > 0 {
		fmt.Fprintf(e.stderr, "sopflow: left out of the book, invalid: %s\n", strings.Join(invalid, ", "))
	}
	if len(sops) == 0 {
		fmt.Fprintln(e.stderr, "sopflow: no valid SOP; no book written")
		return exitInvalid
	}
	// The SOPs book.toml lists keep its order; the others follow, by
	// number.
	listed := 0
	for _, s := range sops {
		if !slices.Contains(files[:nListed], s.File) {
			break
		}
		listed++
	}
	book.Sort(sops[listed:])
	if j.opt.BPMN {
		r := &renderJob{ranker: j.ranker}
		rk, err := r.ranking()
		if err != nil {
			return e.report("", err)
		}
		j.opt.Ranker = rk
	}

	var bar *progressbar.ProgressBar
	if isTerminal(e.stderr) && !e.quiet {
		bar = progressbar.NewOptions(len(sops),
			progressbar.OptionSetWriter(e.stderr),
			progressbar.OptionSetDescription("SOP"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(e.stderr) }),
		)
		j.opt.Progress = func(done, pages int) {
			bar.Describe(fmt.Sprintf("SOP (%d pages)", pages))
			_ = bar.Set(done)
		}
	}
	var res *book.Result
	outs := []output{{path: j.output, write: func(w io.Writer) error {
		var err error
		res, err = book.Write(w, cfg, sops, j.opt)
		return err
	}}}
	if j.index != "" {
		outs = append(outs, output{path: j.index, write: func(w io.Writer) error {
			return writeIndex(w, j.index, res)
		}})
	}
	err = writeFiles(outs)
	if bar != nil {
		_ = bar.Finish()
	}
	if err != nil {
		return e.report("", err)
	}
	if !e.quiet {
		fmt.Fprintf(e.stderr, "sopflow: wrote %s: %d SOPs, %d pages\n", j.output, len(sops), res.Pages)
	}
	return exitOK
}

// signerWarnings says which SOPs name the decree's signer (the same NIP)
// with another name or rank: one of the two is out of date, and the book
// would carry both.
func signerWarnings(signer flow.Approver, sops []book.SOP) []string {
	norm := func(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
	nip := strings.ReplaceAll(signer.NIP, " ", "")
	if nip == "" {
		return nil
	}
	var out []string
	for _, s := range sops {
		a := s.Proc.Identity.Approver
		if strings.ReplaceAll(a.NIP, " ", "") != nip {
			continue
		}
		if norm(a.Name) != norm(signer.Name) || norm(a.Rank) != norm(signer.Rank) {
			out = append(out, fmt.Sprintf("%s: warning: the approver %q (%s) has the NIP of the decree's signer %q (%s); one of the two is out of date",
				s.File, a.Name, a.Rank, signer.Name, signer.Rank))
		}
	}
	return out
}

// openAll reads and checks the files on all processors, in their order.
func (e *env) openAll(files []string, profile render.Profile, lang string) ([]*input, []error) {
	ins := make([]*input, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				src := source{arg: files[i], name: files[i], dir: filepath.Dir(files[i])}
				ins[i], errs[i] = e.open(src, profile, lang)
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return ins, errs
}

// listedFirst orders files as the book's settings list them: the listed
// ones first, in the list's order, then the others. A listed file that is
// not among files is an error at its place in the list.
func listedFirst(cfgFile string, cfg *book.Config, files []string) ([]string, error) {
	if len(cfg.SOPs) == 0 {
		return files, nil
	}
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		return a
	}
	index := map[string]int{}
	for i, f := range files {
		index[abs(f)] = i
	}
	taken := make([]bool, len(files))
	var out []string
	var errs flow.ErrorList
	dir := filepath.Dir(cfgFile)
	for k, name := range cfg.SOPs {
		p := filepath.FromSlash(name)
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		i, ok := index[abs(p)]
		if !ok {
			pos := cfg.Pos.ValuePos("sops", strconv.Itoa(k))
			pos.File = cfgFile
			if _, err := os.Stat(p); err != nil {
				errs.Add(pos, "sops: %s: no such file", name)
			} else {
				errs.Add(pos, "sops: %s is not among the PATHs given", name)
			}
			continue
		}
		taken[i] = true
		out = append(out, files[i])
	}
	if len(errs) > 0 {
		return nil, errs
	}
	var rest []string
	for i, f := range files {
		if !taken[i] {
			rest = append(rest, f)
		}
	}
	return append(out, rest...), nil
}

// writeIndex writes the register of the book's SOPs as CSV or JSON, by
// the extension of name.
func writeIndex(w io.Writer, name string, res *book.Result) error {
	if res == nil {
		return errors.New("no book")
	}
	if strings.EqualFold(filepath.Ext(name), ".json") {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res.Entries); err != nil {
			return err
		}
		_, err := w.Write(b.Bytes())
		return err
	}
	cw := csv.NewWriter(w)
	_ = cw.Write(indexHeader)
	for _, x := range res.Entries {
		_ = cw.Write([]string{filepath.ToSlash(x.File), x.Number, x.Name, x.Unit, strconv.Itoa(x.Steps), strconv.Itoa(x.Actors), strconv.Itoa(x.FirstPage), strconv.Itoa(x.Pages)})
	}
	cw.Flush()
	return cw.Error()
}
