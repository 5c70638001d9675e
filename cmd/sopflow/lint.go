package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
)

// The --format values of check and lint.
const (
	formatText  = "text"
	formatJSON  = "json"
	formatSARIF = "sarif"
)

// problem is one error or warning of a FILE in the JSON reports.
type problem struct {
	File     string `json:"file"`
	Sheet    string `json:"sheet,omitempty"` // a workbook's sheet; then line is the row, col the column (1 is A)
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"` // "error" or "warning"
	Rule     string `json:"rule,omitempty"`
	Message  string `json:"message"`
}

// newProblem makes a problem at pos. A warning's message loses the
// "warning: " that the text form starts it with: severity says it.
func newProblem(pos flow.Pos, severity, rule, msg string) problem {
	return problem{File: pos.File, Sheet: pos.Sheet, Line: pos.Line, Col: pos.Col,
		Severity: severity, Rule: rule, Message: strings.TrimPrefix(msg, "warning: ")}
}

// pos is where the problem is.
func (p problem) pos() flow.Pos {
	return flow.Pos{File: p.File, Sheet: p.Sheet, Line: p.Line, Col: p.Col}
}

// fileReport is what check and lint --format json print for one FILE.
type fileReport struct {
	File     string    `json:"file"`
	Valid    bool      `json:"valid"`
	Problems []problem `json:"problems"`
	MainPath *mainPath `json:"main_path,omitempty"`
}

// mainPath is the path down the table and the sum of its WAKTU (lint).
type mainPath struct {
	Steps         []int  `json:"steps"` // step numbers (NO)
	StepsWithTime int    `json:"steps_with_time"`
	Time          string `json:"time"` // as lint prints it
	MinSeconds    int64  `json:"min_seconds"`
	MaxSeconds    int64  `json:"max_seconds"`
}

// errorProblems turns the error of env.open into problems.
func errorProblems(name string, err error) []problem {
	list, ok := flow.AsList(err)
	if !ok {
		return []problem{{File: name, Severity: "error", Message: err.Error()}}
	}
	out := make([]problem, 0, len(list))
	for _, x := range list {
		out = append(out, newProblem(x.Pos, "error", "", x.Msg+limitHint(x)))
	}
	return out
}

// formatFlag adds --format to fs with the values given.
func formatFlag(fs *pflag.FlagSet, format *string, help string, vals ...string) {
	fs.StringVar(format, "format", formatText, "how to print the problems: "+help)
	values(fs, "format", vals...)
}

// writeJSON prints v indented, as the JSON reports are.
func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(v) // a write error to stdout is not reported elsewhere either
}

func lintCommand() *command {
	c := &command{
		name:     "lint",
		summary:  "warn about what an SOP reviewer would send back",
		synopsis: "lint [flags] FILE...",
		about: `Lint checks each SOP FILE as check does, then applies the rules an SOP
reviewer applies beyond validity. Each warning has a position and a rule id:

  unused-actor        an actor carries out no step (its column stays empty)
  missing-quality     a step has no WAKTU or OUTPUT while other steps have one
  duration            a WAKTU is not a duration ("10 menit", "1 jam", "2 hari
                      kerja", "1 minggu", "1-2 hari", "30 menit - 1 jam")
  default-labels      a decision keeps the default labels (Ya/Tidak) on both
                      exits while its activity is not a question
  no-verb             an activity does not start with a verb (me-, di-, ber-,
                      ter- forms, or a common base verb such as "periksa")
  too-large           more than 25 steps or 8 actors: split the SOP
  duplicate-activity  two steps have the same activity text
  text                text the embedded font cannot draw as written

It also prints the main path (from the first step down the table, without
loops back) and the sum of its WAKTU, in working time: 1 hari = 8 jam,
1 minggu = 5 hari, 1 bulan = 22 hari.

--format json prints one report per FILE; --format sarif prints SARIF 2.1.0,
which code-scanning tools (GitHub, GitLab, VS Code's SARIF viewer) show.

Exit status: 0 when every FILE is valid and has no warning, 1 when one is
invalid or has a warning, 2 when the command line is wrong.`,
		examples: `  sopflow lint sop.toml
  sopflow lint --format sarif testdata/examples/*.toml > sopflow.sarif
`,
	}
	lintFlags := func(help *bool, limits *[]string, format *string) *pflag.FlagSet {
		fs := newFlagSet(c.name, help)
		formatFlag(fs, format, "text, json or sarif", formatText, formatJSON, formatSARIF)
		limitFlag(fs, limits)
		return fs
	}
	c.flags = func() *pflag.FlagSet { return lintFlags(new(bool), new([]string), new(string)) }
	c.run = func(e *env, args []string) int {
		var help bool
		var limits []string
		var format string
		fs := lintFlags(&help, &limits, &format)
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
			r := e.lintOne(src)
			if !r.Valid || len(r.Problems) > 0 {
				status = exitInvalid
			}
			if format == formatText {
				e.printReport(r)
			}
			reports = append(reports, r)
		}
		switch format {
		case formatJSON:
			writeJSON(e.stdout, reports)
		case formatSARIF:
			writeJSON(e.stdout, sarifLog(reports))
		}
		return status
	}
	return c
}

