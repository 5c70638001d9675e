package server

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// This file is the safety of a local server that writes files: it answers
// only for its own host names (a page on another site that points its own
// name at 127.0.0.1, DNS rebinding, is refused), only requests of its own
// page (another site's fetch, image or event stream is refused, on every
// route), and a write must come from the editor's own page: same origin,
// with the session token that only that page holds. A server without a
// folder (the API alone) is a public service and answers any site.

// tokenHeader carries the session token on every request of the editor
// that is not a plain read.
const tokenHeader = "X-Sopflow-Token"

// newToken returns a random session token.
func newToken() string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand panics instead)
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// hostName returns the host of a Host header without its port and
// brackets, in lower case, without a trailing dot.
func hostName(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	return strings.TrimSuffix(strings.ToLower(host), ".")
}

// loopbackHost reports whether h (as hostName returns it) names this
// machine: localhost, a name under .localhost, or a loopback address.
func loopbackHost(h string) bool {
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// allowedHost reports whether the server answers for the Host header
// host: one of hosts, or any when hosts is nil.
func allowedHost(hosts []string, host string) bool {
	if hosts == nil {
		return true
	}
	h := hostName(host)
	for _, a := range hosts {
		if hostName(a) == h {
			return true
		}
	}
	return false
}

// hostGuard wraps the whole server: a request whose Host header is not one of
// Options.Hosts is refused with 421 Misdirected Request. Without Hosts, a
// server with a folder (Root) answers only for loopback names, on every
// route: the editor reads and writes files and its page holds the token,
// and the API reads the folder's logos. A server with a folder also
// refuses, on every route, a request from another site (403, see
// crossSite).
func (s *Server) hostGuard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowedHost(s.opt.Hosts, r.Host) {
			http.Error(w, "sopflow: this server does not answer for the host "+quoteHost(r.Host)+"; open it by the address it was started with", http.StatusMisdirectedRequest)
			return
		}
		if s.opt.Hosts == nil && s.opt.Root != "" && !loopbackHost(hostName(r.Host)) {
			http.Error(w, "sopflow: a server of a folder answers only for localhost and loopback addresses (Options.Hosts is not set); this request is for "+quoteHost(r.Host), http.StatusMisdirectedRequest)
			return
		}
		if s.opt.Root != "" {
			if why := crossSite(r); why != "" {
				http.Error(w, "sopflow: request from another site refused ("+why+"): the server of a folder answers only the editor's own page; open the editor at its own address", http.StatusForbidden)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// crossSite returns why r comes from a page of another site, or "" when it
// comes from the editor's own page, from the user (an address typed in,
// a bookmark: Sec-Fetch-Site none), or from a program that sends neither
// Sec-Fetch-Site nor Origin (curl). A top-level navigation to the page
// (GET / as a document, a link followed from another site) is let
// through: the other site cannot read it, and no frame may hold it.
// Everything else of another site is refused, GET requests too: an
// event stream takes one of the few places of the pages, a file read
// does its work although the browser hides the answer, and an image
// pointing at the API starts a render.
func crossSite(r *http.Request) string {
	site := r.Header.Get("Sec-Fetch-Site")
	switch site {
	case "same-origin", "none":
		return ""
	case "":
		// A browser without Fetch Metadata: its Origin, when it sends
		// one, as http.CrossOriginProtection checks it.
		origin := r.Header.Get("Origin")
		if origin == "" {
			return ""
		}
		if o, err := url.Parse(origin); err == nil && o.Host != "" && o.Host == r.Host {
			return ""
		}
		return "Origin: " + quoteHost(origin)
	}
	if r.Method == http.MethodGet && r.URL.Path == "/" &&
		r.Header.Get("Sec-Fetch-Mode") == "navigate" && r.Header.Get("Sec-Fetch-Dest") == "document" {
		return ""
	}
	return "Sec-Fetch-Site: " + quoteHost(site)
}

// quoteHost quotes a Host header for a message, cut short.
func quoteHost(h string) string {
	if len(h) > 80 {
		h = h[:80]
	}
	return `"` + strings.ToValidUTF8(h, "?") + `"`
}

// guard wraps every route of the editor, behind hostGuard. A request that
// is not GET or HEAD writes: it must be same-origin (Sec-Fetch-Site or
// Origin, as http.CrossOriginProtection checks them) and carry the
// session token in the X-Sopflow-Token header, which only the editor's
// page knows: a form or fetch from another site can do neither. The
// preview is the API's /api/pages, /api/check and /api/render, which
// write nothing.
//
// A request whose target is a whole URL (absolute form, GET
// http://127.0.0.1/editor/files) is refused with 400: Go takes the host
// of such a request from the URL and drops the Host header, so hostGuard
// would not see the header the client sent. Browsers send the path alone.
func (e *editor) guard(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Host != "" {
			e.fail(w, http.StatusBadRequest, "the editor refuses a request target that is a whole URL (absolute form, "+quoteHost(r.URL.Scheme+"://"+r.URL.Host)+"); send the path alone, with the Host header")
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if err := e.cop.Check(r); err != nil {
				e.fail(w, http.StatusForbidden, "cross-origin request refused: the editor writes only for its own page")
				return
			}
			got := r.Header.Get(tokenHeader)
			if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(e.token)) != 1 {
				e.fail(w, http.StatusForbidden, "missing or wrong "+tokenHeader+" header: reload the editor's page (the server was restarted?)")
				return
			}
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		next(w, r)
	}
}
