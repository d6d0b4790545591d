package grader

import (
	"testing"

	"grader/embeddings"
	"grader/internal/testdatadir"
	"grader/internal/testdb"
	"grader/notes"
	"grader/token"
)

// ingestedIndex opens the real test database, migrates it and ingests paths
// into a fresh collection, returned with the index.
func ingestedIndex(tb testing.TB, prefix string, paths ...string) (*notes.Index, string) {
	tb.Helper()
	ctx := tb.Context()
	g := token.DefaultGlossary()
	ix := notes.NewIndex(testdb.Open(tb), embeddings.NewLocal(384, g), g, notes.DefaultChunkOptions(), nil)
	coll := testdb.Collection(tb, prefix)
	if _, err := ix.IngestPaths(ctx, coll, paths, nil); err != nil {
		tb.Fatal(err)
	}
	return ix, coll
}

// seedService is the service as a user meets it offline: the seed notes
// ingested into a fresh collection of the test database, graded by the
// offline judge. It returns the service and the collection.
func seedService(tb testing.TB, prefix string) (*Service, string) {
	tb.Helper()
	g := token.DefaultGlossary()
	ix, coll := ingestedIndex(tb, prefix, testdatadir.Path("seeds"))
	return NewService(ix, NewOffline(g, DefaultCalibration()), nil, g), coll
}
