package grader

import (
	"fmt"
	"slices"
	"strings"

	"grader/notes"
	"grader/token"
)

// What an interviewer asks once a topic is done with: the thing the notes
// put beside it ("ACL은 알겠고, 보안 그룹과는 어떻게 다른가요?", "같은 컨트롤
// 플레인 컴포넌트 중에서 etcd는 어떤 역할을 하나요?", "그럼 Agile을 도입하면
// 어떤 점이 좋은가요?"). The notes' outline says what is beside what: a
// section's siblings under a parent that is itself a topic, not a grouping of
// a whole catalogue ("AWS 서비스") nor a list of projects. Asked only once
// the question is answered well (followups): after a thin or a wrong answer
// the reader took it for a jump or for carrying on as if it were right.

// gradedSection is the heading path of the one section a rubric grades
// against, with its note (its points may come from its subsections), or
// no path when the rubric draws on more than one section (a comparison).
func gradedSection(r Rubric) (string, []string) {
	var note string
	var path []string
	for _, p := range r.Passages {
		if path == nil || len(p.HeadingPath) < len(path) {
			note, path = p.Note, p.HeadingPath
		}
	}
	for _, p := range r.Passages {
		if p.Note != note || len(p.HeadingPath) < len(path) || !slices.Equal(p.HeadingPath[:len(path)], path) {
			return "", nil
		}
	}
	return note, path
}

// gradedNode is the graded section in the outline of the notes read for
// the question, or nil (several sections, a project, a company).
func (fb *followupBuilder) gradedNode(r Rubric) *headingNode {
	note, path := gradedSection(r)
	if len(path) == 0 || underProject(path) || companyPath(path) {
		return nil
	}
	var secs []notes.Heading
	for _, p := range slices.Concat(r.Passages, r.Context, r.Backing) {
		if p.Note == note {
			secs = append(secs, notes.Heading{Note: p.Note, HeadingPath: p.HeadingPath, Text: p.Text})
		}
	}
	for _, n := range headingTree(secs, fb.gl) {
		if slices.Equal(n.path, path) {
			return n
		}
	}
	return nil
}

// deeper asks about a facet under the graded section (its 장점, 단점) of
// which the answer reached nothing: a missed point asked the way the notes
// file it, without giving it away.
func (fb *followupBuilder) deeper(r Rubric, g Grade) {
	here := fb.gradedNode(r)
	if here == nil || here.kind() == kindFacet {
		return
	}
	topic := topicName(cleanHeading(here.path[len(here.path)-1]), fb.gl)
	if topic == "" {
		return
	}
	topic = asAsked(topic, fb.question)
	for _, k := range here.kids {
		facet := strings.ToLower(cleanHeading(k.path[len(k.path)-1]))
		if k.kind() != kindFacet || fb.q.has(facet) || askedListNoun(fb.question) != "" {
			continue // the question asks for a facet already
		}
		reached, any := false, false
		for i, p := range r.Points {
			if p.Passage.Note == k.note && slices.Equal(p.Passage.HeadingPath, k.path) {
				any = true
				reached = reached || statusOf(g, i) == Covered || statusOf(g, i) == Partial
			}
		}
		if !any || reached {
			continue
		}
		if q := facetQuestion(topic, facet, fb.ko()); q != "" {
			fb.add(facetKey(topic, facet), q)
			return
		}
	}
}

// sideways asks about the section beside the graded one, in the way the
// parent section relates them: two things the notes compare, another part
// of the same whole, or the other facet of the same topic.
func (fb *followupBuilder) sideways(r Rubric) {
	here := fb.gradedNode(r)
	if here == nil || here.parent == nil {
		return
	}
	parent := here.parent
	switch parent.kind() {
	case kindConcept, kindComparison, kindParts:
	default:
		return // a grouping ("AWS 서비스"), a facet, a project
	}
	if len(parent.kids) > maxBeside {
		return // a note's title over its chapters (AWS > Shell, DBA, 회사, …)
	}
	parentName := topicName(cleanHeading(parent.path[len(parent.path)-1]), fb.gl)
	// the graded section's own name: the question may have named it
	// otherwise, or named something the section only mentions
	topic := asAsked(topicName(cleanHeading(here.path[len(here.path)-1]), fb.gl), fb.question)
	if fb.seen["alt|"+topic] {
		return // why not the other one (askAlternative) is asked already
	}
	facet := here.kind() == kindFacet
	// the siblings in the notes' order, starting after the graded one
	i := slices.Index(parent.kids, here)
	sibs := slices.Concat(parent.kids[i+1:], parent.kids[:i])
	for _, sib := range sibs {
		h := cleanHeading(sib.path[len(sib.path)-1])
		kind := sib.kind()
		if kind == kindNone || kind == kindProject || (kind == kindFacet) != facet {
			// a concept's neighbour is another concept, a facet's (단점) the
			// other facet (장점) of the same topic
			continue
		}
		name := asAsked(topicName(h, fb.gl), fb.question)
		if kind == kindFacet {
			name = strings.ToLower(h)
		}
		if name == "" || fb.q.hasAll(analyze(name, fb.gl)) || fb.said.hasAll(analyze(name, fb.gl)) {
			continue // asked already, or the candidate spoke of it
		}
		rel := besideHow(here, sib)
		if q := fb.besideQuestion(parentName, topic, name, rel); q != "" {
			key := "beside|" + name
			if rel <= besideOpposite {
				key = facetKey(parentName, name)
			}
			fb.add(key, q)
			return
		}
	}
}

