package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"grader/notes"
)

func (a *app) migrateCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "migrate",
		Short: "Apply the embedded database schema (idempotent)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			store, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer store.Close()
			res, err := store.Migrate(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				return a.printJSON(res)
			}
			if len(res.Applied) == 0 {
				fmt.Fprintf(a.stdout, "schema is current (%s)\n", res.Current)
				return nil
			}
			fmt.Fprintf(a.stdout, "applied %s; schema is now %s\n", strings.Join(res.Applied, ", "), res.Current)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON document")
	return cmd
}

func (a *app) ingestCommand() *cobra.Command {
	var asJSON bool
	var collection string
	cmd := &cobra.Command{
		Use:   "ingest [--collection C] PATH...",
		Short: "Ingest Markdown notes (files or folders); unchanged notes are not re-embedded",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, paths []string) error {
			if err := validCollection(collection); err != nil {
				return err
			}
			for _, p := range paths {
				if _, err := os.Stat(p); err != nil {
					return usagef("ingest: %s: no such file or folder", p)
				}
			}
			ix, closeFn, err := a.openIndex(cmd.Context())
			if err != nil {
				return err
			}
			defer closeFn()
			sum, err := ix.IngestPaths(cmd.Context(), collection, paths, a.progress("ingest"))
			if err != nil {
				return err
			}
			for _, s := range sum.Skipped {
				a.log.Warn("skipped", "path", s.Path, "reason", s.Reason)
			}
			if sum.Files == 0 && len(sum.Skipped) > 0 {
				// nothing could be read: the caller named only files that are not notes
				return usagef("ingest: no note ingested, %d skipped; first: %s: %s", len(sum.Skipped), sum.Skipped[0].Path, sum.Skipped[0].Reason)
			}
			if asJSON {
				return a.printJSON(sum)
			}
			fmt.Fprintf(a.stdout, "%d files into %q: %d chunks added, %d unchanged, %d deleted (%d notes deleted), %d embedded with %s; %d skipped\n",
				sum.Files, sum.Collection, sum.ChunksAdded, sum.ChunksUnchanged, sum.ChunksDeleted, sum.NotesDeleted, sum.ChunksEmbedded, sum.Model, len(sum.Skipped))
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON document")
	collectionFlag(cmd, &collection)
	return cmd
}

// progress draws a bar on stderr when it is a terminal; otherwise it logs
// every so often, so a long ingest in CI still shows it is alive.
func (a *app) progress(what string) notes.Progress {
	if f, ok := a.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		var bar *progressbar.ProgressBar
		return func(done, total int, path string) {
			if bar == nil {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(a.stderr), progressbar.OptionSetDescription(what),
					progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
			}
			_ = bar.Set(done)
			if done == total {
				_ = bar.Finish()
			}
		}
	}
	return func(done, total int, path string) {
		if done == total || done%50 == 0 {
			a.log.Info(what, "done", done, "total", total, "last", path)
		}
	}
}

func (a *app) searchCommand() *cobra.Command {
	var asJSON bool
	var collection string
	var k int
	cmd := &cobra.Command{
		Use:   "search [--collection C] [--k K] QUERY",
		Short: "Hybrid (vector + keyword) search over the notes",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			query := strings.TrimSpace(strings.Join(args, " "))
			if query == "" {
				return usagef("search: the query is empty")
			}
			if k < 1 || k > notes.MaxK {
				return usagef("search: --k must be between 1 and %d, got %d", notes.MaxK, k)
			}
			if err := validCollection(collection); err != nil {
				return err
			}
			ix, closeFn, err := a.openIndex(cmd.Context())
			if err != nil {
				return err
			}
			defer closeFn()
			ps, err := ix.Search(cmd.Context(), collection, query, k)
			if err != nil {
				return err
			}
			if asJSON {
				return a.printJSON(map[string]any{"passages": ps})
			}
			if len(ps) == 0 {
				fmt.Fprintf(a.stdout, "no passages in collection %q match; ingest notes first (grader ingest PATH)\n", collection)
			}
			for i, p := range ps {
				fmt.Fprintf(a.stdout, "%d. %s:%d-%d  %s  (%.2f)\n", i+1, p.Note, p.LineStart, p.LineEnd, strings.Join(p.HeadingPath, " > "), p.Score)
				fmt.Fprintf(a.stdout, "   %s\n\n", snippet(p.Text, 200))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON document")
	cmd.Flags().IntVar(&k, "k", 5, "number of passages")
	collectionFlag(cmd, &collection)
	return cmd
}

// snippet shortens text to n runes on one line.
func snippet(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
