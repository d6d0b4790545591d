package grader

import (
	"context"
	"slices"
	"strings"
	"testing"

	"grader/notes"
	"grader/token"
)

// Wrong facts said in ways the notes do not word them, each beside the right
// fact said the same way: the wrong one is marked incorrect at the point
// that holds the note, the right one nowhere.
func TestContradictionsInOtherWords(t *testing.T) {
	checkIncorrect(t, []incorrectCase{
		// "반면" opens a contrast, not a condition: the claim after it counts
		{"denied after 반면", "AWS 클라우드 운영 조직에서 일하려면 어떤 경험이 있어야 하나요?",
			"AWS 서비스를 설계하고 구축해 본 경험이 필요합니다. 반면 파이썬이나 Shell 같은 프로그래밍 경험은 요구되지 않습니다.", "파이썬"},
		{"affirmed after 반면", "AWS 클라우드 운영 조직에서 일하려면 어떤 경험이 있어야 하나요?",
			"AWS 서비스를 설계하고 구축해 본 경험이 필요합니다. 반면 리눅스 기술지원이나 파이썬, Shell 같은 프로그래밍 경험도 요구됩니다.", ""},
		// "request가 있을때만 작동": "요청이 없어도" denies the "only"
		{"charged even without requests", "가끔만 호출되는 API를 Lambda로 옮기면 비용은 어떻게 되나요?",
			"Lambda도 함수가 항상 떠 있어야 해서 요청이 없어도 비용은 계속 나갑니다.", "request"},
		{"charged only with requests", "가끔만 호출되는 API를 Lambda로 옮기면 비용은 어떻게 되나요?",
			"요청이 있을 때만 함수가 작동해서 비용을 줄일 수 있습니다.", ""},
		// "환경을 가리지 않는다" is not bound to it; 종속되다 is
		{"bound to one cloud", "쿠버네티스를 쓰면 나중에 다른 클라우드로 옮기기 쉬운가요?",
			"쿠버네티스는 처음 올린 특정 클라우드 환경에 종속되기 때문에 옮기려면 다시 구성해야 합니다.", "클라우드"},
		{"tied to the first cloud", "쿠버네티스를 쓰면 나중에 다른 클라우드로 옮기기 쉬운가요?",
			"쿠버네티스는 처음 구축한 클라우드 환경에 맞춰 묶이기 때문에 다른 클라우드로 가려면 새로 구성해야 합니다.", "클라우드"},
		{"whatever the cloud", "쿠버네티스를 쓰면 나중에 다른 클라우드로 옮기기 쉬운가요?",
			"도커 컨테이너 기반이라서 특정 클라우드 환경을 가리지 않기 때문에 옮기기 쉽습니다.", ""},
		// "별개" denies the relation the notes state
		{"unrelated where the notes need it", "MSA를 제대로 하려면 무엇이 뒷받침되어야 하나요?",
			"클라우드나 데브옵스는 MSA와는 별개 문제라서 없어도 됩니다.", "클라우드"},
		{"needed as the notes say", "MSA를 제대로 하려면 무엇이 뒷받침되어야 하나요?",
			"MSA를 하려면 클라우드와 데브옵스가 뒷받침되어야 합니다.", ""},
		// the scope a thing works at: 인스턴스 레벨, not 서브넷 레벨
		{"security group at the subnet level", "보안 그룹은 어느 수준에서 적용되는 보안인가요?",
			"보안 그룹은 서브넷 레벨에서 적용되는 보안이라 같은 서브넷의 인스턴스에 자동으로 걸립니다.", "Security Group"},
		{"security group at the instance level", "보안 그룹은 어느 수준에서 적용되는 보안인가요?",
			"보안 그룹은 인스턴스 레벨의 보안이라 인스턴스마다 직접 붙여야 합니다.", ""},
		// a scope supposed ("인스턴스 단위로 통제해야 하면") is not one stated:
		// it does not make the wrong one said before right
		{"a scope swapped, the right one only supposed", "보안그룹에 특정 IP를 막는 Deny 룰을 넣어 달라는 요청이 오면 어떻게 하시겠어요?",
			"보안그룹은 서브넷 레벨의 보안이고 Allow 규칙만 있어서 Deny 룰은 넣을 수 없습니다. 대신 인스턴스 단위로 통제해야 하면 ACL을 쓰자고 하겠습니다.", "Security Group"},
		// the notes misspell 가상머신 (가성머신); what they say of it still binds
		{"virtual machines given the container's way", "도커는 기존 가상머신과 가상화하는 방식이 어떻게 다른가요?",
			"기존 가상머신이 OS 없이 프로세스만 격리하는 방식이고, 도커는 컨테이너마다 무거운 OS를 통째로 담습니다.", "도커"},
		// ... and "도커는 무거운 OS 없이" is said of Docker, not of the
		// virtual machines the note's clause is about
		{"docker without a heavy OS", "도커는 기존 가상머신과 가상화하는 방식이 어떻게 다른가요?",
			"도커는 무거운 OS 없이 프로세스를 격리하는 방식이라 VM보다 가볍습니다.", ""},
		// "인터페이스라 Django 코드는 안 바뀝니다": the negation is the second
		// clause's, not a denial of the interface
		{"a reason after the copula -라", "Nginx를 Apache로 바꾸면 Django 코드도 고쳐야 하나요? WSGI 역할을 기준으로 말씀해 주세요.",
			"WSGI가 웹 서버와 애플리케이션 사이의 인터페이스라 Django 코드는 거의 안 바뀝니다.", ""},
		// a cleft: "…결정하는 건 X예요" says both clauses of X
		{"the scheduler's job given to a sibling in a cleft", "파드를 하나 새로 만들면 그게 어느 워커 노드에 올라갈지는 어떤 컴포넌트가 정해요?",
			"컨트롤 플레인 쪽에서 정하는데요, 새로 생성된 파드를 감지해서 어떤 노드로 보낼지 결정하는 건 kube-controller-manager예요.", "kube-scheduler"},
		{"the scheduler's job in a cleft", "파드를 하나 새로 만들면 그게 어느 워커 노드에 올라갈지는 어떤 컴포넌트가 정해요?",
			"컨트롤 플레인 쪽에서 정하는데요, 새로 생성된 파드를 감지해서 어떤 노드로 보낼지 결정하는 건 kube-scheduler예요.", ""},
		// "끊기기 쉽습니다": liable to be cut, no ease against the notes' 어려움
		{"prone to break", "쿠버네티스에서 Service 오브젝트가 왜 필요한가요? 파드에 바로 붙으면 안 되나요?",
			"파드는 재시작되거나 새로 뜰 때마다 IP가 바뀌어서 파드 IP로 직접 붙으면 끊기기 쉽습니다. 그래서 서비스 오브젝트를 통해 고정된 주소로 파드에 접근하게 합니다.", ""},
		{"pod IPs said fixed", "쿠버네티스에서 Service 오브젝트가 왜 필요한가요? 파드에 바로 붙으면 안 되나요?",
			"파드 IP는 한 번 정해지면 바뀌지 않아서 직접 붙어도 되지만, 서비스를 두면 로드밸런싱이 편해서 씁니다.", "파드 IP"},
		// "코드를 먼저 짜는 게 아니라요, 테스트를 먼저 작성하는": not X but
		// Y, Y the notes' own way
		{"not code first but test first", "TDD로 개발해 보셨어요? 보통 개발하는 순서랑 뭐가 다른지 말씀해 주세요.",
			"음… 그러니까 TDD는, 어, 코드를 먼저 짜는 게 아니라요, 뭐랄까, 테스트를 먼저 작성하는 방식이에요.", ""},
		// "한 곳에 두지 않고 분산해서": not X but Y, X being no word of the notes
		{"not kept in one place but spread", "etcd에는 뭐가 들어 있고, 어떤 구조로 저장되나요?",
			"클러스터의 구성 정보와 상태 정보를 key-value로 저장하고, 안정적으로 동작하도록 데이터를 한 곳에 두지 않고 분산해서 저장하는 구조입니다.", ""},
		// ... and "분산하지 않고" denies the very word of the notes
		{"not spread", "etcd에는 뭐가 들어 있고, 어떤 구조로 저장되나요?",
			"클러스터의 구성 정보와 상태 정보를 key-value로 저장하고, 안정적으로 동작하도록 데이터를 분산하지 않고 한 노드에 모아서 저장하는 구조입니다.", "etcd"},
		// 동기화하지 않고: the glossary names 동기, and 화하지 is its suffix
		{"zone files not synchronised", "bind로 DNS 서버를 이중화하셨을 때 zone 파일은 어떻게 관리하셨나요?",
			"Master와 Slave로 구성했고, zone 파일은 서버끼리 동기화하지 않고 레코드가 바뀔 때마다 양쪽에 직접 수정했습니다.", "동기화"},
	})
}

