package grader

import (
	"grader/notes"
	"grader/token"
	"slices"

	"strings"
	"testing"
)

func TestAskedListNoun(t *testing.T) {
	cases := []struct{ question, want string }{
		{"반대로 DevOps를 도입할 때 어려운 점은 뭐라고 보세요?", "어려운 점"},
		{"CI/CD 도입을 반대하는 팀원이 있다면, 그분이 걱정하는 단점은 뭘까요?", "단점"},
		{"애자일로 일하면 기존 폭포수 모델보다 어떤 점이 좋을까요?", "좋은 점"},
		{"쿠버네티스가 따로 필요한 이유는 뭘까요?", "이유"},
		{"새로 만든 서브넷의 서버로 SSH가 안 되면 ACL에서는 뭘 확인하시겠어요?", "확인할 것"},
		{"MSA로 쪼갠다면 무엇을 설계해야 할까요?", "설계할 것"},
		// two things asked: "무엇을 설계" is the second, not a list
		{"MSA로 쪼갠다면 어떤 기준으로 나누고 무엇을 설계해야 할까요?", ""},
		{"파이프라인 단계는 어떻게 구성하셨어요?", flowNoun},
		{"What are the drawbacks of serverless?", "drawbacks"},
		// one thing asked: no list to go on with
		{"트래픽이 들쭉날쭉하면 Lambda가 비용 면에서 왜 유리할까요?", ""},
		{"NAT 게이트웨이는 무엇인가요?", ""},
		{"어떤 점을 조심해야 하나요?", ""},
	}
	for _, c := range cases {
		if got := askedListNoun(c.question); got != c.want {
			t.Errorf("askedListNoun(%q) = %q, want %q", c.question, got, c.want)
		}
	}
}

func TestDoneNoun(t *testing.T) {
	cases := map[string]string{"확인하시겠어요?": "확인", "설계해야": "설계", "배포했나요?": "배포", "쓰시겠어요?": "", "하나요?": "", "Deploy하나요": ""}
	for w, want := range cases {
		if got := doneNoun(w); got != want {
			t.Errorf("doneNoun(%q) = %q, want %q", w, got, want)
		}
	}
}

// An answer that gives one item of a list the question asks for is asked for
// the rest; one that gives them all, none of them, or says more than its
// item, is not.
func TestFollowupsAskForTheRestOfAList(t *testing.T) {
	const q = "팀에 CI/CD를 도입하자고 했을 때 나올 수 있는 걱정, 즉 단점은 무엇이 있을까요?"
	cases := []askedCase{
		{"처음 구성할 때 도입 비용이 늘어난다는 점입니다.", true},
		{"처음 구성할 때 도입 비용이 늘어나고, 초기 아키텍처가 복잡해진다는 점입니다.", false},
		{"배포가 빨라지고 휴먼 에러가 줄어듭니다.", false},
		// an answer that says more than the item it gave has claims to go
		// into before more items are asked for
		{"처음 구성할 때 도입 비용이 늘어난다는 점입니다. 다만 요즘은 클라우드가 배포를 다 알아서 해 주니까 운영 인력은 오히려 전혀 필요 없어집니다.", false},
	}
	checkAsked(t, q, "말씀하신 것 말고 다른 단점도 있을까요?", cases)
}

// "다른 이유도" follows a reason given and "다른 효과도" an effect named,
// never an answer that gave none: a question that asks what is done and
// what it brings, in one breath, is not answered by what is done.
func TestFollowupsAskForOthersAfterOne(t *testing.T) {
	for _, c := range []struct {
		question, want string
		cases          []askedCase
	}{
		{"다른 서비스에서 파드로 요청을 보낼 때 파드 IP를 직접 쓰지 않고 Service를 거치게 하는 이유가 뭐고, kube-proxy는 거기서 무슨 역할을 하나요?", "다른 이유", []askedCase{
			{"kube-proxy는 클러스터 안에서 네트워크 요청을 전달하는 역할을 합니다.", false},
			{"파드 IP는 매번 바뀌기 때문에 Service 오브젝트로 고정적으로 접근하게 하고, kube-proxy는 클러스터 안에서 네트워크 요청을 전달합니다.", true},
		}},
		{"팀에 CI를 도입하면 무엇이 자동으로 돌아가고 어떤 효과가 있는지 말씀해 주세요.", "다른 효과", []askedCase{
			{"빌드와 테스트를 자동화합니다.", false},
			{"개발자가 코드를 올리면 빌드와 테스트가 자동으로 돌아갑니다.", false},
		}},
	} {
		checkAsked(t, c.question, c.want, c.cases)
	}
}

