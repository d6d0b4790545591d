package grader

import (
	"context"
	"slices"
	"strings"
	"testing"

	"grader/notes"
	"grader/token"
)

func TestPredicatesOf(t *testing.T) {
	g := token.DefaultGlossary()
	cases := []struct {
		text string
		want predicate
		none bool // want must not be among them
	}{
		{"복구는 자동으로 되지 않아서", predicate{"auto", true}, false},
		{"수동으로 재시작해 줘야 합니다", predicate{"auto", true}, false},
		{"자료를 분산하지 않고", predicate{"spread", true}, false},
		{"인프라와 애플리케이션 배포를 통합해 관리", predicate{"integrate", false}, false},
		{"인프라 배포는 따로 분리해서", predicate{"integrate", true}, false},
		{"서비스에는 오히려 잘 안 맞습니다", predicate{"fit", true}, false},
		{"비용이 늘어나는 편입니다", predicate{"increase", false}, false},
		{"비용을 절감할 수 있습니다", predicate{"increase", true}, false},
		{"외부에서 먼저 연결을 시작하는 건 막아 줍니다", predicate{"allow", true}, false}, // 막다 blocks
		// -ㅂ니다 fused into the stem, with the ㄹ it drops (줄어들다)
		{"장기적으로는 운영·확장 비용이 줄어듭니다", predicate{"increase", true}, false},
		{"트래픽이 늘어납니다", predicate{"increase", false}, false},
		// 줍니다 is 주다 "give": it reduces nothing
		{"쿠버네티스가 자동으로 복구해 줍니다", predicate{"increase", true}, true},
	}
	for _, c := range cases {
		var got []predicate
		for _, cl := range clausesOf(analyze(c.text, g)) {
			got = append(got, predicatesOf(cl)...)
		}
		if slices.Contains(got, c.want) == c.none {
			t.Errorf("predicates of %q = %v, want %v among them: %v", c.text, got, c.want, !c.none)
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

// judgeOnSeeds grades an answer against the section of the seed notes the
// question is about, as the service does (without retrieval), the answer
// read for the section choice as the service reads it.
func judgeOnSeeds(t *testing.T, question, answer string) Grade {
	t.Helper()
	r, _ := rubricOnSeedsFor(t, question, answer)
	gr, err := NewOffline(token.DefaultGlossary(), DefaultCalibration()).Judge(context.Background(), r, answer)
	if err != nil {
		t.Fatal(err)
	}
	return gr
}

// rubricOnSeeds is the rubric for a question on the seed chunks (the
// section chosen without search or answer), with the sections chosen.
func rubricOnSeeds(t *testing.T, question string) (Rubric, []Section) {
	t.Helper()
	return rubricOnSeedsFor(t, question, "")
}

// rubricOnSeedsFor is rubricOnSeeds with the answer read as the service
// reads it: to decide between close sections, and for the sections beside
// the chosen one that it names (namedCousins).
func rubricOnSeedsFor(t *testing.T, question, answer string) (Rubric, []Section) {
	t.Helper()
	g := token.DefaultGlossary()
	secs := chooseSections(question, answer, seedChunks(t), nil, newLexicon(g))
	if len(secs) == 0 {
		t.Fatalf("no section of the seed notes is about %q", question)
	}
	var refs []notes.Passage
	for _, s := range secs {
		refs = append(refs, s.Passages...)
	}
	r := BuildRubric(question, refs, g)
	r.Context, r.Backing = secs[0].Siblings, secs[0].Read
	return r, secs
}

// Negations said in other words than the notes' own: the predicate the
// negation applies to is found (a light verb, a head noun, "-기 어렵다"),
// and only a statement about the same thing is contradicted.
func TestNegatedPredicates(t *testing.T) {
	checkIncorrect(t, []incorrectCase{
		// "빠지는 요청이 없다": no request goes missing, which denies
		// nothing of where requests are sent
		{"no request goes missing", "kubectl 명령을 전부 기록하려면 어디서 남기면 되나요?",
			"kubectl 명령은 전부 먼저 kube-apiserver로 전송되고 거기서 적절한 컴포넌트로 요청이 전달되니까, apiserver에서 남기면 빠지는 요청이 없습니다.", ""},
		// 든다 and 들지 are one verb (token.ShortVerb)
		{"a cost said not to be", "데브옵스를 도입할 때 현실적으로 어려운 점이나 단점은 뭐라고 보세요?",
			"초기 비용은 자동화 덕분에 거의 들지 않아서 부담이 적고, 조직 문화를 바꾸는 게 어렵습니다.", "비용"},
		{"a cost said to be", "데브옵스를 도입할 때 현실적으로 어려운 점이나 단점은 뭐라고 보세요?",
			"초기에 비용이 많이 든다는 점이고, 조직 문화를 바꾸는 게 쉽지 않습니다.", ""},
		// "X는 Y로 다루는 영역이 아니다": what is not handled is the topic X
		{"a topic not handled", "Terraform으로는 어디까지 관리해 보셨어요?",
			"Terraform으로 리소스를 배포하고 변경, 삭제도 했습니다. 다만 IAM 같은 권한 구성은 Terraform으로 다루는 영역이 아니라서 콘솔에서 따로 설정했습니다.", "IAM"},
		{"a topic handled", "Terraform으로는 어디까지 관리해 보셨어요?",
			"Terraform으로 리소스를 배포하고 변경, 삭제도 했고, IAM 같은 권한 구성도 Terraform으로 관리했습니다.", ""},
		// a clause that restates the notes' own 절감 keeps another clause's
		// 늘다, about another cost, from reading as its denial
		{"one cost rises, the other falls", "CI/CD를 도입하면 비용 면에서는 어떤가요?",
			"초기 도입 비용은 늘지만 장기적으로는 운영·확장 비용이 줄어듭니다.", ""},
		// what is needed is said as the notes say it; what is denied is the
		// other point's
		{"one need said, another denied", "모놀리식을 MSA로 나눌 때 인프라나 아키텍처 쪽에서는 뭘 준비해야 하나요?",
			"아키텍처 쪽에서는 API 게이트웨이와 이벤트 처리, 서비스별 독립 테스트와 배포 체계가 필요합니다. 클라우드나 데브옵스 체계는 없어도 MSA는 충분히 운영할 수 있어서 필수는 아니라고 봅니다.", "클라우드"},
		// "X만으로는 … 없다": X alone does not suffice, which denies nothing
		{"not enough alone", "브라우저에 도메인을 입력하면 서버까지 어떻게 찾아가나요?",
			"도메인 이름만으로는 통신을 할 수 없어서, 먼저 그 도메인을 IP 주소로 바꾸는 과정이 필요합니다. 그 변환을 DNS가 해 줍니다.", ""},
		// the thing named last with a copula after "…하는 게" is the subject
		{"a cleft sentence gives a sibling the notes' role", "kubelet은 무슨 일을 하나요?",
			"각 노드에서 파드를 만들고 정상적으로 동작하는지 관리하는 게 kube-proxy라서요.", "kubelet"},
		{"a cleft sentence with the notes' subject", "kubelet은 무슨 일을 하나요?",
			"각 노드에서 파드를 만들고 정상적으로 동작하는지 관리하는 게 kubelet이라서요.", ""},
		{"a cleft with a trait noun gives a sibling the notes' trait", "EBS, EFS, S3를 각각 어디에 쓰실지 말씀해 주세요.",
			"EFS는 여러 서버가 하나의 파일 시스템으로 데이터를 같이 쓰는 용도고요. 다만 여러 AZ에 걸쳐 복제돼서 가용성이 높은 건 EBS 쪽 특징이라, 가용성이 중요한 데이터는 EBS에 남겨 두겠습니다.", "EFS에 대한 것인데"},
		{"a cleft with a trait noun, the notes' subject", "EBS, EFS, S3를 각각 어디에 쓰실지 말씀해 주세요.",
			"EFS는 여러 서버가 하나의 파일 시스템으로 데이터를 같이 쓰는 용도고요. 여러 AZ에 걸쳐 복제돼서 가용성이 높은 건 EFS 쪽 특징이라, 가용성이 중요한 데이터도 EFS에 두겠습니다.", ""},
		// "문제가 없다" is the idiom "easy", against the notes' 어려움
		{"no problem where the notes find it hard", "Lambda로 갈 때 알아 둬야 할 한계가 뭐가 있을까요?",
			"리소스가 제한돼 있긴 한데, 무거운 프레임워크도 그대로 올려 쓰는 데 문제가 거의 없습니다.", "프레임워크"},
		{"hard, as the notes say", "Lambda로 갈 때 알아 둬야 할 한계가 뭐가 있을까요?",
			"리소스가 제한돼 있어서 무거운 프레임워크는 그대로 올려 쓰는 데 문제가 있습니다.", ""},
		// "X 대상이 아니다": what X is not is the word before the head noun
		{"not a target of automation", "DevOps에서 자동화한다는 게 구체적으로 뭘 자동화한다는 건가요?",
			"인프라와 애플리케이션 파이프라인을 구축해서 자동으로 돌게 합니다. 다만 모니터링은 자동화 대상이 아니라서 사람이 대시보드를 직접 지켜봅니다.", "자동화"},
		{"a target of automation", "DevOps에서 자동화한다는 게 구체적으로 뭘 자동화한다는 건가요?",
			"인프라와 애플리케이션 파이프라인을 구축해서 자동으로 돌게 하고, 모니터링도 자동화 대상이라서 알림까지 자동으로 받습니다.", ""},
		// "control plane" (one glossary word) only starts with
		// kube-controller-manager's key: it names no controller
		{"the control plane is no controller manager", "쿠버네티스 클러스터의 설정이나 상태 정보는 어디에, 어떤 형태로 저장되나요?",
			"They're stored in etcd, the control plane's information store. It keeps the configuration, state and spec information of the cluster and its resources as key-value pairs.", ""},
		// what follows a condition is as hypothetical as the condition
		{"a negated consequence of a condition", "kubelet은 무슨 일을 하나요?",
			"kubelet은 각 노드에서 파드를 만들고 정상 동작하는지 관리합니다. 그래서 kubelet에 문제가 있으면 파드가 제대로 안 만들어집니다.", ""},
		// an antonym of the notes' word (모아 / 분산) about the point's subject
		{"gathered where the notes spread", "etcd에는 뭐가 들어 있고, 데이터는 어떤 식으로 보관되나요?",
			"etcd는 정합성을 지키려고 데이터를 여러 곳에 나누지 않고 한 곳에만 모아서 저장하는 구조입니다.", "분산해서"},
		{"spread as the notes say", "etcd에는 뭐가 들어 있고, 데이터는 어떤 식으로 보관되나요?",
			"etcd는 안정적으로 동작하도록 데이터를 여러 곳에 나눠서 분산 저장합니다.", ""},
		// a measure that falls where the notes' rises, in a condition the
		// notes state as a condition too ("손실 증가 시")
		{"a condition turned the other way", "감성분석 모델 학습은 언제 멈추셨어요?",
			"학습하다가 검증 데이터 손실이 떨어지기 시작하면 그걸 과적합 징후로 보고 조기 종료했습니다.", "조기 종료"},
		{"the notes' condition", "감성분석 모델 학습은 언제 멈추셨어요?",
			"학습하다가 검증 데이터 손실이 증가하기 시작하면 그걸 과적합 징후로 보고 조기 종료했습니다.", ""},
		// 쉬워지다 is the notes' 용이, denied with "-는 건 아니다"
		{"easier, denied in other words", "OSI 7계층으로 나눠 보는 게 왜 도움이 되나요?",
			"통신 과정을 단계적으로 파악하는 데는 좋습니다. 다만 오류 탐지 자체는 계층을 나눠 본다고 딱히 쉬워지는 건 아니라서 개념 정리용으로만 씁니다.", "오류 탐지가 용이"},
		{"easier, as the notes say", "OSI 7계층으로 나눠 보는 게 왜 도움이 되나요?",
			"통신 과정을 단계적으로 파악할 수 있고, 계층마다 동작이 달라서 오류 탐지가 쉬워집니다.", ""},
		// "X에는 관여하지 않는다" denies X
		{"no part in what the notes give it", "kube-proxy는 무슨 일을 하나요?",
			"kube-proxy는 클러스터 바깥에서 들어오는 트래픽만 처리하고 클러스터 내부 파드끼리 주고받는 요청에는 관여하지 않습니다.", "내부에서 네트워크 요청"},
		{"its part as the notes say", "kube-proxy는 무슨 일을 하나요?",
			"kube-proxy는 클러스터 내부에서 네트워크 요청을 파드로 전달하는 역할을 합니다.", ""},
		// necessity: "…뒷받침 되어야 한다" against "필수 조건은 아니라서"
		{"what the notes call necessary, called optional", "MSA로 가려면 인프라 쪽에서는 뭐가 갖춰져야 하나요?",
			"클라우드나 데브옵스 환경은 있으면 좋지만 MSA의 필수 조건은 아니라서 나중에 도입해도 됩니다.", "뒷받침"},
		{"necessary as the notes say", "MSA로 가려면 인프라 쪽에서는 뭐가 갖춰져야 하나요?",
			"MSA가 제대로 돌아가려면 클라우드와 데브옵스가 뒷받침돼야 합니다.", ""},
		{"a need that qualifies a noun is no claim", "TDD를 하면 어떤 점이 좋은가요?",
			"최소한으로 필요한 것만 점검하면서 필요 없는 코드는 없애게 되니까 낭비가 줄어듭니다.", ""},
		{"a quality the notes praise, denied", "컨테이너를 쓰면 어떤 점이 좋은가요?",
			"배포와 관리는 간단해지지만 서로 격리가 잘 되지 않아서 MSA에는 따로 보완이 필요합니다.", "격리나 확장성"},
		{"the praised quality, affirmed", "컨테이너를 쓰면 어떤 점이 좋은가요?",
			"배포와 관리가 간단해지고, 격리가 잘 되고 확장성이 좋아서 MSA에 도입하기 좋습니다.", ""},
		{"the opposite word, conceded (-긴 하다)", "애자일을 도입하면 어떤 장점이 있나요?",
			"짧게 자주 반복하다 보니 rework 비용은 오히려 늘어나긴 하는데, 피드백은 빨리 받을 수 있습니다.", "rework 비용"},
		{"the notes' word, conceded", "애자일을 도입하면 어떤 장점이 있나요?",
			"rework 비용을 절감하긴 하는데, 그만큼 피드백을 빨리 받을 수 있습니다.", ""},
		{"light verb after an adverb", "쿠버네티스를 쓰면 장애 복구는 어떻게 되나요?",
			"쿠버네티스는 모니터링은 해 주지만, 복구는 자동으로 되지 않아서 운영자가 직접 재시작해야 합니다.", "자동화된 복구"},
		{"X하기 어렵다 is cannot X", "DevOps를 도입하면 어떤 장점이 있나요?",
			"CI/CD나 모니터링으로 안정성을 확보하기는 어렵습니다.", "안정성을 확보"},
		{"a head noun names what is missing", "WordPress 프로젝트에서 DNS 서버 이중화는 어떻게 하셨나요?",
			"Master와 Slave 사이에는 동기화 기능이 없어서 zone 파일을 두 서버에서 각각 수정했습니다.", "동기화"},
		{"impossible where the notes say possible", "MSA가 무엇인지 설명해 주세요.",
			"서비스를 나누긴 하지만 서비스별 독립 배포와 확장은 불가능합니다.", "독립적인 배포"},
		{"the subject named in the sentence before", "파드가 의도한 복제 숫자를 유지하는지 확인하는 건 어떤 컴포넌트인가요?",
			"kube-controller-manager가 담당합니다. 다만 상태를 계속 확인만 하고, 어긋나도 직접 조치하지는 않습니다.", "조치"},
		{"못 before a light verb denies what comes before", "Terraform으로는 어떤 작업까지 해 보셨어요?",
			"이미 만들어진 리소스를 변경하거나 삭제하는 건 Terraform으로는 못 해서 콘솔에서 했습니다.", "삭제"},
		{"an item of a list the notes give", "Ansible 플레이북은 어떻게 구성하셨어요?",
			"Ansible은 플레이북 안에서 에러 처리를 할 수 있는 기능이 없어서 실패하면 그냥 멈춥니다.", "에러처리"},
		{"-진 않았다 after a verbal noun, its object the topic", "DBA로 일하실 때 어떤 업무까지 해 보셨어요?",
			"DB 설계와 튜닝은 직접 했는데, 프로시저 같은 DB 프로그래밍은 개발팀 몫이라 제가 작성하진 않았습니다.", "프로시져"},
		{"what the notes ask for, not needed (굳이 없어도 된다)", "AWS 클라우드 운영 엔지니어로는 어떤 경험이 필요하다고 보세요?",
			"AWS 서비스를 설계하고 운영해 본 경험이 제일 중요하고, 온프레미스 장비를 다뤄 본 경험은 굳이 없어도 된다고 봅니다.", "On-Premise"},
		// opposite directions: 늘어나다 / 줄이다, 최소화; 따로 / 공유
		{"more where the notes say less", "애자일을 도입하면 어떤 점이 나아지나요?",
			"짧게 반복하니까 문서화 같은 오버헤드는 기존보다 늘어나는데, 그래도 개발 속도는 빨라집니다.", "오버헤드"},
		{"a kernel apiece where the notes say shared", "컨테이너가 가상 머신보다 가벼운 이유가 뭔가요?",
			"컨테이너마다 자기 커널을 따로 띄우는 구조인데도 가볍게 돌아갑니다.", "커널"},
		{"the kernel shared as the notes say", "컨테이너가 가상 머신보다 가벼운 이유가 뭔가요?",
			"컨테이너는 호스트의 커널을 공유하는 가상화라서 성능 오버헤드가 적습니다.", ""},
		// "손으로 배포하지 않으니" denies the manner (deploys are automated)
		{"deploys not by hand", "PR이 머지되면 운영까지 자동으로 반영되게 했다면, 어디부터가 CD인가요?",
			"테스트를 통과한 뒤 운영에 자동으로 배포되는 부분이 CD고, 사람이 손으로 배포하지 않으니 휴먼 에러를 최소화할 수 있습니다.", ""},
		{"deploys not automated", "PR이 머지되면 운영까지 자동으로 반영되게 했다면, 어디부터가 CD인가요?",
			"CD는 테스트까지만 자동이고 배포는 자동화하지 않아서 운영자가 수동으로 올립니다.", "자동"},
		// a count in a clause that denies itself is not the answer's
		{"one server, denied", "HPC는 그냥 성능 좋은 서버 한 대를 말하는 건가요?",
			"서버 한 대를 말하는 게 아니라, 여러 컴퓨팅 서버의 프로세스를 함께 활용해서 방대한 데이터를 빠르게 처리하는 시스템입니다.", ""},
		{"one server, stated", "HPC는 그냥 성능 좋은 서버 한 대를 말하는 건가요?",
			"네, 성능 좋은 서버 한 대에서 여러 프로세스를 돌려 방대한 데이터를 빠르게 처리하는 시스템입니다.", "여러 컴퓨팅 서버"},
		// an item of the list a label heads, denied of the label
		{"a feature of the platform, denied", "고객사 비용이 늘고 장애도 늦게 안다면 n·Xavis로 뭘 제안하시겠어요?",
			"n·Xavis로 비용 최적화를 제안하겠습니다. 다만 n·Xavis에는 실시간 모니터링 기능이 없어서 장애 감지는 별도 도구로 보완하겠습니다.", "실시간 모니터링"},
		{"a feature of the platform, affirmed", "고객사 비용이 늘고 장애도 늦게 안다면 n·Xavis로 뭘 제안하시겠어요?",
			"n·Xavis로 비용 최적화를 제안하고, 실시간 모니터링 기능으로 장애도 바로 감지하자고 하겠습니다.", ""},
		// "A가 아니라 B" denies A when B is another predicate, not A's noun again
		{"not the core but a side issue", "DevOps가 뭔지, 그리고 DevOps에서 가장 중요한 게 뭔지 말씀해 주세요.",
			"DevOps는 개발팀과 운영팀이 협업하는 문화이고, 자동화는 DevOps의 핵심이 아니라 부수적인 거라고 생각합니다.", "핵심은 자동화"},
		{"the core, as the notes say", "DevOps가 뭔지, 그리고 DevOps에서 가장 중요한 게 뭔지 말씀해 주세요.",
			"DevOps는 개발팀과 운영팀이 협업하는 문화이고, 그 핵심은 자동화라고 생각합니다.", ""},
		// what the notes call possible, said impossible in other words
		{"deployed on its own, denied", "마이크로서비스의 단위는 어떻게 정해야 한다고 보세요?",
			"적용 목적에 맞는 단위로 나누되, 마이크로서비스로 나눠도 각각을 따로 배포하거나 확장할 수는 없어서 배포는 전체를 한 번에 합니다.", "독립적인 배포"},
		{"deployed on its own, affirmed", "마이크로서비스의 단위는 어떻게 정해야 한다고 보세요?",
			"적용 목적에 맞는 단위로 나누고, 나눈 서비스는 각각 따로 배포하고 확장할 수 있어야 합니다.", ""},
		// No false alarms
		{"a condition with -려면 holds the subject of its own clause", "VPC랑 서브넷은 어떤 관계고, 어떤 순서로 만들게 되나요?",
			"먼저 VPC를 만들고 그 대역을 잘게 나눠 서브넷을 만듭니다. 그리고 VPC가 인터넷과 통신하려면 인터넷 게이트웨이를 붙여서 관문 역할을 하게 합니다.", ""},
		{"a reason with -이라 is a clause of its own", "쿠버네티스를 쓰면 나중에 다른 클라우드로 옮길 때 어떻게 되나요?",
			"도커 컨테이너 기반이라 특정 클라우드에 묶이지 않아서, 클라우드를 옮겨도 그대로 돌릴 수 있습니다.", ""},
		{"a need denied of something else (…키울 필요가 없으니)", "세일 때 주문 기능에만 트래픽이 몰리면 MSA였다면 어떻게 달랐을까요?",
			"MSA라면 주문 서비스만 따로 늘리면 됩니다. 전체를 같이 키울 필요가 없으니 자원도 아낍니다. 다만 클라우드와 데브옵스가 뒷받침돼야 합니다.", ""},
		{"separate ones not needed (따로 둘 필요는 없고)", "Kafka 클러스터가 여러 개면 ZooKeeper도 클러스터마다 따로 둬야 하나요?",
			"브로커 메타 정보를 관리할 ZooKeeper가 필요하지만, 따로 둘 필요는 없고 ZooKeeper 클러스터 하나에 여러 Kafka 클러스터를 구성할 수 있습니다.", ""},
		{"one counted after its noun, the many after theirs (주키퍼 하나에 카프카 클러스터 여러 개)", "Kafka 클러스터를 하나 더 띄우면 ZooKeeper도 새로 만들어야 하나요?",
			"주키퍼 하나에 카프카 클러스터 여러 개를 같이 구성할 수 있어서 새로 안 만들어도 됩니다.", ""},
		{"one Kafka cluster said of many (카프카 클러스터는 하나만)", "Kafka 클러스터를 하나 더 띄우면 ZooKeeper도 새로 만들어야 하나요?",
			"주키퍼 클러스터 하나에는 카프카 클러스터를 하나만 붙일 수 있어서 새로 만들어야 합니다.", "Kafka"},
		{"A가 아니라 B with B's noun after a long modifier", "Jenkins 파이프라인에 ELK를 붙였을 때 어떤 로그를 보셨나요?",
			"사용자 접속 로그가 아니라, Jenkins에서 빌드를 진행할 때 발생하는 이벤트 로그가 대상이었습니다. Logstash가 그 로그를 받아서 Elasticsearch로 보냈습니다.", ""},
		{"a reason with -라서 is a clause of its own", "컨테이너가 VM보다 가벼운 이유는 뭘까요?",
			"호스트와 커널만 공유하는 수준의 가상화라서 VM처럼 OS를 통째로 올리지 않기 때문이고, 그래서 성능 오버헤드가 적습니다.", ""},
		{"a hassle gone (없어졌습니다) is no denial that it was there", "Jenkins 파이프라인에서 Ansible은 어떤 일을 맡았나요?",
			"Ansible이 이미지를 Dockerhub에 Push하고 EKS에 Pod를 배포했고, 덕분에 코드를 고칠 때마다 서버에 직접 sync하던 번거로움이 없어졌습니다.", ""},
		{"a lack said of another thing (TCP 프로토콜에는 … 없으니)", "자체 TCP 프로토콜로 통신하는 서버 앞에 ALB를 붙였더니 분산이 안 된다면 원인이 뭘까요?",
			"ALB는 HTTP 헤더나 path 정보를 보고 분산하는데, 자체 TCP 프로토콜에는 그런 정보가 없으니 맞지 않는 선택입니다. NLB로 바꾸겠습니다.", ""},
		{"not this component but that one (kubelet이 아니라)", "파드를 어느 노드에 둘지와 실제로 만드는 일은 각각 어떤 컴포넌트가 맡나요?",
			"kube-scheduler가 노드를 정하고 kubelet이 파드를 생성합니다. 참고로 컨테이너 실행 자체는 kubelet이 아니라 컨테이너 런타임이 담당합니다.", ""},
		{"what would happen on a failure (장애가 나면 … 안 될)", "ZooKeeper에 장애가 나면 Kafka에 어떤 영향이 있을까요?",
			"ZooKeeper는 브로커의 메타 정보를 관리하고 마스터를 선출하는 역할이라서, 장애가 나면 메타 정보 관리나 마스터 선출이 제대로 안 될 거라고 봅니다.", ""},
		{"continuous, said as never cut (끊기지 않고)", "고가용성을 어떻게 정의하시나요?",
			"서버, 네트워크, 프로그램 같은 정보 시스템이 오랜 시간 동안 끊기지 않고 계속 정상 운영될 수 있는 상태라고 봅니다.", ""},
		{"No, answering the question's guess (아니요,)", "스크럼을 도입하면 코드 리뷰 방식 같은 개발 기법까지 스크럼이 정해 주는 건가요?",
			"아니요, 스크럼은 애자일 중에서 관리 방법론에 해당해서 반복적인 개발을 어떻게 관리하느냐에 초점을 둡니다.", ""},
		{"안 before a short verb negates the verb (요청이 파드까지 안 가면)", "노드마다 kubelet이랑 kube-proxy가 떠 있는데, 어떤 증상이면 어느 쪽을 의심하시겠어요?",
			"파드가 아예 안 만들어지거나 떠도 상태가 이상하다면 kubelet을 먼저 보겠습니다. kubelet은 각 노드에서 파드를 생성하고 컨테이너가 정상적으로 동작하는지 관리하는 핵심 요소이고, 요청이 파드까지 안 가면 kube-proxy를 의심하겠습니다.", ""},
		{"not only X (X만 하는 게 아니라)", "AWS 파트너사가 많은데 굳이 저희 회사를 고르신 이유가 있을까요?",
			"AWS 어드밴스드 컨설팅 파트너로서 AWS 운영만 하는 게 아니라 컨설팅부터 구축, 운영, 지원 서비스까지 함께 제공한다는 점에 끌렸습니다.", ""},
		{"a genitive plural opens an object; the subject is said last", "Kafka 마스터가 죽으면 새 마스터는 누가 정하나요?",
			"브로커는 Producer와 Consumer 사이에서 메시지를 중계하는데, 그 브로커들의 메타 정보를 저장하고 관리해 주는 게 ZooKeeper라서 Kafka에는 ZooKeeper가 꼭 필요합니다.", ""},
		{"not only X", "저희 회사에 대해 어떻게 알고 계세요?",
			"AWS 어드밴스드 컨설팅 파트너로서 AWS 운영에만 그치지 않고 컨설팅부터 지원까지 제공한다고 알고 있습니다.", ""},
		{"not A but B denies A only", "Lambda는 어떤 단위로 실행되나요?",
			"Lambda는 서버 단위가 아니라 함수나 메서드 단위로 서비스를 제공합니다.", ""},
		{"without X qualifies, it does not deny", "NLB의 보안 그룹은 어떻게 설정하나요?",
			"NLB는 자체 보안 그룹 없이 백엔드 보안 그룹 규칙을 따릅니다.", ""},
		{"a negation about another entity", "EBS와 EFS는 어떻게 다른가요?",
			"EFS는 여러 서버가 하나의 파일 시스템을 공유할 때 씁니다. EBS는 EC2에 붙는 볼륨이라 공유용이 아닙니다.", ""},
		{"the notes' own negation restated", "k8s 컨트롤러 매니저는 무엇을 확인하나요?",
			"다운된 노드가 없는지, 파드가 의도한 복제 수를 유지하는지 확인하고 적절하지 않으면 조치합니다.", ""},
	})
}

// incorrectCase is an answer to a question on the seed notes and the point
// it must be marked incorrect on (a fragment of its text or reason; "" = no
// point may be).
type incorrectCase struct {
	name, question, answer string
	point                  string
}

func checkIncorrect(t *testing.T, cases []incorrectCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			expectIncorrect(t, judgeOnSeeds(t, c.question, c.answer), c.point, nil)
		})
	}
}

