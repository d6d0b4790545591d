package notes

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"grader/internal/testdatadir"
)

const (
	seedNotion      = "000_571dcd47b616efb0.txt"
	seedFrontMatter = "001_d0d68ffcad4d8278.txt"
)

func parseSeed(t *testing.T, name string) ([]byte, Note) {
	t.Helper()
	src, err := os.ReadFile(testdatadir.Path("seeds", name))
	if err != nil {
		t.Fatal(err)
	}
	n, err := Parse("seeds/"+name, src, DefaultChunkOptions())
	if err != nil {
		t.Fatal(err)
	}
	return src, n
}

func mustParse(t *testing.T, src string, opt ChunkOptions) Note {
	t.Helper()
	n, err := Parse("test.md", []byte(src), opt)
	if err != nil {
		t.Fatal(err)
	}
	checkChunks(t, "test.md", []byte(src), n)
	return n
}

// findChunk returns the only chunk whose text contains s.
func findChunk(t *testing.T, n Note, s string) Chunk {
	t.Helper()
	var found []Chunk
	for _, c := range n.Chunks {
		if strings.Contains(c.Text, s) {
			found = append(found, c)
		}
	}
	if len(found) != 1 {
		t.Fatalf("want exactly one chunk containing %q, got %d:\n%s", s, len(found), dumpChunks(n))
	}
	return found[0]
}

func dumpChunks(n Note) string {
	var b strings.Builder
	for _, c := range n.Chunks {
		fmt.Fprintf(&b, "--- #%d %q lines %d-%d\n%s\n", c.Ordinal, c.HeadingPath, c.LineStart, c.LineEnd, c.Text)
	}
	return b.String()
}

