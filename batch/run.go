package batch

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/time/rate"

	"grader/grader"
	"grader/store"
)

// Grader grades an answer without recording it (*grader.Service): the
// batch records the attempt itself, together with the item's completion.
type Grader interface {
	Check(ctx context.Context, req grader.Request) (grader.Grade, error)
}

// Store is what batches need of the database (*store.Store).
type Store interface {
	CreateBatch(ctx context.Context, collection, source string, items []store.BatchItem) (string, error)
	ClaimBatchItems(ctx context.Context, batchID, worker string, n int, lease time.Duration, retry bool, dead []string) ([]store.BatchItem, error)
	CompleteBatchItem(ctx context.Context, batchID string, ord int, worker string, a store.Attempt) (bool, error)
	FailBatchItem(ctx context.Context, batchID string, ord int, worker, reason string) error
	BatchWorkers(ctx context.Context, batchID string) ([]string, error)
	BatchWithItems(ctx context.Context, batchID string) (store.Batch, []store.BatchItem, error)
	Batches(ctx context.Context, collection string, limit int) ([]store.Batch, error)
	UnfinishedBatches(ctx context.Context) ([]string, error)
	BatchByID(ctx context.Context, batchID string) (store.Batch, error)
	PointCalls(ctx context.Context, attemptIDs []string) (map[string]map[int]string, error)
}

// Progress is told after each item; total counts the whole batch.
type Progress func(done, total int, question string)

// Runner grades batches. Several runners (processes, or a CLI beside a
// server) may work on one batch: each item is claimed by one of them.
type Runner struct {
	grader Grader
	db     Store
	log    *slog.Logger
	// Worker names this process in claims: host, pid and a random part, so
	// that a resume on the same host can tell a dead process's claims.
	Worker string
	// Concurrency is how many items are graded at once (the cores for the
	// offline judge, a few for a model server).
	Concurrency int
	// Limit, when set, bounds how many grades start per second (a model
	// server's rate limit).
	Limit *rate.Limiter
	// Lease is how long a claim holds before another runner may take the
	// item: longer than one grade can take.
	Lease time.Duration
}

// DefaultLease outlasts the longest grade (the LLM judge's retries included).
const DefaultLease = 10 * time.Minute

// NewRunner grades with g and keeps batches in db. log may be nil.
func NewRunner(g Grader, db Store, log *slog.Logger) *Runner {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	host, _ := os.Hostname()
	var nonce [4]byte
	_, _ = rand.Read(nonce[:])
	return &Runner{grader: g, db: db, log: log, Concurrency: 1, Lease: DefaultLease,
		Worker: fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(nonce[:]))}
}

// Create stores a parsed batch, whole, and returns its id.
func (r *Runner) Create(ctx context.Context, collection, source string, items []Item) (string, error) {
	rows := make([]store.BatchItem, len(items))
	for i, it := range items {
		rows[i] = store.BatchItem{Line: it.Line, Question: it.Question, Answer: it.Answer, Topic: it.Topic}
	}
	return r.db.CreateBatch(ctx, collection, source, rows)
}

