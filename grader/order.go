package grader

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"grader/token"
)

// Order. Notes give sequences as arrow chains ("kubectl → kube-apiserver →
// kubelet", "Ansible → Packer → Terraform") or with temporal words ("코드를
// 작성하기 전에 먼저 테스트를 작성", "기획안 분석 후 … 설계"). An answer that
// names the same steps in the other order ("Terraform → Packer → Ansible",
// "코드를 먼저 작성한 다음에 테스트") contradicts the notes however many of
// their words it uses.

// before is one ordered pair of content words: a happens before b.
type before struct{ a, b string }

var (
	reArrow = regexp.MustCompile(`\s*(?:→|->|=>)\s*`)
	// "A 전에 B": B first. "A 후에 B", "A 다음에 B", "A 뒤에 B", "A 이후 B",
	// "A하고 나서 B", "A하면 B" (when A happens): A first.
	// "A를 B보다 먼저": A first.
	reThanFirst = regexp.MustCompile(`(\S+)보다\s*(?:먼저|앞서|일찍)`)
	reBefore    = regexp.MustCompile(`(?:하기\s*)?전에|이전에`)
	reAfter     = regexp.MustCompile(`(?:한\s*|된\s*|하고\s*|되고\s*)?(?:다음에|다음|후에|후|뒤에|뒤|이후에|이후|나서|나면|끝나면|되면|하면|었다면|았다면|였다면|했다면|마지막에|마지막으로)(?:\s|,|$)`)
)

// temporalWords place events; they are not events.
var temporalWords = map[string]bool{"먼저": true, "일단": true, "우선": true, "바로": true, "뒤에": true, "나중에": true, "나중": true, "마지막": true, "처음": true, "순서": true, "단계": true, "다음": true, "이후": true, "first": true, "then": true, "finally": true, "last": true}

// eventWords are a text's content words in order, the temporal words that
// place them left out.
func eventWords(s string, g *token.Glossary) []string {
	var out []string
	for _, k := range orderedKeys(analyze(s, g)) {
		if !temporalWords[k] {
			out = append(out, k)
		}
	}
	return out
}

// orderPairs reads the ordered pairs a text states.
func orderPairs(text string, g *token.Glossary) []before {
	var out []before
	keys := func(s string) []string { return eventWords(s, g) }
	for _, sent := range splitSentences(text) {
		out = append(out, sentencePairs(sent, keys, g)...)
	}
	return out
}

// sentencePairs reads the ordered pairs one sentence states.
func sentencePairs(sent string, keys func(string) []string, g *token.Glossary) []before {
	if parts := reArrow.Split(sent, -1); len(parts) >= 3 || len(parts) == 2 && reArrow.MatchString(sent) {
		// A chain: every word of a step comes before every word of a later step.
		steps := make([][]string, len(parts))
		for i, p := range parts {
			steps[i] = stepKeys(p, g)
		}
		return pairsAlong(steps)
	}
	// "흐름은 kubectl, kubelet, apiserver 순서라고": a list said as an order
	if m := reListOrder.FindStringSubmatch(sent); m != nil {
		var steps [][]string
		for _, it := range strings.Split(m[1], ",") {
			if ks := stepKeys(it, g); len(ks) > 0 {
				steps = append(steps, ks[:1])
			}
		}
		if len(steps) >= 3 {
			return pairsAlong(steps)
		}
	}
	// "테스트 케이스를 코드보다 먼저 작성하고": what 보다 marks comes
	// after the rest of its clause.
	if m := reThanFirst.FindStringSubmatchIndex(sent); m != nil {
		later := sent[m[2]:m[3]]
		early := clauseBefore(sent, m[2]) + " " + clauseAfter(sent, m[1])
		return pairsOf(keys(early), keys(later))
	}
	// The first temporal word splits the sentence into what comes first
	// and what comes after.
	if loc := reBefore.FindStringIndex(sent); loc != nil {
		return pairsOf(keys(clauseAfter(sent, loc[1])), keys(clauseBefore(sent, loc[0])))
	}
	if early, late := toldByAdverbs(sent); early != "" {
		return pairsOf(keys(early), keys(late))
	}
	var steps [][]string
	for _, st := range sequence(sent) {
		steps = append(steps, keys(st))
	}
	return pairsAlong(steps)
}

