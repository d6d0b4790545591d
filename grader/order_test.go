package grader

import (
	"slices"
	"strings"
	"testing"

	"grader/token"
)

func TestOrderPairs(t *testing.T) {
	g := token.DefaultGlossary()
	cases := []struct {
		text     string
		want     []before // must be among the pairs
		wantNone []before // must not be
	}{
		{"Ansible → Packer → Terraform 배포", []before{{"ansibl", "packer"}, {"packer", "terraform"}, {"ansibl", "terraform"}}, []before{{"terraform", "ansibl"}}},
		{"코드를 작성하기 전에 먼저 테스트를 작성한다.", []before{{"테스트", "코드"}}, []before{{"코드", "테스트"}}},
		{"기능 코드를 먼저 다 작성한 다음에 그 코드에 맞춰 테스트를 작성합니다.", []before{{"코드", "테스트"}}, nil},
		{"VPC를 만들었다면 서브넷 생성 가능", []before{{"vpc", "subnet"}}, nil},
		// Only the clauses around the temporal word are ordered.
		{"IP 대역은 사설로 잡고요, 서브넷을 먼저 만든 다음에 VPC를 생성합니다.", []before{{"subnet", "vpc"}}, []before{{"대역", "subnet"}}},
		{"NAT 게이트웨이는 퍼블릭 서브넷에 둡니다.", nil, []before{{"nat", "subnet"}}},
		// 뒤에 of place: the servers behind the load balancer, not after it
		{"고가용성을 목표로 ELB 뒤에 EC2를 ASG로 묶어서 배포했습니다.", nil, []before{{"elb", "ec2"}}},
		{"CI 뒤에 CD가 이어지고, 배포까지 자동으로 나갑니다.", []before{{"ci", "cd"}}, nil},
		// A told sequence: 그다음, 뒤, 마지막에; the clause with 먼저 comes first.
		{"Terraform으로 먼저 인프라를 올리고, 그다음 Packer로 이미지를 만든 뒤 마지막에 Ansible로 배포했습니다.",
			[]before{{"terraform", "packer"}, {"packer", "ansibl"}, {"terraform", "ansibl"}}, []before{{"ansibl", "terraform"}}},
		{"kubelet이 먼저 노드 상태를 보고, 그게 다시 kubectl로 전달됩니다.", []before{{"kubelet", "kubectl"}}, []before{{"kubectl", "kubelet"}}},
		// what 먼저's clause says before it is part of the first step
		{"CI/CD 파이프라인을 먼저 돌려서 테스트를 통과시키고, 결과를 확인한 다음에 마지막으로 개발자가 소스를 push합니다.", []before{{"pipelin", "push"}}, []before{{"push", "pipelin"}}},
		// told by adverbs on the events: the code first, the test right after
		{"순서는 일단 기능 코드를 먼저 짜 놓고, 그 코드를 검증하는 테스트를 바로 뒤에 붙이는 식입니다.", []before{{"코드", "테스트"}}, []before{{"테스트", "코드"}}},
		// no comma: -고 ends the first clause, and 그다음에 after the later
		// event's topic is that event's adverb (fresh28, read in round 25)
		{"실제 코드를 먼저 쓰고 테스트는 그다음에 씁니다.", []before{{"코드", "테스트"}}, []before{{"테스트", "코드"}}},
		{"테스트를 먼저 쓰고 코드는 나중에 씁니다.", []before{{"테스트", "코드"}}, []before{{"코드", "테스트"}}},
		// what 먼저 opens before the first temporal word is the first step:
		// 고객 is in it as well as in the last
		{"먼저 고객 요구사항을 스토리로 정리하고, 그걸 바탕으로 개발한 뒤 릴리스해서 고객 평가를 받습니다.", []before{{"custom", "개발"}, {"개발", "평가"}, {"requir", "releas"}}, nil},
		// the comma after 먼저 that ends its clause, not one inside a list
		{"먼저 서비스별로 API, 데이터, UI를 설계해 두고, 그 설계를 바탕으로 이벤트를 분석합니다.", []before{{"ui", "이벤트"}}, []before{{"api", "data"}}},
		{"테스트를 먼저 작성하고, 기능 코드는 나중에 짭니다.", []before{{"테스트", "코드"}}, []before{{"코드", "테스트"}}},
		// a thing named again in a later step ("그 VPC를") comes no later
		{"VPC를 먼저 만들고, 그 VPC를 잘게 쪼개서 서브넷을 만듭니다.", []before{{"vpc", "subnet"}}, []before{{"creat", "vpc"}}},
	}
	for _, c := range cases {
		checkPairs(t, "orderPairs", c.text, orderPairs(c.text, g), c.want, c.wantNone)
	}
}

