#!/usr/bin/env bash
# Routes per second through the BMP decoder alone and through BmpListener over loopback TCP.
# Usage: bench/bmp-listener.sh [routes=1000000] [prefixes per UPDATE=1] [rounds=3]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bench/lib.sh"
bench_classes "wire core ingest" BmpListenerBench
"$JAVA_HOME/bin/java" -Xmx2g -cp "$CP" org.blackout.bench.BmpListenerBench "${1:-1000000}" "${2:-1}" "${3:-3}"
