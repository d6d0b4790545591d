package grader

import (
	"strings"
	"testing"
)

// A restated line of the notes with another of the notes' names put in it
// is incorrect; the same line with the notes' name, a short form of it, or a
// clause that only shares a word or two is not.
func TestSubstitutedNames(t *testing.T) {
	cases := []struct {
		name, question, answer string
		point                  string // fragment of the incorrect point or of the notes' line its reason quotes; "" = none may be
	}{
		{"another product in the notes' line", "Express는 어떤 프레임워크인가요?",
			"Express는 JEUS의 HTTP와 Connection 컴포넌트를 기반으로 만든 웹 프레임워크입니다.", "Express는 nodejs"},
		{"a line that runs on to the next", "Jenkins 빌드 로그는 ELK에서 어떻게 흘러가나요?",
			"Jenkins 빌드 이벤트 로그는 Kibana가 받아서 Elasticsearch 데이터 노드로 전송합니다.", "Logstash"},
		{"two names swapped within one sentence", "ELK에서 로그는 어떻게 처리하셨어요?",
			"빌드 이벤트 로그는 Kibana가 받아서 Elasticsearch 데이터 노드로 전송하고, 시각화는 Logstash 대시보드로 했습니다.", "Logstash"},
		{"a subject carried into the next clause", "kubectl 명령은 어디로 가나요?",
			"kube-apiserver가 요청을 받아서 etcd나 스케줄러, 노드의 kubelet 같은 적절한 컴포넌트로 요청을 전달합니다.", ""},
		{"the same names with their roles exchanged", "Kafka를 쓸 때 ZooKeeper는 왜 같이 필요한가요?",
			"브로커들이 ZooKeeper의 메타 정보를 저장하고 관리해 주는 구조입니다.", "주키퍼"},
		{"the same names in their roles", "Kafka를 쓸 때 ZooKeeper는 왜 같이 필요한가요?",
			"ZooKeeper가 브로커의 메타 정보를 저장하고 관리해 줍니다.", ""},
		// "S3에 같이 저장": together, not "like S3"; 별도로 is the notes'
		// own word, no denial
		{"another service put in the notes' line, together with the first", "메가마트는 AWS 서비스를 어디에 쓰고 있나요?",
			"정적 파일은 S3에 저장하고요, 별도로 설치한 Tomcat의 세션 정보도 S3에 같이 저장합니다.", "DynamoDB"},
		{"the notes' services in their lines", "메가마트는 AWS 서비스를 어디에 쓰고 있나요?",
			"정적 파일은 S3에 저장하고요, 별도로 설치한 Tomcat의 세션 정보는 DynamoDB에 저장합니다.", ""},
		{"the notes' name, written another way", "Express는 어떤 프레임워크인가요?",
			"Express는 Node.js의 HTTP와 Connection 컴포넌트를 기반으로 하는 웹 프레임워크입니다.", ""},
		{"a clause sharing two words says other things", "감성분석 파이프라인은 어떻게 구성했나요?",
			"크롤링한 댓글을 Kafka에 넣고 전처리한 뒤 Opensearch와 Kibana로 시각화했습니다.", ""},
		// "A가 아니라 B": only A is denied
		{"not A but B", "도커는 가상머신과 어떻게 다른가요?",
			"도커는 OS 전체가 아니라 프로세스를 격리하는 방식이라 가상머신보다 가볍습니다.", ""},
		// a line of names alone, one replaced; a step ends at "-한 다음"
		{"a line of names with one replaced", "Jenkins 파이프라인에서 이미지는 어떻게 배포까지 갔나요?",
			"Dockerfile로 이미지를 만들고, 그 이미지를 Terraform으로 Dockerhub에 push한 다음 Ansible로 EKS에 Pod를 배포했습니다.", "Ansible로 Dockerhub"},
		{"the same line of names as the notes", "Jenkins 파이프라인에서 이미지는 어떻게 배포까지 갔나요?",
			"Dockerfile로 이미지를 만들고, Ansible로 Dockerhub에 push한 다음 Ansible로 EKS에 Pod를 배포했습니다.", ""},
		{"a piece of a list of names is no line", "대규모 사용자 서비스 아키텍처 프로젝트에서 프라이빗 영역엔 뭘 두셨나요?",
			"AMI로 띄운 EC2랑 EBS, RDS는 프라이빗 쪽에 두었습니다.", ""},
		// a sentence with no subject of its own speaks of the last one named
		{"a line said of the thing named a sentence before", "새로 만든 파드를 어느 노드에 배치할지는 어떤 컴포넌트가 결정하나요?",
			"그건 컨트롤 플레인에 있는 kube-controller-manager가 하는 일입니다. 새로 생성된 파드를 감지해서 어떤 노드에 배치할지를 결정하는 역할이라, 파드가 노드를 못 받고 있으면 컨트롤러 매니저 쪽 판단부터 봐야 해요.", "kube-scheduler"},
		{"the same when the question names the thing", "파드 스케줄링은 어떤 컴포넌트가 맡나요?",
			"그건 컨트롤 플레인에 있는 kube-controller-manager가 하는 일입니다. 새로 생성된 파드를 감지해서 어떤 노드에 배치할지를 결정하는 역할이라, 파드가 노드를 못 받고 있으면 컨트롤러 매니저 쪽 판단부터 봐야 해요.", "kube-scheduler"},
		{"the same, of the right thing", "새로 만든 파드를 어느 노드에 배치할지는 어떤 컴포넌트가 결정하나요?",
			"그건 컨트롤 플레인에 있는 kube-scheduler가 하는 일입니다. 새로 생성된 파드를 감지해서 어떤 노드에 배치할지를 결정하는 역할이라, 파드가 노드를 못 받고 있으면 스케줄러 쪽 판단부터 봐야 해요.", ""},
		{"the same, naming no thing", "새로 만든 파드를 어느 노드에 배치할지는 어떤 컴포넌트가 결정하나요?",
			"컨트롤 플레인에서 새로 생성된 파드를 감지해서 어떤 노드에 배치할지를 결정합니다.", ""},
		// the sentence goes on with the thing's own line, though it shares
		// words with the line of the thing graded (fresh32, a false alarm)
		{"a line said of the thing named before, its own", "kubelet은 노드에서 어떤 일을 맡나요?",
			"파드를 어느 노드에 둘지는 kube-scheduler가 정합니다. 새로 생성된 파드를 감지해서 어떤 노드에 배치할지 결정하는 역할입니다.", ""},
		{"a line said of the thing named before, another's", "kubelet은 노드에서 어떤 일을 맡나요?",
			"노드마다 kube-proxy가 떠 있습니다. 각 노드에서 파드를 생성하고 정상적으로 동작하는지 관리하는 역할입니다.", "kubelet"},
		// the words of an entity's name are not what a clause says of it
		{"an entity's name is not content", "kube-controller-manager는 무슨 일을 하나요?",
			"kube-controller-manager가 복제 수를 확인하고 다시 맞춰 줍니다.", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			expectIncorrect(t, judgeOnSeeds(t, c.question, c.answer), c.point, func(p Point) {
				if !strings.Contains(p.Reason, "대신") && !strings.Contains(p.Reason, "뒤바꿨") && !strings.Contains(p.Reason, "에 대한 것인데") {
					t.Errorf("reason %q does not say what replaced what", p.Reason)
				}
			})
		})
	}
}

