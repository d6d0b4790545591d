package grader

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"grader/token"
)

// DetectLanguage tells whether text is Korean ("ko") or English ("en").
// Korean answers are full of Latin terms (ALB, L7, HTTP), so a Hangul
// syllable counts for two Latin letters (it carries about as much), and 25%
// of that weighted mass is enough to call the text Korean.
func DetectLanguage(text string) string {
	hangul, latin := 0, 0
	for _, r := range text {
		switch {
		case r >= 0xAC00 && r <= 0xD7A3:
			hangul++
		case r < 0x80 && unicode.IsLetter(r):
			latin++
		}
	}
	h := 2 * float64(hangul)
	if hangul > 0 && h >= 0.25*(h+float64(latin)) {
		return "ko"
	}
	return "en"
}

// hasLatinLetter tells a text with a Latin letter: a name as written
// (GitOps, "Route 53"), not a Korean word the glossary spells in Latin.
func hasLatinLetter(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r < 0x80 && unicode.IsLetter(r) })
}

// josa picks the Korean particle form that agrees with the last sound of
// word: withFinal after a final consonant (받침), else without. Parenthesised
// tails are ignored ("계층(L4)" takes the particle of 계층). Latin words are
// read the way Korean speakers say them: acronyms letter by letter (ALB → 비,
// no final; NLB → 비; URL → 엘, final), digits as Sino-Korean numbers (L7 → 칠, final).
func josa(word, withFinal, without string) string {
	if strings.HasPrefix(withFinal, "으로") && finalRieul(word) {
		return without // ㄹ takes 로 as a vowel does: 서울로, ACL로, 1로
	}
	if hasFinal(word) {
		return withFinal
	}
	return without
}

// finalRieul tells a word whose last sound is ㄹ: a Hangul syllable ending
// in ㄹ, a Latin word read ending in l (ACL 에이씨엘, pool), or 1, 7, 8.
func finalRieul(word string) bool {
	w := strings.TrimRight(strings.TrimSpace(word), " \"'.,)")
	r, _ := utf8.DecodeLastRuneInString(w)
	switch {
	case token.Final(r) >= 0:
		return token.Final(r) == token.FinalRieul
	case unicode.IsDigit(r):
		return strings.ContainsRune("178", r)
	case unicode.IsLetter(r) && r < unicode.MaxASCII:
		l := strings.ToLower(w)
		return unicode.ToLower(r) == 'l' || strings.HasSuffix(l, "le") && len(l) >= 3 // Ansible 앤서블
	}
	return false
}

func hasFinal(word string) bool {
	w := strings.TrimSpace(word)
	if i := strings.LastIndex(w, "("); i > 0 && strings.HasSuffix(w, ")") {
		w = strings.TrimSpace(w[:i])
	}
	w = strings.TrimRight(w, " \"'.,)")
	r, _ := utf8.DecodeLastRuneInString(w)
	switch {
	case token.Final(r) >= 0:
		return token.Final(r) != token.FinalNone
	case unicode.IsDigit(r) && afterLetter(w):
		return strings.ContainsRune("1789", r) // S3 에스쓰리, EC2 이씨투, L7 엘세븐: read in English
	case unicode.IsDigit(r):
		return strings.ContainsRune("0136780", r) // 영 일 삼 육 칠 팔 (공)
	case wordFinal[w[max(0, strings.LastIndexAny(w, " /")+1):]]:
		return true // WEB 웹, RAM 램: capitals read as a word, not letter by letter
	case unicode.IsUpper(r) || isAcronym(w):
		return strings.ContainsRune("LMNRlmnr", r) // 엘 엠 엔 알
	case unicode.IsLetter(r):
		if l := strings.ToLower(w); strings.HasSuffix(l, "ng") {
			return true // programming 프로그래밍, ping 핑
		} else if strings.HasSuffix(l, "e") && len(l) >= 3 {
			// a silent e: the consonant before it is the final sound
			// (runtime 런타임, pipeline 파이프라인, Ansible 앤서블; node 노드)
			return strings.ContainsRune("lmn", rune(l[len(l)-2]))
		}
		// loanword spelling: a final p, t, k, m, n, l closes the syllable
		// (group 그룹, Git 깃, network 네트워크 is -k after r: 크), b, d, g
		// take an 으 (cloud 클라우드, pod 파드, log 로그)
		return strings.ContainsRune("klmnpt", unicode.ToLower(r))
	}
	return false
}

