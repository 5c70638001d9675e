package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sopflow/sopflow/bpmn/graphviz"
)

// The template that sopflow init writes, which a new SOP starts from.
var editorTemplate = func() []byte {
	b, err := webFS.ReadFile("web/template.toml")
	if err != nil {
		panic(err)
	}
	return b
}()

// newEditor returns a Server over a temporary folder holding files, and
// the folder. It is closed when the test ends.
func newEditor(t *testing.T, files map[string]string, opt Options) (*Server, string) {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opt.Root = dir
	s, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s, dir
}

// editorReq is one request to a Server.
type editorReq struct {
	method, url string
	body        string
	host        string            // default 127.0.0.1:8080
	header      map[string]string // added
	noToken     bool              // leave the session token out of a write
}

func (s *Server) editorDo(t *testing.T, r editorReq) *httptest.ResponseRecorder {
	t.Helper()
	hr := httptest.NewRequest(r.method, r.url, strings.NewReader(r.body))
	hr.Host = "127.0.0.1:8080"
	if r.host != "" {
		hr.Host = r.host
	}
	if r.method != http.MethodGet && !r.noToken {
		hr.Header.Set(tokenHeader, s.editor.token)
	}
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, hr)
	return w
}

// editorDecode decodes a JSON answer.
func editorDecode[T any](t *testing.T, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("answer %d is not JSON: %v\n%s", w.Code, err, w.Body)
	}
	return v
}

func TestTemplateIsInit(t *testing.T) {
	cli, err := os.ReadFile("../cmd/sopflow/template.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(cli, editorTemplate) {
		t.Error("server/web/template.toml differs from cmd/sopflow/template.toml: copy it over")
	}
}

func TestEditorPage(t *testing.T) {
	s, _ := newEditor(t, nil, Options{})
	w := s.editorDo(t, editorReq{method: "GET", url: "/"})
	if w.Code != 200 {
		t.Fatalf("GET / = %d\n%s", w.Code, w.Body)
	}
	body := w.Body.String()
	if !strings.Contains(body, `<meta name="sopflow-token" content="`+s.editor.token+`">`) {
		t.Error("the page does not hold the session token")
	}
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("Content-Security-Policy = %q", csp)
	}
	for _, name := range []string{"editor.js", "editor.css"} {
		w := s.editorDo(t, editorReq{method: "GET", url: "/editor/assets/" + name})
		if w.Code != 200 || w.Body.Len() < 1000 {
			t.Fatalf("GET %s = %d, %d bytes", name, w.Code, w.Body.Len())
		}
		etag := w.Header().Get("ETag")
		if !strings.Contains(body, "/editor/assets/"+name+"?v="+strings.Trim(etag, `"`)) {
			t.Errorf("the page does not load %s by its ETag %s", name, etag)
		}
		w = s.editorDo(t, editorReq{method: "GET", url: "/editor/assets/" + name, header: map[string]string{"If-None-Match": etag}})
		if w.Code != http.StatusNotModified {
			t.Errorf("GET %s with its ETag = %d, want 304", name, w.Code)
		}
	}
	if w := s.editorDo(t, editorReq{method: "GET", url: "/editor/assets/other.js"}); w.Code != 404 {
		t.Errorf("an unknown asset: %d, want 404", w.Code)
	}
}

func TestEditorNeedsAFolder(t *testing.T) {
	if _, err := New(Options{Root: filepath.Join(t.TempDir(), "missing")}); err == nil {
		t.Error("New accepted a missing folder")
	}
	f := filepath.Join(t.TempDir(), "file.toml")
	os.WriteFile(f, editorTemplate, 0o644)
	if _, err := New(Options{Root: f}); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("New with a file as Root: %v", err)
	}
}

