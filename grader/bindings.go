package grader

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"grader/token"
)

// Swapped bindings. Notes describe comparable things side by side (ALB and
// NLB, CI and CD, Producer and Consumer, the stages of a toolchain). An
// answer that says of one what the notes say only of another ("CI는 배포를
// 자동화") uses every right word and would pass any bag-of-words check. Each
// entity the notes name (a heading, or the label of an "X : ..." line) gets a
// profile of the words the notes use for it; an answer clause about X whose
// words belong to another entity's profile and not to X's gives X the other's
// property.

// profile is what the notes say of one entity.
type profile struct {
	bag    bag
	pairs  map[string]bool // compound nouns: "개발 방법론" is XP's, "관리 방법론" Scrum's, though both say 개발
	points []int           // rubric points about it
	groups map[string]bool // where in the outline it sits: only entities of one group are comparable
	parent bag             // its parent heading's words, for a heading entity with cousins
}

// fromOwnParent tells a word of the subject's parent heading that is not
// the other's: where the subject sits, not the other's attribute.
func fromOwnParent(t term, own, other *profile) bool {
	return own.parent.match(t) >= 0.8 && other.parent.match(t) < 0.5
}

// entityGroup is the outline position that makes entities comparable: the
// parent of a heading entity, the section of a line label ("Producer : ...").
// Top-level headings of a note are topics side by side, not comparable
// things: they get no group.
func entityGroup(note string, headingPath []string, fromHeading bool) string {
	if fromHeading && len(headingPath) > 0 {
		headingPath = headingPath[:len(headingPath)-1]
	}
	if len(headingPath) == 0 {
		return ""
	}
	return note + "\x00" + strings.Join(headingPath, "\x00")
}

// cousins makes a heading entity comparable with those one level apart
// under the same grandparent (kube-scheduler under 컨트롤 플레인 컴포넌트,
// kubelet under 노드 컴포넌트, both under k8s Component), below a note's
// top two levels.
//
// The words of its parent heading are the entity's own then: "컨테이너
// 런타임은 노드 컴포넌트 쪽이라" says where container runtime sits, not
// what a control plane cousin does.
func cousins(pf *profile, note string, headingPath []string, fromHeading bool, g *token.Glossary) {
	if fromHeading && len(headingPath) >= 4 {
		pf.groups[entityGroup(note, headingPath[:len(headingPath)-1], true)] = true
		pf.parent.add(analyze(headingPath[len(headingPath)-2], g))
	}
}

// notEntities are labels that organise notes without naming a thing that
// could be swapped with another: 특징, 장점, ex.
var notEntities = map[string]bool{
	"특징": true, "장점": true, "단점": true, "장단점": true, "예시": true, "예": true, "ex": true, "eg": true, "참고": true, "정리": true,
	"요약": true, "기능": true, "역할": true, "개념": true, "정의": true, "목적": true, "이유": true, "방법": true, "종류": true,
	"example": true, "examples": true, "note": true, "notes": true, "summary": true, "pros": true, "cons": true, "features": true,
}

func isEntityName(name string) bool {
	n := strings.ToLower(strings.Trim(name, " .:"))
	return n != "" && !notEntities[n]
}

// minSwapWords is how many of another entity's distinctive words a clause
// must use, more than twice as many as its own subject's (a generic word
// such as 서비스 may belong to the subject too), to count as a swap: one
// shared word is coincidence more often than not.
const minSwapWords = 2

