#!/usr/bin/env bash
# `make run`: create the database (and demo data when it is new), then serve.
set -euo pipefail
bin=$1 data=$2 listen=$3
fresh=0
[ -f "$data/stagematch.db" ] || fresh=1
"$bin" init --data "$data"
if [ $fresh = 1 ]; then
  "$bin" demo --data "$data"
fi
cat <<EOT

  stagematch draait op http://$listen/

  Demo-accounts (wachtwoord voor allen: stagematch-demo):
    coordinator  admin@stagematch.test
    school       school@stagematch.test     (Sint-Jozefsinstituut Kortrijk)
    school       school2@stagematch.test    (Atheneum Gent)
    dienst       dienst@stagematch.test     (Familiezorg West-Vlaanderen)

  Stoppen: Ctrl+C. Gegevens: $data/
EOT
exec "$bin" serve --data "$data" --listen "$listen"
