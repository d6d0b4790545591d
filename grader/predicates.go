package grader

import (
	"slices"
	"strings"
	"unicode/utf8"

	"grader/token"
)

// Negated predicates. Whole-clause alignment misses a negation said in other
// words around the same predicate ("자료를 분산하지 않고 한 곳에 모아" against
// "자료를 분산해서 저장"). Here the predicate a negation applies to is found
// (the content word before 않/없/지 않, the one after 안/못, or an antonym
// such as 수동, 어렵다, 절감), and a notes clause that states the same
// predicate the other way round, about something the answer sentence also
// names, is contradicted.

// predicate is one polarised content word of a clause.
type predicate struct {
	key      string
	negative bool
}

// predicatesOf lists the clause's polarised predicates: negated words and
// antonym-pair members.
func predicatesOf(c clause) []predicate {
	var out []predicate
	ts := c.terms
	for i, t := range ts {
		switch {
		case t.key == "much" && (t.text == "많은" || t.text == "큰" || t.text == "적은" || t.text == "작은"):
			// how much, said of the noun after it, is no predicate: "외부
			// 제약이 많은 환경에는 한계가 있다" says what "제약이 많지 않아야
			// 한다" says
		case t.key == "easy" && t.flip && i > 0 && abilityOf(ts[i-1]) && !negatedAt(ts, i):
			// "확보하기는 어렵다" says 확보 cannot be done
			out = append(out, predicate{ts[i-1].key, true})
		case t.key != "" && t.flip:
			out = append(out, predicate{t.key, !negatedAt(ts, i)})
		case t.key == "easy" && i > 0 && abilityOf(ts[i-1]) && (ts[i-1].flip || isAntonymKey(ts[i-1].key)):
			// "끊기기 쉽다": liable to what the word before says, whose own
			// polarity is the claim; no ease against the notes' 어려움
		case t.key != "" && isAntonymKey(t.key):
			out = append(out, predicate{t.key, negatedAt(ts, i)})
		case t.neg && t.key == "" && (t.text == "아니라" || t.text == "아니고") && (t.alike || contrastOfNames(ts, i)):
			// "서버 단위가 아니라 함수 단위로": a contrast of what modifies one
			// noun negates no claim. ("자동화는 핵심이 아니라 부수적인 것"
			// denies 핵심, below.)
		case t.neg && t.key == "" && t.text != "없이":
			// "자체 보안 그룹 없이 …을 따른다": "without X" qualifies what
			// follows; it denies no statement of the notes.
			// "키울 필요가 없으니": a need denied is necessityOf's, not a claim of 필요
			if j := negationTarget(ts, i); j >= 0 && !isAntonymKey(ts[j].key) && !ts[j].flip && !strings.HasPrefix(ts[j].text, "필요") {
				out = append(out, predicate{ts[j].key, true})
			}
		}
	}
	if neg, ok := necessityOf(ts); ok {
		out = append(out, predicate{necessityKey, neg})
	}
	return out
}

// deniedKeys are the words a point of the rubric itself denies ("NLB:
// 보안 그룹 설정 안함"): denying one too ("NLB는 자체 보안 그룹이 없어서")
// says what that point says, not the opposite of another line that names
// it plainly ("Backend의 보안그룹 규칙을 따름"; fresh24's thin answer).
func deniedKeys(pr *prepared) map[string]bool {
	out := map[string]bool{}
	for _, p := range pr.points {
		for _, pc := range p.clauses {
			if !pc.negative || pc.conditional {
				continue
			}
			for _, t := range pc.terms {
				if t.key != "" && !t.neg {
					out[t.key] = true
				}
			}
		}
	}
	return out
}

