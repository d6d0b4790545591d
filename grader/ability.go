package grader

import "strings"

// What can happen, from where. Notes state what may not happen from a
// place ("외부 서비스에서 이러한 인스턴스와의 연결을 시작할 수 없도록"); an
// answer that says it can, from the same place ("외부에서 프라이빗 인스턴스로
// 먼저 연결을 맺는 것도 가능한데", "외부에서 먼저 들어오는 연결도 받아 주기
// 때문에"), reverses the direction the notes allow. The place binds the two
// clauses where their other words are too few for polarityConflicts: the
// same thing said to the place ("외부로 연결할 수 있게") is the direction the
// notes do allow.

// ability tells whether a clause says something can (+1) or cannot (-1)
// be done, or neither (0).
func ability(c clause) int {
	ts := c.terms
	for i, t := range ts {
		w := t.text
		switch {
		case (w == "수" || w == "수는" || w == "수도" || w == "수가") && i+1 < len(ts):
			next := ts[i+1].text
			if strings.HasPrefix(next, "없") {
				return -1
			}
			if strings.HasPrefix(next, "있") {
				return 1
			}
		case strings.HasPrefix(w, "불가능") || w == "불가" || strings.HasPrefix(w, "불가하"):
			return -1
		case strings.HasPrefix(w, "가능") && !negatedAt(ts, i):
			return 1
		case (w == "받아" || w == "받아서") && i+1 < len(ts) && strings.HasPrefix(ts[i+1].text, "주") || strings.HasPrefix(w, "받아주") || strings.HasPrefix(w, "받아줍"):
			// 받아 주다: lets in what comes ("들어오는 연결도 받아 주기")
			return 1
		}
	}
	return 0
}

// sourcesOf are the words a clause names as where something comes from
// (외부에서, 외부 서비스에서, 인터넷으로부터): the noun before the particle and
// the one before that in a compound.
func sourcesOf(c clause) map[string]bool {
	out := map[string]bool{}
	ts := c.terms
	for i, t := range ts {
		if t.key == "" {
			continue
		}
		switch particleAfter(ts, i) {
		case "에서", "에서는", "에서도", "에서부터", "로부터", "으로부터":
			out[t.key] = true
			if i > 0 && ts[i-1].key != "" && particleAfter(ts, i-1) == "" {
				out[ts[i-1].key] = true
			}
		}
	}
	return out
}

// abilityConflicts flags a notes clause that says something cannot be done
// from a place, when an answer clause says it can, from that place, about
// something else of the clause as well (연결), and no clause of the answer
// says from there that it cannot.
func abilityConflicts(pr *prepared, ans *answerAnalysis) []conflict {
	var out []conflict
	seen := map[int]bool{}
	for pi, p := range pr.points {
		for _, pc := range p.clauses {
			if seen[pi] || pc.conditional || ability(pc) >= 0 {
				continue
			}
			src := sourcesOf(pc)
			if len(src) == 0 {
				continue
			}
			hit, agreed := -1, false
			for si, s := range ans.sents {
				for _, ac := range s.clauses {
					if ac.conditional || !sharesKey(sourcesOf(ac), src) || !sharesContent(ac, pc, src, pr) {
						continue
					}
					switch ability(ac) {
					case 1:
						if !ac.negative && hit < 0 {
							hit = si
						}
					case -1:
						agreed = true
					}
				}
			}
			if hit >= 0 && !agreed {
				seen[pi] = true
				out = append(out, conflict{point: pi, sent: hit, subject: p.subject, class: "polarity", polarity: true, clause: p.kp.Text})
			}
		}
	}
	return out
}

func sharesKey(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

// sharesContent tells two clauses that have a content word in common
// besides the place and the names of the notes' entities.
func sharesContent(a, b clause, place map[string]bool, pr *prepared) bool {
	bb := newBag(analysis{terms: b.terms})
	for _, t := range a.terms {
		if t.key == "" || place[t.key] || pr.nameKeys[t.key] {
			continue
		}
		if bb.match(t) >= 0.8 {
			return true
		}
	}
	return false
}
