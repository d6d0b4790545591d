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
	// Calls are the candidate's own calls on points (index → status), and
	// CallScore the score with them; both absent when there are none.
	Calls     map[int]Status `json:"calls,omitempty"`
	CallScore *int           `json:"call_score,omitempty"`
}

// AttemptStore keeps attempts; *store.Store is one.
type AttemptStore interface {
	InsertAttempt(ctx context.Context, a store.Attempt) (string, error)
	Attempts(ctx context.Context, collection string, limit int) ([]store.Attempt, error)
	TopicStats(ctx context.Context, collection string) ([]store.TopicStat, error)
	SetPointCall(ctx context.Context, collection, attemptID string, point int, status string) (string, error)
	PointCalls(ctx context.Context, attemptIDs []string) (map[string]map[int]string, error)
	CallStats(ctx context.Context, collection string) ([]store.CallStat, error)
	Attempt(ctx context.Context, collection, id string) (store.Attempt, error)
	QuestionStats(ctx context.Context, collection string) ([]store.QuestionStat, error)
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
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	calls, err := h.db.PointCalls(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Attempt, 0, len(rows))
	for _, r := range rows {
		a, err := fromStored(r, calls[r.ID])
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// fromStored decodes a stored attempt and applies the candidate's calls.
func fromStored(r store.Attempt, calls map[int]string) (Attempt, error) {
	a := Attempt{ID: r.ID, Collection: r.Collection, Question: r.Question, Answer: r.Answer, Modality: r.Modality,
		Topic: r.Topic, Score: r.Score, Verdict: r.Verdict, CreatedAt: r.CreatedAt}
	if err := json.Unmarshal(r.Grade, &a.Grade); err != nil {
		return a, fmt.Errorf("decode attempt %s: %w", r.ID, err)
	}
	a.Grade.AttemptID = a.ID
	if len(calls) > 0 {
		a.Calls = map[int]Status{}
		for i, st := range calls {
			a.Calls[i] = Status(st)
		}
		score, _ := WithCalls(a.Grade, a.Calls)
		a.CallScore = &score
	}
	return a, nil
}

// ErrNoPoint is returned for a call on an attempt or point that does not exist.
var ErrNoPoint = store.ErrNoPoint

// Call is the candidate's call on one point, with the judge's beside it and
// the attempt's score once all the candidate's calls stand.
type Call struct {
	AttemptID   string `json:"attempt_id"`
	Point       int    `json:"point"`
	Status      Status `json:"status"` // "" when the call was taken back
	JudgeStatus Status `json:"judge_status"`
	Score       int    `json:"score"`
}

// SetCall records the candidate's call on a point of an attempt of the
// collection (status "" takes it back).
func (h *History) SetCall(ctx context.Context, collection, attemptID string, point int, status Status) (Call, error) {
	if status != "" && !ValidCall(status) {
		return Call{}, fmt.Errorf("%w: status %q: want covered, partial, missed or incorrect (or empty to take the call back)", ErrBadInput, status)
	}
	judge, err := h.db.SetPointCall(ctx, collection, attemptID, point, string(status))
	if err != nil {
		return Call{}, err
	}
	as, err := h.attempt(ctx, collection, attemptID)
	if err != nil {
		return Call{}, err
	}
	score := as.Score
	if as.CallScore != nil {
		score = *as.CallScore
	}
	return Call{AttemptID: attemptID, Point: point, Status: status, JudgeStatus: Status(judge), Score: score}, nil
}

// attempt reads one attempt of the collection with its calls.
func (h *History) attempt(ctx context.Context, collection, attemptID string) (Attempt, error) {
	r, err := h.db.Attempt(ctx, collection, attemptID)
	if err != nil {
		return Attempt{}, err
	}
	calls, err := h.db.PointCalls(ctx, []string{r.ID})
	if err != nil {
		return Attempt{}, err
	}
	return fromStored(r, calls[r.ID])
}

// CallStats says, per status the judge gave, how often the candidate
// overruled it: where the judge is weak for these notes.
func (h *History) CallStats(ctx context.Context, collection string) ([]store.CallStat, error) {
	return h.db.CallStats(ctx, collection)
}

// TopicStat summarises the attempts on one topic.
type TopicStat = store.TopicStat

// Topics returns per-topic averages, weakest first.
func (h *History) Topics(ctx context.Context, collection string) ([]TopicStat, error) {
	return h.db.TopicStats(ctx, collection)
}

// QuestionStat is a question's record across single attempts and batches.
type QuestionStat = store.QuestionStat

// Questions returns each question's record (attempts, best, last), weakest
// last score first.
func (h *History) Questions(ctx context.Context, collection string) ([]QuestionStat, error) {
	return h.db.QuestionStats(ctx, collection)
}