// A sentence that names one thing and goes on, clause by clause, to say what
// the notes file under another thing's heading gives that thing's line away,
// though the line never writes the name it is said of (the name is the
// heading's). The same clauses said of the right thing, or words the
// sentence's own thing shares ("Allow 규칙만 있고, 나머지는 Deny"), are no
// swap.
func TestOwnSubjectRestatesAnothersLine(t *testing.T) {
	const sched = "파드가 계속 Pending이면 컨트롤 플레인에서 무엇을 보시겠어요? 복제 수를 맞춰 주는 컴포넌트와는 뭐가 다른가요?"
	const storage = "웹 서버 여러 대가 업로드 파일을 같이 써야 하는데, 어떤 스토리지를 쓰시겠어요?"
	checkIncorrect(t, []incorrectCase{
		{"the controller manager's checks given to the scheduler", sched,
			"kube-scheduler 쪽을 먼저 봅니다. kube-scheduler는 관리자 같은 역할이라, 다운된 노드가 있는지, 파드가 의도한 복제 숫자를 지키는지, 서비스와 파드가 잘 연결됐는지 점검하고 필요하면 조치합니다.",
			"kube-controller-manager"},
		{"EFS's replication across zones given to EBS", storage,
			"공유는 EFS로 하겠습니다. EBS는 EC2에 기본으로 붙는 볼륨이지만, 여러 AZ에 걸쳐 복제되기 때문에 가용성이 높습니다.",
			"EFS"},
		{"the same clauses of the controller manager", sched,
			"kube-scheduler가 배치할 노드를 정하니까 거기부터 봅니다. kube-controller-manager는 노드가 다운되지 않았는지, 파드가 의도한 복제 숫자대로 유지되는지 확인하다가 어긋나면 조치합니다.",
			""},
		{"the security group's own rule in words ACL's line shares",
			"EC2 한 대에만 포트를 열려면 보안 그룹과 ACL 중 무엇을 쓰시고, 그 규칙은 어떻게 되나요?",
			"보안 그룹을 씁니다. Security Group은 Allow 규칙만 두고 거기 없는 나머지는 모두 Deny로 막습니다.",
			""},
	})
}