// expectIncorrect checks that the only incorrect point of a grade is one
// whose text or reason holds want ("" = none may be incorrect), and runs
// check on it.
func expectIncorrect(t *testing.T, gr Grade, want string, check func(Point)) {
	t.Helper()
	found := false
	for _, p := range gr.Points {
		if p.Status != Incorrect {
			continue
		}
		if want == "" || !strings.Contains(p.Text+p.Reason, want) {
			t.Errorf("unexpected incorrect point %q: %s", p.Text, p.Reason)
			continue
		}
		found = true
		if check != nil {
			check(p)
		}
	}
	if want != "" && !found {
		t.Errorf("no incorrect point containing %q; points: %s", want, pointsSummary(gr))
	}
}

// "막아 줍니다" says what the notes' "…할 수는 없다" says: the right answer
// about the sample notes' NAT gateway is not a contradiction, the reversed one is.
func TestBlockingSaidAsNotesSayIt(t *testing.T) {
	ps := fileChunks(t, "../samples/notes/aws-networking.md")
	g := token.DefaultGlossary()
	q := "프라이빗 서브넷의 서버가 패치를 받으려고 인터넷에 나가야 하는데, 외부에서는 들어오면 안 됩니다. 어떻게 하시겠어요?"
	secs := chooseSections(q, "", ps, nil, newLexicon(g))
	if len(secs) == 0 {
		t.Fatal("no section")
	}
	r := BuildRubric(q, secs[0].Passages, g)
	r.Context, r.Backing = secs[0].Siblings, secs[0].Read
	j := NewOffline(g, DefaultCalibration())
	right := mustJudge(t, j, r, "NAT 게이트웨이는 프라이빗 인스턴스가 밖으로 나가는 연결은 허용하지만, 외부에서 그 인스턴스로 먼저 연결을 시작하는 건 막아 줍니다.")
	wrong := mustJudge(t, j, r, "NAT 게이트웨이는 외부 서비스가 프라이빗 인스턴스로 먼저 연결을 시작할 수 있게 해 줍니다.")
	if hasIncorrect(right) {
		t.Errorf("the notes' statement in other words marked incorrect:%s", pointsSummary(right))
	}
	if !hasIncorrect(wrong) {
		t.Errorf("the reversed statement not incorrect:%s", pointsSummary(wrong))
	}
}

