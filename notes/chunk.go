// Package notes turns study-note Markdown files into Notes made of
// heading-aware chunks that can be cited back to exact source lines.
package notes

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.abhg.dev/goldmark/frontmatter"
)

// Note is one parsed Markdown file.
type Note struct {
	Path        string         // as given by the caller (relative, slash-separated)
	Title       string         // front matter title, else first H1 text, else file name without extension
	Categories  []string       // from front matter `categories` (or `tags`), may be nil
	FrontMatter map[string]any // the raw YAML front matter, nil if none
	Hash        string         // hex sha256 of the whole source bytes
	Chunks      []Chunk
}

// Chunk is one citable passage of a Note.
type Chunk struct {
	Ordinal     int      // 0-based position in the note
	HeadingPath []string // e.g. ["AWS", "AWS 서비스", "VPC", "NAT 게이트웨이"]
	Text        string   // the chunk's body text (Markdown source of its blocks, not including the heading lines themselves)
	LineStart   int      // 1-based first line in the ORIGINAL file (front matter lines count)
	LineEnd     int      // 1-based last line, inclusive
	Hash        string   // hex sha256 over heading path + text (so a moved-but-identical chunk keeps its hash)
}

// ChunkOptions controls chunk sizes and what one note may hold. A zero
// field takes its default; a negative OverlapChars or MinChars disables
// overlap or merging.
type ChunkOptions struct {
	MaxChars     int // size budget per chunk in characters (runes); default 1200
	OverlapChars int // overlap carried into the next piece when a long section is split; default 150
	MinChars     int // fragments shorter than this merge with a neighbour in the same section/parent; default 80
	// MaxBytes and MaxSections bound one note (default 8 MB and 2,000
	// sections): a note of 50,000 headings would make as many chunks and
	// bank questions, minutes of work for every later upload.
	MaxBytes    int64
	MaxSections int
}

const (
	defaultMaxChars     = 1200
	defaultOverlapChars = 150
	defaultMinChars     = 80
	defaultMaxBytes     = 8 << 20
	defaultMaxSections  = 2000

	// maxItemTitleRunes is the longest first line a list item may have and
	// still act as a section title. Longer first lines are prose, not titles.
	maxItemTitleRunes = 80

	// maxLabelRunes is the longest one-line paragraph taken for a label
	// introducing the next section (see isLabel).
	maxLabelRunes = 30

	// chunkTabWidth is the tab stop used when measuring and removing indentation,
	// as in CommonMark.
	chunkTabWidth = 4
)

// ErrNotText is wrapped by Parse's error for input that is not text
// (invalid UTF-8 or a NUL byte).
var ErrNotText = errors.New("not a text file")

// ErrTooLarge is wrapped by Parse's error for a note over the options'
// MaxBytes or MaxSections; the message names the limit.
var ErrTooLarge = errors.New("note too large")

// DefaultChunkOptions returns the default chunk sizes.
func DefaultChunkOptions() ChunkOptions {
	return ChunkOptions{
		MaxChars:     defaultMaxChars,
		OverlapChars: defaultOverlapChars,
		MinChars:     defaultMinChars,
	}
}

// normalized fills defaults and clamps values that would make packing
// impossible (an overlap that leaves no room for new text).
func (o ChunkOptions) normalized() ChunkOptions {
	if o.MaxChars <= 0 {
		o.MaxChars = defaultMaxChars
	}
	switch {
	case o.OverlapChars == 0:
		o.OverlapChars = defaultOverlapChars
	case o.OverlapChars < 0:
		o.OverlapChars = 0
	}
	o.OverlapChars = min(o.OverlapChars, o.MaxChars/2)
	switch {
	case o.MinChars == 0:
		o.MinChars = defaultMinChars
	case o.MinChars < 0:
		o.MinChars = 0
	}
	o.MinChars = min(o.MinChars, o.MaxChars)
	if o.MaxBytes <= 0 {
		o.MaxBytes = defaultMaxBytes
	}
	if o.MaxSections <= 0 {
		o.MaxSections = defaultMaxSections
	}
	return o
}

// Limits says what one note may hold (the options' MaxBytes and MaxSections, defaults filled in).
func (o ChunkOptions) Limits() (maxBytes int64, maxSections int) {
	n := o.normalized()
	return n.MaxBytes, n.MaxSections
}

