package server

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// Fetch Metadata headers, as browsers send them.
var (
	crossSiteFetch = map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "cors", "Sec-Fetch-Dest": "empty", "Origin": "https://evil.example"}
	sameSiteFetch  = map[string]string{"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "cors", "Sec-Fetch-Dest": "empty", "Origin": "http://localhost:3000"}
	crossSiteImage = map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image"}
	crossSiteLink  = map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document", "Sec-Fetch-User": "?1"}
	crossSiteFrame = map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "iframe"}
	sameOrigin     = map[string]string{"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors", "Sec-Fetch-Dest": "empty"}
	typedIn        = map[string]string{"Sec-Fetch-Site": "none", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document", "Sec-Fetch-User": "?1"}
)

// TestEditorRefusesOtherSites: a server with a folder answers only its own
// page, on every route, reads too: another site's page neither takes the
// places of the event streams, nor reads files (even unseen), nor starts
// renders.
func TestEditorRefusesOtherSites(t *testing.T) {
	s, _ := newEditor(t, map[string]string{"a.toml": string(editorTemplate)}, Options{})
	cases := []struct {
		name, method, url string
		header            map[string]string
		want              int
	}{
		{"cross-site events", "GET", "/editor/events", crossSiteFetch, 403},
		{"same-site events", "GET", "/editor/events", sameSiteFetch, 403},
		{"cross-site file", "GET", "/editor/files/a.toml", crossSiteFetch, 403},
		{"same-site file", "GET", "/editor/files/a.toml", sameSiteFetch, 403},
		{"cross-site listing", "GET", "/editor/files", crossSiteFetch, 403},
		{"cross-site asset", "GET", "/editor/assets/editor.js", map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "script"}, 403},
		{"cross-site Kroki image", "GET", "/sopflow/png/" + krokiVector, crossSiteImage, 403},
		{"cross-site preview", "POST", "/api/pages?file=a.toml", crossSiteFetch, 403},
		{"cross-site health", "GET", "/healthz", crossSiteFetch, 403},
		{"cross-site page by fetch", "GET", "/", crossSiteFetch, 403},
		{"cross-site page as image", "GET", "/", crossSiteImage, 403},
		{"cross-site page in a frame", "GET", "/", crossSiteFrame, 403},
		{"cross-site navigation to a file", "GET", "/editor/files/a.toml", crossSiteLink, 403},
		{"unknown Sec-Fetch-Site", "GET", "/editor/files", map[string]string{"Sec-Fetch-Site": "bogus"}, 403},
		{"no Fetch Metadata, another Origin", "GET", "/editor/files", map[string]string{"Origin": "https://evil.example"}, 403},
		{"no Fetch Metadata, Origin null", "GET", "/editor/files", map[string]string{"Origin": "null"}, 403},

		{"a link from another site opens the page", "GET", "/", crossSiteLink, 200},
		{"address typed in", "GET", "/", typedIn, 200},
		{"same-origin file", "GET", "/editor/files/a.toml", sameOrigin, 200},
		{"same-origin listing", "GET", "/editor/files", sameOrigin, 200},
		{"same-origin preview", "POST", "/api/pages?file=a.toml", sameOrigin, 200},
		{"same-origin Kroki", "GET", "/sopflow/svg/" + krokiVector, sameOrigin, 200},
		{"no Fetch Metadata (curl)", "GET", "/editor/files/a.toml", nil, 200},
		{"no Fetch Metadata, own Origin", "GET", "/editor/files", map[string]string{"Origin": "http://127.0.0.1:8080"}, 200},
	}
	for _, c := range cases {
		body := ""
		if c.method == "POST" {
			body = string(editorTemplate)
		}
		// Bounded: an event stream let through would run until its
		// request ends.
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		r := httptest.NewRequestWithContext(ctx, c.method, c.url, strings.NewReader(body))
		r.Host = "127.0.0.1:8080"
		for k, v := range c.header {
			r.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		cancel()
		if w.Code != c.want {
			t.Errorf("%s: %s %s = %d, want %d\n%.300s", c.name, c.method, c.url, w.Code, c.want, w.Body)
		}
		if c.want == 403 && !strings.Contains(w.Body.String(), "another site refused") {
			t.Errorf("%s: the refusal does not say why: %s", c.name, w.Body)
		}
	}

	// Other sites' event streams never take the places of the pages.
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	client := &http.Client{Timeout: 5 * time.Second}
	for range maxSSEClients + 1 {
		req, _ := http.NewRequest("GET", ts.URL+"/editor/events", nil)
		for k, v := range crossSiteFetch {
			req.Header.Set(k, v)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 403 {
			t.Fatalf("cross-site events over HTTP: %d, want 403", resp.StatusCode)
		}
	}
	req, _ := http.NewRequest("GET", ts.URL+"/editor/events", nil)
	for k, v := range sameOrigin {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("the page's own event stream after other sites tried: %d, want 200", resp.StatusCode)
	}
}

// TestAPIAnswersOtherSites: a server without a folder (sopflow serve
// --api) is a public service: any site's page may use it.
func TestAPIAnswersOtherSites(t *testing.T) {
	s := newServer(t, Options{})
	for _, h := range []map[string]string{crossSiteFetch, sameSiteFetch, crossSiteImage} {
		var hdr []string
		for k, v := range h {
			hdr = append(hdr, k, v)
		}
		if w := do(s, "GET", "/sopflow/svg/"+krokiVector, "", nil, hdr...); w.Code != 200 {
			t.Errorf("API, %v: Kroki GET = %d, want 200\n%.300s", h, w.Code, w.Body)
		}
		if w := do(s, "POST", "/api/pages", "", []byte(editorTemplate), hdr...); w.Code != 200 {
			t.Errorf("API, %v: POST /api/pages = %d, want 200\n%.300s", h, w.Code, w.Body)
		}
	}
}

// TestEditorRefusesAbsoluteForm: a request target that is a whole URL
// makes Go take the host from it and drop the Host header, which the
// host check then never sees; the editor refuses such requests.
func TestEditorRefusesAbsoluteForm(t *testing.T) {
	s, _ := newEditor(t, map[string]string{"a.toml": "x"}, Options{})
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	status := func(raw string) int {
		t.Helper()
		c, err := net.Dial("tcp", ts.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(5 * time.Second))
		fmt.Fprint(c, raw)
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, target := range []string{"http://127.0.0.1/editor/files", "http://127.0.0.1/editor/files/a.toml", "http://localhost/"} {
		if got := status("GET " + target + " HTTP/1.1\r\nHost: evil.com\r\nConnection: close\r\n\r\n"); got != 400 {
			t.Errorf("GET %s with Host evil.com: %d, want 400", target, got)
		}
	}
	// The same request in origin form is refused by the host check, and
	// the editor's own requests still pass.
	if got := status("GET /editor/files HTTP/1.1\r\nHost: evil.com\r\nConnection: close\r\n\r\n"); got != 421 {
		t.Errorf("GET /editor/files with Host evil.com: %d, want 421", got)
	}
	if got := status("GET /editor/files HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"); got != 200 {
		t.Errorf("GET /editor/files with Host 127.0.0.1: %d, want 200", got)
	}
}
