package server

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/sopflow/sopflow/render"
	"github.com/sopflow/sopflow/table"
)

// krokiSOP and krokiVector are a fixed vector of Kroki's GET encoding,
// computed independently of this package when the test was written, with
// the Python of Kroki's documentation:
//
//	python3 -c "import base64, zlib; print(base64.urlsafe_b64encode(zlib.compress(src.encode('utf-8'), 9)).decode('ascii'))"
const (
	krokiSOP    = "name = \"Kroki\"\nactors = [\"A\", \"B\"]\n\n[[steps]]\nactor = \"A\"\nactivity = \"Mulai\"\n\n[[steps]]\nactor = \"B\"\nactivity = \"Selesai\"\n"
	krokiVector = "eNrLS8xNVbBVUPIuys_OVOJKTC7JLyoGCkQrOSrpKCg5KcVycUVHF5ekFhTHxkKkQcodwUozyzJLKkFc39KcRKBubCqdUFUGp-akFoPUAgCUJCRu"
)

func TestKrokiEncoding(t *testing.T) {
	// The example of Kroki's documentation (docs.kroki.io, Usage), which
	// decodes to the one-line form of its graph.
	got, err := DecodeKroki("eNpLyUwvSizIUHBXqPZIzcnJ17ULzy_KSanlAgB1EAjQ", 1000)
	if err != nil || string(got) != "digraph G {Hello->World}\n" {
		t.Errorf("Kroki's own example: %q, %v", got, err)
	}
	got, err = DecodeKroki(krokiVector, 1000)
	if err != nil || string(got) != krokiSOP {
		t.Errorf("the fixed vector: %q, %v", got, err)
	}
	// Go's deflate makes another stream than Python's zlib at the same
	// level; both decode to the same source.
	if enc := EncodeKroki([]byte(krokiSOP)); !strings.HasPrefix(enc, "eN") {
		t.Errorf("EncodeKroki = %s, want a zlib header at best compression (eN...)", enc)
	}
	// Round trips, padded (as Python and pako write it) or not, and with
	// the + and / of standard base64.
	for _, src := range []string{"", "x", krokiSOP, smallSOP, strings.Repeat("ü€\x00", 999)} {
		enc := EncodeKroki([]byte(src))
		for _, e := range []string{enc, strings.TrimRight(enc, "="), strings.NewReplacer("-", "+", "_", "/").Replace(enc)} {
			got, err := DecodeKroki(e, 1<<20)
			if err != nil || string(got) != src {
				t.Errorf("%.20q through %s: %.20q, %v", src, e, got, err)
			}
		}
	}
	// Errors: not base64, not zlib (raw deflate, plain text), too large.
	raw := base64.RawURLEncoding.EncodeToString([]byte(krokiSOP))
	for _, c := range []struct{ in, want string }{
		{"*&^", "not base64url"},
		{raw, "not zlib-compressed"},
		{krokiVector[:40], "does not decompress"},
	} {
		_, err := DecodeKroki(c.in, 1000)
		var br *badRequest
		if err == nil || !strings.Contains(err.Error(), c.want) || !errorsAs(err, &br) {
			t.Errorf("%s: %v, want a bad request with %q", c.in, err, c.want)
		}
	}
	// A zlib bomb stops at the limit.
	var b bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&b, 9)
	zw.Write(make([]byte, 50<<20))
	zw.Close()
	_, err = DecodeKroki(base64.URLEncoding.EncodeToString(b.Bytes()), 1<<20)
	var tl *tooLarge
	if !errorsAs(err, &tl) {
		t.Errorf("50 MB of zeros: %v, want too large", err)
	}
}

