package server

import (
	"bytes"
	"compress/zlib"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"path"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/sopflow/sopflow/bpmn"
	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
)

// This file is the rendering service: its routes, the limits on each
// request, and the answers.
//
//	POST /api/render     the SOP in the body; the drawing in the format asked
//	POST /api/pages      the pages as SVG in JSON, for the editor's preview
//	POST /api/check      the problems and warnings, as sopflow check --format json
//	POST /sopflow/{format}, GET /sopflow/{format}/{source}, POST /sopflow,
//	POST /               the routes of Kroki, for its clients
//	GET  /healthz, GET /metrics

// The defaults of Limits.
const (
	defaultMaxBody = 1 << 20
	defaultTimeout = 10 * time.Second
	defaultCache   = 16 << 20
	defaultAnswers = 256 << 20
	// maxProblems is how many problems an answer lists; then one more says
	// how many are left out.
	maxProblems = 100
)

// api is the state of the rendering service.
type api struct {
	limits Limits // with the defaults set
	parse  flow.ParseOptions
	root   string
	ranker bpmn.Ranker
	log    *slog.Logger

	sem     chan struct{} // a slot for each render at once
	pending atomic.Int64  // requests admitted: reading their body, rendering or waiting for a slot
	// answers is the bytes of the answers being written; an answer takes
	// its share before it is written, and gives it back when the write
	// ends, so that clients that do not read cannot pile answers up.
	answers   atomic.Int64
	maxAnswer int64  // bytes of one answer; beyond, 413
	cache     *cache // nil: none
	metrics   *metrics

	// hook, when set (by tests), runs in each render while it holds its
	// slot, before the work; it may block.
	hook func(ctx context.Context)
	// done, when set (by tests), receives the error of each render's work
	// when it ends, whether or not its answer is still awaited.
	done func(error)
}

// newAPI returns the service of opt, with the defaults of its limits.
func newAPI(opt Options) *api {
	l := opt.Limits
	if l.MaxBody <= 0 {
		l.MaxBody = defaultMaxBody
	}
	if l.Timeout <= 0 {
		l.Timeout = defaultTimeout
	}
	if l.Concurrency <= 0 {
		l.Concurrency = runtime.GOMAXPROCS(0)
	}
	if l.Queue == 0 {
		l.Queue = 2 * l.Concurrency
	}
	l.Queue = max(l.Queue, 0)
	if l.Cache == 0 {
		l.Cache = defaultCache
	}
	if l.MaxAnswers <= 0 {
		l.MaxAnswers = defaultAnswers
	}
	a := &api{limits: l, root: opt.Root, ranker: opt.Ranker, log: opt.Logger,
		sem: make(chan struct{}, l.Concurrency), metrics: newMetrics(), maxAnswer: max(l.MaxAnswers/8, 1)}
	// The source may be as large as the body, and no larger.
	a.parse = flow.ParseOptions{MaxBytes: int(l.MaxBody), MaxSteps: l.MaxSteps}
	if l.Cache > 0 {
		a.cache = newCache(l.Cache)
	}
	a.metrics.queueCapacity.Set(float64(l.Concurrency + l.Queue))
	return a
}

// apiRoutes registers the rendering service: /api/, /sopflow/ (Kroki),
// /healthz and /metrics.
func (s *Server) apiRoutes() {
	a := newAPI(s.opt)
	s.api = a
	s.mux.HandleFunc("POST /api/render", a.handleRender)
	s.mux.HandleFunc("POST /api/pages", a.handlePages)
	s.mux.HandleFunc("POST /api/check", a.handleCheck)
	s.mux.HandleFunc("POST /sopflow/{format}", a.handleKrokiPost)
	s.mux.HandleFunc("POST /sopflow", a.handleKrokiPost)
	s.mux.HandleFunc("GET /sopflow/{format}/{source}", a.handleKrokiGet)
	s.mux.HandleFunc("POST /{$}", a.handleKrokiJSON)
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	s.mux.Handle("GET /metrics", a.metrics.handler())
}

// style is how a route answers an error: the API's JSON, or Kroki's text.
type style int

const (
	apiStyle style = iota
	krokiStyle
)

func (a *api) handleRender(w http.ResponseWriter, r *http.Request) {
	o, err := a.options(r.URL.Query())
	if err != nil {
		a.fail(w, r, apiStyle, err)
		return
	}
	a.render(w, r, apiStyle, o)
}

