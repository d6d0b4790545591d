package grader

import (
	"context"
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

// A question is graded against the section of the notes it is about: a
// heading (or a Notion bullet the chunker made a heading) with everything
// under it, not against whatever passages happen to rank near it. Retrieval
// only says which notes to look in; the choice reads the notes' structure.

// Section is the part of the notes a question is about.
type Section struct {
	Note string
	Path []string
	// Passages are the section's chunks and its subsections', in reading order.
	Passages []notes.Passage
	// Siblings are the chunks of the sections beside it (same parent): what
	// the notes say of comparable things, so that an answer giving this
	// section's subject a sibling's property is caught.
	Siblings []notes.Passage
	// Read are all the chunks of the notes read to choose it.
	Read  []notes.Passage
	Score float64
}

// Title is the section's heading path as people read it.
func (s Section) Title() string { return strings.Join(s.Path, " > ") }

// NoteReader loads whole notes (notes.Index does).
type NoteReader interface {
	NotePassages(ctx context.Context, collection string, paths []string) ([]notes.Passage, error)
}

// Section choice parameters.
const (
	sectionSearchK  = 12   // passages retrieved to find the notes worth reading
	sectionMaxNotes = 4    // notes read whole
	minSectionScore = 0.15 // below this share of the question's weight nothing in the notes is about it
	secondSection   = 0.45 // a second section must reach this share of the first's score
	// retrievalShare weighs the search's fused score of the section's own
	// text; 0.3 on the development set and the Korean eval set (hit@5 0.60 → 0.73).
	retrievalShare = 0.3
	headingBoost   = 0.5 // extra weight of a question word that names a section (inHeading)
)

// How much a question word counts by where it is found, against 1 for the
// section's own heading. Chosen on the development set (testdata/devset).
const (
	ancestorShare = 0.35 // in an ancestor's heading
	// facetShare: a facet heading (장점, 특징, ex.) names an aspect of its
	// parent, so the parent's heading is almost its own; less than the
	// parent's own, so that a question about the parent alone stays there.
	facetShare = 0.9
	bodyShare  = 0.7  // in the section's own text
	depthDecay = 0.45 // ... and for each level further down
)

// chooseSections picks the section(s) of the notes a question asks about, or
// none when nothing is about it. The answer, when given, only decides
// between sections the question alone leaves close (see answerWindow).
func chooseSections(question, answer string, passages, retrieved []notes.Passage, lx *lexicon) []Section {
	nodes, found := ranking(question, answer, passages, retrieved, lx)
	all := nodes // the sections beside the chosen one, postings among them
	if !reAsksPeople.MatchString(question) {
		// a job posting ("… 운영 경험자") shares a concept question's words
		// ("온프레미스", "쿠버네티스") and says nothing of the concept
		// a chunk's lines are counted once, not once for every section
		// above it (each node holds its descendants' chunks)
		counted := map[string][2]int{}
		nodes = slices.DeleteFunc(slices.Clone(nodes), func(n *sectionNode) bool { return n.posting(counted) })
	}
	if len(nodes) == 0 {
		return nil
	}
	best := nodes[0]
	if best.score < minSectionScore || found == 0 {
		return nil
	}
	qb := newBag(analysis{terms: questionTerms(question, lx.g)})
	if named := namedWithin(nodes, best, qb, lx.g); len(named) >= 2 {
		// "Ansible이랑 Terraform을 같이 쓴다면 각각 뭘": two sections the
		// question names, under one it does not ("AWS 서비스", which also
		// holds EBS and VPC): graded from the two, not from all of it
		out := make([]Section, 0, len(named))
		for _, n := range named {
			out = append(out, n.section())
		}
		out[0].Siblings = siblingPassages(all, out)
		out[0].Read = passages
		return out
	}
	out := []Section{best.section()}
	// A comparison names two things the notes keep apart: a second section
	// whose own heading holds question words the first one's does not. When
	// the question names one section only and it is the best, the things it
	// sets side by side are inside it ("Ansible 교육을 입문과 심화로 각각").
	alone := namedHeading(best.path[len(best.path)-1], qb, lx.g) && namedSections(nodes, qb, lx.g) == 1
	// A comparison that asks which things ("정하는 컴포넌트와 … 맞춰 주는
	// 컴포넌트는 각각 뭔가요") names neither: the answer's names pick the
	// other one among the sections close enough to be compared (secondSection), of those beside it
	// under one heading (what the notes set side by side; not Route 53 (DNS)
	// for an answer on the project's own DNS server).
	for _, n := range nodes[1:] {
		if !isComparison(question) || alone {
			break
		}
		if n.score < secondSection*best.score {
			break
		}
		if n.within(best) || best.within(n) || !sameTopic(n, best) {
			continue
		}
		heading := n.path[len(n.path)-1]
		if newHits(n.ownHits, best.ownHits) && namesTopic(heading, qb, lx.g) || siblings(n, best) && writesHeading(heading, answer, lx.g) {
			out = append(out, n.section())
			break
		}
	}
	out[0].Siblings = append(siblingPassages(all, out), namedCousins(all, out, answer, lx.g)...)
	out[0].Read = passages
	return out
}

// namedCousins are the sections the answer names that sit beside the
// chosen section's parent, one level apart: for a question on
// kube-scheduler (under 컨트롤 플레인 컴포넌트), an answer that names kubelet
// (under 노드 컴포넌트) is read against what the notes say of kubelet, so
// that giving kubelet the scheduler's work is caught. Only names in Latin
// letters (namedHeading), and only below a note's top two levels.
func namedCousins(nodes []*sectionNode, chosen []Section, answer string, g *token.Glossary) []notes.Passage {
	if strings.TrimSpace(answer) == "" {
		return nil
	}
	if !slices.ContainsFunc(chosen, func(c Section) bool { return len(c.Path) >= 4 }) {
		return nil
	}
	ab := newBag(analyze(answer, g))
	var out []notes.Passage
	seen := map[string]bool{}
	var text []string
	for _, c := range chosen {
		for _, p := range c.Passages {
			seen[p.ChunkID] = true
			text = append(text, p.Text)
		}
	}
	// a name the chosen section uses itself ("Backend의 보안그룹 규칙을
	// 따름" under NLB) is part of what it says, not a thing beside it; read
	// only once the answer names a section beside it, which most do not
	var own *bag
	usedBySection := func(heading string) bool {
		if own == nil {
			b := newBag(analyze(strings.Join(text, "\n"), g))
			own = &b
		}
		return namedHeading(heading, *own, g)
	}
	for _, c := range chosen {
		d := len(c.Path)
		if d < 4 {
			continue
		}
		for _, n := range nodes {
			if n.note != c.Note || len(n.path) != d || !slices.Equal(n.path[:d-2], c.Path[:d-2]) || n.path[d-2] == c.Path[d-2] || !namedHeading(n.path[d-1], ab, g) || usedBySection(n.path[d-1]) {
				continue
			}
			for i, p := range n.chunks {
				if n.depth[i] <= 1 && !seen[p.ChunkID] {
					seen[p.ChunkID] = true
					out = append(out, p)
				}
			}
		}
	}
	return out
}

// A question none of whose nouns occurs anywhere in the notes read is not
// about them, whatever verbs it shares ("큐비트 결맞음을 유지하려면 극저온
// 냉각이 왜 필요한가요" shares only 유지하다 and 필요하다). Any share above
// zero is left to the section scores: interviewers ask in other words.

// foundShare is the share of the question's nouns (its verbs and question
// endings are how it asks, not what about) found anywhere in the passages.
func foundShare(q []term, cm *chunkMatches) float64 {
	nouns, found := 0, 0
	for ti, t := range q {
		if t.kind == token.Hangul && asksOrActs(t.text) {
			continue
		}
		nouns++
		for c := range cm.text {
			if cm.anywhere(c, ti) >= 0.8 {
				found++
				break
			}
		}
	}
	if nouns == 0 {
		return 1
	}
	return float64(found) / float64(nouns)
}

// asksOrActs tells a Korean verb form: a question or polite ending, or a
// connective (늘리나요, 쓰시겠어요, 유지하려면, 달라지는지).
func asksOrActs(w string) bool {
	if token.Particle(w) != "" {
		return false // a noun with its particle
	}
	for _, e := range []string{"요", "까", "다", "면", "지", "고", "서", "는", "게"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// rankSections scores every section of the passages' notes for the
// question, best first.
func rankSections(question string, passages, retrieved []notes.Passage, lx *lexicon) []*sectionNode {
	nodes, _ := ranking(question, "", passages, retrieved, lx)
	return nodes
}

// ranking is rankSections, also returning foundShare; with an answer, the
// sections the question leaves close are reordered by it.
func ranking(question, answer string, passages, retrieved []notes.Passage, lx *lexicon) ([]*sectionNode, float64) {
	g := lx.g
	q := withoutKindNoun(questionTerms(question, g), question, g)
	if len(q) == 0 || len(passages) == 0 {
		return nil, 0
	}
	plain := q[:len(q):len(q)] // the question's own words, before its facets' (namedByAnswer)
	q = withFacetTerms(q, question, g)
	// The answer's words are matched in the same pass as the question's
	// (analysing the notes is the costly part): they follow q in all.
	all := slices.Clone(q)
	var aIdx []int
	var at []term
	if answer != "" {
		at = questionTerms(answer, g)
		pos := map[string]int{}
		for i, t := range q {
			pos[t.key] = i
		}
		for _, t := range at {
			i, ok := pos[t.key]
			if !ok {
				i = len(all)
				all = append(all, t)
			}
			aIdx = append(aIdx, i)
		}
	}
	passages, folded := withFolded(passages)
	nodes := sectionNodes(passages, folded, lx)
	cm := matchChunks(all, passages, lx)
	idf := termWeights(q, cm)
	totalW := 0.0
	for _, w := range idf {
		totalW += w
	}
	// A question about a concept ("DNS가 하는 일") is asked of the notes on
	// the concept before a project that used it; one about the candidate's
	// own work (프로젝트, 하셨나요) is not.
	experience := askedOfExperience(question)
	// The search's own ranking (vectors and keywords fused) counts too: it
	// sees what the words alone miss.
	fused := map[string]float64{}
	for _, p := range retrieved {
		fused[p.ChunkID] = max(fused[p.ChunkID], p.Score)
	}
	for _, n := range nodes {
		n.score, n.ownHits = n.match(q, cm, idf, totalW)
		best := 0.0
		for i, c := range n.chunks {
			if n.depth[i] == 0 {
				best = max(best, fused[c.ChunkID])
			}
		}
		n.score += retrievalShare * best
		if !experience && underProject(n.path) {
			n.score *= conceptPrior
		}
		if companyPath(n.path) && !namesCompany(question, n.path) {
			// a company's page names the services it uses (메가마트: EC2,
			// S3, Lambda) without saying what they are: a question on
			// Lambda that names no company is not about it
			n.score *= companyPrior
		}
	}
	if !experience {
		facetsOfNamed(nodes, q, g)
	}
	byScore(nodes)
	namedBelow(question, nodes, q, g)
	if len(aIdx) > 0 && len(nodes) > 1 {
		byAnswer(nodes, all, aIdx, cm)
		namedByAnswer(nodes, plain, at, g)
	}
	bothFacets(nodes, question)
	return nodes, foundShare(q, cm)
}

// bothFacets puts first the topic a question asks both facets of ("뭐가
// 좋아지고 반대로 뭘 조심해야": 장점 and 단점) when one of its facets led:
// the topic's section holds both, and the search, ranking one facet's
// chunk first, leaves the other out (a wrong answer on Lambda's drawbacks
// had scored above the right one).
func bothFacets(nodes []*sectionNode, question string) {
	if len(askedFacets(question)) < len(facetCues) {
		return
	}
	if len(nodes) < 2 || nodes[0].facet == nil || len(nodes[0].path) < 2 {
		return
	}
	top := nodes[0]
	for i, n := range nodes[1:] {
		if n.note == top.note && slices.Equal(n.path, top.path[:len(top.path)-1]) {
			toFront(nodes, i+1)
			n.score = max(n.score, top.score)
			return
		}
	}
}

// askedFacets are the facets (장점, 단점) a question asks for.
func askedFacets(question string) []string {
	var out []string
	for _, f := range facetCues {
		if facetAsked(question, f.facet, f.cues) {
			out = append(out, f.facet)
		}
	}
	return out
}

// facetAsked tells a question that asks for a facet by its word or a cue,
// and not as what it is not about: "좋은 점만 있는 건 아닐 텐데요, … 어려운
// 점은" asks for drawbacks only.
func facetAsked(question, facet string, cues []string) bool {
	lower := strings.ToLower(question)
	for _, c := range append([]string{facet}, cues...) {
		i := strings.Index(lower, c)
		if i < 0 {
			continue
		}
		rest := lower[i+len(c):]
		if strings.HasPrefix(rest, "만") {
			continue
		}
		fs := strings.Fields(rest)
		if !slices.ContainsFunc(fs[:min(3, len(fs))], token.Negation) {
			return true
		}
	}
	return false
}

// facetsOfNamed: when the question names a topic the notes head a section
// with ("GitOps 방식으로 … 이점은"), a facet of another topic (DevOps > 장점,
// matched through 이점) is not what it asks about. Only facets: a named
// heading may be an aspect of the question ("로드밸런서는 OSI 몇 계층에서"),
// and the sections beside it stay as they are.
func facetsOfNamed(nodes []*sectionNode, q []term, g *token.Glossary) {
	qb := newBag(analysis{terms: q})
	// a parent heading is asked of for each of its facets: read it once
	seen := map[string]bool{}
	named := func(heading string) bool {
		if v, ok := seen[heading]; ok {
			return v
		}
		v := namedHeading(heading, qb, g) || glossedHeading(heading, qb, g)
		seen[heading] = v
		return v
	}
	if !slices.ContainsFunc(nodes, func(n *sectionNode) bool { return n.facet == nil && named(n.path[len(n.path)-1]) }) {
		return
	}
	for _, n := range nodes {
		if n.facet != nil && len(n.path) >= 2 && !named(n.path[len(n.path)-2]) {
			n.score *= facetElsewhere
		}
	}
}

// namedWithin lists, in ranking order, the sections under best whose own
// headings the question names, when best's own heading is not named: at
// most three, none inside another, no facet.
func namedWithin(nodes []*sectionNode, best *sectionNode, qb bag, g *token.Glossary) []*sectionNode {
	if namedHeading(best.path[len(best.path)-1], qb, g) {
		return nil
	}
	var out []*sectionNode
	for _, n := range nodes {
		if n == best || !n.within(best) || n.facet != nil || !namedHeading(n.path[len(n.path)-1], qb, g) {
			continue
		}
		if slices.ContainsFunc(out, func(o *sectionNode) bool { return n.within(o) || o.within(n) }) {
			continue
		}
		out = append(out, n)
		if len(out) == 3 {
			break
		}
	}
	// "CI / CD 란" names both CI and CD itself: it is the section about the
	// two, where a question on them is graded
	own := newBag(analyze(cleanHeading(best.path[len(best.path)-1]), g))
	if len(out) >= 2 && !slices.ContainsFunc(out, func(n *sectionNode) bool {
		name := analyze(subjectHead(cleanHeading(n.path[len(n.path)-1])), g)
		return len(name.terms) == 0 || !own.hasAll(analysis{terms: name.terms[:1]})
	}) {
		return nil
	}
	return out
}

// namedBelow: a question that names a section's heading ("Ansible로 이걸
// 플레이북 하나에서…") is about that section, though the section above it
// gathers more of the question's other words from its other children (EC2,
// VPC, IAM under "AWS 서비스"). The named section moves up to just before
// the best section when that is one of its ancestors whose own heading the
// question does not name; of several named, the best ranked ("Terraform으로
// … EC2나 VPC 같은 리소스 말고").
func namedBelow(question string, nodes []*sectionNode, q []term, g *token.Glossary) {
	if len(nodes) < 2 {
		return
	}
	qb := newBag(analysis{terms: q})
	if isComparison(question) && namedSections(nodes, qb, g) != 1 {
		// two things set side by side: the section above holds both (one
		// named, "Ansible 교육을 입문 과정이랑 심화 과정으로 각각", is one)
		return
	}
	top := nodes[0]
	topNamed := namedHeading(top.path[len(top.path)-1], qb, g)
	for i, n := range nodes[1:] {
		// a named section below a named one is the more specific of two
		// names ("Master/Slave 구성을 해 둔 DNS")
		if n.within(top) && n != top && len(n.path) > len(top.path) && n.facet == nil && namedHeading(n.path[len(n.path)-1], qb, g) {
			toFront(nodes, i+1)
			if topNamed || len(top.ownHits) == 0 {
				// the section above gathers the question's words only from
				// below ("AWS 서비스"), or the question names both: the
				// answer does not undo the choice
				n.score = max(n.score, top.score)
			}
			return
		}
	}
	if topNamed {
		return
	}
	// Nor is a section that only mentions the name in passing ("NLB: 보안
	// 그룹 설정 안함 - Backend의 보안그룹 규칙을 따름") before the section the
	// name heads ("Security Group"), when the two are close: the one named
	// section among those close to the best, if there is just one.
	window := namedWindow
	if len(top.ownHits) == 0 {
		// the best holds the question's words only in its text, none in
		// its heading ("배치할지 결정하는 작업" for "배치 작업을 Lambda로"):
		// a section the question names by its heading is further ahead
		window = namedWindowUnheaded
	}
	named := -1
	for i, n := range nodes[1:] {
		if n.score < window*top.score {
			break
		}
		if n.score < namedWindow*top.score && !writesName(n.path[len(n.path)-1], question, g) {
			continue // further ahead only when named as written ("보안 그룹" is ordinary words)
		}
		if h := n.path[len(n.path)-1]; n.facet == nil && !top.within(n) && (namedHeading(h, qb, g) || glossedHeading(h, qb, g)) {
			// (a section below the named one is about it already)
			if named >= 0 {
				return
			}
			named = i + 1
		}
	}
	if named > 0 {
		toFront(nodes, named)
		nodes[0].score = max(nodes[0].score, top.score) // and stays there when the answer reorders them
	}
}

// namedWindow is how close to the best a section the question names must
// be to go before it. Chosen on fresh11.
const namedWindow = 0.85

// namedWindowUnheaded is namedWindow when the best section's heading shares
// no word with the question and the named one's name is written in Latin
// letters. Chosen on one question written in round 31 (Lambda for a 배치
// 작업) and checked on every development set (fresh15's ALB question went
// to NLB by 보안 그룹 before the name had to be written).
const namedWindowUnheaded = 0.6

// namedSections counts the sections whose headings the question names.
func namedSections(nodes []*sectionNode, qb bag, g *token.Glossary) int {
	n := 0
	for _, nd := range nodes {
		if nd.facet == nil && namedHeading(nd.path[len(nd.path)-1], qb, g) {
			n++
		}
	}
	return n
}

// namedHeading tells a heading the question names: "XP (Extreme
// Programming)" is XP, "Route 53 (DNS)" is Route 53 and DNS; named in Latin
// letters (a Korean heading's words, 서버, 저장소, are too often the
// question's own ordinary words).
//
// A title of several words is named by the well-known name among them:
// "AWS Labmda" by "Lambda로 돌리자는" (a question that named no section had
// been graded against kube-scheduler's "배치할지 결정하는 작업" for its 배치
// 작업).
func namedHeading(heading string, qb bag, g *token.Glossary) bool {
	for _, title := range headingTitles(heading, g) {
		name := analyze(title, g)
		c := name.contentCount()
		if !hasLatinLetter(title) || c == 0 || c > 3 {
			continue
		}
		if qb.hasAll(name) {
			return true
		}
		for _, w := range wellKnownIn(title, g) {
			if c > 1 && qb.hasAll(analyze(w, g)) {
				return true
			}
		}
	}
	return false
}

// glossedHeading tells a one-word Hangul heading the question names that
// the glossary folds into a well-known name (쿠버네티스 for Kubernetes): a
// name, not one of the question's ordinary words (컨테이너 folds into
// container, a kind of thing). It is enough to tell that
// another topic's facet is not asked of ("쿠버네티스의 장점" is not DevOps >
// 장점); namedHeading keeps to names written in Latin letters, since a
// glossed heading moved ahead of the section above it loses that
// section's own lines ("도커" for a question on what fits a container).
func glossedHeading(heading string, qb bag, g *token.Glossary) bool {
	title := topicName(cleanHeading(heading), g)
	a := analyze(title, g)
	if hasLatinLetter(title) || a.contentCount() != 1 {
		return false
	}
	for _, t := range a.terms {
		if t.key != "" {
			return token.WellKnownName(t.text) && qb.has(t.key)
		}
	}
	return false
}

// headingTitles are the names a heading goes by: its topic, and its gloss
// in parentheses ("Route 53 (DNS)").
func headingTitles(heading string, g *token.Glossary) []string {
	h := cleanHeading(heading)
	titles := []string{topicName(h, g)}
	if m := reParenthesis.FindStringSubmatch(h); m != nil {
		titles = append(titles, m[1])
	}
	return titles
}

// writesHeading tells an answer that writes a heading's name in Latin
// letters as the heading does, spacing and case aside: "kube-scheduler",
// not the words of "kube-controller-manager" spread over "kube-scheduler",
// "컨트롤 플레인" and "관리합니다" (which namedHeading's stems would take).
func writesHeading(heading, answer string, g *token.Glossary) bool {
	flat := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), "")) }
	a := flat(answer)
	for _, title := range headingTitles(heading, g) {
		if t := flat(title); hasLatinLetter(title) && len(t) >= 2 && strings.Contains(a, t) {
			return true
		}
	}
	return false
}

