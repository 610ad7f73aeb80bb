#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests, from Debian's packages; nothing system-wide.
#   scripts/pg-cluster.sh start DIR   initdb in DIR/data, start it with its socket in DIR (no TCP),
#                                     create the database "stagematch", print its URL
#   scripts/pg-cluster.sh stop DIR    stop it (DIR is left for the caller to remove)
# PostgreSQL refuses to run as root: as root the cluster runs as "nobody", which then owns DIR.
set -euo pipefail
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
cmd=${1:-}
dir=${2:-}
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi
dir=$(cd "$dir" && pwd)
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}
case $cmd in
start)
  [ "$(id -u)" = 0 ] && chown nobody "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U stagematch -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # The socket in DIR and no TCP listener, so any port number is free; fsync off: throwaway data.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-k $dir -c listen_addresses= -p 5432 -c fsync=off -c full_page_writes=off" start >/dev/null ||
    { cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bin/createdb" -h "$dir" -p 5432 -U stagematch stagematch
  echo "postgresql:///stagematch?host=$dir&port=5432&user=stagematch"
  ;;
stop)
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2
  exit 2
  ;;
esac
