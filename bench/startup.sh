#!/usr/bin/env bash
# Start-up, whole process through the ./blackout launcher (JDK lookup cached, AOT cache or CDS archive):
# `./blackout --version` and `./blackout dump -m FILE` against `bgpdump -m FILE` (both to /dev/null),
# N runs each, interleaved in a rotating order; prints medians of wall and CPU (user+sys), the load average, and the ratios.
# Usage: bench/startup.sh [runs=11] [MRT file]   (default: the shared RIS-format update file of 2015)
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-11}"
FILE="${2:-$ROOT/../shared/data/mrt/bgpdump/test_data/updates.et-header.2015.gz}"
command -v bgpdump >/dev/null || { echo "bgpdump not found (apt-get install bgpdump)" >&2; exit 2; }
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
"$ROOT/blackout" --version >/dev/null # builds, caches the JDK lookup and trains the AOT cache when needed: untimed
measure() { # appends "wall cpu" of one run to $1
  local out="$1"; shift
  /usr/bin/time -f "%e %U %S" -o "$TMP/t" "$@" >/dev/null 2>>"$TMP/err" || true
  tail -1 "$TMP/t" | awk '{printf "%.3f %.3f\n", $1, $2 + $3}' >>"$out"
}
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
L0=$(cut -d' ' -f1 /proc/loadavg)
# the order rotates each round: on a VM, where a run sits in the loop moved the same dump by a third
# (bench/PERFORMANCE.md, sixth session), so no command always follows the same one
run_one() {
  case "$1" in
    0) measure "$TMP/version" "$ROOT/blackout" --version ;;
    1) measure "$TMP/bgpdump" bgpdump -m "$FILE" ;;
    2) measure "$TMP/dump" "$ROOT/blackout" dump -m "$FILE" ;;
  esac
}
for i in $(seq "$RUNS"); do
  for k in 0 1 2; do run_one $(((i + k) % 3)); done
done
L1=$(cut -d' ' -f1 /proc/loadavg)
rows=$(bgpdump -m "$FILE" 2>/dev/null | wc -l)
same=$(cmp -s <(bgpdump -m "$FILE" 2>/dev/null) <("$ROOT/blackout" dump -m "$FILE" 2>/dev/null) && echo yes || echo NO)
VW=$(cut -d' ' -f1 "$TMP/version" | median); VC=$(cut -d' ' -f2 "$TMP/version" | median)
BW=$(cut -d' ' -f1 "$TMP/bgpdump" | median); BC=$(cut -d' ' -f2 "$TMP/bgpdump" | median)
DW=$(cut -d' ' -f1 "$TMP/dump" | median); DC=$(cut -d' ' -f2 "$TMP/dump" | median)
echo "$RUNS runs each, medians; load average $L0 before, $L1 after; $("$ROOT/blackout" --version)"
echo "./blackout --version:   wall ${VW}s  cpu ${VC}s  (target: wall <= 0.25 s)"
echo "bgpdump -m:             wall ${BW}s  cpu ${BC}s  ($rows rows of $(basename "$FILE"))"
echo "./blackout dump -m:     wall ${DW}s  cpu ${DC}s  (same output: $same)"
awk -v bw="$BW" -v dw="$DW" -v bc="$BC" -v dc="$DC" \
  'BEGIN{printf "dump speed-up over bgpdump: wall %.2fx, cpu %.2fx (target: 1.5x wall)\n", bw/dw, bc/dc}'
