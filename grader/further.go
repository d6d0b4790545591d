package grader

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"grader/token"
)

// What an interviewer asks after a right answer that stopped short: the
// rest of a list the answer began ("비용 말고 다른 어려운 점도 있을까요?").

// listNouns are the nouns a question uses to ask for items of a list the
// notes keep under one heading (its merits, drawbacks, reasons).
var listNouns = []string{"장점", "단점", "한계", "이점", "이득", "이유", "효과", "문제점", "어려움", "차이점", "특징", "advantages", "benefits", "drawbacks", "disadvantages", "limitations", "limits", "reasons"}

// flowNoun stands for a question that asks for steps (흐름, 단계, 순서).
const flowNoun = "단계"

// askedListNoun is the noun by which the question asks for a list ("어려운
// 점은 뭐라고 보세요?" → "어려운 점", "어떤 점이 좋을까요?" → "좋은 점"),
// or "". Only the question's own noun: a question that asks one thing
// ("왜 유리할까요?") is not asked for more of a list the notes keep.
func askedListNoun(question string) string {
	fs := strings.Fields(question)
	for _, f := range fs {
		// "흐름대로", "단계는", "어떤 순서로": the steps of a procedure
		for _, k := range []string{"흐름", "단계", "순서", "경로", "과정"} {
			if strings.HasPrefix(f, k) {
				return flowNoun
			}
		}
	}
	for i, f := range fs {
		w := strings.TrimRight(f, "?.,!")
		stem := token.StripParticles(w)
		if utf8.RuneCountInString(w) <= 2 {
			stem = strings.TrimRight(w, "은는이가을를도")
		}
		lw := strings.ToLower(stem)
		if slices.Contains(listNouns, lw) {
			return lw
		}
		if (w == "뭘" || w == "무엇을") && i+1 < len(fs) && questionWords(question) == 1 {
			// "뭘 확인하시겠어요?" → "확인할 것": what else to do, a list too
			if n := doneNoun(fs[i+1]); n != "" {
				return n + "할 것"
			}
		}
		if stem == "점" && i > 0 {
			prev := fs[i-1]
			switch {
			case prev == "어떤" || prev == "무슨":
				if strings.Contains(question, "좋") {
					return "좋은 점"
				}
			case strings.HasSuffix(prev, "운") || strings.HasSuffix(prev, "은") || strings.HasSuffix(prev, "는") || strings.HasSuffix(prev, "한"):
				return prev + " 점" // 어려운 점, 좋은 점, 아쉬운 점
			}
		}
	}
	return ""
}

// sameList tells two points of one list in the notes: one note, one
// heading, one label.
func sameList(a, b KeyPoint) bool {
	la, _ := splitLabel(a.Text)
	lb, _ := splitLabel(b.Text)
	return a.Passage.Note == b.Passage.Note && slices.Equal(a.Passage.HeadingPath, b.Passage.HeadingPath) && la == lb
}

