package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/sopflow/sopflow/bpmn"
	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
	"github.com/sopflow/sopflow/table"
)

// This file is the render command: its flags, the names of its outputs and
// how they are written.

// renderFlagValues holds the flags of sopflow render as given.
type renderFlagValues struct {
	pageFlagValues
	output     string
	format     string
	tall       bool
	noIdentity bool
	dpi        float64
	single     bool
	embedFont  bool
	verbose    bool
	quiet      bool
	limits     []string
	help       bool
}

// pageFlagValues are the flags that render and book share: the paper, the
// printed labels and the view.
type pageFlagValues struct {
	paper       string
	orientation string
	margin      float64
	profile     string
	lang        string
	view        string
	ranker      string
}

// pageFlags adds the flags of v to fs; viewHelp says what --view does.
func pageFlags(fs *pflag.FlagSet, v *pageFlagValues, viewHelp string) {
	fs.StringVar(&v.paper, "paper", "a4", "paper `SIZE`: a4, a3, f4 (215 x 330 mm), letter, legal or WxHmm such as 210x330mm")
	fs.StringVar(&v.orientation, "orientation", "landscape", "page `ORIENTATION`: landscape or portrait")
	fs.Float64Var(&v.margin, "margin", 10, "page margin in `MM`")
	fs.StringVar(&v.profile, "profile", string(render.Permenpan35),
		"label `PROFILE`: permenpan35 or permendagri52 (TGL. PENGESAHAN, URAIAN PROSEDUR, ...)")
	fs.StringVar(&v.lang, "lang", "id", "`LANGUAGE` of the printed labels: id or en")
	fs.StringVar(&v.view, "view", "table", viewHelp)
	fs.StringVar(&v.ranker, "ranker", "", "`PATH` of the sopflow-rank helper for the bpmn view (default: beside sopflow, else in PATH)")
	files(fs, "ranker")
	values(fs, "paper", "a4", "a3", "f4", "letter", "legal")
	values(fs, "orientation", "landscape", "portrait")
	values(fs, "profile", string(render.Permenpan35), string(render.Permendagri52))
	values(fs, "lang", "id", "en")
	values(fs, "view", "table", "bpmn")
}

func renderFlags(v *renderFlagValues) *pflag.FlagSet {
	fs := newFlagSet("render", &v.help)
	fs.StringVarP(&v.output, "output", "o", "",
		"write to `PATH`: a file, a directory (for several FILEs) or - for standard output (default: next to each FILE)")
	fs.StringVarP(&v.format, "format", "f", "",
		"output `FORMAT`: svg, json, png, pdf, bpmn or dot (default: from the extension of -o, else svg)")
	pageFlags(fs, &v.pageFlagValues, "`VIEW` to draw: table (the SOP AP flowchart table) or bpmn (swimlanes)")
	fs.BoolVar(&v.tall, "tall", false, "lay the whole table out as one tall page, without the identity page (--view bpmn: the whole view on one page at full size)")
	fs.BoolVar(&v.noIdentity, "no-identity", false, "leave out the identity page")
	fs.Float64Var(&v.dpi, "dpi", 150, "PNG resolution: `N` dots per inch")
	fs.BoolVar(&v.single, "single", false, "SVG: stack all pages in one file")
	fs.BoolVar(&v.embedFont, "embed-font", false, "SVG: embed the glyphs used (subsets of the font, some 20 to 60 KB), so that the SVG looks the same everywhere")
	fs.BoolVarP(&v.verbose, "verbose", "v", false, "print each file written on standard error (the default when it is a terminal)")
	fs.BoolVarP(&v.quiet, "quiet", "q", false, "print only errors: no warnings, no list of files written")
	limitFlag(fs, &v.limits)
	files(fs, "output")
	values(fs, "format", "svg", "json", "png", "pdf", "bpmn", "dot")
	return fs
}

