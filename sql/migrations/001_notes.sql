-- Notes, their chunks, and embeddings kept per model.
create extension if not exists vector;

create table collections (
    id         bigserial primary key,
    name       text not null unique,
    created_at timestamptz not null default now()
);

-- A note is one file. root is the folder it was ingested from (so that a later
-- ingest of the same folder can delete what disappeared without touching notes
-- from other folders); path is relative to that root.
create table notes (
    id            bigserial primary key,
    collection_id bigint not null references collections(id) on delete cascade,
    root          text not null,
    path          text not null,
    title         text not null,
    categories    text[] not null default '{}',
    front_matter  jsonb,
    content_hash  text not null,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    indexed_at    timestamptz not null default now(),
    unique (collection_id, root, path)
);

-- terms holds our own Korean-aware tokens (particle-stripped stems and Hangul
-- bigrams, see package token), because the stock parsers cannot split 서브넷은.
create table chunks (
    id            bigserial primary key,
    note_id       bigint not null references notes(id) on delete cascade,
    collection_id bigint not null references collections(id) on delete cascade,
    ordinal       int not null,
    heading_path  text[] not null,
    text          text not null,
    line_start    int not null,
    line_end      int not null,
    content_hash  text not null,
    terms         text not null,
    tsv           tsvector generated always as (to_tsvector('simple', terms)) stored
);
create index chunks_note_idx on chunks (note_id, ordinal);
create index chunks_collection_idx on chunks (collection_id);
create index chunks_tsv_idx on chunks using gin (tsv);

-- Every model that has embedded something, with its dimension. Each gets a
-- partial HNSW index over embeddings cast to its dimension, created on first use,
-- because one vector column without a fixed dimension cannot be indexed whole.
create table embedding_models (
    name       text primary key,
    dim        int not null check (dim > 0 and dim <= 2000),
    index_name text not null unique,
    created_at timestamptz not null default now()
);

-- collection_id is repeated here so that the HNSW scan filters by collection
-- without a join (with iterative scans the filter does not starve the result).
create table embeddings (
    chunk_id      bigint not null references chunks(id) on delete cascade,
    model         text not null references embedding_models(name),
    collection_id bigint not null,
    embedding     vector not null,
    primary key (chunk_id, model)
);
create index embeddings_model_collection_idx on embeddings (model, collection_id);
