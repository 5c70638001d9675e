package bpmn

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"github.com/sopflow/sopflow/internal/helper"
)

// A Ranker ranks a graph given in DOT and returns a position for every
// node by name, y growing down: Graphviz dot's job. The view reads only
// the ranks (the columns: nodes whose x are within 2 of each other) and
// the order of the nodes of a rank (by y), so dot's node centres in points
// do, and so do the rank and order that dot finds before it places the
// nodes, which is what the rankers of this package return. The
// package graphviz under this one runs dot in-process; ExecRanker runs it in
// the sopflow-rank helper, so that a program that links this package does
// not link Graphviz.
//
// Rank stops and returns an error wrapping ctx.Err() when ctx is done
// before it has finished.
type Ranker interface {
	Rank(ctx context.Context, dot []byte) (map[string][2]float64, error)
}

// ErrNoRanker is returned (wrapped) by FindRanker when the sopflow-rank
// helper is not installed, and by Layout when given no Ranker.
var ErrNoRanker = errors.New("no ranker")

// A RankError is a failure of the sopflow-rank helper: it could not be
// started, it exited with an error, was stopped by its context, or wrote
// something that is not its JSON. Err is the cause (an *exec.ExitError, an
// *os.PathError, context.DeadlineExceeded, a JSON error, ...).
type RankError struct {
	Path string // the helper
	Msg  string // what it printed on standard error, or a description
	Err  error
}

func (e *RankError) Error() string {
	name := filepath.Base(e.Path)
	if strings.HasPrefix(e.Msg, name+":") {
		return e.Msg
	}
	return name + ": " + e.Msg
}

func (e *RankError) Unwrap() error { return e.Err }

// RankerName is the name of the helper binary that ExecRanker runs.
const RankerName = "sopflow-rank"

// installHint tells how to get the helper.
const installHint = "go install ./cmd/... in a clone of sopflow"

// ExecRanker ranks by running the sopflow-rank helper at Path: DOT on its
// standard input, the node centres as a JSON object on its standard output.
type ExecRanker struct {
	Path string
}

// Rank runs the helper on dot. When ctx is done first, the helper is
// killed and the error wraps ctx.Err().
func (r ExecRanker) Rank(ctx context.Context, dot []byte) (map[string][2]float64, error) {
	if err := ctx.Err(); err != nil {
		return nil, &RankError{Path: r.Path, Msg: err.Error(), Err: err}
	}
	cmd := exec.CommandContext(ctx, r.Path)
	cmd.Stdin = bytes.NewReader(dot)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	return r.result(ctx, cmd.Run(), &stdout, &stderr)
}

// result reads the helper's answer, or makes its error.
func (r ExecRanker) result(ctx context.Context, err error, stdout, stderr *bytes.Buffer) (map[string][2]float64, error) {
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return nil, &RankError{Path: r.Path, Msg: "stopped: " + cerr.Error(), Err: cerr}
		}
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, &RankError{Path: r.Path, Msg: msg, Err: err}
	}
	var pos map[string][2]float64
	if err := json.Unmarshal(stdout.Bytes(), &pos); err != nil {
		return nil, &RankError{Path: r.Path, Msg: "reading its output: " + err.Error(), Err: err}
	}
	return pos, nil
}

// Start runs the helper at once, before there is a graph to rank, so that
// its start-up (go-graphviz loads its WebAssembly module: some 20 to 40 ms
// warm) overlaps the caller's own work, such as reading the SOP. The
// StartedRanker ranks its first graph in that process, and any later one
// as r does. Close ends the process if no graph came.
func (r ExecRanker) Start() (*StartedRanker, error) {
	s := &StartedRanker{r: r, done: make(chan error, 1)}
	s.cmd = exec.Command(r.Path)
	stdin, err := s.cmd.StdinPipe()
	if err != nil {
		return nil, &RankError{Path: r.Path, Msg: err.Error(), Err: err}
	}
	s.stdin = stdin
	s.cmd.Stdout, s.cmd.Stderr = &s.stdout, &s.stderr
	if err := s.cmd.Start(); err != nil {
		return nil, &RankError{Path: r.Path, Msg: err.Error(), Err: err}
	}
	cmd := s.cmd
	go func() { s.done <- cmd.Wait() }()
	return s, nil
}

// A StartedRanker is an ExecRanker whose helper was started ahead of its
// first graph (see ExecRanker.Start). It is safe for concurrent use.
type StartedRanker struct {
	r              ExecRanker
	mu             sync.Mutex
	cmd            *exec.Cmd // nil once used or closed
	stdin          io.WriteCloser
	stdout, stderr bytes.Buffer
	done           chan error // the helper's exit
}

// Rank ranks dot in the started helper the first time, and as
// ExecRanker.Rank after that. When ctx is done first, the helper is killed
// and the error wraps ctx.Err().
func (s *StartedRanker) Rank(ctx context.Context, dot []byte) (map[string][2]float64, error) {
	s.mu.Lock()
	cmd := s.cmd
	s.cmd = nil
	s.mu.Unlock()
	if cmd == nil {
		return s.r.Rank(ctx, dot)
	}
	if err := ctx.Err(); err != nil {
		s.kill(cmd)
		return nil, &RankError{Path: s.r.Path, Msg: err.Error(), Err: err}
	}
	go func() {
		// A helper that exits early makes this fail; its exit status
		// tells why.
		_, _ = s.stdin.Write(dot)
		_ = s.stdin.Close()
	}()
	var err error
	select {
	case err = <-s.done:
	case <-ctx.Done():
		_ = cmd.Process.Kill()
		err = <-s.done
	}
	return s.r.result(ctx, err, &s.stdout, &s.stderr)
}

// Close ends the started helper if it has not ranked a graph.
func (s *StartedRanker) Close() error {
	s.mu.Lock()
	cmd := s.cmd
	s.cmd = nil
	s.mu.Unlock()
	if cmd != nil {
		s.kill(cmd)
	}
	return nil
}

func (s *StartedRanker) kill(cmd *exec.Cmd) {
	_ = cmd.Process.Kill()
	_ = s.stdin.Close()
	<-s.done
}

// FindRanker returns an ExecRanker for the sopflow-rank helper installed
// beside the running program (as go install puts both), or else the one
// found in PATH. It is the only function of this package that looks at the
// environment; Layout takes the Ranker it returns.
func FindRanker() (Ranker, error) {
	p, err := helper.Find(RankerName)
	if err != nil {
		if errors.Is(err, exec.ErrDot) {
			return nil, fmt.Errorf("%w: the BPMN view needs %s; the one in the current directory is not used: install it with %s", ErrNoRanker, RankerName, installHint)
		}
		return nil, fmt.Errorf("%w: the BPMN view needs %s beside sopflow or in PATH: %s", ErrNoRanker, RankerName, installHint)
	}
	return ExecRanker{Path: p}, nil
}
