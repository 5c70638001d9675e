package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sopflow/sopflow/bpmn"
	"github.com/sopflow/sopflow/bpmn/graphviz"
)

// The tests of the limits that bound the memory and the work of the API
// against clients that send slowly, read slowly or ask for much.

// stuckWriter is a ResponseWriter whose first Write waits until release is
// closed: a client that does not read its answer.
type stuckWriter struct {
	header  http.Header
	code    int
	body    bytes.Buffer
	writing chan struct{} // closed when the first Write starts
	release chan struct{}
	once    sync.Once
}

func newStuckWriter() *stuckWriter {
	return &stuckWriter{header: http.Header{}, writing: make(chan struct{}), release: make(chan struct{})}
}

func (w *stuckWriter) Header() http.Header { return w.header }
func (w *stuckWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
}
func (w *stuckWriter) Write(p []byte) (int, error) {
	w.WriteHeader(200)
	w.once.Do(func() { close(w.writing) })
	<-w.release
	return w.body.Write(p)
}

// The answers being written count against a budget: beyond it, 503 at
// once, while the render slots stay free for the answers that fit.
func TestAnswerBudget(t *testing.T) {
	svg := do(newServer(t, Options{}), "POST", "/api/render", "", []byte(smallSOP))
	if svg.Code != 200 {
		t.Fatalf("%d %s", svg.Code, svg.Body)
	}
	size := int64(svg.Body.Len())
	s := newServer(t, Options{Limits: Limits{Concurrency: 2, Queue: 2, Cache: -1, MaxAnswers: 8 * size}})
	if s.api.maxAnswer != size {
		t.Fatalf("one answer at most %d bytes, want an eighth of the budget, %d", s.api.maxAnswer, size)
	}
	// Room for one answer and a half.
	s.api.limits.MaxAnswers = size + size/2
	renders := 0
	var mu sync.Mutex
	s.api.hook = func(context.Context) { mu.Lock(); renders++; mu.Unlock() }

	stuck := newStuckWriter()
	served := make(chan struct{})
	go func() {
		defer close(served)
		s.ServeHTTP(stuck, httptest.NewRequest("POST", "/api/render", strings.NewReader(smallSOP)))
	}()
	<-stuck.writing
	if n := s.api.answers.Load(); n != size {
		t.Errorf("%d bytes of answers in flight, want %d", n, size)
	}
	// The slot is free while the answer is written.
	if n := s.api.pending.Load(); n != 0 || len(s.api.sem) != 0 {
		t.Errorf("while the answer is written: %d pending, %d slots taken", n, len(s.api.sem))
	}
	// A second answer does not fit: 503, once rendered.
	w := do(s, "POST", "/api/render", "", []byte(smallSOP))
	if w.Code != 503 || w.Header().Get("Retry-After") != "1" || !strings.Contains(problemsOf(t, w)[0].Message, "busy") {
		t.Errorf("past the budget: %d, Retry-After %q: %s", w.Code, w.Header().Get("Retry-After"), w.Body)
	}
	// A full budget refuses at once, before any render.
	s.api.limits.MaxAnswers = size
	mu.Lock()
	before := renders
	mu.Unlock()
	if w := do(s, "POST", "/api/pages", "", []byte(smallSOP)); w.Code != 503 || w.Header().Get("Retry-After") != "1" {
		t.Errorf("with the budget full: %d %s", w.Code, w.Body)
	}
	mu.Lock()
	if renders != before {
		t.Errorf("a render ran with the budget full")
	}
	mu.Unlock()
	close(stuck.release)
	<-served
	if stuck.code != 200 || !bytes.Equal(stuck.body.Bytes(), svg.Body.Bytes()) {
		t.Errorf("the stuck answer: %d, %d bytes", stuck.code, stuck.body.Len())
	}
	if n := s.api.answers.Load(); n != 0 {
		t.Errorf("%d bytes of answers in flight after the write", n)
	}
	if w := do(s, "POST", "/api/render", "", []byte(smallSOP)); w.Code != 200 {
		t.Errorf("after the write: %d %s", w.Code, w.Body)
	}
}