// pageLayout checks the page flags and returns the paper, orientation and
// margin they ask for; it leaves v's profile, lang and view in lower case,
// checked.
func (v *pageFlagValues) pageLayout() (table.LayoutOptions, error) {
	var lo table.LayoutOptions
	paper, err := paperNamed(v.paper)
	if err != nil {
		return lo, err
	}
	lo.Paper = paper
	switch strings.ToLower(v.orientation) {
	case "landscape":
	case "portrait":
		lo.Portrait = true
	default:
		return lo, fmt.Errorf("unknown --orientation %q (want landscape or portrait)", v.orientation)
	}
	// LayoutOptions.Margin 0 means the default, so 0 cannot be asked for.
	// Layout refuses a margin too wide for the paper.
	if !(v.margin > 0) {
		return lo, fmt.Errorf("--margin %g is out of range (want more than 0 mm)", v.margin)
	}
	lo.Margin = v.margin
	v.lang, v.profile, v.view = strings.ToLower(v.lang), strings.ToLower(v.profile), strings.ToLower(v.view)
	if _, err := render.NewLabels(render.Permenpan35, v.lang, nil); err != nil {
		return lo, fmt.Errorf("unknown --lang %q (want id or en)", v.lang)
	}
	if _, err := render.NewLabels(render.Profile(v.profile), "id", nil); err != nil {
		return lo, fmt.Errorf("unknown --profile %q (want permenpan35 or permendagri52)", v.profile)
	}
	if v.view != "table" && v.view != "bpmn" {
		return lo, fmt.Errorf("unknown --view %q (want table or bpmn)", v.view)
	}
	return lo, nil
}

// sourceDate is the date of SOURCE_DATE_EPOCH, for the PDF's dates; zero
// when it is not set.
func sourceDate() (time.Time, error) {
	sde, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || sde == "" {
		return time.Time{}, nil
	}
	sec, err := strconv.ParseInt(sde, 10, 64)
	if err != nil || sec < 0 || sec > 253402300799 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds since 1970 (before the year 10000)", sde)
	}
	return time.Unix(sec, 0).UTC(), nil
}

// renderJob is what the render flags resolve to, for every FILE.
type renderJob struct {
	format  render.Format
	layout  table.LayoutOptions // without Labels and Logo, which each FILE sets
	profile render.Profile
	lang    string
	write   render.WriteOptions // without Page
	single  bool
	output  string // "" next to each FILE, "-" standard output, else a file or directory
	outDir  bool   // output names a directory
	bpmn    bool   // draw the BPMN swimlane view
	ranker  string // the --ranker flag
	rank    bpmn.Ranker

	straight bool              // output names a device or FIFO, written straight
	written  map[string]string // cleaned path of each file written -> the FILE's name
}

// The formats beside render's: BPMN 2.0 XML and the Graphviz source.
const (
	formatBPMN render.Format = "bpmn"
	formatDOT  render.Format = "dot"
)

// formatNamed returns the output format called name, which is also its
// file extension without the dot.
func formatNamed(name string) (render.Format, bool) {
	switch f := render.Format(strings.ToLower(name)); f {
	case render.SVG, render.JSON, render.PNG, render.PDF, formatBPMN, formatDOT:
		return f, true
	}
	return "", false
}

