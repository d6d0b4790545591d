package grader

import (
	"testing"

	"grader/token"
)

func TestAbilityAndSource(t *testing.T) {
	g := token.DefaultGlossary()
	cases := []struct {
		text    string
		ability int
		source  string // a key among the clause's sources, or ""
	}{
		{"외부 서비스에서 이러한 인스턴스와의 연결을 시작할 수 없도록", -1, "outsid"}, // 외부 is the glossary's outside
		{"외부에서 프라이빗 인스턴스로 먼저 연결을 맺는 것도 가능한데", 1, "outsid"},
		{"외부에서 먼저 들어오는 연결도 받아 주기 때문에", 1, "outsid"},
		{"VPC 밖에서 먼저 들어오는 연결도 받아 주기 때문에", 1, "outsid"}, // 밖 is 외부
		{"인스턴스가 외부로 연결할 수 있게 해 주지만", 1, ""},            // 외부로: where it goes, not where it comes from
		{"패치를 받아야 하는데", 0, ""},
		{"연결은 불가능합니다", -1, ""},
	}
	for _, c := range cases {
		cs := clausesOf(analyze(c.text, g))
		if len(cs) == 0 {
			t.Fatalf("no clause in %q", c.text)
		}
		if got := ability(cs[0]); got != c.ability {
			t.Errorf("ability(%q) = %d, want %d", c.text, got, c.ability)
		}
		src := sourcesOf(cs[0])
		if c.source != "" && !src[c.source] || c.source == "" && len(src) > 0 {
			t.Errorf("sourcesOf(%q) = %v, want %q", c.text, src, c.source)
		}
	}
}

// The notes: outbound connections may start from the private subnet,
// inbound ones may not start from outside. Saying they may, from outside,
// is the reversal even when the answer never says outbound is blocked.
func TestInboundSaidPossible(t *testing.T) {
	const q = "프라이빗 서브넷의 DB 서버가 패치를 받으려면 인터넷에 나가야 하는데 외부에서 들어오는 건 막고 싶어요. 어떻게 구성하시겠어요?"
	checkIncorrect(t, []incorrectCase{
		{"inbound let in", q, "퍼블릭 서브넷에 NAT 게이트웨이를 두겠습니다. NAT 게이트웨이는 외부에서 먼저 들어오는 연결도 받아 주기 때문에 관리자가 바로 붙을 수 있습니다.", "외부 서비스에서"},
		{"inbound possible", q, "NAT 게이트웨이를 쓰면 외부에서 프라이빗 인스턴스로 먼저 연결을 맺는 것도 가능합니다.", "외부 서비스에서"},
		{"outbound possible, inbound not", q, "NAT 게이트웨이를 쓰면 프라이빗 인스턴스가 외부로 연결할 수 있지만, 외부에서 먼저 연결을 시작할 수는 없습니다.", ""},
		{"outbound possible", q, "NAT 게이트웨이를 두면 프라이빗 서브넷의 인스턴스가 외부로 연결할 수 있습니다.", ""},
	})
}
