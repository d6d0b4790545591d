package grader

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"grader/token"
)

// questionParts splits a question into what it asks: its sentences, and
// within a sentence the questions joined by 그리고, a connective -고 ("…
// 진행하셨고, 성능 튜닝은 어떻게 하셨나요?") or an indirect question and a
// comma ("뭐가 다른지, 어떤 경우에 쓰는지"). A stretch that asks nothing (a
// preamble, "Jenkins로 파이프라인을 만드셨던데,") stays with what follows it.
func questionParts(q string) []string {
	var parts []string
	var cur []string
	flush := func(force bool) {
		text := strings.TrimSpace(strings.Join(cur, " "))
		if text == "" || !force && !asks(text) {
			return // nothing asked yet: the stretch joins the next one
		}
		cur = nil
		parts = append(parts, strings.TrimRight(text, ", "))
	}
	quoted := false // inside a question the question quotes ("'…같은 거 아니에요?'라고 물어요")
	words := strings.Fields(q)
	for i, w := range words {
		if w == "그리고" || w == "그리고," || w == "and" || w == "And" {
			flush(false)
			if len(cur) > 0 {
				cur = append(cur, w) // the stretch before asked nothing: keep the sentence whole
			}
			continue
		}
		cur = append(cur, w)
		quoted = quoteMarks(w, quoted)
		switch {
		case quoted:
			// what someone else asked is the scene: the part is what the
			// candidate is asked of it ("어떻게 정리해 주시겠어요?")
		case strings.HasSuffix(w, "?") || strings.HasSuffix(w, ".") && !strings.HasSuffix(w, "..."):
			flush(true)
		case token.JoinsQuestions(w), token.ClauseGo(w) && asksAhead(words[i+1:]):
			// "무엇을 다르게 해야 하고 그렇게 하면 어떤 이점이 있는지": a
			// clause ended by -고 after a question word, then another
			// question on it, are two parts
			flush(false)
		}
	}
	flush(true)
	// a last stretch that asks nothing ("감사합니다.") is no part, and a
	// request that only says how to answer the part before it ("…어떻게
	// 일어나는 건지, 흐름을 한번 말씀해 주시겠어요?") is that part's
	out := parts[:0]
	for _, p := range parts {
		switch {
		case !asks(p):
		case len(out) > 0 && restates(p):
			out[len(out)-1] += ", " + p
		default:
			out = append(out, p)
		}
	}
	return out
}

// asksAhead tells words that point back at what was just asked (그렇게,
// 그걸로, 그 덕분에, 그다음에) and ask more before their sentence ends:
// a new part built on the one before. Without the pointer the -고 joins
// two verbs of one part ("어떻게 배치하고 관리하는지") or sets the scene.
func asksAhead(ws []string) bool {
	if len(ws) == 0 || !pointsBack(ws[0]) && ws[0] != "그" && !strings.HasPrefix(ws[0], "그다음") {
		return false
	}
	for _, w := range ws {
		if token.QuestionWord(w) {
			return true
		}
		if strings.HasSuffix(w, "?") || strings.HasSuffix(w, ".") {
			return false
		}
	}
	return false
}

// quoteMarks follows a word's quotation marks: whether a quote is open
// after it, given whether one was before it. An apostrophe between two
// Latin letters (developer's) is none.
func quoteMarks(w string, open bool) bool {
	rs := []rune(w)
	for i, r := range rs {
		switch r {
		case '“', '‘', '「':
			open = true
		case '”', '’', '」':
			open = false
		case '"':
			open = !open
		case '\'':
			if i > 0 && i < len(rs)-1 && isASCIILetter(rs[i-1]) && isASCIILetter(rs[i+1]) {
				continue
			}
			open = !open
		}
	}
	return open
}

// unquoted is s without what it quotes: "신입이 '…아니에요?'라고 물어요"
// asks nothing itself.
func unquoted(s string) string {
	var b strings.Builder
	open := false
	for _, w := range strings.Fields(s) {
		before := open
		open = quoteMarks(w, open)
		if before || open {
			// a word a quote opens, goes on through or closes in: keep
			// only what follows the closing mark ("…?'라고" → "라고")
			if !open {
				if i := strings.LastIndexAny(w, "'\"”’」"); i >= 0 {
					b.WriteString(w[i+utf8.RuneLen([]rune(w[i:])[0]):] + " ")
				}
			}
			continue
		}
		b.WriteString(w + " ")
	}
	return strings.TrimSpace(b.String())
}

func isASCIILetter(r rune) bool { return r < 128 && unicode.IsLetter(r) }

// restates tells a request with no question word that names nothing but
// the manner of the answer once its request words are gone ("흐름을 한번
// 말씀해 주시겠어요", "간단히 설명해 주세요"): it asks the part before it
// again. "Pod도 설명해 주세요" names a thing and is a part of its own.
func restates(part string) bool {
	if questionWords(part) > 0 {
		return false
	}
	for _, w := range strings.Fields(part) {
		w = strings.TrimRight(w, "?.!,")
		if requestWord(w) || frameWord(w) || mannerOfAnswer(w) {
			continue
		}
		return false
	}
	return true
}

// mannerOfAnswer is a word a request uses for how to answer, not what:
// 한번, 간단히, 흐름을, 과정을.
func mannerOfAnswer(w string) bool {
	return slices.Contains(answerManners, token.StripParticles(w))
}

var answerManners = []string{"한번", "한", "번", "간단히", "간단하게", "짧게", "자세히", "구체적으로", "쉽게", "차근차근", "순서대로", "흐름", "과정", "순서", "절차", "원리", "개념"}