func sourceLines(src []byte) []string {
	s := strings.TrimSuffix(string(src), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// checkChunks asserts what must hold for every chunk of every note.
func checkChunks(t *testing.T, name string, src []byte, n Note) {
	t.Helper()
	lines := sourceLines(src)
	prevStart := 0
	for i, c := range n.Chunks {
		where := fmt.Sprintf("%s chunk #%d %q", name, i, c.HeadingPath)
		if c.Ordinal != i {
			t.Errorf("%s: Ordinal %d", where, c.Ordinal)
		}
		if strings.TrimSpace(c.Text) == "" {
			t.Errorf("%s: empty text", where)
			continue
		}
		if c.LineStart < 1 || c.LineStart > c.LineEnd || c.LineEnd > len(lines) {
			t.Errorf("%s: lines %d-%d outside 1..%d", where, c.LineStart, c.LineEnd, len(lines))
			continue
		}
		if c.LineStart < prevStart {
			t.Errorf("%s: starts at line %d, before the previous chunk's %d", where, c.LineStart, prevStart)
		}
		prevStart = c.LineStart
		textLines := strings.Split(c.Text, "\n")
		first := strings.TrimSpace(textLines[0])
		if !strings.Contains(lines[c.LineStart-1], first) {
			t.Errorf("%s: first text line %q is not on line %d %q", where, first, c.LineStart, lines[c.LineStart-1])
		}
		words := strings.Fields(c.Text)
		if last := words[len(words)-1]; !strings.Contains(lines[c.LineEnd-1], last) {
			t.Errorf("%s: last word %q is not on line %d %q", where, last, c.LineEnd, lines[c.LineEnd-1])
		}
		for _, l := range textLines {
			if strings.TrimRight(l, " \t\r") != l {
				t.Errorf("%s: trailing blanks in %q", where, l)
			}
		}
		if b, err := hex.DecodeString(c.Hash); err != nil || len(b) != sha256.Size {
			t.Errorf("%s: hash %q is not hex sha256", where, c.Hash)
		}
	}
}

func TestChunkSeedNotionListSections(t *testing.T) {
	src, n := parseSeed(t, seedNotion)
	checkChunks(t, seedNotion, src, n)
	if n.Title != "AWS" || n.FrontMatter != nil || n.Categories != nil {
		t.Errorf("Title %q FrontMatter %v Categories %v", n.Title, n.FrontMatter, n.Categories)
	}
	tests := []struct {
		contains   string
		path       []string
		start, end int
	}{
		{"프라이빗 서브넷", []string{"AWS", "AWS 서비스", "VPC", "NAT 게이트웨이 - Network Address Translate"}, 51, 53},
		{"L7의 특성", []string{"AWS", "AWS 서비스", "ALB NLB", "ALB"}, 58, 63},
		{"L4의 특성", []string{"AWS", "AWS 서비스", "ALB NLB", "NLB"}, 67, 69},
		{"EBS : EC2에", []string{"AWS", "AWS 서비스", "EBS EFS S3"}, 15, 20},
		{"VPC를 만들었다면", []string{"AWS", "AWS 서비스", "VPC"}, 28, 33},
		// six short leaf bullets stay together in one chunk
		{"On-Premise 인프라 운영 경험자", []string{"AWS", "AWS 클라우드 운영"}, 4, 10},
		// a bold pseudo-heading leads into the next list section
		{"**이력서 기반 질문**", []string{"AWS", "컴퓨터 공학 기초 상식"}, 342, 346},
		// "- Ansible" and "- Terraform" are tiny siblings: folded into their parent
		{"프로비저너, 모듈", []string{"AWS", "AWS 서비스"}, 79, 91},
		// emphasis markers are not part of titles
		{"key-value 형태로", []string{"AWS", "AWS 서비스", "k8s Component", "컨트롤 플레인 컴포넌트 - 기능 제어", "etcd - 정보 저장소"}, 128, 130},
	}
	for _, tt := range tests {
		t.Run(tt.contains, func(t *testing.T) {
			c := findChunk(t, n, tt.contains)
			if !slices.Equal(c.HeadingPath, tt.path) {
				t.Errorf("path %q, want %q", c.HeadingPath, tt.path)
			}
			if c.LineStart != tt.start || c.LineEnd != tt.end {
				t.Errorf("lines %d-%d, want %d-%d", c.LineStart, c.LineEnd, tt.start, tt.end)
			}
		})
	}

	nat := findChunk(t, n, "프라이빗 서브넷")
	want := "네트워크 주소 변환 서비스\n\n" +
		"프라이빗 서브넷의 인스턴스가 VPC 외부의 서비스에 연결할 수 있지만 외부 서비스에서 이러한 인스턴스와의 연결을 시작할 수 없도록 NAT 게이트웨이 사용"
	if nat.Text != want {
		t.Errorf("NAT text:\n%q\nwant\n%q", nat.Text, want)
	}
	bullets := findChunk(t, n, "On-Premise")
	if !strings.HasPrefix(bullets.Text, "- AWS 서비스 설계/구축/운영 경험자\n(EC2, EBS") {
		t.Errorf("leaf bullets are not dedented list source:\n%s", bullets.Text)
	}
	for _, c := range n.Chunks {
		for _, h := range c.HeadingPath {
			if strings.Contains(h, "경험자") || strings.Contains(h, "**") {
				t.Errorf("chunk %d: leaf bullet or markup in path %q", c.Ordinal, c.HeadingPath)
			}
		}
		if strings.Contains(c.Text, "\n\n\n") {
			t.Errorf("chunk %d keeps a run of blank lines", c.Ordinal)
		}
	}
}

func TestChunkSeedFrontMatter(t *testing.T) {
	src, n := parseSeed(t, seedFrontMatter)
	checkChunks(t, seedFrontMatter, src, n)
	if n.Title != "Interview 대비 요점 정리 <데브옵스>" {
		t.Errorf("Title %q", n.Title)
	}
	if want := []string{"Interview", "Tip", "DevOps"}; !slices.Equal(n.Categories, want) {
		t.Errorf("Categories %q, want %q", n.Categories, want)
	}
	if n.FrontMatter["date"] != "2024-01-08" || n.FrontMatter["thumbnail"] != "./common/interview2.jpg" {
		t.Errorf("FrontMatter %v", n.FrontMatter)
	}
	sum := sha256.Sum256(src)
	if n.Hash != hex.EncodeToString(sum[:]) || n.Path != "seeds/"+seedFrontMatter {
		t.Errorf("Hash %s Path %s", n.Hash, n.Path)
	}
	for _, c := range n.Chunks {
		for _, bad := range []string{"thumbnail:", "categories:", "summary:", "---"} {
			if strings.Contains(c.Text, bad) {
				t.Errorf("chunk %d holds front matter %q", c.Ordinal, bad)
			}
		}
	}
	first := n.Chunks[0]
	if !slices.Equal(first.HeadingPath, []string{"Devops 디벨롭먼트+오퍼레이션"}) || first.LineStart != 10 || first.LineEnd != 13 {
		t.Errorf("first chunk %q %d-%d", first.HeadingPath, first.LineStart, first.LineEnd)
	}
	pros := findChunk(t, n, "빠른 요구대응")
	if !slices.Equal(pros.HeadingPath, []string{"Devops 디벨롭먼트+오퍼레이션", "장점"}) || pros.LineStart != 16 || pros.LineEnd != 18 {
		t.Errorf("장점 chunk %q %d-%d", pros.HeadingPath, pros.LineStart, pros.LineEnd)
	}
	// "#### 단점" of AWS Labmda holds three short lines: folded, heading line
	// included, into the parent's chunk.
	lambda := findChunk(t, n, "콜드 스타트 지연")
	if !slices.Equal(lambda.HeadingPath, []string{"AWS Labmda"}) || !strings.Contains(lambda.Text, "FaaS 서비스") ||
		!strings.Contains(lambda.Text, "\n\n#### 단점\n콜드 스타트") || lambda.LineStart != 85 || lambda.LineEnd != 90 {
		t.Errorf("folded 단점: %q %d-%d\n%s", lambda.HeadingPath, lambda.LineStart, lambda.LineEnd, lambda.Text)
	}
	// an empty section ("### CI / CD 란") makes no chunk but stays in paths
	ci := findChunk(t, n, "빌드 및 테스트 자동화 과정")
	if !slices.Equal(ci.HeadingPath, []string{"CI / CD 란", "CI 컨틴뉴어스 인테그레이션"}) {
		t.Errorf("CI path %q", ci.HeadingPath)
	}
}

func TestChunkHeadings(t *testing.T) {
	noMerge := ChunkOptions{MinChars: -1}
	tests := []struct {
		name  string
		src   string
		title string
		want  []Chunk // HeadingPath, Text, LineStart, LineEnd only
	}{
		{
			name:  "setext",
			src:   "설정 정리\n=========\n\n첫 문단입니다.\n\nSub Section\n-----------\n\n본문 A.\n본문 B.\n",
			title: "설정 정리",
			want: []Chunk{
				{HeadingPath: []string{"설정 정리"}, Text: "첫 문단입니다.", LineStart: 4, LineEnd: 4},
				{HeadingPath: []string{"설정 정리", "Sub Section"}, Text: "본문 A.\n본문 B.", LineStart: 9, LineEnd: 10},
			},
		},
		{
			name:  "skipped level and empty section",
			src:   "# A\n### C under A\ntext c.\n## B\n### Empty\n#### Deep\ntext d.\n",
			title: "A",
			want: []Chunk{
				{HeadingPath: []string{"A", "C under A"}, Text: "text c.", LineStart: 3, LineEnd: 3},
				{HeadingPath: []string{"A", "B", "Empty", "Deep"}, Text: "text d.", LineStart: 7, LineEnd: 7},
			},
		},
		{
			name:  "content before the first heading gets the title",
			src:   "---\ntitle: 노트 제목\n---\n도입 문단.\n\n## `kubectl` *명령*\n\n설명.\n",
			title: "노트 제목",
			want: []Chunk{
				{HeadingPath: []string{"노트 제목"}, Text: "도입 문단.", LineStart: 4, LineEnd: 4},
				{HeadingPath: []string{"kubectl 명령"}, Text: "설명.", LineStart: 8, LineEnd: 8},
			},
		},
		{
			name:  "list item with a long first line is content",
			src:   "# K8s\n\n- " + strings.Repeat("아주 긴 첫 줄 ", 12) + "\n    - 하위 항목\n",
			title: "K8s",
			want: []Chunk{
				{HeadingPath: []string{"K8s"}, Text: "- " + strings.TrimSpace(strings.Repeat("아주 긴 첫 줄 ", 12)) + "\n    - 하위 항목", LineStart: 3, LineEnd: 4},
			},
		},
		{
			name:  "rest of a multi-line item title paragraph is content",
			src:   "# Net\n\n- TCP\n  연결 지향\n\n  3-way handshake\n",
			title: "Net",
			want: []Chunk{
				{HeadingPath: []string{"Net", "TCP"}, Text: "연결 지향\n\n3-way handshake", LineStart: 4, LineEnd: 6},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := mustParse(t, tt.src, noMerge)
			if n.Title != tt.title {
				t.Errorf("Title %q, want %q", n.Title, tt.title)
			}
			var got []Chunk
			for _, c := range n.Chunks {
				got = append(got, Chunk{HeadingPath: c.HeadingPath, Text: c.Text, LineStart: c.LineStart, LineEnd: c.LineEnd})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("chunks:\n%s\nwant %+v", dumpChunks(n), tt.want)
			}
		})
	}
}

func TestChunkCodeFenceStaysWhole(t *testing.T) {
	var fence strings.Builder
	fence.WriteString("```bash\n")
	for i := range 40 {
		fence.WriteString("kubectl get pods -n namespace-" + strconv.Itoa(i) + " -o wide\n")
	}
	fence.WriteString("\n# a blank line above is part of the code\n```")
	intro := strings.Repeat("파드 목록을 확인하는 명령은 다음과 같습니다. ", 4)
	src := "# 명령어\n\n" + intro + "\n\n" + fence.String() + "\n\n" + strings.Repeat("출력 결과를 읽는 법도 알아 둡니다. ", 4) + "\n"
	opt := ChunkOptions{MaxChars: 200, OverlapChars: 50, MinChars: 20}
	n := mustParse(t, src, opt)

	c := findChunk(t, n, "```bash")
	if !strings.Contains(c.Text, fence.String()) {
		t.Errorf("fence not kept whole:\n%s", c.Text)
	}
	if c.LineStart != 5 || c.LineEnd != 48 {
		t.Errorf("fence chunk lines %d-%d, want 5-48", c.LineStart, c.LineEnd)
	}
	if utf8.RuneCountInString(fence.String()) <= opt.MaxChars {
		t.Fatal("test fence is not over budget")
	}
	for _, c := range n.Chunks {
		if !strings.Contains(c.Text, "```") && utf8.RuneCountInString(c.Text) > opt.MaxChars {
			t.Errorf("chunk %d has %d runes", c.Ordinal, utf8.RuneCountInString(c.Text))
		}
		if strings.Count(c.Text, "```")%2 != 0 {
			t.Errorf("chunk %d holds half a fence:\n%s", c.Ordinal, c.Text)
		}
	}
	if len(n.Chunks) != 3 {
		t.Errorf("want intro, fence, outro chunks:\n%s", dumpChunks(n))
	}
}

func TestChunkSplitsLongSections(t *testing.T) {
	opt := ChunkOptions{MaxChars: 400, OverlapChars: 80, MinChars: 40}

	t.Run("at paragraph boundaries with overlap", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("## 네트워크\n")
		for i := range 12 {
			b.WriteString("\n문단 " + strconv.Itoa(i) + "의 첫 문장은 TCP 연결 설정 과정을 설명합니다. ")
			b.WriteString("두 번째 문장은 흐름 제어와 혼잡 제어의 차이를 다룹니다. ")
			b.WriteString("세 번째 문장은 재전송 타이머를 설명합니다. 마지막 문장 " + strconv.Itoa(i) + ".\n")
		}
		n := mustParse(t, b.String(), opt)
		if len(n.Chunks) < 3 {
			t.Fatalf("want several pieces:\n%s", dumpChunks(n))
		}
		for i, c := range n.Chunks {
			if !slices.Equal(c.HeadingPath, []string{"네트워크"}) {
				t.Errorf("piece %d path %q", i, c.HeadingPath)
			}
			if r := utf8.RuneCountInString(c.Text); r > opt.MaxChars {
				t.Errorf("piece %d has %d runes", i, r)
			}
			if i == 0 {
				continue
			}
			prev := n.Chunks[i-1]
			ov := strings.SplitN(c.Text, "\n", 2)[0]
			if !strings.HasSuffix(prev.Text, ov) || utf8.RuneCountInString(ov) > opt.OverlapChars {
				t.Errorf("piece %d does not start with a tail of piece %d within %d runes: %q", i, i-1, opt.OverlapChars, ov)
			}
			if !strings.HasPrefix(ov, "마지막 문장") && !strings.HasPrefix(ov, "세 번째 문장") && !strings.HasPrefix(ov, "두 번째 문장") {
				t.Errorf("piece %d overlap %q does not start at a sentence", i, ov)
			}
			if c.LineStart != prev.LineEnd {
				t.Errorf("piece %d starts at line %d, want the overlap's line %d", i, c.LineStart, prev.LineEnd)
			}
		}
	})

	t.Run("one huge paragraph at sentence boundaries", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("# 요약\n\n")
		for i := range 60 {
			b.WriteString("컨테이너는 커널을 공유하는 가상화 " + strconv.Itoa(i) + "번 문장이다. ")
		}
		n := mustParse(t, b.String(), opt)
		if len(n.Chunks) < 3 {
			t.Fatalf("want several pieces:\n%s", dumpChunks(n))
		}
		for i, c := range n.Chunks {
			if r := utf8.RuneCountInString(c.Text); r > opt.MaxChars {
				t.Errorf("piece %d has %d runes", i, r)
			}
			if !strings.HasPrefix(c.Text, "컨테이너는") || !strings.HasSuffix(c.Text, "문장이다.") {
				t.Errorf("piece %d not cut at sentences: %q", i, c.Text)
			}
			if c.LineStart != 3 || c.LineEnd != 3 {
				t.Errorf("piece %d lines %d-%d, want 3-3", i, c.LineStart, c.LineEnd)
			}
		}
	})

	t.Run("long list at item boundaries", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("# 명령어\n\n")
		for i := range 40 {
			b.WriteString("- docker 명령 " + strconv.Itoa(i) + ": 컨테이너를 관리하는 명령어 설명\n")
		}
		n := mustParse(t, b.String(), opt)
		if len(n.Chunks) < 2 {
			t.Fatalf("want several pieces:\n%s", dumpChunks(n))
		}
		for i, c := range n.Chunks {
			if r := utf8.RuneCountInString(c.Text); r > opt.MaxChars {
				t.Errorf("piece %d has %d runes", i, r)
			}
			for _, l := range strings.Split(c.Text, "\n") {
				if !strings.HasPrefix(l, "- docker 명령 ") {
					t.Errorf("piece %d cuts an item: %q", i, l)
				}
			}
		}
	})
}

