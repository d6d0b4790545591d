package grader

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// A development set checks the judge the way its user would: interviewer-style
// questions over one set of notes, each answered three ways (a strong answer
// in the candidate's own words, a correct but thin one, a confidently wrong
// one), labelled with the section of the notes that answers it; and probes
// (an English answer, fillers, a keyword list, repetition, an injection...).

// DevItem is one question of a development set with its three answers.
type DevItem struct {
	ID        string   `json:"id"`
	Question  string   `json:"question"`
	Note      string   `json:"note"`
	Section   string   `json:"section"` // heading path, " > "-joined
	Also      []string `json:"also"`    // other sections that answer it (comparisons)
	Strong    string   `json:"strong"`
	Thin      string   `json:"thin"`
	Wrong     string   `json:"wrong"`
	WrongKind string   `json:"wrong_kind"` // swap, reversal, negation, number
	Claim     string   `json:"wrong_claim"`
	NotesSay  string   `json:"notes_say"`
	Probe     string   `json:"probe"` // set on probes instead of the three answers
	Answer    string   `json:"answer"`
	About     string   `json:"about"`
	sections  [][]string
}

// ReadDevSet reads a development set (JSONL); questions and probes come back apart.
func ReadDevSet(r io.Reader) (items, probes []DevItem, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var it DevItem
		if err := json.Unmarshal([]byte(text), &it); err != nil {
			return nil, nil, fmt.Errorf("line %d: %w", line, err)
		}
		if it.Question == "" {
			return nil, nil, fmt.Errorf("line %d (%s): no question", line, it.ID)
		}
		if it.Probe != "" {
			if it.Answer == "" {
				return nil, nil, fmt.Errorf("line %d (%s): probe without an answer", line, it.ID)
			}
			probes = append(probes, it)
			continue
		}
		if it.Section == "" || it.Strong == "" || it.Thin == "" || it.Wrong == "" {
			return nil, nil, fmt.Errorf("line %d (%s): a question needs section, strong, thin and wrong", line, it.ID)
		}
		it.sections = [][]string{splitPath(it.Section)}
		for _, a := range it.Also {
			it.sections = append(it.sections, splitPath(a))
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, err
	}
	return items, probes, nil
}

// splitPath reads a labelled heading path as the chunker keeps headings:
// Markdown emphasis dropped ("kube-controller-manager - **관리자**"), spaces
// evened out, so a label copied from the notes as written still matches.
func splitPath(p string) []string {
	parts := strings.Split(p, " > ")
	for i := range parts {
		t := strings.NewReplacer("**", "", "__", "", "`", "").Replace(parts[i])
		parts[i] = strings.Join(strings.Fields(t), " ")
	}
	return parts
}

// DevOutcome is how one question's three answers were graded.
type DevOutcome struct {
	Item                DevItem
	Strong, Thin, Wrong Grade
	// SectionShare is the share of the strong answer's rubric weight cited
	// from the labelled section(s) or their subsections.
	SectionShare float64
}

// Ordered reports strong > thin > wrong.
func (o DevOutcome) Ordered() bool {
	return o.Strong.Score > o.Thin.Score && o.Thin.Score > o.Wrong.Score
}

// WrongCaught reports whether the wrong answer has a point marked incorrect.
func (o DevOutcome) WrongCaught() bool { return hasIncorrect(o.Wrong) }

func hasIncorrect(g Grade) bool {
	return slices.ContainsFunc(g.Points, func(p Point) bool { return p.Status == Incorrect })
}

// DevProbe is how one probe was graded.
type DevProbe struct {
	Item  DevItem
	Grade Grade
	// Single is the grade of one copy of a repeated sentence (repeat probes).
	Single *Grade
}

// DevReport sums up a development set.
type DevReport struct {
	N                  int            `json:"n"`
	Ordered            float64        `json:"strong_gt_thin_gt_wrong"`
	ThinOverWrong      float64        `json:"thin_gt_wrong"`
	WrongCaught        float64        `json:"wrong_caught"`
	FalseAlarmsStrong  float64        `json:"false_alarms_strong"`
	FalseAlarmsThin    float64        `json:"false_alarms_thin"`
	RightSection       float64        `json:"right_section"`
	UnsupportedStrong  float64        `json:"unsupported_per_strong"`
	MeanStrong         float64        `json:"mean_strong"`
	MeanThin           float64        `json:"mean_thin"`
	MeanWrong          float64        `json:"mean_wrong"`
	CaughtByKind       map[string]int `json:"caught_by_kind"`
	WrongByKind        map[string]int `json:"wrong_by_kind"`
	Probes             []ProbeScore   `json:"probes"`
	RepetitionGain     int            `json:"repetition_gain"` // the largest, over repeat probes
	Outcomes           []DevOutcome   `json:"-"`
	ProbeOutcomes      []DevProbe     `json:"-"`
	UnsupportedSamples []string       `json:"-"`
}

