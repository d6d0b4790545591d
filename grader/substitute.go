package grader

import (
	"fmt"
	"slices"
	"strings"

	"grader/token"
)

// Substituted names. An answer can restate a line of the notes word for word
// and put another name in it: "Express는 JEUS의 HTTP와 Connection 컴포넌트를
// 기반으로" against "Express는 nodejs의 …", "Logstash가 Producer 역할" against
// "Logstash - … 수집 (Consumer)". The answer clause is aligned with the
// notes clause it restates (most shared words, names aside), and a name the
// notes clause has is replaced by one it lacks that the notes use elsewhere:
// the answer gives this statement a name the notes give to something else.

// minRestate is how much of a notes clause's other words an answer clause
// must share (F1, at least two words) to be read as restating it. Chosen on
// the development set (testdata/devset) with polarity's 0.5 as the start:
// 0.5 caught the same swaps with no more false alarms than 0.6.
const minRestate = 0.5

// minRestatePrecision: most of the answer clause's own words must be the
// notes' ("크롤링한 댓글을 Kafka에 넣고 전처리한 뒤 … 시각화" shares two words
// with "CronJob을 통한 댓글 크롤링" and says five other things).
const minRestatePrecision = 0.6

// isName tells a term that names a thing: a Latin word (products, roles,
// protocols; the glossary folds Korean spellings onto them) or an entity of
// the notes' outline.
func isName(t term, pr *prepared) bool {
	if t.key == "" || strings.HasPrefix(t.key, "opt:") || t.kind == token.Number {
		return false
	}
	return pr.entities[t.key] != "" || t.kind == token.Latin && len(t.key) >= 2 && !isAntonymKey(t.key)
}

func substitutionConflicts(pr *prepared, ans *answerAnalysis) []conflict {
	units := restatable(pr)
	var out []conflict
	seen := map[int]bool{}
	for si, s := range ans.sents {
		// Names said so far in the sentence: a subject carries on into the
		// clauses after it ("kube-apiserver가 요청을 받아서 …로 전달합니다"),
		// while a name in a later clause does not make up for one this clause
		// lacks ("로그는 Kibana가 받아서 …, 시각화는 Logstash 대시보드로" swaps two).
		said := map[string]bool{}
		for _, ac := range s.clauses {
			for _, t := range ac.terms {
				if isName(t, pr) {
					said[t.key] = true
				}
			}
			if ac.conditional || denies(ac) {
				continue
			}
			u, ok := restated(ac, s.text, units, pr)
			if !ok {
				// The same names in other roles restate a line with fewer of
				// its other words: "Node.js가 Express의 … 컴포넌트를 기반으로".
				if u, ok := sameNames(ac, units, pr); ok {
					if a, b, ok := rolesSwapped(u, ac, s.text, pr); ok {
						if pi := closestPoint(pr, u.line); pi >= 0 && !seen[pi] {
							seen[pi] = true
							out = append(out, conflict{point: pi, sent: si, subject: pr.points[pi].subject, class: "roles",
								notes: []string{surfaceIn(u.line, a.text, pr.g), surfaceIn(u.line, b.text, pr.g)}, answer: []string{surfaceIn(s.text, b.text, pr.g)}, clause: u.line})
						}
					}
				}
				continue
			}
			pi := closestPoint(pr, u.line)
			if pi < 0 || seen[pi] {
				continue
			}
			var missing, extra []term
			notesNames := map[string]bool{}
			ak := analysis{terms: ac.terms}.keySet()
			for j, t := range u.terms {
				if isName(t, pr) {
					notesNames[t.key] = true
					if coordinatedWithSaid(u.terms, j, ak) {
						continue // "독립 테스트 및 배포 체계" said "독립 배포 체계": left out, not replaced
					}
					// the point's subject may go unsaid, unless the line
					// is a step its tool does ("Ansible로 Dockerhub Push"
					// said with Terraform)
					own := t.key == pr.points[pi].subject && !pr.points[pi].step
					if !said[t.key] && pr.qbag.match(t) < 0.8 && !own && written(u.line, t) {
						missing = appendTerm(missing, t)
					}
				}
			}
			for i, t := range ac.terms {
				if exampleAt(ac.terms, i) {
					continue // "kubelet 같은 적절한 컴포넌트": an example of the notes' word
				}
				if isName(t, pr) && !notesNames[t.key] && written(s.text, t) && pr.notes.match(t) >= 0.8 && pr.qbag.match(t) < 0.5 {
					extra = appendTerm(extra, t)
				}
			}
			if len(missing) == 0 || len(extra) == 0 || partOf(missing[0].key, extra[0].key) {
				if a, b, ok := rolesSwapped(u, ac, s.text, pr); ok {
					seen[pi] = true
					out = append(out, conflict{point: pi, sent: si, subject: pr.points[pi].subject, class: "roles",
						notes: []string{surfaceIn(u.line, a.text, pr.g), surfaceIn(u.line, b.text, pr.g)}, answer: []string{surfaceIn(s.text, b.text, pr.g)}, clause: u.line})
				}
				continue
			}
			seen[pi] = true
			out = append(out, conflict{point: pi, sent: si, subject: pr.points[pi].subject, class: "substitution",
				notes: []string{surfaceIn(u.line, missing[0].text, pr.g)}, answer: []string{surfaceIn(s.text, extra[0].text, pr.g)}, clause: u.line})
		}
	}
	return append(out, carriedSubjectConflicts(pr, ans, units, seen)...)
}

