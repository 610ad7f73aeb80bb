#!/usr/bin/env bash
# Runs the end-to-end suite under Debian 12's own Node.js 18 (the `nodejs` package of
# bookworm-security, with Debian's undici 5.15), without replacing the machine's node.
#
#   scripts/node18-check.sh [BINARY] [TEST FILES...]
#       BINARY defaults to build/stagematch; the test files to every *.test.mjs.
#
# How: `apt-get download` fetches nodejs, libnode108 and the Node modules Debian keeps
# outside the binary (undici for fetch, acorn, cjs-module-lexer) into build/node18/debs;
# `dpkg-deb -x` unpacks them into build/node18/root. Debian's libnode loads those modules from
# the fixed path /usr/share/nodejs, so the suite runs in a private mount namespace
# (`unshare -m`, needs root) in which build/node18/root/usr/share/nodejs is bind-mounted there;
# PATH and LD_LIBRARY_PATH point at the unpacked node. Nothing outside build/node18 changes.
# The libraries libnode108 needs besides (libuv1, libc-ares2, libnghttp2-14, libbrotli1,
# libicu72, libssl3) are regular Debian 12 packages; missing ones are downloaded too.
# Not part of `make test`: run it after changing tests/e2e/lib.mjs or the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."
root_dir=$PWD
bin=$(realpath "${1:-build/stagematch}")
shift || true
version=18.20.4+dfsg-1~deb12u3
work=$root_dir/build/node18
node_root=$work/root

if [ "$(id -u)" -ne 0 ]; then
  echo "node18-check.sh needs root (for unshare -m and the bind mount); run it with sudo." >&2
  exit 1
fi
[ -x "$bin" ] || { echo "No binary at $bin: run make build first." >&2; exit 1; }

if [ ! -x "$node_root/usr/bin/node" ]; then
  mkdir -p "$work/debs"
  wanted=(nodejs=$version libnode108=$version node-undici node-acorn node-cjs-module-lexer node-busboy node-xtend)
  for lib in libuv1 libc-ares2 libnghttp2-14 libbrotli1 libicu72 libssl3; do
    dpkg-query -W -f='${Status}' "$lib" 2>/dev/null | grep -q 'install ok installed' || wanted+=("$lib")
  done
  echo "Downloading Debian's Node.js 18 into $work/debs: ${wanted[*]}"
  # _apt cannot write into a private folder under /work; download there as root, quietly.
  (cd "$work/debs" && apt-get download -o APT::Sandbox::User=root "${wanted[@]}")
  for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$node_root"; done
fi

libdir=$node_root/usr/lib/x86_64-linux-gnu
[ -d /usr/share/nodejs ] || mkdir -p /usr/share/nodejs   # only the mount point; stays empty outside
echo "Running the end-to-end suite with $(LD_LIBRARY_PATH=$libdir unshare -m --propagation private sh -c \
  "mount --bind '$node_root/usr/share/nodejs' /usr/share/nodejs && '$node_root/usr/bin/node' --version") (Debian)"
cd tests/e2e
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(*.test.mjs)
exec unshare -m --propagation private env PATH="$node_root/usr/bin:$PATH" LD_LIBRARY_PATH="$libdir" \
  STAGEMATCH_BIN="$bin" sh -c 'mount --bind "$0/usr/share/nodejs" /usr/share/nodejs && exec node --test --test-concurrency=1 "$@"' \
  "$node_root" "${files[@]}"
