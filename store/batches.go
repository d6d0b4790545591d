package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
)

// Batch is a self-assessment run: its file and how far it got.
type Batch struct {
	ID         string
	Collection string
	Source     string
	Items      int
	Done       int
	Failed     int
	CreatedAt  time.Time
	FinishedAt *time.Time
}

// BatchItem is one question of a batch. Grade is the attempt's grade (JSON)
// once the item is done.
type BatchItem struct {
	Ord       int
	Line      int
	Question  string
	Answer    string
	Topic     string
	State     string // pending, grading, done, failed
	ClaimedBy string
	AttemptID string
	Score     int
	Error     string
	Grade     []byte
}

// ErrNoBatch is returned for a batch id the database does not have.
var ErrNoBatch = errors.New("no such batch")

func parseBatchID(id string) (int64, error) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%w: %q", ErrNoBatch, id)
	}
	return n, nil
}

// CreateBatch stores a batch with all its items in one transaction: a batch
// is there whole or not at all.
func (s *Store) CreateBatch(ctx context.Context, collection, source string, items []BatchItem) (string, error) {
	if len(items) == 0 {
		return "", errors.New("create batch: no items")
	}
	ords := make([]int32, len(items))
	lines := make([]int32, len(items))
	qs, as, ts := make([]string, len(items)), make([]string, len(items)), make([]string, len(items))
	for i, it := range items {
		ords[i], lines[i], qs[i], as[i], ts[i] = int32(i), int32(it.Line), it.Question, it.Answer, it.Topic
	}
	var id int64
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `insert into batches (collection, source, items) values ($1, $2, $3) returning id`,
			collection, source, len(items)).Scan(&id); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `insert into batch_items (batch_id, ord, line, question, answer, topic)
			select $1, o, l, q, a, t from unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[]) as u(o, l, q, a, t)`,
			id, ords, lines, qs, as, ts)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("create batch: %w", err)
	}
	return strconv.FormatInt(id, 10), nil
}

// ClaimBatchItems gives worker up to n items of the batch to grade, for
// lease: pending ones, failed ones when retry is set, and those whose
// claim ran out or belongs to a worker named dead. FOR UPDATE SKIP LOCKED
// keeps two workers claiming at once from taking the same item.
func (s *Store) ClaimBatchItems(ctx context.Context, batchID, worker string, n int, lease time.Duration, retry bool, dead []string) ([]BatchItem, error) {
	id, err := parseBatchID(batchID)
	if err != nil {
		return nil, err
	}
	if dead == nil {
		dead = []string{}
	}
	rows, err := s.pool.Query(ctx, `update batch_items i set state = 'grading', claimed_by = $2,
			claimed_until = now() + make_interval(secs => $3), error = null
		from (select batch_id, ord from batch_items
			where batch_id = $1 and (state = 'pending' or (state = 'failed' and $5)
				or (state = 'grading' and (claimed_until < now() or claimed_by = any($6))))
			order by ord limit $4 for update skip locked) c
		where i.batch_id = c.batch_id and i.ord = c.ord
		returning i.ord, i.line, i.question, i.answer, i.topic`,
		id, worker, lease.Seconds(), n, retry, dead)
	if err != nil {
		return nil, fmt.Errorf("claim batch items: %w", err)
	}
	defer rows.Close()
	var out []BatchItem
	for rows.Next() {
		it := BatchItem{State: "grading", ClaimedBy: worker}
		if err := rows.Scan(&it.Ord, &it.Line, &it.Question, &it.Answer, &it.Topic); err != nil {
			return nil, fmt.Errorf("claim batch items: %w", err)
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("claim batch items: %w", err)
	}
	return out, nil
}

// CompleteBatchItem stores the item's attempt and marks it done, in one
// transaction, if worker still holds its claim; false when it does not (the
// claim ran out and another worker took the item): nothing is stored then.
func (s *Store) CompleteBatchItem(ctx context.Context, batchID string, ord int, worker string, a Attempt) (bool, error) {
	id, err := parseBatchID(batchID)
	if err != nil {
		return false, err
	}
	held := false
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		// Completions of one batch take turns on its row: under READ COMMITTED
		// two workers finishing the last two items at once would each see the
		// other's item still grading, and neither would mark the batch finished.
		if _, err := tx.Exec(ctx, `select 1 from batches where id = $1 for update`, id); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `update batch_items set state = 'done', score = $4, claimed_until = null, error = null
			where batch_id = $1 and ord = $2 and state = 'grading' and claimed_by = $3`, id, ord, worker, a.Score)
		if err != nil || tag.RowsAffected() == 0 {
			return err
		}
		held = true
		attempt, err := insertAttempt(ctx, tx, a)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `update batch_items set attempt_id = $3 where batch_id = $1 and ord = $2`, id, ord, attempt); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `update batches set finished_at = now() where id = $1 and finished_at is null
			and not exists (select 1 from batch_items where batch_id = $1 and state <> 'done')`, id)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("complete batch item %d: %w", ord, err)
	}
	return held, nil
}

