package grader

import (
	"slices"
	"strings"
	"testing"

	"grader/token"
)

func TestMeasuresOf(t *testing.T) {
	g := token.DefaultGlossary()
	cases := []struct {
		text string
		want []measure
	}{
		{"과정을 7단계로 캡슐화", []measure{{"layer", "7"}}},
		{"OSI 5계층에서", []measure{{"layer", "5"}}},
		{"TCP 23번 포트", []measure{{"port", "23"}}},
		{"2~4주간의 개발 후", []measure{{"duration", "28"}}},
		{"2~3개월 단위로", []measure{{"duration", "90"}}},
		{"ALB는 L7", []measure{{"layer", "7"}}},
	}
	for _, c := range cases {
		got := measuresOf(analyze(c.text, g).terms)
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("measuresOf(%q) = %v, want %v among them", c.text, got, w)
			}
		}
	}
}

// TestChangedNumberIsIncorrect: a restated line with another number is
// wrong; with the notes' number it is right.
func TestChangedNumberIsIncorrect(t *testing.T) {
	g := token.DefaultGlossary()
	j := NewOffline(g, DefaultCalibration())
	r := seedRubric(t, g, "XP의 개발 주기는 어떻게 되나요?", seedDevOps, []string{"Agile", "XP (Extreme Programming)"})
	wrong := mustJudge(t, j, r, "유저 스토리를 바탕으로 2~3개월간 개발한 뒤 릴리스해서 평가합니다.")
	right := mustJudge(t, j, r, "유저 스토리를 바탕으로 2~4주간 개발한 뒤 릴리스해서 평가합니다.")
	if !hasIncorrect(wrong) {
		t.Errorf("2~3개월 against the notes' 2~4주 not marked incorrect:%s", pointsSummary(wrong))
	}
	if hasIncorrect(right) {
		t.Errorf("the notes' own number marked incorrect:%s", pointsSummary(right))
	}
}

