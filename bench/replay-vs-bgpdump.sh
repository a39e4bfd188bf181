#!/usr/bin/env bash
# Whole-process time of `blackout replay` against `bgpdump -m` printing the same file (to /dev/null).
# Reports the best of N runs of each, wall and CPU (user+sys), and the ratio replay/bgpdump.
# Usage: bench/replay-vs-bgpdump.sh [MRT file] [runs] [replay options...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bench/lib.sh"; bench_cli # JAVA_HOME, SHARED, TMP; CLI: a private copy of the jar
FILE="${1:-$ROOT/../shared/data/mrt/bgpdump/test_data/updates.et-header.2015.gz}"
RUNS="${2:-3}"
shift 2 2>/dev/null || shift $# 
OPTS=("$@")
# default: the issue's example (country:KP, as:131279); pass e.g. --watch all-countries,all-ases --rir F for the heavy case
[ ${#OPTS[@]} -eq 0 ] && OPTS=(--rir "$ROOT/../shared/data/rir/delegated-apnic-20141224.txt" --watch country:KP,as:131279 --format jsonl)
command -v bgpdump >/dev/null || { echo "bgpdump not found (apt-get install bgpdump)" >&2; exit 2; }
best() { sort -n | head -1; }
measure() { # prints "wall cpu" for one run of the command
  /usr/bin/time -f "%e %U %S" -o "$TMP/t" "$@" >/dev/null 2>>"$TMP/err" || { cat "$TMP/err" >&2; exit 1; }
  awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$TMP/t"
}
# JVM flags a launcher would use for short batch runs: C1 only, and a class-data archive (made by an untimed first run)
JFLAGS=(-XX:+UseParallelGC -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile="$TMP/blackout.jsa" -XX:+AutoCreateSharedArchive)
"$JAVA_HOME/bin/java" "${JFLAGS[@]}" -jar "$CLI" replay "${OPTS[@]}" "$FILE" >/dev/null 2>&1
for i in $(seq "$RUNS"); do
  measure bgpdump -m "$FILE" >>"$TMP/bgpdump"
  measure "$JAVA_HOME/bin/java" "${JFLAGS[@]}" -jar "$CLI" replay "${OPTS[@]}" "$FILE" >>"$TMP/replay"
done
BW=$(cut -d' ' -f1 "$TMP/bgpdump" | best); BC=$(cut -d' ' -f2 "$TMP/bgpdump" | best)
RW=$(cut -d' ' -f1 "$TMP/replay" | best); RC=$(cut -d' ' -f2 "$TMP/replay" | best)
echo "file: $FILE ($RUNS runs, best of each; load average $(cut -d' ' -f1 /proc/loadavg))"
echo "bgpdump -m:       wall ${BW}s  cpu ${BC}s"
echo "blackout replay:  wall ${RW}s  cpu ${RC}s  (${OPTS[*]}; java ${JFLAGS[*]})"
awk -v rw="$RW" -v bw="$BW" -v rc="$RC" -v bc="$BC" 'BEGIN{printf "ratio replay/bgpdump: wall %.2f, cpu %.2f\n", rw/bw, rc/bc}'