// newRenderJob checks the flag values against each other and against the
// number of FILEs.
func newRenderJob(v *renderFlagValues, nFiles int) (*renderJob, error) {
	j := &renderJob{output: v.output, single: v.single, lang: strings.ToLower(v.lang),
		profile: render.Profile(strings.ToLower(v.profile)), written: make(map[string]string)}

	if v.format != "" {
		f, ok := formatNamed(v.format)
		if !ok {
			return nil, fmt.Errorf("unknown --format %q (want svg, json, png, pdf, bpmn or dot)", v.format)
		}
		j.format = f
	}
	switch {
	case v.output == "-":
		if nFiles > 1 {
			return nil, errors.New("-o - (standard output) takes one FILE")
		}
	case v.output != "":
		fi, err := os.Stat(v.output) // follows symbolic links
		trailing := strings.HasSuffix(v.output, string(filepath.Separator)) || strings.HasSuffix(v.output, "/")
		ext := strings.TrimPrefix(filepath.Ext(v.output), ".")
		extFormat, extOK := formatNamed(ext)
		switch {
		case !trailing && (isDevPath(v.output) || err == nil && !fi.IsDir() && !fi.Mode().IsRegular()):
			// A device or a FIFO, such as /dev/null: one stream.
			if nFiles > 1 {
				return nil, fmt.Errorf("-o %s is not a directory; with several FILEs, -o names a directory", v.output)
			}
			j.straight = true
			if j.format == "" && extOK {
				j.format = extFormat
			}
		case trailing || err == nil && fi.IsDir():
			if !trailing && extOK {
				return nil, fmt.Errorf("-o %s is a directory, not a .%s file; write -o %s/ to write into it", v.output, ext, v.output)
			}
			j.outDir = true
		case nFiles > 1:
			if err == nil {
				return nil, fmt.Errorf("-o %s is not a directory; with several FILEs, -o names a directory", v.output)
			}
			j.outDir = true // created when the first output is written
		case ext == "":
			return nil, fmt.Errorf("-o %s has no extension; name the file after its format (.svg, .png, .pdf, .json, .bpmn or .dot), or end a directory's name with /", v.output)
		case !extOK:
			return nil, fmt.Errorf("-o %s: unknown extension .%s (want .svg, .png, .pdf, .json, .bpmn or .dot)", v.output, ext)
		case j.format != "" && j.format != extFormat:
			return nil, fmt.Errorf("-f %s does not match the extension of -o %s; use -o with a .%s name, or leave -f out", j.format, v.output, j.format)
		default:
			j.format = extFormat
		}
	}
	if j.format == "" {
		j.format = render.SVG
	}

	var err error
	if j.layout, err = v.pageLayout(); err != nil {
		return nil, err
	}
	j.layout.Tall = v.tall
	j.layout.NoIdentity = v.noIdentity
	if !(v.dpi >= minDPI && v.dpi <= maxDPI) {
		return nil, fmt.Errorf("--dpi %g is out of range (want %d to %d)", v.dpi, minDPI, maxDPI)
	}
	j.write.DPI = v.dpi
	if j.write.Created, err = sourceDate(); err != nil {
		return nil, err
	}
	if v.single && j.format != render.SVG {
		return nil, fmt.Errorf("--single is for SVG, not %s", j.format)
	}
	if v.embedFont && j.format != render.SVG {
		return nil, fmt.Errorf("--embed-font is for SVG, not %s (PDF always embeds its font)", j.format)
	}
	j.write.EmbedFont = v.embedFont
	if v.view == "bpmn" {
		j.bpmn = j.format != formatDOT
	} else {
		j.bpmn = j.format == formatBPMN
	}
	j.ranker = v.ranker
	return j, nil
}

// The range of --dpi: below 10 dpi an A4 page is a thumbnail of 117 x 83
// pixels; above 2400 dpi it passes the PNG writer's pixel limit.
const (
	minDPI = 10
	maxDPI = 2400
)

// paperNamed returns the paper of --paper, as render.ParsePaper reads it,
// its error naming the flag as the other flags' do ("unknown --paper").
func paperNamed(name string) (render.Paper, error) {
	p, err := render.ParsePaper(name)
	if err != nil {
		return p, errors.New(strings.Replace(err.Error(), "paper", "--paper", 1))
	}
	return p, nil
}

// target is where the output of one FILE goes.
type target struct {
	stdout bool
	// straight is a file that is not a regular one (a device such as
	// /dev/null, a FIFO) written straight, as one stream like stdout.
	straight string
	// A one-file output is stem+ext; page n of several is stem-n+ext.
	stem, ext string
}

// stream reports whether t is one stream: standard output or a device.
func (t target) stream() bool { return t.stdout || t.straight != "" }

// target returns where the output of src goes.
func (j *renderJob) target(src source) target {
	ext := "." + string(j.format)
	switch {
	case j.output == "-" || (j.output == "" && src.arg == "-"):
		return target{stdout: true}
	case j.straight:
		return target{straight: j.output}
	case j.output == "":
		return target{stem: strings.TrimSuffix(src.arg, filepath.Ext(src.arg)), ext: ext}
	case j.outDir:
		base := "stdin"
		if src.arg != "-" {
			base = filepath.Base(src.arg)
			base = strings.TrimSuffix(base, filepath.Ext(base))
		}
		return target{stem: filepath.Join(j.output, base), ext: ext}
	default:
		e := filepath.Ext(j.output)
		return target{stem: strings.TrimSuffix(j.output, e), ext: e}
	}
}

