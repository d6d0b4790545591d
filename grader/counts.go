package grader

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"grader/token"
)

// Counts of a list. Notes give the stages of a toolchain as seven named
// lines ("계획 - 요구사항 정의", …, "모니터링 - …") without writing "7"; an
// answer that says "툴체인은 여섯 단계로 나눕니다" miscounts them. The count
// is the answer's number before a counter of steps or kinds (단계, 가지, 개,
// step), said of the list: in a sentence that names the list's heading, or
// to a question that asks how many (몇).

// itemList is a list the section gives and the heading it sits under.
type itemList struct {
	items   []string
	heading []string
}

// stepCounters are the words that count the items of a list.
var stepCounters = []string{"단계", "가지", "개", "스텝", "step", "stage"}

// saidCounts are the numbers an answer sentence gives before a counter of
// steps or kinds, with the counter as said.
func saidCounts(ts []term) map[int]string {
	out := map[int]string{}
	for i := 0; i+1 < len(ts); i++ {
		if ts[i].kind != token.Number {
			continue
		}
		n, err := strconv.Atoi(ts[i].key)
		if err != nil {
			continue
		}
		for _, c := range stepCounters {
			if strings.HasPrefix(strings.ToLower(ts[i+1].text), c) {
				out[n] = c
			}
		}
	}
	return out
}

func countConflicts(pr *prepared, ans *answerAnalysis) []conflict {
	asksHowMany := false
	for _, t := range pr.question.terms {
		asksHowMany = asksHowMany || strings.HasPrefix(t.text, "몇")
	}
	asked := saidCounts(pr.question.terms)
	var out []conflict
	for _, l := range pr.lists {
		if len(l.heading) == 0 || len(l.items) < 3 {
			continue
		}
		head := pr.analysisOf(cleanHeading(l.heading[len(l.heading)-1]))
		pi := closestPoint(pr, strings.Join(l.items, " "))
		if pi < 0 {
			continue
		}
		for si, s := range ans.sents {
			if !asksHowMany && !s.bag.hasAny(head) {
				continue
			}
			said := saidCounts(s.an.terms)
			for n, counter := range said {
				if n == len(l.items) || n < 2 || len(said) > 1 || asked[n] != "" {
					// right, or no count of a list, or several counts said,
					// or the question's own ("세 단계면 충분하지 않냐" → "말씀하신 세 단계 말고도")
					continue
				}
				out = append(out, conflict{point: pi, sent: si, class: "count",
					notes:  []string{strconv.Itoa(len(l.items)), strings.Join(l.items, ", ")},
					answer: []string{strconv.Itoa(n) + counter}, clause: pr.points[pi].kp.Text})
				return out
			}
		}
	}
	return out
}

// countReason quotes the notes' list and the answer's count.
func countReason(c conflict, lang string) string {
	if lang == "ko" {
		return fmt.Sprintf("노트에는 %s개(%s)로 나와 있는데, 답변은 %s%s 합니다", c.notes[0], c.notes[1], c.answer[0], josa(c.answer[0], "이라고", "라고"))
	}
	return fmt.Sprintf("the notes list %s (%s); the answer says %s", c.notes[0], c.notes[1], c.answer[0])
}

// Inventories. "Ansible: 플레이북, 변수, 템플릿, 조건문, 반복문" lists what the
// topic has; no point is made of it (it states no fact), but "Ansible
// 플레이북에는 조건문이 없어서" denies an item of it all the same: a clause
// that negates an item, said of the topic the list sits under.

// inventoryItems are a bare list's items.
func inventoryItems(line string) []string {
	var out []string
	for _, it := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == '、' || r == '/' }) {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	return out
}

func inventoryConflicts(pr *prepared, ans *answerAnalysis) []conflict {
	var out []conflict
	for _, l := range pr.inventories {
		if len(l.heading) == 0 {
			continue
		}
		topic := pr.analysisOf(cleanHeading(l.heading[len(l.heading)-1]))
		items := map[string]string{}
		for _, it := range l.items {
			a := pr.analysisOf(it)
			if a.contentCount() == 1 {
				for _, t := range a.terms {
					if t.key != "" {
						items[t.key] = it
					}
				}
			}
		}
		for si, s := range ans.sents {
			if !s.bag.hasAny(topic) {
				continue
			}
			for _, c := range s.clauses {
				if c.conditional {
					continue
				}
				for _, p := range predicatesOf(c) {
					item, ok := items[p.key]
					if !ok || !p.negative {
						continue
					}
					pi := closestPoint(pr, strings.Join(l.items, " ")+" "+l.heading[len(l.heading)-1])
					if pi < 0 {
						continue
					}
					line := cleanHeading(l.heading[len(l.heading)-1]) + ": " + strings.Join(l.items, ", ")
					out = append(out, conflict{point: pi, sent: si, class: "inventory", polarity: true,
						notes: []string{item}, clause: line})
					return out
				}
			}
		}
	}
	return out
}

// inventoryReason quotes the list and the item the answer denies.
func inventoryReason(c conflict, n namer, lang string) string {
	q, item := n.phrase(c.clause, lang), c.notes[0]
	if lang == "ko" {
		return fmt.Sprintf("노트의 \"%s\"에는 %s%s 들어 있는데, 답변은 없다고 합니다", q, item, josa(item, "이", "가"))
	}
	return fmt.Sprintf("the notes list %s (\"%s\"); the answer says there is none", item, q)
}

