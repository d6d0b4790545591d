package grader

import (
	"grader/notes"
	"strings"
	"testing"

	"grader/token"
)

// A thing the notes say matters, waved away in a phrase of its own, is
// marked incorrect; the same thing said to matter, and a need the notes do
// not state waved away, are not.
func TestDismissedNeeds(t *testing.T) {
	checkIncorrect(t, []incorrectCase{
		{"cloud said unrelated", "디지털 트랜스포메이션에서 클라우드는 어떤 의미가 있나요?",
			"디지털 트랜스포메이션은 사내 시스템을 새로 만드는 일이라 클라우드와는 크게 관련이 없습니다.", "클라우드"},
		{"cloud said important", "디지털 트랜스포메이션에서 클라우드는 어떤 의미가 있나요?",
			"디지털 트랜스포메이션에서는 클라우드가 아주 중요한 역할을 합니다.", ""},
		{"done without what MSA needs", "MSA로 가려면 인프라 쪽은 어떻게 준비해야 할까요?",
			"클라우드나 DevOps가 없어도 온프레미스에서 충분히 운영할 수 있습니다.", "클라우드"},
		{"said not needed", "MSA로 가려면 인프라 쪽은 어떻게 준비해야 할까요?",
			"클라우드나 데브옵스는 있으면 편하지만 꼭 필요한 건 아니라서 온프레미스로도 됩니다.", "클라우드"},
		{"needed as the notes say", "MSA로 가려면 인프라 쪽은 어떻게 준비해야 할까요?",
			"MSA를 하려면 클라우드와 데브옵스가 뒷받침되어야 합니다.", ""},
		{"the limit said not to matter", "애자일을 대규모 프로젝트에 적용해도 괜찮을까요?",
			"애자일은 프로젝트 규모랑은 상관없이 어디든 잘 맞습니다.", "대규모"},
		{"the limit granted", "애자일을 대규모 프로젝트에 적용해도 괜찮을까요?",
			"애자일은 대규모 프로젝트에는 제한이 있어서 조심해서 적용해야 합니다.", ""},
		{"the limit said to be no concern", "애자일을 대규모 프로젝트에 적용해도 괜찮을까요?",
			"애자일은 팀이 커져도 잘 굴러가니까 프로젝트 규모는 걱정 안 하셔도 됩니다.", "대규모"},
		{"the limit said to be the concern", "애자일을 대규모 프로젝트에 적용해도 괜찮을까요?",
			"프로젝트 규모가 크면 애자일에는 제한이 있어서 그 부분이 걱정됩니다.", ""},
		// an act not needed ("켜 둘 필요 없이"), not a thing the notes need
		{"an act done without", "하루에 몇 번 안 불리는 API를 Lambda로 옮기면 뭐가 좋아지나요?",
			"요청이 있을 때만 동작하니까 서버를 하루 종일 켜 둘 필요 없이 비용을 크게 줄일 수 있습니다.", ""},
	})
}

// The phrases that wave a thing away, and what they wave away.
func TestDismissed(t *testing.T) {
	g := token.DefaultGlossary()
	cases := []struct{ answer, want string }{
		{"클라우드와는 크게 관련이 없습니다", "cloud"},
		{"애자일은 프로젝트 규모랑은 상관없습니다", "규모 프로젝트"},
		{"클라우드나 DevOps가 없어도 충분히 운영할 수 있습니다", "devop cloud"},
		{"클라우드 없이도 충분합니다", "cloud"},
		{"클라우드나 데브옵스는 꼭 필요한 건 아니라서", "devop cloud"},
		{"파이썬은 필수가 아닙니다", "파이썬"},
		{"클라우드가 없으면 운영이 어렵습니다", ""},    // a condition
		{"켜 둘 필요 없이 비용을 줄입니다", ""},     // an act
		{"클라우드 없이 운영하면 느립니다", ""},      // without, not said to be enough
		{"클라우드와 데브옵스가 뒷받침되어야 합니다", ""}, // needed
		{"불필요한 데이터를 최소화합니다", ""},       // describes the data
		{"메모리에 저장해서 디스크 스캐닝이 필요없어 빠릅니다", "스캐닝 디스크"},
		{"애자일은 규모가 클수록 좋아서 프로젝트 크기 자체는 걱정하지 않습니다", "자체 much 프로젝트"},
		{"트래픽이 늘어도 비용은 신경 쓰지 않아도 됩니다", "cost"},
		{"장애는 걱정 안 하셔도 됩니다", "장애"},
		{"걱정되는 건 외부 규칙이 많다는 점입니다", ""}, // a worry, not none
		{"비용이 걱정되지만 감수합니다", ""},
	}
	for _, c := range cases {
		var got []string
		for _, things := range dismissed(clausesOf(analyze(c.answer, g))) {
			for _, k := range things {
				got = append(got, k.key)
			}
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%s: dismissed %q, want %q", c.answer, strings.Join(got, " "), c.want)
		}
	}
}

