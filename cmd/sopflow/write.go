package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
)

// This file writes the output files: each to a temporary file beside its
// target, renamed into place once every file of the FILE is written.

// temps is the set of temporary files of this process, removed on a signal.
var temps = &tempSet{names: make(map[string]bool)}

// tempSet tracks the temporary files not yet renamed or removed. Its lock
// is held while a document's files are renamed into place, so that a
// signal handled meanwhile waits until the document is whole.
type tempSet struct {
	mu    sync.Mutex
	names map[string]bool
}

func (s *tempSet) done(name string) {
	s.mu.Lock()
	delete(s.names, name)
	s.mu.Unlock()
}

// removeAll removes every temporary file, after any renames under way.
func (s *tempSet) removeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for name := range s.names {
		os.Remove(name)
		delete(s.names, name)
	}
}

// catchSignals removes the temporary files and exits with 128+n when the
// process gets SIGINT, SIGTERM or SIGHUP. A document being renamed into
// place is finished first, so that its pages appear all together.
func catchSignals() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		sig := <-c
		temps.removeAll()
		code := 1
		if n, ok := sig.(syscall.Signal); ok {
			code = 128 + int(n)
		}
		os.Exit(code)
	}()
}

// resolved is where one output really goes.
type resolved struct {
	path     string      // the file to replace or create, symlinks followed
	perm     fs.FileMode // the permissions to give it
	straight bool        // not a regular file: write straight into it
}

// resolve follows the symbolic links of path and says how to write it: an
// existing regular file keeps its permissions, a new one gets 0644; a
// device, a FIFO or a path under /dev is written straight; a directory is
// an error.
func resolve(path string) (resolved, error) {
	if isDevPath(path) {
		// /dev/stdout links to /proc/self/fd/1, which links to a pipe or
		// a terminal: the kernel, not a rename, knows where it goes.
		return resolved{path: path, straight: true}, nil
	}
	real := path
	for range 40 {
		fi, err := os.Lstat(real)
		if errors.Is(err, fs.ErrNotExist) {
			return resolved{path: real, perm: 0o644}, nil
		}
		if err != nil {
			return resolved{}, writeError(path, err)
		}
		switch m := fi.Mode(); {
		case m&fs.ModeSymlink != 0:
			to, err := os.Readlink(real)
			if err != nil {
				return resolved{}, writeError(path, err)
			}
			if !filepath.IsAbs(to) {
				to = filepath.Join(filepath.Dir(real), to)
			}
			real = to
			continue
		case m.IsDir():
			return resolved{}, fmt.Errorf("cannot write %s: it is a directory", path)
		case m.IsRegular():
			return resolved{path: real, perm: m.Perm()}, nil
		default:
			return resolved{path: real, straight: true}, nil
		}
	}
	return resolved{}, fmt.Errorf("cannot write %s: too many levels of symbolic links", path)
}

// isDevPath reports whether path names a file of the system's /dev or
// /proc (such as /dev/stdout), which is written straight, never replaced.
func isDevPath(path string) bool {
	p := filepath.ToSlash(filepath.Clean(path))
	return strings.HasPrefix(p, "/dev/") || strings.HasPrefix(p, "/proc/")
}

// writeFiles writes every output to a temporary file beside its target
// (symbolic links followed) and, once all are written, renames them into
// place. On failure it removes its temporary files, so no output is left
// half written and no existing file is replaced by a partial one. An
// output that is not a regular file (a device, a FIFO) is written
// straight, as standard output is.
func writeFiles(outs []output) error {
	rs := make([]resolved, len(outs))
	for i, o := range outs {
		r, err := resolve(o.path)
		if err != nil {
			return err
		}
		rs[i] = r
	}
	tmp := make([]string, len(outs))
	cleanup := func() {
		for _, name := range tmp {
			if name != "" {
				os.Remove(name)
				temps.done(name)
			}
		}
	}
	for i, o := range outs {
		if rs[i].straight {
			continue
		}
		name, err := writeTemp(rs[i], o.write)
		if name != "" {
			tmp[i] = name
		}
		if err != nil {
			cleanup()
			return writeError(o.path, err)
		}
	}
	temps.mu.Lock()
	for i, o := range outs {
		if tmp[i] == "" {
			continue
		}
		if err := os.Rename(tmp[i], rs[i].path); err != nil {
			temps.mu.Unlock()
			cleanup()
			return writeError(o.path, err)
		}
		delete(temps.names, tmp[i])
		tmp[i] = ""
	}
	temps.mu.Unlock()
	for i, o := range outs {
		if rs[i].straight {
			if err := writeStraight(rs[i].path, o.write); err != nil {
				return writeError(o.path, err)
			}
		}
	}
	return nil
}

// writeTemp writes a temporary file beside r.path with the content of
// write and r's permissions. It returns the file's name, "" if none was
// made.
func writeTemp(r resolved, write func(io.Writer) error) (string, error) {
	// Made and registered under the lock, so that a signal cannot come
	// between the two and leave the file behind.
	temps.mu.Lock()
	f, err := os.CreateTemp(filepath.Dir(r.path), ".sopflow-*")
	if err == nil {
		temps.names[f.Name()] = true
	}
	temps.mu.Unlock()
	if err != nil {
		return "", err
	}
	err = write(f)
	if err == nil {
		err = f.Chmod(r.perm)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return f.Name(), err
}

// writeStraight writes into an existing file that is not a regular one.
func writeStraight(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		// Some devices refuse O_TRUNC.
		if f, err = os.OpenFile(path, os.O_WRONLY, 0); err != nil {
			return err
		}
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// writeError says that path could not be written, with the reason only:
// the temporary file's name would confuse.
func writeError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	return fmt.Errorf("cannot write %s: %w", path, err)
}
