package server

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sopflow/sopflow/bpmn/graphviz"
	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/internal/testsop"
	"github.com/sopflow/sopflow/render"
	"github.com/sopflow/sopflow/table"
)

// smallSOP is a valid SOP with a decision and a loop back, on one page of
// table after the identity page.
const smallSOP = `name = "Pengujian Berkas"
actors = ["Pemohon", "Petugas"]

[[steps]]
actor = "Pemohon"
activity = "Mengajukan permohonan"

[[steps]]
actor = "Petugas"
activity = "Memeriksa kelengkapan berkas"
no = 1

[[steps]]
actor = "Petugas"
activity = "Menerbitkan surat"
`

// newServer returns a Server of the API with opt, failing the test when it
// cannot.
func newServer(t testing.TB, opt Options) *Server {
	t.Helper()
	s, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// do sends one request to h and returns the answer.
func do(h http.Handler, method, target, ctype string, body []byte, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, bytes.NewReader(body))
	if ctype != "" {
		r.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// direct renders src as sopflow render does, for comparing bytes.
func direct(t testing.TB, src string, format render.Format, lopt table.LayoutOptions, wopt render.WriteOptions) []byte {
	t.Helper()
	p, err := flow.Parse("sop", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	d, err := table.Layout(p, lopt)
	if err != nil {
		t.Fatal(err)
	}
	d.Desc = fmt.Sprintf("SOP %s: %d kegiatan, %d pelaksana", p.Name, len(p.Steps), len(p.Actors))
	var b bytes.Buffer
	if err := render.Write(&b, d, format, wopt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// checkSVG fails the test unless b is one well-formed XML document whose
// root is an <svg> element.
func checkSVG(t testing.TB, b []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	root := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && root == "" {
			root = se.Name.Local
		}
	}
	if root != "svg" {
		t.Fatalf("the root element is %q, not svg", root)
	}
}

// checkPDF fails the test unless b looks like a whole PDF file.
func checkPDF(t testing.TB, b []byte) {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(b, "\r\n"), []byte("%%EOF")) {
		t.Fatalf("not a whole PDF: %q ... %q", b[:min(len(b), 16)], b[max(0, len(b)-16):])
	}
}

// problemsOf decodes the problems of an error answer of the API.
func problemsOf(t testing.TB, w *httptest.ResponseRecorder) []Problem {
	t.Helper()
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Fatalf("Content-Type %q, want application/json; body %s", ct, w.Body)
	}
	var e errorAnswer
	if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
		t.Fatalf("the body is not the problems' JSON: %v\n%s", err, w.Body)
	}
	if len(e.Problems) == 0 {
		t.Fatalf("no problems in %s", w.Body)
	}
	return e.Problems
}

func TestRenderFormats(t *testing.T) {
	s := newServer(t, Options{Ranker: graphviz.Ranker{}})
	for _, c := range []struct {
		query, ctype string
		check        func(t *testing.T, b []byte)
	}{
		{"", "image/svg+xml", func(t *testing.T, b []byte) {
			checkSVG(t, b)
			// Every page stacked in one SVG, as render --single.
			if want := direct(t, smallSOP, render.SVG, table.LayoutOptions{}, render.WriteOptions{}); !bytes.Equal(b, want) {
				t.Error("the SVG differs from sopflow render's")
			}
		}},
		{"format=pdf", "application/pdf", func(t *testing.T, b []byte) {
			checkPDF(t, b)
			if want := direct(t, smallSOP, render.PDF, table.LayoutOptions{}, render.WriteOptions{}); !bytes.Equal(b, want) {
				t.Error("the PDF differs from sopflow render's")
			}
		}},
		{"format=png&page=2&dpi=50", "image/png", func(t *testing.T, b []byte) {
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			// A4 landscape at 50 dpi.
			if w := img.Bounds().Dx(); w < 580 || w > 590 {
				t.Errorf("the PNG is %d pixels wide, want 585 (A4 landscape at 50 dpi)", w)
			}
		}},
		{"format=json&paper=f4&orientation=portrait", "application/json", func(t *testing.T, b []byte) {
			var d render.Diagram
			if err := json.Unmarshal(b, &d); err != nil {
				t.Fatal(err)
			}
			if len(d.Pages) != 2 || d.Pages[0].Width > d.Pages[0].Height {
				t.Errorf("%d pages, the first %gx%g pt: want 2 portrait pages", len(d.Pages), d.Pages[0].Width, d.Pages[0].Height)
			}
		}},
		{"format=dot", "text/vnd.graphviz", func(t *testing.T, b []byte) {
			if !bytes.Contains(b, []byte("\ndigraph ")) {
				t.Errorf("not DOT: %.40q", b)
			}
		}},
		{"format=bpmn", "application/xml", func(t *testing.T, b []byte) {
			if err := xml.Unmarshal(b, new(struct{})); err != nil || !bytes.Contains(b, []byte("bpmn:process")) {
				t.Errorf("not BPMN XML (%v): %.80q", err, b)
			}
		}},
		{"view=bpmn&format=svg", "image/svg+xml", func(t *testing.T, b []byte) {
			checkSVG(t, b)
			if !bytes.Contains(b, []byte("Pengujian Berkas")) {
				t.Error("the BPMN view lacks the pool's title")
			}
		}},
	} {
		t.Run(c.query, func(t *testing.T) {
			w := do(s, "POST", "/api/render?"+c.query, "", []byte(smallSOP))
			if w.Code != 200 {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			if ct := w.Header().Get("Content-Type"); ct != c.ctype {
				t.Errorf("Content-Type %q, want %q", ct, c.ctype)
			}
			c.check(t, w.Body.Bytes())
		})
	}
}

func TestRenderJSONModel(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(testsop.Root(), "testdata/json/legalisasi.json"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := flow.ParseJSON("sop", src)
	if err != nil {
		t.Fatal(err)
	}
	var toml bytes.Buffer
	if err := p.EncodeTOML(&toml); err != nil {
		t.Fatal(err)
	}
	want := direct(t, toml.String(), render.SVG, table.LayoutOptions{}, render.WriteOptions{})
	s := newServer(t, Options{Limits: Limits{Cache: -1}})
	// By Content-Type, and by the body's first character.
	for _, ctype := range []string{"application/json", "text/plain", ""} {
		w := do(s, "POST", "/api/render", ctype, src)
		if w.Code != 200 {
			t.Fatalf("%q: status %d: %s", ctype, w.Code, w.Body)
		}
		if !bytes.Equal(w.Body.Bytes(), want) {
			t.Errorf("%q: the JSON model draws other bytes than its TOML", ctype)
		}
	}
	// JSON announced, TOML sent: the JSON reader's error, with its position.
	w := do(s, "POST", "/api/render", "application/json", []byte(smallSOP))
	if w.Code != 422 {
		t.Fatalf("TOML sent as JSON: status %d, want 422", w.Code)
	}
	if ps := problemsOf(t, w); ps[0].Line != 1 {
		t.Errorf("problem %+v, want one on line 1", ps[0])
	}
}

func TestRenderInvalid(t *testing.T) {
	s := newServer(t, Options{})
	bad := strings.Replace(smallSOP, `actor = "Petugas"`, `actor = "Petugass"`, 1)
	bad = strings.Replace(bad, `activity = "Menerbitkan surat"`, "activity = \"Menerbitkan surat\"\ntme = \"5 menit\"", 1)
	w := do(s, "POST", "/api/render?format=pdf", "", []byte(bad))
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422: %s", w.Code, w.Body)
	}
	ps := problemsOf(t, w)
	if len(ps) != 2 {
		t.Fatalf("%d problems, want 2: %+v", len(ps), ps)
	}
	if p := ps[0]; p.Line != 9 || p.Col == 0 || p.Severity != "error" ||
		!strings.Contains(p.Message, `unknown actor "Petugass"`) || p.Hint != `did you mean "Petugas"?` {
		t.Errorf("first problem %+v", p)
	}
	if p := ps[1]; p.Line != 16 || !strings.Contains(p.Message, `unknown key "tme"`) || !strings.Contains(p.Hint, "time") {
		t.Errorf("second problem %+v", p)
	}
	// A syntax error.
	w = do(s, "POST", "/api/render", "", []byte("name = \"x\"\nactors = [\n"))
	if w.Code != 422 || problemsOf(t, w)[0].Line == 0 {
		t.Errorf("syntax error: status %d, %s", w.Code, w.Body)
	}
	// Thousands of problems: the first 100 and a count.
	var b strings.Builder
	b.WriteString("name = \"x\"\nactors = [\"A\"]\n")
	for i := 0; i < 500; i++ {
		fmt.Fprintf(&b, "[[steps]]\nactor = \"Z%d\"\nactivity = \"a\"\n", i)
	}
	w = do(s, "POST", "/api/render", "", []byte(b.String()))
	ps = problemsOf(t, w)
	if w.Code != 422 || len(ps) != maxProblems+1 || !strings.HasPrefix(ps[maxProblems].Message, "and ") {
		t.Errorf("status %d, %d problems, the last %+v", w.Code, len(ps), ps[len(ps)-1])
	}
}

func TestBadRequests(t *testing.T) {
	s := newServer(t, Options{})
	for _, c := range []struct{ query, want, hint string }{
		{"format=gif", `unknown format "gif"`, ""},
		{"format=sgv", `unknown format "sgv"`, `did you mean "svg"?`},
		{"fromat=svg", `unknown parameter "fromat"`, `did you mean "format"?`},
		{"paper=a9", `unknown paper "a9"`, ""},
		{"paper=10x10mm", "out of range", ""},
		{"paper=2001x300mm", "from 50 to 2000 mm", ""}, // render.ParsePaper takes up to 5000
		{"orientation=up", "unknown orientation", ""},
		{"view=gantt", "unknown view", ""},
		{"profile=x", "unknown profile", ""},
		{"lang=fr", "unknown lang", ""},
		{"dpi=5000&format=png", "dpi", ""},
		{"page=0", "page", ""},
		{"page=2&format=pdf", "page is for svg and png", "leave page out: PDF and JSON hold every page"},
		{"quick=maybe", "quick", ""},
		{"embed-font=1&format=pdf", "embed-font is for svg", ""},
		{"margin=200", "margin", ""},
		{"margin=90&paper=a4", "margin", "ask for a smaller margin"}, // too wide for the paper: found by the layout
	} {
		w := do(s, "POST", "/api/render?"+c.query, "", []byte(smallSOP))
		if w.Code != 400 {
			t.Errorf("%s: status %d, want 400: %s", c.query, w.Code, w.Body)
			continue
		}
		p := problemsOf(t, w)[0]
		if !strings.Contains(strings.ToLower(p.Message), strings.ToLower(c.want)) || (c.hint != "" && p.Hint != c.hint) {
			t.Errorf("%s: %+v, want %q and hint %q", c.query, p, c.want, c.hint)
		}
	}
	// A page the document does not have depends on the SOP: 422.
	w := do(s, "POST", "/api/render?page=9", "", []byte(smallSOP))
	if w.Code != 422 || !strings.Contains(problemsOf(t, w)[0].Message, "has 2 pages") {
		t.Errorf("page 9: status %d: %s", w.Code, w.Body)
	}
	// Another method: 405 from the mux, with Allow.
	w = do(s, "GET", "/api/render", "", nil)
	if w.Code != 405 || !strings.Contains(w.Header().Get("Allow"), "POST") {
		t.Errorf("GET /api/render: %d, Allow %q", w.Code, w.Header().Get("Allow"))
	}
	// No BPMN ranker: 503 that says why.
	w = do(s, "POST", "/api/render?view=bpmn", "", []byte(smallSOP))
	if w.Code != 503 || !strings.Contains(problemsOf(t, w)[0].Message, "ranker") {
		t.Errorf("bpmn without a ranker: %d %s", w.Code, w.Body)
	}
}

func TestPNGPages(t *testing.T) {
	s := newServer(t, Options{Limits: Limits{Cache: -1}})
	w := do(s, "POST", "/api/render?format=png&dpi=30", "", []byte(smallSOP))
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/zip" {
		t.Fatalf("status %d, %s", w.Code, w.Header().Get("Content-Type"))
	}
	zr, err := zip.NewReader(bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != 2 || zr.File[0].Name != "page-1.png" || zr.File[1].Name != "page-2.png" {
		t.Fatalf("the ZIP holds %d files", len(zr.File))
	}
	for i, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(rc)
		want := direct(t, smallSOP, render.PNG, table.LayoutOptions{}, render.WriteOptions{Page: i + 1, DPI: 30})
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from page %d drawn directly", f.Name, i+1)
		}
	}
	again := do(s, "POST", "/api/render?format=png&dpi=30", "", []byte(smallSOP))
	if !bytes.Equal(again.Body.Bytes(), w.Body.Bytes()) {
		t.Error("the same request gave another ZIP")
	}
	// A page too large to draw.
	w = do(s, "POST", "/api/render?format=png&dpi=600&paper=2000x2000mm&page=1", "", []byte(smallSOP))
	if w.Code != 413 || !strings.Contains(problemsOf(t, w)[0].Message, "megapixels") {
		t.Errorf("a huge PNG page: %d %s", w.Code, w.Body)
	}
}

