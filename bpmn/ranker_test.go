package bpmn_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sopflow/sopflow/bpmn"
	"github.com/sopflow/sopflow/bpmn/graphviz"
	"github.com/sopflow/sopflow/render"
)

var rankBin struct {
	sync.Once
	dir, path string
	err       error
	out       []byte
}

// buildRanker builds cmd/sopflow-rank once into a temporary directory.
func buildRanker(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: not building sopflow-rank")
	}
	rankBin.Do(func() {
		rankBin.dir, rankBin.err = os.MkdirTemp("", "sopflow-rank-test")
		if rankBin.err != nil {
			return
		}
		name := bpmn.RankerName
		if runtime.GOOS == "windows" {
			name += ".exe"
		}
		rankBin.path = filepath.Join(rankBin.dir, name)
		cmd := exec.Command("go", "build", "-o", rankBin.path, "github.com/sopflow/sopflow/cmd/sopflow-rank")
		rankBin.out, rankBin.err = cmd.CombinedOutput()
	})
	if rankBin.err != nil {
		t.Fatalf("go build sopflow-rank: %v\n%s", rankBin.err, rankBin.out)
	}
	return rankBin.path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if rankBin.dir != "" {
		os.RemoveAll(rankBin.dir)
	}
	os.Exit(code)
}

