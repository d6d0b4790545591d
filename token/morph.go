package token

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Korean morphology, in one place: what is stem and what is ending in a
// Hangul word, which particle it carries, and whether it negates. The rules
// are string rules over syllables (no dictionary), tested on the forms the
// notes and answers use.

// verbEndings are Korean endings that StripParticles leaves on verbs
// and adjectives (연결할, 공유하기, 복제되어): stripping them lets 연결할 meet 연결을.
var verbEndings = []string{
	// the passive 되다 contracted and spoken (유지돼서, 설정됐고, 적용돼요)
	"되어서", "돼서", "돼요", "됐어요", "됐는데", "됐고", "됐",
	"하려면", "되려면", "하는데", "되는데", "해야", "하기", "하지", "하진", "되진", "하여", "하며", "하면", "하고", "해서", "했다", "하는", "한다",
	"되고", "되며", "되면", "되어", "되는", "된다", "됐다", "시키", "시켜", "스러운",
	"하니까", "되니까", "하는지", "되는지", "있는지", "있는", "있다", "있고", "있음", "있으며", "있어", "도록", "지만", "는데", "어서", "아서", "으면", "습니다", "습니",
	"할", "함", "됨", "돼", "시", "고", "며", "면", "게", "적인", "적으로",
	// spoken connectives a candidate ends a sentence with (돌아가거든요,
	// 조절되니까), their 요 taken off first (spokenPolite)
	"하거든", "되거든", "거든", "니까",
	// an interviewer's honorific question endings: 처리하시겠어요, 설계하셨나요, 구성하시나요
	"하시겠어요", "하시겠습니까", "하셨어요", "하셨나요", "하셨는지", "하시나요", "하시는지", "되셨나요",
}

// Stem strips particles and verb endings while at least two syllables
// remain, and folds loanword spelling variants (FoldSpelling).
func Stem(w string) string {
	return FoldSpelling(stem(w))
}

// spokenPolite are the spoken sentence endings that take a polite 요 after
// a connective (절감되고요, 돌아가거든요, 있는데요): without the 요 they
// are endings the list above knows.
var spokenPolite = []string{"고요", "거든요", "는데요", "니까요", "잖아요"}

