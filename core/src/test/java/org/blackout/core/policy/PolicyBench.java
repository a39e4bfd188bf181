package org.blackout.core.policy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.blackout.wire.net.Prefix;

/**
 * A JMH-free measurement of the per-announcement costs, on real data; not a test. Run it with
 * {@code bench/policy.sh}, which feeds it {@code bgpdump -m} text of an MRT update file:
 * {@code PolicyBench <shared data dir> <bgpdump -m output>}.
 *
 * <p>Valley-free checks every announced path against the 2013 thunderwolf graph; route origin
 * validation checks every announcement against VRPs made from pyasn's 2014 RouteViews table
 * (512,621 prefixes, maxLength = length), which has a real ROA set's size and length spread.
 */
public final class PolicyBench {
    record Route(Prefix prefix, long[] path) {}

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args[0]);
        List<Route> routes = routes(Path.of(args[1]));
        System.out.printf("announcements: %,d%n", routes.size());

        long t0 = System.nanoTime();
        AsRelationships rels = AsRelationships.read(shared.resolve("asrel/thunderwolf-whole-internet-rel.txt"), AsRelFormat.CUSTOMER_POSITIVE);
        System.out.printf("as-rel: %,d links read in %d ms%n", rels.size(), (System.nanoTime() - t0) / 1_000_000);
        ValleyFree vf = new ValleyFree(rels);
        long[][] paths = routes.stream().map(Route::path).toArray(long[][]::new);
        int leaks = 0;
        for (int w = 0; w < 5; w++) for (long[] p : paths) if (vf.check(p) != null) leaks++;
        int rounds = 10;
        leaks = 0;
        t0 = cpu();
        for (int r = 0; r < rounds; r++) for (long[] p : paths) if (vf.check(p) != null) leaks++;
        double ns = (cpu() - t0) / (double) rounds / paths.length;
        double hops = routes.stream().mapToInt(x -> x.path().length).average().orElse(0);
        System.out.printf("valley-free: %.0f ns/path (%.1f hops on average), %.2f%% of paths flagged%n", ns, hops, 100.0 * leaks / rounds / paths.length);
        Map<Leak.Kind, Integer> kinds = new EnumMap<>(Leak.Kind.class);
        Map<Long, Integer> leakers = new HashMap<>();
        for (long[] p : paths) {
            Leak l = vf.check(p);
            if (l == null) continue;
            kinds.merge(l.kind(), 1, Integer::sum);
            leakers.merge(l.leaker(), 1, Integer::sum);
        }
        System.out.println("  by kind: " + kinds);
        System.out.println("  top leakers (AS=paths): " + leakers.entrySet().stream().sorted(Map.Entry.<Long, Integer>comparingByValue().reversed()).limit(8).toList());

        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heap0 = rt.totalMemory() - rt.freeMemory();
        t0 = System.nanoTime();
        RoaSet roas = RoaSet.of(vrps(shared.resolve("geo/ipasn_20140513.dat.gz")));
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        System.gc();
        long heap = rt.totalMemory() - rt.freeMemory() - heap0;
        System.out.printf("roas: %,d VRPs built in %d ms, about %d bytes/VRP retained%n", roas.size(), buildMs, heap / roas.size());
        Prefix[] prefixes = routes.stream().map(Route::prefix).toArray(Prefix[]::new);
        long[] origins = routes.stream().mapToLong(x -> x.path().length == 0 ? RoaSet.NO_ORIGIN : x.path()[x.path().length - 1]).toArray();
        int[] states = new int[RovState.values().length];
        for (int w = 0; w < 5; w++) for (int i = 0; i < prefixes.length; i++) states[roas.validate(prefixes[i], origins[i]).ordinal()]++;
        java.util.Arrays.fill(states, 0);
        t0 = cpu();
        for (int r = 0; r < rounds; r++) for (int i = 0; i < prefixes.length; i++) states[roas.validate(prefixes[i], origins[i]).ordinal()]++;
        ns = (cpu() - t0) / (double) rounds / prefixes.length;
        System.out.printf("rov: %.0f ns/announcement;", ns);
        for (RovState s : RovState.values()) System.out.printf(" %s %.1f%%", s.json(), 100.0 * states[s.ordinal()] / rounds / prefixes.length);
        System.out.println();
    }

    /** This thread's CPU time: on a shared machine, wall time measures the neighbours. */
    static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** bgpdump -m lines: {@code BGP4MP|time|A|peer ip|peer as|prefix|path|...}; AS_SET members dropped. */
    static List<Route> routes(Path file) throws Exception {
        List<Route> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split("\\|", 8);
                if (f.length < 7 || !f[2].equals("A")) continue;
                String[] hops = f[6].isBlank() ? new String[0] : f[6].split(" ");
                long[] path = new long[hops.length];
                int n = 0;
                for (String h : hops) if (!h.startsWith("{")) path[n++] = Long.parseLong(h);
                out.add(new Route(Prefix.parse(f[5]), java.util.Arrays.copyOf(path, n)));
            }
        }
        return out;
    }

    /** pyasn's {@code prefix<TAB>asn} lines as VRPs with maxLength = prefix length. */
    static List<Roa> vrps(Path ipasn) throws Exception {
        List<Roa> out = new ArrayList<>();
        try (Reader in = new InputStreamReader(new GZIPInputStream(Files.newInputStream(ipasn)), StandardCharsets.US_ASCII);
             BufferedReader r = new BufferedReader(in)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith(";")) continue;
                int tab = line.indexOf('\t');
                Prefix p = Prefix.parse(line.substring(0, tab));
                String origin = line.substring(tab + 1).strip();
                if (origin.chars().allMatch(Character::isDigit)) out.add(new Roa(p, p.length(), Long.parseLong(origin))); // MOAS/AS_SET rows skipped
            }
        }
        return out;
    }
}
