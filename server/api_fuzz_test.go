package server

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sopflow/sopflow/internal/testsop"
)

// The fuzz targets' seed corpora run in go test; go test -fuzz FuzzRequest
// ./server searches further.

// FuzzRequest sends any body, as TOML or JSON, to /api/render and
// /api/check: the answer is 200 with the format's bytes, or an error with
// its status and problems in JSON, never a 500.
func FuzzRequest(f *testing.F) {
	for _, name := range []string{"testdata/examples/informasi-publik.toml", "testdata/json/legalisasi.json", "testdata/quality/short-loops.toml"} {
		b, err := os.ReadFile(filepath.Join(testsop.Root(), name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "")
	}
	f.Add([]byte(smallSOP), "paper=f4&orientation=portrait")
	f.Add([]byte(smallSOP+"\n[identity]\nlogo = \"data:image/png;base64,iVBORw0KGgo=\"\n"), "")
	f.Add([]byte(`{"name": "x", "actors": ["A"], "steps": [{"actor": "A", "activity": "a"}, {"actor": "A", "activity": "b"}]}`), "")
	f.Add([]byte(`{"name": "x", "actors": ["A"], "steps": [{"actor": "B"`), "lang=en")
	f.Add([]byte("name = \"x\"\nactors = [[[[[[[[[[[[[[[[[[[[[\"A\"]]]]]]]]]]]]]]]]]]]]]\n"), "")
	f.Add([]byte("\xef\xbb\xbf{\"name\": 1}"), "")
	f.Add([]byte("name = \"\\u0000\""), "profile=permendagri52")
	s := newServer(f, Options{Limits: Limits{MaxBody: 64 << 10, MaxSteps: 60, Cache: -1}})
	f.Fuzz(func(t *testing.T, body []byte, query string) {
		if _, err := url.Parse("/api/render?" + query); err != nil || strings.ContainsAny(query, " #") {
			return // not a query a client can send
		}
		for _, target := range []string{"/api/render?format=json&quick=1&" + query, "/api/check"} {
			w := do(s, "POST", target, "", body)
			switch w.Code {
			case 200:
				var v any
				if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
					t.Fatalf("%s: 200 with a body that is not JSON: %v", target, err)
				}
			case 400, 413, 422:
				for _, p := range problemsOf(t, w) {
					if p.Message == "" || p.Severity != "error" {
						t.Fatalf("%s: problem %+v", target, p)
					}
				}
			default:
				t.Fatalf("%s: status %d: %s", target, w.Code, w.Body)
			}
		}
	})
}

// FuzzKroki decodes any path segment as Kroki's encoding without a panic
// and within the limit, and round-trips any source.
func FuzzKroki(f *testing.F) {
	f.Add(krokiVector, []byte(krokiSOP))
	f.Add("eNpLyUwvSizIUHBXqPZIzcnJ17ULzy_KSanlAgB1EAjQ", []byte(""))
	f.Add("eNo=", []byte("\x00\xff"))
	f.Add("", []byte(smallSOP))
	f.Fuzz(func(t *testing.T, enc string, src []byte) {
		const max = 4 << 10
		if got, err := DecodeKroki(enc, max); err == nil && len(got) > max {
			t.Fatalf("decoded %d bytes, more than %d", len(got), max)
		}
		got, err := DecodeKroki(EncodeKroki(src), 1<<20)
		if err != nil || string(got) != string(src) {
			t.Fatalf("round trip of %q: %q, %v", src, got, err)
		}
	})
}
