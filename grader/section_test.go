package grader

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"grader/internal/testdatadir"
	"grader/notes"
	"grader/token"
)

// seedChunks parses the seed notes as ingest would and returns their chunks
// as passages (no database: section choice reads passages).
func seedChunks(t *testing.T) []notes.Passage {
	t.Helper()
	return fileChunks(t, testdatadir.Path("seeds", seedAWS), testdatadir.Path("seeds", seedDevOps))
}

// sampleChunks are the chunks of samples/notes, the notes `make run` serves.
func sampleChunks(t *testing.T) []notes.Passage {
	t.Helper()
	files, err := filepath.Glob("../samples/notes/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("sample notes: %v (%d files)", err, len(files))
	}
	return fileChunks(t, files...)
}

// fileChunks parses note files as ingest would, each chunk a passage.
func fileChunks(t *testing.T, files ...string) []notes.Passage {
	t.Helper()
	var out []notes.Passage
	for _, f := range files {
		name := filepath.Base(f)
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n, err := notes.Parse(name, src, notes.DefaultChunkOptions())
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range n.Chunks {
			out = append(out, notes.Passage{ChunkID: name + "#" + strconv.Itoa(c.Ordinal), Note: name, HeadingPath: c.HeadingPath,
				Text: c.Text, LineStart: c.LineStart, LineEnd: c.LineEnd})
		}
	}
	return out
}