func checkPairs(t *testing.T, fn, text string, got, want, wantNone []before) {
	t.Helper()
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("%s(%q) lacks %v: %v", fn, text, w, got)
		}
	}
	for _, w := range wantNone {
		if slices.Contains(got, w) {
			t.Errorf("%s(%q) has %v: %v", fn, text, w, got)
		}
	}
}

// TestOrderReversalIsIncorrect: the same steps in the other order contradict
// the notes; the same order does not.
func TestOrderReversalIsIncorrect(t *testing.T) {
	g := token.DefaultGlossary()
	j := NewOffline(g, DefaultCalibration())
	r := seedRubric(t, g, "TDD는 어떤 순서로 개발하나요?", seedDevOps, []string{"TDD"})
	wrong := mustJudge(t, j, r, "TDD는 기능 코드를 먼저 다 작성한 다음에 그 코드에 맞춰 테스트를 작성하는 방식입니다.")
	right := mustJudge(t, j, r, "TDD는 코드를 작성하기 전에 테스트를 먼저 작성합니다.")
	if !hasIncorrect(wrong) {
		t.Errorf("reversed order not marked incorrect:%s", pointsSummary(wrong))
	}
	if hasIncorrect(right) {
		t.Errorf("the notes' own order marked incorrect:%s", pointsSummary(right))
	}
}

// "X보다 먼저" puts X after, and "만들고 나면" is a step done: the notes'
// own order said so is right, the other way round is not.
func TestOrderSaidWithComparisonsAndDoneSteps(t *testing.T) {
	checkIncorrect(t, []incorrectCase{
		{"the test before the code, said with 보다", "TDD를 하면 테스트는 어떻게 쓰나요?",
			"작은 단위의 테스트 케이스를 코드보다 먼저 작성하고, 그 테스트를 통과하도록 코드를 짭니다.", ""},
		{"the code before the test, said with 보다", "TDD를 하면 테스트는 어떻게 쓰나요?",
			"기능 코드를 테스트보다 먼저 작성하고, 그 코드에 맞춰 테스트 케이스를 짭니다.", "먼저 테스트"},
		// asked for the stages, a list of named items is told in its order
		{"stages told in the notes' order", "데브옵스 툴체인을 요구사항 정의부터 릴리즈 이후까지 단계별로 설명해 주시겠어요?",
			"계획 단계에서 요구사항을 정의하고, 코딩 단계에서 코드를 작성합니다. 구축 단계에서 빌드와 버전 관리를 하고, 테스트로 품질을 확인한 다음 배포로 릴리즈합니다. 그 뒤에 운영과 모니터링을 합니다.", ""},
		{"the release before the test", "데브옵스 툴체인을 요구사항 정의부터 릴리즈 이후까지 단계별로 설명해 주시겠어요?",
			"계획 단계에서 요구사항을 정의하고, 코딩 단계에서 코드를 작성합니다. 구축 단계에서 빌드와 버전 관리를 하고, 먼저 배포로 릴리즈를 한 다음 테스트 단계에서 품질을 확인합니다.", "테스트 - 코드 품질"},
		// 고객 opens the cycle (요구사항) and ends it (평가): no reversal
		{"the customer at both ends of a cycle", "XP로 진행하면 한 사이클을 어떻게 돌리나요?",
			"먼저 고객 요구사항을 유저 스토리로 정리하고, 그걸 바탕으로 2~4주 정도 개발한 뒤 릴리스해서 고객 평가를 받습니다.", ""},
		{"the VPC made first (만들고 나면)", "VPC를 만들 때 IP 대역과 서브넷은 어떻게 나누나요?",
			"VPC를 먼저 만들고 나면 그 안에 서브넷을 만들 수 있는데, 서브넷은 VPC 대역을 잘게 쪼개서 네트워크망을 여러 개로 나누는 과정이에요.", ""},
	})
}

