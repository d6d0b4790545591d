package batch

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"grader/embeddings"
	"grader/grader"
	"grader/internal/testdb"
	"grader/notes"
	"grader/store"
	"grader/token"
)

// setup ingests the sample notes into a fresh collection and returns the
// database and a grading service over it (real database, offline judge).
func setup(tb testing.TB) (*store.Store, *grader.Service, string) {
	db, ix, coll := setupIndex(tb)
	g := token.DefaultGlossary()
	return db, grader.NewService(ix, grader.NewOffline(g, grader.DefaultCalibration()), nil, g), coll
}

func setupIndex(tb testing.TB) (*store.Store, *notes.Index, string) {
	tb.Helper()
	db := testdb.Open(tb)
	g := token.DefaultGlossary()
	ix := notes.NewIndex(db, embeddings.NewLocal(384, g), g, notes.DefaultChunkOptions(), nil)
	coll := testdb.Collection(tb, "batch")
	if _, err := ix.IngestPaths(tb.Context(), coll, []string{"../samples/notes"}, nil); err != nil {
		tb.Fatal(err)
	}
	return db, ix, coll
}

func sampleItems(n int) []Item {
	qs := []struct{ q, a string }{
		{"NAT 게이트웨이는 왜 필요한가요?", "프라이빗 서브넷의 인스턴스가 인터넷으로 나가는 연결만 할 수 있게 해 줍니다."},
		{"ALB와 NLB는 어떻게 다른가요?", "ALB는 L7에서 HTTP를 보고, NLB는 L4에서 TCP와 UDP를 빠르게 넘깁니다."},
		{"VPC는 무엇인가요?", "AWS 안에 논리적으로 격리된 나만의 네트워크입니다."},
	}
	items := make([]Item, n)
	for i := range items {
		x := qs[i%len(qs)]
		items[i] = Item{Line: i + 1, Question: fmt.Sprintf("%s (%d)", x.q, i), Answer: x.a}
	}
	return items
}

// attempts counts the collection's attempts per question.
func attempts(t *testing.T, db *store.Store, coll string) map[string]int {
	t.Helper()
	as, err := db.Attempts(t.Context(), coll, 10000)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, a := range as {
		out[a.Question]++
	}
	return out
}

