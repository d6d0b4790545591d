package grader

import (
	"strings"
	"testing"
)

// A candidate who understood the notes explains them in words of their own:
// "노드가 죽지 않았는지" for "다운된 노드가 없는지", "일곱 개 층" for "7단계",
// "층마다 맡는 동작" for "각 Layer에서 담당". Such an answer, complete by the
// notes, is graded good, and above the thin answer to the same question.
// (The questions and answers are an interviewer's and a candidate's, not
// the notes' lines.)
func TestParaphrasedStrongAnswer(t *testing.T) {
	svc, coll := seedService(t, "para")
	cases := []struct {
		name, question, strong, thin string
	}{
		{
			"controller-manager in other words",
			"쿠버네티스에서 파드 하나가 죽었는데 알아서 다시 떠요. 이건 어떤 컴포넌트가 해 주는 건가요?",
			"kube-controller-manager가 그 역할을 합니다. 컨트롤 플레인에서 관리자 역할을 하는 컴포넌트인데, 노드가 죽지 않았는지, 파드 개수가 원하는 복제 수대로 유지되는지, 서비스와 파드가 제대로 이어져 있는지, 네임스페이스에 기본 계정과 토큰이 있는지를 계속 확인하고, 어긋나 있으면 원하는 상태로 다시 돌려놓습니다.",
			"kube-controller-manager가 파드 복제 수를 유지하도록 맞춰 줍니다.",
		},
		{
			"OSI layers in other words",
			"네트워크 장애를 살펴볼 때 OSI 모델처럼 계층을 나눠서 보는 게 왜 도움이 되나요?",
			"OSI 모델은 통신이 일어나는 전체 흐름을 일곱 개 층으로 나눠 감싸 두고, 층마다 맡는 동작을 따로 정해 둔 거라서요. 그래서 데이터가 오가는 과정을 한 칸씩 따라가며 이해할 수 있고, 뭔가 안 될 때 범위를 좁힐 수 있으니 오류 찾기가 훨씬 수월해집니다.",
			"통신 과정을 일곱 개 층으로 쪼개서 층마다 다른 일을 맡기기 때문에 문제가 어디서 났는지 찾기 쉬워집니다.",
		},
		{
			// "성능 손해" for "성능 오버헤드", "단순해지고" for "간단해진다"
			// (token/paraphrase.txt): 35 before the paraphrases
			"container merits in everyday words",
			"같은 서버에서 가상머신 대신 컨테이너로 서비스를 돌리면 성능 면에서 뭐가 나아지나요?",
			"컨테이너는 호스트 커널만 같이 쓰는 가상화라서 OS를 통째로 올리는 것보다 성능 손해가 적습니다. 배포와 관리도 단순해지고, 격리와 확장이 쉬워서 MSA에 넣기 좋습니다.",
			"성능 손해가 적습니다.",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			strong := check(t, svc, coll, c.question, c.strong)
			thin := check(t, svc, coll, c.question, c.thin)
			if strong.Verdict != VerdictGood && strong.Verdict != VerdictExcellent {
				t.Errorf("strong answer graded %d %s, want good or excellent; points: %s", strong.Score, strong.Verdict, pointsSummary(strong))
			}
			if strong.Score <= thin.Score {
				t.Errorf("strong %d not above thin %d", strong.Score, thin.Score)
			}
			expectIncorrect(t, strong, "", nil)
		})
	}
}

// "사람이 손대지 않아도 자동으로 배포되니까" says the notes' "자동으로 배포되어":
// a negation that hangs its clause on what follows (without, even without)
// denies nothing the notes say; "수동으로 배포" still does.
func TestNegationThatDeniesNothing(t *testing.T) {
	seedCasesIncorrect(t, "subneg", "CI까지는 갖춰져 있는 팀이 CD를 추가로 도입하면 뭐가 더 좋아지나요?", []answerCase{
		{"even without", "새 코드 변경이 사람이 직접 손대지 않아도 자동으로 배포되니까 사람 실수가 끼어들 틈이 줄어듭니다.", ""},
		{"without", "사람 손 없이 새 코드 변경사항이 자동으로 배포되어서 휴먼 에러를 줄일 수 있습니다.", ""},
		{"said the other way", "새 코드 변경사항은 사람이 수동으로 배포해야 해서 휴먼 에러를 줄이기는 어렵습니다.", "자동"},
	})
}

