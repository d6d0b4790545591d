package grader

import (
	"context"
	"strings"
	"testing"

	"grader/notes"
	"grader/token"
)

// Swapped bindings on the seed notes: what the notes say of one thing,
// said of its sibling.
func TestSwappedBindings(t *testing.T) {
	checkIncorrect(t, []incorrectCase{
		// each clause gives its subject one word of the other's: together a swap
		{"forward and reverse lookups swapped", "접근 로그의 IP 주소가 어느 호스트인지 이름으로 확인하려면 DNS에서 어떤 조회를 쓰고, 그 반대쪽 조회와는 어떻게 다른가요?",
			"정방향 조회가 IP 주소를 통해 목적지 호스트를 찾아 주는 거고, 역방향 조회는 호스트 이름을 가지고 IP 주소를 찾는 쪽이에요.", "조회"},
		{"forward and reverse lookups as the notes say", "접근 로그의 IP 주소가 어느 호스트인지 이름으로 확인하려면 DNS에서 어떤 조회를 쓰고, 그 반대쪽 조회와는 어떻게 다른가요?",
			"정방향 조회는 호스트 이름과 IP 주소를 매칭하는 거고, 역방향 조회는 IP 주소를 통해 목적지를 찾는 쪽이에요.", ""},
		// compounds tell apart what single words do not: XP is "개발 방법론",
		// Scrum "관리 방법론"; a subject said last ("… 쪽은 XP입니다")
		{"development and management methods swapped", "스크럼이 애자일 안에서 어떤 성격의 방법론인지 말씀해 주세요.",
			"스크럼은 애자일 안에서 개발 방법론에 해당하고, 관리 방법론 쪽은 XP입니다. 스프린트 사이클로 개발을 반복합니다.", "관리 방법론"},
		{"development and management methods as the notes say", "스크럼이 애자일 안에서 어떤 성격의 방법론인지 말씀해 주세요.",
			"스크럼은 애자일 안에서 관리 방법론에 해당하고, 개발 방법론 쪽은 XP입니다. 스프린트 사이클로 개발을 반복합니다.", ""},
		{"configuration management said of the other tool, as a real candidate would", "Ansible과 Terraform을 각각 어떤 작업에 쓰셨나요?",
			"Terraform으로 IAM 구성부터 리소스 배포, 변경, 삭제까지 했고, Ansible은 서버 구성 관리용으로 플레이북을 작성해 변수, 템플릿, 조건문, 반복문을 썼습니다.", ""},
		// the subject of an embedded question (컨테이너가 …동작하는지) is not the clause's
		{"kubelet and kube-proxy told apart", "노드마다 kubelet이랑 kube-proxy가 같이 떠 있는데, 둘을 헷갈려하는 분들이 많더라고요. 어떤 증상이면 kubelet 쪽을 의심하고, 어떤 증상이면 kube-proxy 쪽을 의심하시겠어요?",
			"파드가 아예 안 만들어지거나 떠도 상태가 이상하다면 kubelet을 먼저 보겠습니다. kubelet은 각 노드에서 파드를 생성하고 컨테이너가 정상적으로 동작하는지 관리하는 핵심 요소이고, kube-apiserver에서 내려온 요청을 받아서 처리하거든요. 반대로 파드는 멀쩡한데 서비스로 들어온 요청이 파드까지 안 간다면 kube-proxy를 의심하겠습니다. kube-proxy는 클러스터 내부에서 네트워크 요청을 전달하고, 파드 IP가 바뀌어도 서비스 오브젝트로 들어온 요청이 실제 파드에 닿도록 관리하니까요.", ""},
		// a list of named lines ("운영 - …", "모니터링 - …"): each line is
		// about its item, not about the heading above the list
		{"two stages of the toolchain swapped", "툴체인에서 운영 단계와 모니터링 단계는 각각 무슨 일을 하나요?",
			"모니터링 단계는 지금 돌아가고 있는 소프트웨어를 관리하는 단계이고, 운영 단계는 특정 릴리즈에서 생긴 문제를 찾아서 수집하는 단계입니다.", "모니터링"},
		{"two stages of the toolchain as the notes say", "툴체인에서 운영 단계와 모니터링 단계는 각각 무슨 일을 하나요?",
			"운영 단계는 지금 돌아가고 있는 소프트웨어를 관리하는 단계이고, 모니터링 단계는 특정 릴리즈에서 생긴 문제를 찾아서 수집하는 단계입니다.", ""},
		// a stage named as what a task belongs to ("…는 코딩 단계에 해당하고",
		// "…는 건 구축 단계고요"): the task is said of that stage
		{"tasks filed under the wrong stages", "툴체인에서 빌드와 버전 관리는 어느 단계고, 설계와 코드 작성은 어느 단계인가요?",
			"빌드와 버전 관리는 코딩 단계에 해당하고, 소프트웨어를 설계하고 코드를 만드는 건 구축 단계고요.", "구축"},
		{"tasks filed under their stages", "툴체인에서 빌드와 버전 관리는 어느 단계고, 설계와 코드 작성은 어느 단계인가요?",
			"빌드와 버전 관리는 구축 단계에 해당하고, 소프트웨어를 설계하고 코드를 만드는 건 코딩 단계고요.", ""},
		// "…는 구축 단계에서 합니다": done in that stage
		{"tasks done in the wrong stages", "DevOps 툴체인에서 빌드와 버전 관리는 어느 단계에서 하나요?",
			"빌드와 버전 관리는 코딩 단계에 해당하고, 설계와 코드 작성은 구축 단계에서 합니다.", "구축"},
		{"tasks done in their stages", "DevOps 툴체인에서 빌드와 버전 관리는 어느 단계에서 하나요?",
			"빌드와 버전 관리는 구축 단계에 해당하고, 설계와 코드 작성은 코딩 단계에서 합니다.", ""},
		// a negation in a noun's modifier is part of what is given, no
		// denial of it ("자주 업데이트되지 않는 파일" is S3's line); a
		// condition with no subject of its own is not said of the thing
		// before it
		{"the other's use said with a negated modifier", "EBS, EFS, S3를 각각 어떤 용도로 쓰시나요?",
			"EBS는 EC2에 기본으로 붙어 있는 볼륨이고, EFS는 자주 업데이트되지 않는 파일을 넣어 두는 용도입니다.", "S3에 대한"},
		{"a use said with a negated modifier, of its own thing", "EBS, EFS, S3를 각각 어떤 용도로 쓰시나요?",
			"EBS는 EC2에 기본으로 붙어 있는 볼륨이고, S3는 자주 업데이트되지 않는 파일을 넣어 두는 용도입니다.", ""},
		{"a condition after a sentence on another thing", "여러 서버가 같은 데이터를 써야 하면 스토리지를 어떻게 하시겠어요?",
			"여러 서버가 하나의 파일 시스템으로 데이터를 같이 써야 한다면 EFS로 옮기겠습니다. EFS는 여러 AZ에 걸쳐 복제돼서 가용성도 높고요. 자주 바뀌지 않는 파일이라면 S3에 두는 것도 방법입니다.", ""},
		// the features under "특징" are Kubernetes's, not things of their own
		{"features of one thing in other words", "쿠버네티스를 쓰면 운영하면서 어떤 점이 편해지나요?",
			"파드를 배포할 때 설정해 두면 모니터링하다가 자동으로 복구해 주고, 트래픽에 맞춰 자동으로 Scale-out, Scale-in을 해 줍니다. 업데이트도 점진적으로 해서 서비스가 멈추지 않고, 도커 컨테이너 기반이라 클라우드 환경을 가리지 않습니다.", ""},
		{"a role given to the sibling", "파드 수가 설정보다 줄었을 때 알아채고 다시 맞춰 주는 컴포넌트는 무엇인가요?",
			"kube-scheduler가 합니다. 스케줄러가 다운된 노드와 파드 복제 수를 계속 감시하다가 모자라면 새 파드를 만들어 줍니다.", "kube-controller-manager"},
		// "…까지 CI 단계에서 하는 일": what is done in that stage; 줄이다 is
		// what it does, no denial of it
		{"deployment filed under CI", "CI만 떼어서 보면 정확히 뭘 자동화하는 건가요?",
			"CI는 빌드와 테스트를 자동화하는 과정이에요. 변경 사항을 운영 서버에 자동으로 배포해서 휴먼 에러를 줄이는 것까지 CI 단계에서 하는 일입니다.", "CD"},
		{"deployment filed under CD", "CI만 떼어서 보면 정확히 뭘 자동화하는 건가요?",
			"CI는 빌드와 테스트를 자동화하는 과정이에요. 변경 사항을 운영 서버에 자동으로 배포해서 휴먼 에러를 줄이는 건 CD 단계에서 하는 일입니다.", ""},
		// a component under the other group of parts (노드 컴포넌트), named
		// by the answer, given the scheduler's work
		{"the scheduler's work given to kubelet", "새로 생성된 파드를 어느 노드에 배치할지 결정하는 건 어떤 컴포넌트인가요?",
			"각 노드의 kubelet이 정합니다. kubelet이 새로 생성된 파드를 감지해서 어떤 노드에 배치할지 결정하거든요.", "kubelet"},
		{"the scheduler's work and kubelet's told apart", "새로 생성된 파드를 어느 노드에 배치할지 결정하는 건 어떤 컴포넌트인가요?",
			"kube-scheduler가 정합니다. 새로 생성된 파드를 감지해서 어떤 노드에 배치할지 결정하고, 그 노드의 kubelet이 파드를 생성해서 관리합니다.", ""},
		// "방식", "방법" are how a question asks, no word of a topic: the
		// question's "이 방식이 … 어떤 성격의 방법론인지" leaves the swap its words
		{"methods swapped, asked about a way of working", "매일 아침 짧게 모여 상황을 공유하고 몇 주 단위 사이클로 일을 끊어서 돌리는 방식이 애자일 안에서 어떤 성격의 방법론인지 설명해 주세요.",
			"스크럼 방식인데, 애자일 중에서도 개발 방법론 쪽에 속하고, 관리 방법론 역할은 XP가 맡습니다. 스프린트 사이클로 반복 개발을 합니다.", "관리 방법론"},
		// "브로커 메타 정보를": the broker's meta information, an object;
		// the one that stores it is said after, 주키퍼가
		{"the broker's information kept by ZooKeeper", "카프카 클러스터를 구성할 때 주키퍼는 왜 필요했나요?",
			"브로커 메타 정보를 저장하고 관리해 주는 주키퍼가 있어야 카프카가 돌아갑니다.", ""},
		// what a subject checks, as embedded questions (…없는지, …있는지):
		// their own subjects (노드가, 파드가) are not the sentence's
		{"the checks listed of the sibling", "파드 수가 설정보다 모자라졌을 때 그걸 알아채고 다시 맞춰 주는 컴포넌트는 무엇인가요?",
			"etcd가 해요. etcd가 다운된 노드가 없는지, 파드가 의도한 복제 숫자를 유지하고 있는지, 서비스와 파드가 잘 연결돼 있는지를 확인하고 모자라면 조치합니다.", "kube-controller-manager"},
		{"the checks listed of their own component", "파드 수가 설정보다 모자라졌을 때 그걸 알아채고 다시 맞춰 주는 컴포넌트는 무엇인가요?",
			"kube-controller-manager가 해요. 컨트롤러 매니저가 다운된 노드가 없는지, 파드가 의도한 복제 숫자를 유지하고 있는지, 서비스와 파드가 잘 연결돼 있는지를 확인하고 모자라면 조치합니다.", ""},
	})
}

