package grader

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"grader/token"
)

const (
	maxFollowups     = 3
	maxModelSentence = 5
)

// OfflineFollowups returns two or three interviewer-style questions grounded
// in the notes, in lang ("ko" or "en"): first about the points the answer got
// wrong, missed or only touched (naming the point's subject and key terms),
// then one level deeper (a sub-topic or sibling topic of the cited passages)
// when the answer left nothing out. g.Points must parallel r.Points.
func OfflineFollowups(r Rubric, g Grade, lang string) []string {
	return followups(r, g, lang, nil)
}

// followups is OfflineFollowups with the judge's glossary for naming terms.
func followups(r Rubric, g Grade, lang string, gl *token.Glossary) []string {
	fb := followupBuilder{lang: lang, gl: gl, q: newBag(analyze(r.Question, gl)), seen: map[string]bool{}, df: map[string]int{}}
	for _, kp := range r.Points {
		for k := range analyze(kp.Text, gl).keySet() {
			fb.df[k]++
		}
	}
	for _, i := range gapOrder(r, g) {
		fb.addPoint(r.Points[i], statusOf(g, i))
		if len(fb.out) >= maxFollowups-1 {
			break
		}
	}
	if len(fb.out) < maxFollowups {
		fb.addDeeper(r)
	}
	for i := 0; len(fb.out) < 2 && i < len(r.Points); i++ {
		fb.addPoint(r.Points[i], Covered)
	}
	if len(fb.out) > maxFollowups {
		fb.out = fb.out[:maxFollowups]
	}
	if fb.out == nil {
		return []string{}
	}
	return fb.out
}

func statusOf(g Grade, i int) Status {
	if i < len(g.Points) {
		return g.Points[i].Status
	}
	return Missed
}

// gapOrder lists the points worth asking about: incorrect, then missed, then
// partial, each heaviest first.
func gapOrder(r Rubric, g Grade) []int {
	rank := map[Status]int{Incorrect: 0, Missed: 1, Partial: 2}
	var idx []int
	for i := range r.Points {
		if _, ok := rank[statusOf(g, i)]; ok {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ra, rb := rank[statusOf(g, idx[a])], rank[statusOf(g, idx[b])]
		if ra != rb {
			return ra < rb
		}
		return r.Points[idx[a]].Weight > r.Points[idx[b]].Weight
	})
	return idx
}

type followupBuilder struct {
	lang string
	gl   *token.Glossary
	q    bag
	seen map[string]bool // topics already asked about
	df   map[string]int  // in how many points a term occurs: rarer terms tell the point apart
	out  []string
}

func (fb *followupBuilder) add(topic, question string) {
	if question == "" || fb.seen[topic] {
		return
	}
	fb.seen[topic] = true
	fb.out = append(fb.out, question)
}

// addPoint asks about one point: its subject and the class of fact it states
// (a layer, a port) when it has one, else its two most telling terms.
func (fb *followupBuilder) addPoint(kp KeyPoint, st Status) {
	subj := pointSubject(kp)
	an := analyze(kp.Text, fb.gl)
	terms := fb.keyTerms(kp.Text, an, subj)
	class := pointClass(an)
	topic := subj + "|" + class
	if subj == "" {
		topic = strings.Join(terms, "|")
	}
	fb.add(topic, fb.pointQuestion(subj, class, terms, st))
}

func pointClass(a analysis) string {
	for _, c := range clausesOf(a) {
		for i := range c.terms {
			if class, _, _, ok := valueAt(c.terms, i); ok {
				if class == "layer" || class == "port" || class == "protocol" {
					return class
				}
			}
		}
	}
	return ""
}

