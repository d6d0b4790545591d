package grader

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"grader/notes"
	"grader/store"
	"grader/token"
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
	gloss  *token.Glossary
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

// WithGlossary names topics with g (the user's glossary included) instead
// of the default one.
func (q *Questions) WithGlossary(g *token.Glossary) *Questions {
	q.gloss = g
	return q
}

// GenerateQuestions writes the questions an interviewer would ask of the
// notes, one per section that is a topic, phrased by what kind of heading it
// is (see headingKind): what a concept is and why it exists, how the things
// a comparison names differ, what the parts of a list do, the steps of a
// procedure, a facet asked of its parent (장점 → "X를 도입하면 어떤 점이
// 좋은가요?"), a project by its title. Labels, company names and headings
// that only group others ask nothing. Sections the chunker folded into a
// chunk are sections here too. The language follows the notes'.
func GenerateQuestions(sections []notes.Heading) []Question {
	return generateQuestions(sections, token.DefaultGlossary())
}

func generateQuestions(sections []notes.Heading, g *token.Glossary) []Question {
	nodes := headingTree(sections, g)
	seen := map[string]bool{}
	var out []Question
	for _, n := range nodes {
		q := n.question()
		if q == "" || seen[q] {
			continue
		}
		seen[q] = true
		topic := n.path[0]
		if len(n.path) > 1 {
			topic = strings.Join(n.path[:2], " > ")
		}
		out = append(out, Question{Topic: topic, Question: q, Note: n.note, HeadingPath: n.path, Source: "template", excerpt: n.excerpt()})
	}
	return out
}

// headingNode is one section of a note: its own text and its children's names.
type headingNode struct {
	g        *token.Glossary
	note     string
	path     []string
	text     string
	children []string
	kids     []*headingNode
	parent   *headingNode
	lang     string
}

// headingTree builds the sections of the notes in reading order, folded
// sections included.
func headingTree(sections []notes.Heading, g *token.Glossary) []*headingNode {
	byKey := map[string]*headingNode{}
	var order []*headingNode
	get := func(note string, path []string) *headingNode {
		key := note + "\x00" + strings.Join(path, "\x00")
		if n := byKey[key]; n != nil {
			return n
		}
		n := &headingNode{g: g, note: note, path: slices.Clone(path)}
		byKey[key] = n
		order = append(order, n)
		if len(path) > 1 {
			n.parent = byKey[note+"\x00"+strings.Join(path[:len(path)-1], "\x00")]
			if n.parent != nil {
				n.parent.children = append(n.parent.children, path[len(path)-1])
				n.parent.kids = append(n.parent.kids, n)
			}
		}
		return n
	}
	for _, s := range sections {
		if len(s.HeadingPath) == 0 {
			continue
		}
		for d := 1; d <= len(s.HeadingPath); d++ {
			get(s.Note, s.HeadingPath[:d])
		}
		n := get(s.Note, s.HeadingPath)
		n.text += s.Text + "\n"
		for _, f := range foldedSections(notes.Passage{Note: s.Note, HeadingPath: s.HeadingPath, Text: s.Text}) {
			fn := get(s.Note, f.HeadingPath)
			fn.text += f.Text + "\n"
		}
	}
	// A note is written in one language: its questions are asked in it.
	text := map[string]*strings.Builder{}
	for _, n := range order {
		if text[n.note] == nil {
			text[n.note] = &strings.Builder{}
		}
		text[n.note].WriteString(n.text)
	}
	for _, n := range order {
		n.lang = DetectLanguage(text[n.note].String())
	}
	return order
}

// Kinds of heading.
const (
	kindNone       = iota // a label, a grouping, a company: no question
	kindConcept           // NAT 게이트웨이: what it is and why it exists
	kindComparison        // ALB NLB, k8s vs. docker: how they differ
	kindParts             // k8s Component: what the parts do
	kindProcedure         // arrows or numbered steps: walk me through
	kindFacet             // 장점, 단점, 특징, X 관점: asked of the parent
	kindProject           // a project title: what you built and how
)

