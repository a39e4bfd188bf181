#!/usr/bin/env bash
# What replay by collector and time range costs over replay of local files (issue 11): route-views2's
# real update files of one shared day served by a loopback HTTP mirror (python3 http.server, directory
# listings on), `blackout replay --collectors route-views2 --from DAY --until DAY+1 --archive ...` with an
# empty cache (downloads running ahead of the replay), again with the cache filled, and --offline, against
# `blackout replay FILES` of the same files. Prints wall seconds (best of N) and the ratios; target <= 1.10.
# Usage: bench/archive-replay.sh [runs=3] [day=20080221] [jobs=4]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in -h|--help) sed -n 2,7p "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
. "$ROOT/bench/lib.sh"; bench_cli # JAVA_HOME, SHARED, TMP; CLI: a private copy of the jar
RUNS="${1:-3}"
DAY="${2:-20080221}"
JOBS="${3:-4}"
FILES=("$SHARED"/mrt/routeviews-2008-02/updates.$DAY.*.bz2)
[ -f "${FILES[0]}" ] || { echo "shared data missing under $SHARED" >&2; exit 2; }
cleanup() { [ -n "${HTTP_PID:-}" ] && kill "$HTTP_PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
MONTH="${DAY:0:4}.${DAY:4:2}"
mkdir -p "$TMP/mirror/route-views2/bgpdata/$MONTH/UPDATES"
for f in "${FILES[@]}"; do ln -s "$f" "$TMP/mirror/route-views2/bgpdata/$MONTH/UPDATES/"; done
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$TMP/mirror" && exec python3 -m http.server "$PORT" --bind 127.0.0.1 >/dev/null 2>&1) & HTTP_PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break; sleep 0.1; done
FROM="${DAY:0:4}-${DAY:4:2}-${DAY:6:2}T00:00:00Z"
UNTIL=$(date -u -d "${DAY:0:4}-${DAY:4:2}-${DAY:6:2} + 1 day" +%Y-%m-%dT00:00:00Z)
COMMON=(--rir "$SHARED/rir/" --watch all-countries --format csv --no-progress)
RANGE=(--collectors route-views2 --from "$FROM" --until "$UNTIL" --archive "routeviews=http://127.0.0.1:$PORT/" --jobs "$JOBS")
best() { # label, fresh-cache?, replay args...: prints the best wall seconds
  local label="$1" fresh="$2"; shift 2
  local b=""
  for i in $(seq "$RUNS"); do
    [ "$fresh" = yes ] && rm -rf "$TMP/cache"
    /usr/bin/time -f "%e" -o "$TMP/t" "$JAVA_HOME/bin/java" -Xmx4g -jar "$CLI" replay "${COMMON[@]}" "$@" \
      >"$TMP/$label.out" 2>"$TMP/$label.err" || { tail -5 "$TMP/$label.err" >&2; exit 1; }
    local t; t=$(tail -1 "$TMP/t")
    b=$(python3 -c "print(min(float('$t'), float('${b:-1e9}')))")
  done
  echo "$b"
}
PATHS=$(best paths no "${FILES[@]}")
COLD=$(best cold yes "${RANGE[@]}" --cache "$TMP/cache")
WARM=$(best warm no "${RANGE[@]}" --cache "$TMP/cache")
OFFLINE=$(best offline no "${RANGE[@]}" --cache "$TMP/cache" --offline)
cmp -s "$TMP/paths.out" "$TMP/cold.out" && SAME=yes || SAME=NO
echo "archive-replay: route-views2 $DAY, ${#FILES[@]} files, $(du -chL "${FILES[@]}" | tail -1 | cut -f1), best of $RUNS, --jobs $JOBS; load $(cut -d" " -f1-3 /proc/loadavg)"
printf "  replay FILES (local)                     %7.2f s\n" "$PATHS"
printf "  replay --collectors, empty cache         %7.2f s  ratio %.3f\n" "$COLD" "$(python3 -c "print($COLD/$PATHS)")"
printf "  replay --collectors, cache filled        %7.2f s  ratio %.3f\n" "$WARM" "$(python3 -c "print($WARM/$PATHS)")"
printf "  replay --collectors --offline            %7.2f s  ratio %.3f\n" "$OFFLINE" "$(python3 -c "print($OFFLINE/$PATHS)")"
echo "  same signals as by path: $SAME; $(grep '^fetch:' "$TMP/cold.err" | tail -1)"
