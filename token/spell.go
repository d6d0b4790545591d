package token

import (
	"bufio"
	_ "embed"
	"strings"
	"sync"
	"unicode"
)

//go:embed names.txt
var defaultNames string

// spellings maps a known word, lower-cased, to how it is spelled ("lambda" →
// "Lambda"; a glossary term without a listed spelling maps to itself), and
// groups the keys by length: a typo the check corrects keeps the length.
type spellings struct {
	spelled map[string]string
	byLen   map[int][]string
}

func newSpellings() *spellings {
	return &spellings{spelled: map[string]string{}, byLen: map[int][]string{}}
}

// add records a known word; a spelling with capitals wins over the
// lower-cased one the glossary keeps ("Lambda" over "lambda").
func (s *spellings) add(w string) {
	w = strings.Trim(w, ".,")
	if !spellable(w) {
		return
	}
	k := strings.ToLower(w)
	old, ok := s.spelled[k]
	if !ok {
		s.byLen[len(k)] = append(s.byLen[len(k)], k)
	}
	if !ok || old == k {
		s.spelled[k] = w
	}
}

// spellable is a word the check reads: ASCII letters, digits, '-' and '.',
// at least one letter.
func spellable(w string) bool {
	letter := false
	for _, r := range w {
		switch {
		case r < 0x80 && unicode.IsLetter(r):
			letter = true
		case r < 0x80 && (unicode.IsDigit(r) || r == '-' || r == '.'):
		default:
			return false
		}
	}
	return letter
}

// names are the embedded list's spellings, shared by every glossary.
var names = sync.OnceValue(func() *spellings {
	s := newSpellings()
	addNames(s, defaultNames)
	return s
})

// singleNames are the embedded list's one-word names, lower-cased.
var singleNames = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, fs := range nameLines(defaultNames) {
		if len(fs) == 1 {
			out[strings.ToLower(fs[0])] = true
		}
	}
	return out
})

// WellKnownName tells a word that is a well-known name on its own line of
// the embedded list ("Lambda", "Kafka"): in a title of several words ("AWS
// Lambda", "Apache Kafka") it is the name, the others its maker or kind.
func WellKnownName(w string) bool {
	return singleNames()[strings.ToLower(w)]
}

func addNames(s *spellings, list string) {
	for _, fs := range nameLines(list) {
		for _, w := range fs {
			s.add(w)
		}
	}
}

// nameLines are the words of each name in a list: a name a line, blank
// lines and # comments skipped.
func nameLines(list string) [][]string {
	var out [][]string
	sc := bufio.NewScanner(strings.NewReader(list))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, strings.Fields(line))
	}
	return out
}

// minSpellLetters: a shorter name is too often another name one letter
// away (ALB/NLB, ECS/EKS, ec2/es2) for a typo to be told from it.
const minSpellLetters = 5

// Spell corrects the typos of well-known names in a name (a heading, a
// topic): "AWS Labmda" → "AWS Lambda", "kube-apiverver" → "kube-apiserver".
// A Latin word of at least five letters that is no known word is replaced by
// the one known word (the glossary's one-word terms and aliases, the
// embedded list of names) it differs from by two neighbouring letters
// swapped or, in a word shaped like a name (kube-…, CloudFront), by one
// letter: the way a hand slips. A word near two known words, or near none,
// is left as written, and so is Hangul, whose spelling variants the glossary
// folds. g may be nil (the list of names only).
func (g *Glossary) Spell(name string) string {
	var b strings.Builder
	i := 0
	for i < len(name) {
		j := i
		for j < len(name) && spellByte(name[j]) {
			j++
		}
		if j == i {
			b.WriteByte(name[i])
			i++
			continue
		}
		b.WriteString(g.spellWord(name[i:j]))
		i = j
	}
	return b.String()
}

func spellByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
}

