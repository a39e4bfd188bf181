#!/usr/bin/env bash
# What the detectors add to a replay: the shared route-views2 days, every country watched, replayed
# with and without --events-out, alternately, N times each; prints median wall and CPU (user+sys)
# of each, the machine's load average around each run, and the ratio (with / without - 1).
# Usage: bench/detectors-cost.sh [runs] [file glob] [--keep DIR]
#   default: 3 runs of all three days (updates.2008022[1-3].*); e.g. 'updates.20080221.*' for one day.
#   --keep DIR also writes DIR/signals.jsonl and DIR/events.jsonl of the last run with detectors, to
#   diff against another build's (the detectors' behaviour must not change with their speed).
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bench/lib.sh"; bench_cli # JAVA_HOME, SHARED, TMP; CLI: a private copy of the jar
RUNS="${1:-3}"
GLOB="${2:-updates.2008022[1-3].*}"
KEEP=""
[ "${3:-}" = --keep ] && KEEP="${4:?--keep needs a directory}"
DATA="$ROOT/../shared/data/mrt/routeviews-2008-02"
[ -d "$DATA" ] || { echo "detectors-cost: $DATA not found" >&2; exit 2; }
# a private copy, so that concurrent builds cannot swap the jar mid-run
# shellcheck disable=SC2206
FILES=($DATA/$GLOB)
ARGS=(replay --rir "$ROOT/../shared/data/rir/" --watch all-countries --format jsonl)
run() { # $1: label; rest: extra replay args. Appends "wall cpu load-before load-after" to $TMP/$1
  local label="$1"; shift
  local l0; l0=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %U %S" -o "$TMP/t" "$JAVA_HOME/bin/java" "${REPLAY_JFLAGS[@]}" -jar "$CLI" \
    "${ARGS[@]}" "$@" "${FILES[@]}" >"$TMP/signals.jsonl" 2>"$TMP/err" || { tail -5 "$TMP/err" >&2; exit 1; }
  awk -v l0="$l0" -v l1="$(cut -d' ' -f1 /proc/loadavg)" '{printf "%.2f %.2f %s %s\n", $1, $2 + $3, l0, l1}' "$TMP/t" >>"$TMP/$label"
}
for i in $(seq "$RUNS"); do
  run without
  run with --events-out "$TMP/events.jsonl"
  echo "run $i: without $(tail -1 "$TMP/without")  with $(tail -1 "$TMP/with")  (wall cpu load-before load-after)" >&2
done
if [ -n "$KEEP" ]; then mkdir -p "$KEEP"; cp "$TMP/signals.jsonl" "$TMP/events.jsonl" "$KEEP/"; fi
WW=$(cut -d' ' -f1 "$TMP/without" | median); WC=$(cut -d' ' -f2 "$TMP/without" | median)
DW=$(cut -d' ' -f1 "$TMP/with" | median); DC=$(cut -d' ' -f2 "$TMP/with" | median)
LOADS=$(cut -d' ' -f3,4 "$TMP/without" "$TMP/with" | tr ' ' '\n' | sort -n | awk '{v[NR]=$1} END {print v[1] "–" v[NR]}')
echo "files: ${#FILES[@]} ($GLOB), every country watched; $RUNS runs each, medians; load average $LOADS"
echo "replay without detectors: wall ${WW}s  cpu ${WC}s"
echo "replay with detectors:    wall ${DW}s  cpu ${DC}s  ($(wc -l <"$TMP/events.jsonl") events)"
awk -v a="$WW" -v b="$DW" -v c="$WC" -v d="$DC" \
  'BEGIN{printf "detectors add: wall %+.0f%%, cpu %+.0f%% (target: at most +25%% wall)\n", 100*(b/a-1), 100*(d/c-1)}'
