-- Every graded answer, kept for history: what was asked and answered, how
-- (typed or spoken), the whole Grade, and which judge, model and prompt version made it.
create table attempts (
    id             bigserial primary key,
    collection     text not null,
    question       text not null,
    answer         text not null,
    modality       text not null default 'text' check (modality in ('text', 'speech')),
    score          int not null check (score between 0 and 100),
    verdict        text not null,
    topic          text not null default '',
    judge          text not null,
    model          text not null,
    prompt_version text not null,
    grade          jsonb not null,
    created_at     timestamptz not null default now()
);
create index attempts_collection_created_idx on attempts (collection, created_at desc);