// A drawback the notes list under 단점 denied by its own word, things the
// notes manage together said to be managed apart, and the question's own
// situation retold are judged as a person would.
func TestDrawbackApartAndStatusQuo(t *testing.T) {
	lambda := "하루에 몇 번 호출되지 않는 내부 API를 서버리스 함수로 옮기면 어떤 장점과 주의점이 있을까요?"
	gitops := "쿠버네티스 환경에서 배포를 GitOps로 바꾸면 뭐가 좋아지나요?"
	storage := "웹 서버 여러 대가 업로드 파일을 같이 봐야 하는데 지금은 각 인스턴스 디스크에 저장해요. AWS 스토리지 중 뭘로 바꾸시겠어요?"
	checkIncorrect(t, []incorrectCase{
		{"a drawback denied", lambda, "요청이 있을 때만 동작해서 비용을 줄일 수 있고, 함수가 준비된 채로 대기해서 첫 호출에도 지연이 거의 없습니다.", "콜드 스타트"},
		{"the drawback said", lambda, "요청이 있을 때만 동작해서 비용을 줄일 수 있지만, 콜드 스타트 지연으로 첫 호출이 느릴 수 있습니다.", ""},
		{"kept apart what the notes join", gitops, "쿠버네티스 같은 오케스트레이션으로 일관되게 배포하는데, 범위는 애플리케이션 배포까지라 인프라는 따로 관리해야 합니다.", "통합"},
		{"joined as the notes say", gitops, "쿠버네티스 같은 오케스트레이션으로 일관되게 배포하고, 인프라와 애플리케이션 배포를 함께 통합해 관리합니다.", ""},
		// "따로 X지 않고" denies apartness: joined, as the notes say
		{"not kept apart", gitops, "인프라 배포와 애플리케이션 배포를 따로 가져가지 않고 통합해서 관리한다는 점이 특징입니다.", ""},
		{"a reason the notes give after -다 보니, said plainly", "DevOps를 도입하면 바로 비용이 줄어들까요? 기대치를 어떻게 맞추시겠어요?",
			"초기엔 비용이 많이 들고 조직 문화를 바꾸는 데 노력이 필요하다고 말씀드리겠습니다.", ""},
		// the question's TCP, told again in a clause that names no entity,
		// is not ALB's
		{"the protocol of the situation, the load balancer replaced", "자체 TCP 프로토콜로 통신하는 서버 앞에 ALB를 붙였더니 분산이 잘 안 돼요. 어떻게 바꾸시겠어요?",
			"TCP 트래픽이니까 ALB 대신 NLB를 써야 합니다.", ""},
		// much or little of one measure: 적다 against 크다
		{"more overhead than a VM", "VM으로 잘 돌던 서비스를 컨테이너로 옮기자고 하면 어떤 이점을 드시겠어요?",
			"배포와 관리가 간단해집니다. 다만 커널을 공유하는 구조라 VM보다 성능 오버헤드는 오히려 더 큰 편입니다.", "오버헤드"},
		{"less overhead", "VM으로 잘 돌던 서비스를 컨테이너로 옮기자고 하면 어떤 이점을 드시겠어요?",
			"배포와 관리가 간단해지고, 커널만 공유하는 가상화라서 성능 오버헤드가 적습니다.", ""},
		// how much said of the noun after it is no predicate
		{"a limit where constraints are many", "애자일의 한계는 뭐라고 보세요?",
			"애자일은 대규모 프로젝트나 외부 제약이 많은 환경에는 한계가 있습니다.", ""},
		{"care where rules are many", "애자일의 한계는 뭐라고 보세요?",
			"외부 규칙이나 제한이 많은 환경은 조심해야 해요. 나중에 제약 때문에 전체 아키텍처를 바꾸는 게 매우 어렵거든요.", ""},
		// a worry about what the notes say must not be is the notes' advice
		{"the worry is many rules", "규제가 많은 대형 프로젝트에 애자일을 쓰자는데 어떠세요?",
			"걱정되는 건 외부 규칙이나 제약이 많다는 점입니다. 나중에 그런 제약 때문에 아키텍처를 통째로 바꾸기가 아주 어렵거든요.", ""},
		// "개발부터 배포, 운영, 모니터링까지" is one range, one clause
		{"the lifecycle cut short", "데브옵스를 본인은 어떻게 정의하세요?",
			"데브옵스는 개발팀과 운영팀의 협업 문화입니다. 다만 범위는 개발부터 배포까지고, 배포 이후 운영이나 모니터링은 데브옵스가 다루는 생명주기에 들어가지 않습니다.", "생명주기"},
		{"the whole lifecycle", "데브옵스를 본인은 어떻게 정의하세요?",
			"데브옵스는 개발팀과 운영팀의 협업 문화이고, 개발부터 배포, 운영, 모니터링까지 전체 생명주기를 관리합니다.", ""},
		{"the situation retold", storage, "지금은 각 EC2에 기본으로 붙어 있는 EBS에 저장하고 있어서 서버마다 파일이 따로 노는 거라고 봅니다. 여러 서버가 하나의 파일 시스템으로 데이터를 공유하려면 EFS가 맞습니다.", ""},
	})
}

