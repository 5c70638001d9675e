package server

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"unicode/utf8"
)

// This file is the editor's access to the folder of SOPs: every read and
// write goes through an os.Root, so that no name (with "..", absolute, or
// through a symbolic link) reaches outside the folder, and only SOP files
// (.toml, .json) are read or written.

// Limits of the folder's listing, so that serving a large tree (a home
// directory by mistake) costs a bounded walk.
const (
	maxListed   = 1000 // SOP files listed
	maxListDirs = 256  // folders visited
	maxListDeep = 4    // folder levels below the root
	maxNameLen  = 255  // bytes in a file's path
)

// noVersion is the version of a file that does not exist.
const noVersion = "none"

// folder is the folder of SOPs.
type folder struct {
	root    *os.Root
	maxSize int64 // largest file read or written

	mu    sync.Mutex           // serialises the check-then-write of saves, renames and creations
	cache map[string]fileEntry // listing summaries by path, reused while size and time hold
}

// fileEntry is one SOP in the listing.
type fileEntry struct {
	Path     string `json:"path"`             // slash-separated, relative to the root
	Name     string `json:"name,omitempty"`   // the SOP's name, when it could be read
	Number   string `json:"number,omitempty"` // its identity number (Nomor SOP)
	Size     int64  `json:"size"`
	Modified int64  `json:"modified"` // Unix milliseconds

	mod int64 // Modified in nanoseconds, for the cache
}

// fileError is an error of a file operation with its HTTP status.
type fileError struct {
	status int
	msg    string
}

func (e *fileError) Error() string { return e.msg }

func fileErrorf(status int, format string, args ...any) error {
	return &fileError{status: status, msg: fmt.Sprintf(format, args...)}
}

// isSOPName reports whether name has the extension of an SOP file the
// editor opens.
func isSOPName(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".toml" || ext == ".json"
}

// checkSOPName checks a file name from a request: a local, clean,
// slash-separated path of an SOP file, without hidden parts. os.Root
// refuses what leads outside the root; this refuses early and says why.
func checkSOPName(name string) error {
	switch {
	case name == "":
		return fileErrorf(400, "no file name given")
	case len(name) > maxNameLen:
		return fileErrorf(400, "file name longer than %d bytes", maxNameLen)
	case !utf8.ValidString(name) || strings.ContainsAny(name, "\\\x00:"):
		return fileErrorf(400, "file name %q has a character not allowed here (\\, :, NUL)", name)
	case strings.HasPrefix(name, "/"):
		return fileErrorf(403, "file name %q is absolute; give a name inside the folder", name)
	case path.Clean(name) != name:
		return fileErrorf(403, "file name %q is not clean (.., ., //); give a name inside the folder", name)
	case !fs.ValidPath(name) || name == "." || name == ".." || strings.HasPrefix(name, "../"):
		return fileErrorf(403, "file name %q leads outside the folder", name)
	case !isSOPName(name):
		return fileErrorf(403, "%s is not an SOP file; the editor opens only .toml and .json files", name)
	}
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return fileErrorf(403, "file name %q has a hidden part (%s)", name, part)
		}
	}
	return nil
}

// fileVersion is the version of content: a hash, so that a file changed and
// changed back in the same second is still told apart from another.
func fileVersion(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:12])
}

// rootError turns an error of os.Root into a fileError: not found, outside
// the folder, or another.
func rootError(name string, err error) error {
	var fe *fileError
	switch {
	case errors.As(err, &fe):
		return err
	case errors.Is(err, fs.ErrNotExist):
		return fileErrorf(404, "%s does not exist", name)
	case strings.Contains(err.Error(), "escapes from parent") || strings.Contains(err.Error(), "path escapes"):
		return fileErrorf(403, "%s leads outside the folder (a symbolic link?)", name)
	case errors.Is(err, fs.ErrPermission):
		return fileErrorf(403, "%s: permission denied", name)
	}
	return fileErrorf(500, "%s: %v", name, err)
}

// read returns the content of name and its version.
func (f *folder) read(name string) ([]byte, string, error) {
	if err := checkSOPName(name); err != nil {
		return nil, "", err
	}
	file, err := f.openRegular(name)
	if err != nil {
		return nil, "", err
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, f.maxSize+1))
	if err != nil {
		return nil, "", rootError(name, err)
	}
	if int64(len(data)) > f.maxSize {
		return nil, "", fileErrorf(413, "%s is larger than %d bytes, the editor's limit", name, f.maxSize)
	}
	return data, fileVersion(data), nil
}

