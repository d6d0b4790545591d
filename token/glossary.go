package token

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed glossary.txt
var defaultGlossary string

// Glossary folds aliases of one concept (쿠버네티스, k8s, Kubernetes) onto a
// canonical term, so that a Korean answer matches English notes and back.
// It is immutable after loading and safe for concurrent use.
type Glossary struct {
	byFirst map[rune][]alias // aliases by their first rune, longest first
	canon   map[string][]string
	spell   *spellings // the Latin words of its terms and aliases, for Spell
	// long Hangul aliases (four syllables or more, one word) by length, for
	// NearAlias
	longHangul map[int][]alias
	stemmed    map[string]string // a canonical term's stem, when it differs, → the term
}

type alias struct {
	text  string // normalised alias
	canon string
	latin bool // needs word boundaries on both sides
}

// DefaultGlossary returns the glossary shipped with the binary.
func DefaultGlossary() *Glossary {
	g, err := ParseGlossary(strings.NewReader(defaultGlossary))
	if err != nil {
		panic(fmt.Sprintf("embedded glossary: %v", err)) // a build-time bug, caught by tests
	}
	return g
}

// LoadGlossary reads the default glossary and merges the user's file (same
// format) over it; an empty path returns the default.
func LoadGlossary(path string) (*Glossary, error) {
	if path == "" {
		return DefaultGlossary(), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open glossary: %w", err)
	}
	defer f.Close()
	return ParseGlossary(io.MultiReader(strings.NewReader(defaultGlossary), strings.NewReader("\n"), f))
}

// ParseGlossary reads lines of the form `canonical: alias, alias, ...`.
// Blank lines and lines starting with # are ignored. The canonical term must be
// one word of letters/digits (it is what the aliases become).
func ParseGlossary(r io.Reader) (*Glossary, error) {
	g := &Glossary{byFirst: map[rune][]alias{}, canon: map[string][]string{}, spell: newSpellings(), longHangul: map[int][]alias{}, stemmed: map[string]string{}}
	seen := map[string]bool{}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		head, rest, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("glossary line %d: want `canonical: alias, alias`, got %q", n, line)
		}
		canon := Normalize(strings.TrimSpace(head))
		if canon == "" || strings.IndexFunc(canon, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) >= 0 {
			return nil, fmt.Errorf("glossary line %d: canonical term %q must be one word of letters or digits", n, head)
		}
		g.spell.add(canon)
		if st := stemEnglish(canon); st != canon {
			g.stemmed[st] = canon
		}
		for _, a := range strings.Split(rest, ",") {
			a = strings.Join(strings.Fields(Normalize(a)), " ")
			if a == "" || a == canon || seen[a] {
				continue
			}
			seen[a] = true
			g.spell.add(a) // one word; a phrase ("load balancer") is no name to correct to
			first, _ := utf8.DecodeRuneInString(a)
			g.byFirst[first] = append(g.byFirst[first], alias{text: a, canon: canon, latin: !IsHangul(first)})
			if n := utf8.RuneCountInString(a); n >= 4 && allHangul(a) {
				g.longHangul[n] = append(g.longHangul[n], alias{text: a, canon: canon})
			}
			g.canon[canon] = append(g.canon[canon], a)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read glossary: %w", err)
	}
	for r := range g.byFirst {
		as := g.byFirst[r]
		sort.SliceStable(as, func(i, j int) bool { return len(as[i].text) > len(as[j].text) })
	}
	return g, nil
}

// Aliases returns the aliases recorded for a canonical term.
func (g *Glossary) Aliases(canon string) []string {
	if as, ok := g.canon[canon]; ok {
		return as
	}
	return g.canon[g.stemmed[canon]] // a term's stem, as analysis keys it: instanc
}

// Fingerprint is a stable text of the glossary's entries: equal for equal
// content, different when a term or alias changes. fmt prints maps sorted by
// key; the spelling index is derived from the entries and holds pointers,
// so it is left out. (The same text as before the index existed, so model
// names made from it did not change.)
func (g *Glossary) Fingerprint() string {
	return fmt.Sprintf("%v", struct {
		byFirst map[rune][]alias
		canon   map[string][]string
	}{g.byFirst, g.canon})
}

// Len is the number of canonical terms.
func (g *Glossary) Len() int { return len(g.canon) }

// NearAlias finds the canonical term of a long Hangul alias that w misspells
// by one letter of one syllable ("가성머신" for 가상머신: a vowel slipped).
// Notes are typed fast and never proofread; a word of four syllables or more
// that is one jamo away from a term and from no other is that term. Shorter
// words are left alone: one jamo turns 서버 into 서비 and 관리 into 권리.
func (g *Glossary) NearAlias(w string) (string, bool) {
	if g == nil {
		return "", false
	}
	rs := []rune(w)
	if len(rs) < 4 || !allHangul(w) {
		return "", false
	}
	found := ""
	for _, a := range g.longHangul[len(rs)] {
		if oneJamoApart(rs, []rune(a.text)) {
			if found != "" && found != a.canon {
				return "", false // two terms are as near: no guess
			}
			found = a.canon
		}
	}
	return found, found != ""
}

func allHangul(w string) bool {
	for _, r := range w {
		if r < 0xAC00 || r > 0xD7A3 {
			return false
		}
	}
	return true
}

// oneJamoApart tells two words of syllables that differ in one syllable, and
// there in one of its initial, vowel and final.
func oneJamoApart(a, b []rune) bool {
	diff := -1
	for i := range a {
		if a[i] != b[i] {
			if diff >= 0 {
				return false
			}
			diff = i
		}
	}
	if diff < 0 {
		return false // the same word: Canonicalize has it
	}
	x, y := int(a[diff]-0xAC00), int(b[diff]-0xAC00)
	same := 0
	if x/588 == y/588 {
		same++
	}
	if x%588/28 == y%588/28 {
		same++
	}
	if x%28 == y%28 {
		same++
	}
	return same == 2
}

// Canonicalize replaces every alias in normalised text with its canonical term,
// padded with spaces so that it stands as a word of its own. Latin aliases
// match whole words only; Hangul aliases of one or two syllables must start a
// word (so 팟 does not fire inside 스팟), longer ones may sit inside a compound
// (인터넷게이트웨이) and may carry particles after them.
func (g *Glossary) Canonicalize(s string) string {
	if g == nil || len(g.byFirst) == 0 {
		return s
	}
	var b strings.Builder
	prev := rune(' ')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		matched := false
		for _, a := range g.byFirst[r] {
			if !strings.HasPrefix(s[i:], a.text) {
				continue
			}
			end := i + len(a.text)
			next, _ := utf8.DecodeRuneInString(s[end:])
			if a.latin {
				if isWordRune(prev) || (end < len(s) && isWordRune(next) && !IsHangul(next)) {
					continue
				}
			} else if utf8.RuneCountInString(a.text) <= 2 && IsHangul(prev) {
				continue
			}
			b.WriteByte(' ')
			b.WriteString(a.canon)
			b.WriteByte(' ')
			prev = ' '
			i = end
			matched = true
			break
		}
		if !matched {
			b.WriteString(s[i : i+size])
			prev = r
			i += size
		}
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
