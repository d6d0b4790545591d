package main

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"grader/internal/testdb"
)

// runCLI runs the command line in-process with the given environment.
func runCLI(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

func dbEnv(t *testing.T) map[string]string {
	return map[string]string{"DATABASE_URL": testdb.URL(t)}
}

func TestExitCodesForBadUsage(t *testing.T) {
	env := dbEnv(t)
	cases := []struct {
		name string
		env  map[string]string
		args []string
		want string // part of the one-line error
	}{
		{"no database url", map[string]string{}, []string{"migrate"}, "DATABASE_URL"},
		{"unreachable database", map[string]string{"DATABASE_URL": "postgres://nobody@127.0.0.1:1/x?connect_timeout=2"}, []string{"search", "vpc"}, "DATABASE_URL"},
		{"unknown flag", env, []string{"search", "--nope", "x"}, "unknown flag"},
		{"unknown command", env, []string{"frobnicate"}, "unknown command"},
		{"missing question", env, []string{"grade", "--answer", "x"}, "--question"},
		{"missing answer", env, []string{"grade", "--question", "q"}, "--answer"},
		{"two answers", env, []string{"grade", "--question", "q", "--answer", "a", "--answer-file", "f"}, "only one"},
		{"empty answer", env, []string{"grade", "--question", "q", "--answer", "   "}, "empty"},
		{"missing answer file", env, []string{"grade", "--question", "q", "--answer-file", "/nonexistent/answer.txt"}, "answer-file"},
		{"bad k", env, []string{"search", "--k", "0", "vpc"}, "--k"},
		{"missing ingest path", env, []string{"ingest", "/nonexistent/notes"}, "no such file"},
		{"eval without dataset", env, []string{"eval"}, "--dataset"},
		{"eval bad baseline", env, []string{"eval", "--dataset", "x.csv", "--baseline", "bm25"}, "tfidf"},
		{"bad trusted proxy", map[string]string{"DATABASE_URL": testdb.URL(t), "GRADER_TRUSTED_PROXIES": "10.0.0.0/8, proxy.local"}, []string{"serve", "--addr", "127.0.0.1:0"}, "GRADER_TRUSTED_PROXIES"},
		{"bad samples", map[string]string{"DATABASE_URL": testdb.URL(t), "GRADER_CHAT_MODEL": "m", "GRADER_LLM_SAMPLES": "zero"}, []string{"grade", "--collection", testdb.Collection(t, "none"), "--question", "q", "--answer", "a"}, "GRADER_LLM_SAMPLES"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, c.env, c.args...)
			if code != exitUsage {
				t.Fatalf("exit code = %d, want %d; stderr: %s", code, exitUsage, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing on error", stdout)
			}
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			last := lines[len(lines)-1]
			if !strings.HasPrefix(last, "grader: ") || !strings.Contains(last, c.want) {
				t.Errorf("error line = %q, want it to mention %q", last, c.want)
			}
		})
	}
}