// openRegular opens name for reading when it is a regular file. Nothing
// else is ever opened: opening a FIFO (which an extracted archive can
// hold) waits for a writer, and reading a device may never end. The
// name is checked before it is opened, and opened with O_NONBLOCK, so
// that a FIFO put in its place in between does not wait either; the
// opened file is checked again.
func (f *folder) openRegular(name string) (*os.File, error) {
	fi, err := f.root.Stat(name)
	if err != nil {
		return nil, rootError(name, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, notRegular(name, fi.Mode())
	}
	file, err := f.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, rootError(name, err)
	}
	fi, err = file.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = notRegular(name, fi.Mode())
	}
	if err != nil {
		file.Close()
		return nil, rootError(name, err)
	}
	return file, nil
}

// notRegular is the error of a file that is not a regular file.
func notRegular(name string, mode fs.FileMode) error {
	kind := "not a regular file"
	switch {
	case mode.IsDir():
		kind = "a folder"
	case mode&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO), not a regular file"
	case mode&fs.ModeSocket != 0:
		kind = "a socket, not a regular file"
	case mode&fs.ModeDevice != 0:
		kind = "a device, not a regular file"
	}
	return fileErrorf(403, "%s is %s; the editor reads only regular files", name, kind)
}

// current returns the version of name as it is on disk: noVersion when it
// does not exist.
func (f *folder) current(name string) (string, error) {
	_, v, err := f.read(name)
	var fe *fileError
	if errors.As(err, &fe) && fe.status == 404 {
		return noVersion, nil
	}
	return v, err
}

// conflictError is a save refused because the file changed on disk since
// the version the page loaded.
type conflictError struct {
	Version string // on disk now; noVersion when deleted
	Content []byte // on disk now
}

func (c *conflictError) Error() string { return "the file changed on disk" }

// write replaces name with content, atomically (a temporary file in the
// same folder, then a rename), when name is at version base on disk
// (noVersion: name must not exist). The file keeps its mode. It returns
// the new version.
func (f *folder) write(name string, content []byte, base string) (string, error) {
	return f.put(name, content, base, false)
}

// put is write; exclusive refuses an existing file even when it already
// holds content.
func (f *folder) put(name string, content []byte, base string, exclusive bool) (string, error) {
	if err := checkSOPName(name); err != nil {
		return "", err
	}
	if int64(len(content)) > f.maxSize {
		return "", fileErrorf(413, "the content is larger than %d bytes, the editor's limit", f.maxSize)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	mode := os.FileMode(0o644)
	fi, err := f.root.Lstat(name)
	switch {
	case err == nil && fi.Mode()&fs.ModeSymlink != 0:
		return "", fileErrorf(403, "%s is a symbolic link; open the file it points to", name)
	case err == nil && !fi.Mode().IsRegular():
		return "", fileErrorf(403, "%s is not a regular file", name)
	case err == nil:
		mode = fi.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return "", rootError(name, err)
	}
	data, now, err := f.read(name)
	if fe := (*fileError)(nil); errors.As(err, &fe) && fe.status == 404 {
		now, err = noVersion, nil
	}
	if err != nil {
		return "", err
	}
	if now != base {
		if !exclusive && now != noVersion && bytes.Equal(data, content) {
			return now, nil // already what the page holds: nothing to overwrite
		}
		return "", &conflictError{Version: now, Content: data}
	}
	if err := f.replace(name, content, mode); err != nil {
		return "", err
	}
	return fileVersion(content), nil
}

// replace writes content to a temporary file beside name and renames it
// over name.
func (f *folder) replace(name string, content []byte, mode os.FileMode) error {
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	dir, base := path.Split(name)
	tmp := dir + "." + base + ".sopflow-" + hex.EncodeToString(rnd[:])
	t, err := f.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return rootError(name, err)
	}
	_, err = t.Write(content)
	if err == nil {
		err = t.Chmod(mode) // the umask may have narrowed it
	}
	if err == nil {
		err = t.Sync()
	}
	if cerr := t.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = f.root.Rename(tmp, name)
	}
	if err != nil {
		_ = f.root.Remove(tmp)
		return rootError(name, err)
	}
	return nil
}

// create writes a new SOP name with content; it fails when name exists.
func (f *folder) create(name string, content []byte) (string, error) {
	v, err := f.put(name, content, noVersion, true)
	var c *conflictError
	if errors.As(err, &c) {
		return "", fileErrorf(409, "%s already exists", name)
	}
	return v, err
}

// rename renames the SOP from to to, refusing to replace a file.
func (f *folder) rename(from, to string) error {
	if err := checkSOPName(from); err != nil {
		return err
	}
	if err := checkSOPName(to); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	fi, err := f.root.Lstat(from)
	if err != nil {
		return rootError(from, err)
	}
	if !fi.Mode().IsRegular() {
		return fileErrorf(403, "%s is not a regular file", from)
	}
	if _, err := f.root.Lstat(to); err == nil {
		return fileErrorf(409, "%s already exists", to)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return rootError(to, err)
	}
	if err := f.root.Rename(from, to); err != nil {
		return rootError(to, err)
	}
	return nil
}