// writesName tells a question that writes a heading's name in Latin
// letters: the whole of it ("kube-scheduler"), or the well-known name among
// its words ("Lambda" of "AWS Labmda").
func writesName(heading, question string, g *token.Glossary) bool {
	if writesHeading(heading, question, g) {
		return true
	}
	q := strings.ToLower(question)
	for _, title := range headingTitles(heading, g) {
		for _, w := range wellKnownIn(title, g) {
			if strings.Contains(q, strings.ToLower(w)) {
				return true
			}
		}
	}
	return false
}

// wellKnownIn lists the well-known names among a title's words, as the
// spelling check corrects them ("Lambda" of "AWS Labmda").
func wellKnownIn(title string, g *token.Glossary) []string {
	return slices.DeleteFunc(strings.Fields(g.Spell(title)), func(w string) bool { return !token.WellKnownName(w) })
}

// namesTopic tells a question with a word of the heading's topic, not only
// of its gloss: "etcd - 정보 저장소" is not named by a question on where a
// company keeps its "세션 정보".
func namesTopic(heading string, qb bag, g *token.Glossary) bool {
	name := topicName(cleanHeading(heading), g)
	if name == "" {
		name = cleanHeading(heading) // a title of many words: all of it names it
	}
	for _, t := range analyze(name, g).terms {
		if t.key != "" && qb.match(t) >= 0.8 {
			return true
		}
	}
	return false
}