func TestChooseSections(t *testing.T) {
	g := token.DefaultGlossary()
	ps := seedChunks(t)
	cases := []struct {
		name, question string
		want           []string // the last heading(s) of each chosen section; none: not in the notes
	}{
		{"particle after a Latin word", "TDD로 개발하면 코드 작성 순서가 어떻게 달라지나요?", []string{"TDD"}},
		{"the notes' misspelling", "AWS Lambda의 장단점은 무엇인가요?", []string{"AWS Labmda"}},
		{"other words than the heading", "프라이빗 서브넷의 인스턴스가 외부와 통신하려면 어떤 게이트웨이를 쓰나요?", []string{"NAT 게이트웨이 - Network Address Translate"}},
		{"a comparison names two sections", "XP와 Scrum은 어떻게 다른가요?", []string{"XP (Extreme Programming)", "Scrum"}},
		// 장점 is a facet of its parent: the DevOps one, not the container one,
		// and an interviewer's 이득 asks for it.
		{"a facet heading belongs to its parent", "회사가 DevOps를 도입하면 어떤 이득이 있을까요?", []string{"Devops 디벨롭먼트+오퍼레이션 > 장점"}},
		{"a facet in other words", "DevOps를 도입할 때 어려운 점은 뭐라고 보세요?", []string{"Devops 디벨롭먼트+오퍼레이션 > 단점"}},
		{"advantages asked as what is good", "컨테이너를 쓰면 어떤 점이 좋은가요?", []string{"컨테이너 > 장점"}},
		// a topic named in Hangul the glossary knows by its Latin name: not
		// another topic's facet (DevOps > 장점, CI/CD > 장점)
		{"a glossed name's merits", "쿠버네티스의 장점은 뭔가요?", []string{"k8s vs. docker > 쿠버네티스"}},
		{"a glossed name asked what it does well", "도커를 쓰면 뭐가 좋은가요?", []string{"k8s vs. docker > 도커"}},
		{"drawbacks asked as what is lacking", "Agile 방식의 아쉬운 점은 뭐라고 보세요?", []string{"Agile > 단점"}},
		// both facets asked: the topic, which holds them both
		{"merits and what to be careful of", "트래픽이 거의 없는 사내 API를 Lambda로 옮기자고 하면, 비용 면에서 뭐가 좋아지고 반대로 뭘 조심해야 할까요?", []string{"AWS Labmda"}},
		{"drawbacks asked as what to watch for", "DevOps를 도입할 때 주의할 점은 뭐라고 보세요?", []string{"Devops 디벨롭먼트+오퍼레이션 > 단점"}},
		// "따져 봐야 할 점", "감수해야": drawbacks too, beside the merits
		{"merits and what to weigh first", "이벤트가 올 때만 코드가 돌게 Lambda로 가면 좋은 점이랑, 도입 전에 꼭 따져 봐야 할 점은 뭐가 있을까요?", []string{"AWS Labmda"}},
		{"what must be borne", "DevOps를 도입하면 회사가 감수해야 할 부분은 뭐라고 보세요?", []string{"Devops 디벨롭먼트+오퍼레이션 > 단점"}},
		{"what is better", "VM 대신 컨테이너를 쓰면 성능이나 운영 측면에서 뭐가 더 나은가요?", []string{"컨테이너 > 장점"}},
		{"what opponents worry about", "회사에 데브옵스를 도입하자고 하면, 반대하는 쪽에서는 주로 어떤 점을 걱정할 거라고 보세요?", []string{"Devops 디벨롭먼트+오퍼레이션 > 단점"}},
		// a section the chunker folded into its parent's chunk is still a section
		{"a folded section", "Terraform으로는 어떤 작업까지 해 보셨어요?", []string{"AWS 서비스 > Terraform"}},
		// named among other words the section above gathers from its other
		// children (EC2, VPC, IAM under AWS 서비스)
		{"a named section below a broader one", "Terraform으로 AWS를 다룰 때 EC2나 VPC 말고 IAM 권한 설정도 코드로 관리할 수 있나요?", []string{"AWS 서비스 > Terraform"}},
		// a section that mentions the name in passing (NLB: "Backend의
		// 보안그룹 규칙을 따름") does not go before the one it heads
		{"the section a name heads", "같은 서브넷에 새 EC2를 띄우면 웹 서버들에 걸린 보안 그룹 규칙이 알아서 적용되나요?", []string{"Security Group"}},
		// of two names, the more specific: Master/Slave under DNS
		{"a named section below a named one", "bind로 Master/Slave 구성을 해 둔 DNS에서 Master 서버를 잠깐 내리면 조회는 어떻게 되나요?", []string{"DNS > Master/Slave"}},
		// "각각" sets two things side by side, both inside the one section named
		{"a comparison inside the one section named", "Ansible 사내 교육을 입문 과정이랑 심화 과정으로 나눈다면 각각 어떤 주제를 넣으시겠어요?", []string{"AWS 서비스 > Ansible"}},
		// a name written in Latin letters over words only a section's text
		// holds ("배치할지 결정하는 작업" under kube-scheduler)
		{"a named section over words in another's text", "야간 배치 작업 몇 개를 Lambda로 돌려 보자는 얘기가 있는데, 괜찮을까요?", []string{"AWS Labmda"}},
		{"a heading the question names whole", "테스트 자동화라고 하면 테스트 스크립트를 자동으로 돌리는 것만 말하는 건가요?", []string{"테스트 자동화"}},
		// Nothing in the notes shares its words. (A question that shares one
		// generic word with a heading, "양자 컴퓨터의 큐비트…" with "컴퓨터 공학
		// 기초 상식", is still graded against that heading: a known limit.)
		{"nothing about it", "큐비트 결맞음을 유지하려면 극저온 냉각이 왜 필요한가요?", nil},
		// a concept is asked of the notes on it before a project that used it
		{"a concept before a project", "브라우저에 도메인 주소를 치면 실제 서버까지 어떻게 찾아가는 건지, DNS가 하는 일을 설명해 주시겠어요?", []string{"Route 53 (DNS)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			secs := chooseSections(c.question, "", ps, nil, newLexicon(g))
			var got []string
			for i, s := range secs {
				// the last heading, or as much of the path as the case names
				n := 1
				if i < len(c.want) {
					n = max(1, strings.Count(c.want[i], " > ")+1)
				}
				got = append(got, strings.Join(s.Path[max(0, len(s.Path)-n):], " > "))
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("sections for %q = %q, want %q", c.question, got, c.want)
			}
		})
	}
}

