package grader

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"grader/token"
)

// Contradictions. Bag-of-words judges reward an answer that swaps facts
// ("ALB is L4, NLB is L7") as much as one that states them. Here facts are
// bindings of a subject entity (named by the notes' outline: the label or
// heading a point sits under, or "X: ..." in the point) to a value of a
// closed class: OSI layer, port, protocol, mutually exclusive modes
// (sync/async, ...), cardinality (one vs many servers) and numbers with a unit.
// An answer binding a subject to values of a class that are disjoint from the
// notes' values for that subject contradicts them. A second check compares
// polarity (negation, allow/deny) of an answer clause with the notes clause it
// restates.

// fact is one subject–class–value binding.
type fact struct {
	subject string // entity key
	class   string // "layer", "port", "protocol", "mode:sync", "card:server", "num:초", ...
	value   string
	unit    string // for cardinality: the counted noun
	point   int    // index of the rubric point (notes facts)
	sent    int    // index of the answer sentence (answer facts)
	// carried: the clause names no entity; the value is bound to the
	// subject carried from before
	carried bool
}

// conflict is a point the answer contradicts.
type conflict struct {
	point    int
	sent     int // answer sentence holding the contradiction
	subject  string
	class    string
	notes    []string // the notes' values
	answer   []string // the answer's values
	unit     string
	swapped  bool   // the answer's value belongs to a sibling subject in the notes
	polarity bool   // a negation conflict rather than a value conflict
	clause   string // for polarity conflicts: the contradicted point's text
	// attrs: for a binding, the answer's words that are the other thing's
	// in the notes (what the follow-up quotes the other thing's line for);
	// for a substitution of a line that does not name its thing, the
	// answer's clause that restates it (ownSubjectConflict)
	attrs []term
}

// closed classes of values. A read-only table.
var protocols = map[string]bool{
	"tcp": true, "udp": true, "http": true, "https": true, "icmp": true, "ssh": true, "ftp": true, "smtp": true,
	"quic": true, "grpc": true, "arp": true, "telnet": true,
}

// modes are pairs (or small sets) of mutually exclusive properties; the key is
// the term key after glossary folding and stemming.
var modes = map[string][2]string{
	"synchronous": {"sync", "synchronous"}, "asynchronous": {"sync", "asynchronous"},
	"synchron": {"sync", "synchronous"}, "asynchron": {"sync", "asynchronous"},
	"blocking": {"blocking", "blocking"}, "nonblocking": {"blocking", "nonblocking"},
	"stateful": {"state", "stateful"}, "stateless": {"state", "stateless"},
	"connectionless": {"connection", "connectionless"}, "connection-oriented": {"connection", "oriented"},
	"연결지향": {"connection", "oriented"}, "연결지향적": {"connection", "oriented"}, "비연결": {"connection", "connectionless"},
	"비연결형": {"connection", "connectionless"}, "연결형": {"connection", "oriented"},
	"휘발성": {"volatile", "volatile"}, "비휘발성": {"volatile", "nonvolatile"}, "volatil": {"volatile", "volatile"}, "nonvolatil": {"volatile", "nonvolatile"},
	// how often: "데일리 미팅" is not "일주일에 한 번"
	"데일리": {"freq", "daily"}, "매일": {"freq", "daily"}, "daily": {"freq", "daily"}, "일일": {"freq", "daily"},
	"매주": {"freq", "weekly"}, "weekly": {"freq", "weekly"}, "주간": {"freq", "weekly"}, "일주일": {"freq", "weekly"},
	"매달": {"freq", "monthly"}, "monthly": {"freq", "monthly"}, "월간": {"freq", "monthly"},
	// classification: "이진 분류" is not "다중 분류"
	"이진": {"classes", "binary"}, "binary": {"classes", "binary"}, "다중": {"classes", "multi"}, "multiclass": {"classes", "multi"},
	"대칭키": {"keytype", "symmetric"}, "공개키": {"keytype", "public"}, "symmetr": {"keytype", "symmetric"}, "asymmetr": {"keytype", "public"},
}

var quantOne = map[string]bool{"한": true, "one": true, "singl": true, "single": true, "하나": true, "단일": true, "한개": true, "한대": true, "1개": true}
var quantMany = map[string]bool{
	"multipl": true, "multiple": true, "mani": true, "many": true, "sever": true, "several": true, "various": true, "numer": true,
	"여러": true, "다양": true, "다수": true, "복수": true, "여러개": true, "많은": true, "수많은": true,
}

// unitWords are Korean counters that follow a number as a word of their own.
var unitWords = map[string]bool{"개": true, "대": true, "초": true, "분": true, "주": true, "일": true, "년": true, "배": true, "명": true, "층": true, "번": true, "달": true}

// unitOf is a one-syllable counter without the particle after it ("년의" → 년).
func unitOf(w string) string {
	// "30여년", "10여 개": about so many, counted in the same unit
	if rest, ok := strings.CutPrefix(w, "여"); ok && rest != "" {
		if u := unitOf(rest); unitWords[u] {
			return u
		}
	}
	rs := []rune(w)
	if len(rs) == 2 && strings.ContainsRune("의은는이가을를에로도와과", rs[1]) {
		return string(rs[0])
	}
	return w
}

// counterOf is unitOf for a count after its noun, which may carry a longer
// particle ("서버 한 대에서"); not for numbers, where "2주에서 4주" is a range.
func counterOf(w string) string {
	if rs := []rune(w); len(rs) == 3 {
		switch string(rs[1:]) {
		case "에서", "으로", "에는", "에도", "까지", "부터", "에만":
			return string(rs[0])
		}
	}
	return unitOf(w)
}

// clause is a run of terms between clause boundaries.
type clause struct {
	terms    []term
	negative bool
	// conditional: "…이 많으면", "if …": a condition, not a claim
	conditional bool
}

// splitClauses cuts analysed text at punctuation and connectives; Korean
// clauses end in 고/며/지만/는데/반면, English ones at and/but/while/whereas.
func clausesOf(a analysis) []clause {
	var out []clause
	var cur []term
	flush := func() {
		if len(cur) > 0 {
			out = append(out, newClause(cur))
			cur = nil
		}
	}
	for i, t := range a.terms {
		// A comma after a lone subject ("ZooKeeper는, 음, 브로커 메타 정보를
		// 관리") is a pause, not the end of a clause.
		if (strings.ContainsAny(t.gap, ",;.!?\n→") || strings.Contains(t.gap, " - ")) && (contentOf(cur) > 1 || strings.ContainsAny(t.gap, ".!?\n→")) && !openRange(cur, t.gap) && !topicPause(cur, t.gap) {
			flush()
		}
		if t.kind == token.Latin && englishConnective[t.text] {
			flush()
			continue
		}
		cur = append(cur, t)
		if i+1 < len(a.terms) && auxAfterGo(t.text, a.terms[i+1]) {
			continue // "배치가 안 되고 있으면": one verb, in progress
		}
		if t.kind == token.Hangul && (koreanClauseEnd(t.text) || afterStep(t.text, cur) || failureCondition(t.text, cur) || negatedVerbGo(cur)) {
			flush()
		}
	}
	flush()
	return out
}