func TestFaceNounAndCopulaRa(t *testing.T) {
	g := token.DefaultGlossary()
	for _, c := range []struct {
		text     string
		clauses  int
		firstIf  bool // the first clause is a condition
		secondIf bool
	}{
		{"반면 파이썬 경험은 필요하지 않습니다", 2, false, false},
		{"장애가 나면 파드가 다시 뜹니다", 2, true, true},
		{"인터페이스라 Django 코드는 안 바뀝니다", 2, false, false},
		{"인프라 운영은 중요합니다", 1, false, false},                            // 인프라's own 라
		{"조직의 문화를 바꾸기 쉬운것이 아니다 보니 많은 노력이 필요할 것이다", 2, false, false},   // -다 보니: because
		{"소프트웨어 개발부터 배포, 운영, 모니터링까지의 전체 생명주기를 관리한다", 1, false, false}, // a range until 까지
		{"코드를 빌드하고, 테스트하고, 배포한다", 3, false, false},
		{"개발부터 배포까지 자동화하고, 모니터링도 한다", 2, false, false}, // the range closed
	} {
		cs := hypothetical(clausesOf(analyze(c.text, g)))
		if len(cs) != c.clauses {
			t.Errorf("%q: %d clauses, want %d", c.text, len(cs), c.clauses)
			continue
		}
		if cs[0].conditional != c.firstIf || len(cs) > 1 && cs[1].conditional != c.secondIf {
			t.Errorf("%q: conditional %v/%v, want %v/%v", c.text, cs[0].conditional, len(cs) > 1 && cs[1].conditional, c.firstIf, c.secondIf)
		}
	}
}