func TestEditorHosts(t *testing.T) {
	s, _ := newEditor(t, nil, Options{Hosts: []string{"localhost", "sop.example"}})
	for host, want := range map[string]int{
		"localhost:8080":         200,
		"LOCALHOST.:8080":        200,
		"sop.example":            200,
		"evil.example":           421, // DNS rebinding: another name pointed at this server
		"127.0.0.1:8080":         421, // not in Hosts
		"localhost.evil.example": 421,
		"":                       421,
	} {
		if w := s.editorDo(t, editorReq{method: "GET", url: "/", host: host}); w.Code != want {
			t.Errorf("Host %q: %d, want %d", host, w.Code, want)
		}
	}
	// The host check covers every route, the API's too.
	if w := s.editorDo(t, editorReq{method: "GET", url: "/healthz", host: "evil.example"}); w.Code != 421 {
		t.Errorf("Host evil.example on /healthz: %d, want 421", w.Code)
	}

	// Without Hosts the editor still answers only for loopback names.
	s, _ = newEditor(t, nil, Options{})
	for host, want := range map[string]int{
		"127.0.0.1:8080":   200,
		"[::1]:8080":       200,
		"localhost":        200,
		"app.localhost":    200,
		"evil.example":     421,
		"192.168.1.5:80":   421,
		"127.0.0.1.nip.io": 421,
	} {
		if w := s.editorDo(t, editorReq{method: "GET", url: "/editor/files", host: host}); w.Code != want {
			t.Errorf("no Hosts, Host %q: %d, want %d", host, w.Code, want)
		}
	}
}

func TestEditorWritesNeedTokenAndOrigin(t *testing.T) {
	s, dir := newEditor(t, map[string]string{"a.toml": "old"}, Options{})
	v := fileVersion([]byte("old"))
	put := func(h map[string]string, noToken bool) int {
		h["If-Match"] = v
		return s.editorDo(t, editorReq{method: "PUT", url: "/editor/files/a.toml", body: "new", header: h, noToken: noToken}).Code
	}
	cases := []struct {
		name    string
		header  map[string]string
		noToken bool
	}{
		{"no token", map[string]string{}, true},
		{"wrong token", map[string]string{tokenHeader: "guess"}, false},
		{"cross-site fetch", map[string]string{"Sec-Fetch-Site": "cross-site"}, false},
		{"another origin", map[string]string{"Origin": "http://evil.example"}, false},
		{"another port", map[string]string{"Origin": "http://127.0.0.1:9999"}, false},
	}
	for _, c := range cases {
		if code := put(c.header, c.noToken); code != http.StatusForbidden {
			t.Errorf("%s: %d, want 403", c.name, code)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "a.toml")); string(data) != "old" {
		t.Fatalf("a refused write changed the file: %q", data)
	}
	// The preview is the API's: a render writes nothing, so it needs no
	// token (the page sends none), only the host check.
	if w := s.preview(t, "/api/pages?file=a.toml", string(editorTemplate)); w.Code != 200 {
		t.Errorf("preview without the token: %d, want 200", w.Code)
	}
	if w := s.editorDo(t, editorReq{method: "POST", url: "/api/pages?file=a.toml", body: string(editorTemplate), noToken: true, host: "evil.example"}); w.Code != 421 {
		t.Errorf("preview for another host: %d, want 421", w.Code)
	}
	if code := put(map[string]string{"Origin": "http://127.0.0.1:8080", "Sec-Fetch-Site": "same-origin"}, false); code != 200 {
		t.Fatalf("same-origin write with the token: %d", code)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "a.toml")); string(data) != "new" {
		t.Errorf("the file holds %q, want new", data)
	}
}

