package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/sopflow/sopflow/bpmn"
	"github.com/sopflow/sopflow/server"
)

// This file is the serve command: the live editor of a folder of SOPs and
// the HTTP rendering service (package server), until SIGINT or SIGTERM.

// serveFlagValues holds the flags of sopflow serve as given.
type serveFlagValues struct {
	addr        string
	apiOnly     bool
	open        bool
	maxBody     int64
	maxSteps    int
	timeout     time.Duration
	concurrency int
	queue       int
	cache       int64
	ranker      string
	logFormat   string
	help        bool
}

func serveFlags(v *serveFlagValues) *pflag.FlagSet {
	fs := newFlagSet("serve", &v.help)
	fs.StringVar(&v.addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT` (port 0: any free port; the URL printed names it)")
	fs.BoolVar(&v.apiOnly, "api", false, "serve the rendering API only, without the editor, for any host name (behind a load balancer)")
	fs.BoolVar(&v.open, "open", false, "open the editor in the browser (xdg-open, or open on macOS)")
	fs.Int64Var(&v.maxBody, "max-body", 1<<20, "the largest request body in `BYTES` (413 beyond)")
	fs.IntVar(&v.maxSteps, "max-steps", 0, "the most steps of one SOP, `N` (413 beyond; 0: sopflow's limit, 20000)")
	fs.DurationVar(&v.timeout, "timeout", 10*time.Second, "the longest a render may take, waiting for a slot included, as a `DURATION` such as 10s (504 beyond)")
	fs.IntVar(&v.concurrency, "concurrency", 0, "renders at once, `N` (0: the number of processors)")
	fs.IntVar(&v.queue, "queue", 0, "renders waiting for a slot beyond those, `N` (0: twice --concurrency; -1: none); more are answered 503 with Retry-After")
	fs.Int64Var(&v.cache, "cache", 16<<20, "keep the answers of recent requests, up to `BYTES` (0: none)")
	fs.StringVar(&v.ranker, "ranker", "", "`PATH` of the sopflow-rank helper for the bpmn view (default: beside sopflow, else in PATH)")
	fs.StringVar(&v.logFormat, "log-format", "text", "`FORMAT` of the access log on standard error: text or json")
	files(fs, "ranker")
	values(fs, "log-format", "text", "json")
	return fs
}

func serveCommand() *command {
	c := &command{
		name:     "serve",
		summary:  "serve the live editor and the HTTP rendering API",
		synopsis: "serve [flags] [PATH]",
		about: `Serve runs a web server: the live editor of the SOPs in PATH (a folder,
or an SOP file and its folder; default the current folder), and the HTTP
API that renders an SOP sent to it:

  POST /api/render?format=svg|pdf|png|json|bpmn|dot   the drawing
  POST /api/pages, POST /api/check                     pages as JSON, problems
  GET /sopflow/{format}/{encoded}, POST /sopflow/{format}, POST /
                                                       Kroki's routes
  GET /healthz, GET /metrics                           probes, Prometheus

It prints the URL it serves on, and stops on SIGINT or SIGTERM after the
renders in flight are answered. The editor answers only for the host names
of a loopback address; --api serves the API alone, for any host name, as a
stateless replica behind a load balancer.

Exit status: 0 after a shutdown by signal, 1 when the server cannot
listen, 2 when the command line is wrong.`,
		examples: `  sopflow serve                          # the editor of this folder
  sopflow serve sops/ --open
  sopflow serve --api --addr :8080       # the API for other machines
  curl --data-binary @sop.toml -o sop.pdf \
      'http://127.0.0.1:8080/api/render?format=pdf'
`,
	}
	c.flags = func() *pflag.FlagSet { return serveFlags(new(serveFlagValues)) }
	c.run = func(e *env, args []string) int {
		var v serveFlagValues
		fs := serveFlags(&v)
		if code, ok := e.parseFlags(c, fs, &v.help, args); !ok {
			return code
		}
		if err := oneOf(fs, "log-format", &v.logFormat); err != nil {
			return e.usageError(c.name, "%v", err)
		}
		opt, err := serveOptions(&v, fs.Args())
		if err != nil {
			return e.usageError(c.name, "%v", err)
		}
		return e.serve(&v, opt)
	}
	return c
}

// serveOptions checks the flags and PATH, and returns the server's options
// without its logger and ranker.
func serveOptions(v *serveFlagValues, args []string) (server.Options, error) {
	var opt server.Options
	switch {
	case len(args) > 1:
		return opt, fmt.Errorf("serve takes one PATH, not %d", len(args))
	case v.apiOnly && len(args) == 1:
		return opt, errors.New("--api serves no folder; leave PATH out, or leave --api out for the editor")
	case v.apiOnly && v.open:
		return opt, errors.New("--open opens the editor, which --api leaves out")
	case v.maxBody < 1:
		return opt, fmt.Errorf("--max-body %d: want a number of bytes from 1", v.maxBody)
	case v.maxSteps < 0:
		return opt, fmt.Errorf("--max-steps %d: want a number of steps, or 0 for sopflow's limit", v.maxSteps)
	case v.timeout <= 0:
		return opt, fmt.Errorf("--timeout %v: want a duration more than 0, such as 10s", v.timeout)
	case v.concurrency < 0:
		return opt, fmt.Errorf("--concurrency %d: want a number of renders, or 0 for the number of processors", v.concurrency)
	case v.queue < -1:
		return opt, fmt.Errorf("--queue %d: want a number of renders, 0 for the default or -1 for none", v.queue)
	case v.cache < 0:
		return opt, fmt.Errorf("--cache %d: want a number of bytes, or 0 for none", v.cache)
	}
	opt.Limits = server.Limits{MaxBody: v.maxBody, MaxSteps: v.maxSteps, Timeout: v.timeout,
		Concurrency: v.concurrency, Queue: v.queue, Cache: v.cache}
	if v.cache == 0 {
		opt.Limits.Cache = -1
	}
	host, _, err := net.SplitHostPort(v.addr)
	if err != nil {
		return opt, fmt.Errorf("--addr %q: want HOST:PORT, such as 127.0.0.1:8080 or :8080", v.addr)
	}
	if v.apiOnly {
		return opt, nil // any host name: the service behind a load balancer
	}
	path := "."
	if len(args) == 1 {
		path = args[0]
	}
	fi, err := os.Stat(path)
	if err != nil {
		return opt, fmt.Errorf("PATH %s: %v", path, errors.Unwrap(err))
	}
	opt.Root = path
	if !fi.IsDir() {
		opt.Root = filepath.Dir(path)
	}
	// The editor reads and writes files: it answers only for loopback host
	// names, so that a web page elsewhere cannot reach it by DNS rebinding.
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return opt, fmt.Errorf("--addr %s: the editor listens on a loopback address only (127.0.0.1, ::1, localhost); use --api to serve the API on other addresses", v.addr)
	}
	opt.Hosts = []string{"127.0.0.1", "localhost", "::1"}
	return opt, nil
}

// serveGCPercent is the garbage collector's GOGC of sopflow serve, unless
// the environment sets GOGC.
const serveGCPercent = 400

// serve runs the server until SIGINT or SIGTERM.
func (e *env) serve(v *serveFlagValues, opt server.Options) int {
	var handler slog.Handler = slog.NewTextHandler(e.stderr, nil)
	if v.logFormat == "json" {
		handler = slog.NewJSONHandler(e.stderr, nil)
	}
	opt.Logger = slog.New(handler)
	switch r, err := bpmn.FindRanker(); {
	case v.ranker != "":
		if _, err := exec.LookPath(v.ranker); err != nil {
			fmt.Fprintf(e.stderr, "sopflow: --ranker: %v; the bpmn view and format are answered 503\n", err)
			break
		}
		opt.Ranker = bpmn.ExecRanker{Path: v.ranker}
	case err == nil:
		opt.Ranker = r
	default:
		fmt.Fprintf(e.stderr, "sopflow: %v; the bpmn view and format are answered 503\n", err)
	}
	s, err := server.New(opt)
	if err != nil {
		return e.report("", err)
	}
	if _, set := os.LookupEnv("GOGC"); !set {
		// A render allocates some 2 MB that are garbage once it is
		// answered, and little stays live between requests: collecting
		// when the heap has grown by 4 times the live heap rather than
		// by as much again makes renders a fifth or so faster under load
		// (see the README's Numbers).
		debug.SetGCPercent(serveGCPercent)
	}
	// Stop on a signal, after the requests in flight: the handler of main
	// (catchSignals), which exits at once, lets go of SIGINT and SIGTERM
	// first. serve writes no temporary files for it to remove.
	signal.Reset(os.Interrupt, syscall.SIGTERM)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", v.addr)
	if err != nil {
		return e.report("", err)
	}
	timeout := opt.Limits.Timeout
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second, // the body, at most --max-body
		WriteTimeout:      timeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    1 << 20, // a Kroki URL carries the SOP compressed
		ErrorLog:          slog.NewLogLogger(handler, slog.LevelWarn),
	}
	url := "http://" + urlHost(ln.Addr().(*net.TCPAddr)) + "/"
	what := "the editor of " + opt.Root + " and the API"
	if v.apiOnly {
		what = "the API"
	}
	fmt.Fprintf(e.stdout, "sopflow: serving %s on %s\n", what, url)
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	if v.open {
		openBrowser(e.stderr, url)
	}
	select {
	case err := <-served:
		return e.report("", err)
	case <-ctx.Done():
	}
	stop() // a second signal ends the process at once
	fmt.Fprintln(e.stderr, "sopflow: shutting down; finishing the requests in flight")
	// The editor's event streams last as long as their pages: end them,
	// or Shutdown would wait for them until its deadline.
	_ = s.Close()
	sctx, cancel := context.WithTimeout(context.Background(), timeout+5*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		hs.Close()
		return e.report("", fmt.Errorf("shutdown: %w", err))
	}
	return exitOK
}

// urlHost is the host of a URL for addr: a name a browser can open, with
// the port the system chose for port 0.
func urlHost(addr *net.TCPAddr) string {
	ip := addr.IP
	if ip.IsUnspecified() {
		ip = net.IPv4(127, 0, 0, 1) // all interfaces: this machine is one
	}
	return net.JoinHostPort(ip.String(), fmt.Sprint(addr.Port))
}

// openBrowser opens url in the desktop's browser, without waiting for it.
func openBrowser(stderr io.Writer, url string) {
	name := "xdg-open"
	if runtime.GOOS == "darwin" {
		name = "open"
	}
	cmd := exec.Command(name, url)
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "sopflow: cannot open a browser (%v); open %s\n", err, url)
		return
	}
	go cmd.Wait()
}