// askOthers asks for the rest of a list the answer began: the question asks
// for its items by a list noun, the answer reached one of them and the notes
// list more under the same heading that it missed. The question names no
// item, so it gives none of the missed ones away.
func (fb *followupBuilder) askOthers(r Rubric, g Grade) {
	noun := askedListNoun(r.Question)
	if noun == "" {
		return
	}
	if (noun == "이유" || noun == "reasons") && !givesReason(fb.answer, false) {
		// "다른 이유도 있을까요?" after an answer that gave none ("kube-proxy는
		// 요청을 전달하는 역할을 합니다" to "왜 Service를 거치나요")
		return
	}
	if meritNoun(noun) && (len(questionParts(r.Question)) > 1 || questionWords(lastSentence(r.Question)) > 1) && !saysMerit(fb.answer) {
		// "다른 이점도 있을까요?" after an answer to "어떤 방식으로
		// 진행되고, 어떤 이점이 있나요" that told how TDD goes and named
		// no merit (fresh31, read as broken), nor to "무엇을 자동화하고 어떤
		// 효과가 있는지", one part with two asks (fresh36). A question that
		// asks only for merits is answered with them, in whatever words.
		return
	}
	// the most points of one list the answer reached, where that list has
	// a point it missed
	most, told := 0, 0
	for i, p := range r.Points {
		if s := statusOf(g, i); s != Covered && s != Partial {
			continue
		}
		reached, covered, missed := 0, 0, false
		for j, o := range r.Points {
			if !sameList(p, o) {
				continue
			}
			switch statusOf(g, j) {
			case Covered:
				reached++
				covered++
			case Partial:
				reached++
			case Missed:
				missed = true
			}
		}
		if missed {
			most, told = max(most, reached), max(told, covered)
		}
	}
	// one step told is no flow to find a gap in (a word of another step,
	// 버전 관리 against 운영's 소프트웨어 관리, reaches that one in part only);
	// three reached in part are
	if most == 0 || noun == flowNoun && told < 2 && most < 3 {
		return
	}
	if fb.saysMore(r, g) {
		// an answer that says more than the items it gave has claims to go
		// into first (an uncaught wrong one among them): asking for more
		// items would take them as right
		return
	}
	if fb.ko() {
		if noun == flowNoun {
			fb.add("others|"+noun, "말씀하신 흐름에서 중간이나 앞뒤에 빠진 단계는 없을까요?")
			return
		}
		if strings.HasSuffix(noun, "할 것") {
			fb.add("others|"+noun, fmt.Sprintf("말씀하신 것 말고 더 %s은 없을까요?", noun))
			return
		}
		fb.add("others|"+noun, fmt.Sprintf("말씀하신 것 말고 다른 %s도 있을까요?", noun))
		return
	}
	if noun == flowNoun {
		fb.add("others|"+noun, "Is any step missing before, after or in between the ones you described?")
		return
	}
	if DetectLanguage(noun) == "ko" {
		return // a Korean question answered in English: the noun is not the answer's
	}
	fb.add("others|"+noun, fmt.Sprintf("Besides what you mentioned, what other %s are there?", noun))
}

// lastSentence is the last sentence of a question: what it asks, after
// the scene it sets ("하루에 몇 번 호출될까 말까 한 API가 있는데" asks
// nothing).
func lastSentence(q string) string {
	ss := splitSentences(q)
	if len(ss) == 0 {
		return q
	}
	return ss[len(ss)-1]
}

// meritNoun tells a list noun that asks for merits.
func meritNoun(noun string) bool {
	switch noun {
	case "장점", "이점", "이득", "효과", "좋은 점", "benefits", "advantages":
		return true
	}
	return false
}

// givesReason tells an answer with a word that gives a reason.
//
// strict leaves out a bare -아서/-어서, which as often joins two steps
// ("로그를 Logstash로 받아서 Elasticsearch에 보냈습니다") as it gives a cause.
func givesReason(answer string, strict bool) bool {
	fs := strings.Fields(answer)
	for i, w := range fs {
		if strict && token.Eoseo(w) && !strings.HasSuffix(w, "해서") && !strings.HasSuffix(w, "워서") && !stativeCause(w) {
			continue // "모아서 처리": a step before the next, not a cause
		}
		// "관리해야 해서": 해서 after a must is the must's reason
		if token.Causal(w) || i > 0 && strings.HasSuffix(fs[i-1], "야") && (w == "해서" || w == "돼서") {
			return true
		}
	}
	return false
}

