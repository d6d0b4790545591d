package grader

import (
	"slices"
	"strings"
	"unicode/utf8"

	"grader/token"
)

// Dismissed parts. The notes say a thing plays a part: something goes
// through it, is for it, needs it, rests on it, or is limited by it ("MSA를
// 위해서는 클라우드와 데브옵스가 뒷받침 되어야 한다", "사전에 구성된 테스트
// 케이스와 CI/CD를 통해 진행된다", "디지털 트랜스포메이션에 클라우드가 아주
// 중요한 역할을 한다", "대규모 프로젝트에는 제한이 있다"). An answer that
// waves the thing away ("CI/CD 파이프라인이랑은 상관없이", "클라우드와는 크게
// 관련이 없습니다", "클라우드나 DevOps가 없어도 충분히", "꼭 필요한 건
// 아니라서") denies that line however few of its other words it repeats:
// the clause F1 polarityConflicts needs is out of reach when the denial is
// a phrase of its own. "AZ와 상관없이 접근" says nothing against "여러 AZ를
// 거쳐 복제": the line must state the part.
func dismissalConflicts(pr *prepared, ans *answerAnalysis) []conflict {
	var out []conflict
	flagged := map[int]bool{}
	for si, s := range ans.sents {
		if statusQuo(s.text) {
			continue
		}
		for _, things := range dismissed(s.clauses) {
			best, bestN := -1, -1
			for pi, p := range pr.points {
				if flagged[pi] {
					continue
				}
				for _, pc := range p.clauses {
					if pc.conditional || !involves(pc, things) {
						continue
					}
					// the line that shares most else with the sentence (the
					// things themselves are no anchor)
					rest := slices.DeleteFunc(slices.Clone(pc.terms), func(x term) bool {
						return slices.ContainsFunc(things, func(th term) bool { return oneThing(th, x) })
					})
					if n := sharedContent(s.bag, rest, pr, ""); n > bestN {
						best, bestN = pi, n
					}
				}
			}
			if best >= 0 {
				flagged[best] = true
				out = append(out, conflict{point: best, sent: si, subject: pr.points[best].subject, class: "polarity", polarity: true, clause: pr.points[best].kp.Text})
			}
		}
	}
	return out
}

// dismissed reads the things a sentence waves away, one group for each
// phrase: those "X랑은 상관없이" relates to nothing, those "X가 꼭 필요한 건
// 아니다" says are not needed, and those "X 없이도 충분하다" does without.
// (A condition, "클라우드가 없으면", is none of these.)
func dismissed(cs []clause) [][]term {
	var ts []term
	for _, c := range cs {
		ts = append(ts, c.terms...)
	}
	var out [][]term
	for i := range ts {
		var things []term
		switch {
		case unrelated(ts, i):
			things = relatedThings(ts, i)
		case notNeededAt(ts, i):
			things = termsAt(ts, subjectNouns(ts, i))
		case withoutAt(ts, i) && sufficientAfter(ts, i):
			things = termsAt(ts, listBefore(ts, nounAt(ts, i-1)))
		case unworriedAt(ts, i):
			things = termsAt(ts, nearestSubject(ts, i))
		}
		if len(things) > 0 {
			out = append(out, things)
		}
	}
	return out
}

func termsAt(ts []term, at []int) []term {
	out := make([]term, 0, len(at))
	for _, j := range at {
		out = append(out, ts[j])
	}
	return out
}

// unrelated tells the word at k that says "has nothing to do with":
// 상관없이, 상관은 없어서, 관계없이, 관련(이) 없다, 무관하다. (별개 is a
// negation of its own, token.Negation: "MSA와는 별개 문제" denies through
// predicatesOf.)
func unrelated(ts []term, k int) bool {
	switch ts[k].key {
	case "상관", "관계":
		if ts[k].flip || negatedAt(ts, k) {
			return true
		}
	}
	w := ts[k].text
	if strings.HasPrefix(w, "무관") || strings.HasPrefix(w, "관련없") {
		return true
	}
	// 관련 is a filler word elsewhere, with no key: read by its text
	return strings.HasPrefix(w, "관련") && k+1 < len(ts) && ts[k+1].neg && strings.HasPrefix(ts[k+1].text, "없")
}

