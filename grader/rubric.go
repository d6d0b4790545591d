package grader

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"grader/notes"
	"grader/token"
)

// Rubric limits. Interview answers are a minute or two of speech: more than a
// dozen key points would make every answer look incomplete.
const (
	maxPoints      = 10
	minPointTerms  = 2    // fragments with fewer content words are headings or labels, not facts
	minCentrality  = 0.15 // points far less central than the best one are retrieval noise
	dupOverlap     = 0.8  // term containment above which two points are the same fact (chunk overlap)
	maxSubjectRune = 40
)

// BuildRubric splits retrieved passages into key points (lines, sentences and
// long-sentence clauses with Markdown markup removed), weights them by how
// central they are to the question (term overlap with the question and the
// heading, passage rank, position in the passage), drops near-duplicates and
// keeps the most central ones. Points keep notes order; weights sum to 1.
func BuildRubric(question string, passages []notes.Passage, g *token.Glossary) Rubric {
	q := newBag(analyze(question, g))
	asked := askedFacets(question)
	var cands []candidate
	// The graded section's own text defines it; text further down elaborates.
	top := map[string]int{}
	for _, p := range passages {
		if d, ok := top[p.Note]; !ok || len(p.HeadingPath) < d {
			top[p.Note] = len(p.HeadingPath)
		}
	}
	for rank, p := range passages {
		depth := len(p.HeadingPath) - top[p.Note]
		heading := "" // a name ("ALB", "NAT 게이트웨이 - ..."), not a topic ("HTTP의 GET과 POST 비교")
		if len(p.HeadingPath) > 0 {
			if h := subjectHead(p.HeadingPath[len(p.HeadingPath)-1]); len(strings.Fields(h)) <= 2 {
				heading = h
			}
		}
		for pos, f := range passageFragments(p.Text) {
			if analyze(f.text, g).contentCount() < minPointTerms || isInventory(f.text) || reInstruction.MatchString(f.text) || isHeadingOf(f.text, p.HeadingPath) {
				continue // a label such as "특징", a bare list of names, an order to the grader: none states a fact
			}
			if reRequirement.MatchString(f.text) && !reAsksPeople.MatchString(question) {
				// "쿠버네티스 및 컨테이너 구축 및 운영 경험자": a job
				// posting's line, a point only of a question about whom
				// the posting asks for
				continue
			}
			if first, _, _ := strings.Cut(f.text, " "); len(p.HeadingPath) > 0 && !f.scoped && token.IsParticleWord(first) {
				// the chunk's text goes on from its heading ("에서는 api gateway …")
				f.text = goOnFrom(cleanHeading(p.HeadingPath[len(p.HeadingPath)-1]), f.text)
			}
			subject := f.subject
			if subject == "" && !f.scoped {
				subject = heading // a chunker that turns bullets into headings puts the label here
			}
			text := withSubject(f.text, subject)
			an := analyze(text, g)
			ctx := analyze(strings.Join(lastN(p.HeadingPath, 2), "\n")+"\n"+f.subject, g)
			c := candidate{text: text, an: an, passage: rank, pos: pos}
			c.raw = centrality(q, an, ctx, depth, pos)
			if facet := fragmentFacet(f, p.HeadingPath); facet != "" && slices.Contains(asked, facet) && (f.under != "" || parentGraded(p, passages)) {
				// "뭐가 좋아지고 반대로 뭘 조심해야": the merits and drawbacks
				// are what is asked, more than the lines defining the thing
				c.raw *= askedFacetBoost
			}
			cands = append(cands, c)
		}
	}
	cands = dropDuplicates(cands)
	cands = keepCentral(cands)
	return Rubric{Question: question, Points: toKeyPoints(cands, passages), Passages: passages}
}

// askedFacetBoost multiplies the centrality of a point under a facet the
// question asks (장점 of "뭐가 좋아지고"), against the lines defining the
// thing: a question on Lambda's merits and drawbacks is graded mostly on
// them (the strong answer to one scored 62 while its definition lines,
// not asked, held half the weight).
const askedFacetBoost = 2.0

// fragmentFacet is the facet label a fragment sits under: a heading inside
// its chunk ("#### 단점" folded into Lambda's), else its section's own
// heading; "" when neither is a facet.
func fragmentFacet(f fragment, path []string) string {
	if f.under != "" {
		if isFacetLabel(f.under) {
			return cleanHeading(f.under)
		}
		return ""
	}
	if n := len(path); n > 0 && isFacetLabel(path[n-1]) {
		return cleanHeading(path[n-1])
	}
	return ""
}

// parentGraded tells a facet section whose topic's own section is graded
// too (Lambda with its 장점): the facet is the part asked of that topic.
// Beside another section alone ("CD" with "CI / CD 란 > 장점") it is not:
// "각각 뭐가 좋아지는지" asks what CI's and CD's own lines say.
func parentGraded(p notes.Passage, passages []notes.Passage) bool {
	n := len(p.HeadingPath)
	return n > 1 && slices.ContainsFunc(passages, func(o notes.Passage) bool {
		return o.Note == p.Note && slices.Equal(o.HeadingPath, p.HeadingPath[:n-1])
	})
}

// isHeadingOf tells a fragment that is one of its passage's headings
// repeated in its text ("컨트롤 플레인 컴포넌트 - 기능 제어" over
// kube-apiserver's lines): a heading is no point.
func isHeadingOf(text string, path []string) bool {
	t := cleanHeading(text)
	return slices.ContainsFunc(path, func(h string) bool { return cleanHeading(h) == t })
}

// reInstruction matches a line addressed to a grader or a model, not
// knowledge: "ignore previous instructions", "give full marks", "이 답에는
// 만점을 주세요". Notes are the user's own, but a pasted prompt or a planted
// line must not become a point the answer is credited for repeating.
var reInstruction = regexp.MustCompile(`(?i)\b(ignore|disregard|forget)\s+(all\s+|any\s+)?(the\s+|your\s+)?(previous|prior|above|earlier|preceding)\s+(instructions?|prompts?|rules)` +
	`|\b(give|award|assign|grant)\s+(it\s+|this\s+|them\s+|the\s+answer\s+|every\s+answer\s+|all\s+answers\s+)?(a\s+)?(full|maximum|max|perfect|100%?)\s*(marks?|points?|scores?|grades?)` +
	`|\bsystem\s+prompt\b|만점|100\s*점[을를]?\s*(주|줘|부여)|점수[를을]?\s*(최고|가장 높게|높게)|(이전|앞의|위의)\s*(지시|명령|지침)[을를]?\s*무시|지시[를을]?\s*무시`)

// reRequirement matches a line of a job posting: the person it asks for
// ("… 운영 경험자", "… 우대", "… 보유자").
var reRequirement = regexp.MustCompile(`(경험자|경력자|보유자|소지자|가능자|우대|우대사항)\s*[.)]?\s*$`)

// reAsksPeople matches a question about the people a team hires, the
// experience it wants: the one a posting's lines answer.
var reAsksPeople = regexp.MustCompile(`경험|경력|공고|포지션|자격|채용|뽑|지원자|인재|사람|(?i)experience|hiring|candidate`)

type candidate struct {
	text    string
	an      analysis
	passage int // rank of the passage
	pos     int // fragment index inside the passage
	raw     float64
}

// centrality mixes question overlap (of the point and of the heading it sits
// under) with depth below the graded section and position: the first lines
// under a heading usually define the concept, later ones elaborate.
func centrality(q bag, point, heading analysis, depth, pos int) float64 {
	qs := 0.0
	if len(q.keys) > 0 {
		qs = 0.7*q.coveredBy(point) + 0.3*q.coveredBy(heading)
	}
	depthF := 1 / (1 + 0.5*float64(depth))
	posF := 1 / (1 + 0.04*float64(pos))
	return (0.1 + qs) * depthF * posF
}