// A negation said twice is one negation; a negated negative is positive.
func TestClausePolarity(t *testing.T) {
	g := token.DefaultGlossary()
	for _, c := range []struct {
		text     string
		negative bool
	}{
		{"연결을 시작할 수 없게 막아 줍니다", true},
		{"그 트래픽은 거부하지 않습니다", false},
		{"22번 포트를 차단합니다", true},
		{"22번 포트를 허용합니다", false},
		{"외부에서 연결을 시작할 수는 없다", true},
	} {
		if got := newClause(analyze(c.text, g).terms).negative; got != c.negative {
			t.Errorf("%q negative = %v, want %v", c.text, got, c.negative)
		}
	}
}

// TestOppositeDirection: the notes' word and its opposite about the same
// thing (최소화 / 늘어나다), on the section itself.
func TestOppositeDirection(t *testing.T) {
	g := token.DefaultGlossary()
	j := NewOffline(g, DefaultCalibration())
	r := seedRubric(t, g, "CD를 도입하면 뭐가 달라지나요?", seedDevOps, []string{"CI / CD 란", "CD 컨틴뉴어스 딜리버리, 디벨롭먼트"})
	for _, c := range []struct {
		answer string
		wrong  bool
	}{
		{"배포가 자동으로 되니까 사람이 확인하는 단계가 빠지는 만큼 휴먼 에러는 오히려 늘어날 수 있습니다.", true},
		{"새 코드 변경사항이 자동으로 배포되니까 휴먼 에러가 줄어듭니다.", false},
		{"배포를 자동화해서 휴먼 에러를 최소화하고 사용자에게 빨리 제공할 수 있습니다.", false},
	} {
		gr := mustJudge(t, j, r, c.answer)
		if got := hasIncorrect(gr); got != c.wrong {
			t.Errorf("%q: incorrect = %v, want %v:%s", c.answer, got, c.wrong, pointsSummary(gr))
		}
	}
}