// wordFinal are names written in capitals but read as words whose last
// sound is a final consonant (WEB 웹, LAN 랜): letter by letter they would
// end in a vowel (비, 엔 aside).
var wordFinal = map[string]bool{"WEB": true, "RAM": true, "LAN": true, "WAN": true, "SOAP": true, "JSON": true, "NAT": true, "ROM": true}

// afterLetter tells a word whose final digits follow a Latin letter (S3,
// EC2, L7): such a name is read in English.
func afterLetter(w string) bool {
	i := len(w)
	for i > 0 && w[i-1] >= '0' && w[i-1] <= '9' {
		i--
	}
	return i > 0 && i < len(w) && (w[i-1] >= 'A' && w[i-1] <= 'Z' || w[i-1] >= 'a' && w[i-1] <= 'z')
}

func isAcronym(w string) bool {
	f := strings.Fields(w)
	if len(f) == 0 {
		return false
	}
	last := f[len(f)-1]
	if len(last) <= 5 && strings.ToUpper(last) == last {
		return true
	}
	// read letter by letter: short and with at most one vowel (etcd 이티시디, http)
	vowels := 0
	for _, r := range strings.ToLower(last) {
		if strings.ContainsRune("aeiou", r) {
			vowels++
		}
	}
	ascii := !strings.ContainsFunc(last, func(r rune) bool { return r > unicode.MaxASCII || !unicode.IsLetter(r) })
	// no vowel (http, dns) or three consonants at the end (etcd, kubectl):
	// not a pronounceable word
	run := 0
	for i := len(last) - 1; i >= 0 && !strings.ContainsRune("aeiouy", rune(unicode.ToLower(rune(last[i])))); i-- {
		run++
	}
	return ascii && (vowels == 0 || run >= 3)
}

// bandName names a verdict in the answer's language.
func bandName(verdict, lang string) string {
	if lang == "ko" {
		return map[string]string{
			VerdictExcellent: "우수", VerdictGood: "양호", VerdictPartial: "부분적", VerdictWeak: "미흡", VerdictOffTopic: "주제에서 벗어남",
		}[verdict]
	}
	return map[string]string{
		VerdictExcellent: "excellent", VerdictGood: "good", VerdictPartial: "partial", VerdictWeak: "weak", VerdictOffTopic: "off topic",
	}[verdict]
}

// summarize states the score band and the main gap in one or two sentences.
func summarize(g Grade, pr *prepared, ev evaluation, nm namer, lang string) string {
	covered, partial := 0, 0
	for _, p := range g.Points {
		switch p.Status {
		case Covered:
			covered++
		case Partial:
			partial++
		}
	}
	n := len(g.Points)
	head := fmt.Sprintf("%d점(%s). ", g.Score, bandName(g.Verdict, lang))
	if lang != "ko" {
		head = fmt.Sprintf("Score %d (%s). ", g.Score, bandName(g.Verdict, lang))
	}
	switch {
	case n == 0:
		if lang == "ko" {
			return head + "이 질문과 비교할 노트 내용을 찾지 못해 채점할 수 없습니다."
		}
		return head + "No notes were found for this question, so the answer could not be graded."
	case ev.features.ContentWords < minContent:
		if lang == "ko" {
			return head + "답변이 너무 짧아 이해도를 보여주지 못합니다. 핵심 개념과 그 이유를 문장으로 설명해 보세요."
		}
		return head + "The answer is too short to show understanding; explain the key concepts and why in full sentences."
	case g.Verdict == VerdictOffTopic:
		if lang == "ko" {
			return head + "답변이 질문과 노트의 내용과 거의 관련이 없습니다."
		}
		return head + "The answer is off topic: it shares almost nothing with the notes for this question."
	}
	return head + coverageSentence(covered, partial, n, lang) + gapSentence(g, pr, ev, nm, lang)
}

