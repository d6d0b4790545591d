package grader

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"grader/notes"
	"grader/token"
)

const (
	maxFollowups     = 3
	maxModelSentence = 5
)

// OfflineFollowups returns one to three questions an interviewer would ask
// next, grounded in the graded section, in lang ("ko" or "en"): a wrong fact
// asked back, a missed point asked as a question, then one level deeper or
// sideways (a part of the topic, a comparable sibling, its drawbacks).
// g.Points must parallel r.Points.
//
// Without the answer's text the follow-ups cannot quote it (to go into it,
// to ask for its grounds), find the part of the question it left out, nor
// name the words the judge found wrong beyond the points' evidence; the
// offline judge gives all of these (followups).
func OfflineFollowups(r Rubric, g Grade, lang string) []string {
	return followups(r, g, answerSaid{}, lang, nil)
}

// answerSaid is what the follow-ups know of the answer beyond its grade:
// its text, and each contradicted point's conflict (what the judge found
// said the other way: a number, a swapped subject, a negation), by point.
type answerSaid struct {
	text      string
	conflicts map[int]conflict
}

// followups is OfflineFollowups with the judge's glossary for naming terms.
//
// Every question is built from whole names (an outline label, a heading, a
// term the notes write as a name or the glossary knows) in a frame that
// reads as Korean whatever the name: the particles come from josa, and the
// frames never join two nouns picked from a sentence.
func followups(r Rubric, g Grade, said answerSaid, lang string, gl *token.Glossary) []string {
	q := newBag(analyze(r.Question, gl))
	fb := followupBuilder{lang: lang, gl: gl, q: q, seen: map[string]bool{}, quoted: map[string]bool{}, wrong: map[string]bool{}, topic: asAsked(questionTopic(r, q, gl), r.Question), question: r.Question, answer: said.text}
	fb.said = newBag(analyze(said.text, gl))
	unanswered := fb.unansweredPart(r, g)
	// A wrong fact first: the interviewer asks it back and stays on it; what
	// else is asked must not carry on as if the answer were right, so only
	// a second wrong fact, the part of the question still unanswered, or a
	// claim the notes do not back follows.
	fb.askBackWrong(r, g, said)
	if fb.stayOn {
		// An answer of several sentences that stated a falsehood has tried
		// every part, wrongly where the judge did not see it: "아직 답하지
		// 않으셨는데" re-asks what it answered, and the grounds of another
		// claim pass over the error (0 of 11 and 6 of 20 natural over the
		// review rounds).
		if len(splitSentences(fb.answer)) < 2 {
			fb.askUnanswered(unanswered)
		}
		return fb.result()
	}
	// What was asked comes before anything new: a name the question asks
	// about that the answer never said, the part of the question left out,
	// a claim the notes do not back.
	fb.askUnanswered(unanswered)
	fb.askOtherSide(r, g)
	part := newBag(analyze(unanswered, gl))
	fb.theme = themeOf(r, &fb)
	for _, i := range gapOrder(r, g) {
		if refersBack(unanswered) {
			break // "나머지 둘은 어떤 경우에…" asks for those things already
		}
		if subj := fb.pointSubject(r.Points[i]); subj != "" && fb.q.hasAll(analyze(subj, gl)) && !part.hasAll(analyze(subj, gl)) && fb.askable(r, g, i) {
			fb.askPoint(r.Points[i])
		}
	}
	if creditShare(g) < 0.5 {
		// the grounds of a claim the notes do not back, after an answer
		// that reached little of them; after one that reached most, the
		// claim is a conclusion drawn from them or a reason given with it,
		// and asking its grounds re-asks the answer (4 of 21 natural after
		// strong answers in round 20). A claim said against something
		// (probeContrast) is asked either way.
		fb.probeClaim(g.Unsupported)
	}
	fb.probeContrast(r)
	if unanswered == "" {
		// the question answered: the rest of the section, a point beside
		// one the answer reached (kube-scheduler beside
		// kube-controller-manager; another section would change the
		// subject), then one level deeper or sideways
		for _, i := range gapOrder(r, g) {
			if besideReached(r, g, i) && fb.askable(r, g, i) {
				fb.askPoint(r.Points[i])
			}
		}
		fb.askOthers(r, g)
		fb.askAlternative(r)
		fb.addDeeper(r, g)
	}
	if len(fb.out) == 0 || len(fb.out) < 2 && len(splitSentences(fb.answer)) < 2 && !fb.seen["part-asked|"] {
		// "그 부분을 조금 더 구체적으로" on one sentence of an answer of
		// several, after another question, lands on a side remark or on a
		// wrong claim the judge missed: 4 of 22 natural over rounds 12's
		// readings (devset, fresh11, fresh12), against 70 of 82 when it
		// quotes a one-sentence answer whole. Beside a part of the question
		// left unanswered it goes into what was said instead: 26 of 118
		// natural over the readings of fresh12 to fresh16
		fb.elaborate(r)
	}
	if unanswered == "" && coveredShare(g) >= 0.5 && aboutProject(r) && askedOfExperience(r.Question) && namesProject(r.Question+" "+fb.answer) {
		// of a project described well: what the candidate did (after a thin
		// or wrong one the reader found this a template that moves on).
		// "그 프로젝트" needs a project said: after "이력서에 … 적으셨는데"
		// it has none (broken 10 times in 30 over the review rounds)
		fb.addProject()
	}
	if unanswered == "" && creditShare(g) >= 0.5 {
		// once the question is answered well: a facet of its topic the
		// answer left out, then the thing beside it. After a thin answer
		// the reader took both for a jump past what it left out (77 of 200
		// natural in round 20's first reading), and after a wrong one for
		// carrying on as if it were right.
		fb.deeper(r, g)
		fb.sideways(r)
		fb.askProjectUse(r, g)
	}
	return fb.result()
}

func (fb *followupBuilder) result() []string {
	if len(fb.out) > maxFollowups {
		fb.out = fb.out[:maxFollowups]
	}
	if fb.out == nil {
		return []string{}
	}
	return fb.out
}

// besideReached tells a point from the same section as a point the answer
// reached (covered or partly).
func besideReached(r Rubric, g Grade, i int) bool {
	for j, p := range r.Points {
		if s := statusOf(g, j); j != i && (s == Covered || s == Partial) && slices.Equal(p.Passage.HeadingPath, r.Points[i].Passage.HeadingPath) && p.Passage.Note == r.Points[i].Passage.Note {
			return true
		}
	}
	return false
}

// creditShare is the share of a grade's points reached, a point reached
// in part counting half ("트래픽이 전부 거부되니까" against the notes'
// "모든 프래픽 거부").
func creditShare(g Grade) float64 {
	if len(g.Points) == 0 {
		return 0
	}
	c := 0.0
	for _, p := range g.Points {
		switch p.Status {
		case Covered:
			c++
		case Partial:
			c += 0.5
		}
	}
	return c / float64(len(g.Points))
}

// coveredShare is the share of a grade's points covered.
func coveredShare(g Grade) float64 {
	if len(g.Points) == 0 {
		return 0
	}
	n := 0
	for _, p := range g.Points {
		if p.Status == Covered {
			n++
		}
	}
	return float64(n) / float64(len(g.Points))
}

func statusOf(g Grade, i int) Status {
	if i < len(g.Points) {
		return g.Points[i].Status
	}
	return Missed
}

// gapOrder lists the points worth asking about: incorrect, then missed, then
// partial, each heaviest first.
func gapOrder(r Rubric, g Grade) []int {
	rank := map[Status]int{Incorrect: 0, Missed: 1, Partial: 2}
	var idx []int
	for i := range r.Points {
		if _, ok := rank[statusOf(g, i)]; ok {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ra, rb := rank[statusOf(g, idx[a])], rank[statusOf(g, idx[b])]
		if ra != rb {
			return ra < rb
		}
		return r.Points[idx[a]].Weight > r.Points[idx[b]].Weight
	})
	return idx
}

type followupBuilder struct {
	lang     string
	gl       *token.Glossary
	q        bag
	seen     map[string]bool // topics already asked about
	topic    string          // what the graded section is about ("NAT 게이트웨이"), or ""
	question string          // as asked: the names it spells right
	theme    string          // the subject of most points (themeOf)
	answer   string          // the candidate's answer, or "" when not known
	said     bag             // the answer's words
	// stayOn: the answer stated a falsehood; the follow-ups stay on it
	stayOn bool
	quoted map[string]bool // the answer's sentences already quoted
	wrong  map[string]bool // the answer's sentences the judge found wrong
	out    []string
}

func (fb *followupBuilder) add(topic, question string) {
	if question == "" || fb.seen[topic] || len(fb.out) >= maxFollowups {
		return
	}
	for _, q := range fb.out {
		if q == question {
			return
		}
	}
	fb.seen[topic] = true
	fb.out = append(fb.out, question)
}

func (fb *followupBuilder) ko() bool { return fb.lang == "ko" }