type askedCase struct {
	answer string
	asked  bool
}

// checkAsked grades each answer to q and checks whether a follow-up holds
// want.
func checkAsked(t *testing.T, q, want string, cases []askedCase) {
	t.Helper()
	for _, c := range cases {
		gr := judgeOnSeeds(t, q, c.answer)
		asked := strings.Contains(strings.Join(gr.Followups, "\n"), want)
		if asked != c.asked {
			t.Errorf("%q: follow-ups %q; %q asked: %v, want %v", c.answer, gr.Followups, want, asked, c.asked)
		}
	}
}

// "말씀하신 흐름에서 … 빠진 단계는" needs a flow: two steps told, or three
// reached in part; one step and a word of another (버전 관리 / 소프트웨어
// 관리) is none.
func TestFollowupsAskForAGapInAFlow(t *testing.T) {
	const q = "DevOps 툴체인을 단계별로 나눈다면 어떻게 나누시겠어요? 도커는 어디에 들어가나요?"
	cases := []askedCase{
		{"도커는 빌드와 버전 관리를 하는 구축 단계에 들어갑니다.", false},
		{"계획 단계에서 요구사항을 정의하고, 코딩 단계에서 설계하고 코드를 만들고, 구축 단계에서 도커로 빌드와 버전 관리를 합니다.", true},
	}
	checkAsked(t, q, "빠진 단계", cases)
}

// A model answer says a name the notes misspell the right way, and keeps
// every other word of the notes.
func TestModelAnswerSpellsNamesRight(t *testing.T) {
	r := Rubric{Points: []KeyPoint{
		{Text: "kube-apiverver: kubectl 명령들이 kube-apiserver로 전송 후 적절한 컴포넌트로 요청 전달", Weight: 1},
		{Text: "AWS Labmda는 서버 없이 코드를 실행하는 서비스", Weight: 1},
		{Text: "Packer로 AMI 이미지를 만든다", Weight: 1},
	}}
	got := ModelAnswer(r)
	for _, want := range []string{"kube-apiserver는 kubectl 명령들이", "AWS Lambda는", "Packer로 AMI 이미지를 만듭니다."} {
		if !strings.Contains(got, want) {
			t.Errorf("ModelAnswer = %q, want it to say %q", got, want)
		}
	}
	for _, typo := range []string{"apiverver", "Labmda"} {
		if strings.Contains(got, typo) {
			t.Errorf("ModelAnswer = %q repeats the notes' %q", got, typo)
		}
	}
}

// A swap asked back shows the swap: a short sentence is quoted whole (the
// subject and what is said of it are often two clauses), and a line under
// a heading is quoted as said of its heading's thing, or it reads as
// agreeing with the answer.
func TestFollowupsAskASwapBack(t *testing.T) {
	cases := []struct {
		question, answer string
		want             []string // all in one follow-up
	}{
		{"CI만 떼어서 보면 정확히 뭘 자동화하는 건가요?",
			"CI는 빌드와 테스트를 자동화하는 과정이에요. 변경 사항을 운영 서버에 자동으로 배포해서 휴먼 에러를 줄이는 것까지 CI 단계에서 하는 일입니다.",
			[]string{"자동으로 배포해서 휴먼 에러를 줄이는 것까지 CI 단계에서", "노트에는"}},
		{"CI랑 CD를 늘 묶어서 얘기하는데, 각각 맡는 부분이 어떻게 나뉘어요?",
			"CI는 변경된 코드를 자동으로 배포해 주는 과정이라 휴먼 에러를 줄여 주고, CD는 빌드랑 테스트를 자동으로 돌려서 오류를 효율적으로 잡아 주는 부분이에요. Jenkins 같은 경우 웹훅 트리거가 걸리면 파이프라인 스크립트로 자동 실행되고요.",
			[]string{"노트에는 CD에 대해 \"배포 자동화 과정\""}},
	}
	for _, c := range cases {
		gr := judgeOnSeeds(t, c.question, c.answer)
		if !slices.ContainsFunc(gr.Followups, func(f string) bool {
			for _, w := range c.want {
				if !strings.Contains(f, w) {
					return false
				}
			}
			return true
		}) {
			t.Errorf("%q: follow-ups %q, want one with %q", c.answer, gr.Followups, c.want)
		}
	}
}

