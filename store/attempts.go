package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
)

// Attempt is one graded answer as history keeps it. Grade is the whole grade
// as JSON: the store keeps it whole and does not read it.
type Attempt struct {
	ID         string
	Collection string
	Question   string
	Answer     string
	Modality   string
	Topic      string
	Score      int
	Verdict    string
	Judge      string
	Model      string
	Version    string
	Grade      []byte
	CreatedAt  time.Time
}

// InsertAttempt stores an attempt and returns its id.
func (s *Store) InsertAttempt(ctx context.Context, a Attempt) (string, error) {
	id, err := insertAttempt(ctx, s.pool, a)
	if err != nil {
		return "", err
	}
	return strconv.FormatInt(id, 10), nil
}

func insertAttempt(ctx context.Context, q querier, a Attempt) (int64, error) {
	var id int64
	var at *time.Time // now, unless the attempt says when (imports, tests of a schedule)
	if !a.CreatedAt.IsZero() {
		at = &a.CreatedAt
	}
	// The grade goes as text: in exec mode pgx would send []byte as bytea, which jsonb rejects.
	err := q.QueryRow(ctx, `insert into attempts (collection, question, answer, modality, score, verdict, topic, judge, model, prompt_version, grade, created_at)
		values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, coalesce($12, now())) returning id`,
		a.Collection, a.Question, a.Answer, a.Modality, a.Score, a.Verdict, a.Topic,
		a.Judge, a.Model, a.Version, string(a.Grade), at).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert attempt: %w", err)
	}
	return id, nil
}

const attemptColumns = `id::text, collection, question, answer, modality, topic, score, verdict,
	judge, model, prompt_version, grade::text, created_at`

func scanAttempt(row pgx.Row) (Attempt, error) {
	var a Attempt
	var grade string
	err := row.Scan(&a.ID, &a.Collection, &a.Question, &a.Answer, &a.Modality, &a.Topic, &a.Score, &a.Verdict,
		&a.Judge, &a.Model, &a.Version, &grade, &a.CreatedAt)
	a.Grade = []byte(grade)
	return a, err
}

// Attempt returns one attempt of a collection (ErrNoPoint when there is none).
func (s *Store) Attempt(ctx context.Context, collection, id string) (Attempt, error) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return Attempt{}, fmt.Errorf("%w: attempt %q", ErrNoPoint, id)
	}
	a, err := scanAttempt(s.pool.QueryRow(ctx, `select `+attemptColumns+` from attempts where id = $1 and collection = $2`, n, collection))
	if errors.Is(err, pgx.ErrNoRows) {
		return Attempt{}, fmt.Errorf("%w: attempt %s", ErrNoPoint, id)
	}
	if err != nil {
		return Attempt{}, fmt.Errorf("read attempt %s: %w", id, err)
	}
	return a, nil
}

