package modelapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/sony/gobreaker/v2"
)

// ErrCircuitOpen is returned, at once, for a request to a model server that
// failed breakerTrips requests in a row: a dead server is not waited on by
// every request for its timeout and retries. Callers fall back (the offline
// judge) as for any other failure.
var ErrCircuitOpen = errors.New("model server is failing: not asked again for a while")

// Circuit breaker parameters: trip after breakerTrips failed requests in a
// row (each already retried), stay open for BreakerOpen, then let one
// request through to see whether the server is back.
const (
	breakerTrips       = 3
	DefaultBreakerOpen = 30 * time.Second
)

// breakerTransport keeps one breaker per model server (host): the chat and
// the embedding server may be different machines.
type breakerTransport struct {
	inner http.RoundTripper
	open  time.Duration

	mu       sync.Mutex
	breakers map[string]*gobreaker.CircuitBreaker[*http.Response]
}

// serverFault carries a response that counts as a failure (5xx, 429 after
// the retries) through the breaker, to be passed on as it is.
type serverFault struct{ resp *http.Response }

func (e *serverFault) Error() string {
	return fmt.Sprintf("model server answered %d", e.resp.StatusCode)
}

func (b *breakerTransport) breaker(host string) *gobreaker.CircuitBreaker[*http.Response] {
	b.mu.Lock()
	defer b.mu.Unlock()
	if cb := b.breakers[host]; cb != nil {
		return cb
	}
	cb := gobreaker.NewCircuitBreaker[*http.Response](gobreaker.Settings{
		Name:        host,
		MaxRequests: 1,
		Timeout:     b.open,
		ReadyToTrip: func(c gobreaker.Counts) bool { return c.ConsecutiveFailures >= breakerTrips },
		// A caller that gave up (the user left) says nothing about the server.
		IsSuccessful: func(err error) bool { return err == nil || errors.Is(err, context.Canceled) },
	})
	b.breakers[host] = cb
	return cb
}

func (b *breakerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	cb := b.breaker(req.URL.Host)
	resp, err := cb.Execute(func() (*http.Response, error) {
		resp, err := b.inner.RoundTrip(req)
		if err == nil && (resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests) {
			return resp, &serverFault{resp}
		}
		return resp, err
	})
	var sf *serverFault
	switch {
	case errors.As(err, &sf):
		return sf.resp, nil // go-openai reads the server's error from the body
	case errors.Is(err, gobreaker.ErrOpenState), errors.Is(err, gobreaker.ErrTooManyRequests):
		return nil, fmt.Errorf("%w (%s failed %d requests in a row; trying again within %s)", ErrCircuitOpen, req.URL.Host, breakerTrips, b.open)
	}
	return resp, err
}
