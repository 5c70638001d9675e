package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/sopflow/sopflow/bpmn"
	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
	"github.com/sopflow/sopflow/table"
)

// This file is the editor's own preview: POST /editor/pages (the pages as
// SVG, with the problems), /editor/check (the problems) and
// /editor/render (a download in any format), each with the SOP's source
// as the body. It answers the same JSON as the API's /api/pages and
// /api/check, so that the page works with or without the API.

// previewOptions are the render settings of a request, from its query:
// file (the SOP's path in the folder, for its logo and its format), view
// (table or bpmn), paper, orientation, profile, lang, and quick=1 for the
// quick routing of a preview while typing.
type previewOptions struct {
	file    string
	json    bool
	bpmn    bool
	paper   render.Paper
	portr   bool
	profile render.Profile
	lang    string
	quick   bool
}

// previewQuery reads the render settings of r.
func previewQuery(r *http.Request, body []byte) (previewOptions, error) {
	q := r.URL.Query()
	o := previewOptions{file: q.Get("file"), profile: render.Permenpan35, lang: "id", quick: q.Get("quick") == "1"}
	if o.file != "" {
		if err := checkSOPName(o.file); err != nil {
			return o, err
		}
		o.json = strings.EqualFold(path.Ext(o.file), ".json")
	} else {
		o.json = bytes.HasPrefix(bytes.TrimLeft(body, " \t\r\n\xef\xbb\xbf"), []byte("{"))
	}
	switch v := strings.ToLower(q.Get("view")); v {
	case "", "table":
	case "bpmn":
		o.bpmn = true
	default:
		return o, fmt.Errorf("unknown view %q (want table or bpmn)", v)
	}
	o.paper = render.A4
	if v := strings.ToLower(q.Get("paper")); v != "" {
		p, ok := render.PaperSize(v)
		if v == "a3" {
			p, ok = render.Paper{Name: "a3", Width: 297 * render.Mm, Height: 420 * render.Mm}, true
		}
		if !ok {
			return o, fmt.Errorf("unknown paper %q (want a4, a3, f4, letter or legal)", v)
		}
		o.paper = p
	}
	switch v := strings.ToLower(q.Get("orientation")); v {
	case "", "landscape":
	case "portrait":
		o.portr = true
	default:
		return o, fmt.Errorf("unknown orientation %q (want landscape or portrait)", v)
	}
	if v := strings.ToLower(q.Get("profile")); v != "" {
		o.profile = render.Profile(v)
	}
	if v := strings.ToLower(q.Get("lang")); v != "" {
		o.lang = v
	}
	if _, err := render.NewLabels(o.profile, o.lang, nil); err != nil {
		return o, fmt.Errorf("unknown profile %q or lang %q (want permenpan35 or permendagri52, id or en)", o.profile, o.lang)
	}
	return o, nil
}

// failQuery answers a bad setting (400) or file name (403).
func (e *editor) failQuery(w http.ResponseWriter, err error) {
	var fe *fileError
	if !errors.As(err, &fe) {
		err = fileErrorf(http.StatusBadRequest, "%v", err)
	}
	e.failFile(w, err)
}

// previewJob is one SOP read and checked for a preview.
type previewJob struct {
	opt      previewOptions
	p        *flow.Procedure
	logo     []byte
	labels   render.Labels
	warnings []Problem
}

// load parses the source body as the CLI's check does: the SOP, its logo
// (inside the folder only) and its labels. err holds the problems.
func (e *editor) load(o previewOptions, body []byte) (*previewJob, error) {
	name := o.file
	if name == "" {
		name = "sop.toml"
	}
	popt := flow.ParseOptions{MaxBytes: int(editorMaxBody(e.srv.opt.Limits)), MaxSteps: e.srv.opt.Limits.MaxSteps}
	parse := popt.Parse
	if o.json {
		parse = popt.ParseJSON
	}
	p, err := parse(name, body)
	if err != nil {
		return nil, err
	}
	var problems flow.ErrorList
	rootDir := e.folder.root.Name()
	logo, err := render.LoadLogo(p, render.LogoOptions{Dir: filepath.Join(rootDir, filepath.FromSlash(path.Dir(name))), Root: rootDir})
	if err != nil {
		var fe *flow.Error
		if !errors.As(err, &fe) {
			fe = &flow.Error{Pos: p.Identity.LogoPos, Msg: err.Error()}
		}
		problems = append(problems, fe)
	}
	labels, err := render.NewLabels(o.profile, o.lang, p.Labels)
	if err != nil {
		problems = append(problems, &flow.Error{Pos: flow.Pos{File: name}, Msg: "labels: " + err.Error()})
	}
	if len(problems) > 0 {
		problems.Sort()
		return nil, problems
	}
	warnings := append(p.Warnings(), render.TextWarnings(p, labels)...)
	warnings.Sort()
	j := &previewJob{opt: o, p: p, logo: logo, labels: labels, warnings: []Problem{}}
	if len(warnings) > 0 {
		for _, w := range Problems(warnings) {
			w.Severity = "warning"
			j.warnings = append(j.warnings, w)
		}
	}
	return j, nil
}