// Numbers and closed-class values written other ways: "302 리다이렉션"
// against "ELB(301-redirection)", "일주일에 한 번" against "데일리 미팅".
func TestNumberAndModeVariants(t *testing.T) {
	cases := []struct {
		name, question, answer string
		wrong                  bool
	}{
		{"a status code beside its word", "대규모 사용자 서비스 아키텍처 프로젝트에서 트래픽은 어떻게 받으셨나요?", "ELB에서 302 리다이렉션을 걸어 줬습니다.", true},
		{"the notes' status code", "대규모 사용자 서비스 아키텍처 프로젝트에서 트래픽은 어떻게 받으셨나요?", "ELB에서 301 리다이렉션을 걸어 줬습니다.", false},
		{"weekly is not daily", "Scrum의 미팅은 얼마나 자주 하나요?", "일주일에 한 번 팀 전체가 모이는 미팅을 스크럼이라고 부릅니다.", true},
		{"daily is daily", "Scrum의 미팅은 얼마나 자주 하나요?", "매일 짧게 하는 데일리 미팅을 스크럼이라고 부릅니다.", false},
		{"a count with the generic counter", "OSI 7 계층은 통신을 어떻게 나눈 건가요?", "통신 과정을 5개 계층으로 캡슐화해서 계층마다 다른 동작을 맡게 나눈 겁니다.", true},
		{"the notes' count with the generic counter", "OSI 7 계층은 통신을 어떻게 나눈 건가요?", "통신 과정을 7개 계층으로 캡슐화해서 계층마다 다른 동작을 맡게 나눈 겁니다.", false},
		{"multi-class where the notes say binary", "감성분석 프로젝트의 GRU 모델은 어떤 문제를 풀었나요?", "GRU는 다대일 구조의 LSTM으로 긍정, 부정, 중립을 나누는 다중 분류 문제를 풀었습니다.", true},
		{"binary as the notes say", "감성분석 프로젝트의 GRU 모델은 어떤 문제를 풀었나요?", "GRU는 다대일 구조의 LSTM으로 긍정과 부정을 나누는 이진 분류 문제를 풀었습니다.", false},
		// a count of classes is a mode: three is multi-class, two binary
		{"three classes where the notes say binary", "감성분석 프로젝트의 GRU 모델은 어떤 문제를 풀었나요?", "GRU 모델로 리뷰를 긍정, 중립, 부정 세 가지 클래스로 나눠 분류했습니다.", true},
		{"two classes as the notes say", "감성분석 프로젝트의 GRU 모델은 어떤 문제를 풀었나요?", "GRU 모델로 리뷰를 긍정과 부정 두 가지 클래스로 나눠 분류했습니다.", false},
		// the kinds counted, the classifying a few words on
		{"three kinds sorted where the notes say binary", "감성분석 프로젝트의 GRU 모델은 어떤 문제를 풀었나요?", "GRU로 리뷰를 긍정·부정·중립 세 가지로 가르는 분류 문제를 풀었습니다.", true},
		{"two kinds sorted as the notes say", "감성분석 프로젝트의 GRU 모델은 어떤 문제를 풀었나요?", "GRU로 리뷰를 긍정과 부정 두 가지로 가르는 분류 문제를 풀었습니다.", false},
		// the question asks for the redirect: the number beside its word is
		// all the binding an answer needs
		{"the status code asked for", "대규모 사용자 서비스 프로젝트에서 ELB에 어떤 리다이렉트를 거셨나요?", "ELB에서 302 리다이렉션을 걸었습니다.", true},
		{"the status code asked for, as noted", "대규모 사용자 서비스 프로젝트에서 ELB에 어떤 리다이렉트를 거셨나요?", "ELB에서 301 리다이렉션을 걸었습니다.", false},
		// a span bound to its noun (연혁) needs no other word in common
		{"a company history of another length", "저희 회사에 지원하신 동기가 뭔가요? 회사에 대해 아는 것도 말씀해 주세요.", "10년 남짓한 연혁을 가진 회사로 알고 있고, AWS 컨설팅 파트너로서 구축부터 운영까지 함께 제공한다는 점에 끌렸습니다.", true},
		{"the company history as the notes say", "저희 회사에 지원하신 동기가 뭔가요? 회사에 대해 아는 것도 말씀해 주세요.", "30년 정도 연혁을 가진 회사로 알고 있고, AWS 컨설팅 파트너로서 구축부터 운영까지 함께 제공한다는 점에 끌렸습니다.", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			gr := judgeOnSeeds(t, c.question, c.answer)
			if got := hasIncorrect(gr); got != c.wrong {
				t.Errorf("incorrect = %v, want %v:%s", got, c.wrong, pointsSummary(gr))
			}
		})
	}
	// a span is compared in days and quoted as said
	gr := judgeOnSeeds(t, cases[len(cases)-2].question, cases[len(cases)-2].answer)
	for _, p := range gr.Points {
		if p.Status == Incorrect && (!strings.Contains(strings.ReplaceAll(p.Reason, " ", ""), "10년") || strings.Contains(p.Reason+gr.Summary, "3650")) {
			t.Errorf("the span is not quoted as the answer says it: %q / %q", p.Reason, gr.Summary)
		}
	}
}

// A list's items are counted: seven named stages, not six; the question's
// own count quoted back is no claim.
func TestListCounted(t *testing.T) {
	q := "DevOps 툴체인은 '코딩, 테스트, 배포' 세 단계면 충분하지 않나요? 실제로는 몇 단계로 나누나요?"
	checkIncorrect(t, []incorrectCase{
		{"six stages", q, "툴체인은 보통 여섯 단계로 나눕니다. 말씀하신 세 단계 말고도 계획, 구축, 운영, 모니터링이 있습니다.", "7개"},
		{"seven stages", q, "툴체인은 일곱 단계로 나눕니다. 말씀하신 세 단계 말고도 계획, 구축, 운영, 모니터링이 있습니다.", ""},
		{"the question's count only", q, "말씀하신 세 단계 말고도 계획, 구축, 운영, 모니터링이 더 있습니다.", ""},
	})
}

