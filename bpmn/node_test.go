package bpmn_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"
)

// The Node.js tools of the tests (bpmn-moddle, bpmn-js) are pinned by
// testdata/moddle/package-lock.json and installed with npm ci into a cache
// directory outside the source tree, once per lock file. When Node.js, npm
// or the registry is missing, the tests that need them skip, unless
// SOPFLOW_REQUIRE_NODE=1 (set by .ci/run) says they must run: then they
// fail. With -short they use an existing install but do not make one.

// nodeSrc holds package.json, its lock file and the scripts.
const nodeSrc = "testdata/moddle"

// requireNode reports whether the environment asks the Node.js checks to
// run rather than skip.
func requireNode() bool { return os.Getenv("SOPFLOW_REQUIRE_NODE") == "1" }

// skipOrFail skips the test, or fails it when SOPFLOW_REQUIRE_NODE=1.
func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	if requireNode() {
		t.Fatalf(format+" (SOPFLOW_REQUIRE_NODE=1: the check must run)", args...)
	}
	t.Skipf(format, args...)
}

var nodeOnce struct {
	sync.Once
	dir, msg string
}

// nodeTools returns the directory that holds the scripts of testdata/moddle
// and their node_modules, installing them when needed.
func nodeTools(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		skipOrFail(t, "node is not installed: the BPMN XML is not checked with bpmn-moddle and bpmn-js")
	}
	nodeOnce.Do(func() { nodeOnce.dir, nodeOnce.msg = installNode(testing.Short()) })
	if nodeOnce.msg != "" {
		skipOrFail(t, "%s", nodeOnce.msg)
	}
	return nodeOnce.dir
}

// installNode installs the tools into the cache; msg says why it could not.
func installNode(short bool) (dir, msg string) {
	var key bytes.Buffer
	for _, f := range []string{"package.json", "package-lock.json"} {
		b, err := os.ReadFile(filepath.Join(nodeSrc, f))
		if err != nil {
			return "", err.Error()
		}
		key.Write(b)
	}
	sum := sha256.Sum256(key.Bytes())
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	dir = filepath.Join(base, "sopflow-test", "node-"+hex.EncodeToString(sum[:6]))
	done := filepath.Join(dir, "node_modules", ".sopflow-installed")
	if _, err := os.Stat(done); err != nil {
		if short {
			return "", "-short: bpmn-moddle and bpmn-js are not installed in " + dir + " and are not installed now"
		}
		if _, err := exec.LookPath("npm"); err != nil {
			return "", "npm is not installed: bpmn-moddle and bpmn-js cannot be installed"
		}
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			return "", err.Error()
		}
		tmp, err := os.MkdirTemp(filepath.Dir(dir), "install-")
		if err != nil {
			return "", err.Error()
		}
		defer os.RemoveAll(tmp)
		for _, f := range []string{"package.json", "package-lock.json"} {
			if err := copyFile(filepath.Join(nodeSrc, f), filepath.Join(tmp, f)); err != nil {
				return "", err.Error()
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error",
			"--fetch-retries=1", "--fetch-timeout=30000")
		cmd.Dir = tmp
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", "npm ci (bpmn-moddle, bpmn-js) failed, the registry may be unreachable: " + err.Error() + "\n" + string(out)
		}
		if err := os.WriteFile(filepath.Join(tmp, "node_modules", ".sopflow-installed"), nil, 0o644); err != nil {
			return "", err.Error()
		}
		// Another test process may have won the race: its install is as good.
		if err := os.Rename(tmp, dir); err != nil {
			if _, serr := os.Stat(done); serr != nil {
				return "", err.Error()
			}
		}
	}
	// The scripts are copied each run, so that an edit takes effect.
	for _, f := range []string{"check.mjs", "viewer.js"} {
		if err := copyFile(filepath.Join(nodeSrc, f), filepath.Join(dir, f)); err != nil {
			return "", err.Error()
		}
	}
	return dir, ""
}

// copyFile copies src to dst through a temporary file, so that a reader
// never sees half of it.
func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(dst), ".copy-")
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), dst)
}

// chromium returns the path of a Chromium or Chrome, or skips (fails with
// SOPFLOW_REQUIRE_NODE=1).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	skipOrFail(t, "no chromium in PATH: the BPMN XML is not drawn with bpmn-js")
	return ""
}

// viewerResult is what viewer.js reports for one file.
type viewerResult struct {
	Error      string    `json:"error"`
	Warnings   []string  `json:"warnings"`
	Missing    []string  `json:"missing"`
	Blank      []string  `json:"blank"`
	DIElements int       `json:"diElements"`
	LaneGaps   []float64 `json:"laneGaps"`
}

var resultRe = regexp.MustCompile(`(?s)<pre id="result">(.*?)</pre>`)

// drawWithBPMNJS loads every file of xmls into bpmn-js in headless
// Chromium, in one browser run, and returns what viewer.js reports.
func drawWithBPMNJS(t *testing.T, xmls map[string]string) map[string]viewerResult {
	t.Helper()
	dir := nodeTools(t)
	browser := chromium(t)
	data, err := json.Marshal(xmls) // escapes <, > and &: safe inside <script>
	if err != nil {
		t.Fatal(err)
	}
	lib := filepath.Join(dir, "node_modules", "bpmn-js", "dist", "bpmn-viewer.production.min.js")
	page := `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><pre id="result">pending</pre>
<script src="file://` + filepath.ToSlash(lib) + `"></script>
<script>const XMLS = ` + string(data) + `;</script>
<script src="file://` + filepath.ToSlash(filepath.Join(dir, "viewer.js")) + `"></script>
</body></html>`
	tmp := t.TempDir()
	file := filepath.Join(tmp, "viewer.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-dev-shm-usage", "--no-first-run", "--user-data-dir="+filepath.Join(tmp, "profile"),
		"--allow-file-access-from-files", "--virtual-time-budget=60000", "--dump-dom", "file://"+filepath.ToSlash(file))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, stderr.String())
	}
	m := resultRe.FindSubmatch(out)
	if m == nil {
		t.Fatalf("no result in the page Chromium dumped:\n%.2000s\n%s", out, stderr.String())
	}
	var res map[string]viewerResult
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &res); err != nil {
		t.Fatalf("viewer.js wrote %.500q: %v", m[1], err)
	}
	return res
}
