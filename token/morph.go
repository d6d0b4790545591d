package token

import (
	"strings"
	"unicode/utf8"
)

// Korean morphology, in one place: what is stem and what is ending in a
// Hangul word, which particle it carries, and whether it negates. The rules
// are string rules over syllables (no dictionary), tested on the forms the
// notes and answers use.

// verbEndings are Korean endings that StripParticles leaves on verbs
// and adjectives (연결할, 공유하기, 복제되어): stripping them lets 연결할 meet 연결을.
var verbEndings = []string{
	"하려면", "되려면", "해야", "하기", "하지", "하여", "하며", "하면", "하고", "해서", "했다", "하는", "한다",
	"되고", "되며", "되면", "되어", "되는", "된다", "됐다", "시키", "시켜", "스러운",
	"있는", "있다", "있고", "있음", "있으며", "있어", "도록", "지만", "는데", "어서", "아서", "으면", "습니다", "습니",
	"할", "함", "됨", "돼", "시", "고", "며", "면", "게", "적인", "적으로",
}

// Stem strips particles and verb endings while at least two syllables remain.
func Stem(w string) string {
	s := StripParticles(w)
	for range 3 {
		cut := false
		for _, e := range verbEndings {
			if strings.HasSuffix(s, e) && utf8.RuneCountInString(s)-utf8.RuneCountInString(e) >= 2 {
				s = s[:len(s)-len(e)]
				cut = true
				break
			}
		}
		if next := StripParticles(s); next != s {
			s, cut = next, true
		}
		if !cut {
			break
		}
	}
	return s
}

// IsParticleWord tells a word that is only a particle or ending, as after a
// Latin word or number ("L7 이고", "TCP 에서"): it carries no content.
func IsParticleWord(w string) bool {
	return Stem("가나"+w) == "가나"
}

// NegatedWord splits a word that negates a content word inside itself:
// X없다 forms (필요없는, 상관없이) and the 불 prefix (불필요, 불가능, 불안정).
func NegatedWord(w string) (string, bool) {
	if i := strings.Index(w, "없"); i > 0 && !strings.Contains(w, "없애") {
		if inner := w[:i]; utf8.RuneCountInString(inner) >= 2 {
			return inner, true
		}
	}
	if rest, ok := strings.CutPrefix(w, "불"); ok && utf8.RuneCountInString(Stem(rest)) >= 2 && !strings.HasPrefix(rest, "구하") {
		return rest, true
	}
	return "", false
}

// Negation recognises 않/없 forms, 안/못 before a verb and 아니/불가.
func Negation(w string) bool {
	if strings.Contains(w, "없애") {
		return false // 없애다 is "remove", not a negation
	}
	if strings.Contains(w, "않") || strings.Contains(w, "없") {
		return true
	}
	switch w {
	case "안", "못", "아니", "아닌", "아님", "아니다", "아니라", "아닙니다":
		return true
	}
	for _, p := range []string{"안함", "안됨", "안되", "안돼", "안됩", "안됐", "안해", "안하", "안된", "안합", "못하", "못해", "못한", "못합", "불가", "아니"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// Particle returns the particle or ending StripParticles takes off a word
// ("서브넷은" → "은"), or "".
func Particle(w string) string {
	return strings.TrimPrefix(w, StripParticles(w))
}