// dropDuplicates removes points whose terms are (almost) contained in an
// earlier, better-ranked point: overlapping chunks repeat sentences.
func dropDuplicates(cs []candidate) []candidate {
	var out []candidate
	for _, c := range cs {
		dup := false
		for i := range out {
			if containment(c.an, out[i].an) >= dupOverlap {
				dup = true
				if c.raw > out[i].raw { // keep the wording that came first, with the better score
					out[i].raw = c.raw
				}
				break
			}
		}
		if !dup {
			out = append(out, c)
		}
	}
	return out
}

// containment is the share of the smaller point's content keys found in the other.
func containment(a, b analysis) float64 {
	ka, kb := a.keySet(), b.keySet()
	if len(ka) > len(kb) {
		ka, kb = kb, ka
	}
	if len(ka) == 0 {
		return 0
	}
	n := 0
	for k := range ka {
		if kb[k] {
			n++
		}
	}
	return float64(n) / float64(len(ka))
}

// keepCentral keeps at most maxPoints candidates, the most central ones, and
// drops those far below the best; the survivors stay in notes order.
func keepCentral(cs []candidate) []candidate {
	if len(cs) == 0 {
		return nil
	}
	idx := make([]int, len(cs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return cs[idx[a]].raw > cs[idx[b]].raw })
	best := cs[idx[0]].raw
	keep := make([]bool, len(cs))
	for n, i := range idx {
		if n >= maxPoints || cs[i].raw < minCentrality*best {
			break
		}
		keep[i] = true
	}
	var out []candidate
	for i, c := range cs {
		if keep[i] {
			out = append(out, c)
		}
	}
	return out
}

func toKeyPoints(cs []candidate, passages []notes.Passage) []KeyPoint {
	sum := 0.0
	for _, c := range cs {
		sum += c.raw
	}
	out := make([]KeyPoint, len(cs))
	for i, c := range cs {
		out[i] = KeyPoint{
			ID:      fmt.Sprintf("p%d", i+1),
			Text:    c.text,
			Weight:  c.raw / sum,
			Passage: passages[c.passage],
		}
	}
	return out
}

func lastN(ss []string, n int) []string {
	if len(ss) <= n {
		return ss
	}
	return ss[len(ss)-n:]
}

// ---------------------------------------------------------------------------
// Markdown → fragments

// fragment is one candidate key point of a passage and the outline label it sits under.
type fragment struct {
	text    string
	subject string // nearest enclosing label ("ALB" for the lines under "- ALB"), or ""
	scoped  bool   // under a heading inside the chunk: the chunk's own heading is not its subject
	under   string // the heading inside the chunk it sits under ("단점" folded into Lambda's chunk), or ""
}

var (
	reImage     = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	reLink      = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	reURL       = regexp.MustCompile(`https?://\S+`)
	reStrike    = regexp.MustCompile(`~~[^~]*~~`)
	reHTML      = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)
	reBullet    = regexp.MustCompile(`^(?:[-*+•]|\d{1,2}[.)])\s+`)
	reHeading   = regexp.MustCompile(`^#{1,6}\s*`)
	reEmphasis  = regexp.MustCompile("\\*\\*|__|`+|\\*")
	reSpaces    = regexp.MustCompile(`\s+`)
	reLinkOnly  = regexp.MustCompile(`^\s*(?:[-*+]\s+)?!?\[[^\]]*\]\([^)]*\)\s*$`)
	reSubjectOf = regexp.MustCompile(`^((?:[^:：()]|\([^:：()]*\)){1,40}?)\s*[:：]\s+\S`) // a label closes its parentheses: "ALB (…): …", not "CIDR 블록(예: …)"
)

type mdLine struct {
	indent  int
	text    string // markup removed
	heading bool
	bullet  bool
	number  bool // a numbered item ("1. …")
	arrow   bool // continues the previous line ("→ 여러 AZ를 거쳐 복제")
}

// passageFragments turns a passage's Markdown into candidate points. Each
// line is a unit (notes are written line by line); a line starting with an
// arrow is about what the line before is about; long lines are split into sentences.
func passageFragments(md string) []fragment {
	lines := parseLines(md)
	var out []fragment
	type label struct {
		indent int
		text   string // "" for a heading: it scopes, but names a topic rather than an entity
		list   bool   // "n·Xavis : 통합 관리 플랫폼" over bullets at its own indent: it scopes those bullets
	}
	var stack []label
	lastHeading := ""
	for i, l := range lines {
		for len(stack) > 0 {
			top := stack[len(stack)-1]
			inside := top.indent < l.indent || l.heading && top.indent < 0 || top.list && top.indent == l.indent && l.bullet
			if inside {
				break
			}
			stack = stack[:len(stack)-1]
		}
		if isLabel(lines, i) {
			ind := l.indent
			text := l.text
			if l.heading {
				ind = -1 // a heading encloses everything after it in the chunk
				stack = stack[:0]
				text = ""
				lastHeading = l.text
			}
			stack = append(stack, label{ind, text, false})
			continue
		}
		subject, scoped := "", len(stack) > 0
		if scoped {
			subject = stack[len(stack)-1].text
		}
		if m := reSubjectOf.FindStringSubmatch(l.text); m != nil && !l.bullet && i+1 < len(lines) && lines[i+1].bullet && lines[i+1].indent == l.indent {
			// the line stays a point of its own; the bullets after it are about X
			stack = append(stack, label{l.indent, m[1], true})
		}
		if l.arrow && len(out) > 0 {
			// "→ 여러 AZ를 거쳐 복제" is a further fact about what the line above is about
			prev := out[len(out)-1]
			subject = prev.subject
			if m := reSubjectOf.FindStringSubmatch(prev.text); m != nil {
				subject = m[1]
			}
		}
		line := l.text
		if first, _, _ := strings.Cut(line, " "); lastHeading != "" && token.IsParticleWord(first) {
			// "#### 아키텍쳐 관점" / "에서는 api gateway …": the line goes on
			// from its heading
			line = goOnFrom(lastHeading, line)
		}
		// "EBS: 하나의 EC2 인스턴스에 붙이는 … 볼륨이다. 같은 AZ 안에서만 붙일
		// 수 있다.": the line's later sentences are said of its label too
		label := ""
		if m := reSubjectOf.FindStringSubmatch(line); m != nil {
			label = strings.TrimSpace(m[1])
		}
		for k, s := range splitLong(line) {
			subj := subject
			if k > 0 && label != "" && !strings.HasPrefix(s, label) {
				subj = label
			}
			out = append(out, fragment{text: s, subject: subj, scoped: scoped, under: lastHeading})
		}
	}
	return out
}

// goOnFrom joins a line that opens with a particle to the heading it goes
// on from: "아키텍쳐 관점" + "에서는 api gateway …"; a line that opens with
// the pronoun 이 ("이는 특정 path로 …" under "ALB") has the heading in its
// place: "ALB는 특정 path로 …", not "ALB이는".
func goOnFrom(heading, line string) string {
	first, rest, _ := strings.Cut(line, " ")
	if p, ok := demonstrativeParticle(first); ok {
		return heading + josa(heading, p[0], p[1]) + " " + rest
	}
	return heading + line
}

// demonstrativeParticle reads a line's first word as the pronoun 이 ("this")
// with its particle (이는, 이를, 이로써), and gives that particle's two forms
// (after a final consonant, after a vowel) for the name put in its place.
func demonstrativeParticle(w string) ([2]string, bool) {
	switch w {
	case "이는":
		return [2]string{"은", "는"}, true
	case "이를":
		return [2]string{"을", "를"}, true
	case "이가":
		return [2]string{"이", "가"}, true
	case "이로써", "이로서":
		return [2]string{"으로써", "로써"}, true
	case "이에":
		return [2]string{"에", "에"}, true
	}
	return [2]string{}, false
}

// reStepsLabel names a list as steps in order: "[개발단계]", "배포 순서",
// "절차", "Steps:".
var reStepsLabel = regexp.MustCompile(`(?i)단계|순서|절차|흐름|\bsteps?\b|\bprocess\b|\bflow\b|\bworkflow\b`)