// A thing filed under the wrong one of two the notes tell apart: the
// project's line says Logstash is Kafka's consumer. Graded as the service
// grades (the seed-chunk shortcut reads the Kafka section alone).
func TestMembershipSwapped(t *testing.T) {
	svc, coll := seedService(t, "member")
	q := "리뷰 감성분석 파이프라인 중간에 Kafka를 두셨던데, 이 프로젝트에서 Logstash는 Producer, Consumer 중 어디에 해당했어요?"
	cases := []struct{ answer, want string }{
		{"저희 파이프라인에서는 Logstash가 Producer 쪽이라 크롤링한 데이터를 Kafka 토픽에 올려 주는 일을 했습니다.", "Logstash"},
		{"저희 파이프라인에서는 Logstash가 Consumer 쪽이라 Kafka에 저장된 데이터를 가져와 수집하는 일을 했습니다.", ""},
		{"Logstash는 Consumer 역할이고, Kafka에 저장된 데이터를 수집했습니다.", ""},
	}
	for _, c := range cases {
		gr, err := svc.Check(t.Context(), Request{Collection: coll, Question: q, Answer: c.answer})
		if err != nil {
			t.Fatal(err)
		}
		t.Run(c.answer, func(t *testing.T) { expectIncorrect(t, gr, c.want, nil) })
	}
}

