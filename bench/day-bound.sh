#!/usr/bin/env bash
# What bounds a real day's replay on this machine: decompression, the JVM's own work, or the two
# slowing each other down on shared cores. N rounds (medians printed; a VM's speed drifts by a third
# over minutes, so compare within a round), each in this order (the inputs are decompressed into a
# temporary directory first, untimed):
#   1. lbzip2 -dc -n1 over the day's files alone (what replay runs per file)
#   2. blackout replay of the decompressed files alone (the JVM's work without bzip2)
#   3. 1 and 2 at the same time: each one's CPU beside the other
#   4. blackout replay of the .bz2 files (the real thing), and bgpdump -m of them (BGPDUMP=0 skips it)
# Prints wall and CPU (user+sys) of each, the slow-down of each beside the other, and the replay
# wall time a 3x target needs next to what the machine gives without decompression.
# Usage: bench/day-bound.sh [rounds=3] [files...]   (default: one real day, updates.20080221.*)
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bench/lib.sh"; bench_cli # JAVA_HOME, SHARED, TMP; CLI: a private copy of the jar
command -v lbzip2 >/dev/null || { echo "lbzip2 not found (apt-get install lbzip2)" >&2; exit 2; }
RUNS="${1:-3}"; shift || true
FILES=("$@")
[ ${#FILES[@]} -eq 0 ] && FILES=("$SHARED"/mrt/routeviews-2008-02/updates.20080221.*)
mkdir -p "$TMP/plain"
for f in "${FILES[@]}"; do lbzip2 -dc "$f" >"$TMP/plain/$(basename "${f%.bz2}")"; done
PLAIN=("$TMP"/plain/*)
# the same malloc setting replay gives its lbzip2 children (MrtFiles)
export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=268435456}"
lbzip2_all() { for f in "$@"; do lbzip2 -dc -n1 "$f"; done; }
export -f lbzip2_all
bgpdump_all() { for f in "$@"; do bgpdump -m "$f" 2>/dev/null || true; done; }
export -f bgpdump_all
REPLAY=("$JAVA_HOME/bin/java" "${REPLAY_JFLAGS[@]}" -jar "$CLI" replay --rir "$SHARED/rir/" --watch all-countries
  --format jsonl --no-progress --events-out "$TMP/events.jsonl")
timed() { # label, command...: "label wall cpu" into $TMP/times
  local label="$1"; shift
  /usr/bin/time -f "%e %U %S" -o "$TMP/t.$label" "$@" >/dev/null 2>"$TMP/err.$label" || { tail -5 "$TMP/err.$label" >&2; exit 1; }
  awk -v l="$label" '{printf "%s %.2f %.2f\n", l, $1, $2 + $3}' "$TMP/t.$label" >>"$TMP/times"
}
L0=$(cut -d' ' -f1 /proc/loadavg)
for i in $(seq "$RUNS"); do
  timed lbzip2 bash -c 'lbzip2_all "$@"' _ "${FILES[@]}"
  timed plain "${REPLAY[@]}" "${PLAIN[@]}"
  timed lbzip2_beside bash -c 'lbzip2_all "$@"' _ "${FILES[@]}" &
  timed plain_beside "${REPLAY[@]}" "${PLAIN[@]}"
  wait
  timed replay "${REPLAY[@]}" "${FILES[@]}"
  [ "${BGPDUMP:-1}" = 0 ] || timed bgpdump bash -c 'bgpdump_all "$@"' _ "${FILES[@]}"
  echo "round $i: $(tail -n 6 "$TMP/times" | tr "\n" " ")" >&2
done
L1=$(cut -d' ' -f1 /proc/loadavg)
get() { awk -v l="$1" -v c="$2" '$1 == l {print $c}' "$TMP/times" | median; } # a label's median wall (2) or CPU (3)
echo "$RUNS rounds, medians; ${#FILES[@]} files ($(du -ch "${FILES[@]}" | tail -1 | cut -f1) compressed, $(du -ch "${PLAIN[@]}" | tail -1 | cut -f1) plain); load average $L0 before, $L1 after"
printf '%-44s wall %6.2fs  cpu %6.2fs\n' \
  "1. lbzip2 -n1 alone" "$(get lbzip2 2)" "$(get lbzip2 3)" \
  "2. replay of the decompressed files alone" "$(get plain 2)" "$(get plain 3)" \
  "3. lbzip2 beside that replay" "$(get lbzip2_beside 2)" "$(get lbzip2_beside 3)" \
  "   that replay beside lbzip2" "$(get plain_beside 2)" "$(get plain_beside 3)" \
  "4. replay of the .bz2 files" "$(get replay 2)" "$(get replay 3)"
awk -v a="$(get lbzip2 3)" -v b="$(get lbzip2_beside 3)" -v p="$(get plain 3)" -v q="$(get plain_beside 3)" \
  -v w="$(get plain_beside 2)" -v w2="$(get lbzip2_beside 2)" 'BEGIN {
  m = w > w2 ? w : w2
  printf "beside each other: lbzip2 needs %.2fx its CPU alone, the replay %.2fx; the two cores give %.2f cores of solo work\n", b / a, q / p, (a + p) / m }'
if [ "${BGPDUMP:-1}" != 0 ]; then
  printf '%-44s wall %6.2fs  cpu %6.2fs\n' "   bgpdump -m of the .bz2 files" "$(get bgpdump 2)" "$(get bgpdump 3)"
  awk -v bw="$(get bgpdump 2)" -v rw="$(get replay 2)" -v pw="$(get plain 2)" 'BEGIN {
    printf "speed-up over bgpdump: %.2fx (3x needs replay wall <= %.2fs); without decompression the replay alone is %.2fx\n", bw / rw, bw / 3, bw / pw }'
fi
