package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"grader/internal/testdatadir"
	"grader/internal/testdb"
	"grader/internal/testenv"
	"grader/store"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// nativeURL is the private PostgreSQL 15 + pgvector that `make test` starts
// (scripts/testpg.sh); without it the test is skipped here and fails in CI.
func nativeURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv("TEST_NATIVE_PG_URL")
	if u == "" {
		testenv.Require(t, "a private PostgreSQL 15 with pgvector (TEST_NATIVE_PG_URL)",
			"bash scripts/install-pgvector.sh once (root), then make test starts it (or scripts/testpg.sh start DIR PORT)")
	}
	return u
}

// nativeCollection is a unique collection on the database at dbURL, purged
// when the test ends.
func nativeCollection(t *testing.T, dbURL, prefix string) string {
	t.Helper()
	name := testdb.Name(prefix)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		db, err := store.Open(ctx, dbURL, nil)
		if err != nil {
			return
		}
		defer db.Close()
		if err := db.Purge(ctx, name); err != nil {
			t.Logf("clean up %s: %v", name, err)
		}
	})
	return name
}

// serveProc is one `grader serve` process.
type serveProc struct {
	base  string
	cmd   *exec.Cmd
	logs  *bytes.Buffer
	mu    *sync.Mutex
	token string
}

// launchServe starts `grader serve` on a free loopback port with args added;
// it stops when the test ends. waitReady says when it answers.
func launchServe(t *testing.T, bin string, env []string, token string, args ...string) *serveProc {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	p := &serveProc{base: "http://" + addr, logs: &bytes.Buffer{}, mu: &sync.Mutex{}, token: token}
	p.cmd = cliCmd(bin, env, append([]string{"serve", "--addr", addr}, args...)...)
	w := lockedWriter{p.mu, p.logs}
	p.cmd.Stdout, p.cmd.Stderr = w, w
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = p.cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = p.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			_ = p.cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("log of the server at %s:\n%s", p.base, p.log())
		}
	})
	return p
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

func (p *serveProc) log() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.logs.String()
}

