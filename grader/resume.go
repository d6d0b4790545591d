package grader

import (
	"fmt"
	"slices"
	"strings"

	"grader/notes"
)

// What an interviewer asks once a concept is answered well and the
// candidate's own notes put it in one of their projects: how they used it
// there ("'IaC 기반 인프라 자동화 구축' 프로젝트에서 EFS를 다루셨던데, 그때는
// 어떻게 구성하셨고, 왜 그렇게 하셨나요?"). The notes' project sections are
// the candidate's résumé; the question moves from the textbook to their
// work, the way an interview does, and the notes hold what to answer.

// askProjectUse asks how the candidate used, in a project of their notes,
// a thing the graded section is about and the answer spoke of.
func (fb *followupBuilder) askProjectUse(r Rubric, g Grade) {
	if coveredShare(g) < 0.5 || len(splitSentences(fb.answer)) < 2 || slices.ContainsFunc(g.Points, func(p Point) bool { return p.Status == Incorrect }) {
		// moving on to the candidate's work takes the answer as right and
		// whole: after a thin answer it jumps past what it left out, after
		// a wrong one it carries on as if it were right (round 20's
		// readings of the other kinds that move on)
		return
	}
	if slices.ContainsFunc(splitSentences(fb.answer), contrasts) {
		// a claim set against something ("다만 헤더만 보고 URL path는
		// 들여다보지 않기 때문에", "S3는 오히려 파일이 자주 바뀌는 경우에")
		// is where a wrong answer the judge missed says its error: two of
		// three project questions a reader found carrying on
		return
	}
	if aboutProject(r) || askedOfExperience(r.Question) || namesProject(fb.answer) {
		return // a project asked or told of already
	}
	if slices.ContainsFunc(r.Passages, func(p notes.Passage) bool { return companyPath(p.HeadingPath) }) {
		return
	}
	for _, name := range fb.projectNames(r) {
		for _, p := range r.Backing {
			title := projectTitle(p.HeadingPath)
			if title == "" || !fb.mentions(p, name) {
				continue
			}
			if fb.ko() {
				fb.add("used|"+name, fmt.Sprintf("'%s' 프로젝트에서 %s%s 다루셨던데, 그때는 어떻게 구성하셨고, 왜 그렇게 하셨나요?", title, name, josa(name, "을", "를")))
			} else {
				fb.add("used|"+name, fmt.Sprintf("Your notes have %s in the '%s' project: how did you set it up there, and why that way?", name, title))
			}
			return
		}
	}
}

// projectNames are the names, in Latin letters, of the things the graded
// section is about that the answer said: its heading's words and its
// points' subjects, in the notes' order.
func (fb *followupBuilder) projectNames(r Rubric) []string {
	var out []string
	said := fb.question + " " + fb.answer
	add := func(name string) {
		name = strings.Trim(name, "()[]{},.:")
		// a name as the candidate or the interviewer writes it, capitalised
		// (ALB, Terraform): not a common word the glossary spells in
		// Latin letters (네트워크 → network), nor the notes' title over
		// everything (AWS)
		if name == "" || len(strings.Fields(name)) > 2 || !strings.Contains(said, name) || name[0] < 'A' || name[0] > 'Z' || slices.Contains(out, name) {
			return
		}
		for _, p := range r.Passages {
			if len(p.HeadingPath) > 0 && strings.EqualFold(cleanHeading(p.HeadingPath[0]), name) {
				return
			}
		}
		if !fb.said.hasAll(analyze(name, fb.gl)) {
			return
		}
		out = append(out, name)
	}
	for _, p := range r.Passages {
		if n := len(p.HeadingPath); n > 0 {
			for _, w := range strings.Fields(cleanHeading(p.HeadingPath[n-1])) {
				add(asAsked(topicName(w, fb.gl), fb.question+" "+fb.answer))
			}
		}
	}
	for _, kp := range r.Points {
		add(asAsked(topicName(pointSubject(kp), fb.gl), fb.question+" "+fb.answer))
	}
	// the thing the answer speaks of first: the one it chose ("EFS로
	// 바꾸겠습니다"), before those it sets beside it
	at := func(name string) int {
		if i := strings.Index(fb.answer, name); i >= 0 {
			return i
		}
		return len(fb.answer)
	}
	slices.SortStableFunc(out, func(a, b string) int { return at(a) - at(b) })
	return out
}

// mentions tells a project passage that names the thing as a word of
// its own text (not of its heading: "DNS" under the WordPress project is
// the section's name, asked by that section).
func (fb *followupBuilder) mentions(p notes.Passage, name string) bool {
	text := newBag(analyze(p.Text, fb.gl))
	return text.hasAll(analyze(name, fb.gl))
}

// projectTitle is the title of the project a heading path runs through
// ("Infrastructure as Code (IaC) 기반 인프라 자동화 구축" under "프로젝트 기반
// 질문"), or "" for a path through no project.
func projectTitle(path []string) string {
	if i := slices.IndexFunc(path, namesProject); i >= 0 && i+1 < len(path) {
		return cleanHeading(path[i+1])
	}
	return "" // no project, or the list of projects itself
}
