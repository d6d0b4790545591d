package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"grader/embeddings"
	"grader/modelapi"
	"grader/notes"
	"grader/store"
	"grader/token"
)

// Environment variables read by the commands (documented in the README).
const (
	envDatabaseURL = "DATABASE_URL"
	envGlossary    = "GRADER_GLOSSARY"
	envMaxNoteMB   = "GRADER_MAX_NOTE_MB"
	envMaxSections = "GRADER_MAX_SECTIONS"

	envEfSearch        = "GRADER_HNSW_EF_SEARCH"
	envMaxScanTuples   = "GRADER_HNSW_MAX_SCAN_TUPLES"
	envKeywordTerms    = "GRADER_KEYWORD_TERMS"
	envKeywordPostings = "GRADER_KEYWORD_POSTINGS"
)

// openIndex connects to DATABASE_URL, applies the schema (idempotent, one
// query when current) and builds the index with the configured embedder.
// The store is kept in a.db for the history and the question bank.
func (a *app) openIndex(ctx context.Context) (*notes.Index, func(), error) {
	db, err := a.openStore(ctx)
	if err != nil {
		return nil, nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, nil, err
	}
	g, err := a.glossary()
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	cfg, hc, err := a.models()
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	emb, err := embeddings.New(cfg, hc, g, a.log)
	if err != nil {
		db.Close()
		return nil, nil, usageError{err}
	}
	opt, err := a.chunkOptions()
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	a.db = db
	return notes.NewIndex(db, emb, g, opt, a.log), db.Close, nil
}

// chunkOptions are the default chunk sizes with the note limits from the
// environment.
func (a *app) chunkOptions() (notes.ChunkOptions, error) {
	opt := notes.DefaultChunkOptions()
	err := a.envInts([]envInt{
		{envMaxNoteMB, 1024, func(n int) { opt.MaxBytes = int64(n) << 20 }, "megabytes per note"},
		{envMaxSections, 1_000_000, func(n int) { opt.MaxSections = n }, "sections per note"},
	})
	return opt, err
}

// envInt is a whole-number setting from 1 to max, applied by set when the
// variable is set.
type envInt struct {
	env  string
	max  int
	set  func(int)
	what string
}

func (a *app) envInts(vs []envInt) error {
	for _, v := range vs {
		s := strings.TrimSpace(a.getenv(v.env))
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > v.max {
			return usagef("%s=%q: want a whole number of %s from 1 to %d", v.env, s, v.what, v.max)
		}
		v.set(n)
	}
	return nil
}

// tuning reads the search knobs (README, "Search at scale").
func (a *app) tuning() (store.Tuning, error) {
	var t store.Tuning
	err := a.envInts([]envInt{
		{envEfSearch, 1000, func(n int) { t.EfSearch = n }, "HNSW candidates"},
		{envMaxScanTuples, 10_000_000, func(n int) { t.MaxScanTuples = n }, "HNSW tuples an iterative scan may visit"},
		{envKeywordTerms, 256, func(n int) { t.KeywordTerms = n }, "query terms"},
		{envKeywordPostings, 100_000, func(n int) { t.KeywordPostings = n }, "postings read a term"},
	})
	return t, err
}

func (a *app) openStore(ctx context.Context) (*store.Store, error) {
	t, err := a.tuning()
	if err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, a.getenv(envDatabaseURL), a.log)
	if err != nil {
		if errors.Is(err, store.ErrUnavailable) {
			return nil, usageError{err}
		}
		return nil, err
	}
	if err := db.Tune(t); err != nil {
		db.Close()
		return nil, usageError{err}
	}
	return db, nil
}

// models reads the model settings once and builds the one retrying HTTP
// client that the embedder and the LLM judge share.
func (a *app) models() (modelapi.Config, *http.Client, error) {
	if a.modelHTTP != nil {
		return a.modelCfg, a.modelHTTP, nil
	}
	cfg, err := modelapi.FromEnv(a.getenv)
	if err != nil {
		return cfg, nil, usageError{err}
	}
	a.modelCfg, a.modelHTTP = cfg, modelapi.NewHTTPClient(cfg.Policy(), nil, a.log)
	return a.modelCfg, a.modelHTTP, nil
}

func (a *app) glossary() (*token.Glossary, error) {
	if a.gloss != nil {
		return a.gloss, nil
	}
	g, err := token.LoadGlossary(a.getenv(envGlossary))
	if err != nil {
		return nil, usageError{fmt.Errorf("%s: %w", envGlossary, err)}
	}
	a.gloss = g
	return g, nil
}

// printJSON writes exactly one JSON document to stdout.
func (a *app) printJSON(v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func collectionFlag(cmd *cobra.Command, target *string) {
	cmd.Flags().StringVar(target, "collection", "default", "collection of notes to use")
}

func validCollection(name string) error {
	if err := store.CheckCollection(name); err != nil {
		return usagef("--collection: %v", err)
	}
	return nil
}
