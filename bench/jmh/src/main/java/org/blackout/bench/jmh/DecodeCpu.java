package org.blackout.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The same work as {@link DecodeBenchmark}, timed by the thread's CPU time instead of the wall
 * clock, so the figure holds on a shared, busy machine: best elements per CPU second over N rounds.
 * Usage: {@code DecodeCpu [rounds=20] [files...]} (paths under {@code -Dblackout.shared}/mrt).
 */
public final class DecodeCpu {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String[] files = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length)
                : new String[] {"bgpdump/test_data/updates.et-header.2015.gz", "bgpdump/test_data/bview.20020722.2337.gz",
                        "pyasn/rib.20140523.0600_firstMB.bz2"};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (String f : files) {
            DecodeBenchmark b = new DecodeBenchmark();
            b.file = f;
            b.load();
            DecodeBenchmark.Elements count = new DecodeBenchmark.Elements();
            org.openjdk.jmh.infra.Blackhole bh = new org.openjdk.jmh.infra.Blackhole(
                    "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
            double best = 0;
            long elements = 0;
            for (int i = 0; i < rounds; i++) {
                count.clear();
                long t0 = mx.getCurrentThreadCpuTime();
                b.decode(count, bh);
                long t = mx.getCurrentThreadCpuTime() - t0;
                elements = count.elements;
                best = Math.max(best, count.elements / (t / 1e9));
            }
            System.out.printf("%-45s %,9d elements  best %,.0f elements per CPU second%n", f, elements, best);
        }
    }
}