// auxAfterGo tells a verb in -고 followed, with nothing between, by the
// auxiliary of an action in progress made a condition (-고 있으면, -고
// 있다면): "배치가 안 되고 있으면" is one clause, a condition, not a denial
// of 배치 followed by another clause. (A progressive stated, "이용하고
// 있습니다", keeps its split: the verb before it is the clause's predicate.)
func auxAfterGo(w string, next term) bool {
	if !strings.HasSuffix(w, "고") || len([]rune(w)) < 2 || next.kind != token.Hangul || strings.ContainsAny(next.gap, ",;.!?\n") {
		return false
	}
	switch next.text {
	case "있으면", "있다면", "있을", "있는데도", "계시면":
		return true
	}
	return false
}

// negatedVerbGo tells a clause that ends in a verb denied by 안 or 못 and
// joined by -고 ("보안 그룹은 따로 안 걸고 백엔드 쪽 규칙을 따르는"): the
// denial is that verb's, and what follows is claimed as it stands.
func negatedVerbGo(cur []term) bool {
	n := len(cur)
	if n < 2 || !strings.HasSuffix(cur[n-1].text, "고") {
		return false
	}
	prev := cur[n-2].text
	return prev == "안" || prev == "못"
}

// topicPause tells a comma right after the topic ("파드 IP는, 음, 한 번
// 할당되면"): the speaker pauses before saying anything of it, and the
// clause has no predicate yet.
func topicPause(cur []term, gap string) bool {
	if strings.TrimSpace(gap) != "," || len(cur) == 0 {
		return false
	}
	last := cur[len(cur)-1]
	if last.key == "" {
		return last.text == "은" || last.text == "는"
	}
	p := token.Particle(last.text)
	if last.kind != token.Hangul || p != "은" && p != "는" {
		return false
	}
	// a verb's adnominal ("제한돼 있다는", "처리하는") modifies what
	// follows; it is no topic
	stem := strings.TrimSuffix(last.text, p)
	for _, e := range []string{"다", "하", "되", "있", "없", "않"} {
		if strings.HasSuffix(stem, e) {
			return false
		}
	}
	return true
}

// openRange tells a comma inside "A부터 B, C, D까지": the range is one
// phrase until 까지 closes it ("개발부터 배포, 운영, 모니터링까지의 전체
// 생명주기를 관리"), not three clauses.
func openRange(cur []term, gap string) bool {
	if strings.TrimSpace(gap) != "," {
		return false
	}
	open := false
	for _, t := range cur {
		switch {
		case strings.HasSuffix(t.text, "부터"):
			open = true
		case strings.Contains(t.text, "까지"):
			open = false
		}
	}
	return open
}

// hypothetical marks the clause right after a condition as hypothetical too:
// in an answer, "문제가 있으면 파드가 안 만들어집니다" denies no creation. (In
// the notes the consequence is the claim: "적절하지 않다면 … 조치하는 역할".)
func hypothetical(cs []clause) []clause {
	cond := make([]bool, len(cs))
	for i, c := range cs {
		cond[i] = c.conditional
	}
	// A condition said of the sentence's topic ("파드 IP는 한 번 할당되면
	// … 그대로 유지된다") states how the topic behaves: what follows is
	// claimed of it.
	general := len(cs) > 0 && cs[0].conditional && sentenceTopic(cs) != nil
	for i := 1; i < len(cs); i++ {
		if i == 1 && general {
			continue
		}
		if cond[i-1] && !cs[i].conditional {
			cs[i].conditional = true
		}
	}
	return cs
}

// afterStep tells "다음", "후", "뒤" after a verb's past adnominal ("push한
// 다음", "빌드된 후에"): one step ends there and the next begins.
func afterStep(w string, cur []term) bool {
	switch w {
	case "다음", "다음에", "후", "후에", "뒤", "뒤에", "이후", "이후에":
	default:
		return false
	}
	if len(cur) < 3 {
		return false
	}
	prev := []rune(cur[len(cur)-2].text)
	last := prev[len(prev)-1]
	return last == '한' || last == '된' || last == '난' || last == '친' || token.Final(last) == token.FinalNieun
}

func contentOf(ts []term) int {
	n := 0
	for _, t := range ts {
		if t.key != "" {
			n++
		}
	}
	return n
}

var englishConnective = map[string]bool{
	"and": true, "but": true, "while": true, "whereas": true, "however": true, "although": true, "though": true, "unlike": true,
	"because": true, "so": true, "if": true, "when": true, "since": true, "unless": true, "which": true, "that": true,
}

// failureCondition tells a verb's condition on a failure ("장애가 나면",
// "ZooKeeper가 죽으면"): what follows it is what would happen, not what the
// candidate says the system does. (A condition in general is not: "NAT
// 게이트웨이를 쓰면 …할 수 있습니다" is a claim.)
func failureCondition(w string, cur []term) bool {
	r := []rune(w)
	if len(r) < 2 || r[len(r)-1] != '면' || strings.HasSuffix(w, "이면") {
		return false
	}
	return slices.ContainsFunc(cur, func(t term) bool {
		for _, f := range []string{"장애", "문제", "실패", "죽", "다운", "오류", "에러", "고장", "fail", "error", "down"} {
			if strings.HasPrefix(t.key, f) {
				return true
			}
		}
		return false
	})
}

