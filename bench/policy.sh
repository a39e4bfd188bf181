#!/usr/bin/env bash
# Costs of the per-announcement policy checks (core/policy) on real data: valley-free ns/path over
# route-views2 announcements with the 2013 AS graph, and RFC 6811 validation ns/announcement
# against 512k VRPs made from pyasn's 2014 RouteViews table. Needs bgpdump and ../shared/data.
# Usage: bench/policy.sh [MRT update file, default routeviews-2008-02/updates.20080221.0013.bz2]
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${BLACKOUT_SHARED:-$ROOT/../shared/data}"
MRT="${1:-$SHARED/mrt/routeviews-2008-02/updates.20080221.0013.bz2}"
command -v bgpdump >/dev/null || { echo "policy.sh: needs bgpdump (Debian package bgpdump)" >&2; exit 3; }
. "$ROOT/.mvn/find-jdk.sh"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
(cd "$ROOT" && ./build -q -pl core -am test-compile >&2 \
  && ./build -q -pl core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$TMP/cp" >&2)
bgpdump -m "$MRT" 2>/dev/null > "$TMP/updates.txt"
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "$ROOT/core/target/test-classes:$ROOT/core/target/classes:$(cat "$TMP/cp")" \
  org.blackout.core.policy.PolicyBench "$SHARED" "$TMP/updates.txt"