// entityProfiles builds a profile for every entity of the rubric's points
// and of the sections beside them.
func (o *Offline) entityProfiles(r Rubric, pr *prepared) map[string]*profile {
	out := map[string]*profile{}
	get := func(k, group string) *profile {
		p := out[k]
		if p == nil {
			p = &profile{bag: newBag(analysis{}), pairs: map[string]bool{}, groups: map[string]bool{}, parent: newBag(analysis{})}
			out[k] = p
		}
		p.groups[group] = true
		return p
	}
	for i, p := range pr.points {
		if p.subject == "" || !isEntityName(p.name) {
			continue
		}
		hp := p.kp.Passage.HeadingPath
		fromHeading := len(hp) > 0 && subjectHead(hp[len(hp)-1]) == p.name
		pf := get(p.subject, entityGroup(p.kp.Passage.Note, hp, fromHeading))
		cousins(pf, p.kp.Passage.Note, hp, fromHeading, o.g)
		a := analyze(p.kp.Text, o.g)
		pf.bag.add(a)
		addCompounds(pf.pairs, a.terms)
		pf.points = append(pf.points, i)
	}
	for _, p := range r.Context {
		heading := ""
		if len(p.HeadingPath) > 0 {
			heading = subjectHead(p.HeadingPath[len(p.HeadingPath)-1])
		}
		for _, f := range passageFragments(p.Text) {
			name, fromHeading := f.subject, false
			if m := reSubjectOf.FindStringSubmatch(f.text); m != nil {
				name = subjectHead(m[1])
			}
			if name == "" {
				name, fromHeading = heading, true
			}
			k := entityKeyOf(analyze(name, o.g), pr.entities)
			if k == "" || !isEntityName(name) {
				continue
			}
			pf, a := get(k, entityGroup(p.Note, p.HeadingPath, fromHeading)), analyze(f.text, o.g)
			cousins(pf, p.Note, p.HeadingPath, fromHeading, o.g)
			pf.bag.add(a)
			addCompounds(pf.pairs, a.terms)
		}
	}
	return out
}

// compound is a compound noun: a bare Hangul noun, with no particle or
// ending, before another content word ("개발 방법론", "관리 방법론"; not
// "방법론에 해당"). It tells things apart when both of its words belong to
// both: XP is "개발 방법론" and Scrum "관리 방법론", though both say 개발.
type compound struct{ a, b term }

func (c compound) String() string { return c.a.key + " " + c.b.key }

// in tells a compound whose words the profile has, apart or together.
func (c compound) in(p *profile) bool { return p.bag.match(c.a) >= 0.8 && p.bag.match(c.b) >= 0.8 }

func compoundTerms(ts []term) []compound {
	var out []compound
	for i := 0; i+1 < len(ts); i++ {
		a, b := ts[i], ts[i+1]
		if a.key != "" && b.key != "" && a.kind == token.Hangul && a.text == a.key && !strings.ContainsAny(b.gap, ",.;:") {
			out = append(out, compound{a, b})
		}
	}
	return out
}

func addCompounds(m map[string]bool, ts []term) {
	for _, c := range compoundTerms(ts) {
		m[c.String()] = true
	}
}

// contextNames are the entity names of the sections beside the graded one.
func contextNames(r Rubric) []string {
	var out []string
	for _, p := range r.Context {
		if len(p.HeadingPath) > 0 {
			out = append(out, subjectHead(p.HeadingPath[len(p.HeadingPath)-1]))
		}
		for _, f := range passageFragments(p.Text) {
			if m := reSubjectOf.FindStringSubmatch(f.text); m != nil {
				out = append(out, subjectHead(m[1]))
			}
		}
	}
	return out
}