// tinyPNG is a 2 x 2 PNG image.
func tinyPNG(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// bigPNGHeader is the start of a PNG that declares 50,000 x 50,000 pixels.
func bigPNGHeader(t testing.TB) []byte {
	b := tinyPNG(t)
	ihdr := bytes.Index(b, []byte("IHDR"))
	b = b[:ihdr+4+8+5+4] // up to the IHDR's CRC
	for _, at := range []int{ihdr + 4, ihdr + 8} {
		binary.BigEndian.PutUint32(b[at:], 50000)
	}
	binary.BigEndian.PutUint32(b[ihdr+4+13:], crc32.ChecksumIEEE(b[ihdr:ihdr+4+13]))
	return b
}

func TestLogo(t *testing.T) {
	s := newServer(t, Options{Limits: Limits{Cache: -1}})
	logo := tinyPNG(t)
	withLogo := func(v string) string {
		return smallSOP + "\n[identity]\nlogo = \"" + v + "\"\n"
	}
	dataURL := "data:image/png;base64," + base64.StdEncoding.EncodeToString(logo)
	want := direct(t, withLogo(dataURL), render.SVG, table.LayoutOptions{Logo: logo}, render.WriteOptions{})

	w := do(s, "POST", "/api/render", "", []byte(withLogo(dataURL)))
	if w.Code != 200 || !bytes.Equal(w.Body.Bytes(), want) {
		t.Fatalf("data URL: status %d, same bytes as with the logo %t: %.200s", w.Code, bytes.Equal(w.Body.Bytes(), want), w.Body)
	}
	if !bytes.Contains(w.Body.Bytes(), []byte(`class="logo"`)) {
		t.Error("no logo drawn")
	}

	// As a multipart part, beside the SOP's part; logo names a file.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("sop", "sop.toml")
	fw.Write([]byte(withLogo("logo.png")))
	fw, _ = mw.CreateFormFile("logo", "logo.png")
	fw.Write(logo)
	mw.Close()
	w = do(s, "POST", "/api/render", mw.FormDataContentType(), body.Bytes())
	if w.Code != 200 || !bytes.Contains(w.Body.Bytes(), []byte(`class="logo"`)) {
		t.Fatalf("multipart: status %d: %.300s", w.Code, w.Body)
	}

	// A path, with no part: the service reads no file.
	w = do(s, "POST", "/api/render", "", []byte(withLogo("/etc/passwd")))
	if p := problemsOf(t, w)[0]; w.Code != 422 || p.Line != 18 || !strings.Contains(p.Message, "reads no files") {
		t.Errorf("a logo path: %d %+v", w.Code, p)
	}
	for _, c := range []struct{ url, want string }{
		{"data:image/png;base64,!!!", "not valid base64"},
		{"data:text/html;base64,PGI+", "want image/png or image/jpeg"},
		{"data:image/png,abc", "must be base64"},
		{"data:image/png;base64," + base64.StdEncoding.EncodeToString([]byte("GIF89a")), "not a PNG or JPEG"},
		{"data:image/png;base64," + base64.StdEncoding.EncodeToString(bigPNGHeader(t)), "more than"},
	} {
		w = do(s, "POST", "/api/render", "", []byte(withLogo(c.url)))
		if p := problemsOf(t, w)[0]; w.Code != 422 || p.Line != 18 || !strings.Contains(p.Message+" "+p.Hint, c.want) {
			t.Errorf("%s: %d %+v", c.url, w.Code, p)
		}
	}

	// file= names the SOP's file in a server's folder; this one has none.
	w = do(s, "POST", "/api/render?file=a.toml", "", []byte(withLogo(dataURL)))
	if p := problemsOf(t, w)[0]; w.Code != 400 || !strings.Contains(p.Message, "server with a folder") {
		t.Errorf("file= without Root: %d %+v", w.Code, p)
	}

	// With a Root (the editor's folder), a path inside it is read; one
	// outside is refused. Such a server answers only for loopback names.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "logo.png"), logo, 0o644)
	rooted := newServer(t, Options{Root: dir})
	t.Cleanup(func() { rooted.Close() })
	if w := do(rooted, "POST", "/api/render", "", []byte(withLogo("logo.png"))); w.Code != http.StatusMisdirectedRequest {
		t.Errorf("a server with Root, for Host example.com: %d, want 421", w.Code)
	}
	const local = "http://127.0.0.1:8080"
	w = do(rooted, "POST", local+"/api/render", "", []byte(withLogo("logo.png")))
	if w.Code != 200 || !bytes.Contains(w.Body.Bytes(), []byte(`class="logo"`)) {
		t.Errorf("a logo in Root: %d %.300s", w.Code, w.Body)
	}
	// The file changes: the answer too (it is not cached).
	os.WriteFile(filepath.Join(dir, "logo.png"), bigPNGHeader(t), 0o644)
	if w := do(rooted, "POST", local+"/api/render", "", []byte(withLogo("logo.png"))); w.Code != 422 {
		t.Errorf("a logo file changed: %d, want the new file's problem", w.Code)
	}
	w = do(rooted, "POST", local+"/api/render", "", []byte(withLogo("../../../etc/passwd")))
	if w.Code != 422 || !strings.Contains(problemsOf(t, w)[0].Message, "outside") {
		t.Errorf("a logo outside Root: %d %s", w.Code, w.Body)
	}
}

func TestPages(t *testing.T) {
	s := newServer(t, Options{})
	src := strings.Replace(smallSOP, `["Pemohon", "Petugas"]`, `["Pemohon", "Petugas", "Kepala"]`, 1)
	w := do(s, "POST", "/api/pages?quick=1&paper=a4&orientation=portrait", "", []byte(src))
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	var got pagesAnswer
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Pages) != 2 {
		t.Fatalf("%d pages, want 2", len(got.Pages))
	}
	if bytes.Contains(w.Body.Bytes(), []byte(`\u003c`)) {
		t.Error("the SVG in the JSON has its < escaped")
	}
	for i, pg := range got.Pages {
		checkSVG(t, []byte(pg.SVG))
		if pg.Width != 595.28 && (pg.Width < 595 || pg.Width > 596) || pg.Height < 841 || pg.Height > 842 {
			t.Errorf("page %d is %g x %g pt, want A4 portrait", i+1, pg.Width, pg.Height)
		}
	}
	if len(got.Problems) != 1 || got.Problems[0].Severity != "warning" || !strings.Contains(got.Problems[0].Message, "Kepala") {
		t.Errorf("problems %+v, want the unused actor's warning", got.Problems)
	}
	w = do(s, "POST", "/api/pages", "", []byte("name = 1"))
	if w.Code != 422 {
		t.Errorf("invalid: status %d", w.Code)
	}
	w = do(s, "POST", "/api/pages?format=pdf", "", []byte(smallSOP))
	if w.Code != 400 {
		t.Errorf("format=pdf: status %d", w.Code)
	}
}

