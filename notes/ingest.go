package notes

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"grader/embeddings"
	"grader/store"
	"grader/token"
)

// Index ingests notes into a Store and searches them: it owns the chunking
// options, the embedder and the glossary that shapes the keyword terms.
type Index struct {
	store Storage
	emb   embeddings.Embedder
	gloss *token.Glossary
	opt   ChunkOptions
	log   *slog.Logger

	// beforeCommit, when set (by tests), runs inside a note's transaction just
	// before it commits; an error aborts the transaction as a crash would.
	beforeCommit func(path string) error
}

// NewIndex ties a store to an embedder. g may be nil (no glossary folding).
func NewIndex(store Storage, emb embeddings.Embedder, g *token.Glossary, opt ChunkOptions, log *slog.Logger) *Index {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Index{store: store, emb: emb, gloss: g, opt: opt, log: log}
}

// Embedder returns the embedder in use.
func (ix *Index) Embedder() embeddings.Embedder { return ix.emb }

// Glossary is the glossary the index folds terms with (may be nil).
func (ix *Index) Glossary() *token.Glossary { return ix.gloss }

// Summary is what one ingest did (CONTRACT.md, with extensions).
type Summary struct {
	Files           int       `json:"files"`
	ChunksAdded     int       `json:"chunks_added"`
	ChunksUnchanged int       `json:"chunks_unchanged"`
	ChunksDeleted   int       `json:"chunks_deleted"`
	NotesDeleted    int       `json:"notes_deleted"`
	ChunksEmbedded  int       `json:"chunks_embedded"`
	Skipped         []Skipped `json:"skipped"`
	Collection      string    `json:"collection"`
	Model           string    `json:"embedding_model"`
}

// Skipped names a file that was not ingested and why.
type Skipped struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
	// Code names the reason for a page to word it: not_note_file,
	// not_regular, too_large, not_text, unreadable.
	Code string `json:"code"`
}

// skipCode names why a note was skipped, from the error or reason.
func skipCode(err error, reason string) string {
	switch {
	case errors.Is(err, ErrTooLarge) || strings.HasPrefix(reason, ErrTooLarge.Error()):
		return "too_large"
	case errors.Is(err, ErrNotText):
		return "not_text"
	case strings.HasPrefix(reason, "not a regular file"):
		return "not_regular"
	case strings.HasPrefix(reason, "not a note file"):
		return "not_note_file"
	}
	return "unreadable"
}

func skipped(path string, err error, reason string) Skipped {
	if reason == "" && err != nil {
		reason = err.Error()
	}
	return Skipped{Path: path, Reason: reason, Code: skipCode(err, reason)}
}

// File is one note to ingest from memory (an upload): Path is relative.
type File struct {
	Path    string
	Content []byte
}

// Progress is told after each file; total is known before the first call.
type Progress func(done, total int, path string)

// Extensions lists the file endings read as notes.
var Extensions = []string{".md", ".markdown", ".txt"}

// notRegular says why a file is not read as a note ("" when it is): only
// regular files of at most the options' MaxBytes are (checked before the
// file is read, so a huge one costs no memory).
func (ix *Index) notRegular(mode fs.FileMode, size int64) string {
	maxBytes, _ := ix.opt.Limits()
	switch {
	case !mode.IsRegular():
		return "not a regular file (" + mode.Type().String() + "): only regular files are read"
	case size > maxBytes:
		return fmt.Sprintf("%s: %s, at most %s", ErrTooLarge, sizeText(size), sizeText(maxBytes))
	}
	return ""
}

func isNoteFile(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
}

// source is one file found on disk, with the root it was found under.
type source struct {
	root, rel, abs string
	fromDir        bool
}

