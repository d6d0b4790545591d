package grader

import (
	"regexp"
	"strings"

	"grader/token"
)

// Order. Notes give sequences as arrow chains ("kubectl → kube-apiserver →
// kubelet", "Ansible → Packer → Terraform") or with temporal words ("코드를
// 작성하기 전에 먼저 테스트를 작성", "기획안 분석 후 … 설계"). An answer that
// names the same steps in the other order ("Terraform → Packer → Ansible",
// "코드를 먼저 작성한 다음에 테스트") contradicts the notes however many of
// their words it uses.

// before is one ordered pair of content words: a happens before b.
type before struct{ a, b string }

var (
	reArrow = regexp.MustCompile(`\s*(?:→|->|=>)\s*`)
	// "A 전에 B": B first. "A 후에 B", "A 다음에 B", "A 뒤에 B", "A 이후 B",
	// "A하고 나서 B", "A하면 B" (when A happens): A first.
	reBefore = regexp.MustCompile(`(?:하기\s*)?전에|이전에`)
	reAfter  = regexp.MustCompile(`(?:한\s*|된\s*|하고\s*|되고\s*)?(?:다음에|다음|후에|후|뒤에|이후에|이후|나서|끝나면|되면|하면|었다면|았다면|였다면|했다면)(?:\s|,|$)`)
)

// temporalWords place events; they are not events.
var temporalWords = map[string]bool{"먼저": true, "나중": true, "마지막": true, "처음": true, "순서": true, "단계": true, "다음": true, "이후": true, "first": true, "then": true, "finally": true, "last": true}

// orderPairs reads the ordered pairs a text states.
func orderPairs(text string, g *token.Glossary) []before {
	var out []before
	keys := func(s string) []string {
		var out []string
		for _, k := range orderedKeys(analyze(s, g)) {
			if !temporalWords[k] {
				out = append(out, k)
			}
		}
		return out
	}
	for _, sent := range splitSentences(text) {
		if parts := reArrow.Split(sent, -1); len(parts) >= 3 || len(parts) == 2 && reArrow.MatchString(sent) {
			// A chain: every word of a step comes before every word of a later step.
			steps := make([][]string, len(parts))
			for i, p := range parts {
				steps[i] = stepKeys(p, g)
			}
			for i := range steps {
				for j := i + 1; j < len(steps); j++ {
					out = append(out, pairsOf(steps[i], steps[j])...)
				}
			}
			continue
		}
		// The first temporal word splits the sentence into what comes first
		// and what comes after.
		if loc := reBefore.FindStringIndex(sent); loc != nil {
			out = append(out, pairsOf(keys(clauseAfter(sent, loc[1])), keys(clauseBefore(sent, loc[0])))...)
		} else if loc := reAfter.FindStringIndex(sent); loc != nil && loc[0] > 0 {
			out = append(out, pairsOf(keys(clauseBefore(sent, loc[0])), keys(clauseAfter(sent, loc[1])))...)
		}
	}
	return out
}

// clauseBefore is the clause that ends at i; clauseAfter the one that
// starts at i (the next one when a comma follows the temporal word at once).
func clauseBefore(s string, i int) string {
	head := s[:i]
	if j := strings.LastIndex(head, ", "); j >= 0 {
		head = head[j+2:]
	}
	return head
}

func clauseAfter(s string, i int) string {
	tail := strings.TrimLeft(s[i:], " ,")
	if j := strings.Index(tail, ", "); j >= 0 {
		tail = tail[:j]
	}
	return tail
}

// stepKeys are the words that name a step of a chain: its first three
// content words ("EC2(AMI), EBS, RDS" is a step; a long description after
// the name is not needed to place it).
func stepKeys(s string, g *token.Glossary) []string {
	ks := orderedKeys(analyze(s, g))
	if len(ks) > 3 {
		ks = ks[:3]
	}
	return ks
}

func pairsOf(as, bs []string) []before {
	var out []before
	for _, a := range as {
		for _, b := range bs {
			if a != b {
				out = append(out, before{a, b})
			}
		}
	}
	return out
}

// orderConflicts flags a point whose sequence an answer sentence states the
// other way round (and never the right way).
func orderConflicts(pr *prepared, ans *answerAnalysis, g *token.Glossary) []conflict {
	said := map[before]int{} // pair → answer sentence that states it
	for si, s := range ans.sents {
		for _, p := range orderPairs(s.text, g) {
			if _, ok := said[p]; !ok {
				said[p] = si
			}
		}
	}
	if len(said) == 0 {
		return nil
	}
	var out []conflict
	// Lines of the section that did not become points still state an order
	// ("Ansible → Packer → Terraform 배포" under a long project section):
	// a reversal of theirs marks the point closest to them.
	flagged := map[int]bool{}
	for _, line := range pr.lines {
		for _, np := range orderPairs(line, g) {
			si, ok := said[before{np.b, np.a}]
			if _, right := said[np]; !ok || right {
				continue
			}
			if pi := closestPoint(pr, line); pi >= 0 && !flagged[pi] {
				flagged[pi] = true
				out = append(out, conflict{point: pi, sent: si, subject: pr.points[pi].subject, class: "order", polarity: true, clause: line})
			}
			break
		}
	}
	for pi, p := range pr.points {
		if flagged[pi] {
			continue
		}
		for _, np := range orderPairs(p.kp.Text, g) {
			if si, ok := said[before{np.b, np.a}]; ok {
				if _, right := said[np]; !right {
					out = append(out, conflict{point: pi, sent: si, subject: p.subject, class: "order", polarity: true, clause: p.kp.Text})
					break
				}
			}
		}
	}
	return out
}

// closestPoint is the rubric point sharing most content words with a line.
func closestPoint(pr *prepared, line string) int {
	lb := newBag(analyze(line, pr.g))
	best, bestN := -1, 0
	for i, p := range pr.points {
		n := 0
		for _, wt := range p.terms {
			if lb.match(wt.t) >= 0.8 {
				n++
			}
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	return best
}