// bindingConflicts finds answer clauses that give their subject another
// entity's property.
func bindingConflicts(pr *prepared, ans *answerAnalysis) []conflict {
	if len(pr.profiles) < 2 {
		return nil
	}
	keys := profileKeys(pr)
	var out []conflict
	weak := map[[2]string]conflict{} // one word of the other's: (subject, other)
	carry := questionSubject(pr)
	for si, s := range ans.sents {
		// A clause that goes on about the subject of the one before it in
		// the sentence ("NLB는 path까지 참고해서 path별로 라우팅해 줍니다")
		// is read together with it.
		var heldAttrs []term
		var heldWeight []float64
		heldNamed := map[string]bool{}
		saidLast := ""    // the subject the next clause says last, given to this one
		embedded := false // the clause before is an embedded question ("…가 없는지,")
		for ci, c := range s.clauses {
			subj, mentioned, named := clauseSubject(c, pr, keys)
			ownSubject := subj != ""
			continues := false
			if subj == "" && embedded && carry != "" {
				// "etcd가 다운된 노드가 없는지, 파드가 … 유지하고 있는지 …를
				// 확인하고": the embedded questions are all the sentence
				// subject's object; their own subjects are not its
				subj, continues = carry, true
			}
			wasEmbedded := embedded
			embedded = embeddedQuestion(c)
			if saidLast != "" && subj == saidLast {
				// "새로 생성된 파드를 감지해서 어떤 노드로 보낼지 결정하는 건
				// kube-controller-manager예요": both clauses are what the
				// cleft says of its subject, read together
				continues = true
			}
			saidLast = ""
			if subj == "" && !hasOwnSubject(c) && !wasEmbedded {
				if !named[carry] {
					// "브로커는 … 중계하는 역할이고요. 브로커의 메타 정보를
					// 저장하고": the thing named again, as another's owner or
					// object, is not what the clause is said of
					subj, continues = carry, carry != ""
				}
				// "그 브로커들의 메타 정보를 저장하고 관리해 주는 게
				// ZooKeeper라서": a subject said last, in a cleft or with a
				// role noun, is also that of the clause joined before it.
				if ci+1 < len(s.clauses) {
					if k := subjectSaidLast(s.clauses[ci+1], pr, keys); k != "" {
						subj, continues, saidLast = k, false, k
					}
				}
			}
			carry = subj
			if !continues {
				heldAttrs, heldWeight, heldNamed = nil, nil, map[string]bool{}
			}
			for k := range named {
				heldNamed[k] = true
			}
			named = heldNamed
			// a clause whose subject is carried over ("자주 바뀌지 않는
			// 파일이라면" after a sentence on EFS) may be a condition on
			// another thing: only one that names its subject gives it
			// what a modifier with a negation says
			if denies(c) && !embedded && (!ownSubject || deniesPredicate(c)) {
				heldAttrs, heldWeight = nil, nil
				continue // "kubelet이 직접 실행하는 건 아니다" denies the other's property: right
			}
			// Words of the question count half: an answer repeats them
			// whatever it says, but they are still the other's words
			// ("NLB가 요청의 path까지 읽어서" asked about routing requests).
			var attrs []term
			var weight []float64
			for i, t := range c.terms {
				if t.key == "" || mentioned[i] {
					continue
				}
				if _, isEntity := pr.entities[t.key]; isEntity {
					continue
				}
				w := 1.0
				if pr.qbag.match(t) >= 0.5 {
					w = 0.5
				}
				attrs = append(attrs, t)
				weight = append(weight, w)
			}
			attrs, weight = append(heldAttrs, attrs...), append(heldWeight, weight...)
			heldAttrs, heldWeight = attrs, weight
			own := pr.profiles[subj]
			var cs []compound // the clause's compounds of words that name no entity
			for _, c := range compoundTerms(c.terms) {
				if pr.entities[c.a.key] == "" && pr.entities[c.b.key] == "" {
					cs = append(cs, c)
				}
			}
			if own == nil || len(attrs) < minSwapWords {
				continue
			}
			best, bestN, bestFull := "", 0.0, 0
			for _, k := range keys {
				other := pr.profiles[k]
				if k == subj || named[k] || !comparable(own, other) {
					continue // naming both relates them ("bind로 Master/Slave 구성"): no swap
				}
				n, full := 0.0, 0
				parent := sharedHeading(own, other, pr)
				for i, t := range attrs {
					if other.bag.match(t) >= 0.8 && own.bag.match(t) < 0.5 && !fromOwnParent(t, own, other) {
						if parent.match(t) >= 0.8 {
							n += weight[i] / 2 // the heading over both: half the other's
							continue
						}
						n += weight[i]
						if weight[i] == 1 {
							full++
						}
					}
				}
				for _, c := range cs {
					if other.pairs[c.String()] && !own.pairs[c.String()] && c.in(own) {
						n++
						full++
					}
				}
				// on a tie, a thing graded beside the subject (one with
				// points) over one of the sections around it: "ACL은 개별
				// 인스턴스에" gives ACL the security group's word, though
				// the NAT gateway's lines say 인스턴스 too
				if n > bestN || n == bestN && n > 0 && len(other.points) > 0 && len(pr.profiles[best].points) == 0 {
					best, bestN, bestFull = k, n, full
				}
			}
			if best == "" {
				continue
			}
			other := pr.profiles[best]
			mine := 0.0
			for i, t := range attrs {
				if own.bag.match(t) >= 0.8 && other.bag.match(t) < 0.5 {
					mine += weight[i]
				}
			}
			for _, c := range cs {
				if own.pairs[c.String()] && !other.pairs[c.String()] && c.in(other) {
					mine++
				}
			}
			if mine >= bestN {
				continue
			}
			point := -1
			switch {
			case len(own.points) > 0:
				point = own.points[0]
			case len(other.points) > 0:
				point = other.points[0]
			}
			if point < 0 {
				continue
			}
			var theirs []term
			for _, t := range attrs {
				if other.bag.match(t) >= 0.8 && own.bag.match(t) < 0.5 {
					theirs = append(theirs, t)
				}
			}
			for _, c := range cs {
				if other.pairs[c.String()] && !own.pairs[c.String()] {
					theirs = append(theirs, c.a, c.b) // "개발 방법론" is XP's, though both say 개발
				}
			}
			c := conflict{point: point, sent: si, subject: subj, class: "binding", notes: []string{best}, answer: []string{subj}, swapped: true, attrs: theirs}
			// At least one word of the other's that the question did not bring.
			if bestN < minSwapWords || bestFull == 0 || 2*mine >= bestN {
				weak[[2]string{subj, best}] = c
				continue
			}
			out = append(out, c)
		}
	}
	// Two things each given a word of the other's ("정방향 조회가 IP 주소를
	// 통해 목적지를 찾고, 역방향 조회는 호스트 이름으로 IP를 찾는다"): a swap,
	// though each clause alone says too little to tell.
	pairs := make([][2]string, 0, len(weak))
	for k := range weak {
		pairs = append(pairs, k)
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i][0]+pairs[i][1] < pairs[j][0]+pairs[j][1] })
	for _, k := range pairs {
		if _, mutual := weak[[2]string{k[1], k[0]}]; mutual && k[0] < k[1] && !slices.ContainsFunc(out, func(c conflict) bool { return c.subject == k[0] || c.subject == k[1] }) {
			out = append(out, weak[k])
		}
	}
	return out
}