func TestDirectionPairs(t *testing.T) {
	g := token.DefaultGlossary()
	cases := []struct {
		text     string
		want     []before
		wantNone []before
	}{
		// The glossary folds 도메인 onto domain and "IP 주소" onto ipaddress.
		{"DNS : 도메인을 IP로 변환하여 목적지 IP를 찾는 과정", []before{{"domain", "ip"}}, []before{{"ip", "domain"}}},
		{"DNS는 IP 주소를 도메인 이름으로 바꿔 주는 과정입니다.", []before{{"ipaddress", "domain"}}, nil},
		// A denied direction says nothing about the real one.
		{"외부에서 인스턴스로 먼저 연결할 수는 없습니다.", nil, []before{{"외부", "인스턴스"}}},
		{"NAT 게이트웨이는 퍼블릭 서브넷에 둡니다.", nil, []before{{"nat", "subnet"}}},
		// what is turned is the object, not the subject doing it
		{"DNS는 요청이 들어온 IP 주소를 보고 그에 맞는 도메인 이름으로 바꿔 줍니다.", []before{{"ipaddress", "domain"}}, []before{{"request", "domain"}}},
		{"DNS가 도메인 이름을 IP 주소로 바꿔 줍니다.", []before{{"domain", "ipaddress"}}, []before{{"dns", "ipaddress"}}},
		// what is turned into what, wherever it happens; a pointer back
		// (거기에) names no target
		{"접속 과정에서 DNS는 요청에 담긴 서버 IP를 받아서 거기에 매핑된 도메인 이름으로 바꿔 줍니다.", []before{{"ip", "domain"}}, []before{{"domain", "ip"}, {"ip", "거기"}}},
	}
	for _, c := range cases {
		checkPairs(t, "directionPairs", c.text, directionPairs(c.text, g), c.want, c.wantNone)
	}
}

// Priorities are ordered pairs too: "디자인이나 문서보다는 코드에 집중" puts
// code first; a comparison of another kind ("A보다 빠르다") orders nothing.
func TestPreferencePairs(t *testing.T) {
	g := token.DefaultGlossary()
	cases := []struct {
		text     string
		want     []before
		wantNone []before
	}{
		{"디자인이나 문서보다는 코드에 집중하며, iterative approach를 활용한다.", []before{{"코드", "문서"}, {"코드", "디자인"}}, []before{{"문서", "코드"}}},
		{"애자일은 코드보다 디자인과 문서를 먼저 챙기는 데 무게를 둡니다.", []before{{"디자인", "코드"}, {"문서", "코드"}}, nil},
		{"기존의 모델보다 개발의 오버헤드를 줄여 개발 속도를 높일 수 있다.", nil, []before{{"개발", "모델"}}},
		{"문서는 코드보다 덜 중요하게 봅니다.", nil, []before{{"문서", "코드"}, {"코드", "문서"}}},
	}
	for _, c := range cases {
		checkPairs(t, "preferencePairs", c.text, preferencePairs(c.text, g), c.want, c.wantNone)
	}
	// 보다 says which comes first: the steps read across the sentence's
	// clauses ("…먼저 … 두고, 그 문서를 기준으로") do not say it the other way too
	text := "반복이 잦으니까 코드보다 설계 문서를 먼저 꼼꼼하게 맞춰 두고, 그 문서를 기준으로 iterative하게 개발합니다."
	checkPairs(t, "statedPairs", text, statedPairs(text, g), []before{{"문서", "코드"}}, []before{{"코드", "문서"}})
}