// Idioms and a sentence's topic: "그대로 유지" is "does not change", "제한이
// 있다" a difficulty; a clause after a condition said of the sentence's
// topic is claimed of that topic.
func TestIdiomsAndSentenceTopics(t *testing.T) {
	const proxyQ = "파드끼리 통신할 때 그냥 상대 파드 IP를 설정에 박아 두고 쓰면 안 되나요? kube-proxy가 왜 필요한지랑 같이 설명해 주세요."
	const agileQ = "수백 명이 투입되는 대형 프로젝트에 애자일을 그대로 적용하자는 의견이 나오면 어떻게 보시겠어요?"
	checkIncorrect(t, []incorrectCase{
		{"kept as it is, against changing every time", proxyQ,
			"파드 IP는 한 번 할당되면 재시작해도 그대로 유지되니까 IP로 붙어도 동작은 합니다.", "바뀌는"},
		{"the topic after a setting", proxyQ,
			"쿠버네티스에서 파드 IP는 한 번 할당되면 재시작해도 바뀌지 않지만, 관리가 편해서 서비스 오브젝트를 거치게 합니다.", "바뀌는"},
		{"changing every time, as the notes say", proxyQ,
			"파드 IP는 파드가 새로 뜰 때마다 바뀌기 때문에 IP를 박아 두면 금방 깨집니다. 그래서 서비스 같은 오브젝트로 고정적으로 접근합니다.", ""},
		{"no problem at any size, against a limit", agileQ,
			"애자일은 규모랑 상관없이 대규모 프로젝트에도 문제없이 적용할 수 있어서 규모 자체는 걱정 안 해도 된다고 봅니다.", "대규모"},
		{"no limit on size, against a limit", agileQ,
			"애자일은 프로젝트 규모에 제한이 없어서 대규모 프로젝트에도 그대로 적용하기 좋습니다.", "대규모"},
		{"a limit, as the notes say", agileQ,
			"애자일은 대규모 프로젝트에는 한계가 있다고 봅니다.", ""},
	})
	ts := analyze("복제 숫자를 유지하고 외부 제약 조건을 확인", nil).terms
	for _, tm := range ts {
		if tm.key == "change" || tm.key == "easy" {
			t.Errorf("%q read as %s: 유지 and 제약 alone keep their words", tm.text, tm.key)
		}
	}
}

