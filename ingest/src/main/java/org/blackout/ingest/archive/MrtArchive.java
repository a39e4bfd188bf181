package org.blackout.ingest.archive;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.blackout.ingest.bgp.BgpPeer;
import org.blackout.ingest.catalog.ArchiveLayout;
import org.blackout.ingest.bgp.FeedEvent;
import org.blackout.ingest.config.ArchiveConfig;
import org.blackout.wire.bgp.UnknownMessage;
import org.blackout.wire.mrt.Bgp4mpMessage;
import org.blackout.wire.mrt.Bgp4mpStateChange;
import org.blackout.wire.mrt.MrtEncoder;
import org.blackout.wire.mrt.MrtHeader;
import org.blackout.wire.mrt.MrtType;
import org.blackout.wire.mrt.MrtRecord;
import org.blackout.wire.mrt.PeerIndexTable;
import org.blackout.wire.mrt.RibEntries;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/**
 * Writes what the live sources receive as a route collector does (RouteViews' layout): every UPDATE
 * as received and every session state change into BGP4MP_ET update files rotated every
 * {@code updatesInterval}, and the peers' current routes into a TABLE_DUMP_V2 RIB snapshot every
 * {@code ribInterval}. Windows are aligned to the epoch in UTC and decided by the events' own times
 * (and {@link #tick} for quiet periods). Files are gzip and appear atomically. Call from one thread
 * (the feed dispatcher) or rely on the lock.
 */
