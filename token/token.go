// Package token turns Korean/English text into the terms that search, embeddings
// and the grader compare. Korean glues particles onto nouns (서브넷은/서브넷을/서브넷의)
// and spacing varies, so whole-word matching fails there: Hangul runs yield both a
// particle-stripped stem and character bigrams. English words are lower-cased and
// stemmed. Glossary aliases (쿠버네티스, k8s → kubernetes) fold onto one canonical term.
package token

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// Kind tells what script a word is written in.
type Kind int

const (
	Latin  Kind = iota // letters and digits of non-Hangul scripts, e.g. "vpc", "l7", "route53"
	Hangul             // a run of Hangul syllables
	Number             // digits only, e.g. "443"
)

// Word is one run of letters or digits in the text, with its byte span in the
// normalised text returned by Normalize.
type Word struct {
	Text       string // lower-cased surface form
	Stem       string // English stem, or the Hangul run without trailing particles
	Kind       Kind
	Start, End int
}

// Normalize applies NFKC (full-width letters, compatibility jamo) and lower-cases.
func Normalize(s string) string {
	return strings.ToLower(norm.NFKC.String(s))
}

// IsHangul tells a Hangul syllable or jamo.
func IsHangul(r rune) bool {
	return (r >= 0xAC00 && r <= 0xD7A3) || (r >= 0x3131 && r <= 0x318E) || (r >= 0x1100 && r <= 0x11FF)
}

// Words splits already normalised text into words. A Latin word may contain
// digits ("l7", "k8s", "ec2"); Hangul and Latin letters never share a word, so
// "VPC의" yields "vpc" and "의".
func Words(s string) []Word {
	var out []Word
	start := -1
	var kind Kind
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := Word{Text: s[start:end], Kind: kind, Start: start, End: end}
		switch kind {
		case Hangul:
			w.Stem = StripParticles(w.Text)
		case Latin:
			w.Stem = stemEnglish(w.Text)
		default:
			w.Stem = w.Text
		}
		out = append(out, w)
		start = -1
	}
	for i, r := range s {
		var k Kind
		switch {
		case IsHangul(r):
			k = Hangul
		case unicode.IsDigit(r):
			k = Number
			if start >= 0 && kind == Latin {
				k = Latin
			}
		case unicode.IsLetter(r):
			k = Latin
		default:
			flush(i)
			continue
		}
		if start >= 0 && k != kind {
			// digits following a latin word stay in it ("ec2"); latin after digits joins them ("3way" -> one word)
			if kind == Number && k == Latin {
				kind = Latin
				continue
			}
			flush(i)
		}
		if start < 0 {
			start, kind = i, k
		}
	}
	flush(len(s))
	return out
}

