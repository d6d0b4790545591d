package token

import "testing"

func TestStem(t *testing.T) {
	cases := []struct{ in, want string }{
		{"연결할", "연결"}, {"공유하고", "공유"}, {"변환하여", "변환"}, {"복제되어", "복제"}, {"서브넷은", "서브넷"},
		{"역할", "역할"}, {"포함", "포함"}, {"다루는", "다루"}, {"어렵습니다", "어렵"}, {"분산해서", "분산"},
		{"키", "키"}, // one syllable: nothing to strip
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
	}{{"이고", true}, {"에서", true}, {"는", true}, {"로", true}, {"서브넷", false}, {"역할", false}} {
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
		{"없애서", false}, // 없애다 removes; it does not negate
		{"안정성", false}, {"안에", false}, {"허용", false},
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
		{"없애서", "", false}, {"불구하고", "", false}, {"서버", "", false},
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