public final class MrtArchive implements Consumer<FeedEvent>, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("blackout.archive");

    private final Path root;
    private final long updatesSeconds, ribSeconds;
    private final IpAddress collectorId;
    private final String viewName;
    private final ArchiveRib rib = new ArchiveRib();
    private final List<Path> written = new ArrayList<>();
    private final ByteBuf buf = Unpooled.buffer(8192);
    private ArchiveFile updates;
    private long updatesWindow = Long.MIN_VALUE, ribWindow = Long.MIN_VALUE;
    private long records;

    public MrtArchive(ArchiveConfig config, IpAddress collectorId, String viewName) {
        this.root = config.directory();
        this.updatesSeconds = config.updatesInterval().toSeconds();
        this.ribSeconds = config.ribInterval().toSeconds();
        this.collectorId = collectorId;
        this.viewName = viewName;
    }

    @Override
    public synchronized void accept(FeedEvent e) {
        try {
            roll(e.timeMicros() / 1_000_000);
            BgpPeer p = e.peer();
            MrtHeader h = header(e.timeMicros(), p, e instanceof FeedEvent.StateChange);
            if (e instanceof FeedEvent.Derived d) {
                rib.apply(d.peer(), d.elements()); // not received: nothing to archive as a message
                return;
            }
            MrtRecord r = switch (e) {
                case FeedEvent.Message m -> new Bgp4mpMessage(h, p.peerAs(), p.localAs(), 0, afi(p), p.peerAddress(),
                        localAddress(p), new UnknownMessage(m.raw()[18] & 0xff,
                                Arrays.copyOfRange(m.raw(), 19, m.raw().length))); // the bytes as received
                case FeedEvent.StateChange s -> new Bgp4mpStateChange(h, p.peerAs(), p.localAs(), 0, afi(p),
                        p.peerAddress(), localAddress(p), s.oldState(), s.newState());
                case FeedEvent.Derived d -> throw new AssertionError();
            };
            write(updates, r);
            switch (e) {
                case FeedEvent.Message m -> rib.apply(p, m.elements());
                case FeedEvent.StateChange s -> {
                    if (s.newState() != 6) rib.peerDown(p);
                    else rib.index(p);
                }
                case FeedEvent.Derived d -> { }
            }
        } catch (IOException x) {
            throw new UncheckedIOException("archive " + root, x);
        }
    }

    /** Rotates by wall-clock time when no events arrive; call now and then with the current time. */
    public synchronized void tick(long nowMicros) {
        try {
            roll(nowMicros / 1_000_000);
        } catch (IOException x) {
            throw new UncheckedIOException("archive " + root, x);
        }
    }

    /** Files finished so far (final names), oldest first. */
    public synchronized List<Path> written() {
        return List.copyOf(written);
    }

    private void roll(long seconds) throws IOException {
        long u = ArchiveLayout.window(seconds, updatesSeconds);
        if (u != updatesWindow) {
            if (updates != null) finish(updates);
            updates = new ArchiveFile(ArchiveLayout.monthFile(root, ArchiveLayout.Kind.UPDATES, java.time.Instant.ofEpochSecond(u), ".gz"));
            updatesWindow = u;
        }
        long r = ArchiveLayout.window(seconds, ribSeconds);
        if (r != ribWindow) {
            if (ribWindow != Long.MIN_VALUE) dumpRib(r); // not at startup: there is nothing yet
            ribWindow = r;
        }
    }

    private void finish(ArchiveFile f) throws IOException {
        f.close();
        written.add(f.target());
        LOG.log(Level.DEBUG, "archived {0}", f.target());
    }

    /** Writes the TABLE_DUMP_V2 snapshot named (and timestamped) by the window start. */
    private void dumpRib(long at) throws IOException {
        try (ArchiveFile f = new ArchiveFile(ArchiveLayout.monthFile(root, ArchiveLayout.Kind.RIB, java.time.Instant.ofEpochSecond(at), ".gz"))) {
            MrtHeader ph = new MrtHeader(at, MrtType.TABLE_DUMP_V2, RibEntries.PEER_INDEX_TABLE, 0, 0);
            write(f, new PeerIndexTable(ph, collectorId, viewName, List.copyOf(rib.peers())));
            List<Prefix> prefixes = new ArrayList<>(rib.routes().keySet());
            prefixes.sort(null);
            long seq = 0;
            for (Prefix p : prefixes) {
                List<ArchiveRib.Entry> l = rib.routes().get(p);
                boolean ap = false;
                for (ArchiveRib.Entry e : l) ap |= rib.addPath(e.peerIndex());
                int subtype = p.v6() ? (ap ? RibEntries.RIB_IPV6_UNICAST_ADDPATH : RibEntries.RIB_IPV6_UNICAST)
                        : (ap ? RibEntries.RIB_IPV4_UNICAST_ADDPATH : RibEntries.RIB_IPV4_UNICAST);
                List<RibEntries.RibEntry> entries = new ArrayList<>(l.size());
                for (ArchiveRib.Entry e : l) {
                    entries.add(new RibEntries.RibEntry(e.peerIndex(), e.originated(), e.pathId(), e.attributes()));
                }
                write(f, new RibEntries(new MrtHeader(at, MrtType.TABLE_DUMP_V2, subtype, 0, 0), seq++,
                        p.v6() ? 2 : 1, 1, p, new byte[0], entries));
            }
            written.add(f.target());
        }
    }

    private void write(ArchiveFile f, MrtRecord r) throws IOException {
        buf.clear();
        MrtEncoder.encode(r, buf);
        f.write(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes());
        records++;
    }

    private static MrtHeader header(long micros, BgpPeer p, boolean state) {
        int subtype = state ? Bgp4mpMessage.STATE_CHANGE_AS4
                : !p.as4() ? Bgp4mpMessage.MESSAGE
                : p.addPath() ? Bgp4mpMessage.MESSAGE_AS4_ADDPATH : Bgp4mpMessage.MESSAGE_AS4;
        return new MrtHeader(Math.floorDiv(micros, 1_000_000), MrtType.BGP4MP_ET.code(), subtype, 0,
                (int) Math.floorMod(micros, 1_000_000));
    }

    private static int afi(BgpPeer p) {
        return p.peerAddress().v6() ? 2 : 1;
    }

    /** BGP4MP holds both addresses in one family: the local one as the peer's family says. */
    private static IpAddress localAddress(BgpPeer p) {
        IpAddress l = p.localAddress();
        if (l == null || l.v6() != p.peerAddress().v6()) return p.peerAddress().v6() ? IpAddress.v6(0, 0) : IpAddress.v4(0);
        return l;
    }

    /** Records written so far. */
    public synchronized long records() {
        return records;
    }

    /** Finishes the current update file (it gets its final name); no RIB is dumped. */
    @Override
    public synchronized void close() throws IOException {
        if (updates != null) {
            finish(updates);
            updates = null;
        }
        updatesWindow = Long.MIN_VALUE;
    }
}
