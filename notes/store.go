package notes

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
// turns it into exit code 2 naming DATABASE_URL.
var ErrUnavailable = errors.New("database unavailable")

// Store is the notes' PostgreSQL storage: collections, notes, chunks and
// embeddings. All SQL of the project lives in this package and in sql/.
type Store struct {
	pool *pgxpool.Pool
	log  *slog.Logger
}

// Open connects to url and checks that the database answers. It does not
// migrate; call Migrate first when the schema may be missing.
func Open(ctx context.Context, url string, log *slog.Logger) (*Store, error) {
	if strings.TrimSpace(url) == "" {
		return nil, fmt.Errorf("%w: DATABASE_URL is not set", ErrUnavailable)
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("%w: DATABASE_URL is not a valid PostgreSQL URL: %v", ErrUnavailable, err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("%w: connect with DATABASE_URL: %v", ErrUnavailable, err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("%w: DATABASE_URL does not answer (%s:%d): %v", ErrUnavailable, cfg.ConnConfig.Host, cfg.ConnConfig.Port, err)
	}
	return &Store{pool: pool, log: log}, nil
}

// Close releases the pool.
func (s *Store) Close() { s.pool.Close() }

// Ping reports whether the database answers (for readiness checks).
func (s *Store) Ping(ctx context.Context) error { return s.pool.Ping(ctx) }

// Pool exposes the pool to other stores of the project that keep their own
// tables (attempt history) in the same database.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// MigrationResult tells what Migrate applied.
type MigrationResult struct {
	Applied []string `json:"applied"`
	Current string   `json:"current"`
}

// Migrate applies the embedded schema with tern on one plain connection.
// Tern holds an advisory lock while it works, so two processes migrating at
// once apply each migration once; an up-to-date database applies nothing.
func (s *Store) Migrate(ctx context.Context) (MigrationResult, error) {
	return MigrateFS(ctx, s.pool, migrations.FS)
}

// MigrateFS applies the migrations in fsys; tests use it with other sets
// (on a server without pgvector, to check concurrent migrations).
func MigrateFS(ctx context.Context, pool *pgxpool.Pool, fsys fs.FS) (MigrationResult, error) {
	res := MigrationResult{Applied: []string{}}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return res, fmt.Errorf("%w: acquire connection for migrate: %v", ErrUnavailable, err)
	}
	defer conn.Release()
	m, err := migrate.NewMigrator(ctx, conn.Conn(), "public.schema_version")
	if err != nil {
		return res, fmt.Errorf("migrate: prepare version table: %w", err)
	}
	if err := m.LoadMigrations(fsys); err != nil {
		return res, fmt.Errorf("migrate: load migrations: %w", err)
	}
	m.OnStart = func(seq int32, name, direction, _ string) {
		res.Applied = append(res.Applied, name)
	}
	if err := m.Migrate(ctx); err != nil {
		return res, fmt.Errorf("migrate: %w", err)
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

// collectionID returns the id of a collection, creating it when create is set.
// A missing collection without create returns (0, nil).
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

// querier is what both a pool and a transaction offer.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// storedChunk is a chunk row as ingest compares it with a new parse.
type storedChunk struct {
	ID   int64
	Hash string
}

// noteRow is what ingest needs to know of a stored note.
type noteRow struct {
	ID     int64
	Hash   string
	Chunks int
}

func (s *Store) note(ctx context.Context, collID int64, root, path string) (noteRow, bool, error) {
	var n noteRow
	err := s.pool.QueryRow(ctx, `select n.id, n.content_hash, (select count(*) from chunks c where c.note_id = n.id)
		from notes n where n.collection_id = $1 and n.root = $2 and n.path = $3`, collID, root, path).Scan(&n.ID, &n.Hash, &n.Chunks)
	if errors.Is(err, pgx.ErrNoRows) {
		return n, false, nil
	}
	if err != nil {
		return n, false, fmt.Errorf("look up note %s: %w", path, err)
	}
	return n, true, nil
}

func (s *Store) noteChunks(ctx context.Context, noteID int64) ([]storedChunk, error) {
	rows, err := s.pool.Query(ctx, `select id, content_hash from chunks where note_id = $1 order by ordinal`, noteID)
	if err != nil {
		return nil, fmt.Errorf("list chunks of note %d: %w", noteID, err)
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[storedChunk])
}

// ensureModel records an embedding model and creates its partial HNSW index
// (cosine) on first use. The dimension of a known model must not change.
func (s *Store) ensureModel(ctx context.Context, model string, dim int) error {
	var known int
	err := s.pool.QueryRow(ctx, `select dim from embedding_models where name = $1`, model).Scan(&known)
	switch {
	case err == nil && known != dim:
		return fmt.Errorf("embedding model %q was stored with dimension %d, now gives %d: name the new model differently", model, known, dim)
	case err == nil:
		return nil
	case !errors.Is(err, pgx.ErrNoRows):
		return fmt.Errorf("look up embedding model %q: %w", model, err)
	}
	index := "embeddings_hnsw_" + shortHash(model)
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("register embedding model %q: %w", model, err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `insert into embedding_models (name, dim, index_name) values ($1, $2, $3) on conflict (name) do nothing`, model, dim, index); err != nil {
		return fmt.Errorf("register embedding model %q: %w", model, err)
	}
	// The dimension and model are inlined because the index expression and its
	// predicate must match the search query literally for the planner to use it.
	ddl := fmt.Sprintf(`create index if not exists %s on embeddings using hnsw ((embedding::vector(%d)) vector_cosine_ops) where model = %s`,
		pgx.Identifier{index}.Sanitize(), dim, quoteLiteral(model))
	if _, err := tx.Exec(ctx, ddl); err != nil {
		return fmt.Errorf("create vector index for model %q: %w", model, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("register embedding model %q: %w", model, err)
	}
	return nil
}

// quoteLiteral quotes a string as an SQL literal (standard_conforming_strings is on).
func quoteLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