// clauseSubject finds the entity a clause is about: the first one named
// with a subject or topic particle (ACL은, 도커가), else one that opens the
// clause. It also marks the terms that name entities: an entity is named by
// its key term, and the words of its name around it belong to the mention.
func clauseSubject(c clause, pr *prepared, keys []string) (string, map[int]bool, map[string]bool) {
	mentioned := map[int]bool{}
	named := map[string]bool{}
	type mention struct {
		key     string
		at, end int
	}
	var ms []mention
	for _, k := range keys {
		words := pr.entityWords[k]
		if len(words) == 0 {
			continue
		}
		name := newBag(analysis{terms: words})
		for i, t := range c.terms {
			if t.key == "" || newBag(analysis{terms: []term{t}}).match(words[0]) < 0.8 {
				continue
			}
			at, end := i, i
			for at > 0 && c.terms[at-1].key != "" && name.match(c.terms[at-1]) >= 0.8 {
				at--
			}
			for end+1 < len(c.terms) && c.terms[end+1].key != "" && name.match(c.terms[end+1]) >= 0.8 {
				end++
			}
			if at == end && len(words) >= 2 && particleAfter(c.terms, at) != "" && commonHead(pr.entities[k], t, pr.g) {
				// "컨테이너가" is a container, not "container runtime";
				// "쿠버네티스가" is not "kube-proxy": the first word of a
				// name of several, a common word or a prefix, with its own
				// particle is a thing of its own ("NAT가" still names "NAT
				// 게이트웨이", "컨테이너 런타임은" still the runtime)
				continue
			}
			if at == end && len(words) >= 2 && t.kind == token.Latin && t.key != words[0].key && strings.HasPrefix(t.key, words[0].key) {
				// "the control plane's information store" (controlplane, one
				// word of the glossary) is not kube-controller-manager, whose
				// key it only starts with
				continue
			}
			ms = append(ms, mention{k, at, end})
			named[k] = true
			for j := at; j <= end; j++ {
				mentioned[j] = true
			}
			break
		}
	}
	if len(ms) == 0 {
		return "", mentioned, named
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].at < ms[j].at })
	// "컨테이너가 정상적으로 동작하는지 관리하는": the subject of an embedded
	// question (…는지) is not the clause's
	ms = slices.DeleteFunc(ms, func(m mention) bool { return embeddedSubject(c.terms, m.end) })
	if len(ms) == 0 {
		return "", mentioned, named
	}
	for _, m := range ms {
		if subjectParticle(c.terms, m.end) || roleNounAfter(c.terms, m.end) || cleft(c.terms, m.at, m.end) || classifiedAs(c.terms, m.end) {
			return m.key, mentioned, named
		}
	}
	first := 0
	for first < len(c.terms) && c.terms[first].key == "" {
		first++
	}
	if ms[0].at == first && !objectOrPlace(c.terms, ms[0].end) {
		return ms[0].key, mentioned, named
	}
	if ms[0].at == first && len(ms) == 1 && toolUsed(c.terms, ms[0].end) {
		// "Ansible로 AWS IAM 구성이랑 리소스 배포를 하고": the tool a
		// clause opens with is what does its work
		return ms[0].key, mentioned, named
	}
	return "", mentioned, named
}

