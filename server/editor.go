package server

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// This file is the live editor of Options.Root: the page at /, its
// assets, the files of the folder and the stream of their changes. The
// preview is the API's (/api/pages, /api/check, /api/render with
// file=PATH), the folder's access in files.go, the safety in guard.go, the
// watch in watch.go.

// The page, its bundle (built from web/src by web/build.sh, see
// web/package.json) and the template of a new SOP (the same as sopflow
// init's, kept equal by a test).
//
//go:embed web/index.html web/dist/editor.js web/dist/editor.css web/template.toml
var webFS embed.FS

// editor is the state of the editor's routes.
type editor struct {
	srv    *Server
	folder *folder
	token  string // the session's token, in the page and on every write
	cop    *http.CrossOriginProtection
	hub    hub
	page   *template.Template
	assets map[string]asset

	watch     *watcher // nil when the folder cannot be watched
	cancel    context.CancelFunc
	done      <-chan struct{} // the watch has stopped
	closeOnce sync.Once
	closeErr  error
}

// asset is one file of the bundle, with its ETag.
type asset struct {
	data  []byte
	ctype string
	etag  string
}

// editorMaxBody is the largest SOP file and request body of the editor.
func editorMaxBody(l Limits) int64 {
	if l.MaxBody > 0 {
		return l.MaxBody
	}
	return 1 << 20
}

