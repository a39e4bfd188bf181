package org.blackout.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.blackout.wire.net.Prefix;

/**
 * Cuts a small demo baseline out of a real MRT file: every route through or from the kept ASes,
 * every route inside the kept address blocks, and a seeded sample of the rest; written as a
 * TABLE_DUMP_V2 RIB of the real peers. The result is a subset of real data, not a simulation.
 */
public final class BaselineSubset {
    private BaselineSubset() {}

    public record Result(int kept, int sampled, int total) {}

    public static Result write(Path mrt, Set<Integer> keepAs, List<Prefix> keepBlocks, int sample, long seed,
                               Path out) throws IOException {
        MrtTables.Read read = MrtTables.readAll(mrt);
        List<RealTable> real = read.tables();
        Instant time = Instant.ofEpochSecond(read.lastMicros() / 1_000_000);
        if (real.isEmpty()) throw new IOException(mrt + ": no peer has a route at the end of the file");
        // decide per prefix over the union of peers, so every peer keeps the same prefix set
        Map<Prefix, Boolean> keep = new HashMap<>();
        for (RealTable t : real) {
            t.routes().forEach((p, path) -> {
                boolean k = keepBlocks.stream().anyMatch(b -> b.covers(p));
                for (int a : path.asns()) k |= keepAs.contains(a);
                keep.merge(p, k, Boolean::logicalOr);
            });
        }
        List<Prefix> rest = new ArrayList<>();
        int kept = 0;
        for (var e : keep.entrySet()) {
            if (e.getValue()) kept++;
            else rest.add(e.getKey());
        }
        rest.sort(null);
        java.util.Collections.shuffle(rest, new Random(seed));
        Set<Prefix> chosen = new java.util.HashSet<>(rest.subList(0, Math.min(sample, rest.size())));
        keep.forEach((p, k) -> { if (k) chosen.add(p); });
        List<RealTable> cut = new ArrayList<>();
        for (RealTable t : real) {
            Map<Prefix, SimPath> m = new HashMap<>();
            t.routes().forEach((p, path) -> { if (chosen.contains(p)) m.put(p, path); });
            cut.add(new RealTable(t.peerAs(), t.peerAddress(), m));
        }
        Baseline b = PeerSpreader.spread(cut, cut.size(), seed, "subset of " + mrt.getFileName());
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        MrtSink sink = new MrtSink(dir);
        Path written = sink.writeRib(time, b, "subset of " + mrt.getFileName());
        Files.move(written, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new Result(kept, Math.min(sample, rest.size()), keep.size());
    }
}
