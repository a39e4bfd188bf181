# Sourced by ./blackout and ./build: sets JAVA_HOME to a JDK >= 21 (JAVA_HOME first, then the usual places).
java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ {split($2,v,"."); print (v[1]=="1"?v[2]:v[1]); exit}'; }
find_jdk() {
  local c m
  for c in ${BLACKOUT_JAVA_HOME:-} ${JAVA_HOME:-} /usr/lib/jvm/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    m=$(java_major "$c/bin/java" || echo 0)
    if [ "${m:-0}" -ge 21 ] 2>/dev/null; then echo "$c"; return 0; fi
  done
  if command -v javac >/dev/null 2>&1; then
    c="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    m=$(java_major "$c/bin/java" || echo 0)
    if [ "${m:-0}" -ge 21 ] 2>/dev/null; then echo "$c"; return 0; fi
  fi
  return 1
}
JAVA_HOME="$(find_jdk)" || { echo "blackout: no JDK >= 21 found; install one or set JAVA_HOME" >&2; exit 3; }
export JAVA_HOME
# Maven's own Guice calls sun.misc.Unsafe; JDK 24+ warns about it on every build unless told not to.
if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 24 ] 2>/dev/null; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
