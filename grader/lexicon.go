package grader

import (
	"slices"

	lru "github.com/hashicorp/golang-lru/v2"

	"grader/token"
)

// lexiconSize bounds the analyses kept: about a thousand chunks' texts and
// headings, a few megabytes.
const lexiconSize = 4096

// lexicon analyses text with one glossary and remembers the analyses of the
// notes' texts. Every grade reads the same notes again (the section choice
// matches the question against each passage read; the judge folds them all
// into the bag of what the notes say), and analysing them was about half of
// a grade's time. Analyses are never changed once made, so one is shared by
// every grade that asks for its text.
type lexicon struct {
	g    *token.Glossary
	memo *lru.Cache[string, analysis]
}

func newLexicon(g *token.Glossary) *lexicon {
	memo, err := lru.New[string, analysis](lexiconSize)
	if err != nil { // only for a size below one
		panic(err)
	}
	return &lexicon{g: g, memo: memo}
}

// analyze is analyze(text, l.g), remembered.
func (l *lexicon) analyze(text string) analysis {
	if a, ok := l.memo.Get(text); ok {
		return a
	}
	a := analyze(text, l.g)
	// Clipped, so that a caller appending to the terms copies them rather
	// than writing into the array every other caller reads.
	a.terms = slices.Clip(a.terms)
	l.memo.Add(text, a)
	return a
}
