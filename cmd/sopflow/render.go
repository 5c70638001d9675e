package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/sopflow/sopflow/bpmn"
	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
)

// This file is the render command: its flags, the names of its outputs and
// how they are written.

// renderFlagValues holds the flags of sopflow render as given.
type renderFlagValues struct {
	output      string
	format      string
	paper       string
	orientation string
	margin      float64
	tall        bool
	noIdentity  bool
	profile     string
	lang        string
	dpi         float64
	single      bool
	view        string
	ranker      string
	help        bool
}

func renderFlags(v *renderFlagValues) *pflag.FlagSet {
	fs := newFlagSet("render", &v.help)
	fs.StringVarP(&v.output, "output", "o", "",
		"write to `PATH`: a file, a directory (for several FILEs) or - for standard output (default: next to each FILE)")
	fs.StringVarP(&v.format, "format", "f", "",
		"output `FORMAT`: svg, json, png or pdf (default: from the extension of -o, else svg)")
	fs.StringVar(&v.paper, "paper", "a4", "paper `SIZE`: a4, f4 (215 x 330 mm), letter or legal")
	fs.StringVar(&v.orientation, "orientation", "landscape", "page `ORIENTATION`: landscape or portrait")
	fs.Float64Var(&v.margin, "margin", 10, "page margin in `MM`")
	fs.BoolVar(&v.tall, "tall", false, "lay the whole table out as one tall page, without the identity page (--view bpmn: the whole view on one page at full size)")
	fs.BoolVar(&v.noIdentity, "no-identity", false, "leave out the identity page")
	fs.StringVar(&v.profile, "profile", string(render.Permenpan35),
		"label `PROFILE`: permenpan35 or permendagri52 (TGL. PENGESAHAN, URAIAN PROSEDUR, ...)")
	fs.StringVar(&v.lang, "lang", "id", "`LANGUAGE` of the printed labels: id or en")
	fs.Float64Var(&v.dpi, "dpi", 150, "PNG resolution: `N` dots per inch")
	fs.BoolVar(&v.single, "single", false, "SVG: stack all pages in one file")
	fs.StringVar(&v.view, "view", "table", "`VIEW` to draw: table (the SOP AP flowchart table) or bpmn (swimlanes)")
	fs.StringVar(&v.ranker, "ranker", "", "`PATH` of the sopflow-rank helper for the bpmn view (default: beside sopflow, else in PATH)")
	return fs
}

// renderJob is what the render flags resolve to, for every FILE.
type renderJob struct {
	format  render.Format
	layout  render.LayoutOptions // without Labels and Logo, which each FILE sets
	profile render.Profile
	lang    string
	write   render.WriteOptions // without Page
	single  bool
	output  string // "" next to each FILE, "-" standard output, else a file or directory
	outDir  bool   // output names a directory
	bpmn    bool   // draw the BPMN swimlane view
	ranker  string // the --ranker flag
	rank    bpmn.Ranker
}

// The formats beside render's: BPMN 2.0 XML and the Graphviz source.
const (
	formatBPMN render.Format = "bpmn"
	formatDOT  render.Format = "dot"
)

// formatNamed returns the output format called name, which is also its
// file extension without the dot.
func formatNamed(name string) (render.Format, bool) {
	switch f := render.Format(name); f {
	case render.SVG, render.JSON, render.PNG, render.PDF, formatBPMN, formatDOT:
		return f, true
	}
	return "", false
}

