package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/internal/helper"
	"github.com/sopflow/sopflow/internal/sheetwire"
)

// sheetTimeout bounds one run of the sopflow-sheet helper.
const sheetTimeout = time.Minute

// findSheetHelper returns the path of sopflow-sheet.
func findSheetHelper() (string, error) {
	p, err := helper.Find(sheetwire.HelperName)
	if err != nil {
		return "", fmt.Errorf("XLSX workbooks need the %s helper beside sopflow or in PATH (go install ./cmd/... in a clone of sopflow installs it); a CSV of the Langkah sheet needs no helper", sheetwire.HelperName)
	}
	return p, nil
}

// runSheetHelper runs the helper with args and stdin, and returns its
// standard output.
func runSheetHelper(stdin []byte, args ...string) ([]byte, error) {
	path, err := findSheetHelper()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), sheetTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Stdin = bytes.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if ctx.Err() != nil {
			msg = fmt.Sprintf("%s: stopped after %v", sheetwire.HelperName, sheetTimeout)
		}
		if msg == "" {
			msg = fmt.Sprintf("%s: %v", sheetwire.HelperName, err)
		}
		return nil, errors.New(msg)
	}
	return stdout.Bytes(), nil
}

// readXLSX reads a workbook through the helper.
func (e *env) readXLSX(name string, data []byte) (*flow.Procedure, error) {
	opts, err := json.Marshal(e.parse)
	if err != nil {
		return nil, err
	}
	out, err := runSheetHelper(data, "read", name, string(opts))
	if err != nil {
		return nil, err
	}
	var r sheetwire.Result
	if err := json.Unmarshal(out, &r); err != nil {
		return nil, fmt.Errorf("%s: reading its answer: %v", sheetwire.HelperName, err)
	}
	return r.Unpack()
}

// writeXLSX writes p as a workbook through the helper.
func writeXLSX(p *flow.Procedure) ([]byte, error) {
	js, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	return runSheetHelper(js, "write")
}
