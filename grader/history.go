package grader

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"grader/store"
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

// AttemptStore keeps attempts; *store.Store is one.
type AttemptStore interface {
	InsertAttempt(ctx context.Context, a store.Attempt) (string, error)
	Attempts(ctx context.Context, collection string, limit int) ([]store.Attempt, error)
	TopicStats(ctx context.Context, collection string) ([]store.TopicStat, error)
}

// History is the record of graded attempts.
type History struct {
	db AttemptStore
}

// NewHistory keeps attempts in db.
func NewHistory(db AttemptStore) *History { return &History{db: db} }

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
	row, err := a.Stored()
	if err != nil {
		return "", err
	}
	return h.db.InsertAttempt(ctx, row)
}

// Stored is the attempt as the store keeps it: the grade whole as JSON,
// text by default, filed under Topic(grade) unless a topic is given.
func (a Attempt) Stored() (store.Attempt, error) {
	body, err := json.Marshal(a.Grade)
	if err != nil {
		return store.Attempt{}, fmt.Errorf("encode grade: %w", err)
	}
	if a.Modality == "" {
		a.Modality = "text"
	}
	if a.Topic == "" {
		a.Topic = Topic(a.Grade)
	}
	return store.Attempt{
		Collection: a.Collection, Question: a.Question, Answer: a.Answer, Modality: a.Modality, Topic: a.Topic,
		Score: a.Grade.Score, Verdict: a.Grade.Verdict,
		Judge: a.Grade.Grader.Mode, Model: a.Grade.Grader.Model, Version: a.Grade.Grader.Version, Grade: body,
	}, nil
}

// List returns the newest attempts of a collection, newest first.
func (h *History) List(ctx context.Context, collection string, limit int) ([]Attempt, error) {
	rows, err := h.db.Attempts(ctx, collection, limit)
	if err != nil {
		return nil, err
	}
	out := make([]Attempt, 0, len(rows))
	for _, r := range rows {
		a := Attempt{ID: r.ID, Collection: r.Collection, Question: r.Question, Answer: r.Answer, Modality: r.Modality,
			Topic: r.Topic, Score: r.Score, Verdict: r.Verdict, CreatedAt: r.CreatedAt}
		if err := json.Unmarshal(r.Grade, &a.Grade); err != nil {
			return nil, fmt.Errorf("decode attempt %s: %w", r.ID, err)
		}
		a.Grade.AttemptID = a.ID
		out = append(out, a)
	}
	return out, nil
}

// TopicStat summarises the attempts on one topic.
type TopicStat = store.TopicStat

// Topics returns per-topic averages, weakest first.
func (h *History) Topics(ctx context.Context, collection string) ([]TopicStat, error) {
	return h.db.TopicStats(ctx, collection)
}
