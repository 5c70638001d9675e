//go:build unix

package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The tests of issue 12 that need devices, FIFOs, permissions or signals.

func TestOutputDevice(t *testing.T) {
	inTempDir(t, map[string]string{"a.toml": goodSOP})
	for _, f := range []string{"pdf", "svg", "json"} {
		r := sopflow(t, "", "render", "-f", f, "-o", "/dev/null", "a.toml")
		if r.code != 0 || r.stdout != "" {
			t.Errorf("-o /dev/null -f %s:\n%v", f, r)
		}
	}
	if fi, err := os.Stat("/dev/null"); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is no longer a device: %v %v", fi.Mode(), err)
	}
	// A device made in the test directory, when the test may make one.
	if err := syscall.Mknod("null", syscall.S_IFCHR|0o666, 1<<8|3); err == nil {
		r := sopflow(t, "", "render", "-f", "pdf", "-o", "null", "a.toml")
		fi, err := os.Stat("null")
		if r.code != 0 || err != nil || fi.Mode()&os.ModeCharDevice == 0 {
			t.Errorf("-o null (a device): %v; mode %v", r, fi.Mode())
		}
	}
	// A multi-page PNG cannot go into one stream.
	r := sopflow(t, "", "render", "-f", "png", "-o", "/dev/null", "a.toml")
	if r.code != 1 || !strings.Contains(r.stderr, "/dev/null takes one PNG") {
		t.Errorf("-f png -o /dev/null:\n%v", r)
	}
}

func TestOutputFIFO(t *testing.T) {
	inTempDir(t, map[string]string{"a.toml": goodSOP})
	if err := syscall.Mkfifo("pipe.svg", 0o644); err != nil {
		t.Skip("no FIFO:", err)
	}
	got := make(chan []byte)
	go func() {
		f, err := os.Open("pipe.svg")
		if err != nil {
			got <- nil
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- b
	}()
	r := sopflow(t, "", "render", "-o", "pipe.svg", "a.toml")
	b := <-got
	if r.code != 0 || !bytes.HasPrefix(b, []byte("<svg")) {
		t.Errorf("-o FIFO: %v\nread %d bytes", r, len(b))
	}
	if fi, err := os.Lstat("pipe.svg"); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("pipe.svg is no longer a FIFO: %v", fi.Mode())
	}
}

func TestOutputReadOnlyDirectory(t *testing.T) {
	dir := inTempDir(t, map[string]string{"a.toml": goodSOP, "ro/keep": "x"})
	if err := os.Chmod("ro", 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod("ro", 0o755)
	if f, err := os.Create("ro/probe"); err == nil {
		f.Close()
		os.Remove("ro/probe")
		t.Skip("the directory is writable anyway (running as root)")
	}
	r := sopflow(t, "", "render", "-f", "png", "-o", "ro/x.png", "a.toml")
	if r.code != 1 || !strings.Contains(r.stderr, "permission denied") {
		t.Errorf("%v", r)
	}
	wantFiles(t, dir, "a.toml", "ro/keep")
}

// TestSignalRemovesTemporaries interrupts a long PNG run and checks that
// no temporary file is left and that the exit status tells the signal.
func TestSignalRemovesTemporaries(t *testing.T) {
	if os.Getenv("SOPFLOW_SIGNAL_CHILD") != "" {
		catchSignals()
		os.Exit(run(strings.Fields(os.Getenv("SOPFLOW_SIGNAL_CHILD")), os.Stdin, os.Stdout, os.Stderr))
	}
	if testing.Short() {
		t.Skip("runs a child process")
	}
	var big strings.Builder
	big.WriteString("name = \"x\"\nactors = [\"A\", \"B\"]\n")
	for i := range 400 {
		fmt.Fprintf(&big, "[[steps]]\nactor = %q\nactivity = \"langkah %d\"\n", []string{"A", "B"}[i%2], i)
	}
	dir := inTempDir(t, map[string]string{"big.toml": big.String()})
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSignalRemovesTemporaries$")
		cmd.Env = append(os.Environ(), "SOPFLOW_SIGNAL_CHILD=render -f png --dpi 300 -o out/ big.toml")
		cmd.Dir = dir
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait for the first temporary file, then interrupt.
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) {
			if m, _ := filepath.Glob(filepath.Join(dir, "out", ".sopflow-*")); len(m) > 0 {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		code := cmd.ProcessState.ExitCode()
		if code != 128+int(sig) {
			t.Errorf("%v: exit %d (%v), want %d", sig, code, err, 128+int(sig))
		}
		if m, _ := filepath.Glob(filepath.Join(dir, "out", ".sopflow-*")); len(m) > 0 {
			t.Errorf("%v: %d temporary files left", sig, len(m))
		}
	}
}
