package notes

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	pgvector "github.com/pgvector/pgvector-go"

	"grader/token"
)

// rrfK damps the reciprocal-rank fusion: 60 is the constant of Cormack et al.
// (2009), which works across very different rankers without tuning.
const rrfK = 60

// MaxK bounds how many passages one search may return.
const MaxK = 50

// Search runs the hybrid retrieval in one collection: an HNSW vector search
// (current model only) and a keyword search over our own Korean-aware terms,
// fused by reciprocal rank. Score is the fused score scaled to [0,1], where 1
// means ranked first by both. An unknown collection returns no passages.
func (ix *Index) Search(ctx context.Context, collection, query string, k int) ([]Passage, error) {
	if strings.TrimSpace(query) == "" {
		return nil, fmt.Errorf("search: the query is empty")
	}
	if k <= 0 || k > MaxK {
		return nil, fmt.Errorf("search: k must be between 1 and %d, got %d", MaxK, k)
	}
	// The collection and the model's dimension in one round trip; a model
	// that has embedded nothing yet has no dimension and no vector search.
	var collID int64
	var dim *int
	err := ix.store.pool.QueryRow(ctx, `select c.id, m.dim from collections c
		left join embedding_models m on m.name = $2 where c.name = $1`, collection, ix.emb.Model()).Scan(&collID, &dim)
	if errors.Is(err, pgx.ErrNoRows) {
		return []Passage{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("search: look up collection %q: %w", collection, err)
	}
	depth := max(4*k, 20)
	vecs, err := ix.emb.Embed(ctx, []string{query})
	if err != nil {
		return nil, fmt.Errorf("search: embed query: %w", err)
	}
	var byVector []int64
	if dim != nil {
		if byVector, err = ix.store.vectorSearch(ctx, collID, ix.emb.Model(), *dim, vecs[0], depth); err != nil {
			return nil, err
		}
	}
	byText, err := ix.store.textSearch(ctx, collID, token.Terms(query, ix.gloss), depth)
	if err != nil {
		return nil, err
	}
	fused := fuse(k, byVector, byText)
	if len(fused) == 0 {
		return []Passage{}, nil
	}
	ids := make([]int64, len(fused))
	for i, f := range fused {
		ids[i] = f.id
	}
	ps, err := ix.store.passages(ctx, ids)
	if err != nil {
		return nil, err
	}
	// By id: a chunk deleted since it was ranked is missing from ps.
	score := make(map[string]float64, len(fused))
	for _, f := range fused {
		score[strconv.FormatInt(f.id, 10)] = f.score
	}
	for i := range ps {
		ps[i].Score = score[ps[i].ChunkID]
	}
	return ps, nil
}

type scored struct {
	id    int64
	score float64
}

// fuse merges ranked lists by reciprocal rank and keeps the best k.
func fuse(k int, lists ...[]int64) []scored {
	score := map[int64]float64{}
	for _, l := range lists {
		for rank, id := range l {
			score[id] += 1.0 / float64(rrfK+rank+1)
		}
	}
	out := make([]scored, 0, len(score))
	best := float64(len(lists)) / float64(rrfK+1)
	for id, s := range score {
		out = append(out, scored{id, s / best})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		return out[i].id < out[j].id
	})
	if len(out) > k {
		out = out[:k]
	}
	return out
}

// vectorSearch returns chunk ids nearest to v by cosine distance. Iterative
// index scans (pgvector 0.8) keep scanning the HNSW graph until enough rows of
// this collection pass the filter, so a small collection beside a large one is
// not starved; relaxed order is re-sorted by the outer query.
func (s *Store) vectorSearch(ctx context.Context, collID int64, model string, dim int, v []float32, limit int) ([]int64, error) {
	var ids []int64
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) (err error) {
		ids, err = vectorSearchTx(ctx, tx, collID, model, dim, v, limit)
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

// textSearch ranks chunks by the query's terms (any of them), rarer terms
// counting more through ts_rank's normalisation by document length.
func (s *Store) textSearch(ctx context.Context, collID int64, terms []string, limit int) ([]int64, error) {
	uniq := map[string]bool{}
	var parts []string
	for _, t := range terms {
		if !uniq[t] {
			uniq[t] = true
			// Terms hold only letters and digits (package token), so quoting is enough.
			parts = append(parts, "'"+t+"'")
		}
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

// passages loads chunks as Passages, in the order of ids.
func (s *Store) passages(ctx context.Context, ids []int64) ([]Passage, error) {
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
