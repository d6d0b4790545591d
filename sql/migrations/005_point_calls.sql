-- The candidate's own call on a point of a graded attempt ("I did cover
-- this", "I was wrong here"), kept beside the judge's: schedules and
-- progress use the candidate's call, and how often the judge is overruled,
-- per status, says where it is weak for these notes.
create table point_calls (
    attempt_id   bigint not null references attempts (id) on delete cascade,
    point        int not null check (point >= 0),
    judge_status text not null,
    status       text not null check (status in ('covered', 'partial', 'missed', 'incorrect')),
    created_at   timestamptz not null default now(),
    primary key (attempt_id, point)
);