// stepLists finds the lists a passage gives in order: numbered items, or
// the bullets right under a short label that names steps. Each is a list of
// its items' text; sub-bullets belong to their item and are left out.
func stepLists(md string) [][]string {
	lines := parseLines(md)
	var out [][]string
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		label := !l.bullet && reStepsLabel.MatchString(l.text) && utf8.RuneCountInString(l.text) <= 20
		if !label && !l.number {
			continue
		}
		start := i + 1
		if l.number {
			start = i
		}
		var items []string
		ind, j := -1, start
		for ; j < len(lines); j++ {
			m := lines[j]
			if !m.bullet || (ind >= 0 && m.indent < ind) || (l.number && m.indent <= ind && !m.number) {
				break
			}
			if ind < 0 {
				ind = m.indent
			}
			if m.indent == ind {
				items = append(items, m.text)
			}
		}
		if len(items) >= 2 {
			out = append(out, items)
			i = j - 1
		}
	}
	return out
}

// namedRuns finds runs of three or more lines at one indent that each name
// an item before " - " ("계획 - 요구사항 정의", "테스트 - 코드 품질 보장…"),
// as the names in order.
func namedRuns(md string) [][]string {
	lines := parseLines(md)
	var out [][]string
	var run []string
	ind := -1
	flush := func() {
		if len(run) >= 3 {
			out = append(out, run)
		}
		run, ind = nil, -1
	}
	for _, l := range lines {
		name, _, ok := strings.Cut(l.text, " - ")
		item := ok && !l.heading && len(strings.Fields(name)) <= 2
		if !item || ind >= 0 && l.indent != ind {
			flush()
		}
		if item {
			run, ind = append(run, strings.TrimSpace(name)), l.indent
		}
	}
	flush()
	return out
}

// parseLines strips Markdown markup line by line and drops code blocks,
// link-only lines, images and struck-through text (the user crossed it out).
func parseLines(md string) []mdLine {
	var out []mdLine
	inCode := false
	for _, raw := range strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n") {
		trimmed := strings.TrimSpace(raw)
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			inCode = !inCode
			continue
		}
		if inCode || trimmed == "" || reLinkOnly.MatchString(trimmed) || strings.HasPrefix(trimmed, "|---") || strings.HasPrefix(trimmed, "---") {
			continue
		}
		l := mdLine{indent: indentOf(raw)}
		t := trimmed
		if reHeading.MatchString(t) {
			l.heading = true
			t = reHeading.ReplaceAllString(t, "")
		}
		if strings.HasPrefix(t, ">") {
			t = strings.TrimSpace(strings.TrimLeft(t, ">"))
		}
		if reBullet.MatchString(t) {
			l.bullet = true
			l.number = t[0] >= '0' && t[0] <= '9'
			t = reBullet.ReplaceAllString(t, "")
		}
		if strings.HasPrefix(t, "→") || strings.HasPrefix(t, "->") || strings.HasPrefix(t, "=>") {
			l.arrow = true
			t = strings.TrimLeft(t, "→->= ")
		}
		hadLink := reLink.MatchString(t) || reURL.MatchString(t)
		t = cleanInline(t)
		if t == "" || (hadLink && len(strings.Fields(t)) < 4) {
			continue // a reference to elsewhere ("[TIL/...](url)", "[공식 문서](url) 참고"), not a fact
		}
		l.text = t
		out = append(out, l)
	}
	return out
}

func cleanInline(t string) string {
	// Most lines have no markup: the regular expressions only run on those
	// that have a character one of them needs (section choice calls this
	// for every heading of every chunk).
	if strings.ContainsAny(t, "~![]()<>*_`") || strings.Contains(t, "://") {
		t = reStrike.ReplaceAllString(t, "")
		t = reImage.ReplaceAllString(t, "")
		t = reLink.ReplaceAllString(t, "$1")
		t = reURL.ReplaceAllString(t, "")
		t = reHTML.ReplaceAllString(t, " ")
		t = reEmphasis.ReplaceAllString(t, "")
	}
	// Arrows stay: "Ansible → Packer → Terraform" states an order (order.go).
	if strings.HasPrefix(t, "|") { // table row: cells become a list
		t = strings.Join(strings.FieldsFunc(t, func(r rune) bool { return r == '|' }), ", ")
	}
	t = reSpaces.ReplaceAllString(t, " ")
	return strings.Trim(t, " ,")
}

func indentOf(s string) int {
	n := 0
	for _, r := range s {
		switch r {
		case ' ':
			n++
		case '\t':
			n += 4
		default:
			return n
		}
	}
	return n
}

// isLabel tells whether line i names what the lines below it are about: a
// heading, or a short line (no sentence) followed by more indented lines.
func isLabel(lines []mdLine, i int) bool {
	l := lines[i]
	if l.heading {
		return true
	}
	if utf8.RuneCountInString(l.text) > maxSubjectRune || len(strings.Fields(l.text)) > 5 || strings.ContainsAny(l.text, ".?!") {
		return false
	}
	return i+1 < len(lines) && lines[i+1].indent > l.indent && !lines[i+1].arrow
}

// splitLong splits a line into sentences, and a sentence into the two
// statements a dash joins when both are statements ("HTTP, HTTPS의 특성을
// 주로 다루는 로드밸런서 - L7의 특성" says two things; "자동화된 복구 - Pod
// 배포 시 …" names a feature, then says what it is: one point).
func splitLong(line string) []string {
	var out []string
	for _, s := range splitSentences(line) {
		left, right, ok := strings.Cut(s, " - ")
		if ok && len(strings.Fields(left)) >= 4 && len(strings.Fields(right)) >= 2 {
			out = append(out, strings.TrimSpace(left), strings.TrimSpace(right))
			continue
		}
		out = append(out, s)
	}
	return out
}

// splitSentences splits text at sentence ends (. ! ? followed by a space or
// the end, not inside numbers like 1.5) and at line breaks.
func splitSentences(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		start, depth := 0, 0
		rs := []rune(line)
		for i, r := range rs {
			switch r {
			case '(', '[', '（':
				depth++
			case ')', ']', '）':
				depth = max(0, depth-1)
			}
			if !(r == '.' || r == '!' || r == '?' || r == '。') || depth > 0 {
				continue // a sentence does not end inside a parenthesis: "(ex. 문서화)"
			}
			if r == '.' && abbreviation(rs[:i]) {
				continue
			}
			if i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
				continue
			}
			if r == '.' && i > 0 && unicode.IsDigit(rs[i-1]) && i+1 < len(rs) && unicode.IsDigit(rs[i+1]) {
				continue
			}
			if r == '.' && len(strings.TrimSpace(string(rs[start:i]))) == 1 {
				continue // "A. Dry soil heats faster": the option letter belongs to its sentence
			}
			out = appendTrimmed(out, string(rs[start:i+1]))
			start = i + 1
		}
		out = appendTrimmed(out, string(rs[start:]))
	}
	return out
}

// abbreviation tells whether the text before a period ends in an
// abbreviation ("ex.", "e.g.", "etc.", "vs."), which does not end a sentence.
func abbreviation(before []rune) bool {
	i := len(before)
	for i > 0 && (unicode.IsLetter(before[i-1]) || before[i-1] == '.') && before[i-1] < 0x80 {
		i--
	}
	switch strings.ToLower(string(before[i:])) {
	case "ex", "e.g", "eg", "i.e", "ie", "etc", "vs", "cf", "approx":
		return true
	}
	return false
}

func appendTrimmed(out []string, s string) []string {
	s = strings.TrimSpace(reBullet.ReplaceAllString(strings.TrimSpace(s), ""))
	if s == "" {
		return out
	}
	return append(out, s)
}

// withSubject prefixes a point with the label it sits under when the point does
// not name it: "L7의 특성" under "ALB" reads "ALB: ... L7의 특성", so the point
// stands on its own in a report and binds its facts to the right entity.
func withSubject(text, subject string) string {
	head := subjectHead(subject)
	if head == "" || reSubjectOf.MatchString(text) {
		return text
	}
	if strings.Contains(strings.ToLower(text), strings.ToLower(head)) {
		return text
	}
	return head + ": " + text
}

