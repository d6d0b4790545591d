package grader

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"grader/internal/testdatadir"
	"grader/notes"
	"grader/token"
)

// seedRubric builds a rubric for question from seed passages, each given by
// its outline path; the first is the best retrieval hit.
func seedRubric(t testing.TB, g *token.Glossary, question, file string, paths ...[]string) Rubric {
	t.Helper()
	ps := make([]notes.Passage, len(paths))
	for i, p := range paths {
		ps[i] = seedPassage(t, file, p...)
		ps[i].Score = 1 / float64(1+i)
	}
	return BuildRubric(question, ps, g)
}

func mustJudge(t testing.TB, j *Offline, r Rubric, answer string) Grade {
	t.Helper()
	g, err := j.Judge(context.Background(), r, answer)
	if err != nil {
		t.Fatalf("Judge(%q): %v", answer, err)
	}
	return g
}

var (
	albPaths = [][]string{{"AWS 서비스", "ALB NLB"}, {"AWS 서비스", "OSI 7 Layer"}}
	vpcPaths = [][]string{{"AWS 서비스", "VPC"}, {"AWS 서비스", "Route 53 (DNS)"}}
	ebsPaths = [][]string{{"AWS 서비스", "EBS EFS S3"}, {"AWS 서비스", "VPC"}}
)

const (
	albQuestion = "ALB와 NLB의 차이는 무엇인가요?"
	albComplete = "ALB는 L7 로드밸런서로 HTTP, HTTPS를 다루고 HTTP 헤더 정보와 요청 path를 보고 path별 라우팅을 합니다. " +
		"NLB는 L4에서 TCP와 UDP 요청을 받아 부하분산하고, 보안 그룹을 설정하지 않고 백엔드의 보안그룹 규칙을 따릅니다."
	albPartial = "ALB는 L7에서 HTTP를 처리하고, NLB는 L4에서 TCP를 처리합니다."
	albSwapped = "ALB는 L4 로드밸런서로 TCP와 UDP를 처리하고, NLB는 L7에서 HTTP 헤더를 보고 path별 라우팅을 합니다."
	albWrong   = "ALB와 NLB는 둘 다 데이터베이스를 복제하는 서비스로, 백업을 자동으로 해줍니다."
	albOff     = "카프카는 프로듀서가 브로커의 토픽에 메시지를 게시하고 컨슈머가 가져가는 구조입니다."
	albEnglish = "ALB is a layer 7 load balancer: it handles HTTP and HTTPS and routes requests by header and path. " +
		"NLB works at layer 4 and balances TCP and UDP traffic."
)

func TestOrderingALB(t *testing.T) {
	g := token.DefaultGlossary()
	j := NewOffline(g, DefaultCalibration())
	r := seedRubric(t, g, albQuestion, seedAWS, albPaths...)
	score := map[string]int{}
	for name, a := range map[string]string{
		"complete": albComplete, "partial": albPartial, "swapped": albSwapped, "wrong": albWrong, "off": albOff, "english": albEnglish,
	} {
		score[name] = mustJudge(t, j, r, a).Score
	}
	t.Logf("scores %v", score)
	order := []string{"complete", "partial", "swapped", "off"}
	for i := 0; i+1 < len(order); i++ {
		if score[order[i]] <= score[order[i+1]] {
			t.Errorf("%s (%d) should beat %s (%d)", order[i], score[order[i]], order[i+1], score[order[i+1]])
		}
	}
	if score["partial"]-score["swapped"] < 15 {
		t.Errorf("swapped facts (%d) must score clearly below a partial answer (%d)", score["swapped"], score["partial"])
	}
	if score["swapped"] > score["wrong"]+5 {
		t.Errorf("swapped facts (%d) must score at most like a wrong answer (%d)", score["swapped"], score["wrong"])
	}
	if score["complete"]-score["partial"] < 15 {
		t.Errorf("complete (%d) should clearly beat partial (%d)", score["complete"], score["partial"])
	}
	if score["english"] <= score["partial"] {
		t.Errorf("an English answer covering the notes (%d) should beat the short Korean partial one (%d)", score["english"], score["partial"])
	}
}

func TestSwappedFactsMarkIncorrect(t *testing.T) {
	g := token.DefaultGlossary()
	j := NewOffline(g, DefaultCalibration())
	r := seedRubric(t, g, albQuestion, seedAWS, albPaths...)
	cases := []struct {
		name, answer string
		lang         string
	}{
		{"korean", albSwapped, "ko"},
		{"english", "ALB operates at layer 4 and NLB operates at layer 7.", "en"},
		{"korean 계층", "ALB는 4계층에서 동작하고 NLB는 7계층에서 동작하는 로드밸런서입니다.", "ko"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			gr := mustJudge(t, j, r, c.answer)
			var layerPoints, incorrect int
			for _, p := range gr.Points {
				hasLayer := strings.Contains(p.Text, "L7") || strings.Contains(p.Text, "L4")
				if hasLayer {
					layerPoints++
				}
				if p.Status == Incorrect {
					incorrect++
					if p.Reason == "" || p.Evidence == "" {
						t.Errorf("incorrect point %q without reason or evidence: %+v", p.Text, p)
					}
				}
				if hasLayer && p.Status != Incorrect {
					t.Errorf("layer point %q is %s, want incorrect", p.Text, p.Status)
				}
			}
			if layerPoints != 2 || incorrect < 2 {
				t.Fatalf("layer points %d, incorrect %d", layerPoints, incorrect)
			}
			reason := ""
			for _, p := range gr.Points {
				if strings.HasPrefix(p.Text, "ALB") && strings.Contains(p.Text, "L7") && p.Status == Incorrect {
					reason = p.Reason
					break
				}
			}
			if !strings.Contains(reason, "ALB") || !strings.Contains(reason, "L7") || !strings.Contains(reason, "L4") {
				t.Errorf("reason %q should name the binding (ALB, L7 in the notes, L4 in the answer)", reason)
			}
			if gr.Language != c.lang {
				t.Errorf("language %s, want %s", gr.Language, c.lang)
			}
			if gr.Verdict == VerdictGood || gr.Verdict == VerdictExcellent {
				t.Errorf("swapped facts graded %s", gr.Verdict)
			}
		})
	}
	// A property given to the other one in the question's own words: they
	// count half, but they are still ALB's words.
	pr := seedRubric(t, g, "요청의 path에 따라 다른 서버로 라우팅해야 하면 어떤 로드밸런서를 쓰나요?", seedAWS, albPaths...)
	if !hasIncorrect(mustJudge(t, j, pr, "NLB를 씁니다. NLB는 요청의 path까지 참고해서 path별로 라우팅해 줍니다.")) {
		t.Errorf("ALB's path routing given to NLB not marked incorrect")
	}
	if hasIncorrect(mustJudge(t, j, pr, "ALB를 씁니다. ALB는 요청의 path까지 참고해서 path별로 라우팅해 줍니다.")) {
		t.Errorf("ALB's path routing given to ALB marked incorrect")
	}
	// the correct binding must not be flagged
	for _, a := range []string{albComplete, albPartial, albEnglish, "ALB는 L7이고, L4인 NLB와 달리 path를 봅니다."} {
		for _, p := range mustJudge(t, j, r, a).Points {
			if p.Status == Incorrect {
				t.Errorf("answer %q: point %q wrongly incorrect: %s", a, p.Text, p.Reason)
			}
		}
	}
}

