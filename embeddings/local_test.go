package embeddings

import (
	"bufio"
	"context"
	"encoding/json"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"grader/internal/testdatadir"
	"grader/token"
)

func cosine(a, b []float32) float64 {
	var dot, na, nb float64
	for i := range a {
		dot += float64(a[i]) * float64(b[i])
		na += float64(a[i]) * float64(a[i])
		nb += float64(b[i]) * float64(b[i])
	}
	return dot / math.Sqrt(na*nb)
}

func embedOne(t testing.TB, e Embedder, s string) []float32 {
	t.Helper()
	vs, err := e.Embed(context.Background(), []string{s})
	if err != nil {
		t.Fatalf("Embed(%q): %v", s, err)
	}
	return vs[0]
}

func TestLocalDimAndModel(t *testing.T) {
	g := token.DefaultGlossary()
	cases := []struct {
		name      string
		dim       int
		g         *token.Glossary
		wantDim   int
		wantModel string // prefix
	}{
		{"default", 0, nil, 384, "local-hash-v1-384"},
		{"negative", -3, nil, 384, "local-hash-v1-384"},
		{"explicit", 768, nil, 768, "local-hash-v1-768"},
		{"glossary", 384, g, 384, "local-hash-v1-384-g"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := NewLocal(c.dim, c.g)
			if l.Dim() != c.wantDim {
				t.Errorf("Dim() = %d, want %d", l.Dim(), c.wantDim)
			}
			if !strings.HasPrefix(l.Model(), c.wantModel) {
				t.Errorf("Model() = %q, want prefix %q", l.Model(), c.wantModel)
			}
			for _, s := range []string{"", "서브넷은 VPC를 쪼갠다", "!!!", strings.Repeat("kubernetes 파드 ", 500)} {
				v := embedOne(t, l, s)
				if len(v) != c.wantDim {
					t.Fatalf("len(Embed(%q)) = %d, want %d", s, len(v), c.wantDim)
				}
				var n float64
				for _, x := range v {
					if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
						t.Fatalf("Embed(%q) has %v", s, x)
					}
					n += float64(x) * float64(x)
				}
				if math.Abs(n-1) > 1e-5 {
					t.Errorf("|Embed(%q)|² = %v, want 1", s, n)
				}
			}
		})
	}
}

func TestLocalModelTracksGlossary(t *testing.T) {
	def := token.DefaultGlossary()
	custom, err := token.ParseGlossary(strings.NewReader("kubernetes: 쿠버네티스\nfoo: 푸푸"))
	if err != nil {
		t.Fatal(err)
	}
	a, b, c := NewLocal(0, def).Model(), NewLocal(0, token.DefaultGlossary()).Model(), NewLocal(0, custom).Model()
	if a != b {
		t.Errorf("same glossary, different model names %q and %q", a, b)
	}
	if a == c {
		t.Errorf("different glossaries share model name %q", a)
	}
}

func TestLocalDeterministic(t *testing.T) {
	texts := []string{"서브넷은 VPC를 쪼갠다", "Kubernetes pod", "", "TCP 3-way handshake는 SYN, SYN-ACK, ACK"}
	a, err := NewLocal(0, token.DefaultGlossary()).Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewLocal(0, token.DefaultGlossary()).Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(a, b, slices.Equal) {
		t.Fatal("two embedders gave different vectors for the same texts")
	}
	// The batch must not influence a vector.
	for i, s := range texts {
		if !slices.Equal(embedOne(t, NewLocal(0, token.DefaultGlossary()), s), a[i]) {
			t.Errorf("Embed(%q) alone differs from its vector in a batch", s)
		}
	}
}

// TestLocalGolden pins the output. When it fails, the features changed (here or
// in package token: Terms, the stemmer, the particle list): bump localVersion so
// that stored vectors get re-embedded, then update the numbers. The tolerance
// allows for last-bit differences of math.Log between architectures.
func TestLocalGolden(t *testing.T) {
	l := NewLocal(0, nil)
	v := embedOne(t, l, "서브넷은 VPC를 쪼갠다. Kubernetes pods run containers; 443")
	var sum, wsum float64
	for i, x := range v {
		sum += float64(x)
		wsum += float64(i) * float64(x)
	}
	const wantSum, wantWSum = 1.774771, 369.6420
	if math.Abs(sum-wantSum) > 1e-4 || math.Abs(wsum-wantWSum) > 1e-2 {
		t.Errorf("golden vector changed: sum=%.6f wsum=%.4f, want %.6f %.4f; bump localVersion (now %q) and update", sum, wsum, float64(wantSum), float64(wantWSum), localVersion)
	}
}

