package store_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	pgvector "github.com/pgvector/pgvector-go"

	"grader/embeddings"
	"grader/internal/testdb"
	"grader/notes"
	"grader/store"
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
	db := testdb.Open(t)
	ix := notes.NewIndex(db, emb, token.DefaultGlossary(), notes.DefaultChunkOptions(), nil)
	big, small := testdb.Collection(t, "hnsw-big"), testdb.Collection(t, "hnsw-small")
	var many []notes.File
	for range 250 {
		var b strings.Builder
		for j, topic := range []string{"VPC", "서브넷", "NAT 게이트웨이", "로드 밸런서"} {
			b.WriteString("## " + topic + "\n- " + topic + "는 트래픽을 경로로 보낸다. 가용 영역 인스턴스 " + strings.Repeat("번호 ", j+1) + "\n\n")
		}
		many = append(many, notes.File{Path: "bench/" + testdb.Name("n") + ".md", Content: []byte("# 노트\n\n" + b.String())})
	}
	if _, err := ix.IngestFiles(ctx, big, "bench:", many); err != nil {
		t.Fatal(err)
	}
	smallNotes := []notes.File{
		{Path: "a.md", Content: []byte("# 레디스\n레디스는 메모리 기반 키-값 저장소다.\n")},
		{Path: "b.md", Content: []byte("# 카프카\n카프카는 분산 메시지 큐다.\n")},
		{Path: "c.md", Content: []byte("# 엔진엑스\n엔진엑스는 리버스 프록시로 쓴다.\n")},
	}
	if _, err := ix.IngestFiles(ctx, small, "test:", smallNotes); err != nil {
		t.Fatal(err)
	}
	target, found, err := db.Target(ctx, small, emb.Model())
	if err != nil || !found || target.Dim != 384 {
		t.Fatalf("target of the small collection = %+v, %v, %v", target, found, err)
	}
	// A query close to the big collection's text, far from the small one's.
	q, err := emb.Embed(ctx, []string{"NAT 게이트웨이는 트래픽을 경로로 보낸다 가용 영역 인스턴스"})
	if err != nil {
		t.Fatal(err)
	}
	ids, err := db.VectorSearch(ctx, target, emb.Model(), q[0], 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 3 {
		t.Fatalf("vector search in the small collection returned %d chunks, want all 3", len(ids))
	}
	// For so small a collection the planner rightly reads the btree on
	// (model, collection_id) and sorts exactly. Take that index away inside a
	// transaction that is rolled back, so the HNSW scan must do the filtering.
	err = db.InTx(ctx, func(tx pgx.Tx) error {
		// Statistics may also steer the planner to a bitmap or sequential
		// scan of this small table; neither is what is under test.
		if _, err := tx.Exec(ctx, `drop index embeddings_model_collection_idx; set local enable_bitmapscan = off; set local enable_seqscan = off; set local enable_sort = off`); err != nil {
			return err
		}
		ids, err := store.VectorSearchTx(ctx, tx, store.Tuning{EfSearch: 40, MaxScanTuples: 20000}, target.CollectionID, emb.Model(), target.Dim, q[0], 3)
		if err != nil {
			return err
		}
		if len(ids) != 3 {
			t.Errorf("HNSW-filtered search in the small collection returned %d chunks, want all 3", len(ids))
		}
		rows, err := tx.Query(ctx, "explain "+store.VectorSearchQuery(emb.Model(), target.Dim), pgvector.NewVector(q[0]), target.CollectionID, 3)
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
		return nil
	})
	if err != nil && !errors.Is(err, pgx.ErrTxClosed) {
		t.Fatal(err)
	}
}
