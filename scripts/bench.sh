#!/usr/bin/env bash
# make bench: how fast stagematch is, measured with wrk on 127.0.0.1 against the release
# build, next to nginx serving a static file of the same size. Prints a Markdown table.
#
#   scripts/bench.sh [path/to/stagematch]
#   SCALE=100000 scripts/bench.sh            pupils in the main data set (default 10000)
#   BENCH_SECONDS=20 scripts/bench.sh        length of each wrk run (default 10)
#   BENCH_ONLY=flood scripts/bench.sh        only the overview, quiet and then during the login
#                                            flood, back to back (data set A only)
#
# Then the allocation solver against LEMON (scripts/bench-solver.sh, its own table).
#
# Two generated data sets (stagematch demo --scale) in a temporary folder:
#   A: --open, SCALE pupils over 300 schools and 60 services; registration and handling
#      open now. The overview of school1 (50 pupils), a service's request list, pupil
#      saves, the import preview of 1,000 pupils, the login flood and the idle connections run here.
#   B: --results, 10,050 pupils over 2 schools: school1 with 50, school2 with 10,000; the
#      results are visible. The overview with every placement column filled, and the CSV
#      export of 10,000 pupils run here.
# Both servers run with --trust-proxy, so the flood can come "from" many addresses.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=$(realpath "${1:-build/stagematch}")
SCALE=${SCALE:-10000}
DURATION=${BENCH_SECONDS:-10}
ONLY=${BENCH_ONLY:-}
CONNECTIONS=64
# The request list at fewer connections: a region has ~60 services, and 8 planners loading a
# page at the same instant, back to back, is already far above the deadline's peak.
LIST_CONNECTIONS=8
THREADS=2
WRK_LUA=$PWD/tests/bench/wrk.lua
PASSWORD=stagematch-demo
TMP=$(mktemp -d /tmp/stagematch-bench-XXXXXX)
chmod 755 "$TMP" # nginx's workers read the static file

pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$TMP"
}
trap cleanup EXIT

die() { echo "bench: $*" >&2; exit 1; }
for tool in wrk nginx curl node sqlite3; do command -v $tool >/dev/null || die "$tool is missing (scripts/deps.sh --bench)"; done

