package grader

import (
	"reflect"
	"testing"

	"grader/token"
)

// A remembered analysis is the analysis, whoever asked for it before and
// whatever they did with their copy.
func TestLexiconRemembers(t *testing.T) {
	g := token.DefaultGlossary()
	lx := newLexicon(g)
	for _, text := range []string{
		"NAT 게이트웨이는 프라이빗 서브넷의 인스턴스가 인터넷으로 나가는 연결만 허용한다.",
		"ALB는 L7, NLB는 L4에서 동작합니다",
		"- 보안 그룹은 stateful, 네트워크 ACL은 stateless",
		"",
	} {
		want := analyze(text, g)
		first := lx.analyze(text)
		if !reflect.DeepEqual(first, want) && len(want.terms) > 0 {
			t.Errorf("%q: remembered analysis differs from analyze", text)
		}
		// A caller extending its copy must not change the next caller's.
		extended := append(first.terms, term{text: "덧붙인", key: "덧붙인"})
		other := append(lx.analyze(text).terms, term{text: "다른", key: "다른"})
		if extended[len(extended)-1].key != "덧붙인" || other[len(other)-1].key != "다른" {
			t.Errorf("%q: two callers extending the same analysis wrote into one array", text)
		}
		if again := lx.analyze(text); len(again.terms) != len(want.terms) {
			t.Errorf("%q: %d terms after callers appended, want %d", text, len(again.terms), len(want.terms))
		}
	}
	if lx.memo.Len() != 4 {
		t.Errorf("remembered %d texts, want 4", lx.memo.Len())
	}
}
