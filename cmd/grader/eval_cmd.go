package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"grader/grader"
)

func (a *app) evalCommand() *cobra.Command {
	var asJSON bool
	var collection, dataset, baseline string
	var limit int
	var given bool
	cmd := &cobra.Command{
		Use:   "eval [--collection C] --dataset FILE [--baseline tfidf]",
		Short: "Grade a labelled dataset through retrieval and compare with the human scores",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if dataset == "" {
				return usagef("eval: --dataset FILE is required")
			}
			if baseline != "" && baseline != "tfidf" {
				return usagef("eval: --baseline must be tfidf, got %q", baseline)
			}
			if limit < 0 {
				return usagef("eval: --limit must not be negative")
			}
			if err := validCollection(collection); err != nil {
				return err
			}
			items, err := grader.ReadDataset(dataset)
			if err != nil {
				return usageError{err}
			}
			if limit > 0 && limit < len(items) {
				items = items[:limit]
			}
			svc, ix, closeFn, err := a.openGrading(cmd.Context(), false)
			if err != nil {
				return err
			}
			defer closeFn()
			res, err := grader.RunEval(cmd.Context(), ix, svc, items, grader.EvalOptions{
				Collection: collection, Baseline: baseline, Given: given,
				Progress: func(done, total int) {
					if done%500 == 0 || done == total {
						a.log.Info("eval", "done", done, "total", total)
					}
				},
			})
			if err != nil {
				return err
			}
			if asJSON {
				return a.printJSON(res)
			}
			printEval(a.stdout, res)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON document")
	cmd.Flags().StringVar(&dataset, "dataset", "", "labelled CSV or JSONL (question, reference_answer, answer, score|label)")
	cmd.Flags().StringVar(&baseline, "baseline", "", "also score the data with this baseline (tfidf)")
	cmd.Flags().BoolVar(&given, "given", false, "grade each answer against its own reference, handed over as the baseline is (no retrieval)")
	cmd.Flags().IntVar(&limit, "limit", 0, "grade only the first N items (0 = all)")
	collectionFlag(cmd, &collection)
	return cmd
}

func readAllLimited(r io.Reader, n int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, n+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > n {
		return nil, fmt.Errorf("input is larger than %d bytes", n)
	}
	return b, nil
}

// printEval writes an eval result for people: each metric beside the baseline's.
func printEval(w io.Writer, r grader.EvalResult) {
	fmt.Fprintf(w, "%d items (%s), %.1f s\n", r.N, r.Kind, r.Seconds)
	row := func(name string, v, base *float64) {
		if v == nil {
			return
		}
		fmt.Fprintf(w, "  %-20s %.3f", name, *v)
		if base != nil {
			fmt.Fprintf(w, "   (tf-idf %.3f)", *base)
		}
		fmt.Fprintln(w)
	}
	var b grader.EvalResult
	if r.Baseline != nil {
		b = *r.Baseline
	}
	row("pearson", r.Pearson, b.Pearson)
	row("spearman", r.Spearman, b.Spearman)
	row("rmse (after fit)", r.RMSE, b.RMSE)
	row("qwk", r.QWK, b.QWK)
	row("accuracy", r.Accuracy, b.Accuracy)
	row("macro_f1", r.MacroF1, b.MacroF1)
	row("auc", r.AUC, b.AUC)
	row("retrieval_hit_at_5", r.RetrievalHitAt5, nil)
}
