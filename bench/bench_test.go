package bench

import (
	"testing"
	"time"

	"grader/notes"
)

func TestCorpusHoldsTheChunksAskedFor(t *testing.T) {
	for _, n := range []int{8, 100, 1000} {
		files := Corpus(n)
		got := 0
		for _, f := range files {
			p, err := notes.Parse(f.Path, f.Content, notes.DefaultChunkOptions())
			if err != nil {
				t.Fatal(err)
			}
			got += len(p.Chunks)
		}
		if got < n || got > n+8 {
			t.Errorf("Corpus(%d) holds %d chunks", n, got)
		}
	}
	if len(Questions(5)) != 5 || Answer(3) == "" {
		t.Error("questions")
	}
}

func TestPercentileAndOverlap(t *testing.T) {
	ds := []time.Duration{5, 1, 4, 2, 3, 100}
	if pct(ds, 50) != 3 || pct(ds, 99) != 100 || pct(nil, 50) != 0 {
		t.Errorf("pct: %v %v", pct(ds, 50), pct(ds, 99))
	}
	if overlap([]int64{1, 2, 3}, []int64{1, 2, 4, 5}) != 0.5 || overlap(nil, nil) != 1 {
		t.Error("overlap")
	}
}
