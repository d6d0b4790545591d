package main

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"grader/bench"
)

// benchOutput is `grader bench --json`: the contract's figures, and the
// load test's beside them with --load.
type benchOutput struct {
	bench.Result
	Load *bench.LoadResult `json:"load,omitempty"`
}

func (a *app) benchCommand() *cobra.Command {
	var asJSON bool
	var chunks, queries int
	var load bool
	var loadDuration time.Duration
	var loadClients []int
	cmd := &cobra.Command{
		Use:   "bench [--chunks N] [--load [--load-duration D] [--load-clients 1,4,16]] [--json]",
		Short: "Measure ingest, search and grading against plain SQL baselines run in the same process",
		Long: "Builds a corpus of N chunks in the notes' vocabulary in scratch collections (removed afterwards) and\n" +
			"reports each figure as a ratio to a baseline measured in the same run: ingest vs plain batched INSERTs,\n" +
			"re-ingest vs first ingest, search p50 vs one bare nearest-neighbour query, offline grade vs search,\n" +
			"and the recall of the collection-filtered HNSW search against an exact scan. Progress on stderr.\n" +
			"With --load, it then serves the product's HTTP service in this process on a free loopback port (rate\n" +
			"limit off) over the same corpus and sends POST /api/v1/grade from 1, 4 and 16 concurrent clients for\n" +
			"--load-duration each, beside GET /api/v1/search and GET /healthz at the same concurrency as baselines:\n" +
			"requests/s, p50/p99 and errors (non-2xx and transport) of each, under \"load\" in --json.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if chunks < 8 || chunks > 1_000_000 {
				return usagef("bench: --chunks must be between 8 and 1000000, got %d", chunks)
			}
			if queries < 1 || queries > 10_000 {
				return usagef("bench: --queries must be between 1 and 10000, got %d", queries)
			}
			if load {
				if loadDuration < 10*time.Millisecond || loadDuration > 10*time.Minute {
					return usagef("bench: --load-duration must be between 10ms and 10m, got %s", loadDuration)
				}
				if len(loadClients) == 0 || slices.ContainsFunc(loadClients, func(n int) bool { return n < 1 || n > bench.MaxLoadClients }) {
					return usagef("bench: --load-clients must list numbers from 1 to %d, got %v", bench.MaxLoadClients, loadClients)
				}
			}
			svc, ix, closeFn, err := a.openGrading(cmd.Context(), false)
			if err != nil {
				return err
			}
			defer closeFn()
			var out benchOutput
			opt := bench.Options{Chunks: chunks, Queries: queries, Log: func(stage string) { a.log.Info("bench", "stage", stage) }}
			if load {
				opt.Then = func(ctx context.Context, coll string) error {
					lres, err := a.runLoad(ctx, ix, coll, loadOptions{clients: loadClients, duration: loadDuration})
					out.Load = &lres
					return err
				}
			}
			res, err := bench.Run(cmd.Context(), a.db, ix, svc, opt)
			if err != nil {
				return err
			}
			out.Result = res
			if asJSON {
				return a.printJSON(out)
			}
			fmt.Fprintf(a.stdout, "%d chunks, %.1f s\n", res.Chunks, res.Seconds)
			fmt.Fprintf(a.stdout, "ingest    %6.2f× plain INSERTs  (%.0f vs %.0f chunks/s)\n", res.IngestRatio, res.IngestChunksPerS, res.BaselineChunksPerS)
			fmt.Fprintf(a.stdout, "re-ingest %6.2f× first ingest\n", res.ReingestRatio)
			fmt.Fprintf(a.stdout, "search    %6.2f× bare top-k SQL (p50 %.1f ms, p99 %.1f ms; SQL p50 %.1f ms)\n", res.SearchRatio, res.SearchP50Ms, res.SearchP99Ms, res.BaselineP50Ms)
			fmt.Fprintf(a.stdout, "grade     %6.2f× search        (p50 %.1f ms, p99 %.1f ms)\n", res.GradeRatio, res.GradeP50Ms, res.GradeP99Ms)
			fmt.Fprintf(a.stdout, "filtered HNSW recall@10 %.3f\n", res.FilteredRecall)
			if out.Load != nil {
				a.printLoad(*out.Load)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON document")
	cmd.Flags().IntVar(&chunks, "chunks", 1000, "corpus size in chunks")
	cmd.Flags().IntVar(&queries, "queries", 100, "questions searched and graded (after 5 unmeasured ones)")
	cmd.Flags().BoolVar(&load, "load", false, "also load-test POST /api/v1/grade over HTTP on loopback")
	cmd.Flags().DurationVar(&loadDuration, "load-duration", bench.DefaultLoadDuration, "each phase of the load test (an endpoint at a concurrency)")
	cmd.Flags().IntSliceVar(&loadClients, "load-clients", bench.DefaultLoadClients, "concurrent clients of the load test, in turn")
	return cmd
}