// Ingesting only files that are not notes (here one with a NUL byte) is an
// error naming the file, not "0 files" and exit 0.
func TestIngestNothingReadable(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "a.md")
	if err := os.WriteFile(bad, []byte("# 제목\n\n내용\x00\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, dbEnv(t), "ingest", "--collection", testdb.Collection(t, "nul"), bad)
	if code != exitUsage || stdout != "" || !strings.Contains(stderr, "no note ingested") || !strings.Contains(stderr, "NUL") {
		t.Errorf("ingest of a NUL file: exit %d, stdout %q, stderr %q; want exit %d naming the file and NUL", code, stdout, stderr, exitUsage)
	}
}

// A note over the configured section limit is refused with the limit named;
// a bad limit is a usage error naming the variable.
func TestIngestNoteLimits(t *testing.T) {
	dir := t.TempDir()
	note := filepath.Join(dir, "big.md")
	if err := os.WriteFile(note, []byte("# 하나\n\n내용\n\n## 둘\n\n내용\n\n## 셋\n\n내용\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	coll := testdb.Collection(t, "limits")
	tests := []struct {
		name     string
		env      map[string]string
		wantCode int
		want     string
	}{
		{"over the section limit", map[string]string{envMaxSections: "2"}, exitUsage, "3 sections (headings and titled bullets), at most 2"},
		{"not a number", map[string]string{envMaxSections: "many"}, exitUsage, `GRADER_MAX_SECTIONS="many"`},
		{"zero megabytes", map[string]string{envMaxNoteMB: "0"}, exitUsage, "GRADER_MAX_NOTE_MB"},
		{"within the limit", map[string]string{envMaxSections: "3"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := dbEnv(t)
			maps.Copy(env, tt.env)
			code, _, stderr := runCLI(t, env, "ingest", "--collection", coll, note)
			if code != tt.wantCode || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d saying %q", code, stderr, tt.wantCode, tt.want)
			}
		})
	}
	big := filepath.Join(dir, "huge.md")
	if err := os.WriteFile(big, []byte("# 큰 노트\n\n"+strings.Repeat("내용이 길다. ", 100_000)), 0o644); err != nil {
		t.Fatal(err)
	}
	env := dbEnv(t)
	env[envMaxNoteMB] = "1"
	if code, _, stderr := runCLI(t, env, "ingest", "--collection", coll, big); code != exitUsage || !strings.Contains(stderr, "at most 1.0 MB") {
		t.Errorf("a 1.7 MB note under GRADER_MAX_NOTE_MB=1: exit %d, stderr %q; want exit %d naming the limit", code, stderr, exitUsage)
	}
}

// --answer-file reads only a regular file: a FIFO or /dev/zero would block
// or never end, so they are refused at once.
func TestAnswerFileNotRegular(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "answer")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fifo, "/dev/zero"} {
		code, _, stderr := runCLI(t, dbEnv(t), "grade", "--question", "q", "--answer-file", path)
		if code != exitUsage || !strings.Contains(stderr, "not a regular file") {
			t.Errorf("--answer-file %s: exit %d, %q; want exit %d saying it is not a regular file", path, code, stderr, exitUsage)
		}
	}
}

func TestIngestSearchGradeJSON(t *testing.T) {
	env := dbEnv(t)
	coll := testdb.Collection(t, "cli")
	notesDir, err := filepath.Abs("../../samples/notes")
	if err != nil {
		t.Fatal(err)
	}

	code, stdout, stderr := runCLI(t, env, "migrate", "--json")
	if code != 0 {
		t.Fatalf("migrate: %d %s", code, stderr)
	}
	var mig struct {
		Applied []string `json:"applied"`
		Current string   `json:"current"`
	}
	if err := json.Unmarshal([]byte(stdout), &mig); err != nil || mig.Current == "" || mig.Applied == nil {
		t.Fatalf("migrate --json = %q (%v)", stdout, err)
	}

	code, stdout, stderr = runCLI(t, env, "ingest", "--collection", coll, "--json", notesDir)
	if code != 0 {
		t.Fatalf("ingest: %d %s", code, stderr)
	}
	var sum map[string]any
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatalf("ingest --json is not one JSON document: %q", stdout)
	}
	for _, k := range []string{"files", "chunks_added", "chunks_unchanged", "chunks_deleted"} {
		if _, ok := sum[k].(float64); !ok {
			t.Errorf("ingest summary lacks numeric %q: %v", k, sum)
		}
	}
	if sum["files"].(float64) < 4 || sum["chunks_added"].(float64) < 10 {
		t.Errorf("ingest summary = %v, want the 4 sample notes", sum)
	}

	code, stdout, _ = runCLI(t, env, "search", "--collection", coll, "--k", "3", "--json", "NAT 게이트웨이는 어디에 두나요")
	if code != 0 {
		t.Fatalf("search exit %d", code)
	}
	// The contract's field names, spelt out here rather than taken from
	// notes.Passage, so that renaming a struct tag fails this test.
	var sr struct {
		Passages []struct {
			ChunkID     string   `json:"chunk_id"`
			Note        string   `json:"note"`
			HeadingPath []string `json:"heading_path"`
			Text        string   `json:"text"`
			Score       float64  `json:"score"`
			LineStart   int      `json:"line_start"`
			LineEnd     int      `json:"line_end"`
		} `json:"passages"`
	}
	if err := json.Unmarshal([]byte(stdout), &sr); err != nil || len(sr.Passages) != 3 {
		t.Fatalf("search --json = %q (%v)", stdout, err)
	}
	top := sr.Passages[0]
	if top.Note != "aws-networking.md" || !strings.Contains(strings.Join(top.HeadingPath, ">"), "NAT") || top.LineStart < 1 {
		t.Errorf("top passage = %+v, want the NAT section of aws-networking.md", top)
	}

	code, stdout, stderr = runCLI(t, env, "grade", "--collection", coll, "--json",
		"--question", "NAT 게이트웨이는 왜 필요한가요?",
		"--answer", "프라이빗 서브넷의 인스턴스가 인터넷으로 나가는 아웃바운드 연결만 할 수 있게 해 주고, 외부에서는 먼저 연결할 수 없다. NAT 게이트웨이는 퍼블릭 서브넷에 둔다.")
	if code != 0 {
		t.Fatalf("grade: %d %s", code, stderr)
	}
	var g map[string]any
	if err := json.Unmarshal([]byte(stdout), &g); err != nil {
		t.Fatalf("grade --json is not one JSON document: %q", stdout)
	}
	for _, k := range []string{"score", "verdict", "summary", "points", "unsupported", "followups", "model_answer", "references", "grader"} {
		if _, ok := g[k]; !ok {
			t.Errorf("grade lacks %q", k)
		}
	}
	if g["grader"].(map[string]any)["mode"] != "offline" {
		t.Errorf("grader.mode = %v, want offline", g["grader"])
	}
	if s := g["score"].(float64); s < 40 {
		t.Errorf("a good answer scored %v", s)
	}

	// Without --json the report is for people.
	code, stdout, _ = runCLI(t, env, "grade", "--collection", coll, "--question", "NAT 게이트웨이는 왜 필요한가요?", "--answer", "잘 모르겠습니다. 아마 DNS 같은 것 같습니다.")
	if code != 0 || !strings.Contains(stdout, "Score ") || !strings.Contains(stdout, "aws-networking.md") {
		t.Errorf("text report = %q", stdout)
	}

	// Grading an empty collection is bad input, not a crash.
	code, _, stderr = runCLI(t, env, "grade", "--collection", testdb.Collection(t, "empty"), "--question", "q?", "--answer", "a")
	if code != exitUsage || !strings.Contains(stderr, "ingest") {
		t.Errorf("grade on an empty collection: exit %d, %q", code, stderr)
	}
}