// "컨테이너가" with its own particle is a container, not "container
// runtime"; "컨테이너 런타임은" is the runtime. Graded as the service grades:
// the runtime's section is read beside the kubelet's.
func TestContainerIsNoContainerRuntime(t *testing.T) {
	svc, coll := seedService(t, "runtime")
	cases := []struct {
		question, answer, want string
	}{
		{"어떤 노드에서만 파드가 계속 ContainerCreating에서 안 넘어가요. 노드 쪽 컴포넌트 중에 파드를 만들고 상태를 챙기는 쪽이랑, 실제로 컨테이너를 띄우는 쪽을 나눠서 설명해 주시겠어요?",
			"노드에서 파드를 만들고 정상적으로 돌아가는지 관리하는 건 kubelet이에요. 노드에서 컨테이너가 동작하도록 관리하는 핵심 요소고, kubectl 명령이 kube-apiserver를 거쳐 kubelet으로 내려오는 구조입니다. 반면 파드에 들어 있는 컨테이너를 실제로 실행하는 건 container runtime이 담당하니까, 둘을 나눠서 어느 쪽에서 막혔는지 보겠습니다.", ""},
		{"워커 노드에서 컨테이너가 실제로 돌아가기까지, kubelet이랑 컨테이너 런타임은 각각 무슨 일을 나눠서 하나요?",
			"파드 안의 컨테이너를 실제로 실행하는 건 kubelet이고, 컨테이너 런타임은 각 노드에서 파드를 만들고 정상적으로 동작하는지 관리하는 쪽입니다.", "kubelet"},
	}
	for _, c := range cases {
		gr, err := svc.Check(context.Background(), Request{Collection: coll, Question: c.question, Answer: c.answer})
		if err != nil {
			t.Fatal(err)
		}
		t.Run(c.want, func(t *testing.T) { expectIncorrect(t, gr, c.want, nil) })
	}
}

