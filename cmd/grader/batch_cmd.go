package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"golang.org/x/time/rate"

	"grader/batch"
	"grader/grader"
	"grader/store"
	"grader/tabular"
)

// Model servers get a few requests at a time, at most llmRate a second;
// the offline judge uses every core.
const (
	llmConcurrency = 4
	llmRate        = 2
)

func (a *app) batchCommand() *cobra.Command {
	var asJSON bool
	var collection, resume, report string
	var concurrency int
	cmd := &cobra.Command{
		Use:   "batch [--collection C] [--json] FILE | batch --resume BATCH_ID",
		Short: "Grade a self-assessment file (CSV, JSONL or Markdown) as one batch",
		Long: "Grade a whole self-assessment file: CSV or JSONL with question, answer and an optional topic,\n" +
			"or Markdown where each `## ` heading is a question and the text under it the answer.\n" +
			"Every line is checked before anything is graded or stored. The batch id is printed on stderr\n" +
			"as soon as the batch is stored; `grader batch --resume ID` finishes a batch whose process died.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case resume == "" && len(args) == 0:
				return usagef("batch: give the self-assessment FILE, or --resume BATCH_ID")
			case resume != "" && len(args) > 0:
				return usagef("batch: give a FILE or --resume, not both")
			case concurrency < 0:
				return usagef("batch: --concurrency must not be negative, got %d", concurrency)
			}
			var items []batch.Item
			source := ""
			if resume == "" {
				if err := validCollection(collection); err != nil {
					return err
				}
				data, err := readRegularFile(args[0], batch.MaxFileSize)
				if err != nil {
					return usagef("batch: read %s: %v", args[0], err)
				}
				source = filepath.Base(args[0])
				if items, err = batch.Parse(args[0], data); err != nil {
					var te *tabular.Error
					var pe *batch.ParseError
					if errors.As(err, &te) || errors.As(err, &pe) {
						return usageError{err}
					}
					return err
				}
			}
			ctx := cmd.Context()
			svc, _, closeFn, err := a.openGrading(ctx, false)
			if err != nil {
				return err
			}
			defer closeFn()
			r := a.batchRunner(svc)
			if concurrency > 0 {
				r.Concurrency = concurrency
			}
			id := resume
			if id == "" {
				if id, err = r.Create(ctx, collection, source, items); err != nil {
					return err
				}
				fmt.Fprintf(a.stderr, "batch %s: %d questions from %s (if this stops, finish it with: grader batch --resume %s)\n", id, len(items), source, id)
			} else {
				fmt.Fprintf(a.stderr, "batch %s: resuming\n", id)
			}
			err = r.Run(ctx, id, resume != "", batch.Progress(a.progress("grading")))
			if errors.Is(err, store.ErrNoBatch) {
				return usagef("batch: --resume %s: no such batch", resume)
			}
			if err != nil {
				if ctx.Err() != nil {
					fmt.Fprintf(a.stderr, "batch %s interrupted; finish it with: grader batch --resume %s\n", id, id)
				}
				return err
			}
			res, err := r.Result(ctx, id)
			if err != nil {
				return err
			}
			if report != "" {
				if err := writeReport(report, res); err != nil {
					return err
				}
				fmt.Fprintf(a.stderr, "report written to %s\n", report)
			}
			if asJSON {
				return a.printJSON(res)
			}
			printBatch(a.stdout, res)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON document")
	cmd.Flags().StringVar(&resume, "resume", "", "finish the batch with this id")
	cmd.Flags().StringVar(&report, "report", "", "also write a self-contained HTML report to this file")
	cmd.Flags().IntVar(&concurrency, "concurrency", 0, "answers graded at once (0: every core offline, 4 with a model server)")
	collectionFlag(cmd, &collection)
	return cmd
}

// batchRunner grades batches with the service's judge: every core offline,
// a few requests at a time within a rate limit with a model server.
func (a *app) batchRunner(svc *grader.Service) *batch.Runner {
	r := batch.NewRunner(svc, a.db, a.log)
	r.Concurrency = runtime.GOMAXPROCS(0)
	if svc.JudgeInfo().Mode != grader.ModeOffline {
		r.Concurrency = llmConcurrency
		r.Limit = rate.NewLimiter(llmRate, llmConcurrency)
	}
	return r
}

// writeReport writes the HTML report next to nothing else: a temporary file
// renamed into place, so that a failure leaves no half report.
func writeReport(path string, res batch.Result) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".report-*.html")
	if err != nil {
		return usagef("batch: --report %s: %v", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := batch.WriteReport(tmp, res); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// printBatch writes a batch for people: each item's score, then where the
// candidate stands and what to study.
func printBatch(w io.Writer, res batch.Result) {
	for _, it := range res.Items {
		switch {
		case it.Grade != nil:
			fmt.Fprintf(w, "%4d  %3d %-9s %s\n", it.Line, it.Grade.Score, it.Grade.Verdict, clip(it.Question, 60))
		default:
			fmt.Fprintf(w, "%4d    - %-9s %s  (%s)\n", it.Line, it.State, clip(it.Question, 60), it.Error)
		}
	}
	s := res.Summary
	fmt.Fprintf(w, "\nbatch %s: %d of %d graded, mean score %.1f", res.BatchID, s.Graded, s.Items, s.MeanScore)
	if s.Failed > 0 {
		fmt.Fprintf(w, ", %d not graded", s.Failed)
	}
	fmt.Fprintln(w)
	if len(s.Topics) > 0 {
		fmt.Fprintln(w, "\nby topic, weakest first:")
		for _, t := range s.Topics {
			fmt.Fprintf(w, "  %5.1f  %s (%d)\n", t.MeanScore, t.Topic, t.Items)
		}
	}
	if len(s.Weakest) > 0 {
		fmt.Fprintln(w, "\nstudy these passages:")
		for _, p := range s.Weakest {
			fmt.Fprintf(w, "  - %s\n    %s, %s (missed %d, wrong %d)\n", clip(p.Point, 90), p.Note, strings.Join(p.Heading, " > "), p.Missed, p.Incorrect)
		}
	}
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

var (
	_ batch.Grader = (*grader.Service)(nil)
	_ batch.Store  = (*store.Store)(nil)
)