free_port() {
	node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# start_server NAME DATA: sets PORT_<NAME> and PID_<NAME>
start_server() {
	local name=$1 data=$2
	"$BIN" serve --data "$data" --listen 127.0.0.1:0 --trust-proxy >"$TMP/$name.out" 2>"$TMP/$name.log" &
	local pid=$!
	pids+=("$pid")
	for _ in $(seq 100); do
		grep -q 'luistert op' "$TMP/$name.out" 2>/dev/null && break
		sleep 0.1
	done
	local port
	port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$TMP/$name.out")
	[ -n "$port" ] || die "server $name did not start: $(tail -5 "$TMP/$name.log")"
	printf -v "PORT_$name" '%s' "$port"
	printf -v "PID_$name" '%s' "$pid"
}

# login PORT EMAIL JAR: logs in; prints the session cookie's value
login() {
	local url=http://127.0.0.1:$1 jar=$3 token code
	token=$(curl -s -c "$jar" -b "$jar" "$url/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
	code=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' --data-urlencode "email=$2" \
		--data-urlencode "password=$PASSWORD" --data-urlencode "csrf=$token" "$url/login")
	[ "$code" = 303 ] || die "login as $2 answered $code"
	awk '$6 == "stagematch" { print $7 }' "$jar"
}

# page PORT COOKIE PATH FILE: fetches a page; fails unless it is a 200
page() {
	local code
	code=$(curl -s -o "$4" -w '%{http_code}' -H "Cookie: stagematch=$2" "http://127.0.0.1:$1$3")
	[ "$code" = 200 ] || die "GET $3 answered $code"
}

# bench NAME PORT PATH CONNECTIONS [VAR=VALUE...]: one wrk run; its figures in
# RPS[NAME], P50[NAME], P99[NAME]; fails on socket or HTTP errors
declare -A RPS P50 P99 REQS ERRORS
bench() {
	local name=$1 port=$2 path=$3 conns=$4
	shift 4
	env BENCH_PATH="$path" "$@" wrk -t$THREADS -c"$conns" -d"${DURATION}s" --latency -s "$WRK_LUA" \
		"http://127.0.0.1:$port$path" >"$TMP/$name.wrk" 2>&1 || die "wrk $name failed: $(cat "$TMP/$name.wrk")"
	local line
	line=$(grep '^RESULT' "$TMP/$name.wrk") || die "no result from wrk $name: $(cat "$TMP/$name.wrk")"
	local errors status_errors
	errors=$(sed 's/.* errors=\([0-9]*\).*/\1/' <<<"$line")
	status_errors=$(sed 's/.*status_errors=\([0-9]*\).*/\1/' <<<"$line")
	ERRORS[$name]=$((errors + status_errors))
	[ "${ERRORS[$name]}" = 0 ] || echo "  $name: $errors socket errors (time-outs after 2 s included), $status_errors HTTP errors" >&2
	RPS[$name]=$(sed 's/.* rps=\([0-9.]*\).*/\1/' <<<"$line")
	P50[$name]=$(sed 's/.*p50_ms=\([0-9.]*\).*/\1/' <<<"$line")
	P99[$name]=$(sed 's/.*p99_ms=\([0-9.]*\).*/\1/' <<<"$line")
	REQS[$name]=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$line")
	printf '  %-18s %10s req/s  p50 %7s ms  p99 %7s ms\n' "$name" "${RPS[$name]}" "${P50[$name]}" "${P99[$name]}" >&2
}

warm() { # PORT PATH COOKIE: a second of load before measuring
	BENCH_MODE=get BENCH_COOKIE="stagematch=$3" wrk -t$THREADS -c$CONNECTIONS -d1s -s "$WRK_LUA" \
		"http://127.0.0.1:$1$2" >/dev/null 2>&1 || true
}

kb() { grep "^$2:" "/proc/$1/status" | awk '{ print $2 }'; }
calc() { awk "BEGIN { printf \"%s\", $1 }"; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "stagematch bench: $(nproc) cores, load average $LOAD_BEFORE, $DURATION s per run, wrk -t$THREADS" >&2

# ---- data ----
start=$(date +%s.%N)
"$BIN" demo --data "$TMP/a" --open --scale "$SCALE" >/dev/null 2>"$TMP/demo-a.log" || die "demo A: $(cat "$TMP/demo-a.log")"
GEN_A=$(calc "$(date +%s.%N) - $start")
printf '  data set A (%s pupils) generated in %.2f s\n' "$SCALE" "$GEN_A" >&2
OVERVIEW=/opleidingen/dubbele-finaliteit
start_server A "$TMP/a"

# ---- the overview during a flood of wrong-password logins (A) ----
# flood_bench NAME: the overview's figures under NAME while wrk floods /login with wrong
# passwords from many addresses; sets FLOOD_RPS, FLOOD_P50 and the answers' counts.
flood_bench() {
	local jar=$TMP/jar-flood csrf
	csrf=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$PORT_A/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
	(DURATION=$((DURATION + 2)) && BENCH_MODE=flood BENCH_COOKIE="stagematch_csrf=$csrf" BENCH_CSRF="$csrf" \
		wrk -t1 -c32 -d"${DURATION}s" -s "$WRK_LUA" "http://127.0.0.1:$PORT_A/login" >"$TMP/flood.wrk" 2>&1) &
	local flood_pid=$!
	sleep 1
	bench "$1" "$PORT_A" "$OVERVIEW" $CONNECTIONS BENCH_MODE=get BENCH_COOKIE="stagematch=$SCHOOL_A"
	wait $flood_pid || true
	FLOOD_RPS=$(sed -n 's/^RESULT.* rps=\([0-9.]*\).*/\1/p' "$TMP/flood.wrk")
	FLOOD_P50=$(sed -n 's/^RESULT.*p50_ms=\([0-9.]*\).*/\1/p' "$TMP/flood.wrk")
	flood_count() { grep -c "method=POST path=/login status=$1 " "$TMP/A.log" || true; }
	FLOOD_WRONG=$(flood_count 401)
	FLOOD_BUSY=$(flood_count 503)
	FLOOD_THROTTLED=$(flood_count 429)
}

if [ "$ONLY" = flood ]; then
	SCHOOL_A=$(login "$PORT_A" school1@bench.test "$TMP/jar-school-a")
	page "$PORT_A" "$SCHOOL_A" "$OVERVIEW" "$TMP/overview-a.html"
	echo "measuring the overview quiet, then during the login flood (each run $DURATION s, $CONNECTIONS conn.):" >&2
	warm "$PORT_A" "$OVERVIEW" "$SCHOOL_A"
	bench overview "$PORT_A" "$OVERVIEW" $CONNECTIONS BENCH_MODE=get BENCH_COOKIE="stagematch=$SCHOOL_A"
	flood_bench overview_flood
	echo
	echo "| overview (school1, 50 pupils, $CONNECTIONS conn.) | req/s | p50 | p99 |"
	echo "| --- | ---: | ---: | ---: |"
	for o in overview overview_flood; do
		echo "| $o | ${RPS[$o]} | ${P50[$o]} ms | ${P99[$o]} ms |"
	done
	echo
	echo "p99 during the flood: $(calc "sprintf(\"%.2f\", ${P99[overview_flood]} / ${P99[overview]})")× quiet;" \
		"flood: $FLOOD_RPS attempts/s (p50 $FLOOD_P50 ms), answers: $FLOOD_WRONG wrong password (hashed)," \
		"$FLOOD_BUSY busy (503), $FLOOD_THROTTLED throttled (429)"
	exit 0
fi

"$BIN" demo --data "$TMP/b" --results --scale 10050 --schools 2 >/dev/null 2>"$TMP/demo-b.log" ||
	die "demo B: $(cat "$TMP/demo-b.log")"
start_server B "$TMP/b"
SCHOOL_A=$(login "$PORT_A" school1@bench.test "$TMP/jar-school-a")
SERVICE_A=$(login "$PORT_A" dienst1@bench.test "$TMP/jar-service-a")
SCHOOL_B=$(login "$PORT_B" school1@bench.test "$TMP/jar-school-b")
EXPORTER_B=$(login "$PORT_B" school2@bench.test "$TMP/jar-school2-b")

LIST='/aanvragen?status=open'
page "$PORT_A" "$SCHOOL_A" "$OVERVIEW" "$TMP/overview-a.html"
page "$PORT_B" "$SCHOOL_B" "$OVERVIEW" "$TMP/overview-b.html"
page "$PORT_A" "$SERVICE_A" "$LIST" "$TMP/list.html"
grep -q '<strong>50</strong> leerlingen' "$TMP/overview-a.html" || die "school1 of A does not have 50 pupils"
grep -q '<strong>50</strong> leerlingen' "$TMP/overview-b.html" || die "school1 of B does not have 50 pupils"
SIZE_A=$(stat -c %s "$TMP/overview-a.html")
SIZE_B=$(stat -c %s "$TMP/overview-b.html")
LIST_SIZE=$(stat -c %s "$TMP/list.html")
LIST_TOTAL=$(grep -o '[0-9]* aanvragen gevonden' "$TMP/list.html" | cut -d' ' -f1)
ASSET=$(grep -o '/assets/app\.[0-9a-f]*\.css' "$TMP/overview-a.html" | head -1)
ASSET_SIZE=$(curl -s "http://127.0.0.1:$PORT_A$ASSET" | wc -c)

# ---- nginx with a static file of the overview's size ----
mkdir -p "$TMP/www" "$TMP/nginx"
cp "$TMP/overview-b.html" "$TMP/www/overview.html"
chmod -R a+rX "$TMP/www"
NGINX_PORT=$(free_port)
cat >"$TMP/nginx.conf" <<EOF
worker_processes auto;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log;
events { worker_connections 4096; }
http {
	access_log $TMP/nginx/access.log;
	client_body_temp_path $TMP/nginx/body;
	proxy_temp_path $TMP/nginx/proxy;
	fastcgi_temp_path $TMP/nginx/fastcgi;
	uwsgi_temp_path $TMP/nginx/uwsgi;
	scgi_temp_path $TMP/nginx/scgi;
	server {
		listen 127.0.0.1:$NGINX_PORT;
		root $TMP/www;
		location / { default_type text/html; }
	}
}
EOF
nginx -c "$TMP/nginx.conf" -g 'daemon off;' 2>"$TMP/nginx/stderr" &
pids+=($!)
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/overview.html" && break; sleep 0.1; done
curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/overview.html" || die "nginx did not start: $(cat "$TMP/nginx/stderr")"

echo "measuring (each run $DURATION s, $CONNECTIONS connections):" >&2
warm "$NGINX_PORT" /overview.html ""
bench nginx "$NGINX_PORT" /overview.html $CONNECTIONS BENCH_MODE=get
warm "$PORT_A" "$ASSET" ""
bench asset "$PORT_A" "$ASSET" $CONNECTIONS BENCH_MODE=get
warm "$PORT_A" "$OVERVIEW" "$SCHOOL_A"
bench overview "$PORT_A" "$OVERVIEW" $CONNECTIONS BENCH_MODE=get BENCH_COOKIE="stagematch=$SCHOOL_A"
warm "$PORT_B" "$OVERVIEW" "$SCHOOL_B"
bench overview_results "$PORT_B" "$OVERVIEW" $CONNECTIONS BENCH_MODE=get BENCH_COOKIE="stagematch=$SCHOOL_B"
warm "$PORT_A" "$LIST" "$SERVICE_A"
bench list "$PORT_A" "$LIST" $LIST_CONNECTIONS BENCH_MODE=get BENCH_COOKIE="stagematch=$SERVICE_A"

# ---- saving pupils ----
SAVE_PATH=/opleidingen/dubbele-finaliteit/studenten
page "$PORT_A" "$SCHOOL_A" "$OVERVIEW" "$TMP/form.html"
SAVE_CSRF=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$TMP/form.html" | head -1)
SCHOOL1_ID=$(sqlite3 "$TMP/a/stagematch.db" "SELECT organisation_id FROM users WHERE email = 'school1@bench.test'")
CONTACT=$(sqlite3 "$TMP/a/stagematch.db" "SELECT MIN(id) FROM contacts WHERE school_id = $SCHOOL1_ID")
count_pupils() { sqlite3 -cmd '.timeout 5000' "$TMP/a/stagematch.db" "SELECT COUNT(*) FROM students"; }
SAVES=""
probe=$(curl -s -o "$TMP/save-probe.html" -w '%{http_code}' -H "Cookie: stagematch=$SCHOOL_A" \
	--data-urlencode "csrf=$SAVE_CSRF" "http://127.0.0.1:$PORT_A$SAVE_PATH")
if [ "$probe" = 404 ] || [ "$probe" = 405 ]; then
	echo "  saves: skipped, this build has no POST $SAVE_PATH" >&2
else
	before=$(count_pupils)
	bench save "$PORT_A" "$SAVE_PATH" $CONNECTIONS BENCH_MODE=save BENCH_COOKIE="stagematch=$SCHOOL_A" \
		BENCH_CSRF="$SAVE_CSRF" BENCH_CONTACT="$CONTACT"
	after=$(count_pupils)
	SAVED=$((after - before))
	[ "$SAVED" -gt 0 ] || die "no pupil was saved: $(grep -o 'class="field-error"[^<]*<[^<]*' "$TMP/save-probe.html" | head -3)"
	[ "$SAVED" -ge "${REQS[save]}" ] || die "${REQS[save]} saves answered, but only $SAVED pupils saved"
	SAVES=${RPS[save]} # answered with their redirect; SAVED may include a few still in flight at the end
	half=$(sqlite3 "$TMP/a/stagematch.db" \
		"SELECT COUNT(*) FROM students s WHERE NOT EXISTS (SELECT 1 FROM student_periods p WHERE p.student_id = s.id)")
	[ "$half" = 0 ] || die "$half pupils without periods after the save run"
fi

# ---- "Importeer leerlingen": the preview of a list of 1,000 pupils (A, school1) ----
node tests/bench/import-rows.mjs 1000 >"$TMP/import.csv"
IMPORT_AT=$(curl -s -o /dev/null -w '%{redirect_url}' -H "Cookie: stagematch=$SCHOOL_A" -F "csrf=$SAVE_CSRF" \
	-F "bestand=@$TMP/import.csv;type=text/csv" "http://127.0.0.1:$PORT_A$OVERVIEW/importeren")
[ -n "$IMPORT_AT" ] || die "the upload of $TMP/import.csv was not accepted"
YEAR=$(sqlite3 "$TMP/a/stagematch.db" "SELECT substr(school_year, 6, 4) FROM campaigns c JOIN programmes p ON p.id = c.programme_id WHERE p.code = 'dubbele-finaliteit' ORDER BY school_year DESC LIMIT 1")
IMPORT_URL="$IMPORT_AT?contact_id=$CONTACT&format=blok&period_count=1&hours_per_week=32&total_hours=64&p1_start=11%2F01%2F$YEAR&p1_end=22%2F01%2F$YEAR&transport=fiets"
IMPORT_TIME=0
for _ in 1 2 3 4 5; do # the slowest of five
	t=$(curl -s -o "$TMP/import.html" -w '%{time_total}' -H "Cookie: stagematch=$SCHOOL_A" "$IMPORT_URL")
	IMPORT_TIME=$(calc "($t > $IMPORT_TIME ? $t : $IMPORT_TIME)")
done
grep -q 'waarvan 1000 klaar om te importeren' "$TMP/import.html" || die "the import preview does not find 1000 valid pupils"
printf '  %-18s %10s s (slowest of 5)\n' import_preview "$IMPORT_TIME" >&2

# ---- the overview during a flood of wrong-password logins ----
# Compared with the same page measured quiet just before it: the saves above added thousands
# of pupils to school1, so the first overview row is another page by now.
bench overview_before_flood "$PORT_A" "$OVERVIEW" $CONNECTIONS BENCH_MODE=get BENCH_COOKIE="stagematch=$SCHOOL_A"
flood_bench overview_flood

# ---- CSV export of 10,000 pupils (B, school2) ----
page "$PORT_B" "$EXPORTER_B" "$OVERVIEW" "$TMP/overview-school2.html"
echo 5 >"/proc/$PID_B/clear_refs" # VmHWM := VmRSS
RSS_BEFORE=$(kb "$PID_B" VmRSS)
EXPORT_TIME=$(curl -s -o "$TMP/export.csv" -w '%{time_total}' -H "Cookie: stagematch=$EXPORTER_B" \
	"http://127.0.0.1:$PORT_B$OVERVIEW/export.csv")
HWM_AFTER=$(kb "$PID_B" VmHWM)
EXPORT_GROWTH=$(calc "($HWM_AFTER - $RSS_BEFORE) / 1024")
EXPORT_ROWS=$(($(wc -l <"$TMP/export.csv") - 1))
EXPORT_BYTES=$(stat -c %s "$TMP/export.csv")
[ "$EXPORT_ROWS" = 10000 ] || die "the export has $EXPORT_ROWS lines, expected 10000"
printf '  %-18s %10s s, %s bytes, peak RSS +%.1f MB\n' export "$EXPORT_TIME" "$EXPORT_BYTES" "$EXPORT_GROWTH" >&2

# ---- 1,000 idle keep-alive connections (A) ----
IDLE_BEFORE=$(kb "$PID_A" VmRSS)
coproc IDLE { node tests/bench/idle.mjs "$PORT_A" 1000; }
read -r ready answered open <&"${IDLE[0]}" || die "idle connections: no answer"
[ "$ready" = READY ] && [ "$answered" = 1000 ] && [ "$open" = 1000 ] || die "idle connections: $ready $answered $open"
sleep 1
IDLE_RSS=$(kb "$PID_A" VmRSS)
exec {IDLE[1]}>&-
wait "$IDLE_PID" 2>/dev/null || true
printf '  %-18s RSS %s MB before, %s MB with 1000 idle connections\n' idle \
	"$(calc "$IDLE_BEFORE / 1024")" "$(calc "$IDLE_RSS / 1024")" >&2

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- the table ----
errs() { [ "${ERRORS[$1]:-0}" = 0 ] || printf ' — %s requests failed or took over 2 s' "${ERRORS[$1]}"; }
mark() { if awk "BEGIN { exit !($1) }"; then echo met; else echo "**missed**"; fi; }
ratio() { calc "sprintf(\"%.2f×\", $1 / $2)"; }
row() { printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$@"; }
ms() { printf '%s ms' "$1"; }
echo
echo "stagematch $("$BIN" --version | head -1) — $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(date -u +%Y-%m-%d)"
echo "load average before: $LOAD_BEFORE, after: $LOAD_AFTER; wrk -t$THREADS, $DURATION s per run; data set A: $SCALE pupils"
echo
row "measurement" "throughput" "p50" "p99" "vs own asset / nginx" "target" "met?"
row "---" "---:" "---:" "---:" "---:" "---" "---"
row "nginx: static file of $SIZE_B bytes, $CONNECTIONS conn." "${RPS[nginx]} req/s" "$(ms "${P50[nginx]}")" "$(ms "${P99[nginx]}")" "reference" "" ""
row "stagematch: own asset app.css ($ASSET_SIZE bytes), $CONNECTIONS conn." "${RPS[asset]} req/s" "$(ms "${P50[asset]}")" "$(ms "${P99[asset]}")" "1 / $(ratio "${RPS[asset]}" "${RPS[nginx]}")" "" ""
for o in overview overview_results; do
	if [ $o = overview ]; then label="school overview, 50 pupils, registration open ($SIZE_A bytes), logged in"
	else label="school overview, 50 pupils, results visible ($SIZE_B bytes), logged in"; fi
	row "$label, $CONNECTIONS conn.$(errs $o)" "${RPS[$o]} req/s" "$(ms "${P50[$o]}")" "$(ms "${P99[$o]}")" \
		"$(ratio "${RPS[$o]}" "${RPS[asset]}") / $(ratio "${RPS[$o]}" "${RPS[nginx]}")" "≥ 0.5× asset, p99 ≤ 20 ms" \
		"$(mark "${RPS[$o]} >= 0.5 * ${RPS[asset]} && ${P99[$o]} <= 20 && ${ERRORS[$o]} == 0")"
done
row "service request list, status open, page 1 of $LIST_TOTAL ($LIST_SIZE bytes), $LIST_CONNECTIONS conn.$(errs list)" "${RPS[list]} req/s" \
	"$(ms "${P50[list]}")" "$(ms "${P99[list]}")" "$(ratio "${RPS[list]}" "${RPS[asset]}") / $(ratio "${RPS[list]}" "${RPS[nginx]}")" \
	"p99 ≤ 20 ms" "$(mark "${P99[list]} <= 20 && ${ERRORS[list]} == 0")"
if [ -n "$SAVES" ]; then
	row "saving a pupil (POST, CSRF, validation, transaction, 303), $CONNECTIONS conn." "$SAVES saves/s" \
		"$(ms "${P50[save]}")" "$(ms "${P99[save]}")" "$(ratio "$SAVES" "${RPS[asset]}") / $(ratio "$SAVES" "${RPS[nginx]}")" \
		"≥ 1,000/s" "$(mark "$SAVES >= 1000")"
else
	row "saving a pupil" "not on this build" "" "" "" "≥ 1,000/s" "—"
fi
row "import preview of 1,000 pupils (CSV; every row checked like the pupil form), slowest of 5" "$IMPORT_TIME s" "" "" "" "≤ 1 s" "$(mark "$IMPORT_TIME <= 1")"
row "CSV export of 10,000 pupils (${EXPORT_BYTES} bytes)" "$EXPORT_TIME s" "" "" "" "≤ 0.5 s" "$(mark "$EXPORT_TIME <= 0.5")"
row "peak RSS growth during that export" "$(calc "sprintf(\"%.1f MB\", $EXPORT_GROWTH)")" "" "" "" "≤ 32 MB" "$(mark "$EXPORT_GROWTH <= 32")"
row "overview during a wrong-password login flood ($FLOOD_RPS attempts/s, 32 conn., p50 ${FLOOD_P50} ms)$(errs overview_flood)" \
	"${RPS[overview_flood]} req/s" "$(ms "${P50[overview_flood]}")" "$(ms "${P99[overview_flood]}")" \
	"$(ratio "${P99[overview_flood]}" "${P99[overview_before_flood]}") quiet p99 just before" "p99 ≤ 2× quiet" \
	"$(mark "${P99[overview_flood]} <= 2 * ${P99[overview_before_flood]} && ${ERRORS[overview_flood]} == 0")"
row "RSS with 1,000 idle keep-alive connections" "$(calc "sprintf(\"%.1f MB\", $IDLE_RSS / 1024)")" "" "" \
	"$(calc "sprintf(\"%.1f MB\", $IDLE_BEFORE / 1024)") before" "≤ 100 MB" "$(mark "$IDLE_RSS <= 100 * 1024")"
echo
printf 'Data set A generated in %.2f s. Login flood answers: %s wrong password (hashed), %s busy (503, no free hashing slot), %s throttled (429).\n' \
	"$GEN_A" "$FLOOD_WRONG" "$FLOOD_BUSY" "$FLOOD_THROTTLED"

# ---- the allocation solver (its own table; scripts/bench-solver.sh runs it alone) ----
echo
"$(dirname "$0")/bench-solver.sh" "$BIN"
