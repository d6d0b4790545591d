package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"grader/batch"
	"grader/embeddings"
	"grader/grader"
	"grader/internal/testdb"
	"grader/internal/testenv"
	"grader/notes"
	"grader/store"
	"grader/token"
)

// The suite runs against the real database (`make devdb`); one store serves
// every test, and each test works in a collection of its own.
var testStore *store.Store

// observed collects "METHOD route status" of every request any test made,
// so TestMain can check each against openapi.json.
var observed = struct {
	sync.Mutex
	seen map[string]bool
}{seen: map[string]bool{}}

func TestMain(m *testing.M) {
	ctx := context.Background()
	url := testdb.URL(&testing.T{})
	db, err := store.Open(ctx, url, nil)
	if err != nil {
		fmt.Fprintf(os.Stderr, "web tests need the database (run `make devdb`): %v\n", err)
		os.Exit(1)
	}
	if _, err := db.Migrate(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "migrate: %v\n", err)
		os.Exit(1)
	}
	testStore = db
	code := testenv.Run(m) // the tests, then the one line of what was skipped
	db.Close()
	if code == 0 {
		if problems := undocumentedStatuses(); len(problems) > 0 {
			fmt.Fprintf(os.Stderr, "responses the handlers gave that openapi.json does not document:\n  %s\n", strings.Join(problems, "\n  "))
			code = 1
		}
	}
	os.Exit(code)
}

// undocumentedStatuses compares what the tests saw with the document.
func undocumentedStatuses() []string {
	doc := loadOpenAPI()
	var out []string
	observed.Lock()
	defer observed.Unlock()
	for key := range observed.seen {
		var method, route string
		var status int
		fmt.Sscanf(key, "%s %s %d", &method, &route, &status)
		if route == "unmatched" {
			continue
		}
		op, ok := doc.Paths[openAPIPath(route)][strings.ToLower(method)]
		if !ok {
			out = append(out, key+" (no such operation)")
			continue
		}
		if _, ok := op.Responses[fmt.Sprint(status)]; !ok {
			out = append(out, key)
		}
	}
	sort.Strings(out)
	return out
}

// env is one service over the real pipeline, with the sample notes ingested
// into a collection of its own.
type env struct {
	t    *testing.T
	srv  *Server
	ts   *httptest.Server
	coll string
	ix   *notes.Index
	deps Deps
	// headers are sent with every request (e.g. Authorization).
	headers map[string]string
}

// realDeps builds the production pipeline over the test store.
func realDeps(t *testing.T) (Deps, *notes.Index) {
	t.Helper()
	g := token.DefaultGlossary()
	ix := notes.NewIndex(testStore, embeddings.NewLocal(384, g), g, notes.DefaultChunkOptions(), nil)
	hist := grader.NewHistory(testStore)
	svc := grader.NewService(ix, grader.NewOffline(g, grader.DefaultCalibration()), hist, g)
	return Deps{Grader: svc, Notes: ix, History: hist, Questions: grader.NewQuestions(testStore, ix), Practice: grader.NewPractice(testStore), Batches: batch.NewRunner(svc, testStore, nil), Speech: svc, DB: testStore}, ix
}

type envOption func(*Deps, *Config)

func withConfig(f func(*Config)) envOption { return func(_ *Deps, c *Config) { f(c) } }
func withDeps(f func(*Deps)) envOption     { return func(d *Deps, _ *Config) { f(d) } }

func newEnv(t *testing.T, opts ...envOption) *env {
	t.Helper()
	deps, ix := realDeps(t)
	// Tests make requests in quick bursts; the rate-limit test sets its own.
	cfg := Config{RateLimit: 1000, RateBurst: 1000}
	for _, o := range opts {
		o(&deps, &cfg)
	}
	coll := testdb.Collection(t, "web")
	if _, err := ix.IngestPaths(t.Context(), coll, []string{"../samples/notes"}, nil); err != nil {
		t.Fatalf("ingest the sample notes: %v", err)
	}
	log := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv := New(deps, Config{DefaultCollection: coll}.merge(cfg), log)
	srv.observe = func(method, route string, status int) {
		observed.Lock()
		observed.seen[fmt.Sprintf("%s %s %d", method, route, status)] = true
		observed.Unlock()
	}
	t.Cleanup(srv.Close)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &env{t: t, srv: srv, ts: ts, coll: coll, ix: ix, deps: deps, headers: map[string]string{}}
}

// merge lays o's non-zero fields over c (tests set only what they need).
func (c Config) merge(o Config) Config {
	if o.APIToken != "" {
		c.APIToken = o.APIToken
	}
	if o.JSONBodyLimit != 0 {
		c.JSONBodyLimit = o.JSONBodyLimit
	}
	if o.NotesBodyLimit != 0 {
		c.NotesBodyLimit = o.NotesBodyLimit
	}
	if o.RequestTimeout != 0 {
		c.RequestTimeout = o.RequestTimeout
	}
	if o.GradeTimeout != 0 {
		c.GradeTimeout = o.GradeTimeout
	}
	if o.RateLimit != 0 {
		c.RateLimit = o.RateLimit
	}
	if o.RateBurst != 0 {
		c.RateBurst = o.RateBurst
	}
	if o.ShutdownTimeout != 0 {
		c.ShutdownTimeout = o.ShutdownTimeout
	}
	if o.TrustedProxies != nil {
		c.TrustedProxies = o.TrustedProxies
	}
	if o.BankWait != 0 {
		c.BankWait = o.BankWait
	}
	return c
}

// testWriter sends the server's log to the test's output.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// response is what a test looks at.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r response) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// errorCode checks the contract's error shape and returns its code.
func (r response) errorCode(t *testing.T) string {
	t.Helper()
	var body struct {
		Error struct {
			Code      string `json:"code"`
			Message   string `json:"message"`
			RequestID string `json:"request_id"`
		} `json:"error"`
	}
	r.json(t, &body)
	if body.Error.Code == "" || body.Error.Message == "" {
		t.Fatalf("error body without code or message: %s", r.Body)
	}
	return body.Error.Code
}

func (e *env) do(method, path string, body io.Reader, header ...string) response {
	e.t.Helper()
	req, err := http.NewRequestWithContext(e.t.Context(), method, e.ts.URL+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	for k, v := range e.headers {
		req.Header.Set(k, v)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1] // Go sends req.Host, not a Host header field
			continue
		}
		req.Header.Set(header[i], header[i+1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return response{Status: res.StatusCode, Header: res.Header, Body: b}
}

func (e *env) get(path string, header ...string) response {
	return e.do(http.MethodGet, path, nil, header...)
}

func (e *env) postJSON(path string, v any) response {
	e.t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		e.t.Fatal(err)
	}
	return e.do(http.MethodPost, path, bytes.NewReader(b), "Content-Type", "application/json")
}

// q appends the env's collection to a path.
func (e *env) q(path string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + "collection=" + e.coll
}

func wantStatus(t *testing.T, r response, want int) {
	t.Helper()
	if r.Status != want {
		t.Fatalf("status %d, want %d; body %s", r.Status, want, r.Body)
	}
}