// reParenthesis is a heading's gloss in parentheses: "Route 53 (DNS)".
var reParenthesis = regexp.MustCompile(`\(([^()]+)\)`)

// facetElsewhere scales a facet of a topic the question does not name.
// Chosen on the development sets (devset, fresh, fresh2–fresh5).
const facetElsewhere = 0.8

// conceptPrior scales a project's sections for a question that does not
// ask about the candidate's experience. Chosen on the development sets
// (devset, fresh, fresh2–fresh5).
const conceptPrior = 0.8

// companyPrior weighs a section on a company (its services, its job
// posting) against a question that names no company: fresh23's Lambda
// question, graded against 메가마트's page (0.72 against Lambda's 장점 at
// 0.40 with the search's share), shaped it.
const companyPrior = 0.5

// namesCompany tells a question that speaks of a company ("저희 회사를
// 고르신 이유", "저희 n·Xavis 플랫폼으로", "메가마트가 AWS를"): a word for
// one, or of the company sections' headings a word of two letters or more
// below the note's title.
func namesCompany(question string, path []string) bool {
	for _, w := range []string{"회사", "저희", "고객사", "귀사"} {
		if strings.Contains(question, w) {
			return true // the interviewer's company, or its customers
		}
	}
	for _, h := range path[min(1, len(path)):] {
		for _, w := range strings.Fields(cleanHeading(h)) {
			if utf8.RuneCountInString(w) >= 2 && strings.Contains(question, w) {
				return true
			}
		}
	}
	return false
}

