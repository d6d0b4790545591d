package speech

import (
	"math"
	"strings"
	"unicode"
)

// Delivery is what a speaking coach would notice: reported beside the
// content grade, never deducted from it (accent and fluency are not
// knowledge).
type Delivery struct {
	Transcript     string         `json:"transcript"`
	DurationS      float64        `json:"duration_s"`
	WordsPerMinute float64        `json:"words_per_minute"`
	Fillers        map[string]int `json:"fillers"`
	// Extensions beyond the contract.
	FillersPerMinute float64 `json:"fillers_per_minute"`
	// SyllablesPerSecond is the Korean speaking rate, pauses included;
	// ArticulationRate the same without them (syllables, or English words,
	// per second of speech), when the server gave word timestamps.
	SyllablesPerSecond float64 `json:"syllables_per_second,omitempty"`
	ArticulationRate   float64 `json:"articulation_rate,omitempty"`
	LongPauses         int     `json:"long_pauses"`
	LongestPauseS      float64 `json:"longest_pause_s"`
	Timestamps         bool    `json:"timestamps"` // pauses and articulation come from word timestamps
	Language           string  `json:"language"`
}

// longPause is a silence worth telling a candidate about.
const longPause = 2.5

// Measure reads the delivery of a transcript.
func Measure(t Transcript, lang string) Delivery {
	d := Delivery{Transcript: t.Text, DurationS: round2(t.DurationS), Fillers: Fillers(t.Text), Language: lang, Timestamps: len(t.Words) > 1}
	words := len(strings.Fields(t.Text))
	syllables := 0
	for _, r := range t.Text {
		if unicode.Is(unicode.Hangul, r) {
			syllables++
		}
	}
	if t.DurationS > 0 {
		minutes := t.DurationS / 60
		d.WordsPerMinute = round2(float64(words) / minutes)
		n := 0
		for _, c := range d.Fillers {
			n += c
		}
		d.FillersPerMinute = round2(float64(n) / minutes)
		if lang == "ko" {
			d.SyllablesPerSecond = round2(float64(syllables) / t.DurationS)
		}
	}
	if d.Timestamps {
		speaking := 0.0
		for i, w := range t.Words {
			speaking += math.Max(w.End-w.Start, 0)
			if i > 0 {
				if gap := w.Start - t.Words[i-1].End; gap > longPause {
					d.LongPauses++
					d.LongestPauseS = math.Max(d.LongestPauseS, round2(gap))
				}
			}
		}
		if speaking > 0 {
			if lang == "ko" {
				d.ArticulationRate = round2(float64(syllables) / speaking)
			} else {
				d.ArticulationRate = round2(float64(words) / speaking)
			}
		}
	}
	return d
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// Fillers and hedges. Some words are fillers only in context: "그" before a
// noun is a determiner ("그 이미지를"), alone before a pause it is a filler
// ("그, 뭐랄까"); "like" is a filler between pauses ("it's, like, fast"),
// a verb or a preposition otherwise.
var (
	alwaysFiller = map[string]bool{
		"음": true, "으음": true, "음음": true, "어": true, "어어": true, "엄": true, "아": true, "에": true, "뭐랄까": true, "그니까": true, "있잖아요": true,
		"약간": true, "이제": true, "좀": true,
		"um": true, "umm": true, "uh": true, "uhh": true, "er": true, "erm": true, "hmm": true, "basically": true, "actually": true,
	}
	pauseFiller = map[string]bool{"그": true, "저": true, "뭐": true, "막": true, "그러니까": true, "like": true, "so": true, "well": true}
	// phrases counted as one filler: hedges and discourse markers
	fillerPhrases = []string{"you know", "i mean", "kind of", "sort of", "i think"}
)

// token is a word of a transcript and whether a pause (punctuation) follows it.
type token struct {
	word    string
	pause   bool // a comma, ellipsis or sentence end right after it
	atStart bool // first word of a sentence
}

func tokens(text string) []token {
	var out []token
	start := true
	for _, f := range strings.Fields(text) {
		w := strings.ToLower(strings.TrimFunc(f, func(r rune) bool { return unicode.IsPunct(r) && r != '\'' }))
		pause := strings.ContainsAny(f[len(strings.TrimRightFunc(f, unicode.IsPunct)):], ",…;:.!?") || strings.HasSuffix(f, "...")
		if w != "" {
			out = append(out, token{word: w, pause: pause, atStart: start})
		}
		start = strings.ContainsAny(f, ".!?")
	}
	return out
}

// fillerAt tells whether token i is a filler (and how many tokens it spans).
func fillerAt(ts []token, i int) (string, int) {
	for _, p := range fillerPhrases {
		parts := strings.Fields(p)
		if i+len(parts) <= len(ts) {
			match := true
			for k, w := range parts {
				match = match && ts[i+k].word == w
			}
			if match {
				return p, len(parts)
			}
		}
	}
	w := ts[i].word
	if alwaysFiller[w] {
		return w, 1
	}
	if pauseFiller[w] {
		next := i+1 < len(ts) && alwaysFiller[ts[i+1].word]
		prevPause := i == 0 || ts[i-1].pause
		switch w {
		case "so", "well":
			// "So, …" opens an answer; "works well." ends a sentence
			if ts[i].atStart && ts[i].pause {
				return w, 1
			}
		case "like":
			if ts[i].pause && prevPause { // "it's, like, fast"
				return w, 1
			}
		default:
			if ts[i].pause || next { // "그, 뭐랄까" / "그 음"; not "그 이미지를"
				return w, 1
			}
		}
	}
	return "", 0
}

// Fillers counts the filler words and hedges of a transcript.
func Fillers(text string) map[string]int {
	ts := tokens(text)
	out := map[string]int{}
	for i := 0; i < len(ts); {
		if f, n := fillerAt(ts, i); n > 0 {
			out[f]++
			i += n
			continue
		}
		i++
	}
	return out
}

// StripFillers removes the fillers Fillers counts, so that content is graded
// on what was said, not on how.
func StripFillers(text string) string {
	fields := strings.Fields(text)
	ts := tokens(text)
	if len(ts) != len(fields) {
		return text // punctuation-only words: keep the text as it is
	}
	var keep []string
	for i := 0; i < len(fields); {
		if _, n := fillerAt(ts, i); n > 0 {
			i += n
			continue
		}
		keep = append(keep, fields[i])
		i++
	}
	return strings.Join(keep, " ")
}
