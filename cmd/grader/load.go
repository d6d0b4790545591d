package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"grader/bench"
	"grader/grader"
	"grader/notes"
	"grader/web"
)

// loadOptions are the flags of `grader bench --load`.
type loadOptions struct {
	clients  []int
	duration time.Duration
}

// runLoad starts the product's HTTP service in this process on a free
// loopback port, against the configured database, with the per-client rate
// limit off, and runs the load test against it over coll (the bench's
// corpus, already ingested).
func (a *app) runLoad(ctx context.Context, ix *notes.Index, coll string, opt loadOptions) (bench.LoadResult, error) {
	g, err := a.glossary()
	if err != nil {
		return bench.LoadResult{}, err
	}
	j, err := a.judge()
	if err != nil {
		return bench.LoadResult{}, err
	}
	// As `grader serve` builds it, grades recorded in the history, without
	// the batch runner: a bench must not resume the database's unfinished
	// batches (nor does the load test send any).
	svc := grader.NewService(ix, j, grader.NewHistory(a.db), g)
	bank, err := a.questionBank(ix)
	if err != nil {
		return bench.LoadResult{}, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return bench.LoadResult{}, fmt.Errorf("bench: listen on loopback: %w", err)
	}
	// The server logs only warnings and errors: a line per request would
	// be measured too.
	quiet := slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv := web.New(web.Deps{
		Grader: svc, Notes: ix, History: grader.NewHistory(a.db), Questions: bank, Practice: grader.NewPractice(a.db), Speech: svc, DB: a.db,
	}, web.Config{Addr: ln.Addr().String(), RateLimit: -1, DefaultCollection: coll}, quiet)
	sctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	served := make(chan error, 1)
	go func() { served <- srv.Serve(sctx, ln) }()
	defer func() {
		stop()
		if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.log.Warn("bench: the load test's server", "err", err)
		}
	}()
	return bench.Load(ctx, bench.LoadOptions{
		BaseURL: "http://" + ln.Addr().String(), Collection: coll, Clients: opt.clients, Duration: opt.duration,
		Log: func(stage string) { a.log.Info("bench", "stage", stage) },
	})
}

// printLoad is the load test's part of `grader bench` without --json.
func (a *app) printLoad(res bench.LoadResult) {
	fmt.Fprintf(a.stdout, "\nPOST /api/v1/grade, %.1f s a phase (baselines: GET /api/v1/search of the same questions, GET /healthz)\n", res.DurationS)
	fmt.Fprintf(a.stdout, "%7s  %9s %8s %8s %7s  %9s %8s  %9s  %8s %8s\n", "clients", "grades/s", "p50 ms", "p99 ms", "errors", "search/s", "p50 ms", "healthz/s", "×search", "p50 ×")
	for _, lv := range res.Levels {
		fmt.Fprintf(a.stdout, "%7d  %9.1f %8.1f %8.1f %7s  %9.1f %8.1f  %9.0f  %8.2f %8.2f\n",
			lv.Clients, lv.Grade.RequestsPerS, lv.Grade.P50Ms, lv.Grade.P99Ms,
			fmt.Sprintf("%d+%d", lv.Grade.HTTPErrors, lv.Grade.TransportErrors),
			lv.Search.RequestsPerS, lv.Search.P50Ms, lv.Healthz.RequestsPerS, lv.GradeRPSRatio, lv.GradeP50Ratio)
	}
	fmt.Fprintf(a.stdout, "grades/s at %d clients = %.2f× at %d; errors (non-2xx + transport) in all phases: %d\n",
		res.Levels[len(res.Levels)-1].Clients, res.GradeScaling, res.Levels[0].Clients, res.Errors)
}