func TestContradictionClasses(t *testing.T) {
	g := token.DefaultGlossary()
	j := NewOffline(g, DefaultCalibration())
	cases := []struct {
		name, question string
		paths          [][]string
		answer         string
		point          string // text fragment of the point that must be incorrect; "" = none may be
	}{
		{"EFS one server ko", "EBS, EFS, S3는 각각 언제 쓰나요?", ebsPaths, "EFS는 하나의 서버에만 붙는 파일 시스템입니다.", "EFS"},
		{"EFS one server en", "EBS, EFS, S3는 각각 언제 쓰나요?", ebsPaths, "EFS is a file system attached to one server only.", "EFS"},
		// Both halves are wrong: EFS is bound to one server, and EBS given EFS's sharing.
		{"EFS one server, determiner", "EBS와 EFS의 차이는?", ebsPaths, "EFS는 한 서버에만 붙일 수 있는 볼륨이고 EBS는 여러 서버가 공유합니다.", "EFS|EBS"},
		{"one-time step ok", "EBS, EFS, S3는 각각 언제 쓰나요?", ebsPaths, "EFS는 여러 서버가 공유하고, 한 번 만들면 여러 AZ에 복제됩니다.", ""},
		{"EFS many servers ok", "EBS, EFS, S3는 각각 언제 쓰나요?", ebsPaths, "EFS는 여러 서버가 하나의 파일 시스템을 공유할 때 씁니다.", ""},
		{"port 23", "VPC 보안 설정은 어떻게 하나요?", vpcPaths, "ACL은 서브넷 보안으로 특정 서브넷에 TCP 23번 포트를 허용합니다.", "22포트"},
		{"port 22 ok", "VPC 보안 설정은 어떻게 하나요?", vpcPaths, "ACL은 서브넷 보안으로 특정 서브넷에 TCP 22번 포트를 허용합니다.", ""},
		{"protocol", albQuestion, albPaths, "NLB는 HTTP와 HTTPS 요청만 받아서 부하분산합니다.", "TCP와 UDP"},
		{"negation ko", "NAT 게이트웨이는 무엇인가요?", vpcPaths, "NAT 게이트웨이를 쓰면 외부 서비스에서도 그 인스턴스와의 연결을 시작할 수 있습니다.", "연결을 시작할 수 없도록"},
		{"allow negated", "VPC 보안 설정은 어떻게 하나요?", vpcPaths, "ACL은 특정 서브넷에 TCP 22포트를 허용하지 않습니다.", "22포트 Allow"},
		{"allow as deny", "VPC 보안 설정은 어떻게 하나요?", vpcPaths, "ACL은 특정 서브넷의 TCP 22포트를 거부합니다.", "22포트 Allow"},
		{"allow ok", "VPC 보안 설정은 어떻게 하나요?", vpcPaths, "ACL은 특정 서브넷에 TCP 22포트를 허용합니다.", ""},
		{"negation ok", "NAT 게이트웨이는 무엇인가요?", vpcPaths, "NAT 게이트웨이를 쓰면 프라이빗 서브넷의 인스턴스가 외부에 연결할 수 있지만, 외부 서비스에서 그 인스턴스와의 연결을 시작할 수는 없습니다.", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := seedRubric(t, g, c.question, seedAWS, c.paths...)
			gr := mustJudge(t, j, r, c.answer)
			found := false
			for _, p := range gr.Points {
				if p.Status != Incorrect {
					continue
				}
				if c.point == "" || !containsAny(p.Text, strings.Split(c.point, "|")) {
					t.Errorf("unexpected incorrect point %q: %s", p.Text, p.Reason)
					continue
				}
				found = true
			}
			if c.point != "" && !found {
				t.Errorf("no incorrect point containing %q; points: %s", c.point, pointsSummary(gr))
			}
		})
	}
}