// list returns the SOP files of the folder and its subfolders (at most
// maxListed, maxListDirs folders, maxListDeep levels; hidden files and
// folders and node_modules left out), sorted by path, each with its name
// and number when it can be read.
func (f *folder) list() ([]fileEntry, bool, error) {
	var out []fileEntry
	dirs, truncated := 0, false
	fsys := f.root.FS()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			return nil // an unreadable folder is left out
		}
		name := d.Name()
		if d.IsDir() {
			if p != "." && (strings.HasPrefix(name, ".") || name == "node_modules" || strings.Count(p, "/") >= maxListDeep) {
				return fs.SkipDir
			}
			if dirs++; dirs > maxListDirs {
				truncated = true
				return fs.SkipAll
			}
			return nil
		}
		if strings.HasPrefix(name, ".") || !d.Type().IsRegular() || !isSOPName(name) || len(p) > maxNameLen {
			return nil
		}
		if len(out) == maxListed {
			truncated = true
			return fs.SkipAll
		}
		fi, err := d.Info()
		if err != nil {
			return nil
		}
		out = append(out, fileEntry{Path: p, Size: fi.Size(), Modified: fi.ModTime().UnixMilli(), mod: fi.ModTime().UnixNano()})
		return nil
	})
	if err != nil {
		return nil, false, rootError(".", err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	f.summarise(out)
	return out, truncated, nil
}

// summarise fills the name and number of each entry, reading the files
// whose size or time changed since the last listing.
func (f *folder) summarise(entries []fileEntry) {
	f.mu.Lock()
	defer f.mu.Unlock()
	next := make(map[string]fileEntry, len(entries))
	for i := range entries {
		e := &entries[i]
		if c, ok := f.cache[e.Path]; ok && c.Size == e.Size && c.mod == e.mod {
			e.Name, e.Number = c.Name, c.Number
		} else if e.Size <= f.maxSize {
			if data, err := f.readSummary(e.Path); err == nil {
				e.Name, e.Number = sopSummary(e.Path, data)
			}
		}
		next[e.Path] = *e
	}
	f.cache = next
}

// readSummary reads name for the listing's summary: a regular file of at
// most maxSize bytes.
func (f *folder) readSummary(name string) ([]byte, error) {
	file, err := f.openRegular(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, f.maxSize+1))
	if err == nil && int64(len(data)) > f.maxSize {
		err = fileErrorf(413, "%s is larger than %d bytes", name, f.maxSize)
	}
	return data, err
}

// sopSummary returns the name and identity number of the SOP in data, as far
// as they can be read; a file with errors elsewhere still shows them. TOML
// is scanned line by line rather than decoded, so that a hostile file
// (nesting thousands deep) costs one pass; JSON's decoder is linear.
func sopSummary(name string, data []byte) (string, string) {
	if strings.EqualFold(path.Ext(name), ".json") {
		var s struct {
			Name     any `json:"name"`
			Identity struct {
				Number any `json:"number"`
			} `json:"identity"`
		}
		if json.Unmarshal(data, &s) != nil {
			return "", ""
		}
		n, _ := s.Name.(string)
		num, _ := s.Identity.Number.(string)
		return clipSummary(n), clipSummary(num)
	}
	var n, num string
	table := ""
	for line := range strings.Lines(string(data)) {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			table = strings.TrimSpace(strings.Trim(t, "[] \t"))
			if i := strings.IndexByte(table, '#'); i >= 0 {
				table = strings.TrimSpace(strings.TrimRight(table[:i], "] \t"))
			}
			continue
		}
		key, val, ok := strings.Cut(t, "=")
		if !ok {
			continue
		}
		key = strings.TrimSpace(key)
		switch {
		case table == "" && key == "name" && n == "":
			n = tomlString(val)
		case table == "" && key == "identity.number" && num == "":
			num = tomlString(val)
		case table == "identity" && key == "number" && num == "":
			num = tomlString(val)
		}
	}
	return clipSummary(n), clipSummary(num)
}

// tomlString returns the string at the start of a TOML value (after "="),
// or "" when it is not a one-line string.
func tomlString(v string) string {
	v = strings.TrimSpace(v)
	switch {
	case strings.HasPrefix(v, "'"):
		if i := strings.IndexByte(v[1:], '\''); i >= 0 {
			return v[1 : 1+i]
		}
	case strings.HasPrefix(v, "\""):
		for i := 1; i < len(v); i++ {
			switch v[i] {
			case '\\':
				i++
			case '"':
				if s, err := strconv.Unquote(v[:i+1]); err == nil {
					return s
				}
				return v[1:i]
			}
		}
	}
	return ""
}

// clipSummary cuts a summary to 200 bytes, at a character boundary.
func clipSummary(s string) string {
	if len(s) <= 200 {
		return s
	}
	s = s[:200]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s + "…"
}
