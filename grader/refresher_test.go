package grader

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// recorder is a bank refresh that records its runs and can be held open.
type recorder struct {
	mu      sync.Mutex
	runs    []string
	running int
	most    int // the most runs at once
	hold    chan struct{}
}

func (f *recorder) refresh(ctx context.Context, coll string) (int, error) {
	f.mu.Lock()
	f.runs = append(f.runs, coll)
	f.running++
	f.most = max(f.most, f.running)
	hold := f.hold
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.running--
		f.mu.Unlock()
	}()
	if hold != nil {
		select {
		case <-hold:
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	return len(coll), nil
}

func (f *recorder) count(coll string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.runs {
		if c == coll {
			n++
		}
	}
	return n
}

func TestRefresherCoalescesAndRunsOneAtATime(t *testing.T) {
	f := &recorder{hold: make(chan struct{})}
	r := NewRefresher(f.refresh, nil)
	defer r.Close()
	r.Mark("a")
	// While a's bank is being made, more uploads to a and one to b arrive.
	waitFor(t, func() bool { return f.count("a") == 1 })
	for range 5 {
		r.Mark("a")
	}
	r.Mark("b")
	if !r.Pending("a") || !r.Pending("b") || r.Pending("c") {
		t.Fatalf("pending a=%v b=%v c=%v; want a and b only", r.Pending("a"), r.Pending("b"), r.Pending("c"))
	}
	close(f.hold)
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	if err := r.Wait(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if err := r.Wait(ctx, "b"); err != nil {
		t.Fatal(err)
	}
	// a once for the first mark and once for the five that came during it; b once.
	if f.count("a") != 2 || f.count("b") != 1 || f.most != 1 {
		t.Errorf("runs %v, at most %d at once; want a twice, b once, one at a time", f.runs, f.most)
	}
	if r.Pending("a") || r.Pending("b") {
		t.Error("still pending after Wait")
	}
}

func TestRefresherWaitGivesUpAndCloseStopsWork(t *testing.T) {
	f := &recorder{hold: make(chan struct{})}
	r := NewRefresher(f.refresh, nil)
	r.Mark("a")
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if err := r.Wait(ctx, "a"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Wait on a held refresh = %v; want the deadline", err)
	}
	if !r.Pending("a") {
		t.Fatal("the work stopped when the waiter gave up")
	}
	stopped := make(chan struct{})
	go func() { r.Close(); close(stopped) }()
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not stop the refresh in progress")
	}
	r.Mark("b") // after Close: ignored, no goroutine
	if f.count("b") != 0 {
		t.Error("a mark after Close ran")
	}
}

func TestRefresherWaitWithNothingPending(t *testing.T) {
	r := NewRefresher((&recorder{}).refresh, nil)
	defer r.Close()
	if err := r.Wait(t.Context(), "a"); err != nil {
		t.Fatal(err)
	}
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in 10 s")
		}
		time.Sleep(time.Millisecond)
	}
}