func TestEditorStaysInsideTheFolder(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.toml")
	os.WriteFile(secret, []byte("secret"), 0o644)
	s, dir := newEditor(t, map[string]string{"in.toml": "in", "notes.txt": "text", ".hidden.toml": "h", "sub/b.toml": "b"}, Options{})
	if err := os.Symlink(secret, filepath.Join(dir, "abs.toml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("..", filepath.Base(outside), "secret.toml"), filepath.Join(dir, "rel.toml")); err != nil {
		t.Fatal(err)
	}
	os.Symlink(outside, filepath.Join(dir, "out"))

	refused := []string{
		"../" + filepath.Base(outside) + "/secret.toml",
		"sub/../../x.toml",
		secret,          // absolute
		"/" + "in.toml", // absolute
		"abs.toml",      // symbolic link out, absolute
		"rel.toml",      // symbolic link out, relative
		"out/secret.toml",
		"notes.txt",    // not an SOP
		".hidden.toml", // hidden
		"sub/./b.toml",
		"a\\b.toml",
	}
	for _, name := range refused {
		if _, _, err := s.editor.folder.read(name); err == nil {
			t.Errorf("read %q: no error", name)
		}
		if _, err := s.editor.folder.write(name, []byte("x"), noVersion); err == nil {
			t.Errorf("write %q: no error", name)
		}
		if err := s.editor.folder.rename("in.toml", name); err == nil {
			t.Errorf("rename to %q: no error", name)
		}
	}
	if data, _ := os.ReadFile(secret); string(data) != "secret" {
		t.Fatalf("the file outside was changed: %q", data)
	}
	if _, err := os.Stat(filepath.Join(dir, "in.toml")); err != nil {
		t.Fatal("in.toml was renamed away")
	}
	// Through HTTP, escaped so that the router does not clean the path
	// first.
	for _, u := range []string{"/editor/files/..%2F" + filepath.Base(outside) + "%2Fsecret.toml", "/editor/files/rel.toml", "/editor/files/notes.txt", "/editor/files/%2Fetc%2Fpasswd"} {
		w := s.editorDo(t, editorReq{method: "GET", url: u})
		if w.Code != 403 && w.Code != 404 {
			t.Errorf("GET %s = %d, want 403 or 404\n%s", u, w.Code, w.Body)
		}
		if strings.Contains(w.Body.String(), "secret") && !strings.Contains(w.Body.String(), "secret.toml") {
			t.Errorf("GET %s showed the file outside", u)
		}
		w = s.editorDo(t, editorReq{method: "PUT", url: u, body: "x", header: map[string]string{"If-Match": noVersion}})
		if w.Code != 403 && w.Code != 404 {
			t.Errorf("PUT %s = %d, want 403\n%s", u, w.Code, w.Body)
		}
	}
	if data, _ := os.ReadFile(secret); string(data) != "secret" {
		t.Fatalf("the file outside was changed: %q", data)
	}
	// A file inside, under a folder, reads.
	w := s.editorDo(t, editorReq{method: "GET", url: "/editor/files/sub/b.toml"})
	if got := editorDecode[fileReply](t, w); w.Code != 200 || got.Content != "b" || got.Version != fileVersion([]byte("b")) {
		t.Errorf("GET sub/b.toml = %d %+v", w.Code, got)
	}
}

func TestEditorList(t *testing.T) {
	files := map[string]string{
		"a.toml":              "name = \"Pelayanan A\" # comment\n[identity]\nnumber = 'SOP-A/01'\n[[steps]]\nname = \"not this\"\n",
		"b.json":              `{"name": "Pelayanan B", "identity": {"number": "SOP-B"}}`,
		"broken.toml":         "name = \"Rusak\"\nx = [[[\n",
		"sub/c.toml":          "identity.number = \"SOP-C\"\nname = \"C \\\"kutip\\\"\"\n",
		".hidden.toml":        "",
		"notes.txt":           "",
		".git/x.toml":         "",
		"node_modules/y.toml": "",
	}
	s, _ := newEditor(t, files, Options{})
	w := s.editorDo(t, editorReq{method: "GET", url: "/editor/files"})
	got := editorDecode[struct {
		Files []fileEntry `json:"files"`
	}](t, w)
	var lines []string
	for _, f := range got.Files {
		lines = append(lines, f.Path+"|"+f.Name+"|"+f.Number)
	}
	want := []string{"a.toml|Pelayanan A|SOP-A/01", "b.json|Pelayanan B|SOP-B", "broken.toml|Rusak|", `sub/c.toml|C "kutip"|SOP-C`}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("listing:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestEditorSave(t *testing.T) {
	s, dir := newEditor(t, map[string]string{"a.toml": "one"}, Options{})
	path := filepath.Join(dir, "a.toml")
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	get := editorDecode[fileReply](t, s.editorDo(t, editorReq{method: "GET", url: "/editor/files/a.toml"}))
	put := func(body, base string) *httptest.ResponseRecorder {
		h := map[string]string{}
		if base != "" {
			h["If-Match"] = `"` + base + `"`
		}
		return s.editorDo(t, editorReq{method: "PUT", url: "/editor/files/a.toml", body: body, header: h})
	}
	if w := put("two", ""); w.Code != http.StatusPreconditionRequired {
		t.Errorf("save without If-Match: %d, want 428", w.Code)
	}
	w := put("two", get.Version)
	if w.Code != 200 {
		t.Fatalf("save: %d %s", w.Code, w.Body)
	}
	saved := editorDecode[map[string]string](t, w)
	if saved["version"] != fileVersion([]byte("two")) {
		t.Errorf("the save answered version %q", saved["version"])
	}
	fi, _ := os.Stat(path)
	if data, _ := os.ReadFile(path); string(data) != "two" || fi.Mode().Perm() != 0o640 {
		t.Errorf("after the save: %q, mode %v; want two, -rw-r-----", data, fi.Mode())
	}

	// Another program writes the file: a save at the old version is
	// refused with what is on disk, and nothing is overwritten.
	os.WriteFile(path, []byte("three, from vim"), 0o640)
	w = put("mine", saved["version"])
	if w.Code != http.StatusConflict {
		t.Fatalf("save over a file changed on disk: %d, want 409", w.Code)
	}
	c := editorDecode[fileReply](t, w)
	if c.Content != "three, from vim" || c.Version != fileVersion([]byte("three, from vim")) || c.Error == "" {
		t.Errorf("the 409 answered %+v", c)
	}
	if data, _ := os.ReadFile(path); string(data) != "three, from vim" {
		t.Fatalf("the refused save wrote %q", data)
	}
	// Keeping the page's version: save again at the version on disk.
	if w := put("mine", c.Version); w.Code != 200 {
		t.Fatalf("overwrite: %d %s", w.Code, w.Body)
	}
	if data, _ := os.ReadFile(path); string(data) != "mine" {
		t.Errorf("after the overwrite: %q", data)
	}
	// Deleted on disk: 409 with version none; saving at none creates it.
	os.Remove(path)
	w = put("again", fileVersion([]byte("mine")))
	if c := editorDecode[fileReply](t, w); w.Code != 409 || c.Version != noVersion {
		t.Errorf("save over a deleted file: %d %+v", w.Code, c)
	}
	if w := put("again", noVersion); w.Code != 200 {
		t.Errorf("save at none: %d", w.Code)
	}
	// No temporary file is left behind.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the folder holds %v, want a.toml alone", names)
	}
	// A symbolic link inside the folder is not replaced by a file.
	os.Symlink("a.toml", filepath.Join(dir, "link.toml"))
	if w := s.editorDo(t, editorReq{method: "PUT", url: "/editor/files/link.toml", body: "x", header: map[string]string{"If-Match": fileVersion([]byte("again"))}}); w.Code != 403 {
		t.Errorf("save to a symbolic link: %d, want 403", w.Code)
	}
}

func TestEditorBodyLimit(t *testing.T) {
	s, dir := newEditor(t, map[string]string{"a.toml": "x", "big.toml": strings.Repeat("#", 2000)}, Options{Limits: Limits{MaxBody: 1000}})
	w := s.editorDo(t, editorReq{method: "PUT", url: "/editor/files/a.toml", body: strings.Repeat("y", 1001), header: map[string]string{"If-Match": fileVersion([]byte("x"))}})
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("a save over the limit: %d, want 413", w.Code)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "a.toml")); string(data) != "x" {
		t.Errorf("the file holds %q", data)
	}
	if w := s.editorDo(t, editorReq{method: "GET", url: "/editor/files/big.toml"}); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("reading a file over the limit: %d, want 413", w.Code)
	}
	if w := s.preview(t, "/api/pages?file=a.toml", strings.Repeat("#", 1001)); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("a preview over the limit: %d, want 413", w.Code)
	}
}

