package notes

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
)

// NoteInfo describes a stored note for listings.
type NoteInfo struct {
	ID         string    `json:"id"`
	Path       string    `json:"path"`
	Root       string    `json:"root"`
	Title      string    `json:"title"`
	Categories []string  `json:"categories"`
	Chunks     int       `json:"chunks"`
	IndexedAt  time.Time `json:"indexed_at"`
}

// ListNotes lists the notes of a collection by path.
func (ix *Index) ListNotes(ctx context.Context, collection string) ([]NoteInfo, error) {
	rows, err := ix.store.pool.Query(ctx, `select n.id, n.path, n.root, n.title, n.categories,
			(select count(*) from chunks c where c.note_id = n.id), n.indexed_at
		from notes n join collections k on k.id = n.collection_id
		where k.name = $1 order by n.path, n.root`, collection)
	if err != nil {
		return nil, fmt.Errorf("list notes of %s: %w", collection, err)
	}
	defer rows.Close()
	out := []NoteInfo{}
	for rows.Next() {
		var n NoteInfo
		var id int64
		if err := rows.Scan(&id, &n.Path, &n.Root, &n.Title, &n.Categories, &n.Chunks, &n.IndexedAt); err != nil {
			return nil, fmt.Errorf("list notes of %s: %w", collection, err)
		}
		n.ID = strconv.FormatInt(id, 10)
		out = append(out, n)
	}
	return out, rows.Err()
}

// DeleteNote deletes one note (and its chunks and vectors) of a collection.
// It reports false when no such note exists there.
func (ix *Index) DeleteNote(ctx context.Context, collection, id string) (bool, error) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return false, nil
	}
	tag, err := ix.store.pool.Exec(ctx, `delete from notes n using collections k
		where n.id = $1 and k.id = n.collection_id and k.name = $2`, n, collection)
	if err != nil {
		return false, fmt.Errorf("delete note %s: %w", id, err)
	}
	return tag.RowsAffected() == 1, nil
}

// Heading is one section of the notes, for building questions.
type Heading struct {
	Note        string   `json:"note"`
	HeadingPath []string `json:"heading_path"`
	Text        string   `json:"text"`
}

// Sections returns every chunk of a collection with its heading path, in
// note and reading order (the question bank is built from them).
func (ix *Index) Sections(ctx context.Context, collection string) ([]Heading, error) {
	rows, err := ix.store.pool.Query(ctx, `select n.path, c.heading_path, c.text from chunks c
		join notes n on n.id = c.note_id join collections k on k.id = c.collection_id
		where k.name = $1 order by n.path, c.ordinal`, collection)
	if err != nil {
		return nil, fmt.Errorf("sections of %s: %w", collection, err)
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[Heading])
}

// Passage returns one chunk of a collection by id, or false when there is none.
func (ix *Index) Passage(ctx context.Context, collection, chunkID string) (Passage, bool, error) {
	n, err := strconv.ParseInt(chunkID, 10, 64)
	if err != nil {
		return Passage{}, false, nil
	}
	var p Passage
	err = ix.store.pool.QueryRow(ctx, `select c.id::text, n.path, c.heading_path, c.text, c.line_start, c.line_end
		from chunks c join notes n on n.id = c.note_id join collections k on k.id = c.collection_id
		where c.id = $1 and k.name = $2`, n, collection).Scan(&p.ChunkID, &p.Note, &p.HeadingPath, &p.Text, &p.LineStart, &p.LineEnd)
	if err == pgx.ErrNoRows {
		return Passage{}, false, nil
	}
	if err != nil {
		return Passage{}, false, fmt.Errorf("load passage %s: %w", chunkID, err)
	}
	return p, true, nil
}

// Neighbours returns up to n chunks before and after a chunk in its note, in
// reading order, so that a cited passage can be shown in context.
func (ix *Index) Neighbours(ctx context.Context, chunkID string, n int) (before, after []Heading, err error) {
	id, err := strconv.ParseInt(chunkID, 10, 64)
	if err != nil {
		return nil, nil, fmt.Errorf("neighbours of chunk %q: not a chunk id", chunkID)
	}
	rows, err := ix.store.pool.Query(ctx, `select n.path, c.heading_path, c.text, c.ordinal - me.ordinal
		from chunks me join chunks c on c.note_id = me.note_id join notes n on n.id = c.note_id
		where me.id = $1 and c.id <> me.id and c.ordinal between me.ordinal - $2 and me.ordinal + $2
		order by c.ordinal`, id, n)
	if err != nil {
		return nil, nil, fmt.Errorf("neighbours of chunk %s: %w", chunkID, err)
	}
	defer rows.Close()
	before, after = []Heading{}, []Heading{}
	for rows.Next() {
		var h Heading
		var offset int
		if err := rows.Scan(&h.Note, &h.HeadingPath, &h.Text, &offset); err != nil {
			return nil, nil, fmt.Errorf("neighbours of chunk %s: %w", chunkID, err)
		}
		if offset < 0 {
			before = append(before, h)
		} else {
			after = append(after, h)
		}
	}
	return before, after, rows.Err()
}

// DeleteCollection deletes a collection with all its notes, chunks and
// vectors. It reports false when there was no such collection.
func (ix *Index) DeleteCollection(ctx context.Context, collection string) (bool, error) {
	tag, err := ix.store.pool.Exec(ctx, `delete from collections where name = $1`, collection)
	if err != nil {
		return false, fmt.Errorf("delete collection %s: %w", collection, err)
	}
	if tag.RowsAffected() == 0 {
		return false, nil
	}
	return true, ix.store.maintain(ctx)
}
