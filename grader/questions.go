package grader

import (
	"context"
	"log/slog"
	"strings"
	"unicode"
	"unicode/utf8"

	"grader/notes"
	"grader/store"
)

// Question is one entry of the question bank.
type Question struct {
	ID          string   `json:"id"`
	Topic       string   `json:"topic"`
	Question    string   `json:"question"`
	Note        string   `json:"note"`
	HeadingPath []string `json:"heading_path"`
	Source      string   `json:"source"`

	excerpt string // the section's text, for a writer to ground its question in
}

// QuestionWriter rewrites template questions in an interviewer's words (the
// LLM judge does). It returns one string per question, "" to keep the template.
type QuestionWriter interface {
	WriteQuestions(ctx context.Context, qs []Question) ([]string, error)
}

// SectionLister lists the sections of a collection (notes.Index does).
type SectionLister interface {
	Sections(ctx context.Context, collection string) ([]notes.Heading, error)
}

// QuestionStore keeps question banks; *store.Store is one.
type QuestionStore interface {
	ReplaceQuestions(ctx context.Context, collection string, qs []store.Question) error
	Questions(ctx context.Context, collection, topic string) ([]store.Question, error)
}

// Questions is the question bank of each collection.
type Questions struct {
	db     QuestionStore
	src    SectionLister
	writer QuestionWriter
	log    *slog.Logger
}

// WithWriter has the bank's questions rewritten by w on every refresh; a
// question w does not rewrite keeps its template, and a failure of w is
// logged, not fatal.
func (q *Questions) WithWriter(w QuestionWriter, log *slog.Logger) *Questions {
	q.writer, q.log = w, log
	if q.log == nil {
		q.log = slog.New(slog.DiscardHandler)
	}
	return q
}

// NewQuestions builds the bank, kept in db, from the sections src lists.
func NewQuestions(db QuestionStore, src SectionLister) *Questions {
	return &Questions{db: db, src: src}
}

// GenerateQuestions writes one interviewer-style question per section of the
// notes, from its heading and, when the heading is too generic, the section's
// first key terms. The language follows the notes' (Korean or English).
func GenerateQuestions(sections []notes.Heading) []Question {
	seen := map[string]bool{}
	var out []Question
	for _, s := range sections {
		if len(s.HeadingPath) == 0 {
			continue
		}
		subject := cleanHeading(s.HeadingPath[len(s.HeadingPath)-1])
		if utf8.RuneCountInString(subject) < 2 {
			continue
		}
		parent := ""
		if len(s.HeadingPath) > 1 {
			parent = cleanHeading(s.HeadingPath[len(s.HeadingPath)-2])
		}
		q := questionFor(subject, parent, DetectLanguage(s.Text+" "+subject))
		if seen[q] {
			continue
		}
		seen[q] = true
		topic := s.HeadingPath[0]
		if len(s.HeadingPath) > 1 {
			topic = strings.Join(s.HeadingPath[:2], " > ")
		}
		out = append(out, Question{Topic: topic, Question: q, Note: s.Note, HeadingPath: s.HeadingPath, Source: "template", excerpt: s.Text})
	}
	return out
}

// questionFor turns a heading into a question; headings that already ask
// something are kept as they are.
func questionFor(subject, parent, lang string) string {
	if strings.HasSuffix(subject, "?") {
		return subject
	}
	lower := strings.ToLower(subject)
	comparison := false
	for _, sep := range []string{" vs", " and ", " & ", "와 ", "과 ", "차이", "difference"} {
		comparison = comparison || strings.Contains(lower, sep)
	}
	words := strings.Fields(subject)
	if lang == "ko" {
		switch {
		case comparison:
			return subject + "에 대해 비교해서 설명해 주세요."
		case len(words) == 2 && allUpperOrLatin(words):
			return words[0] + josa(words[0], "과", "와") + " " + words[1] + "의 차이를 설명해 주세요."
		case parent != "" && !strings.Contains(subject, parent):
			return parent + "에서 " + subject + josa(subject, "은", "는") + " 무엇이고 왜 필요한가요?"
		default:
			return subject + "에 대해 설명해 주세요."
		}
	}
	switch {
	case comparison:
		return "Compare " + subject + "."
	case parent != "" && !strings.Contains(subject, parent):
		return "In " + parent + ", what is " + subject + " and why does it matter?"
	default:
		return "Explain " + subject + "."
	}
}

func allUpperOrLatin(ws []string) bool {
	for _, w := range ws {
		for _, r := range w {
			if r > unicode.MaxASCII {
				return false
			}
		}
	}
	return true
}

// cleanHeading drops Markdown decoration and trailing punctuation from a heading.
func cleanHeading(h string) string {
	h = strings.TrimSpace(strings.Trim(h, "*_`#:- "))
	return strings.TrimRight(h, ".:")
}

// Refresh regenerates the bank of a collection from its notes: new questions
// are added, those whose section is gone are removed. It returns the count.
func (q *Questions) Refresh(ctx context.Context, collection string) (int, error) {
	secs, err := q.src.Sections(ctx, collection)
	if err != nil {
		return 0, err
	}
	gen := GenerateQuestions(secs)
	if q.writer != nil {
		gen = q.rewrite(ctx, gen)
	}
	rows := make([]store.Question, len(gen))
	for i, g := range gen {
		rows[i] = store.Question{Topic: g.Topic, Question: g.Question, Note: g.Note, HeadingPath: g.HeadingPath, Source: g.Source}
	}
	if err := q.db.ReplaceQuestions(ctx, collection, rows); err != nil {
		return 0, err
	}
	return len(gen), nil
}

// List returns the bank of a collection, optionally one topic, by topic.
func (q *Questions) List(ctx context.Context, collection, topic string) ([]Question, error) {
	rows, err := q.db.Questions(ctx, collection, topic)
	if err != nil {
		return nil, err
	}
	out := make([]Question, len(rows))
	for i, r := range rows {
		out[i] = Question{ID: r.ID, Topic: r.Topic, Question: r.Question, Note: r.Note, HeadingPath: r.HeadingPath, Source: r.Source}
	}
	return out, nil
}

// rewrite replaces template questions by the writer's; a failure keeps the
// templates (the bank is never left empty because a model is down).
func (q *Questions) rewrite(ctx context.Context, gen []Question) []Question {
	written, err := q.writer.WriteQuestions(ctx, gen)
	if err != nil {
		if ctx.Err() != nil {
			return gen
		}
		q.log.Warn("question writer failed; templates stand in for its questions", "err", err)
	}
	seen := map[string]bool{}
	out := make([]Question, 0, len(gen))
	for i, g := range gen {
		if i < len(written) && written[i] != "" && !seen[written[i]] {
			g.Question, g.Source = written[i], "llm"
		}
		if seen[g.Question] {
			continue
		}
		seen[g.Question] = true
		out = append(out, g)
	}
	return out
}
