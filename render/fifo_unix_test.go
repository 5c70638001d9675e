//go:build unix

package render_test

import "syscall"

// mkfifo makes a FIFO, where the system has them.
func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }

const haveDevZero = true
