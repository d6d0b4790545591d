package grader

import (
	"context"
	"log/slog"
	"sync"
)

// Refresher regenerates question banks in the background after notes
// change, so an upload answers when its notes are stored, not after the
// bank of every section is rebuilt. Work is bounded: one bank at a time
// (one core), and marks that arrive while a collection waits or is being
// regenerated fold into one more run. The goroutine exists only while
// there is work.
type Refresher struct {
	refresh func(ctx context.Context, collection string) (int, error)
	log     *slog.Logger

	mu      sync.Mutex
	dirty   []string        // collections waiting, in the order marked
	waiting map[string]bool // the same, as a set
	busy    string          // the collection being regenerated, or ""
	running bool            // the worker goroutine exists
	closed  bool
	done    chan struct{} // closed and replaced each time a run ends
	cancel  context.CancelFunc
	ctx     context.Context
	wg      sync.WaitGroup
}

// NewRefresher runs refresh (Questions.Refresh) in the background. log may be nil.
func NewRefresher(refresh func(ctx context.Context, collection string) (int, error), log *slog.Logger) *Refresher {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Refresher{refresh: refresh, log: log, waiting: map[string]bool{}, done: make(chan struct{}), ctx: ctx, cancel: cancel}
}

// Mark says a collection's notes changed: its bank is regenerated soon.
func (r *Refresher) Mark(collection string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return
	}
	if !r.waiting[collection] {
		r.waiting[collection] = true
		r.dirty = append(r.dirty, collection)
	}
	if !r.running {
		r.running = true
		r.wg.Add(1)
		go r.work()
	}
}

// Pending tells whether a collection's bank is waiting or being regenerated.
func (r *Refresher) Pending(collection string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.waiting[collection] || r.busy == collection
}

// Wait returns once the collection's bank is current (nothing pending), or
// with ctx's error. The work itself goes on when a waiter gives up.
func (r *Refresher) Wait(ctx context.Context, collection string) error {
	for {
		r.mu.Lock()
		pending := r.waiting[collection] || r.busy == collection
		done := r.done
		r.mu.Unlock()
		if !pending {
			return nil
		}
		select {
		case <-done:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Close stops the work in progress (the bank keeps its last good version:
// Refresh replaces it in one transaction) and waits for the worker.
func (r *Refresher) Close() {
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
	r.cancel()
	r.wg.Wait()
}

func (r *Refresher) work() {
	defer r.wg.Done()
	for {
		r.mu.Lock()
		if len(r.dirty) == 0 || r.closed {
			r.running = false
			r.mu.Unlock()
			return
		}
		coll := r.dirty[0]
		r.dirty = r.dirty[1:]
		delete(r.waiting, coll)
		r.busy = coll
		r.mu.Unlock()

		n, err := r.refresh(r.ctx, coll)
		if err != nil {
			r.log.Warn("regenerate question bank", "collection", coll, "err", err)
		} else {
			r.log.Info("question bank regenerated", "collection", coll, "questions", n)
		}

		r.mu.Lock()
		r.busy = ""
		close(r.done)
		r.done = make(chan struct{})
		r.mu.Unlock()
	}
}
