-- Page logins, kept in the database so that any `serve` process behind a
-- load balancer knows a login made on another, and logout revokes it on
-- all of them. Only a hash of the session id is stored: reading this table
-- gives no cookie that works.
create table sessions (
    id_hash    text primary key,
    expires_at timestamptz not null
);
create index sessions_expires_idx on sessions (expires_at);