// The steps of a pipeline written one per line, each opening with its
// tool's name, bind each step to its tool: a tool given another's step is
// a swap, and the same steps in their places are not. Graded as the
// service grades.
func TestPipelineStepsBindTheirTools(t *testing.T) {
	svc, coll := seedService(t, "pipeline")
	q := "Jenkins 빌드 로그를 ELK로 모니터링하셨다고 했는데, 빌드할 때 나오는 이벤트 로그가 어떤 경로로 대시보드까지 가나요? 애초에 그 파이프라인은 왜 만드신 거고요?"
	// asked with fewer of the line's words (found through make run): 받아서
	// is the notes' 받아
	q2 := "빌드 로그를 ELK로 모니터링하셨다고 했는데, 로그가 대시보드까지 어떻게 흘러가요?"
	cases := []struct{ question, answer, want string }{
		{q, "서버에 sync하는 게 번거로워서 파이프라인을 만든 거고요. 로그는 Jenkins 빌드 이벤트를 Elasticsearch가 먼저 받아서 가공한 다음 Logstash 데이터 노드로 넘기고, 그걸 Kibana에서 시각화했습니다.", "Elasticsearch"},
		{q, "서버에 sync하는 게 번거로워서 파이프라인을 만들었습니다. 모니터링은 Jenkins 빌드 중에 생기는 이벤트 로그를 Logstash가 받아서 Elasticsearch 데이터 노드로 보내고, Kibana로 시각화하는 흐름이에요.", ""},
		{q2, "빌드 이벤트 로그를 Elasticsearch가 먼저 받아서 Logstash로 넘기고, 그걸 Kibana로 시각화했습니다.", "Logstash"},
		{q2, "Jenkins에서 빌드할 때 나오는 이벤트 로그를 Logstash가 받아서 Elasticsearch 데이터 노드로 보내고, 그걸 Kibana로 시각화해서 봤습니다.", ""},
	}
	for _, c := range cases {
		gr, err := svc.Check(t.Context(), Request{Collection: coll, Question: c.question, Answer: c.answer})
		if err != nil {
			t.Fatal(err)
		}
		t.Run(c.answer, func(t *testing.T) { expectIncorrect(t, gr, c.want, nil) })
	}
}

