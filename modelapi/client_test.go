package modelapi

import (
	"net/http"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := []struct {
		name   string
		status int
		header map[string]string
		want   time.Duration
		ok     bool
	}{
		{"seconds", 429, map[string]string{"Retry-After": "7"}, 7 * time.Second, true},
		{"503 too", 503, map[string]string{"Retry-After": "2"}, 2 * time.Second, true},
		{"500 ignores it", 500, map[string]string{"Retry-After": "2"}, 0, false},
		{"ms wins", 429, map[string]string{"Retry-After": "7", "Retry-After-Ms": "250.5"}, 250500 * time.Microsecond, true},
		{"http date", 429, map[string]string{"Retry-After": now.Add(90 * time.Second).Format(http.TimeFormat)}, 90 * time.Second, true},
		{"date in the past", 429, map[string]string{"Retry-After": now.Add(-time.Hour).Format(http.TimeFormat)}, 0, true},
		{"huge seconds capped", 429, map[string]string{"Retry-After": "999999999999"}, MaxRetryAfter, true},
		{"huge ms capped", 429, map[string]string{"Retry-After-Ms": "1e300"}, MaxRetryAfter, true},
		{"negative", 429, map[string]string{"Retry-After": "-1"}, 0, false},
		{"garbage", 429, map[string]string{"Retry-After": "soon", "Retry-After-Ms": "NaN"}, 0, false},
		{"absent", 429, nil, 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp := &http.Response{StatusCode: c.status, Header: http.Header{}}
			for k, v := range c.header {
				resp.Header.Set(k, v)
			}
			got, ok := RetryAfter(resp, now)
			if got != c.want || ok != c.ok {
				t.Errorf("RetryAfter = %v, %v; want %v, %v", got, ok, c.want, c.ok)
			}
		})
	}
	if _, ok := RetryAfter(nil, now); ok {
		t.Error("RetryAfter(nil) reported a wait")
	}
}

func TestJitteredExp(t *testing.T) {
	lo, hi := 100*time.Millisecond, 3*time.Second
	for attempt := range 8 {
		base := min(lo<<attempt, hi)
		for range 50 {
			if d := JitteredExp(lo, hi, attempt); d < base/2 || d > base {
				t.Fatalf("attempt %d: wait %v outside [%v, %v]", attempt, d, base/2, base)
			}
		}
	}
	if d := JitteredExp(lo, hi, 200); d < hi/2 || d > hi { // no overflow for large attempts
		t.Errorf("attempt 200: wait %v", d)
	}
}
