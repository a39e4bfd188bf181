#!/usr/bin/env bash
# Whole-process throughput of `blackout replay` (every country watched, detectors on) against
# `bgpdump -m` printing the same files (one bgpdump per file, as it takes one file), both to /dev/null;
# N runs each, alternating; prints medians of wall and CPU (user+sys), route elements per second,
# the load average, and the speed-up over bgpdump. The replay's CPU includes its lbzip2 children (bzip2 files);
# its signals are computed on all cores (SignalCalculator.DEFAULT_THREADS), so wall, not CPU, is the figure.
# Usage: bench/replay-throughput.sh [runs=3] [files...]
#   default files: one real day of route-views2 updates (../shared/data/mrt/routeviews-2008-02/updates.20080221.*,
#   96 files); for RIBs, a simulated table: bench/simulate-full-table.sh, then pass /tmp/blackout-full/rib.*.gz
#   BGPDUMP=0 skips bgpdump (slow on large RIBs: most of it system time).
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bench/lib.sh"; bench_cli # JAVA_HOME, SHARED, TMP; CLI: a private copy of the jar
RUNS="${1:-3}"; shift || true
FILES=("$@")
[ ${#FILES[@]} -eq 0 ] && FILES=("$SHARED"/mrt/routeviews-2008-02/updates.20080221.*)
measure() { # appends "wall cpu" of one run of the command to $1
  local out="$1"; shift
  /usr/bin/time -f "%e %U %S" -o "$TMP/t" "$@" >/dev/null 2>"$TMP/err" || { tail -5 "$TMP/err" >&2; exit 1; }
  tail -1 "$TMP/t" | awk '{printf "%.2f %.2f\n", $1, $2 + $3}' >>"$out"
}
bgpdump_all() { for f in "$@"; do bgpdump -m "$f" 2>/dev/null || true; done; }
export -f bgpdump_all
L0=$(cut -d' ' -f1 /proc/loadavg)
for i in $(seq "$RUNS"); do
  measure "$TMP/replay" "$JAVA_HOME/bin/java" "${REPLAY_JFLAGS[@]}" -jar "$CLI" replay --rir "$SHARED/rir/" \
    --watch all-countries --format jsonl --events-out "$TMP/events.jsonl" "${FILES[@]}"
  ELEMENTS=$(grep -o '[0-9]* elements' "$TMP/err" | tail -1 | cut -d' ' -f1)
  [ "${BGPDUMP:-1}" = 0 ] || measure "$TMP/bgpdump" bash -c 'bgpdump_all "$@"' _ "${FILES[@]}"
done
L1=$(cut -d' ' -f1 /proc/loadavg)
RW=$(cut -d' ' -f1 "$TMP/replay" | median); RC=$(cut -d' ' -f2 "$TMP/replay" | median)
echo "${#FILES[@]} files, $ELEMENTS route elements; $RUNS runs each, medians; load average $L0 before, $L1 after"
echo "blackout replay (all countries, detectors): wall ${RW}s  cpu ${RC}s  $(awk -v n="$ELEMENTS" -v w="$RW" 'BEGIN{printf "%.2f M elements/s", n/w/1e6}')"
if [ "${BGPDUMP:-1}" != 0 ]; then
  BW=$(cut -d' ' -f1 "$TMP/bgpdump" | median); BC=$(cut -d' ' -f2 "$TMP/bgpdump" | median)
  echo "bgpdump -m (printing them):                 wall ${BW}s  cpu ${BC}s"
  awk -v bw="$BW" -v rw="$RW" -v bc="$BC" -v rc="$RC" \
    'BEGIN{printf "replay speed-up over bgpdump: wall %.2fx, cpu %.2fx (target: 3x wall on a real day: replay wall <= %.2fs)\n", bw/rw, bc/rc, bw/3}'
fi
