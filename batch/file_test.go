package batch

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"grader/tabular"
)

func TestParseFormats(t *testing.T) {
	want := []Item{
		{Question: "NAT 게이트웨이는 왜 필요한가요?", Answer: "프라이빗 서브넷에서 밖으로만 나가게 해 줍니다.", Topic: "VPC"},
		{Question: "ALB와 NLB의 차이는?", Answer: "ALB는 L7, NLB는 L4입니다."},
	}
	cases := []struct {
		name, path, data string
		lines            []int
	}{
		{"csv with a header in any order", "a.csv",
			"topic,answer,question\nVPC,프라이빗 서브넷에서 밖으로만 나가게 해 줍니다.,NAT 게이트웨이는 왜 필요한가요?\n,\"ALB는 L7, NLB는 L4입니다.\",ALB와 NLB의 차이는?\n", []int{2, 3}},
		{"csv with a BOM and a blank line", "a.csv",
			"\ufeffquestion,answer,topic\nNAT 게이트웨이는 왜 필요한가요?,프라이빗 서브넷에서 밖으로만 나가게 해 줍니다.,VPC\n\nALB와 NLB의 차이는?,\"ALB는 L7, NLB는 L4입니다.\",\n", []int{2, 4}},
		{"jsonl", "a.jsonl",
			`{"question":"NAT 게이트웨이는 왜 필요한가요?","answer":"프라이빗 서브넷에서 밖으로만 나가게 해 줍니다.","topic":"VPC"}` + "\n\n" +
				`{"question":"ALB와 NLB의 차이는?","answer":"ALB는 L7, NLB는 L4입니다.","extra":1}` + "\n", []int{1, 3}},
		{"json array", "a.json",
			"[\n" + `{"question":"NAT 게이트웨이는 왜 필요한가요?","answer":"프라이빗 서브넷에서 밖으로만 나가게 해 줍니다.","topic":"VPC"},` + "\n" +
				`{"question":"ALB와 NLB의 차이는?","answer":"ALB는 L7, NLB는 L4입니다."}` + "\n]", []int{2, 3}},
		{"markdown: ## headings are questions, a title and ### inside answers", "a.md",
			"# 모의 면접\n\n소개 문단은 질문이 아니다.\n\n## NAT 게이트웨이는 왜 필요한가요?\n\n프라이빗 서브넷에서 밖으로만 나가게 해 줍니다.\n\n## ALB와 NLB의 차이는?\nALB는 L7, NLB는 L4입니다.\n", []int{5, 9}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Parse(c.path, []byte(c.data))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d items, want %d: %+v", len(got), len(want), got)
			}
			for i, w := range want {
				if c.path == "a.md" {
					w.Topic = "" // Markdown has no topic field
				}
				w.Line = c.lines[i]
				if got[i] != w {
					t.Errorf("item %d = %+v, want %+v", i, got[i], w)
				}
			}
		})
	}
}

func TestParseMarkdownAnswers(t *testing.T) {
	src := "Setext 질문\n---------\n\n첫 답.\n\n## `kubectl apply`는 어디로 가나요?\n\nkube-apiserver로 갑니다.\n\n```\n## 코드 안의 줄은 질문이 아니다\n```\n\n### 덧붙임\n\n세부 내용도 답이다.\n\n---\n\n끝.\n"
	got, err := Parse("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d items: %+v", len(got), got)
	}
	if got[0].Question != "Setext 질문" || got[0].Answer != "첫 답." || got[0].Line != 1 {
		t.Errorf("setext item %+v", got[0])
	}
	if got[1].Question != "kubectl apply는 어디로 가나요?" || got[1].Line != 6 {
		t.Errorf("item %+v", got[1])
	}
	for _, part := range []string{"kube-apiserver로 갑니다.", "## 코드 안의 줄은 질문이 아니다", "### 덧붙임", "세부 내용도 답이다.", "끝."} {
		if !strings.Contains(got[1].Answer, part) {
			t.Errorf("answer %q lacks %q", got[1].Answer, part)
		}
	}
}