// lintOne checks and lints one FILE.
func (e *env) lintOne(src source) fileReport {
	r := fileReport{File: src.name, Problems: []problem{}}
	in, err := e.open(src, render.Permenpan35, "id")
	if err != nil {
		r.Problems = errorProblems(src.name, err)
		return r
	}
	r.Valid = true
	p := in.p
	for _, f := range p.Lint() {
		r.Problems = append(r.Problems, newProblem(f.Pos, "warning", f.Rule, f.Msg))
	}
	// The text warnings of check (glyphs the font lacks, right-to-left
	// text) are lint warnings too; the unused actor is already a rule.
	for _, w := range render.TextWarnings(p, in.labels) {
		r.Problems = append(r.Problems, newProblem(w.Pos, "warning", "text", w.Msg))
	}
	mp := &mainPath{Steps: []int{}}
	for _, i := range p.MainPath() {
		mp.Steps = append(mp.Steps, p.Steps[i].Number)
	}
	d, n := p.MainPathTime()
	mp.StepsWithTime, mp.Time = n, d.String()
	mp.MinSeconds, mp.MaxSeconds = int64(d.Min.Seconds()), int64(d.Max.Seconds())
	r.MainPath = mp
	return r
}

// printReport prints a report as text: errors on standard error, warnings
// and the main path on standard output.
func (e *env) printReport(r fileReport) {
	for i, x := range r.Problems {
		if i == maxErrors {
			fmt.Fprintf(e.stderr, "%s: and %d more problems\n", r.File, len(r.Problems)-maxErrors)
			break
		}
		pos := x.pos().String()
		if x.Severity == "error" {
			fmt.Fprintf(e.stderr, "%s: %s\n", pos, x.Message)
			continue
		}
		fmt.Fprintf(e.stdout, "%s: %s [%s]\n", pos, x.Message, x.Rule)
	}
	if mp := r.MainPath; mp != nil && mp.StepsWithTime == 0 {
		fmt.Fprintf(e.stdout, "%s: main path: %d steps, none gives a WAKTU\n", r.File, len(mp.Steps))
	} else if mp != nil {
		fmt.Fprintf(e.stdout, "%s: main path: %d steps, total WAKTU %s (%d of them give a WAKTU)\n", r.File, len(mp.Steps), mp.Time, mp.StepsWithTime)
	}
}

// sarifLog returns the reports as a SARIF 2.1.0 log: one run, the lint
// rules, one result per problem (errors as level "error").
func sarifLog(reports []fileReport) map[string]any {
	type obj = map[string]any
	var rules []any
	index := map[string]int{}
	for i, r := range flow.LintRules() {
		index[r.ID] = i
		rules = append(rules, obj{"id": r.ID, "shortDescription": obj{"text": r.Summary}})
	}
	extra := []flow.Rule{{ID: "text", Summary: "text the embedded font cannot draw as written"}, {ID: "invalid", Summary: "the SOP is not valid: it cannot be drawn"}}
	for _, r := range extra {
		index[r.ID] = len(rules)
		rules = append(rules, obj{"id": r.ID, "shortDescription": obj{"text": r.Summary}})
	}
	results := []any{}
	for _, r := range reports {
		for _, x := range r.Problems {
			rule, level := x.Rule, "warning"
			if x.Severity == "error" {
				rule, level = "invalid", "error"
			}
			region := obj{}
			if x.Line > 0 {
				region["startLine"] = x.Line
				if x.Col > 0 {
					region["startColumn"] = x.Col
				}
			}
			loc := obj{"artifactLocation": obj{"uri": x.File}}
			if x.Sheet != "" {
				// A cell is not a line of text: name it instead of a region.
				region = obj{}
				cell := x.pos()
				cell.File = ""
				x.Message = cell.String() + ": " + x.Message
			}
			if len(region) > 0 {
				loc["region"] = region
			}
			results = append(results, obj{
				"ruleId":    rule,
				"ruleIndex": index[rule],
				"level":     level,
				"message":   obj{"text": x.Message},
				"locations": []any{obj{"physicalLocation": loc}},
			})
		}
	}
	return obj{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{obj{
			"tool": obj{"driver": obj{
				"name":           "sopflow",
				"version":        versionString(),
				"informationUri": "https://github.com/sopflow/sopflow",
				"rules":          rules,
			}},
			"results": results,
		}},
	}
}
