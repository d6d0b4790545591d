package store_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"grader/embeddings"
	"grader/internal/testdb"
	"grader/notes"
	"grader/store"
	"grader/token"
)

func postingsNote(title string, lines ...string) notes.File {
	var b strings.Builder
	b.WriteString("# " + title + "\n\n")
	for i, l := range lines {
		fmt.Fprintf(&b, "## %s %d\n- %s\n\n", title, i+1, l)
	}
	return notes.File{Path: title + ".md", Content: []byte(b.String())}
}

// TestTermStatsFollowTheChunks changes, deletes and prunes notes, and after
// every step compares the stored document frequencies (and the chunk count
// under the empty term) with a count of the postings: the idf of the keyword
// search is only as right as these counts.
func TestTermStatsFollowTheChunks(t *testing.T) {
	ctx := t.Context()
	db := testdb.Open(t)
	ix := notes.NewIndex(db, embeddings.NewLocal(64, token.DefaultGlossary()), token.DefaultGlossary(), notes.DefaultChunkOptions(), nil)
	coll := testdb.Collection(t, "postings")
	check := func(step string, wantNotes int) {
		t.Helper()
		list, err := db.ListNotes(ctx, coll)
		if err != nil {
			t.Fatal(err)
		}
		wantChunks := 0
		for _, n := range list {
			wantChunks += n.Chunks
		}
		if len(list) != wantNotes {
			t.Errorf("%s: %d notes, want %d", step, len(list), wantNotes)
		}
		id, err := db.CollectionID(ctx, coll, false)
		if err != nil {
			t.Fatal(err)
		}
		drift, chunks, err := db.TermStatsDrift(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if drift != 0 || chunks != wantChunks {
			t.Errorf("%s: %d terms drifted, %d chunks counted, want 0 and %d", step, drift, chunks, wantChunks)
		}
	}
	a := postingsNote("vpc", "서브넷은 VPC의 IP 범위를 나눈다", "NAT 게이트웨이는 프라이빗 서브넷의 아웃바운드만 허용한다")
	b := postingsNote("k8s", "kubelet은 노드에서 파드를 실행한다", "etcd는 클러스터 상태를 저장한다", "스케줄러는 파드를 노드에 배치한다")
	if _, err := ix.IngestFiles(ctx, coll, "test:", []notes.File{a, b}); err != nil {
		t.Fatal(err)
	}
	check("first ingest", 2)
	a2 := postingsNote("vpc", "서브넷은 VPC의 IP 범위를 나눈다", "인터넷 게이트웨이는 퍼블릭 서브넷을 인터넷에 연결한다", "보안 그룹은 상태를 기억한다")
	if _, err := ix.IngestFiles(ctx, coll, "test:", []notes.File{a2}); err != nil {
		t.Fatal(err)
	}
	check("a note changed", 2)
	list, err := db.ListNotes(ctx, coll)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range list {
		if n.Path == "k8s.md" {
			if ok, err := db.DeleteNote(ctx, coll, n.ID); err != nil || !ok {
				t.Fatalf("delete k8s.md: %v %v", ok, err)
			}
		}
	}
	check("a note deleted", 1)
	// Writers of one collection at once: each takes the collection's lock
	// before its term rows, so none deadlocks and the counts add up.
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := range 4 {
		wg.Go(func() {
			var fs []notes.File
			for i := range 3 {
				fs = append(fs, postingsNote(fmt.Sprintf("w%d-%d", w, i), "파드는 컨테이너 묶음이다", fmt.Sprintf("노드 %d번은 워커다", i)))
			}
			if _, err := ix.IngestFiles(ctx, coll, "test:", fs); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent ingest: %v", err)
	}
	check("four writers at once", 1+4*3)
	if ok, err := db.DeleteCollection(ctx, coll); err != nil || !ok {
		t.Fatalf("delete collection: %v %v", ok, err)
	}
}

// TestKeywordSearch checks the ranking and the bounds of the postings
// search: a rare stem beats words every chunk shares, a stem beats a bigram
// that only shares two syllables, and the caps bound the work whatever the
// collection holds.
func TestKeywordSearch(t *testing.T) {
	ctx := t.Context()
	db := testdb.Open(t)
	ix := notes.NewIndex(db, embeddings.NewLocal(64, token.DefaultGlossary()), token.DefaultGlossary(), notes.DefaultChunkOptions(), nil)
	coll := testdb.Collection(t, "keyword")
	var fs []notes.File
	for i := range 40 {
		fs = append(fs, postingsNote(fmt.Sprintf("common-%d", i), "트래픽은 가용 영역의 인스턴스로 간다", fmt.Sprintf("인스턴스 %d번의 트래픽", i)))
	}
	fs = append(fs,
		postingsNote("redis", "레디스는 인메모리 키-값 저장소로 트래픽을 캐시한다"),
		postingsNote("subnet", "서브넷은 VPC의 주소 범위를 나눈 것이다"),
		postingsNote("subway", "서브웨이 샌드위치 주문 순서"))
	if _, err := ix.IngestFiles(ctx, coll, "test:", fs); err != nil {
		t.Fatal(err)
	}
	id, err := db.CollectionID(ctx, coll, false)
	if err != nil {
		t.Fatal(err)
	}
	top := func(tb *store.Store, q string, limit int) []string {
		t.Helper()
		stems, support := token.Keywords(q, token.DefaultGlossary())
		ids, err := tb.TextSearch(ctx, id, stems, support, limit)
		if err != nil {
			t.Fatal(err)
		}
		ps, err := tb.Passages(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range ps {
			out = append(out, p.Note)
		}
		return out
	}
	for _, c := range []struct{ q, want string }{
		{"레디스가 트래픽을 어떻게 줄이나요?", "redis.md"},
		{"서브넷이 뭔가요? 인스턴스 트래픽과 관련해서", "subnet.md"},
		{"VPC 서브넷팅", "subnet.md"}, // 서브넷 is a bigram of 서브넷팅; 서브 alone also finds 서브웨이
	} {
		got := top(db, c.q, 5)
		if len(got) == 0 || got[0] != c.want {
			t.Errorf("%q: top %v, want %s first", c.q, got, c.want)
		}
	}
	// Capped: one term read, five postings of it.
	small := testdb.Open(t)
	if err := small.Tune(store.Tuning{KeywordTerms: 1, KeywordPostings: 5}); err != nil {
		t.Fatal(err)
	}
	if got := top(small, "트래픽 인스턴스 가용 영역", 20); len(got) != 5 {
		t.Errorf("capped search returned %d chunks, want 5: %v", len(got), got)
	}
	if got := top(db, "트래픽 인스턴스 가용 영역", 20); len(got) != 20 {
		t.Errorf("uncapped search returned %d chunks, want 20", len(got))
	}
	if err := small.Tune(store.Tuning{KeywordPostings: -1}); err == nil {
		t.Error("a negative postings cap was accepted")
	}
}
