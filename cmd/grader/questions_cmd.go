package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"grader/grader"
)

func (a *app) questionsCommand() *cobra.Command {
	var asJSON bool
	var collection, topic string
	cmd := &cobra.Command{
		Use:   "questions [--collection C] [--topic T] [--json]",
		Short: "Regenerate the question bank from the notes and list it by topic",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := validCollection(collection); err != nil {
				return err
			}
			bank, closeFn, err := a.openBank(cmd.Context())
			if err != nil {
				return err
			}
			defer closeFn()
			if _, err := bank.Refresh(cmd.Context(), collection); err != nil {
				return err
			}
			qs, err := bank.List(cmd.Context(), collection, strings.TrimSpace(topic))
			if err != nil {
				return err
			}
			if asJSON {
				return a.printJSON(map[string]any{"questions": qs})
			}
			if len(qs) == 0 {
				if topic != "" {
					fmt.Fprintf(a.stdout, "no questions on topic %q in collection %q\n", topic, collection)
				} else {
					fmt.Fprintf(a.stdout, "no questions in collection %q; ingest notes first (grader ingest PATH)\n", collection)
				}
				return nil
			}
			last := "\x00"
			for _, q := range qs {
				if q.Topic != last {
					if last != "\x00" {
						fmt.Fprintln(a.stdout)
					}
					fmt.Fprintf(a.stdout, "%s\n", q.Topic)
					last = q.Topic
				}
				fmt.Fprintf(a.stdout, "  - %s\n", q.Question)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, `print one JSON document: {"questions": [...]}`)
	cmd.Flags().StringVar(&topic, "topic", "", "only this topic (as listed)")
	collectionFlag(cmd, &collection)
	return cmd
}

// openBank opens the database and the question bank over its index.
func (a *app) openBank(ctx context.Context) (*grader.Questions, func(), error) {
	ix, closeFn, err := a.openIndex(ctx)
	if err != nil {
		return nil, nil, err
	}
	bank, err := a.questionBank(ix)
	if err != nil {
		closeFn()
		return nil, nil, err
	}
	return bank, closeFn, nil
}

// maxNext bounds `grader next --n`.
const maxNext = 200

func (a *app) nextCommand() *cobra.Command {
	var asJSON bool
	var collection string
	var n int
	cmd := &cobra.Command{
		Use:   "next [--collection C] [--n N] [--json]",
		Short: "The questions to practise next: due ones (least likely recalled first), then new ones",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := validCollection(collection); err != nil {
				return err
			}
			if n < 1 || n > maxNext {
				return usagef("next: --n must be between 1 and %d, got %d", maxNext, n)
			}
			bank, closeFn, err := a.openBank(cmd.Context())
			if err != nil {
				return err
			}
			defer closeFn()
			// the bank's unanswered questions are part of the order
			if have, err := bank.List(cmd.Context(), collection, ""); err != nil {
				return err
			} else if len(have) == 0 {
				if _, err := bank.Refresh(cmd.Context(), collection); err != nil {
					return err
				}
			}
			qs, err := grader.NewPractice(a.db).Next(cmd.Context(), collection, n, time.Now())
			if err != nil {
				return err
			}
			if asJSON {
				return a.printJSON(map[string]any{"questions": qs})
			}
			if len(qs) == 0 {
				fmt.Fprintf(a.stdout, "nothing to practise in collection %q yet: ingest notes (grader ingest PATH) or grade an answer\n", collection)
				return nil
			}
			for _, q := range qs {
				line := fmt.Sprintf("%-5s %s", q.Reason, q.Question.Question)
				if q.Recall != nil {
					line += fmt.Sprintf("  (recall %.0f%%, last %d, %d tries)", *q.Recall*100, *q.LastScore, q.Attempts)
				}
				fmt.Fprintln(a.stdout, line)
				if q.Flag != "" {
					fmt.Fprintf(a.stdout, "      ! %s\n", q.Flag)
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, `print one JSON document: {"questions": [...]}`)
	cmd.Flags().IntVar(&n, "n", 10, "how many questions")
	collectionFlag(cmd, &collection)
	return cmd
}
