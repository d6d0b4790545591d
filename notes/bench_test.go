package notes

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"grader/embeddings"
	"grader/internal/testdb"
	"grader/token"
)

// syntheticNotes makes n notes of a few sections each, in the shape of the seeds.
func syntheticNotes(n int) []File {
	topics := []string{"VPC", "서브넷", "NAT 게이트웨이", "로드 밸런서", "쿠버네티스 파드", "CI/CD 파이프라인", "DNS", "TCP 핸드셰이크"}
	var files []File
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "# 노트 %d\n\n", i)
		for j, tpc := range topics[:4] {
			t := topics[(i+j)%len(topics)]
			fmt.Fprintf(&b, "## %s %d\n- %s는 %s와 함께 쓰이며 트래픽을 %d번 경로로 보낸다.\n- 장애가 나면 다른 가용 영역의 인스턴스가 요청을 받는다. 번호 %d.\n\n", t, j, t, tpc, i, i*j)
		}
		files = append(files, File{Path: fmt.Sprintf("bench/%04d.md", i), Content: []byte(b.String())})
	}
	return files
}

// BenchmarkIngestVsPlainSQL reports the product's ingest throughput (parse,
// chunk, embed, store) as a ratio to inserting the same chunk rows with their
// precomputed vectors by plain batched SQL, measured in the same run.
func BenchmarkIngestVsPlainSQL(b *testing.B) {
	ctx := b.Context()
	emb := embeddings.NewLocal(384, token.DefaultGlossary())
	db := testdb.Open(b)
	ix := NewIndex(db, emb, token.DefaultGlossary(), DefaultChunkOptions(), nil)
	files := syntheticNotes(100)
	var product, plain time.Duration
	var chunks int
	for range b.N {
		coll := testdb.Collection(b, "bench-ingest")
		start := time.Now()
		sum, err := ix.IngestFiles(ctx, coll, "bench:", files)
		if err != nil {
			b.Fatal(err)
		}
		product += time.Since(start)
		chunks = sum.ChunksAdded

		// The baseline: the same rows, vectors already computed, plain INSERTs.
		chunkRows, vecs, err := ix.PlainRows(ctx, files)
		if err != nil {
			b.Fatal(err)
		}
		coll2 := testdb.Collection(b, "bench-plain")
		start = time.Now()
		collID, err := db.CollectionID(ctx, coll2, true)
		if err != nil {
			b.Fatal(err)
		}
		if err := db.BaselineInsert(ctx, collID, emb.Model(), chunkRows, vecs); err != nil {
			b.Fatal(err)
		}
		plain += time.Since(start)
	}
	b.ReportMetric(float64(chunks*b.N)/product.Seconds(), "chunks/s")
	b.ReportMetric(float64(chunks*b.N)/plain.Seconds(), "plain_chunks/s")
	b.ReportMetric(product.Seconds()/plain.Seconds(), "ingest_ratio")
}

// BenchmarkSearchVsPlainSQL reports hybrid search latency (embed the query,
// vector + keyword search, fuse, load passages) as a ratio to one plain
// nearest-neighbour SQL query with a precomputed vector, in the same run.
func BenchmarkSearchVsPlainSQL(b *testing.B) {
	ctx := b.Context()
	emb := embeddings.NewLocal(384, token.DefaultGlossary())
	db := testdb.Open(b)
	ix := NewIndex(db, emb, token.DefaultGlossary(), DefaultChunkOptions(), nil)
	coll := testdb.Collection(b, "bench-search")
	if _, err := ix.IngestFiles(ctx, coll, "bench:", syntheticNotes(300)); err != nil {
		b.Fatal(err)
	}
	target, _, err := db.Target(ctx, coll, emb.Model())
	if err != nil {
		b.Fatal(err)
	}
	q := "NAT 게이트웨이는 프라이빗 서브넷에서 왜 필요한가"
	qv, _ := emb.Embed(ctx, []string{q})
	var product, plain time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		if _, err := ix.Search(ctx, coll, q, 5); err != nil {
			b.Fatal(err)
		}
		product += time.Since(start)
		start = time.Now()
		if _, err := db.BaselineNearest(ctx, target, emb.Model(), qv[0], 5); err != nil {
			b.Fatal(err)
		}
		plain += time.Since(start)
	}
	b.ReportMetric(float64(product.Microseconds())/float64(b.N), "search_us")
	b.ReportMetric(float64(plain.Microseconds())/float64(b.N), "plain_us")
	b.ReportMetric(product.Seconds()/plain.Seconds(), "search_ratio")
}