func coverageSentence(covered, partial, n int, lang string) string {
	if lang == "ko" {
		switch {
		case covered == 0 && partial > 0:
			return fmt.Sprintf("핵심 %d개 중 %d개를 일부만 다뤘", n, partial)
		case partial > 0:
			return fmt.Sprintf("핵심 %d개 중 %d개를 다뤘고 %d개는 일부만 다뤘", n, covered, partial)
		default:
			return fmt.Sprintf("핵심 %d개 중 %d개를 다뤘", n, covered)
		}
	}
	if covered == 0 && partial > 0 {
		return fmt.Sprintf("Covered %d of %d key points in part only", partial, n)
	}
	s := fmt.Sprintf("Covered %d of %d key points", covered, n)
	if partial > 0 {
		s += fmt.Sprintf(" (%d more in part)", partial)
	}
	return s
}

// gapSentence names the main gap: a contradiction first, else the heaviest missed point.
func gapSentence(g Grade, pr *prepared, ev evaluation, nm namer, lang string) string {
	for i := range g.Points {
		c, bad := ev.conflicts[i]
		if !bad {
			continue
		}
		subj := nm.entity(c.subject)
		if c.polarity {
			if lang == "ko" {
				return fmt.Sprintf("고, '%s' 내용을 노트와 반대로 설명했습니다.", nm.pointLabel(pr.points[i], lang))
			}
			return fmt.Sprintf("; the answer contradicts the notes on %s.", nm.pointLabel(pr.points[i], lang))
		}
		if c.class == "binding" && len(c.notes) > 0 {
			// a statement given to another entity: name both, not a "value"
			other := nm.entity(c.notes[0])
			if lang == "ko" {
				return fmt.Sprintf("고, 노트에서 %s에 대한 내용을 %s의 것으로 설명했습니다.", other, subj)
			}
			return fmt.Sprintf("; it gives what the notes say of %s to %s.", other, subj)
		}
		if (c.class == "substitution" || c.class == "roles") && len(c.notes) > 0 && len(c.answer) > 0 {
			// a name put in another's place: say which, of which point
			label := nm.pointLabel(pr.points[i], lang)
			if lang == "ko" {
				return fmt.Sprintf("고, '%s' 내용에서 %s 대신 %s%s 설명했습니다.", label, c.notes[0], c.answer[0], josa(c.answer[0], "으로", "로"))
			}
			return fmt.Sprintf("; in %s it puts %s where the notes have %s.", label, c.answer[0], c.notes[0])
		}
		what := classLabel(c.class, lang)
		nv := nm.values(c, c.notes, lang)
		if subj == "" {
			// a value the notes bind to no named thing ("ELB(301-redirection)"
			// in a line of arrows): no "의" with nothing before it
			if c.class == "count" && len(c.notes) > 1 && lang == "ko" {
				nv = c.notes[0] + "개: " + strings.Join(c.notes[1:], ", ")
			}
			if lang == "ko" {
				return fmt.Sprintf("고, %s%s 노트(%s)와 다르게 설명했습니다.", what, josa(what, "을", "를"), nv)
			}
			return fmt.Sprintf("; it gets a %s wrong (the notes say %s).", what, nv)
		}
		if lang == "ko" {
			how := "잘못"
			if c.swapped {
				how = "반대로"
			}
			return fmt.Sprintf("고, %s의 %s(%s)%s %s 설명했습니다.", subj, what, nv, josa(what, "을", "를"), how)
		}
		return fmt.Sprintf("; it gets the %s of %s wrong (the notes say %s).", what, subj, nv)
	}
	best, bw := -1, 0.0
	central, cw := -1, 0.0
	for i, p := range g.Points {
		if p.Status == Missed && p.Weight > bw {
			best, bw = i, p.Weight
		}
		if p.Weight > cw {
			central, cw = i, p.Weight
		}
	}
	if best >= 0 && g.Points[central].Status == Covered && bw < cw/2 {
		// "누가 정하나요?" graded on the list of control-plane components:
		// the line the question is about is covered, and what is missing
		// is what it did not ask (kube-apiserver)
		if lang == "ko" {
			return "고, 질문의 중심 내용은 다뤘습니다."
		}
		return "; the point the question is about is covered."
	}
	if best < 0 {
		if lang == "ko" {
			return "고, 빠진 핵심은 없습니다."
		}
		return "; nothing central is missing."
	}
	label := nm.pointLabel(pr.points[best], lang)
	if lang == "ko" {
		return fmt.Sprintf("고, '%s' 내용이 빠졌습니다.", label)
	}
	return fmt.Sprintf("; missing: %s.", label)
}