func TestLocalTermsMatchToken(t *testing.T) {
	g := token.DefaultGlossary()
	l := NewLocal(0, g)
	for _, s := range []string{
		"서브넷은 VPC를 쪼갠다",
		"키가 의 는 인스턴스에서는 게이트웨이로",
		"The servers are running on k8s 파드, port 443 and ec2",
		"쿠버네티스 클러스터의 컨트롤 플레인은 etcd에 상태를 저장합니다",
		"",
		"ＶＰＣ ㄱㄴ 가",
	} {
		var got []string
		l.features(s, func(ns byte, f string, _ float32) {
			if ns == nsTerm {
				got = append(got, f)
			}
		})
		want := token.Terms(s, g)
		if !slices.Equal(got, want) {
			t.Errorf("features(%q) terms = %q, token.Terms = %q", s, got, want)
		}
	}
}

func TestLocalSimilarity(t *testing.T) {
	l := NewLocal(0, token.DefaultGlossary())
	cases := []struct {
		name          string
		a, similar    string
		dissimilar    string
		minMargin     float64 // cos(a, similar) - cos(a, dissimilar)
		minSimilarity float64
	}{
		{"particles", "서브넷은 VPC를 쪼갠다", "서브넷을 VPC에서 나눈다", "프로세스는 실행 중인 프로그램이다", 0.3, 0.4},
		{"glossary", "쿠버네티스 파드", "Kubernetes pod", "데이터베이스 정규화", 0.5, 0.8},
		{"english inflection", "deploying containers", "container deployment", "database normalization", 0.2, 0.3},
		{"spacing", "로드밸런서가 트래픽을 분산한다", "로드 밸런서는 트래픽을 분산 한다", "가상 메모리는 페이지 단위로 관리된다", 0.3, 0.5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, s, d := embedOne(t, l, c.a), embedOne(t, l, c.similar), embedOne(t, l, c.dissimilar)
			cs, cd := cosine(a, s), cosine(a, d)
			t.Logf("cos(similar)=%.3f cos(unrelated)=%.3f", cs, cd)
			if cs < c.minSimilarity || cs-cd < c.minMargin {
				t.Errorf("cos(%q, %q) = %.3f, cos(…, %q) = %.3f; want ≥ %.2f and a margin ≥ %.2f",
					c.a, c.similar, cs, c.dissimilar, cd, c.minSimilarity, c.minMargin)
			}
		})
	}
}

func TestLocalEmptyTextHasDefinedCosine(t *testing.T) {
	l := NewLocal(0, nil)
	e1, e2, x := embedOne(t, l, ""), embedOne(t, l, " ,.; "), embedOne(t, l, "VPC")
	if c := cosine(e1, e2); math.Abs(c-1) > 1e-6 {
		t.Errorf("two featureless texts: cosine %v, want 1", c)
	}
	if c := cosine(e1, x); math.IsNaN(c) || c > 0.5 {
		t.Errorf("featureless vs text: cosine %v, want defined and small", c)
	}
}

func TestLocalContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := NewLocal(0, nil).Embed(ctx, []string{"a"}); err != context.Canceled {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

type qaItem struct {
	Question   string `json:"question"`
	SourceFile string `json:"source_file"`
}

// loadQA reads the Korean interview Q&A set and its note files (testdata/ko).
func loadQA(t testing.TB) (qs []qaItem, names, texts []string) {
	t.Helper()
	dir := testdatadir.Path("ko")
	f, err := os.Open(filepath.Join(dir, "qa.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var q qaItem
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatalf("qa.jsonl: %v", err)
		}
		qs = append(qs, q)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(dir, "notes")
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		names = append(names, filepath.ToSlash(rel))
		texts = append(texts, string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) == 0 || len(names) == 0 {
		t.Fatalf("%s: %d questions, %d notes", dir, len(qs), len(names))
	}
	return qs, names, texts
}

type retrievalScore struct{ r1, r5, mrr float64 }

// rankFiles scores where each question's source file lands when the files are
// ranked by their best-matching unit (a whole file, or its best chunk).
func rankFiles(t testing.TB, e Embedder, qs []qaItem, names []string, units []string, owner []int) retrievalScore {
	t.Helper()
	ctx := context.Background()
	uv, err := e.Embed(ctx, units)
	if err != nil {
		t.Fatal(err)
	}
	questions := make([]string, len(qs))
	for i, q := range qs {
		questions[i] = q.Question
	}
	qv, err := e.Embed(ctx, questions)
	if err != nil {
		t.Fatal(err)
	}
	var s retrievalScore
	best := make([]float64, len(names))
	for qi, q := range qs {
		want := slices.Index(names, q.SourceFile)
		if want < 0 {
			t.Fatalf("source file %q of %q not among the notes", q.SourceFile, q.Question)
		}
		for i := range best {
			best[i] = math.Inf(-1)
		}
		for ui, u := range uv {
			best[owner[ui]] = max(best[owner[ui]], cosine(qv[qi], u))
		}
		rank := 1
		for i, b := range best {
			if i != want && b > best[want] {
				rank++
			}
		}
		if rank == 1 {
			s.r1++
		}
		if rank <= 5 {
			s.r5++
		}
		s.mrr += 1 / float64(rank)
	}
	n := float64(len(qs))
	return retrievalScore{s.r1 / n, s.r5 / n, s.mrr / n}
}

// chunkNote splits a Markdown note at headings and blank lines into chunks of
// at most about maxBytes, roughly what the indexer stores as pgvector rows.
func chunkNote(s string, maxBytes int) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if strings.TrimSpace(cur.String()) != "" {
			out = append(out, cur.String())
		}
		cur.Reset()
	}
	for _, para := range strings.Split(s, "\n\n") {
		if strings.HasPrefix(strings.TrimSpace(para), "#") || cur.Len()+len(para) > maxBytes {
			flush()
		}
		cur.WriteString(para)
		cur.WriteString("\n\n")
	}
	flush()
	return out
}

