#!/usr/bin/env bash
# Installs pgvector 0.8.6 into the machine's PostgreSQL 15 from the vendored
# source (third_party/), for the private test cluster of scripts/testpg.sh.
# Idempotent: a no-op when the extension is already installed. Installs the
# server headers with apt when they are missing (needs root; may upgrade the
# postgresql-15 packages). Does not start, stop or configure any cluster.
# usage: install-pgvector.sh   (env: PG_CONFIG, default PostgreSQL 15's)
set -euo pipefail
cd "$(dirname "$0")/.."
version=0.8.6
tarball="$PWD/third_party/pgvector-$version.tar.gz"
pg_config=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}

installed() {
  [[ -x "$pg_config" ]] || return 1
  local control
  control="$("$pg_config" --sharedir)/extension/vector.control"
  [[ -f "$control" ]] && grep -q "^default_version = '$version'" "$control" &&
    [[ -f "$("$pg_config" --pkglibdir)/vector.so" ]]
}

if installed; then
  echo "install-pgvector: pgvector $version already installed in $("$pg_config" --sharedir)/extension"
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "install-pgvector: needs root (apt-get and make install into $("$pg_config" --sharedir 2>/dev/null || echo the PostgreSQL 15 directories)); run: sudo bash scripts/install-pgvector.sh" >&2
  exit 1
fi
[[ -f "$tarball" ]] || { echo "install-pgvector: missing $tarball" >&2; exit 1; }

# The build needs pg_config, the server headers and PGXS, and a C toolchain;
# the tests need the PostgreSQL 15 server itself.
need=()
[[ -x /usr/lib/postgresql/15/bin/postgres ]] || need+=(postgresql-15)
if [[ ! -x "$pg_config" ]] || [[ ! -f "$("$pg_config" --includedir-server)/postgres.h" ]] ||
  [[ ! -f "$("$pg_config" --pgxs)" ]]; then
  need+=(postgresql-server-dev-15)
fi
command -v make >/dev/null 2>&1 || need+=(make)
command -v gcc >/dev/null 2>&1 || need+=(gcc)
if ((${#need[@]})); then
  echo "install-pgvector: apt-get install ${need[*]}"
  [[ -n ${APT_UPDATED:-} ]] || apt-get update -qq # .ci/run updates once and sets APT_UPDATED=1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

build=$(mktemp -d "${TMPDIR:-/tmp}/pgvector-build.XXXXXX")
trap 'rm -rf "$build"' EXIT
tar -xzf "$tarball" -C "$build"
echo "install-pgvector: building pgvector $version in $build"
make -C "$build/pgvector-$version" -j2 PG_CONFIG="$pg_config" OPTFLAGS="" >"$build/build.log" 2>&1 ||
  { tail -n 40 "$build/build.log" >&2; echo "install-pgvector: build failed" >&2; exit 1; }
make -C "$build/pgvector-$version" PG_CONFIG="$pg_config" install >>"$build/build.log" 2>&1 ||
  { tail -n 40 "$build/build.log" >&2; echo "install-pgvector: make install failed" >&2; exit 1; }
installed || { echo "install-pgvector: installed, but vector.control $version is not in $("$pg_config" --sharedir)/extension" >&2; exit 1; }
echo "install-pgvector: pgvector $version installed into $("$pg_config" --sharedir)/extension"
