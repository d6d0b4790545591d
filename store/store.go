// Package store owns the database: the schema (sql/migrations), its
// migrations and every query the service runs. Other packages see it through
// small interfaces of their own; no connection or pool leaves it.
package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/tern/v2/migrate"

	"grader/sql/migrations"
)

// ErrUnavailable marks a database that cannot be reached or used; the CLI
// turns it into exit code 2 naming DATABASE_URL, the server into a 503.
var ErrUnavailable = errors.New("database unavailable")

// Store is the PostgreSQL database of the service. It is safe for concurrent use.
type Store struct {
	pool   *pgxpool.Pool
	log    *slog.Logger
	tuning Tuning
}

// Open connects to url and checks that the database answers. It does not
// migrate; call Migrate first when the schema may be missing.
func Open(ctx context.Context, url string, log *slog.Logger) (*Store, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if strings.TrimSpace(url) == "" {
		return nil, fmt.Errorf("%w: DATABASE_URL is not set", ErrUnavailable)
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("%w: DATABASE_URL is not a valid PostgreSQL URL: %v", ErrUnavailable, err)
	}
	s := &Store{log: log}
	s.tuning, _ = Tuning{}.withDefaults()
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("%w: connect with DATABASE_URL: %v", ErrUnavailable, err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("%w: DATABASE_URL does not answer (%s:%d): %v", ErrUnavailable, cfg.ConnConfig.Host, cfg.ConnConfig.Port, err)
	}
	s.pool = pool
	return s, nil
}

// sharedBackendHint names the fix when a server runs every connection on one
// backend (PGlite) and pgx's named prepared statements of two connections
// meet there: "prepared statement … already exists" (42P05) or "… does not
// exist" (26000) is the symptom; pgx's exec mode prepares nothing by name.
func sharedBackendHint(err error) string {
	var pg *pgconn.PgError
	if errors.As(err, &pg) && (pg.Code == "42P05" || pg.Code == "26000") {
		return " (a server that runs every connection on one backend, such as PGlite, needs default_query_exec_mode=exec in DATABASE_URL)"
	}
	return ""
}

// Close releases the connections.
func (s *Store) Close() { s.pool.Close() }

// Ping reports whether the database answers (for readiness checks).
func (s *Store) Ping(ctx context.Context) error { return s.pool.Ping(ctx) }

// MigrationResult tells what Migrate applied.
type MigrationResult struct {
	Applied []string `json:"applied"`
	Current string   `json:"current"`
}

// Migrate applies the embedded schema with tern on one plain connection.
// Tern holds an advisory lock while it works, so two processes migrating at
// once apply each migration once; an up-to-date database applies nothing.
func (s *Store) Migrate(ctx context.Context) (MigrationResult, error) {
	return s.migrateFS(ctx, migrations.FS)
}

func (s *Store) migrateFS(ctx context.Context, fsys fs.FS) (MigrationResult, error) {
	res := MigrationResult{Applied: []string{}}
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return res, fmt.Errorf("%w: acquire connection for migrate: %v", ErrUnavailable, err)
	}
	defer conn.Release()
	m, err := migrate.NewMigrator(ctx, conn.Conn(), "public.schema_version")
	if err != nil {
		return res, fmt.Errorf("migrate: prepare version table: %w%s", err, sharedBackendHint(err))
	}
	if err := m.LoadMigrations(fsys); err != nil {
		return res, fmt.Errorf("migrate: load migrations: %w", err)
	}
	m.OnStart = func(_ int32, name, _, _ string) {
		res.Applied = append(res.Applied, name)
	}
	if err := m.Migrate(ctx); err != nil {
		return res, fmt.Errorf("migrate: %w%s", err, sharedBackendHint(err))
	}
	v, err := m.GetCurrentVersion(ctx)
	if err != nil {
		return res, fmt.Errorf("migrate: read version: %w", err)
	}
	res.Current = fmt.Sprint(v)
	if v > 0 && int(v) <= len(m.Migrations) {
		res.Current = m.Migrations[v-1].Name
	}
	return res, nil
}

// querier is what both a pool and a transaction offer.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// CollectionID returns the id of a collection, creating it when create is
// set. A missing collection without create returns (0, nil).
func (s *Store) CollectionID(ctx context.Context, name string, create bool) (int64, error) {
	return collectionID(ctx, s.pool, name, create)
}

func collectionID(ctx context.Context, q querier, name string, create bool) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `select id from collections where name = $1`, name).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("look up collection %q: %w", name, err)
	}
	if !create {
		return 0, nil
	}
	err = q.QueryRow(ctx, `insert into collections (name) values ($1)
		on conflict (name) do update set name = excluded.name returning id`, name).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create collection %q: %w", name, err)
	}
	return id, nil
}

// DeleteCollection deletes a collection with all its notes, chunks and
// vectors. It reports false when there was no such collection.
func (s *Store) DeleteCollection(ctx context.Context, collection string) (bool, error) {
	tag, err := s.pool.Exec(ctx, `delete from collections where name = $1`, collection)
	if err != nil {
		return false, fmt.Errorf("delete collection %s: %w", collection, err)
	}
	if tag.RowsAffected() == 0 {
		return false, nil
	}
	return true, s.Maintain(ctx)
}

// Purge deletes everything filed under a collection name: its notes and also
// its batches, attempts and question bank, which DeleteCollection keeps as history.
// Tests use it to leave the database as they found it.
func (s *Store) Purge(ctx context.Context, collection string) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		for _, q := range []string{
			`delete from collections where name = $1`,
			`delete from batches where collection = $1`,
			`delete from attempts where collection = $1`,
			`delete from questions where collection = $1`,
		} {
			if _, err := tx.Exec(ctx, q, collection); err != nil {
				return fmt.Errorf("purge collection %s: %w", collection, err)
			}
		}
		return nil
	})
}

// Maintain analyzes chunks and embeddings, vacuuming them first when dead
// rows exceed a fifth of the live ones (and a thousand). With stale
// statistics the planner may walk the HNSW graph for a collection that is a
// tiny share of the table; with many dead rows an iterative HNSW scan spends
// its tuple budget on them and finds nothing. PostgreSQL's autovacuum normally
// sees to both; PGlite runs no autovacuum worker, hence this.
func (s *Store) Maintain(ctx context.Context) error {
	var live, dead int64
	err := s.pool.QueryRow(ctx, `select coalesce(sum(n_live_tup), 0), coalesce(sum(n_dead_tup), 0)
		from pg_stat_user_tables where relname in ('chunks', 'embeddings')`).Scan(&live, &dead)
	if err != nil {
		return fmt.Errorf("read table statistics: %w", err)
	}
	stmt := `analyze chunks, embeddings`
	if dead > 1000 && dead*5 > live {
		stmt = `vacuum (analyze) chunks, embeddings` // not inside a transaction: a plain Exec
	}
	if _, err := s.pool.Exec(ctx, stmt); err != nil {
		return fmt.Errorf("%s: %w", stmt, err)
	}
	return nil
}

// Vacuum vacuums and analyzes every table a collection's notes live in, now.
// After a large delete this is what autovacuum would do a little later,
// while whatever runs next is measured (`grader bench`).
func (s *Store) Vacuum(ctx context.Context) error {
	const stmt = `vacuum (analyze) notes, chunks, embeddings, postings, term_stats`
	if _, err := s.pool.Exec(ctx, stmt); err != nil {
		return fmt.Errorf("%s: %w", stmt, err)
	}
	return nil
}

// quoteLiteral quotes a string as an SQL literal (standard_conforming_strings is on).
func quoteLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