// FailBatchItem records why an item could not be graded (a resume retries it).
func (s *Store) FailBatchItem(ctx context.Context, batchID string, ord int, worker, reason string) error {
	id, err := parseBatchID(batchID)
	if err != nil {
		return err
	}
	if _, err := s.pool.Exec(ctx, `update batch_items set state = 'failed', error = $4, claimed_until = null
		where batch_id = $1 and ord = $2 and state = 'grading' and claimed_by = $3`, id, ord, worker, reason); err != nil {
		return fmt.Errorf("fail batch item %d: %w", ord, err)
	}
	return nil
}

// BatchWorkers names the workers holding claims on the batch's items.
func (s *Store) BatchWorkers(ctx context.Context, batchID string) ([]string, error) {
	id, err := parseBatchID(batchID)
	if err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `select distinct claimed_by from batch_items where batch_id = $1 and state = 'grading'`, id)
	if err != nil {
		return nil, fmt.Errorf("batch workers: %w", err)
	}
	ws, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("batch workers: %w", err)
	}
	return ws, nil
}

// BatchWithItems returns a batch and its items in order, with the grades
// of those done.
func (s *Store) BatchWithItems(ctx context.Context, batchID string) (Batch, []BatchItem, error) {
	id, err := parseBatchID(batchID)
	if err != nil {
		return Batch{}, nil, err
	}
	b, err := s.BatchByID(ctx, batchID)
	if err != nil {
		return Batch{}, nil, err
	}
	rows, err := s.pool.Query(ctx, `select i.ord, i.line, i.question, i.answer, i.topic, i.state, coalesce(i.claimed_by, ''),
			coalesce(i.attempt_id::text, ''), coalesce(i.score, 0), coalesce(i.error, ''), coalesce(a.grade::text, '')
		from batch_items i left join attempts a on a.id = i.attempt_id
		where i.batch_id = $1 order by i.ord`, id)
	if err != nil {
		return Batch{}, nil, fmt.Errorf("batch items: %w", err)
	}
	defer rows.Close()
	var items []BatchItem
	for rows.Next() {
		var it BatchItem
		var grade string
		if err := rows.Scan(&it.Ord, &it.Line, &it.Question, &it.Answer, &it.Topic, &it.State, &it.ClaimedBy,
			&it.AttemptID, &it.Score, &it.Error, &grade); err != nil {
			return Batch{}, nil, fmt.Errorf("batch items: %w", err)
		}
		if grade != "" {
			it.Grade = []byte(grade)
		}
		items = append(items, it)
	}
	if err := rows.Err(); err != nil {
		return Batch{}, nil, fmt.Errorf("batch items: %w", err)
	}
	return b, items, nil
}

// Batches lists a collection's batches, newest first.
func (s *Store) Batches(ctx context.Context, collection string, limit int) ([]Batch, error) {
	rows, err := s.pool.Query(ctx, batchSelect+` where b.collection = $1 order by b.created_at desc, b.id desc limit $2`, collection, limit)
	if err != nil {
		return nil, fmt.Errorf("list batches: %w", err)
	}
	defer rows.Close()
	out := []Batch{}
	for rows.Next() {
		b, err := s.batchRow(ctx, rows)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list batches: %w", err)
	}
	return out, nil
}

const batchSelect = `select b.id::text, b.collection, b.source, b.items, b.created_at, b.finished_at,
	(select count(*) from batch_items i where i.batch_id = b.id and i.state = 'done'),
	(select count(*) from batch_items i where i.batch_id = b.id and i.state = 'failed')
	from batches b`

func (s *Store) batchRow(_ context.Context, row pgx.Row) (Batch, error) {
	var b Batch
	if err := row.Scan(&b.ID, &b.Collection, &b.Source, &b.Items, &b.CreatedAt, &b.FinishedAt, &b.Done, &b.Failed); err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			return b, ErrNoBatch
		}
		return b, fmt.Errorf("read batch: %w", err)
	}
	return b, nil
}

// UnfinishedBatches lists the ids of batches with items not yet done, oldest
// first: what a restarted server finishes.
func (s *Store) UnfinishedBatches(ctx context.Context) ([]string, error) {
	rows, err := s.pool.Query(ctx, `select id::text from batches where finished_at is null
		and exists (select 1 from batch_items i where i.batch_id = batches.id and i.state in ('pending', 'grading'))
		order by id`)
	if err != nil {
		return nil, fmt.Errorf("unfinished batches: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("unfinished batches: %w", err)
	}
	return ids, nil
}

// BatchByID returns a batch with its counts, without its items.
func (s *Store) BatchByID(ctx context.Context, batchID string) (Batch, error) {
	id, err := parseBatchID(batchID)
	if err != nil {
		return Batch{}, err
	}
	return s.batchRow(ctx, s.pool.QueryRow(ctx, batchSelect+` where b.id = $1`, id))
}
