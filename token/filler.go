package token

import "strings"

// Spoken fillers: the sounds and words a candidate says while thinking
// ("음... 어, 그러니까 Lambda는"), which a transcript or a typed answer in the
// spoken style keeps. They say nothing, so the grader reads an answer
// without them: a filler must neither end a clause nor stand for a step.
var (
	// fillerAlways are never anything else as a word of their own.
	fillerAlways = map[string]bool{
		"음": true, "음음": true, "으음": true, "흠": true, "어": true, "어어": true, "엄": true, "에": true,
		"뭐랄까": true, "뭐지": true, "뭐더라": true, "말하자면": true, "그러니까": true,
		"um": true, "umm": true, "uh": true, "uhm": true, "erm": true, "hmm": true,
	}
	// fillerPaused are fillers only when a pause follows them ("그, 서브넷은",
	// "아... 그건"); without one they are words ("그 서브넷은").
	fillerPaused = map[string]bool{"그": true, "저": true, "아": true, "뭐": true, "막": true, "좀": true}
)

// WithoutFillers returns text without its spoken fillers and the pauses
// after them, line by line, words separated by single spaces: "음... 어,
// 그러니까 Lambda는, 음, 요청이 들어올 때만" → "Lambda는, 요청이 들어올 때만".
// A sentence end on a dropped filler ("…합니다 음.") stays with the word
// before it.
func WithoutFillers(text string) string {
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		var kept []string
		for _, f := range strings.Fields(line) {
			core := strings.TrimRight(f, ",.…")
			pause := f[len(core):]
			w := strings.ToLower(core)
			if !fillerAlways[w] && !(fillerPaused[w] && pause != "") {
				kept = append(kept, f)
				continue
			}
			if end := strings.TrimLeft(pause, ","); (end == "." || end == "") && strings.HasSuffix(pause, ".") && len(kept) > 0 {
				kept[len(kept)-1] = strings.TrimRight(kept[len(kept)-1], ",") + "."
			}
		}
		lines[i] = strings.Join(kept, " ")
	}
	return strings.Join(lines, "\n")
}
