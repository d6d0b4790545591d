package notes

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
	pgvector "github.com/pgvector/pgvector-go"

	"grader/embeddings"
	"grader/token"
)

// Index ingests notes into a Store and searches them: it owns the chunking
// options, the embedder and the glossary that shapes the keyword terms.
type Index struct {
	store *Store
	emb   embeddings.Embedder
	gloss *token.Glossary
	opt   ChunkOptions
	log   *slog.Logger

	// beforeCommit, when set (by tests), runs inside a note's transaction just
	// before it commits; an error aborts the transaction as a crash would.
	beforeCommit func(path string) error
}

// NewIndex ties a store to an embedder. g may be nil (no glossary folding).
func NewIndex(store *Store, emb embeddings.Embedder, g *token.Glossary, opt ChunkOptions, log *slog.Logger) *Index {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Index{store: store, emb: emb, gloss: g, opt: opt, log: log}
}

// Store returns the underlying store.
func (ix *Index) Store() *Store { return ix.store }

// Embedder returns the embedder in use.
func (ix *Index) Embedder() embeddings.Embedder { return ix.emb }

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
			if !isNoteFile(abs) {
				ix.log.Warn("skipping file that is not a note", "path", p, "want", strings.Join(Extensions, " "))
				sum.Skipped = append(sum.Skipped, Skipped{Path: p, Reason: "not a note file (want " + strings.Join(Extensions, ", ") + ")"})
				continue
			}
			srcs = append(srcs, source{root: filepath.Dir(abs), rel: filepath.Base(abs), abs: abs})
			continue
		}
		roots = append(roots, abs)
		err = filepath.WalkDir(abs, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				sum.Skipped = append(sum.Skipped, Skipped{Path: path, Reason: err.Error()})
				return nil
			}
			if d.IsDir() {
				if path != abs && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			rel, _ := filepath.Rel(abs, path)
			if !isNoteFile(path) {
				ix.log.Warn("skipping file that is not a note", "path", path)
				sum.Skipped = append(sum.Skipped, Skipped{Path: path, Reason: "not a note file"})
				return nil
			}
			srcs = append(srcs, source{root: abs, rel: filepath.ToSlash(rel), abs: path, fromDir: true})
			return nil
		})
		if err != nil {
			return sum, fmt.Errorf("ingest %s: walk: %w", p, err)
		}
	}
	collID, err := collectionID(ctx, ix.store.pool, collection, true)
	if err != nil {
		return sum, err
	}
	seen := map[string]map[string]bool{}
	for i, src := range srcs {
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
			sum.Skipped = append(sum.Skipped, Skipped{Path: src.abs, Reason: err.Error()})
			ix.log.Warn("skipping unreadable note", "path", src.abs, "err", err)
		} else if err := ix.ingestOne(ctx, collID, src.root, src.rel, content, &sum); err != nil {
			var bad *badNoteError
			if !errors.As(err, &bad) {
				return sum, err
			}
			sum.Skipped = append(sum.Skipped, Skipped{Path: src.abs, Reason: bad.Error()})
			ix.log.Warn("skipping bad note", "path", src.abs, "err", bad.err)
		}
		if progress != nil {
			progress(i+1, len(srcs), src.rel)
		}
	}
	for _, root := range roots {
		nd, cd, err := ix.store.deleteNotesNotIn(ctx, collID, root, seen[root])
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
	collID, err := collectionID(ctx, ix.store.pool, collection, true)
	if err != nil {
		return sum, err
	}
	for _, f := range files {
		if !isNoteFile(f.Path) {
			sum.Skipped = append(sum.Skipped, Skipped{Path: f.Path, Reason: "not a note file (want " + strings.Join(Extensions, ", ") + ")"})
			continue
		}
		if err := ix.ingestOne(ctx, collID, root, f.Path, f.Content, &sum); err != nil {
			var bad *badNoteError
			if !errors.As(err, &bad) {
				return sum, err
			}
			sum.Skipped = append(sum.Skipped, Skipped{Path: f.Path, Reason: bad.Error()})
		}
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
	return ix.store.analyzeAfter(ctx, *sum)
}

// analyzeAfter keeps the planner's statistics current after an ingest that
// changed rows, and vacuums when deleted rows pile up. With stale statistics
// the planner may walk the HNSW graph for a collection that is a tiny share
// of the table; with many dead rows an iterative HNSW scan spends its tuple
// budget on them and finds nothing. PostgreSQL's autovacuum normally sees to
// both; PGlite runs no autovacuum worker, hence this.
func (s *Store) analyzeAfter(ctx context.Context, sum Summary) error {
	if sum.ChunksAdded+sum.ChunksDeleted+sum.ChunksEmbedded == 0 {
		return nil
	}
	return s.maintain(ctx)
}

// maintain analyzes chunks and embeddings, vacuuming them first when dead
// rows exceed a fifth of the live ones (and a thousand).
func (s *Store) maintain(ctx context.Context) error {
	var live, dead int64
	err := s.pool.QueryRow(ctx, `select coalesce(sum(n_live_tup), 0), coalesce(sum(n_dead_tup), 0)
		from pg_stat_user_tables where relname in ('chunks', 'embeddings')`).Scan(&live, &dead)
	if err != nil {
		return fmt.Errorf("read table statistics: %w", err)
	}
	stmt := `analyze chunks, embeddings`
	if dead > 1000 && dead*5 > live {
		stmt = `vacuum (analyze) chunks, embeddings` // not inside a transaction: a plain Exec
	}
	if _, err := s.pool.Exec(ctx, stmt); err != nil {
		return fmt.Errorf("%s: %w", stmt, err)
	}
	return nil
}

// badNoteError is a note that cannot be parsed; ingest skips it and goes on.
type badNoteError struct{ err error }

func (e *badNoteError) Error() string { return e.err.Error() }
func (e *badNoteError) Unwrap() error { return e.err }

// ingestOne parses one note and, if it changed, replaces it in one
// transaction: chunks whose content hash survives keep their row and their
// embeddings; new chunks are embedded before the transaction starts, so a
// crash at any point leaves either the old or the new version of the note.
func (ix *Index) ingestOne(ctx context.Context, collID int64, root, rel string, content []byte, sum *Summary) error {
	note, err := Parse(rel, content, ix.opt)
	if err != nil {
		return &badNoteError{err}
	}
	old, found, err := ix.store.note(ctx, collID, root, rel)
	if err != nil {
		return err
	}
	sum.Files++
	if found && old.Hash == note.Hash {
		sum.ChunksUnchanged += old.Chunks
		return nil
	}
	var oldChunks []storedChunk
	if found {
		if oldChunks, err = ix.store.noteChunks(ctx, old.ID); err != nil {
			return err
		}
	}
	// Pair new chunks with old rows of the same content, first come first served.
	free := map[string][]int64{}
	for _, c := range oldChunks {
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
	}
	texts := make([]string, len(fresh))
	for j, i := range fresh {
		texts[j] = EmbeddingText(note.Title, note.Chunks[i])
	}
	vecs, err := ix.embed(ctx, texts)
	if err != nil {
		return fmt.Errorf("ingest %s: %w", rel, err)
	}
	var drop []int64
	for _, ids := range free {
		drop = append(drop, ids...)
	}
	if err := ix.store.replaceNote(ctx, replacement{
		collID: collID, root: root, note: note, noteID: old.ID, exists: found,
		keep: keep, fresh: fresh, vecs: vecs, model: ix.emb.Model(), drop: drop,
		terms:        func(c Chunk) string { return strings.Join(ChunkTerms(note.Title, c, ix.gloss), " ") },
		beforeCommit: ix.beforeCommit,
	}); err != nil {
		return fmt.Errorf("ingest %s: %w", rel, err)
	}
	sum.ChunksAdded += len(fresh)
	sum.ChunksUnchanged += len(note.Chunks) - len(fresh)
	sum.ChunksDeleted += len(drop)
	sum.ChunksEmbedded += len(fresh)
	return nil
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
	if err := ix.store.ensureModel(ctx, ix.emb.Model(), dim); err != nil {
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
	collID, err := collectionID(ctx, ix.store.pool, collection, false)
	if err != nil || collID == 0 {
		return 0, err
	}
	total := 0
	for {
		missing, err := ix.store.chunksWithoutEmbedding(ctx, collID, ix.emb.Model(), 256)
		if err != nil {
			return total, err
		}
		if len(missing) == 0 {
			return total, nil
		}
		texts := make([]string, len(missing))
		for i, m := range missing {
			texts[i] = EmbeddingText(m.title, m.chunk)
		}
		vecs, err := ix.embed(ctx, texts)
		if err != nil {
			return total, fmt.Errorf("re-embed collection %s: %w", collection, err)
		}
		ids := make([]int64, len(missing))
		for i, m := range missing {
			ids[i] = m.id
		}
		if err := ix.store.insertEmbeddings(ctx, collID, ix.emb.Model(), ids, vecs); err != nil {
			return total, err
		}
		total += len(missing)
	}
}

type replacement struct {
	collID int64
	root   string
	note   Note
	noteID int64
	exists bool
	keep   []int64 // per new chunk: the old row it reuses, or 0
	fresh  []int   // indexes of new chunks to insert
	vecs   [][]float32
	model  string
	drop   []int64
	terms  func(Chunk) string

	beforeCommit func(path string) error
}

// replaceNote writes a note's new version in one transaction.
func (s *Store) replaceNote(ctx context.Context, r replacement) error {
	// Sent as text: in exec mode pgx would send []byte as bytea, which jsonb rejects.
	var fm *string
	if r.note.FrontMatter != nil {
		b, err := json.Marshal(r.note.FrontMatter)
		if err != nil {
			return fmt.Errorf("encode front matter: %w", err)
		}
		s := string(b)
		fm = &s
	}
	cats := r.note.Categories
	if cats == nil {
		cats = []string{}
	}
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		noteID := r.noteID
		if r.exists {
			_, err := tx.Exec(ctx, `update notes set title = $2, categories = $3, front_matter = $4, content_hash = $5,
				updated_at = now(), indexed_at = now() where id = $1`, noteID, r.note.Title, cats, fm, r.note.Hash)
			if err != nil {
				return fmt.Errorf("update note: %w", err)
			}
		} else {
			err := tx.QueryRow(ctx, `insert into notes (collection_id, root, path, title, categories, front_matter, content_hash)
				values ($1, $2, $3, $4, $5, $6, $7) returning id`,
				r.collID, r.root, r.note.Path, r.note.Title, cats, fm, r.note.Hash).Scan(&noteID)
			if err != nil {
				return fmt.Errorf("insert note: %w", err)
			}
		}
		if len(r.drop) > 0 {
			if _, err := tx.Exec(ctx, `delete from chunks where id = any($1)`, r.drop); err != nil {
				return fmt.Errorf("delete old chunks: %w", err)
			}
		}
		batch := &pgx.Batch{}
		for i, id := range r.keep {
			if id == 0 {
				continue
			}
			c := r.note.Chunks[i]
			batch.Queue(`update chunks set ordinal = $2, line_start = $3, line_end = $4 where id = $1`, id, c.Ordinal, c.LineStart, c.LineEnd)
		}
		for j, i := range r.fresh {
			c := r.note.Chunks[i]
			batch.Queue(`with c as (
					insert into chunks (note_id, collection_id, ordinal, heading_path, text, line_start, line_end, content_hash, terms)
					values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id)
				insert into embeddings (chunk_id, model, collection_id, embedding) select id, $10, $2, $11 from c`,
				noteID, r.collID, c.Ordinal, nonNil(c.HeadingPath), c.Text, c.LineStart, c.LineEnd, c.Hash, r.terms(c),
				r.model, pgvector.NewVector(r.vecs[j]))
		}
		if err := tx.SendBatch(ctx, batch).Close(); err != nil {
			return fmt.Errorf("write chunks: %w", err)
		}
		if r.beforeCommit != nil {
			return r.beforeCommit(r.note.Path)
		}
		return nil
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// deleteNotesNotIn deletes the notes of root that were not seen in this ingest.
func (s *Store) deleteNotesNotIn(ctx context.Context, collID int64, root string, seen map[string]bool) (notes, chunks int, err error) {
	paths := make([]string, 0, len(seen))
	for p := range seen {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	err = s.pool.QueryRow(ctx, `with gone as (
			delete from notes where collection_id = $1 and root = $2 and not (path = any($3)) returning id)
		select (select count(*) from gone), (select count(*) from chunks where note_id in (select id from gone))`,
		collID, root, paths).Scan(&notes, &chunks)
	if err != nil {
		return 0, 0, fmt.Errorf("delete notes removed from %s: %w", root, err)
	}
	return notes, chunks, nil
}

type missingChunk struct {
	id    int64
	title string
	chunk Chunk
}

func (s *Store) chunksWithoutEmbedding(ctx context.Context, collID int64, model string, limit int) ([]missingChunk, error) {
	rows, err := s.pool.Query(ctx, `select c.id, n.title, c.heading_path, c.text from chunks c join notes n on n.id = c.note_id
		where c.collection_id = $1 and not exists (select 1 from embeddings e where e.chunk_id = c.id and e.model = $2)
		order by c.id limit $3`, collID, model, limit)
	if err != nil {
		return nil, fmt.Errorf("find chunks to embed: %w", err)
	}
	defer rows.Close()
	var out []missingChunk
	for rows.Next() {
		var m missingChunk
		if err := rows.Scan(&m.id, &m.title, &m.chunk.HeadingPath, &m.chunk.Text); err != nil {
			return nil, fmt.Errorf("find chunks to embed: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func (s *Store) insertEmbeddings(ctx context.Context, collID int64, model string, ids []int64, vecs [][]float32) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		batch := &pgx.Batch{}
		for i, id := range ids {
			batch.Queue(`insert into embeddings (chunk_id, model, collection_id, embedding) values ($1, $2, $3, $4)
				on conflict (chunk_id, model) do update set embedding = excluded.embedding`, id, model, collID, pgvector.NewVector(vecs[i]))
		}
		if err := tx.SendBatch(ctx, batch).Close(); err != nil {
			return fmt.Errorf("store embeddings: %w", err)
		}
		return nil
	})
}

func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:6])
}