// asks tells a stretch of a question that asks something: a question word,
// a question or request ending, a question mark.
func asks(s string) bool {
	s = unquoted(s)
	if strings.Contains(s, "?") {
		return true
	}
	l := strings.ToLower(s)
	if strings.HasSuffix(strings.TrimSpace(s), ".") {
		// a sentence said, not asked, unless it requests ("설명해 주세요.",
		// "궁금합니다.", "…어떻게 구분해서 쓰시는지도 같이요."): "어떤 워커
		// 노드에서 … 살아 있어요." sets the scene
		return slices.ContainsFunc([]string{"주세요", "주시겠", "주실", "주십시오", "궁금", "부탁", "나요", "까요", "는지도", "은지도", "인지도", "지도요", "please", "explain", "tell me", "describe"}, func(w string) bool { return strings.Contains(l, w) })
	}
	for _, w := range append([]string{"주세요", "주시겠", "주실", "나요", "까요", "는지", "은지", "인지", "what", "why", "how", "which", "when", "where", "who"}, token.QuestionWords...) {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// unansweredPart is a later part of a question of two or more parts that
// the answer leaves out, as the question words it, or "". A part is answered
// when the answer says at least half of the words that part alone asks of
// (the words it shares with the other parts prove nothing), or two of
// them. A part that asks only an aspect (특징, 장점, 이유: words an answer
// gives rather than says) is answered when a point the notes list under that
// aspect was reached, and otherwise when the answer has as many clauses
// as the question has parts.
func (fb *followupBuilder) unansweredPart(r Rubric, g Grade) string {
	if strings.TrimSpace(fb.answer) == "" {
		return ""
	}
	parts := questionParts(r.Question)
	if n := len(splitSentences(fb.answer)); len(parts) < 2 || n >= 3 && n >= len(parts) {
		// an answer of three sentences or more, one for each part at
		// least, has tried each: what it said of a part in other words, or
		// wrongly, is the judge's to say (the reader marked "아직 답하지
		// 않으셨는데" after such answers as re-asking what was answered)
		return ""
	}
	// the words naming what the question is about (its section's headings)
	// are not what a part asks: an answer need not repeat them
	var heads []string
	for _, p := range r.Passages {
		heads = append(heads, p.HeadingPath...)
	}
	about := newBag(analyze(strings.Join(heads, " "), fb.gl))
	// the names the points are filed under, when there are several ("EBS
	// EFS S3"): a part that names one of them asks about it, heading or not
	items := pointSubjects(r, fb.gl)
	for i, p := range parts {
		if i == 0 {
			// the first part is what every answer sets out to answer, and
			// often by a name or a choice ("EFS가 맞습니다") that shares no
			// word with it: only a later part is found left out (a first
			// part checked like the others was found left out 32 times
			// over the sets, wrongly 22 times: answered in other words)
			continue
		}
		if !fb.partAnswered(r, g, parts, i, about, items) {
			return p
		}
	}
	return fb.firstPartLeft(r, g, parts, about, items)
}

// partAnswered tells part i of the question answered: what the part
// alone asks of (partTerms) is said, or given (a name for "어떤 것", a
// number for "얼마나", a reached point of the notes for the thing asked).
func (fb *followupBuilder) partAnswered(r Rubric, g Grade, parts []string, i int, about, items bag) bool {
	p, ab := parts[i], fb.said
	terms, concrete, aspects, topicNamed := fb.partTerms(parts, i, about, items)
	answered := true
	switch {
	case askedOfEach(p) && slices.ContainsFunc(concrete, func(t term) bool { return t.kind == token.Latin && written(p, t) && ab.match(t) < 0.8 }):
		// "kubelet이랑 container runtime이 각각 뭘 맡는지": one of
		// them left out leaves the part unanswered
		answered = false
	case askedDifference(p) && fb.latinUnsaid(p):
		// "스크럼이 XP와는 어떤 점에서 초점이 다른지": a difference from a
		// thing the answer never names is not told, whatever it said of
		// the other (fresh34: the sprint rhythm reached Scrum's line)
		answered = false
	case yesNoAnswered(p, fb.answer):
		// "이 노드에 새 파드가 배치되면 컨테이너가 제대로 뜰까요": "뜨지
		// 못합니다" answers it, whatever else it shares
	case namesSaid(p, concrete, ab):
		// "빌드 로그가 어떤 경로로 Kibana까지": a name of the part said
	case asksGood(p) && saysMerit(fb.answer) && givesReason(fb.answer, false) && !fb.latinUnsaid(p):
		// "나눠서 보는 게 왜 도움이 되는지", "장애 대응할 때는 어떤 점이
		// 좋나요": a merit said with its cause ("계층마다 하는 일이
		// 다르니까 … 찾기가 쉽습니다") answers it in other words, unless
		// the part names what the answer does not ("MSA랑은 왜 궁합이
		// 좋다고들 하는지")
	case askedFailure(p) && saysRemedy(fb.answer):
		// "DNS 서버 하나가 죽으면 어떻게 대비하셨는지": "Master/Slave로
		// 이중화했습니다" is the remedy, in words the part does not use
		// (fresh30, read as "not answered yet" twice)
	case askedLevel(p) && givesLevel(fb.answer) && !slices.ContainsFunc(concrete, func(t term) bool { return !levelWord(t.text) && ab.match(t) < 0.8 }):
		// "어느 범위에 적용되고", "어떤 계층 특성을 가지고": "인스턴스
		// 단위로", "L4 로드밸런서이고" give the level, right or wrong
		// (fresh31, read as "not answered yet" twice)
	case askedRunning(p) && len(concrete) > 0 && !slices.ContainsFunc(concrete, func(t term) bool { return !holdsWord(fb.answer, t.text) && !askedManner(p, t.text) }) && len(fb.surfaceClauses(fb.answer)) >= len(parts):
		// "팀이 보통 어떻게 굴러가는지": how a thing runs day to day is
		// told by what is done ("스프린트 사이클로 반복 개발하고, 데일리
		// 미팅으로 팀원 전체의 … 협업합니다"), once the thing is spoken of,
		// in whatever word holds its name (팀원 for 팀; fresh24, fresh25)
	case askedQuantity(p) && hasNumber(fb.answer, fb.gl):
		// "한 사이클이 보통 얼마나 되는지": any number answers it
	case askedWho(p) && newNames(fb.answer, r.Question, fb.gl) >= countFunc(parts, askedWho):
		// "어느 노드에 뜰지는 누가 정하고, … 지켜보는 건 누가 하나요":
		// a name for each "누가" ("kube-scheduler가, … kubelet이 합니다")
	case askedCategory(terms) && newNames(fb.answer, r.Question, fb.gl) >= namesAsked(p):
		// (how two differ asks a name for each: "레플리카 수를 챙기는
		// 컴포넌트와는 역할이 어떻게 나뉘는지" is not answered by the one
		// name the first part asked for, fresh34)
		// "노드에서 그걸 처리하는 컴포넌트까지": any name answers it
	case askedRoute(terms) && namesAnyNew(fb.answer, r.Question, fb.gl) && slices.ContainsFunc(concrete, func(t term) bool { return t.key != "경로" && ab.match(t) >= 0.8 }):
		// "로그는 어떤 경로로 모아서": names said of the thing routed
		// (로그는 ELK로 모아서) give its route
	case pointReached(r, g, concrete, ab, items, askedWhy(p), fb.gl):
		// "과적합은 어떻게 막았어요": the notes' line on it (검증 손실
		// 증가 시 … 조기 종료) was reached, in other words
	case len(concrete) > 0:
		hit := 0
		for _, t := range concrete {
			if ab.match(t) >= 0.8 {
				hit++
			}
		}
		answered = hit >= 2 || 2*hit >= len(concrete)
	case len(aspects) > 0:
		// an aspect is answered when a point the notes list under it
		// was reached, when the answer says the aspect's word ("…게
		// 단점입니다"), or, for an aspect of the topic ("DNS가 하는 일"),
		// when the answer speaks of the topic
		given, listed := fb.aspectGiven(r, g, aspects)
		// a merit asked for is given as one ("…줄일 수 있습니다"): a
		// second clause that tells how it goes gives none ("테스트를 먼저
		// 쓰고 … 짜는 방식입니다" to "어떤 이점이 있나요", fresh31)
		merit := slices.ContainsFunc(aspects, func(a term) bool {
			return meritNoun(a.key) || a.key == "좋" || strings.HasPrefix(a.key, "advantag") || strings.HasPrefix(a.key, "benefit")
		})
		answered = given || topicNamed || !listed && len(fb.surfaceClauses(fb.answer)) >= len(parts) && (!merit || saysMerit(fb.answer))
	}
	return answered
}

// aspectGiven tells aspects a part asks for (특징, 장점) that the answer
// gives: a point the notes list under one was reached, or the answer says
// the aspect's word ("…게 단점입니다") or a merit for 좋 ("쓸데없는 코드를 줄일
// 수 있습니다"). listed tells whether the notes list points under them.
func (fb *followupBuilder) aspectGiven(r Rubric, g Grade, aspects []term) (given, listed bool) {
	reached, listed := aspectReached(r, g, aspects, fb.gl)
	said := slices.ContainsFunc(aspects, func(a term) bool { return fb.said.match(a) >= 0.8 || a.key == "좋" && saysMerit(fb.answer) })
	return reached || said, listed
}

// firstPartLeft is the first part of a question of two or more when an
// answer of one sentence plainly took up a later part instead: it says a
// word only a later part asks of, and gives no reason where the first part
// asks why ("…굳이 서비스 오브젝트를 거치게 하잖아요. 왜 그렇게 하는 건지,
// 그리고 kube-proxy는 거기서 무슨 일을 하는지" answered "kube-proxy는 …
// 요청을 실제 파드로 전달해 주는 역할을 합니다"), or says nothing the first
// part alone asks of and gives nothing it asks for (a name for "뭘로", a
// merit for "어떤 점이 좋아지나요"). A longer answer, or one that says
// nothing of a later part, set out to answer the first part, in words of
// its own.
func (fb *followupBuilder) firstPartLeft(r Rubric, g Grade, parts []string, about, items bag) string {
	if len(parts) < 2 || len(splitSentences(fb.answer)) != 1 {
		return ""
	}
	first := newBag(analyze(parts[0], fb.gl))
	later := false
	for _, p := range parts[1:] {
		if questionWords(p) == 0 {
			continue // "장애 복구랑 배포 관점에서 설명해 주세요": how to answer the first, not a question of its own
		}
		for _, t := range analyze(p, fb.gl).terms {
			if t.key != "" && !askingWord(t.text) && !token.IsParticleWord(t.text) && first.match(t) < 0.8 && fb.said.match(t) >= 0.8 {
				later = true
			}
		}
	}
	if !later {
		return ""
	}
	if askedWhy(parts[0]) {
		// a merit is why one does it ("7계층으로 나눠서 오류 찾기가
		// 쉽습니다" to "왜 여러 계층으로 나눠 놨을까요")
		if givesReason(fb.answer, true) || saysMerit(fb.answer) {
			return ""
		}
		return parts[0]
	}
	if fb.partAnswered(r, g, parts, 0, about, items) || asksWhich(parts[0]) && listsItems(fb.answer) || fb.namesOwn(parts) {
		return ""
	}
	_, concrete, aspects, _ := fb.partTerms(parts, 0, about, items)
	if len(concrete) == 0 || slices.ContainsFunc(concrete, func(t term) bool { return fb.said.match(t) >= 0.8 }) {
		return ""
	}
	if given, _ := fb.aspectGiven(r, g, aspects); len(aspects) > 0 && given {
		return ""
	}
	return parts[0]
}

// partTerms sorts the words part i of the question asks of, those no other
// part shares, into the concrete (names, nouns) and the aspects (특징,
// 장점, 이유: words an answer gives rather than says); topicNamed tells a
// part that names the section's topic, which the answer names too.
func (fb *followupBuilder) partTerms(parts []string, i int, about, items bag) (terms, concrete, aspects []term, topicNamed bool) {
	p := parts[i]
	var others []string
	for j, o := range parts {
		if j != i {
			others = append(others, o)
		}
	}
	ob := newBag(analyze(strings.Join(others, " "), fb.gl))
	ab := fb.said
	prev, prevAlone := "", false
	terms = analyze(p, fb.gl).terms
	for i, t := range terms {
		// a demonstrative is a word of its own ("그 저장소"), not the
		// particle of a name before it ("kubelet이 직접")
		anaphor := prevAlone && (prev == "그" || prev == "이" || prev == "해당" || prev == "그런" || prev == "이런")
		prev, prevAlone = t.text, i == 0 || t.gap != ""
		if anaphor || pronoun(t.text) || token.TimeAdverb(t.text) || token.PolarityAdverb(t.text) {
			continue // "그 저장소", "그걸": the thing another part asks for, named by the answer
		}
		if strings.HasPrefix(t.text, "좋") {
			// 뭐가 좋은지, 어떤 점이 좋나요: its merits, an aspect,
			// which the notes list under 장점
			aspects = append(aspects, term{key: "좋", text: t.text})
			aspects = append(aspects, analyze("장점", fb.gl).terms...)
			continue
		}
		if stem, ok := token.AskedStem(t.text); ok {
			t.key, t.grams = stem, token.Bigrams(stem)
		}
		if t.key != "" && about.match(t) >= 0.8 && ab.match(t) >= 0.8 {
			topicNamed = true
		}
		heading := about.match(t) >= 0.8 && !(t.kind == token.Latin && items.match(t) >= 0.8)
		if t.key == "" || ob.match(t) >= 0.8 || heading || askingWord(t.text) || token.IsParticleWord(t.text) || situationNoun(t.text) || whileWord(t.text) || withinWord(t.text) {
			continue
		}
		if i+1 < len(terms) && modalVerb(t.text, terms[i+1].text) {
			continue // "가야 하는지": a verb, however it ends
		}
		if i+1 < len(terms) && whileWord(terms[i+1].text) && futureAdnominal(t.text) {
			continue // "선택할 때": the time the part sets, as 때 is
		}
		if mannerWord(t.text) || t.text == "대로" && i > 0 && strings.HasSuffix(terms[i-1].text, "는") || i > 0 && auxVerb(t.text) && token.Infinitive(terms[i-1].text) || i+1 < len(terms) && auxVerb(terms[i+1].text) && token.Infinitive(t.text) {
			// "어떤 식으로", "아시는 대로", "아키텍처 쪽으로는", "미리 알아
			// 둬야": how and where the part asks, and a verb with its
			// auxiliary, name nothing it asks about
			continue
		}
		if t.key == "장단점" {
			// both: reached under either
			aspects = append(aspects, analyze("장점 단점", fb.gl).terms...)
			continue
		}
		if isFacetLabel(token.StripParticles(t.text)) || isFacetLabel(t.key) || aspectWord(t.key) {
			aspects = append(aspects, t)
		} else {
			concrete = append(concrete, t)
		}
	}
	// verb forms ("되게 하려면 어떻게 하시겠어요") ask how, and any
	// action answers that: only nouns say what a part is about
	concrete = slices.DeleteFunc(concrete, func(t term) bool {
		return t.kind == token.Hangul && (asksOrActs(t.text) || strings.HasPrefix(t.text, "했") || strings.HasPrefix(t.text, "됐"))
	})
	return terms, concrete, aspects, topicNamed
}

// yesNoAnswered tells a part that asks yes or no (no question word: "…
// 제대로 뜰까요?", "그대로 쓰시겠어요?") that the answer answers: an answer of
// two sentences or more, one that opens with 네 or 아니요, or one that says
// the part's verb ("뜰까요" → 뜨지 못합니다, 뜹니다).
func yesNoAnswered(part, answer string) bool {
	if questionWords(part) > 0 {
		return false
	}
	fs := strings.Fields(strings.TrimRight(strings.TrimSpace(part), "?.!"))
	a := strings.TrimSpace(answer)
	if len(splitSentences(a)) >= 2 || strings.HasPrefix(a, "네") || strings.HasPrefix(a, "아니") || strings.HasPrefix(a, "맞습니다") {
		return true
	}
	if len(fs) == 0 {
		return false
	}
	stem := yesNoStem(fs[len(fs)-1])
	if stem == "" {
		return false
	}
	for _, w := range strings.Fields(a) {
		if saysStem(w, stem) {
			return true
		}
	}
	return false
}

// yesNoStem is the verb stem of a yes/no question's last word, its final
// ㄹ or ㄴ of the future or the adnominal dropped (뜰까요 → 뜨, 쓰시겠어요 →
// 쓰), or "" for a word with no question ending.
func yesNoStem(w string) string {
	for _, e := range []string{"시겠어요", "겠어요", "시나요", "을까요", "까요", "나요", "가요"} {
		if rest, ok := strings.CutSuffix(w, e); ok && rest != "" {
			r, size := utf8.DecodeLastRuneInString(rest)
			if f := token.Final(r); f == token.FinalRieul || f == token.FinalNieun {
				rest = rest[:len(rest)-size] + string(token.WithFinal(r, token.FinalNone))
			}
			return rest
		}
	}
	return ""
}

// saysStem tells a word of the answer that starts with the stem, its last
// syllable with any final consonant (뜹니다, 뜬다 for 뜨).
func saysStem(w, stem string) bool {
	n := utf8.RuneCountInString(stem)
	rs := []rune(w)
	if len(rs) < n {
		return false
	}
	head := slices.Clone(rs[:n])
	head[n-1] = token.WithFinal(head[n-1], token.FinalNone)
	return string(head) == stem || string(rs[:n]) == stem
}

// pronoun tells a demonstrative pronoun (그걸, 이것은, 그거).
func pronoun(w string) bool {
	for _, p := range []string{"그걸", "그것", "그거", "이걸", "이것", "이거", "저것"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// namesSaid tells a part that names something in Latin letters (Kibana)
// the answer says too.
func namesSaid(part string, concrete []term, ab bag) bool {
	return slices.ContainsFunc(concrete, func(t term) bool { return t.kind == token.Latin && written(part, t) && ab.match(t) >= 0.8 })
}

// askedFailure tells a part that asks what happens, or what was done,
// when something fails ("하나가 죽으면 어떻게 대비", "장애가 나면"): a
// condition, not 장애 as one aspect among others ("장애 복구랑 배포
// 관점에서" asks for both).
func askedFailure(part string) bool {
	return mentions(part, "죽으면", "다운되면", "고장나면", "고장 나면", "멈추면", "장애가 나면", "장애가 생기면", "장애가 발생하면", "대비", "fails", "goes down")
}

// saysRemedy tells an answer that names a remedy for a failure: a second
// of the thing, a copy, a way back (이중화, 백업, 복제, failover).
func saysRemedy(answer string) bool {
	return mentions(answer, "이중화", "다중화", "백업", "복제", "복구", "예비", "대기", "failover", "페일오버", "redundan", "replica", "backup", "standby", "master/slave", "가용 영역마다", "여러 az", "여러 대")
}

// reLatinWord is a word written in Latin letters (MSA, kube-proxy).
var reLatinWord = regexp.MustCompile(`[A-Za-z][A-Za-z0-9.-]*`)

// latinUnsaid tells a part that names, in Latin letters, something the
// answer does not say (by any of its names: MSA for 마이크로서비스).
func (fb *followupBuilder) latinUnsaid(part string) bool {
	for _, w := range reLatinWord.FindAllString(part, -1) {
		for _, t := range analyze(w, fb.gl).terms {
			if t.key != "" && fb.said.match(t) < 0.8 {
				return true
			}
		}
	}
	return false
}

// askedLevel tells a part that asks at which level or scope a thing works
// (어느 범위에 적용, 어떤 계층, 어느 수준, which layer).
func askedLevel(part string) bool {
	return questionWords(part) > 0 && levelWord(part)
}

// levelWord tells a text with a word for a level or scope, or for the
// character it gives a thing (계층 특성): what a level answers.
func levelWord(s string) bool {
	return mentions(s, "범위", "계층", "레이어", "수준", "레벨", "단위", "osi", "layer", "level", "scope", "특성")
}

// reLayer is a layer named by its number: L4, 7계층, layer 7, 4 레이어.
var reLayer = regexp.MustCompile(`(?i)\bL[1-7]\b|[1-7]\s*(계층|레이어|layer)|layer\s*[1-7]`)

// givesLevel tells an answer that names a level or a scope: a layer by
// its number, or a unit it works at (인스턴스 단위로, 서브넷 레벨, 수준).
func givesLevel(answer string) bool {
	if reLayer.MatchString(answer) {
		return true
	}
	return mentions(answer, "단위", "레벨", "수준", "level", "범위")
}

// mentions tells a text that holds one of the words, in any case.
func mentions(s string, words ...string) bool {
	l := strings.ToLower(s)
	return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(l, w) })
}

// holdsWord tells a text that holds a word, without its particle, inside
// any of its words ("팀원" holds "팀이"'s 팀; a one-syllable noun keeps its
// 이 in analysis, where 차이 must stay whole).
func holdsWord(text, w string) bool {
	stem := token.StripParticles(w)
	if p := token.Particle(w); p == "" && utf8.RuneCountInString(w) == 2 {
		for _, suf := range []string{"이", "가", "은", "는", "을", "를"} {
			stem = strings.TrimSuffix(stem, suf)
		}
	}
	return stem != "" && strings.Contains(text, stem)
}

// askedManner tells the word a part asks for by "어떤 X으로" ("어떤 리듬으로
// 굴러가는지"): what the answer gives, not a word it must say.
func askedManner(part, w string) bool {
	fs := strings.Fields(part)
	for i := 0; i+1 < len(fs); i++ {
		if fs[i] == "어떤" && fs[i+1] == w {
			p := token.Particle(w)
			return p == "으로" || p == "로"
		}
	}
	return false
}

// askedRunning tells a part that asks how a thing runs or goes in
// practice (어떻게 굴러가는지, 어떻게 돌아가는지, 어떻게 진행되는지).
func askedRunning(part string) bool {
	// "어떻게 굴러가는지", and "어떤 리듬으로 굴러가는지": how, by its manner
	how := strings.Contains(part, "어떻게") || strings.Contains(part, "어떤") && strings.Contains(part, "로 ")
	return how && mentions(part, "굴러가", "돌아가", "진행되", "진행하", "운영되")
}

// askedQuantity tells a part that asks how much or how many.
func askedQuantity(part string) bool {
	// "한 사이클이 어느 정도 길이인지", "기간은 어떻게 잡으세요"
	for _, w := range []string{"얼마나", "몇", "어느 정도", "길이", "기간"} {
		if strings.Contains(part, w) {
			return true
		}
	}
	return strings.Contains(strings.ToLower(part), "how many") || strings.Contains(strings.ToLower(part), "how long")
}

func hasNumber(text string, g *token.Glossary) bool {
	return slices.ContainsFunc(analyze(text, g).terms, func(t term) bool { return t.kind == token.Number })
}

// askedCategory tells a part that asks for a thing of a kind (컴포넌트,
// 도구): a name answers it, whatever the name.
func askedCategory(ts []term) bool {
	return slices.ContainsFunc(ts, func(t term) bool {
		switch t.key {
		case "component", "compon", "도구", "tool", "툴", "storag":
			return true
		}
		return false
	})
}

// namesOwn tells an answer that says a name in Latin letters only the
// first part of the question names ("CI와 CD 중 어느 쪽이" answered "CI가
// 잡아낸 겁니다"), heading or not.
func (fb *followupBuilder) namesOwn(parts []string) bool {
	rest := newBag(analyze(strings.Join(parts[1:], " "), fb.gl))
	return slices.ContainsFunc(analyze(parts[0], fb.gl).terms, func(t term) bool {
		return t.kind == token.Latin && written(parts[0], t) && rest.match(t) < 0.8 && fb.said.match(t) >= 0.8
	})
}

// asksWhich tells a part that asks which things ("어떤 기능들을", "뭘
// 쓰셨는지"): a list of them answers it.
func asksWhich(part string) bool {
	return slices.ContainsFunc(strings.Fields(part), func(w string) bool {
		return w == "어떤" || w == "무슨" || strings.HasPrefix(w, "뭘") || strings.HasPrefix(w, "무엇을")
	})
}

// listsItems tells an answer that lists three things or more ("변수,
// 템플릿, 조건문, 반복문을").
func listsItems(answer string) bool {
	return slices.ContainsFunc(splitSentences(answer), func(s string) bool { return strings.Count(s, ", ") >= 2 })
}

// namesAnyNew tells an answer that names something in Latin letters the
// question does not.
func namesAnyNew(answer, question string, g *token.Glossary) bool {
	return newNames(answer, question, g) > 0
}

// newNames counts the distinct names in Latin letters an answer says that
// the question does not.
//
// A name is counted once for the word that writes it ("kube-scheduler가"
// is one name, though its analysis holds kube and scheduler; "도커는" is
// the glossary's docker).
func newNames(answer, question string, g *token.Glossary) int {
	qb := newBag(analyze(question, g))
	seen := map[string]bool{}
	for _, w := range strings.Fields(answer) {
		var keys []string
		for _, t := range analyze(w, g).terms {
			if t.kind == token.Latin && qb.match(t) < 0.8 {
				keys = append(keys, t.key)
			}
		}
		if len(keys) > 0 {
			seen[strings.Join(keys, " ")] = true
		}
	}
	return len(seen)
}

// askedWho tells a part that asks who or which one does something.
func askedWho(part string) bool {
	l := strings.ToLower(part)
	return strings.Contains(part, "누가") || strings.Contains(part, "누구") || strings.HasPrefix(l, "who ") || strings.Contains(l, " who ")
}

func countFunc(ss []string, f func(string) bool) int {
	n := 0
	for _, s := range ss {
		if f(s) {
			n++
		}
	}
	return n
}

// saysMerit tells an answer that says something gets better: what "뭐가
// 좋은지" asks, said without 좋다 ("쓸데없는 코드를 줄일 수 있습니다").
func saysMerit(answer string) bool {
	return mentions(answer, "좋", "장점", "이점", "줄일 수", "줄어", "줄여", "빨라", "빨리", "빠르게", "쉬워", "쉽게", "쉽습니다", "높아", "효율", "절감", "절약", "아낄", "아껴", "최소화", "편해", "편리", "명확", "적습니다", "적어요", "적다", "쓸모", "유용")
}

// askingWord is a word that asks rather than names what is asked about
// (말씀해, 주시겠어요, 각각, 같이).
func askingWord(w string) bool {
	w = strings.TrimRight(w, "?.,")
	for _, p := range []string{"말씀", "설명", "주세요", "주시", "알려", "얘기", "이야기", "생각", "보시", "보세요", "각각", "같이", "함께", "그럼", "그러면", "혹시", "보통", "하시", "하셨", "셨나요", "시겠", "관점", "측면", "입장", "솔직", "간단", "자세", "구체적", "궁금", "때", "성격", "평소"} {
		if strings.HasPrefix(w, p) || strings.HasSuffix(w, p) {
			return true
		}
	}
	return utf8.RuneCountInString(w) < 2
}

// aspectWord is a word for an aspect of a topic that an answer gives
// without saying the word: its reasons, merits, drawbacks, criteria.
func aspectWord(key string) bool {
	for _, a := range []string{"이유", "장점", "단점", "장단점", "특징", "한계", "차이", "기준", "순서", "단계", "과정", "흐름", "방법", "방식", "역할", "효과", "문제", "좋", "reason", "advantag", "disadvantag", "benefit", "drawback", "differ"} {
		if strings.HasPrefix(key, a) && !strings.HasPrefix(key, "방법론") {
			// (방법론 is a methodology, a thing named: "어떤 성격의
			// 방법론인지" is answered by "관리 방법론", not by any way of
			// doing)
			return true
		}
	}
	switch key {
	case "일", "일을", "일은", "일이", "일도": // "DNS가 하는 일": its role
		return true
	}
	return false
}

// aspectReached tells whether a point the notes list under one of the
// aspects asked (a heading or label 특징, 장점) was reached, and whether the
// notes list any.
func aspectReached(r Rubric, g Grade, aspects []term, gl *token.Glossary) (reached, listed bool) {
	under := func(kp KeyPoint) bool {
		label, _ := splitLabel(kp.Text)
		heads := append([]string{label}, kp.Passage.HeadingPath...)
		for _, h := range heads {
			hb := newBag(analyze(h, gl)) // as the question's words were read: 단점 is the glossary's disadvantage
			for _, a := range aspects {
				if hb.match(a) >= 0.8 {
					return true
				}
			}
		}
		return false
	}
	for i, kp := range r.Points {
		if !under(kp) {
			continue
		}
		listed = true
		if s := statusOf(g, i); s == Covered || s == Partial || s == Incorrect {
			reached = true
		}
	}
	return reached, listed
}

// askedAs is how a follow-up quotes a part of the question: without the
// request around it ("…맞는지도 같이 말씀해 주세요" → "…맞는지"), so that
// it reads as the thing asked.
func askedAs(part string) string {
	fs := strings.Fields(strings.TrimRight(strings.TrimSpace(part), "?.!"))
	together, aux := false, false
	for len(fs) > 1 {
		w := strings.TrimRight(fs[len(fs)-1], "?.!,")
		if !requestWord(w) {
			break
		}
		together = together || w == "함께" || w == "같이"
		aux = aux || strings.HasPrefix(w, "주")
		fs = fs[:len(fs)-1]
	}
	if n := len(fs); n > 1 {
		last := fs[n-1]
		comitative := together && slices.ContainsFunc([]string{"이랑", "랑", "와", "과"}, func(p string) bool { return strings.HasSuffix(last, p) })
		// "그게 왜 가능한지 동작 원리와 (함께)", "무엇을 하는지 실제 흐름
		// 순서대로 짚어 (주시겠어요)": what goes with the question, or the
		// verb of the request, cut from it reads as cut at a particle or
		// mid-verb; the quote ends at the question
		asked := -1 // the last word of the question asked ("…가능한지")
		for k, w := range fs[:n-1] {
			if strings.HasSuffix(strings.TrimRight(w, ","), "지") {
				asked = k
			}
		}
		if asked >= 0 && (comitative || aux && token.Infinitive(last)) {
			fs = fs[:asked+1]
		}
	}
	if n := len(fs); n > 0 {
		// "어디에 거실지도요": the request left unsaid, its 도 and 요 still there
		if w, ok := strings.CutSuffix(fs[n-1], "지도요"); ok {
			fs[n-1] = w + "지"
		}
	}
	if n := len(fs); n > 0 && len(fs) < len(strings.Fields(part)) {
		// "특징도", "역할인지도", "맡는지를 (기준으로)": the particle went
		// with the request
		for _, p := range []string{"도", "를", "을"} {
			if w, ok := strings.CutSuffix(fs[n-1], p); ok && utf8.RuneCountInString(w) >= 2 && (p == "도" || strings.HasSuffix(w, "지")) {
				fs[n-1] = w
				break
			}
		}
	}
	if n := len(fs); n > 0 {
		// "흘러가게 만드셨고": a past verb joined to the next part asks as
		// "만드셨는지" once quoted alone
		if w, ok := strings.CutSuffix(fs[n-1], "고"); ok && w != "" {
			if r, _ := utf8.DecodeLastRuneInString(w); token.Final(r) == token.FinalSsang {
				fs[n-1] = w + "는지"
			}
		}
	}
	fs = indirectEnd(fs)
	if n := len(fs); n > 1 {
		// "어떤 순서로 진행하셨어요" is quoted "진행하셨는지": the question's
		// own ending read back sounds like reading it out (the readers,
		// five times over the round-20 sets)
		last := strings.TrimRight(fs[n-1], "?.!,")
		if w, ok := token.Indirect(last); ok {
			fs[n-1] = w
		} else if stem, ok := strings.CutSuffix(last, "하고"); ok && stem != "" && !hasLatinLetter(stem) && questionWords(strings.Join(fs, " ")) > 0 {
			// "본인은 DevOps를 어떻게 정의하고": a verb joined to the next
			// question asks as 하는지 once quoted alone
			fs[n-1] = stem + "하는지"
		}
	}
	return strings.Join(fs, " ")
}

// indirectEnd ends a quoted part at its indirect question when what follows
// only frames the request ("규칙이 어떻게 동작하는지 기준으로 둘을 구분해",
// "kube-proxy가 왜 필요한지랑"): a quote cut at "구분해" or at "필요한지랑"
// reads as cut mid-verb (needs an edit, twice in fresh16's reading).
func indirectEnd(fs []string) []string {
	for k := len(fs) - 1; k >= 0; k-- {
		w := strings.TrimRight(fs[k], "?.!,")
		stem := w
		for _, p := range []string{"이랑", "랑", "하고", "와", "를", "을", "도"} {
			if s, ok := strings.CutSuffix(w, p); ok && strings.HasSuffix(s, "지") {
				stem = s
				break
			}
		}
		if !strings.HasSuffix(stem, "지") || utf8.RuneCountInString(stem) < 2 {
			if !frameWord(w) {
				return fs // a word that says what is asked: the part ends where it did
			}
			continue
		}
		if k == 0 {
			return fs
		}
		out := slices.Clone(fs[:k+1])
		out[k] = stem
		return out
	}
	return fs
}

// frameWord is a word that frames a request after what it asks ("둘을
// 구분해", "기준으로", "각각 비교해"): an object pronoun, a manner phrase, or
// a 하다 verb left in its infinitive by the request cut after it.
func frameWord(w string) bool {
	switch w {
	case "둘을", "둘로", "두", "개를", "각각", "서로", "기준으로", "중심으로", "위주로", "나눠서", "나누어":
		return true
	}
	return utf8.RuneCountInString(w) >= 2 && strings.HasSuffix(w, "해")
}

// requestWord is a word of a request around a question (말씀해 주세요,
// 설명해 주시겠어요, 같이).
func requestWord(w string) bool {
	for _, p := range []string{"말씀", "설명", "주세요", "주시겠", "주실", "같이", "함께", "좀", "알려", "얘기", "이야기", "기준으로", "중심으로", "바탕으로", "궁금", "please", "explain", "tell", "describe"} {
		if strings.HasPrefix(strings.ToLower(w), p) {
			return true
		}
	}
	return false
}

// pointSubjects are the names a rubric's points are filed under ("EBS",
// "EFS", "S3" of "EBS EFS S3"), when there are two or more.
func pointSubjects(r Rubric, g *token.Glossary) bag {
	var names []string
	for _, kp := range r.Points {
		if s := pointSubject(kp); s != "" && !slices.Contains(names, s) {
			names = append(names, s)
		}
	}
	if len(names) < 2 {
		return bag{}
	}
	return newBag(analyze(strings.Join(names, " "), g))
}

// situationNoun tells a noun that points back at the question's own
// scene ("그게 왜 조건을 만족하는지"): the answer answers it by answering the
// scene, not by saying the word.
func situationNoun(w string) bool {
	for _, n := range []string{"조건", "상황", "요구사항", "요건", "요청"} {
		if token.StripParticles(w) == n {
			return true
		}
	}
	return false
}

// modalVerb tells a light verb in -야 before 하다 or 되다 ("가야 하는지",
// "봐야 하나요"): it names nothing the part asks. A verb of content
// ("조심해야 할 점", "준비해야 하고요") is what the part asks.
func modalVerb(w, next string) bool {
	return slices.Contains([]string{"가야", "와야", "해야", "봐야", "돼야", "되어야", "있어야"}, w) && (strings.HasPrefix(next, "하") || strings.HasPrefix(next, "할") || strings.HasPrefix(next, "했") || strings.HasPrefix(next, "되") || strings.HasPrefix(next, "돼") || strings.HasPrefix(next, "될"))
}

// askedRoute tells a part that asks the way something goes (경로).
func askedRoute(ts []term) bool {
	return slices.ContainsFunc(ts, func(t term) bool { return t.key == "경로" || t.key == "route" })
}

// pointReached tells a part whose words name a point of the notes (the
// point holds two of them and at least half, or the part's one word that no
// other point holds) that the answer reached, covered or in
// part: it answered that part, in words of its own.
//
// What the answer shares with that point must be more than the names of
// the things the points are about ("Producer", "Consumer" said of the
// broker's line leave what the broker does unsaid).
//
// Of a part that asks why ("그게 왜 가능한 건가요"), the line must be
// covered: reached in part, its reason is what is missing.
func pointReached(r Rubric, g Grade, concrete []term, said, items bag, why bool, gl *token.Glossary) bool {
	if len(concrete) == 0 {
		return false
	}
	lines := make([]bag, len(r.Points))
	for i, kp := range r.Points {
		lines[i] = newBag(analyze(kp.Text, gl))
	}
	// a word of a single line of the notes names that line ("과적합"); one
	// in many ("가능") names none
	only := func(t term) bool {
		n := 0
		for _, b := range lines {
			if b.match(t) >= 0.8 {
				n++
			}
		}
		return n == 1
	}
	for i, kp := range r.Points {
		if s := statusOf(g, i); s != Covered && (s != Partial || why) {
			continue
		}
		pa := analyze(kp.Text, gl)
		pb := lines[i]
		if !slices.ContainsFunc(pa.terms, func(t term) bool { return t.key != "" && said.match(t) >= 0.8 && items.match(t) < 0.8 }) {
			continue
		}
		hit := 0
		for _, t := range concrete {
			if pb.match(t) >= 0.8 {
				hit++
			}
		}
		if hit >= 2 && 2*hit >= len(concrete) || len(concrete) == 1 && hit == 1 && only(concrete[0]) {
			return true
		}
	}
	return false
}

// askedOfEach tells a part that asks the same of each thing it names
// ("각각", "둘 다").
func askedOfEach(part string) bool {
	return strings.Contains(part, "각각") || strings.Contains(part, "둘 다") || strings.Contains(strings.ToLower(part), " each")
}

// askedWhy tells a part that asks for a reason.
// asksGood tells a part that asks what something is good for ("왜 도움이
// 되는지", "어떤 점이 좋나요").
func asksGood(part string) bool {
	// "왜 원인 찾기가 쉬워지는지" asks a merit by its adjective
	return strings.Contains(part, "도움") || strings.Contains(part, "좋") && questionWords(part) > 0 || askedWhy(part) && saysMerit(part)
}

func askedWhy(part string) bool {
	l := strings.ToLower(part)
	return strings.Contains(part, "왜") || strings.Contains(part, "이유") || strings.Contains(l, "why")
}

// whileWord tells a noun that only sets when ("운영 중에", "배포할 때",
// "그 동안", "아무 규칙도 없는 상태에서는"): what the part asks is around it.
func whileWord(w string) bool {
	for _, base := range []string{"중", "때", "동안", "도중"} {
		if rest, ok := strings.CutPrefix(w, base); ok {
			switch rest {
			case "", "에", "에는", "엔", "에도", "에서", "는", "도":
				return true
			}
		}
	}
	// "넣지 않은 상태에서는": the state the part sets, not what it asks
	switch w {
	case "상태에서", "상태에서는", "상태에선", "상태에서도":
		return true
	}
	return false
}

// futureAdnominal tells a verb in its -(으)ㄹ form ("선택할", "배포할",
// "찾을"), which before 때 or 동안 says when.
func futureAdnominal(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return token.Final(r) == token.FinalRieul
}

// withinWord tells a word that places a thing inside another ("애자일
// 안에서 어떤 성격의 방법론인지"): where the part looks, not what it asks.
func withinWord(w string) bool {
	for _, base := range []string{"안", "내", "속"} {
		if rest, ok := strings.CutPrefix(w, base); ok {
			switch rest {
			case "에서", "에", "에서는", "에서의", "의":
				return true
			}
		}
	}
	return false
}

// mannerWord tells a word that says how or which way, not what: 식으로,
// 방식으로, 쪽으로(는), 미리. (대로 after an adnominal, "아시는 대로", too;
// "몇 대로" counts servers.)
func mannerWord(w string) bool {
	switch w {
	case "식으로", "방식으로", "쪽으로", "쪽으로는", "쪽에서", "쪽에서는", "쪽은", "미리":
		return true
	}
	return false
}

// auxVerb tells an auxiliary verb after a verb's -아/-어 form (알아 둬야,
// 갖춰 놔야, 써 보셨나요, 따져 볼).
func auxVerb(w string) bool {
	for _, a := range []string{"둬", "두어", "놔", "놓아", "놓고", "놓을", "봐", "볼", "보는", "보셨", "보시", "버리"} {
		if strings.HasPrefix(w, a) {
			return true
		}
	}
	return false
}

// asksBothSides tells a part that asks for merits and drawbacks together
// ("선택할 때 따져 봐야 할 장단점", "장점과 단점").
func asksBothSides(part string) bool {
	l := strings.ToLower(part)
	return strings.Contains(part, "장단점") || strings.Contains(part, "장점") && strings.Contains(part, "단점") || strings.Contains(l, "pros and cons")
}

// saysDrawback tells an answer that says something is worse, costs or
// limits ("준비 시간이 길어서 지연이 생깁니다", "리소스가 제한됩니다").
func saysDrawback(answer string) bool {
	return mentions(answer, "단점", "어렵", "어려", "불편", "느리", "느려", "느릴", "느린", "지연", "제한", "한계", "비싸", "부담", "drawback", "downside", "disadvantage")
}

// askOtherSide asks the drawbacks after an answer that gave a question's
// "장단점" only merits (or the merits after only drawbacks): the part was
// taken up, so "아직 답하지 않으셨는데" would re-ask what was said (fresh34's
// Lambda: "비용을 아낄 수 있습니다"), and the side left out is the question.
func (fb *followupBuilder) askOtherSide(r Rubric, g Grade) {
	topic := fb.topic
	if topic == "" || strings.TrimSpace(fb.answer) == "" || !slices.ContainsFunc(questionParts(r.Question), asksBothSides) {
		return
	}
	meritReached, _ := aspectReached(r, g, analyze("장점", fb.gl).terms, fb.gl)
	drawbackReached, _ := aspectReached(r, g, analyze("단점", fb.gl).terms, fb.gl)
	merit, drawback := meritReached || saysMerit(fb.answer), drawbackReached || saysDrawback(fb.answer)
	switch {
	case merit && !drawback:
		fb.add(facetKey(topic, "단점"), fb.leadOn(facetQuestion(topic, "단점", fb.ko())))
	case drawback && !merit:
		fb.add(facetKey(topic, "장점"), fb.leadOn(facetQuestion(topic, "장점", fb.ko())))
	}
}

// leadOn opens a question that takes up the other side of what was just
// said ("그럼 …").
func (fb *followupBuilder) leadOn(q string) string {
	if q == "" || !fb.ko() {
		return q
	}
	return "그럼 " + q
}

// namesAsked is how many names a part asking for a kind of thing wants:
// one, or one for each side of a difference.
func namesAsked(part string) int {
	if askedDifference(part) {
		return 2
	}
	return 1
}

// askedDifference tells a part that asks how things differ (다른지, 차이,
// 비교, 어떻게 나뉘는지, differ).
func askedDifference(part string) bool {
	return mentions(part, "다른지", "다른가", "다르고", "다를까", "차이", "비교", "나뉘는지", "나뉘나", "differ")
}
