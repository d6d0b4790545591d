package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"grader/grader"
)

// heldBank is the real question bank whose regeneration waits for release.
type heldBank struct {
	QuestionBank
	started chan string
	release chan struct{}
}

func (b *heldBank) Refresh(ctx context.Context, coll string) (int, error) {
	b.started <- coll
	select {
	case <-b.release:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	return b.QuestionBank.Refresh(ctx, coll)
}

// An upload answers once its notes are stored; the bank is regenerated in
// the background, and the bank's readers wait for it (up to BankWait) or get
// its last version said to be so.
func TestUploadRegeneratesTheBankInTheBackground(t *testing.T) {
	bank := &heldBank{started: make(chan string, 8), release: make(chan struct{})}
	e := newEnv(t,
		withDeps(func(d *Deps) { bank.QuestionBank = d.Questions; d.Questions = bank }),
		withConfig(func(c *Config) { c.BankWait = 200 * time.Millisecond }))

	body, ctype := multipartBody(t, e.coll, map[string]string{"k8s/etcd.md": "# etcd\n\n## 역할\n클러스터의 모든 상태 정보를 키-값으로 저장하는 저장소다.\n"})
	r := e.do(http.MethodPost, "/api/v1/notes", body, "Content-Type", ctype)
	wantStatus(t, r, http.StatusOK)
	var sum uploadSummary
	r.json(t, &sum)
	if !sum.QuestionsRefreshing || sum.Files != 1 {
		t.Fatalf("upload summary %+v; want the note in and the bank refreshing", sum)
	}
	select {
	case coll := <-bank.started:
		if coll != e.coll {
			t.Fatalf("regenerating %q, want %q", coll, e.coll)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the upload did not start a background regeneration")
	}
	// Meanwhile the rest of the service answers, and the bank's last version is served, said to be so.
	r = e.get(e.q("/api/v1/search?q=" + "etcd"))
	wantStatus(t, r, http.StatusOK)
	var qb struct {
		Questions  []grader.Question `json:"questions"`
		Refreshing bool              `json:"refreshing"`
	}
	r = e.get(e.q("/api/v1/questions"))
	wantStatus(t, r, http.StatusOK)
	r.json(t, &qb)
	if !qb.Refreshing {
		t.Fatalf("bank during regeneration: refreshing=false, %d questions", len(qb.Questions))
	}
	for _, q := range qb.Questions {
		if q.Note == "k8s/etcd.md" {
			t.Fatal("a question about the new note before the regeneration ran")
		}
	}
	close(bank.release)
	r = e.get(e.q("/api/v1/questions"))
	wantStatus(t, r, http.StatusOK)
	qb.Refreshing = true
	r.json(t, &qb)
	found := false
	for _, q := range qb.Questions {
		found = found || q.Note == "k8s/etcd.md"
	}
	if qb.Refreshing || !found {
		t.Fatalf("bank after regeneration: refreshing=%v, asks about the new note=%v: %+v", qb.Refreshing, found, qb.Questions)
	}
}

// An upload in which no file could be ingested is a 400 naming each file and why.
func TestUploadOfNothingIngestibleIsRefused(t *testing.T) {
	e := newEnv(t)
	var big strings.Builder
	for i := range 2001 {
		big.WriteString("## 절 " + strings.Repeat("가", i%5+1) + "\n\n내용\n\n")
	}
	body, ctype := multipartBody(t, e.coll, map[string]string{"big.md": big.String(), "binary.md": "제목\x00"})
	r := e.do(http.MethodPost, "/api/v1/notes", body, "Content-Type", ctype)
	wantStatus(t, r, http.StatusBadRequest)
	msg := string(r.Body)
	for _, want := range []string{"no note ingested", "big.md", "2001 sections", "at most 2000", "binary.md", "NUL"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %s does not say %q", msg, want)
		}
	}
}

// GET /next: after an answer the bank's questions come in practice order
// (the answered one is not due yet: new ones first); n is bounded.
func TestNextQuestions(t *testing.T) {
	e := newEnv(t)
	r := e.postJSON("/api/v1/grade", map[string]string{"question": natQuestion, "answer": natAnswer, "collection": e.coll})
	wantStatus(t, r, http.StatusOK)
	var out struct {
		Questions []grader.NextQuestion `json:"questions"`
	}
	r = e.get(e.q("/api/v1/next") + "&n=50")
	wantStatus(t, r, http.StatusOK)
	r.json(t, &out)
	if len(out.Questions) < 3 {
		t.Fatalf("%d questions", len(out.Questions))
	}
	if out.Questions[0].Reason != "new" {
		t.Errorf("first %+v: with one answer just given, a new question comes first", out.Questions[0])
	}
	last := out.Questions[len(out.Questions)-1]
	if last.Question.Question != natQuestion || last.Reason != "ahead" || last.Attempts != 1 || last.Recall == nil {
		t.Errorf("last %+v: the question just answered comes last, with its memory", last)
	}
	for _, bad := range []string{"0", "201", "x"} {
		r = e.get(e.q("/api/v1/next") + "&n=" + bad)
		wantStatus(t, r, http.StatusBadRequest)
	}
}

// The candidate's own call on a point: stored beside the judge's, shown in
// history with the score it makes, counted per judge status, taken back.
func TestPointCalls(t *testing.T) {
	e := newEnv(t)
	r := e.postJSON("/api/v1/grade", map[string]string{"question": "ALB와 NLB의 차이는?", "answer": "ALB는 L4, NLB는 L7에서 동작합니다.", "collection": e.coll})
	wantStatus(t, r, http.StatusOK)
	var g grader.Grade
	r.json(t, &g)
	var wrongs []int
	for i, p := range g.Points {
		if p.Status == grader.Incorrect {
			wrongs = append(wrongs, i)
		}
	}
	if len(wrongs) == 0 || g.AttemptID == "" {
		t.Fatalf("no incorrect point to overrule: %+v", g.Points)
	}
	wrong := wrongs[len(wrongs)-1]
	put := func(point int, status string) response {
		return e.do(http.MethodPut, e.q(fmt.Sprintf("/api/v1/attempts/%s/points/%d", g.AttemptID, point)),
			strings.NewReader(`{"status":"`+status+`"}`), "Content-Type", "application/json")
	}
	var call grader.Call
	for _, w := range wrongs {
		r = put(w, "covered")
		wantStatus(t, r, http.StatusOK)
		r.json(t, &call)
	}
	if call.JudgeStatus != grader.Incorrect || call.Status != grader.Covered || call.Score <= g.Score {
		t.Fatalf("call %+v; judge score %d: calling the contradiction covered should raise the score", call, g.Score)
	}
	var hist struct {
		Attempts []grader.Attempt `json:"attempts"`
	}
	r = e.get(e.q("/api/v1/history"))
	r.json(t, &hist)
	if len(hist.Attempts) == 0 || hist.Attempts[0].Calls[wrong] != grader.Covered || hist.Attempts[0].CallScore == nil || *hist.Attempts[0].CallScore != call.Score {
		t.Fatalf("history %+v", hist.Attempts[0])
	}
	var stats struct {
		Calls []struct {
			JudgeStatus string `json:"judge_status"`
			Points      int    `json:"points"`
			Overruled   int    `json:"overruled"`
		} `json:"calls"`
	}
	r = e.get(e.q("/api/v1/history/calls"))
	wantStatus(t, r, http.StatusOK)
	r.json(t, &stats)
	found := false
	for _, c := range stats.Calls {
		if c.JudgeStatus == "incorrect" {
			found = c.Overruled == len(wrongs) && c.Points >= len(wrongs)
		}
	}
	if !found {
		t.Errorf("stats %+v: the overruled incorrect point is not counted", stats.Calls)
	}
	for _, w := range wrongs {
		r = put(w, "")
		wantStatus(t, r, http.StatusOK)
		r.json(t, &call)
	}
	if call.Score != g.Score {
		t.Errorf("after taking the call back the score is %d, want the judge's %d", call.Score, g.Score)
	}
	wantStatus(t, put(wrong, "brilliant"), http.StatusBadRequest)
	wantStatus(t, put(99, "covered"), http.StatusNotFound)
	r = e.do(http.MethodPut, "/api/v1/attempts/"+g.AttemptID+"/points/0?collection=web-other", strings.NewReader(`{"status":"covered"}`), "Content-Type", "application/json")
	wantStatus(t, r, http.StatusNotFound)
}

// History across attempts: a topic's recent scores in order, a question's
// attempts, best and last score.
func TestHistoryTrendAndQuestionRecord(t *testing.T) {
	e := newEnv(t)
	for _, a := range []string{natAnswer, "모르겠습니다. 인터넷 게이트웨이랑 같은 것 같아요."} {
		wantStatus(t, e.postJSON("/api/v1/grade", map[string]string{"question": natQuestion, "answer": a, "collection": e.coll}), http.StatusOK)
	}
	var qs struct {
		Questions []grader.QuestionStat `json:"questions"`
	}
	r := e.get(e.q("/api/v1/history/questions"))
	wantStatus(t, r, http.StatusOK)
	r.json(t, &qs)
	if len(qs.Questions) != 1 || qs.Questions[0].Attempts != 2 || qs.Questions[0].Best <= qs.Questions[0].Last {
		t.Fatalf("questions %+v: want one question, two attempts, the best above the last", qs.Questions)
	}
	var tops struct {
		Topics []grader.TopicStat `json:"topics"`
	}
	r = e.get(e.q("/api/v1/history/topics"))
	r.json(t, &tops)
	if len(tops.Topics) == 0 || len(tops.Topics[0].Recent) != 2 || tops.Topics[0].Recent[1] != qs.Questions[0].Last {
		t.Fatalf("topics %+v: the trend is the scores oldest first", tops.Topics)
	}
}