// A question that names no section asks the candidate to name it ("깨진
// 코드를 빨리 잡아내려면 뭘 도입하시겠어요?"): an answer that names CI and
// says what the CI section says is graded against CI, not against Agile
// whose words the question happens to share, and never as off topic.
func TestAnswerNamesTheSection(t *testing.T) {
	svc, coll := seedService(t, "named")
	const q = "개발자 여러 명이 하루에도 몇 번씩 코드를 합치는데, 깨진 코드를 빨리 잡아내려면 뭘 도입하시겠어요?"
	gr := check(t, svc, coll, q, "CI, 그러니까 지속적 통합을 도입하겠습니다. 새 변경사항이 들어올 때마다 빌드와 테스트가 사람 손 없이 자동으로 돌아가게 만드는 거라서, 누가 뭘 고쳤든 바로 깨졌는지 확인할 수 있습니다. 그래서 오류를 늦게 발견해서 고생하는 일 없이 효율적으로 잡아낼 수 있습니다.")
	if gr.Verdict == VerdictOffTopic || gr.Score < 70 {
		t.Errorf("graded %d %s, want good; points: %s", gr.Score, gr.Verdict, pointsSummary(gr))
	}
	if len(gr.References) == 0 || !strings.HasPrefix(strings.Join(gr.References[0].HeadingPath, " > "), "CI / CD 란 > CI") {
		t.Errorf("graded against %v, want the CI section", gr.References)
	}
}

func check(t *testing.T, svc *Service, coll, question, answer string) Grade {
	t.Helper()
	gr, err := svc.Check(t.Context(), Request{Collection: coll, Question: question, Answer: answer})
	if err != nil {
		t.Fatal(err)
	}
	return gr
}

// "누가 정하나요?" asks for a name: the question says the rest of the notes'
// line itself (새 파드, 노드, 정하다), so the name is what is graded. The
// right one in the candidate's words is good; the wrong one, with the
// question's words said back, scores below the thin right one.
func TestAskedForAName(t *testing.T) {
	svc, coll := seedService(t, "who")
	const q = "파드를 새로 만들면 그 파드가 여러 워커 노드 중 어디에 올라갈지는 누가 정하나요?"
	strong := check(t, svc, coll, q, "컨트롤 플레인에 있는 kube-scheduler가 정합니다. 새로 만들어진 파드를 알아채고, 그 파드를 어느 노드에 앉힐지 결정하는 게 스케줄러가 하는 일이에요.")
	thin := check(t, svc, coll, q, "kube-scheduler가 새 파드를 보고 어느 노드에 둘지 결정합니다.")
	wrong := check(t, svc, coll, q, "컨트롤 플레인에 있는 kube-controller-manager가 정합니다. 새로 만들어진 파드를 알아채고, 그 파드를 어느 노드에 앉힐지 결정하는 게 컨트롤러 매니저가 하는 일이에요.")
	if strong.Verdict != VerdictGood && strong.Verdict != VerdictExcellent {
		t.Errorf("strong graded %d %s; points: %s", strong.Score, strong.Verdict, pointsSummary(strong))
	}
	if wrong.Score >= thin.Score {
		t.Errorf("wrong %d not below thin %d", wrong.Score, thin.Score)
	}
}

// An everyday word is read as the graded section's word of its group ("돈"
// as "비용") only when the notes do not use it themselves: "처음부터" is
// the CI/CD merits' own word, and read as the drawbacks' "최초" it set a
// fall in cost against "최초 … 복잡성이 증가" (a false alarm on a held-out
// strong answer in round 24's first version).
func TestParaphraseReadsAnswerAsTheNotes(t *testing.T) {
	seedCasesIncorrect(t, "paraneg", "회사에 DevOps를 처음 들여오자고 하면, 현실적으로 어떤 부분이 걸림돌이 될 거라고 보세요?", []answerCase{
		{"said in everyday words", "도입 초기에 돈이 꽤 많이 든다는 게 제일 부담이고, 조직 문화를 바꾸는 게 쉽지 않아서 노력이 많이 필요합니다.", ""},
		{"denied in everyday words", "도입 초기에는 돈이 거의 안 들어서 걸림돌이 되지 않습니다.", "비용"},
	})
	seedCasesIncorrect(t, "paraown", "CI/CD 체계를 잡는 데 돈이 든다는 건 알겠는데, 그 비용은 언제 들고 구조 복잡도는 어떤가요?", []answerCase{
		{"the notes' own word elsewhere", "최초 구성할 때 도입 비용이 늘어나고, 처음 아키텍처를 잡는 복잡성도 커지거든요. 대신 처음부터 확장하기 쉬운 구조로 만들어 두면 장기적으로는 운영과 확장 비용이 줄어듭니다.", ""},
	})
}