// maxBeside is the most sections a parent may hold for one of them to be
// asked beside another: more are a catalogue, not things side by side.
const maxBeside = 6

// How a sibling relates to the graded section.
const (
	besideFacet    = iota // the other facet of the same topic (장점 beside 단점)
	besideOpposite        // 장점 beside 단점: the same topic seen the other way
	besidePart            // another part of the same whole (etcd beside kube-scheduler)
	besideCompared        // a thing the notes describe in the same terms (ACL beside Security Group)
	besideOther           // another thing under the same topic (NAT 게이트웨이 beside ACL): not asked
)

// besideHow tells how the sibling s relates to the graded section here.
func besideHow(here, s *headingNode) int {
	if s.kind() == kindFacet {
		a, b := strings.ToLower(cleanHeading(here.path[len(here.path)-1])), strings.ToLower(cleanHeading(s.path[len(s.path)-1]))
		if opposite[a] == b {
			return besideOpposite
		}
		return besideFacet
	}
	switch here.parent.kind() {
	case kindParts:
		return besidePart
	case kindComparison:
		return besideCompared
	}
	// under a topic of its own (VPC), two sections are compared when the
	// notes describe them in the same words (ACL and Security Group share
	// Allow and 트래픽; NAT 게이트웨이 shares a word with neither)
	if sharedKeys(here.text, s.text, here.g) >= 2 {
		return besideCompared
	}
	return besideOther
}

// opposite pairs the facets that see a topic from opposite sides.
var opposite = map[string]string{"장점": "단점", "단점": "장점", "pros": "cons", "cons": "pros", "advantages": "disadvantages", "disadvantages": "advantages"}

// sharedKeys counts the distinct content words two texts share.
func sharedKeys(a, b string, g *token.Glossary) int {
	kb := analyze(b, g).keySet()
	n := 0
	for k := range analyze(a, g).keySet() {
		if kb[k] {
			n++
		}
	}
	return n
}

// besideQuestion asks about name, a section beside the graded one (topic)
// under the parent section parentName.
func (fb *followupBuilder) besideQuestion(parentName, topic, name string, rel int) string {
	ko := fb.ko()
	switch rel {
	case besideFacet, besideOpposite:
		if parentName == "" {
			return ""
		}
		q := facetQuestion(parentName, name, ko)
		if q == "" || !ko {
			return q
		}
		// not "반대로": the section chosen may not be the facet the
		// question asked, and then there is nothing to turn from
		return "그럼 " + q
	case besidePart:
		if parentName == "" || !fb.q.hasAll(analyze(topic, fb.gl)) && !fb.said.hasAll(analyze(topic, fb.gl)) {
			return "" // "같은 노드 컴포넌트" refers to the topic, which must have been said
		}
		if len(splitSentences(fb.answer)) < 2 {
			// after one sentence on a component, another component is a
			// jump past the rest of it (4 of 13 natural in round 20; 16
			// of 16 after answers of more)
			return ""
		}
		if ko {
			return fmt.Sprintf("같은 %s 중에서 %s%s 어떤 역할을 하나요?", parentName, name, josa(name, "은", "는"))
		}
		return fmt.Sprintf("And among the %s, what does %s do?", parentName, name)
	case besideCompared:
		if topic == "" || topic == name {
			return ""
		}
		if ko {
			return fmt.Sprintf("그럼 %s%s %s%s 어떻게 다른가요?", topic, josa(topic, "과", "와"), name, josa(name, "은", "는"))
		}
		return fmt.Sprintf("How do %s and %s differ?", topic, name)
	}
	// besideOther: "VPC에서 NAT 게이트웨이는 어떤 역할을 하나요?" after an
	// answer on ACL changes the subject; "X는 어떤 역할을 하나요?" of a thing
	// the question did not name was natural 0 times in 9 on a held-out set
	return ""
}

// facetKey is the topic a facet question takes in followupBuilder.seen:
// the drawbacks of a topic are asked once, whichever way (addDeeper's
// "단점이나 한계", facetQuestion's "단점이나 도입할 때 어려운 점").
func facetKey(topic, facet string) string {
	if opposite[facet] != "" && (facet == "단점" || facet == "cons" || facet == "disadvantages") {
		return "cons|" + topic
	}
	return "facet|" + facet + "|" + topic
}
