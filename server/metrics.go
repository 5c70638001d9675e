package server

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus metrics, in a registry of its own
// (never the global one), so that two Servers in one process do not
// collide.
type metrics struct {
	reg           *prometheus.Registry
	requests      *prometheus.CounterVec   // by route and code
	latency       *prometheus.HistogramVec // by route
	inFlight      prometheus.Gauge         // renders holding a slot
	queued        prometheus.Gauge         // renders waiting for one
	queueCapacity prometheus.Gauge
	errors        *prometheus.CounterVec // by kind
	cache         *prometheus.CounterVec // hit or miss
	panics        prometheus.Counter
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sopflow_http_requests_total",
			Help: "HTTP requests answered, by route pattern and status code."}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "sopflow_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}}, []string{"route"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{Name: "sopflow_renders_in_flight",
			Help: "Renders running, each holding a slot."}),
		queued: prometheus.NewGauge(prometheus.GaugeOpts{Name: "sopflow_renders_queued",
			Help: "Renders waiting for a slot."}),
		queueCapacity: prometheus.NewGauge(prometheus.GaugeOpts{Name: "sopflow_renders_capacity",
			Help: "Renders running and waiting beyond which requests are answered 503."}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sopflow_errors_total",
			Help: "Requests answered with an error, by kind: bad_request, too_large, invalid, overloaded, timeout, no_ranker, ranker, canceled, panic, internal."}, []string{"kind"}),
		cache: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sopflow_cache_requests_total",
			Help: "Lookups in the cache of answers, by result: hit or miss."}, []string{"result"}),
		panics: prometheus.NewCounter(prometheus.CounterOpts{Name: "sopflow_http_panics_total",
			Help: "Panics recovered in HTTP handlers outside the renders."}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.inFlight, m.queued, m.queueCapacity, m.errors, m.cache, m.panics,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// handler serves the metrics in Prometheus' text format.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// recorder records an answer's status and size.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// instrument wraps next (the mux) with the access log, the metrics and a
// recovery of panics: a panic in a handler is logged with its stack and
// answered 500, and the server goes on.
func (s *Server) instrument(next http.Handler) http.Handler {
	m, log := s.api.metrics, s.opt.Logger
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				buf := make([]byte, 16<<10)
				buf = buf[:runtime.Stack(buf, false)]
				log.Error("panic in a handler", "panic", fmt.Sprint(v), "method", r.Method, "path", logPath(r), "stack", string(buf))
				m.panics.Inc()
				if rec.status == 0 {
					rec.Header().Set("Content-Type", "application/json")
					rec.WriteHeader(http.StatusInternalServerError)
					rec.Write([]byte(`{"problems":[{"severity":"error","message":"internal error"}]}` + "\n"))
				}
			}
			if rec.status == 0 {
				rec.status = http.StatusOK
			}
			route := r.Pattern
			if route == "" {
				route = "other"
			}
			d := time.Since(start)
			m.requests.WithLabelValues(route, strconv.Itoa(rec.status)).Inc()
			m.latency.WithLabelValues(route).Observe(d.Seconds())
			level := slog.LevelInfo
			if rec.status >= 500 {
				level = slog.LevelError
			}
			log.LogAttrs(r.Context(), level, "request", slog.String("method", r.Method), slog.String("path", logPath(r)),
				slog.String("route", route), slog.Int("status", rec.status), slog.Int64("bytes", rec.bytes),
				slog.Float64("ms", float64(d.Microseconds())/1000), slog.String("remote", r.RemoteAddr))
		}()
		next.ServeHTTP(rec, r)
	})
}

// logPath is r's path for the log, cut short: a Kroki URL carries a whole
// SOP.
func logPath(r *http.Request) string {
	p := r.URL.Path
	if len(p) > 120 {
		p = p[:120] + "..."
	}
	return p
}
