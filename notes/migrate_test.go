package notes

import (
	"context"
	"io/fs"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"grader/internal/testdb"
	"grader/sql/migrations"
)

func TestMigrateIsIdempotent(t *testing.T) {
	ctx := t.Context()
	store, err := Open(ctx, testdb.URL(t), nil)
	if err != nil {
		t.Fatalf("open the test database (run `make devdb`): %v", err)
	}
	defer store.Close()
	if _, err := store.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	again, err := store.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Applied) != 0 || again.Current != "003_questions.sql" {
		t.Fatalf("second migrate = %+v, want nothing applied and 003_questions.sql current", again)
	}
}

// TestConcurrentMigrateOnNativePostgres runs two migrators at once, each on
// its own connection pool (two backend sessions, as two processes would have),
// with the real schema on a fresh database of the native PostgreSQL + pgvector
// (the private cluster `make test` starts): PGlite shares one session between
// connections, so advisory locks cannot be tested there.
func TestConcurrentMigrateOnNativePostgres(t *testing.T) {
	native := os.Getenv("TEST_NATIVE_PG_URL")
	if native == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("TEST_NATIVE_PG_URL is not set in CI; `make test` starts the native PostgreSQL (scripts/testpg.sh)")
		}
		t.Skip("TEST_NATIVE_PG_URL not set: no native PostgreSQL (make test sets it when pgvector is installed: scripts/install-pgvector.sh)")
	}
	ctx := t.Context()
	db := freshDatabase(t, ctx, native)
	want, err := fs.Glob(migrations.FS, "*.sql")
	if err != nil || len(want) == 0 {
		t.Fatalf("embedded migrations: %v %v", want, err)
	}
	var wg sync.WaitGroup
	results := make([]MigrationResult, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Go(func() {
			pool, err := pgxpool.New(ctx, db)
			if err != nil {
				errs[i] = err
				return
			}
			defer pool.Close()
			results[i], errs[i] = MigrateFS(ctx, pool, migrations.FS)
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("migrator %d: %v", i, err)
		}
	}
	applied := append(slices.Clone(results[0].Applied), results[1].Applied...)
	slices.Sort(applied)
	if !slices.Equal(applied, want) {
		t.Fatalf("applied %v and %v, want each of %v exactly once between them", results[0].Applied, results[1].Applied, want)
	}
	for i, r := range results {
		if r.Current != want[len(want)-1] {
			t.Errorf("migrator %d ends at %q, want %s", i, r.Current, want[len(want)-1])
		}
	}
}

// freshDatabase creates an empty database for one test, drops it after, and
// returns its URL.
func freshDatabase(t *testing.T, ctx context.Context, base string) string {
	t.Helper()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to native PostgreSQL: %v", err)
	}
	name := strings.ReplaceAll(testdb.Name("grader_mig"), "-", "_")
	if _, err := admin.Exec(ctx, "create database "+pgx.Identifier{name}.Sanitize()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = admin.Exec(context.Background(), "drop database if exists "+pgx.Identifier{name}.Sanitize()+" with (force)")
		admin.Close(context.Background())
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