func koreanClauseEnd(w string) bool {
	if copulaRa(w) {
		return true
	}
	if w == "보니" || w == "보니까" {
		return true // "쉬운 것이 아니다 보니 많은 노력이 필요": because
	}
	if w == "대신에" || w == "대신" {
		return true // "속도가 느려지는 대신에 안정성을": a trade, two claims
	}
	for _, e := range []string{"지만", "는데", "반면", "면서", "다가", "으며", "이며", "이고", "거고", "하고", "되고", "있고", "없고", "않고", "없이", "해서", "하여", "되어", "되어서", "돼서", "되서", "됐고", "없어서", "않아서", "있어서", "않아", "없어", "아니라", "아니고",
		"하면", "되면", "으면", "다면", "라면", "려면", "어지면", "아지면", "해지면", "이라", "라서", "때문에", "므로", "니까"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// copulaRa tells a noun ending in a vowel with the copula's -라 ("reason:
// it is …"), as 이라 after a consonant: "인터페이스라 Django 코드는 안
// 바뀝니다" is two clauses. Nouns that end in 라 themselves are not.
func copulaRa(w string) bool {
	rs := []rune(w)
	if len(rs) < 3 || rs[len(rs)-1] != '라' || token.Final(rs[len(rs)-2]) != token.FinalNone {
		return false
	}
	for _, n := range []string{"인프라", "카메라", "스트라", "울트라", "테라", "아니라"} {
		if strings.HasSuffix(w, n) {
			return false // a noun's own 라, or 아니라 (listed with the endings)
		}
	}
	return true
}

// newClause sets a clause's polarity (negativeTerms).
func newClause(ts []term) clause {
	c := clause{terms: ts, negative: negativeTerms(ts, func(term) bool { return true })}
	if n := len(ts); n > 0 {
		last := ts[n-1].text
		for _, e := range []string{"면", "으면", "다면", "라면", "려면"} {
			if ts[n-1].kind == token.Hangul && strings.HasSuffix(last, e) && !faceNoun(last) {
				c.conditional = true
			}
		}
	}
	return c
}

// faceNoun tells a noun that ends in 면 (a face or side, not "if"): "반면"
// (whereas) opens a contrast, and the claim after it is a claim.
func faceNoun(w string) bool {
	w = strings.TrimSuffix(w, "에")
	switch w {
	case "반면", "측면", "화면", "표면", "전면", "후면", "정면", "내면", "외면", "단면", "방면", "국면", "장면":
		return true
	}
	return false
}

// deniesItself tells a clause that ends by denying what it says ("서버 한 대를
// 말하는 게 아니라", "하나가 아닙니다"): its values are not the answer's.
func deniesItself(c clause) bool {
	n := len(c.terms)
	return c.negative && n > 0 && c.terms[n-1].neg && c.terms[n-1].key == ""
}

// factsOf extracts the bindings of one clause. Each value binds to the nearest
// entity mention in the clause (the one before it on a tie); with none, to
// carry, the subject of the previous clause. It returns the clause's subject.
func factsOf(c clause, entities map[string]string, carry string) ([]fact, string) {
	var ents []int
	for i, t := range c.terms {
		if _, ok := entities[t.key]; ok && t.key != "" {
			ents = append(ents, i)
		}
	}
	subject := carry
	if len(ents) > 0 {
		subject = c.terms[ents[0]].key
	}
	var out []fact
	for i := range c.terms {
		class, value, unit, ok := valueAt(c.terms, i)
		if !ok {
			continue
		}
		s := nearestEntity(c.terms, ents, i, carry)
		if s == "" {
			continue
		}
		out = append(out, fact{subject: s, class: class, value: value, unit: unit, carried: len(ents) == 0})
	}
	if len(ents) > 0 {
		subject = c.terms[ents[len(ents)-1]].key
	}
	return out, subject
}

func nearestEntity(ts []term, ents []int, i int, carry string) string {
	best, bestD := "", 1<<30
	for _, e := range ents {
		if e == i {
			continue
		}
		d := e - i
		if d < 0 {
			d = -d*2 - 1 // the subject usually comes first: prefer it on a tie
		} else {
			d *= 2
		}
		if d < bestD {
			best, bestD = ts[e].key, d
		}
	}
	if best == "" {
		return carry
	}
	return best
}

// valueAt recognises a closed-class value at term i.
func valueAt(ts []term, i int) (class, value, unit string, ok bool) {
	t := ts[i]
	switch {
	case len(t.key) == 2 && t.key[0] == 'l' && t.key[1] >= '1' && t.key[1] <= '7':
		return "layer", t.key, "", true
	case protocols[t.key]:
		return "protocol", t.key, "", true
	case latinKey(t.key) && i+1 < len(ts) && scopeWord(ts[i+1]):
		// "인스턴스 레벨의 보안", "서브넷 단위로": the scope a thing works at,
		// a thing by name ("최적화된 단위" says how, not where)
		return "scope", t.key, "", true
	case latinKey(t.key) && i+2 < len(ts) && latinKey(ts[i+1].key) && scopeWord(ts[i+2]):
		// "인스턴스(ENI) 단위의 방화벽": a name glossed by another, both the
		// scope ("인스턴스 단위" agrees)
		return "scope", t.key, "", true
	case t.kind == token.Number:
		return numberValue(ts, i)
	}
	if m, ok := modes[t.key]; ok {
		return "mode:" + m[0], m[1], "", true
	}
	q := quantifier(t)
	if q == "" || t.text == "한" && i > 0 && (strings.HasSuffix(ts[i-1].text, "게") || strings.HasSuffix(ts[i-1].text, "도록")) {
		return "", "", "", false // "맡게 한 모델": 하다, not "one"
	}
	// Korean also counts after the noun: "서버 한 대", "DB 하나", "노드 여러 개".
	// ("여러 개의 서버": the counter with 의 goes before the noun.)
	// With 의 the count goes before the noun it counts ("여러 개의 서버"),
	// unless a bare noun stands right before it: "서버 한 대의 프로세스" is
	// one server's processes.
	bareBefore := i > 0 && ts[i-1].key != "" && (ts[i-1].kind == token.Latin || ts[i-1].text == ts[i-1].key)
	counted := i+1 < len(ts) && ts[i+1].kind == token.Hangul && unitWords[counterOf(ts[i+1].text)] && (!strings.HasSuffix(ts[i+1].text, "의") || bareBefore)
	// "DB 하나만", "주키퍼 클러스터 하나에 여러 카프카 클러스터": 하나 counts
	// the noun before it when it says only one, or one holding many ("가용
	// 영역 하나에 장애가 나면" is no count of the zones)
	// ("주키퍼 하나에 카프카 클러스터 여러 개를": the many counted after
	// their own noun)
	manyAhead := false
	for j := i + 1; j < len(ts) && j <= i+4; j++ {
		if quantifier(ts[j]) == "many" {
			manyAhead = true
			break
		}
	}
	afterNoun := t.text == "하나만" || t.text == "하나뿐" ||
		strings.HasPrefix(t.text, "하나") && !strings.HasSuffix(t.text, "의") && manyAhead
	if (counted || afterNoun) && i > 0 && ts[i-1].key != "" && quantifier(ts[i-1]) == "" && ts[i-1].kind != token.Number {
		return "card:" + ts[i-1].key, q, ts[i-1].text, true
	}
	for j := i + 1; j < len(ts) && j <= i+3; j++ {
		if ts[j].key == "" || quantifier(ts[j]) != "" || ts[j].kind == token.Hangul && unitWords[counterOf(ts[j].text)] {
			continue // "여러 개의 서버": the counter is not what is counted
		}
		// "여러 컴퓨팅 서버의": a compound counts its last noun
		for j+1 < len(ts) && j+1 <= i+3 && ts[j].kind == token.Hangul && ts[j].text == ts[j].key && ts[j+1].key != "" && quantifier(ts[j+1]) == "" && ts[j+1].kind != token.Number {
			j++
		}
		return "card:" + ts[j].key, q, ts[j].text, true
	}
	return "", "", "", false
}

func quantifier(t term) string {
	k := t.key
	if t.kind == token.Latin || (t.kind == token.Hangul && k == "") {
		// Latin: before stemming; Hangul: a one-syllable determiner such as 한 ("one").
		k = t.text
	}
	switch {
	case quantOne[k]:
		return "one"
	case quantMany[k]:
		return "many"
	}
	return ""
}

// scopeWord tells the noun that makes the word before it a scope: 레벨,
// 단위, level.
func scopeWord(t term) bool {
	return strings.HasPrefix(t.text, "레벨") || strings.HasPrefix(t.text, "단위") || t.key == "level"
}

// numberValue reads "22 포트", "port 22", "7 layer", "30 초" and the like.
func numberValue(ts []term, i int) (class, value, unit string, ok bool) {
	n := ts[i].key
	next := func(k int) term {
		if i+k < len(ts) {
			return ts[i+k]
		}
		return term{}
	}
	if i > 0 && ts[i-1].key == "port" {
		return "port", n, "", true
	}
	nx := next(1)
	if nx.text == "번" || nx.text == "no" || nx.text == "number" || nx.text == "여" {
		nx = next(2) // "22번 포트", "30여 년"
	} else if rest, ok := strings.CutPrefix(nx.text, "여"); ok && unitWords[unitOf(rest)] {
		nx.text, nx.key = unitOf(rest), unitOf(rest) // "30여년"
	}
	if u := unitOf(nx.text); nx.kind == token.Hangul && unitWords[u] {
		nx.text = u // "년의", "개를": the counter without its particle
	}
	if nx.text == "개" || nx.text == "가지" {
		// "5개 계층": the generic counter, then what is counted
		n2 := next(2)
		if n2.key == "layer" {
			return "layer", n, "", true
		}
		if u := unitOf(n2.text); n2.kind == token.Hangul && unitFamily("num:"+u) != "num:"+u {
			return "num:" + u, n, "", true
		}
	}
	switch {
	case nx.key == "port":
		return "port", n, "", true
	case nx.key == "layer" && len(n) == 1 && n >= "1" && n <= "7":
		return "layer", "l" + n, "", true
	case nx.kind == token.Hangul && unitWords[nx.text]:
		return "num:" + nx.text, n, "", true
	case nx.key != "" && nx.kind != token.Number && strings.Trim(nx.gap, " -") == "": // "301-redirection"
		return "num:" + nx.key, n, "", true
	}
	return "", "", "", false
}

// notesFacts collects the bindings of every point; a point's own subject is
// the carry for its first clause.
func notesFacts(points []judgedPoint, entities map[string]string) []fact {
	var out []fact
	for i, p := range points {
		carry := p.subject
		for _, c := range p.clauses {
			fs, s := factsOf(c, entities, carry)
			carry = s
			for _, f := range fs {
				f.point = i
				out = append(out, f)
			}
		}
	}
	return out
}

// findConflicts compares the answer's bindings and polarities with the notes'.
func findConflicts(pr *prepared, ans *answerAnalysis) []conflict {
	var out []conflict
	out = append(out, valueConflicts(pr, ans)...)
	out = append(out, polarityConflicts(pr, ans)...)
	out = append(out, predicateConflicts(pr, ans)...)
	out = append(out, bindingConflicts(pr, ans)...)
	out = append(out, membershipConflicts(pr, ans)...)
	out = append(out, exampleConflicts(pr, ans)...)
	out = append(out, countConflicts(pr, ans)...)
	out = append(out, inventoryConflicts(pr, ans)...)
	out = append(out, drawbackConflicts(pr, ans)...)
	out = append(out, apartConflicts(pr, ans)...)
	out = append(out, orderConflicts(pr, ans, pr.g)...)
	out = append(out, numberConflicts(pr, ans)...)
	out = append(out, substitutionConflicts(pr, ans)...)
	out = append(out, abilityConflicts(pr, ans)...)
	out = append(out, onlyWhenConflicts(pr, ans)...)
	out = append(out, exclusiveConflicts(pr, ans)...)
	out = append(out, dismissalConflicts(pr, ans)...)
	out = append(out, betweenConflicts(pr, ans)...)
	// a sentence read as restating another thing's line (ownSubjectConflict)
	// is one error however many checks see it: a second point marked for it
	// would count it twice
	return slices.DeleteFunc(out, func(c conflict) bool {
		return c.restatesLine() && slices.ContainsFunc(out, func(o conflict) bool {
			return o.sent == c.sent && !o.restatesLine()
		})
	})
}

// restatesLine tells the conflict ownSubjectConflict finds: another thing's
// line restated, with the answer's clause that restates it in attrs.
func (c conflict) restatesLine() bool {
	return c.class == "substitution" && len(c.attrs) > 0
}

// exclusiveConflicts finds the other member of an antonym pair said to be
// there too ("Deny 규칙도 직접 추가할 수 있습니다") against the notes' "only
// this one" ("Security Group: Allow만 있고 나머지는 모두 Deny"), in a
// sentence about the point's subject whose clause says it of no other
// subject. Said denied ("Deny 규칙은 넣을 수 없고"), it agrees.
func exclusiveConflicts(pr *prepared, ans *answerAnalysis) []conflict {
	keys := entityKeys(pr)
	var out []conflict
	for pi, p := range pr.points {
		if p.subject == "" {
			continue
		}
		for _, pc := range p.clauses {
			i := exclusiveAt(pc.terms)
			if i < 0 {
				continue
			}
			only := pc.terms[i]
			// a sentence about the subject, or after one and naming no
			// other thing ("Security Group은 … 보안 장치예요. 규칙은 …
			// Deny만 적을 수 있고")
			about := false
			for si, s := range ans.sents {
				names := slices.ContainsFunc(s.an.terms, func(t term) bool { return t.key == p.subject })
				other := slices.ContainsFunc(s.an.terms, func(t term) bool { return t.key != p.subject && slices.Contains(keys, t.key) })
				about = names || about && !other
				if !about {
					continue
				}
				if slices.ContainsFunc(s.clauses, func(ac clause) bool { return alsoTheOther(ac, only, pr, keys, p.subject) }) {
					out = append(out, conflict{point: pi, sent: si, subject: p.subject, class: "polarity", polarity: true, clause: p.kp.Text})
					break
				}
			}
		}
	}
	return out
}

// exclusiveAt is the term a clause says is the only one ("Allow만 있고"):
// a member of an antonym pair with 만 after it, or -1.
//
// The 만 may close the noun the member names: "허용(Allow) 규칙만 있고".
func exclusiveAt(ts []term) int {
	for i := 0; i+1 < len(ts); i++ {
		if ts[i].key == "" || !(ts[i].flip || isAntonymKey(ts[i].key)) {
			continue
		}
		for j := i + 1; j < len(ts) && j <= i+2; j++ {
			if ts[j].key == "" && (ts[j].text == "만" || ts[j].text == "만이") || ts[j].key != ts[i].key && ts[j].kind == token.Hangul && (strings.HasSuffix(ts[j].text, "만") || strings.HasSuffix(ts[j].text, "만이")) && token.StripParticles(ts[j].text) != ts[j].text {
				return i
			}
			if ts[j].key != ts[i].key {
				break // another word: the 만 is not the member's
			}
		}
	}
	return -1
}

// alsoTheOther tells a clause that says the other member of only's pair is
// there as well ("Deny 규칙도 … 추가할 수 있습니다") or is the only one
// ("Deny만"), of subject or of no subject of its own, without a negation.
func alsoTheOther(ac clause, only term, pr *prepared, keys []string, subject string) bool {
	if slices.ContainsFunc(ac.terms, func(t term) bool { return t.neg }) {
		return false
	}
	if k, _, _ := clauseSubject(ac, pr, keys); k != "" && k != subject {
		return false
	}
	// the other member said to be the only one ("Deny만 적을 수 있고"
	// against "Allow만 있고 나머지는 모두 Deny"): the roles turned round
	if i := exclusiveAt(ac.terms); i >= 0 && ac.terms[i].key == only.key && ac.terms[i].flip != only.flip {
		return true
	}
	for j, t := range ac.terms {
		if t.key != only.key || t.flip == only.flip {
			continue
		}
		// 도 on the word or on the noun it names ("Deny도", "Deny 규칙도")
		if strings.HasSuffix(t.text, "도") || j+1 < len(ac.terms) && strings.HasSuffix(ac.terms[j+1].text, "도") {
			return true
		}
	}
	return false
}

// onlyWhenConflicts finds "even without X" said against the notes' "only
// when X": "요청이 없어도 비용은 계속 나갑니다", "요청이 없을 때도 함수가 …
// 과금돼서" against "request가 있을때만 작동하여 비용절감 가능".
func onlyWhenConflicts(pr *prepared, ans *answerAnalysis) []conflict {
	// what each answer sentence says "only when" and "even without" of
	only := make([]map[string]bool, len(ans.sents))
	even := make([]map[string]bool, len(ans.sents))
	for si, s := range ans.sents {
		only[si], even[si] = map[string]bool{}, map[string]bool{}
		for _, ac := range s.clauses {
			only[si][conditionNoun(ac.terms, onlyWhen)] = true
			even[si][conditionNoun(ac.terms, evenWithout)] = true
		}
	}
	var out []conflict
	for pi, p := range pr.points {
		for _, pc := range p.clauses {
			k := conditionNoun(pc.terms, onlyWhen)
			if k == "" {
				continue
			}
			for si := range ans.sents {
				if only[si][k] {
					continue // said the notes' way too
				}
				if even[si][k] {
					out = append(out, conflict{point: pi, sent: si, subject: p.subject, class: "polarity", polarity: true, clause: p.kp.Text})
					break
				}
			}
		}
	}
	return out
}

// onlyWhen is "있을 때만" (있을때만, 있을 때에만); evenWithout is "없어도",
// "없을 때도", "없는데도".
func onlyWhen(ts []term, i int) bool {
	w := ts[i].text
	if !strings.HasPrefix(w, "있을") {
		return false
	}
	return strings.HasSuffix(w, "때만") || strings.HasSuffix(w, "때에만") || i+1 < len(ts) && (ts[i+1].text == "때만" || ts[i+1].text == "때에만")
}

func evenWithout(ts []term, i int) bool {
	switch w := ts[i].text; {
	case w == "없어도" || w == "없는데도" || w == "없더라도" || w == "없을때도" || w == "없을때에도":
		return true
	case w == "없을":
		return i+1 < len(ts) && (ts[i+1].text == "때도" || ts[i+1].text == "때에도")
	}
	return false
}

// conditionNoun is the key of the noun that a condition word (at) is said
// of ("request가 있을때만" → request), or "".
func conditionNoun(ts []term, at func([]term, int) bool) string {
	for i := range ts {
		if !at(ts, i) {
			continue
		}
		for j := i - 1; j >= 0 && j >= i-2; j-- {
			if ts[j].key != "" {
				if subjectParticle(ts, j) {
					return ts[j].key
				}
				break
			}
		}
	}
	return ""
}

type sc struct{ subject, class string }

func valueConflicts(pr *prepared, ans *answerAnalysis) []conflict {
	notesVals := map[sc][]string{}
	holders := map[sc][]int{}
	for _, f := range pr.facts {
		k := sc{f.subject, f.class}
		notesVals[k] = appendUnique(notesVals[k], f.value)
		holders[k] = appendUniqueInt(holders[k], f.point)
	}
	ansVals := map[sc][]string{}
	ansSent := map[sc]int{}
	ansUnit := map[sc]string{}
	var order []sc
	for _, f := range ans.facts {
		k := sc{f.subject, f.class}
		if _, seen := ansVals[k]; !seen {
			order = append(order, k)
			ansSent[k] = f.sent
			ansUnit[k] = f.unit
		}
		ansVals[k] = appendUnique(ansVals[k], f.value)
	}
	var out []conflict
	for _, k := range order {
		nv, ok := notesVals[k]
		if !ok || intersects(nv, ansVals[k]) {
			continue
		}
		swapped := false
		for other, ov := range notesVals {
			if other.class == k.class && other.subject != k.subject && intersects(ov, ansVals[k]) {
				swapped = true
			}
		}
		for _, p := range holders[k] {
			out = append(out, conflict{
				point: p, sent: ansSent[k], subject: k.subject, class: k.class,
				notes: nv, answer: ansVals[k], swapped: swapped, unit: ansUnit[k],
			})
		}
	}
	return out
}

// polarityConflicts flags an answer clause that restates a notes clause with
// the opposite polarity: "외부에서 연결을 시작할 수 있다" against "... 시작할 수
// 없도록". The notes clause restated is the one with the best F1 of shared
// content in both directions (entities aside, question words at half weight);
// it must reach F1 0.5 with two shared words, so that an answer clause merging
// two notes clauses is not read as negating either. An answer clause that
// also restates some notes clause with its own polarity about as well (F1
// 0.6, or within 0.1 of the best) is not flagged: the notes say it that way
// somewhere (alternative reference answers do). Nor is a notes clause that
// another part of the answer restates with the right polarity.
//
// 0.5 was chosen on the development set (testdata/devset): it caught a third
// of the wrong answers' negations with 3% false alarms on strong answers;
// 0.45 caught more at 6%, 0.7 almost none.
const (
	minPolarityF1 = 0.5
	sameEscape    = 0.6
)

func polarityConflicts(pr *prepared, ans *answerAnalysis) []conflict {
	type ref struct{ p, c int }
	type match struct {
		sent   int  // the answer sentence
		ref    ref  // the notes clause it negates
		notBut bool // the clause is the "not X" of "X가 아니라 Y"
	}
	// agreed: notes clauses the answer restates somewhere with their own polarity
	agreed := map[ref]bool{}
	// saidRight: notes clauses a sentence restates with their own polarity
	// in one of its clauses ("코드를 먼저 짜는 게 아니라요, 테스트를 먼저
	// 작성하는"): the sentence says it the notes' way, and its "not X but
	// Y" clause's "not X" is the contrast, not a denial
	type sentRef struct {
		sent int
		ref  ref
	}
	saidRight := map[sentRef]bool{}
	var candidates []match
	for si, s := range ans.sents {
		if statusQuo(s.text) {
			continue
		}
		for _, ac := range s.clauses {
			if ac.conditional {
				continue
			}
			ab := newBag(analysis{terms: ac.terms})
			best, bestF, bestSame := ref{-1, -1}, 0.0, 0.0
			for pi, p := range pr.points {
				for ci, pc := range p.clauses {
					f := clauseF1(ac, ab, pc, pr)
					if samePolarity(ac, pc) {
						bestSame = math.Max(bestSame, f)
						if f >= 0.6 {
							agreed[ref{pi, ci}] = true
						}
						if f >= minPolarityF1 {
							saidRight[sentRef{si, ref{pi, ci}}] = true
						}
					}
					if f > bestF {
						best, bestF = ref{pi, ci}, f
					}
				}
			}
			if best.p < 0 || bestF < minPolarityF1 || bestSame >= sameEscape || bestSame >= bestF-0.1 {
				continue
			}
			pc := pr.points[best.p].clauses[best.c]
			if samePolarity(ac, pc) || !sameReferents(pc, ac) || otherTopics(pc, ac) || negatedElsewhere(ac, pc) || negatedElsewhere(pc, ac) || cautionFor(ac, pc) {
				continue
			}
			candidates = append(candidates, match{sent: si, ref: best, notBut: endsNotBut(ac)})
		}
	}
	var out []conflict
	seen := map[int]bool{}
	for _, m := range candidates {
		t := m.ref
		if agreed[t] || seen[t.p] || m.notBut && saidRight[sentRef{m.sent, t}] {
			continue
		}
		seen[t.p] = true
		out = append(out, conflict{point: t.p, sent: m.sent, subject: pr.points[t.p].subject, class: "polarity", polarity: true, clause: pr.points[t.p].kp.Text})
	}
	return out
}

// cautionFor tells an answer clause that warns about what a notes clause
// says must not be: "외부 규칙이나 제한이 많은 환경은 조심해야 해요" says
// what "외부적인 규칙이나 제한등이 많지 않아야 한다" says, with no negation.
func cautionFor(ac, pc clause) bool {
	shouldNot := slices.ContainsFunc(pc.terms, func(t term) bool { return t.neg && strings.HasPrefix(t.text, "않아야") })
	if !shouldNot || ac.negative {
		return false
	}
	return slices.ContainsFunc(ac.terms, func(t term) bool {
		for _, w := range []string{"조심", "주의", "피해야", "피하", "우려", "걱정", "위험"} {
			if strings.HasPrefix(t.key, w) || strings.HasPrefix(t.text, w) {
				return true
			}
		}
		return false
	})
}

// statusQuo tells a sentence that retells the situation the question set
// ("지금은 각 EC2의 EBS에 저장하고 있어서 서버마다 파일이 따로 노는 거라고
// 봅니다"): what it denies is the problem, not the notes.
func statusQuo(sent string) bool {
	for _, w := range []string{"지금은", "현재는", "기존에는", "원래는", "지금 상황은", "현재 상황은"} {
		if strings.HasPrefix(strings.TrimSpace(sent), w) {
			return true
		}
	}
	return false
}

// endsNotBut tells a clause that ends "…가 아니라(요)" or "…가 아니고": the
// "not X" of "not X but Y".
func endsNotBut(c clause) bool {
	n := len(c.terms)
	if n == 0 {
		return false
	}
	w := strings.TrimSuffix(c.terms[n-1].text, "요")
	return w == "아니라" || w == "아니고"
}

// negatedElsewhere tells a clause "X지 않고" (not X but what follows), or
// one with "X지 않도록" (so that X does not happen), whose
// only polarity is that marker, denying a word the other clause does not
// say: "데이터를 한 곳에 두지 않고 분산해서" denies 두다, not "자료를 분산해서
// 저장" that shares its other words. (A clause that ends the sentence
// denying, "관리 범위에 넣지 않는다", denies what it is about.)
func negatedElsewhere(a, b clause) bool {
	n := len(a.terms)
	if n == 0 {
		return false
	}
	// "제각각 돌아가지 않도록 실행을 관리": a purpose, so that X not happen,
	// says what is done, not that X is denied
	// "사람이 손대지 않아도 자동으로 배포되니까", "사람 손 없이 자동으로":
	// a concession or a manner, without X, says what happens all the same
	purpose := slices.ContainsFunc(a.terms, func(t term) bool { return t.neg && subordinateNegation(t.text) })
	if !purpose && a.terms[n-1].text != "않고" && a.terms[n-1].text != "말고" {
		return false
	}
	keys := analysis{terms: b.terms}.keySet()
	otherPolar := slices.ContainsFunc(b.terms, func(t term) bool { return t.neg || t.flip })
	denied := false
	for i, t := range a.terms {
		if t.flip && (keys[t.key] || otherPolar) {
			return false // an antonym member samePolarity weighs
		}
		if t.flip {
			continue // one it does not ("따로 가져가지 않고" against "통합해 관리")
		}
		if !t.neg {
			continue
		}
		j := negationTarget(a.terms, i)
		if j < 0 || keys[a.terms[j].key] {
			return false
		}
		denied = true
	}
	return denied
}

// subordinateNegation tells a negation that hangs a clause on what follows
// rather than ending it denied: so that not (않도록, 않게), even without
// (않아도, 않더라도), without (없이).
func subordinateNegation(w string) bool {
	switch strings.TrimRight(w, ".,!?") {
	case "않도록", "않게", "않아도", "않더라도", "없이", "없이도":
		return true
	}
	return false
}

// adnominalVerb tells a verb in a form that modifies the noun after it
// (빠지는, 다운된, 실패한): its last syllables are a verb ending, not a
// noun with the topic particle (서버는).
func adnominalVerb(w string) bool {
	if len([]rune(w)) < 2 {
		return false
	}
	for _, e := range []string{"지는", "하는", "되는", "리는", "기는", "가는", "오는", "나는", "된", "한", "진", "린", "난"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// samePolarity compares two clauses' polarity as they bear on what they
// share: a negation marker counts wherever it is, an antonym only when both
// clauses use its pair ("비용 절감" flips nothing in a clause about requests).
func samePolarity(a, b clause) bool {
	return effectiveNegative(a, b) == effectiveNegative(b, a)
}

func effectiveNegative(c, other clause) bool {
	keys := analysis{terms: other.terms}.keySet()
	otherPolar := false
	for _, t := range other.terms {
		otherPolar = otherPolar || t.neg || t.flip
	}
	return negativeTerms(c.terms, func(t term) bool { return keys[t.key] || otherPolar })
}

// negativeTerms tells whether terms say something negative: a negation
// marker, or the negative member of an antonym pair (deny, 막다) that counts.
// A marker that negates such a member cancels it ("거부하지 않는다" allows);
// any other pair of them is one negation said twice ("시작할 수 없게 막아
// 줍니다"), not a double negative.
func negativeTerms(ts []term, counts func(term) bool) bool {
	var cancelled []int // few: no map on this hot path (every clause pair)
	negative := false
	for i, t := range ts {
		if !t.flip || !counts(t) {
			continue
		}
		if j := negationOf(ts, i); j >= 0 {
			cancelled = append(cancelled, j)
		} else {
			negative = true
		}
	}
	for i, t := range ts {
		negative = negative || t.neg && !slices.Contains(cancelled, i)
	}
	return negative
}

// clauseF1 is the F1 of shared content between an answer clause and a notes
// clause, zero unless they share two words or more.
func clauseF1(ac clause, ab bag, pc clause, pr *prepared) float64 {
	recall, shared, whole := clauseOverlap(pc, ab, pr)
	// Two shared words, the question's at half weight; or every word of
	// the notes clause, when they are the question's own ("the terminals
	// are not connected" to a question on the terminals' connection), unless
	// the clause asks rather than states ("다운된 노드가 없는지").
	if shared < 2 && !(whole && !asksWhether(pc)) || crossedRoles(ac, pc) {
		return 0
	}
	precision, _, _ := clauseOverlap(ac, newBag(analysis{terms: pc.terms}), pr)
	if precision+recall == 0 {
		return 0
	}
	// exact: half of each side shared is F1 0.5, the threshold itself
	return 2 * precision * recall / (precision + recall)
}

// asksWhether tells a clause that is an embedded question ("다운된 노드가
// 없는지", "whether"): it names what is checked and states nothing.
func asksWhether(c clause) bool {
	for _, t := range c.terms {
		if t.text == "whether" || t.kind == token.Hangul && token.EmbeddedQuestion(t.text) {
			return true
		}
	}
	return false
}

// crossedRoles tells two clauses that name the same thing, one as where
// something comes from and the other as where it goes ("외부 서비스에서 …
// 인스턴스로" against "인스턴스가 외부의 서비스에"): they say different
// things, whatever their polarity, so one neither denies nor restates the
// other.
func crossedRoles(a, b clause) bool {
	ra, rb := roles(a.terms), roles(b.terms)
	for k, x := range ra {
		if y, ok := rb[k]; ok && x != y {
			return true
		}
	}
	return false
}

// roles reads, for each word that carries a particle of source or goal,
// which it is: 'f' from (가, 이, 에서, 쪽에서, 로부터), 't' to (에, 로, 으로,
// 쪽으로, 와의).
func roles(ts []term) map[string]byte {
	out := map[string]byte{}
	for i, t := range ts {
		if t.key == "" || t.kind == token.Number {
			continue
		}
		p := particleAfter(ts, i)
		if p == "" && i+1 < len(ts) && (ts[i+1].text == "쪽에서" || ts[i+1].text == "쪽으로") {
			p = strings.TrimPrefix(ts[i+1].text, "쪽") // "외부 서비스 쪽에서"
		}
		switch p {
		case "가", "이", "에서", "에서는", "에서도", "로부터", "으로부터", "from":
			out[t.key] = 'f'
		case "에", "에게", "로", "으로", "와의", "과의", "to", "into":
			out[t.key] = 't'
		}
	}
	return out
}

// sameReferents checks that two clauses name the same numbers and labels
// ("terminal 1" is not "terminal 6", "bulb A" not "bulb B"): otherwise a
// polarity difference is about different things.
func sameReferents(a, b clause) bool {
	ref := func(c clause) map[string]bool {
		m := map[string]bool{}
		for _, t := range c.terms {
			if t.kind == token.Number || strings.HasPrefix(t.key, "opt:") {
				m[t.key] = true
			}
		}
		return m
	}
	ra, rb := ref(a), ref(b)
	for k := range ra {
		if !rb[k] {
			return false
		}
	}
	for k := range rb {
		if !ra[k] {
			return false
		}
	}
	return true
}

// otherTopics tells two clauses about two named things: "도커: 기존
// 가상머신의 경우 무거운 OS를 가지고" is said of virtual machines, so "도커는
// 무거운 OS 없이" denies nothing of it, though the point is filed under 도커.
func otherTopics(a, b clause) bool {
	ta, tb := topicOf(a), topicOf(b)
	return ta != "" && tb != "" && ta != tb
}

// topicOf is the named thing a clause is about: a glossary term or Latin
// name marked as its topic (X는, X의 경우), or "". (A subject, "비용이 든다",
// is not enough: it is often what is said of the topic.)
func topicOf(c clause) string {
	for i, t := range c.terms {
		if !latinKey(t.key) {
			continue
		}
		marker := strings.TrimPrefix(t.text, t.key)
		if t.kind != token.Hangul && i+1 < len(c.terms) && c.terms[i+1].key == "" {
			marker = c.terms[i+1].text
		}
		switch {
		case marker == "은" || marker == "는":
			return t.key
		case i+1 < len(c.terms) && strings.HasPrefix(c.terms[i+1].text, "경우") && (marker == "의" || strings.HasSuffix(t.text, "의")):
			return t.key
		}
	}
	return ""
}

// latinKey tells a key of Latin letters: a name or a glossary term, not a
// polarity pair's key (allow, auto).
func latinKey(k string) bool {
	if len(k) < 2 || isAntonymKey(k) {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 'a' || k[i] > 'z' {
			return false
		}
	}
	return true
}

// clauseOverlap is the weighted share of clause a's content found in bag b,
// and how many words they share. Entities are left out and question words
// count half: sharing them shows the answer is on topic, not that it
// restates this clause.
func clauseOverlap(a clause, b bag, pr *prepared) (float64, float64, bool) {
	num, den, shared := 0.0, 0.0, 0.0
	words, found := 0, 0
	for _, t := range a.terms {
		if t.key == "" || pr.nameKeys[t.key] || t.key == "allow" {
			continue
		}
		w := 1.0
		if pr.qbag.match(t) >= 0.5 {
			w = 0.5
		}
		den += w
		m := b.match(t)
		num += w * m
		words++
		if m >= 0.5 {
			shared += w
			found++
		}
	}
	if den == 0 {
		return 0, 0, false
	}
	return num / den, shared, words >= 2 && found == words
}

func appendUnique(ss []string, s string) []string {
	for _, x := range ss {
		if x == s {
			return ss
		}
	}
	return append(ss, s)
}

func appendUniqueInt(ns []int, n int) []int {
	for _, x := range ns {
		if x == n {
			return ns
		}
	}
	return append(ns, n)
}

func intersects(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// sortConflicts orders conflicts by point then sentence, for stable output.
func sortConflicts(cs []conflict) {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].point != cs[j].point {
			return cs[i].point < cs[j].point
		}
		return cs[i].sent < cs[j].sent
	})
}

// reason explains a conflict in the answer's language.
func (c conflict) reason(n namer, lang string) string {
	subj := n.entity(c.subject)
	switch c.class {
	case "binding":
		return bindingReason(c, n, lang)
	case "substitution", "roles":
		return substitutionReason(c, n, lang)
	case "example":
		return exampleReason(c, n, lang)
	case "count":
		return countReason(c, lang)
	case "inventory":
		return inventoryReason(c, n, lang)
	}
	if c.class == "order" {
		if lang == "ko" {
			q := n.phrase(c.clause, lang)
			return fmt.Sprintf("노트의 \"%s\"%s 순서(또는 방향)가 반대입니다", q, josa(q, "과", "와"))
		}
		return fmt.Sprintf("the notes say \"%s\"; the answer puts it in the other order or direction", n.phrase(c.clause, lang))
	}
	if c.polarity {
		if lang == "ko" {
			q := n.phrase(c.clause, lang)
			return fmt.Sprintf("노트의 \"%s\"%s 반대로 답했습니다", q, josa(q, "과", "와"))
		}
		return fmt.Sprintf("the notes say \"%s\"; the answer states the opposite", n.phrase(c.clause, lang))
	}
	if c.class == "between" && len(c.answer) > 0 {
		// quote the line, and where the answer puts the thing
		q, said := n.phrase(c.clause, lang), c.answer[0]
		if lang == "ko" {
			return fmt.Sprintf("노트에는 \"%s\"%s 되어 있는데, 답변은 \"%s\"%s 합니다", q, josa(q, "이라고", "라고"), said, josa(said, "이라고", "라고"))
		}
		return fmt.Sprintf("the notes say \"%s\"; the answer says \"%s\"", q, said)
	}
	if strings.HasPrefix(c.class, "mode:") {
		// "이진 분류" against "다중 분류": quote the line and the answer's word.
		q, said := n.phrase(c.clause, lang), strings.Join(c.answer, ", ")
		if lang == "ko" {
			return fmt.Sprintf("노트에는 \"%s\"%s 되어 있는데, 답변은 %s%s 합니다", q, josa(q, "이라고", "라고"), said, josa(said, "이라고", "라고"))
		}
		return fmt.Sprintf("the notes say \"%s\"; the answer says %s", q, said)
	}
	if c.class == "duration" && len(c.answer) > 0 {
		// compared in days: quote the line, and the span as the answer says it
		q, said := n.phrase(c.clause, lang), c.answer[0]
		if lang == "ko" {
			return fmt.Sprintf("노트에는 \"%s\"%s 되어 있는데, 답변은 %s%s 합니다", q, josa(q, "이라고", "라고"), said, josa(said, "이라고", "라고"))
		}
		return fmt.Sprintf("the notes say \"%s\"; the answer says %s", q, said)
	}
	if c.subject == "" {
		// No entity to name: quote the line.
		if lang == "ko" {
			q := n.phrase(c.clause, lang)
			return fmt.Sprintf("노트에는 \"%s\"%s 되어 있는데, 답변의 숫자가 다릅니다", q, josa(q, "이라고", "라고"))
		}
		return fmt.Sprintf("the notes say \"%s\"; the answer gives a different number", n.phrase(c.clause, lang))
	}
	nv, av := n.values(c, c.notes, lang), n.values(c, c.answer, lang)
	if lang == "ko" {
		return fmt.Sprintf("노트에는 %s%s %s인데, 답변은 %s%s 합니다", subj, josa(subj, "이", "가"), nv, av, josa(av, "이라고", "라고"))
	}
	return fmt.Sprintf("%s is %s in the notes, the answer says %s", subj, nv, av)
}

// classLabel names a class for summaries and follow-ups.
func classLabel(class, lang string) string {
	// a scope ("서브넷 레벨") is no number: "수치를 잘못" read wrong for it
	ko := map[string]string{"layer": "계층", "port": "포트", "protocol": "프로토콜", "polarity": "설명", "duration": "기간", "scope": "적용 범위", "count": "개수"}
	en := map[string]string{"layer": "layer", "port": "port", "protocol": "protocol", "polarity": "statement", "duration": "duration", "scope": "scope", "count": "count"}
	m := en
	if lang == "ko" {
		m = ko
	}
	if l, ok := m[class]; ok {
		return l
	}
	switch {
	case strings.HasPrefix(class, "card:"):
		if lang == "ko" {
			return "개수"
		}
		return "number"
	case strings.HasPrefix(class, "mode:"):
		if lang == "ko" {
			return "방식"
		}
		return "mode"
	}
	if lang == "ko" {
		return "수치"
	}
	return "value"
}
