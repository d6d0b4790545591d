package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The load test (`grader bench --load`): closed-loop clients, each sending
// its next request when the last one is answered, against a server on this
// machine's loopback only. Every figure of POST /api/v1/grade is set beside
// two baselines run by the same clients in the same run: GET
// /api/v1/search of the same question (the retrieval a grade starts with,
// through the same HTTP stack and middleware) and GET /healthz (the HTTP
// stack alone: loopback, echo, JSON).

// LoadOptions of a load test.
type LoadOptions struct {
	// BaseURL is the server, e.g. http://127.0.0.1:41234; its host must be
	// a loopback address or localhost.
	BaseURL string
	// Collection the questions are asked of (the bench corpus).
	Collection string
	// Clients are the concurrency levels, each run in turn (default 1, 4, 16).
	Clients []int
	// Duration bounds each phase: one endpoint at one level (default 3 s).
	// In-flight requests are answered after it, bounded by RequestTimeout.
	Duration time.Duration
	// RequestTimeout bounds one request (default 60 s); running out is a
	// transport error.
	RequestTimeout time.Duration
	// Questions asked in turn (default 30), from Questions and Answer.
	Questions int
	// Token, when set, is sent as a bearer token (a server with GRADER_API_TOKEN).
	Token string
	// Log reports progress (stderr); may be nil.
	Log func(stage string)
}

// LoadStats are one endpoint at one concurrency level. Every request sent
// ends as a response (any status, body read whole) or a transport error:
// Requests = Responses + TransportErrors.
type LoadStats struct {
	Requests        int            `json:"requests"`         // sent
	Responses       int            `json:"responses"`        // answered with a status and a whole body
	HTTPErrors      int            `json:"http_errors"`      // responses whose status is not 2xx
	TransportErrors int            `json:"transport_errors"` // no whole answer: refused, reset, timed out, body cut short
	RequestsPerS    float64        `json:"requests_per_s"`   // 2xx responses per second of the phase
	P50Ms           float64        `json:"p50_ms"`           // latency of the 2xx responses, send to last byte
	P99Ms           float64        `json:"p99_ms"`
	Statuses        map[string]int `json:"statuses,omitempty"`    // responses by status code
	FirstError      string         `json:"first_error,omitempty"` // the first error seen, for the log
	Seconds         float64        `json:"seconds"`               // the phase, first request to last answer
}

// Errors are the requests that did not end in a 2xx response.
func (s LoadStats) Errors() int { return s.HTTPErrors + s.TransportErrors }

// LoadLevel is one concurrency level: the grades and their baselines.
type LoadLevel struct {
	Clients int       `json:"clients"`
	Grade   LoadStats `json:"grade"`
	Search  LoadStats `json:"search"`  // baseline: GET /api/v1/search of the same questions
	Healthz LoadStats `json:"healthz"` // baseline: GET /healthz
	// Ratios to the baselines measured at the same level in the same run.
	GradeP50Ratio   float64 `json:"grade_p50_ratio"`   // grade p50 / search p50
	GradeRPSRatio   float64 `json:"grade_rps_ratio"`   // grade requests/s / search requests/s
	HealthzRPSRatio float64 `json:"healthz_rps_ratio"` // grade requests/s / healthz requests/s
}

// LoadResult is the `load` member of `grader bench --load --json`.
type LoadResult struct {
	Levels    []LoadLevel `json:"levels"`
	DurationS float64     `json:"duration_s"` // of each phase
	// GradeScaling is grade requests/s at the most clients over that at
	// one client: how far concurrency helps (the cores and the database's).
	GradeScaling float64 `json:"grade_scaling"`
	Errors       int     `json:"errors"` // every request of every phase that did not end in a 2xx response
	Seconds      float64 `json:"seconds"`
}

// Default load settings.
const (
	DefaultLoadDuration   = 3 * time.Second
	defaultRequestTimeout = 60 * time.Second
)

