package notes

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse: any bytes give either an error naming the note or chunks that
// hold together (valid UTF-8, line ranges inside the note, at most the size
// limit each). The corpus in testdata/fuzz/FuzzParse holds the shapes that
// once mattered; `make test` fuzzes briefly (scripts/test.sh).
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"# 제목\n\n본문\n",
		"- 목록\n    - 하위\n        내용\n",
		"```\ncode\n```\n# h\n",
		"---\ntitle: x\n---\n# y\n",
		"#### 애플리케이션 관점\n에서는 api gateway\n",
		"| a | b |\n|---|---|\n| 1 | 2 |\n",
		"\xef\xbb\xbf# BOM\n",
		strings.Repeat("#", 7) + " not a heading\n",
	} {
		f.Add([]byte(s))
	}
	opts := DefaultChunkOptions()
	f.Fuzz(func(t *testing.T, src []byte) {
		n, err := Parse("fuzz.md", src, opts)
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.md") {
				t.Fatalf("error does not name the note: %v", err)
			}
			return
		}
		lines := strings.Count(string(src), "\n") + 1
		for _, c := range n.Chunks {
			if !utf8.ValidString(c.Text) {
				t.Fatalf("chunk %d is not UTF-8", c.Ordinal)
			}
			if c.LineStart < 1 || c.LineEnd < c.LineStart || c.LineEnd > lines {
				t.Fatalf("chunk %d lines %d-%d outside the note's %d lines", c.Ordinal, c.LineStart, c.LineEnd, lines)
			}
		}
	})
}
