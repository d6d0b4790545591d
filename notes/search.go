package notes

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/sync/errgroup"

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
	target, found, err := ix.store.Target(ctx, collection, ix.emb.Model())
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if !found {
		return []Passage{}, nil
	}
	depth := max(4*k, 20)
	vecs, err := ix.emb.Embed(ctx, []string{query})
	if err != nil {
		return nil, fmt.Errorf("search: embed query: %w", err)
	}
	// The two halves at once: each is one round trip on its own connection.
	var byVector, byText []int64
	g, gctx := errgroup.WithContext(ctx)
	if target.Dim > 0 {
		g.Go(func() (err error) {
			byVector, err = ix.store.VectorSearch(gctx, target, ix.emb.Model(), vecs[0], depth)
			return err
		})
	}
	g.Go(func() (err error) {
		stems, support := token.Keywords(query, ix.gloss)
		byText, err = ix.store.TextSearch(gctx, target.CollectionID, stems, support, depth)
		return err
	})
	if err := g.Wait(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	fused := fuse(k, byVector, byText)
	if len(fused) == 0 {
		return []Passage{}, nil
	}
	ids := make([]int64, len(fused))
	for i, f := range fused {
		ids[i] = f.id
	}
	ps, err := ix.store.Passages(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
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