// A list said as an order ("kubectl, kubelet, apiserver 순서"), and a
// sentence that opens with what comes next ("그 다음에 기획안을 분석해서",
// "그걸 바탕으로"), order their steps.
func TestListAndNextSentenceOrders(t *testing.T) {
	g := token.DefaultGlossary()
	checkPairs(t, "orderPairs", "그러니까 흐름은 kubectl, kubelet, apiserver 순서라고 보면 됩니다.",
		orderPairs("그러니까 흐름은 kubectl, kubelet, apiserver 순서라고 보면 됩니다.", g), []before{{"kubectl", "kubelet"}, {"kubelet", "apiserv"}}, nil)
	from, then := withoutCommon([]string{"subnet", "vpc"}, []string{"vpc", "igw"}), withoutCommon([]string{"vpc", "igw"}, []string{"subnet", "vpc"})
	if !slices.Equal(from, []string{"subnet"}) || !slices.Equal(then, []string{"igw"}) {
		t.Errorf("withoutCommon: %v, %v; want [subnet], [igw]", from, then)
	}
	checkPairs(t, "orderPairs", "EBS, EFS, S3는 각각 다릅니다.", orderPairs("EBS, EFS, S3는 각각 다릅니다.", g), nil, []before{{"ebs", "efs"}})
	checkIncorrect(t, []incorrectCase{
		{"a list said in the wrong order", "kubectl apply를 치면 그 요청이 클러스터 안에서 어떤 경로로 노드까지 가나요?",
			"kubectl 명령은 먼저 노드에서 받아 처리합니다. 그러니까 흐름은 kubectl, kubelet, apiserver 순서라고 보면 됩니다.", "kubectl"},
		{"a list said in the notes' order", "kubectl apply를 치면 그 요청이 클러스터 안에서 어떤 경로로 노드까지 가나요?",
			"kubectl 명령은 컨트롤 플레인의 프론트엔드가 받습니다. 그러니까 흐름은 kubectl, apiserver, kubelet 순서라고 보면 됩니다.", ""},
		{"the next sentence, done first", "DBA로 새 서비스의 DB를 개발 단계부터 맡게 되면 어떤 순서로 일을 진행하세요?",
			"저는 일단 테이블부터 만들고 프로시저를 작성합니다. 그 다음에 기획안을 분석해서 관계 모델을 정리합니다.", "기획안"},
		{"the next sentence, in the notes' order", "DBA로 새 서비스의 DB를 개발 단계부터 맡게 되면 어떤 순서로 일을 진행하세요?",
			"저는 일단 기획안을 분석해서 관계 모델을 설계합니다. 그 다음에 테이블을 만들고 프로시저를 작성합니다.", ""},
		// what the next sentence builds on ("그걸 바탕으로") came first
		{"built on what was done first", "DB 개발을 맡으면 기획안을 받은 다음 어떤 순서로 작업하세요?",
			"먼저 테이블을 만들고 프로시저를 짜 둡니다. 그걸 바탕으로 기획안을 보면서 관계 모델을 설계합니다.", "기획안"},
		{"built on, in the notes' order", "DB 개발을 맡으면 기획안을 받은 다음 어떤 순서로 작업하세요?",
			"먼저 기획안을 분석해서 관계 모델을 설계합니다. 이를 바탕으로 테이블을 만들고 프로시저를 작성합니다.", ""}, // VPC is named on both sides of 그다음: what both steps are done to
		{"a thing on both sides of the next sentence", "AWS 콘솔에서 네트워크를 처음부터 잡는다면 VPC, 서브넷, 인터넷 게이트웨이를 어떤 순서로 만드시나요?",
			"VPC가 있어야 서브넷을 만들 수 있고, 서브넷은 그 VPC를 잘게 쪼개서 네트워크망을 나누는 거예요. 그다음 VPC와 인터넷을 이어 주는 인터넷 게이트웨이를 붙입니다.", ""},
		{"subnets first, then the VPC", "AWS 콘솔에서 네트워크를 처음부터 잡는다면 VPC, 서브넷, 인터넷 게이트웨이를 어떤 순서로 만드시나요?",
			"저는 서브넷부터 먼저 만들고, 그렇게 만든 서브넷들을 하나로 묶어서 VPC를 구성합니다.", "서브넷"},
	})
}

// What makes what possible is an ordered pair: the enabler first.
func TestEnablingPairs(t *testing.T) {
	g := token.DefaultGlossary()
	cases := []struct {
		text     string
		want     []before
		wantNone []before
	}{
		{"이러한 데브옵스를 가능하게 해주는 방법론이 스크럼, 애자일 등이다.", []before{{"scrum", "devop"}, {"agil", "devop"}}, []before{{"devop", "scrum"}}},
		{"DevOps가 먼저 자리를 잡아야 그 위에서 스크럼이나 애자일 같은 방법론이 가능해집니다.", []before{{"devop", "scrum"}, {"devop", "agil"}}, nil},
		{"스크럼이나 애자일 같은 방법론이 있어야 DevOps가 가능합니다.", []before{{"scrum", "devop"}}, []before{{"devop", "scrum"}}},
		{"DevOps는 개발과 운영의 협업 문화입니다.", nil, []before{{"devop", "협업"}}},
	}
	for _, c := range cases {
		checkPairs(t, "enablingPairs", c.text, enablingPairs(c.text, g), c.want, c.wantNone)
	}
}

