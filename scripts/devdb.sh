#!/usr/bin/env bash
# Starts or stops the PGlite development database in the background.
# usage: devdb.sh start|stop DIR PORT
set -euo pipefail
action=$1 dir=$2 port=$3
mkdir -p "$dir"
pidfile="$dir/server.pid"
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

case "$action" in
start)
  if answers; then
    echo "devdb: already answering on 127.0.0.1:$port"
    exit 0
  fi
  nohup node_modules/.bin/pglite-server --db="$dir/data" --port="$port" \
    --extensions=@electric-sql/pglite-pgvector:vector --max-connections=8 \
    >"$dir/server.log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 120); do
    if answers && grep -q "listening" "$dir/server.log"; then
      echo "devdb: PGlite answering on 127.0.0.1:$port (data in $dir/data, log in $dir/server.log)"
      exit 0
    fi
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "devdb: the server exited; its log:" >&2
      cat "$dir/server.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "devdb: no answer on 127.0.0.1:$port after 60 s; see $dir/server.log" >&2
  exit 1
  ;;
stop)
  if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    kill "$(cat "$pidfile")"
    rm -f "$pidfile"
    echo "devdb: stopped"
  else
    echo "devdb: not running (from $pidfile)"
  fi
  ;;
*)
  echo "usage: devdb.sh start|stop DIR PORT" >&2
  exit 2
  ;;
esac