// kubelet (노드 컴포넌트) is kube-scheduler's cousin (컨트롤 플레인
// 컴포넌트), both under k8s Component: its work said of the scheduler is a
// swap, and saying each does its own is none. Graded as the service grades,
// the cousins' sections read beside the scheduler's.
func TestCousinsWorkIsASwap(t *testing.T) {
	svc, coll := seedService(t, "cousin")
	const q = "새 파드가 어느 워커 노드로 갈지는 어떤 컴포넌트가 정하고, 그 뒤에는 어떻게 되나요?"
	cases := []struct{ name, answer, want string }{
		{"scheduler given kubelet's work", "kube-scheduler가 새로 생성된 파드를 감지해서 배치할 노드를 고릅니다. 그 노드에서 파드를 직접 생성하고 정상적으로 동작하는지 관리하는 것까지 스케줄러가 맡습니다.", "kubelet"},
		{"each its own", "kube-scheduler가 새로 생성된 파드를 감지해서 배치할 노드를 고릅니다. 노드가 정해지면 그 노드에서는 kubelet이 파드를 생성하고 정상적으로 동작하는지 관리합니다.", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { serviceExpectIncorrect(t, svc, coll, q, c.answer, c.want) })
	}
}

// A sentence that gives another thing's attribute to this one does not
// cover the other thing's point: the candidate said it of the wrong thing.
func TestSwappedSentenceCoversNoPoint(t *testing.T) {
	const q = "EBS, EFS, S3를 각각 어디에 쓰실지 말씀해 주세요."
	status := func(answer string) Status {
		for _, p := range judgeOnSeeds(t, q, answer).Points {
			if strings.Contains(p.Text, "여러 AZ를 거쳐 복제") {
				return p.Status
			}
		}
		t.Fatalf("no point on EFS's replication across AZs")
		return ""
	}
	if s := status("EFS는 여러 서버가 하나의 파일 시스템으로 데이터를 같이 쓰는 용도고요. 다만 여러 AZ에 걸쳐 복제돼서 가용성이 높은 건 EBS 쪽 특징이라, 중요한 데이터는 EBS에 두겠습니다."); s == Covered || s == Partial {
		t.Errorf("EFS's replication said of EBS: the EFS point is %s, want missed", s)
	}
	if s := status("EFS는 여러 서버가 하나의 파일 시스템으로 데이터를 같이 쓰는 용도고, 여러 AZ에 걸쳐 복제돼서 가용성이 높습니다."); s != Covered {
		t.Errorf("EFS's replication said of EFS: the EFS point is %s, want covered", s)
	}
}