func TestCheck(t *testing.T) {
	s := newServer(t, Options{Limits: Limits{MaxSteps: 5}})
	for _, c := range []struct {
		src   string
		valid bool
		want  []string
	}{
		{smallSOP, true, nil},
		{strings.Replace(smallSOP, `["Pemohon", "Petugas"]`, `["Pemohon", "Petugas", "Kepala"]`, 1), true, []string{"warning:actor"}},
		{strings.Replace(smallSOP, `no = 1`, `no = 9`, 1), false, []string{"error:no = 9 is out of range"}},
		{smallSOP + strings.Repeat("[[steps]]\nactor = \"Pemohon\"\nactivity = \"x\"\n", 3), false, []string{"error:more than 5 steps"}},
	} {
		w := do(s, "POST", "/api/check", "", []byte(c.src))
		if w.Code != 200 {
			t.Fatalf("status %d: %s", w.Code, w.Body)
		}
		var got checkAnswer
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if got.Valid != c.valid || len(got.Problems) != len(c.want) || got.Problems == nil {
			t.Errorf("valid %t, problems %+v; want %t, %v", got.Valid, got.Problems, c.valid, c.want)
			continue
		}
		for i, want := range c.want {
			sev, msg, _ := strings.Cut(want, ":")
			if p := got.Problems[i]; p.Severity != sev || !strings.Contains(p.Message, msg) || p.Line == 0 {
				t.Errorf("problem %+v, want %s", p, want)
			}
		}
	}
	if w := do(s, "POST", "/api/check?format=svg", "", []byte(smallSOP)); w.Code != 400 {
		t.Errorf("check with format: %d", w.Code)
	}
}