// editorRoutes registers the live editor of opt.Root: the page, its
// assets, the files and the watch.
func (s *Server) editorRoutes() error {
	dir, err := filepath.Abs(s.opt.Root)
	if err != nil {
		return err
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("the folder of SOPs: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("the folder of SOPs: %s is not a folder", s.opt.Root)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("the folder of SOPs: %w", err)
	}
	e := &editor{
		srv:    s,
		folder: &folder{root: root, maxSize: editorMaxBody(s.opt.Limits)},
		token:  newToken(),
		cop:    http.NewCrossOriginProtection(),
		assets: make(map[string]asset),
	}
	e.page, err = template.ParseFS(webFS, "web/index.html")
	if err != nil {
		return err
	}
	for name, ctype := range map[string]string{"editor.js": "text/javascript; charset=utf-8", "editor.css": "text/css; charset=utf-8"} {
		data, err := webFS.ReadFile("web/dist/" + name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		e.assets[name] = asset{data: data, ctype: ctype, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	}
	ctx, cancel := context.WithCancel(context.Background())
	e.cancel = cancel
	wa, done, err := startWatch(ctx, dir, e.folder, &e.hub, s.opt.Logger)
	if err != nil {
		// Without inotify (or over its limit) the editor still edits;
		// only files changed by other programs are not followed.
		s.opt.Logger.Warn("editor: cannot watch the folder; changes by other programs will not show by themselves", "err", err)
		ch := make(chan struct{})
		close(ch)
		done = ch
	}
	e.done, e.watch = done, wa
	s.editor = e

	g := e.guard
	s.mux.HandleFunc("GET /{$}", g(e.index))
	s.mux.HandleFunc("GET /editor/assets/{name}", g(e.asset))
	s.mux.HandleFunc("GET /editor/files", g(e.list))
	s.mux.HandleFunc("POST /editor/files", g(e.create))
	s.mux.HandleFunc("GET /editor/files/{path...}", g(e.read))
	s.mux.HandleFunc("PUT /editor/files/{path...}", g(e.save))
	s.mux.HandleFunc("POST /editor/rename", g(e.rename))
	s.mux.HandleFunc("GET /editor/events", g(e.events))
	return nil
}

// closeWait bounds how long close waits for the watch to stop: a watch
// stuck in a file system (a hung network mount) must not keep the server
// from shutting down.
var closeWait = 5 * time.Second

// close stops the watch and ends the event streams. It waits for the
// watch at most closeWait; a watch still running then is left to end on
// its own, and close reports it.
func (e *editor) close() error {
	e.closeOnce.Do(func() {
		e.cancel()
		e.hub.close()
		t := time.NewTimer(closeWait)
		defer t.Stop()
		select {
		case <-e.done:
		case <-t.C:
			e.srv.opt.Logger.Warn("editor: the watch of the folder did not stop; closing without it", "waited", closeWait)
			e.closeErr = fmt.Errorf("sopflow: the watch of the folder did not stop within %v", closeWait)
		}
		if err := e.folder.root.Close(); e.closeErr == nil {
			e.closeErr = err
		}
	})
	return e.closeErr
}

// fail answers an error as JSON: {"error": msg}.
func (e *editor) fail(w http.ResponseWriter, status int, msg string) {
	e.reply(w, status, map[string]string{"error": msg})
}

// reply answers v as JSON.
func (e *editor) reply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// failFile answers the error of a file operation.
func (e *editor) failFile(w http.ResponseWriter, err error) {
	var fe *fileError
	if errors.As(err, &fe) {
		e.fail(w, fe.status, fe.msg)
		return
	}
	e.srv.opt.Logger.Error("editor", "err", err)
	e.fail(w, http.StatusInternalServerError, err.Error())
}

// index serves the page, with the session token.
func (e *editor) index(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	// The page loads only its own script and style, and draws the
	// preview's SVG as images; no frame may hold it.
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("Referrer-Policy", "no-referrer")
	folderName := filepath.Base(e.folder.root.Name())
	err := e.page.Execute(w, map[string]any{
		"Token":   e.token,
		"Folder":  folderName,
		"BPMN":    e.srv.opt.Ranker != nil,
		"JSVer":   strings.Trim(e.assets["editor.js"].etag, `"`),
		"CSSVer":  strings.Trim(e.assets["editor.css"].etag, `"`),
		"MaxBody": editorMaxBody(e.srv.opt.Limits),
	})
	if err != nil {
		e.srv.opt.Logger.Error("editor: page", "err", err)
	}
}

// asset serves a file of the bundle.
func (e *editor) asset(w http.ResponseWriter, r *http.Request) {
	a, ok := e.assets[r.PathValue("name")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", a.ctype)
	w.Header().Set("ETag", a.etag)
	w.Header().Set("Cache-Control", "no-cache")
	if r.Header.Get("If-None-Match") == a.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	_, _ = w.Write(a.data)
}

// list serves GET /editor/files: the SOPs of the folder.
func (e *editor) list(w http.ResponseWriter, r *http.Request) {
	entries, truncated, err := e.folder.list()
	if err != nil {
		e.failFile(w, err)
		return
	}
	if entries == nil {
		entries = []fileEntry{}
	}
	e.reply(w, http.StatusOK, map[string]any{"folder": filepath.Base(e.folder.root.Name()), "files": entries, "truncated": truncated})
}

// fileReply is a file's content and version, as GET answers it and as a
// 409 answers what is on disk now.
type fileReply struct {
	Path    string `json:"path"`
	Content string `json:"content"`
	Version string `json:"version"`
	Error   string `json:"error,omitempty"`
}

// read serves GET /editor/files/{path}.
func (e *editor) read(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("path")
	data, v, err := e.folder.read(name)
	if err != nil {
		e.failFile(w, err)
		return
	}
	if !utf8.Valid(data) {
		// The page would turn the bytes into U+FFFD and save them so.
		e.fail(w, http.StatusUnsupportedMediaType, name+" is not UTF-8 text, which TOML and JSON are; convert it (iconv -f latin1 -t utf-8) and open it again")
		return
	}
	e.reply(w, http.StatusOK, fileReply{Path: name, Content: string(data), Version: v})
}

// readBody reads a request body of at most the editor's limit.
func (e *editor) readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	max := editorMaxBody(e.srv.opt.Limits)
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			e.fail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the request is larger than %d bytes, the editor's limit", max))
		} else {
			e.fail(w, http.StatusBadRequest, "reading the request: "+err.Error())
		}
		return nil, false
	}
	return data, true
}

// save serves PUT /editor/files/{path}: the body is the new content, the
// If-Match header the version it was loaded at ("none" for a new file).
// When the file on disk is at another version, the answer is 409 with
// what is on disk; to overwrite it, the page saves again with that
// version.
func (e *editor) save(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("path")
	base := strings.Trim(r.Header.Get("If-Match"), `"`)
	if base == "" {
		e.fail(w, http.StatusPreconditionRequired, "a save needs the If-Match header: the version of the file it was loaded at (\"none\" for a new file)")
		return
	}
	data, ok := e.readBody(w, r)
	if !ok {
		return
	}
	v, err := e.folder.write(name, data, base)
	var c *conflictError
	if errors.As(err, &c) {
		msg := "the file changed on disk since it was opened"
		if c.Version == noVersion {
			msg = "the file was deleted or renamed on disk since it was opened"
		}
		e.reply(w, http.StatusConflict, fileReply{Path: name, Content: string(c.Content), Version: c.Version, Error: msg})
		return
	}
	if err != nil {
		e.failFile(w, err)
		return
	}
	e.reply(w, http.StatusOK, map[string]string{"path": name, "version": v})
}

// create serves POST /editor/files with {"path": name}: a new SOP from
// the template of sopflow init.
func (e *editor) create(w http.ResponseWriter, r *http.Request) {
	body, ok := e.readBody(w, r)
	if !ok {
		return
	}
	var req struct {
		Path string `json:"path"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		e.fail(w, http.StatusBadRequest, "want {\"path\": \"name.toml\"}: "+err.Error())
		return
	}
	if !strings.EqualFold(filepath.Ext(req.Path), ".toml") {
		e.fail(w, http.StatusBadRequest, "a new SOP is a .toml file (the template is TOML); convert it to JSON with sopflow convert")
		return
	}
	tmpl, _ := webFS.ReadFile("web/template.toml")
	v, err := e.folder.create(req.Path, tmpl)
	if err != nil {
		e.failFile(w, err)
		return
	}
	e.reply(w, http.StatusCreated, fileReply{Path: req.Path, Content: string(tmpl), Version: v})
}

// rename serves POST /editor/rename with {"from": a, "to": b}.
func (e *editor) rename(w http.ResponseWriter, r *http.Request) {
	body, ok := e.readBody(w, r)
	if !ok {
		return
	}
	var req struct {
		From string `json:"from"`
		To   string `json:"to"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		e.fail(w, http.StatusBadRequest, "want {\"from\": \"a.toml\", \"to\": \"b.toml\"}: "+err.Error())
		return
	}
	if !strings.EqualFold(filepath.Ext(req.From), filepath.Ext(req.To)) {
		e.fail(w, http.StatusBadRequest, fmt.Sprintf("%s and %s have different extensions: the content would not match the name (use sopflow convert)", req.From, req.To))
		return
	}
	if err := e.folder.rename(req.From, req.To); err != nil {
		e.failFile(w, err)
		return
	}
	e.reply(w, http.StatusOK, map[string]string{"path": req.To})
}
