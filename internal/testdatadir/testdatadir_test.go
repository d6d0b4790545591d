package testdatadir

import (
	"os"
	"path/filepath"
	"testing"
)

func TestPath(t *testing.T) {
	if !filepath.IsAbs(Path()) {
		t.Fatalf("Path() = %q, want an absolute path", Path())
	}
	// The test runs in internal/testdatadir: the repository root is two up.
	want, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	if Path() != want {
		t.Errorf("Path() = %q, want %q", Path(), want)
	}
	if got, want := Path("en", "beetle_train.csv"), filepath.Join(want, "en", "beetle_train.csv"); got != want {
		t.Errorf("Path(en, beetle_train.csv) = %q, want %q", got, want)
	}
	// What testdata/README.md describes is there.
	for _, p := range []string{
		Path("README.md"),
		Path("seeds", "000_571dcd47b616efb0.txt"),
		Path("seeds", "001_d0d68ffcad4d8278.txt"),
		Path("ko", "qa.jsonl"),
		Path("ko", "notes", "JaeYeopHan__Interview_Question_for_Beginner", "LICENSE"),
		Path("ko", "notes", "gyoogle__tech-interview-for-developer", "LICENSE"),
		Path("en", "scientsbank_train.csv"),
		Path("en", "beetle_train.csv"),
	} {
		if _, err := os.Stat(p); err != nil {
			t.Error(err)
		}
	}
}
