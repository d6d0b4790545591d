package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	pgvector "github.com/pgvector/pgvector-go"
)

// The baselines below are the plainest SQL doing the same storage work as the
// product's paths; benchmarks report the product as a ratio to them, measured
// in the same run, so that the figures survive a noisy machine.

// BaselineInsert writes chunk rows with precomputed vectors under one note by
// plain batched INSERTs and one statement for their keyword postings: no
// parsing, no diffing, no embedding.
func (s *Store) BaselineInsert(ctx context.Context, collID int64, model string, rows []ChunkRow, vecs [][]float32) error {
	if len(rows) != len(vecs) {
		return fmt.Errorf("baseline insert: %d vectors for %d rows", len(vecs), len(rows))
	}
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var noteID int64
		if err := tx.QueryRow(ctx, `insert into notes (collection_id, root, path, title, content_hash)
			values ($1, 'baseline', 'all', 'baseline', 'baseline') returning id`, collID).Scan(&noteID); err != nil {
			return fmt.Errorf("baseline insert: %w", err)
		}
		batch := &pgx.Batch{}
		for i, r := range rows {
			batch.Queue(insertChunkWithVector, noteID, collID, i, nonNil(r.HeadingPath), r.Text, 1, 1, r.Hash, r.Terms,
				model, pgvector.NewVector(vecs[i]))
		}
		if err := tx.SendBatch(ctx, batch).Close(); err != nil {
			return fmt.Errorf("baseline insert: %w", err)
		}
		if _, err := tx.Exec(ctx, insertNotePostings, []int64{noteID}); err != nil {
			return fmt.Errorf("baseline insert: %w", err)
		}
		return nil
	})
}

// BaselineNearest is one plain nearest-neighbour query with a precomputed
// vector, returning the ids of the k nearest chunks of a collection.
func (s *Store) BaselineNearest(ctx context.Context, t SearchTarget, model string, v []float32, k int) ([]int64, error) {
	rows, err := s.pool.Query(ctx, fmt.Sprintf(`select e.chunk_id from embeddings e
		where e.model = $1 and e.collection_id = $2 order by e.embedding::vector(%d) <=> $3 limit $4`, t.Dim),
		model, t.CollectionID, pgvector.NewVector(v), k)
	if err != nil {
		return nil, fmt.Errorf("baseline search: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("baseline search: %w", err)
	}
	return ids, nil
}

// ExactNearest is the k nearest chunks of a collection by a sequential scan
// (no index): the truth the HNSW-filtered search is measured against.
func (s *Store) ExactNearest(ctx context.Context, t SearchTarget, model string, v []float32, k int) ([]int64, error) {
	var ids []int64
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		for _, q := range []string{`set local enable_indexscan = off`, `set local enable_bitmapscan = off`} {
			if _, err := tx.Exec(ctx, q); err != nil {
				return err
			}
		}
		rows, err := tx.Query(ctx, fmt.Sprintf(`select e.chunk_id from embeddings e
			where e.model = $1 and e.collection_id = $2 order by e.embedding::vector(%d) <=> $3 limit $4`, t.Dim),
			model, t.CollectionID, pgvector.NewVector(v), k)
		if err != nil {
			return err
		}
		ids, err = pgx.CollectRows(rows, pgx.RowTo[int64])
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("exact search: %w", err)
	}
	return ids, nil
}