// toolUsed tells a name with the particle of means (로, 으로, 로는) in a
// clause that goes on to do something with an object ("…를 하고", "…을
// 잡았고"): the tool is the doer.
func toolUsed(ts []term, end int) bool {
	switch particleAfter(ts, end) {
	case "로", "으로", "로는", "으로는":
	default:
		return false
	}
	for j := end + 1; j < len(ts); j++ {
		if p := particleAfter(ts, j); p == "을" || p == "를" {
			return true
		}
	}
	return false
}

// denies tells a clause with a negation (않다, 없다, 아니다) that no
// antonym cancels. An antonym alone is no denial: "휴먼 에러를 줄이는 것까지
// CI 단계에서" says what CI does, in the word 줄이다.
func denies(c clause) bool {
	return negativeTerms(c.terms, func(term) bool { return false })
}

// deniesPredicate is denies without a negation in a noun's modifier.
func deniesPredicate(c clause) bool {
	if !denies(c) {
		return false
	}
	for i, t := range c.terms {
		if t.neg && !modifierNegation(c.terms, i) {
			return true
		}
	}
	return false
}

// A negation that modifies a noun ("자주 업데이트되지 않는 파일", "공유할 수
// 없는 볼륨") is part of the property a clause gives, not a denial of it:
// "EFS는 자주 업데이트되지 않는 파일을 넣어 두는 용도" gives EFS the S3 line's
// "빈번한 업데이트가 없은 파일" (fresh13, fresh14).
//
// modifierNegation tells a negation in a noun's modifier: an adnominal
// form of 않다, 없다 or 아니다 with a content word after it in the clause.
func modifierNegation(ts []term, i int) bool {
	w := strings.TrimRight(ts[i].text, ".,!?")
	switch w {
	case "않는", "않은", "없는", "없은", "아닌":
	default:
		return false
	}
	for _, t := range ts[i+1:] {
		if t.key != "" {
			return true
		}
	}
	return false
}

// embeddedQuestion tells a clause that ends in an embedded question
// ("다운된 노드가 없는지,", "생성되어 있는지를"): it asserts nothing, it is
// what the sentence's verb checks.
func embeddedQuestion(c clause) bool {
	n := len(c.terms)
	if n == 0 {
		return false
	}
	w := c.terms[n-1].text
	for _, p := range []string{"를", "도", "가"} {
		w = strings.TrimSuffix(w, p)
	}
	return indirectQuestion(w)
}

// indirectQuestion tells a verb that ends an embedded question (동작하는지,
// 맞은지, 필요한 것인지).
func indirectQuestion(w string) bool {
	return strings.HasSuffix(w, "는지") || strings.HasSuffix(w, "은지") || strings.HasSuffix(w, "인지")
}

// embeddedSubject tells a subject whose verb ends an embedded question
// ("…가 …동작하는지") with more of the clause after it.
func embeddedSubject(ts []term, end int) bool {
	if !subjectParticle(ts, end) {
		return false
	}
	for j := end + 1; j < len(ts); j++ {
		if indirectQuestion(ts[j].text) {
			return slices.ContainsFunc(ts[j+1:], func(t term) bool { return t.key != "" })
		}
	}
	return false
}

