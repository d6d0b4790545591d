package grader

import (
	"fmt"
	"testing"
	"time"

	"grader/internal/testdb"
	"grader/store"
)

// A scripted history: the order is due questions (least recalled first),
// then the bank's unanswered ones, then the rest by due date; a question
// missed three times in a row is flagged with its note.
func TestPracticeNextOrder(t *testing.T) {
	ctx := t.Context()
	db := testdb.Open(t)
	coll := testdb.Collection(t, "next")
	now := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	bank := []store.Question{
		{Topic: "VPC", Question: "NAT 게이트웨이는 왜 필요한가요?", Note: "aws.md", HeadingPath: []string{"AWS", "NAT"}},
		{Topic: "VPC", Question: "VPC는 무엇인가요?", Note: "aws.md", HeadingPath: []string{"AWS", "VPC"}},
		{Topic: "LB", Question: "ALB와 NLB는 어떻게 다른가요?", Note: "aws.md", HeadingPath: []string{"AWS", "ALB NLB"}},
		{Topic: "k8s", Question: "kubelet은 무슨 일을 하나요?", Note: "k8s.md", HeadingPath: []string{"k8s", "kubelet"}},
	}
	if err := db.ReplaceQuestions(ctx, coll, bank); err != nil {
		t.Fatal(err)
	}
	attempt := func(q string, score int, incorrect bool, at time.Time) {
		t.Helper()
		status := "covered"
		if incorrect {
			status = "incorrect"
		}
		g := fmt.Sprintf(`{"score":%d,"points":[{"status":%q}],"references":[{"note":"aws.md"}]}`, score, status)
		if _, err := db.InsertAttempt(ctx, store.Attempt{Collection: coll, Question: q, Answer: "a", Modality: "text", Score: score, Verdict: "x",
			Judge: "offline", Model: "m", Version: "1", Grade: []byte(g), CreatedAt: at}); err != nil {
			t.Fatal(err)
		}
	}
	// NAT: answered fairly well twice, long ago: due, recall still higher than the misses.
	attempt(bank[0].Question, 70, false, now.Add(-60*day))
	attempt(bank[0].Question, 72, false, now.Add(-40*day))
	// ALB/NLB: wrong three times in a row: due, lowest recall, flagged.
	attempt(bank[2].Question, 70, true, now.Add(-9*day))
	attempt(bank[2].Question, 30, false, now.Add(-6*day))
	attempt(bank[2].Question, 65, true, now.Add(-3*day))
	// kubelet: answered very well yesterday: not due.
	attempt(bank[3].Question, 95, false, now.Add(-1*day))
	// a question outside the bank, answered badly a week ago: due.
	attempt("직접 쓴 질문: Route 53은?", 45, false, now.Add(-7*day))

	got, err := NewPractice(db).Next(ctx, coll, 10, now)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, q := range got {
		order = append(order, q.Reason+":"+q.Question.Question)
	}
	want := []string{
		"due:" + bank[2].Question,
		"due:직접 쓴 질문: Route 53은?",
		"due:" + bank[0].Question,
		"new:" + bank[1].Question,
		"ahead:" + bank[3].Question,
	}
	if fmt.Sprint(order) != fmt.Sprint(want) {
		t.Fatalf("order\n got %q\nwant %q", order, want)
	}
	if got[0].Flag == "" || got[0].Attempts != 3 || *got[0].LastScore != 65 || got[0].ID == "" {
		t.Errorf("ALB/NLB: %+v, want flagged after three misses, with its bank id", got[0])
	}
	for _, q := range got[1:] {
		if q.Flag != "" {
			t.Errorf("%q flagged: %s", q.Question.Question, q.Flag)
		}
	}
	if *got[0].Recall >= *got[2].Recall {
		t.Errorf("recall ALB %.2f, NAT %.2f: the weaker first", *got[0].Recall, *got[2].Recall)
	}
	if short, err := NewPractice(db).Next(ctx, coll, 2, now); err != nil || len(short) != 2 {
		t.Errorf("n=2: %d, %v", len(short), err)
	}

	// The candidate calls the last ALB/NLB contradiction covered: that review
	// is no lapse any more, so the question is no longer flagged.
	as, err := db.Attempts(ctx, coll, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		if a.Question == bank[2].Question && a.Score == 65 {
			if _, err := db.SetPointCall(ctx, coll, a.ID, 0, "covered"); err != nil {
				t.Fatal(err)
			}
		}
	}
	got, err = NewPractice(db).Next(ctx, coll, 10, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range got {
		if q.Question.Question == bank[2].Question && (q.Flag != "" || *q.LastScore <= 65) {
			t.Errorf("after the candidate's call: %+v (last %d), want unflagged with the called score", q, *q.LastScore)
		}
	}
}

func TestRating(t *testing.T) {
	for _, c := range []struct {
		score     int
		incorrect bool
		want      int
	}{{95, true, 1}, {20, false, 1}, {50, false, 2}, {70, false, 3}, {90, false, 4}} {
		if got := Rating(c.score, c.incorrect); int(got) != c.want {
			t.Errorf("Rating(%d, %v) = %d, want %d", c.score, c.incorrect, got, c.want)
		}
	}
}