func TestFoldedSections(t *testing.T) {
	p := notes.Passage{ChunkID: "7", Note: "n.md", HeadingPath: []string{"AWS", "AWS 서비스"}, LineStart: 79,
		Text: "- Ansible\n\n    플레이북, 변수\n\n- Terraform\n\n    AWS IAM 구성\n\n    프로비저너, 모듈"}
	got := foldedSections(p)
	if len(got) != 2 {
		t.Fatalf("folded sections = %d, want 2: %+v", len(got), got)
	}
	want := []struct {
		label      string
		start, end int
	}{{"Ansible", 79, 81}, {"Terraform", 83, 87}}
	for i, w := range want {
		g := got[i]
		if g.HeadingPath[len(g.HeadingPath)-1] != w.label || g.LineStart != w.start || g.LineEnd != w.end || g.ChunkID != "7" {
			t.Errorf("section %d = %v lines %d-%d chunk %s, want %s lines %d-%d chunk 7", i, g.HeadingPath, g.LineStart, g.LineEnd, g.ChunkID, w.label, w.start, w.end)
		}
	}
	// A Markdown heading folded with its text, up to the next heading.
	msa := notes.Passage{ChunkID: "9", HeadingPath: []string{"MSA"}, LineStart: 70,
		Text: "마이크로서비스를 지원하는 아키텍쳐.\n\n#### 애플리케이션 관점\n비즈니스 프로세스를 이벤트 중심으로 분석한다."}
	if got := foldedSections(msa); len(got) != 1 || got[0].HeadingPath[1] != "애플리케이션 관점" || got[0].LineStart != 72 || got[0].LineEnd != 73 {
		t.Errorf("folded heading = %+v, want 애플리케이션 관점 at lines 72-73", got)
	}
	// The chunker leads a chunk with the titles of the sections it is in:
	// those are not sections folded into it.
	lead := notes.Passage{HeadingPath: []string{"k8s", "컨트롤 플레인"}, Text: "- 컨트롤 플레인\n    - etcd\n\n        저장소"}
	if got := foldedSections(lead); len(got) != 0 {
		t.Errorf("a lead title taken for a folded section: %+v", got)
	}
}

// Headings are analysed apart: "AWS 네트워크" then "로드 밸런서" is not the
// glossary's "네트워크 로드 밸런서" (NLB).
func TestHeadingsAnalysedApart(t *testing.T) {
	g := token.DefaultGlossary()
	q := Question{HeadingPath: []string{"AWS 네트워크", "로드 밸런서"}}
	b := newBag(analyze(strings.Join(q.HeadingPath, "\n"), g))
	if b.has("nlb") || !b.has("loadbalanc") {
		t.Errorf("headings joined into one phrase: %v", b.keys)
	}
}

// A comparison's second section comes from the same topic of the same note:
// "웹 서비스" in the question does not bring in Kubernetes' 서비스 beside ALB.
func TestComparisonStaysInItsTopic(t *testing.T) {
	ps := sampleChunks(t)
	secs := chooseSections("웹 서비스에서 URL 경로별로 요청을 나누려면 ALB를 쓰나요? 다른 로드밸런서와는 어떻게 다른가요?", "", ps, nil, newLexicon(token.DefaultGlossary()))
	if len(secs) == 0 || !strings.HasPrefix(secs[0].Path[len(secs[0].Path)-1], "ALB") {
		t.Fatalf("sections %v, want ALB first", secs)
	}
	for _, s := range secs[1:] {
		if s.Note != secs[0].Note {
			t.Errorf("second section %q from another note %s", s.Title(), s.Note)
		}
	}
}