// reThenOpens is a sentence that opens with what comes next: then, or on
// the basis of what was just said ("그걸 바탕으로 기획안을 뜯어보면서":
// what is built on comes first).
var reThenOpens = regexp.MustCompile(`^\s*(?:그\s*다음에?|그런\s*다음에?|그\s*뒤에?|그\s*후에?|그러고\s*나서|이후에?|(?:그걸|그것을|그것|이걸|이것을|이를|그를)\s*(?:바탕으로|토대로|기반으로|근거로))[\s,]+`)

// reListOrder is a list of three or more names said as an order: "A, B, C
// 순서", "A, B, C 순으로".
var reListOrder = regexp.MustCompile(`((?:[^,\s]+\s*,\s*){2,}[^,\s]+?)(?:의|이|가)?\s*(?:순서|순으로|순입니다|순이)`)

// pairsAlong orders every word of a step before every word of each later
// step that no step up to it has named: "VPC를 먼저 만들고, 그 VPC를 쪼개서
// 서브넷을" names VPC again in its second step, and creating it does not
// come before it.
func pairsAlong(steps [][]string) []before {
	var out []before
	for i := range steps {
		for j := i + 1; j < len(steps); j++ {
			later := steps[j]
			for k := 0; k <= i; k++ {
				later = withoutCommon(later, steps[k])
			}
			out = append(out, pairsOf(steps[i], later)...)
		}
	}
	return out
}

// sequence cuts a sentence into the steps it tells in order: at each
// temporal word ("A 다음에 B 뒤 마지막에 C"), or after the clause that says
// 먼저 ("kubelet이 먼저 …하고, 그게 다시 …"). The first step is the clause
// before the first temporal word (the one before that when it names nothing:
// "…올리고, 그다음 …"), the last the clause after the last one.
func sequence(sent string) []string {
	locs := slices.DeleteFunc(reAfter.FindAllStringIndex(sent, -1), func(loc []int) bool { return behind(sent, loc) })
	if len(locs) == 0 || locs[0][0] == 0 {
		i := strings.Index(sent, "먼저")
		if i < 0 {
			return nil
		}
		j := clauseComma(sent[i:])
		if j < 0 {
			return nil
		}
		return []string{clauseBefore(sent, i+j), clauseAfter(sent, i+j)}
	}
	var steps []string
	start := 0
	for k, loc := range locs {
		seg := sent[start:loc[0]]
		start = loc[1]
		if k == 0 {
			first := clauseBefore(seg, len(seg))
			if strings.TrimSpace(strings.Trim(first, "그 ")) == "" {
				head := strings.TrimRight(seg[:len(seg)-len(first)], ", ")
				first = clauseBefore(head, len(head))
			}
			seg = first
		}
		if strings.TrimSpace(seg) != "" {
			steps = append(steps, seg)
		}
	}
	if last := clauseAfter(sent, start); strings.TrimSpace(last) != "" {
		steps = append(steps, last)
	}
	// "먼저 고객 요구사항을 정리하고, 그걸 바탕으로 개발한 뒤 릴리스해서
	// …": what 먼저 opens, before the first step, is a step before it.
	if len(steps) > 0 {
		if i := strings.Index(sent, steps[0]); i > 0 {
			if j := reFirstStep.FindStringIndex(sent[:i]); j != nil {
				// with what its clause says before it: "CI/CD 파이프라인을
				// 먼저 돌려서" runs the pipeline first
				steps = append([]string{clauseBefore(sent, j[0]) + sent[j[0]:i]}, steps...)
			}
		}
	}
	return steps
}

