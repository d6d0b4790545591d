// Package bench measures the product against the plainest SQL doing the same
// storage work, in the same process (`grader bench`): every figure is a ratio
// to a baseline measured in the same run, so that it survives a noisy machine.
package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"grader/grader"
	"grader/notes"
	"grader/store"
	"grader/token"
)

// Options of a run.
type Options struct {
	Chunks  int                // corpus size in chunks (about four a note)
	Queries int                // search and grade samples
	Log     func(stage string) // progress (stderr); may be nil
	// Then, when set, runs after the measurements on the bench's collection
	// (the corpus ingested, before it is removed): the load test uses it
	// rather than ingest the corpus a second time.
	Then func(ctx context.Context, collection string) error
}

// Result is what `grader bench --json` prints (CONTRACT.md, with absolute
// figures beside the ratios).
type Result struct {
	Chunks         int     `json:"chunks"`
	IngestRatio    float64 `json:"ingest_ratio"`    // product ingest time / plain batched INSERTs (goal ≤ 2)
	ReingestRatio  float64 `json:"reingest_ratio"`  // unchanged corpus again / first ingest (goal ≤ 0.1)
	SearchRatio    float64 `json:"search_ratio"`    // search p50 / p50 of the two bare top-k queries it wraps (goal ≤ 2)
	GradeRatio     float64 `json:"grade_ratio"`     // offline grade p50 / search p50 (goal ≤ 5)
	FilteredRecall float64 `json:"filtered_recall"` // collection-filtered HNSW vs exact top 10 (goal ≥ 0.95)

	IngestChunksPerS   float64 `json:"ingest_chunks_per_s"`
	BaselineChunksPerS float64 `json:"baseline_chunks_per_s"`
	SearchP50Ms        float64 `json:"search_p50_ms"`
	SearchP99Ms        float64 `json:"search_p99_ms"`
	BaselineP50Ms      float64 `json:"baseline_search_p50_ms"` // a bare nearest-neighbour query, then the postings query
	BaselineP99Ms      float64 `json:"baseline_search_p99_ms"`
	BareVectorP50Ms    float64 `json:"bare_vector_p50_ms"` // the bare nearest-neighbour query alone
	KeywordP50Ms       float64 `json:"keyword_p50_ms"`     // the keyword half alone (postings SQL)
	KeywordP99Ms       float64 `json:"keyword_p99_ms"`
	VectorP50Ms        float64 `json:"vector_p50_ms"` // the vector half alone (filtered HNSW SQL)
	VectorP99Ms        float64 `json:"vector_p99_ms"`
	PassagesP50Ms      float64 `json:"passages_p50_ms"` // loading ten ranked chunks with their notes' paths, as the search ends
	PassagesP99Ms      float64 `json:"passages_p99_ms"`
	GradeP50Ms         float64 `json:"grade_p50_ms"`
	GradeP99Ms         float64 `json:"grade_p99_ms"`
	Seconds            float64 `json:"seconds"`
}

// plainInsert writes files as the baseline does: rows and vectors computed
// beforehand, then plain INSERTs into a collection of their own. It returns
// how many rows it wrote and how long the INSERTs took (the rows'
// computation is not timed).
func plainInsert(ctx context.Context, db *store.Store, ix *notes.Index, collection, model string, files []notes.File) (int, time.Duration, error) {
	rows, vecs, err := ix.PlainRows(ctx, files)
	if err != nil {
		return 0, 0, err
	}
	start := time.Now()
	collID, err := db.CollectionID(ctx, collection, true)
	if err != nil {
		return 0, 0, err
	}
	if err := db.BaselineInsert(ctx, collID, model, rows, vecs); err != nil {
		return 0, 0, err
	}
	return len(rows), time.Since(start), nil
}

// warmup is how many searches and grades run before the measured ones.
const warmup = 5