// A question asked around its topic leaves sections close; the answer's
// words decide between those, and only those: an answer naming a section
// the question is not about does not take the grading there.
func TestAnswerDecidesBetweenCloseSections(t *testing.T) {
	ps := seedChunks(t)
	g := token.DefaultGlossary()
	q := "서비스 앞단에 로드밸런서를 하나 두려고 하는데, 어떤 걸 고르시겠어요? 이유도 말씀해 주세요."
	cases := []struct {
		name, answer, want, not string
	}{
		{"the candidate names one", "ALB를 쓰겠습니다. HTTP 헤더를 보고 경로별로 나눌 수 있는 L7 로드밸런서라서요.", "ALB", ""},
		{"the candidate names its sibling", "NLB를 쓰겠습니다. TCP와 UDP를 받는 L4 로드밸런서라 빠르니까요.", "NLB", ""},
		{"a section the question is not about", "Route 53으로 DNS를 나누겠습니다.", "", "Route 53"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			secs := chooseSections(q, c.answer, ps, nil, newLexicon(g))
			if len(secs) == 0 {
				t.Fatal("no section")
			}
			got := secs[0].Title()
			if c.want != "" && !strings.HasSuffix(got, c.want) {
				t.Errorf("section %q, want %q", got, c.want)
			}
			if c.not != "" && strings.Contains(got, c.not) {
				t.Errorf("section %q: the answer pulled the grading off the question", got)
			}
		})
	}
}

// A section the question names stays chosen whatever the answer says, when
// the section above it gathers the question's words only from its other
// children (Ansible under "AWS 서비스"), or the question names both (Master/
// Slave under DNS).
func TestNamedSectionKeptWithTheAnswer(t *testing.T) {
	ps := seedChunks(t)
	g := token.DefaultGlossary()
	cases := []struct {
		question, answer, want string
	}{
		{"개발, 스테이징, 운영 서버마다 설정 파일 값이 조금씩 다르고, 일부 서버에만 특정 패키지를 깔아야 해요. Ansible로 이걸 플레이북 하나에서 처리하려면 어떤 기능들을 쓰시겠어요?",
			"환경마다 다른 값은 변수로 빼고, 설정 파일은 템플릿으로 만들겠습니다. 여러 패키지는 반복문으로 묶고, 플레이북이 커지면 블록이나 역할로 쪼개겠습니다.", "AWS 서비스 > Ansible"},
		{"bind로 Master/Slave 구성을 해 둔 DNS에서 Master 서버를 한 시간쯤 내려야 해요. 그동안 조회는 어떻게 되나요?",
			"Slave 서버가 있으니 조회는 계속 됩니다. 이중화해 두고 동기화로 zone 파일을 맞추는 구성이니까요.", "DNS > Master/Slave"},
	}
	for _, c := range cases {
		secs := chooseSections(c.question, c.answer, ps, nil, newLexicon(g))
		if len(secs) == 0 || !strings.HasSuffix(secs[0].Title(), c.want) {
			t.Errorf("%q: sections %v, want %q first", c.question, titles(secs), c.want)
		}
	}
}

func titles(secs []Section) []string {
	var out []string
	for _, s := range secs {
		out = append(out, s.Title())
	}
	return out
}

// A job posting's lines ("쿠버네티스 및 컨테이너 구축 및 운영 경험자",
// "On-Premise 인프라 운영 경험자") share a concept question's words and say
// nothing of the concept: the posting is graded against only when the
// question asks whom the team looks for, and its lines are points only then.
func TestJobPostingOnlyForQuestionsAboutPeople(t *testing.T) {
	cases := []struct {
		question string
		posting  bool
	}{
		{"지금 온프레미스에서 돌리는 쿠버네티스 워크로드를 나중에 퍼블릭 클라우드로 옮길 수 있을까요?", false},
		{"쿠버네티스로 가면 운영이 뭐가 좋아지고, 특정 클라우드에 묶이진 않나요?", false},
		{"저희가 클라우드 운영 엔지니어를 뽑는다면 어떤 경험을 가진 사람을 찾을 것 같으세요?", true},
	}
	for _, c := range cases {
		r, secs := rubricOnSeeds(t, c.question)
		chosen := strings.Join(secs[0].Passages[0].HeadingPath, " > ")
		if got := strings.HasSuffix(chosen, "AWS 클라우드 운영"); got != c.posting {
			t.Errorf("%q: graded against %q, want the posting: %v", c.question, chosen, c.posting)
		}
		points := 0
		for _, kp := range r.Points {
			if strings.HasSuffix(kp.Text, "경험자") {
				points++
			}
		}
		if (points > 0) != c.posting {
			t.Errorf("%q: %d points of the posting, want some: %v", c.question, points, c.posting)
		}
	}
}

