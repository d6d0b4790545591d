package store_test

import (
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"

	"grader/internal/testdb"
	"grader/internal/testenv"
	"grader/sql/migrations"
	"grader/store"
)

// allMigrations lists the embedded migration files in the order tern applies them.
func allMigrations(t *testing.T) []string {
	t.Helper()
	names, err := fs.Glob(migrations.FS, "*.sql")
	if err != nil || len(names) == 0 {
		t.Fatalf("no embedded migrations: %v", err)
	}
	slices.Sort(names)
	return names
}

func TestMigrateIsIdempotent(t *testing.T) {
	db := testdb.Open(t) // migrated once already
	again, err := db.Migrate(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	all := allMigrations(t)
	if len(again.Applied) != 0 || again.Current != all[len(all)-1] {
		t.Fatalf("second migrate = %+v, want nothing applied and %s current", again, all[len(all)-1])
	}
}

// TestConcurrentMigrateOnNativePostgres runs two migrators of the real
// schema at once, each with its own pool (two backend sessions, as two
// processes would have), on a fresh database of a real PostgreSQL with
// pgvector: PGlite shares one session between connections, so advisory locks
// mean nothing there.
func TestConcurrentMigrateOnNativePostgres(t *testing.T) {
	native := testdb.NativeURL(t)
	ctx := t.Context()
	name := strings.ReplaceAll(testdb.Name("grader_mig"), "-", "_")
	url, drop, err := store.ScratchDatabase(ctx, native, name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(drop)
	var wg sync.WaitGroup
	results := make([]store.MigrationResult, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Go(func() {
			db, err := store.Open(ctx, url, nil)
			if err != nil {
				errs[i] = err
				return
			}
			defer db.Close()
			results[i], errs[i] = db.Migrate(ctx)
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("migrator %d: %v", i, err)
		}
	}
	all := allMigrations(t)
	applied := append(slices.Clone(results[0].Applied), results[1].Applied...)
	slices.Sort(applied)
	if !slices.Equal(applied, all) {
		t.Fatalf("applied %v and %v, want each of %v exactly once between them", results[0].Applied, results[1].Applied, all)
	}
	for i, r := range results {
		if r.Current != all[len(all)-1] {
			t.Errorf("migrator %d ends at %q, want %s", i, r.Current, all[len(all)-1])
		}
	}
}

func TestMain(m *testing.M) { testenv.Main(m) }