// companyPath tells a heading path through companies or job postings: a
// company's name and its case are no concept to ask about.
func companyPath(path []string) bool {
	return slices.ContainsFunc(path, func(h string) bool {
		return strings.Contains(h, "회사") || strings.Contains(h, "채용") || strings.Contains(h, "공고")
	})
}

func (n *headingNode) kind() int {
	h := cleanHeading(n.path[len(n.path)-1])
	name := topicName(h, n.g)
	parent := ""
	if len(n.path) > 1 {
		parent = cleanHeading(n.path[len(n.path)-2])
	}
	switch {
	case isFacetLabel(h):
		return kindFacet
	case strings.HasSuffix(h, "?"):
		return kindConcept
	case companyPath([]string{parent, h}):
		return kindNone // company names, job postings
	case strings.Contains(parent, "프로젝트") && len(strings.Fields(h)) >= 3:
		return kindProject
	case strings.Contains(h, "프로젝트") || strings.Contains(h, "질문") || strings.Contains(h, "상식") || strings.Contains(h, "정리"):
		return kindNone // a grouping ("프로젝트 기반 질문", "기초 상식")
	case len(comparedNames(n)) >= 2:
		return kindComparison
	case name == "" || utf8.RuneCountInString(name) < 2:
		return kindNone
	case len(stepLists(n.text)) > 0 || reArrow.MatchString(n.text) && !strings.Contains(strings.ToLower(n.text), strings.ToLower(name)):
		return kindProcedure
	case strings.TrimSpace(n.ownText()) != "":
		return kindConcept // a section that says what it is (VPC, Agile) is asked so
	case len(n.parts()) > 8:
		return kindNone // a note's title over a whole catalogue
	case len(n.parts()) >= 2:
		return kindParts // a group with nothing of its own (k8s Component)
	case strings.TrimSpace(n.text) == "":
		return kindNone // a heading with nothing under it
	}
	return kindConcept
}