// Attempts returns the newest attempts of a collection, newest first.
func (s *Store) Attempts(ctx context.Context, collection string, limit int) ([]Attempt, error) {
	rows, err := s.pool.Query(ctx, `select `+attemptColumns+`
		from attempts where collection = $1 order by created_at desc, id desc limit $2`, collection, limit)
	if err != nil {
		return nil, fmt.Errorf("list attempts: %w", err)
	}
	defer rows.Close()
	out := []Attempt{}
	for rows.Next() {
		a, err := scanAttempt(rows)
		if err != nil {
			return nil, fmt.Errorf("list attempts: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list attempts: %w", err)
	}
	return out, nil
}

// TopicStat summarises the attempts on one topic.
type TopicStat struct {
	Topic    string    `json:"topic"`
	Attempts int       `json:"attempts"`
	Average  float64   `json:"average"`
	Last     int       `json:"last"`
	LastAt   time.Time `json:"last_at"`
	// Recent are the topic's last scores, oldest first: its trend.
	Recent []int `json:"recent"`
}

// trendLength is how many recent scores a trend shows.
const trendLength = 12

// TopicStats returns per-topic averages of a collection's attempts, weakest first.
func (s *Store) TopicStats(ctx context.Context, collection string) ([]TopicStat, error) {
	rows, err := s.pool.Query(ctx, `select topic, count(*), avg(score)::float8,
			(array_agg(score order by created_at desc, id desc))[1], max(created_at),
			(select array_agg(r.score order by r.created_at, r.id) from (select score, created_at, id from attempts b
				where b.collection = $1 and b.topic = a.topic order by created_at desc, id desc limit $2) r)
		from attempts a where collection = $1 group by topic order by avg(score), topic`, collection, trendLength)
	if err != nil {
		return nil, fmt.Errorf("topic stats: %w", err)
	}
	stats, err := pgx.CollectRows(rows, pgx.RowToStructByPos[TopicStat])
	if err != nil {
		return nil, fmt.Errorf("topic stats: %w", err)
	}
	return stats, nil
}

// QuestionStat is a question's record: how often it was answered, the best
// and the last score.
type QuestionStat struct {
	Question string    `json:"question"`
	Topic    string    `json:"topic"`
	Attempts int       `json:"attempts"`
	Best     int       `json:"best"`
	Last     int       `json:"last"`
	LastAt   time.Time `json:"last_at"`
}

// QuestionStats returns each question's record, weakest last score first.
func (s *Store) QuestionStats(ctx context.Context, collection string) ([]QuestionStat, error) {
	rows, err := s.pool.Query(ctx, `select question, (array_agg(topic order by created_at desc, id desc))[1], count(*), max(score),
			(array_agg(score order by created_at desc, id desc))[1], max(created_at)
		from attempts where collection = $1 group by question
		order by (array_agg(score order by created_at desc, id desc))[1], question`, collection)
	if err != nil {
		return nil, fmt.Errorf("question stats: %w", err)
	}
	stats, err := pgx.CollectRows(rows, pgx.RowToStructByPos[QuestionStat])
	if err != nil {
		return nil, fmt.Errorf("question stats: %w", err)
	}
	return stats, nil
}

// Review is one graded attempt as the practice schedule reads it.
type Review struct {
	Question  string
	Score     int
	Incorrect bool   // a point was marked incorrect
	Note      string // the note of the grade's best reference
	At        time.Time
	// Calls are the candidate's own calls on points (index → status);
	// Grade is the whole grade, read only when there are calls.
	Calls map[int]string
	Grade []byte
}

// Reviews returns a collection's attempts, oldest first, reduced to what
// scheduling needs.
func (s *Store) Reviews(ctx context.Context, collection string) ([]Review, error) {
	rows, err := s.pool.Query(ctx, `select question, score, coalesce(grade->'points' @> '[{"status": "incorrect"}]', false),
			coalesce(grade->'references'->0->>'note', ''), created_at,
			coalesce((select jsonb_object_agg(c.point, c.status)::text from point_calls c where c.attempt_id = a.id), ''),
			case when exists (select 1 from point_calls c where c.attempt_id = a.id) then grade::text else '' end
		from attempts a where collection = $1 order by created_at, id`, collection)
	if err != nil {
		return nil, fmt.Errorf("list reviews: %w", err)
	}
	defer rows.Close()
	var out []Review
	for rows.Next() {
		var r Review
		var calls, grade string
		if err := rows.Scan(&r.Question, &r.Score, &r.Incorrect, &r.Note, &r.At, &calls, &grade); err != nil {
			return nil, fmt.Errorf("list reviews: %w", err)
		}
		if calls != "" {
			byKey := map[string]string{}
			if err := json.Unmarshal([]byte(calls), &byKey); err != nil {
				return nil, fmt.Errorf("list reviews: %w", err)
			}
			r.Calls = map[int]string{}
			for k, v := range byKey {
				if i, err := strconv.Atoi(k); err == nil {
					r.Calls[i] = v
				}
			}
			r.Grade = []byte(grade)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list reviews: %w", err)
	}
	return out, nil
}

// ErrNoPoint is returned for a call on an attempt or point that does not exist.
var ErrNoPoint = errors.New("no such attempt or point")

// SetPointCall records the candidate's call on point of an attempt (status
// "" takes it back). It returns the judge's status of that point.
func (s *Store) SetPointCall(ctx context.Context, collection, attemptID string, point int, status string) (string, error) {
	id, err := strconv.ParseInt(attemptID, 10, 64)
	if err != nil || id <= 0 || point < 0 {
		return "", fmt.Errorf("%w: attempt %q point %d", ErrNoPoint, attemptID, point)
	}
	var judge string
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `select coalesce(grade->'points'->$3::int->>'status', '') from attempts where id = $1 and collection = $2`,
			id, collection, point).Scan(&judge)
		if errors.Is(err, pgx.ErrNoRows) || err == nil && judge == "" {
			return fmt.Errorf("%w: attempt %s point %d", ErrNoPoint, attemptID, point)
		}
		if err != nil {
			return err
		}
		if status == "" {
			_, err = tx.Exec(ctx, `delete from point_calls where attempt_id = $1 and point = $2`, id, point)
			return err
		}
		_, err = tx.Exec(ctx, `insert into point_calls (attempt_id, point, judge_status, status) values ($1, $2, $3, $4)
			on conflict (attempt_id, point) do update set status = excluded.status, created_at = now()`, id, point, judge, status)
		return err
	})
	if err != nil {
		if errors.Is(err, ErrNoPoint) {
			return "", err
		}
		return "", fmt.Errorf("record the call on point %d: %w", point, err)
	}
	return judge, nil
}