// carriedSubjectConflicts finds a line of the notes restated of another
// thing named a sentence before: "그건 kube-controller-manager가 하는
// 일입니다. 새로 생성된 파드를 감지해서 어떤 노드에 배치할지를 결정하는
// 역할이라…" says of the controller manager what the notes say of
// kube-scheduler, which the answer never names. The sentence has no subject
// of its own; Korean carries the last one said as the topic.
func carriedSubjectConflicts(pr *prepared, ans *answerAnalysis, units []unit, seen map[int]bool) []conflict {
	var out []conflict
	topic := ""    // the entity the answer last named as a subject or topic
	topicSent := 0 // the sentence that named it: what the answer got wrong
	keys := profileKeys(pr)
	// the point each stretch's line is closest to, read once for every
	// sentence ownSubjectConflict weighs (a line is in several units)
	pointOf := map[string]int{}
	for _, u := range units {
		if _, ok := pointOf[u.line]; !ok {
			pointOf[u.line] = closestPoint(pr, u.line)
		}
	}
	for si, s := range ans.sents {
		own := ""
		var words []term
		for _, ac := range s.clauses {
			if k, _, _ := clauseSubject(ac, pr, keys); k != "" {
				own = k
			}
			if !ac.conditional && !ac.negative {
				words = append(words, carriedWords(ac.terms, pr)...)
			}
		}
		if own != "" {
			topic, topicSent = own, si
			if c, ok := ownSubjectConflict(pr, s, si, own, words, units, pointOf, seen); ok {
				seen[c.point] = true
				out = append(out, c)
			}
			continue // else substitutionConflicts reads it
		}
		if topic == "" {
			continue
		}
		ab := newBag(analysis{terms: words})
		best, bestF := -1, 0.0
		for _, ac := range s.clauses {
			// a clause that restates a line word for word, as
			// substitutionConflicts aligns them
			if ac.conditional || ac.negative {
				continue
			}
			if u, ok := restated(ac, s.text, units, pr); ok {
				if pi := closestPoint(pr, u.line); pi >= 0 && !seen[pi] && pr.points[pi].subject != "" && pr.points[pi].subject != topic {
					best, bestF = pi, 1
					break
				}
			}
		}
		for pi, p := range pr.points {
			if best >= 0 && bestF == 1 {
				break
			}
			if seen[pi] || p.subject == "" || p.subject == topic {
				continue
			}
			pw := carriedWords(pr.analysisOf(p.kp.Text).terms, pr)
			shared := 0
			for _, t := range pw {
				if ab.match(t) >= 0.8 {
					shared++
				}
			}
			if shared < 3 || len(words) < 3 {
				continue
			}
			r, prec := float64(shared)/float64(len(pw)), float64(shared)/float64(len(words))
			if r < 0.5 || prec < 0.4 {
				continue // the sentence says much else, or little of the line
			}
			if f := 2 * r * prec / (r + prec); f > bestF {
				best, bestF = pi, f
			}
		}
		if best < 0 {
			continue
		}
		subj := pr.points[best].subject
		a, b := pr.profiles[subj], pr.profiles[topic]
		if a == nil || b == nil || !comparable(a, b) {
			continue
		}
		if explains(b, words) >= explains(a, words) {
			// the sentence says what the notes say of the thing it goes on
			// about ("kube-scheduler가 정합니다. 새로 생성된 파드를 감지해서
			// 어떤 노드에 배치할지 결정하는 역할입니다" shares 파드, 노드,
			// 생성 with kubelet's line, and more with the scheduler's own)
			continue
		}
		if ans.all.has(subj) || pr.qbag.has(topic) {
			// the answer names the notes' subject itself, or the question
			// asks of the other thing (a sentence on it may be an aside)
			continue
		}
		seen[best] = true
		// the sentence to quote back is the one that named the other thing
		// ("그건 kube-controller-manager가 하는 일입니다"): the next one says
		// what the notes say
		out = append(out, conflict{point: best, sent: topicSent, subject: subj, class: "substitution",
			notes: []string{pr.entities[subj]}, answer: []string{pr.entities[topic]}, clause: pr.points[best].kp.Text})
	}
	return out
}

