package grader

import (
	"strconv"
	"strings"

	"grader/token"
)

// Changed numbers. "5단계로 캡슐화" against notes' "7단계로 캡슐화", "TCP 23번"
// against "TCP 22포트": a number with its unit that the notes give
// differently in the line the answer restates. valueConflicts needs the
// number bound to a named entity; here it is enough that the answer sentence
// restates the line (two content words in common besides the number) and
// that the notes nowhere give the answer's number with that unit.

// measure is a number with what it counts.
type measure struct {
	class, value string
}

func measuresOf(ts []term) []measure {
	var out []measure
	for i, t := range ts {
		if t.kind == token.Number {
			if class, value, _, ok := numberValue(ts, i); ok {
				if days, ok := durationDays[strings.TrimPrefix(class, "num:")]; ok {
					// 2~4주 and 2~3개월 are both durations: compare them in days.
					if n, err := strconv.Atoi(value); err == nil {
						out = append(out, measure{"duration", strconv.Itoa(n * days)})
						continue
					}
				}
				if classes(ts, i, value) != "" {
					// "세 가지 클래스로 분류" against "이진 분류"
					out = append(out, measure{"mode:classes", classes(ts, i, value)})
					continue
				}
				m := measure{unitFamily(class), value}
				if m.class == "layer" {
					m.value = strings.TrimPrefix(m.value, "l") // 7단계, 7 layer, L7
				}
				out = append(out, m)
			}
			continue
		}
		if len(t.key) == 2 && t.key[0] == 'l' && t.key[1] >= '1' && t.key[1] <= '7' {
			out = append(out, measure{"layer", t.key[1:]})
		}
		if n := eachCount(ts, i); n != "" {
			out = append(out, measure{"each", n}) // "하나씩 옮겨가는" / "두 개씩 밀려나니까"
		}
		if n := multiplex(t); n != "" {
			out = append(out, measure{"multiplex", n}) // 이중화 / 삼중화
		}
		if m, ok := modes[t.key]; ok {
			out = append(out, measure{"mode:" + m[0], m[1]}) // 이진 분류 / 다중 분류
		}
		if quantifier(t) != "" {
			if class, value, _, ok := valueAt(ts, i); ok && strings.HasPrefix(class, "card:") {
				out = append(out, measure{class, value}) // 여러 서버 / 서버 한 대
			}
		}
	}
	return out
}

// classes reads a count of classes ("세 가지 클래스", "2개의 범주", "3 classes")
// as the classification mode it makes: two is binary, more is multi-class.
func classes(ts []term, i int, value string) string {
	// "긍정·부정·중립 세 가지를 가르는 분류": kinds counted, then the
	// classifying a few words on
	if i+1 < len(ts) && strings.HasPrefix(ts[i+1].text, "가지") && classifiedKinds(ts, i+1) {
		return classesOf(value)
	}
	for j := i + 1; j < len(ts) && j <= i+2; j++ {
		if classNoun(ts[j]) {
			return classesOf(value)
		}
	}
	return ""
}

// classesOf is the mode a count of classes makes.
func classesOf(value string) string {
	switch n, err := strconv.Atoi(value); {
	case err != nil || n < 2:
		return ""
	case n == 2:
		return "binary"
	default:
		return "multi"
	}
}

// classNoun tells a word for the classes of a classifier.
func classNoun(t term) bool {
	switch strings.ToLower(strings.TrimSuffix(token.StripParticles(t.text), "의")) {
	case "클래스", "범주", "카테고리", "라벨", "레이블", "class", "classes", "category", "categories", "label", "labels":
		return true
	}
	return false
}

// eachCount reads a distributive count ending in 씩 at i: "하나씩", "한
// 개씩", "두 개씩", "2개씩" (how many at a time), or "".
func eachCount(ts []term, i int) string {
	w := ts[i].text
	if !strings.HasSuffix(w, "씩") {
		return ""
	}
	if w == "하나씩" || w == "한개씩" {
		return "1"
	}
	if (w == "개씩" || w == "씩") && i > 0 {
		switch p := ts[i-1]; {
		case p.kind == token.Number:
			return p.key
		case p.text == "한":
			return "1"
		case nativeNumerals[p.text] != "":
			return nativeNumerals[p.text] // "두 개씩"
		}
	}
	if rest := strings.TrimSuffix(w, "개씩"); rest != w && rest != "" {
		if n, ok := nativeNumerals[rest]; ok {
			return n // "두개씩"
		}
	}
	return ""
}

// multiplex reads how many copies a word says: 이중화 (the glossary's
// redundancy) 2, 삼중화 3, 사중화 4.
func multiplex(t term) string {
	if strings.HasPrefix(t.key, "redund") {
		return "2"
	}
	for prefix, n := range map[string]string{"단일": "1", "이중": "2", "삼중": "3", "사중": "4"} {
		if t.kind == token.Hangul && strings.HasPrefix(t.text, prefix+"화") {
			return n
		}
	}
	return ""
}

