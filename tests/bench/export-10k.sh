#!/bin/sh
# How long the school's CSV and .xlsx exports of 10,000 pupils take, and how much memory
# the server needs for them: a throwaway data folder with the demo plus 10,000 pupils
# (tests/bench/pupils-10k.sql), curl timing, and the peak resident memory (VmHWM) reset
# just before each export, so the login's argon2id (64 MB) does not hide the figure.
# Usage: tests/bench/export-10k.sh [path/to/stagematch]    (Linux; needs curl and sqlite3)
set -eu
BIN=${1:-build/stagematch}
HERE=$(dirname "$0")
DIR=$(mktemp -d /tmp/stagematch-bench-XXXXXX)
PORT=18$(( $$ % 900 + 100 ))
URL=http://127.0.0.1:$PORT
"$BIN" init --data "$DIR/data" >/dev/null 2>&1
"$BIN" demo --data "$DIR/data" >/dev/null 2>&1
sqlite3 "$DIR/data/stagematch.db" < "$HERE/pupils-10k.sql"
"$BIN" serve --data "$DIR/data" --listen 127.0.0.1:$PORT >"$DIR/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$DIR"' EXIT
sleep 1
JAR=$DIR/jar
csrf=$(curl -s -c "$JAR" -b "$JAR" $URL/login | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p')
curl -s -c "$JAR" -b "$JAR" -o /dev/null --data-urlencode email=school@stagematch.test \
	--data-urlencode password=stagematch-demo --data-urlencode "csrf=$csrf" $URL/login
memory() { grep -E 'VmHWM|VmRSS' /proc/$PID/status | tr -s ' \t\n' ' '; echo; }
curl -s -b "$JAR" -o /dev/null $URL/opleidingen/dubbele-finaliteit
for kind in csv xlsx; do
	echo 5 > /proc/$PID/clear_refs      # resets VmHWM to the current RSS
	printf 'before %s: ' $kind; memory
	curl -s -b "$JAR" -o "$DIR/export.$kind" \
		-w "$kind: %{http_code}, %{size_download} bytes, first byte %{time_starttransfer} s, total %{time_total} s\n" \
		$URL/opleidingen/dubbele-finaliteit/export.$kind
	printf 'after %s:  ' $kind; memory
done
echo "records in the CSV (header included): $(sqlite3 "$DIR/data/stagematch.db" "SELECT COUNT(*) + 1 FROM students s JOIN organisations o ON o.id = s.school_id WHERE o.name = 'Sint-Jozefsinstituut Kortrijk'")"