func (g *Glossary) spellWord(w string) string {
	letters, upper := 0, 0
	for i, r := range w {
		if unicode.IsLetter(r) {
			letters++
		}
		if unicode.IsUpper(r) && i > 0 {
			upper++
		}
	}
	k := strings.ToLower(w)
	if letters < minSpellLetters {
		return w
	}
	if g.knows(k) {
		// "Devops" is DevOps: a name whose capitals inside are part of it,
		// written with only the first one (lower-case is left: a command)
		if s, ok := names().spelled[k]; ok && s != w && upper == 0 && unicode.IsUpper([]rune(w)[0]) && innerUpper(s) {
			return s
		}
		return w
	}
	// By its shape a word is a name: joined (kube-apiverver), numbered, or
	// capitalised inside (CloudFrnot). A plain word is one of English, where
	// a word one letter from another is most often another word (later and
	// layer, served and server, Flash and Flask): lower-case it is left
	// alone, capitalised (a sentence may begin with it) only two letters
	// swapped count, a slip no English word makes of a listed name.
	compound := strings.ContainsAny(w, "-0123456789") || upper > 0 && upper < letters-1
	if !compound && k == w {
		return w
	}
	found := ""
	for _, s := range []*spellings{names(), g.spellings()} {
		if s == nil {
			continue
		}
		for _, cand := range s.byLen[len(k)] {
			if !oneSlip(k, cand, compound) || cand == found {
				continue
			}
			if found != "" {
				return w // near two names: no telling which was meant
			}
			found = cand
		}
	}
	if found == "" {
		return w
	}
	if s, ok := names().spelled[found]; ok {
		return s
	}
	return sameCase(found, w)
}

func (g *Glossary) spellings() *spellings {
	if g == nil {
		return nil
	}
	return g.spell
}

func (g *Glossary) knows(k string) bool {
	if _, ok := names().spelled[k]; ok {
		return true
	}
	if s := g.spellings(); s != nil {
		_, ok := s.spelled[k]
		return ok
	}
	return false
}

// oneSlip tells two lower-cased words of one length that differ in two
// neighbouring letters swapped ("labmda"/"lambda") or, when sub, in one
// letter ("apiverver"/"apiserver"). A digit that differs is another name,
// not a slip (ipv4/ipv6, s3/s4).
func oneSlip(a, b string, sub bool) bool {
	if len(a) != len(b) || a == b {
		return false
	}
	var diff []int
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] {
			if len(diff) == 2 || !isLetterByte(a[i]) || !isLetterByte(b[i]) {
				return false
			}
			diff = append(diff, i)
		}
	}
	switch len(diff) {
	case 1:
		return sub
	case 2:
		i, j := diff[0], diff[1]
		return j == i+1 && a[i] == b[j] && a[j] == b[i]
	}
	return false
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' }

// sameCase spells a lower-cased word with the case of the word it replaces:
// all capitals, a capital first, or as it is.
func sameCase(k, like string) string {
	switch {
	case strings.ToUpper(like) == like:
		return strings.ToUpper(k)
	case like[0] >= 'A' && like[0] <= 'Z':
		return strings.ToUpper(k[:1]) + k[1:]
	}
	return k
}

// innerUpper tells a name with a capital after its first letter (DevOps).
func innerUpper(s string) bool {
	for i, r := range s {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// VowelSlip tells two Hangul words of four syllables or more that differ in
// one inner syllable's vowel only (가성머신 / 가상머신, 운영증인 / 운영중인):
// the typo a note keeps that a quote should not repeat. Words that differ in
// a consonant (스케일인 / 스케일업) are different words, and a last syllable
// is where endings and particles differ (캡슐화하여 / 캡슐화해서,
// 방법론에 / 방법론이), a first where words do.
func VowelSlip(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) || len(ra) < 4 {
		return false
	}
	diff := 0
	for i := range ra {
		if ra[i] == rb[i] {
			continue
		}
		// Final is -1 for anything but a syllable
		if i == 0 || i == len(ra)-1 || Final(ra[i]) < 0 || Final(rb[i]) < 0 || initial(ra[i]) != initial(rb[i]) || Final(ra[i]) != Final(rb[i]) {
			return false
		}
		diff++
	}
	return diff == 1
}

// initial is a syllable's leading consonant, as an index (ㄱ = 0).
func initial(r rune) int { return int(r-0xAC00) / (21 * 28) }