// Where a connection starts and where it goes: the two clauses of the
// notes' NAT line said with their roles crossed are a reversal, not a
// restatement of the one and a denial of the other. Graded as the service
// grades (the seed-chunk shortcut chooses another section for it).
func TestCrossedDirections(t *testing.T) {
	svc, coll := seedService(t, "crossed")
	q := "프라이빗 서브넷에 있는 배치 서버가 외부 패키지 저장소에서 업데이트를 받아야 하는데, 보안팀은 외부에서 그 서버로 들어오는 연결은 절대 안 된다고 해요. 어떤 구성으로 풀고, 그게 왜 조건을 만족하는지 설명해 주세요."
	cases := []struct{ answer, want string }{
		{"NAT 게이트웨이를 두면 됩니다. NAT 게이트웨이가 주소 변환을 해 주면서, 외부 서비스 쪽에서 프라이빗 서브넷 인스턴스로 연결을 시작하는 건 가능하게 해 주고, 인스턴스가 VPC 바깥 서비스로 먼저 연결해 나가는 건 못 하게 합니다.", "외부"},
		{"NAT 게이트웨이를 두면 됩니다. NAT 게이트웨이는 네트워크 주소 변환 서비스라서, 프라이빗 서브넷 인스턴스가 VPC 바깥 서비스로 연결해 나가는 건 가능하게 해 주면서, 외부 서비스 쪽에서 그 인스턴스로 연결을 먼저 시작하는 건 못 하게 합니다.", ""},
	}
	for _, c := range cases {
		gr, err := svc.Check(t.Context(), Request{Collection: coll, Question: q, Answer: c.answer})
		if err != nil {
			t.Fatal(err)
		}
		t.Run(c.want, func(t *testing.T) { expectIncorrect(t, gr, c.want, nil) })
		if c.want == "" {
			continue
		}
		// asked back, the quote is the clause with the directions crossed,
		// not the true one before it (주소 변환)
		if len(gr.Followups) == 0 {
			t.Errorf("no follow-up after the crossed directions")
			continue
		}
		if said, _ := askBackQuotes(gr.Followups[0]); !strings.Contains(said, "외부 서비스 쪽에서") {
			t.Errorf("the ask-back quotes %q, want the clause with the directions crossed", said)
		}
	}
}

// A class is named for what it is in summaries: a scope ("서브넷 레벨") is
// no number.
func TestClassLabel(t *testing.T) {
	cases := []struct{ class, lang, want string }{
		{"scope", "ko", "적용 범위"},
		{"scope", "en", "scope"},
		{"port", "ko", "포트"},
		{"card:개", "ko", "개수"},
		{"num:gb", "ko", "수치"},
	}
	for _, c := range cases {
		if got := classLabel(c.class, c.lang); got != c.want {
			t.Errorf("classLabel(%q, %q) = %q, want %q", c.class, c.lang, got, c.want)
		}
	}
}

// A clause that shares exactly half of its words both ways with a notes
// clause of the other polarity reaches the threshold (F1 0.5, not a hair
// under it): "외부에서 프라이빗 인스턴스로 들어오는 인바운드 연결을 열어 주는"
// against the samples' "외부에서 프라이빗 인스턴스로 먼저 연결을 시작할 수는
// 없다". A purpose clause, "제각각 돌아가지 않도록 실행을 관리", denies no
// line of the notes.
func TestPolarityAtHalfAndPurpose(t *testing.T) {
	g := token.DefaultGlossary()
	expectWrongOnSamples(t, "NAT 게이트웨이는 어느 서브넷에 두고, 어떤 트래픽을 처리하나요?", []wrongCase{
		{"NAT 게이트웨이는 프라이빗 서브넷에 두고, 외부에서 프라이빗 인스턴스로 들어오는 인바운드 연결을 열어 주는 역할을 합니다.", true},
		{"NAT 게이트웨이는 퍼블릭 서브넷에 두고, 프라이빗 서브넷 인스턴스가 밖으로 나가는 아웃바운드 연결만 가능하게 해 줍니다. 외부에서 먼저 연결을 시작할 수는 없습니다.", false},
	})
	// "열어 주기": the auxiliary 주다, no word of its own to dilute the
	// clause, asked in other words than the notes'
	patch := BuildRubric("프라이빗 서브넷에 있는 DB 서버가 OS 패치를 받아야 하는데, 외부에서 그 서버로 들어오는 연결은 막아야 해요. 어떻게 구성하시겠어요?",
		fileChunks(t, "../samples/notes/aws-networking.md"), g)
	gr, err := NewOffline(g, DefaultCalibration()).Judge(t.Context(), patch, "NAT 게이트웨이를 두면 됩니다. NAT 게이트웨이는 외부에서 프라이빗 인스턴스로 들어오는 연결도 열어 주기 때문에 패치 서버가 직접 붙어서 업데이트를 밀어 넣을 수 있습니다.")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(gr.Points, func(p Point) bool { return p.Status == Incorrect }) {
		t.Errorf("inbound opened by NAT: no incorrect point; %s", pointsSummary(gr))
	}
	checkIncorrect(t, []incorrectCase{
		{"a purpose clause", "기술을 잘 모르는 고객사 담당자가 '쿠버네티스가 컨테이너 오케스트레이션이라던데 그게 뭐예요?'라고 물어본다면, 어떻게 풀어서 설명하시겠어요?",
			"오케스트라 지휘자처럼, 수많은 컨테이너가 제각각 돌아가지 않도록 실행을 관리하고 조율해 주는 도구라고 설명하겠습니다.", ""},
	})
}