// A claim an answer states against something (a negation the notes do not
// share, 다만, 오히려) is asked for its grounds; a negation the notes say
// the same way, the question's own, or "not only" is not.
func TestFollowupsPressOnAClaimAgainst(t *testing.T) {
	cases := []struct {
		question, answer string
		pressed          string // the words a grounds question quotes, or ""
	}{
		{"쿠버네티스를 쓰면 장애가 났을 때 운영하는 입장에서 뭐가 편해지나요?",
			"쿠버네티스는 Pod 상태를 설정대로 모니터링해 줍니다. 하지만 죽은 Pod는 자동으로 복구되지 않아서 운영자가 직접 다시 띄워야 합니다.",
			"자동으로 복구되지 않아서"},
		{"디지털 트랜스포메이션과 클라우드는 어떤 관계인가요?",
			"디지털 트랜스포메이션은 수동 프로세스에 IT 기술을 통합하는 겁니다. 오히려 클라우드는 보안 때문에 쓰지 않는 편이 좋습니다.",
			"오히려 클라우드는"},
		{"DevOps를 도입하려고 하면 현실적으로 어떤 어려움이 있을까요?",
			"처음에 드는 비용이 큽니다. 그리고 조직 문화를 바꾸는 게 쉽지 않아서 노력이 많이 듭니다.", ""},
		{"테스트 자동화라고 하면 무엇까지 자동화하는 건가요?",
			"테스트 실행만이 아니라 관련된 프로세스까지 자동화하는 겁니다. 미리 만든 테스트 케이스를 CI/CD로 돌립니다.", ""},
		// what the candidate did has reasons, not grounds
		{"Packer랑 Terraform, Ansible을 같이 써서 워드프레스 배포를 자동화하셨다고요. 세 도구가 어떤 순서로 이어졌고 AWS에는 뭘 만드셨는지 설명해 주세요.",
			"마지막 배포는 Terraform으로 했습니다.", ""},
	}
	for _, c := range cases {
		gr := judgeOnSeeds(t, c.question, c.answer)
		var grounds []string
		for _, f := range gr.Followups {
			if strings.Contains(f, "근거는 무엇인가요") || strings.Contains(f, "노트에는") {
				grounds = append(grounds, f)
			}
		}
		got := strings.Join(grounds, "\n")
		if c.pressed != "" && !strings.Contains(got, c.pressed) {
			t.Errorf("%q: follow-ups %q, want the claim %q pressed on", c.answer, gr.Followups, c.pressed)
		}
		if c.pressed == "" && strings.Contains(got, "근거는 무엇인가요") {
			t.Errorf("%q: follow-ups %q press on a claim the notes share", c.answer, gr.Followups)
		}
	}
}

// A model answer says a noun before the copula as a noun ("네트워크다" is
// 네트워크입니다, not the adjective 크다's 큽니다) and leaves a parenthesis
// with a colon alone ("(예: 10.0.0.0/16)" is no label).
func TestModelAnswerCopulaAndParentheses(t *testing.T) {
	g := token.DefaultGlossary()
	r := BuildRubric("VPC란 무엇인가요?", fileChunks(t, "../samples/notes/aws-networking.md"), g)
	ma := ModelAnswer(r)
	for _, want := range []string{"네트워크입니다", "(예: 10.0.0.0/16)"} {
		if !strings.Contains(ma, want) {
			t.Errorf("model answer %q lacks %q", ma, want)
		}
	}
	for _, bad := range []string{"네트워큽니다", "예는"} {
		if strings.Contains(ma, bad) {
			t.Errorf("model answer %q says %q", ma, bad)
		}
	}
}