// path returns the file name of page n (1-based) of pages, or of the only
// file when n is 0.
func (t target) path(n int) string {
	if n == 0 {
		return t.stem + t.ext
	}
	return fmt.Sprintf("%s-%d%s", t.stem, n, t.ext)
}

// output is one file to write. Its content is drawn when it is written,
// so that a run of many PNG pages holds one page in memory at a time.
type output struct {
	path  string // "" for standard output
	write func(w io.Writer) error
}

func renderCommand() *command {
	c := &command{
		name:     "render",
		summary:  "draw each FILE as SVG, PNG, PDF, layout JSON, BPMN XML or DOT",
		synopsis: "render [flags] FILE...",
		about: `Render draws each SOP FILE (TOML, JSON, XLSX or CSV) as the SOP AP
flowchart table. FILE "-" reads standard input.

Without -o, the output goes next to its FILE with the format's extension:
sop.toml gives sop.svg. With several FILEs, -o names a directory (created
if needed). With -o -, or when FILE is - and -o is not given, the output
goes to standard output. The format comes from -f, else from the extension
of -o, else it is svg.

A document of several pages gives one PNG per page, named sop-1.png,
sop-2.png, ... (with -o x.png: x-1.png, x-2.png, ...); so does SVG,
unless --single stacks the pages in one file. A one-page document gives
sop.png. PDF and JSON always hold every page in one file. On standard
output, SVG stacks the pages and PNG needs a one-page document.

--view bpmn draws the procedure as a BPMN-style swimlane diagram instead
of the table (in any of svg, png, pdf, json); -f bpmn writes it as BPMN 2.0
XML with diagram interchange, for bpmn.io and Camunda Modeler; -f dot writes
the Graphviz source of the procedure graph. The BPMN view is scaled down
to fit one page of the paper, as far as 6 pt text allows; a larger one
wraps into bands of lanes stacked on the page, and onto further pages,
joined by BPMN link events (A, B, ...), and every page is the paper's size;
--tall gives one page at full size. The
BPMN view needs the sopflow-rank helper, installed with sopflow by
go install ./cmd/... in a clone of sopflow.

-o must name a file with the format's extension (.svg, .png, .pdf, .json,
.bpmn, .dot), a directory, -, or a device or FIFO such as /dev/null
(written straight). A symbolic link is followed and its target replaced.

An invalid FILE prints its problems (up to 50) as file:line:col: message
and writes nothing; the other FILEs are still rendered, and the exit status
is the worst. Each output is written to a temporary file and renamed, so a
failed or interrupted run never leaves a partial file nor replaces a good
one. The files written are listed on standard error when it is a terminal,
or with -v.

Exit status: 0 when all went well, 1 when a FILE is invalid or could not be
rendered or written, 2 when the command line is wrong, 3 on a crash.`,
		examples: `  sopflow render sop.toml                    # sop.svg
  sopflow render -o sop.pdf sop.toml         # one PDF, every page
  sopflow render -f png --dpi 300 sop.toml   # sop.png or sop-1.png, sop-2.png, ...
  sopflow render --tall -o - sop.toml > sop.svg
  sopflow render --paper f4 --orientation portrait -f pdf sop.toml
  sopflow render -o out/ -f json sops/*.toml
  cat sop.toml | sopflow render -f pdf - > sop.pdf
  sopflow render --view bpmn -o sop.pdf sop.toml
  sopflow render -f bpmn sop.toml            # sop.bpmn
`,
	}
	c.flags = func() *pflag.FlagSet { return renderFlags(new(renderFlagValues)) }
	c.run = func(e *env, args []string) int {
		var v renderFlagValues
		fs := renderFlags(&v)
		if code, ok := e.parseFlags(c, fs, &v.help, args); !ok {
			return code
		}
		srcs, err := sources(fs.Args())
		if err != nil {
			return e.usageError(c.name, "%v", err)
		}
		if err := outputLike(fs.Args()); err != nil {
			return e.usageError(c.name, "%v", err)
		}
		if e.parse, err = parseLimits(v.limits); err != nil {
			return e.usageError(c.name, "%v", err)
		}
		switch {
		case v.verbose && v.quiet:
			return e.usageError(c.name, "-v and -q contradict each other")
		case v.verbose:
			e.verbose = true
		case v.quiet:
			e.verbose, e.quiet = false, true
		}
		j, err := newRenderJob(&v, len(srcs))
		if err != nil {
			return e.usageError(c.name, "%v", err)
		}
		// Two FILEs must not write the same output.
		seen := make(map[string]string)
		for _, src := range srcs {
			t := j.target(src)
			if t.stdout {
				continue
			}
			p := filepath.Clean(t.path(0))
			if other, dup := seen[p]; dup {
				return e.usageError(c.name, "%s and %s would both write %s", other, src.name, p)
			}
			seen[p] = src.name
		}
		if j.bpmn {
			// The helper starts while the first FILE is read.
			j.prestart()
			defer j.closeRanker()
		}
		status := exitOK
		for _, src := range srcs {
			status = max(status, e.renderOne(j, src))
		}
		return status
	}
	return c
}