// clauseComma is the first comma that ends a clause ("…설계해 두고, 그
// 설계를 바탕으로"), not one inside a list ("API, 데이터, UI를"), or -1.
func clauseComma(s string) int {
	for off := 0; ; {
		j := strings.Index(s[off:], ", ")
		if j < 0 {
			return -1
		}
		at := off + j
		ws := strings.Fields(s[:at])
		if len(ws) > 0 && verbConnective(ws[len(ws)-1]) {
			return at
		}
		off = at + 2
	}
}

// verbConnective tells a Korean verb form that joins a clause to the next:
// 두고, 만들어서, 하며, 하면, 했지만, 하는데.
func verbConnective(w string) bool {
	for _, e := range []string{"고", "서", "며", "면", "지만", "는데", "니까"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// reFirstStep is the adverb that opens a sentence's first step.
var reFirstStep = regexp.MustCompile(`(?:^|\s)(?:먼저|우선|일단)\s`)

// toldByAdverbs reads an order told by adverbs on the events themselves:
// "코드를 먼저 짜 놓고, 테스트를 바로 뒤에 붙인다" (the code first, the test
// after). An adverb of the later event stands alone ("바로 뒤에", "나중에"),
// unlike "짠 뒤에", where 뒤에 follows the earlier event (sequence reads
// those). One clause must say 먼저 (or 우선, 일단) and another 뒤에 or
// 나중에; "" otherwise.
func toldByAdverbs(sent string) (early, late string) {
	clauses := adverbClauses(sent)
	ei, li := -1, -1
	for i, c := range clauses {
		fs := strings.Fields(c)
		for j, w := range fs {
			switch strings.TrimRight(w, ",.") {
			case "먼저", "우선", "일단":
				if ei < 0 {
					ei = i
				}
			case "그다음에", "다음에":
				// opening its clause it cuts the sentence into steps
				// (sequence); after the clause's topic ("테스트는
				// 그다음에") it is an adverb of that event, as 나중에 is
				if j == 0 {
					continue
				}
				fallthrough
			case "나중에", "뒤에", "뒤로", "이후에":
				if j > 0 && adnominal(fs[j-1]) && !strings.HasSuffix(fs[j-1], "는") {
					// "짠 뒤에": the event before it comes first; "테스트는
					// 그다음에" is the later event's topic (a verb's 는 does
					// not come before 뒤에 or 다음에)
					return "", ""
				}
				if li < 0 {
					li = i
				}
			}
		}
	}
	if ei < 0 || li < 0 || ei == li {
		return "", ""
	}
	return clauses[ei], clauses[li]
}

// adverbClauses cuts a sentence into clauses at commas and after a verb
// that joins its clause to the next without one ("코드를 먼저 쓰고 테스트는
// 그다음에 씁니다": 쓰고 ends the first).
func adverbClauses(sent string) []string {
	var out []string
	for _, c := range strings.Split(sent, ", ") {
		fs := strings.Fields(c)
		start := 0
		for j, w := range fs[:max(0, len(fs)-1)] {
			if clauseJoin(w) {
				out = append(out, strings.Join(fs[start:j+1], " "))
				start = j + 1
			}
		}
		out = append(out, strings.Join(fs[start:], " "))
	}
	return out
}

// clauseJoin tells a verb form ending its clause with -고 or -며 (쓰고,
// 하며). (-서 is as often a manner, "대역에 맞춰서", as a clause's end.)
func clauseJoin(w string) bool {
	rs := []rune(w)
	if len(rs) < 2 || token.Final(rs[len(rs)-1]) < 0 {
		return false
	}
	return rs[len(rs)-1] == '고' || rs[len(rs)-1] == '며'
}

// adnominal tells a verb form that modifies the next word (짠, 작성한, 된,
// 하는): "작성한 뒤에" is after writing.
func adnominal(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	if token.Final(r) < 0 {
		return false
	}
	return token.Final(r) == token.FinalNieun || strings.HasSuffix(w, "는") || strings.HasSuffix(w, "은")
}

// clauseBefore is the clause that ends at i; clauseAfter the one that
// starts at i (the next one when a comma follows the temporal word at once).
func clauseBefore(s string, i int) string {
	head := s[:i]
	if j := strings.LastIndex(head, ", "); j >= 0 {
		head = head[j+2:]
	}
	return head
}

func clauseAfter(s string, i int) string {
	tail := strings.TrimLeft(s[i:], " ,")
	if j := strings.Index(tail, ", "); j >= 0 {
		tail = tail[:j]
	}
	return tail
}

// stepKeys are the words that name a step of a chain: its first three
// content words ("EC2(AMI), EBS, RDS" is a step; a long description after
// the name is not needed to place it).
func stepKeys(s string, g *token.Glossary) []string {
	ks := orderedKeys(analyze(s, g))
	if len(ks) > 3 {
		ks = ks[:3]
	}
	return ks
}

func pairsOf(as, bs []string) []before {
	var out []before
	for _, a := range as {
		for _, b := range bs {
			if a != b {
				out = append(out, before{a, b})
			}
		}
	}
	return out
}

// withoutCommon is as without the keys bs also has.
func withoutCommon(as, bs []string) []string {
	var out []string
	for _, a := range as {
		if !slices.ContainsFunc(bs, func(b string) bool { return sameThing(a, b) }) {
			out = append(out, a)
		}
	}
	return out
}

// statedPairs are the ordered pairs a text states: steps in order,
// directions from source to target, what is put before what.
func statedPairs(text string, g *token.Glossary) []before {
	pref := preferencePairs(text, g)
	var out []before
	for _, p := range slices.Concat(orderPairs(text, g), directionPairs(text, g), enablingPairs(text, g)) {
		// "코드보다 설계 문서를 먼저 … 두고, 그 문서를 기준으로": 보다 says
		// which comes first; a step read across the clause the other way is
		// not said too
		if !slices.Contains(pref, before{p.b, p.a}) {
			out = append(out, p)
		}
	}
	return append(out, pref...)
}

// What makes what possible. "데브옵스를 가능하게 해주는 방법론이 스크럼,
// 애자일 등이다" puts Scrum and Agile first; "DevOps가 먼저 자리를 잡아야 …
// 애자일 같은 방법론이 가능해집니다" puts DevOps first.
var (
	reEnabledBy = regexp.MustCompile(`(\S+?)(?:을|를)\s*가능하게\s*(?:해\s*주|해주|하|만들)\S*\s+(.+)`)
	reFirstThen = regexp.MustCompile(`(\S+(?:아야|어야|여야|해야|돼야|되어야))\s+(.+?)\s*가능(?:해|하|할|합|케)`)
)

func enablingPairs(text string, g *token.Glossary) []before {
	var out []before
	for _, sent := range splitSentences(text) {
		if m := reEnabledBy.FindStringSubmatchIndex(sent); m != nil {
			enabled := sent[m[2]:m[3]]
			out = append(out, pairsOf(eventWords(sent[m[4]:], g), eventWords(enabled, g))...) // "…방법론이 스크럼, 애자일 등이다": the list is the enabler
		}
		if m := reFirstThen.FindStringSubmatchIndex(sent); m != nil {
			first := clauseBefore(sent, m[3])
			out = append(out, pairsOf(eventWords(first, g), eventWords(sent[m[4]:m[5]], g))...)
		}
	}
	return out
}

// Priorities. "디자인이나 문서보다는 코드에 집중" puts code before documents;
// "코드보다 디자인과 문서를 먼저 챙기는 데 무게를" puts them the other way.
// Read as ordered pairs (what comes first, what after), a swapped priority
// is a reversed order. Only verbs of priority count: "A보다 B가 빠르다" and
// "B보다 A가 느리다" say one thing.
var (
	reThan      = regexp.MustCompile(`(\S+)보다(?:는|도)?\s`)
	priorityCue = []string{"집중", "중시", "중요", "우선", "무게", "먼저", "선호", "초점", "강조", "중심"}
	// words that join the nouns before 보다: "디자인이나 문서보다"
	reJoined = regexp.MustCompile(`(?:이나|나|와|과|및|,)$`)
)

func preferencePairs(text string, g *token.Glossary) []before {
	var out []before
	for _, sent := range splitSentences(text) {
		for _, m := range reThan.FindAllStringSubmatchIndex(sent+" ", -1) {
			tail := clauseAfter(sent+" ", m[1])
			cut := -1
			for _, w := range priorityCue {
				if i := strings.Index(tail, w); i > 0 && (cut < 0 || i < cut) {
					cut = i
				}
			}
			if cut < 0 || strings.Contains(tail[:cut], "덜") {
				continue
			}
			words := strings.Fields(clauseBefore(sent, m[2]))
			than := []string{sent[m[2]:m[3]]}
			for i := len(words) - 1; i >= 0 && reJoined.MatchString(words[i]); i-- {
				than = append(than, words[i])
			}
			out = append(out, pairsOf(eventWords(tail[:cut], g), eventWords(strings.Join(than, " "), g))...)
		}
	}
	return out
}

// orderConflicts flags a point whose sequence an answer sentence states the
// other way round (and never the right way).
func orderConflicts(pr *prepared, ans *answerAnalysis, g *token.Glossary) []conflict {
	var said []saidPair
	for si, s := range ans.sents {
		for _, p := range statedPairs(s.text, g) {
			said = append(said, saidPair{p, si})
		}
		// "…테이블부터 만들고 프로시저를 작성합니다. 그 다음에 기획안을
		// 분석해서": a sentence that opens with what comes next follows the
		// one before it
		if loc := reThenOpens.FindStringIndex(s.text); si > 0 && loc != nil {
			prev := ans.sents[si-1].text
			// a thing named on both sides ("…VPC를 잘게 쪼개서…. 그다음
			// VPC와 인터넷을 이어 주는…") is what both steps are done to,
			// not a step before or after the other (fresh16's strong answer
			// on VPC was told it made subnets before the VPC)
			from, then := stepKeys(clauseBefore(prev, len(prev)), g), stepKeys(clauseAfter(s.text, loc[1]), g)
			from, then = withoutCommon(from, then), withoutCommon(then, from)
			for _, p := range pairsOf(from, then) {
				said = append(said, saidPair{p, si})
			}
		}
	}
	if len(said) == 0 {
		return nil
	}
	var out []conflict
	// Lines of the section that did not become points still state an order
	// ("Ansible → Packer → Terraform 배포" under a long project section):
	// a reversal of theirs marks the point closest to them.
	flagged := map[int]bool{}
	for _, line := range pr.chains {
		if si, ok := chainReversed(line, said, g); ok {
			if pi := closestPoint(pr, line); pi >= 0 && !flagged[pi] {
				flagged[pi] = true
				out = append(out, conflict{point: pi, sent: si, subject: pr.points[pi].subject, class: "order", polarity: true, clause: line})
			}
		}
	}
	for _, line := range orderedLines(pr) {
		for _, np := range statedPairs(line, g) {
			si, ok := saidAs(said, before{np.b, np.a})
			if _, right := saidAs(said, np); !ok || right {
				continue
			}
			// the line's own point first ("TDD: 코드를 작성하기 전에 먼저
			// 테스트를 작성한다" is a point): the step that opens another
			// point ("테스트 코드를 만들면서 목표를 …") is not what was reversed
			pi := slices.IndexFunc(pr.points, func(p judgedPoint) bool { return stripLabel(p.kp.Text) == stripLabel(line) })
			if pi < 0 {
				pi = stepPoint(pr, np, g)
			}
			if pi < 0 {
				pi = closestPoint(pr, line)
			}
			if pi >= 0 && !flagged[pi] {
				flagged[pi] = true
				out = append(out, conflict{point: pi, sent: si, subject: pr.points[pi].subject, class: "order", polarity: true, clause: line})
			}
			break
		}
	}
	for pi, p := range pr.points {
		if flagged[pi] {
			continue
		}
		for _, np := range statedPairs(p.kp.Text, g) {
			if si, ok := saidAs(said, before{np.b, np.a}); ok {
				if _, right := saidAs(said, np); !right {
					out = append(out, conflict{point: pi, sent: si, subject: p.subject, class: "order", polarity: true, clause: p.kp.Text})
					break
				}
			}
		}
	}
	return out
}

// stepPoint is the point that names the earlier step of a reversed pair
// ("테스트 - 코드 품질 보장…" when the answer deploys before it tests), or -1.
func stepPoint(pr *prepared, np before, g *token.Glossary) int {
	for pi, p := range pr.points {
		if ks := stepKeys(stripLabel(p.kp.Text), g); len(ks) > 0 && ks[0] == np.a {
			return pi
		}
	}
	return -1
}

// chainSteps are the steps of an arrow chain of three or more ("kubectl →
// kube-apiserver → kubelet"), or nil.
func chainSteps(line string) []string {
	if parts := reArrow.Split(line, -1); len(parts) >= 3 {
		return parts
	}
	return nil
}

// chainReversed tells an arrow chain (beside the graded section) the
// answer tells the other way round for two of its steps, and never the
// right way for them: a step is all the words of its name, so "kube-apiserver로 먼저 가고 … kubectl은 다
// 실패합니다" (kubectl before kube-apiserver) is not read as apiserver
// before kubectl because "kubectl" comes again later.
func chainReversed(line string, said []saidPair, g *token.Glossary) (int, bool) {
	parts := chainSteps(line)
	if parts == nil {
		return 0, false
	}
	// only the names of the steps: beside the section, a step's other
	// words ("Terraform 배포") are too common to place it
	steps := make([][]string, len(parts))
	for i, p := range parts {
		for _, k := range stepKeys(p, g) {
			if kindOf(k) == token.Latin {
				steps[i] = append(steps[i], k)
			}
		}
	}
	for i := range steps {
		for j := i + 1; j < len(steps); j++ {
			right, wrong, at := false, false, 0
			for _, a := range steps[i] {
				for _, b := range steps[j] {
					if _, ok := saidAs(said, before{a, b}); ok {
						right = true
					}
					if si, ok := saidAs(said, before{b, a}); ok && !wrong {
						wrong, at = true, si
					}
				}
			}
			if wrong && !right {
				return at, true
			}
		}
	}
	return 0, false
}

// stepsNamed counts the steps of an arrow chain whose first word a bag has.
func stepsNamed(line string, b bag, g *token.Glossary) int {
	n := 0
	for _, p := range reArrow.Split(line, -1) {
		if ks := stepKeys(p, g); len(ks) > 0 && b.has(ks[0]) {
			n++
		}
	}
	return n
}

// stepsTold counts the steps of an arrow chain (chainSteps) a bag names by
// any of their first words: a step may open with its label ("Private -
// EC2(AMI), EBS, RDS" is told by EC2).
func stepsTold(steps []string, b bag, g *token.Glossary) int {
	n := 0
	for _, p := range steps {
		if slices.ContainsFunc(stepKeys(p, g), b.has) {
			n++
		}
	}
	return n
}

// orderedLines are the section's lines that may state an order: each line,
// a line ending in a temporal word joined with the next ("… 구축 후" / "웹
// 서버 … 연동"), and the step lists as arrow chains.
func orderedLines(pr *prepared) []string {
	out := slices.Clone(pr.lines)
	for i := 0; i+1 < len(pr.lines); i++ {
		if loc := reAfter.FindStringIndex(pr.lines[i] + " "); loc != nil && loc[1] >= len(pr.lines[i]) {
			out = append(out, pr.lines[i]+" "+pr.lines[i+1])
		}
	}
	return append(out, pr.steps...)
}

type saidPair struct {
	p    before
	sent int
}

// saidAs finds an answer pair naming the same two things (a glossary
// compound and its head count as one: ipaddress and ip).
func saidAs(said []saidPair, p before) (int, bool) {
	for _, s := range said {
		if sameThing(s.p.a, p.a) && sameThing(s.p.b, p.b) {
			return s.sent, true
		}
	}
	return 0, false
}

func sameThing(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return a == b || len(a) >= 2 && strings.HasPrefix(b, a) && kindOf(a) == token.Latin && kindOf(b) == token.Latin
}

// closestPoint is the rubric point sharing most content words with a line.
func closestPoint(pr *prepared, line string) int {
	lb := newBag(pr.analysisOf(line))
	best, bestN := -1, 0
	for i, p := range pr.points {
		n := 0
		for _, wt := range p.terms {
			if lb.match(wt.t) >= 0.8 {
				n++
			}
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	return best
}

// Directions. "도메인을 IP로 변환" and "IP 주소를 도메인 이름으로 바꿔" name the
// same two things in opposite directions; so do "인스턴스가 외부 서비스에
// 연결" and "외부 서비스가 인스턴스로 연결". A from–to pair is read as an
// ordered pair: the source before the target.

// directionVerbs move something from one thing to another.
var directionVerbs = []string{"변환", "바꾸", "바꿔", "바뀌", "전송", "전달", "보내", "보냄", "매핑", "연결", "접속", "요청", "나가", "들어오", "들어가", "흘러", "넘겨", "넘기", "라우팅", "forward", "redirect"}

// directionPairs reads "X를/X가/X에서 … Y로/Y에 V" in each clause that is not
// negated (a denied direction states nothing about the real one).
func directionPairs(text string, g *token.Glossary) []before {
	var out []before
	for _, sent := range splitSentences(text) {
		for _, c := range clausesOf(analyze(sent, g)) {
			if c.negative || c.conditional {
				continue
			}
			ts := c.terms
			src, dst, verb := -1, -1, false
			subject := false // the source so far is the clause's subject
			at := false      // the target so far is a place (에), not a result (로)
			obj, into := -1, -1
			for i, t := range ts {
				switch suffix := particleAfter(ts, i); {
				case t.key == "" || deictic(t.text):
					// "거기에 매핑된 도메인 이름으로": a pointer back names nothing
				case src >= 0 && dst >= 0 && at && !verb && (suffix == "으로" || suffix == "로"):
					dst, at = i, false // "IP를 받아서 … 도메인 이름으로 바꿔"
				case src < 0 && (suffix == "을" || suffix == "를" || suffix == "에서" || suffix == "가" || suffix == "이" || suffix == "from"):
					src, subject = i, suffix == "가" || suffix == "이"
				case src >= 0 && dst < 0 && subject && (suffix == "을" || suffix == "를"):
					// "DNS가 도메인을 IP로", "요청이 들어온 IP 주소를 보고 …
					// 도메인으로": what is turned is the object, not the
					// subject doing it
					src, subject = i, false
				case src >= 0 && dst < 0 && (suffix == "으로" || suffix == "로" || suffix == "에" || suffix == "에게" || suffix == "to" || suffix == "into"):
					dst, at = i, suffix == "에" || suffix == "에게"
				case dst >= 0 && isDirectionVerb(t):
					verb = true
				}
				// What is turned into what: "과정에서 DNS는 … IP를 받아서
				// … 도메인 이름으로 바꿔" turns the IP, wherever it happens.
				switch suffix := particleAfter(ts, i); {
				case t.key == "" || deictic(t.text):
				case suffix == "을" || suffix == "를":
					obj, into = i, -1
				case obj >= 0 && into < 0 && (suffix == "으로" || suffix == "로"):
					into = i
				case into >= 0 && converts(t) && (obj != src || into != dst):
					out = append(out, pairsOf(phraseKeys(ts, obj), phraseKeys(ts, into))...)
					obj, into = -1, -1
				}
			}
			if src >= 0 && dst >= 0 && verb {
				out = append(out, pairsOf(phraseKeys(ts, src), phraseKeys(ts, dst))...)
			}
		}
	}
	return out
}

// converts tells a verb that turns one thing into another (X를 Y로 변환).
func converts(t term) bool {
	for _, v := range []string{"변환", "바꾸", "바꿔", "바뀌", "전환", "매핑"} {
		if strings.HasPrefix(t.text, v) || strings.HasPrefix(t.key, v) {
			return true
		}
	}
	return false
}

// deictic tells a word that points back (거기에, 그곳으로) instead of naming.
func deictic(w string) bool {
	for _, d := range []string{"거기", "여기", "저기", "그곳", "이곳", "저곳", "그쪽", "이쪽"} {
		if strings.HasPrefix(w, d) {
			return true
		}
	}
	return false
}

// particleAfter is the particle a word carries: its own Hangul ending, the
// particle word glued after a Latin one (IP로), or a preposition before it.
func particleAfter(ts []term, i int) string {
	t := ts[i]
	if t.kind == token.Hangul && t.key != "" && strings.HasPrefix(t.text, t.key) {
		return strings.TrimPrefix(t.text, t.key)
	}
	if i+1 < len(ts) && ts[i+1].kind == token.Hangul && ts[i+1].key == "" && strings.TrimSpace(ts[i+1].gap) == "" {
		return ts[i+1].text
	}
	if i > 0 && ts[i-1].kind == token.Latin && (ts[i-1].text == "from" || ts[i-1].text == "to" || ts[i-1].text == "into") {
		return ts[i-1].text
	}
	return ""
}

func isDirectionVerb(t term) bool {
	for _, v := range directionVerbs {
		if strings.HasPrefix(t.text, v) || strings.HasPrefix(t.key, v) {
			return true
		}
	}
	return false
}

// phraseKeys are the words of the noun phrase ending at i: the word and the
// one before it when that one carries no particle ("IP 주소를", "도메인 이름으로").
func phraseKeys(ts []term, i int) []string {
	out := []string{ts[i].key}
	if j := i - 1; j >= 0 && ts[j].key != "" && particleAfter(ts, j) == "" {
		out = append(out, ts[j].key)
	}
	return out
}

// behind tells a 뒤에 of place, not of time: after a name, with something
// put there in its clause ("ELB 뒤에 EC2를 ASG로 묶어서", "LB 뒤에 서버를
// 두고"): the servers sit behind the load balancer, nothing happens after
// it. "CI 뒤에 CD가 이어집니다" puts nothing anywhere.
func behind(sent string, loc []int) bool {
	if w := strings.TrimSpace(sent[loc[0]:loc[1]]); w != "뒤에" && w != "뒤" {
		return false
	}
	before := strings.Fields(sent[:loc[0]])
	if len(before) == 0 || !latinName(strings.TrimRight(before[len(before)-1], ",")) {
		return false
	}
	clause := sent[loc[1]:]
	if i := strings.IndexAny(clause, ",."); i >= 0 {
		clause = clause[:i]
	}
	for _, w := range strings.Fields(clause) {
		for _, v := range placeVerbs {
			if strings.HasPrefix(w, v) {
				return true
			}
		}
	}
	return false
}

// placeVerbs put a thing somewhere (두다, 배치하다, 붙이다, 묶다, 놓다, 연결하다).
var placeVerbs = []string{"두", "둬", "뒀", "배치", "붙", "묶", "놓", "연결"}
