package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	pgvector "github.com/pgvector/pgvector-go"
)

// SearchTarget is what a search needs to know of a collection before it
// starts: its id, and the dimension of the model's vectors (0 when the model
// has embedded nothing yet, so there is no vector search).
type SearchTarget struct {
	CollectionID int64
	Dim          int
}

// Target looks up a collection and a model's dimension in one round trip. An
// unknown collection returns false.
func (s *Store) Target(ctx context.Context, collection, model string) (SearchTarget, bool, error) {
	var t SearchTarget
	var dim *int
	err := s.pool.QueryRow(ctx, `select c.id, m.dim from collections c
		left join embedding_models m on m.name = $2 where c.name = $1`, collection, model).Scan(&t.CollectionID, &dim)
	if errors.Is(err, pgx.ErrNoRows) {
		return t, false, nil
	}
	if err != nil {
		return t, false, fmt.Errorf("look up collection %q: %w", collection, err)
	}
	if dim != nil {
		t.Dim = *dim
	}
	return t, true, nil
}

// VectorSearch returns chunk ids nearest to v by cosine distance. Iterative
// index scans (pgvector 0.8) keep scanning the HNSW graph until enough rows of
// this collection pass the filter, so a small collection beside a large one is
// not starved; relaxed order is re-sorted by the outer query.
func (s *Store) VectorSearch(ctx context.Context, t SearchTarget, model string, v []float32, limit int) ([]int64, error) {
	var ids []int64
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) (err error) {
		ids, err = vectorSearchTx(ctx, tx, t.CollectionID, model, t.Dim, v, limit)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("vector search: %w", err)
	}
	return ids, nil
}

// vectorSearchQuery is the nearest-neighbour query; the dimension and model
// are inlined so that it matches the model's partial HNSW index expression.
func vectorSearchQuery(model string, dim int) string {
	return fmt.Sprintf(`select chunk_id from (
			select chunk_id, embedding::vector(%[1]d) <=> $1::vector(%[1]d) as d from embeddings
			where model = %[2]s and collection_id = $2
			order by embedding::vector(%[1]d) <=> $1::vector(%[1]d) limit $3) t
		order by d, chunk_id`, dim, quoteLiteral(model))
}

func vectorSearchTx(ctx context.Context, tx pgx.Tx, collID int64, model string, dim int, v []float32, limit int) ([]int64, error) {
	// One round trip for the settings. For a collection that is a small share
	// of the table the planner reads the (model, collection) btree and sorts
	// exactly, as long as its statistics are current (ingest analyzes).
	settings := `set local hnsw.iterative_scan = relaxed_order; set local hnsw.ef_search = ` + strconv.Itoa(max(limit, 40))
	if _, err := tx.Exec(ctx, settings); err != nil {
		return nil, err
	}
	rows, err := tx.Query(ctx, vectorSearchQuery(model, dim), pgvector.NewVector(v), collID, limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}

// TextSearch ranks chunks by the query's terms (any of them), rarer terms
// counting more through ts_rank's normalisation by document length. Terms hold
// only letters and digits (package token).
func (s *Store) TextSearch(ctx context.Context, collID int64, terms []string, limit int) ([]int64, error) {
	uniq := map[string]bool{}
	var parts []string
	for _, t := range terms {
		if t == "" || uniq[t] || strings.ContainsAny(t, `'\ `) {
			continue
		}
		uniq[t] = true
		parts = append(parts, "'"+t+"'")
	}
	if len(parts) == 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `select id from chunks, to_tsquery('simple', $1) q
		where collection_id = $2 and tsv @@ q
		order by ts_rank(tsv, q, 1) desc, id limit $3`, strings.Join(parts, " | "), collID, limit)
	if err != nil {
		return nil, fmt.Errorf("keyword search: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("keyword search: %w", err)
	}
	return ids, nil
}

// Passages loads chunks as Passages, in the order of ids; a chunk deleted
// since it was ranked is left out.
func (s *Store) Passages(ctx context.Context, ids []int64) ([]Passage, error) {
	rows, err := s.pool.Query(ctx, `select c.id, n.path, c.heading_path, c.text, c.line_start, c.line_end
		from chunks c join notes n on n.id = c.note_id where c.id = any($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("load passages: %w", err)
	}
	defer rows.Close()
	byID := map[int64]Passage{}
	for rows.Next() {
		var id int64
		var p Passage
		if err := rows.Scan(&id, &p.Note, &p.HeadingPath, &p.Text, &p.LineStart, &p.LineEnd); err != nil {
			return nil, fmt.Errorf("load passages: %w", err)
		}
		p.ChunkID = strconv.FormatInt(id, 10)
		byID[id] = p
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load passages: %w", err)
	}
	out := make([]Passage, 0, len(ids))
	for _, id := range ids {
		if p, ok := byID[id]; ok {
			out = append(out, p)
		}
	}
	return out, nil
}