// options reads the options of an /api route. file is for a server with a
// folder (Root) only: one without reads no files.
func (a *api) options(q url.Values) (options, error) {
	o, err := parseOptions(q, "", true)
	if err == nil && o.file != "" && a.root == "" {
		err = badf("leave file out, and send the logo as a data: URL or a multipart part", "file is for a server with a folder of SOPs (sopflow serve PATH), and this one has none")
	}
	return o, err
}

// limitBody caps r's body at the size limit, and room for the envelope
// of a multipart form, so that no part of a request is read unbounded;
// past it the server closes the connection after the answer.
func (a *api) limitBody(w http.ResponseWriter, r *http.Request, max int64) {
	r.Body = http.MaxBytesReader(w, r.Body, max+multipartRoom)
}

// multipartRoom is what a multipart form may add to the SOP and its logo:
// boundaries and part headers.
const multipartRoom = 64 << 10

// render answers the drawing of the SOP in r's body, as o asks.
// The request is admitted (a ticket of the queue) before its body is read,
// so that the bodies held at once are bounded by the slots and the queue.
func (a *api) render(w http.ResponseWriter, r *http.Request, st style, o options) {
	t, err := a.admit()
	if err != nil {
		a.fail(w, r, st, err)
		return
	}
	defer t.release()
	a.limitBody(w, r, a.limits.MaxBody)
	doc, err := readDocument(r, a.limits.MaxBody)
	if err != nil {
		a.fail(w, r, st, err)
		return
	}
	a.drawDocument(w, r, st, t, doc, o)
}

// drawDocument answers the drawing of doc, for the request admitted with t.
func (a *api) drawDocument(w http.ResponseWriter, r *http.Request, st style, t *ticket, doc document, o options) {
	ans, err := a.do(r.Context(), t, "render", doc, o, func(ctx context.Context, s *sop) (answer, error) {
		return a.draw(ctx, s, o)
	})
	if err != nil {
		a.fail(w, r, st, err)
		return
	}
	a.write(w, r, st, ans, o.filename(ans.ctype))
}

// filename is the name under which a drawing of ctype is downloaded: the
// file's own with the format's extension, or sop.zip for PNG pages in a
// ZIP; "" for an answer shown, not downloaded.
func (o options) filename(ctype string) string {
	stem := "sop"
	if o.file != "" {
		stem = strings.TrimSuffix(path.Base(o.file), path.Ext(o.file))
	}
	switch {
	case ctype == contentTypes["zip"]:
		return stem + ".zip"
	case o.file != "":
		return stem + "." + o.format
	}
	return ""
}

// answerCSP is the Content-Security-Policy of the answers: an SVG opened
// from the service runs no script and loads nothing but its own styles,
// embedded fonts and data: images.
const answerCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; sandbox"

