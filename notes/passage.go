package notes

import (
	"context"

	"grader/store"
)

// Passage is a retrieved chunk as the outside contract shows it: where it comes
// from (note path, heading path, line range), its text and its fused score.
type Passage = store.Passage

// Heading is one section of the notes, for building questions and showing a
// passage in context.
type Heading = store.Section

// NoteInfo describes a stored note for listings.
type NoteInfo = store.NoteInfo

// Storage is what the index needs of the database; *store.Store is it.
type Storage interface {
	CollectionID(ctx context.Context, name string, create bool) (int64, error)
	Notes(ctx context.Context, collID int64, keys []store.NoteKey) (map[store.NoteKey]store.StoredNote, error)
	NoteChunks(ctx context.Context, noteIDs []int64) (map[int64][]store.StoredChunk, error)
	EnsureModel(ctx context.Context, model string, dim int) error
	ReplaceNotes(ctx context.Context, rs []store.Replacement, beforeCommit func() error) error
	DeleteNotesNotIn(ctx context.Context, collID int64, root string, seen map[string]bool) (notes, chunks int, err error)
	ChunksWithoutEmbedding(ctx context.Context, collID int64, model string, limit int) ([]store.MissingChunk, error)
	InsertEmbeddings(ctx context.Context, collID int64, model string, ids []int64, vecs [][]float32) error
	Maintain(ctx context.Context) error

	Target(ctx context.Context, collection, model string) (store.SearchTarget, bool, error)
	VectorSearch(ctx context.Context, t store.SearchTarget, model string, v []float32, limit int) ([]int64, error)
	TextSearch(ctx context.Context, collID int64, stems, support []string, limit int) ([]int64, error)
	Passages(ctx context.Context, ids []int64) ([]Passage, error)

	ListNotes(ctx context.Context, collection string) ([]NoteInfo, error)
	DeleteNote(ctx context.Context, collection, id string) (bool, error)
	DeleteCollection(ctx context.Context, collection string) (bool, error)
	Sections(ctx context.Context, collection string) ([]Heading, error)
	Headings(ctx context.Context, collection string) ([]Heading, error)
	Passage(ctx context.Context, collection, chunkID string) (Passage, bool, error)
	NotePassages(ctx context.Context, collection string, paths []string) ([]Passage, error)
	Neighbours(ctx context.Context, chunkID string, n int) (before, after []Heading, err error)
}

// Unavailable tells an error that means the database cannot be reached now
// (store.Unavailable), for callers that do not talk to the store.
func Unavailable(err error) bool { return store.Unavailable(err) }
