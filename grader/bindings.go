package grader

import (
	"fmt"
	"sort"
	"strings"
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
	points []int           // rubric points about it
	groups map[string]bool // where in the outline it sits: only entities of one group are comparable
}

// entityGroup is the outline position that makes entities comparable: the
// parent of a heading entity, the section of a line label ("Producer : ...").
func entityGroup(note string, headingPath []string, fromHeading bool) string {
	if fromHeading && len(headingPath) > 0 {
		headingPath = headingPath[:len(headingPath)-1]
	}
	return note + "\x00" + strings.Join(headingPath, "\x00")
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
// must use, with none of its own subject's, to count as a swap: one shared
// word is coincidence more often than not.
const minSwapWords = 2

// entityProfiles builds a profile for every entity of the rubric's points
// and of the sections beside them.
func (o *Offline) entityProfiles(r Rubric, pr *prepared) map[string]*profile {
	out := map[string]*profile{}
	get := func(k, group string) *profile {
		p := out[k]
		if p == nil {
			p = &profile{bag: newBag(analysis{}), groups: map[string]bool{}}
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
		pf.bag.add(analyze(p.kp.Text, o.g))
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
			get(k, entityGroup(p.Note, p.HeadingPath, fromHeading)).bag.add(analyze(f.text, o.g))
		}
	}
	return out
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
	keys := make([]string, 0, len(pr.profiles))
	for k := range pr.profiles {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []conflict
	carry := questionSubject(pr)
	for si, s := range ans.sents {
		for _, c := range s.clauses {
			subj := ""
			var attrs []term
			for _, t := range c.terms {
				if t.key == "" {
					continue
				}
				if _, ok := pr.profiles[t.key]; ok {
					if subj == "" {
						subj = t.key
					}
					continue
				}
				if _, isEntity := pr.entities[t.key]; isEntity || pr.qbag.match(t) >= 0.5 {
					continue
				}
				attrs = append(attrs, t)
			}
			if subj == "" {
				subj = carry
			}
			carry = subj
			own := pr.profiles[subj]
			if own == nil || len(attrs) < minSwapWords {
				continue
			}
			best, bestN := "", 0
			for _, k := range keys {
				other := pr.profiles[k]
				if k == subj || !comparable(own, other) {
					continue
				}
				n := 0
				for _, t := range attrs {
					if other.bag.match(t) >= 0.8 && own.bag.match(t) < 0.5 {
						n++
					}
				}
				if n > bestN {
					best, bestN = k, n
				}
			}
			if bestN < minSwapWords {
				continue
			}
			other := pr.profiles[best]
			mine := 0
			for _, t := range attrs {
				if own.bag.match(t) >= 0.8 && other.bag.match(t) < 0.5 {
					mine++
				}
			}
			if mine > 0 {
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
			out = append(out, conflict{point: point, sent: si, subject: subj, class: "binding", notes: []string{best}, answer: []string{subj}, swapped: true})
		}
	}
	return out
}

func comparable(a, b *profile) bool {
	for g := range a.groups {
		if b.groups[g] {
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
