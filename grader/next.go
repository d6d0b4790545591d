package grader

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"grader/fsrs"
	"grader/store"
)

// What to practise next. Every question answered before has a memory state
// (FSRS) replayed from its grades; a question falls due when its predicted
// recall drops to 90%. Due questions come first, the least likely to be
// recalled first; then questions of the bank never answered; then, so that
// there is always something to practise, the rest by how soon they fall due.

// ReviewStore gives the graded attempts and the question bank
// (*store.Store).
type ReviewStore interface {
	Reviews(ctx context.Context, collection string) ([]store.Review, error)
	Questions(ctx context.Context, collection, topic string) ([]store.Question, error)
}

// NextQuestion is a question to practise, with why it comes now.
type NextQuestion struct {
	Question
	Reason        string     `json:"reason"` // due, new, ahead
	Attempts      int        `json:"attempts"`
	LastScore     *int       `json:"last_score,omitempty"`
	DueAt         *time.Time `json:"due_at,omitempty"`
	Recall        *float64   `json:"recall,omitempty"`         // predicted probability of recall now
	StabilityDays *float64   `json:"stability_days,omitempty"` // days until recall falls to 90%
	// Flag says the question was missed again and again: the note behind it
	// may be what needs work.
	Flag string `json:"flag,omitempty"`
}

// Practice picks the questions to practise next.
type Practice struct {
	db    ReviewStore
	sched fsrs.Scheduler
}

// NewPractice schedules with FSRS-5's default weights.
func NewPractice(db ReviewStore) *Practice { return &Practice{db: db, sched: fsrs.New()} }

// againRun is how many misses in a row flag a question.
const againRun = 3

// Rating turns a grade into a review rating: a contradiction or a weak
// answer is a lapse, the score decides the rest.
func Rating(score int, incorrect bool) fsrs.Rating {
	switch {
	case incorrect || score < 40:
		return fsrs.Again
	case score < 60:
		return fsrs.Hard
	case score < 85:
		return fsrs.Good
	}
	return fsrs.Easy
}

// Next returns up to n questions of a collection to practise at now.
func (p *Practice) Next(ctx context.Context, collection string, n int, now time.Time) ([]NextQuestion, error) {
	reviews, err := p.db.Reviews(ctx, collection)
	if err != nil {
		return nil, err
	}
	bank, err := p.db.Questions(ctx, collection, "")
	if err != nil {
		return nil, err
	}
	type memory struct {
		state  fsrs.State
		last   int
		misses int // Again ratings in a row, up to the last review
		note   string
	}
	mem := map[string]*memory{}
	var order []string
	for _, r := range reviews {
		m := mem[r.Question]
		if m == nil {
			m = &memory{}
			mem[r.Question] = m
			order = append(order, r.Question)
		}
		score, incorrect := r.Score, r.Incorrect
		if len(r.Calls) > 0 {
			// the candidate's own calls stand where they made them
			if s, inc, err := StoredWithCalls(r.Grade, r.Calls); err == nil {
				score, incorrect = s, inc
			}
		}
		rating := Rating(score, incorrect)
		m.state = p.sched.Review(m.state, rating, r.At)
		m.last, m.note = score, r.Note
		if rating == fsrs.Again {
			m.misses++
		} else {
			m.misses = 0
		}
	}
	inBank := map[string]Question{}
	for _, q := range bank {
		inBank[q.Question] = Question{ID: q.ID, Topic: q.Topic, Question: q.Question, Note: q.Note, HeadingPath: q.HeadingPath, Source: q.Source}
	}
	var due, ahead, fresh []NextQuestion
	for _, q := range order {
		m := mem[q]
		base, ok := inBank[q]
		if !ok {
			base = Question{Question: q, Note: m.note}
		}
		at := p.sched.Due(m.state)
		recall := fsrs.Retrievability(now.Sub(m.state.Last).Hours()/24, m.state.Stability)
		s, last := m.state.Stability, m.last
		nq := NextQuestion{Question: base, Attempts: m.state.Reviews, LastScore: &last, DueAt: &at, Recall: &recall, StabilityDays: &s}
		if m.misses >= againRun {
			nq.Flag = fmt.Sprintf("missed %d times in a row: the note %s may need work", m.misses, cmp.Or(base.Note, m.note))
		}
		if !at.After(now) {
			nq.Reason = "due"
			due = append(due, nq)
		} else {
			nq.Reason = "ahead"
			ahead = append(ahead, nq)
		}
	}
	for _, q := range bank {
		if mem[q.Question] == nil {
			fresh = append(fresh, NextQuestion{Question: inBank[q.Question], Reason: "new"})
		}
	}
	slices.SortStableFunc(due, func(a, b NextQuestion) int { return cmp.Compare(*a.Recall, *b.Recall) })
	slices.SortStableFunc(ahead, func(a, b NextQuestion) int { return a.DueAt.Compare(*b.DueAt) })
	out := append(append(due, fresh...), ahead...)
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
}
