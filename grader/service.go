package grader

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"grader/notes"
	"grader/speech"
	"grader/token"
)

// Retriever finds reference passages in a collection and reads whole notes
// (notes.Index does).
type Retriever interface {
	Search(ctx context.Context, collection, query string, k int) ([]notes.Passage, error)
	// Headings lists the heading paths of a collection's notes (no text).
	Headings(ctx context.Context, collection string) ([]notes.Heading, error)
	NoteReader
}

// Recorder keeps graded attempts (History does); nil keeps nothing.
type Recorder interface {
	Record(ctx context.Context, a Attempt) (string, error)
}

// Request is one answer to grade.
type Request struct {
	Collection string
	Question   string
	Answer     string
	Modality   string // "text" (default) or "speech"
	// Asked are the questions already asked in this practice thread: no
	// follow-up repeats one of them.
	Asked []string
	// Speech, for a spoken answer, is its transcript's delivery; the answer
	// is then the (possibly edited) transcript, graded without its fillers.
	Speech *Speech
}

// Limits on input, so that a pasted book does not tie up the judge.
const (
	MaxQuestionRunes = 1000
	MaxAnswerRunes   = 10000
)

// ErrBadInput marks input the caller must fix (exit 2 / HTTP 400).
var ErrBadInput = errors.New("bad input")

// ErrNoNotes means the collection has nothing to grade against.
var ErrNoNotes = errors.New("no notes")

// Service is the grading pipeline: retrieve, build the rubric, judge, record.
type Service struct {
	retr  Retriever
	judge Judge
	rec   Recorder
	gloss *token.Glossary
	lex   *lexicon // gloss, remembering the notes' analyses across grades
	tr    Transcriber
}

// NewService builds the pipeline; rec may be nil.
func NewService(retr Retriever, judge Judge, rec Recorder, g *token.Glossary) *Service {
	return &Service{retr: retr, judge: judge, rec: rec, gloss: g, lex: newLexicon(g)}
}

// JudgeInfo names the judge in use.
func (s *Service) JudgeInfo() Info { return s.judge.Info() }

// Validate checks a request and returns it trimmed, or an ErrBadInput naming the field.
func Validate(r Request) (Request, error) {
	r.Question = strings.TrimSpace(r.Question)
	r.Answer = strings.TrimSpace(r.Answer)
	if r.Collection == "" {
		r.Collection = "default"
	}
	if r.Modality == "" {
		r.Modality = "text"
	}
	if r.Speech != nil && r.Modality != "speech" { // once: a validated request is validated again by Grade
		r.Modality = "speech"
		r.Speech = remeasure(*r.Speech, r.Answer, r.Question)
		r.Answer = strings.TrimSpace(speech.StripFillers(r.Answer)) // how it was said is delivery, not content
	}
	switch {
	case r.Question == "":
		return r, badInput("question_empty", "question is empty")
	case r.Answer == "" || !strings.ContainsFunc(r.Answer, func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }):
		// only zero-width or other invisible characters is no answer either
		return r, badInput("answer_empty", "answer is empty")
	case !utf8.ValidString(r.Question) || !utf8.ValidString(r.Answer):
		return r, badInput("not_utf8", "question and answer must be UTF-8 text")
	case strings.ContainsRune(r.Question, 0) || strings.ContainsRune(r.Answer, 0):
		// PostgreSQL text cannot hold NUL: refuse it here, not fail when recording
		return r, badInput("nul_character", "question and answer must not contain NUL characters")
	case utf8.RuneCountInString(r.Question) > MaxQuestionRunes:
		return r, badInput("question_too_long", "question is longer than %d characters", "limit", MaxQuestionRunes)
	case utf8.RuneCountInString(r.Answer) > MaxAnswerRunes:
		return r, badInput("answer_too_long", "answer is longer than %d characters", "limit", MaxAnswerRunes)
	case r.Modality != "text" && r.Modality != "speech":
		return r, badInput("modality", "modality must be text or speech")
	}
	for i, a := range r.Asked {
		if !utf8.ValidString(a) || strings.ContainsRune(a, 0) || utf8.RuneCountInString(a) > MaxQuestionRunes {
			return r, badInput("asked_invalid", "asked[%d] must be UTF-8 text of at most %d characters", "index", i, "limit", MaxQuestionRunes)
		}
	}
	return r, nil
}

