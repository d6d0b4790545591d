package notes

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"grader/embeddings"
	"grader/internal/testdatadir"
	"grader/internal/testdb"
	"grader/token"
)

type retrievalCase struct {
	Question   string   `json:"question"`
	SourceFile string   `json:"source_file"`
	Files      []string `json:"files"`
}

func readCases(t *testing.T, path string) []retrievalCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []retrievalCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		var c retrievalCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if c.SourceFile != "" {
			c.Files = append(c.Files, c.SourceFile)
		}
		out = append(out, c)
	}
	return out
}

// TestKoreanRetrievalQuality measures file-level recall@5 and MRR on the
// Korean notes (testdata/ko): the qa.jsonl questions (the notes' own titles) and our
// own interviewer-style questions phrased in other words than any heading.
// Nothing in the search was tuned on these questions.
func TestKoreanRetrievalQuality(t *testing.T) {
	root := testdatadir.Path("ko")
	if _, err := os.Stat(filepath.Join(root, "qa.jsonl")); err != nil {
		t.Fatalf("Korean data missing: %v", err)
	}
	ctx := t.Context()
	ix := openTestIndex(t, embeddings.NewLocal(384, token.DefaultGlossary()))
	coll := testdb.Collection(t, "ko-retrieval")
	if _, err := ix.IngestPaths(ctx, coll, []string{filepath.Join(root, "notes")}, nil); err != nil {
		t.Fatal(err)
	}
	sets := []struct {
		name       string
		path       string
		minRecall  float64
		minKeyword float64
	}{
		{"qa.jsonl", filepath.Join(root, "qa.jsonl"), 0.90, 0.90},
		{"interviewer", "testdata/interviewer_questions.jsonl", 0.75, 0.70},
	}
	collID, err := ix.store.CollectionID(ctx, coll, false)
	if err != nil {
		t.Fatal(err)
	}
	// The keyword half alone (the postings search), measured beside the
	// hybrid search so that a change to either shows.
	keywordOnly := func(q string) ([]Passage, error) {
		stems, support := token.Keywords(q, ix.gloss)
		ids, err := ix.store.TextSearch(ctx, collID, stems, support, 10)
		if err != nil {
			return nil, err
		}
		return ix.store.Passages(ctx, ids)
	}
	hybrid := func(q string) ([]Passage, error) { return ix.Search(ctx, coll, q, 10) }
	for _, set := range sets {
		for _, s := range []struct {
			name   string
			search func(string) ([]Passage, error)
			min    float64
		}{{"hybrid", hybrid, set.minRecall}, {"keyword only", keywordOnly, set.minKeyword}} {
			measureRetrieval(t, set.name+", "+s.name, readCases(t, set.path), s.search, s.min)
		}
	}
}

func measureRetrieval(t *testing.T, name string, cases []retrievalCase, search func(string) ([]Passage, error), minRecall float64) {
	t.Helper()
	{
		var hit1, hit5, rr float64
		var spent time.Duration
		for _, c := range cases {
			start := time.Now()
			ps, err := search(c.Question)
			spent += time.Since(start)
			if err != nil {
				t.Fatal(err)
			}
			rank := 0
			var seen []string
			for _, p := range ps {
				if !slices.Contains(seen, p.Note) {
					seen = append(seen, p.Note)
				}
				if slices.Contains(c.Files, p.Note) {
					rank = len(seen)
					break
				}
			}
			switch {
			case rank == 1:
				hit1++
				fallthrough
			case rank >= 1 && rank <= 5:
				hit5++
			}
			if rank > 0 {
				rr += 1 / float64(rank)
			} else {
				t.Logf("%s: miss %q (top: %v)", name, c.Question, seen)
			}
		}
		n := float64(len(cases))
		t.Logf("%s: n=%d recall@1=%.3f recall@5=%.3f MRR=%.3f, %.1f ms a search", name, len(cases), hit1/n, hit5/n, rr/n,
			float64(spent.Microseconds())/1000/n)
		if hit5/n < minRecall {
			t.Errorf("%s: recall@5 = %.3f, want >= %.2f", name, hit5/n, minRecall)
		}
	}
}
