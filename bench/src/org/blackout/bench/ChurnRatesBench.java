package org.blackout.bench;

import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectOpenHashSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.blackout.ingest.replay.ReplayMerge;
import org.blackout.wire.bgp.AsPath;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.Prefix;

/**
 * The live churn rates of real update files, day by day (grouped by {@code updates.YYYYMMDD}), for
 * the churn simulator: announcements and withdrawals per full-feed peer per second, the share of
 * announcements carrying an AS path never seen before in the run, the share repeating the route's
 * current path, how many withdrawals are flaps (the same peer announces the prefix again) and how
 * soon, and the prefixes new to the run and those no peer routes any more at the day's end.
 * Usage: {@code ChurnRatesBench FILE...}.
 */
public final class ChurnRatesBench {
    /** Full-feed: at least this share of the largest table at the day's end. */
    static final double FULL = 0.5;

    public static void main(String[] args) throws Exception {
        TreeMap<String, List<Path>> days = new TreeMap<>();
        for (String a : args) {
            Path f = Path.of(a);
            String n = f.getFileName().toString();
            int dot = n.indexOf('.');
            days.computeIfAbsent(n.substring(dot + 1, dot + 9), k -> new ArrayList<>()).add(f);
        }
        Object2IntOpenHashMap<String> peers = new Object2IntOpenHashMap<>();
        ObjectOpenHashSet<AsPath> seenPaths = new ObjectOpenHashSet<>();
        Object2IntOpenHashMap<Prefix> prefixIds = new Object2IntOpenHashMap<>();
        List<Prefix> prefixList = new ArrayList<>();
        Map<Long, AsPath> current = new HashMap<>(); // peer << 32 | prefix id -> path
        int[] carriers = new int[1 << 20];
        Long2LongOpenHashMap withdrawnAt = new Long2LongOpenHashMap();
        int day = 0;
        for (var d : days.entrySet()) {
            day++;
            long[] ann = new long[512], wd = new long[512];
            long[] counts = new long[8]; // 0 announcements, 1 new path, 2 same path, 3 withdrawals, 4 flaps back, 5 prefixes new
            LongArrayList flapDelays = new LongArrayList();
            long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
            int prefixesBefore = prefixList.size();
            int routedBefore = 0;
            java.util.BitSet routedAtStart = new java.util.BitSet();
            for (int p = 0; p < prefixList.size(); p++) if (carriers[p] > 0) {
                routedBefore++;
                routedAtStart.set(p);
            }
            final int dayNo = day;
            new ReplayMerge(d.getValue()).onError(x -> { }).run((collector, e) -> {
                if (e.prefix() == null) return;
                span[0] = Math.min(span[0], e.timeMicros());
                span[1] = Math.max(span[1], e.timeMicros());
                int peer = peers.computeIfAbsent(e.peerAddress() + " " + e.peerAs(), k -> peers.size());
                int p = prefixIds.computeIfAbsent(e.prefix(), k -> {
                    prefixList.add(e.prefix());
                    return prefixList.size() - 1;
                });
                if (p >= carriers.length) throw new IllegalStateException("more than " + carriers.length + " prefixes");
                long key = ((long) peer << 32) | p;
                switch (e.type()) {
                    case ANNOUNCE, RIB -> {
                        AsPath path = e.attributes() == null || e.attributes().asPath() == null ? AsPath.EMPTY : e.attributes().asPath();
                        ann[peer]++;
                        counts[0]++;
                        if (seenPaths.add(path)) counts[1]++;
                        AsPath old = current.put(key, path);
                        if (old == null) carriers[p]++;
                        else if (old.equals(path)) counts[2]++;
                        long w = withdrawnAt.remove(key);
                        if (w != withdrawnAt.defaultReturnValue()) {
                            counts[4]++;
                            flapDelays.add(e.timeMicros() - w);
                        }
                    }
                    case WITHDRAW -> {
                        wd[peer]++;
                        counts[3]++;
                        if (current.remove(key) != null) {
                            carriers[p]--;
                            withdrawnAt.put(key, e.timeMicros());
                        }
                    }
                    default -> { }
                }
            });
            int[] table = new int[peers.size()];
            for (long k : current.keySet().stream().mapToLong(Long::longValue).toArray()) table[(int) (k >>> 32)]++;
            int max = Arrays.stream(table).max().orElse(0);
            double secs = (span[1] - span[0]) / 1e6;
            List<double[]> full = new ArrayList<>();
            for (int i = 0; i < table.length; i++) if (table[i] >= FULL * max) full.add(new double[] {ann[i] / secs, wd[i] / secs});
            double[] a = full.stream().mapToDouble(x -> x[0]).sorted().toArray();
            double[] w = full.stream().mapToDouble(x -> x[1]).sorted().toArray();
            int routed = 0, vanished = 0;
            for (int p = 0; p < prefixList.size(); p++) {
                if (carriers[p] > 0) routed++;
                else if (routedAtStart.get(p)) vanished++;
            }
            long[] delays = flapDelays.toLongArray();
            Arrays.sort(delays);
            System.out.printf(Locale.ROOT, "day %d (%s, %d files, %.0f s of data): %d peers, %d full-feed (>= %.0f%% of %d prefixes)%n",
                    dayNo, d.getKey(), d.getValue().size(), secs, peers.size(), full.size(), FULL * 100, max);
            System.out.printf(Locale.ROOT, "  per full-feed peer: announcements/s median %.3f mean %.3f; withdrawals/s median %.3f mean %.3f%n",
                    median(a), mean(a), median(w), mean(w));
            System.out.printf(Locale.ROOT, "  all %d peers: announcements/s %.1f, withdrawals/s %.1f; full-feed peers' share of them %.0f%% / %.0f%%%n",
                    peers.size(), Arrays.stream(ann).sum() / secs, Arrays.stream(wd).sum() / secs,
                    100 * Arrays.stream(a).sum() * secs / Math.max(1, Arrays.stream(ann).sum()), 100 * Arrays.stream(w).sum() * secs / Math.max(1, Arrays.stream(wd).sum()));
            System.out.printf(Locale.ROOT, "  announcements %d: never-seen AS path %.2f%%, same path as the route's current %.2f%%%n",
                    counts[0], 100.0 * counts[1] / counts[0], 100.0 * counts[2] / counts[0]);
            System.out.printf(Locale.ROOT, "  withdrawals %d; flaps (announced again by the peer, this day) %d = %.1f%%, delay median %.0f s, p90 %.0f s%n",
                    counts[3], counts[4], 100.0 * counts[4] / Math.max(1, counts[3]),
                    delays.length == 0 ? 0 : delays[delays.length / 2] / 1e6, delays.length == 0 ? 0 : delays[delays.length * 9 / 10] / 1e6);
            System.out.printf(Locale.ROOT, "  prefixes: routed at end %d (at start %d), new to the run %d, routed at the start and by no peer at the end %d%n",
                    routed, routedBefore, prefixList.size() - prefixesBefore, vanished);
        }
    }

    static double median(double[] s) {
        return s.length == 0 ? 0 : s[s.length / 2];
    }

    static double mean(double[] s) {
        return Arrays.stream(s).average().orElse(0);
    }
}