// IngestPaths ingests files and folders (recursively) into a collection.
// For a folder, notes of that folder that no longer exist are deleted.
// A bad file is skipped and reported; the rest still goes in.
func (ix *Index) IngestPaths(ctx context.Context, collection string, paths []string, progress Progress) (Summary, error) {
	sum := Summary{Collection: collection, Model: ix.emb.Model(), Skipped: []Skipped{}}
	var srcs []source
	var roots []string
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return sum, fmt.Errorf("ingest %s: %w", p, err)
		}
		info, err := os.Stat(abs)
		if err != nil {
			return sum, fmt.Errorf("ingest %s: %w", p, err)
		}
		if !info.IsDir() {
			if why := ix.notRegular(info.Mode(), info.Size()); why != "" {
				sum.Skipped = append(sum.Skipped, skipped(p, nil, why))
				continue
			}
			if !isNoteFile(abs) {
				ix.log.Warn("skipping file that is not a note", "path", p, "want", strings.Join(Extensions, " "))
				sum.Skipped = append(sum.Skipped, skipped(p, nil, "not a note file (want "+strings.Join(Extensions, ", ")+")"))
				continue
			}
			srcs = append(srcs, source{root: filepath.Dir(abs), rel: filepath.Base(abs), abs: abs})
			continue
		}
		roots = append(roots, abs)
		err = filepath.WalkDir(abs, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				sum.Skipped = append(sum.Skipped, skipped(path, err, ""))
				return nil
			}
			if d.IsDir() {
				if path != abs && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			rel, _ := filepath.Rel(abs, path)
			if info, err := d.Info(); err != nil || ix.notRegular(info.Mode(), info.Size()) != "" {
				// a FIFO, device or link would block or lead elsewhere; a huge file would take all memory
				why := "unreadable"
				if err == nil {
					why = ix.notRegular(info.Mode(), info.Size())
				}
				sum.Skipped = append(sum.Skipped, skipped(path, nil, why))
				return nil
			}
			if !isNoteFile(path) {
				ix.log.Warn("skipping file that is not a note", "path", path)
				sum.Skipped = append(sum.Skipped, skipped(path, nil, "not a note file"))
				return nil
			}
			srcs = append(srcs, source{root: abs, rel: filepath.ToSlash(rel), abs: path, fromDir: true})
			return nil
		})
		if err != nil {
			return sum, fmt.Errorf("ingest %s: walk: %w", p, err)
		}
	}
	collID, err := ix.store.CollectionID(ctx, collection, true)
	if err != nil {
		return sum, err
	}
	done := 0
	w := ix.newWriter(collID, &sum, func(path string) {
		done++
		if progress != nil {
			progress(done, len(srcs), path)
		}
	})
	seen := map[string]map[string]bool{}
	for _, src := range srcs {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		if seen[src.root] == nil {
			seen[src.root] = map[string]bool{}
		}
		// A file that cannot be read now is still a note of the folder: keep its old version.
		seen[src.root][src.rel] = true
		content, err := os.ReadFile(src.abs)
		if err != nil {
			sum.Skipped = append(sum.Skipped, skipped(src.abs, err, ""))
			ix.log.Warn("skipping unreadable note", "path", src.abs, "err", err)
			w.progress(src.rel)
			continue
		}
		if err := w.add(ctx, src.root, src.rel, src.abs, content); err != nil {
			return sum, err
		}
	}
	if err := w.flush(ctx); err != nil {
		return sum, err
	}
	for _, root := range roots {
		nd, cd, err := ix.store.DeleteNotesNotIn(ctx, collID, root, seen[root])
		if err != nil {
			return sum, err
		}
		sum.NotesDeleted += nd
		sum.ChunksDeleted += cd
	}
	return sum, ix.finish(ctx, collection, &sum)
}

// IngestFiles ingests notes held in memory (uploads) under a named root.
// Nothing is deleted: an upload adds or replaces notes only.
func (ix *Index) IngestFiles(ctx context.Context, collection, root string, files []File) (Summary, error) {
	sum := Summary{Collection: collection, Model: ix.emb.Model(), Skipped: []Skipped{}}
	collID, err := ix.store.CollectionID(ctx, collection, true)
	if err != nil {
		return sum, err
	}
	w := ix.newWriter(collID, &sum, nil)
	for _, f := range files {
		if !isNoteFile(f.Path) {
			sum.Skipped = append(sum.Skipped, skipped(f.Path, nil, "not a note file (want "+strings.Join(Extensions, ", ")+")"))
			continue
		}
		if err := w.add(ctx, root, f.Path, f.Path, f.Content); err != nil {
			return sum, err
		}
	}
	if err := w.flush(ctx); err != nil {
		return sum, err
	}
	return sum, ix.finish(ctx, collection, &sum)
}

