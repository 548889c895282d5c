#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the store suite (DESIGN.md "Storage":
# the PostgreSQL run uses a real server that the tests start themselves).
#
#   pg_server.sh start DIR [OWNER_PID]   initdb in DIR, start, create database
#                                        "chorus", print its URL (also DIR/url)
#   pg_server.sh stop DIR                stop the server and remove DIR
#
# Contract: the server listens only on a unix socket in DIR (no TCP), with
# fsync off (the data is thrown away). DIR must be short: the socket path
# DIR/.s.PGSQL.5432 must fit in ~107 bytes. A stale DIR left by a killed run
# is stopped and removed first. PostgreSQL refuses to run as root, so as root
# the server runs as `nobody` in a DIR only it (and root) can enter; trust
# authentication is therefore reachable by those two users only. With
# OWNER_PID, a watcher stops the server when that process exits (the test
# binary starting its own server, so a crash leaves no postgres behind).
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR [OWNER_PID]" >&2; exit 2; }
[ $# -ge 2 ] || usage
cmd=$1 dir=$2 owner=${3:-}
case "$dir" in /*) ;; *) echo "pg_server: DIR must be absolute: $dir" >&2; exit 2 ;; esac
if [ $((${#dir} + 16)) -gt 107 ]; then
  echo "pg_server: $dir is too long for a unix socket path (max ~90 characters)" >&2; exit 2
fi

bin=""
for v in 15 16 17; do
  if [ -x "/usr/lib/postgresql/$v/bin/pg_ctl" ]; then bin=/usr/lib/postgresql/$v/bin; break; fi
done
if [ -z "$bin" ]; then
  echo "pg_server: no PostgreSQL server binaries in /usr/lib/postgresql/*/bin:" \
       "install the postgresql package (scripts/install-deps.sh)" >&2
  exit 1
fi

# Runs a server program as the unprivileged owner of DIR.
if [ "$(id -u)" -eq 0 ]; then
  user=nobody
  as_owner() { (cd "$dir" && runuser -u "$user" -- "$@"); }
else
  user=$(id -un)
  as_owner() { (cd "$dir" && "$@"); }
fi

# Refuses to touch a DIR that this script did not make (it removes DIR).
check_ours() {
  if [ -e "$dir" ] && [ ! -f "$dir/initdb.log" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
    echo "pg_server: $dir exists and is not a pg_server.sh directory: not touching it" >&2
    exit 1
  fi
}

stop_server() {
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "$cmd" in
  start)
    check_ours
    [ -e "$dir" ] && stop_server  # a stale server from a killed run
    mkdir -m 0700 "$dir"
    [ "$(id -u)" -eq 0 ] && chown "$user:" "$dir"
    fail() {
      echo "pg_server: $1" >&2
      [ -f "$dir/log" ] && tail -n 20 "$dir/log" >&2
      stop_server
      exit 1
    }
    as_owner "$bin/initdb" -D "$dir/data" -U chorus --auth=trust --locale=C -E UTF8 \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; fail "initdb failed"; }
    cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$dir'
unix_socket_permissions = 0700
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 40
shared_buffers = 16MB
EOF
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 start >/dev/null ||
      fail "the server did not start"
    as_owner "$bin/createdb" -h "$dir" -U chorus chorus || fail "createdb failed"
    url="postgresql://chorus@/chorus?host=$dir"
    echo "$url" >"$dir/url"
    if [ -n "$owner" ]; then
      # Detached: survives this script, ends when the owner does.
      setsid bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; exec bash "$2" stop "$3"' \
        watcher "$owner" "$0" "$dir" </dev/null >/dev/null 2>&1 &
    fi
    echo "$url"
    ;;
  stop)
    check_ours
    stop_server
    ;;
  *) usage ;;
esac