// An item of a bare list the notes keep under a topic ("Ansible: 플레이북,
// 변수, 템플릿, 조건문, 반복문") denied of that topic is wrong; a limit the
// notes state ("제한이있다", typed without its space) denied is wrong too.
func TestListedItemDenied(t *testing.T) {
	q := "서버마다 설정 값이 다르고 일부 서버에만 패키지를 깔아야 해요. Ansible 플레이북 하나로 처리하려면 어떤 기능을 쓰시겠어요?"
	checkIncorrect(t, []incorrectCase{
		{"a listed item denied", q, "값은 변수와 템플릿으로 처리하겠습니다. 다만 Ansible 플레이북에는 조건문이 없어서 서버별 플레이북을 따로 만들어야 합니다.", "조건문"},
		{"the listed items used", q, "값은 변수와 템플릿으로 처리하고, 일부 서버에만 까는 패키지는 Ansible 조건문으로 나누겠습니다.", ""},
		{"a limit denied", "애자일 방식의 한계는 뭐라고 보세요?", "네, 애자일은 프로젝트 규모에 제한이 없어서 대규모 프로젝트에도 그대로 적용하기 좋습니다.", "제한"},
		{"a limit said", "애자일 방식의 한계는 뭐라고 보세요?", "애자일은 대규모 프로젝트에는 제한이 있습니다.", ""},
		// how strongly, said between the noun and its verb
		{"a constraint denied, with 거의", "EC2 대신 Lambda로 API를 옮길 때 주의할 점은 뭔가요?", "프레임워크 제약도 거의 없어서 지금 쓰는 무거운 프레임워크를 그대로 올려도 됩니다.", "프레임워크"},
		{"the constraint said", "EC2 대신 Lambda로 API를 옮길 때 주의할 점은 뭔가요?", "무거운 프레임워크는 올리기 어렵고, 콜드 스타트 지연이 있습니다.", ""},
	})
}

// How many at a time ("하나씩" / "두 개씩") and a spoken range ("두세 달")
// are numbers too.
func TestEachAndSpokenRanges(t *testing.T) {
	g := token.DefaultGlossary()
	for _, c := range []struct {
		text string
		want measure
	}{
		{"shift로 인수로 들어온 내용을 하나씩 옮겨가는 기능", measure{"each", "1"}},
		{"한 번에 인수가 두 개씩 밀려나니까", measure{"each", "2"}},
		{"인수를 3개씩 꺼내서", measure{"each", "3"}},
		{"두세 달 정도 개발하고", measure{"duration", "90"}},
	} {
		if got := measuresOf(analyze(c.text, g).terms); !slices.Contains(got, c.want) {
			t.Errorf("measuresOf(%q) = %v, want %v among them", c.text, got, c.want)
		}
	}
	checkIncorrect(t, []incorrectCase{
		{"two at a time", "쉘 스크립트에서 인자가 몇 개 들어올지 모를 때 반복문으로 어떻게 처리하나요?", "반복문을 돌리면서 shift를 호출하면 한 번에 인수가 두 개씩 밀려나니까 두 개 단위로 꺼내 씁니다.", "반복문"},
		{"one at a time", "쉘 스크립트에서 인자가 몇 개 들어올지 모를 때 반복문으로 어떻게 처리하나요?", "반복문을 돌리면서 shift를 호출하면 인수가 하나씩 밀려나니까 차례로 꺼내 씁니다.", ""},
		{"months where the notes say weeks", "XP에서는 얼마 주기로 결과물을 내놓나요?", "유저 스토리를 기준으로 두세 달 정도 개발하고 나서 릴리스해서 평가를 받습니다.", "XP"},
	})
}

// TestCountAfterTheNoun: Korean counts after the noun too ("서버 한 대",
// "DB 하나"): one where the notes say several is wrong.
func TestCountAfterTheNoun(t *testing.T) {
	g := token.DefaultGlossary()
	j := NewOffline(g, DefaultCalibration())
	r := seedRubric(t, g, "쿠버네티스는 무엇이고 왜 쓰나요?", seedAWS, []string{"AWS", "AWS 서비스", "k8s vs. docker"})
	for _, c := range []struct {
		answer string
		wrong  bool
	}{
		{"쿠버네티스는 컨테이너를 서버 한 대 안에서 배포하고 운영하도록 관리해 주는 서비스입니다.", true},
		{"쿠버네티스는 컨테이너를 하나의 서버에서 배포하고 운영하는 서비스입니다.", true},
		{"쿠버네티스는 컨테이너를 서버 여러 대에 배포하고 운영하도록 관리해 주는 서비스입니다.", false},
		{"쿠버네티스는 여러 개의 서버에 컨테이너를 배포하고 운영하는 서비스이고, 컨테이너 하나가 죽어도 다시 띄워 줍니다.", false},
	} {
		if got := hasIncorrect(mustJudge(t, j, r, c.answer)); got != c.wrong {
			t.Errorf("%q: incorrect = %v, want %v:%s", c.answer, got, c.wrong, pointsSummary(mustJudge(t, j, r, c.answer)))
		}
	}
	// 의 after the counter with a bare noun before it: one server's
	// processes (devset's and fresh28's HPC numbers had been missed)
	hpc := seedRubric(t, g, "연산량이 엄청 큰 작업은 어떤 컴퓨팅으로 처리하나요?", seedDevOps, []string{"HPC 하이 퍼포먼스 컴퓨팅"})
	for _, c := range []struct {
		answer string
		wrong  bool
	}{
		{"서버 한 대의 프로세스를 최대한 끌어 써서 엄청난 양의 데이터를 빠르게 처리하는 방식입니다.", true},
		{"여러 대의 서버 프로세스를 같이 써서 방대한 양의 데이터를 빠르게 처리합니다.", false},
		{"여러 컴퓨팅 서버의 프로세스를 활용해서 방대한 데이터를 빠르게 처리합니다.", false},
	} {
		if got := hasIncorrect(mustJudge(t, j, hpc, c.answer)); got != c.wrong {
			t.Errorf("%q: incorrect = %v, want %v:%s", c.answer, got, c.wrong, pointsSummary(mustJudge(t, j, hpc, c.answer)))
		}
	}
}