// underProject tells a heading path through a project ("프로젝트 기반 질문",
// "… 프로젝트").
func underProject(path []string) bool {
	return slices.ContainsFunc(path, namesProject)
}

func byScore(nodes []*sectionNode) {
	sort.SliceStable(nodes, func(i, j int) bool {
		if math.Abs(nodes[i].score-nodes[j].score) > 1e-9 {
			return nodes[i].score > nodes[j].score
		}
		return len(nodes[i].path) > len(nodes[j].path) // the more specific section
	})
}

// Interviewers ask around the topic ("노드 쪽에서는 어떤 컴포넌트를 먼저
// 의심하시겠어요?") and the candidate names it (kubelet). When the question
// alone leaves several sections within answerWindow of the best, the
// answer's words decide between those: the question still bounds the
// choice, so an answer cannot pull the grading to a section the question is
// not about. Chosen on the development sets (devset, fresh, fresh3).
const (
	answerWindow = 0.7
	answerShare  = 0.5
)

func byAnswer(nodes []*sectionNode, all []term, aIdx []int, cm *chunkMatches) {
	idf := termWeights(all, cm)
	aw := map[string]float64{}
	total := 0.0
	for _, i := range aIdx {
		k := all[i].key
		if _, seen := aw[k]; !seen {
			aw[k] = idf[k]
			total += idf[k]
		}
	}
	if total == 0 {
		return
	}
	best := nodes[0].score
	n := answerReach(nodes)
	if n < 2 {
		return
	}
	for i, node := range nodes[:n] {
		// a section above one the question ranked higher holds the
		// answer's words because it holds that one: the answer does not
		// lift it over it
		if slices.ContainsFunc(nodes[:i], func(m *sectionNode) bool { return m.within(node) }) {
			continue
		}
		a, _ := node.matchAt(all, aIdx, cm, aw, total)
		node.answered = a
		node.score += answerShare * a * best
	}
	byScore(nodes[:n])
}

