package org.blackout.sim;

import org.blackout.wire.bgp.FsmState;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.blackout.wire.mrt.MrtWriter;
import org.blackout.ingest.catalog.ArchiveLayout;
import org.blackout.ingest.catalog.Project;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/**
 * Writes a simulation as a collector would: a gzipped TABLE_DUMP_V2 RIB at the start
 * ({@code rib.YYYYMMDD.HHMM.gz}, RIS: {@code bview.}) and gzipped BGP4MP_ET update files, one per
 * interval ({@code updates.YYYYMMDD.HHMM.gz}), empty intervals included so a replay sees no gaps.
 * Changes of one peer at one instant are packed into as few UPDATEs as possible, one per
 * distinct path. The RIB is compressed in parallel chunks (concatenated gzip members).
 */
public final class MrtSink implements SimSink {
    /** RouteViews' collector AS; RIS uses 12654. */
    public static final int ROUTEVIEWS_AS = 6447, RIS_AS = 12654;
    private static final IpAddress LOCAL = IpAddress.parse("198.18.0.1"); // RFC 2544 benchmarking space
    private static final int CHUNK = 32_768;

    private final Path dir;
    private final int threads;
    private final List<Path> written = new ArrayList<>();
    private String layout = "routeviews";
    private long interval;
    private int localAs;
    private String viewName = "";

    private MrtWriter out;
    private long fileStart = Long.MIN_VALUE;
    // the batch of one (time, peer): announcements grouped by path, withdrawals by family
    private long batchTime = -1;
    private SimPeer batchPeer;
    private Map<SimPath, List<Prefix>> announce4 = new LinkedHashMap<>(), announce6 = new LinkedHashMap<>();
    private final List<Prefix> withdraw4 = new ArrayList<>(), withdraw6 = new ArrayList<>();