// A swapped priority or a turned-round conversion is wrong; said the
// notes' way, in other words, it is right.
func TestPriorityAndConversionReversed(t *testing.T) {
	checkIncorrect(t, []incorrectCase{
		{"documents before code", "애자일 팀은 코드와 문서 중 어디에 더 힘을 쏟나요?", "애자일은 코드보다 디자인과 문서를 먼저 탄탄히 챙기는 데 무게를 둡니다.", "코드에 집중"},
		{"code before documents", "애자일 팀은 코드와 문서 중 어디에 더 힘을 쏟나요?", "애자일은 문서보다는 동작하는 코드를 중시하고 반복적으로 개선합니다.", ""},
		{"IP turned into a domain", "도메인을 붙이면 DNS는 그 사이에서 정확히 무슨 일을 하나요?", "DNS는 요청에 담긴 서버 IP를 받아서 거기에 매핑된 도메인 이름으로 바꿔 줍니다.", "도메인을 IP로"},
		{"a domain turned into an IP", "도메인을 붙이면 DNS는 그 사이에서 정확히 무슨 일을 하나요?", "DNS는 사용자가 입력한 도메인을 받아서 거기에 매핑된 IP로 바꿔 줍니다.", ""},
		{"DevOps as what makes Scrum possible", "DevOps 엔지니어를 한 명 뽑으면 DevOps를 하는 건가요?", "아닙니다. DevOps는 개발팀과 운영팀의 협업 문화이고, DevOps가 먼저 자리를 잡아야 스크럼이나 애자일 같은 방법론이 가능해집니다.", "스크럼"},
		{"Scrum as what makes DevOps possible", "DevOps 엔지니어를 한 명 뽑으면 DevOps를 하는 건가요?", "아닙니다. DevOps는 개발팀과 운영팀의 협업 문화이고, 스크럼이나 애자일 같은 방법론이 그걸 가능하게 해 줍니다.", ""},
	})
}

