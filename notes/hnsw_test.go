package notes

import (
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	pgvector "github.com/pgvector/pgvector-go"

	"grader/embeddings"
	"grader/internal/testdb"
	"grader/token"
)

// TestVectorSearchIsNotStarvedByOtherCollections puts a large collection of
// similar chunks beside a tiny one and checks that the HNSW scan, filtered to
// the tiny collection, still returns all of its chunks: without iterative
// scans the index would hand back ef_search candidates from the large
// collection only, and the filter would leave nothing.
func TestVectorSearchIsNotStarvedByOtherCollections(t *testing.T) {
	ctx := t.Context()
	emb := embeddings.NewLocal(384, token.DefaultGlossary())
	ix := openTestIndex(t, emb)
	big, small := testdb.Collection(t, "hnsw-big"), testdb.Collection(t, "hnsw-small")
	if _, err := ix.IngestFiles(ctx, big, "bench:", syntheticNotes(250)); err != nil {
		t.Fatal(err)
	}
	smallNotes := []File{
		{Path: "a.md", Content: []byte("# 레디스\n레디스는 메모리 기반 키-값 저장소다.\n")},
		{Path: "b.md", Content: []byte("# 카프카\n카프카는 분산 메시지 큐다.\n")},
		{Path: "c.md", Content: []byte("# 엔진엑스\n엔진엑스는 리버스 프록시로 쓴다.\n")},
	}
	if _, err := ix.IngestFiles(ctx, small, "test:", smallNotes); err != nil {
		t.Fatal(err)
	}
	smallID, err := collectionID(ctx, ix.store.pool, small, false)
	if err != nil {
		t.Fatal(err)
	}
	// A query close to the big collection's text, far from the small one's.
	q, err := emb.Embed(ctx, []string{"NAT 게이트웨이는 트래픽을 경로로 보낸다 가용 영역 인스턴스"})
	if err != nil {
		t.Fatal(err)
	}
	var dim int
	if err := ix.store.pool.QueryRow(ctx, `select dim from embedding_models where name = $1`, emb.Model()).Scan(&dim); err != nil {
		t.Fatal(err)
	}
	ids, err := ix.store.vectorSearch(ctx, smallID, emb.Model(), dim, q[0], 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 3 {
		t.Fatalf("vector search in the small collection returned %d chunks, want all 3", len(ids))
	}
	// For so small a collection the planner rightly reads the btree on
	// (model, collection_id) and sorts exactly. Take that index away inside a
	// transaction that is rolled back, so the HNSW scan must do the filtering.
	errRollback := errors.New("rollback")
	err = pgx.BeginFunc(ctx, ix.store.pool, func(tx pgx.Tx) error {
		// Statistics may also steer the planner to a bitmap or sequential
		// scan of this small table; neither is what is under test.
		if _, err := tx.Exec(ctx, `drop index embeddings_model_collection_idx; set local enable_bitmapscan = off; set local enable_seqscan = off; set local enable_sort = off`); err != nil {
			return err
		}
		ids, err := vectorSearchTx(ctx, tx, smallID, emb.Model(), dim, q[0], 3)
		if err != nil {
			return err
		}
		if len(ids) != 3 {
			t.Errorf("HNSW-filtered search in the small collection returned %d chunks, want all 3", len(ids))
		}
		rows, err := tx.Query(ctx, "explain "+vectorSearchQuery(emb.Model(), dim), pgvector.NewVector(q[0]), smallID, 3)
		if err != nil {
			return err
		}
		plan, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return err
		}
		if !strings.Contains(strings.Join(plan, "\n"), "embeddings_hnsw_") {
			t.Errorf("the search did not go through the HNSW index:\n%s", strings.Join(plan, "\n"))
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		t.Fatal(err)
	}
}