func TestChunkMergesTinyFragments(t *testing.T) {
	longIntro := strings.Repeat("컨테이너는 애플리케이션과 실행 환경을 함께 묶어 배포하는 기술이다. ", 3)
	tests := []struct {
		name     string
		src      string
		opt      ChunkOptions
		path     []string
		contains []string
		chunks   int
	}{
		{
			name:     "small heading section folds into its parent",
			src:      "## 컨테이너\n\n" + longIntro + "\n\n### 단점\n\n관리 포인트 증가\n",
			path:     []string{"컨테이너"},
			contains: []string{longIntro[:30], "### 단점\n\n관리 포인트 증가"},
			chunks:   1,
		},
		{
			name:     "small list sections fold together",
			src:      "# IaC\n\n- Ansible\n    플레이북, 변수\n- Terraform\n    프로비저너, 모듈\n",
			path:     []string{"IaC"},
			contains: []string{"- Ansible\n    플레이북, 변수\n- Terraform"},
			chunks:   1,
		},
		{
			name:     "bold label leads into the next section",
			src:      "# AWS\n\n**이력서 기반 질문**\n\n- 회사\n\n    " + longIntro + "\n",
			path:     []string{"AWS", "회사"},
			contains: []string{"**이력서 기반 질문**\n\n- 회사\n\n    컨테이너는"},
			chunks:   1,
		},
		{
			name:     "flat leaf bullets stay together",
			src:      "## 명령어\n\n- ls\n- cd\n- pwd\n\n- mkdir\n",
			path:     []string{"명령어"},
			contains: []string{"- ls\n- cd\n- pwd\n\n- mkdir"},
			chunks:   1,
		},
		{
			name:     "tiny tail joins an over-budget fence",
			src:      "# Fence\n\n```\n" + strings.Repeat("echo 0123456789\n", 20) + "```\n\n끝.\n",
			opt:      ChunkOptions{MaxChars: 100, MinChars: 20},
			path:     []string{"Fence"},
			contains: []string{"```\n\n끝."},
			chunks:   1,
		},
		{
			name:     "a label before an empty section stays in its section",
			src:      "# A\n\n## B\n\n**라벨**\n\n### 빈 섹션\n\n## C\n\n" + longIntro + "\n",
			path:     []string{"A", "B"},
			contains: []string{"**라벨**"},
			chunks:   2,
		},
		{
			name:     "a tiny section between big siblings keeps its own path",
			src:      "# LB\n\n- ALB\n\n    " + longIntro + "\n\n- NLB\n\n    L4\n\n- GLB\n\n    " + longIntro + "\n",
			path:     []string{"LB", "NLB"},
			contains: []string{"L4"},
			chunks:   3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := mustParse(t, tt.src, tt.opt)
			if len(n.Chunks) != tt.chunks {
				t.Fatalf("want %d chunks:\n%s", tt.chunks, dumpChunks(n))
			}
			c := findChunk(t, n, tt.contains[0])
			if !slices.Equal(c.HeadingPath, tt.path) {
				t.Errorf("path %q, want %q", c.HeadingPath, tt.path)
			}
			for _, s := range tt.contains {
				if !strings.Contains(c.Text, s) {
					t.Errorf("chunk lacks %q:\n%s", s, c.Text)
				}
			}
		})
	}
}