// "X랑은 상관없이" denies X's part in what the notes say goes through X or
// needs it; "X만 … 게 아니라" is "not only X" even with the particle split
// from a glossary word (실행만 → execute, 만).
func TestUnrelatedDeniesAPart(t *testing.T) {
	const testQ = "테스트 자동화라고 하면 그냥 테스트 스크립트 돌리는 거랑 뭐가 다른 거예요? 실제로는 어떻게 굴러가요?"
	const msaQ = "모놀리식 서비스를 MSA로 쪼개자는 얘기가 나왔다고 해 볼게요. 아키텍처 쪽에서 미리 준비해 둬야 할 게 뭐가 있을까요?"
	checkIncorrect(t, []incorrectCase{
		{"run apart from CI/CD", testQ,
			"테스트 케이스는 미리 구성해 둡니다. 다만 CI/CD 파이프라인이랑은 상관없이 따로 스케줄 걸어서 돌리는 게 일반적이에요.", "CI/CD"},
		{"apart from CI/CD, after a comma", "테스트 자동화는 CI/CD랑 어떻게 엮여서 돌아가요?",
			"테스트 케이스는 미리 만들어 두고요, CI/CD 파이프라인이랑은 상관없이 밤마다 따로 돌립니다.", "CI/CD"},
		{"not only running the tests", testQ,
			"테스트 실행만 자동으로 하는 게 아니라 거기 엮인 프로세스까지 자동화해서 테스트 활동을 쭉 이어서 하는 거예요. 미리 짜 둔 테스트 케이스를 CI/CD를 통해 돌리는 식으로 진행됩니다.", ""},
		{"cloud and DevOps unrelated to MSA", msaQ,
			"API 게이트웨이랑 독립 배포 체계는 갖춰야 하고요. 클라우드나 데브옵스는 있으면 좋긴 한데 MSA랑 직접 상관은 없어서 온프레미스에 수동 배포로 해도 됩니다.", "클라우드"},
		{"cloud and DevOps behind MSA", msaQ,
			"아키텍처 관점에서는 API 게이트웨이랑 이벤트 처리, 그리고 서비스별로 따로 테스트하고 배포할 수 있는 체계가 있어야 해요. 그리고 MSA가 제대로 돌아가려면 클라우드랑 데브옵스가 뒷받침돼야 한다고 봅니다.", ""},
	})
}