// 노드 is the heading over kubelet and the runtime both ("노드 컴포넌트 - 동작
// 담당"): a strong answer that says the runtime sits on each worker node
// takes nothing of kubelet's (graded as the service grades: search, then
// the section; fresh2's strong answer had scored 6).
func TestHeadingOverBothIsNeithers(t *testing.T) {
	svc, coll := seedService(t, "heading")
	gr, err := svc.Check(t.Context(), Request{Collection: coll,
		Question: "containerd나 CRI-O 같은 걸 컨테이너 런타임이라고 하잖아요. 쿠버네티스 구조에서 이건 어디에 자리 잡고 있고, 실제로 무슨 일을 하나요?",
		Answer:   "컨테이너 런타임은 노드 컴포넌트 쪽이라 각 워커 노드에 설치돼요. 파드에 들어 있는 컨테이너를 실제로 띄우고 실행하는 걸 맡는 애플리케이션이고요. kubelet이 파드를 만들라는 지시를 받으면 CRI라는 인터페이스로 런타임에 요청하고, 런타임이 이미지를 받아서 컨테이너를 실행하는 흐름이에요."})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range gr.Points {
		if p.Status == Incorrect {
			t.Errorf("a correct answer on the runtime marked incorrect: %q (%s)", p.Text, p.Reason)
		}
	}
}

