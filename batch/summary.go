package batch

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"grader/grader"
	"grader/store"
)

// Summary is where the candidate stands after a batch: the overall score,
// the topics from weakest to strongest, and the key points of the notes the
// answers missed or got wrong most often, with where to read them.
type Summary struct {
	Items     int            `json:"items"`
	Graded    int            `json:"graded"`
	Failed    int            `json:"failed"`
	Pending   int            `json:"pending"`
	MeanScore float64        `json:"mean_score"`
	Verdicts  map[string]int `json:"verdicts"`
	Topics    []TopicScore   `json:"topics"`
	Weakest   []WeakPoint    `json:"weakest"`
	Finished  bool           `json:"finished"`
}

// TopicScore is the mean score of a topic's items.
type TopicScore struct {
	Topic     string  `json:"topic"`
	Items     int     `json:"items"`
	MeanScore float64 `json:"mean_score"`
}

// WeakPoint is a key point the batch's answers missed or contradicted, with
// the passage to study.
type WeakPoint struct {
	Point     string   `json:"point"`
	Incorrect int      `json:"incorrect"` // answers that contradicted it
	Missed    int      `json:"missed"`    // answers that left it out
	Note      string   `json:"note"`
	Heading   []string `json:"heading_path"`
	ChunkID   string   `json:"chunk_id"`
	Passage   string   `json:"passage"` // the cited passage's text, to study
	Lines     []int    `json:"lines"`   // the batch file's lines of those answers
}

// maxWeakest bounds the study list: a handful of passages is something to
// do this week, fifty is not.
const maxWeakest = 10

// topicDepth is how many headings name a topic in this batch: two (as
// history files attempts), or more when two put every answer under one
// heading ("AWS > AWS 서비스" holds all of a Notion page), so that the report
// tells the topics apart.
func topicDepth(items []ResultItem) int {
	for d := 2; d < 4; d++ {
		seen := map[string]bool{}
		for _, it := range items {
			if it.Grade != nil && it.Topic == "" {
				seen[topicAt(*it.Grade, d)] = true
			}
		}
		if len(seen) != 1 {
			return d
		}
	}
	return 4
}

// topicAt is grader.Topic at depth d: the first d headings of the grade's
// best reference.
func topicAt(g grader.Grade, d int) string {
	if len(g.References) == 0 {
		return ""
	}
	hp := g.References[0].HeadingPath
	if len(hp) == 0 {
		return g.References[0].Note
	}
	return strings.Join(hp[:min(d, len(hp))], " > ")
}

func summarize(b store.Batch, items []ResultItem) Summary {
	s := Summary{Items: len(items), Verdicts: map[string]int{}, Topics: []TopicScore{}, Weakest: []WeakPoint{}, Finished: b.FinishedAt != nil}
	depth := topicDepth(items)
	topics := map[string]*TopicScore{}
	weak := map[string]*WeakPoint{}
	total := 0
	for _, it := range items {
		switch {
		case it.State == "failed":
			s.Failed++
			continue
		case it.Grade == nil:
			s.Pending++
			continue
		}
		g := it.Grade
		s.Graded++
		score := g.Score
		if it.CallScore != nil {
			score = *it.CallScore // the candidate's calls stand
		}
		total += score
		s.Verdicts[g.Verdict]++
		topic := it.Topic
		if topic == "" {
			topic = topicAt(*g, depth)
		}
		ts := topics[topic]
		if ts == nil {
			ts = &TopicScore{Topic: topic}
			topics[topic] = ts
		}
		ts.Items++
		ts.MeanScore += float64(score)
		for pi, p := range g.Points {
			if call, ok := it.Calls[pi]; ok {
				p.Status = call
			}
			if p.Status != grader.Missed && p.Status != grader.Incorrect {
				continue
			}
			key := p.Citation.ChunkID + "\x00" + p.Text
			w := weak[key]
			if w == nil {
				w = &WeakPoint{Point: p.Text, Note: p.Citation.Note, Heading: p.Citation.HeadingPath, ChunkID: p.Citation.ChunkID, Passage: p.Citation.Text}
				weak[key] = w
			}
			if p.Status == grader.Incorrect {
				w.Incorrect++
			} else {
				w.Missed++
			}
			if !slices.Contains(w.Lines, it.Line) {
				w.Lines = append(w.Lines, it.Line)
			}
		}
	}
	if s.Graded > 0 {
		s.MeanScore = round1(float64(total) / float64(s.Graded))
	}
	for _, ts := range topics {
		ts.MeanScore = round1(ts.MeanScore / float64(ts.Items))
		s.Topics = append(s.Topics, *ts)
	}
	slices.SortFunc(s.Topics, func(a, b TopicScore) int {
		return cmp.Or(cmp.Compare(a.MeanScore, b.MeanScore), strings.Compare(a.Topic, b.Topic))
	})
	for _, w := range weak {
		s.Weakest = append(s.Weakest, *w)
	}
	// A contradiction is worse than an omission; then how often; then notes order.
	slices.SortFunc(s.Weakest, func(a, b WeakPoint) int {
		return cmp.Or(cmp.Compare(2*b.Incorrect+b.Missed, 2*a.Incorrect+a.Missed), cmp.Compare(a.Lines[0], b.Lines[0]), strings.Compare(a.Point, b.Point))
	})
	if len(s.Weakest) > maxWeakest {
		s.Weakest = s.Weakest[:maxWeakest]
	}
	return s
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
