package server

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/sopflow/sopflow/bpmn"
)

// Options sets up a Server. The zero value serves the API only, with the
// default limits.
type Options struct {
	// Root is the folder of SOPs the editor serves; it reads and writes
	// only inside it. "" serves no editor, only the API, which answers
	// any site's pages. With Root, the server answers only the editor's
	// own page on every route: requests of other sites (Sec-Fetch-Site
	// cross-site or same-site) are refused. With Root, call Server.Close
	// when done: it stops the watch of the folder and ends the pages'
	// event streams (which http.Server.Shutdown would wait for).
	Root string
	// Hosts are the host names (without port) the server answers for;
	// requests with another Host header are refused (DNS rebinding). Nil
	// answers for any host, as a service behind a load balancer does; a
	// server with Root then still answers only for localhost and loopback
	// addresses, on every route (its API reads the folder's logos).
	Hosts []string
	// Logger receives the access log and errors; nil discards them.
	Logger *slog.Logger
	// Ranker ranks the BPMN view; nil: the view is refused with 503.
	Ranker bpmn.Ranker
	Limits Limits
}

// Limits bound the work of the API, whose renders the editor's preview
// is too. A zero field takes its default.
type Limits struct {
	MaxBody     int64         // request body in bytes; default 1 MiB
	MaxSteps    int           // steps of one SOP; default flow's
	Timeout     time.Duration // deadline of one render; default 10 s
	Concurrency int           // renders at once; default the processors
	Queue       int           // renders waiting beyond them; default 2 x Concurrency; negative none
	Cache       int64         // bytes of answers kept for identical requests; default 16 MiB; negative none
	MaxAnswers  int64         // bytes of answers being sent at once; default 256 MiB; one answer at most an eighth of it
}

// Server serves the editor and the API. Make one with New.
type Server struct {
	opt     Options
	mux     *http.ServeMux
	handler http.Handler
	editor  *editor // nil without Root
	api     *api
}

// New returns a Server with opt.
func New(opt Options) (*Server, error) {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{opt: opt, mux: http.NewServeMux()}
	s.apiRoutes()
	if opt.Root != "" {
		if err := s.editorRoutes(); err != nil {
			return nil, err
		}
	}
	s.handler = s.instrument(s.hostGuard(s.mux))
	return s, nil
}

// Close stops the editor's watch of the folder and ends its event
// streams. The Server still answers afterwards, but its pages no longer
// follow changes. Call it before http.Server.Shutdown.
func (s *Server) Close() error {
	if s.editor == nil {
		return nil
	}
	return s.editor.close()
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}