func TestEditorCreateAndRename(t *testing.T) {
	s, dir := newEditor(t, map[string]string{"old.toml": "x"}, Options{})
	post := func(url, body string) *httptest.ResponseRecorder {
		return s.editorDo(t, editorReq{method: "POST", url: url, body: body})
	}
	w := post("/editor/files", `{"path":"baru.toml"}`)
	if w.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", w.Code, w.Body)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "baru.toml")); !bytes.Equal(data, editorTemplate) {
		t.Error("the new SOP is not the template of sopflow init")
	}
	for body, want := range map[string]int{
		`{"path":"baru.toml"}`:    409, // exists
		`{"path":"old.toml"}`:     409,
		`{"path":"baru.json"}`:    400, // the template is TOML
		`{"path":"../baru.toml"}`: 403,
		`{"path":"x.sh"}`:         400,
		`not json`:                400,
	} {
		if w := post("/editor/files", body); w.Code != want {
			t.Errorf("create %s: %d, want %d", body, w.Code, want)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "old.toml")); string(data) != "x" {
		t.Error("a create replaced old.toml")
	}
	for _, c := range []struct {
		body string
		want int
	}{
		{`{"from":"old.toml","to":"baru.toml"}`, 409}, // would replace
		{`{"from":"old.toml","to":"old.json"}`, 400},  // another format
		{`{"from":"old.toml","to":"../x.toml"}`, 403},
		{`{"from":"missing.toml","to":"y.toml"}`, 404},
		{`{"from":"old.toml","to":"sub/x.toml"}`, 404}, // no such folder
		{`{"from":"old.toml","to":"lama.toml"}`, 200},
	} {
		if w := post("/editor/rename", c.body); w.Code != c.want {
			t.Errorf("rename %s: %d, want %d (%s)", c.body, w.Code, c.want, w.Body)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "lama.toml")); string(data) != "x" {
		t.Error("lama.toml does not hold old.toml's content")
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "baru.toml")); !bytes.Equal(data, editorTemplate) {
		t.Error("a rename replaced baru.toml")
	}
}

