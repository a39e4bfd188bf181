#!/usr/bin/env bash
# The Flink job against replay, and its throughput at parallelism 1 and 2 (docs/scale.md).
# For each input: `blackout replay --events-out`, then `blackout flink --local` at parallelism 1 and 2 (in-process
# KRaft broker and MiniCluster, RocksDB incremental checkpoints every 10 s, transactional sink); prints the
# routes/s of each run, the ratio p2/p1, the last checkpoint's bytes per element, and whether the events files are
# identical to replay's (exit 1 when not).
# Inputs: six hours of the shared route-views2 updates (2008-02-21 00:00-06:00, every country watched), and with
# --kp the bundled North Korea scenario (simulated first into bench/target/flink/kp).
# Usage: bench/flink.sh [--kp]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bench/lib.sh"; bench_cli # JAVA_HOME, SHARED, TMP; CLI: a private copy of the jar
BLACKOUT=("$JAVA_HOME/bin/java" -Xmx8g --enable-native-access=ALL-UNNAMED -jar "$CLI")
OUT="$ROOT/bench/target/flink"; mkdir -p "$OUT"
status=0

compare() { # name, entity flags..., -- files...
  local name="$1"; shift
  local flags=(); while [ "$1" != "--" ]; do flags+=("$1"); shift; done; shift
  local t0 t1
  t0=$(date +%s.%N)
  "${BLACKOUT[@]}" replay "${flags[@]}" --format csv --events-out "$OUT/$name-replay.jsonl" "$@" > /dev/null 2> "$OUT/$name-replay.err"
  t1=$(date +%s.%N)
  printf '%s: replay %.1f s, %s\n' "$name" "$(echo "$t1 - $t0" | bc)" "$(tail -1 "$OUT/$name-replay.err")"
  for p in 1 2; do
    rm -rf "$OUT/$name-work-p$p"
    "${BLACKOUT[@]}" flink --local --parallelism "$p" --partitions 2 --work "$OUT/$name-work-p$p" "${flags[@]}" \
        --events-out "$OUT/$name-flink-p$p.jsonl" "$@" > /dev/null 2> "$OUT/$name-flink-p$p.err"
    grep '^flink: [0-9]' "$OUT/$name-flink-p$p.err" | sed "s/^/$name: /"
    if cmp -s "$OUT/$name-replay.jsonl" "$OUT/$name-flink-p$p.jsonl"; then
      echo "$name: parallelism $p: the same $(wc -l < "$OUT/$name-replay.jsonl") events as replay"
    else
      echo "$name: parallelism $p: events DIFFER from replay (diff $OUT/$name-replay.jsonl $OUT/$name-flink-p$p.jsonl)"; status=1
    fi
  done
  local r1 r2
  r1=$(grep -o '[0-9]* routes/s' "$OUT/$name-flink-p1.err" | cut -d' ' -f1)
  r2=$(grep -o '[0-9]* routes/s' "$OUT/$name-flink-p2.err" | cut -d' ' -f1)
  printf '%s: routes/s p1 %s, p2 %s, ratio p2/p1 %.2f\n' "$name" "$r1" "$r2" "$(echo "$r2 / $r1" | bc -l)"
}

RV=("$SHARED"/mrt/routeviews-2008-02/updates.20080221.0[0-5]*.bz2)
compare rv6h --rir "$SHARED/rir" --watch all-countries -- "${RV[@]}"
if [ "${1:-}" = "--kp" ]; then
  [ -d "$OUT/kp" ] || "${BLACKOUT[@]}" simulate "$ROOT/scenarios/kp-2014-12.yaml" --out "$OUT/kp" > /dev/null
  compare kp --rir "$ROOT/scenarios/data/delegated-apnic-20141224.txt.gz" --watch all-countries -- "$OUT/kp"
fi
exit $status