func (fb *followupBuilder) pointQuestion(subj, class string, terms []string, st Status) string {
	ko := fb.lang == "ko"
	t1, t2 := "", ""
	if len(terms) > 0 {
		t1 = terms[0]
	}
	if len(terms) > 1 {
		t2 = terms[1]
	}
	switch {
	case subj != "" && class == "layer":
		if ko {
			return fmt.Sprintf("%s%s OSI 몇 계층에서 동작하고, 그래서 무엇을 기준으로 처리하나요?", subj, josa(subj, "은", "는"))
		}
		return fmt.Sprintf("At which OSI layer does %s operate, and what does that let it look at?", subj)
	case subj != "" && (class == "port" || class == "protocol"):
		if ko {
			return fmt.Sprintf("%s에서는 어떤 프로토콜과 포트를 다루고, 왜 그런가요?", subj)
		}
		return fmt.Sprintf("Which protocols and ports does %s deal with, and why?", subj)
	case subj != "" && t1 != "" && t2 != "":
		if ko {
			return fmt.Sprintf("%s에서 %s%s %s%s 어떤 관계인가요?", subj, t1, josa(t1, "과", "와"), t2, josa(t2, "은", "는"))
		}
		return fmt.Sprintf("In %s, how do %s and %s relate?", subj, t1, t2)
	case subj != "" && t1 != "":
		if ko {
			return fmt.Sprintf("%s%s %s 측면에서 어떤 역할을 하나요?", subj, josa(subj, "은", "는"), t1)
		}
		return fmt.Sprintf("What role does %s play with respect to %s?", subj, t1)
	case t1 != "" && t2 != "":
		if ko {
			return fmt.Sprintf("%s%s %s의 관계를 설명해 주시겠어요?", t1, josa(t1, "과", "와"), t2)
		}
		return fmt.Sprintf("Could you explain how %s and %s are related?", t1, t2)
	case t1 != "":
		if ko {
			return fmt.Sprintf("%s에 대해 조금 더 구체적으로 설명해 주시겠어요?", t1)
		}
		return fmt.Sprintf("Could you say more about %s?", t1)
	}
	return ""
}

// keyTerms picks a point's most telling words for a question: content words
// not in the question nor the subject, longest first, rendered in lang where
// the glossary knows them (서버 ↔ server).
func (fb *followupBuilder) keyTerms(text string, an analysis, subj string) []string {
	subjKeys := analyze(subj, fb.gl).keySet()
	nm := namer{g: fb.gl}
	type cand struct {
		s     string
		score int
		order int
	}
	var cs []cand
	seen := map[string]bool{}
	for i, t := range an.terms {
		if t.key == "" || subjKeys[t.key] || seen[t.key] || fb.q.match(t) >= 0.5 || t.kind == token.Number || !nounLike(t) {
			continue
		}
		seen[t.key] = true
		s := fb.display(t, nm, text)
		if s == "" {
			continue
		}
		bonus := 0 // named concepts first: glossary and Latin terms, then nouns with a case particle
		switch {
		case t.kind == token.Latin:
			bonus = 3
		case t.text != t.key:
			bonus = 2
		}
		cs = append(cs, cand{s, utf8.RuneCountInString(s) + bonus - 4*fb.df[t.key], i})
	}
	sort.SliceStable(cs, func(a, b int) bool { return cs[a].score > cs[b].score })
	if len(cs) > 2 {
		cs = cs[:2]
	}
	// back in text order, so "A와 B" follows the notes
	sort.SliceStable(cs, func(a, b int) bool { return cs[a].order < cs[b].order })
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.s
	}
	return out
}

// nounLike keeps terms that can be named in a question: Latin words and
// glossary terms, Hangul nouns with a case particle (정보를, 서버에서) or
// bare, not verb forms (시켜주어야, 일어나는, 동작하므로).
func nounLike(t term) bool {
	if t.kind != token.Hangul {
		return !strings.HasPrefix(t.key, "opt:")
	}
	if genericNouns[t.key] || quantifier(t) != "" {
		return false
	}
	if t.text == t.key {
		r, _ := utf8.DecodeLastRuneInString(t.key)
		return !strings.ContainsRune("야어아게고며면지다요니음함됨록는은한된할", r)
	}
	return caseParticles[strings.TrimPrefix(t.text, t.key)]
}

// genericNouns name no concept of their own: a question about them asks nothing.
var genericNouns = map[string]bool{
	"특정": true, "경우": true, "방법": true, "과정": true, "기능": true, "역할": true, "사용": true, "이용": true, "각기": true,
	"부분": true, "내용": true, "정도": true, "다음": true, "이후": true, "이전": true, "상태": true, "필요": true, "가능": true,
}

