//go:build unix

package server

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// mkfifo makes a FIFO at path. Should a reader wait on it (the bug these
// tests guard against), the test's end opens and closes its other side,
// so that the test fails rather than hangs.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	t.Cleanup(func() {
		if w, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
	})
}

// within runs f and fails the test when it takes longer than d.
func within(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s still runs after %v", what, d)
	}
}

func TestEditorRefusesFIFO(t *testing.T) {
	s, dir := newEditor(t, map[string]string{"a.toml": "name = \"A\"\n"}, Options{})
	mkfifo(t, filepath.Join(dir, "fifo.toml"))
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	mkfifo(t, filepath.Join(dir, "sub", "fifo.json"))

	for _, name := range []string{"fifo.toml", "sub/fifo.json"} {
		var w *httptest.ResponseRecorder
		within(t, 5*time.Second, "GET /editor/files/"+name, func() {
			w = s.editorDo(t, editorReq{method: "GET", url: "/editor/files/" + name})
		})
		if w.Code != http.StatusForbidden || !strings.Contains(w.Body.String(), "FIFO") {
			t.Errorf("GET %s = %d %s, want 403 naming the FIFO", name, w.Code, w.Body)
		}
		// A save over it, or a rename of it, is refused as well.
		within(t, 5*time.Second, "PUT /editor/files/"+name, func() {
			w = s.editorDo(t, editorReq{method: "PUT", url: "/editor/files/" + name, body: "x", header: map[string]string{"If-Match": noVersion}})
		})
		if w.Code != http.StatusForbidden {
			t.Errorf("PUT %s = %d %s, want 403", name, w.Code, w.Body)
		}
	}
	// The opened file is checked too, should a FIFO take the place of a
	// regular file after the check.
	within(t, 5*time.Second, "openRegular", func() {
		if _, err := s.editor.folder.openRegular("fifo.toml"); err == nil {
			t.Error("openRegular opened a FIFO")
		}
	})

	var w *httptest.ResponseRecorder
	within(t, 5*time.Second, "GET /editor/files", func() {
		w = s.editorDo(t, editorReq{method: "GET", url: "/editor/files"})
	})
	got := editorDecode[struct {
		Files []fileEntry `json:"files"`
	}](t, w)
	if len(got.Files) != 1 || got.Files[0].Path != "a.toml" || got.Files[0].Name != "A" {
		t.Errorf("listing = %+v, want a.toml alone", got.Files)
	}
	within(t, 5*time.Second, "Close", func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
}

// TestWatchSurvivesFIFO: a FIFO that appears in the folder while the
// server runs does not stop the watch, nor Close.
func TestWatchSurvivesFIFO(t *testing.T) {
	s, dir := newEditor(t, map[string]string{"a.toml": "one"}, Options{})
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close) // after the stream's body is closed, should the test fail
	ev := openEvents(t, ts.URL)

	mkfifo(t, filepath.Join(dir, "new.toml"))
	// The watch reads the version of each file it saw change, then sends
	// "list" for a file that came: it must get past the FIFO.
	ev.waitFor(t, "the list after the FIFO came", func(e watchEvent) bool { return e.Type == "list" })
	os.WriteFile(filepath.Join(dir, "a.toml"), []byte("two"), 0o644)
	ev.waitFor(t, "a change after the FIFO came", func(e watchEvent) bool {
		return e.Type == "change" && e.Path == "a.toml" && e.Version == fileVersion([]byte("two"))
	})
	within(t, 5*time.Second, "Close", func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
}