// preview sends a request of the page's preview: a POST to url without
// the session token, as the page sends it.
func (s *Server) preview(t *testing.T, url, body string) *httptest.ResponseRecorder {
	t.Helper()
	return s.editorDo(t, editorReq{method: "POST", url: url, body: body, noToken: true})
}

func TestEditorPreview(t *testing.T) {
	s, _ := newEditor(t, nil, Options{})
	for _, q := range []string{"", "&quick=1", "&paper=f4&orientation=portrait&profile=permendagri52&lang=en"} {
		w := s.preview(t, "/api/pages?file=a.toml"+q, string(editorTemplate))
		if w.Code != 200 {
			t.Fatalf("pages%s: %d %s", q, w.Code, w.Body)
		}
		got := editorDecode[pagesAnswer](t, w)
		if len(got.Pages) < 2 {
			t.Fatalf("pages%s: %d pages, want the identity page and the table", q, len(got.Pages))
		}
		for i, p := range got.Pages {
			if !strings.HasPrefix(p.SVG, "<svg") || p.Width <= 0 || p.Height <= 0 || strings.Count(p.SVG, `class="page `) != 1 {
				t.Errorf("pages%s: page %d: %gx%g, %.40q", q, i+1, p.Width, p.Height, p.SVG)
			}
		}
		if got.Problems == nil || len(got.Problems) != 0 {
			t.Errorf("pages%s: problems %v, want [] for the template", q, got.Problems)
		}
		portrait := strings.Contains(q, "portrait")
		if p := got.Pages[1]; (p.Width < p.Height) != portrait {
			t.Errorf("pages%s: the table page is %gx%g", q, p.Width, p.Height)
		}
		if strings.Contains(q, "lang=en") != strings.Contains(got.Pages[1].SVG, ">ACTIVITY<") {
			t.Errorf("pages%s: the labels are not in the language asked", q)
		}
	}

	// An invalid SOP: 422 with every problem at its line and column.
	bad := strings.Replace(string(editorTemplate), `actor = "Petugas Layanan"`, `actor = "Petugas Layanann"`, 1)
	w := s.preview(t, "/api/pages?file=a.toml&quick=1", bad)
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("an invalid SOP: %d, want 422", w.Code)
	}
	got := editorDecode[pagesAnswer](t, w)
	line := 1 + strings.Count(bad[:strings.Index(bad, "Layanann")], "\n")
	if len(got.Problems) != 1 || got.Problems[0].Line != line || got.Problems[0].Col < 1 ||
		got.Problems[0].Severity != "error" || !strings.Contains(got.Problems[0].Hint, `"Petugas Layanan"`) {
		t.Errorf("problems %+v, want one at line %d with a hint", got.Problems, line)
	}
	if got.Pages != nil {
		t.Error("an invalid SOP has pages")
	}

	// A warning (an actor with no step) comes with the pages.
	warn := strings.Replace(string(editorTemplate), `actors = ["Pemohon",`, `actors = ["Pemohon", "Sekretaris",`, 1)
	w = s.preview(t, "/api/pages?file=a.toml&quick=1", warn)
	if got := editorDecode[pagesAnswer](t, w); w.Code != 200 || len(got.Problems) != 1 || got.Problems[0].Severity != "warning" || got.Problems[0].Line == 0 {
		t.Errorf("a warning: %d %+v", w.Code, got.Problems)
	}

	// check answers as sopflow check --format json does.
	w = s.preview(t, "/api/check?file=a.toml", bad)
	chk := editorDecode[checkAnswer](t, w)
	if w.Code != 200 || chk.Valid || len(chk.Problems) != 1 || chk.Problems[0].Line != line {
		t.Errorf("check of an invalid SOP: %d %+v", w.Code, chk)
	}
	w = s.preview(t, "/api/check?file=a.toml", string(editorTemplate))
	if chk := editorDecode[checkAnswer](t, w); w.Code != 200 || !chk.Valid {
		t.Errorf("check of the template: %d %+v", w.Code, chk)
	}

	// Bad settings, and file names that are not an SOP's inside the folder.
	for _, q := range []string{"paper=b5", "orientation=up", "view=gantt", "profile=x", "lang=fr",
		"file=../x.toml", "file=/etc/x.toml", "file=a.txt", "file=.hidden/a.toml", "file=sub/./a.toml", "file=a\\b.toml", "file="} {
		w := s.preview(t, "/api/pages?"+q, string(editorTemplate))
		if p := problemsOf(t, w); w.Code != 400 || (strings.HasPrefix(q, "file=") && !strings.HasPrefix(p[0].Message, "file: ")) {
			t.Errorf("pages?%s: %d %+v, want 400", q, w.Code, p)
		}
	}
	// The BPMN view without a ranker: 503, saying why.
	w = s.preview(t, "/api/pages?file=a.toml&view=bpmn", string(editorTemplate))
	if got := editorDecode[pagesAnswer](t, w); w.Code != 503 || len(got.Problems) != 1 || !strings.Contains(got.Problems[0].Message, "sopflow-rank") {
		t.Errorf("bpmn without a ranker: %d %+v", w.Code, got)
	}
}

