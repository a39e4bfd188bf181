#!/usr/bin/env bash
# Routes per second from one real GoBGP session (fed ~1M routes by an in-process speaker) into the BGP collector.
# Usage: bench/gobgp-collector.sh [routes=1000000] [gobgp|direct]   (gobgp needs Debian gobgpd)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bench/lib.sh"
bench_classes "wire core ingest" GobgpCollectorBench
"$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" org.blackout.bench.GobgpCollectorBench "${1:-1000000}" "${2:-gobgp}"