// namedByAnswer: a question that names no section ("깨진 코드를 빨리 잡아내려면
// 뭘 도입하시겠어요?") asks the candidate to name it; an answer naming
// exactly one of the sections the question leaves close (CI) is about that
// one, though the question's words lean on another (Agile), when the
// answer's words match it better as well. The question
// still bounds the choice (answerWindow), and a swap ("CD를 도입") is then
// graded against CD, whose notes say what it is not.
func namedByAnswer(nodes []*sectionNode, question, answer []term, g *token.Glossary) {
	qb := newBag(analysis{terms: question})
	ab := newBag(analysis{terms: answer})
	named := -1
	for i, node := range nodes[:answerReach(nodes)] {
		if node.facet != nil {
			continue
		}
		h := node.path[len(node.path)-1]
		if namedHeading(h, qb, g) {
			return // the question names one itself
		}
		if namedHeading(h, ab, g) {
			if named >= 0 && !nodes[named].within(node) && !node.within(nodes[named]) {
				return // the answer names two: it decides nothing
			}
			if named < 0 || len(node.path) > len(nodes[named].path) {
				named = i
			}
		}
	}
	// the answer must also say more of the named section than of the best
	// one: naming kube-scheduler while giving kube-controller-manager's
	// work is a swap, graded where the work is
	if named > 0 && nodes[named].answered > nodes[0].answered {
		best := nodes[0].score
		toFront(nodes, named)
		nodes[0].score = max(nodes[0].score, best)
	}
}

// answerReach is how many of the ranked sections lie within answerWindow
// of the best: those the answer may choose between.
func answerReach(nodes []*sectionNode) int {
	n := 0
	for n < len(nodes) && nodes[n].score >= answerWindow*nodes[0].score {
		n++
	}
	return n
}

// toFront moves the i-th ranked section first, the others keeping their order.
func toFront(nodes []*sectionNode, i int) {
	n := nodes[i]
	copy(nodes[1:i+1], nodes[:i])
	nodes[0] = n
}

// RankSections lists the n best sections of the notes for a question with
// their scores, for tools that show how the choice was made.
func (s *Service) RankSections(ctx context.Context, collection, question string, n int) ([]Section, error) {
	retrieved, read, err := s.readNotes(ctx, collection, question)
	if err != nil {
		return nil, err
	}
	var out []Section
	for i, node := range rankSections(question, read, retrieved, s.lex) {
		if i == n {
			break
		}
		out = append(out, node.section())
	}
	return out, nil
}

// siblingPassages are the chunks directly in the sections beside the chosen
// ones (their own text and one level below), not in any chosen section, and
// deep in a note's outline those of its cousins too: kubelet's lines (노드
// 컴포넌트) beside kube-scheduler's (컨트롤 플레인 컴포넌트), both parts of
// k8s Component, so that "파드를 생성하고 관리하는 것까지 스케줄러가" is
// heard as kubelet's job given to the scheduler (four times over the read
// sets). Near the top the cousins would be a catalogue's every entry.
func siblingPassages(nodes []*sectionNode, chosen []Section) []notes.Passage {
	in := map[string]bool{}
	key := func(p notes.Passage) string { return p.ChunkID + "\x00" + strings.Join(p.HeadingPath, "\x00") }
	for _, c := range chosen {
		for _, p := range c.Passages {
			in[key(p)] = true
		}
	}
	var out []notes.Passage
	for _, c := range chosen {
		if len(c.Path) == 0 {
			continue
		}
		parent := c.Path[:len(c.Path)-1]
		if len(c.Path) >= minCousinDepth {
			parent = c.Path[:len(c.Path)-2]
		}
		for _, n := range nodes {
			if n.note != c.Note || len(n.path) != len(c.Path) || !slices.Equal(n.path[:len(parent)], parent) {
				continue
			}
			for i, p := range n.chunks {
				if n.depth[i] <= 1 && !in[key(p)] && !(n.folded[i] && in[p.ChunkID+"\x00"+strings.Join(p.HeadingPath[:len(p.HeadingPath)-1], "\x00")]) {
					in[key(p)] = true
					out = append(out, p)
				}
			}
		}
	}
	return out
}

// minCousinDepth is the depth of a heading path from which the sections one
// level apart under the same grandparent are read beside it: below a note's
// title, its catalogue ("AWS 서비스") and a topic of it ("k8s Component").
const minCousinDepth = 5

// comparisonCues are the words that make a question ask about two things.
var comparisonCues = []string{"차이", "다른", "다르", "다릅", "비교", "구분", "각각", "반면", " vs", "versus", "differ", "compare", "contrast", "between"}

func isComparison(question string) bool {
	q := strings.ToLower(question)
	for _, c := range comparisonCues {
		if strings.Contains(q, c) {
			return true
		}
	}
	return false
}

// sameTopic tells two sections of one note under one top heading: what a
// comparison sets side by side (ALB and NLB, XP and Scrum), not a section of
// another note that happens to share a word ("웹 서비스" and Kubernetes' 서비스).
func sameTopic(a, b *sectionNode) bool {
	return a.note == b.note && len(a.path) > 0 && len(b.path) > 0 && a.path[0] == b.path[0]
}

// siblings tells two sections under one heading of one note.
func siblings(a, b *sectionNode) bool {
	return a.note == b.note && len(a.path) == len(b.path) && len(a.path) > 1 && slices.Equal(a.path[:len(a.path)-1], b.path[:len(b.path)-1])
}

func newHits(a, b map[string]bool) bool {
	for k := range a {
		if !b[k] {
			return true
		}
	}
	return false
}