// possessedElsewhere tells a negation said of a place or possessor the
// notes' clause does not name ("자체 TCP 프로토콜에는 그런 정보가 없으니"
// against "ALB: HTTP의 헤더 정보를 이용"): TCP lacks it, not ALB.
func possessedElsewhere(ac, pc clause, p judgedPoint, pr *prepared) bool {
	subject := p.subject
	// the point's own headings are not elsewhere ("쉘에는 … 기능이 없어서"
	// under Shell Programming)
	nb := newBag(analysis{terms: append(slices.Clone(pc.terms), pr.analysisOf(strings.Join(p.kp.Passage.HeadingPath, " ")).terms...)})
	for i, t := range ac.terms {
		if t.neg {
			return false
		}
		if t.kind != token.Latin || t.key == "" || t.key == subject {
			continue
		}
		if at := particleAfter(ac.terms, i); (at == "에는" || at == "에서는") && nb.match(t) < 0.8 {
			return true
		}
	}
	return false
}

// contrastOfNames tells "A가 아니라 B" whose A is a name ("kubelet이 아니라
// 컨테이너 런타임이"): which thing does it is for the swap checks, and it
// denies no claim of A.
func contrastOfNames(ts []term, i int) bool {
	for j := i - 1; j >= 0; j-- {
		if ts[j].key != "" {
			return ts[j].kind == token.Latin
		}
	}
	return false
}

// necessityKey is the predicate "it is needed": "뒷받침 되어야 한다", "필수",
// "필요하다" assert it; "필수 조건은 아니라서", "나중에 도입해도 됩니다", "없어도
// 된다" deny it.
const necessityKey = "opt:necessary"

func necessityOf(ts []term) (negative, ok bool) {
	last := lastContent(ts, 2)
	for i, t := range ts {
		if t.kind != token.Hangul {
			continue
		}
		w := t.text
		// "필요한 것만", "필요 없는 코드": a need that qualifies a noun is no claim
		need := needWord(w) && !strings.HasSuffix(w, "한")
		switch {
		case need && deniedLater(ts, i):
			return true, true
		case (strings.HasSuffix(w, "어도") || strings.HasSuffix(w, "아도") || strings.HasSuffix(w, "해도") || strings.HasSuffix(w, "워도")) && i+1 < len(ts) &&
			(strings.HasPrefix(ts[i+1].text, "되") || strings.HasPrefix(ts[i+1].text, "돼") || strings.HasPrefix(ts[i+1].text, "괜찮")):
			return true, true // "나중에 도입해도 됩니다": it may wait
		case need && slices.Contains(last, i) && !negatedAt(ts, i):
			return false, true
		case strings.HasSuffix(w, "야") && utf8.RuneCountInString(w) >= 2 && i+1 < len(ts) &&
			(strings.HasPrefix(ts[i+1].text, "한") || strings.HasPrefix(ts[i+1].text, "합") || strings.HasPrefix(ts[i+1].text, "하") || strings.HasPrefix(ts[i+1].text, "된") || strings.HasPrefix(ts[i+1].text, "됩")):
			return false, true // "…되어야 한다"
		}
	}
	return false, false
}

// deniedLater tells a word whose noun phrase is negated a little later, as a
// predicate: "필수 조건은 아니라서" denies 필수; "필요 없는 코드" qualifies a noun.
func deniedLater(ts []term, i int) bool {
	for j := i + 1; j < len(ts) && j <= i+3; j++ {
		if ts[j].neg && ts[j].key == "" {
			return !strings.HasSuffix(ts[j].text, "는") && !strings.HasSuffix(ts[j].text, "닌")
		}
	}
	return false
}

// negatedAt tells whether the word at i is negated: followed within two
// words by 않/없/못하 (지 않다), or preceded by 안/못.
func negatedAt(ts []term, i int) bool { return negationOf(ts, i) >= 0 }

// negationOf is the index of the marker that negates the word at i (see
// negatedAt), or -1.
func negationOf(ts []term, i int) int {
	for j := i + 1; j < len(ts) && j <= i+3; j++ {
		if ts[j].neg && ts[j].key == "" && !preNegation(ts[j].text) {
			return j
		}
		if ts[j].key != "" && !lightVerb(ts[j].text) && !(headNoun[ts[j].key] && j == i+1) {
			break // a head noun right after the word carries its negation ("자동화 대상이 아니라서")
		}
	}
	if i > 0 && ts[i-1].neg && preNegation(ts[i-1].text) {
		return i - 1
	}
	return -1
}

