package bpmn

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// A Ranker lays out a graph given in DOT and returns the centre of every
// node by name, in points with y growing down: Graphviz dot's job. The
// package graphviz under this one runs dot in-process; ExecRanker runs it in
// the sopflow-rank helper, so that a program that links this package does
// not link Graphviz.
type Ranker interface {
	Rank(dot []byte) (map[string][2]float64, error)
}

// RankerName is the name of the helper binary that ExecRanker runs.
const RankerName = "sopflow-rank"

// installHint tells how to get the helper.
const installHint = "go install ./cmd/... in a clone of sopflow"

// ExecRanker ranks by running the sopflow-rank helper at Path: DOT on its
// standard input, the node centres as a JSON object on its standard output.
type ExecRanker struct {
	Path string
}

// Rank runs the helper on dot.
func (r ExecRanker) Rank(dot []byte) (map[string][2]float64, error) {
	cmd := exec.Command(r.Path)
	cmd.Stdin = bytes.NewReader(dot)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg, name := strings.TrimSpace(stderr.String()), filepath.Base(r.Path)
		if msg == "" {
			msg = err.Error()
		}
		if !strings.HasPrefix(msg, name+":") {
			msg = name + ": " + msg
		}
		return nil, errors.New(msg)
	}
	var pos map[string][2]float64
	if err := json.Unmarshal(stdout.Bytes(), &pos); err != nil {
		return nil, fmt.Errorf("%s: reading its output: %v", filepath.Base(r.Path), err)
	}
	return pos, nil
}

// FindRanker returns an ExecRanker for the sopflow-rank helper installed
// beside the running program (as go install puts both), or else the one
// found in PATH. It is the only function of this package that looks at the
// environment; Layout takes the Ranker it returns.
func FindRanker() (Ranker, error) {
	name := RankerName
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	if exe, err := os.Executable(); err == nil {
		dirs := []string{filepath.Dir(exe)}
		if real, err := filepath.EvalSymlinks(exe); err == nil && filepath.Dir(real) != dirs[0] {
			dirs = append(dirs, filepath.Dir(real))
		}
		for _, dir := range dirs {
			p := filepath.Join(dir, name)
			if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && (runtime.GOOS == "windows" || fi.Mode()&0o111 != 0) {
				return ExecRanker{Path: p}, nil
			}
		}
	}
	p, err := exec.LookPath(RankerName)
	if err != nil {
		if errors.Is(err, exec.ErrDot) {
			return nil, fmt.Errorf("the BPMN view needs %s; the one in the current directory is not used: install it with %s", RankerName, installHint)
		}
		return nil, fmt.Errorf("the BPMN view needs %s beside sopflow or in PATH: %s", RankerName, installHint)
	}
	return ExecRanker{Path: p}, nil
}