func TestParseRejectsBinary(t *testing.T) {
	const path = "노트/바이너리 [1].md"
	tests := []struct {
		name string
		src  []byte
	}{
		{"invalid UTF-8", []byte("# 제목\n\xff\xfe\n")},
		{"truncated Hangul", []byte("# 제목\n" + "한"[:2])},
		{"NUL byte", []byte("# 제목\nabc\x00def\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(path, tt.src, DefaultChunkOptions())
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, ErrNotText) || !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not wrap ErrNotText and name the path", err)
			}
		})
	}
}

// A note over its limits is refused before any chunk is made, with an error
// that names the note, what it holds and the limit; one at the limit is read.
func TestParseRefusesNotesOverLimits(t *testing.T) {
	headings := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "## 절 %d\n\n내용 %d\n\n", i, i)
		}
		return b.String()
	}
	tests := []struct {
		name, src string
		opt       ChunkOptions
		want      string // "" when the note is read
	}{
		{"at the section limit", headings(3), ChunkOptions{MaxSections: 3}, ""},
		{"one section over", headings(4), ChunkOptions{MaxSections: 3}, "4 sections (headings and titled bullets), at most 3"},
		{"titled bullets count", "# 노트\n\n- 항목 하나\n  - 설명\n- 항목 둘\n  - 설명\n", ChunkOptions{MaxSections: 2}, "3 sections"},
		{"too many bytes", headings(3), ChunkOptions{MaxBytes: 40}, "at most 40 bytes"},
		{"default limit", headings(2001), ChunkOptions{}, "2001 sections (headings and titled bullets), at most 2000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Parse("big.md", []byte(tt.src), tt.opt)
			if tt.want == "" {
				if err != nil || len(n.Chunks) == 0 {
					t.Fatalf("Parse = %d chunks, %v; want the note read", len(n.Chunks), err)
				}
				return
			}
			if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "big.md") {
				t.Errorf("Parse error = %v; want ErrTooLarge naming big.md and %q", err, tt.want)
			}
		})
	}
}

