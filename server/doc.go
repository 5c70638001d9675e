// Package server is sopflow's HTTP server: the live editor of a folder of
// SOPs (editor*.go, files.go, watch.go), and the stateless rendering
// service with Kroki-compatible routes (api*.go, render*.go), which also
// draws the editor's preview.
//
// New returns a Server, an http.Handler; the sopflow serve command listens
// with it. Nothing here reads flags, the environment or globals: every
// setting is in Options.
package server
