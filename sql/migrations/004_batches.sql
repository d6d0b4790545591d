-- Self-assessment batches (grader batch): a file of questions and answers
-- graded as one. A batch and all its items are written in one transaction;
-- items are claimed by workers (FOR UPDATE SKIP LOCKED) and completed
-- together with their attempt, so that no item is graded into history twice.
create table batches (
    id          bigserial primary key,
    collection  text not null,
    source      text not null,
    items       int not null check (items > 0),
    created_at  timestamptz not null default now(),
    finished_at timestamptz
);
create index batches_collection_created_idx on batches (collection, created_at desc);

create table batch_items (
    batch_id      bigint not null references batches (id) on delete cascade,
    ord           int not null,
    line          int not null,
    question      text not null,
    answer        text not null,
    topic         text not null default '',
    state         text not null default 'pending' check (state in ('pending', 'grading', 'done', 'failed')),
    claimed_by    text,
    claimed_until timestamptz,
    attempt_id    bigint references attempts (id) on delete set null,
    score         int check (score between 0 and 100),
    error         text,
    primary key (batch_id, ord)
);
create index batch_items_open_idx on batch_items (batch_id, ord) where state in ('pending', 'grading');
