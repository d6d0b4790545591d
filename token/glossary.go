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
	g := &Glossary{byFirst: map[rune][]alias{}, canon: map[string][]string{}, spell: newSpellings()}
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
		for _, a := range strings.Split(rest, ",") {
			a = strings.Join(strings.Fields(Normalize(a)), " ")
			if a == "" || a == canon || seen[a] {
				continue
			}
			seen[a] = true
			g.spell.add(a) // one word; a phrase ("load balancer") is no name to correct to
			first, _ := utf8.DecodeRuneInString(a)
			g.byFirst[first] = append(g.byFirst[first], alias{text: a, canon: canon, latin: !IsHangul(first)})
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
func (g *Glossary) Aliases(canon string) []string { return g.canon[canon] }

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