// outputLike refuses a FILE argument after the first whose extension is
// an output format: "sopflow render in.toml out.pdf" is the habit of other
// tools, and means -o out.pdf.
func outputLike(args []string) error {
	for i, a := range args {
		ext := strings.TrimPrefix(filepath.Ext(a), ".")
		if _, ok := formatNamed(ext); ok && i > 0 && a != "-" {
			if _, err := os.Stat(a); err == nil && strings.EqualFold(ext, "json") {
				continue // an SOP in JSON
			}
			return fmt.Errorf("FILE %s is not an SOP file; did you mean -o %s?", a, a)
		}
	}
	return nil
}

// renderOne renders one FILE and writes its outputs. It returns the exit
// code for this FILE.
func (e *env) renderOne(j *renderJob, src source) int {
	p, logo, labels := e.load(src, j.profile, j.lang)
	if p == nil {
		return exitInvalid
	}
	t := j.target(src)
	outs, err := j.draw(p, logo, labels, t)
	if err != nil {
		return e.report(src.name, err)
	}
	if t.stdout {
		if err := outs[0].write(e.stdout); err != nil {
			return e.report("", fmt.Errorf("write standard output: %w", err))
		}
		return exitOK
	}
	for _, o := range outs {
		if sameFile(o.path, src.arg) {
			return e.report(src.name, fmt.Errorf("the output %s would replace the input", o.path))
		}
		// Names are compared as computed, page numbers included: x.toml
		// of two pages and x-1.toml would both write x-1.png.
		if other, dup := j.written[filepath.Clean(o.path)]; dup {
			return e.report(src.name, fmt.Errorf("the output %s would replace the one just written for %s; rename one of the FILEs, or give each its own -o", o.path, other))
		}
	}
	if j.outDir {
		if err := os.MkdirAll(j.output, 0o755); err != nil {
			return e.report("", err)
		}
	}
	if err := writeFiles(outs); err != nil {
		return e.report("", err)
	}
	for _, o := range outs {
		j.written[filepath.Clean(o.path)] = src.name
		e.verbosef("wrote %s", o.path)
	}
	return exitOK
}

