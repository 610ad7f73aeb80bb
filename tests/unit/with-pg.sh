#!/usr/bin/env bash
# Runs a test program against a throwaway PostgreSQL cluster (scripts/pg-cluster.sh), named to
# it by STAGEMATCH_TEST_PG; the cluster is stopped and removed afterwards, whatever happens.
#   tests/unit/with-pg.sh PROGRAM [ARGS...]
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -d /tmp/stagematch-pg-XXXXXX)
chmod 755 "$dir"
cleanup() {
  "$here/scripts/pg-cluster.sh" stop "$dir" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
STAGEMATCH_TEST_PG=$("$here/scripts/pg-cluster.sh" start "$dir")
export STAGEMATCH_TEST_PG
"$@"