// An answer larger than the limit of one answer is 413, with a hint.
func TestAnswerTooLarge(t *testing.T) {
	s := newServer(t, Options{Limits: Limits{Cache: -1}})
	s.api.maxAnswer = 200
	for _, target := range []string{"/api/render", "/api/render?format=pdf", "/api/render?format=png", "/api/render?format=json", "/api/pages", "/api/render?format=dot"} {
		w := do(s, "POST", target, "", []byte(smallSOP))
		if w.Code != 413 {
			t.Errorf("%s: %d %.300s", target, w.Code, w.Body)
			continue
		}
		p := problemsOf(t, w)[0]
		if !strings.Contains(p.Message, "the answer would be more than 0.0 MB") || !strings.Contains(p.Hint, "page=") {
			t.Errorf("%s: %+v", target, p)
		}
	}
	if n := s.api.answers.Load(); n != 0 {
		t.Errorf("%d bytes of answers in flight", n)
	}
	// Kroki's routes answer it as text.
	if w := do(s, "POST", "/sopflow/svg", "", []byte(smallSOP)); w.Code != 413 || !strings.Contains(w.Body.String(), "page=") {
		t.Errorf("Kroki: %d %s", w.Code, w.Body)
	}
}

// A render past its time limit stops its encoding between pages: its work
// ends with the context's error, not with an answer nobody awaits.
func TestTimeoutStopsEncode(t *testing.T) {
	for _, target := range []string{"/api/render?format=png", "/api/render?format=svg", "/api/render?format=pdf", "/api/pages"} {
		s := newServer(t, Options{Limits: Limits{Concurrency: 1, Timeout: 20 * time.Millisecond, Cache: -1}})
		// The work starts once the time is up.
		s.api.hook = func(ctx context.Context) { <-ctx.Done() }
		errs := make(chan error, 1)
		s.api.done = func(err error) { errs <- err }
		w := do(s, "POST", target, "", []byte(smallSOP))
		if w.Code != 504 {
			t.Errorf("%s: %d %s", target, w.Code, w.Body)
		}
		if err := <-errs; !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: the work ended with %v, want the deadline", target, err)
		}
	}
}