func containsAny(s string, parts []string) bool {
	for _, p := range parts {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

func pointsSummary(g Grade) string {
	var b strings.Builder
	for _, p := range g.Points {
		b.WriteString("\n  " + string(p.Status) + " " + p.Text)
	}
	return b.String()
}

func TestEnglishAnswerToKoreanNotes(t *testing.T) {
	g := token.DefaultGlossary()
	j := NewOffline(g, DefaultCalibration())
	r := seedRubric(t, g, albQuestion, seedAWS, albPaths...)
	gr := mustJudge(t, j, r, albEnglish)
	covered := 0
	for _, p := range gr.Points {
		if p.Status == Covered {
			covered++
		}
	}
	if covered < 2 || gr.Language != "en" {
		t.Fatalf("English answer: %d covered points, language %s; %s", covered, gr.Language, pointsSummary(gr))
	}
	if !isEnglishText(gr.Summary) {
		t.Errorf("summary not in English: %q", gr.Summary)
	}
	if gr.Unsupported == nil || len(gr.Unsupported) != 0 {
		t.Errorf("English sentences backed by the notes through the glossary reported unsupported: %q", gr.Unsupported)
	}
}

// An English answer in sentences whose verbs no list names (lets, cuts,
// reduces) states its points: it is no keyword list, and the summary names
// what is missing by its words, not by a label of the notes ("ex.").
func TestEnglishSentencesToKoreanNotes(t *testing.T) {
	q := "애자일로 개발하면 기존 방식보다 어떤 점이 나아지나요?"
	full := judgeOnSeeds(t, q, "Agile lets the team respond quickly to customers' changing requirements. It cuts overhead such as heavy documentation, so development gets faster. And it reduces rework cost, so the team gets fast feedback.")
	covered := 0
	for _, p := range full.Points {
		if p.Status == Covered {
			covered++
		}
		if p.Status == Missed || p.Status == Incorrect {
			t.Errorf("point %q is %s in an English answer that states it", p.Text, p.Status)
		}
	}
	if covered < 2 {
		t.Errorf("%d points covered by an English answer that states all three:%s", covered, pointsSummary(full))
	}
	if full.Verdict == VerdictWeak {
		t.Errorf("a full English answer scored %d (%s)", full.Score, full.Verdict)
	}
	thin := judgeOnSeeds(t, q, "Agile lets the team respond quickly to customers' changing requirements.")
	if strings.Contains(thin.Summary, "ex.") || !isEnglishText(thin.Summary) {
		t.Errorf("summary of a thin English answer: %q", thin.Summary)
	}
	// a short English word is not an acronym (cost, not COST)
	mid := judgeOnSeeds(t, q, "Agile lets the team respond quickly to changing customer requirements, and it cuts overhead like heavy documentation so development is faster.")
	if strings.Contains(mid.Summary, "COST") || !strings.Contains(mid.Summary, "cost") {
		t.Errorf("summary names the missing point's words as acronyms or not at all: %q", mid.Summary)
	}
}

func isEnglishText(s string) bool { return DetectLanguage(s) == "en" }

func TestTransliteration(t *testing.T) {
	g := token.DefaultGlossary()
	j := NewOffline(g, DefaultCalibration())
	r := seedRubric(t, g, albQuestion, seedAWS, albPaths...)
	a := mustJudge(t, j, r, "ALB는 HTTP, HTTPS를 다루는 L7 로드밸런서이고 NLB는 TCP와 UDP를 받는 L4 로드 밸런서입니다.")
	b := mustJudge(t, j, r, "ALB는 HTTP, HTTPS를 다루는 L7 load balancer이고 NLB는 TCP와 UDP를 받는 L4 load balancer입니다.")
	c := mustJudge(t, j, r, "애플리케이션 로드밸런서는 HTTP, HTTPS를 다루는 7계층 로드밸런서이고 네트워크 로드밸런서는 TCP와 UDP를 받는 4계층 로드밸런서입니다.")
	if a.Score != b.Score {
		t.Errorf("로드밸런서 scored %d, load balancer %d: want equal", a.Score, b.Score)
	}
	if c.Score < a.Score-10 {
		t.Errorf("spelled-out names (애플리케이션 로드밸런서, 7계층) scored %d, acronyms %d", c.Score, a.Score)
	}
	for i := range a.Points {
		if a.Points[i].Coverage != b.Points[i].Coverage {
			t.Errorf("point %q: coverage %v vs %v", a.Points[i].Text, a.Points[i].Coverage, b.Points[i].Coverage)
		}
	}
}

func TestDeterminism(t *testing.T) {
	g := token.DefaultGlossary()
	j := NewOffline(g, DefaultCalibration())
	for _, a := range []string{albComplete, albSwapped, albEnglish, albOff} {
		var out [2][]byte
		for i := range out {
			r := seedRubric(t, g, albQuestion, seedAWS, albPaths...)
			b, err := json.Marshal(mustJudge(t, j, r, a))
			if err != nil {
				t.Fatal(err)
			}
			out[i] = b
		}
		if string(out[0]) != string(out[1]) {
			t.Errorf("two gradings of %q differ:\n%s\n%s", a, out[0], out[1])
		}
	}
}

func TestEmptyAndShortAnswers(t *testing.T) {
	g := token.DefaultGlossary()
	j := NewOffline(g, DefaultCalibration())
	r := seedRubric(t, g, albQuestion, seedAWS, albPaths...)
	for _, a := range []string{"", "   ", "\n\t "} {
		if _, err := j.Judge(context.Background(), r, a); !errors.Is(err, ErrEmptyAnswer) {
			t.Errorf("Judge(%q) error = %v, want ErrEmptyAnswer", a, err)
		}
	}
	for _, c := range []struct{ answer, lang, says string }{
		{"ALB는 L7", "ko", "짧"},
		{"L7이요.", "ko", "짧"},
		{"Layer 7.", "en", "too short"},
	} {
		gr := mustJudge(t, j, r, c.answer)
		if gr.Verdict != VerdictWeak || gr.Score >= 40 || !strings.Contains(gr.Summary, c.says) || gr.Language != c.lang {
			t.Errorf("short answer %q: verdict %s score %d lang %s summary %q", c.answer, gr.Verdict, gr.Score, gr.Language, gr.Summary)
		}
	}
}

func TestOffTopic(t *testing.T) {
	g := token.DefaultGlossary()
	j := NewOffline(g, DefaultCalibration())
	r := seedRubric(t, g, albQuestion, seedAWS, albPaths...)
	for _, a := range []string{albOff, "I would use Kafka: producers publish messages to topics on brokers and consumers read them."} {
		gr := mustJudge(t, j, r, a)
		if gr.Verdict != VerdictOffTopic || gr.Score >= 15 {
			t.Errorf("%q: verdict %s score %d, want off_topic < 15", a, gr.Verdict, gr.Score)
		}
		if len(gr.Unsupported) == 0 {
			t.Errorf("%q: off-topic sentences should be unsupported", a)
		}
	}
	// A stray word that meets one point by chance ("몇 번에 나눠" against
	// "분산해서 저장") does not make a coffee recipe an answer about etcd.
	er := seedRubric(t, g, "쿠버네티스의 클러스터 정보는 어디에 어떤 형태로 저장되나요?", seedAWS,
		[]string{"AWS", "AWS 서비스", "k8s Component", "**컨트롤 플레인 컴포넌트** - 기능 제어", "etcd - 정보 저장소"})
	coffee := "원두는 중간 굵기로 갈고 물 온도는 90도 전후로 맞춥니다. 처음에 30초 정도 뜸을 들인 다음 몇 번에 나눠 천천히 부으면 맛이 깔끔해져요."
	if gr := mustJudge(t, j, er, coffee); gr.Verdict != VerdictOffTopic || gr.Score >= 15 {
		t.Errorf("coffee for etcd: verdict %s score %d, want off_topic < 15", gr.Verdict, gr.Score)
	}
	if gr := mustJudge(t, j, er, "etcd에 key-value 형태로 분산해서 저장합니다."); gr.Verdict == VerdictOffTopic {
		t.Errorf("a short right answer about etcd called off topic (%d)", gr.Score)
	}
	// An answer from another part of the same notes (DB tuning, to a
	// question on etcd) is backed by the notes and still off topic; an
	// answer in the section's words that reaches no point is not.
	db := "DB 모델링 프로젝트 얘기를 드리면, 기획안을 분석해서 관계 모델을 먼저 설계하고, 테이블이랑 프로시저를 만든 다음에 인덱스, 정규화, 비정규화로 튜닝을 했습니다. Oracle이랑 오픈 DB 둘 다 다뤄 봤습니다."
	er.Backing = seedChunks(t) // the service reads the notes around the section: they back DB tuning
	if gr := mustJudge(t, j, er, db); gr.Verdict != VerdictOffTopic || gr.Score >= 15 {
		t.Errorf("DB tuning for etcd: verdict %s score %d, want off_topic < 15", gr.Verdict, gr.Score)
	}
	if gr := mustJudge(t, j, er, "클러스터 정보를 저장하는 컨트롤 플레인 컴포넌트가 따로 있습니다."); gr.Verdict == VerdictOffTopic {
		t.Errorf("a vague answer in the section's words called off topic (%d)", gr.Score)
	}
	// A question about a thing no note names, answered about that thing:
	// the notes do not cover it, and the answer is not off topic for that.
	pr := er
	pr.Question = "모니터링을 Prometheus로 구성하면 메트릭을 pull 방식으로 가져가잖아요. 운영할 때 그게 어떤 의미가 있나요?"
	prom := "Prometheus 서버가 각 타깃의 /metrics 엔드포인트를 주기적으로 스크레이프하는 구조라 수집 주기와 대상을 서버 한 곳에서 통제할 수 있습니다."
	if gr := mustJudge(t, j, pr, prom); gr.Verdict != VerdictNotInNotes || len(gr.Points) != 0 || !strings.Contains(gr.Summary, "노트에 이 질문을 다루는 내용이 없어") {
		t.Errorf("Prometheus against the notes: verdict %s, %d points, summary %q; want not_in_notes, none", gr.Verdict, len(gr.Points), gr.Summary)
	}
}

func TestGradeIsComplete(t *testing.T) {
	g := token.DefaultGlossary()
	j := NewOffline(g, DefaultCalibration())
	r := seedRubric(t, g, albQuestion, seedAWS, albPaths...)
	gr := mustJudge(t, j, r, albPartial+" 그리고 저는 주말에 등산을 좋아합니다.")
	if gr.Grader.Mode != ModeOffline || gr.Grader.Model == "" || gr.Grader.Version == "" {
		t.Errorf("grader info %+v", gr.Grader)
	}
	if gr.Question != albQuestion || len(gr.References) != len(r.Passages) || len(gr.Points) != len(r.Points) {
		t.Errorf("question %q, %d references, %d points", gr.Question, len(gr.References), len(gr.Points))
	}
	if len(gr.Unsupported) != 1 || !strings.Contains(gr.Unsupported[0], "등산") {
		t.Errorf("unsupported = %q, want the hiking sentence", gr.Unsupported)
	}
	for i, p := range gr.Points {
		if p.Citation.ChunkID != r.Points[i].Passage.ChunkID || p.Weight <= 0 {
			t.Errorf("point %d: citation %q weight %v", i, p.Citation.ChunkID, p.Weight)
		}
		if (p.Status == Covered || p.Status == Partial) && p.Evidence == "" {
			t.Errorf("point %q %s without evidence", p.Text, p.Status)
		}
	}
	if !strings.Contains(gr.Summary, "핵심") || DetectLanguage(gr.Summary) != "ko" {
		t.Errorf("summary %q", gr.Summary)
	}
}

func TestFollowupsAndModelAnswer(t *testing.T) {
	g := token.DefaultGlossary()
	j := NewOffline(g, DefaultCalibration())
	r := seedRubric(t, g, albQuestion, seedAWS, albPaths...)
	for _, c := range []struct{ answer, lang string }{
		{albPartial, "ko"}, {albSwapped, "ko"}, {albEnglish, "en"}, {albComplete, "ko"},
	} {
		gr := mustJudge(t, j, r, c.answer)
		if n := len(gr.Followups); n < 1 || n > 3 {
			t.Errorf("%q: %d follow-ups: %q", c.answer, n, gr.Followups)
		}
		// a missed concept is asked about unless the answer spoke of it
		// (asking "ALB는 어떤 역할을 하나요?" after an answer about ALB
		// re-asks it: review round 6)
		var concepts []string
		for _, k := range gapConcepts(gr) {
			if !strings.Contains(strings.ToLower(c.answer), strings.ToLower(k)) {
				concepts = append(concepts, k)
			}
		}
		hit := false
		for _, f := range gr.Followups {
			if c.lang == "ko" && DetectLanguage(f) != "ko" {
				t.Errorf("follow-up %q not in Korean", f)
			}
			if c.lang == "en" && !strings.Contains(f, "?") {
				t.Errorf("follow-up %q is not a question", f)
			}
			for _, k := range concepts {
				if strings.Contains(f, k) {
					hit = true
				}
			}
		}
		if len(concepts) > 0 && !hit {
			t.Errorf("%q: no follow-up names a missed concept %v: %q", c.answer, concepts, gr.Followups)
		}
		if gr.ModelAnswer == "" {
			t.Fatalf("empty model answer")
		}
		for _, s := range strings.SplitAfter(gr.ModelAnswer, ". ") {
			s = strings.TrimSuffix(strings.TrimSpace(s), ".")
			if !fromNotes(r, s) {
				t.Errorf("model answer sentence %q is not note text", s)
			}
		}
	}
	// the exported variant works from a grade alone
	gr := mustJudge(t, j, r, albPartial)
	if fs := OfflineFollowups(r, gr, "en"); len(fs) < 2 || DetectLanguage(strings.Join(fs, " ")) != "en" {
		t.Errorf("OfflineFollowups en = %q", fs)
	}
}

// gapConcepts are the subjects (the "X" of "X: ...") of missed and incorrect points.
func gapConcepts(g Grade) []string {
	var out []string
	for _, p := range g.Points {
		if p.Status != Missed && p.Status != Incorrect {
			continue
		}
		if s := pointSubject(KeyPoint{Text: p.Text, Passage: p.Citation}); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// fromNotes tells a model-answer sentence made of the notes' words: every
// content word of it is in some point (the labels turned into topics and
// the copula added to a noun ending are grammar, not content).
func fromNotes(r Rubric, s string) bool {
	g := token.DefaultGlossary()
	notes := newBag(analysis{})
	for _, p := range r.Points {
		notes.add(analyze(p.Text, g))
	}
	for _, t := range analyze(strings.TrimSuffix(s, "입니다"), g).terms {
		if t.key != "" && notes.match(t) < 0.8 {
			return false
		}
	}
	return true
}

// interviewCases are questions asked the way an interviewer would, in other
// words than the notes' headings, with complete, partial and wrong answers.
var interviewCases = []struct {
	name, question, file     string
	paths                    [][]string
	complete, partial, wrong string
}{
	{
		name: "nat", file: seedAWS, question: "프라이빗 서브넷에 있는 서버가 외부 인터넷에 나가려면 어떻게 해야 하나요?",
		paths:    [][]string{{"AWS 서비스", "VPC", "NAT 게이트웨이 - Network Address Translate"}, {"AWS 서비스", "VPC"}},
		complete: "NAT 게이트웨이를 둡니다. NAT 게이트웨이는 네트워크 주소 변환 서비스라서 프라이빗 서브넷의 인스턴스가 VPC 외부의 서비스에 연결할 수 있게 해 주고, 외부 서비스에서는 그 인스턴스와의 연결을 시작할 수 없게 막아 줍니다.",
		partial:  "NAT 게이트웨이를 통해 주소를 변환해서 외부로 나갑니다.",
		wrong:    "라우트53에 도메인을 등록하고 DNS로 IP를 찾게 하면 됩니다.",
	},
	{
		name: "shared storage", file: seedAWS, question: "여러 서버가 같은 파일을 함께 써야 한다면 어떤 스토리지를 쓰시겠어요?",
		paths:    ebsPaths,
		complete: "EFS를 씁니다. EFS는 다양한 서버에서 하나의 파일 시스템으로 데이터를 공유하고 싶을 때 쓰고, 여러 AZ에 복제되어 가용성이 높습니다. EBS는 EC2에 붙는 볼륨이라 공유용이 아닙니다.",
		partial:  "EFS를 쓰면 여러 서버가 파일 시스템을 공유할 수 있습니다.",
		wrong:    "EFS는 하나의 서버에만 붙기 때문에 공유하려면 S3를 씁니다.",
	},
	{
		name: "path routing", file: seedAWS, question: "URL 경로에 따라 요청을 다른 서버로 보내려면 어떤 로드밸런서를 쓰나요?",
		paths:    albPaths,
		complete: "ALB를 씁니다. ALB는 애플리케이션 계층(L7)에서 동작해서 HTTP 헤더 정보와 요청의 path를 참고해 path별로 다른 서버로 라우팅할 수 있습니다. NLB는 L4에서 TCP와 UDP 요청을 부하분산하므로 경로 기반 라우팅에는 맞지 않습니다.",
		partial:  "ALB를 쓰면 path별 라우팅이 가능합니다.",
		wrong:    "NLB를 씁니다. NLB는 L7에서 HTTP path를 보고 라우팅합니다.",
	},
	{
		name: "scheduler", file: seedAWS, question: "쿠버네티스에서 새로 만든 파드가 어느 노드에서 실행될지는 누가 정하나요?",
		paths:    [][]string{{"AWS 서비스", "k8s Component"}, {"AWS 서비스", "k8s vs. docker"}},
		complete: "컨트롤 플레인 컴포넌트인 kube-scheduler가 새로 생성된 파드를 감지해서 어떤 노드에 배치할지 결정합니다. 그 다음 노드의 kubelet이 파드를 생성하고 정상적으로 동작하는지 관리합니다.",
		partial:  "컨트롤 플레인의 스케줄러가 노드를 정해 줍니다.",
		wrong:    "etcd가 파드를 직접 실행하면서 빈 서버를 고릅니다.",
	},
	{
		name: "ci", file: seedDevOps, question: "코드를 푸시할 때마다 자동으로 빌드하고 테스트하는 것을 뭐라고 하고, 왜 하나요?",
		paths:    [][]string{{"CI / CD 란"}, {"테스트 자동화"}},
		complete: "CI, 즉 지속적 통합입니다. 새로운 코드 변경사항이 자동으로 빌드 및 테스트되어 오류를 효율적으로 탐지할 수 있습니다. 이어서 CD로 배포까지 자동화하면 휴먼 에러를 줄이고 사용자에게 빠르게 제공할 수 있습니다.",
		partial:  "CI라고 하고 빌드와 테스트를 자동화하는 과정입니다.",
		wrong:    "스크럼이라고 하며 데일리 미팅에서 팀원들이 함께 모여 이야기합니다.",
	},
	{
		name: "tdd", file: seedDevOps, question: "테스트를 먼저 쓰고 나서 코드를 짜는 개발 방식의 장점은 무엇인가요?",
		paths:    [][]string{{"TDD"}, {"테스트 자동화"}},
		complete: "TDD라고 합니다. 코드를 작성하기 전에 먼저 작은 단위의 테스트 케이스를 작성하고, 코드가 수정될 때마다 자동화된 반복 테스트로 통과하는지 확인합니다. 테스트 코드를 만들면서 목표를 명확하게 확인할 수 있고, 필요한 것만 점검해 필요 없는 코드를 없애서 낭비를 줄입니다.",
		partial:  "TDD는 코드를 작성하기 전에 테스트를 먼저 작성하는 방식입니다.",
		wrong:    "배포가 끝난 뒤에 운영팀이 수동으로 한 번 점검하는 방식이라 문서화가 잘 됩니다.",
	},
	{
		name: "lambda", file: seedDevOps, question: "서버리스 함수 서비스를 도입할 때 어떤 점을 조심해야 하나요?",
		paths:    [][]string{{"AWS Labmda"}, {"MSA"}},
		complete: "AWS Lambda 같은 FaaS는 콜드 스타트 지연이 있어 준비시간이 길고, 무거운 프레임워크를 쓰기 어렵고, 리소스가 제한됩니다. 대신 request가 있을 때만 작동해서 비용을 절감할 수 있습니다.",
		partial:  "콜드 스타트 지연 때문에 처음 호출이 느릴 수 있습니다.",
		wrong:    "서버를 항상 켜 두어야 해서 비용이 많이 들고 확장이 전혀 안 됩니다.",
	},
	{
		name: "path routing en", file: seedAWS, question: "Which load balancer would you use to route requests to different servers by URL path, and why?",
		paths:    albPaths,
		complete: "An ALB. It works at layer 7, the application layer, so it reads HTTP headers and the request path and can route each path to different servers. An NLB works at layer 4 and only balances TCP and UDP.",
		partial:  "An ALB, because it can do path based routing.",
		wrong:    "A NAT gateway, because it translates network addresses for private subnets.",
	},
}

// TestInterviewQuestions grades each case the way the service does: the
// seed notes ingested, the section chosen from the question.
func TestInterviewQuestions(t *testing.T) {
	g := token.DefaultGlossary()
	ix, coll := ingestedIndex(t, "interview", testdatadir.Path("seeds"))
	svc := NewService(ix, NewOffline(g, DefaultCalibration()), nil, g)
	for _, c := range interviewCases {
		t.Run(c.name, func(t *testing.T) {
			grade := func(a string) Grade {
				gr, err := svc.Check(t.Context(), Request{Collection: coll, Question: c.question, Answer: a})
				if err != nil {
					t.Fatal(err)
				}
				return gr
			}
			full, part, wrong := grade(c.complete), grade(c.partial), grade(c.wrong)
			t.Logf("complete %d %s | partial %d %s | wrong %d %s", full.Score, full.Verdict, part.Score, part.Verdict, wrong.Score, wrong.Verdict)
			if !(full.Score > part.Score && part.Score > wrong.Score) {
				t.Errorf("want complete > partial > wrong, got %d, %d, %d", full.Score, part.Score, wrong.Score)
			}
			if full.Score-wrong.Score < 30 {
				t.Errorf("complete (%d) and wrong (%d) are too close", full.Score, wrong.Score)
			}
			if full.Verdict == VerdictWeak || full.Verdict == VerdictOffTopic {
				t.Errorf("complete answer graded %s", full.Verdict)
			}
			if wrong.Verdict == VerdictGood || wrong.Verdict == VerdictExcellent || wrong.Verdict == VerdictPartial {
				t.Errorf("wrong answer graded %s", wrong.Verdict)
			}
		})
	}
}

func BenchmarkOfflineJudge(b *testing.B) {
	g := token.DefaultGlossary()
	j := NewOffline(g, DefaultCalibration())
	r := seedRubric(b, g, "쿠버네티스 컨트롤 플레인과 노드 컴포넌트를 설명해 주세요", seedAWS,
		[]string{"AWS 서비스", "k8s Component"}, []string{"AWS 서비스", "k8s vs. docker"})
	answer := "컨트롤 플레인에는 kube-apiserver, etcd, kube-scheduler, kube-controller-manager가 있습니다. " +
		"apiserver는 kubectl 요청을 받아 컴포넌트로 전달하고, etcd는 클러스터 상태를 key-value로 저장합니다. " +
		"스케줄러는 새 파드를 어느 노드에 둘지 정하고, 노드에서는 kubelet이 파드를 생성하고 관리하며 kube-proxy가 네트워크 요청을 전달합니다."
	if len(r.Points) < 10 {
		b.Fatalf("rubric has %d points, want a 10-point rubric", len(r.Points))
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := j.Judge(ctx, r, answer); err != nil {
			b.Fatal(err)
		}
	}
}

func TestEmptyRubric(t *testing.T) {
	j := NewOffline(token.DefaultGlossary(), DefaultCalibration())
	for _, lang := range []string{"ko", "en"} {
		a := "NAT 게이트웨이는 프라이빗 서브넷의 인스턴스가 외부로 나가게 해 줍니다."
		if lang == "en" {
			a = "A NAT gateway lets instances in a private subnet reach the internet."
		}
		gr := mustJudge(t, j, Rubric{Question: "NAT?"}, a)
		if gr.Points == nil || gr.Unsupported == nil || gr.Followups == nil || gr.References == nil {
			t.Errorf("%s: nil slices in %+v", lang, gr)
		}
		if gr.Score > 15 || gr.Language != lang || gr.Summary == "" {
			t.Errorf("%s: score %d, language %s, summary %q", lang, gr.Score, gr.Language, gr.Summary)
		}
	}
}

// TestRealChunker grades against passages cut by notes.Parse, which turns
// nested bullets into headings ("ALB NLB" › "ALB"): subjects then come from
// the heading path rather than from labels inside the text.
func TestRealChunker(t *testing.T) {
	src := seedFile(t, seedAWS)
	note, err := notes.Parse(seedAWS, []byte(src), notes.DefaultChunkOptions())
	if err != nil {
		t.Fatal(err)
	}
	var ps []notes.Passage
	for _, c := range note.Chunks {
		hp := strings.Join(c.HeadingPath, "/")
		if strings.Contains(hp, "ALB NLB") || strings.HasSuffix(hp, "OSI 7 Layer") {
			ps = append(ps, notes.Passage{ChunkID: fmt.Sprint(c.Ordinal), Note: seedAWS, HeadingPath: c.HeadingPath, Text: c.Text, Score: 1 / float64(1+len(ps))})
		}
	}
	if len(ps) < 2 {
		t.Fatalf("found %d ALB/NLB chunks", len(ps))
	}
	g := token.DefaultGlossary()
	j := NewOffline(g, DefaultCalibration())
	r := BuildRubric(albQuestion, ps, g)
	full, part, swapped := mustJudge(t, j, r, albComplete), mustJudge(t, j, r, albPartial), mustJudge(t, j, r, albSwapped)
	if !(full.Score > part.Score && part.Score > swapped.Score) {
		t.Errorf("complete %d, partial %d, swapped %d", full.Score, part.Score, swapped.Score)
	}
	incorrect := 0
	for _, p := range swapped.Points {
		if p.Status == Incorrect {
			incorrect++
		}
		if (strings.Contains(p.Text, "L7") || strings.Contains(p.Text, "L4")) && p.Status != Incorrect {
			t.Errorf("layer point %q is %s", p.Text, p.Status)
		}
	}
	if incorrect < 2 || !strings.HasPrefix(r.Points[0].Text, "ALB: ") {
		t.Errorf("%d incorrect points; first point %q", incorrect, r.Points[0].Text)
	}
}

func TestIsKeywordList(t *testing.T) {
	cases := []struct {
		text string
		want bool
	}{
		{"인바운드, 아웃바운드, 퍼블릭 서브넷, 프라이빗 서브넷, 라우팅", true},
		{"DevOps 핵심: 자동화, 협업, CI/CD, 모니터링", true},
		{"자동화 협업 모니터링 배포", true},
		{"ALB L7 NLB L4", true},
		{"NAT gateway, private subnet, outbound, route table", true},
		{"ALB는 L7, NLB는 L4", false},
		{"NAT 게이트웨이를 씁니다.", false},
		{"EFS, 여러 서버가 공유", false},
		{"It uses a NAT gateway in the public subnet.", false},
		// English verbs are many; a sentence shows itself by its function words
		{"Agile lets the team respond quickly to changing requirements.", false},
		{"It cuts overhead such as heavy documentation, so development moves faster.", false},
		{"fast feedback, lower rework cost, less documentation", true},
		{"NAT 게이트웨이", false},
		// a name's own 이 is no subject particle (게이트웨이, 레이어 뒤의 이)
		{"API 게이트웨이, 이벤트 처리, 독립 테스트, 독립 배포", true},
		{"NAT 게이트웨이가 아웃바운드만 허용", false},
		{"서브넷이 인스턴스를 묶는 단위", false},
		{"자동화된 복구와 점진적 업데이트를 제공하고, 로드밸런싱도 자동으로 해 줍니다.", false},
	}
	for _, c := range cases {
		if got := isKeywordList(c.text); got != c.want {
			t.Errorf("isKeywordList(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// A wrong fact caps the score below a thin but correct answer: the thin
// answer says one thing right, the fluent wrong one says the rest right
// and one thing wrong, and an interviewer ranks the thin one higher.
func TestWrongBelowThin(t *testing.T) {
	q := "ALB와 NLB는 각각 어느 계층에서 동작하나요?"
	thin := judgeOnSeeds(t, q, "ALB는 L7 로드밸런서입니다.")
	wrong := judgeOnSeeds(t, q, "ALB는 L4에서 TCP와 UDP를 처리하고, NLB는 L7에서 HTTP와 HTTPS의 헤더를 보고 라우팅합니다. 둘 다 트래픽을 여러 대상으로 나눠 주는 로드밸런서입니다.")
	if wrong.Score > wrongCap {
		t.Errorf("wrong answer scored %d, above the cap %d", wrong.Score, wrongCap)
	}
	if thin.Score <= wrong.Score {
		t.Errorf("thin answer %d not above the wrong one %d", thin.Score, wrong.Score)
	}
}

// A question names a thing the notes lack only by a name written in Latin
// letters: the glossary's English for a Korean word ("스토리지" → storage)
// names nothing, so an answer graded against a section without it is not
// told the notes lack the topic.
func TestUnknownNameAsWritten(t *testing.T) {
	o := NewOffline(token.DefaultGlossary(), DefaultCalibration())
	for _, c := range []struct {
		question string
		want     bool
	}{
		{"HPC 말고, 웹 서버 여러 대가 첨부파일을 같이 봐야 하면 스토리지는 어떻게 가져가시겠어요?", false},
		{"HPC 환경의 메트릭을 Prometheus로 모으려면 어떻게 하시겠어요?", true},
	} {
		r, _ := rubricOnSeeds(t, c.question)
		r.Passages = r.Passages[:1]
		pr := o.prepare(Rubric{Question: c.question, Points: r.Points, Passages: r.Passages})
		if got := unknownName(pr, c.question); got != c.want {
			t.Errorf("unknownName(%q) = %v, want %v", c.question, got, c.want)
		}
	}
}

// An answer about a thing the question names and no note holds is not
// graded against the nearest section: the notes do not cover the question.
// A thing given as an example of what is asked ("containerd나 CRI-O 같은
// 걸 컨테이너 런타임이라고"), or a wrong answer on a section the question
// names (WSGI, with gunicorn beside it), is graded as usual.
func TestAnswersUnknown(t *testing.T) {
	for _, c := range []struct {
		name, question, answer string
		notInNotes             bool
	}{
		{"helm", "쿠버네티스에 앱 배포할 때 Helm 차트를 쓰면 뭐가 좋아요? values.yaml은 어떤 역할이고요?",
			"Helm은 쿠버네티스용 패키지 매니저라서 Deployment, Service, ConfigMap 같은 여러 매니페스트를 하나의 차트로 묶어 템플릿화하고 버전 관리할 수 있어요. values.yaml에는 이미지 태그, 레플리카 수처럼 환경마다 바뀌는 값을 넣어 둡니다.", true},
		{"prometheus", "서비스 메트릭 모니터링을 Prometheus로 구성한다면, Prometheus는 메트릭을 어떤 방식으로 수집하고 알림은 어떻게 보내나요?",
			"Prometheus는 기본적으로 pull 방식이라서, 각 서비스나 exporter가 노출한 /metrics 엔드포인트를 주기적으로 스크레이프합니다. 알림은 Alertmanager로 보내서 슬랙이나 메일로 라우팅합니다.", true},
		{"helm, kubernetes as the setting", "쿠버네티스에 앱 배포할 때 Helm 차트를 쓰면 뭐가 좋아요?",
			"Helm은 쿠버네티스용 패키지 매니저라서 여러 매니페스트를 차트 하나로 묶어 버전 관리하고, values.yaml로 환경별 값을 바꿔 배포할 수 있습니다.", true},
		{"example of the asked kind", "containerd나 CRI-O 같은 걸 컨테이너 런타임이라고 하잖아요. 쿠버네티스 구조에서 이건 어디에 자리 잡고 있고, 실제로 무슨 일을 하나요?",
			"컨테이너 런타임은 노드 컴포넌트 쪽이라 각 워커 노드에 설치돼요. kubelet이 지시를 받으면 CRI라는 인터페이스로 containerd에 요청하고, 런타임이 이미지를 받아서 컨테이너를 실행하는 흐름이에요.", false},
		{"wrong on a named section", "Django 서비스를 Nginx랑 gunicorn으로 배포한다고 하면, 사용자 요청이 Django 코드까지 가는 동안 WSGI는 어디쯤에서 어떤 역할을 하나요?",
			"요청은 gunicorn 같은 WSGI 서버가 제일 앞에서 먼저 받고, 그걸 Nginx로 넘기면 Nginx가 Django 코드를 호출하는 순서입니다. 그러니까 WSGI는 사용자와 웹 서버 사이에서 요청을 받아 주는 관문입니다.", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := judgeOnSeeds(t, c.question, c.answer)
			if got := g.Verdict == VerdictNotInNotes; got != c.notInNotes {
				t.Errorf("verdict %q (score %d), want not_in_notes %v", g.Verdict, g.Score, c.notInNotes)
			}
		})
	}
}

func TestWithoutWhere(t *testing.T) {
	for in, want := range map[string]string{
		"쿠버네티스에 앱 배포할 때 Helm 차트를 쓰면 뭐가 좋아요?":                          "앱 배포할 때 Helm 차트를 쓰면 뭐가 좋아요?",
		"Django 서비스를 Nginx랑 gunicorn으로 배포할 때 WSGI는 어디쯤에서 어떤 역할을 하나요?": "Django 서비스를 Nginx랑 gunicorn으로 배포할 때 WSGI는 어떤 역할을 하나요?",
		"RDS에서 Multi-AZ와 읽기 전용 복제본은 어떻게 다른가요?":                        "Multi-AZ와 읽기 전용 복제본은 어떻게 다른가요?",
	} {
		if got := withoutWhere(in); got != want {
			t.Errorf("withoutWhere(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGivenAsExample(t *testing.T) {
	for _, c := range []struct {
		question, name string
		want           bool
	}{
		{"containerd나 cri-o 같은 걸 컨테이너 런타임이라고 하잖아요.", "containerd", true},
		{"containerd나 cri-o 같은 걸 컨테이너 런타임이라고 하잖아요.", "cri", true},
		{"왜 gunicorn 같은 wsgi 서버를 중간에 하나 더 끼우냐", "gunicorn", true},
		{"helm 차트를 쓰면 뭐가 좋아요?", "helm", false},
		{"prometheus로 구성한다면, 같은 메트릭을", "prometheus", false},
	} {
		if got := givenAsExample(c.question, c.name); got != c.want {
			t.Errorf("givenAsExample(%q, %q) = %v, want %v", c.question, c.name, got, c.want)
		}
	}
}

// A point said in the candidate's own words is covered: "요청이 있을 때만
// 과금돼서 비용을 아낄 수 있고요" is the notes' "request가 있을때만 작동하여
// 비용절감 가능" (있을 때 spaced as said, 아끼다 for 절감).
func TestCoveredInOwnWords(t *testing.T) {
	gr := judgeOnSeeds(t, "Lambda를 쓰면 비용이랑 확장 면에서 뭐가 좋아지나요?",
		"요청이 있을 때만 과금돼서 비용을 아낄 수 있고요, 트래픽 양에 따라 알아서 늘었다 줄었다 하니까 확장성이랑 탄력성도 좋습니다.")
	found := false
	for _, p := range gr.Points {
		if strings.Contains(p.Text, "비용절감") {
			found = true
			if p.Status != Covered {
				t.Errorf("%q is %s, want covered", p.Text, p.Status)
			}
		}
	}
	if !found || gr.Score < 70 {
		t.Errorf("score %d, points %s; want the cost point and a good score", gr.Score, pointsSummary(gr))
	}
}

// One clause of a point said whole is part of it: "보안 그룹은 허용 규칙만
// 있습니다" against "허용(Allow) 규칙만 있고, 규칙에 없는 트래픽은 모두
// 거부된다" (found through make run: a thin correct answer had covered
// nothing).
func TestOneClauseSaidWhole(t *testing.T) {
	g := token.DefaultGlossary()
	r := BuildRubric("팀원이 보안 그룹에서 특정 IP만 골라서 막는 규칙을 넣자고 하는데, 이게 가능한지랑 보안 그룹이 규칙을 어떻게 처리하는지 설명해 주세요.", fileChunks(t, "../samples/notes/aws-networking.md"), g)
	gr, err := NewOffline(g, DefaultCalibration()).Judge(t.Context(), r, "보안 그룹은 허용 규칙만 있습니다.")
	if err != nil {
		t.Fatal(err)
	}
	i := -1
	for j, p := range gr.Points {
		if strings.Contains(p.Text, "허용(Allow) 규칙만") {
			i = j
		}
	}
	if i < 0 || gr.Points[i].Status != Partial {
		t.Errorf("the allow-only point: %s", pointsSummary(gr))
	}
}