// durationDays converts time units to days.
var durationDays = map[string]int{
	"일": 1, "일간": 1, "주": 7, "주간": 7, "주일": 7, "개월": 30, "개월간": 30, "달": 30, "년": 365, "년간": 365,
	"day": 1, "week": 7, "month": 30, "year": 365,
}

// unitFamily merges units that count the same thing: 단계 and 계층 (the
// OSI layers), 번 and 포트.
func unitFamily(class string) string {
	switch class {
	case "num:단계", "num:계층", "num:층", "num:layer", "layer":
		return "layer"
	case "num:번", "num:포트", "num:port", "port":
		return "port"
	}
	return class
}

func numberConflicts(pr *prepared, ans *answerAnalysis) []conflict {
	notesHas := map[measure]bool{}
	for _, line := range pr.lines {
		for _, m := range measuresOf(pr.analysisOf(line).terms) {
			notesHas[m] = true
		}
	}
	var out []conflict
	seen := map[int]bool{}
	for si, s := range ans.sents {
		var am []measure
		for _, c := range s.clauses {
			if !deniesItself(c) {
				am = append(am, measuresOf(c.terms)...)
			}
		}
		if len(am) == 0 {
			continue
		}
		for pi, p := range pr.points {
			if seen[pi] {
				continue
			}
			pt := pr.analysisOf(p.kp.Text).terms
			pm := measuresOf(pt)
			if len(pm) == 0 {
				continue
			}
			shared := sharedContent(s.bag, pt, pr, "")
			for _, a := range am {
				// A count is bound to its noun on both sides ("서버 한 대" /
				// "여러 개의 서버"): one more word in common is enough.
				need := 2
				if strings.HasPrefix(a.class, "card:") || a.class == "duration" || strings.HasPrefix(a.class, "mode:") {
					// a span too: "30여년의 연혁" / "10년 남짓한 연혁"; and a
					// mode, one concept's closed set of values (이진 분류)
					need = 1
				}
				if namesItsNoun(a.class) {
					// "302 리다이렉션" / "301-redirection": the number names
					// the thing itself, which is all the binding there is
					// (the question usually asks for it, so its words do
					// not count as shared).
					need = 0
				}
				if notesHas[a] || shared < need {
					continue
				}
				for _, n := range pm {
					if n.class == a.class && n.value != a.value {
						seen[pi] = true
						said, noted := a.value, n.value
						if strings.HasPrefix(a.class, "mode:") {
							said = modeWord(s.an.terms, a)
						}
						if a.class == "duration" { // compared in days, quoted as said
							said, noted = spanWord(s.an.terms, a), spanWord(pt, n)
						}
						out = append(out, conflict{point: pi, sent: si, subject: p.subject, class: a.class,
							notes: []string{noted}, answer: []string{said}, clause: p.kp.Text})
					}
				}
			}
		}
	}
	return out
}

// namesItsNoun tells a class read from the content word right after a
// number ("301-redirection", "302 리다이렉션", "3 tier"), not from a counter
// (개, 번, 년) that counts anything.
func namesItsNoun(class string) bool {
	u, ok := strings.CutPrefix(class, "num:")
	if !ok || unitWords[u] || u == "가지" {
		return false
	}
	_, isSpan := durationDays[u]
	return !isSpan && unitFamily(class) == class
}

// spanWord is how a text says a duration it states ("10년", "2~4주"), to
// quote it: the number and its unit.
func spanWord(ts []term, m measure) string {
	for i, t := range ts {
		if t.kind != token.Number {
			continue
		}
		for _, got := range measuresOf(ts[i : i+1+min(2, len(ts)-i-1)]) {
			if got != m {
				continue
			}
			from := ""
			if i > 0 && ts[i-1].kind == token.Number && strings.Contains(ts[i].gap, "~") {
				from = ts[i-1].text + "~" // "2~4주": the range as written
			}
			if class, value, _, ok := numberValue(ts, i); ok {
				return from + value + strings.TrimSuffix(strings.TrimPrefix(class, "num:"), "간")
			}
		}
	}
	return m.value
}

// modeWord is the answer's words for a mode ("다중 분류"), to quote them:
// the mode word and the noun after it.
func modeWord(ts []term, m measure) string {
	for i, t := range ts {
		if v, ok := modes[t.key]; ok && "mode:"+v[0] == m.class && v[1] == m.value {
			if i+1 < len(ts) && ts[i+1].kind == token.Hangul && ts[i+1].gap == " " {
				return t.text + " " + token.StripParticles(ts[i+1].text)
			}
			return t.text
		}
	}
	return m.value
}

// sharedContent counts a line's content words an answer sentence also has,
// numbers, question words and except aside.
func sharedContent(sent bag, line []term, pr *prepared, except string) int {
	n := 0
	seen := map[string]bool{}
	for _, t := range line {
		if t.key == "" || t.key == except || seen[t.key] || t.kind == token.Number || pr.qbag.match(t) >= 0.5 || strings.HasPrefix(t.key, "opt:") {
			continue
		}
		seen[t.key] = true
		if sent.match(t) >= 0.8 {
			n++
		}
	}
	return n
}
