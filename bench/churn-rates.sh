#!/usr/bin/env bash
# The real live churn rates the churn simulator replays (issue 15, "flat memory in long runs"): per
# day of the shared route-views2 update files, announcements and withdrawals per full-feed peer per
# second, the share of announcements with a never-seen AS path, flaps and their delay, new and
# vanished prefixes. Usage: bench/churn-rates.sh [GLOB='updates.2008022[1-3].*']
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/.mvn/find-jdk.sh"
SHARED="${BLACKOUT_SHARED:-$ROOT/../shared/data}"
GLOB="${1:-updates.2008022[1-3].*}"
LIB="$ROOT/cli/target/lib"
[ -d "$LIB" ] || (cd "$ROOT" && ./build -q -o -DskipTests install >&2)
CP="$(ls "$ROOT"/{wire,core,ingest,pipeline}/target/blackout-*-0.1.0-SNAPSHOT.jar | grep -v tests | tr '\n' ':')$(ls "$LIB"/*.jar | grep -v 'blackout-' | tr '\n' ':')"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
"$JAVA_HOME/bin/javac" --release 21 -d "$TMP" -cp "$CP" "$ROOT"/bench/src/org/blackout/bench/ChurnRatesBench.java
printf '<configuration><root level="WARN"/></configuration>\n' > "$TMP/logback.xml"
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -Xmx4g -Dlogback.configurationFile="$TMP/logback.xml" -cp "$TMP:$CP" org.blackout.bench.ChurnRatesBench $(ls "$SHARED"/mrt/routeviews-2008-02/$GLOB)