func TestLimits(t *testing.T) {
	s := newServer(t, Options{Limits: Limits{MaxBody: 2000, MaxSteps: 4}})
	// The body.
	big := smallSOP + "# " + strings.Repeat("x", 2000) + "\n"
	w := do(s, "POST", "/api/render", "", []byte(big))
	if w.Code != 413 || !strings.Contains(problemsOf(t, w)[0].Message, "limit of 2000 bytes") {
		t.Errorf("body: %d %s", w.Code, w.Body)
	}
	// The body behind a multipart form.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("sop", "sop.toml")
	fw.Write([]byte(big))
	mw.Close()
	if w := do(s, "POST", "/api/render", mw.FormDataContentType(), body.Bytes()); w.Code != 413 {
		t.Errorf("multipart body: %d %s", w.Code, w.Body)
	}
	// A small SOP, then a part too large.
	body.Reset()
	mw = multipart.NewWriter(&body)
	fw, _ = mw.CreateFormFile("sop", "sop.toml")
	fw.Write([]byte(smallSOP))
	fw, _ = mw.CreateFormField("other")
	fw.Write(make([]byte, 3000))
	mw.Close()
	if w := do(s, "POST", "/api/render", mw.FormDataContentType(), body.Bytes()); w.Code != 413 {
		t.Errorf("multipart with a large part: %d %s", w.Code, w.Body)
	}
	// Kroki's JSON: the source decoded is held to the limit.
	kj, _ := json.Marshal(map[string]string{"diagram_source": big, "diagram_type": "sopflow"})
	if w := do(s, "POST", "/", "application/json", kj); w.Code != 413 || !strings.Contains(w.Body.String(), "2000 bytes") {
		t.Errorf("Kroki JSON: %d %s", w.Code, w.Body)
	}
	// The steps: named, with the flag that raises the limit.
	many := smallSOP + strings.Repeat("[[steps]]\nactor = \"Pemohon\"\nactivity = \"x\"\n", 2)
	w = do(s, "POST", "/api/render", "", []byte(many))
	if p := problemsOf(t, w)[0]; w.Code != 413 || !strings.Contains(p.Message, "more than 4 steps") || !strings.Contains(p.Hint, "--max-steps") || p.Line == 0 {
		t.Errorf("steps: %d %+v", w.Code, p)
	}
	// The same through Kroki's route: text.
	w = do(s, "POST", "/sopflow/svg", "", []byte(many))
	if w.Code != 413 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") || !strings.Contains(w.Body.String(), "more than 4 steps") {
		t.Errorf("steps through Kroki: %d %s", w.Code, w.Body)
	}
}

