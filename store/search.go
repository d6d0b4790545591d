package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"

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
	// One round trip: the settings are local to a transaction of their own,
	// sent with the query in one batch, so they hold on whatever server
	// connection runs it (behind PgBouncer too, and on PGlite's one shared
	// backend they change nobody else's session).
	var ids []int64
	b := &pgx.Batch{}
	b.Queue("begin")
	b.Queue(vectorSettings, vectorSettingsArgs(s.tuning, limit)...)
	b.Queue(vectorSearchQuery(model, t.Dim), pgvector.NewVector(v), t.CollectionID, limit).Query(func(rows pgx.Rows) (err error) {
		ids, err = pgx.CollectRows(rows, pgx.RowTo[int64])
		return err
	})
	b.Queue("commit")
	if err := s.pool.SendBatch(ctx, b).Close(); err != nil {
		return nil, fmt.Errorf("vector search: %w", err)
	}
	return ids, nil
}

// vectorSettings sets the iterative scan and its bounds for the current
// transaction; a search deeper than ef_search widens it for itself.
const vectorSettings = `select set_config('hnsw.iterative_scan', 'relaxed_order', true),
	set_config('hnsw.ef_search', $1, true), set_config('hnsw.max_scan_tuples', $2, true)`

func vectorSettingsArgs(t Tuning, limit int) []any {
	return []any{strconv.Itoa(max(limit, t.EfSearch)), strconv.Itoa(t.MaxScanTuples)}
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

func vectorSearchTx(ctx context.Context, tx pgx.Tx, tune Tuning, collID int64, model string, dim int, v []float32, limit int) ([]int64, error) {
	// For a collection that is a small share of the table the planner reads
	// the (model, collection) btree and sorts exactly, as long as its
	// statistics are current (ingest analyzes).
	if _, err := tx.Exec(ctx, vectorSettings, vectorSettingsArgs(tune, limit)...); err != nil {
		return nil, err
	}
	rows, err := tx.Query(ctx, vectorSearchQuery(model, dim), pgvector.NewVector(v), collID, limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}

// TextSearch ranks chunks by BM25 over the query's terms: stems first, then
// Hangul bigrams as support (half weight), at most Tuning.KeywordTerms of them
// with the rarest first, each read from its postings in impact order up to
// Tuning.KeywordPostings rows. The work is bounded by those two caps whatever
// the size of the collection; a term in every chunk says little and is read
// last. Terms hold only letters and digits (package token).
func (s *Store) TextSearch(ctx context.Context, collID int64, stems, support []string, limit int) ([]int64, error) {
	var terms []string
	var weak []bool
	seen := map[string]bool{}
	for i, list := range [][]string{stems, support} {
		for _, t := range list {
			if t == "" || seen[t] {
				continue
			}
			seen[t] = true
			terms = append(terms, t)
			weak = append(weak, i == 1)
		}
	}
	if len(terms) == 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, textSearchQuery, collID, terms, weak, s.tuning.KeywordTerms, s.tuning.KeywordPostings, limit)
	if err != nil {
		return nil, fmt.Errorf("keyword search: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("keyword search: %w", err)
	}
	return ids, nil
}

// textSearchQuery: $1 collection, $2 terms, $3 whether each is only support,
// $4 how many terms, $5 postings read a term, $6 results. The idf is BM25's
// ln(1 + (N - df + 0.5) / (df + 0.5)) with N the collection's chunks (the
// empty term's count, see 006_postings.sql).
const textSearchQuery = `with n as (
		select df as n from term_stats where collection_id = $1 and term = ''),
	w as (
		select q.term, ln(1 + (n.n - s.df + 0.5) / (s.df + 0.5)) * case when q.weak then 0.5 else 1 end as idf
		from unnest($2::text[], $3::bool[]) as q(term, weak)
		join term_stats s on s.collection_id = $1 and s.term = q.term and s.df > 0
		cross join n
		order by q.weak, s.df, q.term
		limit $4)
	select p.chunk_id from w cross join lateral (
		select chunk_id, weight from postings
		where collection_id = $1 and term = w.term
		order by weight desc, chunk_id limit $5) p
	group by p.chunk_id
	order by sum(w.idf * p.weight) desc, p.chunk_id
	limit $6`

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
