package modelapi

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// A server that keeps failing is asked breakerTrips times (each with its
// retries), then not at all until the breaker's open time has passed; then
// one request goes through, and a healthy answer closes the breaker.
func TestBreakerStopsAskingADeadServer(t *testing.T) {
	var hits atomic.Int32
	var healthy atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if healthy.Load() {
			w.WriteHeader(http.StatusOK)
			return
		}
		http.Error(w, `{"error":{"message":"overloaded"}}`, http.StatusInternalServerError)
	}))
	defer srv.Close()
	hc := NewHTTPClient(RetryPolicy{MaxRetries: 1, BackoffMin: time.Millisecond, BackoffMax: time.Millisecond, BreakerOpen: 200 * time.Millisecond}, nil, nil)
	get := func() (*http.Response, error) {
		resp, err := hc.Get(srv.URL)
		if err == nil {
			resp.Body.Close()
		}
		return resp, err
	}
	for i := range breakerTrips {
		resp, err := get()
		if err != nil || resp.StatusCode != http.StatusInternalServerError {
			t.Fatalf("request %d: %v, %v; want the server's 500 passed through", i, resp, err)
		}
	}
	if got := hits.Load(); got != 2*breakerTrips {
		t.Fatalf("%d hits for %d requests with one retry each", got, breakerTrips)
	}
	start := time.Now()
	_, err := get()
	if !errors.Is(err, ErrCircuitOpen) {
		t.Fatalf("request after %d failures: %v, want ErrCircuitOpen", breakerTrips, err)
	}
	if hits.Load() != 2*breakerTrips || time.Since(start) > 100*time.Millisecond {
		t.Fatalf("the open breaker still asked the server (%d hits) or waited %v", hits.Load(), time.Since(start))
	}
	healthy.Store(true)
	time.Sleep(250 * time.Millisecond)
	for i := range 3 {
		resp, err := get()
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("request %d after the server came back: %v, %v", i, resp, err)
		}
	}
}

// Client errors (400, 401) are answers, not faults: they never trip it.
func TestBreakerIgnoresClientErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "bad request", http.StatusBadRequest)
	}))
	defer srv.Close()
	hc := NewHTTPClient(RetryPolicy{}, nil, nil)
	for i := range 2 * breakerTrips {
		resp, err := hc.Get(srv.URL)
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		resp.Body.Close()
	}
}