// The ZIP of PNG pages holds at most maxZipPages; past them, 413 before
// any page is drawn.
func TestPNGZipPages(t *testing.T) {
	var b strings.Builder
	b.WriteString("name = \"Banyak Halaman\"\nactors = [\"A\", \"B\"]\n")
	steps := 0
	for ; steps < 2000; steps++ {
		fmt.Fprintf(&b, "[[steps]]\nactor = %q\nactivity = \"Langkah %d dengan uraian yang cukup panjang untuk satu baris\"\n", []string{"A", "B"}[steps%2], steps)
	}
	s := newServer(t, Options{Limits: Limits{Cache: -1, MaxSteps: 5000}})
	w := do(s, "POST", "/api/pages?quick=1&paper=100x100mm", "", []byte(b.String()))
	var pages pagesAnswer
	if err := json.Unmarshal(w.Body.Bytes(), &pages); err != nil || len(pages.Pages) <= maxZipPages {
		t.Fatalf("the SOP has %d pages (%v), want more than %d: %d %.300s", len(pages.Pages), err, maxZipPages, w.Code, w.Body)
	}
	w = do(s, "POST", "/api/render?format=png&quick=1&paper=100x100mm", "", []byte(b.String()))
	if w.Code != 413 || !strings.Contains(problemsOf(t, w)[0].Hint, "page=N") {
		t.Errorf("%d %s", w.Code, w.Body)
	}
	w = do(s, "POST", "/api/render?format=png&quick=1&paper=100x100mm&page=2&dpi=20", "", []byte(b.String()))
	if w.Code != 200 || w.Header().Get("Content-Type") != "image/png" {
		t.Errorf("one page: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
}

// A request is admitted before its body is read: bodies sent slowly take
// the queue's places, and beyond them the answer is 503 at once.
func TestAdmissionBeforeBody(t *testing.T) {
	for _, route := range []struct{ target, ctype, body string }{
		{"/api/render", "", smallSOP},
		{"/api/check", "", smallSOP},
		{"/sopflow/svg", "", smallSOP},
		{"/", "application/json", `{"diagram_source": ` + fmt.Sprintf("%q", smallSOP) + `, "diagram_type": "sopflow"}`},
	} {
		s := newServer(t, Options{Limits: Limits{Concurrency: 1, Queue: -1, Cache: -1}})
		pr, pw := io.Pipe()
		slow := httptest.NewRecorder()
		served := make(chan struct{})
		go func() {
			defer close(served)
			r := httptest.NewRequest("POST", route.target, pr)
			if route.ctype != "" {
				r.Header.Set("Content-Type", route.ctype)
			}
			s.ServeHTTP(slow, r)
		}()
		waitFor(t, func() bool { return s.api.pending.Load() == 1 })
		w := do(s, "POST", route.target, route.ctype, []byte(route.body))
		if w.Code != 503 || w.Header().Get("Retry-After") != "1" {
			t.Errorf("%s: beside a body being sent: %d %s", route.target, w.Code, w.Body)
		}
		io.WriteString(pw, route.body)
		pw.Close()
		<-served
		if slow.Code != 200 {
			t.Errorf("%s: the slow body: %d %s", route.target, slow.Code, slow.Body)
		}
		if n := s.api.pending.Load(); n != 0 {
			t.Errorf("%s: %d pending after", route.target, n)
		}
	}
}

// Kroki's JSON body is held to twice the body limit as it is decoded.
func TestKrokiJSONBodyLimit(t *testing.T) {
	s := newServer(t, Options{Limits: Limits{MaxBody: 1000}})
	body := `{"diagram_type": "sopflow", "diagram_source": "` + strings.Repeat("x", 3000) + `"}`
	if w := do(s, "POST", "/", "application/json", []byte(body)); w.Code != 413 || !strings.Contains(w.Body.String(), "2000 bytes") {
		t.Errorf("%d %s", w.Code, w.Body)
	}
	if w := do(s, "POST", "/", "application/json", []byte(`{"diagram_type": `)); w.Code != 400 {
		t.Errorf("truncated: %d %s", w.Code, w.Body)
	}
}

// failingRanker fails as an ExecRanker whose helper is gone.
type failingRanker struct{}

func (failingRanker) Rank(context.Context, []byte) (map[string][2]float64, error) {
	return nil, &bpmn.RankError{Path: "/tmp/rk-secret-dir/sopflow-rank",
		Msg: "fork/exec /tmp/rk-secret-dir/sopflow-rank: no such file or directory", Err: os.ErrNotExist}
}

// A failure of the ranker is logged, and answered without its details.
func TestRankerErrorHidden(t *testing.T) {
	var log bytes.Buffer
	s := newServer(t, Options{Ranker: failingRanker{}, Logger: slog.New(slog.NewJSONHandler(&log, nil))})
	for _, target := range []string{"/api/render?format=bpmn", "/api/render?view=bpmn", "/sopflow/bpmn"} {
		log.Reset()
		w := do(s, "POST", target, "", []byte(smallSOP))
		if w.Code != 503 || strings.Contains(w.Body.String(), "secret") || !strings.Contains(w.Body.String(), "the BPMN view's ranker failed") {
			t.Errorf("%s: %d %s", target, w.Code, w.Body)
		}
		if !strings.Contains(log.String(), "rk-secret-dir") {
			t.Errorf("%s: the log lacks the detail:\n%s", target, log.String())
		}
	}
}

// The answers carry a Content-Security-Policy that runs no script.
func TestAnswerHeaders(t *testing.T) {
	s := newServer(t, Options{Ranker: graphviz.Ranker{}})
	for _, target := range []string{"/api/render", "/api/render?format=bpmn", "/api/render?format=pdf", "/api/pages", "/sopflow/svg"} {
		w := do(s, "POST", target, "", []byte(smallSOP))
		if w.Code != 200 {
			t.Errorf("%s: %d %s", target, w.Code, w.Body)
			continue
		}
		h := w.Header()
		if csp := h.Get("Content-Security-Policy"); csp != "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; sandbox" {
			t.Errorf("%s: Content-Security-Policy %q", target, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", target, h.Get("X-Content-Type-Options"))
		}
	}
}
