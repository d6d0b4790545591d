package notes

import (
	"strings"
	"testing"

	"grader/embeddings"
	"grader/internal/testdb"
	"grader/token"
)

func TestCatalogListDeleteNeighbours(t *testing.T) {
	ctx := t.Context()
	ix := openTestIndex(t, embeddings.NewLocal(384, token.DefaultGlossary()))
	coll := testdb.Collection(t, "catalog")
	var b strings.Builder
	b.WriteString("# 캐시\n\n")
	for _, s := range []string{"읽기 전략", "쓰기 전략", "만료 정책", "일관성"} {
		b.WriteString("## " + s + "\n" + s + "에 대한 설명이 여기에 충분히 길게 들어가서 조각이 합쳐지지 않도록 문장을 여러 개 쓴다. " + strings.Repeat("두 번째 문장도 길게 이어서 쓴다. ", 4) + "\n\n")
	}
	files := []File{{Path: "cache.md", Content: []byte(b.String())}, {Path: "other.md", Content: []byte("# 기타\n다른 노트의 내용이 여기에 있다.\n")}}
	if _, err := ix.IngestFiles(ctx, coll, "test:", files); err != nil {
		t.Fatal(err)
	}
	list, err := ix.ListNotes(ctx, coll)
	if err != nil || len(list) != 2 || list[0].Path != "cache.md" || list[0].Chunks != 4 {
		t.Fatalf("ListNotes = %+v, %v; want cache.md with 4 chunks and other.md", list, err)
	}
	ps, err := ix.Search(ctx, coll, "쓰기 전략", 1)
	if err != nil || len(ps) != 1 || !strings.Contains(strings.Join(ps[0].HeadingPath, ">"), "쓰기 전략") {
		t.Fatalf("search = %+v, %v", ps, err)
	}
	before, after, err := ix.Neighbours(ctx, ps[0].ChunkID, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(before) != 1 || len(after) != 2 || !strings.Contains(before[0].Text, "읽기 전략") || !strings.Contains(after[1].Text, "일관성") {
		t.Fatalf("neighbours = %+v / %+v, want 1 before (읽기) and 2 after (만료, 일관성)", before, after)
	}
	if _, _, err := ix.Neighbours(ctx, "x", 2); err == nil {
		t.Error("Neighbours of a non-id succeeded")
	}
	if ok, err := ix.DeleteNote(ctx, testdb.Collection(t, "other-coll"), list[0].ID); ok || err != nil {
		t.Fatalf("deleting through another collection = %v, %v; want not found", ok, err)
	}
	if ok, err := ix.DeleteNote(ctx, coll, list[0].ID); !ok || err != nil {
		t.Fatalf("DeleteNote = %v, %v", ok, err)
	}
	if list, _ := ix.ListNotes(ctx, coll); len(list) != 1 || list[0].Path != "other.md" {
		t.Fatalf("after delete: %+v", list)
	}
}