func stem(w string) string {
	s := StripParticles(w)
	for _, e := range spokenPolite {
		if strings.HasSuffix(s, e) {
			s = strings.TrimSuffix(s, "요")
			break
		}
	}
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

// The final consonants (받침) of a Hangul syllable, numbered as Unicode
// composes syllables: 가 + final = the syllable with it (간, 갈, 감, 갑).
const (
	FinalNone  = 0
	FinalNieun = 4  // ㄴ
	FinalRieul = 8  // ㄹ
	FinalMieum = 16 // ㅁ
	FinalBieup = 17 // ㅂ
	FinalSsang = 20 // ㅆ
)

// Final is the final consonant of a Hangul syllable (FinalNone for an open
// one), or -1 for any other rune.
func Final(r rune) int {
	if r < 0xAC00 || r > 0xD7A3 {
		return -1
	}
	return int((r - 0xAC00) % 28)
}

// Vowel is the index of a Hangul syllable's vowel (0 ㅏ, 4 ㅓ, 6 ㅕ, 14 ㅝ,
// in the Unicode order of medials), or -1 for any other rune.
func Vowel(r rune) int {
	if r < 0xAC00 || r > 0xD7A3 {
		return -1
	}
	return int((r - 0xAC00) % 588 / 28)
}

// Infinitive tells a word in a verb's -아/-어 form (알아, 갖춰, 써, 펴): an
// open last syllable in ㅏ, ㅓ, ㅕ or ㅝ. Nouns end so too (서버, 데이터):
// read it only where a verb is expected, before an auxiliary (알아 둬야).
func Infinitive(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	if Final(r) != FinalNone {
		return false
	}
	switch Vowel(r) {
	case 0, 4, 6, 14:
		return true
	}
	return false
}

// WithFinal is Hangul syllable r with final consonant f in place of its own
// (갑, FinalNone → 가; 드, FinalRieul → 들). Other runes are returned as they are.
func WithFinal(r rune, f int) rune {
	own := Final(r)
	if own < 0 {
		return r
	}
	return r - rune(own) + rune(f)
}

// FoldSpelling folds the y-vowels after ㅈ, ㅊ and ㅉ onto the plain ones
// (쳐 → 처, 쥴 → 줄): Korean does not pronounce the difference, so loanwords
// are spelled both ways (아키텍쳐/아키텍처, 스케쥴/스케줄).
func FoldSpelling(w string) string {
	if !strings.ContainsFunc(w, foldable) {
		return w
	}
	rs := []rune(w)
	for i, r := range rs {
		if foldable(r) {
			s := r - 0xAC00
			initial, vowel, final := s/588, (s%588)/28, s%28
			rs[i] = 0xAC00 + initial*588 + plainVowel[vowel]*28 + final
		}
	}
	return string(rs)
}

// plainVowel maps each medial vowel index to itself, y-vowels to their plain
// partner: ㅑ→ㅏ, ㅒ→ㅐ, ㅕ→ㅓ, ㅖ→ㅔ, ㅛ→ㅗ, ㅠ→ㅜ.
var plainVowel = func() [21]rune {
	var v [21]rune
	for i := range v {
		v[i] = rune(i)
	}
	v[2], v[3], v[6], v[7], v[12], v[17] = 0, 1, 4, 5, 8, 13
	return v
}()

// foldable tells a syllable with initial ㅈ, ㅊ or ㅉ and a y-vowel.
func foldable(r rune) bool {
	if r < 0xAC00 || r > 0xD7A3 {
		return false
	}
	s := r - 0xAC00
	initial, vowel := s/588, (s%588)/28
	if initial != 12 && initial != 13 && initial != 14 { // ㅈ ㅉ ㅊ
		return false
	}
	return plainVowel[vowel] != vowel
}

// boundNouns are nouns that cannot stand alone (것 "thing", 수 "way", 데
// "place", 뿐, 바, 점): with a particle or copula they are grammar, not content.
var boundNouns = []string{"것", "거", "건", "걸", "게", "수", "데", "뿐", "바", "점"}

// copula are the endings of 이다 after a vowel (거예요, 건가요, 거죠).
var copula = map[string]bool{"가요": true, "예요": true, "에요": true, "죠": true, "지요": true, "데요": true, "야": true}

// IsBoundNoun tells a word that is a bound noun with at most a particle or
// copula ending (것만, 건가요, 수는, 거예요).
func IsBoundNoun(w string) bool {
	for _, b := range boundNouns {
		if rest, ok := strings.CutPrefix(w, b); ok && (rest == "" || StripParticles("가나"+rest) == "가나" || copula[rest]) {
			return true
		}
	}
	return false
}

// IsParticleWord tells a word that is only a particle or ending, as after a
// Latin word or number ("L7 이고", "TCP 에서"): it carries no content.
func IsParticleWord(w string) bool {
	for _, v := range particleLookalikes {
		if strings.HasPrefix(w, v) {
			return false
		}
	}
	return Stem("가나"+w) == "가나"
}

// SuffixWord tells a word that is only the suffix 화 (化) with its endings
// ("화하지", "화된", "화를"), or 적 (的: "적", "적인", "적으로"): what is
// left of 동기화하지 or 비동기적 when the glossary writes 동기 as a name of
// its own. It says nothing the name does not.
func SuffixWord(w string) bool {
	if rest, ok := strings.CutPrefix(w, "적"); ok {
		return rest == "" || rest == "인" || rest == "으로" || rest == "이다" || rest == "이고" || rest == "이며" || rest == "인데"
	}
	rest, ok := strings.CutPrefix(w, "화")
	if !ok || rest == "면" {
		return false // 화면 (a screen: "UI화면")
	}
	return rest == "" || IsParticleWord(rest) || Stem("가나"+rest) == "가나"
}

// particleLookalikes are verb stems spelled like a run of particles and
// endings (만+들+고, 가+지+고, 나+누+어): 만들고 makes, it is no ending.
var particleLookalikes = []string{"만들", "가지", "가져", "나누", "나눠", "다루", "다뤄", "이루", "이뤄", "도와", "들어", "들여", "보내", "보다", "와서"}

// NegatedWord splits a word that negates a content word inside itself:
// X없다 forms (필요없는, 상관없이) and the 불 prefix (불필요, 불가능, 불안정).
func NegatedWord(w string) (string, bool) {
	if i := strings.Index(w, "없"); i > 0 && !strings.Contains(w, "없애") {
		if inner := w[:i]; utf8.RuneCountInString(inner) >= 2 {
			return inner, true
		}
	}
	if rest, ok := strings.CutPrefix(w, "불"); ok && utf8.RuneCountInString(Stem(rest)) >= 2 {
		for _, n := range negatable {
			if strings.HasPrefix(rest, n) {
				return rest, true
			}
		}
	}
	return "", false
}

// negatable are the words 불 negates as a prefix (불가능, 불필요, 불안정);
// elsewhere 불 is part of the word (불용어 "stopword", 불구하고 "despite").
var negatable = []string{"가능", "필요", "안정", "확실", "충분", "완전", "일치", "균형", "투명", "명확", "분명", "규칙", "편하", "편리", "리하", "변하", "허용", "합리"}

// Negation recognises 않/없 forms, 안/못 before a verb and 아니/불가.
func Negation(w string) bool {
	switch strings.TrimRight(w, ".,!?") {
	case "아니요", "아뇨", "아니오":
		return false // "No," answering a yes/no question: it denies the question's guess, not the sentence
	}
	if strings.Contains(w, "없애") || strings.Contains(w, "없어졌") || strings.Contains(w, "없어진") || strings.Contains(w, "없어지") || strings.Contains(w, "없어져") {
		// 없애다 is "remove"; 없어지다 "go away" says it was there before
		// ("sync하던 번거로움이 없어졌습니다"): neither denies it
		return false
	}
	if strings.Contains(w, "않") || strings.Contains(w, "없") {
		return true
	}
	switch w {
	case "안", "못", "아니", "아닌", "아님", "아니다", "아니라", "아닙니다":
		return true
	}
	if strings.HasPrefix(w, "별개") || strings.HasPrefix(w, "무관") && !strings.HasPrefix(w, "무관하게") {
		return true // "클라우드는 MSA와는 별개 문제": denies the relation the notes state
	}
	for _, p := range []string{"안함", "안됨", "안되", "안돼", "안됩", "안됐", "안해", "안하", "안된", "안합", "못하", "못해", "못한", "못합", "불가", "아니"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// PersonNoun splits the person suffix 자 off a verbal noun of two or more
// syllables (경험자 → 경험, 관리자 → 관리): "운영 경험자" asks for 경험.
func PersonNoun(w string) (string, bool) {
	if rest, ok := strings.CutSuffix(w, "자"); ok && utf8.RuneCountInString(rest) >= 2 {
		return rest, true
	}
	return "", false
}

// GiveAuxiliary tells 줄 as the auxiliary 주다 ("보내 줄 수 있다", "해 줄
// 거예요"), not 줄다 "decrease": before 수/거/것, or after a verb's -아/-어
// form (보내, 해, 나눠).
func GiveAuxiliary(prev, w, next string) bool {
	if w != "줄" {
		return false
	}
	switch next {
	case "수", "거", "것", "게", "겁니다", "거예요", "거에요":
		return true
	}
	return beforeAuxiliary(prev)
}

// beforeAuxiliary tells a verb's -아/-어 form that an auxiliary follows
// (보내, 해, 나눠, 열어): an open last syllable in ㅏ ㅐ ㅓ ㅕ ㅘ ㅝ.
func beforeAuxiliary(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	if Final(r) != FinalNone {
		return false
	}
	switch Vowel(r) {
	case 0, 1, 4, 6, 9, 14:
		return true
	}
	return false
}

// AuxiliaryAfterGo tells the word after a verb's -고 form that makes one
// verb of the two: 있다 (놀고 있는, the verb going on), 싶다 (공유하고 싶을
// 때, wanting it), 계시다 (하고 계신), 말다 (잊고 말았다). Between them
// is no clause boundary: "공유하고 | 싶을 때도" quoted the second half
// alone.
func AuxiliaryAfterGo(next string) bool {
	for _, p := range []string{"있", "싶", "계시", "계신", "계셨", "말았", "말아"} {
		if strings.HasPrefix(next, p) {
			return true
		}
	}
	return false
}

// Indirect turns a question's last word into the indirect question a quote
// of it ends with ("어떤 순서로 진행하셨어요" → "진행하셨는지", "무슨 일을
// 맡나요" → "맡는지", "어떤 서비스인가요" → "서비스인지", "새 파드가
// 뜰까요" → "뜰지"), and tells whether it did. A quote that keeps the
// question's own 어요 reads as the interviewer reading it out.
func Indirect(w string) (string, bool) {
	for _, c := range []struct{ end, to string }{
		{"셨어요", "셨는지"}, {"었어요", "었는지"}, {"았어요", "았는지"}, {"했어요", "했는지"}, {"였어요", "였는지"},
		{"됐어요", "됐는지"}, {"졌어요", "졌는지"}, {"셨고요", "셨는지"}, {"었고요", "었는지"}, {"했고요", "했는지"}, {"하고요", "하는지"},
		{"거예요", "건지"}, {"거에요", "건지"}, {"건가요", "건지"}, {"뭔가요", "뭔지"},
		{"인가요", "인지"},
		// an adjective takes -(으)ㄴ지, a verb 는지: 좋나요 → 좋은지
		{"좋나요", "좋은지"}, {"많나요", "많은지"}, {"괜찮나요", "괜찮은지"}, {"같나요", "같은지"}, {"높나요", "높은지"},
		{"낮나요", "낮은지"}, {"적나요", "적은지"}, {"작나요", "작은지"}, {"크나요", "큰지"}, {"다르나요", "다른지"},
		{"빠르나요", "빠른지"}, {"어렵나요", "어려운지"}, {"쉽나요", "쉬운지"}, {"필요하나요", "필요한지"},
		{"중요하나요", "중요한지"}, {"가능하나요", "가능한지"},
		{"나요", "는지"},
	} {
		// a bare 나요 is no question of its own; a longer ending is a word
		if stem, ok := strings.CutSuffix(w, c.end); ok && (stem != "" || utf8.RuneCountInString(c.end) >= 3) {
			return stem + c.to, true
		}
	}
	// "다른가요", "좋은가요": an adjective's ㄴ form before 가요
	if stem, ok := strings.CutSuffix(w, "가요"); ok && stem != "" {
		if r, _ := utf8.DecodeLastRuneInString(stem); Final(r) == FinalNieun {
			return stem + "지", true
		}
	}
	// "뜰까요", "될까요": the ㄹ form before 까요
	if stem, ok := strings.CutSuffix(w, "까요"); ok && stem != "" {
		if r, _ := utf8.DecodeLastRuneInString(stem); Final(r) == FinalRieul {
			return stem + "지", true
		}
	}
	return w, false
}

// GiveAfterVerb tells a form of the auxiliary 주다 after a verb's -아/-어
// form ("열어 주기 때문에", "보내 주는", "해 줍니다"): it says the verb is
// done for someone, nothing of its own; 주기 alone is also a noun (배포
// 주기), which only the verb before tells apart.
func GiveAfterVerb(prev, w string) bool {
	if !beforeAuxiliary(prev) {
		return false
	}
	switch strings.TrimRight(w, ".,!?") {
	case "주기", "주고", "주는", "주면", "주며", "주지", "주니까", "줘서", "줘야", "준다", "줍니다", "줘요", "주죠", "줬고", "줬다", "줬습니다":
		return true
	}
	return false
}

// PolarityAdverb tells the adverbs that go with a negation or a need and
// say how strongly (굳이 없어도 된다, 전혀 안 된다, 꼭 필요하다): they are not
// what is negated; the word before them is.
func PolarityAdverb(w string) bool {
	switch w {
	case "굳이", "꼭", "반드시", "전혀", "딱히", "별로", "그다지", "그렇게", "절대", "절대로", "결코", "아예", "더는", "더이상", "크게", "특별히", "따로":
		return true
	}
	return false
}

// TimeAdverb tells the adverbs that place a state in time or say how much
// of it there is (아직 하나도 넣지 않은 상태, 이미 떠 있는): a question's part
// that says them asks about the state, and an answer need not repeat them.
func TimeAdverb(w string) bool {
	switch w {
	case "아직", "하나도", "이미", "벌써", "여전히", "아무것도", "아직도", "계속":
		return true
	}
	return false
}

// PastTense tells a verb that ends a sentence in the past (했습니다,
// 만들었어요, 썼고요, 됐죠): a ㅆ stem before a final ending, other than
// 있 (있습니다) and 겠 (하겠습니다), whose ㅆ is no tense.
func PastTense(w string) bool {
	w = strings.TrimRight(w, ".!?,")
	for _, e := range []string{"습니다", "는데요", "어요", "아요", "고요", "죠", "다", "어"} {
		stem, ok := strings.CutSuffix(w, e)
		if !ok || stem == "" {
			continue
		}
		r, _ := utf8.DecodeLastRuneInString(stem)
		return Final(r) == FinalSsang && r != '있' && r != '겠'
	}
	return false
}

// EmbeddedQuestion tells a verb ending in the -ㄴ지/-는지 of an indirect
// question (없는지, 적절한지, 되어 있는지, 서버인지): the clause names what is
// asked or checked and states nothing. After 는, 은 or 인 the ending is
// read as such; after another ㄴ syllable it needs a stem before it, so
// that a two-syllable noun (전지) is not.
func EmbeddedQuestion(w string) bool {
	rs := []rune(w)
	n := len(rs)
	if n < 2 || rs[n-1] != '지' || Final(rs[n-2]) != FinalNieun {
		return false
	}
	switch rs[n-2] {
	case '는', '은', '인':
		return true
	}
	return n >= 3
}

// shortVerbs are verbs and adjectives of one syllable whose stem changes
// as they are said (ㄹ dropped: 들다 → 든다, 드는, 듭니다; 길다 → 긴,
// 깁니다): Stem keeps two syllables and cannot tell them, so 든다 and 들지
// would be two words, and "비용이 든다" against "비용이 거의 들지 않아서" no
// statement denied. Each maps a form's beginning (든다는, 드는데, 들지만
// too) to the dictionary form; a bare form of one syllable only whole.
var shortVerbs = []struct {
	base   string
	begins []string // forms a word may begin with
	whole  []string // forms that are the whole word
}{
	{"들다", []string{"든다", "드는", "듭니", "들지", "들고", "들며", "들면", "들게", "들었", "들어서", "들어요"}, []string{"든", "들"}},
	{"길다", []string{"길지", "길고", "길게", "길어", "깁니", "길며"}, []string{"긴"}},
	// 받다: 받아, 받아서 and 받아들여 are one word ("로그를 받아" against
	// "Elasticsearch가 먼저 받아서", "request을 받아들여" against "요청을 받아서")
	{"받다", []string{"받아", "받는", "받고", "받으", "받습", "받을", "받은", "받았", "받지"}, []string{"받"}},
}

// ShortVerb returns the dictionary form of a one-syllable verb or
// adjective said in one of its forms (든다, 들지, 든다는 → 들다).
func ShortVerb(w string) (string, bool) {
	w = strings.TrimRight(w, ".,!?")
	for _, v := range shortVerbs {
		if slices.Contains(v.whole, w) {
			return v.base, true
		}
		for _, b := range v.begins {
			if strings.HasPrefix(w, b) {
				return v.base, true
			}
		}
	}
	return "", false
}

// Causal tells a word that gives a reason: a causal ending (바뀌어서,
// 바뀌니까, 때문에, 위해, 라서, 므로, 덕분에) or the noun 이유 itself.
func Causal(w string) bool {
	w = strings.TrimRight(w, ".,!?")
	for _, p := range []string{"때문", "이유", "위해", "덕분", "덕에"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	// 워서: -어서 after a ㅂ-irregular stem (번거로워서, 어려워서)
	for _, e := range []string{"어서", "아서", "해서", "돼서", "워서", "니까", "니깐", "므로", "라서", "이라", "어서요", "아서요", "해서요", "니까요", "라서요", "거든요"} {
		if strings.HasSuffix(w, e) && utf8.RuneCountInString(w) > utf8.RuneCountInString(e) {
			return true
		}
	}
	if Eoseo(w) {
		return true
	}
	switch strings.ToLower(w) {
	case "because", "since", "so", "therefore", "reason", "reasons", "why":
		return true
	}
	return false
}

// Eoseo tells a verb in its -아서/-어서 form, contracted too (나눠서,
// 맞춰서, 봐서, 보내서): 서 after an open syllable in ㅏ, ㅓ, ㅕ, ㅝ, ㅐ or
// ㅘ, not 에서 or 여기서. It gives a cause, or a step before the next.
func Eoseo(w string) bool {
	stem, ok := strings.CutSuffix(strings.TrimRight(w, ".,!?"), "서")
	if !ok || stem == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(stem)
	v := Vowel(r)
	return Infinitive(stem) || Final(r) == FinalNone && (v == 1 || v == 9)
}

// Particle returns the particle or ending StripParticles takes off a word
// ("서브넷은" → "은"), or "".
func Particle(w string) string {
	return strings.TrimPrefix(w, StripParticles(w))
}

// Polite turns a plain sentence ending into the polite one a candidate says
// aloud: 가능하다 → 가능합니다, 한다 → 합니다, 준다 → 줍니다, 있다 → 있습니다,
// 먹는다 → 먹습니다, 이다 → 입니다. A word that does not end in 다 is
// returned as it is.
func Polite(w string) string {
	if strings.HasSuffix(w, "니다") {
		return w // polite already ("알고있습니다"), not 습닙니다
	}
	if stem, ok := strings.CutSuffix(w, "는다"); ok && stem != "" {
		return stem + "습니다"
	}
	stem, ok := strings.CutSuffix(w, "다")
	if !ok || stem == "" {
		return w
	}
	r, size := utf8.DecodeLastRuneInString(stem)
	switch Final(r) {
	case -1:
		return w
	case FinalNone, FinalNieun, FinalRieul:
		// no final, ㄴ of 한다/준다, or a stem's ㄹ (길다 → 깁니다, 만들다 →
		// 만듭니다): the ㅂ of ㅂ니다 takes its place
		return stem[:len(stem)-size] + string(WithFinal(r, FinalBieup)) + "니다"
	default:
		return stem + "습니다"
	}
}

// JoinsQuestions tells a word that ends one question and goes on to the
// next inside a sentence: a question word's copula -고 (뭐고, 무엇이고),
// a verb's connective -고 after a past, honorific
// or future stem ("진행하셨고", "됐고", "하겠고"), an indirect question
// ending in -지 followed by a comma ("다른지,"), or 그리고 itself. A bare
// 하고 or 이고 joins nouns ("A하고 B", "L7이고") and is left alone unless a
// comma follows it; before a comma any -고 ends a clause ("어떤 서비스고,").
func JoinsQuestions(w string) bool {
	bare, comma := strings.CutSuffix(w, ",")
	if bare == "그리고" {
		return true
	}
	stem, ok := strings.CutSuffix(bare, "고")
	switch strings.TrimSuffix(stem, "이") {
	case "뭐", "무엇", "누구", "어디", "언제":
		return ok // "그게 뭐고 클라우드와는…", "무엇이고": a question word's copula goes on
	}
	if !ok || stem == "" {
		return comma && strings.HasSuffix(bare, "지") && utf8.RuneCountInString(bare) >= 2
	}
	if r, _ := utf8.DecodeLastRuneInString(stem); Final(r) == FinalSsang {
		return true // ㅆ: a past or future stem (했, 셨, 됐, 썼, 겠)
	}
	if comma && !nounInGo[bare] {
		// "어떤 서비스고,", "어떻게 되고,", "돌아가야 하고,": before a comma
		// a -고 ends a clause; questionParts cuts there only when the
		// stretch before it asked something
		return true
	}
	return false
}

// ClauseGo tells a word that may end a clause with the connective -고
// (해야 하고, 쓰고, 나뉘고) rather than name a thing ending in 고 (최고,
// 창고) or be the particle 하고 after a noun written apart. Only where more
// is asked after it is it read so (questionParts).
func ClauseGo(w string) bool {
	stem, ok := strings.CutSuffix(w, "고")
	r, _ := utf8.DecodeLastRuneInString(stem)
	return ok && !nounInGo[w] && Final(r) >= 0
}

// nounInGo are nouns that end in 고 (최고, 재고): no connective.
var nounInGo = map[string]bool{"최고": true, "재고": true, "참고": true, "광고": true, "창고": true, "사고": true, "경고": true, "보고": true}

// QuestionWords are the stems of Korean question words (어떻게, 무엇을,
// 뭐가, 왜, 어디에, 몇 …): a word starting with one asks.
var QuestionWords = []string{"어떻", "어떤", "어떨", "무엇", "뭐", "뭘", "뭔", "무슨", "왜", "어디", "언제", "누가", "누구", "몇", "얼마", "어느"}

// askedEndings are the endings of a question's verbs, longest first: an
// indirect question (필요한지, 맞는지도), a direct one (쓰시겠어요,
// 하셨나요), a connective between two questions (진행하셨고).
var askedEndings = []string{"시겠어요", "셨나요", "셨어요", "셨는지", "셨고", "겠어요", "습니까", "ㄴ가요", "는가요", "나요", "까요", "세요",
	"한지", "는지", "은지", "인지", "던지", "어요", "아요", "해요"}

// QuestionWord tells a word that starts with a question word (어떤,
// 무엇을, 왜): it asks.
func QuestionWord(w string) bool {
	return slices.ContainsFunc(QuestionWords, func(q string) bool { return strings.HasPrefix(w, q) })
}

// AskedStem is what a question's verb asks about without its question
// ending: 필요한지 → 필요, 진행하셨고 → 진행, 쓰시겠어요 → "" (a verb of one
// syllable names nothing), 어떻게 → "". ok is false for a word with no such
// ending, which is left to Stem.
func AskedStem(w string) (stem string, ok bool) {
	if QuestionWord(w) {
		return "", true // a question word: what is asked, not what about
	}
	w = strings.TrimRight(w, "?.!,")
	for _, p := range []string{"도요", "도", "를", "가"} { // "확인하는지도요": the 도 and a polite 요 asked along
		if rest, cut := strings.CutSuffix(w, p); cut && utf8.RuneCountInString(rest) >= 2 {
			for _, e := range askedEndings {
				if strings.HasSuffix(rest, e) {
					w = rest
					break
				}
			}
		}
	}
	for _, e := range askedEndings {
		rest, cut := strings.CutSuffix(w, e)
		if !cut {
			continue
		}
		rest = strings.TrimSuffix(strings.TrimSuffix(rest, "하"), "되")
		if utf8.RuneCountInString(rest) < 2 {
			return "", true
		}
		return Stem(rest), true
	}
	return "", false
}

// reGluedExistence is a noun with its subject particle glued to 있다/없다,
// as notes typed fast write it: "제한이있다", "필요가없다".
var reGluedExistence = regexp.MustCompile(`([가-힣]{2,}[이가])((?:있|없)[가-힣]*)`)

// SpaceExistence puts back the space before 있다/없다 after a noun and its
// subject particle ("제한이있다" → "제한이 있다"), so that the noun is read as
// a noun and the verb as the verb that says it is there or not; and the
// space before the noun 때 after a verb's ㄹ form ("있을때만" → "있을 때만",
// as a candidate says it).
func SpaceExistence(s string) string {
	if strings.Contains(s, "때") {
		s = spaceWhen(s)
	}
	if !strings.Contains(s, "있") && !strings.Contains(s, "없") {
		return s
	}
	return reGluedExistence.ReplaceAllString(s, "$1 $2")
}

func spaceWhen(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r == '때' && i > 0 && Final(rs[i-1]) == FinalRieul && !(i+1 < len(rs) && rs[i+1] == '문') {
			b.WriteRune(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// PoliteNominal turns a line that ends in a nominalised verb, as notes are
// written ("파이프라인이 트리거 됨", "설정 안함", "사용이 어려움", "제한이
// 있음"), into the polite ending said aloud (됩니다, 합니다, 어렵습니다,
// 있습니다), and tells whether w was such a form.
func PoliteNominal(w string) (string, bool) {
	switch w {
	case "포함", "결함", "함":
		return w, false // nouns of their own: inclusion, defect, a box
	}
	for _, c := range []struct{ end, polite string }{
		{"어려움", "어렵습니다"}, {"쉬움", "쉽습니다"},
		{"있음", "있습니다"}, {"없음", "없습니다"}, {"않음", "않습니다"},
		// 르 stems and adjectives, as notes shorten them ("규칙을 따름")
		{"따름", "따릅니다"}, {"다름", "다릅니다"}, {"빠름", "빠릅니다"}, {"느림", "느립니다"},
		{"같음", "같습니다"}, {"높음", "높습니다"}, {"낮음", "낮습니다"}, {"많음", "많습니다"}, {"적음", "적습니다"},
		{"됨", "됩니다"}, {"함", "합니다"},
	} {
		if stem, ok := strings.CutSuffix(w, c.end); ok {
			return stem + c.polite, true
		}
	}
	return w, false
}

// AdnominalSlip writes 없다's adnominal as Korean says it: "없은 파일" is a
// slip for "없는 파일" (있다 and 없다 take -는 before a noun, whatever their
// tense), which a quote or a sentence said aloud should not repeat. "없은
// 지", "없은 후" (time since) are left as written.
func AdnominalSlip(s string) string {
	const slip = "없은"
	var b strings.Builder
	rest := s
	for {
		i := strings.Index(rest, slip)
		if i < 0 {
			b.WriteString(rest)
			return b.String()
		}
		before, after := rest[:i], rest[i+len(slip):]
		b.WriteString(before)
		r, _ := utf8.DecodeLastRuneInString(before)
		whole := (before == "" || unicode.IsSpace(r)) && (after == "" || strings.IndexFunc(after, unicode.IsSpace) == 0)
		next := ""
		if fs := strings.Fields(after); len(fs) > 0 {
			next = strings.TrimRight(fs[0], ".,")
		}
		if whole && !sinceNoun[next] {
			b.WriteString("없는")
		} else {
			b.WriteString(slip)
		}
		rest = after
	}
}

// sinceNoun are the nouns after which a past adnominal tells time since.
var sinceNoun = map[string]bool{"지": true, "후": true, "뒤": true, "다음": true}
