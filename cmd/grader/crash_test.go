package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"grader/internal/testdb"
	"grader/notes"
)

// TestKilledIngestLeavesWholeNotes kills a real `grader ingest` process
// partway and checks that every note in the database is whole: its chunks are
// exactly those of the file and each has a vector. A second ingest finishes
// the job. (Each note is written in one transaction; the server rolls back
// the transaction of a client that disappears.)
func TestKilledIngestLeavesWholeNotes(t *testing.T) {
	dir, bin := buildBinary(t)
	notesDir := filepath.Join(dir, "notes")
	if err := os.Mkdir(notesDir, 0o755); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{} // path → chunk count
	for i := range 400 {
		var b strings.Builder
		fmt.Fprintf(&b, "# 노트 %d\n\n", i)
		for j := range 4 {
			fmt.Fprintf(&b, "## 절 %d-%d\n서브넷 %d은 VPC의 IP 범위를 나눈 구간이고, 라우팅 테이블이 트래픽을 게이트웨이 %d로 보낸다.\n\n", i, j, j, i*j)
		}
		rel := fmt.Sprintf("n%03d.md", i)
		writeTestFile(t, filepath.Join(notesDir, rel), b.String())
		n, err := notes.Parse(rel, []byte(b.String()), notes.DefaultChunkOptions())
		if err != nil {
			t.Fatal(err)
		}
		want[rel] = len(n.Chunks)
	}
	url := testdb.URL(t)
	coll := testdb.Collection(t, "crash")
	cmd := exec.Command(bin, "ingest", "--collection", coll, notesDir)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+url)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill once some notes are in, well before all are.
	ctx := t.Context()
	db := testdb.Open(t)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if stats, err := db.NoteStats(ctx, coll); err == nil && len(stats) >= 20 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()

	check := func(stage string) int {
		stats, err := db.NoteStats(ctx, coll)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range stats {
			if s.Chunks != want[s.Path] || s.Unembedded != 0 {
				t.Errorf("%s: note %s has %d chunks (%d without a vector), want %d all embedded", stage, s.Path, s.Chunks, s.Unembedded, want[s.Path])
			}
		}
		return len(stats)
	}
	partial := check("after kill")
	t.Logf("the killed ingest left %d of %d notes, each whole", partial, len(want))
	if partial == len(want) {
		t.Log("the ingest finished before the kill; the invariant still held")
	}
	code, _, stderr := runCLI(t, map[string]string{"DATABASE_URL": url}, "ingest", "--collection", coll, notesDir)
	if code != 0 {
		t.Fatalf("second ingest: %s", stderr)
	}
	if n := check("after re-ingest"); n != len(want) {
		t.Fatalf("after re-ingest %d notes, want %d", n, len(want))
	}
}

// buildBinary builds the grader binary into a temporary folder (returned
// with the binary's path), for tests that run and kill a real process.
func buildBinary(t *testing.T) (dir, bin string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir = t.TempDir()
	bin = filepath.Join(dir, "grader")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return dir, bin
}
