package server

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sseReader reads the events of one stream.
type sseReader struct {
	sc   *bufio.Scanner
	resp *http.Response
}

func openEvents(t *testing.T, url string) *sseReader {
	t.Helper()
	resp, err := http.Get(url + "/editor/events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("GET /editor/events: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	return &sseReader{sc: bufio.NewScanner(resp.Body), resp: resp}
}

// next returns the next event, or ok false at the end of the stream.
func (r *sseReader) next() (ev watchEvent, ok bool) {
	var typ, data string
	for r.sc.Scan() {
		line := r.sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			typ = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data = strings.TrimPrefix(line, "data: ")
		case line == "" && typ != "":
			json.Unmarshal([]byte(data), &ev)
			if ev.Type != typ {
				panic("event " + typ + " holds " + data)
			}
			return ev, true
		}
	}
	return ev, false
}

// waitFor reads events until one satisfies ok, or fails after a while.
func (r *sseReader) waitFor(t *testing.T, what string, ok func(watchEvent) bool) {
	t.Helper()
	found := make(chan bool, 1)
	go func() {
		for {
			ev, more := r.next()
			if !more {
				found <- false
				return
			}
			if ok(ev) {
				found <- true
				return
			}
		}
	}()
	select {
	case f := <-found:
		if !f {
			t.Fatalf("the stream ended before %s", what)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("no event for %s in 10 s", what)
	}
}

func TestWatchPushesChanges(t *testing.T) {
	s, dir := newEditor(t, map[string]string{"a.toml": "one"}, Options{})
	ts := httptest.NewServer(s)
	defer ts.Close()
	ev := openEvents(t, ts.URL)

	// Another program writes the file, as an editor that saves in place.
	os.WriteFile(filepath.Join(dir, "a.toml"), []byte("two"), 0o644)
	ev.waitFor(t, "the change of a.toml", func(e watchEvent) bool {
		return e.Type == "change" && e.Path == "a.toml" && e.Version == fileVersion([]byte("two"))
	})
	// As vim saves: a new file renamed over the old.
	os.WriteFile(filepath.Join(dir, ".a.toml.swp"), []byte("three"), 0o644)
	os.Rename(filepath.Join(dir, ".a.toml.swp"), filepath.Join(dir, "a.toml"))
	ev.waitFor(t, "a.toml replaced by a rename", func(e watchEvent) bool {
		return e.Type == "change" && e.Path == "a.toml" && e.Version == fileVersion([]byte("three"))
	})
	// A new SOP in a new folder: the list changes.
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	time.Sleep(100 * time.Millisecond) // the folder is watched once its creation is seen
	os.WriteFile(filepath.Join(dir, "sub", "b.toml"), []byte("b"), 0o644)
	ev.waitFor(t, "sub/b.toml", func(e watchEvent) bool {
		return e.Type == "change" && e.Path == "sub/b.toml" && e.Version == fileVersion([]byte("b"))
	})
	// Deleted: version none, and a new list.
	os.Remove(filepath.Join(dir, "a.toml"))
	ev.waitFor(t, "the removal of a.toml", func(e watchEvent) bool {
		return e.Type == "change" && e.Path == "a.toml" && e.Version == noVersion
	})
	// Files that are not SOPs say nothing but a list event at most.
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644)

	// Close ends the stream.
	done := make(chan struct{})
	go func() {
		for {
			if _, ok := ev.next(); !ok {
				close(done)
				return
			}
		}
	}()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the event stream still runs after Close")
	}
	// A stream opened after Close is refused.
	resp, err := http.Get(ts.URL + "/editor/events")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("events after Close: %d, want 503", resp.StatusCode)
	}
}

func TestWatchBoundsClients(t *testing.T) {
	var h hub
	var cs []chan watchEvent
	for range maxSSEClients {
		c := h.subscribe()
		if c == nil {
			t.Fatalf("client %d refused", len(cs)+1)
		}
		cs = append(cs, c)
	}
	if h.subscribe() != nil {
		t.Fatalf("client %d accepted; the bound is %d", maxSSEClients+1, maxSSEClients)
	}
	// A client that does not read is dropped when its queue is full; the
	// others still get every event.
	for i := range sseBuffer + 1 {
		h.send(watchEvent{Type: "list"})
		for _, c := range cs[1:] {
			<-c
		}
		_ = i
	}
	if _, ok := <-drain(cs[0]); ok {
		t.Error("the slow client was not dropped")
	}
	if c := h.subscribe(); c == nil {
		t.Error("the slow client's place was not freed")
	}
	h.close()
	for _, c := range cs[1:] {
		if _, ok := <-c; ok {
			t.Error("a stream still open after close")
		}
	}
}

// drain reads c until it is closed or empty, and returns a channel that
// is closed when c was closed.
func drain(c chan watchEvent) chan watchEvent {
	for {
		select {
		case _, ok := <-c:
			if !ok {
				out := make(chan watchEvent)
				close(out)
				return out
			}
		default:
			out := make(chan watchEvent, 1)
			out <- watchEvent{}
			return out
		}
	}
}

func TestWatchBoundsFolders(t *testing.T) {
	files := map[string]string{}
	for i := range maxWatchDirs + 20 {
		files[fmt.Sprintf("d%03d/a.toml", i)] = "x"
	}
	files["deep/1/2/3/4/5/a.toml"] = "x"
	s, _ := newEditor(t, files, Options{})
	if n := len(s.editor.watch.w.WatchList()); n != maxWatchDirs {
		t.Errorf("%d folders watched, want the bound %d", n, maxWatchDirs)
	}
}

// TestWatchOutlivesWriteTimeout: a page's stream lasts longer than the
// server's WriteTimeout (sopflow serve sets one for the API's answers).
func TestWatchOutlivesWriteTimeout(t *testing.T) {
	s, dir := newEditor(t, map[string]string{"a.toml": "one"}, Options{})
	ts := httptest.NewUnstartedServer(s)
	ts.Config.WriteTimeout = 300 * time.Millisecond
	ts.Start()
	defer ts.Close()
	defer s.Close()
	ev := openEvents(t, ts.URL)
	time.Sleep(600 * time.Millisecond)
	os.WriteFile(filepath.Join(dir, "a.toml"), []byte("two"), 0o644)
	ev.waitFor(t, "a change after the write timeout", func(e watchEvent) bool {
		return e.Type == "change" && e.Path == "a.toml" && e.Version == fileVersion([]byte("two"))
	})
}

// TestCloseBoundsTheWatch: Close does not wait for ever for a watch that
// does not stop (one stuck in a file system).
func TestCloseBoundsTheWatch(t *testing.T) {
	s, _ := newEditor(t, nil, Options{})
	defer func(d time.Duration) { closeWait = d }(closeWait)
	closeWait = 50 * time.Millisecond
	real := s.editor.done
	s.editor.done = make(chan struct{}) // never closed: a stuck watch
	errc := make(chan error, 1)
	go func() { errc <- s.Close() }()
	select {
	case err := <-errc:
		if err == nil || !strings.Contains(err.Error(), "did not stop") {
			t.Errorf("Close = %v, want that the watch did not stop", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Close still waits for a stuck watch after 5 s")
	}
	<-real                  // the real watch stopped all the same
	s.editor.closeErr = nil // for the test's cleanup, which closes again
}