// blocked returns a Server whose renders wait in the hook until release is
// closed, and a channel that receives once for each render that reached
// its hook.
func blocked(t testing.TB, l Limits) (s *Server, started chan struct{}, release chan struct{}) {
	s = newServer(t, Options{Limits: l})
	started, release = make(chan struct{}, 100), make(chan struct{})
	s.api.hook = func(ctx context.Context) {
		started <- struct{}{}
		select {
		case <-release:
		case <-ctx.Done():
			<-release // the slot stays taken until the work ends
		}
	}
	return s, started, release
}

func TestOverloaded(t *testing.T) {
	s, started, release := blocked(t, Limits{Concurrency: 2, Queue: 1, Cache: -1})
	var wg sync.WaitGroup
	codes := make(chan int, 3)
	for i := 0; i < 3; i++ { // two in slots, one in the queue
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes <- do(s, "POST", "/api/render", "", []byte(smallSOP)).Code
		}()
	}
	<-started
	<-started
	waitFor(t, func() bool { return s.api.pending.Load() == 3 })
	w := do(s, "POST", "/api/render", "", []byte(smallSOP))
	if w.Code != 503 || w.Header().Get("Retry-After") != "1" || !strings.Contains(problemsOf(t, w)[0].Message, "busy") {
		t.Errorf("beyond the queue: %d, Retry-After %q: %s", w.Code, w.Header().Get("Retry-After"), w.Body)
	}
	if w := do(s, "GET", "/healthz", "", nil); w.Code != 200 {
		t.Errorf("healthz while busy: %d", w.Code)
	}
	close(release)
	wg.Wait()
	close(codes)
	for c := range codes {
		if c != 200 {
			t.Errorf("a queued render answered %d", c)
		}
	}
	if n := s.api.pending.Load(); n != 0 {
		t.Errorf("%d renders still pending", n)
	}
	if m := metricsText(t, s); !strings.Contains(m, `sopflow_errors_total{kind="overloaded"} 1`) {
		t.Errorf("metrics lack the overload:\n%s", grep(m, "sopflow_errors"))
	}
}

