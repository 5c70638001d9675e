package server

import (
	"bytes"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/sopflow/sopflow/internal/testsop"
	"github.com/sopflow/sopflow/render"
	"github.com/sopflow/sopflow/table"
)

// The load test runs the API on loopback under vegeta, as a library, and
// checks every answer. By default it runs briefly; with -args -load it
// takes the measurements of the README:
//
//	go test ./server -run TestLoad -v -args -load
var (
	loadFlag    = flag.Bool("load", false, "TestLoad: measure throughput and latency at 1, 4 and 16 clients, and past the limits")
	loadFormats = flag.String("load-formats", "svg,pdf,svg-quick", "TestLoad -load: the formats measured (svg-quick: svg with quick=1)")
	loadCached  = flag.String("load-cache", "off,on", "TestLoad -load: measure without the cache (off), with it (on), or both")
)

// loadRun is one attack: clients in a closed loop (each sends its next
// request when its answer has come), for at most d and n requests.
type loadRun struct {
	clients int
	d       time.Duration
	n       uint64
}

// attack runs r against target and checks every answer with check, which
// returns "" for a good answer or what is wrong. It returns the metrics
// and the count of answers by status.
func attack(t *testing.T, target vegeta.Target, r loadRun, check func(*vegeta.Result) string) (vegeta.Metrics, map[uint16]int) {
	t.Helper()
	atk := vegeta.NewAttacker(vegeta.Workers(uint64(r.clients)), vegeta.MaxWorkers(uint64(r.clients)),
		vegeta.Connections(r.clients), vegeta.KeepAlive(true), vegeta.Timeout(30*time.Second))
	// Rate 0 is as fast as the clients go; the pacer stops at n requests.
	pacer := countPacer(r.n)
	var m vegeta.Metrics
	codes := map[uint16]int{}
	bad := 0
	for res := range atk.Attack(vegeta.NewStaticTargeter(target), pacer, r.d, "load") {
		m.Add(res)
		codes[res.Code]++
		if msg := check(res); msg != "" {
			if bad++; bad <= 5 {
				t.Errorf("answer %d: %s", res.Seq, msg)
			}
		}
	}
	m.Close()
	return m, codes
}

// countPacer sends as fast as the clients go, and stops after n requests.
type countPacer uint64

func (n countPacer) Pace(_ time.Duration, hits uint64) (time.Duration, bool) {
	return 0, hits >= uint64(n)
}
func (countPacer) Rate(time.Duration) float64 { return 0 }

// loadSOP is the measured SOP: 50 steps over six actors.
func loadSOP(t testing.TB) (src []byte, svg, pdf []byte) {
	s := testsop.Chain(50)
	return []byte(s), direct(t, s, render.SVG, table.LayoutOptions{}, render.WriteOptions{}),
		direct(t, s, render.PDF, table.LayoutOptions{}, render.WriteOptions{})
}

// sameAs checks an answer: 200, a whole SVG or PDF, and the bytes of a
// direct render.
func sameAs(t *testing.T, format string, want []byte) func(*vegeta.Result) string {
	return func(res *vegeta.Result) string {
		switch {
		case res.Code != 200:
			return fmt.Sprintf("status %d %s: %.200s", res.Code, res.Error, res.Body)
		case format == "pdf" && (!bytes.HasPrefix(res.Body, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(res.Body, "\n"), []byte("%%EOF"))):
			return "not a whole PDF"
		case !bytes.Equal(res.Body, want):
			return fmt.Sprintf("%d bytes, not the %d of a direct render", len(res.Body), len(want))
		}
		return ""
	}
}