// write sends a successful answer, with a Content-Disposition naming
// filename when it is not "". The answer of a request is always the same
// bytes, so its hash is its ETag. Its bytes count against the budget of
// answers being sent (Limits.MaxAnswers) until the write ends: when they
// do not fit, the answer is 503.
func (a *api) write(w http.ResponseWriter, r *http.Request, st style, ans answer, filename string) {
	n := int64(len(ans.body))
	if a.answers.Add(n) > a.limits.MaxAnswers {
		a.answers.Add(-n)
		a.fail(w, r, st, errAnswersFull)
		return
	}
	defer a.answers.Add(-n)
	h := w.Header()
	h.Set("Content-Type", ans.ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", answerCSP)
	if filename != "" {
		h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", filename))
	}
	sum := sha256.Sum256(ans.body)
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	h.Set("ETag", etag)
	if r.Method == http.MethodGet {
		h.Set("Cache-Control", "public, max-age=3600")
		if inm := r.Header.Get("If-None-Match"); inm != "" && strings.Contains(inm, etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.Write(ans.body)
}

// page is one page of /api/pages.
type page struct {
	Width  float64 `json:"width"`  // points
	Height float64 `json:"height"` // points
	SVG    string  `json:"svg"`
}

// pagesAnswer is the answer of /api/pages.
type pagesAnswer struct {
	Pages    []page    `json:"pages"`
	Problems []Problem `json:"problems"` // warnings
}

func (a *api) handlePages(w http.ResponseWriter, r *http.Request) {
	o, err := a.options(r.URL.Query())
	if err == nil && o.format != "svg" {
		err = badf("leave format out", "/api/pages answers SVG pages, not %s", o.format)
	}
	if err == nil && o.page != 0 {
		err = badf("leave page out", "/api/pages answers every page")
	}
	if err != nil {
		a.fail(w, r, apiStyle, err)
		return
	}
	a.reply(w, r, "pages", o, func(ctx context.Context, s *sop) (answer, error) {
		d, err := a.layout(ctx, s, o)
		if err != nil {
			return answer{}, err
		}
		out := pagesAnswer{Pages: make([]page, len(d.Pages)), Problems: warnings(s.warnings)}
		// Page by page, stopping at the time limit and past the size of
		// one answer.
		b := a.newBuffer(ctx)
		var total int64
		for i, pg := range d.Pages {
			if err := ctx.Err(); err != nil {
				return answer{}, err
			}
			b.reset()
			if err := render.Write(b, d, render.SVG, render.WriteOptions{Page: i + 1, EmbedFont: o.embedFont}); err != nil {
				return answer{}, b.cause(err)
			}
			if total += int64(b.buf.Len()); total > a.maxAnswer {
				return answer{}, answerTooLarge(a.maxAnswer)
			}
			out.Pages[i] = page{Width: pg.Width, Height: pg.Height, SVG: b.buf.String()}
		}
		return jsonAnswer(out), nil
	})
}

// reply answers kind's work (nil: the check) on the SOP of r's body.
func (a *api) reply(w http.ResponseWriter, r *http.Request, kind string, o options, work func(context.Context, *sop) (answer, error)) {
	t, err := a.admit()
	if err != nil {
		a.fail(w, r, apiStyle, err)
		return
	}
	defer t.release()
	a.limitBody(w, r, a.limits.MaxBody)
	doc, err := readDocument(r, a.limits.MaxBody)
	var ans answer
	if err == nil {
		ans, err = a.do(r.Context(), t, kind, doc, o, work)
	}
	if err != nil {
		a.fail(w, r, apiStyle, err)
		return
	}
	a.write(w, r, apiStyle, ans, "")
}

// checkAnswer is the answer of /api/check.
type checkAnswer struct {
	Valid    bool      `json:"valid"`
	Problems []Problem `json:"problems"`
}

func (a *api) handleCheck(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	for name := range q {
		if name != "profile" && name != "lang" && name != "file" {
			a.fail(w, r, apiStyle, badf("", "unknown parameter %q for /api/check (want profile, lang, file)", name))
			return
		}
	}
	o, err := a.options(q)
	if err != nil {
		a.fail(w, r, apiStyle, err)
		return
	}
	a.reply(w, r, "check", o, nil)
}

// warnings returns ws as problems of severity "warning", at most
// maxProblems of them.
func warnings(ws flow.ErrorList) []Problem {
	out := []Problem{}
	for _, p := range problems(ws) {
		p.Severity = "warning"
		out = append(out, p)
	}
	return out
}

// problems returns the problems of err, at most maxProblems, then one that
// says how many are left out; a passed limit of flow gets a hint naming the
// server's flag.
func problems(err error) []Problem {
	if l, ok := err.(flow.ErrorList); ok && len(l) == 0 {
		return []Problem{}
	}
	ps := Problems(err)
	if list, ok := flow.AsList(err); ok {
		for i, e := range list {
			var le *flow.LimitError
			if i < len(ps) && errors.As(e.Err, &le) {
				ps[i].Hint = limitHint(le.Name)
			}
		}
	}
	if len(ps) > maxProblems {
		n := len(ps) - maxProblems
		ps = append(ps[:maxProblems], Problem{Severity: ps[0].Severity, Message: fmt.Sprintf("and %d more", n)})
	}
	return ps
}

// limitHint tells how a limit of flow is raised on this server.
func limitHint(name string) string {
	switch name {
	case "steps":
		return "a limit of this server; its operator raises it with sopflow serve --max-steps"
	case "bytes":
		return "a limit of this server; its operator raises it with sopflow serve --max-body"
	}
	return "a limit of sopflow for any input"
}

// jsonAnswer is v as a JSON answer. < > & are left as they are: the
// pages' SVG is full of them, and \u003c would make it three times longer.
func jsonAnswer(v any) answer {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // the answers are plain structs: a bug
	}
	return answer{ctype: "application/json", body: b.Bytes()}
}

// Errors of the service's own limits.
var (
	errOverloaded  = errors.New("the server is busy: every render slot and its queue are taken")
	errAnswersFull = errors.New("the server is busy: the answers being sent fill its memory for answers")
	errTimeout     = errors.New("the render took longer than this server's limit")
)

// answerTooLarge is the error of an answer over max bytes, the limit of one
// answer.
func answerTooLarge(max int64) error {
	return &tooLarge{msg: fmt.Sprintf("the answer would be more than %.1f MB, this server's limit for one answer", float64(max)/1e6),
		hint: "ask for fewer pages (page=) or a smaller SOP"}
}

// A ticket is a request admitted: it counts in pending from before its
// body is read until its render ends (run takes it over) or, without a
// render, until the request is answered.
type ticket struct {
	a    *api
	held bool
}

// admit takes a ticket, or refuses at once (errOverloaded, errAnswersFull)
// when the slots and the queue are taken or the answers being sent fill
// their budget.
func (a *api) admit() (*ticket, error) {
	if a.answers.Load() >= a.limits.MaxAnswers {
		return nil, errAnswersFull
	}
	limit := int64(a.limits.Concurrency + a.limits.Queue)
	if a.pending.Add(1) > limit {
		a.pending.Add(-1)
		return nil, errOverloaded
	}
	return &ticket{a: a, held: true}, nil
}

// release gives the ticket back, unless it was given back or taken over.
func (t *ticket) release() {
	if t.held {
		t.held = false
		t.a.pending.Add(-1)
	}
}

// panicError is a panic in a render, recovered.
type panicError struct{ v any }

func (e *panicError) Error() string { return fmt.Sprintf("internal error: %v", e.v) }

// do answers one request for doc: from the cache, or by reading doc and,
// when it is valid, calling work with it (nil: the check's answer), in a
// render slot, within the time limit.
func (a *api) do(ctx context.Context, t *ticket, kind string, doc document, o options, work func(context.Context, *sop) (answer, error)) (answer, error) {
	key := cacheKey(kind, doc, o)
	if ans, ok := a.cache.get(key); ok {
		t.release() // before the write, as a render's
		a.metrics.cache.WithLabelValues("hit").Inc()
		return ans, nil
	}
	if a.cache != nil {
		a.metrics.cache.WithLabelValues("miss").Inc()
	}
	cacheable := true
	ans, err := a.run(ctx, t, func(ctx context.Context) (answer, error) {
		s, err := a.load(doc, o)
		if s != nil && s.logoFile {
			cacheable = false // the file may change; the request is the same
		}
		if work == nil { // the check
			if err != nil {
				if _, ok := flow.AsList(err); !ok {
					return answer{}, err
				}
				return jsonAnswer(checkAnswer{Valid: false, Problems: problems(err)}), nil
			}
			return jsonAnswer(checkAnswer{Valid: true, Problems: warnings(s.warnings)}), nil
		}
		if err != nil {
			return answer{}, err
		}
		return work(ctx, s)
	})
	if err == nil && int64(len(ans.body)) > a.maxAnswer {
		return answer{}, answerTooLarge(a.maxAnswer)
	}
	if err == nil && cacheable {
		a.cache.put(key, ans)
	}
	return ans, err
}

// cacheKey is the hash of everything the answer depends on.
func cacheKey(kind string, doc document, o options) [32]byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%t\x00%d\x00", kind, o.key(), doc.json, len(doc.src))
	h.Write(doc.src)
	fmt.Fprintf(h, "\x00%d\x00", len(doc.logo))
	h.Write(doc.logo)
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// run runs work in a render slot, when one is free or comes free before
// the time limit, and waits for it until the time limit. It takes over t,
// the request's admission (admit refuses beyond the slots and the queue),
// and gives it back when the work ends. A render that passes the time
// limit keeps its slot until it ends, so the slots bound the work in
// progress, not only the requests answered; a panic in it is recovered and
// answered as an error.
func (a *api) run(ctx context.Context, t *ticket, work func(context.Context) (answer, error)) (answer, error) {
	t.held = false // pending is given back below
	a.metrics.queued.Inc()
	// Cancelled when the answer is given: a render past the time limit
	// that watches its context (the BPMN view's ranking) stops.
	ctx, cancel := context.WithTimeout(ctx, a.limits.Timeout)
	defer cancel()
	select {
	case a.sem <- struct{}{}:
		a.metrics.queued.Dec()
	case <-ctx.Done():
		a.metrics.queued.Dec()
		a.pending.Add(-1)
		return answer{}, ctxError(ctx)
	}
	a.metrics.inFlight.Inc()
	type result struct {
		ans answer
		err error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		func() {
			defer func() {
				if v := recover(); v != nil {
					buf := make([]byte, 16<<10)
					buf = buf[:runtime.Stack(buf, false)]
					a.log.Error("panic in a render", "panic", fmt.Sprint(v), "stack", string(buf))
					r = result{err: &panicError{v}}
				}
			}()
			if a.hook != nil {
				a.hook(ctx)
			}
			r.ans, r.err = work(ctx)
		}()
		if a.done != nil {
			a.done(r.err)
		}
		// The slot is free before the answer goes, so that a client's
		// next request finds it free.
		a.metrics.inFlight.Dec()
		<-a.sem
		a.pending.Add(-1)
		done <- r
	}()
	select {
	case r := <-done:
		return r.ans, r.err
	case <-ctx.Done():
		select {
		case r := <-done: // done at the same moment
			return r.ans, r.err
		default:
			return answer{}, ctxError(ctx)
		}
	}
}

// ctxError is the error of a done ctx: the time limit, or the client gone.
func ctxError(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return errTimeout
	}
	return ctx.Err()
}

// errorAnswer is the JSON body of an error of the API.
type errorAnswer struct {
	Problems []Problem `json:"problems"`
}

// fail answers err with its status: 400 for a request that cannot be
// understood, 413 past a size limit, 422 for an invalid SOP (its problems),
// 503 when busy (with Retry-After) or without the BPMN ranker, 504 past the
// time limit, 500 for a bug. The API answers JSON; the Kroki routes answer
// text, one problem a line, as Kroki does.
func (a *api) fail(w http.ResponseWriter, r *http.Request, st style, err error) {
	status, kind := http.StatusInternalServerError, "internal"
	var ps []Problem
	var br *badRequest
	var tl *tooLarge
	var pe *pageError
	var pan *panicError
	var re *bpmn.RankError
	_, isList := flow.AsList(err)
	switch {
	case errors.As(err, &br):
		status, kind = http.StatusBadRequest, "bad_request"
		ps = []Problem{{Severity: "error", Message: br.msg, Hint: br.hint}}
	case errors.As(err, &tl):
		status, kind = http.StatusRequestEntityTooLarge, "too_large"
		ps = []Problem{{Severity: "error", Message: tl.msg, Hint: tl.hint}}
	case isList && errors.Is(err, flow.ErrTooLarge) && isLimit(err):
		status, kind = http.StatusRequestEntityTooLarge, "too_large"
		ps = problems(err)
	case isList:
		status, kind = http.StatusUnprocessableEntity, "invalid"
		ps = problems(err)
	case errors.As(err, &pe):
		status, kind = http.StatusUnprocessableEntity, "invalid"
		ps = []Problem{{Severity: "error", Message: pe.Error(), Hint: fmt.Sprintf("ask for a page from 1 to %d", pe.pages)}}
	case errors.Is(err, render.ErrMarginTooWide):
		status, kind = http.StatusBadRequest, "bad_request"
		ps = []Problem{{Severity: "error", Message: err.Error(), Hint: "ask for a smaller margin"}}
	case errors.Is(err, errOverloaded) || errors.Is(err, errAnswersFull):
		status, kind = http.StatusServiceUnavailable, "overloaded"
		w.Header().Set("Retry-After", "1")
		ps = []Problem{{Severity: "error", Message: err.Error(), Hint: "retry in a second"}}
	case errors.Is(err, errNoRanker):
		status, kind = http.StatusServiceUnavailable, "no_ranker"
		ps = []Problem{{Severity: "error", Message: err.Error(), Hint: "ask for view=table, or install sopflow-rank beside sopflow on the server"}}
	case errors.Is(err, errTimeout) || errors.Is(err, context.DeadlineExceeded):
		status, kind = http.StatusGatewayTimeout, "timeout"
		ps = []Problem{{Severity: "error", Message: fmt.Sprintf("%v (%v)", errTimeout, a.limits.Timeout),
			Hint: "the server's operator raises it with sopflow serve --timeout; quick=1 draws faster"}}
	case errors.Is(err, context.Canceled):
		status, kind = 499, "canceled" // the client went away: nobody reads this
		ps = []Problem{{Severity: "error", Message: "the request was canceled"}}
	case errors.As(err, &pan):
		kind = "panic"
		ps = []Problem{{Severity: "error", Message: "internal error: the server failed on this SOP; please report it with the SOP"}}
	case errors.As(err, &re):
		// Its message names the helper's path and carries its standard
		// error: for the log, not for the client.
		status, kind = http.StatusServiceUnavailable, "ranker"
		a.log.Error("the BPMN view's ranker failed", "err", err.Error(), "path", r.URL.Path)
		ps = []Problem{{Severity: "error", Message: "the BPMN view's ranker failed",
			Hint: "ask for view=table; the server's log says why"}}
	default:
		a.log.Error("render failed", "err", err.Error(), "path", r.URL.Path)
		ps = []Problem{{Severity: "error", Message: "internal error: " + err.Error()}}
	}
	a.metrics.errors.WithLabelValues(kind).Inc()
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if st == krokiStyle {
		// Kroki answers 400 with the message as text for a diagram it
		// cannot draw; its clients show that text.
		if status == http.StatusUnprocessableEntity {
			status = http.StatusBadRequest
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		for _, p := range ps {
			fmt.Fprintln(w, problemLine(p))
		}
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	b, _ := json.Marshal(errorAnswer{Problems: ps})
	w.Write(append(b, '\n'))
}

// isLimit reports whether err is one of flow's limits passed (the error is
// then that one problem).
func isLimit(err error) bool {
	l, _ := flow.AsList(err)
	for _, e := range l {
		var le *flow.LimitError
		if errors.As(e.Err, &le) {
			return true
		}
	}
	return false
}

// problemLine is p as one line of text: line:col: message (hint).
func problemLine(p Problem) string {
	var b strings.Builder
	if p.Line > 0 {
		fmt.Fprintf(&b, "%d:", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, "%d:", p.Col)
		}
		b.WriteByte(' ')
	}
	if p.Severity == "warning" {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Message)
	if p.Hint != "" {
		fmt.Fprintf(&b, " (%s)", p.Hint)
	}
	return b.String()
}

// The Kroki routes.

// krokiParams returns the options of a Kroki request: its query
// parameters, and its Kroki-Diagram-Options-NAME headers, as Kroki reads
// them.
func krokiParams(r *http.Request) map[string][]string {
	params := map[string][]string{}
	for name, v := range r.Header {
		if opt, ok := strings.CutPrefix(strings.ToLower(name), "kroki-diagram-options-"); ok {
			params[opt] = v
		}
	}
	for name, v := range r.URL.Query() {
		params[strings.ToLower(name)] = v
	}
	return params
}

// acceptFormats maps the media types of an Accept header to formats.
var acceptFormats = map[string]string{
	"image/svg+xml":     "svg",
	"application/pdf":   "pdf",
	"image/png":         "png",
	"application/json":  "json",
	"application/xml":   formatBPMN,
	"text/vnd.graphviz": formatDOT,
}

// handleKrokiPost answers POST /sopflow/{format} with the source as the
// body; POST /sopflow takes the format from the Accept header.
func (a *api) handleKrokiPost(w http.ResponseWriter, r *http.Request) {
	format := r.PathValue("format")
	if format == "" {
		format = "svg"
		for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
			mt, _, _ := mime.ParseMediaType(strings.TrimSpace(part))
			if f, ok := acceptFormats[mt]; ok {
				format = f
				break
			}
		}
	}
	o, err := parseOptions(krokiParams(r), format, false)
	if err != nil {
		a.fail(w, r, krokiStyle, err)
		return
	}
	a.render(w, r, krokiStyle, o)
}

// handleKrokiGet answers GET /sopflow/{format}/{source}, the source
// compressed with zlib and encoded in base64url, as Kroki's clients send it.
func (a *api) handleKrokiGet(w http.ResponseWriter, r *http.Request) {
	o, err := parseOptions(krokiParams(r), r.PathValue("format"), false)
	if err != nil {
		a.fail(w, r, krokiStyle, err)
		return
	}
	t, err := a.admit()
	if err != nil {
		a.fail(w, r, krokiStyle, err)
		return
	}
	defer t.release()
	src, err := DecodeKroki(r.PathValue("source"), a.limits.MaxBody)
	if err != nil {
		a.fail(w, r, krokiStyle, err)
		return
	}
	a.drawDocument(w, r, krokiStyle, t, document{src: src, json: isJSON("", src)}, o)
}

// krokiRequest is the JSON body of Kroki's POST /.
type krokiRequest struct {
	Source  *string           `json:"diagram_source"`
	Type    string            `json:"diagram_type"`
	Format  string            `json:"output_format"`
	Options map[string]string `json:"diagram_options"`
}

// handleKrokiJSON answers Kroki's POST / with a JSON body.
func (a *api) handleKrokiJSON(w http.ResponseWriter, r *http.Request) {
	t, err := a.admit()
	if err != nil {
		a.fail(w, r, krokiStyle, err)
		return
	}
	defer t.release()
	// The source, escaped in JSON, may take up to twice its size; it is
	// held to the limit once decoded. The decoder reads the body as it
	// goes, without a copy of it whole.
	r.Body = http.MaxBytesReader(w, r.Body, 2*a.limits.MaxBody)
	var k krokiRequest
	if err := json.NewDecoder(r.Body).Decode(&k); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			err = bodyTooLarge(2 * a.limits.MaxBody)
		} else {
			err = badf(`send {"diagram_source": "...", "diagram_type": "sopflow", "output_format": "svg"}`, "the body is not Kroki's JSON: %v", err)
		}
		a.fail(w, r, krokiStyle, err)
		return
	}
	switch {
	case k.Source == nil:
		err = badf("", "diagram_source is missing")
	case !strings.EqualFold(k.Type, "sopflow"):
		err = badf("this server draws sopflow only", "unknown diagram_type %q", k.Type)
	}
	if err != nil {
		a.fail(w, r, krokiStyle, err)
		return
	}
	params := krokiParams(r)
	for name, v := range k.Options {
		params[strings.ToLower(name)] = []string{v}
	}
	o, err := parseOptions(params, k.Format, false)
	if err != nil {
		a.fail(w, r, krokiStyle, err)
		return
	}
	src := []byte(*k.Source)
	a.drawDocument(w, r, krokiStyle, t, document{src: src, json: isJSON("", src)}, o)
}