func TestExecRanker(t *testing.T) {
	bin := buildRanker(t)
	for name, p := range loadExamples(t) {
		t.Run(name, func(t *testing.T) {
			got, err := bpmn.Layout(p, bpmn.ExecRanker{Path: bin}, bpmn.Options{})
			if err != nil {
				t.Fatal(err)
			}
			want, err := bpmn.Layout(p, graphviz.Ranker{}, bpmn.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var g, w bytes.Buffer
			if err := render.WriteJSON(&g, got); err != nil {
				t.Fatal(err)
			}
			if err := render.WriteJSON(&w, want); err != nil {
				t.Fatal(err)
			}
			if g.String() != w.String() {
				t.Error("the helper's layout differs from the in-process one")
			}
		})
	}
}

func TestExecRankerErrors(t *testing.T) {
	bin := buildRanker(t)
	_, err := bpmn.ExecRanker{Path: bin}.Rank(context.Background(), []byte("digraph { a -> "))
	var re *bpmn.RankError
	if err == nil || !strings.Contains(err.Error(), bpmn.RankerName) || !errors.As(err, &re) {
		t.Errorf("bad DOT: got %v", err)
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Errorf("bad DOT: %v does not wrap the helper's exit status", err)
	}
	_, err = bpmn.ExecRanker{Path: filepath.Join(t.TempDir(), "missing")}.Rank(context.Background(), []byte("digraph { a }"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing helper: got %v, want an error wrapping fs.ErrNotExist", err)
	}
}

// TestExecRankerContext checks that a helper that does not answer is
// stopped by the context, and that the error says so.
func TestExecRankerContext(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs a shell script as the helper")
	}
	slow := filepath.Join(t.TempDir(), "slow-rank")
	if err := os.WriteFile(slow, []byte("#!/bin/sh\nexec sleep 10\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := bpmn.LayoutContext(ctx, synthetic(t, 5, 2), bpmn.ExecRanker{Path: slow}, bpmn.Options{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want an error wrapping context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the helper ran %v after the deadline", d)
	}
	done, stop := context.WithCancel(context.Background())
	stop()
	if _, err := (graphviz.Ranker{}).Rank(done, []byte("digraph { a }")); !errors.Is(err, context.Canceled) {
		t.Errorf("graphviz.Ranker with a cancelled context: got %v", err)
	}
}

func TestNoRanker(t *testing.T) {
	if _, err := bpmn.Layout(synthetic(t, 3, 1), nil, bpmn.Options{}); !errors.Is(err, bpmn.ErrNoRanker) {
		t.Errorf("nil Ranker: got %v, want ErrNoRanker", err)
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := bpmn.FindRanker(); !errors.Is(err, bpmn.ErrNoRanker) {
		t.Errorf("FindRanker without a helper: got %v, want ErrNoRanker", err)
	}
}

func TestFindRanker(t *testing.T) {
	bin := buildRanker(t)
	t.Setenv("PATH", filepath.Dir(bin))
	r, err := bpmn.FindRanker()
	if err != nil {
		t.Fatal(err)
	}
	if er, ok := r.(bpmn.ExecRanker); !ok || er.Path != bin {
		t.Errorf("found %#v, want the helper at %s", r, bin)
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := bpmn.FindRanker(); err == nil || !strings.Contains(err.Error(), "go install ./cmd/...") {
		t.Errorf("no helper: got %v", err)
	}
}

// TestNoGraphviz checks that go-graphviz, whose init compiles a WebAssembly
// module, stays out of this package, the table's packages and the sopflow
// command: only bpmn/graphviz and sopflow-rank link it.
func TestNoGraphviz(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not running go list")
	}
	for _, pkg := range []string{"bpmn", "render", "table", "flow", "cmd/sopflow"} {
		out, err := exec.Command("go", "list", "-deps", "github.com/sopflow/sopflow/"+pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s: %v\n%s", pkg, err, out)
		}
		if strings.Contains(string(out), "goccy/go-graphviz") {
			t.Errorf("%s links go-graphviz", pkg)
		}
	}
	out, err := exec.Command("go", "list", "-deps", "github.com/sopflow/sopflow/cmd/sopflow-rank").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "goccy/go-graphviz") {
		t.Errorf("sopflow-rank does not link go-graphviz: %v\n%s", err, out)
	}
}

// TestStartedRanker checks the helper started ahead of its graph: the same
// layout as in process, then as ExecRanker for later graphs; errors and
// the context as ExecRanker; Close ends a helper that ranked nothing.
func TestStartedRanker(t *testing.T) {
	bin := buildRanker(t)
	p := synthetic(t, 20, 4)
	want, err := bpmn.Layout(p, graphviz.Ranker{}, bpmn.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var w bytes.Buffer
	if err := render.WriteJSON(&w, want); err != nil {
		t.Fatal(err)
	}
	s, err := bpmn.ExecRanker{Path: bin}.Start()
	if err != nil {
		t.Fatal(err)
	}
	for k := range 2 { // in the started helper, then in a new one
		got, err := bpmn.Layout(p, s, bpmn.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var g bytes.Buffer
		if err := render.WriteJSON(&g, got); err != nil {
			t.Fatal(err)
		}
		if g.String() != w.String() {
			t.Errorf("graph %d: the started helper's layout differs from the in-process one", k+1)
		}
	}
	if err := s.Close(); err != nil {
		t.Error(err)
	}

	s, err = bpmn.ExecRanker{Path: bin}.Start()
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Rank(context.Background(), []byte("digraph { a -> "))
	var exit *exec.ExitError
	if !errors.As(err, &exit) || !strings.Contains(err.Error(), bpmn.RankerName) {
		t.Errorf("bad DOT: got %v, want the helper's error wrapping its exit status", err)
	}

	s, err = bpmn.ExecRanker{Path: bin}.Start()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := s.Close(); err != nil {
		t.Error(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Close took %v", d)
	}
	if _, err := (bpmn.ExecRanker{Path: filepath.Join(t.TempDir(), "missing")}).Start(); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing helper: got %v, want an error wrapping fs.ErrNotExist", err)
	}

	if runtime.GOOS == "windows" {
		return
	}
	slow := filepath.Join(t.TempDir(), "slow-rank")
	if err := os.WriteFile(slow, []byte("#!/bin/sh\nexec sleep 10\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	s, err = bpmn.ExecRanker{Path: slow}.Start()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start = time.Now()
	if _, err := bpmn.LayoutContext(ctx, p, s, bpmn.Options{}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("slow helper: got %v, want an error wrapping context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the started helper ran %v after the deadline", d)
	}
}
