// Package testdb gives tests the real database (the development PGlite that
// `make devdb` starts, or the private PostgreSQL that `make test` runs the
// suite against a second time) and names that keep tests apart.
package testdb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"time"

	"grader/internal/testenv"
	"grader/store"
)

// DefaultURL is the database `make devdb` starts.
const DefaultURL = "postgres://postgres@127.0.0.1:54329/postgres?sslmode=disable&default_query_exec_mode=exec"

// URL returns TEST_DATABASE_URL, else DATABASE_URL, else the dev database.
// Tests fail (not skip) when it does not answer: the suite is meant to run
// against the real database, and `make test` starts it.
func URL(t testing.TB) string {
	t.Helper()
	for _, k := range []string{"TEST_DATABASE_URL", "DATABASE_URL"} {
		if v := strings.TrimSpace(os.Getenv(k)); v != "" {
			return v
		}
	}
	return DefaultURL
}

// Open opens the test database, migrated, and closes it when the test ends.
func Open(tb testing.TB) *store.Store {
	tb.Helper()
	ctx := tb.Context()
	db, err := store.Open(ctx, URL(tb), nil)
	if err != nil {
		tb.Fatalf("open the test database (`make devdb` starts it): %v", err)
	}
	tb.Cleanup(db.Close)
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatalf("migrate the test database: %v", err)
	}
	return db
}

// Name returns a unique name with the given prefix, for collections and models.
func Name(prefix string) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return prefix + "-" + hex.EncodeToString(b)
}

// Context is a test's context.
func Context(t testing.TB) context.Context { return t.Context() }

// Collection returns a unique collection name and deletes everything filed
// under it when the test ends, so that the development database does not
// grow with every run (a larger one changes how the HNSW scans behave).
func Collection(tb testing.TB, prefix string) string {
	tb.Helper()
	name := Name(prefix)
	url := URL(tb)
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		db, err := store.Open(ctx, url, nil)
		if err != nil {
			return // the test itself reported the database
		}
		defer db.Close()
		if err := db.Purge(ctx, name); err != nil {
			tb.Logf("clean up: %v", err)
		}
	})
	return name
}

// NativeURL is the private PostgreSQL 15 + pgvector cluster that `make test`
// starts beside PGlite (TEST_NATIVE_PG_URL), for the tests that need real
// concurrency. Without it the test skips locally and fails under CI=true.
func NativeURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv("TEST_NATIVE_PG_URL")
	if u == "" {
		testenv.Require(t, "a private PostgreSQL 15 with pgvector (TEST_NATIVE_PG_URL)",
			"bash scripts/install-pgvector.sh once (root), then make test starts it (or scripts/testpg.sh start DIR PORT)")
	}
	return u
}
