package store

import (
	"context"
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

// Attempts returns the newest attempts of a collection, newest first.
func (s *Store) Attempts(ctx context.Context, collection string, limit int) ([]Attempt, error) {
	rows, err := s.pool.Query(ctx, `select id::text, collection, question, answer, modality, topic, score, verdict,
			judge, model, prompt_version, grade::text, created_at
		from attempts where collection = $1 order by created_at desc, id desc limit $2`, collection, limit)
	if err != nil {
		return nil, fmt.Errorf("list attempts: %w", err)
	}
	defer rows.Close()
	out := []Attempt{}
	for rows.Next() {
		var a Attempt
		var grade string
		if err := rows.Scan(&a.ID, &a.Collection, &a.Question, &a.Answer, &a.Modality, &a.Topic, &a.Score, &a.Verdict,
			&a.Judge, &a.Model, &a.Version, &grade, &a.CreatedAt); err != nil {
			return nil, fmt.Errorf("list attempts: %w", err)
		}
		a.Grade = []byte(grade)
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
}

// TopicStats returns per-topic averages of a collection's attempts, weakest first.
func (s *Store) TopicStats(ctx context.Context, collection string) ([]TopicStat, error) {
	rows, err := s.pool.Query(ctx, `select topic, count(*), avg(score)::float8,
			(array_agg(score order by created_at desc, id desc))[1], max(created_at)
		from attempts where collection = $1 group by topic order by avg(score), topic`, collection)
	if err != nil {
		return nil, fmt.Errorf("topic stats: %w", err)
	}
	stats, err := pgx.CollectRows(rows, pgx.RowToStructByPos[TopicStat])
	if err != nil {
		return nil, fmt.Errorf("topic stats: %w", err)
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
}

// Reviews returns a collection's attempts, oldest first, reduced to what
// scheduling needs.
func (s *Store) Reviews(ctx context.Context, collection string) ([]Review, error) {
	rows, err := s.pool.Query(ctx, `select question, score, coalesce(grade->'points' @> '[{"status": "incorrect"}]', false),
			coalesce(grade->'references'->0->>'note', ''), created_at
		from attempts where collection = $1 order by created_at, id`, collection)
	if err != nil {
		return nil, fmt.Errorf("list reviews: %w", err)
	}
	defer rows.Close()
	var out []Review
	for rows.Next() {
		var r Review
		if err := rows.Scan(&r.Question, &r.Score, &r.Incorrect, &r.Note, &r.At); err != nil {
			return nil, fmt.Errorf("list reviews: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list reviews: %w", err)
	}
	return out, nil
}