func TestSameThing(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{{"ip", "ipaddress", true}, {"ip", "ip", true}, {"vpc", "subnet", false}, {"서버", "서버실", false}, {"l4", "l7", false}} {
		if got := sameThing(c.a, c.b); got != c.want {
			t.Errorf("sameThing(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func TestStepLists(t *testing.T) {
	cases := []struct {
		md   string
		want []string // each list joined with " → "
	}{
		{"[개발단계]\n\n- 기획안 분석 후 관계모델 설계\n- 테이블 생성 및 프로시져 작성\n    - 세부 사항\n- 튜닝작업\n\n다음 문단",
			[]string{"기획안 분석 후 관계모델 설계 → 테이블 생성 및 프로시져 작성 → 튜닝작업"}},
		{"1. 코드 push\n2. 빌드\n3. 배포", []string{"코드 push → 빌드 → 배포"}},
		// a plain list under a label that names no steps is not ordered
		{"특징\n- 자동 복구\n- 로드밸런싱", nil},
	}
	for _, c := range cases {
		var got []string
		for _, items := range stepLists(c.md) {
			got = append(got, strings.Join(items, " → "))
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("stepLists(%q) = %q, want %q", c.md, got, c.want)
		}
	}
}

// A reversal of steps the notes list under "[개발단계]" is incorrect.
func TestStepListReversal(t *testing.T) {
	wrong := judgeOnSeeds(t, "DBA 업무에서 개발 단계 작업은 어떤 순서로 하셨나요?",
		"테이블을 먼저 생성하고 프로시저까지 작성한 다음에, 그걸 바탕으로 기획안을 분석해서 관계 모델을 설계했습니다.")
	right := judgeOnSeeds(t, "DBA 업무에서 개발 단계 작업은 어떤 순서로 하셨나요?",
		"기획안을 먼저 분석하고 관계 모델을 설계한 다음에 테이블을 생성하고 프로시저를 작성했습니다.")
	if !hasIncorrect(wrong) {
		t.Errorf("reversed steps not incorrect:%s", pointsSummary(wrong))
	}
	if hasIncorrect(right) {
		t.Errorf("the notes' own order marked incorrect:%s", pointsSummary(right))
	}
}

// An arrow chain in the notes read beside the graded section (kubectl →
// kube-apiserver → kubelet, under kubelet) orders the names of a question on
// kube-apiserver; a step is all the words of its name.
func TestChainBesideTheSection(t *testing.T) {
	const q = "kubectl apply를 치면 그 요청이 클러스터 안에서 어떤 경로로 처리되나요?"
	cases := []struct {
		answer    string
		incorrect bool
	}{
		{"kubectl 명령은 먼저 노드의 kubelet이 받고, kubelet이 그 내용을 kube-apiserver에 올려 보냅니다.", true},
		{"kubectl 명령은 kube-apiserver로 먼저 가고, apiserver가 받아서 넘겨 주는 구조라 apiserver가 죽으면 kubectl은 다 실패합니다.", false},
	}
	for _, c := range cases {
		gr := judgeOnSeeds(t, q, c.answer)
		if hasIncorrect(gr) != c.incorrect {
			t.Errorf("%q: incorrect %v, want %v:%s", c.answer, hasIncorrect(gr), c.incorrect, pointsSummary(gr))
		}
	}
}

func TestNamedRuns(t *testing.T) {
	md := "### 툴체인\n계획 - 요구사항 정의  \n코딩 - 소프트웨어 설계 및 코드 생성  \n테스트 - 코드 품질 보장을 위해 지속적인 테스트 수행  \n배포 - 제품 릴리즈\n### GitOps\nex - 하나\n개발자가 소스를 push하면 파이프라인이 트리거 된다 - 그 뒤 빌드\n"
	got := namedRuns(md)
	if len(got) != 1 || strings.Join(got[0], ",") != "계획,코딩,테스트,배포" {
		t.Errorf("namedRuns = %q, want one run 계획,코딩,테스트,배포", got)
	}
}

// One reversed line marks one point, its own: "코드를 다 짠 다음에 테스트를
// 작성" reverses "TDD: 코드를 작성하기 전에 먼저 테스트를 작성한다", not the
// point that opens with the word 테스트 ("테스트 코드를 만들면서 목표를 …").
// Merging what the notes split is a reversal of its own ("서브넷 여러 개를
// 합쳐서 VPC를" against "서브넷은 VPC를 잘게 쪼개는 과정").
func TestOneReversalOnePoint(t *testing.T) {
	gr := judgeOnSeeds(t, "TDD로 개발하면 테스트를 먼저 쓰잖아요. 그렇게 하면 뭐가 좋아요?", "코드를 다 짠 다음에 테스트를 작성해서 검증하기 때문에 버그가 줄어들고 목표도 명확해집니다.")
	var wrong []string
	for _, p := range gr.Points {
		if p.Status == Incorrect {
			wrong = append(wrong, p.Text)
		}
	}
	if len(wrong) != 1 || !strings.Contains(wrong[0], "작성하기 전에") {
		t.Errorf("incorrect points %q, want the test-first line alone", wrong)
	}
	checkIncorrect(t, []incorrectCase{
		{"subnets merged into a VPC", "VPC랑 서브넷은 어떤 관계인가요?", "VPC는 서브넷 여러 개를 합쳐서 더 큰 네트워크망을 만드는 과정입니다.", "쪼개는"},
		{"a VPC split into subnets", "VPC랑 서브넷은 어떤 관계인가요?", "서브넷은 VPC를 잘게 쪼개서 더 많은 네트워크망을 만드는 과정입니다.", ""},
	})
}

// An arrow chain is covered only when the answer tells its steps: one left
// out is part of it ("Ansible → Packer → Terraform" without Ansible), and a
// step opening with its label is told by a name under it ("Private - EC2(AMI),
// EBS, RDS" by EC2); ASG is said as 오토스케일링 그룹.
func TestChainCoveredWithItsSteps(t *testing.T) {
	const iac = "Terraform이랑 Ansible로 워드프레스를 배포하셨다고 했는데, 어떤 순서로 하셨어요?"
	const ha = "사용자가 많은 서비스를 AWS에 올린 프로젝트에서 장애에 버티도록 어떻게 구성하셨어요?"
	cases := []struct {
		question, answer, chain string
		want                    Status
	}{
		{iac, "Packer로 AMI를 만들고 Terraform으로 배포했습니다.", "Ansible → Packer → Terraform", Partial},
		{iac, "Ansible로 구성하고 Packer로 AMI를 만든 다음 Terraform으로 배포했습니다.", "Ansible → Packer → Terraform", Covered},
		{ha, "EC2와 EBS, RDS는 프라이빗에 두고 앞단 ELB에서 301 리다이렉션을 걸고, 오토스케일링 그룹으로 서버 수를 조절했습니다.", "Private - EC2(AMI)", Covered},
	}
	for _, c := range cases {
		r, _ := rubricOnSeedsFor(t, c.question, c.answer)
		gr := judgeOnSeeds(t, c.question, c.answer)
		found := false
		for i, p := range r.Points {
			if strings.Contains(p.Text, c.chain) {
				found = true
				if gr.Points[i].Status != c.want {
					t.Errorf("%q: %q is %s, want %s", c.answer, p.Text, gr.Points[i].Status, c.want)
				}
			}
		}
		if !found {
			t.Errorf("%q: no point holds %q:%s", c.question, c.chain, pointsSummary(gr))
		}
	}
}