// facetLabels name an aspect of a topic rather than a topic: a line or
// heading "장점" under "Agile" is about Agile. Compared lower-cased, without
// trailing punctuation.
var facetLabels = map[string]bool{
	"장점": true, "단점": true, "특징": true, "예시": true, "예": true, "ex": true, "e.g": true, "개요": true, "정의": true,
	"역할": true, "기능": true, "종류": true, "목적": true, "구성": true, "원리": true, "방법": true, "과정": true,
	"참고": true, "정리": true, "요약": true, "비교": true, "장단점": true, "pros": true, "cons": true, "features": true,
	"example": true, "examples": true, "overview": true, "advantages": true, "disadvantages": true,
}

// isFacetLabel tells a label or heading that names an aspect (facetLabels).
func isFacetLabel(label string) bool {
	l := strings.ToLower(strings.TrimRight(cleanHeading(label), ".:： "))
	if facetLabels[l] {
		return true
	}
	// "애플리케이션 관점", "운영 측면": a point of view on the parent's topic
	fs := strings.Fields(l)
	if n := len(fs); n >= 2 && n <= 3 {
		switch fs[n-1] {
		case "관점", "측면", "perspective", "view":
			return true
		}
	}
	return false
}

// subjectHead shortens a label to the name it gives: "ACL - Access Control
// List" → "ACL", "Route 53 (DNS)" → "Route 53", "k8s vs. docker" → "".
func subjectHead(label string) string {
	h := label
	for _, sep := range []string{" - ", " – ", "(", ":", "："} {
		if i := strings.Index(h, sep); i > 0 {
			h = h[:i]
		}
	}
	h = strings.TrimSpace(h)
	if h == "" || isFacetLabel(h) || len(strings.Fields(h)) > 4 || utf8.RuneCountInString(h) > 30 || strings.Contains(strings.ToLower(h), " vs") {
		return ""
	}
	return h
}

// ---------------------------------------------------------------------------
// Text analysis shared by the rubric and the judge.

// term is one word of analysed text.
type term struct {
	key   string // match key: English stem, number, glossary canonical or Hangul stem; "" for function words
	text  string // normalised (and glossary-folded) surface word
	kind  token.Kind
	grams []string // Hangul bigrams of key
	neg   bool     // a negation: not, never, 않, 없, 안, 못, 불가
	flip  bool     // the negative member of an antonym pair (deny, 거부): shares the positive key, flips polarity
	gap   string   // the characters between the previous word and this one
	// alike: "A가 아니라 B" where B repeats A's head noun ("서버 단위가 아니라
	// 함수 단위로"): it contrasts what modifies the noun, and denies no claim
	alike bool
}

type analysis struct {
	terms []term
}

func (a analysis) contentCount() int {
	n := 0
	for _, t := range a.terms {
		if t.key != "" {
			n++
		}
	}
	return n
}

func (a analysis) keySet() map[string]bool {
	m := make(map[string]bool, len(a.terms))
	for _, t := range a.terms {
		if t.key != "" {
			m[t.key] = true
		}
	}
	return m
}

// analyze normalises text, folds glossary aliases and turns each word into a term.
func analyze(text string, g *token.Glossary) analysis {
	s := token.Normalize(text)
	if g != nil {
		s = g.Canonicalize(s)
	}
	s = token.SpaceExistence(s)
	words := token.Words(s)
	out := analysis{terms: make([]term, 0, len(words))}
	prevEnd := 0
	for i, w := range words {
		t := term{text: w.Text, kind: w.Kind, gap: s[prevEnd:w.Start]}
		prevEnd = w.End
		switch w.Kind {
		case token.Latin:
			t.neg = englishNegation(words, i)
			if isOption(s, words, i) {
				t.key = "opt:" + w.Text
				break
			}
			if a, ok := antonymOfLatin(w); ok {
				t.key, t.flip = a.key, a.negative
			} else if !token.IsStopword(w.Text) && !englishFiller[w.Text] {
				t.key = w.Stem
			}
		case token.Number:
			t.key = w.Text
		case token.Hangul:
			t.neg = token.Negation(w.Text)
			stem := token.Stem(w.Text)
			if v, ok := token.ShortVerb(w.Text); ok {
				stem = v
			}
			if i > 0 && words[i-1].Kind == token.Latin && w.Start-words[i-1].End <= 1 && token.SuffixWord(w.Text) {
				// "synchronous 화하지": 동기화하지 with 동기 named by the
				// glossary; "asynchronous 적": 비동기적, not 적다 (few)
			} else if inner, ok := token.NegatedWord(w.Text); ok {
				// 필요없는, 불필요한: "not needed" is the opposite of 필요 as a
				// word, like an antonym, not a negated clause
				stem, t.neg = token.Stem(inner), false
				if a, ok := antonymOf(stem); ok {
					t.key, t.flip = a.key, !a.negative
				} else {
					t.key, t.flip = stem, true
				}
			} else if a, ok := antonymOf(stem); ok && !token.GiveAuxiliary(prevText(words, i), w.Text, nextText(words, i)) {
				t.key, t.flip = a.key, a.negative
			} else if ok {
				// 보내 "줄" 수 있다: the auxiliary 주다, nothing of its own
			} else if token.GiveAfterVerb(prevText(words, i), w.Text) {
				// "열어 주기 때문에": the same auxiliary in its other forms
			} else if !t.neg && utf8.RuneCountInString(stem) >= 2 && !hangulFiller[stem] && !token.IsParticleWord(w.Text) && !token.IsBoundNoun(w.Text) {
				t.key = stem
				if canon, ok := g.NearAlias(stem); ok {
					t.key = token.Words(canon)[0].Stem // "가성머신" written for 가상머신
				}
			}
			if t.key != "" {
				t.grams = token.Bigrams(t.key)
			}
		}
		out.terms = append(out.terms, t)
	}
	notOnly(out.terms)
	noProblem(out.terms)
	idioms(out.terms)
	insteadOf(out.terms)
	turnedInto(out.terms)
	contrastsAlike(out.terms)
	nativeNumbers(out.terms)
	return out
}

// idioms reads two-word phrases whose sense is not their words':
// "그대로 유지" is "does not change" (파드 IP가 매번 바뀐다, against "한 번
// 할당되면 그대로 유지된다"), and "제한이 있다", "한계가 있다" say the thing
// is hard to do (against "대규모 프로젝트에도 문제없이"). Each word alone
// keeps its own reading: "복제 숫자를 유지", "외부 제약 조건".
func idioms(ts []term) {
	for i := 0; i+1 < len(ts); i++ {
		next := ts[i+1]
		switch {
		case ts[i].text == "가리지" && next.neg && strings.HasPrefix(next.text, "않"):
			// "환경을 가리지 않는다": works whatever the environment, not
			// bound to it; the negation is the idiom's own
			ts[i].key, ts[i].flip, ts[i].grams = "depend", true, nil
			ts[i+1].neg = false
		case ts[i].key == "cost" && !ts[i].flip:
			// "비용이 (많이) 든다" is the notes' "비용이 증가": cost is
			// incurred; "크게 안 들고" says little is. Between the two, a
			// particle, a degree or the negation.
			for v := i + 1; v < len(ts) && v <= i+4; v++ {
				w := ts[v].text
				if r, _ := utf8.DecodeRuneInString(w); strings.ContainsRune("들드든듭", r) {
					if ts[v-1].neg {
						ts[v].key, ts[v].flip, ts[v].grams = "increase", false, nil
					}
					break
				}
				if ts[v].key != "" && !token.PolarityAdverb(w) && ts[v].key != "much" && w != "별로" && w != "거의" {
					break
				}
			}
		case ts[i].key == "그대" && strings.HasPrefix(ts[i].text, "그대로") && next.key == "유지" && !next.neg:
			ts[i].key, ts[i].grams = "", nil
			ts[i+1].key, ts[i+1].flip, ts[i+1].grams = "change", true, nil
		case (ts[i].key == "제한" || ts[i].key == "한계" || ts[i].key == "제약") && !ts[i].flip:
			// "제약도 거의 없어서": how strongly is said between
			v := i + 1
			for v+1 < len(ts) && (ts[v].text == "거의" || token.PolarityAdverb(ts[v].text)) {
				v++
			}
			verb := ts[v]
			if !(strings.HasPrefix(verb.text, "있") && !verb.neg || verb.neg && strings.HasPrefix(verb.text, "없")) {
				continue
			}
			// the verb carries the sense, the noun keeps its word; "제한이
			// 없어서" is no difficulty
			ts[v].key, ts[v].flip, ts[v].grams = "easy", !verb.neg, nil
			if verb.neg {
				// "제한이 없어서" binds to nothing by its noun: "추후 제한으로
				// 인해 … 어렵다" is another claim that merely names a limit
				ts[i].key, ts[i].grams = "", nil
			}
			ts[v].neg = false
		}
	}
}

