#!/usr/bin/env bash
# Runs stagematch on PostgreSQL for the end-to-end tests: as STAGEMATCH_BIN, it adds
# --database to init, demo, user and serve, one database per data folder (created on first
# use) in the cluster whose socket folder is STAGEMATCH_PG_HOST (scripts/pg-cluster.sh).
#   STAGEMATCH_PG_HOST=DIR STAGEMATCH_BIN=$PWD/scripts/pg-e2e-bin.sh node --test X.test.mjs
set -euo pipefail
bin=${STAGEMATCH_REAL_BIN:-$(cd "$(dirname "$0")/.." && pwd)/build/stagematch}
host=${STAGEMATCH_PG_HOST:?the socket folder of a cluster from scripts/pg-cluster.sh}
data=
prev=
for arg in "$@"; do
  [ "$prev" = --data ] && data=$arg
  case $arg in --data=*) data=${arg#--data=} ;; esac
  prev=$arg
done
case ${1:-} in
init | demo | user | serve)
  if [ -n "$data" ]; then
    name=e2e_$(realpath -m "$data" | md5sum | cut -c1-16)
    /usr/lib/postgresql/15/bin/createdb -h "$host" -U stagematch "$name" 2>/dev/null || true
    exec "$bin" "$@" --database "postgresql:///$name?host=$host&user=stagematch"
  fi
  ;;
esac
exec "$bin" "$@"