func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	src, svg, pdf := loadSOP(t)
	checkSVG(t, svg)
	runs := []loadRun{{clients: 4, d: 700 * time.Millisecond, n: 150}}
	if *loadFlag {
		runs = []loadRun{{1, 10 * time.Second, 5000}, {4, 10 * time.Second, 10000}, {16, 10 * time.Second, 10000}}
	}
	for _, cached := range []bool{false, true} {
		if !strings.Contains(*loadCached, map[bool]string{false: "off", true: "on"}[cached]) {
			continue
		}
		// A queue for every client: the measure is of renders, not of 503s.
		l := Limits{Cache: -1, Queue: 16}
		name := "uncached"
		if cached {
			l.Cache, name = 0, "cached"
		}
		ts := httptest.NewServer(newServer(t, Options{Limits: l}))
		for _, format := range strings.Split(*loadFormats, ",") {
			query := map[string]string{"svg": "format=svg", "pdf": "format=pdf", "svg-quick": "format=svg&quick=1"}[format]
			if query == "" {
				t.Fatalf("-load-formats: unknown %q", format)
			}
			if !*loadFlag && format != "svg" && format != "pdf" {
				continue
			}
			want := svg
			switch format {
			case "pdf":
				want = pdf
			case "svg-quick":
				want = direct(t, string(src), render.SVG, table.LayoutOptions{QuickRouting: true}, render.WriteOptions{})
			}
			target := vegeta.Target{Method: "POST", URL: ts.URL + "/api/render?" + query, Body: src,
				Header: http.Header{"Content-Type": {"application/toml"}}}
			for _, r := range runs {
				m, codes := attack(t, target, r, sameAs(t, strings.TrimSuffix(format, "-quick"), want))
				t.Logf("%s %s, %2d clients: %5d requests, %6.1f/s, p50 %5.1f ms, p99 %5.1f ms, max %5.1f ms, codes %v",
					name, format, r.clients, m.Requests, m.Throughput, ms(m.Latencies.P50), ms(m.Latencies.P99), ms(m.Latencies.Max), codes)
				if *loadFlag && format == "svg" && r.clients == 16 {
					ok := m.Throughput >= 300 && m.Latencies.P99 < 50*time.Millisecond
					t.Logf("goal (>= 300/s, p99 < 50 ms at 16 clients) met: %t", ok)
				}
			}
		}
		ts.Close()
	}

	// Past the limits: more clients than slots and queue, and a server
	// that keeps answering 503 with Retry-After, never failing, its memory
	// bounded.
	l := Limits{Concurrency: 2, Queue: 2, Cache: -1}
	past := loadRun{clients: 32, d: 1 * time.Second, n: 400}
	if *loadFlag {
		l.Concurrency, l.Queue = 0, 0 // the defaults: the processors, twice as many waiting
		past = loadRun{clients: 64, d: 10 * time.Second, n: 20000}
	}
	s := newServer(t, Options{Limits: l})
	ts := httptest.NewServer(s)
	defer ts.Close()
	target := vegeta.Target{Method: "POST", URL: ts.URL + "/api/render", Body: src}
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	m, codes := attack(t, target, past, func(res *vegeta.Result) string {
		switch {
		case res.Code == 200 && bytes.Equal(res.Body, svg):
		case res.Code == 503 && res.Headers.Get("Retry-After") == "1" && bytes.Contains(res.Body, []byte("busy")):
		default:
			return fmt.Sprintf("status %d %s: %.200s", res.Code, res.Error, res.Body)
		}
		return ""
	})
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	t.Logf("past the limits, %d clients against %d slots and %d waiting: %d requests, %.1f/s answered 200, p50 %.1f ms, p99 %.1f ms, codes %v; heap in use %.0f MB, most heap from the OS %.0f MB, RSS %s",
		past.clients, s.api.limits.Concurrency, s.api.limits.Queue, m.Requests, m.Throughput, ms(m.Latencies.P50), ms(m.Latencies.P99), codes,
		float64(after.HeapInuse)/(1<<20), float64(after.HeapSys)/(1<<20), rss())
	if codes[200] == 0 {
		t.Error("no render answered past the limits")
	}
	if *loadFlag {
		// The largest SOP under the default body limit, by 8 clients:
		// the slots bound the memory whatever comes.
		big := []byte(testsop.Chain(4000))
		if len(big) > defaultMaxBody {
			t.Fatalf("%d bytes", len(big))
		}
		target := vegeta.Target{Method: "POST", URL: ts.URL + "/api/render?format=svg", Body: big}
		m, codes := attack(t, target, loadRun{clients: 8, d: 20 * time.Second, n: 40}, func(res *vegeta.Result) string {
			if res.Code != 200 && res.Code != 503 {
				return fmt.Sprintf("status %d %s: %.200s", res.Code, res.Error, res.Body)
			}
			return ""
		})
		runtime.ReadMemStats(&after)
		t.Logf("%d steps (%d KB) by 8 clients: %d requests, p50 %.0f ms, p99 %.0f ms, codes %v; heap in use now %.0f MB, most heap from the OS %.0f MB, RSS %s",
			4000, len(big)>>10, m.Requests, ms(m.Latencies.P50), ms(m.Latencies.P99), codes,
			float64(after.HeapInuse)/(1<<20), float64(after.HeapSys)/(1<<20), rss())
	}
	if w := do(s, "POST", "/api/render", "", src); w.Code != 200 || s.api.pending.Load() != 0 {
		t.Errorf("after the load: status %d, %d pending", w.Code, s.api.pending.Load())
	}
}

// ms is d in milliseconds.
func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// rss returns the process's resident set now and at its peak, from
// /proc/self/status, or "?" elsewhere.
func rss() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	var now, peak string
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			now = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			peak = strings.TrimSpace(v)
		}
	}
	return now + " (peak " + peak + ")"
}

// BenchmarkRender is one request to /api/render of the 50-step SOP,
// without the cache and without HTTP: the server's path alone.
func BenchmarkRender(b *testing.B) {
	src, _, _ := loadSOP(b)
	for _, format := range []string{"svg", "pdf"} {
		for _, quick := range []string{"", "&quick=1"} {
			b.Run(format+quick, func(b *testing.B) {
				s := newServer(b, Options{Limits: Limits{Cache: -1}})
				b.ReportAllocs()
				for b.Loop() {
					if w := do(s, "POST", "/api/render?format="+format+quick, "", src); w.Code != 200 {
						b.Fatal(w.Code)
					}
				}
			})
		}
	}
}

// BenchmarkRenderParallel is requests to /api/render of the 50-step SOP
// from 16 goroutines at once, without the cache and without HTTP: the
// server's throughput (ns/op is the time per render over all of them).
func BenchmarkRenderParallel(b *testing.B) {
	src, _, _ := loadSOP(b)
	s := newServer(b, Options{Limits: Limits{Cache: -1, Queue: 64}})
	b.SetParallelism(8)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if w := do(s, "POST", "/api/render", "", src); w.Code != 200 {
				b.Error(w.Code)
			}
		}
	})
}