// turnedInto reads 바꾸다 with a goal in 로 ("도메인을 IP 주소로 바꿔
// 줍니다") as the notes' 변환 ("도메인을 IP로 변환하여"): turning one thing
// into another. Without one ("조직 문화를 바꿔야") it is change, not
// conversion, and keeps its own word.
func turnedInto(ts []term) {
	for i := 1; i < len(ts); i++ {
		if ts[i].kind != token.Hangul || ts[i].neg {
			continue
		}
		w := ts[i].text
		if !strings.HasPrefix(w, "바꿔") && !strings.HasPrefix(w, "바꾸") && !strings.HasPrefix(w, "바꿉") && !strings.HasPrefix(w, "바꿨") {
			continue
		}
		// nounAt: "IP 주소 로", the particle written apart from a Latin word
		if p := particleAfter(ts, nounAt(ts, i-1)); p == "로" || p == "으로" {
			ts[i].key, ts[i].flip = "변환", false
			ts[i].grams = token.Bigrams("변환")
		}
	}
}

// insteadOf reads "together instead of treating them as separate" (and
// "rather than"): the antonym member after it is what is not done, so it
// counts the other way, as "따로 가져가지 않고 통합해서" does.
func insteadOf(ts []term) {
	for i := 0; i+1 < len(ts); i++ {
		if ts[i].kind != token.Latin || !(ts[i].text == "instead" && ts[i+1].text == "of" || ts[i].text == "rather" && ts[i+1].text == "than") {
			continue
		}
		for j := i + 2; j < len(ts) && j <= i+7; j++ {
			if ts[j].key != "" && isAntonymKey(ts[j].key) {
				ts[j].flip = !ts[j].flip
				break
			}
		}
	}
}

// noProblem reads "문제가 (거의) 없다" and "문제없이" as the idiom it is,
// "easy": with no problem is the opposite of 어렵다 ("무거운 프레임워크도
// 올려 쓰는 데 문제가 거의 없습니다" against the notes' "사용이 어려움").
// 문제 alone keeps its own reading.
func noProblem(ts []term) {
	for i := range ts {
		if ts[i].key != "문제" {
			continue
		}
		if ts[i].flip { // 문제없이, 문제없는: NegatedWord took 없 inside
			ts[i].key, ts[i].flip = "easy", false
			continue
		}
		for j := i + 1; j < len(ts) && j <= i+2; j++ {
			if ts[j].neg && strings.HasPrefix(ts[j].text, "없") {
				ts[i].key, ts[i].flip = "easy", true // difficulty, denied
				break
			}
			if ts[j].key != "" && ts[j].text != "거의" && ts[j].text != "별로" && ts[j].text != "전혀" {
				break
			}
		}
	}
}

// nativeNumerals are the Korean numerals said before a counter (두 달, 네
// 개의 계층, 넉 달, 다섯 단계); 한 ("one") is read as a quantifier.
var nativeNumerals = map[string]string{"두": "2", "세": "3", "석": "3", "네": "4", "넉": "4", "다섯": "5", "여섯": "6", "일곱": "7", "여덟": "8", "아홉": "9", "열": "10",
	// a spoken range is read as its upper end: "두세 달" is up to three months
	"한두": "2", "두세": "3", "두서너": "4", "서너": "4", "너덧": "5", "대여섯": "6"}

// nativeNumbers reads a native numeral before a counter as the number it
// is, so that "네 개의 계층" is compared with "7단계" as 4 with 7: a spoken
// answer says numbers so. "세 가지" (kinds) is no count of a fact, except
// of a classifier's classes.
func nativeNumbers(ts []term) {
	for i := 0; i+1 < len(ts); i++ {
		n, ok := nativeNumerals[ts[i].text]
		if !ok || ts[i].kind != token.Hangul {
			continue
		}
		// "세 가지 클래스": kinds counted; "단계면", "계층으로": the counter with its ending
		kinds := strings.HasPrefix(ts[i+1].text, "가지") && classifiedKinds(ts, i+1)
		k := ts[i+1].key
		if u := unitOf(ts[i+1].text); ts[i+1].kind == token.Hangul && (unitWords[u] || u == "개월" || u == "단계" || u == "계층" || k == "단계" || k == "계층" || kinds) {
			ts[i].kind, ts[i].key, ts[i].neg, ts[i].grams = token.Number, n, false, nil
		}
	}
}

// classifiedKinds tells kinds counted at i ("가지") that are a
// classifier's classes: a class noun right after ("세 가지 클래스"), or the
// classifying a few words on ("세 가지를 가르는 분류").
func classifiedKinds(ts []term, i int) bool {
	if i+1 < len(ts) && classNoun(ts[i+1]) {
		return true
	}
	for j := i + 1; j < len(ts) && j <= i+3; j++ {
		if strings.HasPrefix(ts[j].text, "분류") {
			return true
		}
	}
	return false
}

func prevText(ws []token.Word, i int) string {
	if i > 0 {
		return ws[i-1].Text
	}
	return ""
}

func nextText(ws []token.Word, i int) string {
	if i+1 < len(ws) {
		return ws[i+1].Text
	}
	return ""
}

// notOnly clears the negation of "X에만 그치지 않고", "X뿐만 아니라": they
// say "not only X" (X and more), not that anything is false; so does "X만으로는
// … 없다" (X alone is not enough).
func notOnly(ts []term) {
	for i := 1; i < len(ts); i++ {
		if !ts[i].neg || ts[i].key != "" {
			continue
		}
		prev := ts[i-1].text
		if strings.HasPrefix(prev, "그치") || strings.HasPrefix(prev, "국한") || strings.HasSuffix(prev, "뿐만") || strings.HasSuffix(prev, "뿐") || aloneBefore(ts, i) || onlyBefore(ts, i) || mannerDenied(ts, i) {
			ts[i].neg = false
		}
	}
}

// contrastsAlike marks "A가 아니라 B" whose B repeats the content word just
// before 아니라 ("서버 단위가 아니라 함수 단위로").
func contrastsAlike(ts []term) {
	for i, t := range ts {
		if !t.neg || t.key != "" || !strings.HasPrefix(t.text, "아니") {
			continue
		}
		j := i - 1
		for j >= 0 && ts[j].key == "" {
			j--
		}
		if j < 0 {
			continue
		}
		// "사용자 접속 로그가 아니라, Jenkins에서 빌드를 진행할 때 발생하는
		// 이벤트 로그가": B's modifiers may be long
		for k := i + 1; k < len(ts) && k <= i+12 && !strings.ContainsAny(ts[k].gap, ".?!"); k++ {
			if ts[k].key == ts[j].key {
				ts[i].alike = true
				break
			}
		}
	}
}

// mannerWords say how something is done by hand: "사람이 손으로 배포하지
// 않으니" denies the manner (deploys are automated), not the deploy. (수동
// is an antonym of 자동 and keeps its own reading.)
var mannerWords = map[string]bool{"손으로": true, "일일이": true, "하나하나": true, "수작업으로": true}

// mannerDenied tells a negation whose verb is said with a manner word just
// before it.
func mannerDenied(ts []term, i int) bool {
	return backInClause(ts, i, 3, func(t term) bool { return mannerWords[t.text] })
}

