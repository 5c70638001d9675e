package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/sopflow/sopflow/flow"
)

// limitNames are the names --limit takes, as flow.LimitError names them.
var limitNames = []string{"bytes", "depth", "key", "steps", "actors"}

// limitFlag adds --limit NAME=N to fs.
func limitFlag(fs *pflag.FlagSet, limits *[]string) {
	fs.StringArrayVar(limits, "limit", nil,
		fmt.Sprintf("raise a limit of the input, as `NAME=N` (repeatable; 0 = the default, -1 = none): bytes (default %d), depth (%d), key (bytes, %d), steps (%d), actors (%d)",
			flow.DefaultMaxBytes, flow.DefaultMaxDepth, flow.DefaultMaxKeyLength, flow.DefaultMaxSteps, flow.DefaultMaxActors))
	var vals []string
	for _, n := range limitNames {
		vals = append(vals, n+"=")
	}
	values(fs, "limit", vals...)
}

// parseLimits reads the --limit flags.
func parseLimits(limits []string) (flow.ParseOptions, error) {
	var o flow.ParseOptions
	for _, l := range limits {
		name, val, ok := strings.Cut(l, "=")
		name = strings.ToLower(strings.TrimSpace(name))
		n, err := strconv.Atoi(strings.TrimSpace(val))
		if !ok || err != nil || n < -1 {
			return o, fmt.Errorf("--limit %q: want NAME=N with N a whole number, 0 for the default or -1 for none", l)
		}
		switch name {
		case "bytes":
			o.MaxBytes = n
		case "depth":
			o.MaxDepth = n
		case "key":
			o.MaxKeyLength = n
		case "steps":
			o.MaxSteps = n
		case "actors":
			o.MaxActors = n
		default:
			return o, fmt.Errorf("--limit %q: unknown limit %q (want %s)", l, name, strings.Join(limitNames, ", "))
		}
	}
	return o, nil
}

// limitHint tells how to raise the limit that e passes, or "".
func limitHint(e *flow.Error) string {
	var le *flow.LimitError
	if !errors.As(e.Err, &le) {
		return ""
	}
	return fmt.Sprintf(" (raise the limit with --limit %s=N)", le.Name)
}
