package store_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"grader/embeddings"
	"grader/internal/testdb"
	"grader/notes"
	"grader/store"
	"grader/token"
)

// TestNotePassages reads the notes a search pointed at, by path, from one
// collection only, through an index: every grade runs this read, and a scan
// of every collection's notes made it the largest database cost of a grade
// at 25k notes.
func TestNotePassages(t *testing.T) {
	ctx := t.Context()
	emb := embeddings.NewLocal(64, token.DefaultGlossary())
	db := testdb.Open(t)
	ix := notes.NewIndex(db, emb, token.DefaultGlossary(), notes.DefaultChunkOptions(), nil)
	mine, other := testdb.Collection(t, "np-mine"), testdb.Collection(t, "np-other")
	files := func(word string) []notes.File {
		return []notes.File{
			{Path: "aws/vpc.md", Content: []byte("# VPC\n\n## 서브넷\n- " + word + " 서브넷은 VPC를 나눈다.\n\n## NAT 게이트웨이\n- " + word + " NAT는 나가는 연결만 허용한다.\n")},
			{Path: "k8s.md", Content: []byte("# 쿠버네티스\n- " + word + " 파드는 가장 작은 단위다.\n")},
		}
	}
	if _, err := ix.IngestFiles(ctx, mine, "test:", files("mine")); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.IngestFiles(ctx, other, "test:", files("other")); err != nil {
		t.Fatal(err)
	}
	got, err := db.NotePassages(ctx, mine, []string{"aws/vpc.md", "missing.md"})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, p := range got {
		if p.Note != "aws/vpc.md" {
			t.Errorf("passage of %s, want only aws/vpc.md", p.Note)
		}
		texts = append(texts, p.Text)
	}
	joined := strings.Join(texts, "\n")
	if !strings.Contains(joined, "mine 서브넷은") || !strings.Contains(joined, "mine NAT는") || strings.Contains(joined, "other") {
		t.Errorf("passages of aws/vpc.md in %s = %q, want both sections of this collection's note and none of the other's", mine, texts)
	}
	if i, j := strings.Index(joined, "서브넷은"), strings.Index(joined, "NAT는"); i > j {
		t.Errorf("passages out of reading order: %q", texts)
	}

	// The plan, with sequential and bitmap scans priced out (on a table this
	// small the planner would rightly scan it).
	err = db.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `set local enable_seqscan = off; set local enable_bitmapscan = off`); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, "explain "+store.NotePassagesQuery, mine, []string{"aws/vpc.md"})
		if err != nil {
			return err
		}
		plan, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return err
		}
		// The path must be part of an index condition: a scan of the
		// unique (collection_id, root, path) index with the path as a
		// filter still reads every note of the collection.
		byPath := slices.ContainsFunc(plan, func(l string) bool {
			return strings.Contains(l, "Index Cond:") && strings.Contains(l, "collection_id") && strings.Contains(l, "path = ")
		})
		if !byPath {
			t.Errorf("reading notes by path does not look them up by path:\n%s", strings.Join(plan, "\n"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestHeadings lists each heading path of a collection's notes once, in
// reading order, without text, and none of another collection's.
func TestHeadings(t *testing.T) {
	ctx := t.Context()
	emb := embeddings.NewLocal(64, token.DefaultGlossary())
	db := testdb.Open(t)
	ix := notes.NewIndex(db, emb, token.DefaultGlossary(), notes.DefaultChunkOptions(), nil)
	mine, other := testdb.Collection(t, "hd-mine"), testdb.Collection(t, "hd-other")
	long := strings.Repeat("- 람다는 요청이 있을 때만 함수를 실행한다.\n", 80) // more than one chunk under one heading
	if _, err := ix.IngestFiles(ctx, mine, "test:", []notes.File{{Path: "serverless.md", Content: []byte("# AWS Labmda\n" + long + "\n# Kafka\n- 메시지를 중계한다.\n")}}); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.IngestFiles(ctx, other, "test:", []notes.File{{Path: "other.md", Content: []byte("# 다른 노트\n- 내용\n")}}); err != nil {
		t.Fatal(err)
	}
	if all, err := db.Sections(ctx, mine); err != nil || len(all) < 3 {
		t.Fatalf("chunks of %s: %d (%v), want the long section in more than one", mine, len(all), err)
	}
	got, err := db.Headings(ctx, mine)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, h := range got {
		if h.Note != "serverless.md" || h.Text != "" {
			t.Errorf("heading %+v: want serverless.md's, without text", h)
		}
		paths = append(paths, strings.Join(h.HeadingPath, " > "))
	}
	if want := []string{"AWS Labmda", "Kafka"}; !slices.Equal(paths, want) {
		t.Errorf("headings of %s = %q, want %q", mine, paths, want)
	}
}