// remeasure recomputes a spoken answer's delivery from its transcript as
// the candidate corrected it (or as the browser's own recognition heard it)
// and the recording's duration; pauses and articulation stay those of the
// transcription's word timestamps.
func remeasure(sp Speech, transcript, question string) *Speech {
	lang := sp.Language
	if lang == "" {
		lang = speech.LanguageOf(question)
	}
	d := speech.Measure(speech.Transcript{Text: strings.TrimSpace(transcript), DurationS: max(sp.DurationS, 0)}, lang)
	d.Timestamps, d.LongPauses, d.LongestPauseS, d.ArticulationRate = sp.Timestamps, sp.LongPauses, sp.LongestPauseS, sp.ArticulationRate
	return &d
}

// ErrNotInNotes means nothing in the collection is about the question.
var ErrNotInNotes = errors.New("not in the notes")

// References returns the passages a question is graded against: the chunks
// of the section(s) of the notes it is about (see chooseSections), and the
// chunks of the sections beside them. It returns ErrNoNotes for an empty
// collection and ErrNotInNotes when no section is about the question.
func (s *Service) References(ctx context.Context, collection, question, answer string) (refs, siblings, read []notes.Passage, err error) {
	secs, err := s.Sections(ctx, collection, question, answer)
	if err != nil {
		return nil, nil, nil, err
	}
	for _, sec := range secs {
		refs = append(refs, sec.Passages...)
		siblings = append(siblings, sec.Siblings...)
		read = append(read, sec.Read...)
	}
	return refs, siblings, read, nil
}

// Sections returns the section(s) of the notes a question is about; the
// answer ("" for none) decides between sections the question leaves close.
func (s *Service) Sections(ctx context.Context, collection, question, answer string) ([]Section, error) {
	retrieved, read, err := s.readNotes(ctx, collection, question)
	if err != nil {
		return nil, err
	}
	secs := chooseSections(question, answer, read, retrieved, s.lex)
	if len(secs) == 0 {
		return nil, fmt.Errorf("%w: nothing in collection %q is about %q", ErrNotInNotes, collection, question)
	}
	return secs, nil
}

// readNotes searches for the question and reads whole the notes the search
// points at: what the section choice works from.
func (s *Service) readNotes(ctx context.Context, collection, question string) (retrieved, read []notes.Passage, err error) {
	retrieved, err = s.retr.Search(ctx, collection, question, sectionSearchK)
	if err != nil {
		return nil, nil, fmt.Errorf("retrieve references: %w", err)
	}
	if len(retrieved) == 0 {
		return nil, nil, fmt.Errorf("%w: collection %q has no notes to grade against; ingest some first", ErrNoNotes, collection)
	}
	heads, err := s.retr.Headings(ctx, collection)
	if err != nil {
		return nil, nil, fmt.Errorf("list the headings of %s: %w", collection, err)
	}
	spelt := misspelt(question, heads, s.gloss)
	var named []string
	for _, h := range spelt {
		named = append(named, h.Note)
	}
	read, err = sectionPassages(ctx, s.retr, collection, retrieved, named...)
	if err != nil {
		return nil, nil, err
	}
	return foundAsSpelt(retrieved, read, spelt), read, nil
}

// Grade grades one answer and records the attempt.
func (s *Service) Grade(ctx context.Context, req Request) (Grade, error) {
	return s.grade(ctx, req, true)
}