// facetCues are how interviewers ask for a facet without its heading's
// word: "어떤 점이 좋은가요" asks for 장점, "아쉬운 점" for 단점.
var facetCues = []struct {
	facet string
	cues  []string
}{
	{"장점", []string{"좋은 점", "점이 좋", "뭐가 좋", "무엇이 좋", "이점", "이득", "유리", "나아지", "좋아지", "더 나은", "더 낫", "benefit", "advantage", "why use"}},
	{"단점", []string{"안 좋은 점", "아쉬운 점", "한계", "문제점", "어려운 점", "어려움", "걸림돌", "불리", "조심", "주의할", "주의해야", "주의점", "리스크", "따져 봐야", "따져봐야", "따져 볼", "고려해야 할 점", "감수해야", "우려", "걱정", "부담", "drawback", "downside", "disadvantage", "limitation", "worry", "concern", "risk"}},
}

// withFacetTerms adds the facet a question asks for in other words.
func withFacetTerms(q []term, question string, g *token.Glossary) []term {
	lower := strings.ToLower(question)
	for _, f := range facetCues {
		for _, c := range f.cues {
			if strings.Contains(lower, c) {
				seen := false
				for _, t := range q {
					seen = seen || t.key == f.facet
				}
				if !seen {
					q = append(q, questionTerms(f.facet, g)...)
				}
				break
			}
		}
	}
	return q
}

// questionTerms are the question's content words, each once.
// reKindNoun is the noun a question asks a thing to be ("MSA가 어떤
// 아키텍처인지", "Lambda는 어떤 서비스이고"): the kind the answer puts it in.
var reKindNoun = regexp.MustCompile(`(\S+)\s+어떤\s+([가-힣A-Za-z0-9]+?)(?:인지|인가요|인가|이고|이에요|예요|이죠|인데|이었|였는지|일까요)`)

// withoutKindNoun drops the kind a question asks its thing to be: not what
// it is about. "MSA가 어떤 아키텍처인지" is about MSA, not about the section
// under it headed "아키텍쳐 관점" (fresh29's filler probe, graded there).
func withoutKindNoun(q []term, question string, g *token.Glossary) []term {
	kinds := map[string]bool{}
	for _, m := range reKindNoun.FindAllStringSubmatch(question, -1) {
		// of a thing named before it ("MSA가 어떤 아키텍처인지"), not of a
		// clause made a noun ("실행하는 건 어떤 컴포넌트인가요" asks which
		// component: the kind is what finds it)
		p := token.Particle(m[1])
		switch p {
		case "가", "이", "는", "은":
		default:
			continue
		}
		if stem := strings.TrimSuffix(m[1], p); token.IsBoundNoun(stem) || stem == "건" || stem == "게" || stem == "그게" || stem == "이게" || stem == "그건" || stem == "이건" {
			continue
		}
		for _, t := range analyze(m[2], g).terms {
			kinds[t.key] = true
		}
	}
	if len(kinds) == 0 || len(q) < 2 {
		return q
	}
	out := q[:0:0]
	for _, t := range q {
		if !kinds[t.key] {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return q
	}
	return out
}

func questionTerms(question string, g *token.Glossary) []term {
	seen := map[string]bool{}
	var out []term
	for _, t := range analyze(question, g).terms {
		// how much (많이, 적은, 큰) tells nothing of what is asked about
		if t.key == "" || t.key == "much" || seen[t.key] {
			continue
		}
		seen[t.key] = true
		out = append(out, t)
	}
	return out
}

// termWeights is each question word's inverse document frequency over the
// chunks read: a word in every section tells nothing about which one.
func termWeights(q []term, cm *chunkMatches) map[string]float64 {
	n := float64(len(cm.text))
	out := map[string]float64{}
	for ti, t := range q {
		df := 0.0
		for c := range cm.text {
			if cm.anywhere(c, ti) >= 0.8 {
				df++
			}
		}
		if df > 0 { // a word found nowhere is the question's phrasing, or not in the notes
			out[t.key] = math.Log(1 + n/df)
			if cm.inHeading(ti) {
				out[t.key] *= 1 + headingBoost
			}
		}
	}
	return out
}

type sectionNode struct {
	note    string
	path    []string
	chunks  []notes.Passage
	own     bag    // the section's own heading
	anc     bag    // its ancestors' headings
	facet   *bag   // a facet's parent heading (see facetShare)
	idx     []int  // each chunk at or under it, as an index into the passages
	folded  []bool // each chunk is a section recovered from inside a chunk (withFolded)
	depth   []int  // how many levels below the section each chunk is
	score   float64
	ownHits map[string]bool
	// answered: how well the answer's words match it (byAnswer), for the
	// sections the question leaves close
	answered float64
}

// posting tells a section whose lines, most of them, name the people a
// job posting asks for ("AWS 마이그레이션 경험자").
//
// counted holds each chunk text's lines and requirement lines, filled as
// the chunks are first met.
func (n *sectionNode) posting(counted map[string][2]int) bool {
	lines, asks := 0, 0
	for _, c := range n.chunks {
		k, ok := counted[c.Text]
		if !ok {
			k = postingLines(c.Text)
			counted[c.Text] = k
		}
		lines, asks = lines+k[0], asks+k[1]
	}
	return lines > 0 && 2*asks > lines
}

// postingLines counts a text's lines (bullets stripped; blank, heading and
// parenthesised lines aside) and those naming a person a posting asks for.
func postingLines(text string) [2]int {
	var k [2]int
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(reBullet.ReplaceAllString(l, ""))
		if l == "" || strings.HasPrefix(l, "(") || strings.HasPrefix(l, "#") {
			continue
		}
		k[0]++
		if reRequirement.MatchString(l) {
			k[1]++
		}
	}
	return k
}

func (n *sectionNode) section() Section {
	whole := map[string]bool{}
	for i, c := range n.chunks {
		if !n.folded[i] {
			whole[c.ChunkID] = true
		}
	}
	var ps []notes.Passage
	for i, c := range n.chunks {
		if !n.folded[i] || !whole[c.ChunkID] {
			ps = append(ps, c)
		}
	}
	return Section{Note: n.note, Path: n.path, Passages: ps, Score: n.score}
}

// within tells whether n is m or lies under m.
func (n *sectionNode) within(m *sectionNode) bool {
	return n.note == m.note && len(n.path) >= len(m.path) && slices.Equal(n.path[:len(m.path)], m.path)
}

