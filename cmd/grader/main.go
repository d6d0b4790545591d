// Command grader grades interview answers against your own Markdown notes.
//
// Data flows: notes on disk → notes.Index (chunk, embed, store in pgvector) →
// notes.Index.Search (hybrid retrieval) → grader.Service (rubric, judge,
// follow-ups, history) → the CLI or the web service.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"grader/grader"
	"grader/modelapi"
	"grader/store"
	"grader/token"
)

// Exit codes of the contract.
const (
	exitOK    = 0
	exitWork  = 1
	exitUsage = 2
)

// usageError marks bad usage, bad input or missing configuration (exit 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

// run is main without the process: tests call it with their own streams and environment.
func run(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	app := &app{stdout: stdout, stderr: stderr, getenv: getenv}
	root := app.rootCommand()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	// One line, even when a driver error spans several.
	fmt.Fprintf(stderr, "grader: %s\n", strings.Join(strings.Fields(err.Error()), " "))
	var ue usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		return exitUsage
	}
	return exitWork
}

type app struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	log            *slog.Logger
	verbose        bool

	// Built once per command on first use: the glossary is parsed from text
	// and the judge may hold an HTTP client.
	gloss       *token.Glossary
	chosenJudge grader.Judge
	db          *store.Store // set by openIndex
	modelCfg    modelapi.Config
	modelHTTP   *http.Client
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:           "grader",
		Short:         "Grade interview answers against your own Markdown notes",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRun: func(cmd *cobra.Command, _ []string) {
			level := slog.LevelInfo
			if a.verbose {
				level = slog.LevelDebug
			}
			a.log = slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: level}))
		},
	}
	root.PersistentFlags().BoolVarP(&a.verbose, "verbose", "v", false, "log debug detail to stderr")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(a.migrateCommand(), a.ingestCommand(), a.searchCommand())
	root.AddCommand(a.extraCommands()...)
	return root
}

// isCobraUsage recognises cobra's own argument errors (unknown command, wrong arg count).
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "accepts ", "requires at least", "unknown flag", "unknown shorthand", "invalid argument"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}