var caseParticles = map[string]bool{
	"을": true, "를": true, "이": true, "가": true, "의": true, "에": true, "에서": true, "으로": true, "로": true,
	"와": true, "과": true, "도": true, "만": true, "까지": true, "부터": true, "에는": true, "에서는": true, "으로는": true,
	"이나": true, "처럼": true, "보다": true, "들": true, "들을": true, "들이": true, "들의": true,
}

// display renders a term for a question in fb.lang; a Korean word in an
// English question (or back) is kept only when the glossary can translate it.
func (fb *followupBuilder) display(t term, nm namer, original string) string {
	if fb.gl != nil && len(fb.gl.Aliases(t.text)) > 0 { // a glossary term: say it in fb.lang
		return nm.term(t.text, fb.lang)
	}
	switch {
	case t.kind == token.Hangul && fb.lang == "ko":
		return t.key
	case t.kind == token.Latin:
		return originalCase(t.text, original) // Latin terms read fine in a Korean question too
	}
	return ""
}

// originalCase spells a lower-cased word as the notes do (HTTP, Backend).
func originalCase(w, original string) string {
	i := strings.Index(strings.ToLower(original), w)
	if i < 0 || len(strings.ToLower(original)) != len(original) {
		return w
	}
	return original[i : i+len(w)]
}

// addDeeper asks one level deeper: about a sub-topic label inside the cited
// passages, or the difference between sibling topics.
func (fb *followupBuilder) addDeeper(r Rubric) {
	var labels []string
	parent := ""
	for _, p := range r.Passages {
		if len(p.HeadingPath) > 0 && parent == "" {
			parent = subjectHead(p.HeadingPath[len(p.HeadingPath)-1])
		}
		for _, l := range passageLabels(p.Text) {
			if h := subjectHead(l); h != "" && !containsString(labels, h) {
				labels = append(labels, h)
			}
		}
	}
	ko := fb.lang == "ko"
	if len(labels) >= 2 {
		a, b := labels[0], labels[1]
		if ko {
			fb.add("sib|"+a+"|"+b, fmt.Sprintf("%s%s %s의 차이는 무엇이고, 각각 언제 선택하나요?", a, josa(a, "과", "와"), b))
		} else {
			fb.add("sib|"+a+"|"+b, fmt.Sprintf("How does %s differ from %s, and when would you choose each?", a, b))
		}
	}
	for _, l := range labels {
		if len(fb.out) >= maxFollowups || parent == "" || l == parent {
			break
		}
		if ko {
			fb.add("child|"+l, fmt.Sprintf("%s에서 %s%s 어떤 역할을 하나요?", parent, l, josa(l, "은", "는")))
		} else {
			fb.add("child|"+l, fmt.Sprintf("What role does %s play in %s?", l, parent))
		}
	}
}

// passageLabels returns the outline labels inside a passage ("ALB", "NLB"
// under "ALB NLB"; sub-headings).
func passageLabels(md string) []string {
	lines := parseLines(md)
	var out []string
	for i := range lines {
		if isLabel(lines, i) {
			out = append(out, lines[i].text)
		}
	}
	return out
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

var reSubjectPrefix = regexp.MustCompile(`^([^:：]{1,40}?)\s*[:：]\s+`)

// ModelAnswer builds a short answer from the top-weighted key points, in notes
// order, at most five sentences of the notes' own text.
func ModelAnswer(r Rubric) string {
	idx := make([]int, len(r.Points))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return r.Points[idx[a]].Weight > r.Points[idx[b]].Weight })
	if len(idx) > maxModelSentence {
		idx = idx[:maxModelSentence]
	}
	sort.Ints(idx)
	parts := make([]string, 0, len(idx))
	prevSubject := ""
	for _, i := range idx {
		t := strings.TrimSpace(r.Points[i].Text)
		// "ALB: a. ALB: b." reads "ALB: a. b.": name the subject once
		if m := reSubjectPrefix.FindStringSubmatch(t); m != nil {
			if m[1] == prevSubject {
				t = strings.TrimPrefix(t, m[0])
			}
			prevSubject = m[1]
		} else {
			prevSubject = ""
		}
		if !strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "?") && !strings.HasSuffix(t, "!") {
			t += "."
		}
		parts = append(parts, t)
	}
	return strings.Join(parts, " ")
}