// The other member of a pair said to be there too contradicts the notes'
// "only this one": "Deny 규칙도 직접 추가할 수 있습니다" against "Security
// Group: Allow만 있고 나머지는 모두 Deny"; denied, or said of ACL, it does
// not.
func TestExclusiveConflicts(t *testing.T) {
	const q = "운영 중인 EC2에 특정 IP에서 이상한 요청이 계속 들어와서, 개발팀이 보안 그룹에 그 IP만 Deny로 하나 추가해 달라고 하네요. 어떻게 대응하시겠어요?"
	checkIncorrect(t, []incorrectCase{
		{"deny rules too", q, "보안 그룹은 인스턴스 레벨에서 동작하는 보안이고, Allow 규칙뿐 아니라 Deny 규칙도 직접 추가할 수 있습니다.", "Allow만"},
		{"deny rules denied", q, "보안 그룹은 Allow 규칙만 넣을 수 있고 Deny 규칙은 넣을 수 없어서, 서브넷의 ACL에서 그 IP를 Deny로 막겠습니다.", ""},
		{"deny rules of ACL", q, "보안 그룹은 허용 규칙만 있어서 Deny는 안 되고, ACL은 Allow와 Deny 규칙도 둘 다 넣을 수 있으니 ACL에서 막겠습니다.", ""},
		// the other member the only one, in the sentence after the one
		// naming the subject (fresh29's reversal, read in round 26)
		{"deny only, said next", q, "보안 그룹은 인스턴스에 붙는 방화벽입니다. 여기에는 Deny 규칙만 넣을 수 있고 나머지는 다 통과시키니까 그 IP만 Deny로 넣으면 됩니다.", "Allow만"},
		{"allow only, said next", q, "보안 그룹은 인스턴스에 붙는 방화벽입니다. 여기에는 Allow 규칙만 넣을 수 있어서, 그 IP는 서브넷의 ACL에서 Deny로 막겠습니다.", ""},
	})
}

// Two things' lines said the other way round in one sentence joined by 거고
// (것이고) are read one clause each: the swap is caught.
func TestSwapAcrossGeogo(t *testing.T) {
	const q = "워드프레스 프로젝트에서 DNS 서버를 직접 구축하셨다고 했는데요, 어떤 걸로 구성하셨는지, 조회 방식은 어떻게 나뉘는지 말씀해 주세요."
	checkIncorrect(t, []incorrectCase{
		{"swapped", q, "정방향 조회는 IP 주소를 가지고 목적지를 찾아가는 거고 역방향 조회가 호스트 이름으로 IP 주소를 매칭하는 겁니다.", "조회"},
		{"as the notes", q, "정방향 조회는 호스트 이름과 IP 주소를 매칭하는 거고 역방향 조회는 IP 주소로 목적지를 찾는 겁니다.", ""},
	})
	for w, want := range map[string]bool{"거고": true, "찾아가는": false, "이고": true} {
		if got := koreanClauseEnd(w); got != want {
			t.Errorf("koreanClauseEnd(%q) = %v, want %v", w, got, want)
		}
	}
}

// "뭐가 더 나은가요" asks for merits: an answer that denies one of them
// ("커널을 공유하지 않고") is read against 컨테이너's 장점, where the notes
// say it, and not against the sections its other words lean to.
func TestBetterAsksForMerits(t *testing.T) {
	const q = "같은 서버에 VM 열 대를 띄우는 것과 컨테이너 열 개를 띄우는 것, 성능이나 운영 측면에서 컨테이너가 뭐가 더 나은가요?"
	checkIncorrect(t, []incorrectCase{
		{"kernel not shared", q, "컨테이너는 커널을 공유하지 않고 각자 자기 커널을 따로 가지고 있어서 격리가 확실하면서도, 가볍게 만들어져 있어서 VM보다 성능 오버헤드가 적습니다. 또 격리나 확장성이 좋아서 MSA에 도입하기에도 잘 맞습니다.", "커널"},
		{"kernel shared", q, "컨테이너는 커널만 공유하는 수준의 가상화라서 VM보다 성능 오버헤드가 적습니다. 또 격리나 확장성이 좋아서 MSA에 도입하기에도 잘 맞습니다.", ""},
	})
}