func (p *serveProc) waitReady(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		if p.cmd.ProcessState != nil {
			break
		}
		if resp, err := http.Get(p.base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the server at %s did not become ready:\n%s", p.base, p.log())
}

// call sends one API request (with the bearer token) and decodes a 2xx
// answer into out; any other status is an error naming it.
func (p *serveProc) call(method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, p.base+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if p.token != "" {
		req.Header.Set("Authorization", "Bearer "+p.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s %s on %s: status %d: %s", method, path, p.base, resp.StatusCode, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			return fmt.Errorf("%s %s: decode: %v: %s", method, path, err, b)
		}
	}
	return nil
}

// fullGrade is what two instances must agree on for the same answer.
type fullGrade struct {
	gradeBody
	Summary     string   `json:"summary"`
	Followups   []string `json:"followups"`
	ModelAnswer string   `json:"model_answer"`
	Unsupported []string `json:"unsupported"`
	AttemptID   string   `json:"attempt_id"`
}

func (g fullGrade) same(o fullGrade) bool {
	return g.key() == o.key() && g.Summary == o.Summary && slices.Equal(g.Followups, o.Followups) &&
		g.ModelAnswer == o.ModelAnswer && slices.Equal(g.Unsupported, o.Unsupported)
}

// TestTwoServersShareOneDatabase runs two `grader serve` processes on one
// native PostgreSQL database: the service keeps no state of its own that a
// second instance behind a load balancer would miss. The same answer gets
// the same grade from either; a practice thread started on one continues on
// the other, and its attempts, the candidate's calls on points, the history
// and the practice order read the same from both; the question bank,
// regenerated by both at once, is one bank.
//
// What is per process (README, "Deploying"): the per-client rate limit, the
// metrics, and the question bank's "refreshing" flag. The API's bearer token
// works on any instance, and so does a page login (kept in the database).
func TestTwoServersShareOneDatabase(t *testing.T) {
	dbURL := nativeURL(t)
	bin := binary(t)
	coll := nativeCollection(t, dbURL, "stateless")
	const token = "two-servers-test-token"
	env := append(os.Environ(), "DATABASE_URL="+dbURL, "GRADER_API_TOKEN="+token)
	if out, err := cliCmd(bin, env, "ingest", "--collection", coll, testdatadir.Path("seeds"), "../../samples/notes").CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	// Both start at once, as a deploy with two replicas does (each migrates
	// and regenerates the default collection's bank on start).
	a := launchServe(t, bin, env, token, "--rate-limit", "-1")
	b := launchServe(t, bin, env, token, "--rate-limit", "-1")
	a.waitReady(t)
	b.waitReady(t)
	q := func(path string) string { return path + "?collection=" + url.QueryEscape(coll) }

	// The same answer, the same grade.
	const q1 = "NAT 게이트웨이는 왜 필요한가요?"
	const ans1 = "프라이빗 서브넷의 서버가 인터넷으로 나가는 연결만 하도록 해 주고 밖에서 먼저 들어오는 연결은 막습니다."
	var ga, gb fullGrade
	if err := a.call(http.MethodPost, "/api/v1/grade", map[string]any{"question": q1, "answer": ans1, "collection": coll}, &ga); err != nil {
		t.Fatal(err)
	}
	if err := b.call(http.MethodPost, "/api/v1/grade", map[string]any{"question": q1, "answer": ans1, "collection": coll}, &gb); err != nil {
		t.Fatal(err)
	}
	if len(ga.Points) == 0 || len(ga.Followups) == 0 || ga.AttemptID == "" || gb.AttemptID == "" {
		t.Fatalf("grade without points, follow-ups or attempt: %+v", ga)
	}
	if !ga.same(gb) {
		t.Errorf("the same answer graded differently:\nA: %+v\nB: %+v", ga, gb)
	}

	// A practice thread: the first answer on A, the follow-up asked and
	// answered on B. B offers the same follow-ups A did, and none already asked.
	var fb struct {
		Followups []string `json:"followups"`
	}
	if err := b.call(http.MethodPost, "/api/v1/followups", map[string]any{"question": q1, "answer": ans1, "collection": coll}, &fb); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(fb.Followups, ga.Followups) {
		t.Errorf("follow-ups on B %q, on A %q", fb.Followups, ga.Followups)
	}
	next := ga.Followups[0]
	asked := []string{q1}
	var g2 fullGrade
	if err := b.call(http.MethodPost, "/api/v1/grade", map[string]any{"question": next, "answer": "NAT 게이트웨이는 퍼블릭 서브넷에 두고 라우팅 테이블로 연결합니다.", "collection": coll, "asked": asked}, &g2); err != nil {
		t.Fatal(err)
	}
	for _, f := range g2.Followups {
		if f == q1 || f == next {
			t.Errorf("B offers %q again in the thread", f)
		}
	}

	// The history reads the same from both, with every attempt wherever it was made.
	type attempt struct {
		ID       string            `json:"id"`
		Question string            `json:"question"`
		Score    int               `json:"score"`
		Verdict  string            `json:"verdict"`
		Calls    map[string]string `json:"calls"`
	}
	history := func(p *serveProc) []attempt {
		t.Helper()
		var h struct {
			Attempts []attempt `json:"attempts"`
		}
		if err := p.call(http.MethodGet, q("/api/v1/history"), nil, &h); err != nil {
			t.Fatal(err)
		}
		return h.Attempts
	}
	ha, hb := history(a), history(b)
	ids := func(as []attempt) []string {
		var out []string
		for _, x := range as {
			out = append(out, x.ID)
		}
		return out
	}
	if !slices.Equal(ids(ha), ids(hb)) {
		t.Errorf("history on A %v, on B %v", ids(ha), ids(hb))
	}
	want := []string{g2.AttemptID, gb.AttemptID, ga.AttemptID} // newest first
	if !slices.Equal(ids(ha), want) {
		t.Errorf("history = %v, want the three attempts newest first %v", ids(ha), want)
	} else if ha[0].Question != next || ha[0].Score != g2.Score || ha[0].Verdict != g2.Verdict {
		t.Errorf("A's history shows B's follow-up attempt as %+v, B graded it %d %s", ha[0], g2.Score, g2.Verdict)
	}

	// The candidate's call on a point of A's attempt, made on B, is on A.
	call := "missed"
	if ga.Points[0].Status == "missed" {
		call = "covered"
	}
	if err := b.call(http.MethodPut, q("/api/v1/attempts/"+ga.AttemptID+"/points/0"), map[string]string{"status": call}, nil); err != nil {
		t.Fatal(err)
	}
	for _, x := range history(a) {
		if x.ID == ga.AttemptID && x.Calls["0"] != call {
			t.Errorf("A's attempt after the call on B: calls %v, want point 0 %q", x.Calls, call)
		}
	}

	// The question bank, regenerated by both at once, is one bank; the
	// practice order and the per-question record read the same.
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for _, p := range []*serveProc{a, b} {
		wg.Go(func() { errs <- p.call(http.MethodPost, q("/api/v1/questions/refresh"), nil, nil) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	for path, member := range map[string]string{"/api/v1/questions": `"question"`, "/api/v1/history/questions": `"question"`,
		"/api/v1/history/topics": `"topic"`, "/api/v1/next": `"question"`} {
		var ra, rb any
		if err := a.call(http.MethodGet, q(path), nil, &ra); err != nil {
			t.Fatal(err)
		}
		if err := b.call(http.MethodGet, q(path), nil, &rb); err != nil {
			t.Fatal(err)
		}
		ja, _ := json.Marshal(dropVolatile(ra))
		jb, _ := json.Marshal(dropVolatile(rb))
		if !bytes.Equal(ja, jb) {
			t.Errorf("%s differs:\nA: %.600s\nB: %.600s", path, ja, jb)
		}
		if !bytes.Contains(ja, []byte(member)) {
			t.Errorf("%s lists nothing: %.300s", path, ja)
		}
	}

	// A page login is kept in the database: made on A, it works on B, and a
	// logout on B ends it on A.
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.PostForm(a.base+"/login", url.Values{"token": {token}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "grader_session" {
			cookie = c
		}
	}
	if cookie == nil {
		t.Fatalf("login on A set no session cookie (status %d)", resp.StatusCode)
	}
	status := func(p *serveProc) int {
		req, _ := http.NewRequest(http.MethodGet, p.base+"/api/v1/info", nil)
		req.AddCookie(cookie)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if s := status(a); s != http.StatusOK {
		t.Errorf("A refuses its own session: %d", s)
	}
	if s := status(b); s != http.StatusOK {
		t.Errorf("B refuses a session made on A: %d", s)
	}
	req, _ := http.NewRequest(http.MethodPost, b.base+"/logout", nil)
	req.Header.Set("Origin", b.base)
	req.AddCookie(cookie)
	resp, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if s := status(a); s != http.StatusUnauthorized {
		t.Errorf("a session ended on B still works on A: %d", s)
	}
}

// dropVolatile removes what depends on the moment of the request (the
// recall predicted now) from a decoded JSON answer.
func dropVolatile(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if k == "recall" || k == "refreshing" {
				continue
			}
			out[k] = dropVolatile(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = dropVolatile(e)
		}
		return out
	}
	return v
}

// The rate limit is configured by environment as well as by flags: a
// container is configured by environment. The flag, when given, wins.
func TestRateLimitFromEnvironment(t *testing.T) {
	env := map[string]string{envRateLimit: "0.5", envRateBurst: "2"}
	a := &app{stdout: io.Discard, stderr: io.Discard, getenv: func(k string) string { return env[k] }}
	for _, c := range []struct {
		flags     []string
		wantRate  float64
		wantBurst int
	}{
		{nil, 0.5, 2},
		{[]string{"--rate-limit", "-1"}, -1, 2},
		{[]string{"--rate-burst", "7"}, 0.5, 7},
	} {
		cmd := a.serveCommand()
		if err := cmd.ParseFlags(c.flags); err != nil {
			t.Fatal(err)
		}
		rate, _ := cmd.Flags().GetFloat64("rate-limit")
		burst, _ := cmd.Flags().GetInt("rate-burst")
		if err := a.rateFromEnv(cmd, &rate, &burst); err != nil {
			t.Fatal(err)
		}
		if rate != c.wantRate || burst != c.wantBurst {
			t.Errorf("flags %v with %v: rate %v, burst %d; want %v, %d", c.flags, env, rate, burst, c.wantRate, c.wantBurst)
		}
	}
	for _, bad := range []map[string]string{{envRateLimit: "fast"}, {envRateLimit: "NaN"}, {envRateBurst: "-3"}, {envRateBurst: "1.5"}} {
		code, stdout, stderr := runCLI(t, bad, "serve", "--addr", "127.0.0.1:0")
		name := envRateLimit
		if _, ok := bad[envRateBurst]; ok {
			name = envRateBurst
		}
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, name) {
			t.Errorf("serve with %v: exit %d, stderr %q; want exit 2 naming %s", bad, code, stderr, name)
		}
	}

	// And the server started from the environment alone limits: two at once,
	// then 429 with Retry-After.
	bin := binary(t)
	p := launchServe(t, bin, append(os.Environ(), "DATABASE_URL="+testdb.URL(t), envRateLimit+"=0.5", envRateBurst+"=2"), "")
	p.waitReady(t)
	var got []int
	retry := ""
	for range 4 {
		resp, err := http.Get(p.base + "/api/v1/info")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		got = append(got, resp.StatusCode)
		if resp.StatusCode == http.StatusTooManyRequests {
			retry = resp.Header.Get("Retry-After")
		}
	}
	if !slices.Equal(got, []int{200, 200, 429, 429}) || retry != "2" {
		t.Errorf("4 requests at once with %s=0.5 %s=2: %v (Retry-After %q), want 200 200 429 429 (Retry-After 2)", envRateLimit, envRateBurst, got, retry)
	}
}

func TestHealthcheckCommand(t *testing.T) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" {
			w.Write([]byte(`{"status":"ok"}`))
			return
		}
		http.Error(w, "not ready", http.StatusServiceUnavailable)
	}))
	defer up.Close()
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	for _, c := range []struct {
		url  string
		want int
	}{
		{up.URL + "/healthz", exitOK},
		{up.URL + "/readyz", exitWork},
		{dead.URL + "/healthz", exitWork},
	} {
		// No configuration at all: the probe needs none.
		code, stdout, stderr := runCLI(t, map[string]string{}, "healthcheck", "--url", c.url, "--timeout", "2s", "--json")
		if code != c.want {
			t.Errorf("healthcheck %s: exit %d, want %d; stderr %s", c.url, code, c.want, stderr)
		}
		var out struct {
			OK     bool `json:"ok"`
			Status int  `json:"status"`
		}
		if err := json.Unmarshal([]byte(stdout), &out); err != nil || out.OK != (c.want == exitOK) {
			t.Errorf("healthcheck %s --json: %q (%v)", c.url, stdout, err)
		}
	}
}