// stativeCause tells a state's -어서, which gives a cause and never a step
// ("나뉘어 있어서 오류 찾기가 쉽습니다", "가벼워서", "없어서").
func stativeCause(w string) bool {
	for _, e := range []string{"있어서", "없어서", "않아서", "많아서", "적어서", "달라서", "커서", "가벼워서", "무거워서", "쉬워서", "어려워서"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// doneNoun is the noun of a 하다 verb ("확인하시겠어요" → "확인", "설계해야"
// → "설계"), or "" for any other word.
func doneNoun(w string) string {
	for _, h := range []string{"하", "해", "할", "합", "했"} {
		if i := strings.Index(w, h); i > 0 {
			n := w[:i]
			if utf8.RuneCountInString(n) >= 2 && !strings.ContainsFunc(n, func(r rune) bool { return !token.IsHangul(r) }) {
				return n
			}
			return ""
		}
	}
	return ""
}

// saysMore tells an answer with more than four content words that are
// neither in a point it reached nor in the question.
func (fb *followupBuilder) saysMore(r Rubric, g Grade) bool {
	texts := []string{r.Question}
	for i, p := range r.Points {
		if s := statusOf(g, i); s == Covered || s == Partial {
			texts = append(texts, p.Text)
		}
	}
	an := analyze(fb.answer, fb.gl)
	return an.contentCount()-shared(an, newBag(analyze(strings.Join(texts, " "), fb.gl))) > 4
}

// questionWords counts the question words of a question (어떤, 뭘, 왜).
func questionWords(q string) int {
	n := 0
	for _, w := range strings.Fields(q) {
		if token.QuestionWord(w) {
			n++
		}
	}
	return n
}

// contrastWords turn a sentence against what went before or what one
// would expect (다만, 오히려, A가 아니라 B): where a candidate states a
// claim of their own.
var contrastWords = []string{"다만", "하지만", "오히려", "그런데", "아니라"}

// probeContrast asks for the grounds of the claim an answer of two or more
// sentences states against something (a negation, 다만, 오히려): a
// confident claim the other way is what an interviewer presses on, and
// where a wrong fact the judge did not catch most often sits ("복구는
// 자동으로 되지 않아서 운영자가 직접 재시작해 줘야 합니다"). A clause the
// question itself negates ("…막고 싶다면") is the question's, not a claim.
// One request for grounds a thread: after probeClaim's, none.
func (fb *followupBuilder) probeContrast(r Rubric) {
	sentences := splitSentences(fb.answer)
	if len(sentences) < 2 {
		return
	}
	// the notes read, cut into clauses only once a clause of the answer
	// needs them (most answers state nothing against anything): the
	// points, and the lines of every passage the rubric was built from or
	// checked against
	var notes []surfaceClause
	notesRead := func() []surfaceClause {
		if notes != nil {
			return notes
		}
		notes = []surfaceClause{}
		for _, p := range r.Points {
			notes = append(notes, fb.surfaceClauses(stripLabel(p.Text))...)
		}
		for _, p := range slices.Concat(r.Passages, r.Context, r.Backing) {
			for _, line := range strings.Split(p.Text, "\n") {
				notes = append(notes, fb.surfaceClauses(stripLabel(cleanInline(reBullet.ReplaceAllString(line, ""))))...)
			}
		}
		return notes
	}
	for _, s := range sentences {
		if fb.quoteSaid(s) == "" {
			continue
		}
		if reNotOnly.MatchString(s) && !strings.Contains(reNotOnly.ReplaceAllString(s, ""), "않") {
			continue // "테스트 실행만이 아니라 …까지": an addition, no denial
		}
		conceded := false
		for _, c := range fb.surfaceClauses(s) {
			// "노드 컴포넌트이긴 하지만, …": the claim is after the concession
			after := conceded
			fs := strings.Fields(c.text)
			conceded = len(fs) > 0 && strings.HasSuffix(strings.TrimRight(fs[len(fs)-1], ","), "지만")
			if conceded || !c.neg && !contrasts(c.text) && !after || c.an.contentCount() < 2 || utf8.RuneCountInString(c.text) > maxQuoteRunes {
				continue
			}
			if c.neg && !fb.negatesBeyond(c.text) {
				continue // the negation is the question's ("값이 바뀌면 안 되는 변수는")
			}
			if litotesOfNotes(c, notesRead()) {
				continue // "끊기지 않고" is the notes' "지속적으로", said the other way round
			}
			if fb.notesAgree(c, notesRead()) {
				continue // the notes say it so too ("다운된 노드가 없는지")
			}
			said := quote(c.text, maxQuoteRunes)
			fb.quoted[s] = true // one quote a sentence
			if fb.ko() {
				fb.add("probe|", youSaid(said)+"그렇게 보시는 근거는 무엇인가요?")
			} else {
				fb.add("probe|", fmt.Sprintf("You said \"%s\". What makes you say so?", said))
			}
			return
		}
	}
}

// reNotOnly is "not only" (뿐 아니라, 뿐만 아니라, 만이 아니라).
var reNotOnly = regexp.MustCompile(`(뿐|뿐만|만이|만) 아니라`)

// contrasts tells a clause with a contrast word.
func contrasts(clause string) bool {
	fs := strings.Fields(clause)
	for i, w := range fs {
		for _, c := range contrastWords {
			if c == "아니라" && i > 0 && (strings.HasSuffix(fs[i-1], "뿐") || strings.HasSuffix(fs[i-1], "뿐만") || strings.HasSuffix(fs[i-1], "만이")) {
				continue // 뿐 아니라: "not only", an addition
			}
			if strings.HasPrefix(w, c) || c == "아니라" && strings.HasSuffix(strings.TrimRight(w, ","), c) {
				return true
			}
		}
	}
	return false
}

// notesAgree tells an answer's clause that the notes' clause closest to it
// (sharing the most content words, two at least) says the same way round,
// or, for a clause without a negation, backs for the most part.
func (fb *followupBuilder) notesAgree(c surfaceClause, notes []surfaceClause) bool {
	best, at := 1, -1
	for i, n := range notes {
		if k := shared(c.an, n.bag); k > best {
			best, at = k, i
		}
	}
	if at < 0 {
		return false // nothing in the notes says it: a claim of the answer's own
	}
	if c.neg {
		// any line close to it that says it the same way round
		for _, n := range notes {
			if n.neg && shared(c.an, n.bag) >= 2 {
				return true
			}
		}
		return false
	}
	return 2*best >= c.an.contentCount()
}

// litotesOfNotes tells a clause that denies the negative member of an
// antonym pair ("끊기지 않고": not interrupted) whose positive member the
// notes say ("지속적으로 정상 운영"): no claim against them, only their
// words the other way round.
func litotesOfNotes(c surfaceClause, notes []surfaceClause) bool {
	ts := c.an.terms
	for i := 0; i+1 < len(ts); i++ {
		// the negative word itself denied: "끊기지 않고", not "따로 Deny를
		// 걸지 않은" (따로 is not what 않은 denies)
		if !ts[i].flip || !ts[i+1].neg || ts[i+1].key != "" {
			continue
		}
		for _, n := range notes {
			// a line of the notes about the same thing, saying the word's
			// positive member
			if shared(c.an, n.bag) >= 2 && slices.ContainsFunc(n.an.terms, func(nt term) bool { return nt.key == ts[i].key && !nt.flip && !nt.neg }) {
				return true
			}
		}
	}
	return false
}

// negatesBeyond tells a clause that is still negative without the words it
// takes from the question.
func (fb *followupBuilder) negatesBeyond(clause string) bool {
	asked := map[string]bool{}
	for _, w := range strings.Fields(fb.question) {
		asked[strings.Trim(w, "?.,")] = true
	}
	var own []string
	for _, w := range strings.Fields(clause) {
		if !asked[strings.Trim(w, "?.,")] {
			own = append(own, w)
		}
	}
	for _, c := range fb.surfaceClauses(strings.Join(own, " ")) {
		if c.neg {
			return true
		}
	}
	return false
}

// choiceVerbs follow the thing an answer picks ("EFS를 쓰면", "ALB를
// 고르겠습니다", "S3로 바꾸자고", "NAT 게이트웨이를 두면").
var choiceVerbs = []string{"쓰", "써", "고르", "골라", "바꾸", "바꿔", "두", "둬", "선택", "사용", "추천", "붙이", "붙여"}

// asksChoice tells a question that asks which thing to pick.
func asksChoice(q string) bool {
	for _, w := range []string{"뭘", "무엇을", "뭐를", "어떤", "어느", "고르", "골라", "선택", "which"} {
		if strings.Contains(strings.ToLower(q), w) {
			return true
		}
	}
	return false
}

// askAlternative asks why not the other thing, after an answer that picked
// a thing the question did not name from things the notes file side by
// side (EFS of "EBS EFS S3", ALB beside NLB) and said nothing of the
// others: the sideways question an interviewer asks of a choice ("NLB로는
// 안 되는 이유는 무엇인가요?"), and one the notes answer (they say what the
// others are).
func (fb *followupBuilder) askAlternative(r Rubric) {
	if !asksChoice(fb.question) || len(splitSentences(fb.answer)) > 2 {
		return // a longer answer has more to go into than the road not taken
	}
	type item struct {
		name   string
		parent string // the heading the things are filed under
	}
	var items []item
	addItem := func(name string, hp []string) {
		if name == "" || len(hp) == 0 || isFacetLabel(name) || slices.ContainsFunc(items, func(o item) bool { return o.name == name }) {
			return
		}
		parent := strings.Join(hp, ">")
		if topicName(hp[len(hp)-1], fb.gl) == name || strings.EqualFold(subjectHead(hp[len(hp)-1]), name) {
			parent = strings.Join(hp[:len(hp)-1], ">") // a section of its own: filed under its parent
		}
		items = append(items, item{name, parent})
	}
	for _, kp := range r.Points {
		addItem(pointSubject(kp), kp.Passage.HeadingPath)
	}
	for _, p := range slices.Concat(r.Passages, r.Context) {
		if n := len(p.HeadingPath); n > 0 {
			addItem(topicName(p.HeadingPath[n-1], fb.gl), p.HeadingPath)
		}
	}
	var chosen *item
	for i, it := range items {
		if fb.picked(it.name) {
			if chosen != nil {
				return // two picked: a comparison made, or no choice
			}
			chosen = &items[i]
		}
	}
	if chosen == nil || fb.q.hasAll(analyze(chosen.name, fb.gl)) {
		return // none picked, or the one the question named
	}
	var others []string
	for _, it := range items {
		if it.name == chosen.name || it.parent != chosen.parent {
			continue
		}
		if an := analyze(it.name, fb.gl); fb.said.hasAll(an) || fb.q.hasAll(an) {
			return // the answer or the question set them side by side already
		}
		others = append(others, it.name)
	}
	if len(others) == 0 || len(others) > 2 {
		return
	}
	if fb.ko() {
		alt := others[0]
		if len(others) == 2 {
			alt = others[0] + josa(others[0], "이나", "나") + " " + others[1]
		}
		last := others[len(others)-1]
		fb.add("alt|"+chosen.name, fmt.Sprintf("%s%s는 안 되는 이유는 무엇인가요?", alt, josa(last, "으로", "로")))
		return
	}
	fb.add("alt|"+chosen.name, fmt.Sprintf("Why wouldn't %s do here?", strings.Join(others, " or ")))
}

// picked tells an answer that picks the named thing: the name with the
// particle of an object or a means, then a verb of choosing ("EFS를 쓰면",
// "S3로 바꾸자고").
func (fb *followupBuilder) picked(name string) bool {
	fs := strings.Fields(fb.answer)
	want := analyze(name, fb.gl)
	for i, w := range fs {
		if i+1 >= len(fs) {
			break
		}
		stem := token.StripParticles(w)
		p := strings.TrimPrefix(w, stem)
		if p != "를" && p != "을" && p != "로" && p != "으로" {
			continue
		}
		if !slices.ContainsFunc(choiceVerbs, func(v string) bool { return strings.HasPrefix(fs[i+1], v) }) {
			continue
		}
		// the name may be two words ("NAT 게이트웨이를")
		phrase := strings.Join(fs[max(0, i-1):i], " ") + " " + stem
		if newBag(analyze(phrase, fb.gl)).hasAll(want) {
			return true
		}
	}
	return false
}