func TestKrokiRoutes(t *testing.T) {
	s := newServer(t, Options{})
	svg := direct(t, krokiSOP, render.SVG, table.LayoutOptions{}, render.WriteOptions{})
	pdf := direct(t, krokiSOP, render.PDF, table.LayoutOptions{}, render.WriteOptions{})
	portrait := direct(t, krokiSOP, render.SVG, table.LayoutOptions{Portrait: true}, render.WriteOptions{})
	kjson := func(format string, opts map[string]string) []byte {
		b, _ := json.Marshal(map[string]any{"diagram_source": krokiSOP, "diagram_type": "sopflow", "output_format": format, "diagram_options": opts})
		return b
	}
	for _, c := range []struct {
		name, method, target, ctype string
		body                        []byte
		header                      []string
		want                        []byte
		wantType                    string
	}{
		{"GET", "GET", "/sopflow/svg/" + krokiVector, "", nil, nil, svg, "image/svg+xml"},
		{"GET pdf", "GET", "/sopflow/pdf/" + krokiVector, "", nil, nil, pdf, "application/pdf"},
		{"GET options in the query", "GET", "/sopflow/svg/" + krokiVector + "?orientation=portrait", "", nil, nil, portrait, "image/svg+xml"},
		{"GET options in headers", "GET", "/sopflow/svg/" + krokiVector, "", nil, []string{"Kroki-Diagram-Options-Orientation", "portrait"}, portrait, "image/svg+xml"},
		{"POST", "POST", "/sopflow/svg", "text/plain", []byte(krokiSOP), nil, svg, "image/svg+xml"},
		{"POST with Accept", "POST", "/sopflow", "text/plain", []byte(krokiSOP), []string{"Accept", "application/pdf"}, pdf, "application/pdf"},
		{"POST / JSON", "POST", "/", "application/json", kjson("pdf", nil), nil, pdf, "application/pdf"},
		{"POST / JSON options", "POST", "/", "application/json", kjson("svg", map[string]string{"orientation": "portrait"}), nil, portrait, "image/svg+xml"},
		{"unknown options ignored", "GET", "/sopflow/svg/" + krokiVector + "?theme=dark", "", nil, nil, svg, "image/svg+xml"},
	} {
		w := do(s, c.method, c.target, c.ctype, c.body, c.header...)
		if w.Code != 200 {
			t.Errorf("%s: status %d: %s", c.name, w.Code, w.Body)
			continue
		}
		if ct := w.Header().Get("Content-Type"); ct != c.wantType {
			t.Errorf("%s: Content-Type %q, want %q", c.name, ct, c.wantType)
		}
		if !bytes.Equal(w.Body.Bytes(), c.want) {
			t.Errorf("%s: other bytes than sopflow render's", c.name)
		}
	}

	// A GET answer is cacheable, by its ETag.
	w := do(s, "GET", "/sopflow/svg/"+krokiVector, "", nil)
	etag := w.Header().Get("ETag")
	if etag == "" || !strings.Contains(w.Header().Get("Cache-Control"), "max-age") {
		t.Errorf("ETag %q, Cache-Control %q", etag, w.Header().Get("Cache-Control"))
	}
	if w := do(s, "GET", "/sopflow/svg/"+krokiVector, "", nil, "If-None-Match", etag); w.Code != 304 || w.Body.Len() != 0 {
		t.Errorf("If-None-Match: %d, %d bytes", w.Code, w.Body.Len())
	}

	// Errors are text, as Kroki's: 400 for a bad diagram, with the position.
	bad := EncodeKroki([]byte(strings.Replace(krokiSOP, `actor = "B"`, `actor = "C"`, 1)))
	w = do(s, "GET", "/sopflow/svg/"+bad, "", nil)
	if w.Code != 400 || w.Header().Get("Content-Type") != "text/plain; charset=utf-8" ||
		!strings.HasPrefix(w.Body.String(), `9:9: step 2: unknown actor "C"`) {
		t.Errorf("a bad diagram: %d %q: %s", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
	for _, c := range []struct{ method, target, body, want string }{
		{"GET", "/sopflow/gif/" + krokiVector, "", `unknown format "gif"`},
		{"GET", "/sopflow/svg/!!", "", "not base64url"},
		{"POST", "/", `{"diagram_source": "x", "diagram_type": "plantuml"}`, `unknown diagram_type "plantuml" (this server draws sopflow only)`},
		{"POST", "/", `{"diagram_type": "sopflow"}`, "diagram_source is missing"},
		{"POST", "/", `[1]`, "not Kroki's JSON"},
	} {
		w := do(s, c.method, c.target, "application/json", []byte(c.body))
		if w.Code != 400 || !strings.Contains(w.Body.String(), c.want) {
			t.Errorf("%s %s: %d %s, want 400 and %q", c.method, c.target, w.Code, w.Body, c.want)
		}
	}
}

// errorsAs is errors.As, for brevity in tables.
func errorsAs(err error, target any) bool { return errors.As(err, target) }