    public MrtSink(Path dir) {
        this(dir, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public MrtSink(Path dir, int threads) {
        this.dir = dir;
        this.threads = threads;
    }

    private Project project() {
        return layout.equals("ris") ? Project.RIS : Project.ROUTEVIEWS;
    }

    /** Every file written so far, in order. */
    public List<Path> files() {
        return written;
    }

    @Override
    public void begin(Scenario sc, Baseline base) throws IOException {
        Files.createDirectories(dir);
        layout = sc.layout();
        interval = sc.updateInterval().toSeconds() * 1_000_000L;
        localAs = layout.equals("ris") ? RIS_AS : ROUTEVIEWS_AS;
        viewName = "SIMULATED " + sc.name();
        writeRib(sc.start(), base, viewName);
        fileStart = Simulator.micros(sc.start());
        openUpdates(fileStart);
    }

    /** Writes the RIB of {@code base} at {@code time} into the output directory. */
    public Path writeRib(Instant time, Baseline base, String viewName) throws IOException {
        Path file = dir.resolve(ArchiveLayout.fileName(project(), ArchiveLayout.Kind.RIB, time, ".gz"));
        int ts = (int) time.getEpochSecond();
        List<SimPeer> peers = base.peers();
        List<MrtWriter.Peer> table = new ArrayList<>();
        for (SimPeer p : peers) table.add(new MrtWriter.Peer(p.bgpId(), p.address(), p.asn()));
        byte[][] nh4 = new byte[peers.size()][], nh6 = new byte[peers.size()][];
        for (SimPeer p : peers) {
            nh4[p.index()] = MrtWriter.nextHopV4(p.address().v6() ? IpAddress.v4(p.bgpId()) : p.address());
            nh6[p.index()] = MrtWriter.ribMpNextHop(nextHop6(p));
        }
        byte[][] attrCache = new byte[base.paths().size()][];
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "rib-writer");
            t.setDaemon(true);
            return t;
        });
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            os.write(gzip(w -> w.peerIndexTable(ts, 0xC6120001, viewName, table)));
            ArrayDeque<Future<byte[]>> window = new ArrayDeque<>();
            int n = base.prefixes().length;
            for (int from = 0; from < n; from += CHUNK) {
                int lo = from, hi = Math.min(n, from + CHUNK);
                window.add(pool.submit(() -> gzip(w -> ribChunk(w, ts, base, lo, hi, attrCache, nh4, nh6))));
                if (window.size() >= threads * 2) os.write(window.poll().get());
            }
            while (!window.isEmpty()) os.write(window.poll().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing " + file, e);
        } catch (ExecutionException e) {
            throw new IOException("writing " + file + ": " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        written.add(file);
        return file;
    }

    private static void ribChunk(MrtWriter w, int ts, Baseline base, int lo, int hi, byte[][] attrCache, byte[][] nh4, byte[][] nh6)
            throws IOException {
        int[][] routes = base.routes();
        for (int i = lo; i < hi; i++) {
            Prefix p = base.prefixes()[i];
            boolean any = false;
            for (int[] r : routes) if (r[i] >= 0) { any = true; break; }
            if (!any) continue;
            w.beginRib(ts, i, p);
            for (int peer = 0; peer < routes.length; peer++) {
                int id = routes[peer][i];
                if (id < 0) continue;
                byte[] a = attrCache[id];
                if (a == null) { // a benign race: every thread computes the same bytes
                    SimPath sp = base.paths().get(id);
                    attrCache[id] = a = MrtWriter.originAndAsPath(sp.origin(), sp.asns());
                }
                w.ribEntry(peer, ts, a, p.v6() ? nh6[peer] : nh4[peer]);
            }
            w.endRib();
        }
    }

    private interface Body {
        void write(MrtWriter w) throws IOException;
    }

    private static byte[] gzip(Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        GZIPOutputStream gz = new GZIPOutputStream(bytes, 1 << 16) {
            { def.setLevel(Deflater.BEST_SPEED + 2); } // fast enough for full-size tables; a few % larger
        };
        MrtWriter w = new MrtWriter(new BufferedOutputStream(gz, 1 << 16));
        body.write(w);
        w.close();
        return bytes.toByteArray();
    }

    // ---------------------------------------------------------------- update files

    private void openUpdates(long start) throws IOException {
        if (out != null) out.close();
        fileStart = start;
        Path file = dir.resolve(ArchiveLayout.fileName(project(), ArchiveLayout.Kind.UPDATES, Instant.ofEpochSecond(start / 1_000_000), ".gz"));
        out = new MrtWriter(new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), 1 << 16));
        written.add(file);
    }

    /** Rolls to the file that holds {@code micros}, creating empty files for quiet intervals. */
    private void roll(long micros) throws IOException {
        while (micros >= fileStart + interval) openUpdates(fileStart + interval);
    }

    private void batch(long micros, SimPeer peer) throws IOException {
        if (micros != batchTime || peer != batchPeer) {
            flush();
            batchTime = micros;
            batchPeer = peer;
        }
    }

    private void flush() throws IOException {
        if (batchPeer == null) return;
        roll(batchTime);
        MrtWriter.Session s = session(batchPeer);
        out.withdraw(batchTime, s, withdraw4);
        out.withdraw(batchTime, s, withdraw6);
        for (var e : announce4.entrySet()) out.announce(batchTime, s, e.getKey().origin(), e.getKey().asns(), nextHop(batchPeer), e.getValue());
        for (var e : announce6.entrySet()) out.announce(batchTime, s, e.getKey().origin(), e.getKey().asns(), nextHop6(batchPeer), e.getValue());
        withdraw4.clear();
        withdraw6.clear();
        // a session's full table leaves a huge hash table behind; clearing it each time would cost its capacity
        if (announce4.size() > 64) announce4 = new LinkedHashMap<>();
        else announce4.clear();
        if (announce6.size() > 64) announce6 = new LinkedHashMap<>();
        else announce6.clear();
        batchPeer = null;
        batchTime = -1;
    }

    private MrtWriter.Session session(SimPeer p) {
        IpAddress peerAddr = p.address();
        IpAddress local = peerAddr.v6() ? IpAddress.parse("2001:db8::1") : LOCAL;
        return new MrtWriter.Session(p.asn(), localAs, peerAddr, local);
    }

    private static IpAddress nextHop(SimPeer p) {
        return p.address().v6() ? IpAddress.v4(p.bgpId()) : p.address();
    }

    /** IPv6 next hop of a simulated peer: 2001:db8::(v4 address), documentation space (RFC 3849). */
    private static IpAddress nextHop6(SimPeer p) {
        if (p.address().v6()) return p.address();
        return IpAddress.v6(0x20010db800000000L, p.address().v4Address() & 0xffffffffL);
    }

    @Override
    public void announce(long micros, SimPeer peer, Prefix prefix, SimPath path) throws IOException {
        batch(micros, peer);
        (prefix.v6() ? announce6 : announce4).computeIfAbsent(path, k -> new ArrayList<>()).add(prefix);
    }

    @Override
    public void withdraw(long micros, SimPeer peer, Prefix prefix) throws IOException {
        batch(micros, peer);
        (prefix.v6() ? withdraw6 : withdraw4).add(prefix);
    }

    @Override
    public void state(long micros, SimPeer peer, FsmState oldState, FsmState newState) throws IOException {
        flush();
        roll(micros);
        out.stateChange(micros, session(peer), oldState, newState);
    }

    @Override
    public void end(long micros) throws IOException {
        flush();
        // the last file is the one that starts before the end
        roll(micros - 1);
        if (out != null) out.close();
        out = null;
    }

    @Override
    public void close() throws IOException {
        if (out != null) out.close();
        out = null;
    }
}