// finish ends every ingest: vectors for chunks the current model has not
// embedded yet (after a model switch, all of them), then planner upkeep.
func (ix *Index) finish(ctx context.Context, collection string, sum *Summary) error {
	n, err := ix.EmbedMissing(ctx, collection)
	sum.ChunksEmbedded += n
	if err != nil {
		return err
	}
	// Planner statistics go stale after a big change (see store.Maintain).
	if sum.ChunksAdded+sum.ChunksDeleted+sum.ChunksEmbedded == 0 {
		return nil
	}
	return ix.store.Maintain(ctx)
}

// Notes are written in groups of at most groupNotes notes or groupChunks
// chunks: one lookup, one embedder call and one transaction a group rather
// than a note (per note, the round trips and the term counts cost more than
// the rows themselves), while a group stays small enough to hold in memory
// and to redo.
const (
	groupNotes  = 64
	groupChunks = 512
)

// parsedNote is a note read and parsed, waiting to be written with others.
type parsedNote struct {
	key   store.NoteKey
	shown string // the name a skip reports (the file as given, for a folder's note its full path)
	note  Note
}

// writer collects parsed notes and writes them a group at a time. Progress
// is told for each note when its group has been written.
type writer struct {
	ix       *Index
	collID   int64
	sum      *Summary
	progress func(path string) // told the note's path under its root

	group  []parsedNote
	keys   map[store.NoteKey]bool
	chunks int
}

func (ix *Index) newWriter(collID int64, sum *Summary, progress func(path string)) *writer {
	if progress == nil {
		progress = func(string) {}
	}
	return &writer{ix: ix, collID: collID, sum: sum, progress: progress, keys: map[store.NoteKey]bool{}}
}

// add parses a note and queues it; a note that cannot be parsed is skipped
// and reported.
func (w *writer) add(ctx context.Context, root, rel, shown string, content []byte) error {
	note, err := Parse(rel, content, w.ix.opt)
	if err != nil {
		w.sum.Skipped = append(w.sum.Skipped, skipped(shown, err, ""))
		w.ix.log.Warn("skipping bad note", "path", shown, "err", err)
		w.progress(rel)
		return nil
	}
	key := store.NoteKey{Root: root, Path: rel}
	if w.keys[key] { // the same note twice: the second is compared with the first
		if err := w.flush(ctx); err != nil {
			return err
		}
	}
	w.group = append(w.group, parsedNote{key: key, shown: shown, note: note})
	w.keys[key] = true
	w.chunks += len(note.Chunks)
	if len(w.group) >= groupNotes || w.chunks >= groupChunks {
		return w.flush(ctx)
	}
	return nil
}

// flush writes the queued notes. When another ingest wrote one of them
// meanwhile, the group is compared again with what is stored now.
func (w *writer) flush(ctx context.Context) error {
	group := w.group
	w.group, w.keys, w.chunks = nil, map[store.NoteKey]bool{}, 0
	if len(group) == 0 {
		return nil
	}
	var err error
	for range 3 {
		var sum Summary
		if sum, err = w.write(ctx, group); err == nil {
			w.sum.Files += sum.Files
			w.sum.ChunksAdded += sum.ChunksAdded
			w.sum.ChunksUnchanged += sum.ChunksUnchanged
			w.sum.ChunksDeleted += sum.ChunksDeleted
			w.sum.ChunksEmbedded += sum.ChunksEmbedded
			for _, p := range group {
				w.progress(p.key.Path)
			}
			return nil
		}
		if !errors.Is(err, store.ErrNoteChanged) {
			return err
		}
		w.ix.log.Info("notes changed by another ingest meanwhile; comparing again", "notes", groupName(group))
	}
	return err
}

