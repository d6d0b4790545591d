package token

import "testing"

func TestStem(t *testing.T) {
	cases := []struct{ in, want string }{
		{"연결할", "연결"}, {"공유하고", "공유"}, {"변환하여", "변환"}, {"복제되어", "복제"}, {"서브넷은", "서브넷"},
		{"역할", "역할"}, {"포함", "포함"}, {"다루는", "다루"}, {"어렵습니다", "어렵"}, {"분산해서", "분산"},
		{"키", "키"}, // one syllable: nothing to strip
		// a copula question ending is not part of the noun
		{"컴포넌트인가요", "컴포넌트"}, {"서비스인지", "서비스"}, {"회사인데도", "회사"}, {"역할인데", "역할"},
		// loanwords spelled either way meet: 아키텍쳐/아키텍처, 스케쥴/스케줄
		{"아키텍쳐", "아키텍처"}, {"스케쥴링", "스케줄링"}, {"아키텍처", "아키텍처"},
		// 나 after a long noun; a short verb keeps its 나
		{"아키텍처나", "아키텍처"}, {"늘어나", "늘어나"}, {"컨테이너나", "컨테이너"},
		// -진 is -지는 said short: 작성하진 않았다 denies 작성
		{"작성하진", "작성"}, {"작성하지는", "작성"}, {"자동화되진", "자동화"}, {"설치하지도", "설치"},
		// an interviewer's honorific endings
		{"처리하시겠어요", "처리"}, {"설계하셨나요", "설계"}, {"구성하시나요", "구성"},
		// the passive 되다 contracted as it is spoken
		{"유지돼서", "유지"}, {"유지되어서", "유지"}, {"적용돼요", "적용"}, {"설정됐고", "설정"}, {"변경됐어요", "변경"},
		// a spoken answer's connectives and their polite 요
		{"절감되고요", "절감"}, {"돌아가거든요", "돌아"} /* as 돌아가는: its 가 is read as a particle either way */, {"작동하거든요", "작동"}, {"조절되니까", "조절"}, {"확장되니까요", "확장"},
		{"분리하는데요", "분리"},
		// nouns that end as those endings do keep their syllables (최고요 is 최고 with 요)
		{"필요", "필요"}, {"불필요", "불필요"}, {"중요", "중요"}, {"최고요", "최고"},
	}
	for _, c := range cases {
		if got := Stem(c.in); got != c.want {
			t.Errorf("Stem(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestIsParticleWord(t *testing.T) {
	for _, c := range []struct {
		w    string
		want bool
	}{{"이고", true}, {"에서", true}, {"는", true}, {"로", true}, {"라서요", true}, {"이라서", true}, {"서브넷", false}, {"역할", false},
		// verbs spelled like a run of particles and endings (만+들+고)
		{"만들고", false}, {"가지고", false}, {"나누고", false}} {
		if got := IsParticleWord(c.w); got != c.want {
			t.Errorf("IsParticleWord(%q) = %v", c.w, got)
		}
	}
}

func TestNegation(t *testing.T) {
	cases := []struct {
		w    string
		want bool
	}{
		{"않습니다", true}, {"없다", true}, {"안", true}, {"못", true}, {"아닙니다", true}, {"불가능", true}, {"안됩니다", true},
		{"없애서", false},                 // 없애다 removes; it does not negate
		{"없어졌습니다", false},              // 없어지다 goes away: it was there
		{"아니요,", false}, {"아뇨", false}, // "No," answering a yes/no question
		{"아니라", true},
		{"안정성", false}, {"안에", false}, {"허용", false},
		// unrelated: "클라우드는 MSA와는 별개 문제" denies the relation
		{"별개", true}, {"별개의", true}, {"무관합니다", true},
		{"무관하게", false}, // "regardless": an adverb, no denial
	}
	for _, c := range cases {
		if got := Negation(c.w); got != c.want {
			t.Errorf("Negation(%q) = %v, want %v", c.w, got, c.want)
		}
	}
}

func TestNegatedWord(t *testing.T) {
	cases := []struct {
		w, inner string
		ok       bool
	}{
		{"필요없는", "필요", true}, {"상관없이", "상관", true}, {"불필요한", "필요한", true}, {"불가능", "가능", true},
		{"없애서", "", false}, {"불구하고", "", false}, {"서버", "", false}, {"불용어", "", false}, {"불안정한", "안정한", true},
	}
	for _, c := range cases {
		inner, ok := NegatedWord(c.w)
		if ok != c.ok || ok && inner != c.inner {
			t.Errorf("NegatedWord(%q) = %q, %v; want %q, %v", c.w, inner, ok, c.inner, c.ok)
		}
	}
}

func TestParticle(t *testing.T) {
	for _, c := range []struct{ w, want string }{{"서브넷은", "은"}, {"도커가", "가"}, {"ACL", ""}, {"키", ""}} {
		if got := Particle(c.w); got != c.want {
			t.Errorf("Particle(%q) = %q, want %q", c.w, got, c.want)
		}
	}
}

func TestIsBoundNoun(t *testing.T) {
	for _, c := range []struct {
		w    string
		want bool
	}{
		{"것만", true}, {"건가요", true}, {"거예요", true}, {"수는", true}, {"점은", true}, {"걸", true},
		// words that only begin like one
		{"걸고", false}, {"수동", false}, {"데이터", false}, {"점검", false}, {"게이트웨이", false}, {"거부", false},
	} {
		if got := IsBoundNoun(c.w); got != c.want {
			t.Errorf("IsBoundNoun(%q) = %v, want %v", c.w, got, c.want)
		}
	}
}

func TestPolite(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"가능하다", "가능합니다"}, {"한다", "합니다"}, {"된다", "됩니다"}, {"준다", "줍니다"}, {"있다", "있습니다"},
		{"없다", "없습니다"}, {"않는다", "않습니다"}, {"이다", "입니다"}, {"높다", "높습니다"}, {"필요하다", "필요합니다"},
		{"길다", "깁니다"}, {"만들다", "만듭니다"}, {"알다", "압니다"},
		{"로드밸런서", "로드밸런서"}, {"다", "다"},
		{"알고있습니다", "알고있습니다"}, {"있습니다", "있습니다"}, // polite already
	} {
		if got := Polite(c.in); got != c.want {
			t.Errorf("Polite(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPolarityAdverb(t *testing.T) {
	for w, want := range map[string]bool{"굳이": true, "전혀": true, "꼭": true, "경험은": false, "자동으로": false, "잘": false} {
		if PolarityAdverb(w) != want {
			t.Errorf("PolarityAdverb(%q) = %v", w, !want)
		}
	}
}

func TestTimeAdverb(t *testing.T) {
	for w, want := range map[string]bool{"아직": true, "하나도": true, "이미": true, "아직도": true, "하나": false, "상태": false, "트래픽이": false, "처음부터": false} {
		if TimeAdverb(w) != want {
			t.Errorf("TimeAdverb(%q) = %v", w, !want)
		}
	}
}

func TestShortVerb(t *testing.T) {
	for w, want := range map[string]string{
		"든다": "들다", "든다는": "들다", "들지": "들다", "듭니다.": "들다", "드는데": "들다", "들어서": "들다", "긴": "길다", "깁니다": "길다",
		"받아": "받다", "받아서": "받다", "받아들여": "받다", "받는": "받다",
		"들어가는": "", "들어": "", "드림": "", "길": "", "크게": "", "바다": "",
	} {
		got, ok := ShortVerb(w)
		if got != want || ok != (want != "") {
			t.Errorf("ShortVerb(%q) = %q, %v; want %q", w, got, ok, want)
		}
	}
}

func TestGiveAfterVerb(t *testing.T) {
	for _, c := range []struct {
		prev, w string
		want    bool
	}{
		{"열어", "주기", true}, {"보내", "주는", true}, {"해", "줍니다.", true}, {"나눠", "줘서", true},
		{"배포", "주기", false}, {"1년", "주기", false}, {"열어", "주기적으로", false},
	} {
		if got := GiveAfterVerb(c.prev, c.w); got != c.want {
			t.Errorf("GiveAfterVerb(%q, %q) = %v, want %v", c.prev, c.w, got, c.want)
		}
	}
}

func TestAuxiliaryAfterGo(t *testing.T) {
	for w, want := range map[string]bool{
		"있는": true, "있어요.": true, "싶을": true, "싶으면": true, "계신": true, "말았습니다": true,
		"나서": false, "그다음": false, "다시": false, "싸다": false, "말씀드리면": false,
	} {
		if AuxiliaryAfterGo(w) != want {
			t.Errorf("AuxiliaryAfterGo(%q) = %v", w, !want)
		}
	}
}

func TestIndirect(t *testing.T) {
	for w, want := range map[string]string{
		"진행하셨어요": "진행하셨는지", "시작하셨어요": "시작하셨는지", "잡으셨고요": "잡으셨는지", "만드셨나요": "만드셨는지",
		"맡나요": "맡는지", "하나요": "하는지", "되나요": "되는지", "있나요": "있는지",
		"서비스인가요": "서비스인지", "뭔가요": "뭔지", "다른가요": "다른지", "걸리시는": "",
		"뜰까요": "뜰지", "될까요": "될지", "일어나는": "",
		"주세요": "", "설명해": "", "좋아요": "",
		"좋나요": "좋은지", "어렵나요": "어려운지", "다르나요": "다른지", "필요하나요": "필요한지",
	} {
		got, ok := Indirect(w)
		if want == "" && ok || want != "" && got != want {
			t.Errorf("Indirect(%q) = %q, %v; want %q", w, got, ok, want)
		}
	}
	if got, _ := Indirect("하시는거예요"); got != "하시는건지" {
		t.Errorf("Indirect(하시는거예요) = %q", got)
	}
}

func TestCausal(t *testing.T) {
	for w, want := range map[string]bool{
		"바뀌어서": true, "바뀌니까": true, "때문에": true, "위해서": true, "기반이라": true, "덕분에": true, "because": true, "이유는": true, "번거로워서": true,
		"나눠서": true, "맞춰서": true, "봐서": true, "보내서": true, "켜서": true,
		"서울에서": false, "여기서": false, "문서": false, "순서": false,
		"역할을": false, "전달합니다.": false, "서": false, "kube-proxy는": false, "이라고": false,
	} {
		if Causal(w) != want {
			t.Errorf("Causal(%q) = %v", w, !want)
		}
	}
}

func TestPersonNoun(t *testing.T) {
	for w, want := range map[string]string{"경험자": "경험", "관리자": "관리", "모자": "", "경험": ""} {
		if got, ok := PersonNoun(w); got != want || ok != (want != "") {
			t.Errorf("PersonNoun(%q) = %q, %v", w, got, ok)
		}
	}
}

func TestGiveAuxiliary(t *testing.T) {
	cases := []struct {
		prev, w, next string
		want          bool
	}{
		{"보내", "줄", "수", true}, {"해", "줄", "거예요", true}, {"나눠", "줄", "때", true},
		{"비용이", "줄", "때", false}, {"비용이", "줄고", "", false}, {"보내", "줄이", "", false},
	}
	for _, c := range cases {
		if got := GiveAuxiliary(c.prev, c.w, c.next); got != c.want {
			t.Errorf("GiveAuxiliary(%q, %q, %q) = %v", c.prev, c.w, c.next, got)
		}
	}
}

func TestJoinsQuestions(t *testing.T) {
	cases := []struct {
		w    string
		want bool
	}{
		{"진행하셨고,", true}, {"됐고", true}, {"썼고", true}, {"있고", true}, {"그리고", true}, {"그리고,", true},
		{"다른지,", true}, {"다른지", false}, {"구성하고,", true}, {"구성하시고,", true},
		{"ALB하고", false}, {"L7이고", false}, {"최고", false}, {"재고", false}, {"가지고", false},
		{"만들었고", true}, {"하겠고", true}, {"지,", false},
		{"뭐고", true}, {"무엇이고,", true}, {"뭐", false}, {"어디고", true},
		{"서비스고,", true}, {"하고,", true}, {"되고,", true}, {"얘기고,", true}, {"최고,", false}, {"서비스고", false},
	}
	for _, c := range cases {
		if got := JoinsQuestions(c.w); got != c.want {
			t.Errorf("JoinsQuestions(%q) = %v, want %v", c.w, got, c.want)
		}
	}
}

func TestAskedStem(t *testing.T) {
	cases := []struct {
		w, stem string
		ok      bool
	}{
		{"필요한지", "필요", true}, {"맞는지도", "", true}, {"진행하셨고", "진행", true}, {"쓰시겠어요", "", true},
		{"어떻게", "", true}, {"뭐가", "", true}, {"무엇인지", "", true}, {"하셨나요", "", true}, {"설계하셨나요", "설계", true}, {"저장되나요", "저장", true},
		{"서브넷", "", false}, {"튜닝은", "", false}, {"확인하는지도요.", "확인", true},
	}
	for _, c := range cases {
		if stem, ok := AskedStem(c.w); stem != c.stem || ok != c.ok {
			t.Errorf("AskedStem(%q) = %q, %v; want %q, %v", c.w, stem, ok, c.stem, c.ok)
		}
	}
}

func TestFinal(t *testing.T) {
	for _, c := range []struct {
		r         rune
		final     int
		open      rune // WithFinal(r, FinalNone)
		withRieul rune // WithFinal(r, FinalRieul)
	}{
		{'가', FinalNone, '가', '갈'},
		{'간', FinalNieun, '가', '갈'},
		{'갈', FinalRieul, '가', '갈'},
		{'감', FinalMieum, '가', '갈'},
		{'듭', FinalBieup, '드', '들'},
		{'힣', 27, '히', '힐'},
		{'a', -1, 'a', 'a'},
		{'ㄱ', -1, 'ㄱ', 'ㄱ'}, // a jamo is no syllable
		{'7', -1, '7', '7'},
	} {
		if got := Final(c.r); got != c.final {
			t.Errorf("Final(%q) = %d, want %d", c.r, got, c.final)
		}
		if got := WithFinal(c.r, FinalNone); got != c.open {
			t.Errorf("WithFinal(%q, none) = %q, want %q", c.r, got, c.open)
		}
		if got := WithFinal(c.r, FinalRieul); got != c.withRieul {
			t.Errorf("WithFinal(%q, ㄹ) = %q, want %q", c.r, got, c.withRieul)
		}
	}
}

func TestSpaceExistence(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"대규모 프로젝트에는 제한이있다.", "대규모 프로젝트에는 제한이 있다."},
		{"필요가없는 코드", "필요가 없는 코드"},
		{"제한이 있다", "제한이 있다"},
		{"있다", "있다"},
		{"이있다", "이있다"}, // no noun before the particle
		{"request가 있을때만 작동", "request가 있을 때만 작동"},
		{"배포할때마다", "배포할 때마다"},
		{"있을 때만", "있을 때만"},
		{"때문에", "때문에"},
		{"할때문에", "할때문에"}, // 때문, not 때
	} {
		if got := SpaceExistence(c.in); got != c.want {
			t.Errorf("SpaceExistence(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPoliteNominal(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"됨", "됩니다", true}, {"안함", "안합니다", true}, {"어려움", "어렵습니다", true},
		{"있음", "있습니다", true}, {"관리함", "관리합니다", true},
		{"로드밸런서", "로드밸런서", false}, {"처음", "처음", false}, {"마음", "마음", false},
		{"포함", "포함", false}, {"결함", "결함", false},
	} {
		if got, ok := PoliteNominal(c.in); got != c.want || ok != c.ok {
			t.Errorf("PoliteNominal(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestInfinitive(t *testing.T) {
	for w, want := range map[string]bool{"알아": true, "갖춰": true, "써": true, "넣어": true, "펴": true, "가져와": false, "해야": false, "둘": false, "조심": false, "": false, "run": false} {
		if got := Infinitive(w); got != want {
			t.Errorf("Infinitive(%q) = %v, want %v", w, got, want)
		}
	}
	if Vowel('가') != 0 || Vowel('거') != 4 || Vowel('a') != -1 {
		t.Errorf("Vowel: 가 %d, 거 %d, a %d", Vowel('가'), Vowel('거'), Vowel('a'))
	}
}

func TestSuffixWord(t *testing.T) {
	cases := []struct {
		w    string
		want bool
	}{
		{"화", true}, {"화하지", true}, {"화된", true}, {"화를", true}, {"화해서", true}, {"화가", true},
		{"화면", false}, {"화재", false}, {"하지", false}, {"화려한", false},
		{"적", true}, {"적인", true}, {"적으로", true}, {"적다", false}, {"적은", false}, {"적용", false},
	}
	for _, c := range cases {
		if got := SuffixWord(c.w); got != c.want {
			t.Errorf("SuffixWord(%q) = %v, want %v", c.w, got, c.want)
		}
	}
}

func TestAdnominalSlip(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"S3가 빈번한 업데이트가 없은 파일", "S3가 빈번한 업데이트가 없는 파일"},
		{"S3는 빈번한 업데이트가 없은 파일입니다.", "S3는 빈번한 업데이트가 없는 파일입니다."},
		{"연락이 없은 지 오래", "연락이 없은 지 오래"},
		{"변경이 없는 파일", "변경이 없는 파일"},
		{"없은", "없는"},
		{"문제가  없은  서버", "문제가  없는  서버"},
	} {
		if got := AdnominalSlip(c.in); got != c.want {
			t.Errorf("AdnominalSlip(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// Endings read where a clause stops: an indirect question (없는지), the
// past tense (했습니다) and the connective -고 (해야 하고), each beside words
// that only look like them.
func TestClauseEndings(t *testing.T) {
	for _, c := range []struct {
		name string
		fn   func(string) bool
		yes  []string
		no   []string
	}{
		{"EmbeddedQuestion", EmbeddedQuestion,
			[]string{"없는지", "있는지", "적절한지", "서버인지", "많은지", "어려운지", "인지"},
			[]string{"전지", "없지", "않지만", "지", "가지", "connected"}},
		{"PastTense", PastTense,
			[]string{"했습니다.", "만들었어요", "썼고요", "됐죠", "구축했다", "있었습니다", "갔어"},
			[]string{"있습니다", "하겠습니다", "합니다", "없습니다", "씁니다", "했", "Terraform"}},
		{"ClauseGo", ClauseGo,
			[]string{"하고", "자동화하고", "나뉘고", "쓰고"},
			[]string{"최고", "창고", "고", "하고요", "ago"}},
	} {
		for _, w := range c.yes {
			if !c.fn(w) {
				t.Errorf("%s(%q) = false, want true", c.name, w)
			}
		}
		for _, w := range c.no {
			if c.fn(w) {
				t.Errorf("%s(%q) = true, want false", c.name, w)
			}
		}
	}
}
