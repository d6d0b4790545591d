package grader

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Attempt is one graded answer as history keeps it.
type Attempt struct {
	ID         string    `json:"id"`
	Collection string    `json:"collection"`
	Question   string    `json:"question"`
	Answer     string    `json:"answer"`
	Modality   string    `json:"modality"`
	Topic      string    `json:"topic"`
	Score      int       `json:"score"`
	Verdict    string    `json:"verdict"`
	CreatedAt  time.Time `json:"created_at"`
	Grade      Grade     `json:"grade"`
}

// History stores attempts in the attempts table (sql/migrations/002_attempts.sql).
type History struct {
	pool *pgxpool.Pool
}

// NewHistory uses an open pool whose schema is migrated.
func NewHistory(pool *pgxpool.Pool) *History { return &History{pool: pool} }

// Topic is what an attempt is filed under: the top two headings of its best
// reference, so that scores group by the part of the notes they test.
func Topic(g Grade) string {
	if len(g.References) == 0 {
		return ""
	}
	hp := g.References[0].HeadingPath
	if len(hp) > 2 {
		hp = hp[:2]
	}
	if len(hp) == 0 {
		return g.References[0].Note
	}
	return strings.Join(hp, " > ")
}

// Record stores an attempt and returns its id.
func (h *History) Record(ctx context.Context, a Attempt) (string, error) {
	body, err := json.Marshal(a.Grade)
	if err != nil {
		return "", fmt.Errorf("encode grade: %w", err)
	}
	if a.Modality == "" {
		a.Modality = "text"
	}
	if a.Topic == "" {
		a.Topic = Topic(a.Grade)
	}
	var id int64
	err = h.pool.QueryRow(ctx, `insert into attempts (collection, question, answer, modality, score, verdict, topic, judge, model, prompt_version, grade)
		values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
		a.Collection, a.Question, a.Answer, a.Modality, a.Grade.Score, a.Grade.Verdict, a.Topic,
		a.Grade.Grader.Mode, a.Grade.Grader.Model, a.Grade.Grader.Version, string(body)).Scan(&id)
	if err != nil {
		return "", fmt.Errorf("insert attempt: %w", err)
	}
	return strconv.FormatInt(id, 10), nil
}

// List returns the newest attempts of a collection, newest first.
func (h *History) List(ctx context.Context, collection string, limit int) ([]Attempt, error) {
	rows, err := h.pool.Query(ctx, `select id, collection, question, answer, modality, topic, score, verdict, created_at, grade
		from attempts where collection = $1 order by created_at desc, id desc limit $2`, collection, limit)
	if err != nil {
		return nil, fmt.Errorf("list attempts: %w", err)
	}
	defer rows.Close()
	out := []Attempt{}
	for rows.Next() {
		var a Attempt
		var id int64
		var body []byte
		if err := rows.Scan(&id, &a.Collection, &a.Question, &a.Answer, &a.Modality, &a.Topic, &a.Score, &a.Verdict, &a.CreatedAt, &body); err != nil {
			return nil, fmt.Errorf("list attempts: %w", err)
		}
		a.ID = strconv.FormatInt(id, 10)
		if err := json.Unmarshal(body, &a.Grade); err != nil {
			return nil, fmt.Errorf("decode attempt %d: %w", id, err)
		}
		a.Grade.AttemptID = a.ID
		out = append(out, a)
	}
	return out, rows.Err()
}

// TopicStat summarises the attempts on one topic.
type TopicStat struct {
	Topic    string    `json:"topic"`
	Attempts int       `json:"attempts"`
	Average  float64   `json:"average"`
	Last     int       `json:"last"`
	LastAt   time.Time `json:"last_at"`
}

// Topics returns per-topic averages, weakest first.
func (h *History) Topics(ctx context.Context, collection string) ([]TopicStat, error) {
	rows, err := h.pool.Query(ctx, `select topic, count(*), avg(score)::float8,
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
