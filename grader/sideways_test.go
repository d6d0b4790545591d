package grader

import (
	"strings"
	"testing"

	"grader/notes"
	"grader/token"
)

// After an answer that covered the question, the interviewer moves to what
// the notes file beside it: a thing they describe in the same terms, another
// part of the same whole, the other facet of the same topic. Not after a
// thin answer (a jump past what it left out), nor after a wrong one
// (carrying on as if it were right), and not to a thing beside it that the
// notes relate to it in nothing (NAT 게이트웨이 beside ACL).
func TestFollowupsGoSideways(t *testing.T) {
	cases := []struct {
		name, question, answer string
		want, not              string // a follow-up holding want ("" for none); none holding not
	}{
		{"compared: the notes give both Allow and 트래픽 rules",
			"운영 중인 서브넷으로 들어오는 트래픽을 서브넷 단위로 막으려면 뭘 손봐야 하나요?",
			"네트워크 ACL을 손봅니다. ACL은 서브넷 단위로 거는 보안이고, 규칙을 넣기 전에는 트래픽이 전부 거부되니까 필요한 포트만 Allow로 열어 줍니다. 인바운드와 아웃바운드 규칙을 따로 잡아야 합니다.",
			"ACL과 Security Group은 어떻게 다른가요?", ""},
		{"a part of the same whole, named by the answer",
			"디플로이먼트를 만들면 새 파드가 어느 노드로 갈지는 누가 정하나요?",
			"kube-scheduler가 정합니다. 새로 만들어진 파드를 감지해서 어떤 노드에 배치할지를 결정하는 게 스케줄러의 일이에요.",
			"같은 컨트롤 플레인 컴포넌트 중에서", "어떻게 다른가요"},
		{"the other facet of the topic",
			"애자일을 도입할 때 조심해야 할 점이 있다면 뭘까요?",
			"대규모 프로젝트에는 한계가 있고, 외부 규칙이나 제약이 많으면 나중에 아키텍처를 바꾸기가 아주 어렵습니다. 또 역량이 뛰어난 개발자와 팀이 필요한데 모든 인원이 그걸 갖추기는 힘듭니다.",
			"그럼 Agile을 도입하면 어떤 점이 좋은가요?", "반대로"},
		{"nothing the notes relate: no question beside it",
			"프라이빗 서브넷의 서버가 패치를 받아야 하는데 밖에서 들어오는 접속은 막고 싶어요. 어떻게 하시겠어요?",
			"NAT 게이트웨이를 두겠습니다. 네트워크 주소 변환 서비스라서 프라이빗 서브넷 인스턴스가 VPC 밖으로는 연결할 수 있지만, 외부에서 그 인스턴스로 연결을 시작할 수는 없습니다.",
			"", "VPC에서"},
		{"thin: what it left out comes first",
			"디플로이먼트를 만들면 새 파드가 어느 노드로 갈지는 누가 정하고, 그 컴포넌트는 어디까지 책임지나요?",
			"kube-scheduler요.",
			"", "같은 컨트롤 플레인 컴포넌트"},
		{"wrong: stays on the error",
			"운영 중인 서브넷으로 들어오는 트래픽을 서브넷 단위로 막으려면 뭘 손봐야 하나요?",
			"네트워크 ACL을 손봅니다. ACL은 인스턴스 레벨에서 거는 보안이고, 규칙을 넣기 전에는 트래픽이 전부 허용되니까 막을 것만 Deny로 넣습니다.",
			"", "어떻게 다른가요"},
	}
	for _, c := range cases {
		fs := judgeOnSeeds(t, c.question, c.answer).Followups
		all := strings.Join(fs, "\n")
		if c.want != "" && !strings.Contains(all, c.want) || c.not != "" && strings.Contains(all, c.not) {
			t.Errorf("%s: follow-ups %q; want one with %q, none with %q", c.name, fs, c.want, c.not)
		}
		if c.want == "" && strings.Contains(all, "어떻게 다른가요") {
			t.Errorf("%s: follow-ups %q move sideways", c.name, fs)
		}
	}
}

// A facet under the graded topic that the answer reached nothing of is
// asked the way the notes file it; one the question asks already is not.
func TestFollowupsGoDeeper(t *testing.T) {
	lambda := notes.Passage{Note: "n.md", HeadingPath: []string{"Lambda"}, Text: "- 이벤트가 오면 함수 코드를 실행하는 FaaS 서비스\n- 함수 단위로 서비스를 제공"}
	pros := notes.Passage{Note: "n.md", HeadingPath: []string{"Lambda", "장점"}, Text: "- 요청이 있을 때만 비용이 발생\n- 서버를 관리할 필요가 없다"}
	gl := token.DefaultGlossary()
	cases := []struct {
		question, want string
	}{
		{"Lambda가 어떻게 동작하는지 설명해 주세요.", "Lambda를 도입하면 어떤 점이 좋은가요?"},
		{"Lambda가 어떻게 동작하고 장점은 뭔가요?", ""},
	}
	for _, c := range cases {
		r := BuildRubric(c.question, []notes.Passage{lambda, pros}, gl)
		r.Backing = []notes.Passage{lambda, pros}
		answer := "이벤트가 들어오면 함수 코드를 실행해 주는 FaaS 서비스이고, 함수 단위로 서비스를 제공합니다."
		g, err := NewOffline(gl, DefaultCalibration()).Judge(t.Context(), r, answer)
		if err != nil {
			t.Fatal(err)
		}
		all := strings.Join(g.Followups, "\n")
		if c.want != "" && !strings.Contains(all, c.want) || c.want == "" && strings.Contains(all, "좋은가요") {
			t.Errorf("%q: follow-ups %q, want %q", c.question, g.Followups, c.want)
		}
	}
}

// The graded section is one heading path with what is under it; points
// drawn from two sections (a comparison) have none beside them to ask.
func TestGradedSection(t *testing.T) {
	p := func(path ...string) notes.Passage { return notes.Passage{Note: "n.md", HeadingPath: path} }
	cases := []struct {
		passages []notes.Passage
		want     string
	}{
		{[]notes.Passage{p("Agile", "단점")}, "Agile > 단점"},
		{[]notes.Passage{p("Lambda", "장점"), p("Lambda")}, "Lambda"},
		{[]notes.Passage{p("Agile", "XP"), p("Agile", "Scrum")}, ""},
	}
	for _, c := range cases {
		_, got := gradedSection(Rubric{Passages: c.passages})
		if strings.Join(got, " > ") != c.want {
			t.Errorf("gradedSection(%v) = %q, want %q", c.passages, got, c.want)
		}
	}
}