// write replaces the notes of a group whose content changed, in one
// transaction: chunks whose content hash survives keep their row and their
// embeddings; new chunks are embedded (in one call) before the transaction
// starts. It returns what it did.
func (w *writer) write(ctx context.Context, group []parsedNote) (Summary, error) {
	var sum Summary
	ix := w.ix
	keys := make([]store.NoteKey, len(group))
	for i, p := range group {
		keys[i] = p.key
	}
	stored, err := ix.store.Notes(ctx, w.collID, keys)
	if err != nil {
		return sum, err
	}
	var changed []parsedNote
	var oldIDs []int64
	for _, p := range group {
		sum.Files++
		old, found := stored[p.key]
		if found && old.Hash == p.note.Hash {
			sum.ChunksUnchanged += old.Chunks
			continue
		}
		changed = append(changed, p)
		if found {
			oldIDs = append(oldIDs, old.ID)
		}
	}
	oldChunks := map[int64][]store.StoredChunk{}
	if len(oldIDs) > 0 {
		if oldChunks, err = ix.store.NoteChunks(ctx, oldIDs); err != nil {
			return sum, err
		}
	}
	rs := make([]store.Replacement, len(changed))
	var texts []string
	for n, p := range changed {
		old, found := stored[p.key]
		note := p.note
		// Pair new chunks with old rows of the same content, first come first served.
		free := map[string][]int64{}
		for _, c := range oldChunks[old.ID] {
			free[c.Hash] = append(free[c.Hash], c.ID)
		}
		keep := make([]int64, len(note.Chunks)) // 0 = new chunk
		var fresh []int
		for i, c := range note.Chunks {
			if ids := free[c.Hash]; len(ids) > 0 {
				keep[i], free[c.Hash] = ids[0], ids[1:]
				continue
			}
			fresh = append(fresh, i)
			texts = append(texts, EmbeddingText(note.Title, c))
		}
		var drop []int64
		for _, ids := range free {
			drop = append(drop, ids...)
		}
		version := store.NoteVersion{Path: note.Path, Title: note.Title, Categories: note.Categories, FrontMatter: note.FrontMatter, Hash: note.Hash}
		version.Chunks = make([]store.ChunkRow, len(note.Chunks))
		for i, c := range note.Chunks {
			version.Chunks[i] = store.ChunkRow{Ordinal: c.Ordinal, HeadingPath: c.HeadingPath, Text: c.Text,
				LineStart: c.LineStart, LineEnd: c.LineEnd, Hash: c.Hash}
		}
		for _, i := range fresh {
			version.Chunks[i].Terms = strings.Join(ChunkTerms(note.Title, note.Chunks[i], ix.gloss), " ")
		}
		rs[n] = store.Replacement{CollectionID: w.collID, Root: p.key.Root, Note: version, NoteID: old.ID, Exists: found, OldHash: old.Hash,
			Keep: keep, Fresh: fresh, Model: ix.emb.Model(), Drop: drop}
	}
	vecs, err := ix.embed(ctx, texts)
	if err != nil {
		return sum, fmt.Errorf("ingest %s: %w", groupName(changed), err)
	}
	for n := range rs {
		rs[n].Vectors, vecs = vecs[:len(rs[n].Fresh)], vecs[len(rs[n].Fresh):]
	}
	var before func() error
	if ix.beforeCommit != nil {
		before = func() error { return ix.beforeCommit(groupName(changed)) }
	}
	if err := ix.store.ReplaceNotes(ctx, rs, before); err != nil {
		return sum, fmt.Errorf("ingest %s: %w", groupName(changed), err)
	}
	for _, r := range rs {
		sum.ChunksAdded += len(r.Fresh)
		sum.ChunksUnchanged += len(r.Note.Chunks) - len(r.Fresh)
		sum.ChunksDeleted += len(r.Drop)
		sum.ChunksEmbedded += len(r.Fresh)
	}
	return sum, nil
}

// groupName names the notes of a group for an error: the one, or the first
// and how many.
func groupName(g []parsedNote) string {
	switch len(g) {
	case 0:
		return "no note"
	case 1:
		return g[0].key.Path
	}
	return fmt.Sprintf("%s and %d more notes", g[0].key.Path, len(g)-1)
}

