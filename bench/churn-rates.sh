#!/usr/bin/env bash
# The real live churn rates the churn simulator replays (issue 15, "flat memory in long runs"): per
# day of the shared route-views2 update files, announcements and withdrawals per full-feed peer per
# second, the share of announcements with a never-seen AS path, flaps and their delay, new and
# vanished prefixes. Usage: bench/churn-rates.sh [GLOB='updates.2008022[1-3].*']
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bench/lib.sh"
GLOB="${1:-updates.2008022[1-3].*}"
bench_classes "wire core ingest pipeline" ChurnRatesBench
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -Xmx4g "$LOGBACK" -cp "$CP" org.blackout.bench.ChurnRatesBench $(ls "$SHARED"/mrt/routeviews-2008-02/$GLOB)