// A note line that ends in a verb made a noun ("…트리거 됨", "설정 안함")
// is said with the verb's polite ending, not with 입니다 after it.
func TestModelAnswerSaysNominalEndings(t *testing.T) {
	for _, c := range []struct{ line, want, bad string }{
		{"개발자가 변경한 소스가 push되면 CI/CD 파이프라인이 트리거 됨", "트리거 됩니다.", "됨입니다"},
		{"NLB에는 보안 그룹 설정 안함", "설정 안합니다.", "안함입니다"},
		{"무거운 프레임워크 사용이 어려움", "사용이 어렵습니다.", "어려움입니다"},
		{"모든 로그를 포함", "포함합니다.", "포합니다"}, // 포함 is a noun: 포함 + 합니다
		// a verbal noun after a verb's -아/-어 form is done, not named
		{"Consumer : Broker의 특정 Topic에서 메시지를 가져와 처리", "가져와 처리합니다.", "처리입니다"},
		{"운영 - 운영중인 소프트웨어 관리", "소프트웨어 관리입니다.", "관리합니다"},
		// a name ends the line, or a parenthesis after one; an English verb is done
		{"Allow만 있고 나머지는 모두 Deny", "모두 Deny입니다.", ""},
		{"GRU는 다대일 구조의 LSTM(이진 분류 문제)", "LSTM(이진 분류 문제)입니다.", ""},
		{"Ansible로 Dockerhub Push", "Dockerhub Push합니다.", ""},
		// used, and what a thing falls under
		{"XP는 애자일에 있어 개발 방법론으로서 자주 사용", "자주 사용됩니다.", "사용입니다"},
		{"Scrum은 애자일에 있어 관리 방법론에 해당", "방법론에 해당합니다.", "해당입니다"},
		// a label with its dash typed against it
		{"비용 절감- request가 있을때만 작동하여 비용절감 가능", "비용 절감은 request가", ""},
		{"Scale-out 가능", "Scale-out 가능합니다.", ""},
		// a note's object and verbal noun, or a subject and what it does
		{"규칙을 추가하기 전에는 모든 트래픽 거부", "모든 트래픽을 거부합니다.", "거부입니다"},
		{"최초 구성 시 도입 비용이 증가", "비용이 증가합니다.", "증가입니다"},
		{"Backend의 보안그룹 규칙을 따름", "규칙을 따릅니다.", "따름합니다"},
		{"VPC의 IP 범위를 Private IP에 맞추어 구축", "맞추어 구축합니다.", "맞추어를"},
		{"노드에서 파드의 정상적인 동작", "동작입니다.", "정상적인을"},
		// a line polite already stays so; 유용 is said with 하다
		{"회사는 30여년의 연혁을 가진 회사로 알고있습니다.", "알고있습니다.", "습닙니다"},
		{"다른 서버로 라우팅 시켜주어야 할 때 유용", "유용합니다.", "유용입니다"},
		// a stem's ㄹ goes before ㅂ니다
		{"콜드 스타트 지연 - 준비시간이 길다", "준비시간이 깁니다.", "길습니다"},
	} {
		got := sayable(c.line)
		if !strings.Contains(got, c.want) || c.bad != "" && strings.Contains(got, c.bad) {
			t.Errorf("sayable(%q) = %q, want %q in it", c.line, got, c.want)
		}
	}
}

// A chain of steps in the notes is read out as a sentence, its particles
// agreeing with each name; a chain of lists is left as written.
func TestModelAnswerSaysAChain(t *testing.T) {
	cases := map[string]string{
		"kubectl → kube-apiserver → kubelet":                        "kubectl에서 kube-apiserver를 거쳐 kubelet으로 이어집니다.",
		"코드 → 빌드 → 테스트 → 배포":                                        "코드에서 빌드, 테스트를 거쳐 배포로 이어집니다.",
		"Producer -> Consumer":                                      "Producer에서 Consumer로 이어집니다.",
		"Private - EC2(AMI), EBS, RDS → ELB(301-redirection) → ASG": "",
		"DNS 서버 이중화":                                                "",
	}
	for in, want := range cases {
		if got := sayChain(in); got != want {
			t.Errorf("sayChain(%q) = %q, want %q", in, got, want)
		}
	}
	r := Rubric{Points: []KeyPoint{{Text: "kubelet: 노드에서 컨테이너가 동작하도록 관리", Weight: 1}, {Text: "kubectl → kube-apiserver → kubelet", Weight: 1}}}
	if got := ModelAnswer(r); strings.Contains(got, "→") {
		t.Errorf("ModelAnswer = %q, want the chain said without arrows", got)
	}
}

// After a short answer that picks a thing the question did not name, the
// things the notes file beside it are asked about: why not them. Not when
// the question or the answer named them already, nor after a long answer.
func TestAskAlternative(t *testing.T) {
	cases := []struct {
		question, answer, want string
	}{
		{"/api 요청만 API 서버로 보내고 싶어요. 어떤 로드밸런서를 쓰시겠어요?", "path를 보고 라우팅할 수 있는 ALB를 쓰겠습니다.", "NLB로는 안 되는 이유는 무엇인가요?"},
		{"UDP로 들어오는 게임 트래픽을 나눠야 해요. 로드밸런서는 뭘 고르시겠어요?", "UDP를 받을 수 있는 NLB를 고르겠습니다.", "ALB로는 안 되는 이유는 무엇인가요?"},
		// the question named both: it asks the comparison itself
		{"/api 요청만 API 서버로 보내고 싶어요. ALB랑 NLB 중에 뭘 쓰시겠어요?", "path를 보고 라우팅할 수 있는 ALB를 쓰겠습니다.", ""},
		// the answer set them side by side
		{"/api 요청만 API 서버로 보내고 싶어요. 어떤 로드밸런서를 쓰시겠어요?", "NLB는 L4라 path를 못 보니까, path를 보고 라우팅할 수 있는 ALB를 쓰겠습니다.", ""},
		// nothing picked
		{"/api 요청만 API 서버로 보내고 싶어요. 어떤 로드밸런서를 쓰시겠어요?", "L7 로드밸런서면 path를 보고 나눌 수 있습니다.", ""},
	}
	for _, c := range cases {
		gr := judgeOnSeeds(t, c.question, c.answer)
		var got string
		for _, f := range gr.Followups {
			if strings.Contains(f, "안 되는 이유") {
				got = f
			}
		}
		if got != c.want {
			t.Errorf("%q / %q: follow-ups %q, want %q", c.question, c.answer, gr.Followups, c.want)
		}
	}
}