// relatedThings are the nouns just before "상관없이" ("CI/CD 파이프라인이랑은",
// "MSA랑 직접", "클라우드와는 크게"): what the answer says plays no part.
func relatedThings(ts []term, k int) []term {
	var out []term
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		t := ts[j]
		if strings.ContainsAny(ts[j+1].gap, ",.") {
			break // a comma between it and the next word: another clause's
		}
		if t.key == "" || token.PolarityAdverb(t.text) || t.text == "직접" || t.text == "직접적" || t.key == "much" && strings.HasSuffix(t.text, "게") {
			if len(out) > 0 && t.key == "" && !slices.Contains([]string{"와", "과", "와는", "과는", "랑", "랑은"}, t.text) {
				break
			}
			continue
		}
		if t.flip || t.neg || isAntonymKey(t.key) {
			break
		}
		out = append(out, t)
	}
	return out
}

// notNeededAt: 필수(는) 아니다, 필수라기보다, (꼭) 필요한 건 아니다,
// 필요(는) 없다, 필요하지 않다, 필요없다.
func notNeededAt(ts []term, i int) bool {
	t := ts[i]
	if strings.HasPrefix(t.text, "필수라기") {
		return true
	}
	if t.key != "필수" && t.key != "필요" {
		return false
	}
	if i > 0 && endsRieul(ts[i-1].text) {
		return false // "켜 둘 필요 없이": an act not needed, not a thing
	}
	if t.flip {
		// 필요없다, 필요 없어: said of a thing; 불필요한 데이터, 필요없는
		// 절차 describe one
		return strings.HasPrefix(t.text, "필요") && !adnominalVerb(t.text) && !strings.HasSuffix(t.text, "는")
	}
	for j := i + 1; j < len(ts) && j <= i+2; j++ {
		w := ts[j].text
		if denial(w) || ts[j].neg && (strings.HasPrefix(w, "없") || strings.HasPrefix(w, "않")) {
			return true
		}
		if ts[j].key != "" {
			return false
		}
	}
	return false
}

// unworriedAt: 걱정하지 않는다, 걱정 안 해도 된다, 걱정은 없다, 신경 쓰지
// 않아도 된다: a thing said to be no concern, which denies a line that
// names it as a limit ("규모 자체는 걱정하지 않습니다" against "대규모
// 프로젝트에는 제한이 있다").
func unworriedAt(ts []term, i int) bool {
	w := ts[i].text
	if !strings.HasPrefix(w, "걱정") && !strings.HasPrefix(w, "신경") {
		return false
	}
	if ts[i].flip || ts[i].neg {
		return true // 걱정없다
	}
	for j := i + 1; j < len(ts) && j <= i+2; j++ {
		n := ts[j].text
		if ts[j].neg && (strings.HasPrefix(n, "않") || strings.HasPrefix(n, "없") || n == "안") {
			return true
		}
		if ts[j].key != "" && !strings.HasPrefix(n, "쓰") && !strings.HasPrefix(n, "써") {
			return false
		}
	}
	return false
}

// nearestSubject is the noun a predicate is said of: the nearest before it
// marked as subject or topic ("프로젝트 크기 자체는 걱정하지"), with the
// nouns listed or compounded with it; nothing past a clause's comma.
func nearestSubject(ts []term, i int) []int {
	for j := i - 1; j >= 0; j-- {
		if strings.ContainsAny(ts[j+1].gap, ",.") {
			return nil
		}
		if ts[j].key != "" && slices.Contains([]string{"가", "이", "도", "는", "은"}, particleAfter(ts, j)) && nounLike(ts[j]) {
			return listBefore(ts, j)
		}
	}
	return nil
}

