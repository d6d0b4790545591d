package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"grader/internal/testdb"
	"grader/internal/whispertest"
)

func ingestSamples(t *testing.T, env map[string]string, coll string) {
	t.Helper()
	if code, _, stderr := runCLI(t, env, "ingest", "--collection", coll, "../../samples/notes"); code != 0 {
		t.Fatalf("ingest: %s", stderr)
	}
}

func TestBatchCLI(t *testing.T) {
	env := dbEnv(t)
	coll := testdb.Collection(t, "batchcli")
	ingestSamples(t, env, coll)
	dir := t.TempDir()
	file := filepath.Join(dir, "self.md")
	writeTestFile(t, file, "# 모의 면접\n\n## NAT 게이트웨이는 왜 필요한가요?\n\n프라이빗 서브넷의 인스턴스가 인터넷으로 나가는 연결만 하게 해 줍니다.\n\n## ALB와 NLB의 차이는?\n\nALB는 L4, NLB는 L7에서 동작합니다.\n")
	report := filepath.Join(dir, "report.html")
	code, stdout, stderr := runCLI(t, env, "batch", "--collection", coll, "--json", "--report", report, file)
	if code != 0 {
		t.Fatalf("batch: exit %d: %s", code, stderr)
	}
	if html, err := os.ReadFile(report); err != nil || !strings.Contains(string(html), "<svg") || !strings.Contains(string(html), "NAT 게이트웨이") {
		t.Errorf("report: %v, %d bytes", err, len(html))
	}
	var out struct {
		BatchID string `json:"batch_id"`
		Items   []struct {
			Question string `json:"question"`
			Answer   string `json:"answer"`
			Grade    *struct {
				Score  int `json:"score"`
				Points []struct {
					Status string `json:"status"`
				} `json:"points"`
			} `json:"grade"`
		} `json:"items"`
		Summary map[string]any `json:"summary"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, stdout)
	}
	if out.BatchID == "" || len(out.Items) != 2 || out.Summary == nil || !strings.Contains(stderr, "batch "+out.BatchID) {
		t.Fatalf("output %+v, stderr %q", out, stderr)
	}
	for _, it := range out.Items {
		if it.Grade == nil || it.Question == "" || it.Answer == "" {
			t.Fatalf("item %+v has no grade", it)
		}
	}
	// The swapped layers are caught in the batch as in a single grade.
	wrong := false
	for _, p := range out.Items[1].Grade.Points {
		wrong = wrong || p.Status == "incorrect"
	}
	if !wrong || out.Items[1].Grade.Score >= out.Items[0].Grade.Score {
		t.Errorf("ALB/NLB swapped: score %d, incorrect point %v; NAT right: %d", out.Items[1].Grade.Score, wrong, out.Items[0].Grade.Score)
	}

	// Bad files: exit 2, every problem named with its line, nothing stored.
	bad := filepath.Join(dir, "bad.csv")
	writeTestFile(t, bad, "question,answer\nq1,\n,a2\nq3,a3\n")
	before := len(attemptsOf(t, coll))
	code, stdout, stderr = runCLI(t, env, "batch", "--collection", coll, bad)
	if code != exitUsage || stdout != "" || !strings.Contains(stderr, "bad.csv:2:4") || !strings.Contains(stderr, "bad.csv:3:1") {
		t.Errorf("bad file: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if after := len(attemptsOf(t, coll)); after != before {
		t.Errorf("a bad file stored %d attempts", after-before)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"batch"}, "FILE"},
		{[]string{"batch", "--resume", "999999999"}, "no such batch"},
		{[]string{"batch", "--resume", "1", file}, "not both"},
		{[]string{"batch", "/nonexistent/self.md"}, "no such file"},
		{[]string{"batch", "--concurrency", "-1", file}, "--concurrency"},
	} {
		code, _, stderr := runCLI(t, env, c.args...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, %q; want exit %d saying %q", c.args, code, stderr, exitUsage, c.want)
		}
	}
}

func attemptsOf(t *testing.T, coll string) []string {
	t.Helper()
	as, err := testdb.Open(t).Attempts(t.Context(), coll, 100000)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Question
	}
	return out
}

// TestKilledBatchResumes kills a real `grader batch` process (SIGKILL)
// partway; `grader batch --resume ID` finishes it, and no question is graded
// into history twice.
func TestKilledBatchResumes(t *testing.T) {
	dir, bin := buildBinary(t)
	env := dbEnv(t)
	coll := testdb.Collection(t, "batchkill")
	ingestSamples(t, env, coll)
	const n = 150
	var b strings.Builder
	b.WriteString("question,answer,topic\n")
	for i := range n {
		fmt.Fprintf(&b, "\"NAT 게이트웨이는 왜 필요한가요? (%d)\",프라이빗 서브넷의 인스턴스가 밖으로만 나가게 해 줍니다.,VPC\n", i)
	}
	file := filepath.Join(dir, "self.csv")
	writeTestFile(t, file, b.String())
	cmd := exec.Command(bin, "batch", "--collection", coll, "--concurrency", "2", file)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+env["DATABASE_URL"])
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	first := make([]byte, 512)
	k, _ := stderr.Read(first)
	m := regexp.MustCompile(`batch (\d+):`).FindSubmatch(first[:k])
	if m == nil {
		t.Fatalf("no batch id on stderr: %q", first[:k])
	}
	id := string(m[1])
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) && len(attemptsOf(t, coll)) < 10 {
		time.Sleep(10 * time.Millisecond)
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	partial := len(attemptsOf(t, coll))
	t.Logf("killed after %d of %d", partial, n)

	code, stdout, serr := runCLI(t, env, "batch", "--resume", id, "--json")
	if code != 0 {
		t.Fatalf("resume: exit %d: %s", code, serr)
	}
	var out struct {
		Summary struct {
			Graded   int  `json:"graded"`
			Finished bool `json:"finished"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	if out.Summary.Graded != n || !out.Summary.Finished {
		t.Fatalf("after resume: %+v", out.Summary)
	}
	seen := map[string]int{}
	for _, q := range attemptsOf(t, coll) {
		seen[q]++
	}
	if len(seen) != n {
		t.Errorf("%d questions in history, want %d", len(seen), n)
	}
	for q, c := range seen {
		if c != 1 {
			t.Errorf("%q graded %d times", q, c)
		}
	}
}

// grader next: the bank's new questions first, the one just answered last,
// in the contract's {"questions": [..]} shape.
func TestNextCLI(t *testing.T) {
	env := dbEnv(t)
	coll := testdb.Collection(t, "nextcli")
	ingestSamples(t, env, coll)
	const q = "NAT 게이트웨이는 왜 필요한가요?"
	if code, _, stderr := runCLI(t, env, "grade", "--collection", coll, "--question", q, "--answer", "프라이빗 서브넷의 인스턴스가 밖으로만 나가게 해 줍니다."); code != 0 {
		t.Fatalf("grade: %s", stderr)
	}
	code, stdout, stderr := runCLI(t, env, "next", "--collection", coll, "--n", "200", "--json")
	if code != 0 {
		t.Fatalf("next: %s", stderr)
	}
	var out struct {
		Questions []struct {
			Question string `json:"question"`
			Reason   string `json:"reason"`
			Attempts int    `json:"attempts"`
		} `json:"questions"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	n := len(out.Questions)
	if n < 3 || out.Questions[0].Reason != "new" || out.Questions[n-1].Question != q || out.Questions[n-1].Attempts != 1 {
		t.Fatalf("next: %+v", out.Questions)
	}
}

// grader grade --audio: transcribed by the configured server, graded as
// speech; without a transcription model, a usage error naming it.
func TestGradeAudioCLI(t *testing.T) {
	env := dbEnv(t)
	coll := testdb.Collection(t, "audio")
	ingestSamples(t, env, coll)
	wav := filepath.Join(t.TempDir(), "answer.wav")
	writeTestFile(t, wav, string(whispertest.Spoken(t, "ko", "NAT 게이트웨이는 프라이빗 서브넷의 인스턴스가 밖으로만 나가게 해 줍니다.")))
	q := "NAT 게이트웨이는 왜 필요한가요?"
	code, _, stderr := runCLI(t, env, "grade", "--collection", coll, "--question", q, "--audio", wav)
	if code != exitUsage || !strings.Contains(stderr, "GRADER_TRANSCRIBE_MODEL") {
		t.Errorf("no transcription model: exit %d, %q", code, stderr)
	}
	fw := &whispertest.Server{Text: "음, NAT 게이트웨이는 프라이빗 서브넷의 인스턴스가 밖으로만 나가게 해 줍니다."}
	env["GRADER_TRANSCRIBE_MODEL"], env["GRADER_TRANSCRIBE_BASE_URL"], env["GRADER_MODEL_RETRIES"] = "whisper-test", fw.Start(t), "0"
	code, stdout, stderr := runCLI(t, env, "grade", "--collection", coll, "--question", q, "--audio", wav, "--json")
	if code != 0 {
		t.Fatalf("grade --audio: exit %d: %s", code, stderr)
	}
	var g struct {
		Score  int `json:"score"`
		Speech *struct {
			Transcript string         `json:"transcript"`
			DurationS  float64        `json:"duration_s"`
			Fillers    map[string]int `json:"fillers"`
		} `json:"speech"`
	}
	if err := json.Unmarshal([]byte(stdout), &g); err != nil {
		t.Fatal(err)
	}
	if g.Speech == nil || g.Speech.Fillers["음"] != 1 || g.Speech.DurationS <= 0 || g.Score == 0 {
		t.Fatalf("grade %+v", g)
	}
	text := filepath.Join(t.TempDir(), "notes.wav")
	writeTestFile(t, text, "this is text, not audio")
	if code, _, stderr := runCLI(t, env, "grade", "--collection", coll, "--question", q, "--audio", text); code != exitUsage || !strings.Contains(stderr, "not an audio file") {
		t.Errorf("text as audio: exit %d, %q", code, stderr)
	}
}

// grader bench --json reports every figure of the contract, each a ratio to
// a baseline run in the same process, and leaves no scratch collection.
func TestBenchCLI(t *testing.T) {
	env := dbEnv(t)
	code, stdout, stderr := runCLI(t, env, "bench", "--chunks", "40", "--queries", "3", "--json")
	if code != 0 {
		t.Fatalf("bench: exit %d: %s", code, stderr)
	}
	var res map[string]float64
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"ingest_ratio", "reingest_ratio", "search_ratio", "grade_ratio", "search_p50_ms", "search_p99_ms"} {
		if res[k] <= 0 {
			t.Errorf("%s = %v", k, res[k])
		}
	}
	if r := res["filtered_recall"]; r < 0 || r > 1 || res["chunks"] < 40 {
		t.Errorf("result %v", res)
	}
	if code, _, stderr := runCLI(t, env, "bench", "--chunks", "2"); code != exitUsage || !strings.Contains(stderr, "--chunks") {
		t.Errorf("bad --chunks: exit %d, %q", code, stderr)
	}
}
