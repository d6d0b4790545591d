package bench

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fakeServer answers the three endpoints of the load test; grade decides
// what POST /api/v1/grade does. It counts what it was sent.
type fakeServer struct {
	grades, searches, healthz atomic.Int64
}

func (f *fakeServer) start(t *testing.T, grade http.HandlerFunc) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/v1/grade", func(w http.ResponseWriter, r *http.Request) {
		f.grades.Add(1)
		var body struct{ Question, Answer, Collection string }
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.Question == "" || body.Answer == "" || body.Collection != "c" {
			http.Error(w, "bad grade request", http.StatusBadRequest)
			return
		}
		grade(w, r)
	})
	mux.HandleFunc("GET /api/v1/search", func(w http.ResponseWriter, r *http.Request) {
		f.searches.Add(1)
		if r.URL.Query().Get("q") == "" || r.URL.Query().Get("collection") != "c" {
			http.Error(w, "bad search", http.StatusBadRequest)
			return
		}
		w.Write([]byte(`{"passages": []}`))
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		f.healthz.Add(1)
		w.Write([]byte(`{"status": "ok"}`))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func okGrade(w http.ResponseWriter, _ *http.Request) {
	time.Sleep(2 * time.Millisecond)
	w.Write([]byte(`{"score": 50}`))
}

// checkCounts holds for every phase: each request sent ends as a response or
// a transport error, and the statuses add up to the responses.
func checkCounts(t *testing.T, what string, s LoadStats) {
	t.Helper()
	if s.Requests == 0 {
		t.Errorf("%s: no requests sent", what)
	}
	if s.Requests != s.Responses+s.TransportErrors {
		t.Errorf("%s: %d requests, %d responses + %d transport errors", what, s.Requests, s.Responses, s.TransportErrors)
	}
	n := 0
	for _, c := range s.Statuses {
		n += c
	}
	if n != s.Responses {
		t.Errorf("%s: statuses %v add up to %d, responses %d", what, s.Statuses, n, s.Responses)
	}
}

func TestLoadHealthyServerHasNoErrors(t *testing.T) {
	var f fakeServer
	srv := f.start(t, okGrade)
	res, err := Load(t.Context(), LoadOptions{BaseURL: srv.URL, Collection: "c", Clients: []int{1, 4}, Duration: 150 * time.Millisecond, Questions: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Levels) != 2 || res.Levels[0].Clients != 1 || res.Levels[1].Clients != 4 {
		t.Fatalf("levels = %+v, want 1 and 4 clients", res.Levels)
	}
	if res.Errors != 0 {
		t.Errorf("%d errors against a healthy server: %+v", res.Errors, res.Levels)
	}
	var grades, searches, health int
	for _, lv := range res.Levels {
		for what, s := range map[string]LoadStats{"grade": lv.Grade, "search": lv.Search, "healthz": lv.Healthz} {
			checkCounts(t, what, s)
			if s.Errors() != 0 || s.Responses != s.Requests || s.Statuses["200"] != s.Requests {
				t.Errorf("%d clients, %s: %+v, want every request answered 200", lv.Clients, what, s)
			}
			if s.RequestsPerS <= 0 || s.P50Ms <= 0 || s.P99Ms < s.P50Ms {
				t.Errorf("%d clients, %s: %.1f/s, p50 %.2f ms, p99 %.2f ms", lv.Clients, what, s.RequestsPerS, s.P50Ms, s.P99Ms)
			}
		}
		if lv.GradeP50Ratio <= 0 || lv.GradeRPSRatio <= 0 || lv.HealthzRPSRatio <= 0 {
			t.Errorf("%d clients: ratios %+v", lv.Clients, lv)
		}
		grades += lv.Grade.Requests
		searches += lv.Search.Requests
		health += lv.Healthz.Requests
	}
	// The server saw what was counted (and the one warm-up grade).
	if int(f.grades.Load()) != grades+1 || int(f.searches.Load()) != searches || int(f.healthz.Load()) != health {
		t.Errorf("server saw %d grades, %d searches, %d healthz; counted %d (+1 warm-up), %d, %d",
			f.grades.Load(), f.searches.Load(), f.healthz.Load(), grades, searches, health)
	}
	if res.GradeScaling <= 0 {
		t.Errorf("grade scaling %v", res.GradeScaling)
	}
}

func TestLoadCountsServerErrors(t *testing.T) {
	var f fakeServer
	srv := f.start(t, func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, `{"error": {"code": "internal", "message": "broken"}}`, http.StatusInternalServerError)
	})
	res, err := Load(t.Context(), LoadOptions{BaseURL: srv.URL, Collection: "c", Clients: []int{4}, Duration: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	g := res.Levels[0].Grade
	checkCounts(t, "grade", g)
	if g.HTTPErrors != g.Requests || g.Statuses["500"] != g.Requests || g.TransportErrors != 0 {
		t.Errorf("grade against a failing server: %+v, want every request a 500", g)
	}
	if g.RequestsPerS != 0 || g.P50Ms != 0 {
		t.Errorf("failed requests counted as throughput: %.1f/s, p50 %.2f ms", g.RequestsPerS, g.P50Ms)
	}
	if !strings.Contains(g.FirstError, "500") || !strings.Contains(g.FirstError, "broken") {
		t.Errorf("first error = %q, want the status and the body", g.FirstError)
	}
	if s := res.Levels[0].Search; s.Errors() != 0 {
		t.Errorf("the search baseline failed too: %+v", s)
	}
	if res.Errors != g.Requests {
		t.Errorf("errors = %d, want the %d failed grades", res.Errors, g.Requests)
	}
}

func TestLoadCountsTransportErrors(t *testing.T) {
	var f fakeServer
	srv := f.start(t, func(w http.ResponseWriter, _ *http.Request) {
		// The connection closes without an answer.
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	})
	res, err := Load(t.Context(), LoadOptions{BaseURL: srv.URL, Collection: "c", Clients: []int{4}, Duration: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	g := res.Levels[0].Grade
	checkCounts(t, "grade", g)
	if g.TransportErrors != g.Requests || g.Responses != 0 || g.HTTPErrors != 0 || g.FirstError == "" {
		t.Errorf("grade against a server that hangs up: %+v, want every request a transport error", g)
	}
}

// The phase ends at its duration: requests in flight then are answered, none
// is started after it.
func TestLoadIsBoundedInTime(t *testing.T) {
	var f fakeServer
	srv := f.start(t, func(w http.ResponseWriter, _ *http.Request) {
		time.Sleep(40 * time.Millisecond)
		w.Write([]byte(`{}`))
	})
	start := time.Now()
	res, err := Load(t.Context(), LoadOptions{BaseURL: srv.URL, Collection: "c", Clients: []int{16}, Duration: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	g := res.Levels[0].Grade
	// 16 clients for 100 ms at 40 ms a request: 3 rounds at most, each client.
	if g.Requests > 16*3 || g.Seconds > 0.5 {
		t.Errorf("%d requests in %.2f s, want at most 48 within about 140 ms", g.Requests, g.Seconds)
	}
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("the whole run took %s", el)
	}
}

func TestLoadRefusesAnythingButLoopback(t *testing.T) {
	for _, u := range []string{"http://example.com", "http://10.0.0.1:8080", "http://[2001:db8::1]:80", "ftp://127.0.0.1/"} {
		if _, err := Load(t.Context(), LoadOptions{BaseURL: u, Clients: []int{1}, Duration: time.Millisecond}); err == nil {
			t.Errorf("Load(%s) ran", u)
		} else if strings.HasPrefix(u, "http:") && !errors.Is(err, ErrNotLoopback) {
			t.Errorf("Load(%s): %v, want ErrNotLoopback", u, err)
		}
	}
	for _, u := range []string{"http://127.0.0.1:1", "http://localhost:8080", "http://[::1]:80"} {
		if err := CheckLoopback(u); err != nil {
			t.Errorf("CheckLoopback(%s): %v", u, err)
		}
	}
	if _, err := Load(t.Context(), LoadOptions{BaseURL: "http://127.0.0.1:1", Clients: []int{0}}); err == nil {
		t.Error("0 clients accepted")
	}
}