// A model answer over two sections says them in the notes' order, each
// sentence said of the name its heading gives when it has no subject of its
// own ("배포 자동화 과정" under "CD …" is CD's); a heading that is no name
// ("회사 지원 동기") or a facet (장점) gives none.
func TestModelAnswerNotesOrderAndHeadingSubjects(t *testing.T) {
	at := func(line int, path ...string) notes.Passage {
		return notes.Passage{Note: "devops.md", HeadingPath: path, LineStart: line}
	}
	r := Rubric{Points: []KeyPoint{
		{Text: "배포 자동화 과정.", Weight: 1, Passage: at(40, "CI / CD 란", "CD 컨틴뉴어스 딜리버리, 디벨롭먼트")},
		{Text: "빌드 및 테스트 자동화 과정.", Weight: 1, Passage: at(30, "CI / CD 란", "CI 컨틴뉴어스 인테그레이션")},
		{Text: "새로운 코드 변경사항이 자동으로 빌드 및 테스트 된다.", Weight: 1, Passage: at(30, "CI / CD 란", "CI 컨틴뉴어스 인테그레이션")},
	}}
	got := ModelAnswer(r)
	want := "CI는 빌드 및 테스트 자동화 과정입니다. 새로운 코드 변경사항이 자동으로 빌드 및 테스트 됩니다. CD는 배포 자동화 과정입니다."
	if got != want {
		t.Errorf("ModelAnswer = %q, want %q", got, want)
	}
	r = Rubric{Points: []KeyPoint{
		{Text: "회사는 30여년의 연혁을 가진 회사다.", Weight: 1, Passage: at(10, "AWS", "회사 지원 동기")},
		{Text: "비용 절감이 가능하다.", Weight: 1, Passage: at(20, "AWS Labmda", "장점")},
	}}
	if got := ModelAnswer(r); strings.Contains(got, "동기는") || strings.Contains(got, "장점은") {
		t.Errorf("ModelAnswer = %q: a heading that is no name said as a subject", got)
	}
}

// A line's short label after the point's subject is said of the subject
// ("ACL의 서브넷 보안은 …"), not as a second topic ("ACL은 서브넷 보안은");
// and a heading repeated in its section's text is no point.
func TestModelAnswerLabelUnderSubject(t *testing.T) {
	r := Rubric{Points: []KeyPoint{{Text: "ACL: 서브넷 보안 - 특정 서브넷에 TCP 22포트 Allow", Weight: 1}}}
	if got, want := ModelAnswer(r), "ACL의 서브넷 보안은 특정 서브넷에 TCP 22포트 Allow입니다."; got != want {
		t.Errorf("ModelAnswer = %q, want %q", got, want)
	}
	path := []string{"AWS", "k8s Component", "컨트롤 플레인 컴포넌트 - 기능 제어", "kube-apiverver - 컨트롤 플레인의 Frontend"}
	if !isHeadingOf("컨트롤 플레인 컴포넌트 - 기능 제어", path) || isHeadingOf("kubectl 명령들이 kube-apiserver로 전송 후 적절한 컴포넌트로 요청 전달", path) {
		t.Error("isHeadingOf: a heading repeated in the text is a heading, a line under it is not")
	}
}

// A line with a topic of its own is not given its section's name as a
// second topic ("kube-proxy는 쿠버네티스는 …").
func TestOpensWithTopic(t *testing.T) {
	for line, want := range map[string]bool{
		"쿠버네티스는 파드 IP가 매번 바뀌는데서 오는 어려움을 해결": true,
		"특정 서브넷에 TCP 22포트 Allow":            false,
		"규칙을 추가하기 전에는 모든 트래픽 거부":            false,
		"경우에는 다른 서버로 라우팅":                   false,
	} {
		if got := opensWithTopic(line); got != want {
			t.Errorf("opensWithTopic(%q) = %v, want %v", line, got, want)
		}
	}
}
