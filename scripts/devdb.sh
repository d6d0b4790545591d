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
    if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "devdb: already answering on 127.0.0.1:$port"
      exit 0
    fi
    # Not the server this checkout started: another checkout's, or another
    # program's. Using it would run this checkout's tests and notes against
    # that database (and break when its directory goes away).
    echo "devdb: something else answers on 127.0.0.1:$port, not the server started from $dir;" \
      "stop it, or pick another port: make DEVDB_PORT=<port> ..." >&2
    exit 1
  fi
  # Our own wire server: clients take turns on PGlite's one backend (see the script).
  nohup node scripts/devdb-server.mjs --db="$dir/data" --port="$port" \
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
    pid=$(cat "$pidfile")
    kill "$pid"
    # Wait for it to close the database, so the data directory is complete.
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
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