func stemEnglish(w string) string {
	if len(w) <= 3 || !isASCIILetters(w) {
		return w
	}
	return english.Stem(w, false)
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// particles are Korean postpositions and common verb endings that glue onto a
// noun. Longest first, so "에서는" is stripped whole rather than as "는".
var particles = sortedByLength([]string{
	"으로부터", "에서부터", "이라는", "이라고", "에서는", "에게는", "으로는", "으로써", "으로서", "이므로", "이지만",
	"인가요", "일까요", "이에요", "인데요", "입니다", "합니다", "됩니다", "한다는", "된다는", "하였다", "되었다", "하는데", "이어서",
	"이라서요", "라서요", "이라서", "여서요", "인데",
	"에서", "에게", "으로", "로서", "로써", "까지", "부터", "처럼", "보다", "마다", "이나", "이란", "라는", "라고", "라서", "여서", "이랑", "랑은", "랑도",
	"이다", "이며", "이고", "과는", "와는", "에는", "에도", "은요", "하고", "하여", "해서", "하는", "하면",
	"한다", "된다", "되는", "되어", "했다", "였다", "이라", "인가", "인지", "예요", "이죠", "만을", "들이", "들은", "들을", "들의", "들에",
	"은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "만", "로", "며", "란", "다", "한", "된", "들", "랑",
})

func sortedByLength(ss []string) []string {
	// stable insertion sort by rune length, descending; the list is short and fixed
	for i := 1; i < len(ss); i++ {
		for j := i; j > 0 && utf8.RuneCountInString(ss[j]) > utf8.RuneCountInString(ss[j-1]); j-- {
			ss[j], ss[j-1] = ss[j-1], ss[j]
		}
	}
	return ss
}

// StripParticles removes one trailing particle or ending from a Hangul word,
// keeping at least two syllables of stem (a one-syllable noun such as 키 keeps
// its particle rather than becoming ambiguous). "서브넷은" → "서브넷".
func StripParticles(w string) string {
	n := utf8.RuneCountInString(w)
	if n < 3 {
		return w
	}
	for i, p := range particles {
		if n-particleRunes[i] >= 2 && strings.HasSuffix(w, p) {
			return w[:len(w)-len(p)]
		}
	}
	// 나 ("or") after a vowel, only on a long stem: 아키텍처나, 컨테이너나; a
	// short one is more often a verb (늘어나, 일어나) than a noun with 나.
	if stem, ok := strings.CutSuffix(w, "나"); ok && n >= 4 && openSyllable(stem) {
		return stem
	}
	return w
}

// openSyllable tells a word whose last syllable has no final consonant.
func openSyllable(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return Final(r) == FinalNone
}

// particleRunes caches the rune length of each particle (a hot path in ingest).
var particleRunes = func() []int {
	out := make([]int, len(particles))
	for i, p := range particles {
		out[i] = utf8.RuneCountInString(p)
	}
	return out
}()

// Bigrams returns the overlapping two-syllable grams of a Hangul word; a
// one-syllable word is returned as itself.
func Bigrams(w string) []string {
	rs := []rune(w)
	if len(rs) < 2 {
		return []string{w}
	}
	out := make([]string, 0, len(rs)-1)
	for i := 0; i+1 < len(rs); i++ {
		out = append(out, string(rs[i:i+2]))
	}
	return out
}

// stopwords are English function words that carry no content for matching.
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or but if of to in on at by for with from as is are was were be been being
		it its this that these those there their they them he she we you i me my our your his her
		do does did done not no so than then too very can could will would should may might must shall
		have has had into onto over under about above below up down out off also just only such what which who whom whose
		when where why how all any both each few more most other some own same s t`) {
		stopwords[w] = true
	}
}

// IsStopword reports whether an English word (lower-case) is a function word.
func IsStopword(w string) bool { return stopwords[w] }

// Terms returns the index terms of a text: for Latin words their stem (stop
// words dropped), for numbers the number, for Hangul words the stripped stem
// (when it has two or more syllables) and every bigram of the whole word.
// Glossary aliases are first folded onto their canonical term by g (may be nil).
func Terms(text string, g *Glossary) []string {
	var out []string
	keywords(text, g, func(t string, _ bool) { out = append(out, t) })
	return out
}

// Keywords splits the terms of a query (as Terms makes them, without
// repeats) into stems, which name what is asked, and Hangul bigrams, which
// only support them: they find 서브넷 in 서브넷팅 but also match every word
// that shares two syllables.
func Keywords(text string, g *Glossary) (stems, support []string) {
	seen := map[string]bool{}
	keywords(text, g, func(t string, bigram bool) {
		if seen[t] {
			return
		}
		seen[t] = true
		if bigram {
			support = append(support, t)
		} else {
			stems = append(stems, t)
		}
	})
	return stems, support
}

func keywords(text string, g *Glossary, emit func(term string, bigram bool)) {
	s := Normalize(text)
	if g != nil {
		s = g.Canonicalize(s)
	}
	for _, w := range Words(s) {
		switch w.Kind {
		case Hangul:
			if utf8.RuneCountInString(w.Stem) >= 2 {
				emit(w.Stem, false)
			}
			for _, b := range Bigrams(w.Text) {
				if b != w.Stem {
					emit(b, true)
				}
			}
		case Latin:
			if IsStopword(w.Text) {
				continue
			}
			emit(w.Stem, false)
		default:
			emit(w.Text, false)
		}
	}
}