func TestEditorPreviewJSONAndLogo(t *testing.T) {
	outside := t.TempDir()
	logo := tinyPNG(t)
	os.WriteFile(filepath.Join(outside, "logo.png"), logo, 0o644)
	withLogo := func(path string) string {
		return strings.Replace(string(editorTemplate), `# logo = "logo.png"`, `logo = "`+path+`"`, 1)
	}
	s, _ := newEditor(t, map[string]string{"sub/logo.png": string(logo), "top.png": string(logo)}, Options{Limits: Limits{Cache: -1}})
	line := 1 + strings.Count(withLogo("")[:strings.Index(withLogo(""), "logo = ")], "\n")
	for _, c := range []struct {
		file, logo string
		want       int
	}{
		{"sub/a.toml", "logo.png", 200},                                      // beside the SOP
		{"sub/a.toml", "../top.png", 200},                                    // elsewhere in the folder
		{"top.toml", "sub/logo.png", 200},                                    // from the folder's top
		{"sub/a.toml", "top.png", 422},                                       // relative to the SOP's folder, not the top
		{"a.toml", "logo.png", 422},                                          // likewise
		{"sub/a.toml", "../../" + filepath.Base(outside) + "/logo.png", 422}, // outside the folder
		{"a.toml", filepath.Join(outside, "logo.png"), 422},                  // absolute, outside
	} {
		w := s.preview(t, "/api/pages?quick=1&file="+c.file, withLogo(c.logo))
		if w.Code != c.want {
			t.Errorf("%s naming %s: %d, want %d: %.300s", c.file, c.logo, w.Code, c.want, w.Body)
			continue
		}
		got := editorDecode[pagesAnswer](t, w)
		if c.want == 200 && !strings.Contains(got.Pages[0].SVG, `class="logo"`) {
			t.Errorf("%s naming %s: no logo drawn", c.file, c.logo)
		}
		if c.want == 422 && (len(got.Problems) != 1 || got.Problems[0].Line != line) {
			t.Errorf("%s naming %s: %+v, want one problem at line %d", c.file, c.logo, got.Problems, line)
		}
	}

	src, err := os.ReadFile("../testdata/json/legalisasi.json")
	if err != nil {
		t.Fatal(err)
	}
	w := s.preview(t, "/api/pages?file=legalisasi.json&quick=1", string(src))
	if got := editorDecode[pagesAnswer](t, w); w.Code != 200 || len(got.Pages) < 2 {
		t.Errorf("an SOP in JSON: %d, %d pages", w.Code, len(got.Pages))
	}
	// A JSON file's problems are JSON's, by the file's name, whatever the
	// body starts with.
	w = s.preview(t, "/api/check?file=legalisasi.json", "\n"+string(editorTemplate))
	if chk := editorDecode[checkAnswer](t, w); w.Code != 200 || chk.Valid {
		t.Errorf("TOML sent as a .json file: %d %+v, want invalid", w.Code, chk)
	}
}