// Check grades one answer without recording it (evaluation, follow-ups).
func (s *Service) Check(ctx context.Context, req Request) (Grade, error) {
	return s.grade(ctx, req, false)
}

func (s *Service) grade(ctx context.Context, req Request, record bool) (Grade, error) {
	req, err := Validate(req)
	if err != nil {
		return Grade{}, err
	}
	refs, siblings, read, err := s.References(ctx, req.Collection, req.Question, req.Answer)
	if errors.Is(err, ErrNotInNotes) {
		return s.record(ctx, req, notInNotes(req.Question, req.Answer), record)
	}
	if err != nil {
		return Grade{}, err
	}
	g, err := s.judgeAgainst(ctx, req.Question, Rubric{Passages: refs, Context: siblings, Backing: read}, req.Answer)
	if err != nil {
		return Grade{}, err
	}
	g.Speech = req.Speech
	g.Followups = notAsked(g.Followups, append(slices.Clone(req.Asked), req.Question))
	return s.record(ctx, req, g, record)
}

func (s *Service) record(ctx context.Context, req Request, g Grade, record bool) (Grade, error) {
	if record && s.rec != nil {
		id, err := s.rec.Record(ctx, Attempt{Collection: req.Collection, Question: req.Question, Answer: req.Answer, Modality: req.Modality, Grade: g})
		if err != nil {
			return g, fmt.Errorf("record attempt: %w", err)
		}
		g.AttemptID = id
	}
	return g, nil
}

// notInNotes is the grade of an answer to a question the notes say nothing
// about: no points are invented from the nearest passages.
func notInNotes(question, answer string) Grade {
	lang := DetectLanguage(answer)
	summary := "Nothing in your notes is about this question, so this answer cannot be graded against them. Add notes on it, or ask about something they cover."
	if lang == "ko" {
		summary = "노트에 이 질문을 다루는 내용이 없어 답변을 채점할 수 없습니다. 이 주제를 노트에 추가하거나 노트에 있는 내용으로 질문해 보세요."
	}
	return Grade{
		Verdict: VerdictNotInNotes, Summary: summary, Points: []Point{}, Unsupported: []string{}, Followups: []string{},
		References: []notes.Passage{}, Grader: Info{Mode: ModeOffline, Model: "offline-lexical", Version: OfflineVersion},
		Question: question, Language: lang,
	}
}

// judgeAgainst builds the rubric from the reference passages and judges the
// answer against it.
// in holds the passages: Passages become the points, Context and Backing
// are kept as they are.
func (s *Service) judgeAgainst(ctx context.Context, question string, in Rubric, answer string) (Grade, error) {
	r := BuildRubric(question, in.Passages, s.gloss)
	r.Context, r.Backing = in.Context, in.Backing
	g, err := s.judge.Judge(ctx, r, answer)
	if err != nil {
		if errors.Is(err, ErrEmptyAnswer) {
			return Grade{}, fmt.Errorf("%w: %v", ErrBadInput, err)
		}
		return Grade{}, fmt.Errorf("judge: %w", err)
	}
	return g, nil
}

// Followups grades the answer without recording it and returns the follow-up
// questions an interviewer would ask next.
func (s *Service) Followups(ctx context.Context, req Request) ([]string, error) {
	g, err := s.grade(ctx, req, false)
	if err != nil {
		return nil, err
	}
	return g.Followups, nil
}

// notAsked drops the follow-ups already asked in the thread (compared
// without spacing and punctuation: the candidate may have retyped one).
func notAsked(followups, asked []string) []string {
	norm := func(q string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) || unicode.IsPunct(r) {
				return -1
			}
			return unicode.ToLower(r)
		}, q)
	}
	seen := map[string]bool{}
	for _, a := range asked {
		seen[norm(a)] = true
	}
	out := []string{}
	for _, f := range followups {
		if n := norm(f); !seen[n] {
			seen[n] = true
			out = append(out, f)
		}
	}
	return out
}