// PointCalls returns the candidate's calls on an attempt's points.
func (s *Store) PointCalls(ctx context.Context, attemptIDs []string) (map[string]map[int]string, error) {
	ids := make([]int64, 0, len(attemptIDs))
	for _, a := range attemptIDs {
		if id, err := strconv.ParseInt(a, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	rows, err := s.pool.Query(ctx, `select attempt_id::text, point, status from point_calls where attempt_id = any($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("read point calls: %w", err)
	}
	defer rows.Close()
	out := map[string]map[int]string{}
	for rows.Next() {
		var a, st string
		var p int
		if err := rows.Scan(&a, &p, &st); err != nil {
			return nil, fmt.Errorf("read point calls: %w", err)
		}
		if out[a] == nil {
			out[a] = map[int]string{}
		}
		out[a][p] = st
	}
	return out, rows.Err()
}

// CallStat is how often the candidate overruled the judge on points the
// judge gave one status.
type CallStat struct {
	JudgeStatus string         `json:"judge_status"`
	Points      int            `json:"points"`    // points the judge gave this status
	Overruled   int            `json:"overruled"` // of them, how many the candidate called otherwise
	Calls       map[string]int `json:"calls"`     // the candidate's calls on them, by status
}

// CallStats counts, per judge status, the points of a collection's attempts
// and the candidate's calls on them.
func (s *Store) CallStats(ctx context.Context, collection string) ([]CallStat, error) {
	rows, err := s.pool.Query(ctx, `select p.value->>'status', count(*)
		from attempts a cross join lateral jsonb_array_elements(a.grade->'points') p
		where a.collection = $1 group by 1 order by 1`, collection)
	if err != nil {
		return nil, fmt.Errorf("count points: %w", err)
	}
	byStatus := map[string]*CallStat{}
	var out []*CallStat
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("count points: %w", err)
		}
		cs := &CallStat{JudgeStatus: st, Points: n, Calls: map[string]int{}}
		byStatus[st] = cs
		out = append(out, cs)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count points: %w", err)
	}
	rows, err = s.pool.Query(ctx, `select c.judge_status, c.status, count(*) from point_calls c join attempts a on a.id = c.attempt_id
		where a.collection = $1 group by 1, 2`, collection)
	if err != nil {
		return nil, fmt.Errorf("count calls: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var judge, st string
		var n int
		if err := rows.Scan(&judge, &st, &n); err != nil {
			return nil, fmt.Errorf("count calls: %w", err)
		}
		cs := byStatus[judge]
		if cs == nil {
			continue
		}
		cs.Calls[st] += n
		if st != judge {
			cs.Overruled += n
		}
	}
	res := make([]CallStat, len(out))
	for i, cs := range out {
		res[i] = *cs
	}
	return res, rows.Err()
}
