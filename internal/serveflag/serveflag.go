// Package serveflag holds the flags of sopflow serve and their checks,
// shared by sopflow (which checks the command line, prints the help and
// completes the flags) and the sopflow-serve helper that runs the server.
// It imports no server code, so that sopflow stays light.
package serveflag

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"
)

// Values are the flags of sopflow serve as given.
type Values struct {
	Addr        string
	APIOnly     bool
	Open        bool
	MaxBody     int64
	MaxSteps    int
	Timeout     time.Duration
	Concurrency int
	Queue       int
	Cache       int64
	Ranker      string
	LogFormat   string
}

// Define adds the flags of sopflow serve to fs.
func Define(fs *pflag.FlagSet, v *Values) {
	fs.StringVar(&v.Addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT` (port 0: any free port; the URL printed names it)")
	fs.BoolVar(&v.APIOnly, "api", false, "serve the rendering API only, without the editor, for any host name (behind a load balancer)")
	fs.BoolVar(&v.Open, "open", false, "open the editor in the browser (xdg-open, or open on macOS)")
	fs.Int64Var(&v.MaxBody, "max-body", 1<<20, "the largest request body in `BYTES` (413 beyond)")
	fs.IntVar(&v.MaxSteps, "max-steps", 0, "the most steps of one SOP, `N` (413 beyond; 0: sopflow's limit, 20000)")
	fs.DurationVar(&v.Timeout, "timeout", 10*time.Second, "the longest a render may take, waiting for a slot included, as a `DURATION` such as 10s (504 beyond)")
	fs.IntVar(&v.Concurrency, "concurrency", 0, "renders at once, `N` (0: the number of processors)")
	fs.IntVar(&v.Queue, "queue", 0, "renders waiting for a slot beyond those, `N` (0: twice --concurrency; -1: none); more are answered 503 with Retry-After")
	fs.Int64Var(&v.Cache, "cache", 16<<20, "keep the answers of recent requests, up to `BYTES` (0: none)")
	fs.StringVar(&v.Ranker, "ranker", "", "`PATH` of the sopflow-rank helper for the bpmn view (default: beside sopflow, else in PATH)")
	fs.StringVar(&v.LogFormat, "log-format", "text", "`FORMAT` of the access log on standard error: text or json")
}

// LogFormats are the values of --log-format.
var LogFormats = []string{"text", "json"}

// Config is the command line checked: where to listen and what to serve.
type Config struct {
	Values
	// Root is the editor's folder; "" with --api.
	Root string
	// Hosts are the host names the editor answers for; nil with --api.
	Hosts []string
}

// Check checks the flags and the PATH arguments.
func (v *Values) Check(args []string) (Config, error) {
	c := Config{Values: *v}
	switch {
	case len(args) > 1:
		return c, fmt.Errorf("serve takes one PATH, not %d", len(args))
	case v.APIOnly && len(args) == 1:
		return c, errors.New("--api serves no folder; leave PATH out, or leave --api out for the editor")
	case v.APIOnly && v.Open:
		return c, errors.New("--open opens the editor, which --api leaves out")
	case v.MaxBody < 1:
		return c, fmt.Errorf("--max-body %d: want a number of bytes from 1", v.MaxBody)
	case v.MaxSteps < 0:
		return c, fmt.Errorf("--max-steps %d: want a number of steps, or 0 for sopflow's limit", v.MaxSteps)
	case v.Timeout <= 0:
		return c, fmt.Errorf("--timeout %v: want a duration more than 0, such as 10s", v.Timeout)
	case v.Concurrency < 0:
		return c, fmt.Errorf("--concurrency %d: want a number of renders, or 0 for the number of processors", v.Concurrency)
	case v.Queue < -1:
		return c, fmt.Errorf("--queue %d: want a number of renders, 0 for the default or -1 for none", v.Queue)
	case v.Cache < 0:
		return c, fmt.Errorf("--cache %d: want a number of bytes, or 0 for none", v.Cache)
	}
	c.LogFormat = strings.ToLower(v.LogFormat)
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return c, fmt.Errorf("--log-format %q: want text or json", v.LogFormat)
	}
	host, _, err := net.SplitHostPort(v.Addr)
	if err != nil {
		return c, fmt.Errorf("--addr %q: want HOST:PORT, such as 127.0.0.1:8080 or :8080", v.Addr)
	}
	if v.APIOnly {
		return c, nil // any host name: the service behind a load balancer
	}
	path := "."
	if len(args) == 1 {
		path = args[0]
	}
	fi, err := os.Stat(path)
	if err != nil {
		return c, fmt.Errorf("PATH %s: %v", path, errors.Unwrap(err))
	}
	c.Root = path
	if !fi.IsDir() {
		c.Root = filepath.Dir(path)
	}
	// The editor reads and writes files: it answers only for loopback host
	// names, so that a web page elsewhere cannot reach it by DNS rebinding.
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return c, fmt.Errorf("--addr %s: the editor listens on a loopback address only (127.0.0.1, ::1, localhost); use --api to serve the API on other addresses", v.Addr)
	}
	c.Hosts = []string{"127.0.0.1", "localhost", "::1"}
	return c, nil
}