// askBack asks a contradicted point back, the notes' statement beside the
// candidate's own words. Set side by side, the two quotes must show the
// contradiction: the answer's clause that says the wrong fact (its number,
// the subject it swapped in, its negation; c, when known, is what the judge
// found), and the part of the notes' line that says it otherwise, with the
// line's label as its subject when the answer gave the statement to another
// subject ("Producer가 Broker의 Topic에 메시지를 게시" against "Consumer가 …
// 게시하고"). A pair that shows no difference is not asked.
func (fb *followupBuilder) askBack(r Rubric, p Point, c conflict, known bool) (askBackCand, bool) {
	line := p.Text
	if _, q, ok := strings.Cut(p.Reason, "\""); ok {
		// the judge's reason quotes the line it read (a line under the point,
		// an arrow chain), shortened: quote it whole from the notes
		if q, _, ok := strings.Cut(q, "\""); ok && strings.TrimSuffix(q, "…") != "" {
			line = fullLine(r, strings.TrimSuffix(q, "…"))
		}
	}
	if _, own := splitLabel(line); known && c.class == "binding" && len(c.notes) > 0 {
		// the answer gave another thing's attribute to this one, and this
		// one's line says less of what the sentence speaks of than that
		// thing's line saying the attribute: that line is the one to set
		// beside it ("EFS: 여러 AZ를 거쳐 복제되어 높은 가용성", not "EBS: EC2에
		// … 붙어있는 볼륨"; kube-scheduler's "새로 생성된 파드를 감지하여 어떤
		// 노드로 배치할지", not the end of kube-controller-manager's line
		// that shares 생성 with it, read as broken in round 29)
		if l := fb.attributeLine(r, c.notes[0], c.attrs, p.Evidence); l != "" {
			ev := newBag(analyze(p.Evidence, fb.gl))
			mine := shared(analyze(own, fb.gl), ev)
			if _, theirs := splitLabel(l); mine == 0 || !fb.graded(r, c.notes[0]) || shared(analyze(theirs, fb.gl), ev) > mine {
				line = l
			}
		}
	}
	label, body := splitLabel(line)
	notes := fb.surfaceClauses(body)
	said, at := fb.claimClause(p.Evidence, body, notes, c, known)
	if subjects := pointSubjects(r, fb.gl); known && said != "" && namedElsewhere(c, subjects) {
		// the clause carries its thing from the sentence before ("…는
		// kube-controller-manager가 결정합니다. 새로 생성된 파드를 감지해서
		// …") or from an earlier clause ("ALB는 L4 … 로드밸런서라 TCP, UDP
		// 요청을 …"): the quote without it shows no swap or reads as true
		// of another thing (fresh34, round 31's reading); led by the name
		// as it was said. A clause that names a thing of its own ("메시지를
		// 중계하는 건 주키퍼고") is not said of the one before.
		if sa := analyze(said, fb.gl); !sa.keySet()[c.subject] && !subjects.hasAny(sa) {
			if name := fb.carriedName(p.Evidence, said, c.subject, subjects); name != "" {
				said = name + " … " + said
			}
		}
	}
	if said == "" {
		return askBackCand{}, false
	}
	fb.quoted[strings.TrimSpace(p.Evidence)] = true
	keep := label != "" && (known && (c.class == "binding" || c.class == "substitution") || fb.namesOther(said, label, r))
	note := token.AdnominalSlip(spelledAsSaid(noteWindow(body, notes, at, maxQuoteRunes), fb.question+" "+fb.answer, func() string { return rubricText(r) }))
	// the notes' own misspelling of a name the line or the candidate
	// spells right ("kube-apiverver" over "kubectl 명령들이 kube-apiserver로
	// …") is not quoted back
	label = asAsked(label, fb.question+" "+fb.answer+" "+body)
	of := ""
	if keep && ownSubject(note) {
		// "kube-apiserver가 kubectl 명령들이 …" garbles a line with a
		// subject of its own (a reader, fresh21): said of the label instead
		keep, of = false, label
	}
	if keep {
		note = label + josa(label, "이", "가") + " " + note
	}
	said = quote(said, maxQuoteRunes)
	if analyze(said, fb.gl).contentCount() < 2 {
		// a clause cut to a word ("나면") shows nothing: quote the sentence
		said = quote(p.Evidence, 90)
	}
	// the line says what it says of its label, shown or not
	about := note
	if !keep {
		about = label + " " + note
	}
	if fb.agrees(said, about) {
		// the clause picked says what the notes say: the wrong claim is
		// elsewhere in the sentence, so quote the sentence
		said = quote(p.Evidence, 90)
		if fb.agrees(said, about) {
			return askBackCand{}, false // nothing to set against the notes: ask something else
		}
	}
	if known && c.class == "count" && hasNumber(said, fb.gl) && !hasNumber(note, fb.gl) && !hasNumber(label, fb.gl) {
		// a count said against one line of a list ("여섯 단계로 나눕니다"
		// against "운영 - 운영중인 소프트웨어 관리") shows nothing: the
		// notes' side is the list itself, counted, when the judge read it
		if len(c.notes) < 2 || !isNumber(c.notes[0]) {
			return askBackCand{}, false
		}
		note, of = strings.Join(c.notes[1:], ", "), ""
	}
	cand := askBackCand{key: "back|" + p.Text, said: said, note: note, evidence: strings.TrimSpace(p.Evidence), overlap: shared(analyze(said, fb.gl), newBag(analyze(note, fb.gl)))}
	if k := slices.IndexFunc(r.Points, func(kp KeyPoint) bool { return kp.Text == line }); k >= 0 {
		cand.follows = followsOn(r.Points[k])
		if label == "" && known && (c.class == "binding" || c.restatesLine()) {
			// a swapped attribute quoted from a line that names no one (a
			// line under the heading "CD …": "배포 자동화 과정") is said of
			// its heading's thing: without it the quote reads as agreeing
			of = fb.pointSubject(r.Points[k])
			if strings.Contains(strings.ToLower(note), strings.ToLower(of)) {
				of = "" // "ALB는 특정 path로 들어오는 경우에는 …" names it
			}
		}
	}
	if known && c.class == "binding" && len(c.notes) > 0 {
		pair := []string{c.subject, c.notes[0]}
		slices.Sort(pair)
		cand.pair = strings.Join(pair, "|")
	}
	if fb.ko() {
		notesSay := "노트에는 "
		if of != "" {
			notesSay += of + "에 대해 "
		}
		cand.text = fmt.Sprintf("%s%s\"%s\"%s 되어 있습니다. 어느 쪽이 맞는지 이유와 함께 다시 설명해 주시겠어요?",
			youSaid(said), notesSay, note, josa(note, "이라고", "라고"))
	} else {
		notesSay := "the notes say"
		if of != "" {
			notesSay += " of " + of + ":"
		}
		cand.text = fmt.Sprintf("You said \"%s\", but %s \"%s\". Which is right, and why?", said, notesSay, note)
	}
	return cand, true
}

// namedElsewhere tells a conflict whose quote must name the thing it is
// said of: a swap, or a value (a layer, a protocol) where the points are
// filed under several things (subjects) and another could hold it.
func namedElsewhere(c conflict, subjects bag) bool {
	if c.subject == "" {
		return false
	}
	return c.class == "binding" || len(subjects.keys) > 0 && !c.polarity && c.class != "example" && c.class != "order" && !c.restatesLine()
}

// carriedName is the word that says the thing with key, as the answer
// wrote it and with its particle ("kube-controller-manager가"), that the
// quoted clause said of sentence is said of: in an earlier clause of the
// sentence ("ALB는 L4 특성을 가진 로드밸런서라 TCP, UDP 요청을 …"), else in
// the sentence before, unless that one opened on another of the things the
// points are filed under (subjects) or on the question's topic ("스크럼은 …,
// 관리 쪽은 XP가 맡는다고" leaves its next sentence about 스크럼). "" if none.
func (fb *followupBuilder) carriedName(sentence, said, key string, subjects bag) string {
	sentence = strings.TrimSpace(sentence)
	at := strings.Index(fb.answer, sentence)
	if at < 0 {
		return ""
	}
	named := func(text string) string {
		name := ""
		for _, w := range strings.Fields(text) {
			w = strings.TrimRight(w, ".,!?")
			if hasLatinLetter(w) && analyze(w, fb.gl).keySet()[key] {
				name = w
			}
		}
		return name
	}
	if j := strings.Index(sentence, said); j > 0 {
		if name := named(sentence[:j]); name != "" {
			return name
		}
	}
	ss := splitSentences(fb.answer[:at])
	if len(ss) == 0 {
		return ""
	}
	prev := ss[len(ss)-1]
	for _, w := range strings.Fields(prev) {
		if strings.HasSuffix(w, "은") || strings.HasSuffix(w, "는") {
			topic := newBag(analyze(fb.topic, fb.gl))
			if slices.ContainsFunc(analyze(w, fb.gl).terms, func(t term) bool {
				return t.key != "" && t.key != key && (subjects.match(t) >= 0.8 || topic.match(t) >= 0.8)
			}) {
				return "" // the sentence before is about another thing
			}
			break
		}
	}
	return named(prev)
}

// spelledAsSaid corrects a slip of a vowel the notes make in a word the
// candidate or the question spells right ("기존 가성머신의 경우" quoted to
// someone who said 가상머신): a quote that repeats the notes' typo reads
// as the interviewer's. A form the notes write more than once (프로세스
// beside an answer's 프로세서) is a word of theirs, not a slip.
//
// notesText is read only once a slip is found: most quotes have none.
func spelledAsSaid(note, said string, notesText func() string) string {
	text := ""
	for _, w := range strings.Fields(note) {
		if strings.Contains(said, w) {
			continue
		}
		for _, a := range strings.Fields(said) {
			rw, ra := []rune(w), []rune(a)
			for k := min(len(rw), len(ra)); k >= 4; k-- {
				slip := string(rw[:k])
				if !token.VowelSlip(slip, string(ra[:k])) || strings.Contains(said, slip) {
					continue
				}
				if text == "" {
					text = notesText()
				}
				if strings.Count(text, slip) < 2 {
					note = strings.Replace(note, w, string(ra[:k])+string(rw[k:]), 1)
					break
				}
			}
		}
	}
	return note
}

// rubricText is every line of the passages a rubric was built from or
// checked against, each once.
func rubricText(r Rubric) string {
	// each line once: a section's chunk and its parent's both hold it
	var b strings.Builder
	seen := map[string]bool{}
	for _, p := range slices.Concat(r.Passages, r.Context, r.Backing) {
		for _, line := range strings.Split(p.Text, "\n") {
			if line = strings.TrimSpace(line); !seen[line] {
				seen[line] = true
				b.WriteString(line)
				b.WriteString("\n")
			}
		}
	}
	return b.String()
}

// isNumber tells a value written in digits ("7").
func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// ownSubject tells a quoted line that names its own subject in its first
// words ("kubectl 명령들이 kube-apiserver로 전송 후 …").
//
// Only after bare words: "노드에서 컨테이너가 동작하도록", "다운된 노드가
// 없는지" say what the label's thing does, their subjects a clause's own.
func ownSubject(line string) bool {
	fs := strings.Fields(line)
	for i, w := range fs[:min(2, len(fs))] {
		if p := token.Particle(w); (p == "이" || p == "가" || p == "들이") && utf8.RuneCountInString(w) > 2 {
			return true
		}
		if i == 0 && (token.Particle(w) != "" || adnominalVerb(w)) {
			return false
		}
	}
	return false
}

// attributeLine is the point of the entity keyed entity that holds the
// most of attrs (the words the judge found to be that entity's), then
// shares the most words with the sentence; or "".
func (fb *followupBuilder) attributeLine(r Rubric, entity string, attrs []term, sentence string) string {
	sb := newBag(analyze(sentence, fb.gl))
	best, bestA, bestN := "", 0, 1
	for _, kp := range r.Points {
		if !fb.labelNames(kp, entity) {
			continue
		}
		_, body := splitLabel(kp.Text)
		an := analyze(body, fb.gl)
		a := held(newBag(an), attrs)
		if n := shared(an, sb); a > bestA || a == bestA && n > bestN {
			best, bestA, bestN = kp.Text, a, n
		}
	}
	if best != "" {
		return best
	}
	// an entity read beside the section (kubelet beside kube-scheduler):
	// its line under its own heading, labelled with its name
	for _, p := range r.Context {
		if len(p.HeadingPath) == 0 {
			continue
		}
		name := subjectHead(p.HeadingPath[len(p.HeadingPath)-1])
		if !analyze(name, fb.gl).keySet()[entity] {
			continue
		}
		for _, f := range passageFragments(p.Text) {
			if f.subject != "" {
				continue // a line of another thing under the heading
			}
			an := analyze(f.text, fb.gl)
			a := held(newBag(an), attrs)
			if a < 2 {
				// one shared word ("클러스터", a parent heading's
				// "컴포넌트") sets beside the claim a line that does not
				// bear on it (broken twice in round 21's reading)
				continue
			}
			if n := shared(an, sb); a > bestA || a == bestA && n > bestN {
				best, bestA, bestN = name+": "+f.text, a, n
			}
		}
	}
	return best
}

// held counts the words of attrs a line holds.
func held(line bag, attrs []term) int {
	n := 0
	for _, t := range attrs {
		if line.match(t) >= 0.8 {
			n++
		}
	}
	return n
}

// labelNames tells a point labelled with the entity keyed entity.
func (fb *followupBuilder) labelNames(kp KeyPoint, entity string) bool {
	label, _ := splitLabel(kp.Text)
	return label != "" && analyze(label, fb.gl).keySet()[entity]
}

// graded tells an entity some point of the rubric is about (by its label).
func (fb *followupBuilder) graded(r Rubric, entity string) bool {
	return slices.ContainsFunc(r.Points, func(kp KeyPoint) bool { return fb.labelNames(kp, entity) })
}

// ownScript tells a heading path through the candidate's own script (지원
// 동기, 자기소개): what they plan to say of themselves and the company, not
// knowledge to reason about.
func ownScript(path []string) bool {
	return slices.ContainsFunc(path, func(h string) bool {
		h = strings.ReplaceAll(h, " ", "")
		return strings.Contains(h, "지원동기") || strings.Contains(h, "자기소개") || strings.Contains(h, "포부")
	})
}

