package web

import (
	"bufio"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"grader/batch"
	"grader/internal/testdb"
)

// The Batch page's API: a file uploaded is checked, stored and graded in the
// background; its progress streams as server-sent events until done; the
// result, the report and the list follow.
func TestBatchAPI(t *testing.T) {
	e := newEnv(t)
	md := "# 1주차\n\n## NAT 게이트웨이는 왜 필요한가요?\n\n프라이빗 서브넷의 인스턴스가 밖으로만 나가게 해 줍니다.\n\n## ALB와 NLB의 차이는?\n\nALB는 L4, NLB는 L7에서 동작합니다.\n\n## VPC는 무엇인가요?\n\n논리적으로 격리된 네트워크입니다.\n"
	body, ctype := multipartBodyNamed(t, e.coll, "week1.md", md)
	r := e.do(http.MethodPost, "/api/v1/batches", body, "Content-Type", ctype)
	wantStatus(t, r, http.StatusAccepted)
	var created struct {
		BatchID string `json:"batch_id"`
		Items   int    `json:"items"`
	}
	r.json(t, &created)
	if created.BatchID == "" || created.Items != 3 {
		t.Fatalf("created %+v", created)
	}

	// The progress stream ends with "done" and the last counts.
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, e.ts.URL+"/api/v1/batches/"+created.BatchID+"/events", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("content type %q", ct)
	}
	events := []string{}
	sc := bufio.NewScanner(res.Body)
	deadline := time.Now().Add(30 * time.Second)
	for sc.Scan() && time.Now().Before(deadline) {
		if ev, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
			events = append(events, ev)
		}
		if strings.HasPrefix(sc.Text(), "data: ") && len(events) > 0 && events[len(events)-1] == "done" {
			if !strings.Contains(sc.Text(), `"done":3`) {
				t.Errorf("done event %s", sc.Text())
			}
			break
		}
	}
	if len(events) < 2 || events[0] != "progress" || events[len(events)-1] != "done" {
		t.Fatalf("events %v", events)
	}

	var result batch.Result
	r = e.get("/api/v1/batches/" + created.BatchID)
	wantStatus(t, r, http.StatusOK)
	r.json(t, &result)
	if result.Summary.Graded != 3 || len(result.Items) != 3 || result.Items[1].Grade == nil || result.Source != "week1.md" {
		t.Fatalf("result %+v", result.Summary)
	}
	r = e.get("/api/v1/batches/" + created.BatchID + "/report")
	wantStatus(t, r, http.StatusOK)
	if !strings.Contains(string(r.Body), "<svg") || !strings.Contains(r.Header.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("report: %d bytes, CSP %q", len(r.Body), r.Header.Get("Content-Security-Policy"))
	}
	var list struct {
		Batches []batch.Info `json:"batches"`
	}
	r = e.get(e.q("/api/v1/batches"))
	wantStatus(t, r, http.StatusOK)
	r.json(t, &list)
	if len(list.Batches) != 1 || list.Batches[0].ID != created.BatchID || list.Batches[0].Done != 3 || list.Batches[0].FinishedAt == nil {
		t.Fatalf("list %+v", list.Batches)
	}

	for _, id := range []string{"999999999", "abc"} {
		for _, suffix := range []string{"", "/report", "/events"} {
			r = e.get("/api/v1/batches/" + id + suffix)
			wantStatus(t, r, http.StatusNotFound)
		}
	}
}

func TestBatchUploadRefusesBadFiles(t *testing.T) {
	e := newEnv(t)
	cases := []struct{ name, content, want string }{
		{"self.csv", "question,answer\nq1,\n,a2\n", `self.csv:2:4: \"answer\": answer is empty`},
		{"self.txt", "q,a\n", "unsupported file type"},
		{"self.md", "# 제목뿐\n", "no questions"},
	}
	for _, c := range cases {
		body, ctype := multipartBodyNamed(t, e.coll, c.name, c.content)
		r := e.do(http.MethodPost, "/api/v1/batches", body, "Content-Type", ctype)
		wantStatus(t, r, http.StatusBadRequest)
		if !strings.Contains(string(r.Body), c.want) {
			t.Errorf("%s: %s, want it to say %q", c.name, r.Body, c.want)
		}
	}
	var list struct {
		Batches []batch.Info `json:"batches"`
	}
	r := e.get(e.q("/api/v1/batches"))
	r.json(t, &list)
	if len(list.Batches) != 0 {
		t.Errorf("bad files stored %d batches", len(list.Batches))
	}
}

func multipartBodyNamed(t *testing.T, coll, name, content string) (io.Reader, string) {
	t.Helper()
	return multipartBody(t, coll, map[string]string{name: content})
}

// A batch left unfinished (the server or a CLI was killed) is finished when
// the server starts.
func TestUnfinishedBatchFinishedOnStart(t *testing.T) {
	deps, ix := realDeps(t)
	coll := testdb.Collection(t, "resume")
	if _, err := ix.IngestPaths(t.Context(), coll, []string{"../samples/notes"}, nil); err != nil {
		t.Fatal(err)
	}
	id, err := deps.Batches.Create(t.Context(), coll, "left.csv", []batch.Item{
		{Line: 2, Question: "VPC는 무엇인가요?", Answer: "격리된 네트워크입니다."},
		{Line: 3, Question: "NAT 게이트웨이는 왜 필요한가요?", Answer: "밖으로만 나가게 해 줍니다."},
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := New(deps, Config{DefaultCollection: coll}, nil)
	_, cancel, served := serve(t, srv)
	deadline := time.Now().Add(30 * time.Second)
	for {
		info, err := deps.Batches.Status(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		if info.FinishedAt != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("batch not finished after start: %+v", info)
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-served; err != nil {
		t.Fatal(err)
	}
}