// A question asking both facets of one topic is graded from the topic, which
// holds both, even when the search ranks one facet's chunk first; one that
// sets a facet aside ("좋은 점만 있는 건 아닐 텐데요") asks for the other only.
// Graded as the service grades: the search's ranking is what tipped it.
func TestBothFacetsAsked(t *testing.T) {
	svc, coll := seedService(t, "facets")
	cases := []struct{ question, want string }{
		{"트래픽이 거의 없는 사내 API를 Lambda로 옮기자고 하면, 비용 면에서 뭐가 좋아지고 반대로 뭘 조심해야 할까요?", "AWS Labmda"},
		{"DevOps 도입하면 좋은 점만 있는 건 아닐 텐데요, 현실적으로 어려운 점은 뭐라고 보세요?", "Devops 디벨롭먼트+오퍼레이션 > 단점"},
	}
	for _, c := range cases {
		secs, err := svc.Sections(t.Context(), coll, c.question, "")
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(secs[0].Path, " > "); got != c.want {
			t.Errorf("%q: graded from %q, want %q", c.question, got, c.want)
		}
	}
	// and the confident wrong answer on the drawbacks is caught there
	gr, err := svc.Check(t.Context(), Request{Collection: coll, Question: cases[0].question,
		Answer: "Lambda는 요청이 있을 때만 실행돼서 비용이 줄어듭니다. 그리고 Lambda는 콜드 스타트가 없어서 첫 호출도 항상 빠르고, 무거운 프레임워크도 문제없이 올릴 수 있어서 크게 조심할 건 없습니다."})
	if err != nil {
		t.Fatal(err)
	}
	if !hasIncorrect(gr) || gr.Score > 20 {
		t.Errorf("a wrong answer on Lambda's drawbacks scored %d:%s", gr.Score, pointsSummary(gr))
	}
}

// Two sections the question names, under one it does not ("Ansible이랑
// Terraform을 … 각각", both folded into "AWS 서비스", which also holds EBS
// and VPC), are graded from the two; and the tool a clause opens with
// ("Ansible로 AWS IAM 구성을 하고") is what does its work, so giving one
// tool's work to the other is a swap. Graded as the service grades.
func TestTwoNamedSectionsUnderOne(t *testing.T) {
	svc, coll := seedService(t, "twonamed")
	q := "Ansible이랑 Terraform을 같이 쓴다면 각각 뭘 맡기시겠어요?"
	for _, c := range []struct{ answer, want string }{
		{"Terraform으로는 AWS IAM 구성이나 리소스 배포, 변경·삭제 같은 구성 관리를 하고, Ansible로는 플레이북에 변수, 템플릿, 조건문, 반복문을 써서 서버 설정을 맡기겠습니다.", ""},
		{"Ansible로 AWS IAM 구성이랑 리소스 배포를 하고, Terraform으로는 플레이북의 변수랑 템플릿으로 서버 설정을 하겠습니다.", "Ansible"},
	} {
		gr, err := svc.Check(t.Context(), Request{Collection: coll, Question: q, Answer: c.answer})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range gr.Points {
			if hp := strings.Join(p.Citation.HeadingPath, ">"); !strings.HasSuffix(hp, "Ansible") && !strings.HasSuffix(hp, "Terraform") {
				t.Errorf("point %q from %s, want Ansible's or Terraform's", p.Text, hp)
			}
		}
		t.Run(c.answer, func(t *testing.T) { expectIncorrect(t, gr, c.want, nil) })
	}
}

