package notes

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestChunkDebugDump(t *testing.T) {
	p := os.Getenv("CHUNK_DUMP")
	if p == "" {
		t.Skip()
	}
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	opt := DefaultChunkOptions()
	if os.Getenv("CHUNK_MAX") != "" {
		opt = ChunkOptions{MaxChars: 200, OverlapChars: 60, MinChars: 40}
	}
	n, err := Parse(p, src, opt)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("title=%q cats=%q fm=%v chunks=%d\n", n.Title, n.Categories, n.FrontMatter, len(n.Chunks))
	for _, c := range n.Chunks {
		fmt.Printf("=== #%d %q L%d-%d (%d runes)\n%s\n", c.Ordinal, strings.Join(c.HeadingPath, " > "), c.LineStart, c.LineEnd, utf8.RuneCountInString(c.Text), c.Text)
	}
}