// newRenderJob checks the flag values against each other and against the
// number of FILEs.
func newRenderJob(v *renderFlagValues, nFiles int) (*renderJob, error) {
	j := &renderJob{output: v.output, single: v.single, lang: v.lang, profile: render.Profile(v.profile)}

	switch {
	case v.output == "-":
		if nFiles > 1 {
			return nil, errors.New("-o - (standard output) takes one FILE")
		}
	case v.output != "":
		fi, err := os.Stat(v.output)
		j.outDir = strings.HasSuffix(v.output, string(filepath.Separator)) || strings.HasSuffix(v.output, "/") ||
			(err == nil && fi.IsDir())
		if nFiles > 1 && !j.outDir {
			if err == nil {
				return nil, fmt.Errorf("-o %s is not a directory; with several FILEs, -o names a directory", v.output)
			}
			j.outDir = true // created when the first output is written
		}
	}

	switch {
	case v.format != "":
		f, ok := formatNamed(v.format)
		if !ok {
			return nil, fmt.Errorf("unknown --format %q (want svg, json, png, pdf, bpmn or dot)", v.format)
		}
		j.format = f
	case v.output != "" && v.output != "-" && !j.outDir:
		ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(v.output), "."))
		if f, ok := formatNamed(ext); ok {
			j.format = f
		} else {
			j.format = render.SVG
		}
	default:
		j.format = render.SVG
	}

	paper, ok := render.PaperSize(v.paper)
	if !ok {
		return nil, fmt.Errorf("unknown --paper %q (want a4, f4, letter or legal)", v.paper)
	}
	j.layout.Paper = paper
	switch v.orientation {
	case "landscape":
	case "portrait":
		j.layout.Portrait = true
	default:
		return nil, fmt.Errorf("unknown --orientation %q (want landscape or portrait)", v.orientation)
	}
	// LayoutOptions.Margin 0 means the default, so 0 cannot be asked for.
	// Layout refuses a margin too wide for the paper.
	if !(v.margin > 0) {
		return nil, fmt.Errorf("--margin %g is out of range (want more than 0 mm)", v.margin)
	}
	j.layout.Margin = v.margin
	j.layout.Tall = v.tall
	j.layout.NoIdentity = v.noIdentity
	if _, err := render.NewLabels(render.Permenpan35, j.lang, nil); err != nil {
		return nil, fmt.Errorf("unknown --lang %q (want id or en)", v.lang)
	}
	if _, err := render.NewLabels(j.profile, "id", nil); err != nil {
		return nil, fmt.Errorf("unknown --profile %q (want permenpan35 or permendagri52)", v.profile)
	}
	if !(v.dpi > 0) {
		return nil, fmt.Errorf("--dpi %g is out of range (want more than 0)", v.dpi)
	}
	j.write.DPI = v.dpi
	if v.single && j.format != render.SVG {
		return nil, fmt.Errorf("--single is for SVG, not %s", j.format)
	}
	switch v.view {
	case "table":
		j.bpmn = j.format == formatBPMN
	case "bpmn":
		j.bpmn = j.format != formatDOT
	default:
		return nil, fmt.Errorf("unknown --view %q (want table or bpmn)", v.view)
	}
	j.ranker = v.ranker
	return j, nil
}

// target is where the output of one FILE goes.
type target struct {
	stdout bool
	// A one-file output is stem+ext; page n of several is stem-n+ext.
	stem, ext string
}

