package store_test

import (
	"sync"
	"testing"
	"time"

	"grader/internal/testdb"
	"grader/store"
)

// TestLastTwoItemsFinishTheBatch: two workers completing a batch's last two
// items at the same moment leave the batch finished. Under READ COMMITTED
// each completion used to see the other's item as still grading, so neither
// marked the batch finished (seen in CI on PostgreSQL 15: every item done,
// finished false).
func TestLastTwoItemsFinishTheBatch(t *testing.T) {
	ctx := t.Context()
	db := testdb.Open(t)
	coll := testdb.Collection(t, "finish")
	for round := range 20 {
		id, err := db.CreateBatch(ctx, coll, "race.md", []store.BatchItem{
			{Line: 1, Question: "q1", Answer: "a1"}, {Line: 2, Question: "q2", Answer: "a2"},
		})
		if err != nil {
			t.Fatal(err)
		}
		workers := []string{"race:a", "race:b"}
		ords := make([]int, 2)
		for i, w := range workers {
			got, err := db.ClaimBatchItems(ctx, id, w, 1, time.Hour, false, nil)
			if err != nil || len(got) != 1 {
				t.Fatalf("claim by %s: %v, %d items", w, err, len(got))
			}
			ords[i] = got[0].Ord
		}
		start := make(chan struct{})
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				a := store.Attempt{Collection: coll, Question: "q", Answer: "a", Modality: "text", Score: 50,
					Verdict: "partial", Judge: "test", Model: "m", Version: "1", Grade: []byte(`{}`)}
				held, err := db.CompleteBatchItem(ctx, id, ords[i], w, a)
				if err == nil && !held {
					t.Errorf("round %d: %s lost its claim", round, w)
				}
				errs[i] = err
			}()
		}
		close(start)
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		b, err := db.BatchByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if b.Done != 2 || b.FinishedAt == nil {
			t.Fatalf("round %d: %d of 2 items done, finished %v; want both done and the batch finished", round, b.Done, b.FinishedAt)
		}
	}
}