// "부담되는 부분" asks for drawbacks: a thin answer naming one is graded
// against them, not against a project that built a pipeline.
func TestBurdenAsksForDrawbacks(t *testing.T) {
	g := judgeOnSeeds(t, "CI/CD 파이프라인을 새로 도입하려고 할 때 부담되는 부분은 뭐가 있을까요?", "처음 구성할 때 도입 비용이 늘어납니다.")
	if !slices.ContainsFunc(g.Points, func(p Point) bool { return p.Status == Covered && strings.Contains(p.Text, "도입 비용") }) {
		t.Errorf("no covered drawback: %s", pointsSummary(g))
	}
}

// A name glossed by another before a scope word ("인스턴스(ENI) 단위의
// 방화벽") is the scope under either name: "인스턴스 단위로 걸리는 방화벽"
// agrees, "서브넷 단위" does not (found through make run on the samples: a
// strong answer scored 14).
func TestScopeGlossedByAnotherName(t *testing.T) {
	expectWrongOnSamples(t, "팀원이 보안 그룹에서 특정 IP만 골라서 막는 규칙을 넣자고 하는데, 이게 가능한지랑 보안 그룹이 규칙을 어떻게 처리하는지 설명해 주세요.", []wrongCase{
		{"보안 그룹은 인스턴스 단위로 걸리는 방화벽인데, 허용 규칙만 넣을 수 있고 규칙에 없는 트래픽은 전부 거부돼요.", false},
		{"보안 그룹은 ENI 단위로 걸리는 방화벽입니다.", false},
		{"보안 그룹은 서브넷 단위로 걸리는 방화벽입니다.", true},
		// "허용(Allow) 규칙만 있고": only one kind of rule, against the other said there too
		{"보안 그룹은 인스턴스 단위 방화벽이고 Allow 규칙뿐 아니라 Deny 규칙도 넣을 수 있어서, 그 IP를 Deny로 추가하면 바로 막힙니다.", true},
	})
}

// wrongCase is an answer and whether a point of it must be incorrect.
type wrongCase struct {
	answer string
	wrong  bool
}

// expectWrongOnSamples judges each answer against the sample notes' rubric
// for question and checks that it has an incorrect point exactly when the
// case says so.
func expectWrongOnSamples(t *testing.T, question string, cases []wrongCase) {
	t.Helper()
	g := token.DefaultGlossary()
	r := BuildRubric(question, fileChunks(t, "../samples/notes/aws-networking.md"), g)
	for _, c := range cases {
		gr, err := NewOffline(g, DefaultCalibration()).Judge(context.Background(), r, c.answer)
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.ContainsFunc(gr.Points, func(p Point) bool { return p.Status == Incorrect }); got != c.wrong {
			t.Errorf("%q: incorrect point %v, want %v; %s", c.answer, got, c.wrong, pointsSummary(gr))
		}
	}
}

// "-다가" ends a clause: "한동안 호출이 없다가 들어오면 콜드 스타트 때문에 첫
// 응답이 느릴 수 있고" denies the calls in a while, not the cold start
// (found through make run: a strong Lambda answer was told it said the
// notes' cold-start delay the other way and scored 17).
// "-고 있으면" is one verb in progress, in a condition: "배치가 안 되고
// 있으면" supposes a pod not placed and denies nothing the notes say.
func TestProgressiveInACondition(t *testing.T) {
	const q = "새로 만든 파드를 어느 노드에 올릴지는 어떤 컴포넌트가 정하나요? 파드가 계속 Pending이면 어디부터 보시겠어요?"
	checkIncorrect(t, []incorrectCase{
		{"a placement not happening, supposed", q, "새 파드를 어느 노드에 둘지 정하는 건 kube-scheduler라서, 파드가 배치되지 않고 있으면 스케줄러부터 확인합니다.", ""},
		{"the scheduler said not to place pods", q, "kube-scheduler는 파드를 어떤 노드로 배치할지 결정하지 않고, 노드 상태만 확인합니다.", "kube-scheduler"},
	})
}

