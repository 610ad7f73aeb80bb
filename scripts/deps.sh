#!/usr/bin/env bash
# Installs what stagematch needs and is missing, and nothing else; quick when all is there.
#   scripts/deps.sh          build and run dependencies (Debian packages)
#   scripts/deps.sh --e2e    also the browser-test packages (Debian chromium, Java runtime and nginx,
#                            npm playwright-core and vnu-jar; no npm install script runs: nothing is
#                            downloaded) and Node.js 18 or later (Debian's nodejs and npm when there is none)
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
          liblemon-dev  # LEMON: the allocation solver's reference in tests and bench, never linked into stagematch
          libpq-dev postgresql-15) # PostgreSQL (database = postgresql://...); the tests run their own
                                   # throwaway cluster (scripts/pg-cluster.sh), never the package's
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
fi
if has --e2e; then
  # nginx: the tests check deploy/nginx.conf with `nginx -t`
  packages+=(chromium python3 python3-aiosmtpd unzip default-jre-headless nginx)
fi

# Node.js for the browser tests and the bench: any node of major version 18 or later will do
# (Debian 12's own nodejs is 18.20). Without one, Debian's nodejs and npm are installed.
if has --e2e || has --bench; then
  node_major=0
  if command -v node >/dev/null 2>&1; then
    node_version=$(node --version 2>/dev/null || echo unknown)
    node_major=$(printf '%s' "$node_version" | sed -n 's/^v\([0-9][0-9]*\)\..*/\1/p')
    node_major=${node_major:-0}
  fi
  if [ "$node_major" -ge 18 ]; then
    echo "Node.js $node_version found at $(command -v node): using it."
    if has --e2e && ! command -v npm >/dev/null 2>&1; then
      echo "npm is missing next to $(command -v node): installing Debian's npm."
      packages+=(npm)
    fi
  else
    if command -v node >/dev/null 2>&1; then
      echo "Node.js $node_version at $(command -v node) is too old (18 or later is needed): installing Debian's nodejs."
    else
      echo "No Node.js found: installing Debian's nodejs and npm (Node.js 18 on Debian 12)."
    fi
    packages+=(nodejs)
    has --e2e && packages+=(npm)
  fi
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "These Debian packages are missing and installing them needs root, but sudo is not" >&2
      echo "installed. As root, run:" >&2
      echo "  apt-get update && apt-get install --no-install-recommends ${missing[*]}" >&2
      echo "then run make again." >&2
      exit 1
    fi
    sudo_cmd=(sudo)
  fi
  # Wait up to 10 minutes for another apt or unattended-upgrades to release the lock.
  apt_get=("${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
  "${apt_get[@]}" update -qq
  "${apt_get[@]}" install -y -qq --no-install-recommends "${missing[@]}"
fi

if has --e2e; then
  stamp=tests/e2e/node_modules/.lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s tests/e2e/package-lock.json "$stamp"; then
    echo "Installing the end-to-end tests' npm packages (npm ci)"
    (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    cp tests/e2e/package-lock.json "$stamp"
  fi
fi