// askBackCand is a wrong fact asked back: the answer's words quoted, and
// how many content words they share with the notes' quote (the more, the
// plainer the contradiction).
type askBackCand struct {
	key, text, said string
	note            string // the notes' side as quoted
	evidence        string // the answer's sentence it quotes from
	overlap         int
	pair            string // the two things a swap confused ("efs|s3")
	follows         bool   // the quoted line goes on from the one before it (→)
}

// followsOn tells a point whose line in the notes opens with an arrow: what
// follows from the line before it ("→ 여러 AZ를 거쳐 복제되어 높은 가용성"
// under "EFS : … 공유하고 싶을 때"), not what defines its thing.
func followsOn(kp KeyPoint) bool {
	_, body := splitLabel(kp.Text)
	if body == "" {
		body = kp.Text
	}
	body = strings.TrimSpace(body)
	return slices.ContainsFunc(parseLines(kp.Passage.Text), func(l mdLine) bool { return l.arrow && l.text == body })
}

// askBackWrong asks back at most two wrong facts, each quoting different
// words of the answer: where two points' notes are set against the same
// words, the pair sharing more words shows the contradiction plainer.
func (fb *followupBuilder) askBackWrong(r Rubric, g Grade, said answerSaid) {
	var cands []askBackCand
	for i, p := range g.Points {
		if p.Status != Incorrect || i >= len(r.Points) {
			continue
		}
		fb.wrong[strings.TrimSpace(p.Evidence)] = true
		if ownScript(r.Points[i].Passage.HeadingPath) {
			// the company's age against the candidate's own script about
			// why they apply ("…로 알고있습니다") is a quiz, not an interview
			// question: asked "with reasons" (fresh14) or "to check"
			// (fresh11, 13), readers found it broken. The point stays
			// incorrect.
			continue
		}
		c, ok := said.conflicts[i]
		cand, asked := fb.askBack(r, p, c, ok)
		if !asked {
			continue
		}
		fb.stayOn = true
		// a clause is asked back once, and a sentence against one line
		// of the notes once (two clauses of "apiserver가 … 구성 정보, …,
		// 명세 정보를 … 담아 두고" against etcd's line)
		if j := slices.IndexFunc(cands, func(o askBackCand) bool {
			return o.said == cand.said || o.note == cand.note && o.evidence == cand.evidence
		}); j >= 0 {
			if cand.overlap > cands[j].overlap {
				cands[j] = cand
			}
			continue
		}
		cands = append(cands, cand)
	}
	// Two things confused (a swap) are asked back by their lines that say
	// what each is: "EFS는 자주 업데이트되지 않는 파일을 넣어 두는 용도"
	// against S3's line, not "S3는 여러 AZ에 걸쳐 복제" against what follows
	// from EFS's line (→ 여러 AZ를 거쳐 복제되어), which a reader took for a
	// false accusation (fresh13, fresh14).
	cands = slices.DeleteFunc(cands, func(c askBackCand) bool {
		return c.follows && c.pair != "" && slices.ContainsFunc(cands, func(o askBackCand) bool { return o.pair == c.pair && !o.follows })
	})
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].overlap > cands[b].overlap })
	for _, c := range cands[:min(2, len(cands))] {
		fb.add(c.key, c.text)
	}
}

// maxQuoteRunes is how much of a line a follow-up quotes: a clause or two,
// what an interviewer reads out.
const maxQuoteRunes = 70

// splitLabel cuts a point's label off its statement ("Producer : Broker의
// Topic에 메시지를 게시" → "Producer", "Broker의 Topic에 메시지를 게시").
func splitLabel(line string) (label, body string) {
	body = stripLabel(line)
	if body == line {
		return "", strings.TrimSpace(line)
	}
	if m := reSubjectPrefix.FindStringSubmatch(line); m != nil {
		label = strings.TrimSpace(m[1])
	}
	return label, strings.TrimSpace(body)
}

// surfaceClause is a stretch of a sentence as written, up to a comma or a
// clause ending (…하고, …는데, …없어서), with its analysis.
type surfaceClause struct {
	text string
	an   analysis
	bag  bag
	neg  bool
}

// surfaceClauses cuts a sentence into its clauses as written, so that a
// quote is the candidate's or the notes' own words.
func (fb *followupBuilder) surfaceClauses(s string) []surfaceClause {
	var out []surfaceClause
	var cur []string
	flush := func() {
		if len(cur) == 0 {
			return
		}
		text := strings.TrimRight(strings.Join(cur, " "), ",;")
		cur = nil
		an := analyze(text, fb.gl)
		neg := false
		for _, c := range clausesOf(an) {
			neg = neg || c.negative
		}
		for _, t := range an.terms {
			neg = neg != t.flip
		}
		out = append(out, surfaceClause{text: text, an: an, bag: newBag(an), neg: neg})
	}
	ws := strings.Fields(s)
	lastUntil := -1 // the last word with 까지, which closes a range
	for i, w := range ws {
		if strings.Contains(w, "까지") {
			lastUntil = i
		}
	}
	rangeOpen := false // "컨설팅부터 구축, 운영, 지원 서비스까지": one phrase until 까지
	// "Terraform → Packer → Ansible 순서로 배포했습니다": a chain named as
	// an order is one claim; cut at its arrows, the quote kept only its
	// last step and read as agreeing with the notes (fresh30)
	chain := reNamedOrder.MatchString(s)
	korean := strings.IndexFunc(s, token.IsHangul) >= 0 // an English sentence's commas part its clauses
	for i, w := range ws {
		if w == "→" && chain {
			cur = append(cur, w)
			continue
		}
		if w == "→" || w == "-" {
			flush()
			continue
		}
		cur = append(cur, w)
		bare := strings.TrimRight(w, ".,;!?")
		switch {
		case strings.HasSuffix(bare, "부터"):
			// a range only when 까지 closes it ("서브넷부터 먼저 만들고" is a start)
			rangeOpen = lastUntil > i
		case strings.Contains(bare, "까지"):
			rangeOpen = false
		}
		if rangeOpen && w == bare+"," {
			continue
		}
		if korean && listComma(ws, i) {
			// "긍정, 중립, 부정 세 가지 클래스를": items of one list, one
			// phrase (a quote cut after 중립 read as nonsense, fresh34)
			continue
		}
		// a reason or a purpose stays with what follows it in a quote
		// ("…볼륨이라 인스턴스 하나에서만 쓰고", "…통신하려면 …를 붙여서")
		joined := strings.HasSuffix(bare, "이라") || strings.HasSuffix(bare, "려면")
		// "놀고 있는", "공유하고 싶을 때": -고 before an auxiliary makes one
		// verb, not the end of its clause
		if bare == w && strings.HasSuffix(bare, "고") && i+1 < len(ws) && token.AuxiliaryAfterGo(ws[i+1]) {
			continue
		}
		if bare != w || koreanClauseEnd(bare) && !conditionWord(bare) && !joined || strings.HasSuffix(bare, "고") && utf8.RuneCountInString(bare) >= 2 {
			rangeOpen = false
			flush()
		}
	}
	flush()
	return out
}

// listComma tells the comma after word i of ws as one between the items
// of a list ("긍정, 중립, 부정", "EC2, S3, RDS를").
func listComma(ws []string, i int) bool {
	bare := strings.TrimRight(ws[i], ".,;!?")
	if ws[i] != bare+"," || i+1 >= len(ws) || !listItem(bare) {
		return false
	}
	next := strings.TrimRight(ws[i+1], ".,;!?")
	if next == "" {
		return false // "EC2, ." ends there
	}
	// the last item carries the particle or the ending ("RDS를", "EFS였습니다")
	return listItem(token.StripParticles(next)) || isASCIILetter(rune(next[0])) && hasLatinLetter(bare)
}

// listItem tells a bare word of a list of names or nouns ("긍정", "EC2"):
// no particle, no ending, a few letters.
func listItem(w string) bool {
	if w == "" || utf8.RuneCountInString(w) > 5 || token.Particle(w) != "" || koreanClauseEnd(w) {
		return false
	}
	if r, _ := utf8.DecodeLastRuneInString(w); token.Final(r) >= 0 && strings.ContainsRune("고요며서면데다지니라게어아해워쳐", r) {
		return false // a verb's ending ("쓰고,", "나가고요,"): a clause
	}
	switch w {
	case "그리고", "또한", "특히", "그래서", "그런데", "하지만", "다만", "반면", "물론", "즉", "먼저", "우선", "다음", "들어", "예컨대":
		return false // a conjunction before its own clause
	}
	return true
}

// reNamedOrder names what comes before it as an order (순서로, 순으로,
// 차례로).
var reNamedOrder = regexp.MustCompile(`순서|차례|(^|\s)순(으로|입니다|이에요|이고)`)