// subjectSaidLast is the subject of a clause that names it after what it
// does ("관리해 주는 게 ZooKeeper라서", "…를 정하는 게 스케줄러 역할"); ""
// when the clause opens with an entity or names none.
func subjectSaidLast(c clause, pr *prepared, keys []string) string {
	k, mentioned, _ := clauseSubject(c, pr, keys)
	if k == "" {
		return ""
	}
	last, opened := -1, false
	for i, t := range c.terms {
		if t.key != "" && !opened {
			if mentioned[i] {
				return ""
			}
			opened = true
		}
		if mentioned[i] {
			last = i
		}
	}
	// Said last: at most a role noun after it ("스케줄러 역할"). "정해진
	// 노드에서는 kubelet이 실제로 파드를 생성하고" names kubelet midway, as
	// the subject of what follows, not of the clause before.
	after := 0
	for _, t := range c.terms[last+1:] {
		if t.key != "" {
			after++
		}
	}
	if after > 1 {
		return ""
	}
	return k
}

// objectOrPlace tells an entity marked as an object or a place ("DNS 서버를",
// "VPC에"): it opens the clause without being what the clause is about.
func objectOrPlace(ts []term, end int) bool {
	if strings.TrimPrefix(particleAfter(ts, end), "들") == "의" { // 브로커의, 브로커들의
		// "브로커의 메타 정보를 저장하고": the phrase it opens is an object
		for j := end + 1; j < len(ts) && j <= end+4; j++ {
			if ts[j].key != "" && particleAfter(ts, j) != "" {
				return objectOrPlace(ts, j)
			}
		}
		return false
	}
	for j := end; j < len(ts) && j <= end+1; j++ {
		switch particleAfter(ts, j) {
		case "을", "를", "에", "에서", "로", "으로", "에게", "와", "과", "랑", "이랑", "하고":
			return true
		}
		if j > end && ts[j].key != "" {
			break
		}
	}
	if particleAfter(ts, end) == "" {
		// "브로커 메타 정보를 저장하고": a bare name before nouns that end
		// in the object particle modifies the object
		for j := end + 1; j < len(ts) && j <= end+3; j++ {
			if ts[j].key == "" || ts[j].kind != token.Hangul {
				return false
			}
			switch particleAfter(ts, j) {
			case "을", "를":
				return true
			case "":
				continue
			}
			return false
		}
	}
	return false
}

// roleNounAfter tells an entity followed by a role noun: "…를 결정하는 게
// 스케줄러 역할" says what the scheduler does, with the entity last.
func roleNounAfter(ts []term, i int) bool {
	for j := i + 1; j < len(ts) && j <= i+2; j++ {
		if ts[j].key == "" {
			continue
		}
		switch ts[j].key {
		case "역할", "담당", "몫", "책임", "role", "job", "respons":
			return true
		}
		return false
	}
	return false
}

// cleft tells an entity said last with a copula after "…하는 게": "파드를
// 만들고 관리하는 게 kube-proxy라서요" says what kube-proxy does.
func cleft(ts []term, at, end int) bool {
	if end+1 < len(ts) {
		next := ts[end+1]
		// "코드를 만드는 건 구축 단계고요": a kind noun may come between
		// the name and the copula
		if rest, ok := afterKindNoun(next.text); ok && copulaForm(rest) {
			next = term{text: rest}
		}
		// "가용성이 높은 건 EBS 쪽 특징이라": and a noun of what is said of
		// it, after the kind noun or alone
		if _, ok := afterKindNoun(next.text); ok && end+2 < len(ts) {
			if rest, ok := traitCopula(ts[end+2].text); ok {
				next = term{text: rest}
			}
		} else if rest, ok := traitCopula(next.text); ok {
			next = term{text: rest}
		}
		if next.key != "" || !copulaForm(next.text) {
			return false
		}
	}
	for j := at - 1; j >= 0 && j >= at-2; j-- {
		switch ts[j].text {
		case "게", "건", "것은", "거는", "것이", "거", "것",
			// "…배포되는 부분이 CI입니다", "관리 방법론 쪽은 XP입니다"
			"부분이", "부분은", "쪽이", "쪽은", "단계가", "단계는":
			return true
		}
	}
	return false
}

