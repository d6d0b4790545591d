package grader

import (
	"slices"
	"strings"
	"testing"

	"grader/internal/testdb"
	"grader/notes"
	"grader/token"
)

func TestGenerateQuestions(t *testing.T) {
	secs := []notes.Heading{
		{Note: "a.md", HeadingPath: []string{"AWS 네트워크", "VPC", "NAT 게이트웨이"}, Text: "프라이빗 서브넷의 인스턴스가 인터넷으로 나가게 해 준다."},
		{Note: "a.md", HeadingPath: []string{"AWS 네트워크", "VPC", "서브넷"}, Text: "서브넷은 VPC의 IP 범위를 나눈 것이다."},
		{Note: "a.md", HeadingPath: []string{"AWS", "ALB NLB"}, Text: "- ALB\n    L7에서 동작한다.\n- NLB\n    L4에서 동작한다."},
		{Note: "a.md", HeadingPath: []string{"Agile", "장점"}, Text: "요구사항 변화에 빠르게 대응할 수 있다."},
		{Note: "a.md", HeadingPath: []string{"AWS", "회사", "메가마트"}, Text: "유통 회사다."},
		{Note: "a.md", HeadingPath: []string{"AWS", "프로젝트 기반 질문", "리눅스 인프라 구축을 통한 Wordpress 서비스 구축"}, Text: "WEB, DB, DNS 서버를 나눠 구축했다."},
		{Note: "a.md", HeadingPath: []string{"HPC 하이 퍼포먼스 컴퓨팅"}, Text: "여러 서버의 프로세스를 활용한다."},
		{Note: "b.md", HeadingPath: []string{"Networking basics", "TCP and UDP"}, Text: "TCP is connection-oriented."},
		{Note: "b.md", HeadingPath: []string{"Networking basics", "DNS"}, Text: "DNS turns a domain name into an IP address."},
		{Note: "c.md", HeadingPath: []string{"정규화에 대해서", "정규화란 무엇인가?"}, Text: "중복을 줄이기 위해 릴레이션을 분해한다."},
		{Note: "c.md", HeadingPath: []string{"정규화에 대해서", "정규화란 무엇인가?"}, Text: "같은 절의 두 번째 청크"},
		{Note: "d.md", HeadingPath: nil, Text: "heading 없는 본문"},
	}
	got := GenerateQuestions(secs)
	var texts []string
	for _, q := range got {
		texts = append(texts, q.Question)
	}
	want := []string{
		"VPC에는 어떤 것들이 있고, 각각 어떤 역할을 하나요?",
		"NAT 게이트웨이는 무엇이고, 왜 필요한가요?",
		"서브넷은 무엇이고, 왜 필요한가요?",
		// the heading names its two children: a comparison
		"ALB와 NLB는 어떻게 다르고, 각각 언제 쓰나요?",
		"ALB는 무엇이고, 왜 필요한가요?",
		"NLB는 무엇이고, 왜 필요한가요?",
		// a facet is asked of its parent; a company name asks nothing
		"Agile을 도입하면 어떤 점이 좋은가요?",
		"'리눅스 인프라 구축을 통한 Wordpress 서비스 구축' 프로젝트에서 무엇을 어떻게 구성하셨는지 설명해 주시겠어요?",
		// a Latin name with a Korean gloss after it is asked by its name
		"HPC는 무엇이고, 왜 필요한가요?",
		"What makes up Networking basics, and what does each part do?",
		"How do TCP and UDP differ, and when would you use each?",
		"What is DNS, and why is it needed?",
		"정규화란 무엇인가?",
	}
	if !slices.Equal(texts, want) {
		t.Fatalf("questions =\n%q\nwant\n%q", texts, want)
	}
	if got[1].Topic != "AWS 네트워크 > VPC" || got[1].Note != "a.md" {
		t.Errorf("NAT question filed as %q in %q", got[1].Topic, got[1].Note)
	}
}

// A facet heading is asked of the topic above it, in words that fit the facet.
func TestFacetQuestions(t *testing.T) {
	tests := []struct {
		topic, facet, want string
	}{
		{"etcd", "역할", "etcd는 어떤 역할을 하나요?"},
		{"쿠버네티스", "구성", "쿠버네티스는 어떻게 구성되어 있나요?"},
		{"GitOps", "ex", "GitOps를 쓰는 예를 들어 주시겠어요?"},
		{"Terraform", "목적", "Terraform을 쓰는 목적은 무엇인가요?"},
		{"MSA", "애플리케이션 관점", "MSA를 애플리케이션 관점에서 보면 무엇이 필요한가요?"},
		{"DNS", "레코드 유형", "DNS의 레코드 유형에 대해 설명해 주세요."},
		{"VPC", "정리", ""},
	}
	for _, tt := range tests {
		if got := facetQuestion(tt.topic, tt.facet, true); got != tt.want {
			t.Errorf("facetQuestion(%q, %q) = %q, want %q", tt.topic, tt.facet, got, tt.want)
		}
	}
}