// Every problem is reported with its line and field, all of them at once,
// and nothing is returned from a file that has any.
func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, path, data string
		want             []string // parts of the error
	}{
		{"missing column", "a.csv", "question,reply\nq,a\n", []string{"a.csv:1", `missing column "answer"`, "columns: question, reply"}},
		{"empty answer and empty question", "a.csv", "question,answer\nq1,\n,a2\nq3,a3\n", []string{"2 problems", `a.csv:2:4: "answer": answer is empty`, `a.csv:3:1: "question": question is empty`}},
		{"invisible answer", "a.jsonl", `{"question":"q","answer":"\u200b\u00a0"}`, []string{`a.jsonl:1: "answer": answer is empty`}},
		{"a field that is not a string", "a.jsonl", `{"question":"q","answer":"a"}` + "\n" + `{"question":"q","answer":42}`, []string{`a.jsonl:2: "answer": must be a string`}},
		{"malformed line", "a.jsonl", `{"question":"q","answer":"a"}` + "\n" + `{"question":"q",`, []string{"a.jsonl:2", "not a JSON object"}},
		{"unclosed quote in CSV", "a.csv", "question,answer\n\"q,a\n", []string{"a.csv:2"}},
		{"NUL byte", "a.md", "## q\n\na\x00\n", []string{"a.md:3", "NUL"}},
		{"not UTF-8", "a.csv", "question,answer\nq,\xff\n", []string{"not UTF-8"}},
		{"no questions", "a.md", "# 제목만 있다\n\n본문\n", []string{"no questions"}},
		{"markdown question with no answer", "a.md", "## 첫 질문\n\n답\n\n## 빈 질문\n\n## 셋째\n\n답\n", []string{`a.md:5: "answer": answer is empty`}},
		{"unsupported type", "a.txt", "q,a", []string{"unsupported file type"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			items, err := Parse(c.path, []byte(c.data))
			if err == nil {
				t.Fatalf("no error; items %+v", items)
			}
			if items != nil {
				t.Errorf("items returned beside the error: %+v", items)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

func TestParseListsAtMostSomeProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString("question,answer\n")
	for i := range 30 {
		fmt.Fprintf(&b, "q%d,\n", i)
	}
	_, err := Parse("a.csv", []byte(b.String()))
	var pe *ParseError
	if !errors.As(err, &pe) || len(pe.Problems) != maxProblems || pe.More != 30-maxProblems || !strings.Contains(err.Error(), "30 problems") || !strings.Contains(err.Error(), "and 10 more") {
		t.Fatalf("error %v", err)
	}
}

// FuzzParse: any bytes under any of the names give items that are all
// gradeable (question and answer with text, UTF-8, no NUL) with a line in
// the file, or an error that says where; never a panic. `make test`
// fuzzes it briefly.
func FuzzParse(f *testing.F) {
	for _, s := range []struct{ name, data string }{
		{"a.csv", "question,answer,topic\nq,a,t\n"},
		{"a.jsonl", `{"question":"q","answer":"a"}`},
		{"a.json", `[{"question":"q","answer":"a"}]`},
		{"a.md", "# t\n\n## q\n\na\n\nq2\n--\nb\n"},
		{"a.md", "## \n\n##\n"},
		{"a.csv", "\"question\",answer\n\"q\"\"\",\"\n\""},
	} {
		f.Add(s.name, []byte(s.data))
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		items, err := Parse(name, data)
		if err != nil {
			var te *tabular.Error
			var pe *ParseError
			if !errors.As(err, &te) && !errors.As(err, &pe) {
				t.Fatalf("error %T %v does not locate the problem", err, err)
			}
			return
		}
		lines := strings.Count(string(data), "\n") + 1
		for _, it := range items {
			for _, v := range []string{it.Question, it.Answer} {
				if strings.TrimSpace(v) == "" || strings.ContainsRune(v, 0) || !utf8.ValidString(v) {
					t.Fatalf("item %+v of %q is not gradeable", it, data)
				}
			}
			if it.Line < 1 || it.Line > lines {
				t.Fatalf("item %+v: line outside the file's %d", it, lines)
			}
		}
	})
}