func TestEditorDownloads(t *testing.T) {
	s, _ := newEditor(t, nil, Options{Ranker: graphviz.Ranker{}})
	magic := map[string]string{"pdf": "%PDF-", "png": "\x89PNG", "svg": "<svg", "json": "{", "dot": "// Pelayanan", "bpmn": "<?xml"}
	for format, want := range magic {
		q := "/api/render?file=dir/legalisasi.toml&view=table&paper=a4&orientation=landscape&profile=permenpan35&lang=id&format=" + format
		if format == "png" {
			q += "&page=2"
		}
		w := s.preview(t, q, string(editorTemplate))
		if w.Code != 200 || !strings.HasPrefix(w.Body.String(), want) {
			t.Errorf("render %s: %d %.60q", format, w.Code, w.Body.String())
			continue
		}
		if cd := w.Header().Get("Content-Disposition"); cd != `attachment; filename="legalisasi.`+format+`"` {
			t.Errorf("render %s: Content-Disposition %q", format, cd)
		}
	}
	// The PNG pages of a document in a ZIP are named after the file too.
	if w := s.preview(t, "/api/render?file=dir/legalisasi.toml&format=png", string(editorTemplate)); w.Code != 200 ||
		w.Header().Get("Content-Disposition") != `attachment; filename="legalisasi.zip"` {
		t.Errorf("render png, every page: %d %q", w.Code, w.Header().Get("Content-Disposition"))
	}
	if w := s.preview(t, "/api/render?file=a.toml&format=exe", string(editorTemplate)); w.Code != 400 {
		t.Errorf("render format=exe: %d, want 400", w.Code)
	}
	// The BPMN view with a ranker.
	w := s.preview(t, "/api/pages?file=a.toml&view=bpmn", string(editorTemplate))
	if got := editorDecode[pagesAnswer](t, w); w.Code != 200 || len(got.Pages) != 1 || !strings.Contains(got.Pages[0].SVG, "Pemohon") {
		t.Errorf("the BPMN view: %d, %d pages", w.Code, len(got.Pages))
	}
}