func TestEvalJSONShapes(t *testing.T) {
	env := dbEnv(t)
	dir := t.TempDir()
	numeric := filepath.Join(dir, "numeric.csv")
	labels := filepath.Join(dir, "labels.jsonl")
	csv := "question,reference_answer,answer,score,max_score\n" +
		"What does a NAT gateway do?,It lets instances in a private subnet reach the internet while blocking connections started from outside.,It lets private subnet instances reach the internet but blocks inbound connections started outside.,5,5\n" +
		"What does a NAT gateway do?,It lets instances in a private subnet reach the internet while blocking connections started from outside.,It gives private instances internet access.,3,5\n" +
		"What does a NAT gateway do?,It lets instances in a private subnet reach the internet while blocking connections started from outside.,It stores files in buckets.,0,5\n" +
		"What is DNS?,DNS translates domain names into IP addresses using resolvers and authoritative servers.,DNS turns domain names into IP addresses.,5,5\n" +
		"What is DNS?,DNS translates domain names into IP addresses using resolvers and authoritative servers.,It is a kind of database index.,1,5\n"
	jsonl := `{"question":"What is DNS?","reference_answer":"DNS translates domain names into IP addresses.","answer":"It maps names to IP addresses.","label":"correct"}
{"question":"What is DNS?","reference_answer":"DNS translates domain names into IP addresses.","answer":"A firewall for subnets.","label":"incorrect"}
{"question":"What is TCP?","reference_answer":"TCP is a reliable, connection-oriented transport protocol with a three-way handshake.","answer":"A reliable connection-oriented protocol that opens with a handshake.","label":"correct"}
{"question":"What is TCP?","reference_answer":"TCP is a reliable, connection-oriented transport protocol with a three-way handshake.","answer":"A web page style sheet.","label":"incorrect"}
`
	writeTestFile(t, numeric, csv)
	writeTestFile(t, labels, jsonl)
	cases := []struct {
		file string
		keys []string
		not  []string
	}{
		{numeric, []string{"n", "pearson", "spearman", "rmse", "qwk", "retrieval_hit_at_5", "seconds"}, []string{"accuracy", "auc"}},
		{labels, []string{"n", "accuracy", "macro_f1", "auc", "retrieval_hit_at_5", "seconds"}, []string{"pearson", "qwk"}},
	}
	for _, c := range cases {
		code, stdout, stderr := runCLI(t, env, "eval", "--collection", testdb.Collection(t, "eval"), "--dataset", c.file, "--baseline", "tfidf", "--json")
		if code != 0 {
			t.Fatalf("eval %s: exit %d: %s", c.file, code, stderr)
		}
		var res map[string]any
		if err := json.Unmarshal([]byte(stdout), &res); err != nil {
			t.Fatalf("eval --json is not one JSON document: %q", stdout)
		}
		for _, k := range c.keys {
			if _, ok := res[k]; !ok {
				t.Errorf("%s: result lacks %q: %v", filepath.Base(c.file), k, res)
			}
		}
		for _, k := range c.not {
			if _, ok := res[k]; ok {
				t.Errorf("%s: result has %q, which belongs to the other kind", filepath.Base(c.file), k)
			}
		}
		if res["retrieval_hit_at_5"].(float64) != 1 {
			t.Errorf("%s: every reference should be found among 2 notes, hit@5 = %v", filepath.Base(c.file), res["retrieval_hit_at_5"])
		}
		if res["baseline"] == nil {
			t.Errorf("%s: --baseline tfidf gave no baseline", filepath.Base(c.file))
		}
	}
	// Labels: the correct answers must outscore the wrong ones here (AUC 1).
	code, stdout, _ := runCLI(t, env, "eval", "--collection", testdb.Collection(t, "eval"), "--dataset", labels, "--json")
	var res map[string]any
	if code != 0 || json.Unmarshal([]byte(stdout), &res) != nil || res["auc"].(float64) != 1 {
		t.Errorf("labelled eval = %v (exit %d), want auc 1", res, code)
	}
	// One question asked of two references (SemEval's "Explain your
	// reasoning."): retrieval cannot tell them apart, so one correct answer
	// is graded against the other's reference; --given hands each answer
	// its own, as the baseline is, and ranks every correct answer first.
	same := filepath.Join(dir, "same.jsonl")
	writeTestFile(t, same, `{"question":"Explain your reasoning.","reference_answer":"Bulbs A and C are in the same closed path with the battery.","answer":"A and C share one closed path with the battery.","label":"correct"}
{"question":"Explain your reasoning.","reference_answer":"Bulbs A and C are in the same closed path with the battery.","answer":"Switch Y creates a gap.","label":"incorrect"}
{"question":"Explain your reasoning.","reference_answer":"Switch Y creates a gap in the path.","answer":"Switch Y makes a gap in the path.","label":"correct"}
{"question":"Explain your reasoning.","reference_answer":"Switch Y creates a gap in the path.","answer":"Bulbs A and C are in the same closed path.","label":"incorrect"}
`)
	for _, c := range []struct {
		args   []string
		auc    func(float64) bool
		hitNil bool
	}{
		{nil, func(a float64) bool { return a < 1 }, false},
		{[]string{"--given"}, func(a float64) bool { return a == 1 }, true},
	} {
		args := append([]string{"eval", "--collection", testdb.Collection(t, "eval-same"), "--dataset", same, "--json"}, c.args...)
		code, stdout, stderr := runCLI(t, env, args...)
		var res map[string]any
		if code != 0 || json.Unmarshal([]byte(stdout), &res) != nil {
			t.Fatalf("eval %v: exit %d, %q, %s", c.args, code, stdout, stderr)
		}
		if auc, _ := res["auc"].(float64); !c.auc(auc) {
			t.Errorf("eval %v on one question of two references: auc %v", c.args, res["auc"])
		}
		if hit, ok := res["retrieval_hit_at_5"]; !ok || (hit == nil) != c.hitNil {
			t.Errorf("eval %v: retrieval_hit_at_5 = %v (present %v), want null only with --given", c.args, hit, ok)
		}
	}
	// A malformed dataset is bad input naming the file.
	bad := filepath.Join(dir, "bad.csv")
	writeTestFile(t, bad, "question,answer\nq,a\n")
	code, _, stderr := runCLI(t, env, "eval", "--dataset", bad)
	if code != exitUsage || !strings.Contains(stderr, "bad.csv") {
		t.Errorf("malformed dataset: exit %d, %q", code, stderr)
	}
}

func writeTestFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
