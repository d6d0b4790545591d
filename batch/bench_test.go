package batch

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"grader/grader"
	"grader/token"
)

// BenchmarkBatchOffline: a batch graded with every core against the same
// items graded one at a time (concurrency 1), in the same run.
// `go test -run '^$' -bench Batch ./batch/`
func BenchmarkBatchOffline(b *testing.B) {
	db, svc, coll := setup(b)
	items := sampleItems(60)
	var one, all time.Duration
	for range b.N {
		one += timedBatch(b, svc, db, coll, items, 1)
		all += timedBatch(b, svc, db, coll, items, runtime.GOMAXPROCS(0))
	}
	n := float64(len(items) * b.N)
	b.ReportMetric(n/all.Seconds(), "items/s")
	b.ReportMetric(n/one.Seconds(), "items/s_one_at_a_time")
	b.ReportMetric(one.Seconds()/all.Seconds(), "speedup")
}

// BenchmarkBatchModelServer: with a chat server that answers after a fixed
// delay, the batch's wall time against the ideal ceil(items/concurrency) ×
// delay (1.0 is perfect; the rate limiter is off so that only concurrency
// and overhead count).
func BenchmarkBatchModelServer(b *testing.B) {
	const delay = 50 * time.Millisecond
	reply, _ := json.Marshal(map[string]any{"score": 70, "verdict": "good", "summary": "요약", "points": []any{}, "unsupported": []string{}, "followups": []string{}, "model_answer": "모범 답안"})
	var asked atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		time.Sleep(delay)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":%q}}]}`, reply)
	}))
	defer srv.Close()
	db, ix, coll := setupIndex(b)
	g := token.DefaultGlossary()
	llm, err := grader.NewLLM(grader.LLMConfig{BaseURL: srv.URL, Model: "m", MaxRetries: -1}, grader.NewOffline(g, grader.DefaultCalibration()))
	if err != nil {
		b.Fatal(err)
	}
	svc := grader.NewService(ix, llm, nil, g)
	items := sampleItems(24)
	const conc = 4
	var wall time.Duration
	for range b.N {
		wall += timedBatch(b, svc, db, coll, items, conc)
	}
	ideal := time.Duration(math.Ceil(float64(len(items))/conc)) * delay * time.Duration(b.N)
	b.ReportMetric(wall.Seconds()/ideal.Seconds(), "wall/ideal")
	b.ReportMetric(float64(asked.Load())/float64(len(items)*b.N), "requests/item")
}

// timedBatch stores items as a batch and times its grading at a concurrency.
func timedBatch(b *testing.B, svc Grader, db Store, coll string, items []Item, concurrency int) time.Duration {
	b.Helper()
	r := NewRunner(svc, db, nil)
	r.Concurrency = concurrency
	id, err := r.Create(b.Context(), coll, "bench.csv", items)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := r.Run(b.Context(), id, false, nil); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}
