#!/usr/bin/env bash
# Where a replay's CPU goes, by thread: runs `blackout replay` (every country watched, detectors on)
# N times with a small agent (bench/thread-cpu/ThreadCpuAgent.java) that prints at exit the main
# thread's CPU, the JVM's, and the live threads' by name (JIT compilers, GC, signal workers); with
# /usr/bin/time's user+sys, which adds the lbzip2 children. On 2 cores the wall time is bounded by
# the main thread (it applies every element) and by total CPU / 2.
# Usage: bench/replay-threads.sh [runs=1] [files...]   (default: one real day, updates.20080221.*)
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bench/lib.sh"; bench_cli # JAVA_HOME, SHARED, TMP; CLI: a private copy of the jar
RUNS="${1:-1}"; shift || true
FILES=("$@")
[ ${#FILES[@]} -eq 0 ] && FILES=("$SHARED"/mrt/routeviews-2008-02/updates.20080221.*)
"$JAVA_HOME/bin/javac" -d "$TMP/agent" "$ROOT/bench/thread-cpu/ThreadCpuAgent.java"
printf 'Premain-Class: ThreadCpuAgent\n' >"$TMP/manifest"
"$JAVA_HOME/bin/jar" cfm "$TMP/agent.jar" "$TMP/manifest" -C "$TMP/agent" .
for i in $(seq "$RUNS"); do
  L0=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %U %S" -o "$TMP/t" "$JAVA_HOME/bin/java" "${REPLAY_JFLAGS[@]}" -javaagent:"$TMP/agent.jar" \
    -jar "$CLI" replay --rir "$SHARED/rir/" --watch all-countries --format jsonl --no-progress \
    --events-out "$TMP/events.jsonl" "${FILES[@]}" >/dev/null 2>"$TMP/err" || { tail -5 "$TMP/err" >&2; exit 1; }
  echo "run $i (load $L0 -> $(cut -d' ' -f1 /proc/loadavg)): $(awk '{printf "wall %.2fs, user+sys with children %.2fs", $1, $2 + $3}' "$TMP/t")"
  grep '^thread-cpu:' "$TMP/err"
done
