#!/usr/bin/env bash
# Installs what stagematch needs and is missing, and nothing else; quick when all is there.
#   scripts/deps.sh          build and run dependencies (Debian packages)
#   scripts/deps.sh --e2e    also the browser-test packages (Debian chromium and Java runtime, npm
#                            playwright-core and vnu-jar; no npm install script runs: nothing is downloaded)
#   scripts/deps.sh --fuzz   also clang with libFuzzer
#   scripts/deps.sh --bench  also wrk, nginx (the reference), curl and node
#   scripts/deps.sh --valgrind  also valgrind
#   scripts/deps.sh --fixtures  also Debian's Python modules that write the import's sample
#                               files (tests/fixtures/import/make_fixtures.py)
# Flags combine: scripts/deps.sh --e2e --valgrind
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential meson ninja-build pkg-config
          libmicrohttpd-dev libsqlite3-dev libsodium-dev libcurl4-openssl-dev
          libxlsxwriter-dev libcmocka-dev sqlite3 ca-certificates
          libcsv-dev libzip-dev libexpat1-dev libfreexl-dev
          liblemon-dev) # LEMON: the allocation solver's reference in tests and bench, never linked into stagematch
has() { local f; for f in "${flags[@]}"; do [ "$f" = "$1" ] && return 0; done; return 1; }
flags=("$@")
if has --fuzz; then
  packages+=(clang libclang-rt-14-dev)
fi
if has --valgrind; then
  packages+=(valgrind)
fi
if has --fixtures; then
  packages+=(python3 python3-xlwt python3-xlsxwriter)
fi
if has --bench; then
  packages+=(wrk nginx curl)
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
fi
if has --e2e; then
  packages+=(chromium python3 python3-aiosmtpd unzip default-jre-headless)
  command -v node >/dev/null 2>&1 || packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if has --e2e; then
  stamp=tests/e2e/node_modules/.lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s tests/e2e/package-lock.json "$stamp"; then
    echo "Installing the end-to-end tests' npm packages (npm ci)"
    (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    cp tests/e2e/package-lock.json "$stamp"
  fi
fi