// TestEditorSharesTheRenderPool: the editor's preview is the API's, so its
// renders take the same slots (Limits.Concurrency and Queue) and count in
// the same metrics; there is no second pool and no route of its own.
func TestEditorSharesTheRenderPool(t *testing.T) {
	s, _ := newEditor(t, nil, Options{Limits: Limits{Concurrency: 1, Queue: -1, Cache: -1}})
	started, release := make(chan struct{}, 10), make(chan struct{})
	s.api.hook = func(ctx context.Context) {
		started <- struct{}{}
		<-release
	}
	// A client of the API takes the only slot.
	done := make(chan int)
	go func() {
		done <- s.editorDo(t, editorReq{method: "POST", url: "/api/render", body: smallSOP, noToken: true}).Code
	}()
	<-started
	// The page's preview, its download and its check find it taken.
	for _, url := range []string{"/api/pages?file=a.toml&quick=1", "/api/render?file=a.toml&format=pdf", "/api/check?file=a.toml"} {
		w := s.preview(t, url, string(editorTemplate))
		if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") != "1" {
			t.Errorf("%s with the slot taken: %d, Retry-After %q; want 503", url, w.Code, w.Header().Get("Retry-After"))
		}
	}
	close(release)
	if code := <-done; code != 200 {
		t.Errorf("the API's render: %d", code)
	}
	if w := s.preview(t, "/api/pages?file=a.toml&quick=1", string(editorTemplate)); w.Code != 200 {
		t.Errorf("the preview once the slot is free: %d", w.Code)
	}
	if m := s.editorDo(t, editorReq{method: "GET", url: "/metrics"}).Body.String(); !strings.Contains(m, `sopflow_errors_total{kind="overloaded"} 3`) ||
		!strings.Contains(m, `sopflow_http_requests_total{code="200",route="POST /api/pages"} 1`) {
		t.Errorf("the metrics do not count the preview:\n%s", grep(m, "sopflow_"))
	}
	// The editor has no render route of its own, and its page calls the
	// API's.
	for _, route := range []string{"pages", "check", "render"} {
		if w := s.preview(t, "/editor/"+route, string(editorTemplate)); w.Code != 404 {
			t.Errorf("POST /editor/%s: %d, want 404", route, w.Code)
		}
	}
	js := string(s.editor.assets["editor.js"].data)
	for _, want := range []string{"/api/pages?", "/api/render?"} {
		if !strings.Contains(js, want) {
			t.Errorf("the page's script does not call %s", want)
		}
	}
	if strings.Contains(js, "/editor/pages") || strings.Contains(js, "/editor/render") {
		t.Error("the page's script still calls the editor's own preview routes")
	}
}

// BenchmarkEditorPages is the server's part of a preview redraw: POST
// /api/pages?file=... of a 50-step SOP, as the page sends it: parse, layout
// and one SVG per page, as JSON; quick routing while typing, full routing
// when typing stops. The cache is off: typing changes the source.
func BenchmarkEditorPages(b *testing.B) {
	dir := b.TempDir()
	s, err := New(Options{Root: dir, Limits: Limits{Cache: -1}})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	src := synthEditorSOP(50)
	for _, c := range []struct{ name, q string }{{"quick=1", "quick=1"}, {"full", "quick=0"}} {
		b.Run(fmt.Sprintf("steps=50/%s", c.name), func(b *testing.B) {
			for b.Loop() {
				hr := httptest.NewRequest("POST", "/api/pages?file=sop50.toml&"+c.q, strings.NewReader(src))
				hr.Host = "127.0.0.1"
				w := httptest.NewRecorder()
				s.ServeHTTP(w, hr)
				if w.Code != 200 {
					b.Fatalf("%d %s", w.Code, w.Body)
				}
			}
		})
	}
}

func TestEditorSaveOfWhatIsOnDisk(t *testing.T) {
	s, _ := newEditor(t, map[string]string{"a.toml": "same"}, Options{})
	// The page loaded "old", the disk now holds what the page saves: no
	// conflict, nothing to lose.
	w := s.editorDo(t, editorReq{method: "PUT", url: "/editor/files/a.toml", body: "same", header: map[string]string{"If-Match": fileVersion([]byte("old"))}})
	if got := editorDecode[map[string]string](t, w); w.Code != 200 || got["version"] != fileVersion([]byte("same")) {
		t.Errorf("saving what is on disk: %d %v", w.Code, got)
	}
}

func TestEditorRefusesNonUTF8(t *testing.T) {
	s, _ := newEditor(t, map[string]string{"latin1.toml": "name = \"Pelayanan Caf\xe9\"\n"}, Options{})
	w := s.editorDo(t, editorReq{method: "GET", url: "/editor/files/latin1.toml"})
	if w.Code != http.StatusUnsupportedMediaType || !strings.Contains(w.Body.String(), "UTF-8") {
		t.Errorf("a Latin-1 file: %d %s, want 415 saying UTF-8", w.Code, w.Body)
	}
}
