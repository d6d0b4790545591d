package modelapi

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
	openai "github.com/sashabaranov/go-openai"
	"github.com/sony/gobreaker/v2"
)

// MaxRetryAfter caps how long a server's Retry-After can hold a request. A
// rate-limited request retried after this long fails with the server's own
// 429 if the limit still holds, which beats hanging for an hour.
const MaxRetryAfter = 2 * time.Minute

// RetryPolicy says how a client retries.
type RetryPolicy struct {
	MaxRetries     int           // after the first attempt; 0 or less never retries
	BackoffMin     time.Duration // default 500ms
	BackoffMax     time.Duration // default 30s
	AttemptTimeout time.Duration // one attempt; 0: none (the request's context still bounds it)
	BreakerOpen    time.Duration // how long a failing server is left alone; default 30s (see ErrCircuitOpen)
}

// Policy is the retry policy of the configuration.
func (c Config) Policy() RetryPolicy {
	return RetryPolicy{MaxRetries: max(c.MaxRetries, 0), AttemptTimeout: c.Timeout}
}

// NewHTTPClient returns the retrying client every model request goes
// through; go-openai retries nothing itself. retryablehttp retries connection
// errors, 429 and 5xx (but not 501), rewinding the request body, and stops
// when the request's context is done. It waits with jittered exponential
// backoff, or what a 429/503's Retry-After asks (capped). After the last
// attempt the server's response is passed through, so that go-openai turns
// its body into an *openai.APIError with the server's message. base supplies
// the transport (nil: a pooled default) and is not modified.
func NewHTTPClient(p RetryPolicy, base *http.Client, log *slog.Logger) *http.Client {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if p.BackoffMin <= 0 {
		p.BackoffMin = 500 * time.Millisecond
	}
	if p.BackoffMax < p.BackoffMin {
		p.BackoffMax = max(30*time.Second, p.BackoffMin)
	}
	var inner http.Client
	if base != nil {
		inner = *base
	} else {
		inner = *cleanhttp.DefaultPooledClient()
	}
	inner.Timeout = p.AttemptTimeout
	rc := &retryablehttp.Client{
		HTTPClient:   &inner,
		RetryWaitMin: p.BackoffMin,
		RetryWaitMax: p.BackoffMax,
		RetryMax:     max(p.MaxRetries, 0),
		CheckRetry:   retryablehttp.DefaultRetryPolicy,
		Backoff: func(lo, hi time.Duration, attempt int, resp *http.Response) time.Duration {
			wait, reason := time.Duration(0), "backoff"
			if d, ok := RetryAfter(resp, time.Now()); ok {
				wait, reason = d, "retry-after"
			} else {
				wait = JitteredExp(lo, hi, attempt)
			}
			status, path := 0, ""
			if resp != nil {
				status = resp.StatusCode
				if resp.Request != nil {
					path = resp.Request.URL.Path
				}
			}
			log.Warn("model request failed, retrying",
				"status", status, // 0: no response (connection error or timeout)
				"path", path, "retry", attempt+1, "max_retries", p.MaxRetries, "wait", wait, "wait_from", reason)
			return wait
		},
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
		RequestLogHook: func(_ retryablehttp.Logger, req *http.Request, attempt int) {
			if n, ok := req.Context().Value(attemptsKey{}).(*atomic.Int32); ok {
				n.Store(int32(attempt + 1))
			}
		},
		// Logger stays nil: retryablehttp would log every request; Backoff
		// logs the retries, which are what an operator wants to see.
	}
	open := p.BreakerOpen
	if open <= 0 {
		open = DefaultBreakerOpen
	}
	// The breaker sits outside the retries: a request that failed after all
	// of them is one failure.
	return &http.Client{Transport: &breakerTransport{inner: rc.StandardClient().Transport, open: open, breakers: map[string]*gobreaker.CircuitBreaker[*http.Response]{}}}
}

type attemptsKey struct{}

// CountAttempts returns a context whose requests through a client of
// NewHTTPClient record how many attempts they took, so that errors can say so.
func CountAttempts(ctx context.Context) (context.Context, *atomic.Int32) {
	var n atomic.Int32
	return context.WithValue(ctx, attemptsKey{}, &n), &n
}

// OpenAIConfig is go-openai's configuration for an endpoint over hc.
func OpenAIConfig(e Endpoint, hc *http.Client) openai.ClientConfig {
	oc := openai.DefaultConfig(e.APIKey)
	if e.BaseURL != "" {
		oc.BaseURL = e.BaseURL
	}
	oc.HTTPClient = hc
	return oc
}

// JitteredExp is exponential backoff with jitter: lo·2^attempt, capped at
// hi, then a random point in its upper half, so that requests that failed
// together do not retry in lockstep.
func JitteredExp(lo, hi time.Duration, attempt int) time.Duration {
	d := hi
	if attempt < 62 {
		if e := lo << attempt; e > 0 && e>>attempt == lo && e < hi {
			d = e
		}
	}
	if d <= 1 {
		return d
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

// RetryAfter reads the server's requested wait from a 429 or 503 response:
// OpenAI's retry-after-ms (milliseconds, fractional) or the standard
// Retry-After (seconds or an HTTP date), capped at MaxRetryAfter.
func RetryAfter(resp *http.Response, now time.Time) (time.Duration, bool) {
	if resp == nil || (resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable) {
		return 0, false
	}
	if v := resp.Header.Get("Retry-After-Ms"); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms >= 0 { // NaN fails ms >= 0
			return time.Duration(min(ms, float64(MaxRetryAfter/time.Millisecond)) * float64(time.Millisecond)), true
		}
	}
	v := resp.Header.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 {
			return 0, false
		}
		if s > int64(MaxRetryAfter/time.Second) {
			return MaxRetryAfter, true
		}
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), MaxRetryAfter), true
	}
	return 0, false
}