// DefaultLoadClients are the concurrency levels of the issue.
var DefaultLoadClients = []int{1, 4, 16}

// MaxLoadClients bounds one level: every client holds a connection.
const MaxLoadClients = 256

// ErrNotLoopback refuses a load test of anything but this machine.
var ErrNotLoopback = errors.New("the load test runs against loopback addresses only")

// CheckLoopback accepts http URLs on 127.0.0.0/8, ::1 or localhost.
func CheckLoopback(base string) error {
	u, err := url.Parse(base)
	if err != nil {
		return fmt.Errorf("load: %q: %w", base, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("load: %q is not an http URL", base)
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("%w, not %q", ErrNotLoopback, host)
}

// request is one request a client sends.
type request struct {
	method, path string
	body         []byte
}

// Load runs the grade endpoint and its two baselines at each concurrency
// level in turn. An error is returned for bad options or a cancelled ctx;
// what the server answers is counted, never returned.
func Load(ctx context.Context, opt LoadOptions) (LoadResult, error) {
	began := time.Now()
	if err := CheckLoopback(opt.BaseURL); err != nil {
		return LoadResult{}, err
	}
	if len(opt.Clients) == 0 {
		opt.Clients = DefaultLoadClients
	}
	for _, n := range opt.Clients {
		if n < 1 || n > MaxLoadClients {
			return LoadResult{}, fmt.Errorf("load: %d clients: want 1 to %d", n, MaxLoadClients)
		}
	}
	if opt.Duration <= 0 {
		opt.Duration = DefaultLoadDuration
	}
	if opt.RequestTimeout <= 0 {
		opt.RequestTimeout = defaultRequestTimeout
	}
	if opt.Questions <= 0 {
		opt.Questions = 30
	}
	say := func(format string, args ...any) {
		if opt.Log != nil {
			opt.Log(fmt.Sprintf(format, args...))
		}
	}
	base := strings.TrimRight(opt.BaseURL, "/")
	qs := Questions(opt.Questions)
	grades := make([]request, len(qs))
	searches := make([]request, len(qs))
	for i, q := range qs {
		body, err := json.Marshal(map[string]string{"question": q, "answer": Answer(i), "collection": opt.Collection})
		if err != nil {
			return LoadResult{}, err
		}
		grades[i] = request{http.MethodPost, "/api/v1/grade", body}
		v := url.Values{"q": {q}, "k": {"5"}}
		if opt.Collection != "" {
			v.Set("collection", opt.Collection)
		}
		searches[i] = request{method: http.MethodGet, path: "/api/v1/search?" + v.Encode()}
	}
	health := []request{{method: http.MethodGet, path: "/healthz"}}

	maxClients := 0
	for _, n := range opt.Clients {
		maxClients = max(maxClients, n)
	}
	client := &http.Client{Transport: &http.Transport{
		Proxy:               nil, // loopback: never through a proxy from the environment
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        2 * maxClients,
		MaxIdleConnsPerHost: 2 * maxClients, // the default 2 would open and close connections at 16 clients
		IdleConnTimeout:     time.Minute,
	}}
	defer client.CloseIdleConnections()
	h := hammer{client: client, base: base, token: opt.Token, timeout: opt.RequestTimeout}

	// One grade first, not counted: the first use of a collection reads
	// what later requests find ready (connections, statistics, caches).
	h.do(ctx, grades[0])

	res := LoadResult{DurationS: opt.Duration.Seconds()}
	for _, n := range opt.Clients {
		lv := LoadLevel{Clients: n}
		say("load: %d clients, POST /api/v1/grade for %s", n, opt.Duration)
		lv.Grade = h.run(ctx, grades, n, opt.Duration)
		say("load: %d clients, baseline GET /api/v1/search for %s", n, opt.Duration)
		lv.Search = h.run(ctx, searches, n, opt.Duration)
		say("load: %d clients, baseline GET /healthz for %s", n, opt.Duration)
		lv.Healthz = h.run(ctx, health, n, opt.Duration)
		if err := ctx.Err(); err != nil {
			return res, err
		}
		lv.GradeP50Ratio = fratio(lv.Grade.P50Ms, lv.Search.P50Ms)
		lv.GradeRPSRatio = fratio(lv.Grade.RequestsPerS, lv.Search.RequestsPerS)
		lv.HealthzRPSRatio = fratio(lv.Grade.RequestsPerS, lv.Healthz.RequestsPerS)
		res.Errors += lv.Grade.Errors() + lv.Search.Errors() + lv.Healthz.Errors()
		say("load: %d clients: %.1f grades/s (p50 %.1f ms, p99 %.1f ms, %d errors); search %.1f/s; healthz %.0f/s",
			n, lv.Grade.RequestsPerS, lv.Grade.P50Ms, lv.Grade.P99Ms, lv.Grade.Errors(), lv.Search.RequestsPerS, lv.Healthz.RequestsPerS)
		res.Levels = append(res.Levels, lv)
	}
	first, most := res.Levels[0], res.Levels[0]
	for _, lv := range res.Levels {
		if lv.Clients < first.Clients {
			first = lv
		}
		if lv.Clients > most.Clients {
			most = lv
		}
	}
	res.GradeScaling = fratio(most.Grade.RequestsPerS, first.Grade.RequestsPerS)
	res.Seconds = time.Since(began).Seconds()
	return res, nil
}

func fratio(a, b float64) float64 {
	if b <= 0 {
		return 0
	}
	return a / b
}

// hammer sends requests to one server.
type hammer struct {
	client  *http.Client
	base    string
	token   string
	timeout time.Duration
}

// outcome is one request's end.
type outcome struct {
	status  int // 0: transport error
	latency time.Duration
	err     string
}

// do sends one request and reads the whole answer.
func (h hammer) do(ctx context.Context, r request) outcome {
	ctx, cancel := context.WithTimeout(ctx, h.timeout)
	defer cancel()
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, h.base+r.path, body)
	if err != nil {
		return outcome{err: err.Error()}
	}
	if r.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if h.token != "" {
		req.Header.Set("Authorization", "Bearer "+h.token)
	}
	start := time.Now()
	resp, err := h.client.Do(req)
	if err != nil {
		return outcome{err: err.Error()}
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	elapsed := time.Since(start)
	if err != nil {
		return outcome{err: fmt.Sprintf("status %d, body cut short: %v", resp.StatusCode, err)}
	}
	o := outcome{status: resp.StatusCode, latency: elapsed}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		o.err = fmt.Sprintf("status %d: %s", resp.StatusCode, strings.Join(strings.Fields(string(b[:min(len(b), 300)])), " "))
	}
	return o
}

// run has n clients send reqs (each starting at its own offset) one after
// another until d has passed, and waits for the last answers.
func (h hammer) run(ctx context.Context, reqs []request, n int, d time.Duration) LoadStats {
	var (
		mu  sync.Mutex
		st  = LoadStats{Statuses: map[string]int{}}
		lat []time.Duration
		wg  sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(d)
	for c := range n {
		wg.Go(func() {
			for i := c; time.Now().Before(deadline) && ctx.Err() == nil; i += n {
				o := h.do(ctx, reqs[i%len(reqs)])
				mu.Lock()
				st.Requests++
				if o.status == 0 {
					st.TransportErrors++
				} else {
					st.Responses++
					st.Statuses[strconv.Itoa(o.status)]++
					if o.status >= 200 && o.status <= 299 {
						lat = append(lat, o.latency)
					} else {
						st.HTTPErrors++
					}
				}
				if o.err != "" && st.FirstError == "" {
					st.FirstError = o.err
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	st.Seconds = elapsed.Seconds()
	if elapsed > 0 {
		st.RequestsPerS = float64(len(lat)) / elapsed.Seconds()
	}
	st.P50Ms, st.P99Ms = ms(pct(lat, 50)), ms(pct(lat, 99))
	return st
}