// "X만 가지고는 … 없다" denies nothing of X, graded as the service grades
// (fresh23's strong answer had been told it denied the notes' 통신).
func TestOnlyWithDeniesNothing(t *testing.T) {
	svc, coll := seedService(t, "alone")
	q := "브라우저에 www.example.com을 치면 실제 서버까지 어떻게 찾아가는 건지, DNS 입장에서 한번 설명해 주시겠어요? Route 53은 그 과정에서 뭘 해 주는 거죠?"
	for _, a := range []string{
		"사람이 기억하는 도메인 이름만 가지고는 네트워크 통신을 할 수가 없어서, DNS가 그 도메인을 IP 주소로 바꿔 줍니다. 그렇게 얻은 목적지 IP를 가지고 IP 네트워크로 통신해서 실제 서버를 찾아가는 거고요.",
		"도메인 이름만 갖고는 통신이 안 되니까 DNS가 도메인을 IP로 바꿔 주고, 그 IP로 목적지를 찾아갑니다.",
	} {
		gr, err := svc.Check(t.Context(), Request{Collection: coll, Question: q, Answer: a})
		if err != nil {
			t.Fatal(err)
		}
		if hasIncorrect(gr) {
			t.Errorf("%q: a correct answer marked incorrect:%s", a, pointsSummary(gr))
		}
	}
}

