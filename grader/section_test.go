package grader

import (
	"os"
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
	var out []notes.Passage
	for _, name := range []string{seedAWS, seedDevOps} {
		src, err := os.ReadFile(testdatadir.Path("seeds", name))
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
		want           []string // the last heading of each chosen section; none: not in the notes
	}{
		{"particle after a Latin word", "TDD로 개발하면 코드 작성 순서가 어떻게 달라지나요?", []string{"TDD"}},
		{"the notes' misspelling", "AWS Lambda의 장단점은 무엇인가요?", []string{"AWS Labmda"}},
		{"other words than the heading", "프라이빗 서브넷의 인스턴스가 외부와 통신하려면 어떤 게이트웨이를 쓰나요?", []string{"NAT 게이트웨이 - Network Address Translate"}},
		{"a comparison names two sections", "XP와 Scrum은 어떻게 다른가요?", []string{"XP (Extreme Programming)", "Scrum"}},
		// Nothing in the notes shares its words. (A question that shares one
		// generic word with a heading, "양자 컴퓨터의 큐비트…" with "컴퓨터 공학
		// 기초 상식", is still graded against that heading: a known limit.)
		{"nothing about it", "큐비트 결맞음을 유지하려면 극저온 냉각이 왜 필요한가요?", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			secs := chooseSections(c.question, ps, nil, g)
			var got []string
			for _, s := range secs {
				got = append(got, s.Path[len(s.Path)-1])
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("sections for %q = %q, want %q", c.question, got, c.want)
			}
		})
	}
}
