package grader

import (
	"fmt"
	"strings"

	"grader/token"
)

// Examples. Notes file a name under the kind of thing it is: "웹 서버(Nginx
// 등)와 웹 어플리케이션(장고 등) 간의 인터페이스". An answer that files one
// of those names under the other kind ("Django 같은 웹 서버와 Nginx 같은 웹
// 애플리케이션") swaps them, however many of the line's words it repeats.

// instance is a name given as an example of a kind: nginx of server. lead
// is a short word said before the kind ("웹" of 웹 서버), to quote it whole.
type instance struct{ name, kind, lead string }

// leadOf is the keyless word before the kind at k ("웹"), or "".
func leadOf(ts []term, k int) string {
	if k > 0 && ts[k-1].key == "" && ts[k-1].kind == token.Hangul && !token.IsParticleWord(ts[k-1].text) && !strings.ContainsAny(ts[k].gap, ",()") {
		return ts[k-1].text + " "
	}
	return ""
}

// notesExamples reads "KIND(NAME 등)" and "KIND(NAME, NAME 등)": a name in
// parentheses right after a noun.
func notesExamples(a analysis) []instance {
	var out []instance
	ts := a.terms
	for i := 1; i < len(ts); i++ {
		if !strings.Contains(ts[i].gap, "(") || ts[i-1].key == "" || latinKey(ts[i-1].key) && ts[i-1].kind == token.Latin && !isKindWord(ts[i-1]) {
			continue
		}
		kind := ts[i-1].key
		for j := i; j < len(ts) && !strings.Contains(ts[j].gap, ")"); j++ {
			if j > i && !strings.ContainsAny(ts[j].gap, ",") {
				break // "(ex. 문서화)": a gloss, not a list of names
			}
			if latinKey(ts[j].key) && !isFacetLabel(ts[j].text) {
				out = append(out, instance{ts[j].key, kind, leadOf(ts, i-1)})
			}
		}
	}
	return out
}

// answerExamples reads "NAME 같은 KIND", "NAME 등의 KIND", "NAME나 NAME 같은
// KIND": the kind is the noun that carries the phrase's particle, at most
// two words on.
func answerExamples(a analysis) []instance {
	var out []instance
	ts := a.terms
	for i := 0; i+1 < len(ts); i++ {
		if !latinKey(ts[i].key) {
			continue
		}
		j := i + 1
		if ts[j].text != "같은" && ts[j].text != "등의" && ts[j].text != "등" {
			continue
		}
		kind, at := "", 0
		for k := j + 1; k < len(ts) && k <= j+3; k++ {
			t := ts[k]
			if t.key == "" {
				if token.IsParticleWord(t.text) {
					break // "웹 서버 와": the particle ends the phrase
				}
				continue // "웹": too short to key, part of the phrase
			}
			kind, at = t.key, k
			if t.kind == token.Hangul && t.text != t.key {
				break // "애플리케이션을": the noun carries the particle
			}
			if t.kind == token.Latin && (k+1 == len(ts) || ts[k+1].kind != token.Latin) {
				break // "애플리케이션 사이에서": the glossary's noun ends it
			}
		}
		if kind != "" {
			out = append(out, instance{ts[i].key, kind, leadOf(ts, at)})
		}
	}
	return out
}

// copulaExamples reads "NAME가 … KIND 쪽이고", "NAME는 웹 서버이고": a clause
// whose subject is a name and whose predicate is a kind of thing.
func copulaExamples(a analysis) []instance {
	var out []instance
	for _, c := range clausesOf(a) {
		ts := c.terms
		name := -1
		for i := 0; i+1 < len(ts); i++ {
			if latinKey(ts[i].key) && ts[i].kind == token.Latin {
				if p := ts[i+1].text; p == "가" || p == "이" || p == "는" || p == "은" {
					name = i
					break
				}
			}
		}
		if name < 0 {
			continue
		}
		last := len(ts) - 1
		if strings.HasPrefix(ts[last].text, "쪽") || ts[last].key == "" && isCopula(ts[last].text) {
			last-- // "웹 서버 쪽이고", "웹 서버 이고"
		}
		if last > name+1 && ts[last].kind == token.Latin && ts[last].key != ts[name].key {
			out = append(out, instance{ts[name].key, ts[last].key, leadOf(ts, last)})
		}
	}
	return out
}

// isCopula tells the copula said as a word of its own after a Latin noun.
func isCopula(w string) bool {
	for _, e := range []string{"이고", "이며", "이다", "입니다", "이에요", "예요", "이죠", "죠", "고", "다"} {
		if w == e {
			return true
		}
	}
	return false
}

// isKindWord tells a glossary noun that names a kind of thing (server,
// application), which may take examples in parentheses.
func isKindWord(t term) bool {
	switch t.key {
	case "server", "applic", "databas", "framework", "tool", "languag", "servic", "librari", "os":
		return true
	}
	return false
}

// exampleConflicts flags a point whose line files a name under one kind
// when the answer files it under another kind the same line names.
func exampleConflicts(pr *prepared, ans *answerAnalysis) []conflict {
	var out []conflict
	for pi, p := range pr.points {
		notes := notesExamples(pr.analysisOf(p.kp.Text))
		if len(notes) < 2 {
			continue // one kind alone has nothing to be swapped with
		}
		kindOf := map[string]instance{}
		kinds := map[string]bool{}
		for _, in := range notes {
			kindOf[in.name] = in
			kinds[in.kind] = true
		}
		if len(kinds) < 2 {
			continue
		}
	sents:
		for si, s := range ans.sents {
			for _, in := range append(answerExamples(s.an), copulaExamples(s.an)...) {
				if k, ok := kindOf[in.name]; ok && k.kind != in.kind && kinds[in.kind] {
					out = append(out, conflict{point: pi, sent: si, subject: p.subject, class: "example", polarity: true,
						notes:  []string{surfaceIn(p.kp.Text, in.name, pr.g), k.lead + surfaceIn(p.kp.Text, k.kind, pr.g)},
						answer: []string{in.lead + surfaceIn(s.text, in.kind, pr.g)}, clause: p.kp.Text})
					break sents
				}
			}
		}
	}
	return out
}

// exampleReason says which kind the notes file the name under.
func exampleReason(c conflict, n namer, lang string) string {
	name, kind, said := c.notes[0], c.notes[1], c.answer[0]
	if lang == "ko" {
		return fmt.Sprintf("노트에서 %s%s %s의 예인데, 답변은 %s의 예로 들었습니다", name, josa(name, "은", "는"), kind, said)
	}
	return fmt.Sprintf("the notes give %s as an example of %s; the answer gives it as %s", name, kind, said)
}
