package grader

import (
	"strings"
	"testing"

	"grader/token"
)

func TestDetectLanguage(t *testing.T) {
	cases := []struct{ in, want string }{
		{"ALB는 L7, NLB는 L4", "ko"},
		{"NAT 게이트웨이를 사용합니다.", "ko"},
		{"ALB is a layer 7 load balancer.", "en"},
		{"The EFS (엘라스틱) is shared by many servers across availability zones.", "en"},
		{"", "en"},
		{"12345", "en"},
	}
	for _, c := range cases {
		if got := DetectLanguage(c.in); got != c.want {
			t.Errorf("DetectLanguage(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestJosa(t *testing.T) {
	cases := []struct{ word, want string }{
		{"서버", "는"}, {"서브넷", "은"}, {"ALB", "는"}, {"URL", "은"}, {"L7", "은"}, {"L4", "는"},
		{"계층(L4)", "은"}, {"Security Group", "은"}, {"Kubernetes", "는"}, {"게이트웨이", "는"},
		// as the word is read: 앤서블은, 런타임은, 파이프라인은, 노드는, 이티시디는, 에이치티티피는
		{"Ansible", "은"}, {"container runtime", "은"}, {"pipeline", "은"}, {"node", "는"}, {"etcd", "는"}, {"http", "는"},
		{"EKS", "는"}, {"Terraform", "은"}, {"Docker", "는"}, {"2", "는"}, {"3", "은"},
		{"S3", "는"}, {"EC2", "는"}, {"Route 53", "은"},
		{"Git", "은"}, {"pod", "는"}, {"cloud", "는"}, {"group", "은"}, {"kubectl", "은"}, {"httpd", "는"},
		{"WEB", "은"}, {"WAS", "는"}, {"RAM", "은"}, {"WEB/WAS", "는"},
	}
	for _, c := range cases {
		if got := josa(c.word, "은", "는"); got != c.want {
			t.Errorf("josa(%q) = %s, want %s", c.word, got, c.want)
		}
	}
}

func TestVerdictBands(t *testing.T) {
	cases := []struct {
		score int
		want  string
	}{{100, VerdictExcellent}, {85, VerdictExcellent}, {84, VerdictGood}, {65, VerdictGood}, {64, VerdictPartial}, {40, VerdictPartial}, {39, VerdictWeak}, {0, VerdictWeak}}
	for _, c := range cases {
		if got := verdictFor(c.score); got != c.want {
			t.Errorf("verdictFor(%d) = %s, want %s", c.score, got, c.want)
		}
	}
}

func TestJosaEuro(t *testing.T) {
	cases := []struct{ word, want string }{
		{"ACL", "로"}, {"서울", "로"}, {"EBS", "로"}, {"도커", "로"}, {"EFS", "로"},
		{"NAT 게이트웨이", "로"}, {"서버", "로"}, {"컨테이너 런타임", "으로"}, {"7", "로"}, {"3", "으로"}, {"kubelet", "으로"}, {"Ansible", "로"},
	}
	for _, c := range cases {
		if got := josa(c.word, "으로", "로"); got != c.want {
			t.Errorf("josa(%q, 으로/로) = %s, want %s", c.word, got, c.want)
		}
	}
}

// A statement given to another entity is summed up by naming both, not as a
// changed value ("kube-scheduler의 수치(control)를 반대로" had read as noise).
func TestSummaryOfASwappedStatement(t *testing.T) {
	gr := judgeOnSeeds(t, "파드 수가 설정보다 줄었을 때 알아채고 다시 맞춰 주는 컴포넌트는 무엇인가요?",
		"kube-scheduler가 합니다. 스케줄러가 다운된 노드와 파드 복제 수를 계속 감시하다가 모자라면 새 파드를 만들어 줍니다.")
	if !hasIncorrect(gr) {
		t.Fatalf("the swap is not caught:%s", pointsSummary(gr))
	}
	for _, want := range []string{"kube-controller-manager에 대한 내용을", "kube-scheduler의 것으로"} {
		if !strings.Contains(gr.Summary, want) {
			t.Errorf("summary %q lacks %q", gr.Summary, want)
		}
	}
	if strings.Contains(gr.Summary, "수치") {
		t.Errorf("summary %q calls the swapped statement a value", gr.Summary)
	}
}

// A name put in another's place is summarised as that, not as a "value" of
// no subject ("의 수치(CronJob)를 잘못 설명했습니다").
func TestSummaryOfASubstitutedName(t *testing.T) {
	gr := judgeOnSeeds(t, "메가마트 프로젝트에서 세션 정보와 정적 파일은 어디에 두셨나요?",
		"Tomcat 세션 정보는 S3에 저장하고, 이미지나 .js, .css 같은 정적 파일은 NoSQL 데이터베이스인 DynamoDB에 넣어 둬요.")
	if !hasIncorrect(gr) {
		t.Fatalf("the substitution is not caught:%s", pointsSummary(gr))
	}
	if !strings.Contains(gr.Summary, "대신 S3로 설명했습니다") || strings.Contains(gr.Summary, "수치") || strings.Contains(gr.Summary, "고, 의 ") {
		t.Errorf("summary %q does not say which name was put where", gr.Summary)
	}
}

// A question about one item of a list ("누가 정하나요?" over the sample notes'
// control-plane components) answered right is not told that the items it
// never asked about are "missing"; a thin answer to a broad question still is.
func TestSummaryOfAnAnsweredItem(t *testing.T) {
	g := token.DefaultGlossary()
	ix, coll := ingestedIndex(t, "item", "../samples/notes")
	svc := NewService(ix, NewOffline(g, DefaultCalibration()), nil, g)
	gr, err := svc.Check(t.Context(), Request{Collection: coll, Question: "파드가 새로 생기면 어느 노드에서 돌지는 누가 정해요?", Answer: "kube-scheduler가 새 파드를 어느 노드에 둘지 골라서 정합니다."})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(gr.Summary, "빠졌습니다") || !strings.Contains(gr.Summary, "중심 내용은 다뤘습니다") {
		t.Errorf("summary %q; points:%s", gr.Summary, pointsSummary(gr))
	}
	gr, err = svc.Check(t.Context(), Request{Collection: coll, Question: "쿠버네티스 컨트롤 플레인 구성 요소들을 설명해 주세요.", Answer: "kube-scheduler가 새 파드를 어느 노드에 둘지 정합니다."})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(gr.Summary, "빠졌습니다") {
		t.Errorf("a broad question answered thinly: summary %q; points:%s", gr.Summary, pointsSummary(gr))
	}
}

// A number the notes give in a chain of arrows, bound to no named thing,
// is summed up without a subject-less "의 수치(…)" (seen on the page for
// "ELB에서 302 리다이렉션을 걸었고" against "ELB(301-redirection)").
func TestSummaryOfAValueOfNoNamedThing(t *testing.T) {
	gr := judgeOnSeeds(t, "대규모 사용자 서비스를 AWS에 배포할 때 가용성을 어떻게 챙기셨어요?",
		"프라이빗 영역에 EC2, EBS, RDS를 두고, 앞단 ELB에는 302 리다이렉션을 걸고 ASG로 서버 수를 조절했습니다.")
	if !hasIncorrect(gr) {
		t.Fatalf("the changed number is not caught:%s", pointsSummary(gr))
	}
	if strings.Contains(gr.Summary, "고, 의 ") || !strings.Contains(gr.Summary, "301") {
		t.Errorf("summary %q does not name the notes' number in whole words", gr.Summary)
	}
}