// onlyBefore tells "아니라" after "X만 하는 게" or "X만이" in its clause
// ("AWS 운영만 하는 게 아니라 컨설팅부터"): not only X, which denies nothing.
func onlyBefore(ts []term, i int) bool {
	if t := ts[i].text; !strings.HasPrefix(t, "아니라") && !strings.HasPrefix(t, "아니고") {
		return false
	}
	// "실행만 자동으로 하는 게 아니라": four words back
	return backInClause(ts, i, 4, func(t term) bool {
		w := strings.TrimRight(t.text, ",.")
		if t.key == "" && (w == "만" || w == "만이" || w == "만은") {
			return true // the particle of a glossary word ("실행만" → execute, 만)
		}
		if w == "다만" || w == "그만" {
			return false // "다만 핵심이 자동화는 아니라고": but, not only
		}
		return utf8.RuneCountInString(w) >= 2 && (strings.HasSuffix(w, "만") || strings.HasSuffix(w, "만이") || strings.HasSuffix(w, "만은"))
	})
}

// aloneBefore tells a negation after "X만으로는" in its clause ("도메인
// 이름만으로는 통신을 할 수 없어서"): X alone does not suffice, which denies
// nothing the notes say of X.
//
// So does "X만 가지고는" ("도메인 이름만 가지고는 네트워크 통신을 할 수가
// 없어서"): 가지고 after a word ending in 만.
func aloneBefore(ts []term, i int) bool {
	prevOnly := false
	return backInClause(ts, i, 6, func(t term) bool {
		return strings.HasSuffix(t.text, "만으로는") || strings.HasSuffix(t.text, "만으론") || strings.HasSuffix(t.text, "만으로")
	}) || backInClause(ts, i, 6, func(t term) bool {
		// read back to front: 가지고 is met before the word ending in 만
		if prevOnly && strings.HasSuffix(t.text, "만") {
			return true
		}
		prevOnly = strings.HasPrefix(t.text, "가지고") || strings.HasPrefix(t.text, "갖고")
		return false
	})
}

// backInClause tells whether one of the n words before i, back to the
// clause's start (a comma, a period, another negation), is one match takes.
func backInClause(ts []term, i, n int, match func(term) bool) bool {
	for j := i - 1; j >= 0 && j >= i-n; j-- {
		if match(ts[j]) {
			return true
		}
		if ts[j].neg || strings.ContainsAny(ts[j].gap, ",.") {
			return false
		}
	}
	return false
}

// antonyms map the negative member of a pair onto the positive one, so that
// "deny port 22" and "allow port 22" compare as the same fact with opposite polarity.
var antonyms = map[string]antonym{
	"allow": {"allow", false}, "permit": {"allow", false}, "허용": {"allow", false}, "허가": {"allow", false},
	"deny": {"allow", true}, "block": {"allow", true}, "reject": {"allow", true}, "forbid": {"allow", true},
	"거부": {"allow", true}, "차단": {"allow", true}, "금지": {"allow", true},
	// 막다 "block", in the forms the stemmer leaves whole (막아, 막는, 막힌)
	"막아": {"allow", true}, "막는": {"allow", true}, "막고": {"allow", true}, "막을": {"allow", true}, "막기": {"allow", true},
	"막습니": {"allow", true}, "막혀": {"allow", true}, "막힌": {"allow", true}, "막히": {"allow", true}, "막혀서": {"allow", true},
	// The pairs below say the same thing of one subject with opposite sense:
	// 자동/수동, 쉽다/어렵다, 늘다/줄다, 빠르다/느리다, 분산/집중, 통합/분리.
	"자동": {"auto", false}, "자동화": {"auto", false}, "automat": {"auto", false}, "autom": {"auto", false}, "automatic": {"auto", false},
	"수동": {"auto", true}, "수동으로": {"auto", true}, "manual": {"auto", true}, "manually": {"auto", true},
	"쉽": {"easy", false}, "쉬운": {"easy", false}, "용이": {"easy", false}, "easi": {"easy", false}, "easy": {"easy", false},
	"쉬워": {"easy", false}, "쉬워지": {"easy", false}, "쉬워진": {"easy", false},
	"어렵": {"easy", true}, "어려운": {"easy", true}, "어려움": {"easy", true}, "힘들": {"easy", true}, "difficult": {"easy", true}, "hard": {"easy", true},
	"어려워": {"easy", true}, "어려워지": {"easy", true}, "어려워진": {"easy", true},
	"증가": {"increase", false}, "늘어나": {"increase", false}, "늘어난": {"increase", false}, "늘": {"increase", false}, "increas": {"increase", false},
	// 떨어지다 of a measure (손실이 떨어지면): its fall. (올라가다 is left out:
	// "도입 비용이 올라간다" met the notes' 운영 비용 절감 as a denial.)
	"떨어지": {"increase", true}, "떨어져": {"increase", true}, "떨어진": {"increase", true}, "낮아지": {"increase", true}, "낮아져": {"increase", true}, "내려가": {"increase", true},
	"감소": {"increase", true}, "절감": {"increase", true}, "줄어": {"increase", true}, "줄어든": {"increase", true}, "줄어들": {"increase", true}, "줄이": {"increase", true}, "줄여": {"increase", true}, "줄": {"increase", true}, "최소": {"increase", true}, "최소화": {"increase", true}, "minim": {"increase", true}, "decreas": {"increase", true}, "reduc": {"increase", true},
	"빠르": {"fast", false}, "빠른": {"fast", false}, "빠르게": {"fast", false}, "신속": {"fast", false}, "fast": {"fast", false}, "quick": {"fast", false},
	"느리": {"fast", true}, "느린": {"fast", true}, "느려": {"fast", true}, "느려집": {"fast", true}, "slow": {"fast", true},
	"분산": {"spread", false}, "distribut": {"spread", false}, "집중": {"spread", true}, "centraliz": {"spread", true},
	// 여러 곳에 나눠 저장 / 한 곳에 모아 저장
	"나누": {"spread", false}, "나눠": {"spread", false}, "나누어": {"spread", false}, "모아": {"spread", true}, "모으": {"spread", true}, "모아서": {"spread", true},
	"통합": {"integrate", false}, "integr": {"integrate", false}, "분리": {"integrate", true}, "separ": {"integrate", true},
	// 서브넷은 VPC를 잘게 쪼개는 과정 / 서브넷 여러 개를 합쳐서 VPC를 만든다
	"쪼개": {"divide", false}, "쪼개는": {"divide", false}, "쪼개서": {"divide", false}, "쪼갠": {"divide", false}, "분할": {"divide", false},
	"합치": {"divide", true}, "합쳐": {"divide", true}, "합쳐서": {"divide", true}, "합친": {"divide", true}, "병합": {"divide", true},
	"합처": {"divide", true}, "합처서": {"divide", true}, // 합쳐 as FoldSpelling leaves it (쳐 → 처, for 아키텍쳐)
	// 지속적으로 운영 / 끊기지 않고 운영 (litotes) / 끊긴다
	"지속": {"continue", false}, "지속적": {"continue", false}, "끊기": {"continue", true}, "끊겨": {"continue", true}, "끊김": {"continue", true}, "끊어": {"continue", true}, "중단": {"continue", true},
	"적합": {"fit", false}, "적합한": {"fit", false}, "부적합": {"fit", true}, "맞": {"fit", false}, "suitabl": {"fit", false},
	"scaleup": {"scalev", false}, "scaledown": {"scalev", true},
	// 커널을 공유 / 커널을 따로 띄운다
	"공유": {"share", false}, "share": {"share", false}, "따로": {"share", true}, "별도": {"share", true},
	// 파드 IP가 매번 바뀐다 / 한 번 할당되면 그대로 유지된다 (unchanged
	// reads the idiom; 유지 alone is what is kept, "복제 숫자를 유지")
	"바뀌": {"change", false}, "바뀐": {"change", false}, "바뀌는": {"change", false}, "바뀌어": {"change", false}, "바뀝니": {"change", false},
	"변하": {"change", false}, "변해": {"change", false}, "변한": {"change", false}, "변하는": {"change", false},
	// 자주 / 빈번: how often, one measure ("자주 업데이트되지 않는 파일" is
	// the notes' "빈번한 업데이트가 없은 파일"). 드물다 is left out: as a
	// negative member it read "호출이 드문 API" as a denial to ask the
	// grounds of.
	"자주": {"often", false}, "빈번": {"often", false},
	"개방": {"open", false}, "열어": {"open", false}, "열고": {"open", false}, "닫아": {"open", true}, "닫고": {"open", true}, "폐쇄": {"open", true},
	// 아끼다, to save (cost): "비용을 아낄 수 있다" is the notes' 비용 절감
	"아낄": {"increase", true}, "아끼": {"increase", true}, "아껴": {"increase", true}, "아낀": {"increase", true},
	// bound to an environment or not: "특정 클라우드 환경에 종속된다" against
	// "… 환경을 가리지 않는다" (idioms)
	"종속": {"depend", false}, "의존": {"depend", false}, "묶이": {"depend", false}, "묶여": {"depend", false}, "묶인": {"depend", false},
	"dependent": {"depend", false},
	// 오버헤드가 적다 / 더 크다, 비용이 많이 든다 / 적게 든다: much or
	// little of one measure (the stemmer leaves these forms whole; 적고,
	// 적어 are as often 적다, to write: "허용할 것만 적고")
	"많": {"much", false}, "많다": {"much", false}, "많은": {"much", false}, "많이": {"much", false}, "많고": {"much", false}, "많아": {"much", false}, "많아서": {"much", false}, "많습니": {"much", false}, "많아요": {"much", false}, "많아지": {"much", false},
	"크": {"much", false}, "크다": {"much", false}, "큰": {"much", false}, "크게": {"much", false}, "크고": {"much", false}, "커": {"much", false}, "커서": {"much", false}, "커요": {"much", false}, "큽니": {"much", false}, "커지": {"much", false},
	"적": {"much", true}, "적다": {"much", true}, "적은": {"much", true}, "적게": {"much", true}, "적습니": {"much", true}, "적어지": {"much", true},
	"작": {"much", true}, "작다": {"much", true}, "작은": {"much", true}, "작게": {"much", true}, "작고": {"much", true}, "작아": {"much", true}, "작아서": {"much", true}, "작습니": {"much", true}, "작아요": {"much", true}, "작아지": {"much", true},
}

