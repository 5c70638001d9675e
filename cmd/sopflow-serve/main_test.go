//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"net"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sopflow/sopflow/internal/testsop"
)

// syncBuffer is a bytes.Buffer that a running command writes while the
// test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs sopflow serve with args in the background and returns
// the URL it prints, its standard error, and a channel of its exit code.
func startServe(t *testing.T, args ...string) (url string, stderr *syncBuffer, exit chan int) {
	t.Helper()
	stdout := new(syncBuffer)
	stderr = new(syncBuffer)
	exit = make(chan int, 1)
	go func() { exit <- run(append([]string{"--addr", "127.0.0.1:0"}, args...), stdout, stderr) }()
	re := regexp.MustCompile(`on (http://127\.0\.0\.1:\d+/)\n`)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if m := re.FindStringSubmatch(stdout.String()); m != nil {
			return m[1], stderr, exit
		}
		select {
		case code := <-exit:
			t.Fatalf("serve exited with %d: %s", code, stderr)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve printed no URL: %q %q", stdout.String(), stderr)
		}
	}
}

// stopServe sends sig to this process, which serve catches, and waits
// for serve's exit code.
func stopServe(t *testing.T, sig syscall.Signal, exit chan int) int {
	t.Helper()
	if err := syscall.Kill(os.Getpid(), sig); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-exit:
		return code
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
		return -1
	}
}

func TestServeGracefulShutdown(t *testing.T) {
	url, stderr, exit := startServe(t, "--api", "--log-format", "json", "--ranker", "/nonexistent/sopflow-rank")
	resp, err := http.Get(url + "healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()

	// A large SOP: its render is in flight when the signal comes.
	src := testsop.Chain(3000)
	type result struct {
		code int
		body []byte
		err  error
	}
	got := make(chan result, 1)
	go func() {
		resp, err := http.Post(url+"api/render?quick=1", "application/toml", strings.NewReader(src))
		if err != nil {
			got <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		got <- result{resp.StatusCode, b, err}
	}()
	inFlight := false
	for deadline := time.Now().Add(10 * time.Second); !inFlight && time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		resp, err := http.Get(url + "metrics")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		inFlight = bytes.Contains(b, []byte("\nsopflow_renders_in_flight 1\n"))
	}
	if !inFlight {
		t.Fatal("the render was never seen in flight")
	}
	if code := stopServe(t, syscall.SIGTERM, exit); code != exitOK {
		t.Errorf("exit %d: %s", code, stderr)
	}
	r := <-got
	if r.err != nil || r.code != 200 {
		t.Fatalf("the render in flight at the signal: %d %v", r.code, r.err)
	}
	if err := xml.Unmarshal(r.body, new(struct{})); err != nil || !bytes.HasPrefix(r.body, []byte("<svg")) {
		t.Errorf("not a whole SVG (%v): %d bytes", err, len(r.body))
	}
	if _, err := net.Dial("tcp", strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")); err == nil {
		t.Error("the port is still open")
	}
	// The log: the missing ranker, the shutdown, an access line per
	// request in JSON.
	log := stderr.String()
	for _, want := range []string{"the bpmn view and format are answered 503", "shutting down", `"route":"POST /api/render"`} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %q:\n%s", want, log)
		}
	}
	for _, line := range strings.Split(log, "\n") {
		if strings.HasPrefix(line, "{") && json.Unmarshal([]byte(line), new(map[string]any)) != nil {
			t.Errorf("a log line is not JSON: %s", line)
		}
	}
}

func TestServeEditorFolder(t *testing.T) {
	dir := t.TempDir()
	url, stderr, exit := startServe(t, dir)
	resp, err := http.Post(url+"api/check", "text/plain", strings.NewReader("name = 1"))
	if err != nil {
		t.Fatal(err)
	}
	var check struct{ Valid bool }
	json.NewDecoder(resp.Body).Decode(&check)
	resp.Body.Close()
	if resp.StatusCode != 200 || check.Valid {
		t.Errorf("check: %d %+v", resp.StatusCode, check)
	}
	// A page follows the folder: its event stream stays open, and must
	// not hold the shutdown up.
	events, err := http.Get(url + "editor/events")
	if err != nil || events.StatusCode != 200 {
		t.Fatalf("events: %v %v", events, err)
	}
	defer events.Body.Close()
	start := time.Now()
	if code := stopServe(t, syscall.SIGINT, exit); code != exitOK {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("shutdown took %v with a page watching", d)
	}
	if _, err := io.ReadAll(events.Body); err != nil {
		t.Errorf("the event stream did not end cleanly: %v", err)
	}
}

// TestServePortTaken: a port in use is exit 1, the error on standard error.
func TestServePortTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var stderr bytes.Buffer
	if code := run([]string{"--api", "--addr", ln.Addr().String()}, io.Discard, &stderr); code != exitInvalid || !strings.Contains(stderr.String(), "address already in use") {
		t.Errorf("a port taken: exit %d, %q", code, stderr.String())
	}
	if code := run([]string{"--api", "--queue", "-5"}, io.Discard, &stderr); code != exitUsage || !strings.Contains(stderr.String(), "--queue -5") {
		t.Errorf("a bad flag: exit %d, %q", code, stderr.String())
	}
}
