package grader

import (
	"strings"
	"testing"
)

func TestProjectTitle(t *testing.T) {
	for _, c := range []struct {
		path []string
		want string
	}{
		{[]string{"AWS", "프로젝트 기반 질문", "Infrastructure as Code (IaC) 기반 인프라 자동화 구축"}, "Infrastructure as Code (IaC) 기반 인프라 자동화 구축"},
		{[]string{"AWS", "프로젝트 기반 질문", "리눅스 인프라 구축을 통한 Wordpress 서비스 구축", "DNS"}, "리눅스 인프라 구축을 통한 Wordpress 서비스 구축"},
		{[]string{"AWS", "프로젝트 기반 질문"}, ""}, // the list of projects, no project
		{[]string{"AWS", "AWS 서비스", "EBS EFS S3"}, ""},
		{[]string{"Projects", "Kafka pipeline"}, "Kafka pipeline"},
	} {
		if got := projectTitle(c.path); got != c.want {
			t.Errorf("projectTitle(%q) = %q, want %q", c.path, got, c.want)
		}
	}
}

// A concept answered well, which the candidate's notes put in a project of
// theirs, is taken to that project: how they used it there. Not after a
// thin answer, a wrong one, nor of a question about a project already.
func TestFollowupsTakeAConceptToTheCandidatesProject(t *testing.T) {
	const storage = "EC2 여러 대가 같은 파일을 동시에 읽고 써야 한다면 EBS, EFS, S3 중에 뭘 쓰시겠어요? 각각 어떤 경우에 맞는지도 같이 말씀해 주세요."
	cases := []struct {
		name, question, answer string
		want                   string // a follow-up holds this ("" for no project question)
	}{
		{"a strong answer: the thing it chose, in the project that used it", storage,
			"여러 서버가 하나의 파일 시스템을 같이 써야 하니까 EFS를 쓰겠습니다. EFS는 여러 AZ에 걸쳐 복제돼서 가용성도 높습니다. EBS는 EC2에 기본으로 붙는 볼륨이라 보통 인스턴스 하나에 붙여 쓰고, S3는 자주 업데이트되지 않는 파일을 저장할 때 적합합니다.",
			"'Infrastructure as Code (IaC) 기반 인프라 자동화 구축' 프로젝트에서 EFS를 다루셨던데"},
		{"a thin answer stays on what it left out", storage,
			"여러 서버가 같은 파일 시스템을 공유해야 하니까 EFS를 쓰면 됩니다.", ""},
		{"a wrong answer is asked back, not taken further", storage,
			"여러 서버가 하나의 파일 시스템을 같이 써야 하니까 S3를 쓰겠습니다. S3는 여러 AZ에 걸쳐 복제돼서 가용성도 높습니다. EBS는 EC2에 기본으로 붙는 볼륨이라 보통 인스턴스 하나에 붙여 쓰고, EFS는 자주 업데이트되지 않는 파일을 저장할 때 적합합니다.", ""},
		{"a claim set against something may hold the error the judge missed", "같은 도메인인데 /api로 시작하는 요청은 API 서버 그룹으로 보내 달래요. 로드밸런서는 뭘 고르시겠어요?",
			"ALB를 쓰겠습니다. ALB는 HTTP, HTTPS 특성을 주로 다루는 L7 로드밸런서라 HTTP 헤더 정보를 보고 부하를 나눌 수 있어요. 다만 헤더만 보고 URL path는 들여다보지 않기 때문에 뒷단에 리버스 프록시를 따로 둬야 합니다.", ""},
		{"a question about a project is about that project already", "WordPress 프로젝트에서 DNS 서버는 어떤 소프트웨어로 올리셨고, 서버는 어떻게 구성하셨어요?",
			"bind로 구축했습니다. DNS의 모든 기능을 갖춘 소프트웨어라서 골랐고, Master/Slave로 이중화해서 동기화 과정을 통해 zone 파일을 관리했습니다.", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := judgeOnSeeds(t, c.question, c.answer).Followups
			all := strings.Join(fs, "\n")
			if c.want != "" && !strings.Contains(all, c.want) {
				t.Errorf("follow-ups %q lack %q", fs, c.want)
			}
			if c.want == "" && strings.Contains(all, "다루셨던데") {
				t.Errorf("a project question after this answer: %q", fs)
			}
			if errs := particleErrors(all); len(errs) > 0 {
				t.Errorf("particle errors %q in %q", errs, fs)
			}
		})
	}
}