// namer renders keys and values for people, in a given language.
type namer struct {
	g        *token.Glossary
	entities map[string]string
}

func (n namer) entity(key string) string {
	if s, ok := n.entities[key]; ok {
		return s
	}
	return n.term(key, "en")
}

// term renders a glossary-canonical key: in Korean its first Hangul alias
// (server → 서버), in English its first spaced Latin alias (loadbalancer →
// load balancer); short acronyms in capitals.
func (n namer) term(key, lang string) string {
	if n.g != nil {
		for _, a := range n.g.Aliases(key) {
			hangul := DetectLanguage(a) == "ko"
			if lang == "ko" && hangul {
				return a
			}
			if lang != "ko" && !hangul && strings.Contains(a, " ") {
				return a
			}
		}
	}
	if len(key) <= 4 && kindOf(key) == token.Latin {
		return strings.ToUpper(key)
	}
	return key
}

// values renders a conflict's values: "L7", "TCP, UDP", "22번 포트", "여러 서버".
func (n namer) values(c conflict, vals []string, lang string) string {
	out := make([]string, len(vals))
	for i, v := range vals {
		switch {
		case c.class == "layer" || c.class == "protocol":
			out[i] = strings.ToUpper(v)
		case c.class == "port":
			if lang == "ko" {
				out[i] = v + "번 포트"
			} else {
				out[i] = "port " + v
			}
		case strings.HasPrefix(c.class, "card:"):
			u := c.unit
			if u == "" {
				u = strings.TrimPrefix(c.class, "card:") // what is counted, "클러스터"
			}
			unit := n.term(u, lang)
			switch {
			case lang == "ko" && v == "one":
				out[i] = "하나의 " + unit
			case lang == "ko":
				out[i] = "여러 " + unit
			case v == "one":
				out[i] = "one " + unit
			default:
				out[i] = "multiple " + unit
			}
		case strings.HasPrefix(c.class, "num:"):
			out[i] = v + " " + n.term(strings.TrimPrefix(c.class, "num:"), lang)
		case c.class == "each":
			switch {
			case lang != "ko":
				out[i] = v + " at a time"
			case v == "1":
				out[i] = "하나씩"
			default:
				out[i] = v + "개씩"
			}
		case c.class == "scope":
			if lang == "ko" {
				out[i] = n.term(v, lang) + " 레벨"
			} else {
				out[i] = n.term(v, lang) + " level"
			}
		default:
			out[i] = n.term(v, lang)
		}
	}
	return strings.Join(out, ", ")
}

// pointLabel names a point briefly: its first words, or across languages its
// subject and the terms the glossary can say in lang ("NLB (security group, Backend)").
func (n namer) pointLabel(p judgedPoint, lang string) string {
	if p.lang == lang {
		return n.phrase(p.kp.Text, lang)
	}
	var terms []string
	for _, wt := range p.terms {
		if len(terms) == 3 {
			break
		}
		t := wt.t
		if t.kind != token.Latin || strings.EqualFold(t.text, p.name) || isFacetLabel(t.text) {
			continue // "ex." of "(ex. 문서화)" names nothing
		}
		s := originalCase(t.text, p.kp.Text)
		if n.g != nil && len(n.g.Aliases(t.text)) > 0 {
			s = n.term(t.text, lang)
		}
		terms = appendUnique(terms, s)
	}
	switch {
	case p.name != "" && len(terms) > 0:
		return p.name + " (" + strings.Join(terms, ", ") + ")"
	case p.name != "":
		return p.name
	case len(terms) > 0:
		return strings.Join(terms, ", ")
	}
	return n.phrase(p.kp.Text, lang)
}

// phrase shortens text to a quotable length.
func (n namer) phrase(text, lang string) string {
	return shorten(strings.TrimSpace(text), 40)
}

// shorten cuts text to at most max characters at a word boundary, with an
// ellipsis when it cut.
func shorten(text string, max int) string {
	rs := []rune(text)
	if len(rs) <= max {
		return text
	}
	cut := max
	for i := max; i > max/2; i-- {
		if unicode.IsSpace(rs[i]) {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(rs[:cut]), " ,") + "…"
}
