package web

import (
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics live on a registry of their own rather than the global default, so
// that two servers in one process (tests) do not collide.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	inflight prometheus.Gauge
	grades   *prometheus.CounterVec
	ingest   *prometheus.CounterVec
	files    prometheus.Counter
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "http_requests_total", Help: "HTTP requests by route template, method and status.",
		}, []string{"route", "method", "status"}),
		// Grading with an LLM judge takes tens of seconds: the buckets reach 2 minutes.
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "http_request_duration_seconds", Help: "Time to answer a request, by route template.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120},
		}, []string{"route"}),
		inflight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "http_requests_in_flight", Help: "Requests being served now.",
		}),
		grades: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "grader_grades_total", Help: "Answers graded, by judge (offline or llm) and verdict.",
		}, []string{"judge", "verdict"}),
		ingest: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "grader_ingest_chunks_total", Help: "Chunks seen by uploads and re-indexing, by kind (added, unchanged, deleted, embedded).",
		}, []string{"kind"}),
		files: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "grader_ingest_files_total", Help: "Note files ingested through the API.",
		}),
	}
	m.reg.MustRegister(m.requests, m.duration, m.inflight, m.grades, m.ingest, m.files,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) observe(route, method string, status int, d time.Duration) {
	m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(route).Observe(d.Seconds())
}