// "비용이 거의 안 든다" is little cost, against the notes' "도입 비용이
// 증가", and against that line only, not the section's other "최초 … 증가"
// line. Automation that saves cost is no denial of "초기에 많은 비용이
// 든다": "비용이 든다" is read as an increase only when negated, and
// "비용과 시간을 아끼는" had met it as a denial 14 times over the read sets
// when it was read so always.
func TestCostIncurred(t *testing.T) {
	svc, coll := seedService(t, "cost")
	cases := []struct{ name, question, answer, want string }{
		{"little cost against an increase", "CI/CD를 도입할 때 단점은 뭐가 있을까요?",
			"처음 들여올 때는 도입 비용이 거의 안 들고, 최초 아키텍처를 잡을 때 복잡성이 좀 올라가는 정도입니다.", "도입 비용이 증가"},
		{"little cost alone", "CI/CD를 도입할 때 단점은 뭐가 있을까요?",
			"처음 들여올 때는 도입 비용이 거의 안 듭니다.", "도입 비용이 증가"},
		{"saving by automation", "데브옵스에서 자동화는 왜 중요한가요?",
			"인프라와 애플리케이션 파이프라인, 모니터링을 자동화해서 비용과 시간을 아끼는 게 핵심이라서요.", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { serviceExpectIncorrect(t, svc, coll, c.question, c.answer, c.want) })
	}
}

