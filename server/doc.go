// Package server is sopflow's HTTP server: the live editor of a folder of
// SOPs with its preview (editor*.go), and the stateless rendering service
// with Kroki-compatible routes (api*.go).
//
// New returns a Server, an http.Handler; the sopflow serve command listens
// with it. Nothing here reads flags, the environment or globals: every
// setting is in Options.
package server
