package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/sopflow/sopflow/internal/helper"
	"github.com/sopflow/sopflow/internal/serveflag"
)

// This file is the serve command: it checks the command line and runs the
// sopflow-serve helper, which serves the live editor of a folder of SOPs and
// the HTTP rendering service (package server) until SIGINT or SIGTERM.

// serveFlags returns the flag set of sopflow serve, its flags defined in
// package serveflag, which the sopflow-serve helper parses the same way.
func serveFlags(v *serveflag.Values, help *bool) *pflag.FlagSet {
	fs := newFlagSet("serve", help)
	serveflag.Define(fs, v)
	files(fs, "ranker")
	values(fs, "log-format", serveflag.LogFormats...)
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
stateless replica behind a load balancer. The server is the sopflow-serve
helper, installed beside sopflow, which serve runs once the command line
is checked.

Exit status: 0 after a shutdown by signal, 1 when the server cannot
listen, 2 when the command line is wrong.`,
		examples: `  sopflow serve                          # the editor of this folder
  sopflow serve sops/ --open
  sopflow serve --api --addr :8080       # the API for other machines
  curl --data-binary @sop.toml -o sop.pdf \
      'http://127.0.0.1:8080/api/render?format=pdf'
`,
	}
	c.flags = func() *pflag.FlagSet { return serveFlags(new(serveflag.Values), new(bool)) }
	c.run = func(e *env, args []string) int {
		var v serveflag.Values
		var help bool
		fs := serveFlags(&v, &help)
		if code, ok := e.parseFlags(c, fs, &help, args); !ok {
			return code
		}
		if err := oneOf(fs, "log-format", &v.LogFormat); err != nil {
			return e.usageError(c.name, "%v", err)
		}
		if _, err := v.Check(fs.Args()); err != nil {
			return e.usageError(c.name, "%v", err)
		}
		path, err := helper.Find("sopflow-serve")
		if err != nil {
			return e.report("", fmt.Errorf("sopflow serve runs the sopflow-serve helper, which is not beside sopflow nor in PATH (%v); install it with go install ./cmd/... in a clone of sopflow", err))
		}
		return runServer(e, path, args)
	}
	return c
}

// runServer runs the server helper at path with the arguments of sopflow
// serve, and returns its exit code. A variable, for the tests.
var runServer = execServer

// execServer replaces sopflow with the helper where it can (Unix, with the
// process's own standard output and error), so that the server is the
// process that a terminal, a supervisor or Kubernetes signals; elsewhere
// it runs the helper and waits for it.
func execServer(e *env, path string, args []string) int {
	argv := append([]string{path}, args...)
	if runtime.GOOS != "windows" && e.stdout == os.Stdout && e.stderr == os.Stderr {
		err := syscall.Exec(path, argv, os.Environ())
		return e.report("", fmt.Errorf("cannot run %s: %w", path, err))
	}
	cmd := exec.Command(path, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = e.stdin, e.stdout, e.stderr
	// The helper gets a terminal's interrupt itself; a SIGTERM sent to
	// sopflow alone is passed on, once.
	signal.Reset(os.Interrupt, syscall.SIGTERM)
	signal.Ignore(os.Interrupt)
	defer signal.Reset(os.Interrupt)
	term := make(chan os.Signal, 1)
	signal.Notify(term, syscall.SIGTERM)
	defer signal.Stop(term)
	if err := cmd.Start(); err != nil {
		return e.report("", fmt.Errorf("cannot run %s: %w", path, err))
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	for {
		select {
		case sig := <-term:
			_ = cmd.Process.Signal(sig)
		case err := <-done:
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				return ee.ExitCode()
			}
			if err != nil {
				return e.report("", err)
			}
			return exitOK
		}
	}
}