func TestMemberCopula(t *testing.T) {
	g := token.DefaultGlossary()
	cases := []struct {
		text string
		want bool
	}{
		{"Logstash가 Producer 쪽이라", true},
		{"Logstash는 Consumer 역할이고", true},
		{"Logstash는 Consumer에 해당하고", true},
		{"Logstash가 Producer로 데이터를 보내고", false},
		{"Logstash가 Producer와 함께", false},
	}
	for _, c := range cases {
		ts := analyze(c.text, g).terms
		j := -1
		for i, t := range ts {
			if t.key == "produc" || t.key == "consum" {
				j = i
			}
		}
		if j < 0 {
			t.Fatalf("%q: no name found", c.text)
		}
		if got := memberCopula(ts, j); got != c.want {
			t.Errorf("memberCopula(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// Each of two graded things given the other's scope is a swap, though a
// section beside them (the NAT gateway's) shares one of the words: the
// partner of a swap is first the thing graded beside the subject.
func TestSwapPartnerIsTheGradedOne(t *testing.T) {
	var refs, beside []notes.Passage
	for _, p := range seedChunks(t) {
		n := len(p.HeadingPath)
		if n < 2 || p.HeadingPath[n-2] != "VPC" {
			continue
		}
		if last := p.HeadingPath[n-1]; strings.HasPrefix(last, "Security Group") || strings.HasPrefix(last, "ACL") {
			refs = append(refs, p)
		} else {
			beside = append(beside, p)
		}
	}
	if len(refs) == 0 || len(beside) == 0 {
		t.Fatalf("the seed notes' VPC sections: %d graded, %d beside", len(refs), len(beside))
	}
	g := token.DefaultGlossary()
	q := "보안 그룹이랑 네트워크 ACL은 적용되는 범위가 어떻게 다른가요?"
	r := BuildRubric(q, refs, g)
	r.Context = beside
	for _, c := range []struct{ answer, want string }{
		{"보안 그룹은 서브넷 전체에 걸리는 보안이고, ACL은 개별 인스턴스에 붙여서 쓰는 보안입니다.", "incorrect"},
		{"보안 그룹은 개별 인스턴스에 붙여서 쓰는 보안이고, ACL은 서브넷 전체에 걸리는 보안입니다.", ""},
	} {
		gr, err := NewOffline(g, DefaultCalibration()).Judge(context.Background(), r, c.answer)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, p := range gr.Points {
			if p.Status == Incorrect {
				got = "incorrect"
			}
		}
		if got != c.want {
			t.Errorf("%q: incorrect point %q, want %q", c.answer, got, c.want)
		}
	}
}

// A thing named again as another's owner ("브로커의 메타 정보를") is not
// the subject carried from the sentence before: the broker's line, said
// right, is no swap for the ZooKeeper words that follow (fresh22's strong
// answer had scored 16).
func TestCarriedSubjectNamedAsOwner(t *testing.T) {
	const q = "리뷰 감성분석 파이프라인에 Kafka를 넣으셨던데, Producer, Consumer, Broker가 각각 뭘 하는지, 그리고 주키퍼는 왜 따로 띄워야 하는지 설명해 주세요."
	checkIncorrect(t, []incorrectCase{
		{"named as owner", q, "브로커는 그 둘 사이에서 메시지를 중계하는 역할이고요. 브로커의 메타 정보를 저장하고 관리해 줄 게 필요해서 주키퍼를 둡니다.", ""},
		{"carried, swapped", q, "브로커는 그 둘 사이에서 메시지를 중계하는 역할이고요. 그리고 분산 시스템의 메타 정보를 관리하면서 필요하면 마스터도 선출합니다.", "ZooKeeper"},
	})
}
