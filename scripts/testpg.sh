#!/usr/bin/env bash
# A private PostgreSQL 15 + pgvector cluster for the tests: its own data
# directory (a fresh temp directory) and port, never the machine's clusters.
# usage: testpg.sh start|stop|url DIR [PORT]
#   start  creates and starts the cluster (or reuses the running one), checks
#          that `create extension vector` works, records the temp directory in
#          DIR/testpg.dir and prints the URL on stdout (messages go to stderr).
#          Exit 3, leaving nothing behind: pgvector is not installed.
#   stop   stops the cluster and removes its temp directory.
#   url    prints the URL of the running cluster.
# The server runs as the `postgres` system user when called as root (postgres
# refuses to run as root), as the caller otherwise. env: PGBIN (PostgreSQL 15's).
set -euo pipefail
action=${1:-} dir=${2:-} port=${3:-54330}
[[ -n "$dir" ]] || { echo "usage: testpg.sh start|stop|url DIR [PORT]" >&2; exit 2; }
pgbin=${PGBIN:-/usr/lib/postgresql/15/bin}
state="$dir/testpg.dir"
url="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
marker=.grader-testpg # in every temp dir this script made; nothing else is ever removed

# (from /, which the postgres user can always enter, unlike e.g. a clone under /root)
as_server() { if [[ $(id -u) -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
answers() { "$pgbin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres; }
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }
psql_q() { "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }

# recorded prints the temp dir in DIR/testpg.dir when it is one of ours.
recorded() {
  [[ -f "$state" ]] || return 1
  local tmp
  tmp=$(<"$state")
  [[ -n "$tmp" && -f "$tmp/$marker" ]] || return 1
  echo "$tmp"
}
running() { [[ -f "$1/data/postmaster.pid" ]] && as_server "$pgbin/pg_ctl" status -D "$1/data" >/dev/null 2>&1; }
port_of() { sed -n 4p "$1/data/postmaster.pid" 2>/dev/null; } # the port line of postmaster.pid

# teardown stops the server in a temp dir of ours and removes the dir.
teardown() {
  local tmp=$1
  [[ -f "$tmp/$marker" ]] || return 0
  if running "$tmp"; then as_server "$pgbin/pg_ctl" stop -D "$tmp/data" -m fast -w -t 60 >/dev/null || true; fi
  rm -rf "$tmp"
}

case "$action" in
start)
  if tmp=$(recorded); then
    if running "$tmp"; then
      if [[ $(port_of "$tmp") != "$port" ]]; then
        echo "testpg: the cluster in $tmp runs on port $(port_of "$tmp"), not $port; stop it first (scripts/testpg.sh stop $dir)" >&2
        exit 1
      fi
      if answers; then
        echo "testpg: reusing the running cluster in $tmp" >&2
        echo "$url"
        exit 0
      fi
    fi
    echo "testpg: removing the stale cluster in $tmp" >&2
    teardown "$tmp"
    rm -f "$state"
  fi
  sharedir=$("$pgbin/pg_config" --sharedir 2>/dev/null || true)
  if [[ ! -x "$pgbin/initdb" || ! -f "$sharedir/extension/vector.control" ]]; then
    echo "testpg: no PostgreSQL 15 with pgvector here; install it with \`bash scripts/install-pgvector.sh\` (needs root)" >&2
    exit 3
  fi
  if port_taken; then
    echo "testpg: 127.0.0.1:$port is already in use by another server; choose another port (make test TESTPG_PORT=...)" >&2
    exit 1
  fi
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/grader-testpg.XXXXXX")
  touch "$tmp/$marker"
  ok=
  trap '[[ -n $ok ]] || teardown "$tmp"' EXIT
  trap 'exit 130' INT TERM
  if [[ $(id -u) -eq 0 ]]; then
    chown -R postgres: "$tmp"
    runuser -u postgres -- test -w "$tmp" ||
      { echo "testpg: the postgres user cannot write $tmp; set TMPDIR to a directory it can reach" >&2; exit 1; }
  fi
  # Collation and time zone as in the PGlite dev database, so both behave alike.
  as_server "$pgbin/initdb" -D "$tmp/data" -U postgres --auth=trust --encoding=UTF8 \
    --lc-collate=C --lc-ctype=C.UTF-8 --text-search-config=english >"$tmp/initdb.log" 2>&1 ||
    { cat "$tmp/initdb.log" >&2; echo "testpg: initdb failed" >&2; exit 1; }
  cat >>"$tmp/data/postgresql.conf" <<EOF

# testpg.sh: a private, throwaway cluster for the tests
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$tmp'
timezone = 'UTC'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  if ! as_server "$pgbin/pg_ctl" start -D "$tmp/data" -l "$tmp/server.log" -w -t 60 >/dev/null; then
    cat "$tmp/server.log" >&2 || true
    echo "testpg: the server did not start" >&2
    exit 1
  fi
  for _ in $(seq 1 60); do answers && break; sleep 0.5; done
  answers || { echo "testpg: no answer on 127.0.0.1:$port; see $tmp/server.log" >&2; exit 1; }
  psql_q -d postgres -c "create database testpg_check" &&
    v=$(psql_q -d testpg_check -Atc "create extension vector; select extversion from pg_extension where extname = 'vector'") &&
    psql_q -d postgres -c "drop database testpg_check" ||
    { echo "testpg: \`create extension vector\` failed on the private cluster" >&2; exit 1; }
  mkdir -p "$dir"
  echo "$tmp" >"$state"
  ok=1
  echo "testpg: PostgreSQL $(psql_q -d postgres -Atc 'show server_version') + pgvector $v on 127.0.0.1:$port (data and log in $tmp)" >&2
  echo "$url"
  ;;
stop)
  if tmp=$(recorded); then
    teardown "$tmp"
    echo "testpg: stopped, removed $tmp" >&2
  else
    echo "testpg: not running (nothing recorded in $state)" >&2
  fi
  rm -f "$state"
  ;;
url)
  if tmp=$(recorded) && running "$tmp" && [[ $(port_of "$tmp") == "$port" ]] && answers; then
    echo "$url"
  else
    echo "testpg: not running (start it with scripts/testpg.sh start $dir $port)" >&2
    exit 1
  fi
  ;;
*)
  echo "usage: testpg.sh start|stop|url DIR [PORT]" >&2
  exit 2
  ;;
esac