// ownSubjectConflict finds a sentence that names one thing and goes on to
// restate, clause for clause, a line the notes give another under its own
// heading: "kube-scheduler는 관리자 역할이라, 다운된 노드는 없는지, 파드가
// 의도한 복제 수를 유지하는지 확인하고" says of the scheduler what the notes
// say under kube-controller-manager. substitutionConflicts misses it, since
// the line does not write the name it is said of.
func ownSubjectConflict(pr *prepared, s answerSent, si int, own string, words []term, units []unit, pointOf map[string]int, seen map[int]bool) (conflict, bool) {
	// the line most of its clauses restate ("관리자 역할이라" alone shares
	// two words with kubelet's "관리하는 역할")
	votes := map[int]int{}
	claims := map[int][]term{}
	best := -1
	var ownUnits []unit
	for _, u := range units {
		if pi := pointOf[u.line]; pi >= 0 && pr.points[pi].subject == own {
			ownUnits = append(ownUnits, u)
		}
	}
	if len(ownUnits) == 0 {
		return conflict{}, false // what the notes say of the answer's thing is not in view
	}
	for _, ac := range s.clauses {
		if ac.conditional || ac.negative {
			continue
		}
		if _, ok := restatedAs(ac, s.text, ownUnits, pr, true); ok {
			// it restates a line of its own thing as well ("Allow 규칙만
			// 있고, 나머지는 전부 Deny" is Security Group's as much as
			// ACL's "규칙을 추가하기 전에는 모든 트래픽 거부")
			return conflict{}, false
		}
		u, ok := restatedAs(ac, s.text, units, pr, true)
		if !ok {
			continue
		}
		pi := pointOf[u.line]
		if pi < 0 || seen[pi] {
			continue
		}
		subj := pr.points[pi].subject
		if subj == "" || subj == own || strings.Contains(strings.ToLower(u.line), strings.ToLower(pr.entities[subj])) {
			continue // the line names its thing: substitutionConflicts reads it
		}
		if slices.ContainsFunc(u.terms, func(t term) bool { return t.key == own }) {
			continue // the line names the answer's thing too ("파이썬, Shell 등 프로그래밍 경험자")
		}
		votes[pi]++
		if claims[pi] == nil {
			claims[pi] = ac.terms
		}
		if best < 0 || votes[pi] > votes[best] {
			best = pi
		}
	}
	if best < 0 {
		return conflict{}, false
	}
	subj := pr.points[best].subject
	a, b := pr.profiles[subj], pr.profiles[own]
	if a == nil || b == nil || !comparable(a, b) || explains(b, words) >= explains(a, words) {
		return conflict{}, false
	}
	if newBag(analyze(s.text, pr.g)).has(subj) {
		return conflict{}, false // the sentence names the notes' thing as well
	}
	// attrs: the clause that says it, for the follow-up to quote
	return conflict{point: best, sent: si, subject: subj, class: "substitution",
		notes: []string{pr.entities[subj]}, answer: []string{nameAsSaid(s.text, own, pr)}, clause: pr.points[best].kp.Text, attrs: claims[best]}, true
}

// nameAsSaid is an entity's name as a sentence writes it, without its
// particle ("apiserver" of "apiserver가", where the notes misspell
// kube-apiverver), else the notes' name.
func nameAsSaid(sentence, key string, pr *prepared) string {
	for _, f := range strings.Fields(sentence) {
		f = strings.TrimRight(f, ",.")
		if k, _, _ := clauseSubject(clause{terms: analyze(f, pr.g).terms}, pr, []string{key}); k != key {
			continue
		}
		if strings.IndexFunc(f, token.IsHangul) > 0 {
			return strings.TrimRightFunc(f, token.IsHangul) // "EBS는", "kube-scheduler가"
		}
		return token.StripParticles(f)
	}
	return pr.entities[key]
}