// traitCopula cuts a noun of what is said of a thing (특징, 장점) off a
// copula: "특징이라" → "이라".
func traitCopula(w string) (string, bool) {
	for _, n := range []string{"특징", "특성", "장점", "단점", "역할", "기능", "얘기", "이야기"} {
		if rest, ok := strings.CutPrefix(w, n); ok && copulaForm(rest) {
			return rest, true
		}
	}
	return "", false
}

// kindNouns say what sort of thing a name is in a classification ("코딩
// 단계에 해당하고", "구축 단계고요", "관리 쪽입니다").
var kindNouns = []string{"단계", "쪽", "부분", "영역", "범주", "카테고리"}

// afterKindNoun is what follows a kind noun the word starts with.
func afterKindNoun(w string) (string, bool) {
	for _, k := range kindNouns {
		if rest, ok := strings.CutPrefix(w, k); ok {
			return rest, true
		}
	}
	return "", false
}

// classifiedAs tells a name the clause files its topic under: "빌드와 버전
// 관리는 코딩 단계에 해당하고" is about 코딩 (what the stage holds), though
// the topic particle is on 관리.
func classifiedAs(ts []term, end int) bool {
	j := end
	if particleAfter(ts, j) == "" && j+1 < len(ts) {
		if rest, ok := afterKindNoun(ts[j+1].text); ok && (rest == "" || rest == "에" || rest == "에서") {
			j++
		}
	}
	p := particleAfter(ts, j)
	if rest, ok := afterKindNoun(ts[j].text); ok && j > end {
		p = rest
	}
	kind := j > end
	if p != "에" && p != "에는" && !(kind && p == "에서") {
		return false
	}
	for k := j + 1; k < len(ts); k++ {
		if ts[k].key != "" || ts[k].text != "" {
			w := ts[k].text
			if p == "에서" {
				// "설계와 코드 작성은 구축 단계에서 합니다": done in that stage,
				// when the clause ends there
				// "…까지 CI 단계에서 하는 일입니다": the work done in it
				if k == len(ts)-2 && w == "하는" && strings.HasPrefix(ts[k+1].text, "일") {
					return true
				}
				return k == len(ts)-1 && (strings.HasPrefix(w, "합") || strings.HasPrefix(w, "해") || strings.HasPrefix(w, "하") || strings.HasPrefix(w, "이루어") || strings.HasPrefix(w, "진행"))
			}
			return strings.HasPrefix(w, "해당") || strings.HasPrefix(w, "속하") || strings.HasPrefix(w, "속합") || strings.HasPrefix(w, "들어가")
		}
	}
	return false
}

