package batch

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"grader/grader"
)

// The report is one self-contained HTML file: inline CSS and SVG, nothing
// fetched, so that it opens offline, in a mail, years later.
//
//go:embed report.html.tmpl
var reportSource string

var reportTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"join":  strings.Join,
	"width": func(x float64) float64 { return 3.2 * x }, // 100 points = 320 px
	"y":     func(i int) int { return 8 + 26*i },
	"h":     func(n int) int { return 16 + 26*n },
	"add":   func(a, b int) int { return a + b },
	"class": func(s grader.Status) string { return string(s) },
	// a chunk's blank lines between bullets take half the report
	"compact": func(s string) string {
		var keep []string
		for _, l := range strings.Split(s, "\n") {
			if strings.TrimSpace(l) != "" {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	},
}).Parse(reportSource))

// reportWords are the report's words in the candidate's language.
var reportWords = map[string]map[string]string{
	"en": {
		"title": "Self-assessment", "overall": "Overall", "graded": "graded", "of": "of", "notGraded": "not graded",
		"byTopic": "Scores by topic, weakest first", "study": "Study these passages", "missed": "missed", "wrong": "wrong",
		"lines": "answers on lines", "items": "Every answer", "line": "line", "answer": "Your answer", "points": "Key points",
		"followups": "Follow-up questions", "unsupported": "Not backed by your notes", "model": "Model answer", "reason": "why",
		"covered": "covered", "partial": "partial", "incorrect": "incorrect", "nothing": "Nothing missed or wrong: well done.", "yourCall": "your call",
	},
	"ko": {
		"title": "자기 평가", "overall": "전체", "graded": "채점", "of": "/", "notGraded": "채점 못 함",
		"byTopic": "주제별 점수 (약한 순)", "study": "다시 볼 부분", "missed": "빠뜨림", "wrong": "틀림",
		"lines": "해당 답변 줄", "items": "모든 답변", "line": "줄", "answer": "내 답변", "points": "핵심 포인트",
		"followups": "꼬리 질문", "unsupported": "노트에 근거가 없는 문장", "model": "모범 답안", "reason": "이유",
		"covered": "다룸", "partial": "일부", "incorrect": "틀림", "nothing": "빠뜨리거나 틀린 부분이 없습니다.", "yourCall": "내 판단",
	},
}

type reportData struct {
	Res     Result
	Source  string
	Created string
	W       map[string]string
	Lang    string
}

// WriteReport writes the batch's HTML report. The words are in the language
// most answers were given in.
func WriteReport(w io.Writer, res Result) error {
	ko := 0
	for _, it := range res.Items {
		if it.Grade != nil && it.Grade.Language == "ko" {
			ko++
		}
	}
	lang := "en"
	if 2*ko >= res.Summary.Graded && ko > 0 {
		lang = "ko"
	}
	d := reportData{Res: res, Source: res.Source, Created: res.CreatedAt.Local().Format("2006-01-02 15:04"), W: reportWords[lang], Lang: lang}
	if err := reportTmpl.Execute(w, d); err != nil {
		return fmt.Errorf("write the report: %w", err)
	}
	return nil
}