// The notes' own misspelling ("AWS Labmda") hides the section from a search
// that matches words as written; a question naming Lambda is graded from it
// all the same, and a company's page naming the services it uses (메가마트:
// EC2, Lambda) is no section about them unless the question speaks of a
// company. In the interviewer's words, as the service grades.
func TestSectionNamedDespiteSpellingAndCompany(t *testing.T) {
	svc, coll := seedService(t, "spelt")
	cases := []struct{ question, want string }{
		{"메모리를 많이 쓰고 몇 시간씩 도는 인코딩 배치를 Lambda로 옮겨서 서버 관리 부담을 덜자는 얘기가 있어요. 어떻게 보세요?", "AWS Labmda"},
		{"하루에 몇 번 안 도는 이미지 변환 작업을 EC2에 상시로 띄워 두고 있는데, Lambda로 옮기면 뭐가 좋아질까요?", "AWS Labmda"},
		{"저희 고객사 메가마트는 AWS에서 어떤 서비스들을 쓰고 있는지 아세요?", "AWS > 회사"},
	}
	for _, c := range cases {
		secs, err := svc.Sections(t.Context(), coll, c.question, "")
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(secs[0].Path, " > "); !strings.HasPrefix(got, c.want) {
			t.Errorf("%q: graded from %q, want %q or below it", c.question, got, c.want)
		}
	}
}

// A heading is found by a name the question spells right and the heading
// does not: a slip the spelling check corrects, not any word near a name.
func TestMisspelt(t *testing.T) {
	heads := []notes.Heading{
		{Note: "a.md", HeadingPath: []string{"AWS Labmda"}},
		{Note: "a.md", HeadingPath: []string{"AWS Labmda", "장점"}},
		{Note: "b.md", HeadingPath: []string{"Kubernetes", "kube-apiverver"}},
		{Note: "c.md", HeadingPath: []string{"Lambda"}},
	}
	gl := token.DefaultGlossary()
	cases := []struct {
		question string
		want     []string
	}{
		{"Lambda로 옮기면 뭐가 좋아지나요?", []string{"a.md > AWS Labmda"}},
		{"kube-apiserver는 무슨 일을 하나요?", []string{"b.md > Kubernetes > kube-apiverver"}},
		{"람다로 옮기면 뭐가 좋아지나요?", nil},
		{"Labmda는 뭔가요?", nil},
	}
	for _, c := range cases {
		var got []string
		for _, h := range misspelt(c.question, heads, gl) {
			got = append(got, h.Note+" > "+strings.Join(h.HeadingPath, " > "))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("misspelt(%q) = %q, want %q", c.question, got, c.want)
		}
	}
}

// A second section is brought in for a comparison only when the question
// names its topic, not a word of its gloss: "etcd - 정보 저장소" is not
// about where a company keeps its "세션 정보" (it had been graded beside
// 메가마트's page, and a swap of two of its services asked back against
// etcd's line).
func TestSecondSectionNamedByItsTopic(t *testing.T) {
	svc, coll := seedService(t, "second")
	cases := []struct {
		question string
		want     []string // the sections, in order
	}{
		{"고객사 중에 메가마트가 AWS를 어떻게 쓰는지 찾아보셨다고요. 세션 정보나 정적 파일 같은 건 각각 어디에 두고 있는지 아세요?", []string{"AWS > 회사 > 메가마트"}},
		{"WordPress를 두 번 구축하셨던데, 리눅스 서버로 직접 올렸을 때랑 IaC로 AWS에 자동 배포했을 때 DB를 각각 어떻게 가져가셨는지 비교해서 말씀해 주세요.",
			[]string{"AWS > 프로젝트 기반 질문 > Infrastructure as Code (IaC) 기반 인프라 자동화 구축", "AWS > 프로젝트 기반 질문 > 리눅스 인프라 구축을 통한 Wordpress 서비스 구축"}},
	}
	for _, c := range cases {
		secs, err := svc.Sections(t.Context(), coll, c.question, "")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range secs {
			got = append(got, strings.Join(s.Path, " > "))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: graded from %q, want %q", c.question, got, c.want)
		}
	}
}

