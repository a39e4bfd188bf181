#!/usr/bin/env bash
# What global hijack mode and leak checks cost (issue 13): `blackout replay` of the shared route-views2
# days with all countries watched, without and with `--watch all-prefixes --as-rel FILE`, wall and CPU
# (best of N), the ratio, and the events the global mode raised: per day by type and the top 10 by score.
# Usage: bench/hijack-leak-cost.sh [runs] [day glob, default 2008022?]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in -h|--help) sed -n 2,5p "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
. "$ROOT/bench/lib.sh"; bench_cli # JAVA_HOME, SHARED, TMP; CLI: a private copy of the jar
RUNS="${1:-1}"
DAYS="${2:-2008022?}"
FILES=("$SHARED"/mrt/routeviews-2008-02/updates.$DAYS.*.bz2)
REL="$SHARED/asrel/thunderwolf-whole-internet-rel.txt"
[ -f "${FILES[0]}" ] && [ -f "$REL" ] || { echo "shared data missing under $SHARED" >&2; exit 2; }
RIR=(); for f in "$SHARED"/rir/*; do RIR+=(--rir "$f"); done
run() { # label, replay options...: prints "wall cpu" of the best run
  local label="$1"; shift
  for i in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %U %S" -o "$TMP/t" "$JAVA_HOME/bin/java" -Xmx12g -XX:+UseParallelGC -jar "$CLI" \
      replay "${RIR[@]}" --format csv --progress=false "$@" "${FILES[@]}" >/dev/null 2>"$TMP/$label.err" \
      || { tail -5 "$TMP/$label.err" >&2; exit 1; }
    awk '{printf "%.1f %.1f\n", $1, $2 + $3}' "$TMP/t"
  done | sort -n | head -1
}
echo "files: ${#FILES[@]}, runs: $RUNS, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
BASE=$(run base --watch all-countries --events-out "$TMP/base.jsonl")
FULL=$(run global --watch all-countries,all-prefixes --as-rel "$REL" --events-out "$TMP/global.jsonl")
read -r BW BC <<<"$BASE"; read -r FW FC <<<"$FULL"
printf "replay, all countries:                       wall %6.1f s  cpu %6.1f s\n" "$BW" "$BC"
printf "  + all-prefixes hijacks + as-rel leaks:     wall %6.1f s  cpu %6.1f s\n" "$FW" "$FC"
awk -v a="$BW" -v b="$FW" -v c="$BC" -v d="$FC" 'BEGIN { printf "ratio (target <= 1.5):                      wall %.2fx  cpu %.2fx\n", b / a, d / c }'
python3 - "$TMP/global.jsonl" <<'PY'
import json, sys, collections
ev = [json.loads(l) for l in open(sys.argv[1])]
per = collections.Counter((e["first_evidence"][:10], e["type"]) for e in ev if e["type"] != "feed")
print("events per day (global mode, non-feed):")
for (day, t), n in sorted(per.items()): print(f"  {day} {t:12s} {n}")
top = sorted((e for e in ev if e["type"] in ("hijack", "leak")), key=lambda e: -(e.get("score") or 0))[:10]
print("top 10 hijacks and leaks by score:")
for e in top: print(f"  {e.get('score', 0):6.1f}  {e['type']:6s} {e['first_evidence']}  {e['entity']:24s} {e['summary'][:110]}")
PY