// antonymOfLatin looks a Latin word up in antonyms, as written or stemmed
// (the glossary folds 자동화 onto "automation", stemmed "autom").
func antonymOfLatin(w token.Word) (antonym, bool) {
	if a, ok := antonyms[w.Text]; ok {
		return a, true
	}
	a, ok := antonyms[w.Stem]
	return a, ok
}

// antonymOf looks a stem up in antonyms, also without the adnominal or
// nominal ending fused into its last syllable (줄일 → 줄이, 늘어난 → 늘어나,
// 빠름 → 빠르): the stemmer strips endings only when they are syllables.
func antonymOf(stem string) (antonym, bool) {
	if a, ok := antonyms[stem]; ok {
		return a, true
	}
	// A light verb or a polite ending after the word: 통합해, 분리돼, 맞습니.
	// "-긴 하다" (늘어나긴 하는데): the word, conceded.
	// "-기 시작하다" (떨어지기 시작하면): the word, nominalised.
	// "-는데(서)" (바뀌는데서 오는 어려움): the word, as the ground of what follows.
	for _, e := range []string{"습니", "해", "하", "돼", "되", "히", "한", "할", "된", "될", "긴", "기는", "지", "기", "는데서", "는데", "되기", "하기"} {
		if base, ok := strings.CutSuffix(stem, e); ok && base != "" {
			if a, ok := antonyms[base]; ok {
				return a, true
			}
		}
	}
	rs := []rune(stem)
	if len(rs) < 2 {
		return antonym{}, false
	}
	// -ㅂ니다 fused into the stem's last syllable (늘어납니다 → 늘어나), and
	// the ㄹ it drops (줄어듭니다 → 줄어들); not in one syllable, where
	// 줍니다 is 주다 far more often than 줄다
	if n := len(rs); n >= 2 && rs[n-1] == '니' && token.Final(rs[n-2]) == token.FinalBieup {
		open := append(slices.Clone(rs[:n-2]), token.WithFinal(rs[n-2], token.FinalNone))
		if a, ok := antonyms[string(open)]; ok || len(open) < 2 {
			return a, ok
		}
		open[len(open)-1] = token.WithFinal(open[len(open)-1], token.FinalRieul)
		a, ok := antonyms[string(open)]
		return a, ok
	}
	last := rs[len(rs)-1]
	switch token.Final(last) {
	case token.FinalNieun, token.FinalRieul, token.FinalMieum:
		rs[len(rs)-1] = token.WithFinal(last, token.FinalNone)
		a, ok := antonyms[string(rs)]
		return a, ok
	}
	return antonym{}, false
}

type antonym struct {
	key      string
	negative bool
}

// hangulFiller are frequent Korean words that carry no content of their own.
var hangulFiller = map[string]bool{
	"그리고": true, "하지만": true, "그러나": true, "또한": true, "따라서": true, "그래서": true, "때문": true, "때문에": true,
	"이러한": true, "그러한": true, "이런": true, "그런": true, "저런": true, "해당": true, "위해": true, "위한": true, "통해": true,
	"통한": true, "대한": true, "대해": true, "대해서": true, "관련": true, "같은": true, "같이": true, "모든": true, "모두": true,
	"각각": true, "경우": true, "정도": true, "방법": true, "방식": true, "가장": true, "매우": true, "주로": true, "많이": true, "이는": true, "이를": true,
	"이것": true, "그것": true, "저는": true, "제가": true, "우리": true, "합니다": true, "입니다": true, "됩니다": true,
	"있습니다": true, "없습니다": true, "것이": true, "것은": true, "것을": true, "것입니다": true, "하는데": true, "그렇": true,
	"있다": true, "있는": true, "하다": true, "되다": true, "어떤": true, "무엇": true, "어떻게": true, "왜": true, "설명": true,
	"기본적": true, "다른": true, "여기": true, "거기": true, "이렇게": true, "그렇게": true, "사용합니다": true, "말씀": true,
	"줍니다": true, "주는": true, "주고": true, "준다": true, "해주": true, "해줍니다": true, "해주는": true, "해주고": true,
	"싶을": true, "싶은": true, "싶다": true, "싶을때": true, "위주": true, "실제": true, "실제로": true, "쪽에서": true, "예를": true, "들어": true, "예컨대": true, "그냥": true,
	// Interview phrasing: these words ask, they say nothing about the topic.
	"설명해": true, "주세요": true, "차이": true, "차이점": true, "비교": true, "비교해": true, "말씀해": true, "알려": true,
	"무엇인가요": true, "무엇인지": true, "무엇이고": true, "뭔가요": true, "인가요": true, "어떤가요": true, "있나요": true,
	"하나요": true, "되나요": true, "할까요": true, "될까요": true, "말해": true, "보세요": true, "해보세요": true,
	// 하다/되다/있다 in forms the stemmer keeps whole (배치할지, 수행할 수
	// 있으며), and adverbs of each-to-each: grammar, no fact of their own
	"할지": true, "될지": true, "있으": true, "서로": true, "각기": true,
	// what a candidate says aloud while thinking (그러니까, 뭐랄까, 약간 그런
	// 느낌): stems of spoken fillers and hedges, in no note
	"그러": true, "뭐랄까": true, "약간": true, "저기": true, "뭐지": true, "그게": true, "있잖아": true, "사실": true,
	"솔직히": true, "아무튼": true, "어쨌든": true, "이제": true, "뭔가": true, "아마": true, "대충": true, "글쎄요": true,
	"느낌": true, "그만큼": true, "말하자면": true,
	// "운영 중에", "배포 중인": while, the time of what is asked, not a topic
	"중에": true, "중인": true, "도중": true,
	// "A와 B 간의": between, said by the 와 before it ("사이에서" says it too)
	"간의": true, "간에": true,
}

// englishFiller are content-free words the token stopword list keeps.
var englishFiller = map[string]bool{
	"because": true, "would": true, "also": true, "like": true, "thing": true, "things": true, "get": true, "gets": true,
	"got": true, "one's": true, "yes": true, "well": true, "really": true, "basically": true, "actually": true, "etc": true,
	"explain": true, "describe": true, "answer": true, "think": true, "know": true, "mean": true, "means": true,
	"difference": true, "differences": true, "differ": true, "compare": true, "please": true, "tell": true,
}