// Over the seed and sample notes: every Korean question's particles agree
// with the names before them, nothing is asked of a label, a company name or
// a heading split into two "things", and each comparison the notes make is asked.
func TestGenerateQuestionsOnSeedNotes(t *testing.T) {
	var secs []notes.Heading
	for _, p := range seedChunks(t) {
		secs = append(secs, notes.Heading{Note: p.Note, HeadingPath: p.HeadingPath, Text: p.Text})
	}
	for _, p := range sampleChunks(t) {
		secs = append(secs, notes.Heading{Note: p.Note, HeadingPath: p.HeadingPath, Text: p.Text})
	}
	qs := GenerateQuestions(secs)
	if len(qs) < 50 {
		t.Fatalf("%d questions from the seed and sample notes", len(qs))
	}
	all := map[string]bool{}
	for _, q := range qs {
		all[q.Question] = true
		if errs := particleErrors(q.Question); len(errs) > 0 {
			t.Errorf("particles disagree in %q: %v", q.Question, errs)
		}
		for _, bad := range []string{"메가마트", "Security와", "container와", "Shell과", "특징은 무엇이고", "장점은 무엇이고", "ex", "회사에서", "프로젝트 기반 질문에서"} {
			if strings.Contains(q.Question, bad) {
				t.Errorf("a question of what is not a topic: %q", q.Question)
			}
		}
	}
	for _, want := range []string{"DNS의 정방향 조회는 무엇이고, 왜 필요한가요?", "ALB와 NLB는 어떻게 다르고, 각각 언제 쓰나요?", "EBS, EFS, S3는 각각 어떤 경우에 쓰나요?", "NAT 게이트웨이는 무엇이고, 왜 필요한가요?", "Agile의 단점이나 도입할 때 어려운 점은 무엇인가요?", "Terraform은 무엇이고, 왜 필요한가요?"} {
		if !all[want] {
			t.Errorf("no %q among the bank's questions", want)
		}
	}
}

func TestQuestionBankRefreshAndList(t *testing.T) {
	ctx := t.Context()
	ix, coll := ingestedIndex(t, "bank", "../samples/notes")
	bank := NewQuestions(testdb.Open(t), ix)
	n, err := bank.Refresh(ctx, coll)
	if err != nil || n < 10 {
		t.Fatalf("Refresh = %d, %v; want at least 10 questions from the sample notes", n, err)
	}
	// Refreshing again keeps the same bank (ids stable, no duplicates).
	first, _ := bank.List(ctx, coll, "")
	if _, err := bank.Refresh(ctx, coll); err != nil {
		t.Fatal(err)
	}
	second, _ := bank.List(ctx, coll, "")
	if len(first) != n || len(second) != n || first[0].ID != second[0].ID {
		t.Fatalf("refresh changed the bank: %d then %d questions", len(first), len(second))
	}
	topic := first[0].Topic
	only, err := bank.List(ctx, coll, topic)
	if err != nil || len(only) == 0 || len(only) >= n {
		t.Fatalf("List(topic %q) = %d questions, %v", topic, len(only), err)
	}
	for _, q := range only {
		if q.Topic != topic {
			t.Errorf("List(topic %q) returned %q", topic, q.Topic)
		}
	}
	if other, _ := bank.List(ctx, testdb.Collection(t, "none"), ""); len(other) != 0 {
		t.Errorf("another collection sees %d questions", len(other))
	}
}

func TestSlashPair(t *testing.T) {
	cases := []struct {
		name string
		want []string
	}{
		{"WEB/WAS", []string{"WEB", "WAS"}},
		{"CI/CD", []string{"CI", "CD"}},
		{"Master/Slave", []string{"Master", "Slave"}},
		{"보안/운영", []string{"보안", "운영"}},
		{"I/O", nil},        // a letter a side: one term
		{"TCP/IP/UDP", nil}, // three: a list, not a pair
		{"AWS 서비스/운영", nil}, // a phrase on one side
		{"NAT 게이트웨이", nil},
	}
	for _, c := range cases {
		if got := slashPair(c.name); !slices.Equal(got, c.want) {
			t.Errorf("slashPair(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestKoreanNoun(t *testing.T) {
	g := token.DefaultGlossary()
	cases := map[string]string{
		"k8s Component":    "k8s 컴포넌트",
		"k8s":              "k8s",
		"AWS EKS":          "AWS EKS", // acronyms are names
		"Jenkins Pipeline": "Jenkins 파이프라인",
		"Acme Widget":      "Acme Widget", // a word the glossary does not know
	}
	for in, want := range cases {
		if got := koreanNoun(in, g); got != want {
			t.Errorf("koreanNoun(%q) = %q, want %q", in, got, want)
		}
	}
}