// hadaOrDoeda tells a form of 하다 or 되다 (해서, 합니다, 됐다).
func hadaOrDoeda(w string) bool {
	for _, p := range []string{"해", "하", "했", "합", "돼", "되", "됐", "됩"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// needWord tells a word of need (필요, 필수).
func needWord(w string) bool { return strings.HasPrefix(w, "필요") || strings.HasPrefix(w, "필수") }

// lightVerb tells the verbs that carry a negation for the word before them:
// 자동으로 "되지" 않는다, 분산"하지" 않고.
func lightVerb(w string) bool {
	for _, p := range []string{"되지", "하지", "되진", "하진", "돼지", "해지", "있지", "이지"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// negationTarget is the content word a negation marker at i applies to, or -1.
func negationTarget(ts []term, i int) int {
	if preNegation(ts[i].text) {
		// 안/못 negate the very next word ("안 걸고"); before a bare light
		// verb ("삭제하는 건 못 해서") they negate what comes before it.
		if i+1 < len(ts) && ts[i+1].key != "" {
			return i + 1
		}
		// "요청이 파드까지 안 가면": a short verb of its own (가다, 오다) is what
		// is negated, not the noun before it; only 하다/되다 carry the
		// negation back to it
		if i+1 < len(ts) && ts[i+1].kind == token.Hangul && !hadaOrDoeda(ts[i+1].text) {
			return -1
		}
	}
	for j := i - 1; j >= 0 && j >= i-5; j-- {
		t := ts[j]
		if t.key == "" || lightVerb(t.text) || adjunct(ts, j) || token.PolarityAdverb(t.text) {
			continue // "Terraform으로는 못 해서": the tool is not what is denied; "굳이 없어도": nor how strongly
		}
		if strings.HasPrefix(ts[i].text, "없") && j > 0 && subjectParticle(ts, j) && ts[j-1].kind == token.Hangul && ts[j-1].key != "" && adnominalVerb(ts[j-1].text) {
			// "빠지는 요청이 없습니다": there is no request that goes
			// missing; what is denied is going missing, not the request
			return j - 1
		}
		if headNoun[t.key] {
			// "동기화 기능이 없다": what is missing is 동기화; "권한 구성은
			// Terraform으로 다루는 영역이 아니라서": what it does not handle is
			// the topic, 구성
			for k := j - 1; k >= 0 && k >= j-4; k-- {
				if ts[k].key != "" {
					if genericVerb[ts[k].key] {
						if m := topicBefore(ts, k); m >= 0 {
							return m
						}
					}
					return k
				}
			}
		}
		if genericVerb[t.key] {
			// "반정규화는 … 적용하지 않았다": what is not applied is the topic
			if k := topicBefore(ts, j); k >= 0 {
				return k
			}
		}
		return j
	}
	return -1
}

// adjunct tells a word marked as an instrument, place or companion (X로,
// X에서, X와): it says how or where, not what is denied.
func adjunct(ts []term, j int) bool {
	switch particleAfter(ts, j) {
	case "로", "으로", "로는", "으로는", "에서", "에서는", "에게", "와", "과", "랑", "이랑":
		return true
	}
	return false
}

// genericVerb are verbs whose object or topic carries the meaning: "X를
// 적용하지 않았다" denies X.
var genericVerb = map[string]bool{"적용": true, "사용": true, "도입": true, "활용": true, "이용": true, "쓰지": true, "use": true,
	// "요청에는 관여하지 않는다": what it has no part in is the request
	"관여": true, "개입": true, "참여": true, "담당": true, "다루": true, "지원": true}

// topicBefore is the nearest word before j marked as topic or object
// (은/는/을/를/도), or -1.
func topicBefore(ts []term, j int) int {
	for k := j - 1; k >= 0; k-- {
		if ts[k].key == "" {
			continue
		}
		switch particleAfter(ts, k) {
		case "은", "는", "을", "를", "도", "에는":
			return k
		}
	}
	return -1
}

// headNoun are nouns that name what kind of thing the word before them is
// (동기화 "기능", 확인 "과정"): a negation of the phrase negates that word.
var headNoun = map[string]bool{"기능": true, "과정": true, "방법": true, "능력": true, "역할": true, "절차": true, "단계": true, "작업": true, "영역": true, "범위": true,
	// "모니터링은 자동화 대상이 아니라서": what it is not is automated
	"대상": true}

// abilityOf tells a nominalised verb (확보하기, 운영하기는) before 어렵다:
// "X하기 어렵다" is "X cannot be done", not a statement about difficulty.
func abilityOf(t term) bool {
	if t.key == "" || t.kind != token.Hangul {
		return false
	}
	for _, e := range []string{"기", "기는", "기가", "기도", "기란"} {
		if strings.HasSuffix(t.text, e) {
			return true
		}
	}
	return false
}

// preNegation tells the adverbs that negate the word after them.
func preNegation(w string) bool {
	switch w {
	case "안", "못", "not", "never", "no", "cannot":
		return true
	}
	return false
}

var antonymKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, a := range antonyms {
		m[a.key] = true
	}
	return m
}()

func isAntonymKey(k string) bool { return antonymKeys[k] }

// predicateConflicts flags a notes clause whose predicate the answer states
// with the opposite polarity, when the answer sentence also names one of the
// clause's other content words (what the predicate is about).
func predicateConflicts(pr *prepared, ans *answerAnalysis) []conflict {
	type ref struct{ p, c int }
	agreed := map[ref]bool{}
	// restated: notes clauses an answer clause restates with one predicate
	// said their way; another predicate of the clause may still be said the
	// other way ("작업이 배정되지 않았을 때 미리 스케일 업").
	type said struct {
		ref ref
		key string
	}
	restated := map[said]bool{}
	type hit struct {
		ref  ref
		sent int
		key  string
	}
	// How the notes state each predicate anywhere: an answer that says it
	// the way some line of the notes does is not contradicting them.
	stated := map[predicate]bool{}
	for _, p := range pr.points {
		for _, pc := range p.clauses {
			for _, np := range predicatesOf(pc) {
				stated[np] = true
			}
		}
	}
	denied := deniedKeys(pr)
	var hits []hit
	keys := entityKeys(pr)
	carry := questionSubject(pr)
	for si, s := range ans.sents {
		if statusQuo(s.text) {
			continue
		}
		// The sentence's subject, or the one the answer last named: "kube-
		// controller-manager가 담당합니다. … 직접 조치하지는 않습니다" is
		// still about it.
		subj, own := carry, ""
		topic := sentenceTopic(s.clauses)
		for aci, ac := range s.clauses {
			if aci > 0 && len(topic) > 0 {
				// "파드 IP는 한 번 할당되면 재시작해도 그대로 유지되니까": the
				// topic the sentence opened with is what its later clauses
				// are said of
				ac.terms = append(slices.Clone(ac.terms), topic...)
			}
			if k, _, _ := clauseSubject(ac, pr, keys); k != "" {
				subj, own, carry = k, k, k
			}
			// the clause's own words and the sentence's topic: when they
			// anchor one notes clause of the predicate, it is the one the
			// clause speaks of ("도입 비용이 거의 안 들고, 최초 아키텍처를
			// 잡을 때 복잡성이…" denies 증가 of cost, not of the complexity
			// its next clause names)
			cb := newBag(analysis{terms: ac.terms})
			for _, ap := range predicatesOf(ac) {
				var loose []hit // anchored by the sentence only
				ownAnchor := false
				if stated[ap] {
					// said as the notes say it, in a clause that restates
					// theirs: the notes clause is not contradicted by another
					// clause of the answer ("초기 비용은 늘지만 장기적으로는
					// 운영·확장 비용이 줄어듭니다")
					ab := newBag(analysis{terms: ac.terms})
					for pi, p := range pr.points {
						for ci, pc := range p.clauses {
							if slices.Contains(predicatesOf(pc), ap) && clauseF1(ac, ab, pc, pr) >= minPolarityF1 {
								restated[said{ref{pi, ci}, ap.key}] = true
							}
						}
					}
					continue
				}
				for pi, p := range pr.points {
					if own != "" && p.subject != "" && own != p.subject {
						continue // "EBS는 … 공유용이 아닙니다" says nothing of EFS's sharing
					}
					for ci, pc := range p.clauses {
						if pc.conditional || ac.conditional && !holdsCondition(pc) {
							// a condition of the answer is a claim only
							// against a condition the notes state ("손실
							// 증가 시 … 조기 종료" / "손실이 떨어지면")
							continue
						}
						if cautionFor(ac, pc) {
							// "걱정되는 건 외부 규칙이 많다는 점" warns of what
							// "많지 않아야 한다" rules out: the same advice
							continue
						}
						for _, np := range predicatesOf(pc) {
							if np.key != ap.key || !(anchoredTo(s.bag, pc, ap.key, pr, p.subject) && !needOfItsOwn(ap, ac) || clauseBound(withoutNeed(ac), withoutNeed(pc), ap.key)) {
								continue
							}
							if np.negative == ap.negative {
								agreed[ref{pi, ci}] = true
							} else if len(s.clauses) > 1 && !anchoredTo(cb, pc, ap.key, pr, p.subject) && !clauseBound(withoutNeed(ac), withoutNeed(pc), ap.key) {
								loose = append(loose, hit{ref{pi, ci}, si, ap.key})
							} else {
								ownAnchor = true
								hits = append(hits, hit{ref{pi, ci}, si, ap.key})
							}
						}
						if !ap.negative || possessedElsewhere(ac, pc, p, pr) || denied[ap.key] {
							continue
						}
						// A negated word the notes state plainly: 분산하지 않고 / 분산해서.
						// Korean puts the predicate last: only the clause's last
						// two content words are what it asserts.
						praised := evaluatedNouns(pc.terms)
						at := append(append(lastContent(pc.terms, 2), praised...), possibleNouns(pc.terms)...)
						if pr.entities[ap.key] == "" && (sharedContent(s.bag, pc.terms, pr, ap.key) >= 2 || p.list) {
							// The sentence restates the clause: its predicate
							// may sit anywhere in it ("…가능한 단위"). Not for an
							// entity: "자체 보안 그룹 없이" denies a thing, not a claim.
							at = allContent(pc.terms)
							if p.list && sharedContent(s.bag, pc.terms, pr, ap.key) < 2 {
								// an item of a list: the one the sentence names
								// beside the predicate ("IAM 같은 권한 구성" is
								// "AWS IAM 구성", not "구성 관리")
								at = namedItems(pc.terms, s.bag, ap.key)
							}
						}
						for _, i := range at {
							t := pc.terms[i]
							// a quality the notes praise in a statement of the section's own topic
							// ("격리나 확장성이 좋아서") is named by the word itself
							ownQuality := p.subject == "" && slices.Contains(praised, i)
							// "운영 경험자" and "…경험은 없어도 된다" meet when the
							// clauses share another word: 경험 alone names nothing.
							person := false
							if n, ok := token.PersonNoun(t.key); ok && n == ap.key {
								person = clauseBound(ac, pc, t.key)
							}
							if (sameKey(t.key, ap.key) || person) && !t.flip && !isAntonymKey(t.key) && !negatedAt(pc.terms, i) && !pc.negative && (ownQuality || anchoredTo(s.bag, pc, ap.key, pr, p.subject) || subj != "" && subj == p.subject || p.list && clauseBound(ac, wholePoint(p), ap.key)) {
								hits = append(hits, hit{ref{pi, ci}, si, ap.key})
							}
						}
					}
				}
				if !ownAnchor {
					hits = append(hits, loose...)
				}
			}
		}
	}
	var out []conflict
	seen := map[int]bool{}
	for _, h := range hits {
		if agreed[h.ref] || restated[said{h.ref, h.key}] || seen[h.ref.p] {
			continue
		}
		seen[h.ref.p] = true
		out = append(out, conflict{point: h.ref.p, sent: h.sent, subject: pr.points[h.ref.p].subject, class: "polarity",
			polarity: true, clause: pr.points[h.ref.p].kp.Text})
	}
	return out
}

// sentenceTopic is the noun phrase a sentence opens with under the topic
// particle 은/는 ("파드 IP는 …", "서브넷은 …"), or nil. A setting said
// before it ("쿠버네티스에서 파드 IP는", fresh20's negation) is not part
// of it, nor are the fillers a spoken sentence opens with ("음", "사실").
func sentenceTopic(cs []clause) []term {
	if len(cs) == 0 {
		return nil
	}
	var out []term
	start, set := 0, false
	for i, t := range cs[0].terms {
		if i-start >= 5 {
			break
		}
		if len(out) == 0 && t.key == "" && !t.neg && !t.flip {
			start = i + 1
			continue
		}
		if t.key == "" && (t.text == "는" || t.text == "은") && len(out) > 0 {
			return out
		}
		if t.key == "" && (t.text == "에서" || t.text == "에선") && len(out) > 0 && !set {
			out, start, set = nil, i+1, true
			continue
		}
		if t.key == "" || t.flip || t.neg || isAntonymKey(t.key) {
			return nil
		}
		out = append(out, t)
		if p := token.Particle(t.text); t.kind == token.Hangul && (p == "는" || p == "은") {
			return out
		}
	}
	return nil
}

// evaluatedNouns are the nouns a clause says are good ("격리나 확장성이
// 좋아서", "성능이 뛰어나고"): what the clause asserts of them, as much as its
// last words; "격리가 잘 되지 않아서" denies it.
func evaluatedNouns(ts []term) []int {
	var out []int
	for i, t := range ts {
		if t.kind != token.Hangul || !praises(t.text) || negatedAt(ts, i) {
			continue
		}
		n := 0
		for j := i - 1; j >= 0 && n < 3; j-- {
			if ts[j].key == "" {
				continue // a particle: 이, 나, 와
			}
			if ts[j].kind == token.Hangul && asksOrActs(ts[j].text) {
				break // a verb ends the subject phrase
			}
			out = append(out, j)
			n++
		}
	}
	return out
}

// praises tells a word that says its subject is good: 좋다, 뛰어나다, 우수하다,
// 높다, 탁월하다 (the stemmer leaves one-syllable stems whole: 좋아서, 높다).
func praises(w string) bool {
	for _, p := range []string{"좋", "뛰어나", "우수", "높", "탁월", "훌륭"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// possibleNouns are the words the notes call possible, wherever in the
// clause: "독립적인 배포와 확장이 가능한 단위" says 배포 and 확장 can be done,
// which "따로 배포하거나 확장할 수는 없어서" denies.
func possibleNouns(ts []term) []int {
	var out []int
	for i, t := range ts {
		if t.key != "가능" || negatedAt(ts, i) {
			continue
		}
		// the noun before it, and one joined to that by 와/과/및/나
		for j, n := i-1, 0; j >= 0 && n < 2; j-- {
			if ts[j].key == "" {
				if n == 1 && !slices.Contains([]string{"와", "과", "및", "나", "이나"}, ts[j].text) {
					break
				}
				continue
			}
			if ts[j].kind != token.Hangul && ts[j].kind != token.Latin {
				break
			}
			out = append(out, j)
			n++
		}
	}
	return out
}

// lastContent returns the indexes of the last n content words.
func lastContent(ts []term, n int) []int {
	var out []int
	for i := len(ts) - 1; i >= 0 && len(out) < n; i-- {
		if ts[i].key != "" {
			out = append(out, i)
		}
	}
	return out
}

// sameKey matches a key, or a Korean compound ending in it (에러처리 and
// 처리), two syllables at least.
func sameKey(notes, answer string) bool {
	if notes == answer {
		return true
	}
	return utf8.RuneCountInString(answer) >= 2 && kindOf(answer) == token.Hangul && strings.HasSuffix(notes, answer)
}

// wholePoint is a point's clauses as one: a list's items are one statement.
func wholePoint(p judgedPoint) clause {
	var ts []term
	for _, c := range p.clauses {
		ts = append(ts, c.terms...)
	}
	return clause{terms: ts}
}

// namedItems are the content words of the comma-separated items of a list
// clause that the sentence names: the predicate alone ("삭제"), or with
// another of the item's words ("AWS IAM 구성" for "IAM 같은 권한 구성";
// not "구성 관리").
func namedItems(ts []term, sent bag, key string) []int {
	var out, item []int
	named, others := false, 0
	flush := func() {
		if named || others == 0 {
			out = append(out, item...)
		}
		item, named, others = nil, false, 0
	}
	for i, t := range ts {
		if i > 0 && strings.Contains(t.gap, ",") {
			flush()
		}
		if t.key == "" {
			continue
		}
		item = append(item, i)
		if t.key != key {
			others++
			named = named || sent.match(t) >= 0.8
		}
	}
	flush()
	return out
}

func allContent(ts []term) []int {
	var out []int
	for i, t := range ts {
		if t.key != "" {
			out = append(out, i)
		}
	}
	return out
}

// anchoredTo tells whether an answer sentence names a content word of the
// notes clause besides its predicate (question words aside), or the point's
// subject (kube-controller-manager for "조치하는 역할") is named by the answer
// sentence or the question: the two speak of the same thing.
func anchoredTo(sent bag, pc clause, pred string, pr *prepared, subject string) bool {
	if ws := pr.entityWords[subject]; len(ws) > 0 && (sent.match(ws[0]) >= 0.8 || pr.qbag.match(ws[0]) >= 0.8) {
		return true
	}
	return sharedContent(sent, pc.terms, pr, pred) > 0
}

// needOfItsOwn tells a need said of something its clause names ("전체를 같이
// 키울 필요가 없으니", "따로 둘 필요는 없고": no need for that): it meets the
// notes' need only in a clause about the same thing (clauseBound), not
// through the sentence.
func needOfItsOwn(ap predicate, ac clause) bool {
	if ap.key != necessityKey {
		return false
	}
	for _, t := range ac.terms {
		need := needWord(t.text)
		verb := t.kind == token.Hangul && (asksOrActs(t.text) || strings.HasSuffix(t.text, "다") || strings.HasSuffix(t.text, "요"))
		// 굳이, 꼭 say how strongly; 따로 says what is not needed
		if t.key != "" && !need && !(token.PolarityAdverb(t.text) && !isAntonymKey(t.key)) && !verb {
			return true
		}
	}
	return false
}

// withoutNeed drops the words of need (필요, 필수) from a clause: two
// clauses that share only the need share nothing of what is needed.
func withoutNeed(c clause) clause {
	c.terms = slices.DeleteFunc(slices.Clone(c.terms), func(t term) bool { return needWord(t.text) })
	return c
}

// clauseBound tells whether two clauses share a content word besides the
// predicate, question words included: "복구는 자동으로 되지 않아서" and
// "자동화된 복구" say opposite things of 복구 even when the question asked
// about 복구 (anchored leaves question words out because a whole sentence
// usually names them; a clause names them only when it is about them).
func clauseBound(ac, pc clause, pred string) bool {
	keys := map[string]bool{}
	for _, t := range pc.terms {
		if t.key != "" && t.key != pred && t.kind != token.Number && !strings.HasPrefix(t.key, "opt:") {
			keys[t.key] = true
		}
	}
	for _, t := range ac.terms {
		if keys[t.key] {
			return true
		}
	}
	return false
}

// holdsCondition tells a notes clause that states a condition inside it
// with a noun of time or case (증가 시, 실패할 때, 없는 경우).
func holdsCondition(c clause) bool {
	for _, t := range c.terms {
		switch strings.TrimRight(t.text, ",.") {
		case "시", "시에", "때", "때에", "때는", "경우", "경우에", "경우에는", "경우엔":
			return true
		}
	}
	return false
}
