package grader

import (
	"slices"
	"testing"

	"grader/token"
)

func TestPredicatesOf(t *testing.T) {
	g := token.DefaultGlossary()
	cases := []struct {
		text string
		want predicate
	}{
		{"복구는 자동으로 되지 않아서", predicate{"auto", true}},
		{"수동으로 재시작해 줘야 합니다", predicate{"auto", true}},
		{"자료를 분산하지 않고", predicate{"spread", true}},
		{"인프라와 애플리케이션 배포를 통합해 관리", predicate{"integrate", false}},
		{"인프라 배포는 따로 분리해서", predicate{"integrate", true}},
		{"서비스에는 오히려 잘 안 맞습니다", predicate{"fit", true}},
		{"비용이 늘어나는 편입니다", predicate{"increase", false}},
		{"비용을 절감할 수 있습니다", predicate{"increase", true}},
	}
	for _, c := range cases {
		var got []predicate
		for _, cl := range clausesOf(analyze(c.text, g)) {
			got = append(got, predicatesOf(cl)...)
		}
		if !slices.Contains(got, c.want) {
			t.Errorf("predicates of %q = %v, want %v among them", c.text, got, c.want)
		}
	}
}

// TestNegatedPredicateIsIncorrect: saying the notes' predicate the other way
// round is wrong; saying it their way is not.
func TestNegatedPredicateIsIncorrect(t *testing.T) {
	g := token.DefaultGlossary()
	j := NewOffline(g, DefaultCalibration())
	r := seedRubric(t, g, "쿠버네티스 클러스터 정보는 어디에 저장되나요?", seedAWS,
		[]string{"AWS 서비스", "k8s Component", "**컨트롤 플레인 컴포넌트** - 기능 제어", "etcd - 정보 저장소"})
	wrong := mustJudge(t, j, r, "etcd는 자료를 분산하지 않고 컨트롤 플레인 한 곳에만 모아서 저장합니다.")
	right := mustJudge(t, j, r, "etcd는 안정적으로 동작하도록 자료를 분산해서 저장합니다.")
	if !hasIncorrect(wrong) {
		t.Errorf("'분산하지 않고' against '분산해서 저장' not incorrect:%s", pointsSummary(wrong))
	}
	if hasIncorrect(right) {
		t.Errorf("a restatement marked incorrect:%s", pointsSummary(right))
	}
}