// copulaForm tells the endings of 이다 after a noun: 입니다, 이에요, 라서요.
func copulaForm(w string) bool {
	for _, p := range []string{"입니", "이에요", "예요", "이다", "라서", "이라서", "이라", "라고", "이고", "고요", "인데", "이죠", "죠", "다"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// hasOwnSubject tells whether a clause has a subject of its own that names
// no entity ("런타임이 담당합니다"): the previous clause's subject is not its.
func hasOwnSubject(c clause) bool {
	for i, t := range c.terms {
		if t.key != "" && subjectParticle(c.terms, i) {
			return true
		}
	}
	return false
}

// subjectParticle tells whether the word at i carries, or is followed by,
// a subject or topic particle (은/는/이/가/께서).
func subjectParticle(ts []term, i int) bool {
	switch strings.TrimPrefix(particleAfter(ts, i), "들") { // 브로커들이: a plural before the particle
	case "은", "는", "이", "가", "께서", "이란", "란", "이라는", "라는":
		return true
	}
	return false
}

// sharedHeading is the words of the heading two comparable things sit
// under ("노드 컴포넌트 - 동작 담당" over kubelet and container runtime): a
// word of it is both things', whichever's lines happen to repeat it.
func sharedHeading(a, b *profile, pr *prepared) bag {
	out := newBag(analysis{})
	for g := range a.groups {
		if g == "" || !b.groups[g] {
			continue
		}
		parts := strings.Split(g, "\x00")
		out.add(pr.analysisOf(parts[len(parts)-1]))
	}
	return out
}

// entityKeys are the notes' entity keys, sorted: a fixed order to read
// them in.
func entityKeys(pr *prepared) []string {
	return slices.Sorted(maps.Keys(pr.entities))
}

// profileKeys are the keys of the entities the notes say something of, in
// order: the swap checks go through them alike on every run.
func profileKeys(pr *prepared) []string {
	return slices.Sorted(maps.Keys(pr.profiles))
}

func comparable(a, b *profile) bool {
	for g := range a.groups {
		if g != "" && b.groups[g] {
			return true
		}
	}
	return false
}

// bindingReason explains a swapped binding in the answer's language.
func bindingReason(c conflict, n namer, lang string) string {
	subj, other := n.entity(c.subject), n.entity(c.notes[0])
	if lang == "ko" {
		return fmt.Sprintf("노트에서 그 설명은 %s에 대한 것인데, 답변은 %s%s 설명합니다", other, subj, josa(subj, "으로", "로"))
	}
	return fmt.Sprintf("the notes say that of %s, not of %s", other, strings.TrimSpace(subj))
}

// commonHead tells a word that is the first of a name of several, when that
// first word is a common word ("container" of "container runtime") or a
// prefix ("kube" of "kube-proxy"), not an acronym ("NAT 게이트웨이").
func commonHead(name string, t term, g *token.Glossary) bool {
	fs := strings.Fields(strings.ReplaceAll(name, "-", " "))
	if len(fs) < 2 || !hasLatinLetter(fs[0]) || fs[0] != strings.ToLower(fs[0]) {
		return false
	}
	first := analyze(fs[0], g).terms
	return len(first) > 0 && first[0].key == t.key
}

// membershipConflicts finds a thing said to be one of the things the notes
// name ("Logstash가 Producer 쪽이라") where the notes' line about it names a
// comparable one and not that one ("Logstash - Kafka에 저장된 데이터 수집
// (Consumer)"): the thing filed under the wrong one of a pair the notes
// tell apart.
func membershipConflicts(pr *prepared, ans *answerAnalysis) []conflict {
	var out []conflict
	seen := map[int]bool{}
	for si, s := range ans.sents {
		for _, c := range s.clauses {
			if c.negative || c.conditional {
				continue
			}
			ts := c.terms
			for i := 0; i+1 < len(ts); i++ {
				x := ts[i]
				if x.key == "" || !subjectParticle(ts, i) {
					continue
				}
				j := i + 1
				for j < len(ts) && ts[j].key == "" {
					j++
				}
				if j >= len(ts) || ts[j].key == x.key || pr.entities[ts[j].key] == "" || !memberCopula(ts, j) {
					continue
				}
				said := pr.profiles[ts[j].key]
				if said == nil {
					continue
				}
				for pi, p := range pr.points {
					if seen[pi] || !pointHas(p, x.key) || pointHas(p, ts[j].key) {
						continue
					}
					other := ""
					for _, w := range p.terms {
						if k := w.t.key; k != x.key && pr.entities[k] != "" && pr.profiles[k] != nil && comparable(said, pr.profiles[k]) {
							other = k
							break
						}
					}
					if other == "" {
						continue
					}
					seen[pi] = true
					out = append(out, conflict{point: pi, sent: si, class: "mode:member", clause: p.kp.Text, notes: []string{pr.entities[other]}, answer: []string{pr.entities[ts[j].key]}})
				}
			}
		}
	}
	return out
}

// memberCopula tells a name said as what the subject is: "Producer 쪽이라",
// "Consumer 역할이고", "Broker에 해당하고", "컨슈머라서".
func memberCopula(ts []term, j int) bool {
	t := ts[j]
	if t.kind == token.Hangul {
		rest := strings.TrimPrefix(t.text, t.key)
		for _, e := range []string{"이라", "라서", "라", "이고", "입니다", "이에요", "예요"} {
			if strings.HasPrefix(rest, e) {
				return true
			}
		}
	}
	if j+1 >= len(ts) {
		return false
	}
	next := ts[j+1].text
	for _, w := range []string{"쪽", "측", "역할", "이라", "라서", "이고", "입니다", "이에요", "예요"} {
		if strings.HasPrefix(next, w) {
			return true
		}
	}
	return next == "에" && j+2 < len(ts) && strings.HasPrefix(ts[j+2].text, "해당")
}

func pointHas(p judgedPoint, key string) bool {
	return slices.ContainsFunc(p.terms, func(w weighted) bool { return w.t.key == key })
}