// match scores the node for the question: each word counts by where it is
// found (own heading, ancestor heading, text and headings below), weighted by
// its IDF. Text further down counts less, so that the most specific section
// holding the question's words wins over the note that contains everything.
func (n *sectionNode) match(q []term, cm *chunkMatches, idf map[string]float64, totalW float64) (float64, map[string]bool) {
	idx := make([]int, len(q))
	for i := range q {
		idx[i] = i
	}
	return n.matchAt(q, idx, cm, idf, totalW)
}

// matchAt is match over the words at idx of q (indexes into cm too).
func (n *sectionNode) matchAt(q []term, idx []int, cm *chunkMatches, idf map[string]float64, totalW float64) (float64, map[string]bool) {
	hits := map[string]bool{}
	s := 0.0
	for _, ti := range idx {
		t := q[ti]
		own := n.own.match(t)
		if n.facet != nil {
			own = max(own, facetShare*n.facet.match(t))
		}
		if own >= 0.8 {
			hits[t.key] = true
		}
		body := 0.0
		for i, c := range n.idx {
			if m := cm.below(c, len(n.path), ti); m > 0 {
				body = max(body, m*bodyShare*math.Pow(depthDecay, float64(n.depth[i])))
			}
		}
		s += idf[t.key] * max(own, ancestorShare*n.anc.match(t), body)
	}
	if totalW == 0 {
		return 0, hits
	}
	return s / totalW, hits
}

// chunkMatches holds, once per chunk, how well its text and each of its
// headings contain each question word: every section above a chunk asks.
type chunkMatches struct {
	text    [][]float64   // chunk → question word → match
	heading [][][]float64 // chunk → heading level → question word → match
}

func matchChunks(q []term, passages []notes.Passage, lx *lexicon) *chunkMatches {
	cm := &chunkMatches{text: make([][]float64, len(passages)), heading: make([][][]float64, len(passages))}
	seen := map[string][]float64{}
	for c, p := range passages {
		tb := newBag(lx.analyze(withoutLead(p)))
		cm.text[c] = make([]float64, len(q))
		for ti, t := range q {
			cm.text[c][ti] = tb.match(t)
		}
		cm.heading[c] = make([][]float64, len(p.HeadingPath))
		for l, h := range p.HeadingPath {
			// every chunk of a section repeats its headings: match each once
			row, ok := seen[h]
			if !ok {
				hb := newBag(lx.analyze(cleanHeading(h)))
				row = make([]float64, len(q))
				for ti, t := range q {
					row[ti] = hb.match(t)
				}
				seen[h] = row
			}
			cm.heading[c][l] = row
		}
	}
	return cm
}

// below is how well chunk c's text, or a heading of it at level d or deeper,
// contains question word ti.
func (cm *chunkMatches) below(c, d, ti int) float64 {
	m := cm.text[c][ti]
	for l := d; l < len(cm.heading[c]); l++ {
		m = max(m, cm.heading[c][l][ti])
	}
	return m
}

// inHeading tells whether question word ti names a section somewhere in the
// notes read: the notes' headings are their vocabulary of topics, so such a
// word says what the question is about more than one found only in text.
func (cm *chunkMatches) inHeading(ti int) bool {
	for _, hs := range cm.heading {
		for _, h := range hs {
			if h[ti] >= 0.8 {
				return true
			}
		}
	}
	return false
}

// anywhere is how well chunk c, headings included, contains question word ti.
func (cm *chunkMatches) anywhere(c, ti int) float64 { return cm.below(c, 0, ti) }

// sectionNodes builds every section of the passages' notes: each prefix of
// each chunk's heading path, holding the chunks at or under it.
func sectionNodes(passages []notes.Passage, folded []bool, lx *lexicon) []*sectionNode {
	byKey := map[string]*sectionNode{}
	var order []*sectionNode
	for c, p := range passages {
		for d := 1; d <= len(p.HeadingPath); d++ {
			path := p.HeadingPath[:d]
			key := p.Note + "\x00" + strings.Join(path, "\x00")
			n := byKey[key]
			if n == nil {
				n = &sectionNode{note: p.Note, path: slices.Clone(path)}
				n.own = newBag(lx.analyze(cleanHeading(path[d-1])))
				n.anc = newBag(lx.analyze(strings.Join(path[:d-1], "\n")))
				byKey[key] = n
				order = append(order, n)
			}
			n.chunks = append(n.chunks, p)
			n.folded = append(n.folded, folded[c])
			n.idx = append(n.idx, c)
			n.depth = append(n.depth, len(p.HeadingPath)-d)
		}
	}
	markFacets(order, lx)
	return order
}

// markFacets finds the sections whose heading is a facet of their parent:
// a facet label, or a heading the notes repeat under several parents (장점 under Agile, CI/CD and DevOps alike).
func markFacets(nodes []*sectionNode, lx *lexicon) {
	parents := map[string]map[string]bool{}
	keyOf := func(n *sectionNode) string {
		return strings.Join(orderedKeys(lx.analyze(cleanHeading(n.path[len(n.path)-1]))), " ")
	}
	for _, n := range nodes {
		if len(n.path) < 2 {
			continue
		}
		k := keyOf(n)
		if parents[k] == nil {
			parents[k] = map[string]bool{}
		}
		parents[k][n.note+"\x00"+strings.Join(n.path[:len(n.path)-1], "\x00")] = true
	}
	for _, n := range nodes {
		if len(n.path) < 2 {
			continue
		}
		if len(parents[keyOf(n)]) >= 2 || isFacetLabel(n.path[len(n.path)-1]) {
			b := newBag(lx.analyze(cleanHeading(n.path[len(n.path)-2])))
			n.facet = &b
		}
	}
}

// sectionPassages reads the notes the retrieved passages come from, best
// first, and the named notes besides, and returns their chunks.
func sectionPassages(ctx context.Context, r NoteReader, collection string, retrieved []notes.Passage, named ...string) ([]notes.Passage, error) {
	var paths []string
	for _, p := range retrieved {
		if !slices.Contains(paths, p.Note) {
			paths = append(paths, p.Note)
		}
		if len(paths) == sectionMaxNotes {
			break
		}
	}
	for _, n := range named {
		if !slices.Contains(paths, n) {
			paths = append(paths, n)
		}
	}
	ps, err := r.NotePassages(ctx, collection, paths)
	if err != nil {
		return nil, fmt.Errorf("read the notes %v: %w", paths, err)
	}
	return ps, nil
}

// Folded sections. The chunker folds short sibling sections into their
// parent's chunk ("- Ansible" and "- Terraform" with a line or two each end
// up in "AWS 서비스"), which keeps retrieval chunks a useful size but hides
// them from section choice. withFolded recovers them: a top-level bullet
// that names something (short, no sentence, no "X : Y") with lines indented
// under it is a section of its own, a part of its chunk with the path
// extended by its name. The copy keeps the chunk's ID (citations open the
// chunk) and narrows the line range.

