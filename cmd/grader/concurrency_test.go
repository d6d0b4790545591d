package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"grader/internal/testdatadir"
	"grader/internal/testdb"
	"grader/notes"
)

// buildOnce builds the grader binary once per test run.
var buildOnce = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "grader-bin-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "grader")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		return "", fmt.Errorf("build: %v\n%s", err, out)
	}
	return bin, nil
})

func binary(t *testing.T) string {
	t.Helper()
	bin, err := buildOnce()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// gradeKey is what must not change between one grade and the same grade made
// beside many others: the verdict, the score and every point's status, and
// the passages it was graded against.
type gradeKey struct {
	Score    int
	Verdict  string
	Statuses string
	Refs     string
}

type gradeBody struct {
	Score   int    `json:"score"`
	Verdict string `json:"verdict"`
	Points  []struct {
		Status   string `json:"status"`
		Citation struct {
			ChunkID string `json:"chunk_id"`
		} `json:"citation"`
	} `json:"points"`
	References []struct {
		ChunkID string `json:"chunk_id"`
	} `json:"references"`
}

func (g gradeBody) key() gradeKey {
	var st, refs []string
	for _, p := range g.Points {
		st = append(st, p.Status+"@"+p.Citation.ChunkID)
	}
	for _, r := range g.References {
		refs = append(refs, r.ChunkID)
	}
	return gradeKey{g.Score, g.Verdict, strings.Join(st, ","), strings.Join(refs, ",")}
}

// TestConcurrentRequestsAndSecondProcess runs a real `grader serve` process
// and, all at once, 16 grades and 16 searches over HTTP (the server's pool
// has several connections) while a second process ingests into the same
// database. Every answer must equal the one the same request got alone, and
// the ingest must leave every note whole. On the dev database (PGlite, one
// backend for every connection) this is what interleaved protocol messages
// used to break; on PostgreSQL it checks that nothing is shared that should not be.
func TestConcurrentRequestsAndSecondProcess(t *testing.T) {
	bin := binary(t)
	dbURL := testdb.URL(t)
	served := testdb.Collection(t, "conc-served")
	ingested := testdb.Collection(t, "conc-ingest")
	env := append(os.Environ(), "DATABASE_URL="+dbURL)

	if out, err := cliCmd(bin, env, "ingest", "--collection", served, testdatadir.Path("seeds"), "../../samples/notes").CombinedOutput(); err != nil {
		t.Fatalf("ingest the served notes: %v\n%s", err, out)
	}
	// Notes for the second process, written to disk with their expected chunks.
	dir := t.TempDir()
	want := map[string]int{}
	for i := range 120 {
		var b strings.Builder
		fmt.Fprintf(&b, "# 동시성 노트 %d\n\n", i)
		for j := range 3 {
			fmt.Fprintf(&b, "## 절 %d\n- 로드 밸런서 %d는 요청을 대상 그룹 %d로 나눈다.\n- 헬스 체크에 실패한 대상에는 보내지 않는다.\n\n", j, i, i*j)
		}
		rel := fmt.Sprintf("c%03d.md", i)
		writeTestFile(t, filepath.Join(dir, rel), b.String())
		n, err := notes.Parse(rel, []byte(b.String()), notes.DefaultChunkOptions())
		if err != nil {
			t.Fatal(err)
		}
		want[rel] = len(n.Chunks)
	}

	base := startServer(t, bin, env, served)
	type gradeReq struct{ q, a string }
	grades := []gradeReq{
		{"NAT 게이트웨이는 왜 필요한가요?", "프라이빗 서브넷의 서버가 인터넷으로 나가는 연결만 하도록 해 주고 밖에서 먼저 들어오는 연결은 막습니다."},
		{"보안 그룹과 네트워크 ACL은 어떻게 다른가요?", "보안 그룹은 인스턴스 단위이고 허용 규칙만 있습니다. ACL은 서브넷 단위입니다."},
		{"CI와 CD의 차이를 설명해 주세요.", "CI는 코드를 자주 통합하면서 빌드와 테스트를 자동으로 돌리는 것이고 CD는 배포까지 자동화하는 것입니다."},
		{"쿠버네티스 컨트롤 플레인에는 무엇이 있나요?", "kube-apiserver, etcd, 스케줄러, 컨트롤러 매니저가 있습니다."},
	}
	searches := []string{"NAT 게이트웨이", "보안 그룹 인바운드", "애자일 스크럼", "도커 컨테이너 이미지"}

	// Each request alone first: the answers the concurrent ones must equal.
	wantGrade := map[int]gradeKey{}
	for i, g := range grades {
		k, err := postGrade(base, served, g.q, g.a)
		if err != nil {
			t.Fatalf("grade %q alone: %v", g.q, err)
		}
		wantGrade[i] = k
	}
	wantSearch := map[int]string{}
	for i, q := range searches {
		r, err := getSearch(base, served, q)
		if err != nil {
			t.Fatalf("search %q alone: %v", q, err)
		}
		wantSearch[i] = r
	}

	ingest := cliCmd(bin, env, "ingest", "--json", "--collection", ingested, dir)
	var ingestOut, ingestErr bytes.Buffer
	ingest.Stdout, ingest.Stderr = &ingestOut, &ingestErr
	if err := ingest.Start(); err != nil {
		t.Fatal(err)
	}
	const parallel = 16
	var wg sync.WaitGroup
	errs := make(chan error, 2*parallel)
	for i := range parallel {
		wg.Go(func() {
			g := grades[i%len(grades)]
			k, err := postGrade(base, served, g.q, g.a)
			if err != nil {
				errs <- fmt.Errorf("grade %d %q: %w", i, g.q, err)
			} else if k != wantGrade[i%len(grades)] {
				errs <- fmt.Errorf("grade %d %q beside others = %+v, alone = %+v", i, g.q, k, wantGrade[i%len(grades)])
			}
		})
		wg.Go(func() {
			q := searches[i%len(searches)]
			r, err := getSearch(base, served, q)
			if err != nil {
				errs <- fmt.Errorf("search %d %q: %w", i, q, err)
			} else if r != wantSearch[i%len(searches)] {
				errs <- fmt.Errorf("search %d %q beside others = %s, alone = %s", i, q, r, wantSearch[i%len(searches)])
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if err := ingest.Wait(); err != nil {
		t.Fatalf("the second process's ingest: %v\n%s", err, ingestErr.String())
	}
	var sum struct {
		Files       int `json:"files"`
		ChunksAdded int `json:"chunks_added"`
	}
	if err := json.Unmarshal(ingestOut.Bytes(), &sum); err != nil {
		t.Fatalf("ingest --json: %v: %q", err, ingestOut.String())
	}
	total := 0
	for _, n := range want {
		total += n
	}
	if sum.Files != len(want) || sum.ChunksAdded != total {
		t.Errorf("ingest beside the server = %+v, want %d files and %d chunks", sum, len(want), total)
	}
	stats, err := testdb.Open(t).NoteStats(t.Context(), ingested)
	if err != nil {
		t.Fatal(err)
	}
	if len(stats) != len(want) {
		t.Errorf("%d notes stored, want %d", len(stats), len(want))
	}
	for _, s := range stats {
		if s.Chunks != want[s.Path] || s.Unembedded != 0 {
			t.Errorf("note %s: %d chunks (%d without a vector), want %d all embedded", s.Path, s.Chunks, s.Unembedded, want[s.Path])
		}
	}
}

func cliCmd(bin string, env []string, args ...string) *exec.Cmd {
	c := exec.Command(bin, args...)
	c.Env = env
	return c
}

// startServer runs `grader serve` on a free loopback port until the test
// ends and returns its base URL once it answers.
func startServer(t *testing.T, bin string, env []string, coll string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	var logs bytes.Buffer
	srv := cliCmd(bin, env, "serve", "--addr", addr, "--rate-limit", "-1")
	srv.Stdout, srv.Stderr = &logs, &logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = srv.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = srv.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			_ = srv.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	base := "http://" + addr
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the server did not become ready:\n%s", logs.String())
	return ""
}

func postGrade(base, coll, q, a string) (gradeKey, error) {
	body, _ := json.Marshal(map[string]string{"question": q, "answer": a, "collection": coll})
	resp, err := http.Post(base+"/api/v1/grade", "application/json", bytes.NewReader(body))
	if err != nil {
		return gradeKey{}, err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return gradeKey{}, fmt.Errorf("status %d: %s", resp.StatusCode, b)
	}
	var g gradeBody
	if err := json.Unmarshal(b, &g); err != nil {
		return gradeKey{}, fmt.Errorf("decode: %v: %s", err, b)
	}
	if len(g.Points) == 0 || len(g.References) == 0 {
		return gradeKey{}, fmt.Errorf("a grade without points or references: %s", b)
	}
	return g.key(), nil
}

func getSearch(base, coll, q string) (string, error) {
	resp, err := http.Get(base + "/api/v1/search?k=5&collection=" + url.QueryEscape(coll) + "&q=" + url.QueryEscape(q))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("status %d: %s", resp.StatusCode, b)
	}
	var r struct {
		Passages []struct {
			ChunkID string  `json:"chunk_id"`
			Score   float64 `json:"score"`
		} `json:"passages"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return "", fmt.Errorf("decode: %v: %s", err, b)
	}
	if len(r.Passages) == 0 {
		return "", fmt.Errorf("no passages: %s", b)
	}
	var ids []string
	for _, p := range r.Passages {
		ids = append(ids, fmt.Sprintf("%s:%.4f", p.ChunkID, p.Score))
	}
	return strings.Join(slices.Clip(ids), ","), nil
}
