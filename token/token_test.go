package token

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestStripParticles(t *testing.T) {
	cases := []struct{ in, want string }{
		{"서브넷은", "서브넷"},
		{"서브넷을", "서브넷"},
		{"서브넷의", "서브넷"},
		{"인스턴스에서는", "인스턴스"},
		{"키", "키"},   // one syllable stays
		{"키가", "키가"}, // stem would be one syllable: keep
		{"보안", "보안"}, // nothing to strip
		{"게이트웨이로", "게이트웨이"},
		{"변경마다", "변경"}, // "each": 변경마다 says 변경사항's 변경
		{"요청마다", "요청"},
		{"노드마다", "노드"},
	}
	for _, c := range cases {
		if got := StripParticles(c.in); got != c.want {
			t.Errorf("StripParticles(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWords(t *testing.T) {
	got := Words(Normalize("VPC의 EC2는 L7, port 443"))
	var texts []string
	var kinds []Kind
	for _, w := range got {
		texts = append(texts, w.Text)
		kinds = append(kinds, w.Kind)
	}
	wantTexts := []string{"vpc", "의", "ec2", "는", "l7", "port", "443"}
	wantKinds := []Kind{Latin, Hangul, Latin, Hangul, Latin, Latin, Number}
	if !reflect.DeepEqual(texts, wantTexts) || !reflect.DeepEqual(kinds, wantKinds) {
		t.Fatalf("Words = %v %v, want %v %v", texts, kinds, wantTexts, wantKinds)
	}
}

func TestTermsParticlesMatch(t *testing.T) {
	// The same noun with different particles must share its stem term.
	for _, s := range []string{"서브넷은", "서브넷을", "서브넷의"} {
		if !slices.Contains(Terms(s, nil), "서브넷") {
			t.Errorf("Terms(%q) = %v, want it to contain 서브넷", s, Terms(s, nil))
		}
	}
	if got := Terms("The servers are running", nil); !reflect.DeepEqual(got, []string{"server", "run"}) {
		t.Errorf("English terms = %v", got)
	}
}

func TestGlossaryCanonicalize(t *testing.T) {
	g := DefaultGlossary()
	cases := []struct {
		in   string
		want []string // terms that must appear
		not  []string // terms that must not
	}{
		{"쿠버네티스의 파드는", []string{"kubernet", "pod"}, nil},
		{"k8s pods", []string{"kubernet", "pod"}, nil},
		{"로드밸런서는 L7", []string{"loadbalanc", "l7"}, nil},
		{"load balancer", []string{"loadbalanc"}, []string{"load", "balanc"}},
		{"프로듀서가 메시지를", []string{"produc", "messag"}, nil},
		{"스팟 인스턴스", []string{"instanc"}, nil},
		{"upload balancer", nil, []string{"loadbalanc"}},           // latin aliases need word boundaries
		{"VPC 밖으로 나가는 연결", []string{"outsid"}, nil},                // 밖 is 외부: "VPC 외부의 서비스"
		{"인프라는 통합해 관리", []string{"infrastructur"}, []string{"인프"}}, // not cut to 인프 before 라는
	}
	for _, c := range cases {
		expectMembers(t, fmt.Sprintf("Terms(%q)", c.in), Terms(c.in, g), c.want, c.not)
	}
}

// expectMembers checks that got, what call returned, holds every word of
// want and none of not.
func expectMembers(t *testing.T, call string, got, want, not []string) {
	t.Helper()
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("%s = %v, missing %q", call, got, w)
		}
	}
	for _, w := range not {
		if slices.Contains(got, w) {
			t.Errorf("%s = %v, must not contain %q", call, got, w)
		}
	}
}

// TestNearAlias: notes typed fast misspell a long word by one letter
// ("가성머신"); that word is still the glossary's term, while a short word one
// letter away from a term is another word.
func TestNearAlias(t *testing.T) {
	g := DefaultGlossary()
	cases := []struct {
		w, want string
	}{
		{"가성머신", "virtualmachine"},   // a vowel slipped: 가상머신
		{"네임스테이스", "namespace"},      // 페 → 테: an initial slipped
		{"어플리케이숑", ""},               // 션 → 숑: vowel and final, two letters off
		{"가상머신", ""},                 // the term itself: Canonicalize has it
		{"서비", ""},                   // short words are left alone
		{"오케스트레이선", "orchestration"}, // 션 → 선
	}
	for _, c := range cases {
		got, ok := g.NearAlias(c.w)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("NearAlias(%q) = %q, %v; want %q", c.w, got, ok, c.want)
		}
	}
}

// A canonical term's aliases are found by its stem too, as analysis keys it.
func TestAliasesByStem(t *testing.T) {
	g := DefaultGlossary()
	if as := g.Aliases("instanc"); !slices.Contains(as, "인스턴스") {
		t.Errorf("Aliases(instanc) = %v, want 인스턴스 among them", as)
	}
}

func TestParseGlossaryErrors(t *testing.T) {
	for _, bad := range []string{"no colon here", "two words: alias"} {
		if _, err := ParseGlossary(strings.NewReader(bad)); err == nil {
			t.Errorf("ParseGlossary(%q) succeeded, want error", bad)
		}
	}
	g, err := ParseGlossary(strings.NewReader("# comment\nfoo: 푸, fu\n"))
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() != 1 || !reflect.DeepEqual(g.Aliases("foo"), []string{"푸", "fu"}) {
		t.Fatalf("parsed glossary = %v", g.canon)
	}
	if DefaultGlossary().Len() < 100 {
		t.Fatalf("default glossary has %d terms, want at least 100", DefaultGlossary().Len())
	}
}

// TestKeywords: the stems of a question name what is asked, the bigrams
// only support them, and no term comes twice.
func TestKeywords(t *testing.T) {
	for _, c := range []struct {
		q            string
		stems        []string // among the stems
		bigrams      []string // among the bigrams
		notInBigrams []string
	}{
		{"서브넷팅은 왜 하나요?", []string{"서브넷팅"}, []string{"서브", "브넷", "넷팅"}, []string{"서브넷팅"}},
		{"NAT 게이트웨이와 NAT 인스턴스", []string{"nat", "게이트웨이", "인스턴스"}, []string{"게이", "인스"}, []string{"nat", "게이트웨이"}},
		{"the TCP handshake", []string{"tcp"}, nil, []string{"the"}},
	} {
		stems, bigrams := Keywords(c.q, nil)
		all := append(slices.Clone(stems), bigrams...)
		slices.Sort(all)
		if len(slices.Compact(slices.Clone(all))) != len(all) {
			t.Errorf("Keywords(%q): a term comes twice: %q %q", c.q, stems, bigrams)
		}
		for _, w := range c.stems {
			if !slices.Contains(stems, w) {
				t.Errorf("Keywords(%q): stems %q lack %q", c.q, stems, w)
			}
		}
		for _, w := range c.bigrams {
			if !slices.Contains(bigrams, w) {
				t.Errorf("Keywords(%q): bigrams %q lack %q", c.q, bigrams, w)
			}
		}
		for _, w := range c.notInBigrams {
			if slices.Contains(bigrams, w) || slices.Contains(stems, "the") {
				t.Errorf("Keywords(%q) = %q, %q: %q misplaced", c.q, stems, bigrams, w)
			}
		}
	}
}
