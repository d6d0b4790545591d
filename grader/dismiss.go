package grader

import (
	"strings"
	"unicode/utf8"

	"grader/token"
)

// Dismissed needs. The notes say a thing matters ("MSA를 위해서는 클라우드와
// 데브옵스가 뒷받침 되어야 한다", "디지털 트랜스포메이션에 클라우드가 아주
// 중요한 역할을 한다", "대규모 프로젝트에는 제한이 있다"); an answer that
// waves it away ("클라우드 없이도 충분히", "클라우드와는 크게 관련이
// 없습니다", "프로젝트 규모와 상관없다", "DevOps는 꼭 필요한 건 아니라서")
// denies the line, however few of its other words it repeats: the clause
// F1 polarityConflicts needs is out of reach when the denial is a phrase of
// its own.
func dismissalConflicts(pr *prepared, ans *answerAnalysis) []conflict {
	var out []conflict
	seen := map[int]bool{}
	for si, s := range ans.sents {
		if statusQuo(s.text) {
			continue
		}
		for _, k := range dismissed(s.clauses) {
			for pi, p := range pr.points {
				if !seen[pi] && matters(p, k) {
					seen[pi] = true
					out = append(out, conflict{point: pi, sent: si, subject: p.subject, class: "polarity", polarity: true, clause: p.kp.Text})
				}
			}
		}
	}
	return out
}

// dismissed reads the things a sentence says do not matter: those "X와
// 상관없다" relates to nothing, those "X가 꼭 필요한 건 아니다" says are not
// needed, and those "X 없이도 충분하다" does without. A dismissal inside a
// condition ("클라우드가 없으면") claims nothing.
func dismissed(cs []clause) []term {
	var ts []term
	var cond []bool
	for _, c := range cs {
		ts = append(ts, c.terms...)
		for range c.terms {
			cond = append(cond, c.conditional)
		}
	}
	var out []term
	for i := range ts {
		if cond[i] {
			continue
		}
		var at []int
		switch {
		case irrelevantAt(ts, i):
			at = relatedNouns(ts, i)
		case notNeededAt(ts, i):
			at = subjectNouns(ts, i)
		case withoutAt(ts, i) && sufficientAfter(ts, i):
			at = listBefore(ts, nounAt(ts, i-1))
		}
		for _, j := range at {
			out = append(out, ts[j])
		}
	}
	return out
}

// irrelevantAt: 상관없다, 무관하다, 관계없다, 관련(이) 없다.
func irrelevantAt(ts []term, i int) bool {
	w := ts[i].text
	for _, p := range []string{"상관없", "무관", "관계없", "관련없"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	// 관련 is a filler word elsewhere, with no key: read by its text
	for _, n := range []string{"상관", "관련", "관계"} {
		if strings.HasPrefix(w, n) && i+1 < len(ts) && ts[i+1].neg && strings.HasPrefix(ts[i+1].text, "없") {
			return true
		}
	}
	return false
}

// notNeededAt: 필수(는) 아니다, 필수라기보다, (꼭) 필요한 건 아니다,
// 필요(는) 없다, 필요하지 않다, 필요없다.
func notNeededAt(ts []term, i int) bool {
	t := ts[i]
	if strings.HasPrefix(t.text, "필수라기") {
		return true
	}
	if t.key == "필요" && t.flip {
		return true // 필요없는, 불필요한
	}
	if t.key != "필수" && t.key != "필요" {
		return false
	}
	if i > 0 && endsRieul(ts[i-1].text) {
		return false // "켜 둘 필요 없이": an act not needed, not a thing
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
		if strings.HasPrefix(w, "충분") || strings.HasPrefix(ts[j].key, "충분") || w == "수" && j+1 < len(ts) && strings.HasPrefix(ts[j+1].text, "있") {
			return true
		}
	}
	return false
}

// relatedNouns are what "상관없다" is said against: the nouns before it
// with 와/과/랑 ("프로젝트 규모와 상관없다", "클라우드와는 크게 관련이
// 없습니다"), each with the bare noun compounded before it.
func relatedNouns(ts []term, i int) []int {
	var out []int
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		p := particleAfter(ts, j)
		for _, topic := range []string{"는", "은", "도"} {
			p = strings.TrimSuffix(p, topic)
		}
		switch p {
		case "와", "과", "랑", "이랑", "하고":
			out = append(out, listBefore(ts, j)...)
		}
	}
	return out
}

// subjectNouns are what "꼭 필요한 건 아니다" is said of: the nearest
// nouns before it with a subject particle, else with the topic one ("클라우드나
// DevOps는 있으면 편하긴 한데, MSA를 하는 데 꼭 필요한 건 아니라서": not
// MSA, what it is needed for).
func subjectNouns(ts []term, i int) []int {
	for _, want := range [][]string{{"가", "이", "도", "이나", "가도", "이도"}, {"는", "은"}} {
		for j := i - 1; j >= 0; j-- {
			for _, p := range want {
				if ts[j].key != "" && particleAfter(ts, j) == p && nounLike(ts[j]) {
					return listBefore(ts, j)
				}
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
		bare := k == j-1
		k = nounAt(ts, k) // "클라우드 나 DevOps": the particle apart
		if ts[k].key == "" {
			return out
		}
		p := particleAfter(ts, k)
		switch {
		case p == "" && bare && ts[k].kind == ts[j].kind:
		case p == "나" || p == "이나" || p == "와" || p == "과" || p == "랑" || p == "이랑" || p == "및":
		default:
			return out
		}
		out = append(out, k)
	}
	return out
}

// matters tells a point that says k is needed, important, or what limits
// it: a clause of it names k and says 필요, 필수, 중요, 뒷받침, 핵심, "-어야
// 한다", or a limit ("제한이 있다", 어렵다).
func matters(p judgedPoint, k term) bool {
	for _, c := range p.clauses {
		if c.negative && !limited(c) {
			continue
		}
		named, need := false, limited(c)
		for _, t := range c.terms {
			named = named || oneThing(t, k)
			switch t.key {
			case "필요", "필수", "중요", "뒷받침", "핵심":
				need = need || !t.flip
			}
			need = need || obligation(t.text)
		}
		if named && need {
			return true
		}
	}
	return false
}

// limited tells a clause that says something is hard or limited: the
// negative member of "easy" the idioms read (제한이 있다, 어렵다).
func limited(c clause) bool {
	for _, t := range c.terms {
		if t.key == "easy" && t.flip {
			return true
		}
	}
	return false
}

// obligation tells a verb in "-어야 한다" (뒷받침 되어야, 해야).
func obligation(w string) bool {
	for _, e := range []string{"어야", "아야", "여야", "해야", "돼야"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
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