func TestParseCarriesPathAndTitle(t *testing.T) {
	tests := []struct{ path, title string }{
		{"Computer Science/Network/TCP (흐름제어혼잡제어).md", "TCP (흐름제어혼잡제어)"},
		{"Web/DevOps/[AWS] 스프링 부트 배포 스크립트 생성.md", "[AWS] 스프링 부트 배포 스크립트 생성"},
		{"노트 모음/데브옵스 정리.txt", "데브옵스 정리"},
		{"README", "README"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			src := "제목 없는 노트의 본문.\n"
			n, err := Parse(tt.path, []byte(src), DefaultChunkOptions())
			if err != nil {
				t.Fatal(err)
			}
			if n.Path != tt.path || n.Title != tt.title {
				t.Errorf("Path %q Title %q", n.Path, n.Title)
			}
			if len(n.Chunks) != 1 || !slices.Equal(n.Chunks[0].HeadingPath, []string{tt.title}) {
				t.Errorf("chunks %+v", n.Chunks)
			}
		})
	}
}

func TestParseFrontMatterEdges(t *testing.T) {
	tests := []struct {
		name       string
		src        string
		title      string
		categories []string
		noFM       bool
		text       string // the first chunk's text
		start      int
	}{
		{"tags list", "---\ntags: [go, k8s, go]\n---\n# 제목\n\n본문.\n", "제목", []string{"go", "k8s"}, false, "본문.", 6},
		{"categories string", "---\ntitle: T\ncategories: DevOps, Interview\n---\n본문.\n", "T", []string{"DevOps", "Interview"}, false, "본문.", 5},
		{"unclosed is not front matter", "---\n\n# 제목\n\n본문.\n", "제목", nil, true, "본문.", 5},
		{"a sentence between rules is not front matter", "---\n한 문장\n---\n\n본문.\n", "test", nil, true, "본문.", 5},
		{"malformed YAML stays out of chunks", "---\ntitle: a: b\n---\n본문.\n", "test", nil, true, "본문.", 4},
		{"CRLF", "---\r\ntitle: CR\r\n---\r\n# H\r\n\r\n줄 하나\r\n줄 둘\r\n", "CR", nil, false, "줄 하나\n줄 둘", 6},
		{"BOM", "\uFEFF---\ntitle: B\n---\n본문.\n", "B", nil, false, "본문.", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := mustParse(t, tt.src, DefaultChunkOptions())
			if n.Title != tt.title || !slices.Equal(n.Categories, tt.categories) || (n.FrontMatter == nil) != tt.noFM {
				t.Errorf("Title %q Categories %q FrontMatter %v", n.Title, n.Categories, n.FrontMatter)
			}
			if len(n.Chunks) == 0 || n.Chunks[0].Text != tt.text || n.Chunks[0].LineStart != tt.start {
				t.Errorf("chunks:\n%s", dumpChunks(n))
			}
		})
	}
}

