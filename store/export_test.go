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
)
