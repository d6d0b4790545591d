package store

import (
	"context"
	"io/fs"

	"github.com/jackc/pgx/v5"
)

// Internals for the external tests of this package.

func (s *Store) MigrateFS(ctx context.Context, fsys fs.FS) (MigrationResult, error) {
	return s.migrateFS(ctx, fsys)
}

// InTx runs f in a transaction that is always rolled back.
func (s *Store) InTx(ctx context.Context, f func(tx pgx.Tx) error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	return f(tx)
}

var (
	VectorSearchTx    = vectorSearchTx
	VectorSearchQuery = vectorSearchQuery
	NotePassagesQuery = notePassagesQuery
)

// TermStatsDrift counts the terms of a collection whose stored document
// frequency differs from a count of their postings (the empty term against
// the chunks that have postings), and returns the stored chunk count.
func (s *Store) TermStatsDrift(ctx context.Context, collID int64) (drift, chunks int, err error) {
	err = s.pool.QueryRow(ctx, `with p as (
			select term, count(*)::int as n from postings where collection_id = $1 group by term
			union all
			select '', count(distinct chunk_id)::int from postings where collection_id = $1),
		s as (select term, df from term_stats where collection_id = $1)
		select (select count(*) from p full join s on s.term = p.term where coalesce(p.n, 0) <> coalesce(s.df, 0)),
			coalesce((select df from s where term = ''), 0)`, collID).Scan(&drift, &chunks)
	return drift, chunks, err
}

// CountRows runs a count query.
func (s *Store) CountRows(ctx context.Context, q string, args ...any) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, q, args...).Scan(&n)
	return n, err
}