// Run builds a corpus of opt.Chunks chunks in scratch collections, measures,
// and removes them.
func Run(ctx context.Context, db *store.Store, ix *notes.Index, svc *grader.Service, opt Options) (Result, error) {
	began := time.Now()
	if opt.Queries <= 0 {
		opt.Queries = 100
	}
	say := func(format string, args ...any) {
		if opt.Log != nil {
			opt.Log(fmt.Sprintf(format, args...))
		}
	}
	stamp := time.Now().UnixNano()
	coll, plainColl := fmt.Sprintf("bench-%d", stamp), fmt.Sprintf("bench-plain-%d", stamp)
	warmColl, warmPlainColl := coll+"-warm", plainColl+"-warm"
	defer func() {
		cctx := context.WithoutCancel(ctx)
		for _, c := range []string{coll, plainColl, warmColl, warmPlainColl} {
			_ = db.Purge(cctx, c)
		}
	}()
	files := Corpus(opt.Chunks)
	model := ix.Embedder().Model()

	// A small ingest each way first, unmeasured: the first writes of a
	// process open connections, prepare statements and compile the
	// term-count trigger, which the measured ingest would otherwise pay
	// alone (it runs first).
	say("warm-up: a small ingest each way")
	warm := Corpus(min(200, opt.Chunks/10+8))
	if _, err := ix.IngestFiles(ctx, warmColl, "bench:", warm); err != nil {
		return Result{}, err
	}
	if _, _, err := plainInsert(ctx, db, ix, warmPlainColl, model, warm); err != nil {
		return Result{}, err
	}

	// The baseline first, then removed and vacuumed before the product's
	// ingest: the searches below then run over a graph of the corpus alone,
	// as a deployment with N chunks has, and both ingests insert into a
	// graph holding only the warm-up rows. (The plain copy used to stay,
	// doubling the HNSW graph the searches walked and filtered; removing it
	// after the product's ingest would leave the graph to be repaired.)
	say("baseline: plain INSERTs of %d notes' rows", len(files))
	plainRows, plain, err := plainInsert(ctx, db, ix, plainColl, model, files)
	if err != nil {
		return Result{}, err
	}
	say("baseline removed: purge and vacuum")
	if err := db.Purge(ctx, plainColl); err != nil {
		return Result{}, err
	}
	if err := db.Vacuum(ctx); err != nil {
		return Result{}, err
	}

	say("ingest: %d notes", len(files))
	start := time.Now()
	sum, err := ix.IngestFiles(ctx, coll, "bench:", files)
	if err != nil {
		return Result{}, err
	}
	ingest := time.Since(start)
	res := Result{Chunks: sum.ChunksAdded}
	start = time.Now()
	if _, err := ix.IngestFiles(ctx, coll, "bench:", files); err != nil {
		return Result{}, err
	}
	reingest := time.Since(start)
	res.IngestRatio = ratio(ingest, plain)
	res.ReingestRatio = ratio(reingest, ingest)
	res.IngestChunksPerS = float64(res.Chunks) / ingest.Seconds()
	res.BaselineChunksPerS = float64(plainRows) / plain.Seconds()
	// Out of the way of the searches, and the dead rows gone before them.
	if err := db.Purge(ctx, warmColl); err != nil {
		return Result{}, err
	}
	if err := db.Purge(ctx, warmPlainColl); err != nil {
		return Result{}, err
	}
	if err := db.Vacuum(ctx); err != nil {
		return Result{}, err
	}

	say("search and grade: %d questions", opt.Queries)
	target, _, err := db.Target(ctx, coll, model)
	if err != nil {
		return Result{}, err
	}
	qs := Questions(opt.Queries)
	qvecs, err := ix.Embedder().Embed(ctx, qs)
	if err != nil {
		return Result{}, err
	}
	// A few searches and grades first, unmeasured: the first queries after
	// a bulk load read cold pages and plan afresh, which is not what a
	// user's searches meet.
	for _, q := range Questions(warmup) {
		if _, err := ix.Search(ctx, coll, q, 5); err != nil {
			return Result{}, err
		}
		if _, err := svc.Check(ctx, grader.Request{Collection: coll, Question: q, Answer: Answer(0)}); err != nil && !strings.Contains(err.Error(), "not in the notes") {
			return Result{}, err
		}
	}
	var search, base, grade, keyword, vector, bareVector, passages []time.Duration
	recall := 0.0
	for i, q := range qs {
		// The product's search and the bare queries it wraps, first one then
		// the other in turn: whichever runs first on a question reads its
		// pages cold (a large corpus is not all in shared buffers).
		product := func() error {
			start := time.Now()
			if _, err := ix.Search(ctx, coll, q, 5); err != nil {
				return err
			}
			search = append(search, time.Since(start))
			return nil
		}
		bareSQL := func() error {
			stems, support := token.Keywords(q, ix.Glossary())
			start := time.Now()
			if _, err := db.BaselineNearest(ctx, target, model, qvecs[i], 20); err != nil {
				return err
			}
			bare := time.Since(start)
			start = time.Now()
			if _, err := db.TextSearch(ctx, target.CollectionID, stems, support, 20); err != nil {
				return err
			}
			kw := time.Since(start)
			keyword = append(keyword, kw)
			bareVector = append(bareVector, bare)
			base = append(base, bare+kw)
			return nil
		}
		first, second := product, bareSQL
		if i%2 == 1 {
			first, second = bareSQL, product
		}
		if err := first(); err != nil {
			return Result{}, err
		}
		if err := second(); err != nil {
			return Result{}, err
		}
		start = time.Now()
		if _, err := svc.Check(ctx, grader.Request{Collection: coll, Question: q, Answer: Answer(i)}); err != nil && !strings.Contains(err.Error(), "not in the notes") {
			return Result{}, err
		}
		grade = append(grade, time.Since(start))
		start = time.Now()
		hnsw, err := db.VectorSearch(ctx, target, model, qvecs[i], 10)
		if err != nil {
			return Result{}, err
		}
		vector = append(vector, time.Since(start))
		start = time.Now()
		if _, err := db.Passages(ctx, hnsw); err != nil {
			return Result{}, err
		}
		passages = append(passages, time.Since(start))
		exact, err := db.ExactNearest(ctx, target, model, qvecs[i], 10)
		if err != nil {
			return Result{}, err
		}
		recall += overlap(hnsw, exact)
	}
	res.FilteredRecall = recall / float64(len(qs))
	res.SearchP50Ms, res.SearchP99Ms = ms(pct(search, 50)), ms(pct(search, 99))
	res.BaselineP50Ms, res.BaselineP99Ms = ms(pct(base, 50)), ms(pct(base, 99))
	res.GradeP50Ms, res.GradeP99Ms = ms(pct(grade, 50)), ms(pct(grade, 99))
	res.KeywordP50Ms, res.KeywordP99Ms = ms(pct(keyword, 50)), ms(pct(keyword, 99))
	res.VectorP50Ms, res.VectorP99Ms = ms(pct(vector, 50)), ms(pct(vector, 99))
	res.PassagesP50Ms, res.PassagesP99Ms = ms(pct(passages, 50)), ms(pct(passages, 99))
	res.BareVectorP50Ms = ms(pct(bareVector, 50))
	res.SearchRatio = ratio(pct(search, 50), pct(base, 50))
	res.GradeRatio = ratio(pct(grade, 50), pct(search, 50))
	res.Seconds = time.Since(began).Seconds()
	if opt.Then != nil {
		if err := opt.Then(ctx, coll); err != nil {
			return res, err
		}
	}
	return res, nil
}

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// pct is the p-th percentile (nearest rank).
func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (p*len(s)+99)/100 - 1
	return s[max(0, min(i, len(s)-1))]
}