// More ways of saying a number or a direction: "20여 년" against "30여년",
// 삼중화 against 이중화, scale up against scale down.
func TestApproximateAndMultiplexNumbers(t *testing.T) {
	for _, c := range []struct {
		text string
		want measure
	}{
		{"귀사는 20여 년의 연혁을 가진 회사", measure{"duration", "7300"}}, // years are compared in days
		{"회사는 30여년의 연혁을 가지고", measure{"duration", "10950"}},
		{"DNS 서버를 삼중화했고", measure{"multiplex", "3"}},
		{"DNS 서버 이중화", measure{"multiplex", "2"}},
		{"통신 과정을 5개 계층으로 캡슐화해서", measure{"layer", "5"}}, // the generic counter, then what it counts
		{"7단계로 캡슐화하여", measure{"layer", "7"}},
		{"세 가지 단계로 나눈다", measure{}}, // kinds are no count of a fact
		// native numerals before a counter, as an answer says them aloud
		{"통신 과정을 네 개의 계층으로 캡슐화해서", measure{"layer", "4"}},
		{"보통 두 달에서 넉 달 정도 개발한 뒤 릴리스합니다", measure{"duration", "120"}},
		{"네 말이 맞다", measure{}},
	} {
		if c.want == (measure{}) {
			if got := measuresOf(analyze(c.text, token.DefaultGlossary()).terms); len(got) != 0 {
				t.Errorf("measuresOf(%q) = %v, want none", c.text, got)
			}
			continue
		}
		got := measuresOf(analyze(c.text, token.DefaultGlossary()).terms)
		if !slices.Contains(got, c.want) {
			t.Errorf("measuresOf(%q) = %v, want %v among them", c.text, got, c.want)
		}
	}
}

// A span is compared in days but quoted as the text says it.
func TestSpanWord(t *testing.T) {
	g := token.DefaultGlossary()
	for _, c := range []struct{ text, want string }{
		{"10년 남짓한 연혁을 가진 회사", "10년"},
		{"2~4주간의 개발 후 릴리스", "2~4주"},
		{"회사는 30여년의 연혁을 가지고", "30년"},
	} {
		ts := analyze(c.text, g).terms
		ms := slices.DeleteFunc(measuresOf(ts), func(m measure) bool { return m.class != "duration" })
		if len(ms) == 0 {
			t.Fatalf("no duration in %q", c.text)
		}
		if got := spanWord(ts, ms[0]); got != c.want {
			t.Errorf("spanWord(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// A span said roughly ("30여년", "10년 남짓") is still a span in years, and
// a noun with its copula and 인데 ("회사인데도") is still the noun it binds to.
func TestApproximateSpans(t *testing.T) {
	if got := unitOf("여년의"); got != "년" {
		t.Errorf("unitOf(여년의) = %q, want 년", got)
	}
	q := "클라우드 회사가 여러 군데 있는데 왜 저희 회사를 지원하셨어요? 저희에 대해서는 어떻게 알고 계세요?"
	checkIncorrect(t, []incorrectCase{
		{"ten years for thirty", q, "10년 남짓 된 젊은 회사인데도 AWS 어드밴스드 컨설팅 파트너로 자리를 잡았다고 알고 있습니다.", "30여년"},
		{"thirty years", q, "30여년의 연혁을 가진 회사인데도 AWS 어드밴스드 컨설팅 파트너로 새 서비스를 계속 내고 있다고 알고 있습니다.", ""},
	})
}
