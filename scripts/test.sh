#!/usr/bin/env bash
# The whole suite, as `make test` runs it: go vet; every package on the dev
# database (PGlite, which `make devdb` started); then the packages that use
# the database (internal/testdb) again on a real PostgreSQL 15 + pgvector in
# a private cluster (scripts/testpg.sh: a temp data directory and its own
# port), which also serves the tests that need real concurrency
# (TEST_NATIVE_PG_URL). The cluster is always stopped and removed afterwards.
# Without pgvector installed (testpg exit 3) the native run is skipped, except
# under CI=true, where that fails. A test skipped for something this machine
# lacks (internal/testenv; under CI=true it fails instead) is logged, and the
# run ends with one line saying what was skipped and how to get it.
# usage: test.sh DEVDB_PORT TESTPG_DIR TESTPG_PORT
set -uo pipefail
devdb_port=$1 testpg_dir=$2 testpg_port=$3
GO=${GO:-go}
db_pkgs=(./store/... ./notes/... ./grader/... ./batch/... ./web/... ./cmd/... ./internal/...)

$GO vet ./... || exit 1

native=$(scripts/testpg.sh start "$testpg_dir" "$testpg_port"); rc=$?
if [[ $rc -eq 3 && "${CI:-}" == true ]]; then
  echo "test: CI needs the native PostgreSQL + pgvector; run scripts/install-pgvector.sh first" >&2
  exit 1
elif [[ $rc -eq 3 ]]; then
  native=
elif [[ $rc -ne 0 ]]; then
  echo "test: the private PostgreSQL cluster did not start (exit $rc)" >&2
  exit 1
fi
[[ -z "$native" ]] || trap 'scripts/testpg.sh stop "$testpg_dir"' EXIT
trap 'exit 130' INT TERM
skiplog=$(mktemp)
trap 'rm -f "$skiplog"; [[ -z "$native" ]] || scripts/testpg.sh stop "$testpg_dir"' EXIT

# On PGlite packages run one at a time (-p 1): they share its one backend,
# whose transactions take turns.
echo "=== go test ./... on the dev database: PGlite + pgvector at 127.0.0.1:$devdb_port ==="
SECONDS=0
TESTENV_SKIPLOG=$skiplog TEST_NATIVE_PG_URL="$native" $GO test -p 1 -count=1 -timeout 20m ./...
status=$?
echo "=== PGlite run: $([[ $status -eq 0 ]] && echo ok || echo FAILED) in ${SECONDS}s ==="
if [[ -n "$native" ]]; then
  echo "=== go test ${db_pkgs[*]} on native PostgreSQL 15 + pgvector: private cluster at 127.0.0.1:$testpg_port ==="
  SECONDS=0
  TESTENV_SKIPLOG=$skiplog DATABASE_URL="$native" TEST_DATABASE_URL="$native" TEST_NATIVE_PG_URL="$native" \
    $GO test -p 2 -count=1 -timeout 20m "${db_pkgs[@]}"
  s=$?
  [[ $status -ne 0 ]] || status=$s
  echo "=== native PostgreSQL run: $([[ $s -eq 0 ]] && echo ok || echo FAILED) in ${SECONDS}s ==="
else
  echo "test: no native PostgreSQL run (pgvector is not installed: bash scripts/install-pgvector.sh, as root)"
fi
# A short fuzz of the note parser, the offline judge, the grade request
# decoder and the batch file parser (their seed corpora run in every pass
# above; this explores beyond them for a few seconds).
echo "=== fuzz: notes.FuzzParse, grader.FuzzJudge, web.FuzzGradeRequest and batch.FuzzParse, ${FUZZTIME:=5s} each ==="
for f in "FuzzParse ./notes" "FuzzJudge ./grader" "FuzzGradeRequest ./web" "FuzzParse ./batch"; do
  set -- $f
  # quiet when it passes; on a failure its output says why (a crasher is
  # written under the package's testdata/fuzz, an engine error is not)
  if ! out=$($GO test -run '^$' -fuzz "^$1\$" -fuzztime "$FUZZTIME" "$2" 2>&1); then
    # Go's fuzz coordinator can report the -fuzztime deadline itself as a
    # failure ("context deadline exceeded", no failing input written:
    # golang/go#75804, fixed in Go 1.27): that one is run again, once; a
    # failing input always fails the run.
    if grep -q 'context deadline exceeded' <<<"$out" && ! grep -q 'Failing input written' <<<"$out"; then
      echo "fuzz $1: the fuzz engine's deadline race (no failing input); running it again"
      out=$($GO test -run '^$' -fuzz "^$1\$" -fuzztime "$FUZZTIME" "$2" 2>&1) || { echo "fuzz $1 FAILED:"; tail -n 40 <<<"$out"; status=1; }
    else
      echo "fuzz $1 FAILED:"; tail -n 40 <<<"$out"; status=1
    fi
  fi
done
$GO run ./internal/testenv/skipreport "$skiplog"
exit $status
