package grader

import (
	"slices"
	"testing"

	"grader/internal/testdb"
	"grader/notes"
)

func TestGenerateQuestions(t *testing.T) {
	secs := []notes.Heading{
		{Note: "a.md", HeadingPath: []string{"AWS 네트워크", "VPC", "NAT 게이트웨이"}, Text: "프라이빗 서브넷의 인스턴스가 인터넷으로 나가게 해 준다."},
		{Note: "a.md", HeadingPath: []string{"AWS 네트워크", "VPC", "서브넷"}, Text: "서브넷은 VPC의 IP 범위를 나눈 것이다."},
		{Note: "a.md", HeadingPath: []string{"AWS", "ALB NLB"}, Text: "ALB는 L7, NLB는 L4에서 동작한다."},
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
		"VPC에서 NAT 게이트웨이는 무엇이고 왜 필요한가요?",
		"VPC에서 서브넷은 무엇이고 왜 필요한가요?",
		"ALB와 NLB의 차이를 설명해 주세요.",
		"Compare TCP and UDP.",
		"In Networking basics, what is DNS and why does it matter?",
		"정규화란 무엇인가?",
	}
	if !slices.Equal(texts, want) {
		t.Fatalf("questions =\n%q\nwant\n%q", texts, want)
	}
	if got[0].Topic != "AWS 네트워크 > VPC" || got[0].Note != "a.md" {
		t.Errorf("first question filed as %q in %q", got[0].Topic, got[0].Note)
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