// The kind a question asks its thing to be is not what it is about: "MSA가
// 어떤 아키텍처인지" is about MSA, not the section under it headed
// "아키텍쳐 관점"; "실행하는 건 어떤 컴포넌트인가요" asks which component,
// and the kind finds it.
func TestKindNounIsNotTheTopic(t *testing.T) {
	cases := []struct{ question, want string }{
		{"MSA는 어떤 아키텍처인가요? 간단히 설명해 주세요.", "MSA"},
		{"마이크로서비스로 간다고 할 때 MSA가 어떤 아키텍처인지 말씀해 주시겠어요?", "MSA"},
		{"MSA를 아키텍처 관점에서 보면 뭐가 필요한가요?", "MSA > 아키텍쳐 관점"},
	}
	for _, c := range cases {
		_, secs := rubricOnSeeds(t, c.question)
		if len(secs) == 0 {
			t.Fatalf("%q: no section", c.question)
		}
		if got := strings.Join(secs[0].Passages[0].HeadingPath, " > "); got != c.want {
			t.Errorf("%q: graded against %q, want %q", c.question, got, c.want)
		}
	}
	q := "노드에서 컨테이너를 실제로 실행하는 건 어떤 컴포넌트인가요?"
	if got := withoutKindNoun(questionTerms(q, token.DefaultGlossary()), q, token.DefaultGlossary()); len(got) != len(questionTerms(q, token.DefaultGlossary())) {
		t.Errorf("%q: the kind of a clause made a noun was dropped", q)
	}
}

// A comparison that asks which things do two jobs names neither thing: the
// answer's names, written as the notes' headings write them, pick the
// second section among the first one's siblings. A name only spread over
// other words ("컨트롤 플레인이 관리") picks nothing, and a name of a section
// under another heading is not a sibling to compare.
func TestComparisonOfUnnamedThingsTakesTheAnswersNames(t *testing.T) {
	const q = "새 파드가 생기면 그걸 어떤 노드에 배치할지 정하는 쪽과, 복제 숫자가 유지되는지 확인해서 조치하는 쪽은 각각 어떤 컴포넌트이고 어떻게 다르죠?"
	const manager = "AWS > AWS 서비스 > k8s Component > 컨트롤 플레인 컴포넌트 - 기능 제어 > kube-controller-manager - 관리자"
	const scheduler = "AWS > AWS 서비스 > k8s Component > 컨트롤 플레인 컴포넌트 - 기능 제어 > kube-scheduler - 스케쥴 결정"
	cases := []struct {
		name, answer string
		want         []string
	}{
		{"both named", "노드를 고르는 건 kube-scheduler입니다. 새로 생긴 파드를 감지해서 배치할 노드를 결정해요. 복제 숫자는 kube-controller-manager가 확인하고 모자라면 조치합니다.", []string{manager, scheduler}},
		{"both named, swapped", "노드를 고르는 건 kube-controller-manager입니다. 복제 숫자는 kube-scheduler가 확인하고 모자라면 조치합니다.", []string{manager, scheduler}},
		{"no name written", "컨트롤 플레인이 스케줄을 정하고 관리합니다.", []string{manager}},
		{"a name under another heading", "노드를 고르는 건 kubelet이고, 복제 숫자는 kube-controller-manager가 맞춥니다.", []string{manager}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, s := range chooseSections(q, c.answer, seedChunks(t), nil, newLexicon(token.DefaultGlossary())) {
				got = append(got, s.Title())
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("graded from %q, want %q", got, c.want)
			}
		})
	}
}
