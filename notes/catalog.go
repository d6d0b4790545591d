package notes

import "context"

// ListNotes lists the notes of a collection by path.
func (ix *Index) ListNotes(ctx context.Context, collection string) ([]NoteInfo, error) {
	return ix.store.ListNotes(ctx, collection)
}

// DeleteNote deletes one note (and its chunks and vectors) of a collection.
// It reports false when no such note exists there.
func (ix *Index) DeleteNote(ctx context.Context, collection, id string) (bool, error) {
	return ix.store.DeleteNote(ctx, collection, id)
}

// Sections returns every chunk of a collection with its heading path, in
// note and reading order (the question bank is built from them).
func (ix *Index) Sections(ctx context.Context, collection string) ([]Heading, error) {
	return ix.store.Sections(ctx, collection)
}

// Headings returns the heading paths of a collection's notes, once each,
// without their text.
func (ix *Index) Headings(ctx context.Context, collection string) ([]Heading, error) {
	return ix.store.Headings(ctx, collection)
}

// Passage returns one chunk of a collection by id, or false when there is none.
func (ix *Index) Passage(ctx context.Context, collection, chunkID string) (Passage, bool, error) {
	return ix.store.Passage(ctx, collection, chunkID)
}

// Neighbours returns up to n chunks before and after a chunk in its note, in
// reading order, so that a cited passage can be shown in context.
func (ix *Index) Neighbours(ctx context.Context, chunkID string, n int) (before, after []Heading, err error) {
	return ix.store.Neighbours(ctx, chunkID, n)
}

// DeleteCollection deletes a collection with all its notes, chunks and
// vectors. It reports false when there was no such collection.
func (ix *Index) DeleteCollection(ctx context.Context, collection string) (bool, error) {
	return ix.store.DeleteCollection(ctx, collection)
}

// NotePassages returns every chunk of the named notes, in reading order.
func (ix *Index) NotePassages(ctx context.Context, collection string, paths []string) ([]Passage, error) {
	return ix.store.NotePassages(ctx, collection, paths)
}