// waitFor waits up to 5 s for cond.
func waitFor(t testing.TB, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting")
		}
	}
}

func TestTimeout(t *testing.T) {
	s, started, release := blocked(t, Limits{Concurrency: 1, Queue: 1, Timeout: 50 * time.Millisecond, Cache: -1})
	defer close(release)
	w := do(s, "POST", "/api/render", "", []byte(smallSOP))
	<-started
	if p := problemsOf(t, w)[0]; w.Code != 504 || !strings.Contains(p.Message, "longer than this server's limit (50ms)") {
		t.Errorf("status %d, %+v", w.Code, p)
	}
	// The render past its time keeps its slot: the next one waits in the
	// queue, and times out there.
	if n := s.api.pending.Load(); n != 1 {
		t.Errorf("%d pending, want the timed-out render's 1", n)
	}
	if w := do(s, "POST", "/api/render?format=pdf", "", []byte(smallSOP)); w.Code != 504 {
		t.Errorf("queued behind it: %d", w.Code)
	}
}

func TestPanic(t *testing.T) {
	var log bytes.Buffer
	s := newServer(t, Options{Logger: slog.New(slog.NewJSONHandler(&log, nil)), Limits: Limits{Cache: -1}})
	s.api.hook = func(context.Context) { panic("boom") }
	w := do(s, "POST", "/api/render", "", []byte(smallSOP))
	if w.Code != 500 || !strings.Contains(problemsOf(t, w)[0].Message, "internal error") {
		t.Errorf("status %d: %s", w.Code, w.Body)
	}
	if strings.Contains(w.Body.String(), "goroutine") {
		t.Error("the answer shows a stack")
	}
	if !strings.Contains(log.String(), `"msg":"panic in a render","panic":"boom"`) {
		t.Errorf("the panic is not logged:\n%s", log.String())
	}
	s.api.hook = nil
	if w := do(s, "POST", "/api/render", "", []byte(smallSOP)); w.Code != 200 {
		t.Errorf("after the panic: %d", w.Code)
	}
	if s.api.pending.Load() != 0 || len(s.api.sem) != 0 {
		t.Error("the panicking render kept its slot")
	}
}

