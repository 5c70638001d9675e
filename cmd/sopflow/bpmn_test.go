package main

import (
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	rankOnce sync.Once
	rankPath string
	rankErr  error
)

// rankerBinary builds cmd/sopflow-rank once for the tests.
func rankerBinary(t *testing.T) string {
	t.Helper()
	rankOnce.Do(func() {
		dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "out", "bin"))
		if err != nil {
			rankErr = err
			return
		}
		rankPath = filepath.Join(dir, "sopflow-rank")
		out, err := exec.Command("go", "build", "-o", rankPath, "../sopflow-rank").CombinedOutput()
		if err != nil {
			rankErr = err
			rankPath = string(out)
		}
	})
	if rankErr != nil {
		t.Fatalf("go build sopflow-rank: %v\n%s", rankErr, rankPath)
	}
	return rankPath
}

func TestBPMNView(t *testing.T) {
	ranker := rankerBinary(t)
	dir := inTempDir(t, map[string]string{"a.toml": goodSOP})

	// -f dot needs no helper.
	r := sopflow(t, "", "render", "-f", "dot", "--ranker", "/nonexistent", "a.toml")
	if r.code != 0 {
		t.Fatalf("-f dot: %v", r)
	}
	dot := readFile(t, "a.dot")
	if !strings.Contains(dot, "digraph ") || !strings.Contains(dot, "subgraph cluster_") {
		t.Errorf("a.dot is not a clustered digraph:\n%s", dot)
	}

	// -f bpmn writes BPMN XML through the helper.
	r = sopflow(t, "", "render", "-f", "bpmn", "--ranker", ranker, "a.toml")
	if r.code != 0 {
		t.Fatalf("-f bpmn: %v", r)
	}
	x := readFile(t, "a.bpmn")
	if err := xml.Unmarshal([]byte(x), new(any)); err != nil || !strings.Contains(x, "bpmn:laneSet") && !strings.Contains(x, "laneSet") {
		t.Errorf("a.bpmn is not BPMN XML (%v):\n%.300s", err, x)
	}

	// The BPMN XML is the same whatever the paper and margin.
	r = sopflow(t, "", "render", "-f", "bpmn", "--paper", "letter", "--orientation", "portrait", "--margin", "25",
		"--ranker", ranker, "-o", "b.bpmn", "a.toml")
	if r.code != 0 {
		t.Fatalf("-f bpmn --paper letter: %v", r)
	}
	if readFile(t, "b.bpmn") != x {
		t.Error("-f bpmn depends on --paper, --orientation or --margin")
	}
	os.Remove("b.bpmn")

	// --view bpmn draws the swimlanes in the other formats.
	r = sopflow(t, "", "render", "--view", "bpmn", "--tall", "--ranker", ranker, "-o", "lanes.svg", "a.toml")
	if r.code != 0 {
		t.Fatalf("--view bpmn: %v", r)
	}
	svg := readFile(t, "lanes.svg")
	if !strings.Contains(svg, `class="page bpmn"`) {
		t.Errorf("lanes.svg has no bpmn page")
	}
	wantFiles(t, dir, "a.toml", "a.dot", "a.bpmn", "lanes.svg")

	// A missing helper is an error of this FILE, and nothing is written.
	r = sopflow(t, "", "render", "--view", "bpmn", "--ranker", filepath.Join(dir, "missing-rank"), "-o", "x.pdf", "a.toml")
	if r.code != 1 || !strings.Contains(r.stderr, "missing-rank") {
		t.Errorf("missing helper: %v", r)
	}
	wantFiles(t, dir, "a.toml", "a.dot", "a.bpmn", "lanes.svg")

	if r := sopflow(t, "", "render", "--view", "swimlane", "a.toml"); r.code != 2 {
		t.Errorf("--view swimlane: %v", r)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestRankTimeout checks that a helper that does not answer is stopped and
// reported, not waited for.
func TestRankTimeout(t *testing.T) {
	dir := inTempDir(t, map[string]string{"a.toml": goodSOP})
	slow := filepath.Join(dir, "slow-rank")
	if err := os.WriteFile(slow, []byte("#!/bin/sh\nexec sleep 10\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	defer func(d time.Duration) { rankTimeout = d }(rankTimeout)
	rankTimeout = 100 * time.Millisecond
	start := time.Now()
	r := sopflow(t, "", "render", "--view", "bpmn", "--ranker", slow, "a.toml")
	if r.code != 1 || !strings.Contains(r.stderr, "deadline exceeded") || !strings.Contains(r.stderr, "at most 100ms") {
		t.Errorf("slow helper: %v", r)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("waited %v for the helper", d)
	}
}
