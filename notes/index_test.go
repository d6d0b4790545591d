package notes

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"grader/embeddings"
	"grader/internal/testdatadir"
	"grader/internal/testdb"
	"grader/token"
)

// countingEmbedder counts the texts it embeds, so tests can see what was re-embedded.
type countingEmbedder struct {
	embeddings.Embedder
	texts, calls atomic.Int64
}

func (c *countingEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	c.texts.Add(int64(len(texts)))
	c.calls.Add(1)
	return c.Embedder.Embed(ctx, texts)
}

// renamed gives the local embedder another model name (and so another index).
type renamed struct {
	embeddings.Embedder
	name string
}

func (r renamed) Model() string { return r.name }

func openTestIndex(t testing.TB, emb embeddings.Embedder) *Index {
	t.Helper()
	return NewIndex(testdb.Open(t), emb, token.DefaultGlossary(), DefaultChunkOptions(), nil)
}

func copySeeds(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	seeds, err := filepath.Glob(testdatadir.Path("seeds", "*.txt"))
	if err != nil || len(seeds) == 0 {
		t.Fatalf("no seed notes in %s (%v)", testdatadir.Path("seeds"), err)
	}
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, filepath.Base(s)), string(b))
	}
	return dir
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestIngestReingestAndDelete(t *testing.T) {
	ctx := t.Context()
	emb := &countingEmbedder{Embedder: embeddings.NewLocal(384, token.DefaultGlossary())}
	ix := openTestIndex(t, emb)
	coll := testdb.Collection(t, "ingest")
	dir := copySeeds(t)
	writeFile(t, filepath.Join(dir, "sub dir", "[k8s] 쿠버네티스 노트.md"), "# 쿠버네티스\n\n## 파드\n파드는 하나 이상의 컨테이너를 묶은 가장 작은 배포 단위다. 같은 파드의 컨테이너는 네트워크를 공유한다.\n")
	writeFile(t, filepath.Join(dir, "image.png"), "\x89PNG not a note")
	writeFile(t, filepath.Join(dir, "broken.md"), "# 깨진 파일\n\xff\xfe 잘못된 UTF-8\n")

	first, err := ix.IngestPaths(ctx, coll, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if first.Files != 3 || first.ChunksAdded < 10 || first.ChunksUnchanged != 0 || first.ChunksDeleted != 0 {
		t.Fatalf("first ingest = %+v, want 3 files, >= 10 chunks added", first)
	}
	if int(emb.texts.Load()) != first.ChunksAdded {
		t.Fatalf("embedded %d texts for %d new chunks", emb.texts.Load(), first.ChunksAdded)
	}
	var skipped []string
	for _, s := range first.Skipped {
		skipped = append(skipped, filepath.Base(s.Path))
	}
	slices.Sort(skipped)
	if !slices.Equal(skipped, []string{"broken.md", "image.png"}) {
		t.Fatalf("skipped = %v, want broken.md and image.png", first.Skipped)
	}

	// Unchanged notes: nothing added, nothing embedded.
	emb.texts.Store(0)
	again, err := ix.IngestPaths(ctx, coll, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.ChunksAdded != 0 || again.ChunksUnchanged != first.ChunksAdded || again.ChunksDeleted != 0 || emb.texts.Load() != 0 {
		t.Fatalf("re-ingest = %+v, embedded %d; want all %d unchanged and nothing embedded", again, emb.texts.Load(), first.ChunksAdded)
	}

	// Edit one section: only its chunk is re-embedded.
	p := filepath.Join(dir, "sub dir", "[k8s] 쿠버네티스 노트.md")
	writeFile(t, p, "# 쿠버네티스\n\n## 파드\n파드는 하나 이상의 컨테이너를 묶은 가장 작은 배포 단위다. 같은 파드의 컨테이너는 네트워크를 공유한다.\n\n## 서비스\n서비스는 레이블 셀렉터로 파드 묶음에 고정된 가상 IP와 DNS 이름을 준다. 파드의 IP는 재시작할 때마다 바뀐다.\n")
	emb.texts.Store(0)
	edit, err := ix.IngestPaths(ctx, coll, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if edit.ChunksAdded < 1 || int(emb.texts.Load()) != edit.ChunksAdded || edit.ChunksAdded > 2 {
		t.Fatalf("edit = %+v, embedded %d; want 1-2 new chunks embedded", edit, emb.texts.Load())
	}

	// A deleted note disappears from the collection and from search.
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	del, err := ix.IngestPaths(ctx, coll, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if del.NotesDeleted != 1 || del.ChunksDeleted < 1 {
		t.Fatalf("after delete = %+v, want 1 note deleted", del)
	}
	ps, err := ix.Search(ctx, coll, "파드 컨테이너 가상 IP", 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if strings.Contains(p.Note, "쿠버네티스") {
			t.Fatalf("deleted note still found: %+v", p)
		}
	}
}

func TestSearchFindsSeedPassages(t *testing.T) {
	ctx := t.Context()
	ix := openTestIndex(t, embeddings.NewLocal(384, token.DefaultGlossary()))
	coll := testdb.Collection(t, "search")
	if _, err := ix.IngestPaths(ctx, coll, []string{copySeeds(t)}, nil); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		query, wantHeading string
	}{
		{"프라이빗 서브넷의 인스턴스가 외부 인터넷에 나가려면 무엇이 필요한가?", "NAT 게이트웨이"},
		{"NLB는 몇 계층에서 동작하나요", "NLB"},
		{"what is GitOps", "GitOps"},
	}
	for _, c := range cases {
		ps, err := ix.Search(ctx, coll, c.query, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) == 0 {
			t.Fatalf("%q: no passages", c.query)
		}
		found := false
		for _, p := range ps[:min(3, len(ps))] {
			if strings.Contains(strings.Join(p.HeadingPath, " > "), c.wantHeading) {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: top 3 = %v, want a passage under %q", c.query, headings(ps), c.wantHeading)
		}
		top := ps[0]
		if top.ChunkID == "" || top.LineStart < 1 || top.LineEnd < top.LineStart || top.Score <= 0 || top.Score > 1 {
			t.Errorf("%q: malformed passage %+v", c.query, top)
		}
	}
}

func headings(ps []Passage) []string {
	var out []string
	for _, p := range ps {
		out = append(out, strings.Join(p.HeadingPath, " > "))
	}
	return out
}

func TestCollectionsAreIsolated(t *testing.T) {
	ctx := t.Context()
	ix := openTestIndex(t, embeddings.NewLocal(384, token.DefaultGlossary()))
	a, b := testdb.Collection(t, "iso-a"), testdb.Collection(t, "iso-b")
	dirA, dirB := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(dirA, "a.md"), "# 레디스\n레디스는 메모리 기반 키-값 저장소로 캐시에 쓴다.\n")
	// The big collection holds many near-identical passages, so an HNSW scan
	// that filtered after the fact would fill its candidates with them.
	for i := range 40 {
		writeFile(t, filepath.Join(dirB, "b", strings.Repeat("x", i%5+1)+string(rune('a'+i%26))+".md"),
			"# 레디스 캐시\n레디스는 메모리 기반 키-값 저장소로 캐시에 쓴다. 변형 "+strings.Repeat("가", i+1)+"\n")
	}
	if _, err := ix.IngestPaths(ctx, a, []string{dirA}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.IngestPaths(ctx, b, []string{dirB}, nil); err != nil {
		t.Fatal(err)
	}
	ps, err := ix.Search(ctx, a, "레디스 캐시", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].Note != "a.md" {
		t.Fatalf("collection %s search = %+v, want only a.md", a, ps)
	}
	none, err := ix.Search(ctx, testdb.Collection(t, "missing"), "레디스", 5)
	if err != nil || len(none) != 0 {
		t.Fatalf("unknown collection: %v %v, want no passages", none, err)
	}
}

func TestCrashMidNoteKeepsOldVersion(t *testing.T) {
	ctx := t.Context()
	ix := openTestIndex(t, embeddings.NewLocal(384, token.DefaultGlossary()))
	coll := testdb.Collection(t, "crash")
	dir := t.TempDir()
	p := filepath.Join(dir, "note.md")
	writeFile(t, p, "# 캐시\n\n## 전략\n캐시 어사이드 전략은 읽을 때 캐시를 먼저 보고 없으면 DB에서 읽어 채운다.\n")
	if _, err := ix.IngestPaths(ctx, coll, []string{dir}, nil); err != nil {
		t.Fatal(err)
	}
	writeFile(t, p, "# 캐시\n\n## 전략\n라이트 스루 전략은 쓸 때 캐시와 DB에 함께 쓴다.\n\n## 만료\nTTL이 지나면 키가 지워진다.\n")
	crash := errors.New("simulated crash")
	ix.beforeCommit = func(string) error { return crash }
	if _, err := ix.IngestPaths(ctx, coll, []string{dir}, nil); !errors.Is(err, crash) {
		t.Fatalf("ingest error = %v, want the simulated crash", err)
	}
	ix.beforeCommit = nil
	ps, err := ix.Search(ctx, coll, "캐시 전략", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || !strings.Contains(ps[0].Text, "캐시 어사이드") {
		t.Fatalf("after a crash the note = %+v, want exactly the old version", ps)
	}
	// The next ingest completes the change.
	sum, err := ix.IngestPaths(ctx, coll, []string{dir}, nil)
	if err != nil || sum.ChunksAdded == 0 {
		t.Fatalf("ingest after crash = %+v, %v", sum, err)
	}
}

func TestModelSwitchReembeds(t *testing.T) {
	ctx := t.Context()
	g := token.DefaultGlossary()
	coll := testdb.Collection(t, "switch")
	dir := copySeeds(t)
	first := openTestIndex(t, embeddings.NewLocal(384, g))
	sum, err := first.IngestPaths(ctx, coll, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	other := &countingEmbedder{Embedder: renamed{embeddings.NewLocal(256, g), testdb.Name("test-model")}}
	second := openTestIndex(t, other)
	again, err := second.IngestPaths(ctx, coll, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.ChunksAdded != 0 || again.ChunksEmbedded != sum.ChunksAdded || int(other.texts.Load()) != sum.ChunksAdded {
		t.Fatalf("after model switch = %+v (embedded %d), want all %d chunks re-embedded and none added", again, other.texts.Load(), sum.ChunksAdded)
	}
	ps, err := second.Search(ctx, coll, "NAT 게이트웨이", 3)
	if err != nil || len(ps) == 0 {
		t.Fatalf("search with the new model: %v %v", ps, err)
	}
	// Both models' vectors are kept, so switching back costs nothing.
	if n, err := first.EmbedMissing(ctx, coll); err != nil || n != 0 {
		t.Fatalf("switching back re-embedded %d (%v), want 0", n, err)
	}
}

func TestSearchRejectsBadInput(t *testing.T) {
	ix := openTestIndex(t, embeddings.NewLocal(384, nil))
	for _, c := range []struct {
		q string
		k int
	}{{"", 5}, {"   ", 5}, {"ok", 0}, {"ok", MaxK + 1}} {
		if _, err := ix.Search(t.Context(), "default", c.q, c.k); err == nil {
			t.Errorf("Search(%q, %d) succeeded, want an error", c.q, c.k)
		}
	}
}

// Only regular files are read: a FIFO in the notes folder (which would block
// a read forever), a link and a file over the size limit are skipped, said
// so, and the rest is ingested.
func TestIngestReadsOnlyRegularFiles(t *testing.T) {
	ctx := t.Context()
	ix := openTestIndex(t, embeddings.NewLocal(384, token.DefaultGlossary()))
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "ok.md"), "# 노트\n\n정상적인 노트 내용이다.\n")
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "ok.md"), filepath.Join(dir, "link.md")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "huge.md"), strings.Repeat("가", defaultMaxBytes/3+10))
	sum, err := ix.IngestPaths(ctx, testdb.Collection(t, "regular"), []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]string{}
	for _, s := range sum.Skipped {
		reasons[filepath.Base(s.Path)] = s.Reason
	}
	if sum.Files != 1 || !strings.Contains(reasons["pipe.md"], "regular") || !strings.Contains(reasons["link.md"], "regular") || !strings.Contains(reasons["huge.md"], "at most 8.0 MB") {
		t.Errorf("ingest = %d files, skipped %v; want ok.md only, the FIFO, the link and the huge file skipped with reasons", sum.Files, reasons)
	}
}

// groupNote is note i of a made-up set, in one of two versions with a
// different number of sections, each line naming the note and the version.
func groupNote(i, version int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# 주제 %d\n", i)
	for s := 0; s < version+1; s++ {
		fmt.Fprintf(&b, "\n## 절 %d\n노트%d 판%d 절%d: 캐시 무효화는 쓰기 경로에서 키를 지우고 읽기 경로에서 다시 채운다.\n", s, i, version, s)
	}
	return b.String()
}

func TestIngestWritesNotesInGroups(t *testing.T) {
	ctx := t.Context()
	emb := &countingEmbedder{Embedder: embeddings.NewLocal(384, token.DefaultGlossary())}
	ix := openTestIndex(t, emb)
	coll := testdb.Collection(t, "groups")
	const n = 150
	var files []File
	for i := range n {
		files = append(files, File{Path: fmt.Sprintf("n%03d.md", i), Content: []byte(groupNote(i, 1))})
	}
	// The same path again later in one upload: the later version wins.
	files = append(files, File{Path: "n003.md", Content: []byte(groupNote(3, 2))})
	sum, err := ix.IngestFiles(ctx, coll, "upload", files)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Files != n+1 || sum.ChunksAdded < n+1 || sum.ChunksDeleted < 1 || len(sum.Skipped) != 0 {
		t.Fatalf("ingest = %+v, want %d files, the first n003.md's chunks deleted", sum, n+1)
	}
	// One embedder call a group, not a note: a model server gets a few large requests.
	if calls, most := emb.calls.Load(), int64(n/groupNotes+2); calls > most || emb.texts.Load() != int64(sum.ChunksAdded) {
		t.Fatalf("%d embedder calls for %d texts, want at most %d calls for %d texts", calls, emb.texts.Load(), most, sum.ChunksAdded)
	}
	listed, err := ix.ListNotes(ctx, coll)
	if err != nil {
		t.Fatal(err)
	}
	if len(listed) != n {
		t.Fatalf("%d notes listed, want %d", len(listed), n)
	}
	got := sectionsByNote(t, ix, coll, []string{"n000.md", "n003.md", "n149.md"})
	want := map[string]string{"n000.md": "1:0 1:1", "n003.md": "2:0 2:1 2:2", "n149.md": "1:0 1:1"}
	if !maps.Equal(got, want) {
		t.Fatalf("sections stored (version:section) = %v, want %v", got, want)
	}

	// Folders: progress is told once for each file, in a count that only grows.
	dir := t.TempDir()
	for i := range 70 {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("d%02d.md", i)), groupNote(i, 0))
	}
	writeFile(t, filepath.Join(dir, "broken.md"), "\xff\xfe")
	var told []string
	last := 0
	_, err = ix.IngestPaths(ctx, coll, []string{dir}, func(done, total int, path string) {
		if done != last+1 || total != 71 {
			t.Errorf("progress %d of %d after %d", done, total, last)
		}
		last = done
		told = append(told, path)
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(told)
	if len(told) != 71 || told[0] != "broken.md" || told[1] != "d00.md" || told[70] != "d69.md" || len(slices.Compact(told)) != 71 {
		t.Fatalf("progress told %d paths: %v", len(told), told)
	}
}

func TestConcurrentIngestsOfTheSameNotes(t *testing.T) {
	ctx := t.Context()
	ix := openTestIndex(t, embeddings.NewLocal(384, token.DefaultGlossary()))
	coll := testdb.Collection(t, "race")
	const n = 100
	version := func(v int, reverse bool) []File {
		var fs []File
		for i := range n {
			fs = append(fs, File{Path: fmt.Sprintf("n%03d.md", i), Content: []byte(groupNote(i, v))})
		}
		if reverse {
			slices.Reverse(fs)
		}
		return fs
	}
	if _, err := ix.IngestFiles(ctx, coll, "upload", version(0, false)); err != nil {
		t.Fatal(err)
	}
	// Two ingests change the same notes at once, in opposite orders: both
	// finish (no deadlock), and each note is one version whole, never both
	// versions' chunks together.
	errs := make(chan error, 2)
	for v, reverse := range []bool{false, true} {
		go func() {
			_, err := ix.IngestFiles(ctx, coll, "upload", version(v+1, reverse))
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatalf("concurrent ingest: %v", err)
		}
	}
	listed, err := ix.ListNotes(ctx, coll)
	if err != nil {
		t.Fatal(err)
	}
	if len(listed) != n {
		t.Fatalf("%d notes, want %d", len(listed), n)
	}
	var paths []string
	for _, l := range listed {
		paths = append(paths, l.Path)
	}
	for path, got := range sectionsByNote(t, ix, coll, paths) {
		if got != "1:0 1:1" && got != "2:0 2:1 2:2" {
			t.Errorf("%s: sections stored (version:section) %s, want one version whole", path, got)
		}
	}
}

// sectionsByNote reads the stored passages of notes made by groupNote and
// says, for each, which version:section lines they hold, sorted.
func sectionsByNote(t *testing.T, ix *Index, coll string, paths []string) map[string]string {
	t.Helper()
	ps, err := ix.NotePassages(t.Context(), coll, paths)
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`노트\d+ 판(\d+) 절(\d+)`)
	found := map[string][]string{}
	for _, p := range ps {
		for _, m := range line.FindAllStringSubmatch(p.Text, -1) {
			found[p.Note] = append(found[p.Note], m[1]+":"+m[2])
		}
	}
	out := map[string]string{}
	for note, secs := range found {
		slices.Sort(secs)
		out[note] = strings.Join(secs, " ")
	}
	return out
}