// serviceExpectIncorrect grades an answer as the service does (search, then
// the section) and checks its incorrect points as expectIncorrect does.
func serviceExpectIncorrect(t *testing.T, svc *Service, coll, question, answer, want string) {
	t.Helper()
	gr, err := svc.Check(context.Background(), Request{Collection: coll, Question: question, Answer: answer})
	if err != nil {
		t.Fatal(err)
	}
	expectIncorrect(t, gr, want, nil)
}

// A merit or a feature listed by name ("호환성 - 도커 컨테이너 기반이기
// 때문에 특정 클라우드 환경을 가리지 않는다") is denied by denying its name,
// as a drawback is; its gloss saying what it is not is no denial of its own.
func TestFeatureNameDenied(t *testing.T) {
	seedCasesIncorrect(t, "feature", "쿠버네티스의 특징 중에 클라우드를 옮길 때 도움이 되는 게 있을까요?", []answerCase{
		{"denied", "쿠버네티스는 클러스터를 각 클라우드에 맞춰 구성하기 때문에 클라우드 간 호환성은 없다고 봐야 합니다.", "호환성"},
		{"said", "도커 컨테이너 기반이라 특정 클라우드 환경을 가리지 않는 호환성이 있어서 옮기기 쉽습니다.", ""},
		{"said with its gloss denied", "특정 클라우드 환경에 묶이지 않는 호환성이 있어서 다른 클라우드로도 그대로 옮길 수 있습니다.", ""},
	})
}

// answerCase is an answer and the text of the point it must be marked
// incorrect on ("" for none).
type answerCase struct{ name, answer, want string }

// seedCasesIncorrect grades each answer to question against the seed notes
// and checks its incorrect points.
func seedCasesIncorrect(t *testing.T, prefix, question string, cases []answerCase) {
	t.Helper()
	svc, coll := seedService(t, prefix)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { serviceExpectIncorrect(t, svc, coll, question, c.answer, c.want) })
	}
}

// Denying what a line of the section itself denies ("NLB: 보안 그룹 설정
// 안함") agrees with the notes, though another line names the same thing
// plainly ("NLB: Backend의 보안그룹 규칙을 따름").
func TestDeniedAsTheNotesDeny(t *testing.T) {
	svc, coll := seedService(t, "denied")
	serviceExpectIncorrect(t, svc, coll, "NLB를 쓰면 접근 제어는 어디에서 하나요?", "NLB는 자체 보안 그룹이 없어서 백엔드 보안 그룹에서 막으면 됩니다.", "")
}

// "쉽지 않아 노력이 많이 들어요": -지 않아 before more words is a connective
// (not easy, so), and its negation ends with its clause; read on, it denied
// "많은 노력이 필요" and marked a strong answer's true line incorrect
// (found grading the seeds as a candidate would, round 24).
func TestNegationEndsWithItsConnective(t *testing.T) {
	seedCasesIncorrect(t, "negconn", "DevOps를 처음 도입하자고 했을 때 현실적으로 부딪히는 문제는 뭐라고 보세요?", []answerCase{
		{"not easy, so much effort", "문화를 바꿔야 해서, 그게 쉽지 않아 노력이 많이 들어요.", ""},
		{"said the other way", "조직 문화를 바꾸는 건 쉬워서 노력이 많이 필요하지 않아요.", "문화"},
	})
	for w, want := range map[string]bool{"않아": true, "없어": true, "않아도": false, "없어요": false} {
		if got := koreanClauseEnd(w); got != want {
			t.Errorf("koreanClauseEnd(%q) = %v, want %v", w, got, want)
		}
	}
}