// explains counts the words of a stretch that a thing's profile holds.
func explains(p *profile, words []term) int {
	n := 0
	for _, t := range words {
		if p.bag.match(t) >= 0.8 {
			n++
		}
	}
	return n
}

// carriedWords are the content words of a stretch other than the names of
// the notes' entities and numbers: what is said of a thing, not which.
func carriedWords(ts []term, pr *prepared) []term {
	var out []term
	for _, t := range ts {
		if t.key == "" || t.kind == token.Number || pr.nameKeys[t.key] {
			continue
		}
		if _, ok := pr.entities[t.key]; ok {
			continue
		}
		out = append(out, t)
	}
	return out
}

// unit is a stretch of the notes an answer clause may restate: one clause of
// a line, or two in a row (a line's clauses, or the end of one line and the
// start of the next: "…이벤트 로그를 받아" / "Elasticsearch 데이터 노드에 전송").
type unit struct {
	terms []term
	line  string
}

func restatable(pr *prepared) []unit {
	var out []unit
	var prev *unit
	for _, l := range pr.lines {
		for _, c := range clausesOf(pr.analysisOf(l)) {
			u := unit{terms: c.terms, line: l}
			out = append(out, u)
			if prev != nil {
				line := prev.line
				if line != l {
					line += " " + l
				}
				out = append(out, unit{terms: append(slices.Clone(prev.terms), c.terms...), line: line})
			}
			prev = &unit{terms: c.terms, line: l}
		}
	}
	return out
}

// restated finds the stretch of the notes an answer clause restates: the
// best F1 of shared words other than names, at least minRestate and two words.
func restated(ac clause, text string, units []unit, pr *prepared) (unit, bool) {
	return restatedAs(ac, text, units, pr, false)
}

// restatedAs is restated, with the Korean words the glossary folds onto
// English ones read as words when keepFolded (folded).
func restatedAs(ac clause, text string, units []unit, pr *prepared, keepFolded bool) (unit, bool) {
	words := func(ts []term, text string) []term {
		var out []term
		for _, t := range ts {
			if t.key != "" && (!isName(t, pr) || keepFolded && folded(t, text, pr)) && t.kind != token.Number {
				out = append(out, t)
			}
		}
		return out
	}
	aw := words(ac.terms, text)
	if len(aw) < 2 {
		if keepFolded {
			return unit{}, false // what is said of a thing, word for word
		}
		return namesRestated(ac, text, units, pr)
	}
	ab := newBag(analysis{terms: aw})
	bestF, best := 0.0, -1
	for i, u := range units {
		pw := words(u.terms, u.line)
		if len(pw) < 2 {
			continue
		}
		shared, recall := 0, 0.0
		for _, t := range pw {
			m := ab.match(t)
			recall += m
			if m >= 0.8 {
				shared++
			}
		}
		if shared < 2 || keepFolded && shared < 3 {
			continue // with the folded words, two in common is chance ("Allow 규칙만")
		}
		pb := newBag(analysis{terms: pw})
		precision := 0.0
		for _, t := range aw {
			precision += pb.match(t)
		}
		r, p := recall/float64(len(pw)), precision/float64(len(aw))
		if p < minRestatePrecision {
			continue // the answer clause says much else: it does not restate this
		}
		if f := 2 * r * p / (r + p + 1e-9); f > bestF+1e-9 {
			bestF, best = f, i
		}
	}
	if best < 0 || bestF < minRestate {
		if keepFolded {
			return unit{}, false
		}
		return namesRestated(ac, text, units, pr)
	}
	return units[best], true
}

