-- Grading reads the notes a search pointed at by path (store.NotePassages).
-- The unique (collection_id, root, path) index cannot serve a lookup without
-- the root, so that read was a scan of every note of every collection: 9 ms
-- a grade at 25k notes, the largest database cost of a grade.
create index notes_collection_path_idx on notes (collection_id, path);