// editorJoint name the other actors of a joint activity in the BPMN view.
var editorJoint = map[string]string{"id": "bersama", "en": "with"}

// layout lays the job out in its view, within the render timeout.
func (e *editor) layout(ctx context.Context, j *previewJob) (*render.Diagram, error) {
	o := j.opt
	if o.bpmn {
		if e.srv.opt.Ranker == nil {
			return nil, errEditorNoRanker
		}
		d, err := bpmn.LayoutContext(ctx, j.p, e.srv.opt.Ranker, bpmn.Options{Paper: o.paper, Portrait: o.portr, Labels: j.labels, Joint: editorJoint[o.lang]})
		if err != nil {
			return nil, err
		}
		return d, nil
	}
	return table.Layout(j.p, table.LayoutOptions{Paper: o.paper, Portrait: o.portr, Labels: j.labels, Logo: j.logo, QuickRouting: o.quick})
}

// errEditorNoRanker is the BPMN view asked of a server without a ranker.
var errEditorNoRanker = errors.New("the BPMN view needs the sopflow-rank helper, which this server was started without (install it with go install ./cmd/... beside sopflow)")

// timeout is the deadline of one render.
func (e *editor) timeout() time.Duration {
	if t := e.srv.opt.Limits.Timeout; t > 0 {
		return t
	}
	return 10 * time.Second
}

// acquire waits for a render slot; it answers 503 itself and returns
// false when too many wait or the request ends first.
func (e *editor) acquire(w http.ResponseWriter, r *http.Request) (release func(), ok bool) {
	if e.waiting.Add(1) > e.queue+int64(cap(e.sem)) {
		e.waiting.Add(-1)
		w.Header().Set("Retry-After", "1")
		e.fail(w, http.StatusServiceUnavailable, "too many renders at once; try again")
		return nil, false
	}
	select {
	case e.sem <- struct{}{}:
		return func() { <-e.sem; e.waiting.Add(-1) }, true
	case <-r.Context().Done():
		e.waiting.Add(-1)
		return nil, false // the page gave up (a newer keystroke)
	}
}

// prepared reads the body and settings, waits for a slot and loads the
// SOP. On failure it has answered: 400 for a bad setting, 422 with the
// problems of an invalid SOP.
func (e *editor) prepared(w http.ResponseWriter, r *http.Request) (j *previewJob, release func(), ok bool) {
	body, ok := e.readBody(w, r)
	if !ok {
		return nil, nil, false
	}
	o, err := previewQuery(r, body)
	if err != nil {
		e.failQuery(w, err)
		return nil, nil, false
	}
	release, ok = e.acquire(w, r)
	if !ok {
		return nil, nil, false
	}
	j, err = e.load(o, body)
	if err != nil {
		release()
		e.reply(w, http.StatusUnprocessableEntity, map[string]any{"problems": Problems(err)})
		return nil, nil, false
	}
	return j, release, true
}

// editorPage is one page of the preview.
type editorPage struct {
	Width  float64 `json:"width"`  // in points
	Height float64 `json:"height"` // in points
	SVG    string  `json:"svg"`
}

// failLayout answers an error of the layout: the BPMN view without a
// ranker (503), a render past its deadline (503), or an SOP the layout
// refuses (422).
func (e *editor) failLayout(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, errEditorNoRanker):
		e.reply(w, http.StatusServiceUnavailable, map[string]any{"problems": []Problem{{Severity: "error", Message: err.Error()}}})
	case errors.Is(err, context.DeadlineExceeded):
		e.reply(w, http.StatusServiceUnavailable, map[string]any{"problems": []Problem{{Severity: "error", Message: fmt.Sprintf("the render took longer than %v", e.timeout())}}})
	default:
		e.reply(w, http.StatusUnprocessableEntity, map[string]any{"problems": Problems(err)})
	}
}

