// Package grader owns grading: the rubric built from retrieved passages, the
// offline and LLM judges, follow-up questions, and evaluation against labelled data.
package grader

import (
	"context"

	"grader/notes"
	"grader/speech"
)

// Status of one key point in an answer.
type Status string

const (
	Covered   Status = "covered"
	Partial   Status = "partial"
	Missed    Status = "missed"
	Incorrect Status = "incorrect"
)

// Verdicts, from best to worst.
const (
	VerdictExcellent = "excellent"
	VerdictGood      = "good"
	VerdictPartial   = "partial"
	VerdictWeak      = "weak"
	VerdictOffTopic  = "off_topic"
	// VerdictNotInNotes: nothing in the notes is about the question.
	VerdictNotInNotes = "not_in_notes"
)

// Modes of judging.
const (
	ModeOffline = "offline"
	ModeLLM     = "llm"
)

// KeyPoint is one thing the notes expect an answer to say: a sentence, bullet
// item or clause of a retrieved passage, weighted by how central it is to the question.
type KeyPoint struct {
	ID      string        // stable within a rubric: "p1", "p2", ...
	Text    string        // the point as written in the notes
	Weight  float64       // relative importance, > 0; weights of a rubric sum to 1
	Passage notes.Passage // where the point comes from
}

// Rubric is what both judges grade against: the question, its key points and
// the passages they were drawn from.
type Rubric struct {
	Question string
	Points   []KeyPoint
	Passages []notes.Passage
	// Context holds what the notes say beside the graded section (its
	// sibling sections): not points, but facts an answer must not swap in.
	Context []notes.Passage
	// Backing is the rest of the notes read for the question: an answer
	// sentence they back is not "unsupported", even outside the section.
	Backing []notes.Passage
}

// Point is a key point as judged in one answer (CONTRACT.md Grade.points).
type Point struct {
	Text     string        `json:"text"`
	Status   Status        `json:"status"`
	Evidence string        `json:"evidence"`
	Citation notes.Passage `json:"citation"`
	Weight   float64       `json:"weight"`
	// Coverage is the judge's measure in [0,1] of how much of the point the answer states.
	Coverage float64 `json:"coverage"`
	// Reason says why a point is incorrect (the contradicting binding), or empty.
	Reason string `json:"reason,omitempty"`
}

// Info names the judge that produced a grade.
type Info struct {
	Mode    string `json:"mode"`
	Model   string `json:"model"`
	Version string `json:"version"`
}

// Speech describes a spoken answer (present only for those): the transcript
// and its delivery (speech.Delivery).
type Speech = speech.Delivery

// Grade is the outcome of grading one answer (CONTRACT.md).
type Grade struct {
	Score       int             `json:"score"`
	Verdict     string          `json:"verdict"`
	Summary     string          `json:"summary"`
	Points      []Point         `json:"points"`
	Unsupported []string        `json:"unsupported"`
	Followups   []string        `json:"followups"`
	ModelAnswer string          `json:"model_answer"`
	References  []notes.Passage `json:"references"`
	Grader      Info            `json:"grader"`
	Speech      *Speech         `json:"speech,omitempty"`

	// Extensions beyond the contract.
	Question string   `json:"question"`
	Language string   `json:"language"`           // "ko" or "en": the answer's language
	Warnings []string `json:"warnings,omitempty"` // e.g. the LLM judge failed and the offline grade stands in
	Flags    []string `json:"flags,omitempty"`    // e.g. "judges_disagree"
	// Checks says, in the answer's language, what the judge checked and
	// what it cannot judge, so that a grade is read for what it is.
	Checks    []string `json:"checks,omitempty"`
	Spread    *float64 `json:"score_spread,omitempty"`
	AttemptID string   `json:"attempt_id,omitempty"`
}

// Judge grades an answer against a rubric. The offline judge is deterministic.
type Judge interface {
	Judge(ctx context.Context, r Rubric, answer string) (Grade, error)
	Info() Info
}