// overlap is the share of exact's ids that got also has.
func overlap(got, exact []int64) float64 {
	if len(exact) == 0 {
		return 1
	}
	n := 0
	for _, id := range exact {
		if slices.Contains(got, id) {
			n++
		}
	}
	return float64(n) / float64(len(exact))
}

// The corpus speaks the seed notes' vocabulary: Korean sentences around
// English names, in the shape of study notes (a heading a section, bullets).
var (
	topics = []string{"VPC", "서브넷", "NAT 게이트웨이", "로드 밸런서", "쿠버네티스 파드", "CI/CD 파이프라인", "DNS", "TCP 핸드셰이크",
		"보안 그룹", "네트워크 ACL", "kubelet", "etcd", "Terraform", "Ansible", "Kafka", "Route 53", "EBS", "S3", "Lambda", "Docker"}
	verbs   = []string{"트래픽을 전달한다", "요청을 분산한다", "상태를 저장한다", "장애를 복구한다", "배포를 자동화한다", "접근을 차단한다", "로그를 수집한다", "비용을 줄인다"}
	objects = []string{"프라이빗 서브넷", "가용 영역", "인스턴스", "컨테이너", "클러스터", "파이프라인", "레코드", "포트 22"}
)

// Corpus makes notes of four sections each until they hold n chunks (as
// the default chunker cuts them).
func Corpus(n int) []notes.File {
	rng := rand.New(rand.NewPCG(42, uint64(n)))
	pick := func(ss []string) string { return ss[rng.IntN(len(ss))] }
	var files []notes.File
	chunks := 0
	for i := 0; chunks < n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "# 노트 %d\n\n", i)
		for j := range 4 {
			t := pick(topics)
			fmt.Fprintf(&b, "## %s %d-%d\n", t, i, j)
			for range 3 {
				fmt.Fprintf(&b, "- %s는 %s에서 %s. %s와 함께 쓰면 %s, 그래서 %s의 운영이 단순해진다. 번호 %d.\n", t, pick(objects), pick(verbs), pick(topics), pick(verbs), pick(objects), rng.IntN(1000))
			}
			b.WriteString("\n")
		}
		f := notes.File{Path: fmt.Sprintf("bench/%05d.md", i), Content: []byte(b.String())}
		if parsed, err := notes.Parse(f.Path, f.Content, notes.DefaultChunkOptions()); err == nil {
			chunks += len(parsed.Chunks)
		} else {
			chunks += 4
		}
		files = append(files, f)
	}
	return files
}

// Questions are n interviewer-style questions in the corpus' vocabulary.
func Questions(n int) []string {
	rng := rand.New(rand.NewPCG(7, uint64(n)))
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s는 %s에서 어떤 역할을 하나요?", topics[rng.IntN(len(topics))], objects[rng.IntN(len(objects))])
	}
	return out
}

// Answer is an answer of a few sentences to grade.
func Answer(i int) string {
	return fmt.Sprintf("%s는 %s에서 %s. 장애가 나면 다른 가용 영역으로 넘깁니다.", topics[i%len(topics)], objects[i%len(objects)], verbs[i%len(verbs)])
}