func TestAccessLog(t *testing.T) {
	var log bytes.Buffer
	s := newServer(t, Options{Logger: slog.New(slog.NewJSONHandler(&log, nil))})
	do(s, "POST", "/api/render?format=pdf", "", []byte(smallSOP))
	do(s, "GET", "/sopflow/svg/"+strings.Repeat("A", 500), "", nil)
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d log lines, want 2:\n%s", len(lines), log.String())
	}
	var first, second map[string]any
	json.Unmarshal([]byte(lines[0]), &first)
	json.Unmarshal([]byte(lines[1]), &second)
	if first["msg"] != "request" || first["route"] != "POST /api/render" || first["status"] != 200.0 || first["method"] != "POST" || first["bytes"].(float64) < 1000 {
		t.Errorf("first line %v", first)
	}
	if second["route"] != "GET /sopflow/{format}/{source}" || second["status"] != 400.0 || len(second["path"].(string)) > 130 {
		t.Errorf("second line %v", second)
	}
}

// metricsText returns the metrics of s as Prometheus serves them.
func metricsText(t testing.TB, s *Server) string {
	t.Helper()
	w := do(s, "GET", "/metrics", "", nil)
	if w.Code != 200 {
		t.Fatalf("/metrics: %d", w.Code)
	}
	return w.Body.String()
}