// Parse parses one note. It returns an error (wrapped, naming the path) for
// input that is not text: invalid UTF-8, or a NUL byte.
//
// The rules, in order of application:
//
//   - Structure comes from goldmark's AST. A YAML front matter block fills
//     Title, Categories and FrontMatter and is never chunk text; line
//     numbers still count its lines.
//   - ATX and setext headings at the top level open sections. A heading
//     nests under the nearest preceding heading of a lower level, so a
//     level-3 heading right under a level-1 one nests under it directly.
//     Content before the first heading gets the path [Title].
//   - A list item is a section too when its first block is a paragraph
//     whose first line is short (at most 80 runes, not ending a sentence)
//     and more blocks follow it (nested lists, indented paragraphs, code).
//     Its title is that whole first line as plain text, so the Notion item
//     "- NAT 게이트웨이 - Network Address Translate" gives the path element
//     "NAT 게이트웨이 - Network Address Translate". Other list items, the
//     short leaf bullets, are content of the enclosing section and are
//     packed together.
//   - A section without child sections whose content is shorter than
//     MinChars is folded, title line included, into its parent when it
//     sits next to the parent's own content or next to another such small
//     sibling; otherwise it keeps its own path. Top-level sections are
//     never folded. A section with no content makes no chunk but stays in
//     its children's paths.
//   - A run of one-line labels (a bold pseudo-heading, a bare word, a lone
//     image) shorter than MinChars right before a child section opens that
//     child's first chunk instead of standing alone.
//   - Each run of consecutive content of a section is packed into chunks
//     of at most MaxChars runes, cut only between blocks: list items,
//     paragraphs, lines of a paragraph, then sentences, then words. Fenced
//     and indented code and HTML blocks are never cut, even when longer
//     than MaxChars. A piece after a cut opens with up to OverlapChars of
//     the previous piece's tail, taken at a line or sentence boundary.
//
// Chunk text is the Markdown source of its blocks with their common
// indentation removed, trailing blanks trimmed and runs of blank lines
// (outside code) collapsed to one.
func Parse(path string, src []byte, opt ChunkOptions) (Note, error) {
	if err := checkText(src); err != nil {
		return Note{}, fmt.Errorf("parse %s: %w", path, err)
	}
	opt = opt.normalized()
	if int64(len(src)) > opt.MaxBytes {
		return Note{}, fmt.Errorf("parse %s: %w: %s, at most %s", path, ErrTooLarge, sizeText(int64(len(src))), sizeText(opt.MaxBytes))
	}
	sum := sha256.Sum256(src)
	note := Note{Path: path, Hash: hex.EncodeToString(sum[:])}

	// A byte order mark sits on line 1 and holds no newline, so dropping it
	// keeps every line number intact while letting "---" be recognised.
	body := bytes.TrimPrefix(src, []byte("\uFEFF"))
	doc, fm := parseMarkdown(body)
	note.FrontMatter = fm

	ix := newSrcLines(body)
	b := &chunker{ix: ix, opt: opt}
	root := b.buildTree(doc)
	if n := root.count(); n > opt.MaxSections {
		return Note{}, fmt.Errorf("parse %s: %w: %d sections (headings and titled bullets), at most %d", path, ErrTooLarge, n, opt.MaxSections)
	}

	note.Title = noteTitle(path, fm, doc, body)
	note.Categories = noteCategories(fm)

	b.fold(root)
	rootPath := []string(nil)
	if note.Title != "" {
		rootPath = []string{note.Title}
	}
	b.emit(root, rootPath, nil)
	for i := range b.chunks {
		b.chunks[i].Ordinal = i
	}
	note.Chunks = b.chunks
	return note, nil
}

// checkText rejects binary input before goldmark sees it.
func checkText(src []byte) error {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return fmt.Errorf("%w: NUL byte at offset %d", ErrNotText, i)
	}
	if !utf8.Valid(src) {
		off := 0
		for off < len(src) {
			r, size := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		return fmt.Errorf("%w: invalid UTF-8 at offset %d", ErrNotText, off)
	}
	return nil
}

// parseMarkdown parses src with the YAML front matter extension. The
// extension removes the front matter node from the tree, and every other
// node keeps offsets into src, so line numbers stay those of the file.
//
// The extension takes any leading "---" line as the start of front matter.
// When there is no closing "---" line, or the block holds YAML that is not a
// mapping (a lone sentence between two thematic breaks, say), it was not
// front matter: the file is parsed again as plain Markdown. A block that is
// closed but whose YAML is malformed is still kept out of the chunks,
// because that is what its author meant; FrontMatter is nil then.
func parseMarkdown(src []byte) (ast.Node, map[string]any) {
	md := goldmark.New(goldmark.WithExtensions(&frontmatter.Extender{
		Formats: []frontmatter.Format{frontmatter.YAML},
	}))
	ctx := parser.NewContext()
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	data := frontmatter.Get(ctx)
	if data == nil {
		return doc, nil
	}
	if hasClosingDelimiter(src) {
		var v any
		if err := data.Decode(&v); err != nil {
			return doc, nil // closed but malformed YAML
		}
		if fm, ok := asStringMap(v); ok {
			return doc, fm
		}
	}
	return goldmark.New().Parser().Parse(text.NewReader(src)), nil
}

// hasClosingDelimiter reports whether the front matter opened on line 1
// is closed by a line of exactly the same dashes, the rule the extension's
// parser applies while it reads the block.
func hasClosingDelimiter(src []byte) bool {
	first, rest, ok := bytes.Cut(src, []byte("\n"))
	if !ok {
		return false
	}
	open := bytes.TrimRight(first, "\r")
	for len(rest) > 0 {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		if bytes.Equal(bytes.TrimRight(line, "\r"), open) {
			return true
		}
	}
	return false
}

// asStringMap accepts a decoded YAML document when it is a mapping (or
// empty). yaml.v3 produces map[string]any unless some key is not a string.
func asStringMap(v any) (map[string]any, bool) {
	switch m := v.(type) {
	case nil:
		return map[string]any{}, true
	case map[string]any:
		return m, true
	case map[any]any:
		out := make(map[string]any, len(m))
		for k, val := range m {
			out[fmt.Sprint(k)] = val
		}
		return out, true
	}
	return nil, false
}

