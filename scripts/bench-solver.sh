#!/usr/bin/env bash
# The allocation solver's benchmark (part of make bench; runs alone too): generated regions
# of 10,000 / 100,000 / 1,000,000 pupils (stagematch allocate --generate), our solve time
# (clock and processor time from getrusage, the instance already in memory) and peak memory,
# next to LEMON's network simplex on the same instance where it finishes in reasonable time
# (clock and processor time), with the optimal number placed and cost checked equal. The
# machine may be shared: each row has the load average when it ran, and the targets are
# checked on processor time. Prints a Markdown table.
#
#   scripts/bench-solver.sh [path/to/stagematch]
#   SOLVER_SIZES="10000 100000" scripts/bench-solver.sh     sizes (default 10000 100000 1000000)
#   LEMON_MAX=100000 scripts/bench-solver.sh                 largest size given to LEMON (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=$(realpath "${1:-build/stagematch}")
LEMON=$(dirname "$BIN")/lemon_compare
SIZES=${SOLVER_SIZES:-10000 100000 1000000}
LEMON_MAX=${LEMON_MAX:-100000}
SEED=1
die() { echo "bench-solver: $*" >&2; exit 1; }
[ -x "$BIN" ] || die "$BIN is missing (make build)"
[ -x "$LEMON" ] || die "$LEMON is missing: install liblemon-dev (scripts/deps.sh) and rebuild"
mark() { if awk "BEGIN { exit !($1) }"; then echo met; else echo "**missed**"; fi; }
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
load() { cut -d' ' -f1 /proc/loadavg; }

echo "allocation solver: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
rows=()
for n in $SIZES; do
	load_before=$(load)
	out=$("$BIN" allocate --generate "$n" --seed $SEED) || die "allocate --generate $n failed: $out"
	grep -q '^Optimaal: ja' <<<"$out" || die "$n pupils: the certificate failed"
	line=$(grep '^Rekentijd' <<<"$out")
	wall=$(sed 's/^Rekentijd: \([0-9.]*\) s.*/\1/' <<<"$line")
	cpu=$(sed 's/.*processortijd \([0-9.]*\) s.*/\1/' <<<"$line")
	rss=$(sed 's/.*piekgeheugen \([0-9]*\) MB.*/\1/' <<<"$line")
	pairs=$(sed -n 's/.*plaatsen, \([0-9]*\) paren.*/\1/p' <<<"$out")
	placed=$(sed -n 's/^Geplaatst: \([0-9]*\).*/\1/p' <<<"$out")
	cost=$(sed -n 's/^Totale kost: \([0-9]*\)/\1/p' <<<"$out")
	printf '  %8s pupils: %s s (processor %s s), %s MB, placed %s, cost %s\n' "$n" "$wall" "$cpu" "$rss" "$placed" "$cost" >&2
	lemon="not run (> $LEMON_MAX pupils)" equal="—"
	if [ "$n" -le "$LEMON_MAX" ]; then
		cmp=$("$LEMON" bench "$n" $SEED) || true
		lemon="$(field lemon_s "$cmp") s (processor $(field lemon_cpu_s "$cmp") s)"
		if [ "$(field lemon_placed "$cmp")" = "$placed" ] && [ "$(field lemon_cost "$cmp")" = "$cost" ]; then
			equal="yes ($placed placed, cost $cost)"
		else
			equal="**NO**: LEMON $(field lemon_placed "$cmp") placed, cost $(field lemon_cost "$cmp")"
		fi
		printf '  %8s pupils: LEMON network simplex %s\n' "$n" "$lemon" >&2
	fi
	case $n in
		100000) target="< 0.2 s, < 1 GB"; met=$(mark "$cpu < 0.2 && $rss < 1024") ;;
		1000000) target="< 2 s, < 1 GB"; met=$(mark "$cpu < 2 && $rss < 1024") ;;
		*) target="" met="" ;;
	esac
	rows+=("| $n | $pairs | $load_before | $wall s | $cpu s | $rss MB | $lemon | $equal | $target | $met |")
done
echo
echo "| pupils | pairs | load average | our solve (clock) | our solve (processor) | peak RSS (whole process) | LEMON network simplex | same optimum | target (processor time) | met? |"
echo "|---:|---:|---:|---:|---:|---:|---:|---|---|---|"
printf '%s\n' "${rows[@]}"