// onPath tells whether a label is one of the headings of a path.
func onPath(path []string, label string) bool {
	for _, h := range path {
		if cleanInline(cleanHeading(h)) == label || cleanHeading(cleanInline(h)) == cleanHeading(label) {
			return true
		}
	}
	return false
}

// withFolded returns the passages followed by the sections folded into
// them, and which are such copies.
func withFolded(ps []notes.Passage) ([]notes.Passage, []bool) {
	out := slices.Clone(ps)
	folded := make([]bool, len(ps))
	for _, p := range ps {
		for _, f := range foldedSections(p) {
			out = append(out, f)
			folded = append(folded, true)
		}
	}
	return out, folded
}

func foldedSections(p notes.Passage) []notes.Passage {
	lines := strings.Split(p.Text, "\n")
	top := -1
	for _, l := range lines {
		if strings.TrimSpace(l) != "" && (top < 0 || indentOf(l) < top) {
			top = indentOf(l)
		}
	}
	var out []notes.Passage
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		t := strings.TrimSpace(l)
		if level := headingLevel(t); level > 0 {
			// "#### 애플리케이션 관점" folded with its text: up to the next
			// heading of its level or above
			label := cleanInline(reHeading.ReplaceAllString(t, ""))
			j, last := i+1, -1
			for ; j < len(lines); j++ {
				if lv := headingLevel(strings.TrimSpace(lines[j])); lv > 0 && lv <= level {
					break
				}
				if strings.TrimSpace(lines[j]) != "" {
					last = j
				}
			}
			if label != "" && last > i && !onPath(p.HeadingPath, label) {
				out = append(out, foldedCopy(p, label, lines, i, last))
			}
			continue
		}
		if t == "" || indentOf(l) != top || !reBullet.MatchString(t) {
			continue
		}
		label := cleanInline(reBullet.ReplaceAllString(t, ""))
		if label == "" || utf8.RuneCountInString(label) > maxSubjectRune || len(strings.Fields(label)) > 8 ||
			strings.ContainsAny(label, ".?!:：") || onPath(p.HeadingPath, label) {
			continue // not a name, or the title of a section the chunk is in (the chunker leads with it)
		}
		j, last := i+1, -1
		for ; j < len(lines); j++ {
			if strings.TrimSpace(lines[j]) == "" {
				continue
			}
			if indentOf(lines[j]) <= top {
				break
			}
			last = j
		}
		if last < 0 {
			continue
		}
		out = append(out, foldedCopy(p, label, lines, i, last))
		i = last
	}
	return out
}

// withoutLead is a chunk's text without the titles it opens with (its own
// and those of the sections it is in, which the chunker puts first): they
// are headings, matched as such, not the section's text.
func withoutLead(p notes.Passage) string {
	lines := strings.Split(p.Text, "\n")
	i := 0
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if t == "" {
			continue
		}
		label := cleanInline(reBullet.ReplaceAllString(reHeading.ReplaceAllString(t, ""), ""))
		if !onPath(p.HeadingPath, label) {
			break
		}
	}
	// Labels the chunker put before the section's own title ("K8s 구축 및
	// 운영", "리눅스", then "- Shell Programming") introduce it: they name
	// what it is filed under, not what it says.
	if n := len(p.HeadingPath); n > 0 {
		for j := i; j < len(lines) && j < i+maxLeadLabels; j++ {
			t := strings.TrimSpace(lines[j])
			if t == "" || !reBullet.MatchString(t) {
				continue
			}
			if cleanInline(reBullet.ReplaceAllString(t, "")) == cleanInline(p.HeadingPath[n-1]) {
				i = j + 1
			}
			break
		}
	}
	return strings.Join(lines[i:], "\n")
}

// maxLeadLabels bounds the lines looked through for a section's title
// after the labels that lead into it (a run of one-line labels, blanks
// between them).
const maxLeadLabels = 8

// foldedCopy is the part of chunk p from line i to last, filed under label.
func foldedCopy(p notes.Passage, label string, lines []string, i, last int) notes.Passage {
	return notes.Passage{
		ChunkID: p.ChunkID, Note: p.Note, Score: p.Score,
		HeadingPath: append(slices.Clone(p.HeadingPath), label),
		Text:        strings.Join(lines[i:last+1], "\n"),
		LineStart:   p.LineStart + i, LineEnd: p.LineStart + last,
	}
}

// headingLevel is the level of a Markdown ATX heading line, or 0.
func headingLevel(t string) int {
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n == len(t) || t[n] != ' ' {
		return 0
	}
	return n
}

// misspelt lists the headings that misspell a name the question spells
// right ("AWS Labmda" asked as Lambda): the search matches words as
// written, and would neither find nor read the section that answers the
// question.
func misspelt(question string, heads []notes.Heading, g *token.Glossary) []notes.Heading {
	asked := map[string]bool{}
	for _, w := range strings.FieldsFunc(question, notNameRune) {
		asked[strings.ToLower(w)] = true
	}
	var out []notes.Heading
	for _, h := range heads {
		if len(h.HeadingPath) == 0 {
			continue
		}
		for _, w := range strings.FieldsFunc(h.HeadingPath[len(h.HeadingPath)-1], notNameRune) {
			// case aside: the search folds it (Devops is found as DevOps)
			if right := strings.ToLower(g.Spell(w)); right != strings.ToLower(w) && asked[right] {
				out = append(out, h)
				break
			}
		}
	}
	return out
}

// foundAsSpelt adds to what the search retrieved the chunks read of the
// misspelt headings, each scored as the search's best: found, had the notes
// spelled the name right.
func foundAsSpelt(retrieved, read []notes.Passage, heads []notes.Heading) []notes.Passage {
	if len(heads) == 0 || len(retrieved) == 0 {
		return retrieved
	}
	best := retrieved[0].Score
	for _, p := range read {
		if slices.ContainsFunc(heads, func(h notes.Heading) bool {
			return h.Note == p.Note && len(p.HeadingPath) >= len(h.HeadingPath) && slices.Equal(p.HeadingPath[:len(h.HeadingPath)], h.HeadingPath)
		}) {
			p.Score = best
			retrieved = append(retrieved, p)
		}
	}
	return retrieved
}

// notNameRune splits text into the Latin words names are written in.
func notNameRune(r rune) bool {
	return !(r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-'))
}