// draw lays p out in the job's view and returns the files of t, to be
// encoded as they are written.
func (j *renderJob) draw(p *flow.Procedure, logo []byte, labels render.Labels, t target) ([]output, error) {
	if j.format == formatDOT || j.bpmn {
		opt := bpmn.Options{Paper: j.layout.Paper, Portrait: j.layout.Portrait, Margin: j.layout.Margin,
			Tall: j.layout.Tall, Labels: labels, Joint: bpmn.JointWord(j.lang)}
		if j.format == formatBPMN {
			// The diagram interchange is the one-page view, the same
			// whatever the paper and margin.
			opt = bpmn.Options{Tall: true, Labels: labels, Joint: bpmn.JointWord(j.lang)}
		}
		if j.format == formatDOT {
			var b bytes.Buffer
			if err := bpmn.WriteDOT(&b, p, opt); err != nil {
				return nil, err
			}
			return []output{t.one(b.Bytes())}, nil
		}
		r, err := j.ranking()
		if err != nil {
			return nil, err
		}
		ctx, cancel := context.WithTimeout(context.Background(), rankTimeout)
		d, err := bpmn.LayoutContext(ctx, p, r, opt)
		cancel()
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("%w (the BPMN view's ranking takes at most %v)", err, rankTimeout)
		}
		if err != nil {
			return nil, err
		}
		d.Desc = render.Describe(p, j.lang)
		if j.format == formatBPMN {
			var b bytes.Buffer
			if err := bpmn.WriteXML(&b, p, d, bpmn.XMLOptions{Labels: labels, Joint: bpmn.JointWord(j.lang)}); err != nil {
				return nil, err
			}
			return []output{t.one(b.Bytes())}, nil
		}
		return j.encode(d, t)
	}
	opt := j.layout
	opt.Labels = labels
	opt.Logo = logo
	d, err := table.Layout(p, opt)
	if err != nil {
		return nil, err
	}
	d.Desc = render.Describe(p, j.lang)
	return j.encode(d, t)
}

// one returns the only output of t, with content data.
func (t target) one(data []byte) output {
	return output{path: t.file(), write: func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}}
}

// file is the name of t's only file: stem+ext, or the device.
func (t target) file() string {
	if t.straight != "" {
		return t.straight
	}
	if t.stdout {
		return ""
	}
	return t.path(0)
}

// rankTimeout bounds the sopflow-rank helper's run for one procedure: a
// few seconds are enough for thousands of steps.
var rankTimeout = 2 * time.Minute

// ranking returns the BPMN view's ranker: the --ranker helper, or the one
// found beside sopflow or in PATH. It is looked up once per run.
func (j *renderJob) ranking() (bpmn.Ranker, error) {
	if j.rank != nil {
		return j.rank, nil
	}
	if j.ranker != "" {
		j.rank = bpmn.ExecRanker{Path: j.ranker}
		return j.rank, nil
	}
	r, err := bpmn.FindRanker()
	if err != nil {
		return nil, err
	}
	j.rank = r
	return r, nil
}

// prestart starts the helper ahead of the first graph (see
// bpmn.ExecRanker.Start), so that its start-up overlaps reading the first
// FILE. When it cannot, ranking finds out why when it needs the helper.
func (j *renderJob) prestart() {
	r, err := j.ranking()
	if err != nil {
		j.rank = nil
		return
	}
	if er, ok := r.(bpmn.ExecRanker); ok {
		if s, err := er.Start(); err == nil {
			j.rank = s
		}
	}
}

// closeRanker ends a started helper that ranked nothing.
func (j *renderJob) closeRanker() {
	if s, ok := j.rank.(*bpmn.StartedRanker); ok {
		_ = s.Close()
	}
}

// encode returns the files of target t for d. A one-file output is encoded
// here, so that an error in it is reported before anything is written; the
// pages of a several-file output are each encoded as their file is
// written.
func (j *renderJob) encode(d *render.Diagram, t target) ([]output, error) {
	n := len(d.Pages)
	perPage := n > 1 && !t.stream() && (j.format == render.PNG || (j.format == render.SVG && !j.single))
	if t.stream() && n > 1 && j.format == render.PNG {
		where := "standard output"
		if !t.stdout {
			where = t.straight
		}
		return nil, fmt.Errorf("the document has %d pages and %s takes one PNG; use -o FILE.png for one image per page, or --tall", n, where)
	}
	if !perPage {
		var b bytes.Buffer
		opt := j.write
		if j.format == render.PNG {
			opt.Page = 1
		}
		if err := render.Write(&b, d, j.format, opt); err != nil {
			return nil, err
		}
		return []output{t.one(b.Bytes())}, nil
	}
	outs := make([]output, n)
	for i := range n {
		opt := j.write
		opt.Page = i + 1
		outs[i] = output{path: t.path(i + 1), write: func(w io.Writer) error {
			if err := render.Write(w, d, j.format, opt); err != nil {
				return fmt.Errorf("page %d: %w", i+1, err)
			}
			return nil
		}}
	}
	return outs, nil
}

// sameFile reports whether the paths a and b name the same existing file.
func sameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}
