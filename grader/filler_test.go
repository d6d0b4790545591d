package grader

import (
	"context"
	"slices"
	"strings"
	"testing"

	"grader/token"
)

// sayWithFillers says an answer the way a candidate thinking aloud does:
// a filler before each sentence and a pause after its first comma.
func sayWithFillers(a string) string {
	fill := []string{"음, ", "어... ", "그러니까 ", "뭐랄까, ", "어, 그러니까 "}
	var out []string
	for i, s := range splitSentences(a) {
		if j := strings.Index(s, ", "); j > 0 {
			s = s[:j] + ", 음," + s[j+1:]
		}
		out = append(out, fill[i%len(fill)]+s)
	}
	return strings.Join(out, " ")
}

// Filler words change nothing (issue 8): every answer of a development set,
// said with fillers, gets the same score and the same status on every
// point. Before fillers were read as nothing, "음, …하고, 음, 그다음에"
// stood for a step of its own and "어, 그러니까" ended a clause, and 11 of
// the read sets' wrong answers lost their catch (kube-proxy's "파드 IP는,
// 음, 한 번 할당되면 … 유지돼서" among them).
func TestFillersChangeNothing(t *testing.T) {
	items, _ := readDevSet(t, "fresh23.jsonl")
	svc, coll := seedService(t, "fillers")
	ctx := context.Background()
	for _, it := range items {
		for _, a := range []string{it.Strong, it.Thin, it.Wrong} {
			plain, err := svc.Check(ctx, Request{Collection: coll, Question: it.Question, Answer: a})
			if err != nil {
				t.Fatal(err)
			}
			spoken := sayWithFillers(a)
			said, err := svc.Check(ctx, Request{Collection: coll, Question: it.Question, Answer: spoken})
			if err != nil {
				t.Fatal(err)
			}
			if said.Score != plain.Score || !slices.Equal(statuses(said), statuses(plain)) {
				t.Errorf("%s: %q scored %d %v; with fillers %q scored %d %v", it.ID, a, plain.Score, statuses(plain), spoken, said.Score, statuses(said))
			}
		}
	}
}

func statuses(g Grade) []Status {
	out := make([]Status, len(g.Points))
	for i, p := range g.Points {
		out[i] = p.Status
	}
	return out
}

// A spoken answer's fillers hide no wrong fact and make no right one wrong.
func TestFillersHideNoWrongFact(t *testing.T) {
	seedCasesIncorrect(t, "fillwrong", "파드가 재시작될 때마다 IP가 바뀐다면, 다른 서비스들은 이 파드를 어떻게 계속 찾아가나요?", []answerCase{
		{"filler opening", "음, 쿠버네티스에서 파드 IP는 한 번 할당되면 재시작해도 그대로 유지돼서, 다른 서비스는 그 IP로 계속 찾아가면 됩니다.", "IP"},
		{"hedge opening", "사실 쿠버네티스에서 파드 IP는 한 번 할당되면 재시작해도 그대로 유지돼서, 다른 서비스는 그 IP로 계속 찾아가면 됩니다.", "IP"},
		{"pause after the topic", "어, 그러니까 쿠버네티스에서 파드 IP는, 음, 한 번 할당되면 재시작해도 그대로 유지돼서, 다른 서비스는 그 IP로 계속 찾아가면 됩니다.", "IP"},
	})
	seedCasesIncorrect(t, "fillright", "ALB와 NLB는 각각 어느 계층에서 동작하고, 어떤 트래픽에 쓰나요?", []answerCase{
		// "안 걸고" denies its own verb only: 백엔드 규칙을 따른다 is said as the notes say it
		{"denied verb, then a claim", "NLB는 음… L4니까 그냥 TCP, UDP 요청을 받아서 분산하는 거고, 그러니까 보안 그룹은 좀… 따로 안 걸고 백엔드 쪽 규칙을 따르는 걸로, 네, 기억하고 있어요.", ""},
	})
}

// A correct spoken answer full of fillers scores as the same answer said
// plainly: fresh28's filler probe (Lambda's merits in spoken endings,
// 돌아가거든요, 절감되고요) scored 36 and had "그만큼 비용이 절감되고요" listed as
// not backed by the notes.
func TestSpokenAnswerScoresAsWritten(t *testing.T) {
	svc, coll := seedService(t, "spoken")
	q := "서버리스 함수 서비스를 쓰면 비용이나 확장 측면에서 뭐가 좋은가요?"
	spoken := "음... 어, 그러니까 Lambda는 약간, 요청이 들어올 때만 돌아가거든요. 그래서 음, 그만큼 비용이 절감되고요. 어... 뭐랄까, 트래픽 양에 맞춰서 서비스가 조절되니까, 그러니까 확장성이랑 탄력성도 좋다, 약간 그런 느낌입니다."
	written := "Lambda는 요청이 있을 때만 작동해서 비용이 절감됩니다. 트래픽 양에 맞춰서 서비스가 조절되니까 확장성과 탄력성이 좋습니다."
	gs, err := svc.Check(context.Background(), Request{Collection: coll, Question: q, Answer: spoken})
	if err != nil {
		t.Fatal(err)
	}
	gw, err := svc.Check(context.Background(), Request{Collection: coll, Question: q, Answer: written})
	if err != nil {
		t.Fatal(err)
	}
	if gs.Score < 70 || gs.Score < gw.Score-10 {
		t.Errorf("the spoken answer scored %d (%s)%s; written, %d", gs.Score, gs.Verdict, pointsSummary(gs), gw.Score)
	}
	if len(gs.Unsupported) > 0 {
		t.Errorf("the spoken answer's sentences %q are listed as not in the notes", gs.Unsupported)
	}
}

func TestClausesPauseAfterATopicAndEndAtADeniedVerb(t *testing.T) {
	g := token.DefaultGlossary()
	cases := []struct {
		text string
		want []string // each clause's first word
	}{
		{"파드 IP는, 한 번 할당되면 재시작해도 그대로 유지돼서", []string{"pod", "재시작해도"}},
		{"보안 그룹은 따로 안 걸고 백엔드 쪽 규칙을 따릅니다", []string{"securitygroup", "backend"}},
		{"서브넷을 만들고, 라우팅을 설정합니다", []string{"subnet", "routing"}},
	}
	for _, c := range cases {
		var got []string
		for _, cl := range clausesOf(analyze(c.text, g)) {
			got = append(got, cl.terms[0].text)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("clausesOf(%q) open with %q, want %q", c.text, got, c.want)
		}
	}
}

// A follow-up quotes what the candidate said, not the fillers said while
// thinking: "방금 \"Consumer는 … 처리합니다\"라고 하셨는데", not "어, 그러니까
// Consumer는 …, 음, …".
func TestFollowupsQuoteNoFiller(t *testing.T) {
	svc, coll := seedService(t, "fillquote")
	g, err := svc.Check(context.Background(), Request{Collection: coll, Question: "Kafka에서 Consumer는 무슨 일을 하나요?",
		Answer: "음... 어, 그러니까 Consumer는 Broker의 특정 Topic에서, 음, 메시지를 가져와서 처리합니다."})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Followups) == 0 {
		t.Fatal("no follow-up")
	}
	for _, f := range g.Followups {
		for _, w := range []string{"음,", "어,", "그러니까", "음..."} {
			if strings.Contains(f, w) {
				t.Errorf("follow-up %q quotes the filler %q", f, w)
			}
		}
	}
}