// grep returns the lines of s that contain sub.
func grep(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestHealthAndMetrics(t *testing.T) {
	s := newServer(t, Options{})
	w := do(s, "GET", "/healthz", "", nil)
	if w.Code != 200 || w.Body.String() != "ok\n" {
		t.Errorf("healthz: %d %q", w.Code, w.Body)
	}
	do(s, "POST", "/api/render", "", []byte(smallSOP))
	do(s, "POST", "/api/render", "", []byte(smallSOP))
	do(s, "POST", "/api/render", "", []byte("name = 1"))
	m := metricsText(t, s)
	for _, want := range []string{
		`sopflow_http_requests_total{code="200",route="POST /api/render"} 2`,
		`sopflow_http_requests_total{code="422",route="POST /api/render"} 1`,
		`sopflow_http_requests_total{code="200",route="GET /healthz"} 1`,
		`sopflow_http_request_duration_seconds_count{route="POST /api/render"} 3`,
		`sopflow_renders_in_flight 0`,
		`sopflow_errors_total{kind="invalid"} 1`,
		`sopflow_cache_requests_total{result="hit"} 1`,
		`sopflow_cache_requests_total{result="miss"} 2`,
		`go_goroutines `,
		`process_resident_memory_bytes `,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("the metrics lack %s", want)
		}
	}
	// Its own registry: a second server starts from zero.
	if m := metricsText(t, newServer(t, Options{})); strings.Contains(m, `route="POST /api/render"`) {
		t.Error("a new server shares the metrics of another")
	}
}

func TestCache(t *testing.T) {
	c := newCache(8 * 1000)
	ans := func(n int) answer { return answer{ctype: "x", body: make([]byte, n)} }
	key := func(i int) [32]byte { return [32]byte{byte(i)} }
	for i := 0; i < 20; i++ {
		c.put(key(i), ans(800))
	}
	if c.size > c.max || c.len() != 8 {
		t.Errorf("%d entries, %d bytes of %d", c.len(), c.size, c.max)
	}
	if _, ok := c.get(key(19)); !ok {
		t.Error("the newest entry is gone")
	}
	if _, ok := c.get(key(0)); ok {
		t.Error("the oldest entry is kept")
	}
	c.put(key(99), ans(2000)) // more than an eighth
	if _, ok := c.get(key(99)); ok {
		t.Error("an entry too large is kept")
	}
	// Using an entry keeps it.
	c.get(key(12))
	for i := 30; i < 37; i++ {
		c.put(key(i), ans(800))
	}
	if _, ok := c.get(key(12)); !ok {
		t.Error("the entry just used was dropped")
	}
}

func TestGracefulShutdown(t *testing.T) {
	s, started, release := blocked(t, Limits{Cache: -1})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 5 * time.Second}
	go hs.Serve(ln)
	url := "http://" + ln.Addr().String()

	type result struct {
		code int
		body []byte
		err  error
	}
	got := make(chan result, 1)
	go func() {
		resp, err := http.Post(url+"/api/render?format=pdf", "text/plain", strings.NewReader(smallSOP))
		if err != nil {
			got <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		got <- result{resp.StatusCode, b, err}
	}()
	<-started
	done := make(chan error, 1)
	go func() { done <- hs.Shutdown(context.Background()) }()
	// Shutdown closes the listener at once and waits for the render.
	waitFor(t, func() bool {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err == nil {
			c.Close()
		}
		return err != nil
	})
	select {
	case err := <-done:
		t.Fatalf("Shutdown returned (%v) with a render in flight", err)
	default:
	}
	close(release)
	r := <-got
	if r.err != nil || r.code != 200 {
		t.Fatalf("the render in flight: %d %v", r.code, r.err)
	}
	checkPDF(t, r.body)
	if err := <-done; err != nil {
		t.Errorf("Shutdown: %v", err)
	}
}

func TestHandlerPanic(t *testing.T) {
	var log bytes.Buffer
	s := newServer(t, Options{Logger: slog.New(slog.NewJSONHandler(&log, nil))})
	s.mux.HandleFunc("GET /boom", func(http.ResponseWriter, *http.Request) { panic(errors.New("bang")) })
	w := do(s, "GET", "/boom", "", nil)
	if w.Code != 500 || strings.Contains(w.Body.String(), "bang") {
		t.Errorf("status %d: %s", w.Code, w.Body)
	}
	if !strings.Contains(log.String(), "panic in a handler") || !strings.Contains(metricsText(t, s), "sopflow_http_panics_total 1") {
		t.Errorf("not logged or counted: %s", log.String())
	}
}