func TestParseIsDeterministicAndHashesContent(t *testing.T) {
	_, a := parseSeed(t, seedNotion)
	_, b := parseSeed(t, seedNotion)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two parses differ")
	}

	base := mustParse(t, "# A\n\n같은 문장이다.\n", DefaultChunkOptions())
	moved := mustParse(t, "# A\n\n\n\n같은 문장이다.\n", DefaultChunkOptions())
	renamed := mustParse(t, "# B\n\n같은 문장이다.\n", DefaultChunkOptions())
	if base.Chunks[0].Hash != moved.Chunks[0].Hash || base.Chunks[0].LineStart == moved.Chunks[0].LineStart {
		t.Error("a moved but identical chunk must keep its hash")
	}
	if base.Chunks[0].Hash == renamed.Chunks[0].Hash {
		t.Error("the heading path must be part of the hash")
	}
	if base.Hash == moved.Hash {
		t.Error("the note hash must cover the whole source")
	}
}

// TestChunkCorpus parses every Markdown note of the Korean corpus (testdata/ko/notes).
func TestChunkCorpus(t *testing.T) {
	dir := testdatadir.Path("ko", "notes")
	opt := DefaultChunkOptions()
	files := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".md") {
			return err
		}
		files++
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		n, err := Parse(rel, src, opt)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		if strings.TrimSpace(string(src)) != "" && len(n.Chunks) == 0 {
			t.Errorf("%s: no chunks", rel)
		}
		checkChunks(t, rel, src, n)
		for _, c := range n.Chunks {
			verbatim := strings.Contains(c.Text, "```") || strings.Contains(c.Text, "~~~")
			if r := utf8.RuneCountInString(c.Text); r > opt.MaxChars && !verbatim {
				t.Errorf("%s chunk %d: %d runes", rel, c.Ordinal, r)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Fatalf("no .md files under %s", dir)
	}
}

// FuzzChunkParse checks that any text parses into chunks that point at
// real lines. `go test` runs the seeds; `go test -fuzz FuzzChunkParse`
// explores further.
func FuzzChunkParse(f *testing.F) {
	for _, s := range []string{
		"# A\n\ntext\n",
		"---\ntitle: x\n---\n- a\n    - b\n\n        c\n",
		"- a\n  ```\n  code\n\n  ```\n- b\n",
		"> quote\n> # h\n\n1. one\n   two\n\n   three\n",
		"Setext\n===\n\n\tindented code\n\n<div>\n\nhtml\n</div>\n",
		"**label**\n\n- t\n    x\n",
	} {
		f.Add(s, 60)
	}
	f.Fuzz(func(t *testing.T, src string, maxChars int) {
		opt := ChunkOptions{MaxChars: 20 + abs(maxChars)%300, OverlapChars: 15, MinChars: 10}
		n, err := Parse("fuzz.md", []byte(src), opt)
		if err != nil {
			if !errors.Is(err, ErrNotText) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		checkChunks(t, "fuzz.md", []byte(src), n)
	})
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}