// namesRestated finds a line made of names alone that the answer clause
// restates with one name replaced ("Ansible로 Dockerhub Push" against
// "Terraform으로 Dockerhub에 push한 다음"): at least three names, all but one
// said, and the clause no longer than the line by more than its particles'
// worth (two other words), so that it says this and not much else. The line
// must be one clause: a comma-split piece of a list restates nothing.
func namesRestated(ac clause, text string, units []unit, pr *prepared) (unit, bool) {
	said := map[string]bool{}
	names, others := 0, 0
	for _, t := range ac.terms {
		switch {
		case t.key == "" || t.kind == token.Number:
		case isName(t, pr) && written(text, t):
			if !said[t.key] {
				names++
			}
			said[t.key] = true
		default:
			others++
		}
	}
	if names < 3 || others > 2 {
		return unit{}, false
	}
	for _, u := range units {
		keys := map[string]bool{}
		allNames := true
		for _, t := range u.terms {
			if t.key == "" || t.kind == token.Number {
				continue
			}
			if !isName(t, pr) || !written(u.line, t) {
				allNames = false
				break
			}
			keys[t.key] = true
		}
		if !allNames || len(keys) < 3 || len(keys) != names || len(clausesOf(pr.analysisOf(u.line))) != 1 {
			continue // a whole line of names, not a piece of a list ("Private - EC2(AMI), EBS, RDS")
		}
		missing := 0
		for k := range keys {
			if !said[k] {
				missing++
			}
		}
		if missing == 1 {
			return u, true
		}
	}
	return unit{}, false
}

// folded tells a Korean common word the glossary folds onto an English one
// (의도 → desired, 복제 → replication): a word of what is said, not a name,
// unless the outline names a thing by it.
func folded(t term, text string, pr *prepared) bool {
	return t.kind == token.Latin && pr.entities[t.key] == "" && !written(text, t)
}

// written tells whether a name is written as such in the text (JEUS,
// Logstash), not a Korean word the glossary folded onto an English one
// (배포 → deploy): a product or role is named, a common noun is not.
func written(text string, t term) bool {
	return t.kind != token.Latin || strings.Contains(strings.ToLower(text), t.text)
}

// coordinatedWithSaid tells a name joined by 및 (or 와, 과, 나) to a word
// the answer says: "독립 테스트 및 배포 체계" answered "독립 배포 체계" drops
// one of two things, it does not put another name in its place.
func coordinatedWithSaid(ts []term, j int, said map[string]bool) bool {
	k := j + 1
	switch p := particleAfter(ts, j); {
	case k < len(ts) && ts[k].text == "및":
		k++
	case p == "와" || p == "과" || p == "나" || p == "이나":
		if k < len(ts) && ts[k].key == "" && ts[k].text == p {
			k++ // the particle written apart from a Latin word
		}
	default:
		return false
	}
	return k < len(ts) && said[ts[k].key]
}

// partOf tells two names one of which contains the other ("js" of
// "nodejs", "kube" of "kubelet"): a short form, not another thing.
func partOf(a, b string) bool {
	return strings.Contains(a, b) || strings.Contains(b, a)
}

// exampleAt tells a name given as an example: followed by 같은, 등, 처럼.
func exampleAt(ts []term, i int) bool {
	for j := i + 1; j < len(ts) && j <= i+2; j++ {
		if ts[j].text == "같이" && particleAfter(ts, i) != "" {
			return false // "S3에 같이 저장": together, not "like S3"
		}
		switch ts[j].text {
		case "같은", "같이", "등", "등의", "등을", "등이", "처럼", "such", "like", "e.g":
			return true
		}
		if ts[j].key != "" {
			return false
		}
	}
	return false
}

func appendTerm(ts []term, t term) []term {
	for _, x := range ts {
		if x.key == t.key {
			return ts
		}
	}
	return append(ts, t)
}

// surfaceIn spells a folded word as the text does: its case (JEUS, not
// jeus; originalCase), or the glossary's other spelling the text uses
// ("브로커" for broker).
func surfaceIn(text, word string, g *token.Glossary) string {
	if s := originalCase(word, text); s != word || strings.Contains(strings.ToLower(text), word) || g == nil {
		return s
	}
	lower := strings.ToLower(text)
	for _, a := range g.Aliases(word) {
		if i := strings.Index(lower, a); i >= 0 && i+len(a) <= len(text) {
			return text[i : i+len(a)]
		}
	}
	return word
}