func TestLeadingTool(t *testing.T) {
	passage := "- CI/CD 파이프라인 구축\n- Dockerfile 로 도커 이미지 생성\n- Ansible로 Dockerhub Push\n- ELK 모니터링\n- Logstash에서 Jenkins에서 빌드 진행 시 발생하는 이벤트 로그를 받아\n- Elasticsearch 데이터 노드에 전송하고\n- Kibana로 시각화\n"
	flow := "- Crawling Pod → Kafka Broker 적재\n- Kafka Broker - 메시지 중계\n- Logstash - Kafka에 저장된 데이터 수집 (Consumer)\n- Jupyter Notebook(맞춤법, 토큰화)\n"
	cases := []struct{ text, passage, want string }{
		{"Logstash에서 Jenkins에서 빌드 진행 시 발생하는 이벤트 로그를 받아", passage, "Logstash"},
		{"Kibana로 시각화", passage, "Kibana"},
		{"ELK 모니터링", passage, ""}, // an acronym names the three
		{"CI/CD 파이프라인 구축", passage, ""},
		{"Logstash - Kafka에 저장된 데이터 수집 (Consumer)", flow, ""},                                                                   // how two steps meet
		{"Kibana로 시각화", "- Kibana로 시각화\n- 그 밖의 설정\n", ""},                                                                       // no other tools beside it
		{"The bulb is in a closed path", "- The bulb is in a closed path\n- Terminal 1 is connected\n- Switch Z is open\n", ""}, // English
	}
	for _, c := range cases {
		kp := KeyPoint{Text: c.text, Passage: notes.Passage{Text: c.passage}}
		if got := leadingTool(kp); got != c.want {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}

// A line states a thing's part only when the part is not itself denied.
func TestInvolves(t *testing.T) {
	g := token.DefaultGlossary()
	cases := []struct {
		line, thing string
		want        bool
	}{
		{"MSA를 위해서는 클라우드와 데브옵스가 뒷받침 되어야 한다", "클라우드", true},
		{"사전에 구성된 테스트 케이스와 CI/CD를 통해 진행된다", "CI/CD", true},
		{"대규모 프로젝트에는 제한이있다", "규모", true},
		{"Redis는 메모리에 저장해서 디스크 스캐닝이 필요없어 빠르다", "스캐닝", false},
		{"여러 AZ를 거쳐 복제된다", "AZ", false},
	}
	for _, c := range cases {
		things := analyze(c.thing, g).terms
		got := false
		for _, pc := range clausesOf(analyze(c.line, g)) {
			got = got || involves(pc, things)
		}
		if got != c.want {
			t.Errorf("%q of %q: %v, want %v", c.line, c.thing, got, c.want)
		}
	}
}

// Words the notes say another way still cover the point: 넘겨 주다 is
// 전달, 알맞은 is 적절한; and "together instead of treating them as
// separate" says what "통합해 관리" says.
func TestSaidAnotherWay(t *testing.T) {
	cases := []struct{ question, answer, point string }{
		{"kubectl로 명령을 날리면 클러스터 안에서 그걸 제일 먼저 받는 게 뭔가요?",
			"kube-apiserver예요. kubectl 명령이 일단 다 apiserver로 들어가고, 거기서 알맞은 컴포넌트한테 요청을 넘겨 줍니다.", "적절한 컴포넌트로 요청 전달"},
		// 바꾸다 with a goal in 로 is the notes' 변환
		{"사용자가 브라우저에 도메인을 입력했을 때, Route 53 같은 DNS가 중간에서 정확히 무슨 일을 해주는지 설명해 주시겠어요?",
			"사용자가 도메인 이름을 입력하면 DNS가 그 도메인을 실제 IP 주소로 바꿔줍니다. 그렇게 알아낸 목적지 IP로 IP 네트워크 통신을 해서 서버를 찾아가는 거고요.", "도메인을 IP로 변환"},
		{"요즘 GitOps 얘기가 많이 나오는데, 컨테이너 환경에서 이게 어떤 전략인지 설명해 주시겠어요?",
			"GitOps is a strategy for DevOps automation in a container environment. With an orchestrator like Kubernetes it keeps deployments consistent and stable, and it manages infrastructure and application deployment together instead of treating them as separate processes.", "통합해 관리"},
	}
	for _, c := range cases {
		gr := judgeOnSeeds(t, c.question, c.answer)
		found := false
		for _, p := range gr.Points {
			if strings.Contains(p.Text, c.point) {
				found = true
				if p.Status != Covered {
					t.Errorf("%q: point %q is %s, want covered (%s)", c.answer, p.Text, p.Status, p.Reason)
				}
			}
		}
		if !found {
			t.Errorf("%q: no point with %q: %s", c.answer, c.point, pointsSummary(gr))
		}
	}
}

// One of two things joined by 및 left out is an omission, not another name
// put in its place; two tools given each other's work are a swap.
func TestLeftOutIsNotReplaced(t *testing.T) {
	svc, coll := seedService(t, "leftout")
	cases := []struct{ question, answer, want string }{
		{"MSA로 전환하면서 인프라는 기존 온프레미스 방식 그대로 가져가자는 의견이 있어요. 어떻게 보세요?",
			"API 게이트웨이와 독립 배포 체계를 갖추면 됩니다.", ""},
		{"회사 사례 찾아보시면서 메가마트 건도 보셨을 것 같은데요, 거기서는 AWS 서비스를 각각 어디에 쓰고 있는지 기억나세요?",
			"콘텐츠 관리 시스템 코드는 Elastic Transcoder에서 실행하고, 기기별로 재생할 이미지·동영상 변환은 Lambda로 처리합니다.", "Lambda"},
	}
	for _, c := range cases {
		gr, err := svc.Check(t.Context(), Request{Collection: coll, Question: c.question, Answer: c.answer})
		if err != nil {
			t.Fatal(err)
		}
		t.Run(c.answer, func(t *testing.T) { expectIncorrect(t, gr, c.want, nil) })
	}
}

func TestCoordinatedWithSaid(t *testing.T) {
	g := token.DefaultGlossary()
	ts := analyze("독립 테스트 및 배포 체계등이 필요하다", g).terms
	said := analyze("독립 배포 체계를 갖추면 됩니다", g).keySet()
	for j, tm := range ts {
		if tm.key == "테스트" && !coordinatedWithSaid(ts, j, said) {
			t.Errorf("테스트 및 배포: not read as one of two joined")
		}
	}
	ts = analyze("코드를 실행하기 위해 AWS Lambda를 이용", g).terms
	for j := range ts {
		if coordinatedWithSaid(ts, j, said) {
			t.Errorf("%q read as joined to a word said", ts[j].text)
		}
	}
}

func TestTurnedInto(t *testing.T) {
	g := token.DefaultGlossary()
	for _, c := range []struct {
		text string
		want bool // 바꾸다 read as 변환
	}{
		{"도메인을 IP 주소로 바꿔줍니다", true},
		{"사설 IP를 공인 IP로 바꿔서 내보냅니다", true},
		{"조직 문화 자체를 바꿔야 하는데", false},
		{"전체 아키텍처를 바꾸는 건 어렵습니다", false},
	} {
		got := false
		for _, tm := range analyze(c.text, g).terms {
			got = got || tm.key == "변환"
		}
		if got != c.want {
			t.Errorf("%q: 변환 %v, want %v", c.text, got, c.want)
		}
	}
}
