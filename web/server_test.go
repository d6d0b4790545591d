package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"grader/grader"
	"grader/internal/testdb"
	"grader/notes"
)

const (
	natQuestion = "NAT 게이트웨이는 왜 필요한가요?"
	natAnswer   = "프라이빗 서브넷의 인스턴스가 인터넷으로 나가는 아웃바운드 연결만 할 수 있게 해 준다. " +
		"외부에서 먼저 연결을 시작할 수는 없다. NAT 게이트웨이는 퍼블릭 서브넷에 두고 가용 영역마다 하나씩 둔다."
)

func TestGrade(t *testing.T) {
	e := newEnv(t)
	r := e.postJSON("/api/v1/grade", map[string]string{"question": natQuestion, "answer": natAnswer, "collection": e.coll})
	wantStatus(t, r, http.StatusOK)
	var g grader.Grade
	r.json(t, &g)
	if g.Score < 0 || g.Score > 100 || g.Verdict == "" || g.Summary == "" {
		t.Fatalf("grade without score, verdict or summary: %+v", g)
	}
	if len(g.Points) == 0 {
		t.Fatal("no key points")
	}
	cited := false
	for _, p := range g.Points {
		if p.Citation.Note == "aws-networking.md" && p.Citation.ChunkID != "" && len(p.Citation.HeadingPath) > 0 {
			cited = true
		}
	}
	if !cited {
		t.Fatalf("no point cites aws-networking.md: %+v", g.Points)
	}
	if g.Grader.Mode != grader.ModeOffline || g.AttemptID == "" {
		t.Fatalf("judge %+v, attempt %q", g.Grader, g.AttemptID)
	}
	// The collection defaults to the configured one.
	r = e.postJSON("/api/v1/grade", map[string]string{"question": natQuestion, "answer": natAnswer})
	wantStatus(t, r, http.StatusOK)
	m := e.get("/metrics")
	wantStatus(t, m, http.StatusOK)
	for _, want := range []string{
		`grader_grades_total{judge="offline",verdict="` + g.Verdict + `"} 2`,
		`http_requests_total{method="POST",route="/api/v1/grade",status="200"} 2`,
		`http_request_duration_seconds_bucket{route="/api/v1/grade",le="+Inf"} 2`,
		`http_requests_in_flight`,
	} {
		if !bytes.Contains(m.Body, []byte(want)) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestGradeAndFollowupsRejectBadInput(t *testing.T) {
	e := newEnv(t)
	long := strings.Repeat("가", grader.MaxAnswerRunes+1)
	cases := []struct {
		name, ctype, body string
		status            int
		code              string
	}{
		{"empty answer", "application/json", `{"question":"q","answer":"  "}`, 400, codeBadInput},
		{"empty question", "application/json", `{"question":"","answer":"a"}`, 400, codeBadInput},
		{"answer too long", "application/json", `{"question":"q","answer":"` + long + `"}`, 400, codeBadInput},
		{"collection too long", "application/json", `{"question":"q","answer":"a","collection":"` + strings.Repeat("c", 101) + `"}`, 400, codeBadInput},
		{"malformed JSON", "application/json", `{"question":"q",`, 400, codeBadRequest},
		{"syntax error", "application/json", `{"question" "q"}`, 400, codeBadRequest},
		{"unknown field", "application/json", `{"question":"q","answer":"a","score":100}`, 400, codeBadRequest},
		{"wrong type", "application/json", `{"question":["q"],"answer":"a"}`, 400, codeBadRequest},
		{"not an object", "application/json", `"q"`, 400, codeBadRequest},
		{"two objects", "application/json", `{"question":"q","answer":"a"}{}`, 400, codeBadRequest},
		{"empty body", "application/json", ``, 400, codeBadRequest},
		{"not UTF-8", "application/json", "{\"question\":\"\xff\",\"answer\":\"a\"}", 400, codeBadRequest},
		{"a NUL character", "application/json", `{"question":"q","answer":"a\u0000b"}`, 400, codeBadInput},
		{"only invisible characters", "application/json", `{"question":"q","answer":"\u200b\u200b\u00a0"}`, 400, codeBadInput},
		{"asked is not a list of text", "application/json", `{"question":"q","answer":"a","asked":"q"}`, 400, codeBadRequest},
		{"too many asked", "application/json", `{"question":"q","answer":"a","asked":[` + strings.TrimSuffix(strings.Repeat(`"q",`, 101), ",") + `]}`, 400, codeBadInput},
		{"form body", "application/x-www-form-urlencoded", `question=q&answer=a`, 415, codeUnsupportedMedia},
		{"no content type", "", `{"question":"q","answer":"a"}`, 415, codeUnsupportedMedia},
		{"over the body limit", "application/json", `{"question":"q","answer":"` + strings.Repeat("a", DefaultJSONBodyLimit) + `"}`, 413, codeTooLarge},
		{"no notes", "application/json", `{"question":"q","answer":"a","collection":"web-empty-collection"}`, 409, codeNoNotes},
	}
	for _, path := range []string{"/api/v1/grade", "/api/v1/followups"} {
		for _, c := range cases {
			t.Run(path+"/"+c.name, func(t *testing.T) {
				var hdr []string
				if c.ctype != "" {
					hdr = []string{"Content-Type", c.ctype}
				}
				r := e.do(http.MethodPost, path, strings.NewReader(c.body), hdr...)
				wantStatus(t, r, c.status)
				if code := r.errorCode(t); code != c.code {
					t.Fatalf("code %q, want %q (%s)", code, c.code, r.Body)
				}
			})
		}
	}
	// The 413 names the limit, so the user knows what to cut.
	r := e.postJSON("/api/v1/grade", map[string]string{"question": "q", "answer": strings.Repeat("a", DefaultJSONBodyLimit)})
	if !bytes.Contains(r.Body, []byte("256 KB")) {
		t.Fatalf("413 does not name the limit: %s", r.Body)
	}
	// A declared length over the limit is refused without reading the body.
	r = e.do(http.MethodPost, "/api/v1/grade", io.LimitReader(zeroReader{}, 1<<20), "Content-Type", "application/json", "Content-Length", fmt.Sprint(1<<20))
	wantStatus(t, r, http.StatusRequestEntityTooLarge)
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

func TestFollowups(t *testing.T) {
	e := newEnv(t)
	r := e.postJSON("/api/v1/followups", map[string]string{"question": natQuestion, "answer": natAnswer, "collection": e.coll})
	wantStatus(t, r, http.StatusOK)
	var body struct {
		Followups []string `json:"followups"`
	}
	r.json(t, &body)
	if len(body.Followups) == 0 || body.Followups[0] == "" {
		t.Fatalf("no follow-ups: %s", r.Body)
	}
	// Follow-ups are not recorded as attempts.
	h := e.get(e.q("/api/v1/history"))
	wantStatus(t, h, http.StatusOK)
	if bytes.Contains(h.Body, []byte(natQuestion)) {
		t.Fatal("a follow-up request was recorded in the history")
	}
}

func TestSearch(t *testing.T) {
	e := newEnv(t)
	r := e.get(e.q("/api/v1/search?q=" + url.QueryEscape("NAT 게이트웨이") + "&k=3"))
	wantStatus(t, r, http.StatusOK)
	var body struct {
		Passages []notes.Passage `json:"passages"`
	}
	r.json(t, &body)
	if len(body.Passages) == 0 || len(body.Passages) > 3 || body.Passages[0].Note != "aws-networking.md" {
		t.Fatalf("passages %+v", body.Passages)
	}
	// An unknown collection has no passages: 200, empty.
	r = e.get("/api/v1/search?q=NAT&collection=web-no-such-collection")
	wantStatus(t, r, http.StatusOK)
	if strings.TrimSpace(string(r.Body)) != `{"passages":[]}` {
		t.Fatalf("unknown collection: %s", r.Body)
	}
	for _, bad := range []string{"", "?q=", "?q=%20%20", "?q=NAT&k=0", "?q=NAT&k=51", "?q=NAT&k=abc",
		"?q=" + strings.Repeat("a", maxQueryRunes+1), "?q=NAT&collection=" + strings.Repeat("c", 101)} {
		t.Run(bad, func(t *testing.T) {
			r := e.get("/api/v1/search" + bad)
			wantStatus(t, r, http.StatusBadRequest)
			if code := r.errorCode(t); code != codeBadInput {
				t.Fatalf("code %s", code)
			}
		})
	}
}

func TestQuestions(t *testing.T) {
	e := newEnv(t)
	var bank struct {
		Questions []grader.Question `json:"questions"`
		Topics    []topicCount      `json:"topics"`
	}
	// The bank is generated from the notes on first use.
	r := e.get(e.q("/api/v1/questions"))
	wantStatus(t, r, http.StatusOK)
	r.json(t, &bank)
	if len(bank.Questions) < 5 || len(bank.Topics) < 3 {
		t.Fatalf("bank of %d questions in %d topics", len(bank.Questions), len(bank.Topics))
	}
	topic := bank.Topics[0]
	r = e.get(e.q("/api/v1/questions?topic=" + url.QueryEscape(topic.Topic)))
	wantStatus(t, r, http.StatusOK)
	r.json(t, &bank)
	if len(bank.Questions) != topic.Count {
		t.Fatalf("topic %q: %d questions, want %d", topic.Topic, len(bank.Questions), topic.Count)
	}
	for _, q := range bank.Questions {
		if q.Topic != topic.Topic || q.Question == "" || q.Note == "" {
			t.Fatalf("question %+v", q)
		}
	}
	r = e.do(http.MethodPost, e.q("/api/v1/questions/refresh"), nil)
	wantStatus(t, r, http.StatusOK)
	if !bytes.Contains(r.Body, []byte(`"questions":`)) {
		t.Fatalf("refresh: %s", r.Body)
	}
	for _, path := range []string{"/api/v1/questions", "/api/v1/questions/refresh"} {
		method := http.MethodGet
		if strings.HasSuffix(path, "refresh") {
			method = http.MethodPost
		}
		r = e.do(method, path+"?collection="+strings.Repeat("c", 101), nil)
		wantStatus(t, r, http.StatusBadRequest)
	}
}

// multipartBody builds an upload; names are sent verbatim as file names.
func multipartBody(t *testing.T, coll string, files map[string]string) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if coll != "" {
		_ = w.WriteField("collection", coll)
	}
	for name, content := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename="%s"`, name))
		h.Set("Content-Type", "text/markdown")
		part, err := w.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.WriteString(part, content)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf, w.FormDataContentType()
}

func TestUploadListDeleteNotes(t *testing.T) {
	e := newEnv(t, withConfig(func(c *Config) { c.NotesBodyLimit = 64 << 10 }))
	files := map[string]string{
		"interview/운영체제/프로세스.md": "# 프로세스와 스레드\n\n## 프로세스\n프로세스는 실행 중인 프로그램이며 자기만의 주소 공간을 가진다.\n\n## 스레드\n스레드는 프로세스 안에서 주소 공간을 공유한다.\n",
		"interview/readme.txt":   "Plain text notes are fine too.\n\nThey become one section.\n",
		"interview/diagram.png":  "not a note",
	}
	body, ctype := multipartBody(t, e.coll, files)
	r := e.do(http.MethodPost, "/api/v1/notes", body, "Content-Type", ctype)
	wantStatus(t, r, http.StatusOK)
	var sum uploadSummary
	r.json(t, &sum)
	if sum.Files != 2 || sum.ChunksAdded == 0 || len(sum.Skipped) != 1 || sum.Skipped[0].Path != "interview/diagram.png" || !sum.QuestionsRefreshing {
		t.Fatalf("summary %+v", sum)
	}
	// The same files again change nothing.
	body, ctype = multipartBody(t, e.coll, files)
	r = e.do(http.MethodPost, "/api/v1/notes", body, "Content-Type", ctype)
	wantStatus(t, r, http.StatusOK)
	r.json(t, &sum)
	if sum.ChunksAdded != 0 || sum.ChunksUnchanged == 0 || sum.QuestionsRefreshing {
		t.Fatalf("re-upload: %+v", sum)
	}

	var list struct {
		Notes  []notes.NoteInfo `json:"notes"`
		Chunks int              `json:"chunks"`
	}
	r = e.get(e.q("/api/v1/notes"))
	wantStatus(t, r, http.StatusOK)
	r.json(t, &list)
	var uploaded *notes.NoteInfo
	for i, n := range list.Notes {
		if n.Path == "interview/운영체제/프로세스.md" {
			uploaded = &list.Notes[i]
		}
	}
	if len(list.Notes) != 6 || uploaded == nil || uploaded.Root != UploadRoot || uploaded.Chunks == 0 || uploaded.IndexedAt.IsZero() || list.Chunks == 0 {
		t.Fatalf("notes %+v", list)
	}
	for _, n := range list.Notes {
		// the sample notes were ingested from ../samples/notes: named, not disclosed
		if n.Root != UploadRoot && (strings.ContainsAny(n.Root, `/\`) || n.Root != "notes") {
			t.Errorf("note %s lists its root as %q, want the folder's name", n.Path, n.Root)
		}
	}
	// The bank now asks about the upload.
	r = e.get(e.q("/api/v1/questions"))
	if !bytes.Contains(r.Body, []byte("interview/운영체제/프로세스.md")) {
		t.Fatal("the question bank was not refreshed after the upload")
	}

	r = e.do(http.MethodDelete, e.q("/api/v1/notes/"+uploaded.ID), nil)
	wantStatus(t, r, http.StatusOK)
	r = e.get(e.q("/api/v1/notes"))
	if bytes.Contains(r.Body, []byte("프로세스.md")) {
		t.Fatal("deleted note still listed")
	}
	for _, id := range []string{uploaded.ID, "999999999", "abc"} {
		r = e.do(http.MethodDelete, e.q("/api/v1/notes/"+id), nil)
		wantStatus(t, r, http.StatusNotFound)
		if code := r.errorCode(t); code != codeNotFound {
			t.Fatal(code)
		}
	}
	// Another collection's note cannot be deleted through this one.
	r = e.do(http.MethodDelete, "/api/v1/notes/"+list.Notes[0].ID+"?collection=web-other", nil)
	wantStatus(t, r, http.StatusNotFound)

	r = e.do(http.MethodPost, e.q("/api/v1/notes/reindex"), nil)
	wantStatus(t, r, http.StatusOK)
	if !bytes.Contains(r.Body, []byte(`"chunks_embedded":0`)) {
		t.Fatalf("reindex of an indexed collection: %s", r.Body)
	}
	for _, path := range []string{"/api/v1/notes", "/api/v1/notes/reindex"} {
		method := http.MethodGet
		if strings.HasSuffix(path, "reindex") {
			method = http.MethodPost
		}
		r = e.do(method, path+"?collection="+strings.Repeat("c", 101), nil)
		wantStatus(t, r, http.StatusBadRequest)
	}
	r = e.do(http.MethodDelete, "/api/v1/notes/1?collection="+strings.Repeat("c", 101), nil)
	wantStatus(t, r, http.StatusBadRequest)
}

func TestUploadRejects(t *testing.T) {
	e := newEnv(t, withConfig(func(c *Config) { c.NotesBodyLimit = 64 << 10 }))
	note := "# Note\n\ntext\n"
	cases := []struct {
		name   string
		files  map[string]string
		status int
		code   string
	}{
		{"parent directory", map[string]string{"../secret.md": note}, 400, codeBadInput},
		{"parent inside", map[string]string{"a/../../b.md": note}, 400, codeBadInput},
		{"backslash parent", map[string]string{`a\..\..\b.md`: note}, 400, codeBadInput},
		{"absolute", map[string]string{"/etc/notes.md": note}, 400, codeBadInput},
		{"windows absolute", map[string]string{`C:\notes\a.md`: note}, 400, codeBadInput},
		{"no files", map[string]string{}, 400, codeBadInput},
		{"too large", map[string]string{"big.md": strings.Repeat("가나다라 ", 20000)}, 413, codeTooLarge},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body, ctype := multipartBody(t, e.coll, c.files)
			r := e.do(http.MethodPost, "/api/v1/notes", body, "Content-Type", ctype)
			wantStatus(t, r, c.status)
			if code := r.errorCode(t); code != c.code {
				t.Fatalf("code %s: %s", code, r.Body)
			}
		})
	}
	t.Run("not multipart", func(t *testing.T) {
		r := e.postJSON("/api/v1/notes", map[string]string{"file": "x"})
		wantStatus(t, r, http.StatusUnsupportedMediaType)
	})
	t.Run("no boundary", func(t *testing.T) {
		r := e.do(http.MethodPost, "/api/v1/notes", strings.NewReader("x"), "Content-Type", "multipart/form-data")
		wantStatus(t, r, http.StatusBadRequest)
		if code := r.errorCode(t); code != codeBadRequest {
			t.Fatal(code)
		}
	})
	t.Run("too large while streaming", func(t *testing.T) {
		// No Content-Length: the limit trips while the body is read.
		body, ctype := multipartBody(t, e.coll, map[string]string{"big.md": strings.Repeat("x", 100<<10)})
		r := e.do(http.MethodPost, "/api/v1/notes", io.MultiReader(body), "Content-Type", ctype)
		wantStatus(t, r, http.StatusRequestEntityTooLarge)
		if !bytes.Contains(r.Body, []byte("64 KB")) {
			t.Fatalf("413 does not name the limit: %s", r.Body)
		}
	})
	t.Run("bad collection", func(t *testing.T) {
		body, ctype := multipartBody(t, strings.Repeat("c", 101), map[string]string{"a.md": note})
		r := e.do(http.MethodPost, "/api/v1/notes", body, "Content-Type", ctype)
		wantStatus(t, r, http.StatusBadRequest)
	})
	t.Run("duplicate path", func(t *testing.T) {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		for range 2 {
			part, _ := w.CreateFormFile("file", "same.md")
			_, _ = io.WriteString(part, note)
		}
		_ = w.Close()
		r := e.do(http.MethodPost, "/api/v1/notes", &buf, "Content-Type", w.FormDataContentType())
		wantStatus(t, r, http.StatusBadRequest)
	})
}

func TestCleanUploadPath(t *testing.T) {
	cases := []struct{ in, want string }{
		{"a.md", "a.md"},
		{"notes/aws/vpc.md", "notes/aws/vpc.md"},
		{"./notes//x.md", "notes/x.md"},
		{`notes\win\x.md`, "notes/win/x.md"},
		{"노트/한글.md", "노트/한글.md"},
		{"", ""}, {"..", ""}, {"../a.md", ""}, {"a/../../b.md", ""}, {"a/..", ""},
		{"/abs.md", ""}, {`\\server\share\a.md`, ""}, {"C:/x.md", ""}, {"a\x00b.md", ""}, {".", ""},
	}
	for _, c := range cases {
		got, err := cleanUploadPath(c.in)
		if c.want == "" {
			if err == nil {
				t.Errorf("cleanUploadPath(%q) = %q, want an error", c.in, got)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("cleanUploadPath(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestPassage(t *testing.T) {
	e := newEnv(t)
	var found struct {
		Passages []notes.Passage `json:"passages"`
	}
	e.get(e.q("/api/v1/search?q="+url.QueryEscape("NAT 게이트웨이 퍼블릭 서브넷"))).json(t, &found)
	if len(found.Passages) == 0 {
		t.Fatal("no passages")
	}
	p := found.Passages[0]
	r := e.get(e.q("/api/v1/passages/" + p.ChunkID))
	wantStatus(t, r, http.StatusOK)
	var ctx passageInContext
	r.json(t, &ctx)
	if ctx.Passage.ChunkID != p.ChunkID || ctx.Passage.Text != p.Text {
		t.Fatalf("passage %+v", ctx.Passage)
	}
	if len(ctx.Before)+len(ctx.After) == 0 {
		t.Fatal("no context around the passage")
	}
	for _, s := range append(ctx.Before, ctx.After...) {
		if s.Note != p.Note {
			t.Fatalf("context from another note: %+v", s)
		}
	}
	for _, path := range []string{e.q("/api/v1/passages/999999999"), e.q("/api/v1/passages/abc"), "/api/v1/passages/" + p.ChunkID + "?collection=web-other"} {
		r = e.get(path)
		wantStatus(t, r, http.StatusNotFound)
		if code := r.errorCode(t); code != codeNotFound {
			t.Fatal(code)
		}
	}
	r = e.get("/api/v1/passages/1?collection=" + strings.Repeat("c", 101))
	wantStatus(t, r, http.StatusBadRequest)
}

func TestHistory(t *testing.T) {
	e := newEnv(t)
	answers := []struct{ q, a string }{
		{natQuestion, natAnswer},
		{"ALB와 NLB의 차이는?", "ALB는 L7에서 HTTP를 다루고 NLB는 L4에서 TCP, UDP를 분산한다."},
		{natQuestion, "잘 모르겠습니다."},
	}
	for _, x := range answers {
		wantStatus(t, e.postJSON("/api/v1/grade", map[string]string{"question": x.q, "answer": x.a}), http.StatusOK)
	}
	var hist struct {
		Attempts []grader.Attempt `json:"attempts"`
	}
	r := e.get(e.q("/api/v1/history"))
	wantStatus(t, r, http.StatusOK)
	r.json(t, &hist)
	if len(hist.Attempts) != 3 || hist.Attempts[0].Answer != "잘 모르겠습니다." || hist.Attempts[0].Grade.Verdict == "" {
		t.Fatalf("attempts %+v", hist.Attempts)
	}
	e.get(e.q("/api/v1/history?limit=1")).json(t, &hist)
	if len(hist.Attempts) != 1 {
		t.Fatalf("limit=1 gave %d", len(hist.Attempts))
	}
	var tops struct {
		Topics []grader.TopicStat `json:"topics"`
	}
	r = e.get(e.q("/api/v1/history/topics"))
	wantStatus(t, r, http.StatusOK)
	r.json(t, &tops)
	if len(tops.Topics) == 0 {
		t.Fatal("no topics")
	}
	for i := 1; i < len(tops.Topics); i++ {
		if tops.Topics[i].Average < tops.Topics[i-1].Average {
			t.Fatalf("topics not weakest first: %+v", tops.Topics)
		}
	}
	for _, bad := range []string{"?limit=0", "?limit=501", "?limit=x", "?collection=" + strings.Repeat("c", 101)} {
		wantStatus(t, e.get("/api/v1/history"+bad), http.StatusBadRequest)
	}
	wantStatus(t, e.get("/api/v1/history/topics?collection="+strings.Repeat("c", 101)), http.StatusBadRequest)
	// Another collection sees none of it.
	r = e.get("/api/v1/history?collection=web-other-history")
	wantStatus(t, r, http.StatusOK)
	r.json(t, &hist)
	if len(hist.Attempts) != 0 {
		t.Fatal("history leaks across collections")
	}
}

func TestInfoHealthReady(t *testing.T) {
	e := newEnv(t)
	r := e.get("/api/v1/info")
	wantStatus(t, r, http.StatusOK)
	var in info
	r.json(t, &in)
	if in.Grader.Mode != grader.ModeOffline || in.AuthRequired || in.DefaultCollection != e.coll {
		t.Fatalf("info %+v", in)
	}
	wantStatus(t, e.get("/healthz"), http.StatusOK)
	wantStatus(t, e.get("/readyz"), http.StatusOK)

	down := newEnv(t, withDeps(func(d *Deps) { d.DB = failingPinger{} }))
	r = down.get("/readyz")
	wantStatus(t, r, http.StatusServiceUnavailable)
	if code := r.errorCode(t); code != codeNotReady {
		t.Fatal(code)
	}
	wantStatus(t, down.get("/healthz"), http.StatusOK)
}

type failingPinger struct{}

func (failingPinger) Ping(context.Context) error { return errors.New("connection refused") }

func TestPageAndAssets(t *testing.T) {
	e := newEnv(t)
	cases := []struct{ accept, lang string }{
		{"", "en"}, {"ko-KR,ko;q=0.9,en;q=0.8", "ko"}, {"en-US,en;q=0.9,ko;q=0.5", "en"}, {"fr-FR, ko;q=0.3", "ko"}, {"de", "en"},
	}
	for _, c := range cases {
		r := e.get("/", "Accept-Language", c.accept)
		wantStatus(t, r, http.StatusOK)
		if !bytes.Contains(r.Body, []byte(`<html lang="`+c.lang+`"`)) {
			t.Errorf("Accept-Language %q: want lang %s", c.accept, c.lang)
		}
	}
	r := e.get("/")
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("content type %s", ct)
	}
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "X-Request-Id"} {
		if r.Header.Get(h) == "" {
			t.Errorf("no %s header", h)
		}
	}
	if strings.Contains(string(r.Body), "cdn") || strings.Contains(string(r.Body), "https://") {
		t.Error("the page loads something from elsewhere")
	}

	js := e.get("/assets/app.js", "Accept-Encoding", "gzip")
	wantStatus(t, js, http.StatusOK)
	if ct := js.Header.Get("Content-Type"); !strings.Contains(ct, "javascript") {
		t.Fatalf("app.js served as %s", ct)
	}
	if js.Header.Get("Content-Encoding") != "gzip" {
		t.Error("app.js not gzipped")
	}
	etag := js.Header.Get("ETag")
	wantStatus(t, e.get("/assets/app.js", "If-None-Match", etag), http.StatusNotModified)
	r = e.get("/assets/nope.js")
	wantStatus(t, r, http.StatusNotFound)
	for _, name := range []string{"style.css", "i18n.js", "dom.js", "api.js", "grade.js", "favicon.svg"} {
		wantStatus(t, e.get("/assets/"+name), http.StatusOK)
	}
	// Unknown paths and methods get the JSON error shape too.
	r = e.get("/no/such/page")
	wantStatus(t, r, http.StatusNotFound)
	r.errorCode(t)
	r = e.do(http.MethodPut, "/api/v1/grade", nil)
	wantStatus(t, r, http.StatusMethodNotAllowed)
	r.errorCode(t)
	// Without a token, login and logout just go to the page.
	r = e.do(http.MethodPost, "/login", strings.NewReader("token=x"), "Content-Type", "application/x-www-form-urlencoded")
	wantStatus(t, r, http.StatusSeeOther)
}

func TestPreferredLang(t *testing.T) {
	for in, want := range map[string]string{
		"": "en", "ko": "ko", "KO-kr": "ko", "en-GB": "en", "ja, ko;q=0.1": "ko", "ko;q=0, en;q=0.1": "en", "*": "en", "en;q=0.2, ko;q=0.8": "ko",
	} {
		if got := preferredLang(in); got != want {
			t.Errorf("preferredLang(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestAuth(t *testing.T) {
	const tok = "s3cret-token"
	e := newEnv(t, withConfig(func(c *Config) { c.APIToken = tok }))
	api := e.q("/api/v1/notes")
	cases := []struct {
		name, path, auth string
		status           int
	}{
		{"api without token", api, "", 401},
		{"api with wrong token", api, "Bearer nope", 401},
		{"api with token as basic", api, "Basic " + tok, 401},
		{"api with token", api, "Bearer " + tok, 200},
		{"api scheme is case-insensitive", api, "bearer " + tok, 200},
		{"openapi without token", "/api/v1/openapi.json", "", 401},
		{"unknown api path without token", "/api/v1/nope", "", 404},
		{"metrics without token", "/metrics", "", 401},
		{"metrics with token", "/metrics", "Bearer " + tok, 200},
		{"healthz stays open", "/healthz", "", 200},
		{"readyz stays open", "/readyz", "", 200},
		{"assets stay open", "/assets/style.css", "", 200},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var hdr []string
			if c.auth != "" {
				hdr = []string{"Authorization", c.auth}
			}
			r := e.get(c.path, hdr...)
			wantStatus(t, r, c.status)
			if c.status == 401 {
				if code := r.errorCode(t); code != codeUnauthorized {
					t.Fatal(code)
				}
				if !strings.HasPrefix(r.Header.Get("WWW-Authenticate"), "Bearer") {
					t.Fatal("no WWW-Authenticate")
				}
			}
		})
	}
	// Grading needs it too.
	r := e.postJSON("/api/v1/grade", map[string]string{"question": "q", "answer": "a"})
	wantStatus(t, r, http.StatusUnauthorized)

	// The page asks for the token, and a session cookie stands in for it.
	r = e.get("/")
	wantStatus(t, r, http.StatusOK)
	if !bytes.Contains(r.Body, []byte(`action="/login"`)) || bytes.Contains(r.Body, []byte("app.js")) {
		t.Fatal("without a session the page is not the login form")
	}
	form := func(v string) io.Reader { return strings.NewReader(url.Values{"token": {v}}.Encode()) }
	r = e.do(http.MethodPost, "/login", form("wrong"), "Content-Type", "application/x-www-form-urlencoded")
	wantStatus(t, r, http.StatusUnauthorized)
	if !bytes.Contains(r.Body, []byte(`role="alert"`)) {
		t.Fatal("a wrong token does not say so")
	}
	r = e.do(http.MethodPost, "/login", strings.NewReader(`{"token":"`+tok+`"}`), "Content-Type", "application/json")
	wantStatus(t, r, http.StatusUnsupportedMediaType)
	// the token in the URL is refused, even when it is right
	r = e.do(http.MethodPost, "/login?token="+tok, strings.NewReader(""), "Content-Type", "application/x-www-form-urlencoded")
	wantStatus(t, r, http.StatusBadRequest)
	if r.Header.Get("Set-Cookie") != "" {
		t.Fatal("a token in the URL signed in")
	}
	r = e.do(http.MethodPost, "/login", form(tok), "Content-Type", "application/x-www-form-urlencoded")
	wantStatus(t, r, http.StatusSeeOther)
	cookie := r.Header.Get("Set-Cookie")
	for _, want := range []string{sessionCookie + "=", "HttpOnly", "SameSite=Strict", "Path=/"} {
		if !strings.Contains(cookie, want) {
			t.Fatalf("cookie %q lacks %s", cookie, want)
		}
	}
	if strings.Contains(cookie, tok) {
		t.Fatal("the cookie carries the token itself")
	}
	session := strings.SplitN(cookie, ";", 2)[0]
	wantStatus(t, e.get(api, "Cookie", session), http.StatusOK)
	r = e.get("/", "Cookie", session)
	if !bytes.Contains(r.Body, []byte("app.js")) {
		t.Fatal("with a session the page is not the app")
	}
	wantStatus(t, e.get(api, "Cookie", sessionCookie+"=forged"), http.StatusUnauthorized)
	// every login is a session of its own
	r = e.do(http.MethodPost, "/login", form(tok), "Content-Type", "application/x-www-form-urlencoded")
	other := strings.SplitN(r.Header.Get("Set-Cookie"), ";", 2)[0]
	if other == session {
		t.Fatal("two logins got the same session")
	}
	if !strings.Contains(cookie, "Max-Age=43200") {
		t.Errorf("the session cookie does not last 12 hours: %s", cookie)
	}
	r = e.do(http.MethodPost, "/logout", nil, "Cookie", session)
	wantStatus(t, r, http.StatusSeeOther)
	if !strings.Contains(r.Header.Get("Set-Cookie"), "Max-Age=0") {
		t.Fatalf("logout does not clear the cookie: %s", r.Header.Get("Set-Cookie"))
	}
	// logout revokes the session on the server: the old cookie no longer works
	wantStatus(t, e.get(api, "Cookie", session), http.StatusUnauthorized)
	wantStatus(t, e.get(api, "Cookie", other), http.StatusOK)
}

func TestRateLimit(t *testing.T) {
	e := newEnv(t, withConfig(func(c *Config) { c.RateLimit = 0.5; c.RateBurst = 3 }))
	for i := range 3 {
		wantStatus(t, e.get(e.q("/api/v1/notes")), http.StatusOK)
		_ = i
	}
	r := e.get(e.q("/api/v1/notes"))
	wantStatus(t, r, http.StatusTooManyRequests)
	if code := r.errorCode(t); code != codeRateLimited {
		t.Fatal(code)
	}
	if r.Header.Get("Retry-After") != "2" {
		t.Fatalf("Retry-After %q", r.Header.Get("Retry-After"))
	}
	// Grading and login share the limit; health checks and the page do not.
	wantStatus(t, e.postJSON("/api/v1/grade", map[string]string{"question": "q", "answer": "a"}), http.StatusTooManyRequests)
	wantStatus(t, e.get("/healthz"), http.StatusOK)
	wantStatus(t, e.get("/"), http.StatusOK)
	wantStatus(t, e.do(http.MethodPost, "/login", strings.NewReader("token=x"), "Content-Type", "application/x-www-form-urlencoded"), http.StatusTooManyRequests)
}

// fakeGrader stands in for the pipeline where the real one cannot be made to
// panic, fail or be slow on purpose.
type fakeGrader struct {
	grade func(ctx context.Context, req grader.Request) (grader.Grade, error)
}

func (f fakeGrader) Grade(ctx context.Context, req grader.Request) (grader.Grade, error) {
	return f.grade(ctx, req)
}

func (f fakeGrader) Followups(ctx context.Context, req grader.Request) ([]string, error) {
	g, err := f.grade(ctx, req)
	return g.Followups, err
}

func (fakeGrader) JudgeInfo() grader.Info { return grader.Info{Mode: "fake"} }

func TestFailuresAreGeneric500s(t *testing.T) {
	cases := []struct {
		name  string
		grade func(context.Context, grader.Request) (grader.Grade, error)
	}{
		{"error", func(context.Context, grader.Request) (grader.Grade, error) {
			return grader.Grade{}, errors.New("pq: password authentication failed for secret-host")
		}},
		{"panic", func(context.Context, grader.Request) (grader.Grade, error) {
			panic("secret-host exploded")
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, withDeps(func(d *Deps) { d.Grader = fakeGrader{grade: c.grade} }))
			r := e.postJSON("/api/v1/grade", map[string]string{"question": "q", "answer": "a"})
			wantStatus(t, r, http.StatusInternalServerError)
			if code := r.errorCode(t); code != codeInternal {
				t.Fatal(code)
			}
			id := r.Header.Get("X-Request-Id")
			if bytes.Contains(r.Body, []byte("secret")) || id == "" || !bytes.Contains(r.Body, []byte(id)) {
				t.Fatalf("500 leaks detail or lacks the request id %q: %s", id, r.Body)
			}
			// The server goes on serving.
			wantStatus(t, e.get("/healthz"), http.StatusOK)
		})
	}
}

func TestGradeTimeout(t *testing.T) {
	slow := fakeGrader{grade: func(ctx context.Context, _ grader.Request) (grader.Grade, error) {
		<-ctx.Done()
		return grader.Grade{}, fmt.Errorf("judge: %w", context.Cause(ctx))
	}}
	e := newEnv(t, withDeps(func(d *Deps) { d.Grader = slow }), withConfig(func(c *Config) { c.GradeTimeout = 50 * time.Millisecond }))
	r := e.postJSON("/api/v1/grade", map[string]string{"question": "q", "answer": "a"})
	wantStatus(t, r, http.StatusServiceUnavailable)
	if code := r.errorCode(t); code != codeTimeout || !bytes.Contains(r.Body, []byte("50ms")) {
		t.Fatalf("%s: %s", code, r.Body)
	}
}

// TestGracefulShutdown: cancelling Serve's context lets a request in flight
// finish, then stops taking new ones.
func TestGracefulShutdown(t *testing.T) {
	var started atomic.Bool
	release := make(chan struct{})
	deps, _ := realDeps(t)
	deps.Grader = fakeGrader{grade: func(context.Context, grader.Request) (grader.Grade, error) {
		started.Store(true)
		<-release
		return grader.Grade{Score: 70, Verdict: grader.VerdictGood, Grader: grader.Info{Mode: "fake"}}, nil
	}}
	srv := New(deps, Config{ShutdownTimeout: 10 * time.Second}, nil)
	base, cancel, served := serve(t, srv)

	answered := make(chan int, 1)
	go func() {
		res, err := http.Post(base+"/api/v1/grade", "application/json", strings.NewReader(`{"question":"q","answer":"a"}`))
		if err != nil {
			answered <- -1
			return
		}
		res.Body.Close()
		answered <- res.StatusCode
	}()
	for !started.Load() {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	time.Sleep(100 * time.Millisecond) // shutdown has begun: the listener is closed
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Fatal("a new request was accepted during shutdown")
	}
	select {
	case err := <-served:
		t.Fatalf("Serve returned (%v) before the request in flight finished", err)
	default:
	}
	close(release)
	if status := <-answered; status != http.StatusOK {
		t.Fatalf("in-flight request got %d", status)
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve: %v", err)
	}
}

// Shutting down with real work in flight (a dozen grades and an upload on
// the test database): every request in flight gets its answer, none is a
// 500, and Serve returns well before the grace period ends.
func TestShutdownWithWorkInFlight(t *testing.T) {
	deps, ix := realDeps(t)
	coll := testdb.Collection(t, "shutdown")
	if _, err := ix.IngestPaths(t.Context(), coll, []string{"../samples/notes"}, nil); err != nil {
		t.Fatal(err)
	}
	const grace = 20 * time.Second
	srv := New(deps, Config{ShutdownTimeout: grace, RateLimit: -1, DefaultCollection: coll}, nil)
	base, cancel, served := serve(t, srv)

	statuses := make(chan int, 13)
	post := func(path, ctype string, body io.Reader) {
		res, err := http.Post(base+path, ctype, body)
		if err != nil {
			statuses <- -1
			return
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		statuses <- res.StatusCode
	}
	for i := range 12 {
		go post("/api/v1/grade", "application/json", strings.NewReader(fmt.Sprintf(`{"question":"NAT 게이트웨이는 무엇인가요? (%d)","answer":"프라이빗 서브넷의 인스턴스가 인터넷으로 나갈 수 있게 해 줍니다."}`, i)))
	}
	body, ctype := multipartBody(t, coll, map[string]string{"shutdown/note.md": "# 종료\n\n## 그레이스풀 셧다운\n진행 중인 요청은 끝내고 새 요청은 받지 않는다.\n"})
	go post("/api/v1/notes", ctype, body)
	time.Sleep(50 * time.Millisecond) // the requests are in flight
	start := time.Now()
	cancel()
	for range 13 {
		select {
		case st := <-statuses:
			if st != http.StatusOK {
				t.Errorf("a request in flight got %d, want 200", st)
			}
		case <-time.After(grace):
			t.Fatal("a request in flight hung until the grace period")
		}
	}
	select {
	case err := <-served:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(grace):
		t.Fatal("Serve did not return")
	}
	if d := time.Since(start); d > grace/2 {
		t.Errorf("shutdown took %v of a %v grace period", d, grace)
	}
}

func TestCheckExposure(t *testing.T) {
	cases := []struct {
		addr, token string
		insecure    bool
		ok          bool
	}{
		{"127.0.0.1:8080", "", false, true},
		{"localhost:8080", "", false, true},
		{"[::1]:8080", "", false, true},
		{"0.0.0.0:8080", "", false, false},
		{":8080", "", false, false},
		{"192.168.1.5:8080", "", false, false},
		{"0.0.0.0:8080", "tok", false, true},
		{"0.0.0.0:8080", "", true, true},
		{"nonsense", "", false, false},
	}
	for _, c := range cases {
		err := CheckExposure(c.addr, c.token, c.insecure)
		if (err == nil) != c.ok {
			t.Errorf("CheckExposure(%q, token=%v, insecure=%v) = %v", c.addr, c.token != "", c.insecure, err)
		}
	}
	srv := New(Deps{}, Config{Addr: "0.0.0.0:0"}, nil)
	if err := srv.Run(t.Context()); !errors.Is(err, ErrExposed) {
		t.Fatalf("Run on a public address without a token: %v", err)
	}
}

// serve runs srv on a loopback port until cancel; served tells how Serve ended.
func serve(t *testing.T, srv *Server) (base string, cancel context.CancelFunc, served chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	served = make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	return "http://" + ln.Addr().String(), cancel, served
}
