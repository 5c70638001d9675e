// Package helper finds sopflow's helper programs (sopflow-rank,
// sopflow-sheet): beside the running program, or beside the file it is a
// link to, else in PATH.
package helper

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// Find returns the path of the helper called name. Its error is
// exec.LookPath's (errors.Is(err, exec.ErrDot) when the only one is in the
// current directory, which is not used).
func Find(name string) (string, error) {
	file := name
	if runtime.GOOS == "windows" {
		file += ".exe"
	}
	if exe, err := os.Executable(); err == nil {
		dirs := []string{filepath.Dir(exe)}
		if real, err := filepath.EvalSymlinks(exe); err == nil && filepath.Dir(real) != dirs[0] {
			dirs = append(dirs, filepath.Dir(real))
		}
		for _, dir := range dirs {
			p := filepath.Join(dir, file)
			if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && (runtime.GOOS == "windows" || fi.Mode()&0o111 != 0) {
				return p, nil
			}
		}
	}
	return exec.LookPath(name)
}