// isOption recognises a lone letter used as a choice or label: "A." opening
// an answer, "cup X", "point Q". The stopword list would drop "a".
func isOption(s string, words []token.Word, i int) bool {
	w := words[i]
	if len(w.Text) != 1 {
		return false
	}
	if w.Text != "a" && w.Text != "i" {
		return true
	}
	next := ""
	if w.End < len(s) {
		next = s[w.End : w.End+1]
	}
	return i == 0 && (next == "." || next == "," || next == ")" || next == ":" || w.End == len(s))
}

func englishNegation(words []token.Word, i int) bool {
	if i == 0 && (words[i].Text == "no" || words[i].Text == "yes") {
		return false // "No, cookies are not pure sugar": an answer word, not a negation
	}
	switch words[i].Text {
	case "not", "no", "never", "cannot", "none", "neither", "nor", "without", "nothing":
		return true
	case "t":
		if i > 0 {
			switch words[i-1].Text {
			case "don", "doesn", "isn", "aren", "wasn", "weren", "can", "couldn", "won", "wouldn", "shouldn", "didn", "hasn", "haven":
				return true
			}
		}
	}
	return false
}

// ---------------------------------------------------------------------------
// Matching

// bag indexes the content of a text for alignment: exact keys, Hangul bigrams
// (including those across a space, so 네트워크 망 meets 네트워크망) and Latin
// keys by prefix for misspellings and derivations.
type bag struct {
	keys   map[string]bool
	grams  map[string]bool
	latin  map[string][]string // by first letter
	hangul map[rune][]string   // by first syllable
}

func newBag(a analysis) bag {
	b := bag{keys: map[string]bool{}, grams: map[string]bool{}, latin: map[string][]string{}, hangul: map[rune][]string{}}
	b.add(a)
	return b
}

// has tells whether the bag holds a key.
func (b bag) has(key string) bool { return b.match(term{key: key}) >= 0.8 }

// hasAll tells whether every content word of a is in the bag.
func (b bag) hasAll(a analysis) bool {
	n := 0
	for _, t := range a.terms {
		if t.key == "" {
			continue
		}
		n++
		if b.match(t) < 0.8 {
			return false
		}
	}
	return n > 0
}

// hasAny tells whether some content word of a is in the bag (a sentence
// that names a heading's topic).
func (b bag) hasAny(a analysis) bool {
	for _, t := range a.terms {
		if t.key != "" && b.match(t) >= 0.8 {
			return true
		}
	}
	return false
}

func (b *bag) add(a analysis) {
	var prev string
	for i, t := range a.terms {
		if t.key == "" {
			if t.kind != token.Hangul {
				prev = ""
			}
			continue
		}
		if !b.keys[t.key] && t.kind == token.Latin && len(t.key) >= 4 {
			b.latin[t.key[:1]] = append(b.latin[t.key[:1]], t.key)
		}
		if !b.keys[t.key] && t.kind == token.Hangul {
			r, _ := utf8.DecodeRuneInString(t.key)
			b.hangul[r] = append(b.hangul[r], t.key)
		}
		b.keys[t.key] = true
		for _, g := range t.grams {
			b.grams[g] = true
		}
		if t.kind == token.Hangul && prev != "" && i > 0 && strings.TrimSpace(t.gap) == "" {
			pr := []rune(prev)
			cr := []rune(t.key)
			b.grams[string(pr[len(pr)-1])+string(cr[0])] = true
		}
		prev = ""
		if t.kind == token.Hangul {
			prev = t.key
		}
	}
}

// match is how well the bag contains term t, in [0,1].
func (b bag) match(t term) float64 {
	if b.keys[t.key] {
		return 1
	}
	switch t.kind {
	case token.Hangul:
		if b.hangulPrefix(t.key) {
			return 0.8
		}
		if len(t.grams) < 2 {
			return 0 // a two-syllable word has one bigram: it is the word
		}
		hit := 0
		for _, g := range t.grams {
			if b.grams[g] {
				hit++
			}
		}
		f := float64(hit) / float64(len(t.grams))
		if f < 0.5 {
			return 0
		}
		return f * f
	case token.Latin:
		if len(t.key) < 4 {
			return 0
		}
		best := 0.0
		for _, k := range b.latin[t.key[:1]] {
			best = math.Max(best, latinSimilarity(t.key, k))
		}
		return best
	}
	return 0
}

// hangulPrefix finds a word that extends k or that k extends by endings the
// stemmer left (다루 / 다루기), both at least two syllables.
func (b bag) hangulPrefix(k string) bool {
	r, _ := utf8.DecodeRuneInString(k)
	for _, o := range b.hangul[r] {
		short, long := k, o
		if len(short) > len(long) {
			short, long = long, short
		}
		if token.Extends(long, short) {
			return true
		}
	}
	return false
}

// latinSimilarity gives partial credit to shared long prefixes (conduct /
// conductor) and single-edit misspellings (evaparate / evaporate).
func latinSimilarity(a, b string) float64 {
	if len(a) < 4 || len(b) < 4 {
		return 0
	}
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	short := min(len(a), len(b))
	if p >= 5 && float64(p) >= 0.75*float64(short) {
		return 0.8
	}
	if short >= 5 && absInt(len(a)-len(b)) <= 1 && editDistanceAtMost1(a, b) {
		return 0.8
	}
	return 0
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func editDistanceAtMost1(a, b string) bool {
	if transposed(a, b) {
		return true // labmda / lambda: two letters swapped, the commonest typo
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	i, j, edits := 0, 0, 0
	for i < len(a) && j < len(b) {
		if a[i] == b[j] {
			i++
			j++
			continue
		}
		edits++
		if edits > 1 {
			return false
		}
		if len(a) == len(b) {
			i++
		}
		j++
	}
	return edits+(len(b)-j)+(len(a)-i) <= 1
}

// transposed tells two words that differ only by two adjacent letters swapped.
func transposed(a, b string) bool {
	if len(a) != len(b) || a == b {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// coveredBy is the share of the bag's keys (the question's, here) that the
// analysis contains: how much of the question a point speaks to.
func (b bag) coveredBy(a analysis) float64 {
	if len(b.keys) == 0 {
		return 0
	}
	other := newBag(a)
	hit := 0.0
	for _, k := range sortedKeys(b.keys) { // sorted: float sums must not depend on map order
		t := term{key: k, kind: kindOf(k)}
		if t.kind == token.Hangul {
			t.grams = token.Bigrams(k)
		}
		hit += other.match(t)
	}
	return hit / float64(len(b.keys))
}

func kindOf(k string) token.Kind {
	r, _ := utf8.DecodeRuneInString(k)
	switch {
	case r >= 0xAC00 && r <= 0xD7A3:
		return token.Hangul
	case unicode.IsDigit(r) && strings.IndexFunc(k, unicode.IsLetter) < 0:
		return token.Number
	}
	return token.Latin
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// isInventory tells a fragment that only lists names ("EC2, VPC, SG, RDS,
// ALB"): four or more comma-separated items of at most two words each, once
// parenthesised asides are dropped. Such a line inventories a stack; no answer
// is expected to recite it.
func isInventory(text string) bool {
	text = strings.TrimSpace(text)
	if strings.HasPrefix(text, "(") && strings.HasSuffix(text, ")") {
		text = text[1 : len(text)-1] // the whole line is the aside
	}
	var b strings.Builder
	depth := 0
	for _, r := range text {
		switch {
		case r == '(':
			depth++
		case r == ')':
			depth = max(0, depth-1)
		case depth == 0:
			b.WriteRune(r)
		}
	}
	items := strings.FieldsFunc(b.String(), func(r rune) bool { return r == ',' || r == '、' || r == '/' })
	if len(items) < 4 {
		return false
	}
	for _, it := range items {
		words := 0
		for _, w := range strings.Fields(it) {
			if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
				words++
			}
		}
		if words > 2 {
			return false
		}
	}
	return true
}
