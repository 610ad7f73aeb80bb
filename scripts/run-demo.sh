#!/usr/bin/env bash
# `make run`: create the database, fill it with demo data when it has no users yet, then serve.
# The banner with the demo logins comes only once the server listens: a busy port or a bad
# data folder is the last thing on the screen, not buried under logins that do not work.
set -euo pipefail
bin=$1 data=$2 listen=$3
"$bin" init --data "$data"
"$bin" demo --if-empty --data "$data"
logins=$("$bin" demo --logins --data "$data")   # the demo accounts this database really has

banner() {
  echo
  echo "  stagematch draait op $1"
  echo
  if [ -n "$logins" ]; then
    printf '%s\n' "$logins" | sed 's/^/  /'
    echo
  fi
  echo "  Stoppen: Ctrl+C. Gegevens: $data/"
}

# serve prints "stagematch luistert op URL" once it listens; its log lines go to stderr.
"$bin" serve --data "$data" --listen "$listen" | {
  IFS= read -r line || exit 0
  banner "${line#stagematch luistert op }"
  cat
}