// denial tells 아니다 in its forms (아니라, 아닌, 아닙니다).
func denial(w string) bool {
	for _, p := range []string{"아니", "아닌", "아닙"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// withoutAt: X 없이(도), X가 없어도, 없더라도.
func withoutAt(ts []term, i int) bool {
	switch ts[i].text {
	case "없이", "없이도", "없어도", "없더라도":
		j := nounAt(ts, i-1)
		// "켜 둘 필요 없이" is notNeededAt's
		return j >= 0 && nounLike(ts[j]) && ts[j].key != "필요" && ts[j].key != "필수"
	}
	return false
}

// sufficientAfter tells "… 없이도 충분히 …", "없어도 된다", "없이 … 할 수
// 있다": doing without is said to be enough.
func sufficientAfter(ts []term, i int) bool {
	if i+1 < len(ts) && (strings.HasPrefix(ts[i+1].text, "된") || strings.HasPrefix(ts[i+1].text, "돼") || strings.HasPrefix(ts[i+1].text, "됩")) {
		return true
	}
	for j := i + 1; j < len(ts); j++ {
		w := ts[j].text
		if strings.HasPrefix(w, "충분") || w == "수" && j+1 < len(ts) && strings.HasPrefix(ts[j+1].text, "있") {
			return true
		}
	}
	return false
}

// subjectNouns are what "꼭 필요한 건 아니다" is said of: the nearest
// nouns before it with a subject particle, else with the topic one ("클라우드나
// DevOps는 있으면 편하긴 한데, MSA를 하는 데 꼭 필요한 건 아니라서": not
// MSA, what it is needed for).
func subjectNouns(ts []term, i int) []int {
	for _, want := range [][]string{{"가", "이", "도", "이나", "가도", "이도"}, {"는", "은"}} {
		for j := i - 1; j >= 0; j-- {
			if ts[j].key != "" && slices.Contains(want, particleAfter(ts, j)) && nounLike(ts[j]) {
				return listBefore(ts, j)
			}
		}
	}
	return nil
}

// nounAt is j, or the word before it when j is a particle written apart
// from a Latin word ("DevOps 가").
func nounAt(ts []term, j int) int {
	if j > 0 && ts[j].key == "" && ts[j].kind == token.Hangul && ts[j-1].kind == token.Latin && particleAfter(ts, j-1) == ts[j].text {
		return j - 1
	}
	return j
}

// nounLike tells a word that is a noun with its particle, not a verb form
// ("있다는", "바꾸는").
func nounLike(t term) bool {
	return t.kind != token.Hangul || !strings.HasSuffix(t.key, "다") && !adnominalVerb(t.text)
}

// endsRieul tells a verb's ㄹ form before a noun ("켜 둘 필요", "할 수").
func endsRieul(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return token.IsHangul(r) && token.Final(r) == token.FinalRieul
}

// listBefore is the noun at j with the nouns listed before it ("클라우드나
// DevOps가", "클라우드와 데브옵스") and a bare noun compounded with it
// ("프로젝트 규모").
func listBefore(ts []term, j int) []int {
	if j < 0 || ts[j].key == "" || ts[j].neg {
		return nil
	}
	out := []int{j}
	for k := j - 1; k >= 0; k-- {
		// "프로젝트 크기 자체": a compound of up to three bare nouns
		bare := k == out[len(out)-1]-1 && k >= j-2
		k = nounAt(ts, k) // "클라우드 나 DevOps": the particle apart
		if ts[k].key == "" {
			return out
		}
		p := particleAfter(ts, k)
		switch {
		case p == "" && bare && ts[k].kind == ts[j].kind:
		case slices.Contains([]string{"나", "이나", "와", "과", "랑", "이랑", "및"}, p):
		default:
			return out
		}
		out = append(out, k)
	}
	return out
}

// involves tells a notes clause that names one of things, not denied, and
// states its part: done through it, for it, on it, needing it, important
// to it (중요, 핵심), or limited by it ("제한이 있다", 어렵다).
func involves(pc clause, things []term) bool {
	named, part := false, false
	for i, t := range pc.terms {
		if t.key == "상관" || t.key == "관계" {
			return false // the notes say how unrelated it is themselves
		}
		if !t.flip && !negatedAt(pc.terms, i) && slices.ContainsFunc(things, func(th term) bool { return oneThing(th, t) }) {
			named = true
		}
		for _, m := range []string{"통해", "통한", "위해", "위한", "기반", "뒷받침", "필요", "필수", "바탕", "중요", "핵심"} {
			if strings.HasPrefix(t.text, m) && !t.flip && !negatedAt(pc.terms, i) {
				part = true // "디스크 스캐닝이 필요없어" states no part
			}
		}
		// (a duty said with -어야 is not enough: "…해야 한다" lines of
		// Korean interview notes met own answers' "…없어도 된다" asides)
		part = part || t.key == "easy" && t.flip
	}
	return named && part
}

// oneThing tells two words for one thing: the same key, or a Hangul noun
// and the compound ending in it (규모, 대규모).
func oneThing(a, b term) bool {
	if a.key == "" || b.key == "" {
		return false
	}
	if a.key == b.key {
		return true
	}
	if a.kind != token.Hangul || b.kind != token.Hangul || utf8.RuneCountInString(a.key) < 2 || utf8.RuneCountInString(b.key) < 2 {
		return false
	}
	return strings.HasSuffix(a.key, b.key) || strings.HasSuffix(b.key, a.key)
}
