-- The question bank: questions generated from the notes' headings, filed by topic.
create table questions (
    id           bigserial primary key,
    collection   text not null,
    topic        text not null,
    question     text not null,
    note         text not null,
    heading_path text[] not null,
    source       text not null default 'template',
    created_at   timestamptz not null default now(),
    unique (collection, question)
);
create index questions_collection_topic_idx on questions (collection, topic);