// DecodeKroki decodes a diagram source as Kroki's GET URLs carry it:
// compressed with zlib (RFC 1950; deflate inside a zlib header and
// checksum) and encoded in URL-safe base64, with or without padding. The
// source is at most max bytes once decompressed; beyond that the error is
// a 413.
func DecodeKroki(s string, max int64) ([]byte, error) {
	s = strings.TrimRight(s, "=")
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		// Some encoders leave + and / in.
		raw, err = base64.RawStdEncoding.DecodeString(s)
	}
	if err != nil {
		return nil, badf("encode the source with zlib, then base64url, as Kroki's documentation shows", "the source in the URL is not base64url: %v", err)
	}
	zr, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, badf("encode the source with zlib, then base64url, as Kroki's documentation shows", "the source in the URL is not zlib-compressed: %v", err)
	}
	defer zr.Close()
	src, err := io.ReadAll(io.LimitReader(zr, max+1))
	if err != nil {
		return nil, badf("encode the source with zlib, then base64url, as Kroki's documentation shows", "the source in the URL does not decompress: %v", err)
	}
	if int64(len(src)) > max {
		return nil, &tooLarge{msg: fmt.Sprintf("the source in the URL decompresses to more than this server's limit of %d bytes", max),
			hint: "the server's operator raises it with sopflow serve --max-body"}
	}
	return src, nil
}

// EncodeKroki encodes a diagram source for a Kroki GET URL: zlib at the
// best compression, then URL-safe base64 with padding, as Kroki's
// documentation does it in Python.
func EncodeKroki(src []byte) string {
	var b bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	zw.Write(src)
	zw.Close()
	return base64.URLEncoding.EncodeToString(b.Bytes())
}
