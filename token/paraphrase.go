package token

import (
	_ "embed"
	"strings"
	"unicode/utf8"
)

//go:embed paraphrase.txt
var paraphraseText string

// Paraphrases are groups of words that say the same thing in the notes'
// context, for giving credit to an answer in other words; they fold
// nothing (see paraphrase.txt). Immutable after loading.
type Paraphrases struct {
	groups [][]string
}

// DefaultParaphrases returns the groups shipped with the binary.
func DefaultParaphrases() *Paraphrases {
	var p Paraphrases
	for _, line := range strings.Split(paraphraseText, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p.groups = append(p.groups, strings.Fields(line))
	}
	return &p
}

// Of returns the other words of the groups a word (a key: particles
// stripped) belongs to, by the start of the word: 간단해진 is 간단's.
func (p *Paraphrases) Of(word string) []string {
	if p == nil {
		return nil
	}
	var out []string
	for _, g := range p.groups {
		at := -1
		for i, m := range g {
			if Extends(word, m) {
				at = i
				break
			}
		}
		if at < 0 {
			continue
		}
		for i, m := range g {
			if i != at {
				out = append(out, m)
			}
		}
	}
	return out
}

// Extends tells a Hangul word that is stem with at most two syllables more,
// the endings the stemmer left (다루 / 다루기, 간단 / 간단해진); stem has two
// syllables at least, so that one syllable is no stem of everything.
func Extends(word, stem string) bool {
	n := utf8.RuneCountInString(stem)
	return n >= 2 && strings.HasPrefix(word, stem) && utf8.RuneCountInString(word)-n <= 2
}