// conditionWord tells a word ending a condition (넣으면, 않다면): what
// follows is the claim, and a quote cut after the condition says nothing.
func conditionWord(w string) bool {
	for _, e := range []string{"면", "으면", "다면", "라면", "려면"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// shared counts the content words of a that b has.
func shared(a analysis, b bag) int {
	n := 0
	for _, t := range a.terms {
		if t.key != "" && b.match(t) >= 0.8 {
			n++
		}
	}
	return n
}

// claimClause picks the clause of the answer's sentence that says the
// wrong fact, and the clause of the notes' line it contradicts: the answer's
// clause holding what the judge found (a number the line does not have, the
// subject it swapped in, a statement the other way round than the line's
// clause on the same words), the one sharing most words with the line among
// those. Without such a clause it is the clause closest to the line.
//
// notes are the line's clauses; at is the index of the one contradicted.
func (fb *followupBuilder) claimClause(sentence, body string, notes []surfaceClause, c conflict, known bool) (said string, at int) {
	bodyBag := newBag(analyze(body, fb.gl))
	// the notes' clause an answer's clause speaks of: the one sharing most
	// words, among those that do not cross its source and goal ("외부
	// 서비스에서 … 인스턴스와의 연결" for "외부 서비스 쪽에서 … 인스턴스로",
	// not "인스턴스가 … 외부의 서비스에"), then the one of the other polarity
	closest := func(a surfaceClause) (int, int) {
		best, bestN, bestCrossed := -1, -1, true
		ac := clause{terms: a.an.terms}
		for i, n := range notes {
			k := shared(a.an, n.bag)
			crossed := crossedRoles(ac, clause{terms: n.an.terms})
			switch {
			case best < 0, bestCrossed && !crossed && k > 0, crossed == bestCrossed && (k > bestN || k == bestN && n.neg != a.neg && notes[best].neg == a.neg):
				best, bestN, bestCrossed = i, k, crossed
			}
		}
		return best, bestN
	}
	var answerKeys map[string]bool
	if known {
		answerKeys = analyze(strings.Join(c.answer, " "), fb.gl).keySet()
	}
	numbers := map[string]bool{}
	for _, t := range analyze(body, fb.gl).terms {
		if t.kind == token.Number {
			numbers[t.text] = true
		}
	}
	marks := func(a surfaceClause) bool {
		if !known {
			return false
		}
		switch c.class {
		case "binding":
			return a.an.keySet()[c.subject]
		case "example":
			// the clause that files the name under the other kind
			// ("Django가 웹 서버 쪽이고"), not the one naming both kinds
			return len(c.notes) > 0 && len(c.answer) > 0 && a.bag.hasAll(analyze(c.notes[0], fb.gl)) && a.bag.hasAll(analyze(c.answer[0], fb.gl))
		case "polarity", "order":
			// said the other way, or with its source and goal crossed
			// ("외부 서비스 쪽에서 … 인스턴스로" against "인스턴스가 … 외부의
			// 서비스에")
			i, k := closest(a)
			return k > 0 && (notes[i].neg != a.neg || crossedRoles(clause{terms: a.an.terms}, clause{terms: notes[i].an.terms}))
		}
		for _, t := range a.an.terms {
			if t.key != "" && answerKeys[t.key] && bodyBag.match(t) < 0.8 || t.kind == token.Number && !numbers[t.text] {
				return true
			}
		}
		return false
	}
	best, bestN := "", -1
	for _, a := range fb.surfaceClauses(sentence) {
		if !marks(a) {
			continue
		}
		if k := shared(a.an, bodyBag); k > bestN {
			best, bestN = a.text, k
			at, _ = closest(a)
		}
	}
	if known && c.restatesLine() {
		// a line restated of another thing named earlier in the sentence
		// ("EBS는 EC2에 … 볼륨인데, …, 여러 AZ에 걸쳐 복제되니까"): the clause
		// that restates it, after the name it is said of
		if said := fb.restatingClause(sentence, c); said != "" {
			at, _ = closest(surfaceClause{an: analyze(said, fb.gl)})
			return said, at
		}
	}
	if best == "" && known && c.class == "order" {
		// a sequence reversed: the clause that tells the order ("먼저 배포로
		// 릴리즈를 한 다음 테스트 단계에서 …"), not the nearest words
		for _, a := range fb.surfaceClauses(sentence) {
			if temporal(a.text) {
				if k := shared(a.an, bodyBag); k > bestN {
					best, bestN = a.text, k
					at, _ = closest(a)
				}
			}
		}
	}
	if best == "" {
		best = fb.closestClause(sentence, body)
		at, _ = closest(surfaceClause{an: analyze(best, fb.gl)})
	}
	if known && c.class == "binding" && utf8.RuneCountInString(strings.TrimSpace(sentence)) <= maxQuoteRunes {
		// a swap is the subject and what is said of it, often in two
		// clauses ("그 변경 사항을 … 자동으로 배포해서 휴먼 에러를 줄이는
		// 것까지 CI 단계에서 하는 일입니다"): a short sentence shows both
		best = strings.TrimSpace(sentence)
	}
	return best, at
}

// restatingClause quotes the clause of a sentence holding most of the
// words the judge read as restating a line (c.attrs), led by the name the
// sentence gives it ("EBS는 … 여러 AZ에 걸쳐 복제되니까") when the name is in an
// earlier clause.
func (fb *followupBuilder) restatingClause(sentence string, c conflict) string {
	want := newBag(analysis{terms: c.attrs})
	best, bestN := "", 1
	for _, a := range fb.surfaceClauses(sentence) {
		if k := shared(a.an, want); k > bestN {
			best, bestN = a.text, k
		}
	}
	if best == "" {
		return ""
	}
	name := strings.ToLower(strings.Join(c.answer, " "))
	if name == "" || strings.Contains(strings.ToLower(best), name) {
		return best
	}
	at := strings.Index(sentence, best)
	for _, f := range strings.Fields(sentence) {
		i := strings.Index(sentence, f)
		if !strings.Contains(strings.ToLower(f), name) {
			continue
		}
		if i < at {
			return strings.TrimRight(f, ",") + " … " + best
		}
		// the name said after: "… 오류를 효율적으로 잡는 부분이 CD고요"
		if end := i + len(f); at >= 0 && utf8.RuneCountInString(sentence[at:end]) <= maxQuoteRunes {
			return strings.TrimRight(sentence[at:end], ".,")
		}
		return ""
	}
	return best
}

// temporal tells a clause that places events in time.
func temporal(s string) bool {
	return strings.Contains(s, "먼저") || strings.Contains(s, "보다") || reBefore.MatchString(s) || reAfter.MatchString(s+" ")
}

// namesOther tells an answer's clause about another subject than the line's
// label: one of the section's other labels (Consumer where the line is
// Producer's), the label itself not named. Quoted without its label the
// line would seem to say what the candidate said.
func (fb *followupBuilder) namesOther(said, label string, r Rubric) bool {
	sb := newBag(analyze(said, fb.gl))
	if sb.hasAll(analyze(label, fb.gl)) {
		return false
	}
	for _, p := range r.Points {
		if l, _ := splitLabel(p.Text); l != "" && l != label && sb.hasAll(analyze(l, fb.gl)) {
			return true
		}
	}
	return false
}

// noteWindow quotes at most n runes of a line around its clause at (the
// one that contradicts the answer), whole clauses before it first, then
// after: the quote must hold the part that says it otherwise ("…인프라와
// 애플리케이션 배포를 통합해 관리"), not the line's opening cut before it.
func noteWindow(line string, clauses []surfaceClause, at, n int) string {
	line = strings.TrimRight(strings.TrimSpace(line), ".")
	if utf8.RuneCountInString(line) <= n || at < 0 || at >= len(clauses) {
		return quote(line, n)
	}
	// where each clause starts and ends in the line
	spans := make([][2]int, len(clauses))
	from := 0
	for i, c := range clauses {
		t := strings.TrimRight(c.text, ".")
		j := strings.Index(line[from:], t)
		if j < 0 {
			return quote(line, n)
		}
		spans[i] = [2]int{from + j, from + j + len(t)}
		from = spans[i][1]
	}
	start, end := spans[at][0], spans[at][1]
	if utf8.RuneCountInString(line[start:end]) > n {
		return quote(line[start:end], n)
	}
	for i := at - 1; i >= 0 && utf8.RuneCountInString(line[spans[i][0]:end]) <= n; i-- {
		start = spans[i][0]
	}
	for i := at + 1; i < len(spans) && utf8.RuneCountInString(line[start:spans[i][1]]) <= n; i++ {
		end = spans[i][1]
	}
	out := strings.Trim(line[start:end], " ,")
	if start > 0 {
		out = "…" + out
	}
	if end < len(line) {
		out += "…"
	}
	return out
}

// agrees tells a quote of the answer that holds nothing but the notes'
// words with the notes' polarity: set beside the notes it shows no
// contradiction ("다운된 노드가 없는지" against the same words). Only all the
// words: a clause differing in one (관리 방법론 against 개발 방법론, JEUS
// against nodejs) is the very contradiction.
func (fb *followupBuilder) agrees(said, note string) bool {
	sa, na := analyze(said, fb.gl), analyze(note, fb.gl)
	nb := newBag(na)
	for _, t := range sa.terms {
		if t.key != "" && nb.match(t) < 0.8 {
			return false
		}
	}
	neg := func(a analysis) bool {
		for _, c := range clausesOf(a) {
			if c.negative {
				return true
			}
		}
		return false
	}
	return neg(sa) == neg(na)
}

// fullLine finds the notes' line a shortened quote comes from, a point
// with its label.
func fullLine(r Rubric, prefix string) string {
	for _, p := range r.Points {
		if strings.HasPrefix(p.Text, prefix) {
			return p.Text // the reason quoted the point with its label
		}
	}
	for _, p := range r.Passages {
		for _, f := range passageFragments(p.Text) {
			if strings.HasPrefix(f.text, prefix) {
				return strings.Trim(f.text, "()")
			}
		}
	}
	return prefix
}

// closestClause is the part of the candidate's sentence that says what the
// point is about: the clause sharing most words with it, so that the quote
// holds the wrong claim, not the sentence's opening.
func (fb *followupBuilder) closestClause(sentence, point string) string {
	pa := analyze(point, fb.gl)
	pb := newBag(pa)
	pointNeg := false
	for _, c := range clausesOf(pa) {
		pointNeg = pointNeg || c.negative
	}
	type cand struct {
		text string
		n    int
		flip bool
	}
	var cs []cand
	most := 0
	for _, c := range clausesOf(analyze(sentence, fb.gl)) {
		if len(c.terms) == 0 {
			continue
		}
		n := 0
		for _, t := range c.terms {
			if t.key != "" && pb.match(t) >= 0.8 {
				n++
			}
		}
		cs = append(cs, cand{clauseSurface(sentence, c), n, c.negative != pointNeg && n > 0})
		most = max(most, n)
	}
	// the clause that says it the other way round holds the wrong claim,
	// even sharing a word fewer ("빠르게 자주 변경하고" / "…잘 안 맞습니다")
	best, bestN := sentence, -1
	for _, c := range cs {
		if c.flip && c.n >= most-1 && c.n > bestN {
			best, bestN = c.text, c.n
		}
	}
	if bestN < 0 {
		for _, c := range cs {
			if c.n > bestN {
				best, bestN = c.text, c.n
			}
		}
	}
	if strings.Contains(sentence, "→") && reNamedOrder.MatchString(sentence) {
		// a step of a chain named as an order is quoted with its chain
		for _, sc := range fb.surfaceClauses(sentence) {
			if strings.Contains(sc.text, best) {
				return sc.text
			}
		}
	}
	return best
}

// clauseSurface is the stretch of the original sentence a clause covers.
func clauseSurface(sentence string, c clause) string {
	first, last := c.terms[0], c.terms[len(c.terms)-1]
	lower := strings.ToLower(sentence)
	i := strings.Index(lower, first.text)
	j := strings.Index(lower[max(i, 0):], last.text)
	if i < 0 || j < 0 || len(lower) != len(sentence) {
		return sentence
	}
	end := i + j + len(last.text)
	// keep the clause's ending word whole ("…없어서")
	for end < len(sentence) && sentence[end] != ' ' && sentence[end] != ',' && sentence[end] != '.' {
		end++
	}
	return sentence[i:end]
}

// quote shortens a sentence to at most n characters at a word boundary,
// without its final period.
func quote(s string, n int) string {
	return shorten(strings.TrimRight(strings.TrimSpace(s), "."), n)
}

// addProject asks what an interviewer asks of any project the candidate
// described well: its hardest part and their own share of it.
func (fb *followupBuilder) addProject() {
	if fb.ko() {
		fb.add("hard|", "그 프로젝트에서 가장 어려웠던 점은 무엇이었고, 어떻게 해결하셨나요?")
		fb.add("role|", "그 프로젝트에서 본인이 직접 맡았던 부분은 어디까지였나요?")
		return
	}
	fb.add("hard|", "What was the hardest part of that project, and how did you solve it?")
	fb.add("role|", "Which part of that project did you do yourself?")
}

// askUnanswered asks for the part of the question the answer left out, in
// the question's own words.
func (fb *followupBuilder) askUnanswered(part string) {
	if part == "" {
		return
	}
	part = quote(askedAs(lastAsked(fb.question, part)), partQuoteRunes)
	if fb.ko() {
		fb.add("part-asked|", fmt.Sprintf("질문 가운데 \"%s\" 부분은 아직 답하지 않으셨는데, 이어서 말씀해 주시겠어요?", part))
		return
	}
	fb.add("part-asked|", fmt.Sprintf("You have not answered the part \"%s\" yet. How would you answer it?", part))
}

// partQuoteRunes is the longest part of a question a follow-up quotes.
const partQuoteRunes = 80

// lastAsked is the stretch of a part of the question to quote:
//   - a part that sets the scene before a comma ("ELK 모니터링도
//     붙이셨던데, 왜 파이프라인이 필요했는지") from the question after it;
//   - a part too long to quote whole, from its last sentence;
//   - a part that points back at the scene ("왜 그렇게 하는 건지") with the
//     last clause said before it ("굳이 서비스 오브젝트를 거치게 하잖아요.").
func lastAsked(question, part string) string {
	if ss := splitSentences(part); len(ss) >= 2 && utf8.RuneCountInString(part) > partQuoteRunes {
		part = strings.TrimSpace(ss[len(ss)-1])
	}
	if i := strings.LastIndex(part, ", "); i >= 0 && setsScene(part[:i]) {
		if rest := part[i+2:]; asks(rest) && len(strings.Fields(rest)) >= 3 && !pointsBack(rest) {
			part = rest
		}
	}
	if !pointsBack(part) {
		return part
	}
	i := strings.Index(question, part)
	if i <= 0 {
		return part
	}
	before := strings.TrimSpace(question[:i])
	ss := splitSentences(before)
	if len(ss) == 0 {
		return part
	}
	prev := strings.TrimSpace(ss[len(ss)-1])
	if j := strings.LastIndex(prev, ", "); j >= 0 {
		prev = prev[j+2:]
	}
	if asks(prev) || len(strings.Fields(prev)) < 3 {
		return part // what went before asks too ("…달라지는지, 그리고"): no scene to point at
	}
	if both := prev + " " + part; utf8.RuneCountInString(both) <= partQuoteRunes {
		return both
	}
	return part
}

// setsScene tells a stretch that ends a clause the way a scene is set
// before a question ("붙이셨던데", "하셨는데", "만들고"), not a list's item
// ("EBS, EFS, S3를") or a question of its own ("뭐가 다른지, 언제").
func setsScene(before string) bool {
	fs := strings.Fields(before)
	if len(fs) == 0 {
		return false
	}
	w := fs[len(fs)-1]
	for _, e := range []string{"데", "데요", "고", "면", "서", "니까"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// pointsBack tells a part of a question that opens by pointing back at
// what was said before it ("왜 그렇게 하는 건지", "그걸 어떻게").
func pointsBack(part string) bool {
	fs := strings.Fields(part)
	for _, w := range fs[:min(2, len(fs))] {
		for _, a := range []string{"그렇게", "이렇게", "그걸", "이걸", "그게", "이게", "그건", "이건"} {
			if strings.HasPrefix(w, a) {
				return true
			}
		}
	}
	return false
}

// probeClaim asks for the grounds of the first claim the notes do not back
// (a sentence of the answer the judge found unsupported): a claim said with
// confidence is what an interviewer probes, right or wrong.
func (fb *followupBuilder) probeClaim(unsupported []string) {
	sentences := splitSentences(fb.answer)
	for _, u := range unsupported {
		said := fb.quoteSaid(u)
		if said == "" {
			continue
		}
		if verdict(u) && !isLast(sentences, u) {
			// "괜찮은 방향이라고 봅니다." opens an answer whose next
			// sentences give its grounds: asking them re-asks the answer
			continue
		}
		if fs := strings.Fields(u); fb.ko() && len(fs) > 0 && askedOfExperience(fb.question) && token.PastTense(fs[len(fs)-1]) && !judged(fs[len(fs)-1]) {
			// "최종 배포는 Terraform으로 했습니다", asked what the candidate
			// did: an act has reasons, not grounds ("그렇게 보시는
			// 근거는" was read as broken in fresh36)
			fb.add("probe|", youSaid(said)+"그렇게 하신 이유는 무엇인가요?")
			return
		}
		if fb.ko() {
			fb.add("probe|", youSaid(said)+"그렇게 보시는 근거는 무엇인가요?")
		} else {
			fb.add("probe|", fmt.Sprintf("You said \"%s\". What makes you say so?", said))
		}
		return
	}
}

// judged tells a past form that states a judgement, not an act ("지적은
// 틀렸습니다", "그 판단이 맞았습니다").
func judged(w string) bool {
	return strings.HasPrefix(w, "틀렸") || strings.HasPrefix(w, "맞았") || strings.HasPrefix(w, "잘못됐") || strings.HasPrefix(w, "옳았")
}

// verdict tells a sentence that only gives a judgement or a yes or no
// ("네, 뜬다고 봅니다", "순서는 맞다고 봅니다", "괜찮은 방법입니다",
// "칭찬해 주겠습니다"): what it rests on is said after it, if anywhere.
func verdict(s string) bool {
	s = strings.TrimSpace(s)
	if reVerdict.MatchString(s) {
		return true
	}
	if utf8.RuneCountInString(s) > 30 {
		return false
	}
	return strings.HasPrefix(s, "네,") || strings.HasPrefix(s, "아니요,") || strings.HasPrefix(s, "아닙니다") || reChoice.MatchString(s)
}

// reChoice is a short sentence that only names the choice ("이럴 때 NAT
// 게이트웨이를 씁니다", "이건 ALB를 쓰겠습니다"): its reasons follow it.
var reChoice = regexp.MustCompile(`(을|를|로|으로) (씁니다|쓰겠습니다|쓰면 됩니다|가겠습니다|고르겠습니다|하겠습니다)[.!]?$`)

var reVerdict = regexp.MustCompile(`^[^.?!]{0,24}(맞다고|괜찮[은다]|바람직|좋다고|옳다고|틀렸다고|된다고|안 된다고|칭찬)[^.?!]{0,16}[.!]?$`)

// isLast tells whether s is the last of the answer's sentences (or not one
// of them).
func isLast(sentences []string, s string) bool {
	i := slices.IndexFunc(sentences, func(o string) bool { return strings.TrimSpace(o) == strings.TrimSpace(s) })
	return i < 0 || i == len(sentences)-1
}

// elaborate asks the candidate to go further into what they said: the
// stretch of the answer that says the most the notes do not already say
// (where a wrong claim the judge did not catch would be), a whole sentence
// when it is short enough to read out, else its clause.
func (fb *followupBuilder) elaborate(r Rubric) {
	var texts []string
	for _, p := range r.Passages {
		texts = append(texts, p.Text)
	}
	notes := newBag(analyze(strings.Join(texts, "\n"), fb.gl))
	script := false
	for _, p := range r.Passages {
		script = script || ownScript(p.HeadingPath)
	}
	best, bestScore := "", 0.0
	for _, s := range splitSentences(fb.answer) {
		if fb.quoteSaid(s) == "" || fb.wrong[strings.TrimSpace(s)] {
			continue // a sentence the judge found wrong is not gone into as if right
		}
		if script && hasNumber(s, fb.gl) {
			// in the candidate's own script (why this company), a figure
			// is the company's ("30여 년 연혁을 가진"): going into it asks
			// the candidate to tell the interviewer about their own
			// company (1 broken, 4 needs an edit of 5 over the readings)
			continue
		}
		cands := []string{s}
		if utf8.RuneCountInString(strings.TrimSpace(s)) > maxQuoteRunes {
			cands = nil
			for _, c := range fb.surfaceClauses(s) {
				if utf8.RuneCountInString(c.text) <= maxQuoteRunes {
					cands = append(cands, c.text)
				}
			}
		}
		for _, c := range cands {
			an := analyze(c, fb.gl)
			n := an.contentCount()
			if n < 2 || openContrast(c) {
				continue
			}
			// unbacked words weigh more, but every word counts: a clause of
			// the notes' own words is still worth going into. The question's
			// words count against it: a sentence that restates the scene the
			// question set ("파드 IP가 매번 바뀌기 때문에") has nothing to go
			// into (the reader, round 20)
			// A list ("EC2, VPC, SG, RDS를 썼습니다") is one thing said,
			// however many names it holds: going into it asks for each.
			score := float64(n) + float64(n-shared(an, notes)) - float64(shared(an, fb.q))
			if score > bestScore {
				best, bestScore = c, score
			}
		}
	}
	if best == "" {
		return
	}
	said := quote(best, maxQuoteRunes)
	if fb.ko() {
		fb.add("more|", youSaid(said)+"그 부분을 조금 더 구체적으로 설명해 주시겠어요?")
		return
	}
	fb.add("more|", fmt.Sprintf("You said \"%s\". Could you go into more detail on that?", said))
}

// openContrast tells a clause that is the "not only X" of "X뿐 아니라 Y"
// or "X가 아니라 Y": cut there, the quote stops before what it says
// ("AWS 운영만 하는 게 아니라", broken twice in round 21's reading).
func openContrast(clause string) bool {
	c := strings.TrimRight(strings.TrimSpace(clause), ",. ")
	return strings.HasSuffix(c, "아니라") || strings.HasSuffix(c, "아니고")
}

// youSaid opens a Korean follow-up that quotes the candidate back:
// 방금 "…"라고 하셨는데, (이라고 after a final consonant).
// A clause cut before its verb keeps the answer's own quotative ("…바람직한
// 흐름이라고", "…아니라고"): the quote takes no second one ("흐름이라고"라고).
func youSaid(said string) string {
	if utf8.RuneCountInString(said) > 3 && (strings.HasSuffix(said, "라고") || strings.HasSuffix(said, "다고")) {
		return fmt.Sprintf("방금 \"%s\" 하셨는데, ", said)
	}
	return fmt.Sprintf("방금 \"%s\"%s 하셨는데, ", said, josa(said, "이라고", "라고"))
}

// quoteSaid is how a follow-up quotes a sentence of the answer: at most
// maxQuoteRunes, at a word boundary; "" for a sentence quoted already or
// saying nothing.
func (fb *followupBuilder) quoteSaid(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || fb.quoted[s] || analyze(s, fb.gl).contentCount() < 2 {
		return ""
	}
	for _, o := range fb.out {
		if strings.Contains(o, quote(s, maxQuoteRunes)) {
			return ""
		}
	}
	return quote(s, maxQuoteRunes)
}

// askedOfExperience tells a question about the candidate's own work ("…
// 프로젝트에서", "구축하셨는데"), not about a concept the project used.
func askedOfExperience(q string) bool {
	l := strings.ToLower(q)
	return strings.Contains(l, "프로젝트") || strings.Contains(l, "project") || strings.Contains(q, "셨")
}

// namesProject tells a text that speaks of a project, which "그 프로젝트"
// can then refer to.
func namesProject(s string) bool {
	return strings.Contains(s, "프로젝트") || strings.Contains(strings.ToLower(s), "project")
}

// aboutProject tells a section of the notes' projects (a heading path
// through "프로젝트" or "project").
func aboutProject(r Rubric) bool {
	return slices.ContainsFunc(r.Passages, func(p notes.Passage) bool { return underProject(p.HeadingPath) })
}

// askedOfThings tells a question that asks what things do, how they
// differ or which to pick: the things it names are then what it asks
// about. ("bind로 DNS 서버를 구성하셨던데, 한 대 죽으면 어떻게 되나요?"
// names bind as the setting; asking its role jumps off the question.)
func askedOfThings(q string) bool {
	for _, w := range []string{"역할", "무슨 일", "하는 일", "어떤 일", "차이", "다른", "다르", "중에", "각각", "어떤 경우", "언제", "비교", "관계", "what does", "differ", "role", "relat"} {
		if strings.Contains(strings.ToLower(q), w) {
			return true
		}
	}
	return false
}

// refersBack tells an unanswered part of the question that points back at
// the things it named ("나머지 둘은", "각각").
func refersBack(part string) bool {
	return strings.Contains(part, "나머지") || strings.Contains(part, "각각") || strings.Contains(part, "둘은") || strings.Contains(part, "셋은")
}

// themeOf is the subject of most of the rubric's points (쿠버네티스 for its
// 특징): asking its role re-asks the question.
func themeOf(r Rubric, fb *followupBuilder) string {
	// counted in the points' order, the first to reach half wins: two
	// subjects of half the points each (XP, Scrum) must not make the choice
	// depend on a map's order
	n := map[string]int{}
	var order []string
	for _, kp := range r.Points {
		s := fb.pointSubject(kp)
		if n[s] == 0 {
			order = append(order, s)
		}
		n[s]++
	}
	best := ""
	for _, s := range order {
		if s != "" && 2*n[s] >= len(r.Points) && len(r.Points) >= 2 && (best == "" || n[s] > n[best]) {
			best = s
		}
	}
	return best
}

// askedWhen tells a question that asks when to use things ("어떤 경우에
// 맞는지", "언제 쓰는지").
func askedWhen(q string) bool {
	return strings.Contains(q, "어떤 경우") || strings.Contains(q, "언제")
}

// pointSubject is what a point is about, as the interviewer names it: its
// subject or label, else the heading of the section under the graded one
// it comes from, else the graded section's topic.
func (fb *followupBuilder) pointSubject(kp KeyPoint) string {
	subj := asAsked(topicName(pointSubject(kp), fb.gl), fb.question)
	if subj == "" || isFacetLabel(subj) {
		// a point of a section under the graded one is asked by that
		// section's name ("kube-proxy는 어떤 역할을 하나요?")
		subj = ""
		if n := len(kp.Passage.HeadingPath); n > 0 {
			if h := topicName(kp.Passage.HeadingPath[n-1], fb.gl); h != fb.topic && !isFacetLabel(h) {
				subj = h
			}
		}
		if subj == "" {
			subj = fb.topic
		}
	}
	return subj
}

// askPoint asks about a point the answer missed or only touched, by what
// it is about, without giving its answer away; not of a subject the answer
// names.
func (fb *followupBuilder) askPoint(kp KeyPoint) {
	subj := fb.pointSubject(kp)
	// the candidate spoke of it: asking its role again re-asks the answer
	named := fb.said.hasAll(analyze(subj, fb.gl))
	an := analyze(kp.Text, fb.gl)
	ko := fb.ko()
	switch class := pointClass(an); {
	case named && !reArrow.MatchString(kp.Text):
		return
	case subj != "" && class == "layer":
		if ko {
			fb.add(subj+"|layer", fmt.Sprintf("%s%s OSI 몇 계층에서 동작하고, 그래서 무엇을 보고 처리하나요?", subj, josa(subj, "은", "는")))
		} else {
			fb.add(subj+"|layer", fmt.Sprintf("At which OSI layer does %s work, and what does that let it look at?", subj))
		}
	case subj != "" && (class == "port" || class == "protocol"):
		if ko {
			fb.add(subj+"|port", fmt.Sprintf("%s에서는 어떤 프로토콜과 포트를 다루나요?", subj))
		} else {
			fb.add(subj+"|port", fmt.Sprintf("Which protocols and ports does %s deal with?", subj))
		}
	case reArrow.MatchString(kp.Text):
		// "kubectl → kube-apiserver → kubelet": ask for the chain by its ends,
		// of a question about steps (else a jump: 0 of 2 natural)
		if askedListNoun(fb.question) != flowNoun {
			return
		}
		steps := reArrow.Split(stripLabel(kp.Text), -1)
		first, last := stepName(steps[0]), stepName(steps[len(steps)-1])
		if first == "" || last == "" || fb.said.hasAll(analyze(first+" "+last, fb.gl)) {
			return
		}
		if ko {
			fb.add("order|"+first+"|"+last, fmt.Sprintf("%s에서 %s까지 어떤 순서로 이어지는지 단계별로 설명해 주시겠어요?", first, last))
		} else {
			fb.add("order|"+first+"|"+last, fmt.Sprintf("Could you walk me through the steps from %s to %s?", first, last))
		}
	case subj != "" && subj != fb.topic && subj != fb.theme && !plainLabel(subj) && fb.q.hasAll(analyze(subj, fb.gl)) && askedOfThings(fb.question):
		// Only of one of the things the question itself named ("EBS, EFS, S3
		// 중에", "프로듀서, 컨슈머, 브로커가 각각"): of anything else, "X는 어떤
		// 역할을 하나요?" jumps off the question (0 of 9 natural on a held-out
		// set), and of the question's own topic it re-asks it. Asked the way
		// the question asks: "어떤 경우에" asks when X fits.
		switch {
		case ko && askedWhen(fb.question):
			fb.add(subj+"|", fmt.Sprintf("%s%s 어떤 경우에 쓰는 게 맞을까요?", subj, josa(subj, "은", "는")))
		case ko:
			fb.add(subj+"|", fmt.Sprintf("%s%s 어떤 역할을 하나요?", subj, josa(subj, "은", "는")))
		default:
			fb.add(subj+"|", fmt.Sprintf("What does %s do?", subj))
		}
	}
}

// askable tells a point's subject a follow-up may ask about: not one the
// answer spoke to (reachedSubject), nor one the question only sets the
// scene with or puts aside (setAside).
func (fb *followupBuilder) askable(r Rubric, g Grade, i int) bool {
	subj := fb.pointSubject(r.Points[i])
	class := pointClass(analyze(r.Points[i].Text, fb.gl))
	return !fb.reachedSubject(r, g, subj, class != "") && !setAside(r.Question, subj)
}

// reachedSubject tells a subject the answer spoke to: a point of it was
// covered or reached in part ("정방향은 호스트 이름으로 IP를 찾고" reached
// 정방향 조회's line). A point that gives a layer, a port or a protocol
// (valueClass) reached in part still has that to ask. Asking its role re-asks what was just answered (the
// reader, 12 of 21 "어떤 역할을 하나요?" over the round-17 readings).
func (fb *followupBuilder) reachedSubject(r Rubric, g Grade, subj string, valueClass bool) bool {
	for j, p := range r.Points {
		if s := statusOf(g, j); (s == Covered || s == Partial && !valueClass) && fb.pointSubject(p) == subj {
			return true
		}
	}
	return false
}

// setAside tells a name the question uses as the setting or puts aside,
// not as what it asks about: "bind로 DNS 서버를 직접 올리셨잖아요" (the tool
// used), "Producer, Consumer, Broker 말고 또 필요한" (set aside).
func setAside(question, name string) bool {
	fs := strings.Fields(question)
	for i, w := range fs {
		rest, ok := strings.CutPrefix(strings.ToLower(w), strings.ToLower(name))
		if !ok {
			continue
		}
		rest = strings.TrimRight(rest, ",")
		if rest == "로" || rest == "으로" || rest == "로는" {
			return true
		}
		// the list it is in ends at 말고: "A, B, C 말고"
		j := i
		for j < len(fs)-1 && strings.HasSuffix(fs[j], ",") {
			j++
		}
		if j+1 < len(fs) && strings.HasPrefix(fs[j+1], "말고") {
			return true
		}
	}
	return false
}

// plainLabel tells a short Korean common word the notes use as a label
// (변수, 조건문, 반복문): asking for its "role" asks nothing of the topic.
func plainLabel(s string) bool {
	return !hasLatinLetter(s) && utf8.RuneCountInString(strings.ReplaceAll(s, " ", "")) <= 3
}

func pointClass(a analysis) string {
	for _, c := range clausesOf(a) {
		for i := range c.terms {
			if class, _, _, ok := valueAt(c.terms, i); ok {
				if class == "layer" || class == "port" || class == "protocol" {
					return class
				}
			}
		}
	}
	return ""
}

// originalCase spells a lower-cased word as the notes do (HTTP, Backend).
func originalCase(w, original string) string {
	i := strings.Index(strings.ToLower(original), w)
	if i < 0 || len(strings.ToLower(original)) != len(original) {
		return w
	}
	return original[i : i+len(w)]
}

// sectionTopic is the name of what the graded section is about: its
// heading's name, or its parent's for a facet (장점 under Agile).
func sectionTopic(r Rubric, gl *token.Glossary) string {
	for _, p := range r.Passages {
		for i := len(p.HeadingPath) - 1; i >= 0; i-- {
			h := p.HeadingPath[i]
			if isFacetLabel(h) {
				continue
			}
			return topicName(h, gl)
		}
	}
	return ""
}

// questionTopic is what the follow-ups of any topic (its drawbacks, to
// explain it, what to watch out for) ask about: the graded section's topic,
// unless the question is plainly about another one. A section can be chosen
// on its text alone ("운영 측면에서 어떤 점이 좋아지나요" finds the 장점 of
// CI/CD); when no word of its headings is in the question and the question
// names another heading of the notes (쿠버네티스), that is the topic the
// candidate was asked about, and asking about CI/CD would change the subject.
func questionTopic(r Rubric, q bag, gl *token.Glossary) string {
	topic := sectionTopic(r, gl)
	if topic == "" {
		return ""
	}
	for _, p := range r.Passages {
		for _, h := range p.HeadingPath {
			for _, t := range analyze(h, gl).terms {
				if t.key != "" && q.match(t) >= 0.8 {
					return topic // the question names the section or a heading above it
				}
			}
		}
	}
	named, most := "", 0
	for _, p := range slices.Concat(r.Context, r.Backing) {
		for _, h := range p.HeadingPath {
			name := topicName(h, gl)
			if name == "" || isFacetLabel(name) {
				continue
			}
			if a := analyze(name, gl); q.hasAll(a) && len(a.keySet()) > most {
				named, most = name, len(a.keySet())
			}
		}
	}
	if named != "" {
		return named
	}
	return topic // asked in other words: nothing says it is about something else
}

// asAsked spells a topic as the question does when the notes misspell it
// ("kube-apiverver", "AWS Labmda" asked as kube-apiserver, AWS Lambda): a
// Latin word of the topic within two edits of one of the question's.
func asAsked(topic, question string) string {
	if spaced := spacedAsAsked(topic, question); spaced != "" {
		return spaced
	}
	qs := strings.FieldsFunc(question, func(r rune) bool { return !(r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-')) })
	words := strings.Fields(topic)
	for i, w := range words {
		if len(w) < 5 {
			continue
		}
		for _, q := range qs {
			if len(q) >= 5 && !strings.EqualFold(q, w) && editDistance(strings.ToLower(q), strings.ToLower(w)) <= 2 {
				words[i] = q
			}
		}
	}
	return strings.Join(words, " ")
}

// spacedAsAsked is a name the notes write as one word ("인터넷게이트웨이")
// as the question spaces it ("인터넷 게이트웨이는"), or "".
func spacedAsAsked(topic, question string) string {
	if strings.Contains(topic, " ") || hasLatinLetter(topic) {
		return ""
	}
	fs := strings.Fields(question)
	for i := range fs {
		for n := 2; n <= 3 && i+n <= len(fs); n++ {
			words := slices.Clone(fs[i : i+n])
			last := strings.TrimRight(words[n-1], "?.,!")
			if stem := token.StripParticles(last); stem != "" {
				last = stem
			}
			words[n-1] = last
			if strings.Join(words, "") == topic {
				return strings.Join(words, " ")
			}
		}
	}
	return ""
}

// editDistance is the Levenshtein distance of two ASCII words.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// topicName is how an interviewer names a heading's topic: "Devops
// 디벨롭먼트+오퍼레이션" is Devops, "WSGI 위스키 의 역할" WSGI, "CI / CD 란"
// CI/CD, while "NAT 게이트웨이" and "AWS 클라우드 운영" stay whole. The
// Korean words after a Latin name are a gloss when they only spell it out:
// the glossary folds them onto the same term, or knows none of them. A
// well-known name the notes misspell is said right (AWS Labmda is AWS
// Lambda, token.Glossary.Spell): the interviewer knows the name.
func topicName(heading string, g *token.Glossary) string {
	return reSpacedSlash.ReplaceAllString(headingName(heading, g), "$1/$2")
}

// reSpacedSlash is a slash spaced between two Latin names: "CI / CD" is
// written and said CI/CD; "보안 / 운영" keeps its spaces.
var reSpacedSlash = regexp.MustCompile(`([A-Za-z0-9]) +/ +([A-Za-z0-9])`)

// headingName is topicName before the slash is closed up.
func headingName(heading string, g *token.Glossary) string {
	h := g.Spell(subjectHead(heading)) // spelled right, the glossary knows its gloss
	h = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(h, "의 역할"), " 란"))
	if h == "" {
		return ""
	}
	fs := strings.Fields(h)
	if DetectLanguage(fs[0]) == "ko" || DetectLanguage(h) != "ko" {
		return h
	}
	var latin, korean []string
	for _, f := range fs {
		if len(korean) == 0 && !strings.ContainsFunc(f, token.IsHangul) {
			latin = append(latin, f)
		} else {
			korean = append(korean, f)
		}
	}
	if g == nil {
		if len(korean) >= 2 || strings.ContainsAny(strings.Join(korean, ""), "+,") {
			return strings.Join(latin, " ")
		}
		return h
	}
	name := analyze(strings.Join(latin, " "), g).keySet()
	for _, t := range analyze(strings.Join(korean, " "), g).terms {
		if t.key != "" && !name[t.key] && len(g.Aliases(t.text)) > 0 {
			return h // a word of the name the glossary knows (게이트웨이, 클라우드)
		}
	}
	return strings.Join(latin, " ")
}

// addDeeper goes one level deeper: a part of the topic (an outline label
// inside the section), two parts compared, and its drawbacks.
func (fb *followupBuilder) addDeeper(r Rubric, g Grade) {
	ko := fb.ko()
	var parts []string
	for _, p := range r.Passages {
		if n := len(p.HeadingPath); n == 0 || topicName(p.HeadingPath[n-1], fb.gl) != fb.topic {
			continue // a part of the topic is a label in the topic's own text
		}
		for _, l := range passageLabels(p.Text) {
			if h := topicName(l, fb.gl); h != "" && h != fb.topic && !isFacetLabel(h) && !containsString(parts, h) {
				parts = append(parts, h)
			}
		}
	}
	topic := fb.topic
	if !askedOfThings(fb.question) {
		// "DNS 서버가 한 대 죽으면 어떻게 되나요?": the parts of DNS (정방향
		// 조회, 역방향 조회) are beside that question, not under it
		parts = nil
	}
	if len(parts) >= 2 && (topic == "" || !fb.q.hasAll(analyze(parts[0]+" "+parts[1], fb.gl))) && !fb.said.hasAll(fb.distinctWords(parts[0], parts[1])) {
		a, b := parts[0], parts[1]
		// two kinds of one thing, named by the word they share (정방향 조회,
		// 역방향 조회) do different jobs: one is not picked over the other
		// ("어느 쪽을 고르시겠어요" of lookups, needing an edit 12 times in
		// the readings); things with names of their own (ALB, NLB) are
		kinds := sharedKeys(a, b, fb.gl) > 0
		switch {
		case ko && kinds:
			fb.add("cmp|"+a+"|"+b, fmt.Sprintf("%s%s %s%s 각각 어떤 일을 하고, 어떻게 다른가요?", a, josa(a, "과", "와"), b, josa(b, "은", "는")))
		case ko:
			fb.add("cmp|"+a+"|"+b, fmt.Sprintf("%s%s %s%s 어떻게 다르고, 어떤 상황에서 어느 쪽을 고르시겠어요?", a, josa(a, "과", "와"), b, josa(b, "은", "는")))
		case kinds:
			fb.add("cmp|"+a+"|"+b, fmt.Sprintf("What does each of %s and %s do, and how do they differ?", a, b))
		default:
			fb.add("cmp|"+a+"|"+b, fmt.Sprintf("How do %s and %s differ, and when would you pick each?", a, b))
		}
	}
	if topic == "" {
		return
	}
	for _, part := range parts {
		if len(parts) >= 2 && fb.seen["cmp|"+parts[0]+"|"+parts[1]] {
			// the parts were just asked together ("정방향 조회와 역방향 조회는
			// 어떻게 다르고…"): one of them again repeats it, a third
			// (Master/Slave) jumps past it
			break
		}
		if fb.said.hasAll(analyze(part, fb.gl)) || fb.q.hasAll(analyze(part, fb.gl)) || len(parts) >= 2 && fb.said.hasAll(fb.distinctWords(part, otherPart(parts, part))) {
			continue // the candidate spoke of it ("정방향은 …"), or the question asked it
		}
		if ko {
			fb.add("part|"+part, fmt.Sprintf("%s에서 %s%s 어떤 역할을 하나요?", topic, part, josa(part, "은", "는")))
		} else {
			fb.add("part|"+part, fmt.Sprintf("What role does %s play in %s?", part, topic))
		}
		break
	}
	// No sibling to compare with: the reader took "A와 B는 어떻게 다르고…"
	// after an answer about A for a jump to another topic (rounds 7 and 8,
	// 0 of 3 natural). Drawbacks not of a topic other than the one the
	// question names (DevOps for a GitOps question), and only after an
	// answer that says no more than what it reached (one that does may hold
	// a wrong claim the judge missed, and moving on would take it as right).
	if fb.q.has("disadvantag") || aboutFacet(r, "단점") || !notesList(r, fb.topic, "단점", fb.gl) || fb.namesAnother(topic) || fb.saysMore(r, g) {
		return // asked already, or the notes say nothing of its drawbacks
	}
	if ko {
		fb.add("cons|"+topic, fmt.Sprintf("%s의 단점이나 한계는 무엇이라고 보시나요?", topic))
	} else {
		fb.add("cons|"+topic, fmt.Sprintf("What are the drawbacks or limits of %s?", topic))
	}
}

// distinctWords are the words of two names that tell them apart (정방향,
// 역방향 of 정방향 조회, 역방향 조회): an answer that says those has spoken of
// both, with or without the word they share ("정방향은 …, 역방향은 …").
func (fb *followupBuilder) distinctWords(a, b string) analysis {
	ta, tb := analyze(a, fb.gl), analyze(b, fb.gl)
	ka, kb := ta.keySet(), tb.keySet()
	var out []term
	for _, t := range ta.terms {
		if t.key != "" && !kb[t.key] {
			out = append(out, t)
		}
	}
	for _, t := range tb.terms {
		if t.key != "" && !ka[t.key] {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return analyze(a+" "+b, fb.gl)
	}
	return analysis{terms: out}
}

// otherPart is the first of parts that is not part.
func otherPart(parts []string, part string) string {
	for _, p := range parts {
		if p != part {
			return p
		}
	}
	return ""
}

// namesAnother tells a question that names something in Latin letters
// (GitOps) and not the topic: the topic is not what it asks about.
func (fb *followupBuilder) namesAnother(topic string) bool {
	if fb.q.hasAll(analyze(topic, fb.gl)) {
		return false
	}
	tb := newBag(analyze(topic, fb.gl))
	for _, w := range strings.Fields(fb.question) {
		// as written: the glossary spells some Korean words in Latin (인프라)
		if !hasLatinLetter(w) {
			continue
		}
		for _, t := range analyze(w, fb.gl).terms {
			if t.kind == token.Latin && t.key != "" && tb.match(t) < 0.8 {
				return true
			}
		}
	}
	return false
}

// aboutFacet tells whether the graded section is a facet such as 단점.
func aboutFacet(r Rubric, facet string) bool {
	for _, p := range r.Passages {
		if n := len(p.HeadingPath); n > 0 && strings.TrimSpace(p.HeadingPath[n-1]) == facet {
			return true
		}
	}
	return false
}

// notesList tells whether the notes read have a facet section (단점) under
// the topic's heading: a follow-up asks only what the notes can answer.
func notesList(r Rubric, topic, facet string, gl *token.Glossary) bool {
	for _, p := range slices.Concat(r.Passages, r.Context, r.Backing) {
		for i := 1; i < len(p.HeadingPath); i++ {
			if strings.TrimSpace(p.HeadingPath[i]) == facet && topicName(p.HeadingPath[i-1], gl) == topic {
				return true
			}
		}
	}
	return false
}

// stepName is how a step of an arrow chain is named: the step itself, when
// it is a name of at most three words.
//
// A step that is no name ("…경로(0.0.0.0/0", "IGW)가 있다": an arrow inside
// a sentence, not a chain) gives "", and no question is asked of it.
func stepName(step string) string {
	fs := strings.Fields(cleanInline(step))
	if len(fs) == 0 || len(fs) > 3 || strings.ContainsAny(step, "():") || endsClause(fs[len(fs)-1]) {
		return ""
	}
	return strings.Trim(strings.Join(fs, " "), " ,.")
}

// passageLabels returns the outline labels inside a passage ("ALB", "NLB"
// under "ALB NLB"; sub-headings).
func passageLabels(md string) []string {
	lines := parseLines(md)
	var out []string
	for i := range lines {
		if isLabel(lines, i) {
			out = append(out, lines[i].text)
		}
	}
	return out
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

var reSubjectPrefix = regexp.MustCompile(`^((?:[^:：()]|\([^:：()]*\)){1,40}?)\s*[:：]\s+`) // "ALB (…): …", not "CIDR 블록(예: …)"

// headingSubject is the name a section's heading gives the points under it,
// when it is a name to say a sentence of ("CI 컨틴뉴어스 인테그레이션" → CI,
// "Scrum"): in Latin letters, of at most three words, not a facet (장점), nor
// a project's title or a section under one ("회사 지원 동기" is no subject
// of "회사는 30여년의 …").
func headingSubject(path []string) string {
	h := path[len(path)-1]
	if isFacetLabel(h) || underProject(path) {
		return ""
	}
	name := topicName(h, nil)
	if !hasLatinLetter(name) || len(strings.Fields(name)) > 3 {
		return ""
	}
	return name
}

// ModelAnswer builds a short answer from the top-weighted key points, in notes
// order, at most five sentences of the notes' own text.
func ModelAnswer(r Rubric) string {
	idx := make([]int, len(r.Points))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return r.Points[idx[a]].Weight > r.Points[idx[b]].Weight })
	if len(idx) > maxModelSentence {
		idx = idx[:maxModelSentence]
	}
	// in the notes' order: a comparison's sections come as the notes give
	// them (CI before CD), not as the section choice ranked them
	notesOrder := func(i int) (int, int) {
		p := r.Points[i].Passage
		return slices.IndexFunc(r.Points, func(kp KeyPoint) bool { return kp.Passage.Note == p.Note }), p.LineStart
	}
	sort.SliceStable(idx, func(a, b int) bool {
		na, la := notesOrder(idx[a])
		nb, lb := notesOrder(idx[b])
		if na != nb {
			return na < nb
		}
		if la != lb {
			return la < lb
		}
		return idx[a] < idx[b]
	})
	headings := map[string]bool{}
	for _, i := range idx {
		headings[strings.Join(r.Points[i].Passage.HeadingPath, ">")] = true
	}
	parts := make([]string, 0, len(idx))
	prevSubject := ""
	for _, i := range idx {
		t := strings.TrimSpace(r.Points[i].Text)
		// "ALB: a" is said "ALB는 a": the label becomes the topic, once for
		// a run of points about it. Points from two or more sections
		// without a label are said of their heading ("배포 자동화 과정"
		// under "CD 컨틴뉴어스 딜리버리": CD는 …), or the sentences of a
		// comparison do not say which thing they are about.
		subject := ""
		if m := reSubjectPrefix.FindStringSubmatch(t); m != nil {
			subject, t = m[1], strings.TrimPrefix(t, m[0])
		} else if hp := r.Points[i].Passage.HeadingPath; len(headings) > 1 && len(hp) > 0 && !strings.Contains(t, " - ") {
			subject = headingSubject(hp)
		}
		spelled := (*token.Glossary)(nil).Spell(subject)
		label, rest, dashed := strings.Cut(t, " - ")
		dashed = dashed && len(strings.Fields(label)) <= 3 && !strings.ContainsAny(label, ".,") && rest != ""
		switch {
		case subject == "":
		case spelled == (*token.Glossary)(nil).Spell(prevSubject) || strings.Contains(strings.ToLower(t), strings.ToLower(subject)):
		case opensWithTopic(t):
			// "쿠버네티스는 파드 IP가 …" under kube-proxy: a line with a topic
			// of its own is said as written, not "kube-proxy는 쿠버네티스는 …"
		case dashed:
			// "ACL: 서브넷 보안 - 특정 서브넷에 …" is "ACL의 서브넷 보안은
			// …", not two topics ("ACL은 서브넷 보안은 …")
			t = subject + "의 " + label + josa(label, "은", "는") + " " + rest
		default:
			t = subject + josa(subject, "은", "는") + " " + t
		}
		prevSubject = subject
		// said aloud, a name is said right: the notes' slip of the hand
		// (kube-apiverver) is not the candidate's to repeat
		parts = append(parts, sayable((*token.Glossary)(nil).Spell(t)))
	}
	return strings.Join(parts, " ")
}

// opensWithTopic tells a line whose first word is a noun with 은 or 는
// (쿠버네티스는), not a time or place (경우에는, 때는).
func opensWithTopic(t string) bool {
	fs := strings.Fields(t)
	return len(fs) >= 3 && utf8.RuneCountInString(strings.TrimRight(fs[0], ",")) >= 3 && topicWord(fs[0])
}

// sayable ends a note line as a sentence said aloud: a short label before a
// dash becomes the topic ("자동화된 복구 - …" → "자동화된 복구는 …"), a
// plain ending turns polite (가능하다 → 가능합니다), and a line ending in a
// noun takes 입니다 (… 로드밸런서입니다), or 합니다 when the noun is what
// the sentence does ("요청을 받아들여 부하분산합니다").
func sayable(t string) string {
	t = token.AdnominalSlip(strings.TrimRight(strings.TrimSpace(t), " ,;:-"))
	t = reTightDash.ReplaceAllString(t, "$1 - ") // "비용 절감- request가 …"
	if said := sayChain(t); said != "" {
		return said
	}
	if label, rest, ok := strings.Cut(t, " - "); ok && len(strings.Fields(label)) <= 3 && !strings.ContainsAny(label, ".,") && rest != "" {
		t = label + josa(label, "은", "는") + " " + rest
	}
	end := ""
	for _, p := range []string{".", "?", "!"} {
		if strings.HasSuffix(t, p) {
			t, end = strings.TrimSuffix(t, p), p
		}
	}
	fs := strings.Fields(t)
	if len(fs) == 0 {
		return t + end
	}
	last := fs[len(fs)-1]
	r, _ := utf8.DecodeLastRuneInString(last)
	switch {
	case end == "?" || end == "!":
	case strings.HasSuffix(last, "다") && loanwordNoun(strings.TrimSuffix(last, "다")):
		t = strings.TrimSuffix(t, "다") + "입니다" // "네트워크다" is 네트워크 + 이다, not the adjective 크다
	case strings.HasSuffix(last, "다"):
		t = strings.TrimSuffix(t, last) + token.Polite(last)
	case nominalEnding(last):
		// "…파이프라인이 트리거 됨" said aloud is "트리거됩니다", not "됨입니다"
		polite, _ := token.PoliteNominal(last)
		t = strings.TrimSuffix(t, last) + polite
	case last == "사용" && len(fs) >= 2 && usedHow[fs[len(fs)-2]]:
		t += "됩니다" // "개발 방법론으로서 자주 사용": it is used
	case len(fs) >= 2 && intransitiveVerbalNoun[last] && subjectMarked(fs[len(fs)-2]) && !hasTopic(fs):
		// "도입 비용이 증가": the subject's noun is what it does (증가합니다),
		// not what it is (증가입니다)
		t += "합니다"
	case len(fs) >= 2 && transitiveVerbalNoun[last] && bareObject(fs[len(fs)-2]) && !doneBy(fs[len(fs)-2]) && !hasTopic(fs):
		// "모든 트래픽 거부", "In bound, Out bound 트래픽 설정": a note's
		// object and verb, said with the object's particle (트래픽을
		// 거부합니다); a line with a topic ("운영은 … 관리") names a thing
		obj := fs[len(fs)-2]
		t = strings.Join(fs[:len(fs)-2], " ")
		if t != "" {
			t += " "
		}
		t += obj + josa(obj, "을", "를") + " " + last + "합니다"
	case r >= 0xAC00 && r <= 0xD7A3 && token.Particle(last) == "" && !strings.HasSuffix(last, ")"):
		copula := "입니다"
		if hadaAdjective[last] || len(fs) >= 2 && doneBy(fs[len(fs)-2]) {
			copula = "합니다"
		}
		t += copula
	case latinName(last) || strings.HasSuffix(last, ")") && !strings.HasSuffix(last, "))"):
		// "Allow만 있고 나머지는 모두 Deny", "다대일 구조의 LSTM(이진 분류
		// 문제)": a name ends the line; a verb in English is done
		if latinVerbs[strings.ToLower(last)] {
			t += "합니다"
		} else {
			t += "입니다"
		}
	}
	if end == "" {
		end = "."
	}
	return t + end
}

// transitiveVerbalNoun are the 하다 nouns a note line ends with as what is
// done to the noun before them ("모든 트래픽 거부").
var transitiveVerbalNoun = map[string]bool{
	"거부": true, "허용": true, "차단": true, "설정": true, "제공": true, "수행": true, "처리": true, "전달": true,
	"전송": true, "저장": true, "수집": true, "분석": true, "배포": true, "실행": true, "생성": true, "삭제": true,
	"변경": true, "복구": true, "연결": true, "적용": true, "구축": true, "구성": true, "확인": true, "결정": true,
	"감지": true, "변환": true, "분산": true, "통합": true, "개선": true, "보장": true, "확보": true, "검증": true,
	"격리": true, "공유": true, "제어": true, "조율": true, "시각화": true, "자동화": true, "최소화": true,
}

// intransitiveVerbalNoun are the 하다 nouns said of their subject ("비용이
// 증가"): 증가합니다.
var intransitiveVerbalNoun = map[string]bool{
	"증가": true, "감소": true, "발생": true, "향상": true, "저하": true, "동작": true, "작동": true,
	"실패": true, "성공": true, "존재": true, "증대": true, "상승": true, "하락": true,
}

// subjectMarked tells a word with the subject's particle (비용이, 요청이).
func subjectMarked(w string) bool {
	p := token.Particle(w)
	return (p == "이" || p == "가") && utf8.RuneCountInString(w) >= 3
}

// bareObject tells a Hangul noun of two syllables or more with no particle
// that can be a verbal noun's object (트래픽, 데이터): not an adnominal
// (모든, 정상적인, 연결된: a final ㄴ is left alone, nouns in ㄴ with it).
func bareObject(w string) bool {
	rs := []rune(w)
	if len(rs) < 2 || token.Particle(w) != "" || slices.ContainsFunc(rs, func(r rune) bool { return token.Final(r) < 0 }) {
		return false // a particle, or not all syllables
	}
	last := rs[len(rs)-1]
	return token.Final(last) != token.FinalNieun && last != '던'
}

// hasTopic tells a line that has a topic (X는, X은) before its last word:
// it names what X is. "전에는", "때는", "경우에는" are when, not a topic.
func hasTopic(fs []string) bool {
	return slices.ContainsFunc(fs[:len(fs)-1], topicWord)
}

// topicWord tells a word with 은 or 는 that names a topic, not a time or a
// place (전에는, 때는, 경우에는, 서버에서는, 기본으로는).
func topicWord(w string) bool {
	w = strings.TrimRight(w, ",")
	if !strings.HasSuffix(w, "는") && !strings.HasSuffix(w, "은") {
		return false
	}
	for _, e := range []string{"에는", "때는", "서는", "로는"} {
		if strings.HasSuffix(w, e) {
			return false
		}
	}
	return true
}

// nominalEnding tells a note line's last word that is a verb made a noun
// (됨, 안함, 어려움), not a noun that happens to end so (처음, 마음).
func nominalEnding(w string) bool {
	_, ok := token.PoliteNominal(w)
	return ok
}

// sayChain says a chain of named steps ("kubectl → kube-apiserver →
// kubelet") the way it is read out: "kubectl에서 kube-apiserver를 거쳐
// kubelet으로 이어집니다." A chain whose steps are more than a few words or
// lists of their own ("EC2(AMI), EBS, RDS → ELB") is "" and said as written.
func sayChain(t string) string {
	steps := reArrow.Split(strings.TrimSuffix(t, "."), -1)
	if len(steps) < 2 {
		return ""
	}
	for _, st := range steps {
		if n := len(strings.Fields(st)); n == 0 || n > 3 || strings.ContainsAny(st, ",.:()") {
			return ""
		}
	}
	first, last := steps[0], steps[len(steps)-1]
	var b strings.Builder
	b.WriteString(first + "에서 ")
	if mid := steps[1 : len(steps)-1]; len(mid) > 0 {
		b.WriteString(strings.Join(mid, ", ") + josa(mid[len(mid)-1], "을", "를") + " 거쳐 ")
	}
	b.WriteString(last + josa(last, "으로", "로") + " 이어집니다.")
	return b.String()
}

// loanwordNoun tells a word ending the way transliterated nouns do, in a
// vowel-final 크, 트, 스, 드, 브 or 그 after another syllable (네트워크,
// 서비스, 클라우드): before 다 it is a noun with the copula.
func loanwordNoun(w string) bool {
	r := []rune(w)
	return len(r) >= 2 && strings.ContainsRune("크트스드브그", r[len(r)-1])
}

// reTightDash is a short label with its dash typed against it ("비용 절감-
// request가 있을때만 …"): the label all the same.
var reTightDash = regexp.MustCompile(`^([^-\s]+(?: [^-\s]+){0,2})- `)

// usedHow are the adverbs before a bare 사용 that say how much a thing is
// used: it is used (사용됩니다), not a use (사용입니다).
var usedHow = map[string]bool{"자주": true, "많이": true, "주로": true, "널리": true, "흔히": true}

// latinVerbs are English verbs a note line ends with as what is done
// ("Ansible로 Dockerhub Push"): said 합니다.
var latinVerbs = map[string]bool{"push": true, "pull": true, "deploy": true, "build": true, "commit": true, "merge": true, "sync": true}

// hadaAdjective are nouns said with 하다 whatever precedes them (주키퍼가 필요합니다).
var hadaAdjective = map[string]bool{"해당": true, "필요": true, "가능": true, "중요": true, "용이": true, "적합": true, "유리": true, "불리": true, "편리": true, "불가능": true, "불필요": true, "유용": true, "간편": true, "원활": true}

// doneBy tells a word after which a verbal noun is done, not named: an
// object (요청을 부하분산) or a connective (받아들여 부하분산).
func doneBy(w string) bool {
	switch token.Particle(w) {
	case "을", "를":
		return true
	}
	for _, e := range []string{"여", "고", "서", "며", "해", "와", "아", "어", "워", "져"} {
		// …받아들여, 가져와, 모아, 넣어: what follows is done ("가져와
		// 처리" is 처리합니다); 소프트웨어 is a noun
		if strings.HasSuffix(w, e) && !strings.HasSuffix(w, "웨어") {
			return true
		}
	}
	return false
}

// latinName tells a word of Latin letters, digits and '-' with a letter:
// EC2, Scale-out, kube-proxy.
func latinName(w string) bool {
	return w != "" && hasLatinLetter(w) &&
		!strings.ContainsFunc(w, func(r rune) bool {
			return !(r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '.'))
		})
}