// noteTitle picks the front matter title, else the first level-1 heading,
// else the file name without its extension.
func noteTitle(p string, fm map[string]any, doc ast.Node, src []byte) string {
	if t, ok := fm["title"]; ok && t != nil {
		if s := strings.TrimSpace(fmt.Sprint(t)); s != "" {
			return s
		}
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 1 {
			if s := inlineText(h, src, false); s != "" {
				return s
			}
		}
	}
	base := path.Base(p)
	if base == "." || base == "/" {
		return ""
	}
	return strings.TrimSuffix(base, path.Ext(base))
}

// noteCategories reads `categories`, falling back to `tags`. Both may be a
// YAML list or one comma-separated string.
func noteCategories(fm map[string]any) []string {
	v, ok := fm["categories"]
	if !ok || v == nil {
		v = fm["tags"]
	}
	var raw []string
	switch t := v.(type) {
	case nil:
		return nil
	case string:
		raw = strings.Split(t, ",")
	case []any:
		for _, e := range t {
			switch e.(type) {
			case nil, map[string]any, map[any]any, []any:
				continue // not a category name
			}
			raw = append(raw, fmt.Sprint(e))
		}
	default:
		raw = []string{fmt.Sprint(t)}
	}
	var out []string
	seen := map[string]bool{}
	for _, s := range raw {
		s = strings.TrimSpace(s)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// inlineText returns the text of a heading or paragraph without Markdown
// markup. With firstLine set it stops at the first line break.
func inlineText(n ast.Node, src []byte, firstLine bool) string {
	var b strings.Builder
	stop := false
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil && !stop; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(t.Value(src))
				if t.SoftLineBreak() || t.HardLineBreak() {
					if firstLine {
						stop = true
						return
					}
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(t.Value)
			case *ast.AutoLink:
				b.Write(t.Label(src))
			case *ast.RawHTML:
				// tags are markup, not title text
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// srcLines maps byte offsets of the parsed source to 0-based lines.
type srcLines struct {
	src    []byte
	starts []int // byte offset of each line start
	n      int   // number of lines, a final newline does not open a line
}

func newSrcLines(src []byte) *srcLines {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' && i+1 < len(src) {
			starts = append(starts, i+1)
		}
	}
	n := len(starts)
	if len(src) == 0 {
		n = 0
	}
	return &srcLines{src: src, starts: starts, n: n}
}

// lineOf returns the 0-based line holding byte offset off.
func (ix *srcLines) lineOf(off int) int {
	lo, hi := 0, len(ix.starts) // first start > off, minus one
	for lo < hi {
		m := (lo + hi) / 2
		if ix.starts[m] > off {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return max(0, min(lo-1, ix.n-1))
}

// line returns line i without its line ending and trailing blanks.
func (ix *srcLines) line(i int) string {
	start := ix.starts[i]
	end := len(ix.src)
	if i+1 < len(ix.starts) {
		end = ix.starts[i+1]
	}
	return strings.TrimRight(string(ix.src[start:end]), " \t\r\n")
}

func (ix *srcLines) blank(i int) bool {
	return strings.TrimSpace(ix.line(i)) == ""
}

// startLine is the first line of a block: its position or its first
// Lines() segment, whichever comes first (a fenced block's Lines() starts
// after the opening fence), else the first line of its first child.
func (ix *srcLines) startLine(n ast.Node) int {
	off := n.Pos()
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		if s := n.Lines().At(0).Start; off < 0 || s < off {
			off = s
		}
	}
	if off >= 0 {
		return ix.lineOf(off)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() == ast.TypeBlock {
			if l := ix.startLine(c); l >= 0 {
				return l
			}
		}
	}
	return -1
}

// blockSpan is a block and the lines [start, end) it owns.
type blockSpan struct {
	node       ast.Node
	start, end int
}

// childSpans splits the lines of a container, up to end, among its block
// children: each child owns the lines from its first line to the next
// child's, less trailing blank lines. Going by the next sibling rather than
// by Lines() alone keeps what Lines() leaves out: closing fences, setext
// underlines, and link reference definitions (which goldmark removes from
// the tree).
func (ix *srcLines) childSpans(parent ast.Node, end int) []blockSpan {
	var out []blockSpan
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() != ast.TypeBlock {
			continue
		}
		if s := ix.startLine(c); s >= 0 && s < end {
			out = append(out, blockSpan{node: c, start: s})
		}
	}
	for i := range out {
		e := end
		if i+1 < len(out) {
			e = out[i+1].start
		}
		e = max(e, out[i].start+1)
		for e > out[i].start+1 && ix.blank(e-1) {
			e--
		}
		out[i].end = e
	}
	return out
}

// mdSection is a heading or a list item acting as one.
type mdSection struct {
	root       bool
	title      string
	level      int // heading level; 0 for the root and list-item sections
	titleStart int // lines [titleStart, titleEnd) hold the title
	titleEnd   int
	items      []secItem
}

// count is how many sections are under s.
func (s *mdSection) count() int {
	n := 0
	for _, it := range s.items {
		if it.sec != nil {
			n += 1 + it.sec.count()
		}
	}
	return n
}

// sizeText is a byte count as people read it.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// secItem is either content owned by a section or a child section, kept in
// source order.
type secItem struct {
	blockSpan
	sec    *mdSection
	folded *mdSection // a small child section folded into this content
}

func (it secItem) isContent() bool { return it.sec == nil }

// chunker turns the goldmark tree into sections and then into chunks.
type chunker struct {
	ix     *srcLines
	opt    ChunkOptions
	chunks []Chunk
}

// buildTree walks the top-level blocks, opening heading sections.
func (b *chunker) buildTree(doc ast.Node) *mdSection {
	root := &mdSection{root: true}
	stack := []*mdSection{root}
	for _, sp := range b.ix.childSpans(doc, b.ix.n) {
		h, ok := sp.node.(*ast.Heading)
		if !ok {
			b.addBlock(stack[len(stack)-1], sp)
			continue
		}
		for len(stack) > 1 && stack[len(stack)-1].level >= h.Level {
			stack = stack[:len(stack)-1]
		}
		sec := &mdSection{
			title:      inlineText(h, b.ix.src, false),
			level:      h.Level,
			titleStart: sp.start,
			titleEnd:   sp.end,
		}
		parent := stack[len(stack)-1]
		parent.items = append(parent.items, secItem{sec: sec})
		stack = append(stack, sec)
	}
	return root
}

// addBlock adds a block to sec, looking into lists for items that are
// sections themselves.
func (b *chunker) addBlock(sec *mdSection, sp blockSpan) {
	if b.isSpacer(sp) {
		return
	}
	switch sp.node.(type) {
	case *ast.List:
		for _, li := range b.ix.childSpans(sp.node, sp.end) {
			b.addItem(sec, li)
		}
		return
	}
	sec.items = append(sec.items, secItem{blockSpan: sp})
}

// isSpacer reports blocks that only make room on a rendered page: thematic
// breaks, and HTML blocks holding nothing but <br>, <hr> and &nbsp; (common
// in notes written for GitHub). Alone in a chunk they would cite nothing.
func (b *chunker) isSpacer(sp blockSpan) bool {
	switch sp.node.(type) {
	case *ast.ThematicBreak:
		return true
	case *ast.HTMLBlock:
	default:
		return false
	}
	var rest strings.Builder
	for i := sp.start; i < sp.end; i++ {
		rest.WriteString(strings.ToLower(b.ix.line(i)))
	}
	s := rest.String()
	for _, tag := range []string{"<br>", "</br>", "<br/>", "<br />", "<hr>", "<hr/>", "<hr />", "&nbsp;"} {
		s = strings.ReplaceAll(s, tag, "")
	}
	return strings.TrimSpace(s) == ""
}

// addItem adds one list item: as a child section when it has a title line
// and indented content under it, else as content of sec.
func (b *chunker) addItem(sec *mdSection, sp blockSpan) {
	title, ok := b.itemTitle(sp.node)
	if !ok {
		sec.items = append(sec.items, secItem{blockSpan: sp})
		return
	}
	kids := b.ix.childSpans(sp.node, sp.end)
	if len(kids) == 0 || kids[0].node != sp.node.FirstChild() {
		sec.items = append(sec.items, secItem{blockSpan: sp})
		return
	}
	first := kids[0]
	titleLine := b.ix.lineOf(first.node.Lines().At(0).Start)
	child := &mdSection{title: title, titleStart: sp.start, titleEnd: titleLine + 1}
	if first.end > titleLine+1 {
		// the rest of a multi-line title paragraph is content
		child.items = append(child.items, secItem{blockSpan: blockSpan{node: first.node, start: titleLine + 1, end: first.end}})
	}
	for _, k := range kids[1:] {
		b.addBlock(child, k)
	}
	sec.items = append(sec.items, secItem{sec: child})
}

// itemTitle returns the title of a list item that acts as a section: its
// first child is a paragraph whose first line is short, and more blocks
// follow that paragraph.
func (b *chunker) itemTitle(n ast.Node) (string, bool) {
	first := n.FirstChild()
	if first == nil || first.NextSibling() == nil {
		return "", false
	}
	switch first.(type) {
	case *ast.Paragraph, *ast.TextBlock:
	default:
		return "", false
	}
	if first.Lines().Len() == 0 {
		return "", false
	}
	t := inlineText(first, b.ix.src, true)
	if t == "" || utf8.RuneCountInString(t) > maxItemTitleRunes {
		return "", false
	}
	// A first line ending a sentence is a statement with details under it
	// ("1. 빈 페이지 프레임을 찾는다." with sub-steps), not a title.
	if last, _ := utf8.DecodeLastRuneInString(t); isSentenceEnd(last) {
		return "", false
	}
	return t, true
}

// fold merges small leaf sections into their parent, bottom-up, so that a
// one-line "#### 단점" or a short "- Security Group" item ends up in the
// parent's chunk (title line included) rather than alone. A section folds
// only when it has no child sections left, its content is shorter than
// MinChars, and a neighbour in the parent is content or another foldable
// section; otherwise folding would only blur its path. The root never
// receives folded sections: top-level sections stay apart.
func (b *chunker) fold(sec *mdSection) {
	for _, it := range sec.items {
		if it.sec != nil {
			b.fold(it.sec)
		}
	}
	if sec.root {
		return
	}
	small := make([]bool, len(sec.items))
	for i, it := range sec.items {
		small[i] = it.sec != nil && b.foldable(it.sec)
	}
	joinable := func(i int) bool {
		return i >= 0 && i < len(sec.items) && (sec.items[i].isContent() || small[i])
	}
	for i, it := range sec.items {
		if small[i] && (joinable(i-1) || joinable(i+1)) {
			sec.items[i] = secItem{blockSpan: blockSpan{start: it.sec.titleStart}, folded: it.sec}
		}
	}
}

func (b *chunker) foldable(sec *mdSection) bool {
	for _, it := range sec.items {
		if it.sec != nil {
			return false
		}
	}
	var fr []lineFrag
	for _, it := range sec.items {
		fr = append(fr, b.frags(it)...)
	}
	n := utf8.RuneCountInString(renderFrags(fr))
	return n > 0 && n < b.opt.MinChars
}

// emit appends the chunks of sec and its children in source order.
//
// lead holds text that must open the first chunk emitted here: labels of
// an enclosing section too small to stand alone (a bold pseudo-heading, a
// bare word, a lone image; see runLead) followed by the title lines of the
// sections leading down to this one. Such labels introduce what follows, so
// they join the next child's first chunk instead of becoming a chunk of a
// few words; the child's path extends the parent's, so nothing is filed
// under an unrelated section. emit returns lead unchanged when the section
// produced no chunk to carry it, so that the parent can offer it to its
// next child; labels of this very section that find no taker become a
// chunk here.
func (b *chunker) emit(sec *mdSection, pathHere []string, lead []lineFrag) []lineFrag {
	var run []secItem
	own := false // lead holds labels of this section
	for _, it := range sec.items {
		if it.sec == nil {
			run = append(run, it)
			continue
		}
		if len(run) > 0 {
			if fr := b.runLead(lead, run); fr != nil {
				lead, own = fr, true
			} else {
				b.packRun(pathHere, lead, run)
				lead, own = nil, false
			}
			run = nil
		}
		childPath := pathHere
		if sec.root {
			childPath = nil // the root's path is only for its own content
		}
		if it.sec.title != "" {
			childPath = append(childPath[:len(childPath):len(childPath)], it.sec.title)
		}
		var childLead []lineFrag
		if lead != nil {
			childLead = append(append(childLead, lead...), b.lineFrags(it.sec.titleStart, it.sec.titleEnd, false)...)
		}
		if left := b.emit(it.sec, childPath, childLead); left == nil {
			lead, own = nil, false
		}
	}
	switch {
	case len(run) > 0:
		b.packRun(pathHere, lead, run)
		return nil
	case own:
		// labels followed only by empty sections: they stay here
		b.addChunk(pathHere, lead)
		return nil
	}
	return lead
}

// runLead returns lead plus the run's text when the run can serve as the
// lead-in of the next child section, or nil when it stands on its own. A
// run leads when it is made only of label lines (see isLabel) and is
// shorter than MinChars with lead. Anything else is content of its own
// section however short: a one-sentence definition of a heading must stay
// under that heading. Folded sections belong to their siblings, so they
// never lead either.
func (b *chunker) runLead(lead []lineFrag, run []secItem) []lineFrag {
	fr := append([]lineFrag(nil), lead...)
	for _, it := range run {
		if it.folded != nil || !b.isLabel(it.blockSpan) {
			return nil
		}
		fr = append(fr, b.frags(it)...)
	}
	if b.size(fr) >= b.opt.MinChars {
		return nil
	}
	return fr
}

// isLabel reports whether a block is a one-line paragraph that labels what
// follows rather than saying something: a bold pseudo-heading such as
// "**이력서 기반 질문**", a bare "리눅스", or a lone image. Notion exports
// are full of these, standing in for headings between lists.
func (b *chunker) isLabel(sp blockSpan) bool {
	switch sp.node.(type) {
	case *ast.Paragraph, *ast.TextBlock:
	default:
		return false
	}
	if sp.node.Lines().Len() != 1 || sp.end-sp.start != 1 {
		return false
	}
	t := inlineText(sp.node, b.ix.src, false)
	if utf8.RuneCountInString(t) > maxLabelRunes {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	return !isSentenceEnd(last) && last != ':'
}

// lineFrag is a piece of one source line: the whole line, or a part of it
// when a long line is split at sentences.
type lineFrag struct {
	line int    // 0-based source line
	text string // without line ending and trailing blanks
	full bool   // text starts at the line start, so its indentation counts
	join string // separator from the previous frag on the same line
	code bool   // part of a code or HTML block: blank lines are kept
}

// packAtom is a unit the packer never splits.
type packAtom struct {
	frags []lineFrag
}

// frags returns the source lines of an item, recursing into containers so
// that code blocks keep their blank lines while prose drops them.
func (b *chunker) frags(it secItem) []lineFrag {
	if it.folded != nil {
		return b.sectionFrags(it.folded)
	}
	return b.spanFrags(it.blockSpan)
}

func (b *chunker) sectionFrags(sec *mdSection) []lineFrag {
	out := b.lineFrags(sec.titleStart, sec.titleEnd, false)
	for _, it := range sec.items {
		out = append(out, b.frags(it)...)
	}
	return out
}

func (b *chunker) spanFrags(sp blockSpan) []lineFrag {
	switch {
	case isVerbatim(sp.node):
		return b.lineFrags(sp.start, sp.end, true)
	case isContainerBlock(sp.node):
		var out []lineFrag
		for _, k := range b.ix.childSpans(sp.node, sp.end) {
			if !b.isSpacer(k) {
				out = append(out, b.spanFrags(k)...)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return b.lineFrags(sp.start, sp.end, false)
}

// lineFrags returns whole lines [start, end); blank lines only inside code.
func (b *chunker) lineFrags(start, end int, code bool) []lineFrag {
	var out []lineFrag
	for i := start; i < end; i++ {
		if !code && b.ix.blank(i) {
			continue
		}
		out = append(out, lineFrag{line: i, text: b.ix.line(i), full: true, code: code})
	}
	return out
}

func isVerbatim(n ast.Node) bool {
	switch n.(type) {
	case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
		return true
	}
	return false
}

func isContainerBlock(n ast.Node) bool {
	switch n.(type) {
	case *ast.List, *ast.ListItem, *ast.Blockquote:
		return n.HasChildren()
	}
	return false
}

// atoms cuts an item into pieces no larger than MaxChars where the Markdown
// allows: containers into their children, prose into lines and sentences.
// Code blocks and folded sections stay whole.
func (b *chunker) atoms(it secItem) []packAtom {
	fr := b.frags(it)
	if len(fr) == 0 {
		return nil
	}
	if it.folded != nil || isVerbatim(it.node) || b.size(fr) <= b.opt.MaxChars {
		return []packAtom{{frags: fr}}
	}
	if isContainerBlock(it.node) {
		var out []packAtom
		for _, k := range b.ix.childSpans(it.node, it.end) {
			if !b.isSpacer(k) {
				out = append(out, b.atoms(secItem{blockSpan: k})...)
			}
		}
		return out
	}
	var out []packAtom
	for _, f := range fr {
		out = append(out, b.splitLine(f)...)
	}
	return out
}

// splitLine keeps a line whole if it fits, else splits it at sentence
// ends, then at spaces, and only as a last resort inside a word. The
// pieces remember the blanks between them, so rejoined they give back the
// line as written.
func (b *chunker) splitLine(f lineFrag) []packAtom {
	if b.size([]lineFrag{f}) <= b.opt.MaxChars {
		return []packAtom{{frags: []lineFrag{f}}}
	}
	var out []packAtom
	for i, sp := range cutAt(f.text, sentenceStarts(f.text)) {
		sf := lineFrag{line: f.line, text: sp.text, full: f.full && i == 0, join: sp.join}
		if i == 0 {
			sf.join = f.join
		}
		if b.size([]lineFrag{sf}) <= b.opt.MaxChars {
			out = append(out, packAtom{frags: []lineFrag{sf}})
			continue
		}
		for j, wp := range wrapText(sp.text, b.opt.MaxChars) {
			wf := lineFrag{line: f.line, text: wp.text, full: sf.full && j == 0, join: wp.join}
			if j == 0 {
				wf.join = sf.join
			}
			out = append(out, packAtom{frags: []lineFrag{wf}})
		}
	}
	return out
}

// textPiece is part of a line and the blanks that preceded it there.
type textPiece struct {
	text string
	join string
}

// cutAt cuts s at the given ascending byte offsets. Blanks before a cut
// move from the end of one piece into the join of the next.
func cutAt(s string, cuts []int) []textPiece {
	var out []textPiece
	join, start := "", 0
	for _, c := range append(cuts, len(s)) {
		piece := strings.TrimRight(s[start:c], " \t")
		out = append(out, textPiece{text: piece, join: join})
		join, start = s[start+len(piece):c], c
	}
	return out
}

// wrapText cuts s into pieces of at most maxRunes runes (not counting
// leading blanks) at blanks, or inside a word longer than that.
func wrapText(s string, maxRunes int) []textPiece {
	body := strings.TrimLeft(s, " \t")
	indent := s[:len(s)-len(body)]
	var out []textPiece
	join := ""
	for body != "" {
		if utf8.RuneCountInString(body) <= maxRunes {
			out = append(out, textPiece{text: body, join: join})
			break
		}
		limit := 0 // byte offset just past maxRunes runes
		for n := 0; n < maxRunes; n++ {
			_, size := utf8.DecodeRuneInString(body[limit:])
			limit += size
		}
		cut := strings.LastIndexAny(body[:limit], " \t")
		if body[limit] == ' ' || body[limit] == '\t' {
			cut = limit
		}
		if cut <= 0 {
			out = append(out, textPiece{text: body[:limit], join: join})
			body, join = body[limit:], ""
			continue
		}
		piece := strings.TrimRight(body[:cut], " \t")
		rest := strings.TrimLeft(body[cut:], " \t")
		out = append(out, textPiece{text: piece, join: join})
		join = body[len(piece) : len(body)-len(rest)]
		body = rest
	}
	if len(out) > 0 {
		out[0].text = indent + out[0].text
	}
	return out
}

// sentenceStarts returns the byte offsets where the sentences of s after
// the first begin: after '.', '!', '?' (or their CJK forms) and blanks.
// Decimals ("3.5") and abbreviations glued to a word are not cut.
func sentenceStarts(s string) []int {
	var out []int
	body := len(s) - len(strings.TrimLeft(s, " \t"))
	for i, r := range s {
		if i < body || !isSentenceEnd(r) {
			continue
		}
		end := i + utf8.RuneLen(r)
		next := end + len(s[end:]) - len(strings.TrimLeft(s[end:], " \t"))
		if next > end && next < len(s) && (len(out) == 0 || out[len(out)-1] < next) {
			out = append(out, next)
		}
	}
	return out
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', '。', '！', '？', '…':
		return true
	}
	return false
}

func (b *chunker) size(fr []lineFrag) int {
	return utf8.RuneCountInString(renderFrags(fr))
}

// chunkPiece is a chunk being packed; frags[:overlap] repeat the previous
// piece. runes and indent cache the rendered size and common indentation,
// so that packing a long run costs time in proportion to its length.
type chunkPiece struct {
	frags   []lineFrag
	overlap int
	runes   int
	indent  int
}

func newPiece(fr []lineFrag, overlap int) chunkPiece {
	indent := commonIndent(fr)
	return chunkPiece{frags: fr, overlap: overlap, runes: measureFrags(fr, indent), indent: indent}
}

// sizeWith returns the rendered size and common indentation of p followed
// by fr, re-measuring p only when fr lowers the indentation.
func (p chunkPiece) sizeWith(fr []lineFrag) (int, int) {
	indent := p.indent
	if add := commonIndent(fr); add >= 0 && (indent < 0 || add < indent) {
		indent = add
	}
	size := p.runes
	if indent != p.indent {
		size = measureFrags(p.frags, indent)
	}
	if len(p.frags) > 0 && len(fr) > 0 {
		size += len(fragSep(p.frags[len(p.frags)-1], fr[0]))
	}
	return size + measureFrags(fr, indent), indent
}

// packRun packs the atoms of a run of content items into chunks, greedily:
// an atom that does not fit closes the piece, and the next piece opens
// with the overlap when that still leaves room for the atom.
func (b *chunker) packRun(headingPath []string, lead []lineFrag, run []secItem) {
	var atoms []packAtom
	if len(lead) > 0 {
		atoms = append(atoms, packAtom{frags: lead})
	}
	for _, it := range run {
		atoms = append(atoms, b.atoms(it)...)
	}
	var pieces []chunkPiece
	cur := newPiece(nil, 0)
	for _, a := range atoms {
		if len(cur.frags) > cur.overlap {
			if size, indent := cur.sizeWith(a.frags); size <= b.opt.MaxChars {
				cur.frags = append(cur.frags, a.frags...)
				cur.runes, cur.indent = size, indent
				continue
			}
			pieces = append(pieces, cur)
			cur = newPiece(nil, 0)
			if ov := b.overlap(pieces[len(pieces)-1].frags); len(ov) > 0 {
				withOverlap := newPiece(ov, len(ov))
				if size, _ := withOverlap.sizeWith(a.frags); size <= b.opt.MaxChars {
					cur = withOverlap
				}
			}
		}
		size, indent := cur.sizeWith(a.frags)
		cur.frags = append(cur.frags, a.frags...)
		cur.runes, cur.indent = size, indent
	}
	if len(cur.frags) > cur.overlap {
		pieces = append(pieces, cur)
	}
	pieces = b.mergeTiny(pieces)
	for _, p := range pieces {
		b.addChunk(headingPath, p.frags)
	}
}

// mergeTiny merges a piece shorter than MinChars into a neighbour of the
// same run when the result fits, or when the neighbour is already over
// budget because of a code block it must keep whole.
func (b *chunker) mergeTiny(pieces []chunkPiece) []chunkPiece {
	for i := 0; i < len(pieces) && len(pieces) > 1; i++ {
		if pieces[i].runes >= b.opt.MinChars {
			continue
		}
		own := pieces[i].frags[pieces[i].overlap:]
		if i > 0 {
			prev := pieces[i-1]
			merged := newPiece(append(prev.frags[:len(prev.frags):len(prev.frags)], own...), prev.overlap)
			if b.fits(merged, prev) {
				pieces[i-1] = merged
				pieces = append(pieces[:i], pieces[i+1:]...)
				i--
				continue
			}
		}
		if i+1 < len(pieces) {
			next := pieces[i+1]
			cur := pieces[i]
			merged := newPiece(append(cur.frags[:len(cur.frags):len(cur.frags)], next.frags[next.overlap:]...), cur.overlap)
			if b.fits(merged, next) {
				pieces[i+1] = merged
				pieces = append(pieces[:i], pieces[i+1:]...)
				i--
			}
		}
	}
	return pieces
}

// fits reports whether merged may replace neighbour: within budget, or
// the neighbour already exceeds it only because of code it keeps whole.
func (b *chunker) fits(merged, neighbour chunkPiece) bool {
	if merged.runes <= b.opt.MaxChars {
		return true
	}
	if neighbour.runes <= b.opt.MaxChars {
		return false
	}
	for _, f := range neighbour.frags {
		if f.code {
			return true
		}
	}
	return false
}

// overlap returns the tail of a piece to repeat at the start of the next
// one: the longest run of whole trailing lines (or sentence pieces) within
// OverlapChars, else the longest sentence tail of the last line, else its
// longest word tail. Code is never repeated: a partial fence would break
// the Markdown of the next chunk.
func (b *chunker) overlap(fr []lineFrag) []lineFrag {
	limit := b.opt.OverlapChars
	if limit <= 0 || len(fr) == 0 || fr[len(fr)-1].code {
		return nil
	}
	best := -1
	for i := len(fr) - 1; i >= 0; i-- {
		if fr[i].code || (fr[i].join == "" && !fr[i].full && i > 0 && fr[i-1].line == fr[i].line) {
			break // code, or a cut inside a word: not a boundary
		}
		tail := append([]lineFrag(nil), fr[i:]...)
		tail[0] = trimFrag(tail[0])
		if b.size(tail) > limit {
			break
		}
		best = i
	}
	if best >= 0 {
		out := append([]lineFrag(nil), fr[best:]...)
		out[0] = trimFrag(out[0])
		return out
	}
	last := fr[len(fr)-1]
	body := strings.TrimSpace(last.text)
	if s, ok := tailWithin(body, limit, sentenceStarts(body)); ok {
		return []lineFrag{{line: last.line, text: s, join: " "}}
	}
	if s, ok := tailWithin(body, limit, wordStarts(body)); ok {
		return []lineFrag{{line: last.line, text: s, join: " "}}
	}
	return nil
}

// trimFrag turns the first frag of an overlap into a plain partial line so
// that a list marker's indentation does not skew the next chunk's dedent.
func trimFrag(f lineFrag) lineFrag {
	f.text = strings.TrimSpace(f.text)
	f.full = false
	return f
}

// tailWithin returns the longest suffix of s that starts at one of the
// byte offsets in starts (ascending), has at most limit runes, and does not
// begin inside a link, an image or a code span, which would leave broken
// Markdown behind. One pass over s: long lines stay linear.
func tailWithin(s string, limit int, starts []int) (string, bool) {
	total := utf8.RuneCountInString(s)
	var square, round, ticks, seen int
	next := 0
	for off, r := range s {
		for next < len(starts) && starts[next] < off {
			next++ // not on a rune boundary: cannot happen, but stay safe
		}
		if next < len(starts) && starts[next] == off {
			next++
			if total-seen <= limit && square <= 0 && round <= 0 && ticks%2 == 0 {
				return s[off:], true
			}
		}
		switch r {
		case '[':
			square++
		case ']':
			square--
		case '(':
			round++
		case ')':
			round--
		case '`':
			ticks++
		}
		seen++
	}
	return "", false
}

// wordStarts returns the offsets of the words of s after the first.
func wordStarts(s string) []int {
	var out []int
	for i := 1; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' && (s[i-1] == ' ' || s[i-1] == '\t') {
			out = append(out, i)
		}
	}
	return out
}

// addChunk renders frags into a chunk; a piece with no text is dropped.
func (b *chunker) addChunk(headingPath []string, fr []lineFrag) {
	txt := renderFrags(fr)
	if strings.TrimSpace(txt) == "" {
		return
	}
	h := sha256.New()
	for _, p := range headingPath {
		h.Write([]byte(p))
		h.Write([]byte{0x1f}) // unit separator: path elements may hold anything else
	}
	h.Write([]byte{0x1e})
	h.Write([]byte(txt))
	b.chunks = append(b.chunks, Chunk{
		HeadingPath: append([]string(nil), headingPath...),
		Text:        txt,
		LineStart:   fr[0].line + 1,
		LineEnd:     fr[len(fr)-1].line + 1,
		Hash:        hex.EncodeToString(h.Sum(nil)),
	})
}

// renderFrags joins frags into readable Markdown: the common indentation is
// removed (content nested deep in a list reads as plain paragraphs),
// trailing blanks are gone, and each gap between lines becomes a single
// blank line. Lines of code keep their blank lines.
func renderFrags(fr []lineFrag) string {
	indent := commonIndent(fr)
	var sb strings.Builder
	for i, f := range fr {
		if i > 0 {
			sb.WriteString(fragSep(fr[i-1], f))
		}
		sb.WriteString(fragText(f, indent))
	}
	return sb.String()
}

// measureFrags is utf8.RuneCountInString(renderFrags(fr)) for a given
// common indentation, without building the string.
func measureFrags(fr []lineFrag, indent int) int {
	n := 0
	for i, f := range fr {
		if i > 0 {
			n += len(fragSep(fr[i-1], f)) // separators are ASCII
		}
		n += utf8.RuneCountInString(fragText(f, indent))
	}
	return n
}

// commonIndent is the smallest indentation of the whole, non-blank lines
// in fr, or -1 when there are none.
func commonIndent(fr []lineFrag) int {
	indent := -1
	for _, f := range fr {
		if f.full && strings.TrimSpace(f.text) != "" {
			if w := indentWidth(f.text); indent < 0 || w < indent {
				indent = w
			}
		}
	}
	return indent
}

// fragSep is what separates f from the frag before it: the joint of a
// split line, a line break, or one blank line for any gap in the source.
func fragSep(prev, f lineFrag) string {
	switch {
	case f.line == prev.line:
		return f.join
	case f.line == prev.line+1:
		return "\n"
	default:
		return "\n\n"
	}
}

// fragText is f as rendered once indent columns of common indentation are
// removed.
func fragText(f lineFrag, indent int) string {
	if f.full {
		return dedent(f.text, max(indent, 0))
	}
	return strings.TrimSpace(f.text)
}

// indentWidth is the width of s's leading blanks in columns.
func indentWidth(s string) int {
	w := 0
	for _, c := range s {
		switch c {
		case ' ':
			w++
		case '\t':
			w += chunkTabWidth - w%chunkTabWidth
		default:
			return w
		}
	}
	return w
}

// dedent removes n columns of leading blanks, splitting a tab that
// straddles the cut into spaces.
func dedent(s string, n int) string {
	col := 0
	for i, c := range s {
		if col >= n {
			return s[i:]
		}
		switch c {
		case ' ':
			col++
		case '\t':
			next := col + chunkTabWidth - col%chunkTabWidth
			if next > n {
				return strings.Repeat(" ", next-n) + s[i+1:]
			}
			col = next
		default:
			return s[i:]
		}
	}
	return ""
}
