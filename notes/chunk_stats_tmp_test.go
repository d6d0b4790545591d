package notes

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestChunkStatsTmp(t *testing.T) {
	dir := "/work/shared/data/ko/notes"
	total, tiny := 0, 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if d.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		src, _ := os.ReadFile(p)
		n, _ := Parse(p, src, DefaultChunkOptions())
		for _, c := range n.Chunks {
			total++
			r := utf8.RuneCountInString(c.Text)
			if r < 40 {
				tiny++
				fmt.Printf("TINY %d %s %q %q\n", r, filepath.Base(p), c.HeadingPath, c.Text)
			}
		}
		return nil
	})
	fmt.Println("total", total, "tiny", tiny)
}