func TestDagaEndsAClause(t *testing.T) {
	const q = "하루에 몇 번 호출되지 않는 사내 API를 EC2에 계속 띄워 두고 있는데, 서버리스로 옮기면 뭐가 좋아지고 반대로 뭘 감수해야 할까요?"
	checkIncorrect(t, []incorrectCase{
		{"cold start after a while without calls", q, "Lambda로 옮기면 요청이 있을 때만 실행돼서 비용을 아낄 수 있습니다. 대신 한동안 호출이 없다가 들어오면 콜드 스타트 때문에 첫 응답이 느릴 수 있고, 리소스 제한도 감수해야 합니다.", ""},
		{"no cold start", q, "Lambda는 요청이 있을 때만 실행돼서 비용이 줄고요, 함수가 항상 준비돼 있어서 콜드 스타트가 없으니 첫 호출도 빠릅니다.", "콜드 스타트"},
	})
}

// 자주 and 드물다 are one measure of how often: "자주 업데이트되지 않는
// 파일" says the notes' "빈번한 업데이트가 없은 파일" (S3) in other words.
func TestHowOftenInOtherWords(t *testing.T) {
	g := judgeOnSeeds(t, "로그 아카이브처럼 쌓아 두기만 하는 파일은 어디에 보관하시겠어요?",
		"자주 안 바뀌는 파일이라 S3에 보관하겠습니다.")
	if !slices.ContainsFunc(g.Points, func(p Point) bool { return p.Status == Covered && strings.Contains(p.Text, "빈번한") }) {
		t.Errorf("S3's line not covered: %s", pointsSummary(g))
	}
	if hasIncorrect(g) {
		t.Errorf("a false alarm: %s", pointsSummary(g))
	}
}

// A denial whose every word the question says too ("Does an NLB support
// security groups?" against the note's "NLB does not support security
// groups") is still restated the other way by an answer that affirms it;
// a note's clause that asks ("다운된 노드가 없는지") states nothing to deny.
func TestDenialInTheQuestionsOwnWords(t *testing.T) {
	g := token.DefaultGlossary()
	judge := NewOffline(g, DefaultCalibration())
	for _, c := range []struct {
		question, note, answer string
		wrong                  bool
	}{
		{"Does an NLB support security groups?", "NLB does not support security groups.", "Yes, an NLB supports security groups.", true},
		{"Does an NLB support security groups?", "NLB does not support security groups.", "No, an NLB does not support security groups, so filtering happens on the targets.", false},
		{"Does an NLB support security groups?", "NLB does not support security groups.", "It balances TCP traffic at layer 4.", false},
		{"What does a voltage reading of 1.5 tell you about the connection between a bulb terminal and a battery terminal?", "the terminals are not connected", "The terminals are connected to each other.", true},
		{"What does a voltage reading of 1.5 tell you about the connection between a bulb terminal and a battery terminal?", "the terminals are not connected", "the terminals are not connected", false},
		{"What does a voltage reading of 1.5 tell you about the connection between a bulb terminal and a battery terminal?", "the terminals are not connected", "there is a gap between them", false},
	} {
		r := BuildRubric(c.question, []notes.Passage{{ChunkID: "1", Note: "n.md", HeadingPath: []string{c.question}, Text: c.note, Score: 1}}, g)
		gr, err := judge.Judge(t.Context(), r, c.answer)
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.ContainsFunc(gr.Points, func(p Point) bool { return p.Status == Incorrect }); got != c.wrong {
			t.Errorf("%q against %q: incorrect %v, want %v; %s", c.answer, c.note, got, c.wrong, pointsSummary(gr))
		}
	}
	checkIncorrect(t, []incorrectCase{
		{"a check the notes list as a question", "워커 노드 한 대가 갑자기 통째로 죽었어요. 그 위에 있던 파드들이 다른 노드에서 다시 뜨기까지, 컨트롤 플레인 안에서는 어떤 컴포넌트가 어떤 일을 하나요?",
			"kube-controller-manager가 다운된 노드와 파드 복제 수를 확인해서 다시 맞춰 줍니다.", ""},
		{"NLB said to carry its own security group", "NLB 앞단에서 트래픽을 거르고 싶은데, NLB에도 보안 그룹을 붙일 수 있나요?",
			"네, NLB에도 보안 그룹을 직접 설정해서 거기서 트래픽을 거릅니다.", "NLB"},
		{"NLB said to carry none", "NLB 앞단에서 트래픽을 거르고 싶은데, NLB에도 보안 그룹을 붙일 수 있나요?",
			"NLB에는 보안 그룹을 설정하지 않고, 뒤에 있는 인스턴스의 보안 그룹에서 트래픽을 거릅니다.", ""},
	})
}
