package grader

import (
	"strings"

	"grader/token"
)

// A thing placed between two others ("웹 서버(Nginx 등)와 웹 어플리케이션(장고 등)
// 간의 인터페이스"): an answer that puts it between one of them and
// something else ("클라이언트와 Nginx 사이", "애플리케이션과 데이터베이스
// 사이") has moved it, though every word of the line may still be there.

// between is the two sides of "A와 B 사이/간", as content keys.
type between struct {
	left, right []string
	text        string // the answer's words for it, to quote
}

// betweens finds the "A와 B 사이" phrases of an analysed text.
func betweens(ts []term) []between {
	var out []between
	for i, t := range ts {
		if !betweenWord(t.text) {
			continue
		}
		// back from 사이 to the joint (와, 과, 랑), then to the left side
		j := i - 1
		var right []string
		ok := false
		for ; j >= 0 && i-j <= 5; j-- {
			if joint(ts[j]) {
				if ts[j].key != "" {
					right = append(right, ts[j].key) // "서버와": the noun carries the joint
				}
				ok = true
				break
			}
			if demonstrative(ts[j].text) {
				break // "그 사이", "둘 사이": no sides named
			}
			if ts[j].key != "" {
				right = append(right, ts[j].key)
			}
		}
		if !ok || len(right) == 0 {
			continue
		}
		var left []string
		start := j
		if ts[j].key == "" {
			start = j - 1 // a Latin word's joint is a term of its own
		} else {
			left = append(left, ts[j].key)
			right = right[:len(right)-1]
			start = j - 1
		}
		from := j
		for k := start; k >= 0 && j-k <= 4; k-- {
			if ts[k].key == "" {
				if ts[k].text == "등" || ts[k].text == "같은" {
					continue // "웹 서버(Nginx 등)와", "Nginx 같은 웹 서버와"
				}
				break
			}
			if p := token.Particle(ts[k].text); ts[k].kind == token.Hangul && p != "" {
				break // "WSGI는 클라이언트와": the topic is not a side
			}
			if strings.ContainsAny(ts[k+1].gap, ":,.;") {
				break // "broker : Producer와": the label is not a side
			}
			left = append(left, ts[k].key)
			from = k
		}
		if len(left) == 0 || len(right) == 0 {
			continue
		}
		var words []string
		for k := from; k <= i; k++ {
			words = append(words, ts[k].text)
		}
		out = append(out, between{left: left, right: right, text: strings.Join(words, " ")})
	}
	return out
}

// betweenWord is 사이 or 간 (between) with its particle.
func betweenWord(w string) bool {
	switch w {
	case "간의", "간에", "간에는", "사이", "사이의", "사이에", "사이에서", "사이에는", "사이를":
		return true
	}
	return false
}

// joint tells the particle joining two nouns ("A와 B"), on the noun or
// as a term of its own after a Latin word.
func joint(t term) bool {
	p := t.text
	if t.key != "" {
		if t.kind != token.Hangul {
			return false
		}
		p = token.Particle(t.text)
	}
	// (하고 is as often a verb's ending, "처리하고", as the joint)
	switch p {
	case "와", "과", "랑", "이랑":
		return true
	}
	return false
}

// sideOf is the side of b that shares a word with keys, or -1.
func sideOf(b between, keys []string) int {
	for s, side := range [][]string{b.left, b.right} {
		for _, k := range side {
			for _, m := range keys {
				if k == m {
					return s
				}
			}
		}
	}
	return -1
}

// betweenConflicts finds an answer sentence that places the point's thing
// between one of the notes' two sides and something that is neither.
func betweenConflicts(pr *prepared, ans *answerAnalysis) []conflict {
	var out []conflict
	var said [][]between // each answer sentence's, read once for every point
	for pi, p := range pr.points {
		line := pr.analysisOf(p.kp.Text).terms
		nbs := betweens(line)
		if len(nbs) == 0 {
			continue
		}
		if said == nil {
			said = make([][]between, len(ans.sents))
			for si, s := range ans.sents {
				said[si] = betweens(s.an.terms)
			}
		}
		nb := nbs[0]
	sentences:
		for si, s := range ans.sents {
			for _, ab := range said[si] {
				l, r := sideOf(nb, ab.left), sideOf(nb, ab.right)
				// one side is the notes', the other is neither of the notes'
				// sides: the thing has moved. Both the notes' (in either
				// order) agree; a swap of roles is read elsewhere.
				if (l >= 0) == (r >= 0) {
					continue
				}
				if !saysMoreOf(s.bag, line, nb) {
					continue
				}
				quoted := saidBetween(s.text)
				if quoted == "" {
					quoted = ab.text
				}
				out = append(out, conflict{point: pi, sent: si, subject: p.subject, class: "between",
					answer: []string{quoted}, clause: p.kp.Text})
				break sentences
			}
		}
	}
	return out
}

// saysMoreOf tells a sentence that says a word of the line besides its two
// sides (인터페이스, 중계, 소통): it speaks of the same thing placed.
func saysMoreOf(sent bag, line []term, b between) bool {
	for _, t := range line {
		if t.key == "" || sideOf(b, []string{t.key}) >= 0 {
			continue
		}
		if sent.match(t) >= 0.8 {
			return true
		}
	}
	return false
}

// saidBetween is "A와 B 사이" as the sentence says it: the between word and
// up to four words before it, from after the sentence's topic ("WSGI는").
func saidBetween(sent string) string {
	ws := strings.Fields(sent)
	for i, w := range ws {
		if !betweenWord(strings.TrimRight(w, ",.")) {
			continue
		}
		from := i
		for k := i - 1; k >= 0 && i-k <= 4; k-- {
			bare := strings.TrimRight(ws[k], ",.")
			if bare != ws[k] || strings.HasSuffix(bare, "은") || strings.HasSuffix(bare, "는") {
				break
			}
			from = k
		}
		return strings.TrimRight(strings.Join(ws[from:i+1], " "), ",.")
	}
	return ""
}

// demonstrative tells a word that points back instead of naming ("그 사이",
// "둘 사이", "이 둘 간의").
func demonstrative(w string) bool {
	switch w {
	case "그", "이", "저", "둘", "두", "그들", "양쪽", "서로":
		return true
	}
	return false
}