// sameNames finds the stretch of the notes that names at least two of the
// clause's names and shares two other words with it.
func sameNames(ac clause, units []unit, pr *prepared) (unit, bool) {
	names, words := map[string]bool{}, newBag(analysis{})
	for _, t := range ac.terms {
		switch {
		case isName(t, pr):
			names[t.key] = true
		case t.key != "" && t.kind != token.Number:
			words.add(analysis{terms: []term{t}})
		}
	}
	if len(names) < 2 {
		return unit{}, false
	}
	best, bestN := -1, 0
	for i, u := range units {
		shared, other := map[string]bool{}, map[string]bool{}
		for _, t := range u.terms {
			switch {
			case names[t.key]:
				shared[t.key] = true
			case t.key != "" && !isName(t, pr) && words.match(t) >= 0.8:
				other[t.key] = true
			}
		}
		if (len(shared) >= 2 && len(other) >= 2 || len(shared) >= 3 && len(other) >= 1) && len(shared)+len(other) > bestN {
			best, bestN = i, len(shared)+len(other)
		}
	}
	if best < 0 {
		return unit{}, false
	}
	return units[best], true
}

// Swapped roles. The same names in the same statement with their roles
// exchanged: "Express는 nodejs의 … 컴포넌트를 기반으로" against "Node.js가
// Express의 … 컴포넌트를 기반으로", "브로커의 메타 정보를 … 주키퍼" against
// "브로커들이 ZooKeeper의 메타 정보를". A name's role is read from its
// particle: subject (은/는/이/가, or the "X :" a line opens with) or not.

type role int

const (
	roleOther role = iota
	roleSubject
)

func rolesIn(ts []term, pr *prepared, text string, line bool) map[string]role {
	out := map[string]role{}
	for i, t := range ts {
		if !isName(t, pr) || !written(text, t) && !pr.defined[t.key] {
			continue // a name as written (Logstash, nodejs) or one the notes define (브로커 :), not 서버 folded onto "server"
		}
		r := roleOther
		if subjectParticle(ts, i) || (i+1 < len(ts) && strings.TrimSpace(ts[i+1].gap) == ":") {
			r = roleSubject
		}
		if _, seen := out[t.key]; !seen || r == roleSubject {
			out[t.key] = r
		}
	}
	// A line "Consumer : Broker의 …" is about its label.
	if m := reSubjectOf.FindStringSubmatch(text); line && m != nil {
		for _, t := range analyze(m[1], pr.g).terms {
			if _, ok := out[t.key]; ok {
				out[t.key] = roleSubject
			}
		}
	}
	return out
}

// rolesSwapped finds two names of the notes' statement whose roles the
// answer's clause exchanges: the notes' subject is not the answer's, and the
// answer's subject is another name of the notes' statement.
func rolesSwapped(u unit, ac clause, sent string, pr *prepared) (term, term, bool) {
	nr := rolesIn(u.terms, pr, u.line, true)
	ar := rolesIn(ac.terms, pr, sent, false)
	var a, b term
	for _, t := range u.terms {
		if nr[t.key] == roleSubject && a.key == "" {
			a = t
		}
	}
	for _, t := range ac.terms {
		if ar[t.key] == roleSubject && b.key == "" {
			b = t
		}
	}
	if a.key == "" || b.key == "" || a.key == b.key || partOf(a.key, b.key) {
		return term{}, term{}, false
	}
	bIn, aIn := nr[b.key], ar[a.key]
	_, bKnown := nr[b.key]
	_, aKnown := ar[a.key]
	if !bKnown || !aKnown || bIn == roleSubject || aIn == roleSubject {
		return term{}, term{}, false
	}
	return a, b, true
}

func substitutionReason(c conflict, n namer, lang string) string {
	q := n.phrase(c.clause, lang)
	if c.class == "roles" {
		if lang == "ko" {
			return fmt.Sprintf("노트에는 \"%s\"%s 되어 있는데, 답변은 %s%s 주어로 %s%s 역할을 뒤바꿨습니다", q, josa(q, "이라고", "라고"), c.notes[1], josa(c.notes[1], "을", "를"), c.notes[0], josa(c.notes[0], "과", "와"))
		}
		return fmt.Sprintf("the notes say \"%s\"; the answer swaps the roles of %s and %s", q, c.notes[0], c.notes[1])
	}
	if lang == "ko" {
		return fmt.Sprintf("노트에는 \"%s\"%s 되어 있는데, 답변은 %s 대신 %s%s 했습니다", q, josa(q, "이라고", "라고"), c.notes[0], c.answer[0], josa(c.answer[0], "이라고", "라고"))
	}
	return fmt.Sprintf("the notes say \"%s\"; the answer puts %s where the notes have %s", q, c.answer[0], c.notes[0])
}
