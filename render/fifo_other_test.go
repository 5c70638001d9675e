//go:build !unix

package render_test

import "errors"

func mkfifo(string) error { return errors.New("no FIFOs here") }

const haveDevZero = false
