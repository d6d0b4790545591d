// Package testdb gives tests the real development database (PGlite with
// pgvector, started by `make devdb`) and names that keep tests apart.
package testdb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
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
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			return // the test itself reported the database
		}
		defer conn.Close(ctx)
		for _, q := range []string{
			`delete from collections where name = $1`,
			`delete from attempts where collection = $1`,
			`delete from questions where collection = $1`,
		} {
			if _, err := conn.Exec(ctx, q, name); err != nil {
				tb.Logf("clean up collection %s: %v", name, err)
			}
		}
	})
	return name
}