// TestLocalRetrievalQuality ranks the note files for each interview question of
// qa.jsonl and checks that the question's source file comes up.
//
// The assertion is on chunks (a file scores its best ~1.5 KB chunk), which is
// how retrieval works in the service. Whole-file vectors are only logged and
// held to a lower floor: the three 17-36 KB READMEs cover twenty topics each,
// so for a question like "프로세스와 스레드의 차이" the dedicated
// "Process vs Thread.md" rightly ranks above them, and 384 buckets hold
// thousands of a README's features each, so collisions drown the signal.
func TestLocalRetrievalQuality(t *testing.T) {
	qs, names, texts := loadQA(t)
	e := NewLocal(0, token.DefaultGlossary())

	whole := make([]int, len(texts))
	for i := range whole {
		whole[i] = i
	}
	var chunks []string
	var owner []int
	for i, tx := range texts {
		for _, c := range chunkNote(tx, 1500) {
			chunks = append(chunks, c)
			owner = append(owner, i)
		}
	}
	cases := []struct {
		name  string
		units []string
		owner []int
		minR5 float64
	}{
		{"chunks", chunks, owner, 0.85},
		{"whole files", texts, whole, 0.75},
	}
	for _, c := range cases {
		s := rankFiles(t, e, qs, names, c.units, c.owner)
		t.Logf("%s (%d units, %d files, %d questions): recall@1=%.3f recall@5=%.3f MRR=%.3f",
			c.name, len(c.units), len(names), len(qs), s.r1, s.r5, s.mrr)
		if s.r5 < c.minR5 {
			t.Errorf("%s: recall@5 = %.3f, want ≥ %.2f", c.name, s.r5, c.minR5)
		}
	}
}

// benchChunk is about 1 KB of typical notes: Korean prose with English terms.
const benchChunk = `### 쿠버네티스 파드와 디플로이먼트

파드(Pod)는 쿠버네티스에서 배포할 수 있는 가장 작은 단위로, 하나 이상의 컨테이너를 묶어 같은 네트워크 네임스페이스와 볼륨을 공유한다. ` +
	`Deployment는 ReplicaSet을 통해 원하는 개수의 파드를 유지하며, 이미지를 바꾸면 rolling update로 파드를 하나씩 교체한다. ` +
	`문제가 생기면 kubectl rollout undo로 이전 버전으로 롤백할 수 있다.

- 서비스(Service)는 레이블 셀렉터로 파드를 묶고 ClusterIP, NodePort, LoadBalancer 타입으로 노출한다.
- HPA는 CPU 사용률 같은 메트릭을 보고 replicas 수를 자동으로 조절한다.
- 노드가 죽으면 컨트롤 플레인이 다른 노드에 파드를 다시 스케줄링한다.
- ConfigMap과 Secret은 설정을 이미지와 분리해 환경마다 다르게 주입한다.`

func BenchmarkLocalEmbed(b *testing.B) {
	l := NewLocal(0, token.DefaultGlossary())
	ctx := context.Background()
	texts := []string{benchChunk}
	b.SetBytes(int64(len(benchChunk)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Embed(ctx, texts); err != nil {
			b.Fatal(err)
		}
	}
}