// target returns where the output of src goes.
func (j *renderJob) target(src source) target {
	ext := "." + string(j.format)
	switch {
	case j.output == "-" || (j.output == "" && src.arg == "-"):
		return target{stdout: true}
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

// output is one file to write, rendered in full.
type output struct {
	path string // "" for standard output
	data []byte
}

func renderCommand() *command {
	c := &command{
		name:     "render",
		summary:  "draw each FILE as SVG, PNG, PDF, layout JSON, BPMN XML or DOT",
		synopsis: "render [flags] FILE...",
		about: `Render draws each SOP FILE (TOML) as the SOP AP flowchart table.
FILE "-" reads standard input.

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
to fit one page of the paper, as far as 6 pt text allows; a larger one is
cut into pages of whole columns joined by BPMN link events (A, B, ...), and
every page is the paper's size; --tall gives one page at full size. The
BPMN view needs the sopflow-rank helper, installed with sopflow by
go install ./cmd/... in a clone of sopflow.

An invalid FILE prints every problem as file:line:col: message and writes
nothing; the other FILEs are still rendered, and the exit status is the
worst. Each output is written to a temporary file and renamed, so a failed
run never leaves a partial file nor replaces a good one.

Exit status: 0 when all went well, 1 when a FILE is invalid or could not be
rendered or written, 2 when the command line is wrong.`,
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
		status := exitOK
		for _, src := range srcs {
			status = max(status, e.renderOne(j, src))
		}
		return status
	}
	return c
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
		if _, err := e.stdout.Write(outs[0].data); err != nil {
			return e.report("", fmt.Errorf("write standard output: %w", err))
		}
		return exitOK
	}
	for _, o := range outs {
		if sameFile(o.path, src.arg) {
			return e.report(src.name, fmt.Errorf("the output %s would replace the input", o.path))
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
	return exitOK
}

// draw lays p out in the job's view and encodes it as the files of t.
func (j *renderJob) draw(p *flow.Procedure, logo []byte, labels render.Labels, t target) ([]output, error) {
	var b bytes.Buffer
	if j.format == formatDOT || j.bpmn {
		opt := bpmn.Options{Paper: j.layout.Paper, Portrait: j.layout.Portrait, Margin: j.layout.Margin,
			Tall: j.layout.Tall, Labels: labels, Joint: jointWord[j.lang]}
		if j.format == formatBPMN {
			// The diagram interchange is the one-page view, the same
			// whatever the paper and margin.
			opt = bpmn.Options{Tall: true, Labels: labels, Joint: jointWord[j.lang]}
		}
		if j.format == formatDOT {
			if err := bpmn.WriteDOT(&b, p, opt); err != nil {
				return nil, err
			}
			return []output{{path: t.path(0), data: b.Bytes()}}, nil
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
		if j.format == formatBPMN {
			if err := bpmn.WriteXML(&b, p, d, bpmn.XMLOptions{Labels: labels, Joint: jointWord[j.lang]}); err != nil {
				return nil, err
			}
			return []output{{path: t.path(0), data: b.Bytes()}}, nil
		}
		return j.encode(d, t)
	}
	opt := j.layout
	opt.Labels = labels
	opt.Logo = logo
	d, err := render.Layout(p, opt)
	if err != nil {
		return nil, err
	}
	return j.encode(d, t)
}

// rankTimeout bounds the sopflow-rank helper's run for one procedure: a
// few seconds are enough for thousands of steps.
var rankTimeout = 2 * time.Minute

// jointWord names the other actors of a joint activity in a BPMN task.
var jointWord = map[string]string{"id": "bersama", "en": "with"}

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

// encode writes d in memory as the files of target t.
func (j *renderJob) encode(d *render.Diagram, t target) ([]output, error) {
	n := len(d.Pages)
	perPage := n > 1 && (j.format == render.PNG || (j.format == render.SVG && !j.single && !t.stdout))
	if t.stdout && n > 1 && j.format == render.PNG {
		return nil, fmt.Errorf("the document has %d pages and standard output takes one PNG; use -o FILE.png for one image per page, or --tall", n)
	}
	if !perPage {
		var b bytes.Buffer
		if err := render.Write(&b, d, j.format, j.write); err != nil {
			return nil, err
		}
		return []output{{path: t.path(0), data: b.Bytes()}}, nil
	}
	outs := make([]output, n)
	for i := range n {
		opt := j.write
		opt.Page = i + 1
		var b bytes.Buffer
		if err := render.Write(&b, d, j.format, opt); err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
		outs[i] = output{path: t.path(i + 1), data: b.Bytes()}
	}
	return outs, nil
}

// writeFiles writes every output to a temporary file beside it, and once
// all are written renames them into place. On failure it removes its
// temporary files, so no output is left half written and no existing file
// is replaced by a partial one.
func writeFiles(outs []output) error {
	for _, o := range outs {
		if fi, err := os.Stat(o.path); err == nil && fi.IsDir() {
			return fmt.Errorf("cannot write %s: it is a directory", o.path)
		}
	}
	temps := make([]string, 0, len(outs))
	removeFrom := func(i int) {
		for _, name := range temps[i:] {
			os.Remove(name)
		}
	}
	for _, o := range outs {
		f, err := os.CreateTemp(filepath.Dir(o.path), ".sopflow-*")
		if err != nil {
			removeFrom(0)
			return writeError(o.path, err)
		}
		temps = append(temps, f.Name())
		_, err = f.Write(o.data)
		if err == nil {
			err = f.Chmod(0o644)
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			removeFrom(0)
			return writeError(o.path, err)
		}
	}
	for i, o := range outs {
		if err := os.Rename(temps[i], o.path); err != nil {
			removeFrom(i)
			return writeError(o.path, err)
		}
	}
	return nil
}

// writeError says that path could not be written, with the reason only:
// the temporary file's name would confuse.
func writeError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	return fmt.Errorf("cannot write %s: %w", path, err)
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
