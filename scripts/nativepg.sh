#!/usr/bin/env bash
# Starts the machine's native PostgreSQL (no pgvector) for the tests that need
# real concurrency semantics, and prints its URL. Prints nothing and exits 0
# when no native PostgreSQL is installed, so those tests skip with a reason.
set -euo pipefail
command -v pg_ctlcluster >/dev/null 2>&1 || exit 0
cluster=$(pg_lsclusters --no-header 2>/dev/null | awk '{print $1" "$2; exit}')
[[ -n "$cluster" ]] || exit 0
read -r ver name <<<"$cluster"
port=$(pg_lsclusters --no-header | awk -v v="$ver" -v n="$name" '$1==v && $2==n {print $3}')
if ! pg_lsclusters --no-header | awk -v v="$ver" -v n="$name" '$1==v && $2==n {print $4}' | grep -q online; then
  pg_ctlcluster "$ver" "$name" start >&2
fi
# A password for TCP logins from the tests; the cluster is local to this machine.
su postgres -c "psql -q -p $port -c \"alter user postgres password 'grader-test'\"" >&2
echo "postgres://postgres:grader-test@127.0.0.1:$port/postgres?sslmode=disable"
