#!/usr/bin/env bash
# Every target of the performance issue (15) in one run: runs each bench script below, keeps its
# whole output in OUT/NAME.txt and prints one summary line per target (figure, target, met or not)
# with the load average around it. Wall-time targets only mean something on a quiet machine.
# Usage: [OUT=/tmp/blackout-targets] bench/targets.sh [NAME...]
#   names (default: all but memory300 and latency): startup day detectors rib memory300 churn longrun latency
#   memory300 needs the 300-peer table (PEERS=300 bench/simulate-full-table.sh, ~1.4 GB, 2.5 min) and ~10 GB of RAM;
#   rib needs a simulated RIB in RIB_DIR (default /tmp/perf/full; generated with PEERS=20 when missing);
#   latency needs gobgpd (Debian's gobgpd package).
set -uo pipefail
case "${1:-}" in -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${OUT:-/tmp/blackout-targets}"
RIB_DIR="${RIB_DIR:-/tmp/perf/full}"
mkdir -p "$OUT"
NAMES=("$@")
[ ${#NAMES[@]} -eq 0 ] && NAMES=(startup day detectors rib churn longrun)
SUMMARY="$OUT/summary.txt"; : >"$SUMMARY"

line() { printf '%-40s %s\n' "$1" "$2" | tee -a "$SUMMARY"; }
pick() { grep -m1 "$1" "$2" 2>/dev/null || echo "(no figure: see $2)"; }
run() { # name, command...: runs it with its output kept, returns the file
  local name="$1"; shift
  echo "== $name: $* (load $(cut -d' ' -f1 /proc/loadavg))" >&2
  "$@" >"$OUT/$name.txt" 2>&1 || echo "   $name failed: see $OUT/$name.txt" >&2
}

for n in "${NAMES[@]}"; do
  case "$n" in
    startup)
      run startup "$ROOT/bench/startup.sh" 11
      line "start-up: ./blackout --version" "$(pick 'blackout --version:' "$OUT/startup.txt")"
      line "dump -m vs bgpdump -m" "$(pick 'dump speed-up' "$OUT/startup.txt")" ;;
    day)
      run day "$ROOT/bench/replay-throughput.sh" 3
      line "one real day vs bgpdump -m" "$(pick 'replay speed-up' "$OUT/day.txt")" ;;
    detectors)
      run detectors "$ROOT/bench/detectors-cost.sh" 2
      line "detectors' cost, three real days" "$(pick 'detectors add' "$OUT/detectors.txt")" ;;
    rib)
      ls "$RIB_DIR"/rib.*.gz >/dev/null 2>&1 || PEERS=20 OUT="$RIB_DIR" "$ROOT/bench/simulate-full-table.sh" >&2
      BGPDUMP=0 run rib "$ROOT/bench/replay-throughput.sh" 3 "$RIB_DIR"/rib.*.gz
      line "RIB replay (target >= 2 M elements/s)" "$(pick 'elements/s' "$OUT/rib.txt")" ;;
    memory300)
      PEERS=300 run memory300 "$ROOT/bench/full-table-memory.sh"
      line "300 peers: retained (target <= 10 B/route)" "$(pick 'bytes/route' "$OUT/memory300.txt")" ;;
    churn)
      if [ -x "$ROOT/bench/churn-memory.sh" ]; then
        PEERS="${CHURN_PEERS:-6}" PREFIXES=0 XMX=4g run churn "$ROOT/bench/churn-memory.sh" 7
        line "7 days of churn (target within 10%)" "$(grep 'retained' "$OUT/churn.txt" | tail -1)"
      else
        line "7 days of churn" "(bench/churn-memory.sh not present)"
      fi ;;
    longrun)
      run longrun "$ROOT/bench/long-run-memory.sh"
      line "three real days: retained heap" "$(grep -E '^(day|after) ' "$OUT/longrun.txt" | tail -1)" ;;
    latency)
      run latency "$ROOT/bench/alert-latency.sh" 20
      line "alerts: withdrawal -> webhook" "$(pick 'p99' "$OUT/latency.txt")" ;;
    *) echo "targets: unknown name $n (startup day detectors rib memory300 churn longrun latency)" >&2; exit 2 ;;
  esac
done
echo "summary in $SUMMARY; whole outputs in $OUT/" >&2
