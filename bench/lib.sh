# Shared set-up of the bench scripts; source it after setting ROOT (the repository):
#   ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"; . "$ROOT/bench/lib.sh"
# It finds a JDK >= 21 (JAVA_HOME), names the shared data (SHARED), builds the CLI when it is
# missing and makes a private temporary directory (TMP, removed at exit). The functions copy the
# jars there, so a build during a long measurement cannot swap them under it.

. "$ROOT/.mvn/find-jdk.sh"
JAVA_MAJOR="$(java_major "$JAVA_HOME/bin/java")" # one `java -version` run, for the options and the cache below
SHARED="${BLACKOUT_SHARED:-$ROOT/../shared/data}"
LIB="$ROOT/cli/target/lib"
[ -f "$ROOT/cli/target/blackout-cli.jar" ] && [ -d "$LIB" ] || (cd "$ROOT" && ./build -q -o -DskipTests install >&2)
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT

# The CLI as ./blackout runs it: a copy of the jar and its lib/ directory, and on JDK 25 the launcher's
# AOT cache, which REPLAY_JFLAGS then names. The copies keep their times (cp -p), so the JVM takes the
# cache for them as for the originals; without it a day's replay measured ~1 s slower than users run it.
bench_cli() {
  "$ROOT/blackout" --version >/dev/null # builds and trains the caches when stale, as a user's first run would
  cp -rp "$ROOT/cli/target/blackout-cli.jar" "$LIB" "$TMP/"
  CLI="$TMP/blackout-cli.jar"
  if [ -f "$ROOT/cli/target/blackout.aot" ] && [ "$JAVA_MAJOR" -ge 25 ]; then
    cp -p "$ROOT/cli/target/blackout.aot" "$TMP/"
    REPLAY_JFLAGS+=(-XX:AOTCache="$TMP/blackout.aot" -Xlog:aot=off -Xlog:cds=off)
  fi
}

# Compiles bench classes (names under bench/src/org/blackout/bench, without .java) against copies of
# the given modules' jars and the CLI's third-party dependencies; sets CP ("$TMP:jars...") and a
# logback configuration that keeps library chatter out of the figures (LOGBACK, a -D option).
#   bench_classes "wire core ingest pipeline" RibMemoryBench FullTableMemoryBench
bench_classes() {
  local modules="$1"; shift
  mkdir -p "$TMP/jars"
  local m
  for m in $modules; do cp "$ROOT/$m/target/blackout-$m-0.1.0-SNAPSHOT.jar" "$TMP/jars/"; done
  CP="$TMP:$(ls "$TMP"/jars/*.jar | tr '\n' ':')$(ls "$LIB"/*.jar | grep -v 'blackout-' | tr '\n' ':')"
  local srcs=()
  for m in "$@"; do srcs+=("$ROOT/bench/src/org/blackout/bench/$m.java"); done
  "$JAVA_HOME/bin/javac" --release 21 -d "$TMP" -cp "$CP" "${srcs[@]}"
  printf '<configuration><root level="WARN"/></configuration>\n' > "$TMP/logback.xml"
  LOGBACK="-Dlogback.configurationFile=$TMP/logback.xml"
}

# The JVM options ./blackout gives replay and demo (the launcher's own table).
. "$ROOT/.mvn/jvm-opts.sh"
blackout_jvm_opts replay "$JAVA_MAJOR"
read -ra REPLAY_JFLAGS <<<"$JVM_OPTS"

# The median of numbers on stdin, one per line.
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

# The load average, for the figures' context.
bench_load() { cut -d' ' -f1-3 /proc/loadavg; }