// Drawbacks denied. A line under a 단점 heading names a drawback by its head
// ("콜드 스타트 지연 - 준비시간이 길다"); an answer clause that denies that
// very word ("첫 호출에도 지연이 거의 없고요") says the drawback is not there,
// however few of the line's other words it repeats.
func drawbackConflicts(pr *prepared, ans *answerAnalysis) []conflict {
	var out []conflict
	for pi, p := range pr.points {
		if !underDrawbacks(p.kp) {
			continue
		}
		head, _, _ := strings.Cut(stripLabel(p.kp.Text), " - ")
		headTerms := pr.analysisOf(head).terms
		if slices.ContainsFunc(headTerms, func(t term) bool { return t.neg || t.flip }) {
			// a drawback said negatively ("…많지 않아야 한다") is no noun
			// to deny; the gloss after a name may say what it is not
			// ("호환성 - 특정 클라우드 환경을 가리지 않는다")
			continue
		}
		keys := map[string]bool{}
		for _, t := range headTerms {
			// a direction (증가, 허용) is no drawback's name: "도입 비용이
			// 거의 안 듭니다" denies 증가 of cost, not of the line
			// "최초 아키텍트에 대한 복잡성이 증가" (polarityConflicts weighs
			// the whole clause)
			if t.key != "" && pr.qbag.match(t) < 0.5 && !isAntonymKey(t.key) {
				keys[t.key] = true
			}
		}
	sents:
		for si, s := range ans.sents {
			for _, c := range s.clauses {
				if c.conditional {
					continue
				}
				if !slices.ContainsFunc(c.terms, func(t term) bool { return t.neg }) {
					continue // denied in so many words (없다, 않다), not by an antonym
				}
				for _, pd := range predicatesOf(c) {
					if pd.negative && keys[pd.key] && !slices.ContainsFunc(c.terms, func(t term) bool { return t.key == pd.key && t.flip }) {
						out = append(out, conflict{point: pi, sent: si, subject: p.subject, class: "polarity", polarity: true, clause: p.kp.Text})
						break sents
					}
				}
			}
		}
	}
	return out
}

// underDrawbacks tells a point under a heading that lists a thing's
// properties by name: its drawbacks (단점), merits (장점) or features (특징),
// the section's own heading, or one the chunker folded into the section's
// text ("#### 단점" inside the "AWS Labmda" chunk). A merit's or a
// feature's name denied ("환경 간 호환성은 없다고" against "호환성 - 특정
// 클라우드 환경을 가리지 않는다") is denied as a drawback's is.
func underDrawbacks(kp KeyPoint) bool {
	named := func(h string) bool { return h == "단점" || h == "장점" || h == "특징" }
	hp := kp.Passage.HeadingPath
	if len(hp) > 0 && named(cleanHeading(hp[len(hp)-1])) {
		return true
	}
	body := strings.TrimSpace(stripLabel(kp.Text))
	if body == "" {
		return false
	}
	heading := ""
	for _, l := range strings.Split(kp.Passage.Text, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "#") {
			heading = cleanHeading(strings.TrimLeft(t, "# "))
			continue
		}
		if t != "" && strings.Contains(body, strings.TrimSpace(strings.TrimLeft(t, "-*+ "))) {
			return named(heading)
		}
	}
	return false
}

// Kept apart what the notes join. "인프라와 애플리케이션 배포를 통합해 관리"
// against "인프라는 따로 관리해야": an answer clause that manages apart (따로,
// 별도로) one of the things a notes clause joins (통합), with the same verb.
func apartConflicts(pr *prepared, ans *answerAnalysis) []conflict {
	var out []conflict
	for pi, p := range pr.points {
		for _, pc := range p.clauses {
			if !slices.ContainsFunc(pc.terms, func(t term) bool { return t.key == "integrate" && !t.flip && !t.neg }) {
				continue
			}
			joined := map[string]bool{}
			for _, t := range pc.terms {
				if t.key != "" && t.key != "integrate" && pr.qbag.match(t) < 0.5 {
					joined[t.key] = true
				}
			}
			for si, s := range ans.sents {
				for _, ac := range s.clauses {
					if ac.conditional || !slices.ContainsFunc(ac.terms, apart) || slices.ContainsFunc(ac.terms, func(t term) bool { return t.neg }) {
						// "따로 가져가지 않고 통합해서": apart denied is joined
						continue
					}
					n := 0
					for _, t := range ac.terms {
						if joined[t.key] {
							n++
						}
					}
					if n >= 2 {
						out = append(out, conflict{point: pi, sent: si, subject: p.subject, class: "polarity", polarity: true, clause: joinedPart(p.kp.Text)})
						return out
					}
				}
			}
		}
	}
	return out
}

// apart tells 따로, 별도로, 분리해: managed apart.
func apart(t term) bool {
	for _, w := range []string{"따로", "별도", "분리"} {
		if strings.HasPrefix(t.text, w) {
			return true
		}
	}
	return false
}

// joinedPart is the clause of a line that says what it joins, to quote:
// "…안정적인 배포를 보장할 수 있으며, 인프라와 애플리케이션 배포를 통합해
// 관리." → "인프라와 애플리케이션 배포를 통합해 관리."
func joinedPart(line string) string {
	i := strings.Index(line, "통합")
	if i < 0 {
		return line
	}
	if j := strings.LastIndex(line[:i], ", "); j >= 0 {
		return line[j+2:]
	}
	return line
}
