package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
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
			ix, closeFn, err := a.openIndex(cmd.Context())
			if err != nil {
				return err
			}
			defer closeFn()
			bank, err := a.questionBank(ix)
			if err != nil {
				return err
			}
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