// Run grades the batch's open items until none is left. With retry (a
// resume) items that failed before are graded again, and items claimed by a
// process of this host that is no longer running are taken back at once.
func (r *Runner) Run(ctx context.Context, batchID string, retry bool, progress Progress) error {
	b, items, err := r.db.BatchWithItems(ctx, batchID)
	if err != nil {
		return err
	}
	var dead []string
	if retry {
		workers, err := r.db.BatchWorkers(ctx, batchID)
		if err != nil {
			return err
		}
		dead = deadHere(workers)
	}
	var mu sync.Mutex
	done := 0
	for _, it := range items {
		if it.State == "done" {
			done++
		}
	}
	if progress != nil {
		progress(done, b.Items, "")
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, max(r.Concurrency, 1))
	for range max(r.Concurrency, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				claimed, err := r.db.ClaimBatchItems(ctx, batchID, r.Worker, 1, r.Lease, retry, dead)
				if err != nil {
					errs <- err
					cancel()
					return
				}
				if len(claimed) == 0 {
					return
				}
				it := claimed[0]
				if err := r.gradeOne(ctx, b, it); err != nil {
					errs <- err
					cancel()
					return
				}
				if progress != nil {
					mu.Lock()
					done++
					progress(done, b.Items, it.Question)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		return err
	}
	return ctx.Err()
}

// gradeOne grades an item and stores the attempt with its completion. An
// answer the grader refuses fails the item with the reason; a fault of the
// database or a cancelled run stops the run (the claim is taken back on
// resume).
func (r *Runner) gradeOne(ctx context.Context, b store.Batch, it store.BatchItem) error {
	if r.Limit != nil {
		if err := r.Limit.Wait(ctx); err != nil {
			return err
		}
	}
	g, err := r.grader.Check(ctx, grader.Request{Collection: b.Collection, Question: it.Question, Answer: it.Answer})
	switch {
	case errors.Is(err, grader.ErrBadInput), errors.Is(err, grader.ErrNoNotes):
		r.log.Warn("batch item not graded", "batch", b.ID, "line", it.Line, "err", err)
		return r.db.FailBatchItem(ctx, b.ID, it.Ord, r.Worker, err.Error())
	case err != nil:
		return fmt.Errorf("grade line %d: %w", it.Line, err)
	}
	row, err := grader.Attempt{Collection: b.Collection, Question: it.Question, Answer: it.Answer, Topic: it.Topic, Grade: g}.Stored()
	if err != nil {
		return err
	}
	held, err := r.db.CompleteBatchItem(ctx, b.ID, it.Ord, r.Worker, row)
	if err != nil {
		return err
	}
	if !held {
		r.log.Warn("batch item taken by another worker after its claim ran out; this grade is dropped", "batch", b.ID, "line", it.Line)
	}
	return nil
}

// deadHere picks the workers of this host whose process is gone.
func deadHere(workers []string) []string {
	host, _ := os.Hostname()
	var out []string
	for _, w := range workers {
		parts := strings.Split(w, ":")
		if len(parts) != 3 || parts[0] != host {
			continue
		}
		pid, err := strconv.Atoi(parts[1])
		if err != nil || pid <= 0 {
			continue
		}
		if pid == os.Getpid() || syscall.Kill(pid, 0) == nil || errors.Is(syscall.Kill(pid, 0), syscall.EPERM) {
			continue // alive (or ours)
		}
		out = append(out, w)
	}
	return out
}

// Result is a batch with its graded items, as `grader batch --json` prints it.
type Result struct {
	BatchID   string       `json:"batch_id"`
	Items     []ResultItem `json:"items"`
	Summary   Summary      `json:"summary"`
	Source    string       `json:"source"`
	CreatedAt time.Time    `json:"created_at"`
}

// ResultItem is one item with its grade (absent when not graded).
type ResultItem struct {
	Line     int           `json:"line"`
	Question string        `json:"question"`
	Answer   string        `json:"answer"`
	Topic    string        `json:"topic,omitempty"`
	State    string        `json:"state"`
	Error    string        `json:"error,omitempty"`
	Grade    *grader.Grade `json:"grade,omitempty"`
	// Calls are the candidate's own calls on points (index → status), and
	// CallScore the score with them; progress and the study list use them.
	Calls     map[int]grader.Status `json:"calls,omitempty"`
	CallScore *int                  `json:"call_score,omitempty"`
}

// Result reads a batch and its grades back and sums them up.
func (r *Runner) Result(ctx context.Context, batchID string) (Result, error) {
	b, items, err := r.db.BatchWithItems(ctx, batchID)
	if err != nil {
		return Result{}, err
	}
	out := Result{BatchID: b.ID, Items: make([]ResultItem, len(items)), Source: b.Source, CreatedAt: b.CreatedAt}
	var ids []string
	for _, it := range items {
		if it.AttemptID != "" {
			ids = append(ids, it.AttemptID)
		}
	}
	calls, err := r.db.PointCalls(ctx, ids)
	if err != nil {
		return Result{}, err
	}
	for i, it := range items {
		ri := ResultItem{Line: it.Line, Question: it.Question, Answer: it.Answer, Topic: it.Topic, State: it.State, Error: it.Error}
		if len(it.Grade) > 0 {
			var g grader.Grade
			if err := json.Unmarshal(it.Grade, &g); err != nil {
				return Result{}, fmt.Errorf("read the grade of line %d: %w", it.Line, err)
			}
			ri.Grade = &g
			if cs := calls[it.AttemptID]; len(cs) > 0 {
				ri.Calls = map[int]grader.Status{}
				for p, st := range cs {
					ri.Calls[p] = grader.Status(st)
				}
				score, _ := grader.WithCalls(g, ri.Calls)
				ri.CallScore = &score
			}
		}
		out.Items[i] = ri
	}
	out.Summary = summarize(b, out.Items)
	return out, nil
}

// Info is a batch as a list shows it.
type Info struct {
	ID         string     `json:"batch_id"`
	Collection string     `json:"collection"`
	Source     string     `json:"source"`
	Items      int        `json:"items"`
	Done       int        `json:"done"`
	Failed     int        `json:"failed"`
	CreatedAt  time.Time  `json:"created_at"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
}

func infoOf(b store.Batch) Info {
	return Info{ID: b.ID, Collection: b.Collection, Source: b.Source, Items: b.Items, Done: b.Done, Failed: b.Failed, CreatedAt: b.CreatedAt, FinishedAt: b.FinishedAt}
}

// List returns a collection's batches, newest first.
func (r *Runner) List(ctx context.Context, collection string, limit int) ([]Info, error) {
	bs, err := r.db.Batches(ctx, collection, limit)
	if err != nil {
		return nil, err
	}
	out := make([]Info, len(bs))
	for i, b := range bs {
		out[i] = infoOf(b)
	}
	return out, nil
}

// Status is how far a batch got.
func (r *Runner) Status(ctx context.Context, batchID string) (Info, error) {
	b, err := r.db.BatchByID(ctx, batchID)
	if err != nil {
		return Info{}, err
	}
	return infoOf(b), nil
}

// Unfinished lists the batches a restarted server should finish.
func (r *Runner) Unfinished(ctx context.Context) ([]string, error) {
	return r.db.UnfinishedBatches(ctx)
}