// ProbeScore is one probe's grade in the report.
type ProbeScore struct {
	ID      string `json:"id"`
	Probe   string `json:"probe"`
	Score   int    `json:"score"`
	Verdict string `json:"verdict"`
}

// GradeFunc grades one answer to a question (the service, without recording).
type GradeFunc func(ctx context.Context, question, answer string) (Grade, error)

// RunDevSet grades every answer of a development set and sums up.
func RunDevSet(ctx context.Context, grade GradeFunc, items, probes []DevItem) (DevReport, error) {
	rep := DevReport{CaughtByKind: map[string]int{}, WrongByKind: map[string]int{}}
	for _, it := range items {
		var o DevOutcome
		o.Item = it
		for _, a := range []struct {
			text string
			dst  *Grade
		}{{it.Strong, &o.Strong}, {it.Thin, &o.Thin}, {it.Wrong, &o.Wrong}} {
			g, err := grade(ctx, it.Question, a.text)
			if err != nil {
				return rep, fmt.Errorf("%s: %w", it.ID, err)
			}
			*a.dst = g
		}
		o.SectionShare = sectionShare(o.Strong, it.sections)
		rep.Outcomes = append(rep.Outcomes, o)
	}
	n := float64(len(items))
	rep.N = len(items)
	for _, o := range rep.Outcomes {
		if o.Ordered() {
			rep.Ordered++
		}
		if o.Thin.Score > o.Wrong.Score {
			rep.ThinOverWrong++
		}
		rep.WrongByKind[o.Item.WrongKind]++
		if o.WrongCaught() {
			rep.WrongCaught++
			rep.CaughtByKind[o.Item.WrongKind]++
		}
		if hasIncorrect(o.Strong) {
			rep.FalseAlarmsStrong++
		}
		if hasIncorrect(o.Thin) {
			rep.FalseAlarmsThin++
		}
		if o.SectionShare >= 0.5 {
			rep.RightSection++
		}
		rep.UnsupportedStrong += float64(len(o.Strong.Unsupported))
		rep.UnsupportedSamples = append(rep.UnsupportedSamples, o.Strong.Unsupported...)
		rep.MeanStrong += float64(o.Strong.Score)
		rep.MeanThin += float64(o.Thin.Score)
		rep.MeanWrong += float64(o.Wrong.Score)
	}
	if n > 0 {
		for _, p := range []*float64{&rep.Ordered, &rep.ThinOverWrong, &rep.WrongCaught, &rep.FalseAlarmsStrong, &rep.FalseAlarmsThin,
			&rep.RightSection, &rep.UnsupportedStrong, &rep.MeanStrong, &rep.MeanThin, &rep.MeanWrong} {
			*p /= n
		}
	}
	for _, p := range probes {
		g, err := grade(ctx, p.Question, p.Answer)
		if err != nil {
			return rep, fmt.Errorf("probe %s: %w", p.ID, err)
		}
		dp := DevProbe{Item: p, Grade: g}
		if p.Probe == "repeat" {
			one := firstSentence(p.Answer)
			sg, err := grade(ctx, p.Question, one)
			if err != nil {
				return rep, fmt.Errorf("probe %s, one copy: %w", p.ID, err)
			}
			dp.Single = &sg
			rep.RepetitionGain = max(rep.RepetitionGain, g.Score-sg.Score)
		}
		rep.ProbeOutcomes = append(rep.ProbeOutcomes, dp)
		rep.Probes = append(rep.Probes, ProbeScore{ID: p.ID, Probe: p.Probe, Score: g.Score, Verdict: g.Verdict})
	}
	return rep, nil
}

// firstSentence is the first sentence of a text (a repeated answer's unit).
func firstSentence(s string) string {
	for i, r := range s {
		if r == '.' || r == '?' || r == '!' {
			return strings.TrimSpace(s[:i+1])
		}
	}
	return s
}

// sectionShare is the share of a grade's point weight cited from one of the
// sections or below them.
func sectionShare(g Grade, sections [][]string) float64 {
	total, in := 0.0, 0.0
	for _, p := range g.Points {
		w := max(p.Weight, 1e-9)
		total += w
		for _, s := range sections {
			hp := p.Citation.HeadingPath
			if len(hp) >= len(s) && slices.Equal(hp[:len(s)], s) {
				in += w
				break
			}
		}
	}
	if total == 0 {
		return 0
	}
	return in / total
}
