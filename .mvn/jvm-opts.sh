# Sourced by ./blackout and bench/lib.sh: the JVM options of a command, one table for both.
# blackout_jvm_opts COMMAND [JDK_MAJOR] sets JVM_OPTS (a variable, not output: the launcher's start-up is timed).
blackout_jvm_opts() {
  # dump is a one-pass decoder, usually of one 15-minute or RIB file: C2 compiling on the same 2 cores costs
  # more than it saves there (measured: 0.75 s vs 1.21 s on updates.et-header.2015.gz), unlike replay or serve.
  # A young generation of fixed size is reused, not grown to hundreds of MB (a replay: gigabytes) of fresh
  # pages the kernel must zero first; huge pages spare TLB misses on the big tables. Both together, on a
  # VM whose first touch of a page is slow (bench/PERFORMANCE.md, fourth session): `--version` 0.26 ->
  # 0.20 s, a 19.5 M-route RIB replayed 17.6-20.4 -> 10.7-10.9 s, a real day 22-24 -> 17-19 s; huge pages
  # alone: `dump -m` of 577 k rows 1.08 -> 0.90 s.
  JVM_OPTS="-Xmx8g -XX:+UseParallelGC"
  case "${1:-}" in
    --version | -V | --help | -h | help) JVM_OPTS="$JVM_OPTS -XX:TieredStopAtLevel=1 -Xmn64m" ;;
    # not a small young generation here: dumping a large RIB promotes what the decoder holds ahead, and
    # with 64 MB a 19.5 M-route RIB took 22.4 s against 19.3 s
    dump) JVM_OPTS="$JVM_OPTS -XX:TieredStopAtLevel=1" ;;
    # A replay runs seconds to minutes: C2's deep inlining cost a day of route-views2 5.6 s of compile
    # CPU against 3.8 s with these, and a simulated RIB replays as fast. C2 also compiled ~760 methods,
    # most in the first 5 s, many of them only warm; three times HotSpot's tier-4 thresholds leave those
    # in C1 code: the day's decompressed files 20.2 -> 18.5 s CPU, 13.1 -> 12.0 s wall (interleaved, 5 and
    # 4 rounds); the .bz2 day 21.8 -> 21.0 s wall; a 19.5 M-route RIB 21.5 -> 20.2 s CPU, the same wall.
    # Six times was slower than three.
    replay | demo)
      JVM_OPTS="$JVM_OPTS -XX:InlineSmallCode=500 -XX:MaxInlineLevel=6 -Xmn400m"
      JVM_OPTS="$JVM_OPTS -XX:Tier4InvocationThreshold=15000 -XX:Tier4MinInvocationThreshold=1800"
      JVM_OPTS="$JVM_OPTS -XX:Tier4CompileThreshold=45000 -XX:Tier4BackEdgeThreshold=120000" ;;
  esac
  # Netty on JDK 24 and 25 leaves sun.misc.Unsafe alone (JEP 498 warns on its use) and at start-up links
  # malloc and free through the FFM API instead: 46 ms of a `dump -m` main thread and 50 classes spun,
  # against none with Unsafe allowed, Netty's path on JDK 21 (dump -m 0.93 -> 0.82 s, interleaved).
  # Not past 25, where the option may go.
  case "${2:-}" in 24 | 25) JVM_OPTS="$JVM_OPTS -Dio.netty.noUnsafe=false --sun-misc-unsafe-memory-access=allow" ;; esac
  # only where the kernel takes madvise: elsewhere the JVM warns about the flag on stdout, among the data
  # (read by the shell itself: a grep here cost every command 5-7 ms)
  local thp=""
  { read -r thp </sys/kernel/mm/transparent_hugepage/enabled; } 2>/dev/null || true
  case "$thp" in *"[madvise]"*) JVM_OPTS="$JVM_OPTS -XX:+UseTransparentHugePages" ;; esac
}