// EmbeddingText is what the embedder sees for a chunk: its place in the notes
// (title and heading path) and its text, so a bare bullet keeps its context.
func EmbeddingText(title string, c Chunk) string {
	var b strings.Builder
	path := c.HeadingPath
	if len(path) == 0 || path[0] != title {
		b.WriteString(title)
		b.WriteString("\n")
	}
	b.WriteString(strings.Join(path, " > "))
	b.WriteString("\n")
	b.WriteString(c.Text)
	return b.String()
}

// ChunkTerms are the keyword-search terms of a chunk: its heading path and
// text through the Korean-aware tokenizer.
func ChunkTerms(title string, c Chunk, g *token.Glossary) []string {
	return token.Terms(strings.Join(c.HeadingPath, " ")+"\n"+c.Text, g)
}

// embedBatch bounds one call to the embedder; a remote embedder splits it
// further into concurrent requests of its own batch size.
const embedBatch = 256

func (ix *Index) embed(ctx context.Context, texts []string) ([][]float32, error) {
	if len(texts) == 0 {
		return nil, nil
	}
	// A remote model may learn its dimension from its first answer.
	dim, err := embeddings.ProbeDim(ctx, ix.emb)
	if err != nil {
		return nil, err
	}
	if err := ix.store.EnsureModel(ctx, ix.emb.Model(), dim); err != nil {
		return nil, err
	}
	out := make([][]float32, 0, len(texts))
	for i := 0; i < len(texts); i += embedBatch {
		end := min(i+embedBatch, len(texts))
		vs, err := ix.emb.Embed(ctx, texts[i:end])
		if err != nil {
			return nil, fmt.Errorf("embed with %s: %w", ix.emb.Model(), err)
		}
		if len(vs) != end-i {
			return nil, fmt.Errorf("embed with %s: got %d vectors for %d texts", ix.emb.Model(), len(vs), end-i)
		}
		out = append(out, vs...)
	}
	return out, nil
}

// EmbedMissing embeds every chunk of the collection that has no vector from the
// current model: after a model switch, this is what re-embeds the old notes.
func (ix *Index) EmbedMissing(ctx context.Context, collection string) (int, error) {
	collID, err := ix.store.CollectionID(ctx, collection, false)
	if err != nil || collID == 0 {
		return 0, err
	}
	total := 0
	for {
		missing, err := ix.store.ChunksWithoutEmbedding(ctx, collID, ix.emb.Model(), 256)
		if err != nil {
			return total, err
		}
		if len(missing) == 0 {
			return total, nil
		}
		texts := make([]string, len(missing))
		for i, m := range missing {
			texts[i] = EmbeddingText(m.Title, Chunk{HeadingPath: m.HeadingPath, Text: m.Text})
		}
		vecs, err := ix.embed(ctx, texts)
		if err != nil {
			return total, fmt.Errorf("re-embed collection %s: %w", collection, err)
		}
		ids := make([]int64, len(missing))
		for i, m := range missing {
			ids[i] = m.ID
		}
		if err := ix.store.InsertEmbeddings(ctx, collID, ix.emb.Model(), ids, vecs); err != nil {
			return total, err
		}
		total += len(missing)
	}
}

// PlainRows are the rows a plain insert of these files would write: each
// chunk with its search terms and its vector computed beforehand. Benchmarks
// time inserting them as the baseline of an ingest.
func (ix *Index) PlainRows(ctx context.Context, files []File) ([]store.ChunkRow, [][]float32, error) {
	var rows []store.ChunkRow
	var texts []string
	for _, f := range files {
		n, err := Parse(f.Path, f.Content, ix.opt)
		if err != nil {
			return nil, nil, err
		}
		for _, c := range n.Chunks {
			rows = append(rows, store.ChunkRow{HeadingPath: c.HeadingPath, Text: c.Text, Hash: c.Hash, Terms: strings.Join(ChunkTerms(n.Title, c, ix.gloss), " ")})
			texts = append(texts, EmbeddingText(n.Title, c))
		}
	}
	vecs, err := ix.emb.Embed(ctx, texts)
	if err != nil {
		return nil, nil, fmt.Errorf("embed the plain rows: %w", err)
	}
	return rows, vecs, nil
}
