// Command sopflow-serve is the server of sopflow serve: the live editor of
// a folder of SOPs and the HTTP rendering service (package server).
// sopflow checks the command line and runs it with the same arguments, so
// that sopflow itself links no HTTP server, Prometheus client or file
// watcher, and does not pay their start-up on every run.
//
//	sopflow-serve [flags] [PATH]   the flags of sopflow serve
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
	"runtime"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/sopflow/sopflow/bpmn"
	"github.com/sopflow/sopflow/internal/serveflag"
	"github.com/sopflow/sopflow/server"
)

// Exit codes, as sopflow's.
const (
	exitOK      = 0
	exitInvalid = 1 // cannot listen, or the server failed
	exitUsage   = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run runs the server with the command-line arguments args until SIGINT or
// SIGTERM, and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	var v serveflag.Values
	fs := pflag.NewFlagSet("sopflow serve", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	serveflag.Define(fs, &v)
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(stderr, "sopflow serve: %v\n", err)
		return exitUsage
	}
	c, err := v.Check(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "sopflow serve: %v\n", err)
		return exitUsage
	}
	return serve(c, stdout, stderr)
}

// serveGCPercent is the garbage collector's GOGC of the server, unless the
// environment sets GOGC.
const serveGCPercent = 400

// serveMemoryLimit is the server's soft memory limit (GOMEMLIMIT), unless
// the environment sets one.
const serveMemoryLimit = 768 << 20

// serve runs the server until SIGINT or SIGTERM.
func serve(c serveflag.Config, stdout, stderr io.Writer) int {
	var handler slog.Handler = slog.NewTextHandler(stderr, nil)
	if c.LogFormat == "json" {
		handler = slog.NewJSONHandler(stderr, nil)
	}
	opt := server.Options{Root: c.Root, Hosts: c.Hosts, Logger: slog.New(handler),
		Limits: server.Limits{MaxBody: c.MaxBody, MaxSteps: c.MaxSteps, Timeout: c.Timeout,
			Concurrency: c.Concurrency, Queue: c.Queue, Cache: c.Cache}}
	if c.Cache == 0 {
		opt.Limits.Cache = -1
	}
	switch r, err := bpmn.FindRanker(); {
	case c.Ranker != "":
		if _, err := exec.LookPath(c.Ranker); err != nil {
			fmt.Fprintf(stderr, "sopflow: --ranker: %v; the bpmn view and format are answered 503\n", err)
			break
		}
		opt.Ranker = bpmn.ExecRanker{Path: c.Ranker}
	case err == nil:
		opt.Ranker = r
	default:
		fmt.Fprintf(stderr, "sopflow: %v; the bpmn view and format are answered 503\n", err)
	}
	s, err := server.New(opt)
	if err != nil {
		fmt.Fprintf(stderr, "sopflow: %v\n", err)
		return exitInvalid
	}
	defer s.Close()
	if _, set := os.LookupEnv("GOGC"); !set {
		// A render allocates some 2 MB that are garbage once it is
		// answered, and little stays live between requests: collecting
		// when the heap has grown by 4 times the live heap rather than
		// by as much again makes renders a fifth or so faster under load
		// (see the README's Numbers).
		debug.SetGCPercent(serveGCPercent)
	}
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		// GOGC 400 lets the heap grow to five times what is live: a soft
		// limit makes the collector work harder before memory runs away
		// under clients that hold their answers (see the README).
		debug.SetMemoryLimit(serveMemoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		fmt.Fprintf(stderr, "sopflow: %v\n", err)
		return exitInvalid
	}
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second, // the body, at most --max-body
		// The editor's event streams set their own deadline per event.
		WriteTimeout:   c.Timeout + 30*time.Second,
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 1 << 20, // a Kroki URL carries the SOP compressed
		ErrorLog:       slog.NewLogLogger(handler, slog.LevelWarn),
	}
	url := "http://" + urlHost(ln.Addr().(*net.TCPAddr)) + "/"
	what := "the editor of " + c.Root + " and the API"
	if c.APIOnly {
		what = "the API"
	}
	fmt.Fprintf(stdout, "sopflow: serving %s on %s\n", what, url)
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	if c.Open {
		openBrowser(stderr, url)
	}
	select {
	case err := <-served:
		fmt.Fprintf(stderr, "sopflow: %v\n", err)
		return exitInvalid
	case <-ctx.Done():
	}
	stop() // a second signal ends the process at once
	fmt.Fprintln(stderr, "sopflow: shutting down; finishing the requests in flight")
	// The editor's event streams last as long as their pages: end them,
	// or Shutdown would wait for them until its deadline.
	_ = s.Close()
	sctx, cancel := context.WithTimeout(context.Background(), c.Timeout+5*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		hs.Close()
		fmt.Fprintf(stderr, "sopflow: shutdown: %v\n", err)
		return exitInvalid
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "sopflow: %v\n", err)
		return exitInvalid
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
