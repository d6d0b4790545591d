package grader

import (
	"context"
	"errors"
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

// ErrEmptyAnswer is returned for an empty or whitespace-only answer; callers
// map it to exit code 2 / HTTP 400.
var ErrEmptyAnswer = errors.New("empty answer")

// OfflineVersion changes whenever offline scores may change for the same input.
const OfflineVersion = "2.0.0"

// Thresholds of point status on coverage in [0,1].
const (
	coveredAt = 0.6
	partialAt = 0.3

	subjectDemote  = 0.5 // the point's subject names what it is about; the rest states the fact
	questionDemote = 0.1 // weight left to a term the question already contains (Mohler et al. 2011)
	concavity      = 0.6 // coverage^concavity: the first words of a point show more than the last
	incorrectCost  = 2.0 // an incorrect point subtracts twice its weight: far worse than missing it
	// wrongCap: the most an answer with incorrect points scores, less their
	// weight's share: below a thin but correct answer. 25 until round 16,
	// when caught wrong answers at 20-22 still outscored 17 thin ones on
	// the development sets.
	wrongCap      = 20
	aliasCredit   = 0.8 // most words of a multi-word alias, said apart, count nearly as the term
	crossDiscount = 0.9 // answer and point in different languages: only shared-script terms are checked
	minContent    = 3   // fewer content words cannot show understanding
	offTopicCover = 0.1
	offTopicSupp  = 0.2
	// offTopicNoPoint: the support below which an answer reaching no point
	// even partly is off topic (the fresh4 dev set's coffee recipe: 0.22).
	offTopicNoPoint = 0.3
	offTopicQuest   = 0.15 // an answer about the question's own terms is on topic, however poor
	// offTopicSection: the share of the answer's words (the question's
	// aside) in the graded section below which an answer reaching no point
	// is about something else
	offTopicSection = 0.15
	// notInNotesQuestion: the share of the question's own words in the
	// graded section below which an off-topic answer to a question naming
	// a thing the notes never name is read as a question the notes do not
	// cover (not-in-notes probes of the development sets: 0.06–0.38; their
	// off-topic probes whose questions name nothing unknown: 0.14–0.85).
	notInNotesQuestion = 0.3
	unsupportedAt      = 0.34
)

// Offline grades by aligning the answer's terms with each key point's terms,
// Korean-aware (particle stems, Hangul bigrams, glossary), with IDF weights
// from the rubric, question demoting and a concave transform; it checks
// contradicted bindings and calibrates the result to a 0-100 score. It is
// deterministic, holds no mutable state and is safe for concurrent use.
type Offline struct {
	g    *token.Glossary
	lex  *lexicon // g, remembering the notes' analyses across grades
	cal  Calibration
	para *token.Paraphrases // everyday words for the notes' own (inNotesWords)
}

// NewOffline returns an offline judge; g may be nil (no alias folding).
func NewOffline(g *token.Glossary, cal Calibration) *Offline {
	return &Offline{g: g, lex: newLexicon(g), cal: cal, para: token.DefaultParaphrases()}
}

// Calibration returns the judge's calibration.
func (o *Offline) Calibration() Calibration { return o.cal }

// Info names the offline judge.
func (o *Offline) Info() Info {
	return Info{Mode: ModeOffline, Model: "offline-lexical", Version: OfflineVersion}
}

// Judge grades answer against r.
func (o *Offline) Judge(ctx context.Context, r Rubric, answerText string) (Grade, error) {
	if err := ctx.Err(); err != nil {
		return Grade{}, fmt.Errorf("offline judge: %w", err)
	}
	if strings.TrimSpace(answerText) == "" {
		return Grade{}, ErrEmptyAnswer
	}
	pr := o.prepare(r)
	ans := o.analyzeAnswer(answerText, pr)
	ev := evaluate(pr, ans)
	return o.grade(r, pr, ans, ev), nil
}

// Measure returns the features the calibration sees for an answer; the
// tuning tool fits calibrations on them.
func (o *Offline) Measure(r Rubric, answerText string) (Features, error) {
	if strings.TrimSpace(answerText) == "" {
		return Features{}, ErrEmptyAnswer
	}
	pr := o.prepare(r)
	return evaluate(pr, o.analyzeAnswer(answerText, pr)).features, nil
}

// ---------------------------------------------------------------------------
// Preparing the rubric

type prepared struct {
	g            *token.Glossary
	questionText string              // the question as asked
	lines        []string            // every line of the graded section, points or not
	steps        []string            // the lists the section gives in order, as "a → b → c" (stepLists)
	chains       []string            // arrow chains in the notes read beside the section
	lists        []itemList          // the section's lists of named items and steps, to count
	inventories  []itemList          // bare lists of what a topic has ("플레이북, 변수, 템플릿, 조건문")
	nameKeys     map[string]bool     // every word of an entity's name ("kube", "controller", "manager")
	defined      map[string]bool     // what the notes define with a label line ("ZooKeeper : …", "broker : …")
	analyses     map[string]analysis // each line or point analysed once for all the checks (analysisOf)
	question     analysis
	qbag         bag
	points       []judgedPoint
	notes        bag               // every passage and heading: what the notes back
	section      bag               // the graded section's own passages and headings
	notesLng     string            // the notes' language
	entities     map[string]string // entity key → display name
	facts        []fact
	profiles     map[string]*profile // entity key → what the notes say of it
	entityWords  map[string][]term   // entity key → its key term, then the other words of its name
	passages     int                 // number of distinct passages holding points
	refLen       float64
}

type judgedPoint struct {
	kp       KeyPoint
	terms    []weighted
	clauses  []clause
	subject  string // entity key, or ""
	name     string // subject display name, or ""
	lang     string
	passage  int // index among distinct passages
	contentN int
	list     bool // names things ("플레이북 블록, 역할, 에러처리"): each item is asserted
	step     bool // a pipeline step its subject, a tool, does (leadingTool)
}

type weighted struct {
	t       term
	w       float64
	neutral bool     // Latin or number: comparable across languages
	alts    [][]term // the words of the glossary's multi-word aliases of t, each folded on its own
}

func (o *Offline) prepare(r Rubric) *prepared {
	pr := &prepared{question: analyze(r.Question, o.g), questionText: r.Question, entities: map[string]string{}, g: o.g}
	pr.qbag = newBag(pr.question)
	ans := make([]analysis, len(r.Points))
	passageIdx := map[string]int{}
	var pointText strings.Builder
	for i, kp := range r.Points {
		ans[i] = analyze(kp.Text, o.g)
		key := passageKey(kp)
		if _, ok := passageIdx[key]; !ok {
			passageIdx[key] = len(passageIdx)
		}
		name := pointSubject(kp)
		pr.points = append(pr.points, judgedPoint{
			kp: kp, name: name, lang: DetectLanguage(kp.Text), passage: passageIdx[key], list: isKeywordList(stripLabel(kp.Text)),
			clauses: clausesOf(ans[i]), contentN: ans[i].contentCount(), step: name != "" && leadingTool(kp) == name,
		})
		pointText.WriteString(kp.Text)
		pointText.WriteByte('\n')
	}
	pr.passages = len(passageIdx)
	pr.notesLng = DetectLanguage(pointText.String())
	pr.entities = o.entityNames(r)
	for i := range pr.points {
		pr.points[i].subject = entityKeyOf(analyze(pr.points[i].name, o.g), pr.entities)
	}
	pr.profiles = o.entityProfiles(r, pr)
	for _, p := range r.Passages {
		for _, f := range passageFragments(p.Text) {
			pr.lines = append(pr.lines, f.text)
			if isInventory(f.text) {
				pr.inventories = append(pr.inventories, itemList{inventoryItems(f.text), p.HeadingPath})
			}
		}
		for _, items := range stepLists(p.Text) {
			pr.steps = append(pr.steps, strings.Join(items, " → "))
			pr.lists = append(pr.lists, itemList{items, p.HeadingPath})
		}
		for _, items := range namedRuns(p.Text) {
			pr.lists = append(pr.lists, itemList{items, p.HeadingPath})
		}
		if reStepsLabel.MatchString(r.Question) {
			// asked for the stages ("단계별로 쭉 설명해 주시겠어요?"): a list of
			// named items is told in its order
			for _, items := range namedRuns(p.Text) {
				pr.steps = append(pr.steps, strings.Join(items, " → "))
			}
		}
	}
	// A chain of arrows in the notes read beside the section ("kubectl →
	// kube-apiserver → kubelet" under kubelet, for a question on
	// kube-apiserver) orders the same names: an answer telling it the other
	// way round contradicts it.
	// It must be about the section: two of its steps named in its points
	// (not the IaC project's "Ansible → Packer → Terraform" for a Jenkins
	// pipeline that also used Ansible).
	seen := map[string]bool{}
	var pointsBag *bag // the points' words, read once a chain is met (most notes have none)
	for _, p := range slices.Concat(r.Context, r.Backing) {
		for _, l := range strings.Split(p.Text, "\n") {
			if len(reArrow.Split(l, -1)) < 3 || seen[l] {
				continue
			}
			if pointsBag == nil {
				b := newBag(analyze(pointText.String(), o.g))
				pointsBag = &b
			}
			if stepsNamed(l, *pointsBag, o.g) >= 2 {
				seen[l] = true
				pr.chains = append(pr.chains, cleanInline(reBullet.ReplaceAllString(strings.TrimSpace(l), "")))
			}
		}
	}
	// An entity is named in an answer by the one term entityNames keyed it by
	// (the "proxi" of kube-proxy, not the "kube" every component shares);
	// the rest of its name only widens the mention.
	pr.entityWords = map[string][]term{}
	pr.nameKeys = map[string]bool{}
	for k, name := range pr.entities {
		pr.nameKeys[k] = true
		var key term
		var rest []term
		for _, t := range analyze(name, o.g).terms {
			switch {
			case t.key == k && key.key == "":
				key = t
			case t.key != "":
				rest = append(rest, t)
				pr.nameKeys[t.key] = true
			}
		}
		if key.key != "" {
			pr.entityWords[k] = append([]term{key}, rest...)
		}
	}
	o.weighTerms(pr, ans)
	pr.facts = notesFacts(pr.points, pr.entities)
	pr.notes = newBag(analysis{})
	pr.section = newBag(analysis{})
	for _, p := range r.Passages {
		pr.section.add(o.lex.analyze(p.Text))
		pr.section.add(o.lex.analyze(strings.Join(p.HeadingPath, "\n")))
	}
	pr.defined = map[string]bool{}
	for _, p := range slices.Concat(r.Passages, r.Context, r.Backing) {
		for _, l := range strings.Split(p.Text, "\n") {
			if m := reSubjectOf.FindStringSubmatch(cleanInline(reBullet.ReplaceAllString(strings.TrimSpace(l), ""))); m != nil && len(strings.Fields(m[1])) <= 3 {
				for _, t := range analyze(m[1], o.g).terms {
					if t.key != "" {
						pr.defined[t.key] = true
					}
				}
			}
		}
		pr.notes.add(o.lex.analyze(p.Text))
		pr.notes.add(o.lex.analyze(strings.Join(p.HeadingPath, "\n")))
	}
	for i := range ans {
		pr.notes.add(ans[i])
	}
	pr.refLen = referenceLength(pr.points)
	return pr
}

// analysisOf analyses a line of the section once for every check that reads
// it (numbers, substitutions, the closest point).
func (pr *prepared) analysisOf(text string) analysis {
	if a, ok := pr.analyses[text]; ok {
		return a
	}
	if pr.analyses == nil {
		pr.analyses = map[string]analysis{}
	}
	a := analyze(text, pr.g)
	pr.analyses[text] = a
	return a
}

// referenceLength is how many content words a full answer is expected to
// have: per passage, the words of its three heaviest points (a reference
// answer is a sentence or three, however long the chunk), averaged over
// passages by their weight.
func referenceLength(points []judgedPoint) float64 {
	byPassage := map[int][]judgedPoint{}
	wsum := map[int]float64{}
	for _, p := range points {
		byPassage[p.passage] = append(byPassage[p.passage], p)
		wsum[p.passage] += p.kp.Weight
	}
	total, wall := 0.0, 0.0
	for i := 0; i < len(byPassage); i++ {
		ps := byPassage[i]
		sort.SliceStable(ps, func(a, b int) bool { return ps[a].kp.Weight > ps[b].kp.Weight })
		n := 0
		for k, p := range ps {
			if k == 3 {
				break
			}
			n += p.contentN
		}
		total += wsum[i] * float64(n)
		wall += wsum[i]
	}
	if wall == 0 {
		return 0
	}
	return total / wall
}

func passageKey(kp KeyPoint) string {
	p := kp.Passage
	t := p.Text
	if len(t) > 64 {
		t = t[:64]
	}
	return fmt.Sprintf("%s|%s|%d|%s", p.ChunkID, p.Note, p.LineStart, t)
}

// pointSubject is the entity a point is about: "X" of "X: ...", else the last
// heading when it is a short name.
func pointSubject(kp KeyPoint) string {
	if name := dashName(stripLabel(kp.Text)); name != "" && namesItem(kp.Passage, name) {
		return name
	}
	if m := reSubjectOf.FindStringSubmatch(kp.Text); m != nil {
		if h := subjectHead(m[1]); h != "" {
			return h
		}
	}
	if name := leadingTool(kp); name != "" {
		return name
	}
	if hp := kp.Passage.HeadingPath; len(hp) > 0 {
		return subjectHead(hp[len(hp)-1])
	}
	return ""
}

// reLeadingName is a line that opens with a product's name ("Logstash에서
// … 받아", "Elasticsearch 데이터 노드에 전송하고", "Kibana로 시각화").
// An acronym is not one (ELK names the three of them, EKS a place), nor
// an English sentence's first word ("The gap …"): Korean follows the name.
var reLeadingName = regexp.MustCompile(`^([A-Z][a-z][A-Za-z]+)(?:에서|가|이|는|은|로|으로|\s+[가-힣])`)

// leadingTool is the product a line of a pipeline is about: the line opens
// with its name, and the passage's other lines open with other names (the
// steps of "Logstash → Elasticsearch → Kibana" written one per line). Each
// step then binds what it does to its tool, so a tool given another's step
// is a swap.
func leadingTool(kp KeyPoint) string {
	m := reLeadingName.FindStringSubmatch(stripLabel(kp.Text))
	if m == nil {
		return ""
	}
	others := map[string]bool{}
	for _, f := range passageFragments(kp.Passage.Text) {
		if o := reLeadingName.FindStringSubmatch(stripLabel(f.text)); o != nil && o[1] != m[1] {
			others[o[1]] = true
		}
	}
	if len(others) < 2 {
		return ""
	}
	for o := range others {
		if strings.Contains(kp.Text, o) {
			return "" // "Logstash - Kafka에 저장된 데이터 수집": how two steps meet
		}
	}
	return m[1]
}

// dashName is the item a line names before " - " when what follows says
// what the item is or does ("운영 - 운영중인 소프트웨어 관리", "etcd - 정보
// 저장소"): the item, not the heading above the list, is what the line is
// about. A name is one or two bare words.
func dashName(line string) string {
	name, rest, ok := strings.Cut(line, " - ")
	if !ok || len(strings.Fields(rest)) < 2 {
		return ""
	}
	ws := strings.Fields(name)
	if len(ws) == 0 || len(ws) > 2 || strings.ContainsAny(name, ".,:()") {
		return ""
	}
	for _, w := range ws {
		if token.IsParticleWord(w) {
			return ""
		}
	}
	return subjectHead(name)
}

// namesItem tells whether name is one of a list of named items in the
// passage (namedRuns): a stage of a toolchain is a thing of its own, a
// lone "서브넷 보안 - …" under ACL says what ACL is. Items under a facet
// label ("특징": 자동화된 복구, 무중단, …) are the parent's properties, not
// things an answer could confuse.
func namesItem(p notes.Passage, name string) bool {
	if hp := p.HeadingPath; len(hp) > 0 && isFacetLabel(hp[len(hp)-1]) {
		return false
	}
	for _, run := range namedRuns(p.Text) {
		if slices.Contains(run, name) {
			return true
		}
	}
	return false
}

// entityNames collects the names the notes' outline gives (point subjects and
// last headings) and keys each by its one distinctive term: "kube-scheduler"
// by "scheduler" when "kube" names several, "ALB NLB" by nothing.
func (o *Offline) entityNames(r Rubric) map[string]string {
	var names []string
	seen := map[string]bool{}
	add := func(n string) {
		if n != "" && !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	for _, kp := range r.Points {
		add(pointSubject(kp))
		if hp := kp.Passage.HeadingPath; len(hp) > 0 {
			add(subjectHead(hp[len(hp)-1]))
		}
	}
	for _, n := range contextNames(r) {
		add(n)
	}
	count := map[string]int{}
	for _, n := range names {
		for k := range analyze(n, o.g).keySet() {
			count[k]++
		}
	}
	out := map[string]string{}
	for _, n := range names {
		ks := orderedKeys(analyze(n, o.g))
		key := ""
		if len(ks) == 1 {
			key = ks[0]
		} else {
			for _, k := range ks {
				if count[k] == 1 {
					key = k
					break
				}
			}
		}
		if key != "" {
			if _, taken := out[key]; !taken {
				out[key] = n
			}
		}
	}
	return out
}

func orderedKeys(a analysis) []string {
	var ks []string
	seen := map[string]bool{}
	for _, t := range a.terms {
		if t.key != "" && !seen[t.key] {
			seen[t.key] = true
			ks = append(ks, t.key)
		}
	}
	return ks
}

func entityKeyOf(a analysis, entities map[string]string) string {
	for _, k := range orderedKeys(a) {
		if _, ok := entities[k]; ok {
			return k
		}
	}
	return ""
}

// weighTerms gives every content term of a point an IDF weight over the
// rubric's points (a term in every point tells them apart poorly) and demotes
// terms the question already contains.
func (o *Offline) weighTerms(pr *prepared, ans []analysis) {
	df := map[string]int{}
	for _, a := range ans {
		for k := range a.keySet() {
			df[k]++
		}
	}
	n := float64(len(ans))
	who := asksForName(pr.questionText)
	for i, a := range ans {
		subject := analyze(pr.points[i].name, o.g).keySet()
		// "누가 정하나요?": the name is the answer; the rest of the point the
		// question has said already
		demote := subjectDemote
		if who && !pr.qbag.hasAny(analysis{terms: termsWithKeys(subject)}) {
			demote = askedNameWeight
		}
		seen := map[string]bool{}
		for _, t := range a.terms {
			if t.key == "" || seen[t.key] {
				continue
			}
			seen[t.key] = true
			w := math.Log(1 + n/float64(df[t.key]))
			if subject[t.key] {
				w *= demote
			}
			if pr.qbag.match(t) >= 0.5 && !strings.HasPrefix(t.key, "opt:") {
				w *= questionDemote // the question names the options: choosing one is not restating it
			}
			pr.points[i].terms = append(pr.points[i].terms, weighted{t: t, w: w, neutral: t.kind != token.Hangul, alts: o.aliasWords(t)})
		}
	}
}

// askedNameWeight scales the words of a point's subject when the question
// asks who or which does it and does not name the subject itself (para1's
// "어디에 올라갈지는 누가 정하나요?": the notes' other words are the
// question's own, demoted, and kube-scheduler is what is asked).
const askedNameWeight = 2.0

// reAsksName matches a question asking for a name: 누가, 누구, 어떤/어느
// 컴포넌트, 뭘 쓰시겠어요, who, which component.
var reAsksName = regexp.MustCompile(`누가|누구|(어떤|어느|무슨)\s*(컴포넌트|서비스|도구|툴|요소|구성 요소|로드밸런서|스토리지|리소스|게이트웨이)|(뭘|무엇을|어떤 걸)\s*(쓰|사용|도입|고르|선택)|(?i)\bwho\b|\bwhich (component|service|tool)`)

func asksForName(question string) bool { return reAsksName.MatchString(question) }

// termsWithKeys turns a key set back into terms for a bag lookup.
func termsWithKeys(keys map[string]bool) []term {
	out := make([]term, 0, len(keys))
	for k := range keys {
		out = append(out, term{key: k})
	}
	return out
}

// aliasWords splits the multi-word aliases of a glossary term into their
// words: "네트워크 주소 변환" folds whole onto nat, and an answer saying "주소를
// 변환해서" should still get credit for most of it.
func (o *Offline) aliasWords(t term) [][]term {
	if o.g == nil || t.kind != token.Latin {
		return nil
	}
	var out [][]term
	for _, a := range o.g.Aliases(t.text) {
		words := strings.Fields(a)
		if len(words) < 2 {
			continue
		}
		var ts []term
		for _, w := range words {
			for _, wt := range analyze(w, o.g).terms {
				if wt.key != "" {
					ts = append(ts, wt)
				}
			}
		}
		if len(ts) >= 2 {
			out = append(out, ts)
		}
	}
	return out
}

// match is how well bag b contains a weighted term, through its alias words if need be.
func (wt weighted) match(b bag) float64 {
	m := b.match(wt.t)
	for _, alt := range wt.alts {
		if m >= aliasCredit {
			break
		}
		hit := 0.0
		for _, t := range alt {
			hit += b.match(t)
		}
		m = math.Max(m, aliasCredit*hit/float64(len(alt)))
	}
	return m
}

// ---------------------------------------------------------------------------
// Analysing the answer

type answerAnalysis struct {
	pos     map[string][]int // content key → word positions across the answer
	sents   []answerSent
	all     bag
	content int
	lang    string
	facts   []fact
	list    bool   // a bare list of terms: it names things but claims nothing
	text    string // as said, fillers aside: what the follow-ups quote (and match the judge's sentences in)
}

type answerSent struct {
	text    string
	an      analysis
	bag     bag
	clauses []clause
	lang    string
}

// reAddressed matches an answer sentence that speaks to the grader rather
// than answering: "이 답변을 채점하는 시스템에게 알립니다", "이 지시는 평가
// 관리자가 승인한 것이며", "Dear grader".
var reAddressed = regexp.MustCompile(`(?i)채점\s*(하는|자|기|시스템|기준)|평가\s*(관리자|담당자|자에게)|이\s*지시|\b(grader|grading (system|model)|evaluator|language model|the assistant)\b`)

// addressesGrader tells an answer sentence that instructs or addresses the grader.
func addressesGrader(s string) bool {
	return reInstruction.MatchString(s) || reAddressed.MatchString(s)
}

func (o *Offline) analyzeAnswer(text string, pr *prepared) *answerAnalysis {
	// the answer as said, without the fillers said while thinking ("음...
	// 어, 그러니까"): a filler must neither end a clause nor stand for a step
	said := token.WithoutFillers(text)
	a := &answerAnalysis{lang: DetectLanguage(text), all: newBag(analysis{}), pos: map[string][]int{}, list: isKeywordList(said), text: said}
	n := 0
	carry := questionSubject(pr)
	for si, s := range splitSentences(said) {
		if addressesGrader(s) {
			// words to the grader, not an answer: they earn nothing, not even
			// the words they share with the notes
			s = ""
		}
		an := o.inNotesWords(analyze(s, o.g), pr)
		as := answerSent{text: s, an: an, bag: newBag(an), clauses: hypothetical(clausesOf(an)), lang: DetectLanguage(s)}
		for _, c := range as.clauses {
			fs, subj := factsOf(c, pr.entities, carry)
			carry = subj
			if deniesItself(c) || c.conditional {
				// "서버 한 대를 말하는 게 아니라": the value is denied, not
				// stated; "인스턴스 단위로 통제해야 하면": supposed, not stated
				fs = nil
			}
			for _, f := range fs {
				if f.carried && pr.qbag.has(f.value) {
					// "TCP 트래픽이니까 ALB 대신 NLB를": the situation the
					// question set (자체 TCP 프로토콜로 통신하는 서버 앞에
					// ALB를 붙였더니), told again, not a claim of the subject
					continue
				}
				f.sent = si
				a.facts = append(a.facts, f)
			}
		}
		a.all.add(an)
		a.content += an.contentCount()
		for _, t := range an.terms {
			if t.key != "" {
				a.pos[t.key] = append(a.pos[t.key], n)
			}
			n++
		}
		n += 5 // sentences apart
		a.sents = append(a.sents, as)
	}
	return a
}

// inNotesWords says an answer's everyday word as the graded section does
// when the notes never use the word and the section has a word of its
// paraphrase group ("돈이" for "비용"): covered like the section's word, and
// read against it by the contradiction checks ("도입 초기에는 돈이 거의 안
// 들어서" denies "초기에 많은 비용이 든다"). A word the notes use elsewhere
// keeps its own sense ("처음부터" is the CI/CD merits' word, not the
// drawbacks' "최초"). The notes' words are left as they are, and no group
// holds opposites, so no binding or antonym changes.
func (o *Offline) inNotesWords(an analysis, pr *prepared) analysis {
	var out []term
	for i, t := range an.terms {
		if t.kind != token.Hangul || t.key == "" || pr.notes.match(t) > 0 {
			continue
		}
		for _, w := range o.para.Of(t.key) {
			wa := o.lex.analyze(w).terms
			if len(wa) == 0 || wa[0].key == "" || pr.section.match(wa[0]) < 0.8 {
				continue
			}
			if out == nil {
				out = slices.Clone(an.terms)
			}
			out[i].key, out[i].grams = wa[0].key, wa[0].grams
			break
		}
	}
	if out == nil {
		return an
	}
	return analysis{terms: out}
}

// questionSubject is the one entity the question names, if exactly one: the
// implicit subject of answer sentences that name none ("L7에서 동작합니다").
func questionSubject(pr *prepared) string {
	found := ""
	for _, k := range orderedKeys(pr.question) {
		if _, ok := pr.entities[k]; ok {
			if found != "" {
				return ""
			}
			found = k
		}
	}
	return found
}

// ---------------------------------------------------------------------------
// Evaluating

type evaluation struct {
	cov         []float64
	pairs       []float64 // share of the point's adjacent term pairs found near each other, in order
	evidence    []int     // answer sentence per point, -1 for none
	conflicts   map[int]conflict
	unsupported []string
	features    Features
}

func evaluate(pr *prepared, ans *answerAnalysis) evaluation {
	ev := evaluation{cov: make([]float64, len(pr.points)), pairs: make([]float64, len(pr.points)), evidence: make([]int, len(pr.points)), conflicts: map[int]conflict{}}
	for i, p := range pr.points {
		cross := ans.lang != p.lang
		ev.cov[i] = pointCoverage(p, ans.all, cross)
		if !cross && ev.cov[i] < partialAt && clauseSaid(p, ans.all) {
			// "보안 그룹은 허용 규칙만 있습니다" says the first of "허용(Allow)
			// 규칙만 있고, 규칙에 없는 트래픽은 모두 거부된다" whole: part of it
			ev.cov[i] = partialAt
		}
		ev.pairs[i] = pairCoverage(p, ans)
		ev.evidence[i] = evidenceOf(p, ans, -1)
		if steps := chainSteps(stripLabel(p.kp.Text)); steps != nil && stepsTold(steps, ans.all, pr.g) < len(steps) {
			// "Ansible → Packer → Terraform" told without Ansible: the
			// order is part of the fact, and a step left out is not told
			// (a list's items are checked one by one)
			ev.cov[i] = min(ev.cov[i], (partialAt+coveredAt)/2)
		}
	}
	cs := findConflicts(pr, ans)
	sortConflicts(cs)
	for _, c := range cs {
		if _, ok := ev.conflicts[c.point]; !ok {
			ev.conflicts[c.point] = c
		}
	}
	for _, c := range cs {
		withoutSwapped(pr, ans, &ev, c)
	}
	var supports []float64
	ev.unsupported, supports = unsupported(pr, ans, cs)
	ev.features = features(pr, ans, ev, supports)
	return ev
}

// withoutSwapped takes back the credit a swap's sentence gave the other
// thing's point: "가용성이 높은 건 EBS 쪽 특징이라" says EFS's line of EBS, and
// does not cover "EFS: 여러 AZ를 거쳐 복제되어 높은 가용성". The point keeps
// what the answer's other sentences say of it.
func withoutSwapped(pr *prepared, ans *answerAnalysis, ev *evaluation, c conflict) {
	if c.class != "binding" || len(c.notes) == 0 || len(c.attrs) == 0 || c.sent < 0 || c.sent >= len(ans.sents) {
		return
	}
	best, bestN := -1, 0
	for j, p := range pr.points {
		if p.subject != c.notes[0] {
			continue
		}
		pb := newBag(analysis{terms: termsOf(p)})
		n := 0
		for _, t := range c.attrs {
			if pb.match(t) >= 0.8 {
				n++
			}
		}
		if n > bestN {
			best, bestN = j, n
		}
	}
	if best < 0 || ev.evidence[best] != c.sent {
		return
	}
	if _, contradicted := ev.conflicts[best]; contradicted {
		return
	}
	p := pr.points[best]
	rest := newBag(analysis{})
	for si, s := range ans.sents {
		if si != c.sent {
			rest.add(s.an)
		}
	}
	ev.evidence[best] = evidenceOf(p, ans, c.sent)
	ev.cov[best] = pointCoverage(p, rest, ans.lang != p.lang)
}

// evidenceOf is the answer sentence that covers the point most, skip
// aside; -1 for none.
func evidenceOf(p judgedPoint, ans *answerAnalysis, skip int) int {
	at, best := -1, 0.0
	for si, s := range ans.sents {
		if si == skip {
			continue
		}
		if c := pointCoverage(p, s.bag, s.lang != p.lang); c > best {
			at, best = si, c
		}
	}
	return at
}

func termsOf(p judgedPoint) []term {
	out := make([]term, len(p.terms))
	for i, w := range p.terms {
		out[i] = w.t
	}
	return out
}

// pointCoverage is the weighted share of a point's terms the bag contains.
// Across languages only Latin terms and numbers (after glossary folding:
// ALB, L7, loadbalancer) can be compared, so only they count.
func pointCoverage(p judgedPoint, b bag, cross bool) float64 {
	num, den := 0.0, 0.0
	for _, wt := range p.terms {
		if cross && !wt.neutral {
			continue
		}
		den += wt.w
		num += wt.w * wt.match(b)
	}
	if den == 0 {
		return 0
	}
	c := num / den
	if cross {
		c *= crossDiscount
	}
	return c
}

// clauseSaid tells a point of two clauses or more one of which the answer
// says whole: every content word of it (three at least, by key) is in the
// answer.
func clauseSaid(p judgedPoint, b bag) bool {
	if len(p.clauses) < 2 {
		return false
	}
	for _, c := range p.clauses {
		keys := map[string]bool{}
		all := true
		for _, t := range c.terms {
			if t.key == "" || strings.HasPrefix(t.key, "opt:") {
				continue
			}
			keys[t.key] = true
			if b.match(t) < 0.8 {
				all = false
				break
			}
		}
		if all && len(keys) >= 3 {
			return true
		}
	}
	return false
}

// pairCoverage is the share of a point's adjacent content-term pairs that the
// answer says in the same order within three words: "closest together" is
// not "together, closest"; a crude stand-in for phrase alignment.
func pairCoverage(p judgedPoint, ans *answerAnalysis) float64 {
	n, hit := 0, 0
	for i := 0; i+1 < len(p.terms); i++ {
		a, b := p.terms[i].t.key, p.terms[i+1].t.key
		n++
		if near(ans.pos[a], ans.pos[b], 3) {
			hit++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(hit) / float64(n)
}

func near(as, bs []int, window int) bool {
	for _, x := range as {
		for _, y := range bs {
			if y > x && y-x <= window {
				return true
			}
		}
	}
	return false
}

// unsupported lists answer sentences whose content (question terms aside)
// the notes do not back, and returns each sentence's support.
func unsupported(pr *prepared, ans *answerAnalysis, cs []conflict) ([]string, []float64) {
	out := []string{}
	supports := make([]float64, len(ans.sents))
	contradicting := map[int]bool{}
	for _, c := range cs {
		contradicting[c.sent] = true
	}
	for si, s := range ans.sents {
		cross := s.lang != pr.notesLng
		n, hit := 0.0, 0.0
		for _, t := range s.an.terms {
			if t.key == "" || pr.qbag.match(t) >= 0.5 || (cross && t.kind == token.Hangul) {
				continue
			}
			n++
			hit += pr.notes.match(t)
		}
		supports[si] = -1
		if n == 0 {
			continue
		}
		supports[si] = hit / n
		if n >= 2 && hit/n < unsupportedAt && !contradicting[si] {
			out = append(out, strings.TrimSpace(s.text))
		}
	}
	return out, supports
}

// features condenses an evaluation into what the calibration sees.
func features(pr *prepared, ans *answerAnalysis, ev evaluation, supports []float64) Features {
	var f Features
	byPassage := make([]float64, pr.passages)
	wPassage := make([]float64, pr.passages)
	for i, p := range pr.points {
		v := math.Pow(ev.cov[i], concavity)
		if _, bad := ev.conflicts[i]; bad {
			v = -incorrectCost
			f.Incorrect += p.kp.Weight
		}
		f.Coverage += p.kp.Weight * v
		f.Credit += p.kp.Weight * pointCredit(ev.cov[i], hasConflict(ev, i))
		f.Pairs += p.kp.Weight * ev.pairs[i]
		byPassage[p.passage] += p.kp.Weight * v
		wPassage[p.passage] += p.kp.Weight
		f.MaxPoint = math.Max(f.MaxPoint, ev.cov[i])
	}
	f.BestPassage = math.Inf(-1)
	for i := range byPassage {
		if wPassage[i] > 0 {
			f.BestPassage = math.Max(f.BestPassage, byPassage[i]/wPassage[i])
		}
	}
	if math.IsInf(f.BestPassage, -1) {
		f.BestPassage = 0
	}
	n, hit := 0.0, 0.0
	for si, s := range supports {
		if s < 0 {
			continue
		}
		w := float64(ans.sents[si].an.contentCount())
		n += w
		hit += w * s
	}
	if n > 0 {
		f.Precision = hit / n
	}
	f.ContentWords = ans.content
	f.LengthRatio = clampFloat(math.Log2((float64(ans.content)+1)/(pr.refLen+1)), -3, 3)
	q := 0
	for _, s := range ans.sents {
		for _, t := range s.an.terms {
			if t.key != "" && pr.qbag.match(t) >= 0.5 {
				q++
			}
		}
	}
	if ans.content > 0 {
		f.QuestionShare = float64(q) / float64(ans.content)
	}
	var said []term
	for _, s := range ans.sents {
		said = append(said, s.an.terms...)
	}
	f.SectionShare = shareIn(said, pr.section, func(t term) bool { return pr.qbag.match(t) >= 0.5 })
	f.QuestionInSection = shareIn(pr.question.terms, pr.section, func(t term) bool {
		return askingWord(t.text) || token.IsParticleWord(t.text)
	})
	return f
}

func clampFloat(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

// shareIn is the share of the content words of ts, those skip takes aside,
// that b holds; 0 for none.
func shareIn(ts []term, b bag, skip func(term) bool) float64 {
	in, all := 0, 0
	for _, t := range ts {
		if t.key == "" || skip(t) {
			continue
		}
		all++
		if b.match(t) >= 0.8 {
			in++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(in) / float64(all)
}

// ---------------------------------------------------------------------------
// Building the grade

func (o *Offline) grade(r Rubric, pr *prepared, ans *answerAnalysis, ev evaluation) Grade {
	lang := ans.lang
	nm := namer{g: o.g, entities: pr.entities}
	g := Grade{
		Question:    r.Question,
		Language:    lang,
		Grader:      o.Info(),
		Unsupported: ev.unsupported,
		References:  r.Passages,
		Points:      make([]Point, len(pr.points)),
	}
	if g.References == nil {
		g.References = []notes.Passage{}
	}
	for i, p := range pr.points {
		g.Points[i] = judgePoint(p, ev, ans, i, nm, lang)
	}
	g.Score, g.Verdict = scoreAndVerdict(ev.features, g.Points, o.cal)
	if g.Verdict == VerdictOffTopic && ev.features.QuestionInSection < notInNotesQuestion && unknownName(pr, r.Question) ||
		answersUnknown(r, pr, ans, g.Points, o.g) {
		// Off topic, but so is the section: the question is about a thing
		// no passage names, and the answer is about it too. The notes do not
		// cover the question; the answer is not wrong for that.
		ng := notInNotes(r.Question, ans.text)
		ng.Grader = o.Info()
		return ng
	}
	g.Checks = offlineChecks(len(g.Points), lang)
	g.Summary = summarize(g, pr, ev, nm, lang)
	g.Followups = followups(r, g, answerSaid{text: ans.text, conflicts: ev.conflicts}, lang, o.g)
	g.ModelAnswer = ModelAnswer(r)
	return g
}

// unknownName tells a question that names a thing in Latin letters (a
// product, a protocol, a status: Prometheus, OOMKilled) that no passage read
// holds. Written so in the question: the glossary's English for a Korean
// word ("스토리지" → storage) names nothing.
func unknownName(pr *prepared, question string) bool {
	return len(unknownNames(pr, question)) > 0
}

// unknownNames are the question's names that unknownName finds.
func unknownNames(pr *prepared, question string) []term {
	q := strings.ToLower(question)
	var out []term
	for _, t := range pr.question.terms {
		if t.kind == token.Latin && len(t.key) >= 2 && !strings.HasPrefix(t.key, "opt:") && strings.Contains(q, strings.ToLower(t.text)) && pr.notes.match(t) < 0.5 {
			out = append(out, t)
		}
	}
	return out
}

// answersUnknown tells an answer to a question the graded section does not
// hold: a Korean question that names in Latin letters a thing no passage
// read holds (Helm, Prometheus, Secret), an answer that speaks of that
// thing, and a grade that reaches nothing (no point covered or found wrong,
// at most one partly) from a section the question does not name. Grading
// a Helm answer against 쿠버네티스's 장점 tells the candidate they missed
// points the question never asked.
//
// Not of a section the question names (a wrong answer on WSGI that names
// gunicorn is wrong about WSGI), nor of an English question (its every
// word is in Latin letters).
func answersUnknown(r Rubric, pr *prepared, ans *answerAnalysis, points []Point, g *token.Glossary) bool {
	if DetectLanguage(r.Question) != "ko" {
		return false
	}
	partial := 0
	for _, p := range points {
		switch p.Status {
		case Covered, Incorrect:
			return false
		case Partial:
			partial++
		}
	}
	if partial > 1 {
		return false
	}
	qb := newBag(analysis{terms: questionTerms(withoutWhere(r.Question), g)})
	for _, p := range r.Passages {
		if n := len(p.HeadingPath); n > 0 {
			h := topicName(cleanHeading(p.HeadingPath[n-1]), g)
			if name := analyze(h, g); !isFacetLabel(h) && name.contentCount() > 0 && qb.hasAll(name) {
				return false
			}
		}
	}
	q := strings.ToLower(r.Question)
	return slices.ContainsFunc(unknownNames(pr, r.Question), func(t term) bool {
		return ans.all.match(t) >= 0.8 && !givenAsExample(q, strings.ToLower(t.text))
	})
}

// withoutWhere is the question without the words it says as where
// ("쿠버네티스에 앱 배포할 때 Helm 차트를 쓰면" → "앱 배포할 때 Helm 차트를
// 쓰면"): a place sets the scene, the question is not about it.
func withoutWhere(question string) string {
	var asked []string
	for _, w := range strings.Fields(question) {
		switch token.Particle(strings.TrimRight(w, "?.,!")) {
		case "에", "에서", "에선", "에는":
			continue
		}
		asked = append(asked, w)
	}
	return strings.Join(asked, " ")
}

// givenAsExample tells a name the question gives as an instance of what it
// asks about ("containerd나 CRI-O 같은 걸 컨테이너 런타임이라고", "gunicorn 같은
// WSGI 서버"): the question is about the kind, which the notes may hold.
func givenAsExample(question, name string) bool {
	i := strings.Index(question, name)
	if i < 0 {
		return false
	}
	rest := []rune(question[i+len(name):])
	if len(rest) > 16 {
		rest = rest[:16]
	}
	after := string(rest)
	if j := strings.IndexAny(after, ".?!,"); j >= 0 {
		after = after[:j]
	}
	return strings.Contains(after, " 같은") || strings.Contains(after, " 등")
}

// isKeywordList tells an answer that only lists terms ("인바운드, 아웃바운드,
// 퍼블릭 서브넷, 라우팅", "ALB L7 NLB L4"): three or more words or items, and
// nothing that makes a claim: no Korean predicate ending, no subject or topic
// particle (ALB는 L7 binds L7 to ALB), no English verb.
// stripLabel drops the "X: " a point carries for its subject.
func stripLabel(text string) string {
	if reSubjectOf.MatchString(text) {
		return strings.TrimPrefix(text, reSubjectPrefix.FindString(text))
	}
	return text
}

func isKeywordList(text string) bool {
	words := strings.FieldsFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '/' || r == '·' || r == ';' || r == ':'
	})
	n := 0
	for _, w := range words {
		w = strings.Trim(w, ".-*()")
		if w == "" {
			continue
		}
		n++
		if endsClause(w) || topicOrSubject(w) {
			return false
		}
	}
	return n >= 3
}

// topicOrSubject tells a Hangul word carrying 은/는/이/가 after its stem.
// 이 and 은 follow a final consonant only: the 이 of 게이트웨이 is the
// word's own (a list of names had read as a sentence with a subject).
func topicOrSubject(w string) bool {
	p := token.Particle(w)
	switch p {
	case "은", "이", "이란":
		stem := strings.TrimSuffix(w, p)
		r, _ := utf8.DecodeLastRuneInString(stem)
		return stem != "" && token.Final(r) > token.FinalNone
	case "는", "가", "란", "도":
		return true
	}
	return false
}

// endsClause tells a word that ends a clause: a Korean verb or adjective
// ending, or a common English verb.
func endsClause(w string) bool {
	w = strings.ToLower(strings.Trim(w, ".!?\"'"))
	for _, e := range []string{"다", "요", "죠", "니다", "음", "함", "됨", "임", "고", "며", "서", "면", "는데", "지만"} {
		if strings.HasSuffix(w, e) && len([]rune(w)) > 1 {
			return true
		}
	}
	switch w {
	case "is", "are", "was", "were", "be", "has", "have", "does", "do", "can", "will", "uses", "use", "makes", "runs", "sends", "allows",
		// an English sentence's function words: a list of keywords has
		// none ("Agile lets the team respond quickly to …")
		"the", "a", "an", "it", "its", "they", "we", "to", "because", "so", "when", "which", "that", "this", "than":
		return true
	}
	return false
}

// offlineChecks says what the offline judge checked and what it cannot.
func offlineChecks(points int, lang string) []string {
	if lang == "ko" {
		return []string{
			fmt.Sprintf("노트의 핵심 내용 %d개를 답변의 단어와 대조했습니다(조사, 띄어쓰기, 용어집의 한·영 표기 포함).", points),
			"노트와 어긋나는 진술을 찾았습니다: 다른 대상에 붙인 속성, 부정·반대말, 순서와 방향, 숫자와 단위.",
			"규칙으로 잡히지 않는 의미(노트와 다른 말로 한 정확한 설명, 추론, 예시)는 판단하지 못합니다. 다른 말로 바르게 설명했다면 점수가 낮게 나올 수 있습니다.",
		}
	}
	return []string{
		fmt.Sprintf("Compared the answer's words with %d key points of your notes (word forms, spacing and the glossary's Korean/English names included).", points),
		"Looked for statements that contradict the notes: a property given to another thing, negations and opposites, order and direction, numbers and units.",
		"Meaning beyond these rules (a correct explanation in other words, reasoning, examples) is not judged: a right answer in different words may score low.",
	}
}

// pointCredit is what a point earns, by the status the candidate sees and,
// within it, by coverage: a covered point always earns more than a partial
// one, a partial one more than a missed one, and a contradicted fact costs
// more than leaving the point out.
func pointCredit(cov float64, incorrect bool) float64 {
	switch {
	case incorrect:
		return -1
	case cov >= coveredAt:
		return 0.85 + 0.15*(cov-coveredAt)/(1-coveredAt)
	case cov >= partialAt:
		return 0.35 + 0.3*(cov-partialAt)/(coveredAt-partialAt)
	default:
		return 0.1 * cov / partialAt
	}
}

func hasConflict(ev evaluation, i int) bool {
	_, ok := ev.conflicts[i]
	return ok
}

// scoreAndVerdict turns the credit into a score (monotone: more credit, never
// a lower score; length and repetition change no status, so they buy
// nothing), then applies what credit alone does not say: nothing to grade
// against, too short to show understanding, off topic, and a stated
// falsehood capping the grade below a thin but correct answer.
func scoreAndVerdict(f Features, pts []Point, cal Calibration) (int, string) {
	exp := cal.CreditExponent
	if exp <= 0 {
		exp = 1
	}
	score := int(math.Round(100 * math.Pow(clampFloat(f.Credit, 0, 1), exp)))
	covered, partial := 0, 0
	for _, p := range pts {
		switch p.Status {
		case Covered:
			covered++
		case Partial:
			partial++
		}
	}
	switch {
	case len(pts) == 0:
		return 0, VerdictWeak
	case f.ContentWords < minContent && f.LengthRatio < -1:
		// Too short to show understanding: a word or two where the notes
		// say much more (a two-word answer to a two-word fact is complete).
		return min(score, 25), VerdictWeak
	case f.MaxPoint < offTopicCover && f.Precision < offTopicSupp && f.QuestionShare < offTopicQuest,
		// A stray word of one point ("나눠" in a coffee recipe against
		// "분산해서 저장") that reaches no point even partly, in an answer
		// whose sentences the notes barely back, is still off topic.
		covered+partial == 0 && f.Precision < offTopicNoPoint && f.QuestionShare < offTopicQuest,
		// An answer from another part of the notes (DB tuning to a question
		// on the cloud's role): the notes back it, the graded section
		// holds almost none of its words, and it reaches no point.
		covered+partial == 0 && f.SectionShare < offTopicSection && f.QuestionShare < offTopicQuest:
		return min(score, 5), VerdictOffTopic
	}
	if f.Incorrect > 0 {
		// Wrong, however fluent: below a thin correct answer, yet above
		// off topic, since it does address the question's subject.
		return max(6, min(score, int(math.Round(wrongCap*(1-f.Incorrect))))), VerdictWeak
	}
	v := verdictFor(score)
	if covered == 0 && (v == VerdictGood || v == VerdictExcellent || v == VerdictPartial) {
		// A verdict never claims more than the points show: with nothing
		// covered the score stays in the weak band, compressed rather than
		// capped so that more partial credit still scores higher.
		v = VerdictWeak
		score = weakBand(score)
	}
	return score, v
}

// weakBand maps a score onto the weak band (below 40) keeping low scores as
// they are: a thin answer that touches one point partly keeps the score its
// credit earns (which stays above a wrong answer's cap), and what lies above
// 30 is compressed into 30–39, still rising with the credit.
func weakBand(score int) int {
	if score <= 30 {
		return score
	}
	return 30 + (score-30)*9/70
}

func judgePoint(p judgedPoint, ev evaluation, ans *answerAnalysis, i int, nm namer, lang string) Point {
	pt := Point{Text: p.kp.Text, Citation: p.kp.Passage, Weight: round3(p.kp.Weight), Coverage: round3(ev.cov[i])}
	switch c := ev.cov[i]; {
	case c >= coveredAt:
		pt.Status = Covered
	case c >= partialAt:
		pt.Status = Partial
	default:
		pt.Status = Missed
	}
	if pt.Status == Covered && ans.list {
		pt.Status = Partial // naming a point's terms is not stating it
	}
	if pt.Status != Missed && ev.evidence[i] >= 0 {
		pt.Evidence = strings.TrimSpace(ans.sents[ev.evidence[i]].text)
	}
	if c, bad := ev.conflicts[i]; bad {
		pt.Status = Incorrect
		pt.Evidence = strings.TrimSpace(ans.sents[c.sent].text)
		pt.Reason = c.reason(nm, lang)
	}
	return pt
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// verdictFor maps a score to its band.
func verdictFor(score int) string {
	switch {
	case score >= 85:
		return VerdictExcellent
	case score >= 65:
		return VerdictGood
	case score >= 40:
		return VerdictPartial
	default:
		return VerdictWeak
	}
}