// Two runners (two processes, or the CLI beside the server) working on one
// batch grade every item exactly once.
func TestTwoRunnersGradeEachItemOnce(t *testing.T) {
	db, svc, coll := setup(t)
	items := sampleItems(24)
	a, b := NewRunner(svc, db, nil), NewRunner(svc, db, nil)
	a.Worker, b.Worker = "test:a", "test:b"
	a.Concurrency, b.Concurrency = 3, 3
	id, err := a.Create(t.Context(), coll, "self.md", items)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, r := range []*Runner{a, b} {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = r.Run(t.Context(), id, false, nil) }()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	got := attempts(t, db, coll)
	for _, it := range items {
		if got[it.Question] != 1 {
			t.Errorf("%q graded %d times, want once", it.Question, got[it.Question])
		}
	}
	res, err := a.Result(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Summary.Finished || res.Summary.Graded != len(items) || res.Summary.MeanScore <= 0 || len(res.Summary.Topics) == 0 {
		t.Errorf("summary %+v", res.Summary)
	}
	for _, it := range res.Items {
		if it.Grade == nil || it.State != "done" || it.Grade.Score < 0 || it.Grade.Score > 100 {
			t.Fatalf("item %+v", it)
		}
	}
}

// A process that died mid-batch leaves claims behind; a resume on the same
// host takes them back at once (the process is gone), and a plain run by
// another worker leaves them alone until their lease runs out.
func TestResumeTakesBackADeadProcessClaims(t *testing.T) {
	db, svc, coll := setup(t)
	items := sampleItems(6)
	r := NewRunner(svc, db, nil)
	id, err := r.Create(t.Context(), coll, "self.csv", items)
	if err != nil {
		t.Fatal(err)
	}
	dead := deadWorkerName(t)
	claimed, err := db.ClaimBatchItems(t.Context(), id, dead, 2, time.Hour, false, nil)
	if err != nil || len(claimed) != 2 {
		t.Fatalf("claim: %v, %d", err, len(claimed))
	}
	if err := r.Run(t.Context(), id, false, nil); err != nil {
		t.Fatal(err)
	}
	res, _ := r.Result(t.Context(), id)
	if res.Summary.Graded != 4 || res.Summary.Finished {
		t.Fatalf("a plain run graded %d and finished=%v; want the 4 unclaimed only", res.Summary.Graded, res.Summary.Finished)
	}
	var progress []int
	if err := r.Run(t.Context(), id, true, func(done, total int, _ string) { progress = append(progress, done) }); err != nil {
		t.Fatal(err)
	}
	res, _ = r.Result(t.Context(), id)
	if res.Summary.Graded != 6 || !res.Summary.Finished {
		t.Fatalf("after resume %d graded, finished=%v", res.Summary.Graded, res.Summary.Finished)
	}
	if len(progress) != 3 || progress[0] != 4 || progress[2] != 6 {
		t.Errorf("progress %v, want 4 (already done), 5, 6", progress)
	}
	for q, n := range attempts(t, db, coll) {
		if n != 1 {
			t.Errorf("%q graded %d times", q, n)
		}
	}
}

// deadWorkerName names a worker of this host whose process has ended.
func deadWorkerName(t *testing.T) string {
	t.Helper()
	host, _ := os.Hostname()
	for pid := 4_000_000; pid > 3_000_000; pid-- {
		w := fmt.Sprintf("%s:%d:dead", host, pid)
		if len(deadHere([]string{w})) == 1 {
			return w
		}
	}
	t.Fatal("no free pid")
	return ""
}

// A worker whose claim ran out and was taken by another stores nothing:
// the item's one attempt is the other worker's.
func TestExpiredClaimStoresNothing(t *testing.T) {
	db, svc, coll := setup(t)
	r := NewRunner(svc, db, nil)
	id, err := r.Create(t.Context(), coll, "self.jsonl", sampleItems(1))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := db.ClaimBatchItems(ctx, id, "slow", 1, -time.Second, false, nil); err != nil { // a claim already run out
		t.Fatal(err)
	}
	taken, err := db.ClaimBatchItems(ctx, id, "fast", 1, time.Hour, false, nil)
	if err != nil || len(taken) != 1 {
		t.Fatalf("the run-out claim was not taken over: %v %d", err, len(taken))
	}
	row := store.Attempt{Collection: coll, Question: taken[0].Question, Answer: "a", Modality: "text", Score: 50, Verdict: "partial", Judge: "test", Model: "m", Version: "1", Grade: []byte(`{}`)}
	if held, err := db.CompleteBatchItem(ctx, id, taken[0].Ord, "slow", row); err != nil || held {
		t.Fatalf("the worker that lost its claim completed the item: %v %v", held, err)
	}
	if held, err := db.CompleteBatchItem(ctx, id, taken[0].Ord, "fast", row); err != nil || !held {
		t.Fatalf("the claim holder could not complete: %v %v", held, err)
	}
	if n := attempts(t, db, coll)[taken[0].Question]; n != 1 {
		t.Errorf("%d attempts stored, want 1", n)
	}
}

// The report holds everything in one file: the overall score, a bar per
// topic, the passages to study and every answer with its feedback; nothing
// is fetched from elsewhere.
func TestReport(t *testing.T) {
	db, svc, coll := setup(t)
	r := NewRunner(svc, db, nil)
	items := []Item{
		{Line: 3, Question: "NAT 게이트웨이는 왜 필요한가요?", Answer: "프라이빗 서브넷의 인스턴스가 인터넷으로 나가는 연결만 하게 해 줍니다."},
		{Line: 7, Question: "ALB와 NLB의 차이는?", Answer: "ALB는 L4, NLB는 L7에서 동작합니다.", Topic: "로드 밸런서"},
		{Line: 11, Question: "<script>alert(1)</script> VPC는?", Answer: "<img src=x onerror=alert(1)> 격리된 네트워크입니다."},
	}
	id, err := r.Create(t.Context(), coll, "week1.md", items)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Run(t.Context(), id, false, nil); err != nil {
		t.Fatal(err)
	}
	res, err := r.Result(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	// The candidate's own call on a point shows in the report and counts in the summary.
	attemptID := ""
	_, stored, err := db.BatchWithItems(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range stored {
		if it.Line == 7 {
			attemptID = it.AttemptID
			if it.State != "done" || attemptID == "" {
				t.Fatalf("line 7 not graded after the run: state %q, error %q, attempt %q", it.State, it.Error, it.AttemptID)
			}
		}
	}
	if _, err := db.SetPointCall(t.Context(), coll, attemptID, 0, "covered"); err != nil {
		t.Fatal(err)
	}
	if res, err = r.Result(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	if res.Items[1].Calls[0] != grader.Covered || res.Items[1].CallScore == nil {
		t.Fatalf("item with a call: %+v", res.Items[1])
	}
	var b strings.Builder
	if err := WriteReport(&b, res); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	if !strings.Contains(html, "내 판단") {
		t.Error("the report does not show the candidate's call")
	}
	for _, want := range []string{`<html lang="ko">`, "week1.md", fmt.Sprintf("%.1f", res.Summary.MeanScore), "<svg", "로드 밸런서", "다시 볼 부분", "NAT 게이트웨이는 왜 필요한가요?", "ALB와 NLB의 차이는?", "틀림"} {
		if !strings.Contains(html, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if n := strings.Count(html, `class="bar"`); n != len(res.Summary.Topics) {
		t.Errorf("%d bars for %d topics", n, len(res.Summary.Topics))
	}
	if n := strings.Count(html, "<details"); n != len(items) {
		t.Errorf("%d answers shown, want %d", n, len(items))
	}
	for _, bad := range []string{"<script>alert", "<img src=x", "http://", "https://", `src="`} {
		if strings.Contains(html, bad) {
			t.Errorf("report holds %q: markup from an answer, or something fetched", bad)
		}
	}
}

// A file of well over a thousand answers is checked and stored whole.
func TestThousandsOfItems(t *testing.T) {
	var b strings.Builder
	b.WriteString("question,answer,topic\n")
	for i := range 1500 {
		fmt.Fprintf(&b, "\"질문 %d: NAT 게이트웨이는 왜 필요한가요?\",\"밖으로만 나가게 해 줍니다 (%d).\",VPC\n", i, i)
	}
	items, err := Parse("big.csv", []byte(b.String()))
	if err != nil || len(items) != 1500 || items[1499].Line != 1501 {
		t.Fatalf("parse: %d items, %v", len(items), err)
	}
	db := testdb.Open(t)
	coll := testdb.Collection(t, "batch-big")
	r := NewRunner(nil, db, nil)
	id, err := r.Create(t.Context(), coll, "big.csv", items)
	if err != nil {
		t.Fatal(err)
	}
	info, err := r.Status(t.Context(), id)
	if err != nil || info.Items != 1500 || info.Done != 0 {
		t.Fatalf("stored %+v, %v", info, err)
	}
}