// pages serves POST /editor/pages: every page as SVG, with the warnings;
// 422 with the problems when the SOP is invalid.
func (e *editor) pages(w http.ResponseWriter, r *http.Request) {
	j, release, ok := e.prepared(w, r)
	if !ok {
		return
	}
	defer release()
	ctx, cancel := context.WithTimeout(r.Context(), e.timeout())
	defer cancel()
	d, err := e.layout(ctx, j)
	if err != nil {
		e.failLayout(w, err)
		return
	}
	out := make([]editorPage, len(d.Pages))
	var b bytes.Buffer
	for i, pg := range d.Pages {
		b.Reset()
		if err := render.Write(&b, d, render.SVG, render.WriteOptions{Page: i + 1}); err != nil {
			e.failLayout(w, err)
			return
		}
		out[i] = editorPage{Width: pg.Width, Height: pg.Height, SVG: b.String()}
	}
	e.reply(w, http.StatusOK, map[string]any{"pages": out, "problems": j.warnings})
}

// check serves POST /editor/check: {"valid", "problems"}, as sopflow
// check --format json finds them.
func (e *editor) check(w http.ResponseWriter, r *http.Request) {
	body, ok := e.readBody(w, r)
	if !ok {
		return
	}
	o, err := previewQuery(r, body)
	if err != nil {
		e.failQuery(w, err)
		return
	}
	release, ok := e.acquire(w, r)
	if !ok {
		return
	}
	defer release()
	j, err := e.load(o, body)
	if err != nil {
		e.reply(w, http.StatusOK, map[string]any{"valid": false, "problems": Problems(err)})
		return
	}
	e.reply(w, http.StatusOK, map[string]any{"valid": true, "problems": j.warnings})
}

// editorDownloads are the formats of /editor/render and their media types.
var editorDownloads = map[string]string{
	"svg":  "image/svg+xml",
	"pdf":  "application/pdf",
	"png":  "image/png",
	"json": "application/json",
	"bpmn": "application/xml",
	"dot":  "text/vnd.graphviz",
}

// render serves POST /editor/render?format=...: the SOP as a file to
// download, as sopflow render writes it (SVG: every page stacked; PNG:
// the page given by page=N, default 1, at 150 dpi).
func (e *editor) render(w http.ResponseWriter, r *http.Request) {
	format := strings.ToLower(r.URL.Query().Get("format"))
	ctype, known := editorDownloads[format]
	if !known {
		e.fail(w, http.StatusBadRequest, fmt.Sprintf("unknown format %q (want svg, pdf, png, json, bpmn or dot)", format))
		return
	}
	j, release, ok := e.prepared(w, r)
	if !ok {
		return
	}
	defer release()
	ctx, cancel := context.WithTimeout(r.Context(), e.timeout())
	defer cancel()
	var b bytes.Buffer
	var err error
	labels, joint := j.labels, editorJoint[j.opt.lang]
	switch format {
	case "dot":
		err = bpmn.WriteDOT(&b, j.p, bpmn.Options{Labels: labels, Joint: joint})
	case "bpmn":
		if e.srv.opt.Ranker == nil {
			err = errEditorNoRanker
			break
		}
		var d *render.Diagram
		d, err = bpmn.LayoutContext(ctx, j.p, e.srv.opt.Ranker, bpmn.Options{Tall: true, Labels: labels, Joint: joint})
		if err == nil {
			err = bpmn.WriteXML(&b, j.p, d, bpmn.XMLOptions{Labels: labels, Joint: joint})
		}
	default:
		j.opt.quick = false
		var d *render.Diagram
		d, err = e.layout(ctx, j)
		if err != nil {
			break
		}
		d.Desc = editorDescribe(j.p, j.opt.lang)
		opt := render.WriteOptions{}
		if format == "png" {
			opt.Page = 1
			if n, perr := strconv.Atoi(r.URL.Query().Get("page")); perr == nil && n >= 1 && n <= len(d.Pages) {
				opt.Page = n
			}
		}
		err = render.Write(&b, d, render.Format(format), opt)
	}
	if err != nil {
		e.failLayout(w, err)
		return
	}
	stem := "sop"
	if j.opt.file != "" {
		stem = strings.TrimSuffix(path.Base(j.opt.file), path.Ext(j.opt.file))
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", stem+"."+format))
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(b.Bytes())
}

// editorDescribe is the one-line description of p (the PDF's Subject, the SVG's
// <desc>), as sopflow render writes it.
func editorDescribe(p *flow.Procedure, lang string) string {
	if lang == "en" {
		return fmt.Sprintf("SOP %s: %d steps, %d actors", p.Name, len(p.Steps), len(p.Actors))
	}
	return fmt.Sprintf("SOP %s: %d kegiatan, %d pelaksana", p.Name, len(p.Steps), len(p.Actors))
}
