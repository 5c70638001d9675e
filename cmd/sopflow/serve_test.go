//go:build unix

package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestServeUsage(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--api", dir}, "--api serves no folder"},
		{[]string{"serve", "--api", "--open"}, "--open opens the editor"},
		{[]string{"serve", dir, dir}, "one PATH, not 2"},
		{[]string{"serve", "--addr", "0.0.0.0:0", dir}, "loopback address only"},
		{[]string{"serve", "--addr", "8080"}, "want HOST:PORT"},
		{[]string{"serve", "--max-body", "0", "--api"}, "--max-body 0"},
		{[]string{"serve", "--timeout", "0s", "--api"}, "--timeout 0s"},
		{[]string{"serve", "--queue", "-2", "--api"}, "--queue -2"},
		{[]string{"serve", "--log-format", "xml", "--api"}, `--log-format "xml": want text or json`},
		{[]string{"serve", dir + "/missing"}, "missing"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(c.args, nil, &stdout, &stderr); code != exitUsage || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, stderr.String(), c.want)
		}
	}
	var stdout bytes.Buffer
	if code := run([]string{"serve", "-h"}, nil, &stdout, io.Discard); code != 0 || !strings.Contains(stdout.String(), "--max-body BYTES") {
		t.Errorf("serve -h: %d %s", code, stdout.String())
	}
}

// TestServeRunsHelper: sopflow serve checks the command line, then runs
// the sopflow-serve helper with the same arguments.
func TestServeRunsHelper(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "sopflow-serve")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	var gotPath string
	var gotArgs []string
	defer func(f func(*env, string, []string) int) { runServer = f }(runServer)
	runServer = func(e *env, path string, args []string) int {
		gotPath, gotArgs = path, args
		return 7
	}
	args := []string{"--api", "--addr", "127.0.0.1:0", "--log-format", "JSON"}
	var stderr bytes.Buffer
	if code := run(append([]string{"serve"}, args...), nil, io.Discard, &stderr); code != 7 {
		t.Fatalf("exit %d, want the helper's 7: %s", code, stderr.String())
	}
	if gotPath != fake || !slices.Equal(gotArgs, args) {
		t.Errorf("ran %s %q; want %s %q", gotPath, gotArgs, fake, args)
	}

	// No helper: a clear error.
	t.Setenv("PATH", t.TempDir())
	stderr.Reset()
	if code := run([]string{"serve", "--api"}, nil, io.Discard, &stderr); code != exitInvalid || !strings.Contains(stderr.String(), "sopflow-serve helper") {
		t.Errorf("without the helper: exit %d, %q", code, stderr.String())
	}
}

var (
	serveOnce sync.Once
	servePath string
	serveErr  error
)

// serveBinary builds cmd/sopflow-serve once for the tests.
func serveBinary(t *testing.T) string {
	t.Helper()
	serveOnce.Do(func() {
		dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "out", "bin"))
		if err != nil {
			serveErr = err
			return
		}
		servePath = filepath.Join(dir, "sopflow-serve")
		if out, err := exec.Command("go", "build", "-o", servePath, "../sopflow-serve").CombinedOutput(); err != nil {
			serveErr, servePath = err, string(out)
		}
	})
	if serveErr != nil {
		t.Fatalf("go build sopflow-serve: %v\n%s", serveErr, servePath)
	}
	return servePath
}

// TestServeForwardsSIGTERM: where sopflow runs the helper as a child (not
// by exec), a SIGTERM sent to sopflow reaches the server once, which shuts
// down gracefully, and sopflow exits with its code.
func TestServeForwardsSIGTERM(t *testing.T) {
	bin := serveBinary(t)
	// As main does: the handler that exits at once on a signal, which
	// serve must take over, or the process would end with 143 here.
	catchSignals()
	stdout, stderr := new(syncBuffer), new(syncBuffer)
	exit := make(chan int, 1)
	go func() {
		exit <- execServer(&env{stdout: stdout, stderr: stderr}, bin, []string{"--api", "--addr", "127.0.0.1:0"})
	}()
	re := regexp.MustCompile(`on http://127\.0\.0\.1:\d+/`)
	for deadline := time.Now().Add(10 * time.Second); !re.MatchString(stdout.String()); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the server printed no URL: %q %q", stdout.String(), stderr.String())
		}
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-exit:
		if code != exitOK || !strings.Contains(stderr.String(), "shutting down") {
			t.Errorf("exit %d: %s", code, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the server did not stop")
	}
}

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