// ownText is the section's text without the sections folded into it.
func (n *headingNode) ownText() string {
	t := n.text
	for _, k := range n.kids {
		for _, line := range strings.Split(k.text, "\n") {
			if strings.TrimSpace(line) != "" {
				t = strings.Replace(t, line, "", 1)
			}
		}
	}
	var keep []string
	for _, line := range strings.Split(t, "\n") {
		if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "#") && !onPath(n.path, cleanInline(reBullet.ReplaceAllString(l, ""))) {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// context names a short or Korean-only sub-heading with its parent's topic
// ("DNS의 정방향 조회"), which alone would not say what it is about; "" when
// the name stands on its own or the parent is no topic.
func (n *headingNode) context(name string) string {
	if n.parent == nil || len([]rune(name)) > 3 && hasLatinLetter(name) {
		return ""
	}
	if n.parent.kind() != kindConcept {
		return "" // only a named concept gives its sub-headings a topic
	}
	p := topicName(cleanHeading(n.parent.path[len(n.parent.path)-1]), n.g)
	if p == "" || strings.Contains(name, p) {
		return ""
	}
	if n.lang == "ko" {
		return p + "의 " + name
	}
	return name + " in " + p
}

// excerpt is what a writer grounds the question in: the section's text, or
// for a group its parts' headings and text.
func (n *headingNode) excerpt() string {
	if strings.TrimSpace(n.text) != "" {
		return n.text
	}
	var b strings.Builder
	for _, k := range n.kids {
		b.WriteString(k.path[len(k.path)-1] + "\n" + k.text)
	}
	return b.String()
}

// parts are the children that are topics of their own (not facets such as 장점).
func (n *headingNode) parts() []string {
	var out []string
	for _, c := range n.kids {
		if k := c.kind(); k != kindNone && k != kindFacet && k != kindProject {
			out = append(out, c.path[len(c.path)-1])
		}
	}
	return out
}

// comparedNames are the things a comparison heading names: "k8s vs.
// docker", or a heading made of its children's names ("ALB NLB"), or of
// acronyms only ("EBS EFS S3").
func comparedNames(n *headingNode) []string {
	h := cleanHeading(n.path[len(n.path)-1])
	if pair := slashPair(topicName(h, n.g)); pair != nil {
		return pair
	}
	lower := strings.ToLower(h)
	for _, sep := range []string{" vs. ", " vs ", " versus ", " and ", " & ", "와 ", "과 "} {
		if a, b, ok := strings.Cut(lower, sep); ok && a != "" && b != "" {
			i := len(a)
			return []string{strings.TrimSpace(h[:i]), strings.TrimSpace(h[i+len(sep):])}
		}
	}
	var words []string
	for _, w := range strings.Fields(h) {
		if w != "/" && w != "," && w != "·" {
			words = append(words, strings.Trim(w, ","))
		}
	}
	if len(words) < 2 || len(words) > 4 {
		return nil
	}
	kids := map[string]bool{}
	for _, c := range n.children {
		kids[topicName(c, n.g)] = true
	}
	all := true
	for _, w := range words {
		all = all && (kids[w] || asciiName(w) && isAcronym(w) && strings.ToUpper(w) == w)
	}
	if all {
		return words
	}
	return nil
}

// slashPair are the two names of a heading that is two names and a slash
// ("WEB/WAS", "CI / CD", "Master/Slave"): the notes put them side by side.
func slashPair(name string) []string {
	a, b, ok := strings.Cut(name, "/")
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if !ok || strings.Contains(b, "/") || strings.Contains(a, " ") || strings.Contains(b, " ") {
		return nil
	}
	if utf8.RuneCountInString(a) < 2 || utf8.RuneCountInString(b) < 2 || !nameWord(a) || !nameWord(b) {
		return nil
	}
	return []string{a, b}
}

// asciiName tells a word of ASCII letters and digits with a letter (S3, EBS).
func asciiName(w string) bool {
	letter := false
	for _, r := range w {
		switch {
		case r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z':
			letter = true
		case r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return letter
}

func (n *headingNode) question() string {
	h := cleanHeading(n.path[len(n.path)-1])
	name := topicName(h, n.g)
	ko := n.lang == "ko"
	switch n.kind() {
	case kindConcept:
		if strings.HasSuffix(h, "?") {
			return h
		}
		if p := n.context(name); p != "" {
			name = p // "DNS의 정방향 조회", "Agile의 XP": a sub-heading with its topic
		}
		if ko {
			return name + josa(name, "은", "는") + " 무엇이고, 왜 필요한가요?"
		}
		return "What is " + name + ", and why is it needed?"
	case kindComparison:
		ns := comparedNames(n)
		list := strings.Join(ns[:len(ns)-1], ", ")
		lastName := ns[len(ns)-1]
		if ko {
			if slashPair(name) != nil {
				// a pair the notes write as one (CI/CD, WEB/WAS): what each is
				// before how they differ, of the topic above it when there is
				// one (DNS의 Master와 Slave)
				of := ""
				if len(n.path) >= 3 && n.parent != nil && n.parent.kind() == kindConcept {
					of = topicName(cleanHeading(n.parent.path[len(n.parent.path)-1]), n.g) + "의 "
				}
				return of + ns[0] + josa(ns[0], "과", "와") + " " + lastName + josa(lastName, "은", "는") + " 각각 무엇이고, 어떻게 다른가요?"
			}
			if len(ns) == 2 {
				return ns[0] + josa(ns[0], "과", "와") + " " + lastName + josa(lastName, "은", "는") + " 어떻게 다르고, 각각 언제 쓰나요?"
			}
			return list + ", " + lastName + josa(lastName, "은", "는") + " 각각 어떤 경우에 쓰나요?"
		}
		if slashPair(name) != nil {
			return "What are " + ns[0] + " and " + lastName + ", and how do they differ?"
		}
		return "How do " + list + " and " + lastName + " differ, and when would you use each?"
	case kindParts:
		if ko {
			name = koreanNoun(name, n.g)
			return name + "에는 어떤 것들이 있고, 각각 어떤 역할을 하나요?"
		}
		return "What makes up " + name + ", and what does each part do?"
	case kindProcedure:
		if ko {
			return name + " 작업은 어떤 순서로 진행되는지 단계별로 설명해 주시겠어요?"
		}
		return "Could you walk me through " + name + " step by step?"
	case kindFacet:
		if n.parent == nil {
			return ""
		}
		p := topicName(cleanHeading(n.parent.path[len(n.parent.path)-1]), n.g)
		if p == "" {
			return ""
		}
		return facetQuestion(p, strings.ToLower(h), ko)
	case kindProject:
		if ko {
			return "'" + h + "' 프로젝트에서 무엇을 어떻게 구성하셨는지 설명해 주시겠어요?"
		}
		return "In the project \"" + h + "\", what did you build and how?"
	}
	return ""
}

// facetQuestion asks a facet of a topic the way an interviewer would; ""
// for a facet that is no question of its own (참고, 정리, 요약).
func facetQuestion(topic, facet string, ko bool) string {
	if !ko {
		switch facet {
		case "장점", "pros", "advantages":
			return "What does " + topic + " give you?"
		case "단점", "cons", "disadvantages":
			return "What are the drawbacks of " + topic + "?"
		case "참고", "정리", "요약":
			return ""
		}
		return "What are the main features of " + topic + "?"
	}
	eun, eul := topic+josa(topic, "은", "는"), topic+josa(topic, "을", "를")
	switch facet {
	case "장점", "pros", "advantages":
		return eul + " 도입하면 어떤 점이 좋은가요?"
	case "단점", "cons", "disadvantages":
		return topic + "의 단점이나 도입할 때 어려운 점은 무엇인가요?"
	case "특징", "features":
		return topic + "의 주요 특징을 설명해 주세요."
	case "역할":
		return eun + " 어떤 역할을 하나요?"
	case "기능":
		return eun + " 어떤 기능을 하나요?"
	case "목적":
		return eul + " 쓰는 목적은 무엇인가요?"
	case "종류":
		return topic + "에는 어떤 종류가 있나요?"
	case "구성":
		return eun + " 어떻게 구성되어 있나요?"
	case "원리":
		return eun + " 어떤 원리로 동작하나요?"
	case "방법", "과정":
		return eun + " 어떤 과정으로 진행되나요?"
	case "정의", "개요", "overview":
		return eun + " 무엇인가요?"
	case "장단점", "비교":
		return topic + "의 장단점은 무엇인가요?"
	case "예시", "예", "ex", "e.g", "example", "examples":
		return eul + " 쓰는 예를 들어 주시겠어요?"
	case "참고", "정리", "요약":
		return ""
	}
	if strings.HasSuffix(facet, "관점") || strings.HasSuffix(facet, "측면") {
		view := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(facet, "관점"), "측면"))
		return eul + " " + view + " 관점에서 보면 무엇이 필요한가요?"
	}
	return topic + "의 " + facet + "에 대해 설명해 주세요."
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
	g := q.gloss
	if g == nil {
		g = token.DefaultGlossary()
	}
	gen := generateQuestions(secs, g)
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

// nameWord is a word of ASCII letters and digits, or of Hangul only.
func nameWord(w string) bool {
	return asciiName(w) || !strings.ContainsFunc(w, func(r rune) bool { return !token.IsHangul(r) })
}

// koreanNoun says the English common noun of a name in Korean, as the
// glossary gives it ("k8s Component" → "k8s 컴포넌트"): a Korean question
// does not switch to English for a word Korean has.
func koreanNoun(name string, g *token.Glossary) string {
	fs := strings.Fields(name)
	if g == nil || len(fs) < 2 {
		return name
	}
	for i, f := range fs {
		if i == 0 || !asciiName(f) || strings.ToUpper(f) == f {
			continue // the name itself, an acronym
		}
		for _, a := range g.Aliases(strings.ToLower(f)) {
			if strings.ContainsFunc(a, token.IsHangul) && !strings.Contains(a, " ") {
				fs[i] = a
				break
			}
		}
	}
	return strings.Join(fs, " ")
}
