package grader

import (
	"testing"

	"grader/embeddings"
	"grader/internal/testdb"
	"grader/notes"
	"grader/token"
)

// ingestedIndex opens the real test database, migrates it and ingests paths
// into a fresh collection, returned with the index.
func ingestedIndex(tb testing.TB, prefix string, paths ...string) (*notes.Index, string) {
	tb.Helper()
	ctx := tb.Context()
	store, err := notes.Open(ctx, testdb.URL(tb), nil)
	if err != nil {
		tb.Fatalf("open the test database (run `make devdb`): %v", err)
	}
	tb.Cleanup(store.Close)
	if _, err := store.Migrate(ctx); err != nil {
		tb.Fatal(err)
	}
	g := token.DefaultGlossary()
	ix := notes.NewIndex(store, embeddings.NewLocal(384, g), g, notes.DefaultChunkOptions(), nil)
	coll := testdb.Collection(tb, prefix)
	if _, err := ix.IngestPaths(ctx, coll, paths, nil); err != nil {
		tb.Fatal(err)
	}
	return ix, coll
}