// grader bench --load serves the product in this process and loads it: on
// a healthy server every request is answered 2xx and counted once.
func TestBenchLoad(t *testing.T) {
	env := dbEnv(t)
	code, stdout, stderr := runCLI(t, env, "bench", "--chunks", "24", "--queries", "3", "--load", "--load-duration", "300ms", "--load-clients", "1,4", "--json")
	if code != exitOK {
		t.Fatalf("bench --load: exit %d: %s", code, stderr)
	}
	var out map[string]json.RawMessage
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("one JSON document: %v: %s", err, stdout)
	}
	for _, k := range []string{"ingest_ratio", "reingest_ratio", "search_ratio", "grade_ratio", "filtered_recall", "load"} {
		if _, ok := out[k]; !ok {
			t.Errorf("bench --load --json lacks %q", k)
		}
	}
	var load struct {
		Levels []struct {
			Clients int `json:"clients"`
			Grade   struct {
				Requests        int            `json:"requests"`
				Responses       int            `json:"responses"`
				HTTPErrors      int            `json:"http_errors"`
				TransportErrors int            `json:"transport_errors"`
				RequestsPerS    float64        `json:"requests_per_s"`
				P50Ms           float64        `json:"p50_ms"`
				P99Ms           float64        `json:"p99_ms"`
				Statuses        map[string]int `json:"statuses"`
				FirstError      string         `json:"first_error"`
			} `json:"grade"`
			Search struct {
				Requests     int     `json:"requests"`
				RequestsPerS float64 `json:"requests_per_s"`
			} `json:"search"`
			GradeRPSRatio float64 `json:"grade_rps_ratio"`
		} `json:"levels"`
		Errors int `json:"errors"`
	}
	if err := json.Unmarshal(out["load"], &load); err != nil {
		t.Fatal(err)
	}
	if len(load.Levels) != 2 || load.Levels[0].Clients != 1 || load.Levels[1].Clients != 4 {
		t.Fatalf("levels %+v, want 1 and 4 clients", load.Levels)
	}
	if load.Errors != 0 {
		t.Errorf("%d errors against a healthy server: %s", load.Errors, out["load"])
	}
	for _, lv := range load.Levels {
		g := lv.Grade
		if g.Requests == 0 || g.Requests != g.Responses || g.Statuses["200"] != g.Requests || g.HTTPErrors+g.TransportErrors != 0 {
			t.Errorf("%d clients: %+v, want every grade answered 200 and counted once", lv.Clients, g)
		}
		if g.RequestsPerS <= 0 || g.P50Ms <= 0 || g.P99Ms < g.P50Ms || lv.Search.Requests == 0 || lv.GradeRPSRatio <= 0 {
			t.Errorf("%d clients: figures %+v", lv.Clients, lv)
		}
	}
	for _, bad := range [][]string{{"--load-clients", "0"}, {"--load-duration", "1ms"}} {
		if code, _, stderr := runCLI(t, env, append([]string{"bench", "--load"}, bad...)...); code != exitUsage || !strings.Contains(stderr, bad[0]) {
			t.Errorf("bench --load %v: exit %d, stderr %q; want 2 naming the flag", bad, code, stderr)
		}
	}
}
