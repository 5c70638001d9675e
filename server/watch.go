package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// This file watches the folder with fsnotify and pushes what changed to
// the pages over Server-Sent Events, so that a file saved by another
// program (VS Code, vim) updates the preview by itself.

// Bounds of the watch.
const (
	maxWatchDirs   = 256                   // folders watched (inotify watches)
	maxPending     = 512                   // changed files gathered before one "list" event instead
	maxSSEClients  = 32                    // pages connected at once
	sseBuffer      = 32                    // events queued for one page before it is dropped
	watchSettle    = 60 * time.Millisecond // quiet time before the changes are sent
	sseKeepAlive   = 25 * time.Second      // comment lines that keep proxies from closing the stream
	sseRetryMillis = 1000                  // the page reconnects after this
)

// watchEvent is one message to the pages.
type watchEvent struct {
	Type    string `json:"type"`              // "change": a file's content; "list": files came or went
	Path    string `json:"path,omitempty"`    // for "change"
	Version string `json:"version,omitempty"` // for "change": the version on disk now, or "none"
}

// hub holds the pages' event streams.
type hub struct {
	mu      sync.Mutex
	clients map[chan watchEvent]struct{}
	closed  bool
}

// subscribe adds a stream; it returns nil when there are maxSSEClients or
// the hub is closed.
func (h *hub) subscribe() chan watchEvent {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed || len(h.clients) >= maxSSEClients {
		return nil
	}
	if h.clients == nil {
		h.clients = make(map[chan watchEvent]struct{})
	}
	c := make(chan watchEvent, sseBuffer)
	h.clients[c] = struct{}{}
	return c
}

// unsubscribe removes c, if it is still there, and closes it.
func (h *hub) unsubscribe(c chan watchEvent) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.clients[c]; ok {
		delete(h.clients, c)
		close(c)
	}
}

// send queues ev for every page; a page that does not keep up is dropped
// (its stream closes and the browser reconnects, then reloads the list).
func (h *hub) send(ev watchEvent) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c <- ev:
		default:
			delete(h.clients, c)
			close(c)
		}
	}
}

// close ends every stream and refuses new ones.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for c := range h.clients {
		delete(h.clients, c)
		close(c)
	}
}

// events serves GET /editor/events: the stream of changes.
func (e *editor) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	c := e.hub.subscribe()
	if c == nil {
		e.fail(w, http.StatusServiceUnavailable, fmt.Sprintf("too many pages are watching (at most %d); close one", maxSSEClients))
		return
	}
	defer e.hub.unsubscribe(c)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	_ = rc.SetWriteDeadline(time.Now().Add(sseWriteWait))
	fmt.Fprintf(w, "retry: %d\n: sopflow\n\n", sseRetryMillis)
	if err := rc.Flush(); err != nil {
		return
	}
	tick := time.NewTicker(sseKeepAlive)
	defer tick.Stop()
	for {
		var msg string
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
			msg = ": keep-alive\n\n"
		case ev, ok := <-c:
			if !ok {
				return // dropped, or the server closes
			}
			data, _ := json.Marshal(ev)
			msg = fmt.Sprintf("event: %s\ndata: %s\n\n", ev.Type, data)
		}
		// The stream outlives the server's WriteTimeout; each write has
		// its own deadline, so that a page that stops reading is dropped.
		_ = rc.SetWriteDeadline(time.Now().Add(sseWriteWait))
		fmt.Fprint(w, msg)
		if err := rc.Flush(); err != nil {
			return
		}
	}
}

// sseWriteWait is how long one event may take to reach its page.
const sseWriteWait = 30 * time.Second

// watcher follows the folder with fsnotify.
type watcher struct {
	dir   string // the root as a path on disk
	w     *fsnotify.Watcher
	files *folder
	hub   *hub
	log   *slog.Logger
}

// startWatch watches dir and its folders (as the listing walks them) until
// ctx is done. A folder that cannot be watched is logged and left out: the
// editor still works, without live updates from other programs.
func startWatch(ctx context.Context, dir string, f *folder, h *hub, log *slog.Logger) (wa *watcher, done <-chan struct{}, err error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, nil, err
	}
	wa = &watcher{dir: dir, w: fw, files: f, hub: h, log: log}
	wa.addTree(".")
	ch := make(chan struct{})
	go func() {
		defer close(ch)
		defer fw.Close()
		wa.loop(ctx)
	}()
	return wa, ch, nil
}

// addTree watches the folder rel (slash-separated, relative to the root)
// and its subfolders, within the bounds of the listing.
func (wa *watcher) addTree(rel string) {
	_ = fs.WalkDir(wa.files.root.FS(), rel, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || strings.Count(p, "/") >= maxListDeep) {
			return fs.SkipDir
		}
		if len(wa.w.WatchList()) >= maxWatchDirs { // a removed folder's watch is gone from it
			wa.log.Warn("editor: not watching more folders", "limit", maxWatchDirs, "first left out", p)
			return fs.SkipAll
		}
		if err := wa.w.Add(filepath.Join(wa.dir, filepath.FromSlash(p))); err != nil {
			wa.log.Warn("editor: cannot watch a folder", "folder", p, "err", err)
		}
		return nil
	})
}

// loop gathers events until watchSettle passes without one, then sends
// one "change" per SOP file touched, with its version now, and one "list"
// when files were created, removed or renamed.
func (wa *watcher) loop(ctx context.Context) {
	pending := make(map[string]bool)
	list := false
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-wa.w.Errors:
			if !ok {
				return
			}
			wa.log.Warn("editor: watching the folder", "err", err)
			list = true // events were lost (queue overflow): have the pages reload
			timer.Reset(watchSettle)
		case ev, ok := <-wa.w.Events:
			if !ok {
				return
			}
			rel, err := filepath.Rel(wa.dir, ev.Name)
			if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
				continue
			}
			rel = filepath.ToSlash(rel)
			base := filepath.Base(rel)
			if strings.HasPrefix(base, ".") {
				continue // our temporary files, editors' swap files
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := wa.files.root.Lstat(rel); err == nil && fi.IsDir() {
					wa.addTree(rel)
					list = true
				}
			}
			if !isSOPName(base) {
				if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
					list = true // perhaps a folder of SOPs
				}
				continue
			}
			if ev.Has(fsnotify.Create) || ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
				list = true
			}
			if len(pending) < maxPending {
				pending[rel] = true
			} else {
				list = true
			}
			timer.Reset(watchSettle)
		case <-timer.C:
			paths := slices.Sorted(maps.Keys(pending))
			for _, p := range paths {
				v, err := wa.files.current(p)
				if err != nil {
					continue // too large, unreadable: nothing to show
				}
				wa.hub.send(watchEvent{Type: "change", Path: p, Version: v})
			}
			if list {
				wa.hub.send(watchEvent{Type: "list"})
			}
			clear(pending)
			list = false
		}
	}
}
