package org.blackout.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.blackout.wire.bgp.BgpDecoder;
import org.blackout.wire.bgp.BgpEncoder;
import org.blackout.wire.bgp.BgpMessage;
import org.blackout.wire.bgp.ClusterList;
import org.blackout.wire.bgp.Communities;
import org.blackout.wire.bgp.ExtendedCommunities;
import org.blackout.wire.bgp.LargeCommunities;
import org.blackout.wire.bgp.MalformedAttribute;
import org.blackout.wire.bgp.MpReachNlri;
import org.blackout.wire.bgp.MpUnreachNlri;
import org.blackout.wire.bgp.Nlri;
import org.blackout.wire.bgp.Notification;
import org.blackout.wire.bgp.Open;
import org.blackout.wire.bgp.PathAttribute;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.bgp.UnknownAttribute;
import org.blackout.wire.bgp.UnknownMessage;
import org.blackout.wire.bgp.Update;
import org.blackout.wire.mrt.Bgp4mpMessage;
import org.blackout.wire.mrt.MrtDecoder;
import org.blackout.wire.mrt.MrtReader;
import org.blackout.wire.mrt.MrtRecord;
import org.blackout.wire.mrt.PeerIndexTable;
import org.blackout.wire.mrt.RibEntries;
import org.blackout.wire.mrt.TableDump;
import org.blackout.wire.mrt.UnknownRecord;

/**
 * Random and mutated input for the MRT and BGP decoders, starting from real records (the fixtures
 * under {@code org/blackout/wire/mrt}, see NOTICE): bit flips, byte overwrites, truncations, length
 * fields off by one, spliced records. Whatever the bytes, a decoder only ever throws
 * {@link DecodeException}, returns within a second, builds nothing larger than its input (decoded
 * element counts are bounded by the input length) and allocates in proportion to its input, never
 * by what a damaged length field claims.
 */
class DecoderRobustnessProperties {

    /** Fixtures copied from ../shared/data (see NOTICE): every MRT type and BGP message kind the decoders know. */
    static final String[] FIXTURES = {
            "updates.20020722.2238.gz", "bview.ipv4_unicast_add_path.gz", "bview.ipv6_unicast_add_path.gz",
            "updates.nlri_mask_trailing_bits.gz", "updates.long_withdrawal.gz", "updates.et-header.2015.first-40.gz",
            "updates.19991214.1621.subset.gz", "updates.20001104.0124.gz", "openbgpd_bgp", "openbgpd_rib_table",
            "openbgpd_rib_table-v2", "bird6_bgp", "quagga_rib"};

    /** Allocation allowed per input byte, and per decode call; generous for objects, far below a length field's claim. */
    static final long ALLOC_PER_BYTE = 96, ALLOC_BASE = 16 << 10;

    static final List<byte[]> RECORDS = new ArrayList<>();
    /** BGP messages (with header) from the records, and whether their session had 4-octet ASNs / ADD-PATH. */
    static final List<Message> MESSAGES = new ArrayList<>();

    record Message(byte[] bytes, boolean as4, boolean addPath) {}

    static {
        for (String f : FIXTURES) {
            try (InputStream raw = DecoderRobustnessProperties.class.getResourceAsStream("mrt/" + f)) {
                if (raw == null) throw new IllegalStateException("missing fixture mrt/" + f);
                InputStream in = f.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                MrtReader reader = new MrtReader(in, f);
                reader.keepRawRecords(true);
                long physical = -1;
                for (MrtRecord r; (r = reader.next()) != null; ) {
                    if (reader.records() == physical) continue;
                    physical = reader.records();
                    RECORDS.add(reader.rawRecord());
                    if (r instanceof Bgp4mpMessage m && m.header().type() != 5) {
                        ByteBuf b = Unpooled.buffer();
                        BgpEncoder.encode(m.message(), b);
                        MESSAGES.add(new Message(ByteBufUtil.getBytes(b), m.as4(), m.addPath()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ---- properties ----

    @Property(tries = 3000)
    void mrtDecoderOnMutatedRecords(@ForAll("mutatedRecords") byte[] rec) {
        checkMrtDecoder(rec);
    }

    @Property(tries = 1000)
    void mrtDecoderOnRandomBodies(@ForAll("mrtHeaders") byte[] header, @ForAll @Size(max = 600) byte[] body) {
        byte[] rec = Arrays.copyOf(header, 12 + body.length);
        System.arraycopy(body, 0, rec, 12, body.length);
        checkMrtDecoder(rec);
    }

    @Property(tries = 2000)
    void bgpDecoderOnMutatedMessages(@ForAll("mutatedMessages") Message m) {
        byte[] b = m.bytes();
        Object decoded = bounded(b, () -> BgpDecoder.decodeMessage(Unpooled.wrappedBuffer(b), 0, b.length,
                m.as4(), m.addPath()));
        if (decoded != null) assertThat(weight(decoded)).as("decoded size").isLessThanOrEqualTo(2L * b.length + 8);
    }

    @Property(tries = 1000)
    void bgpDecoderOnRandomBodies(@ForAll("bgpHeaders") byte[] header, @ForAll @Size(max = 400) byte[] body,
            @ForAll boolean as4, @ForAll boolean addPath) {
        byte[] b = Arrays.copyOf(header, 19 + body.length);
        System.arraycopy(body, 0, b, 19, body.length);
        Object decoded = bounded(b, () -> BgpDecoder.decodeMessage(Unpooled.wrappedBuffer(b), 0, b.length, as4,
                addPath));
        if (decoded != null) assertThat(weight(decoded)).as("decoded size").isLessThanOrEqualTo(2L * b.length + 8);
    }

    /** A stream of several mutated records: the reader never throws, always ends, yields at most one record per byte. */
    @Property(tries = 500)
    void mrtReaderOnMutatedStreams(@ForAll("mutatedStreams") byte[] stream) {
        Long n = bounded(stream, () -> {
            MrtReader reader = new MrtReader(new ByteArrayInputStream(stream), "mutated");
            long count = 0, weight = 0;
            try {
                for (MrtRecord r; (r = reader.next()) != null; ) {
                    count++;
                    weight += weight(r);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(weight).as("decoded size").isLessThanOrEqualTo(2L * stream.length + 8);
            return count;
        }, 160L << 10); // the reader's own 128 KiB buffer, its queue and error reports
        assertThat(n).isLessThanOrEqualTo(stream.length / 12 + 1);
    }

    // ---- the cases that found bugs, as examples ----

    /** A header claiming a 16 MiB body on a 40-byte stream: reported, and no 16 MiB buffer. */
    @Example
    void lengthFieldIsNotAnAllocationSize() {
        byte[] stream = HexFormat.of().parseHex("561e8ca0000d0002" + "00ffffff" + "00".repeat(28));
        List<String> errors = new ArrayList<>();
        Long n = bounded(stream, () -> {
            MrtReader reader = new MrtReader(new ByteArrayInputStream(stream), "short");
            reader.onError(e -> errors.add(e.reason()));
            long count = 0;
            try {
                while (reader.next() != null) count++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return count;
        }, 160L << 10);
        assertThat(n).isZero();
        assertThat(errors).isNotEmpty();
    }

    /** RIB entry and peer counts of 65535 in records of a few bytes: DecodeException, and no list sized by the count. */
    @Example
    void countFieldIsNotAnAllocationSize() {
        checkMrtDecoder(HexFormat.of().parseHex("561e8ca0000d0002000000080000000100ffff00"));
        checkMrtDecoder(HexFormat.of().parseHex("561e8ca0000d00010000000c0a00100100000000ffff0100"));
    }

    // ---- checks ----

    private static void checkMrtDecoder(byte[] rec) {
        if (rec.length < 12) return;
        ByteBuf b = Unpooled.wrappedBuffer(rec);
        long time = b.getUnsignedInt(0);
        int type = b.getUnsignedShort(4), subtype = b.getUnsignedShort(6);
        long length = b.getUnsignedInt(8);
        List<MrtRecord> out = bounded(rec, () -> {
            List<MrtRecord> list = new ArrayList<>();
            new MrtDecoder().decode(time, type, subtype, length, b, 12, rec.length, list::add);
            return list;
        });
        if (out != null) {
            long w = 0;
            for (MrtRecord r : out) w += weight(r);
            assertThat(w).as("decoded size of %s", HexFormat.of().formatHex(rec)).isLessThanOrEqualTo(2L * rec.length + 8);
        }
    }

    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "decoder-under-test");
        t.setDaemon(true);
        return t;
    });

    private static <T> T bounded(byte[] input, Supplier<T> decode) {
        return bounded(input, decode, 0);
    }

    /**
     * Runs a decode on a worker thread with a timeout; returns its result, or null when it threw
     * {@link DecodeException}. Anything else thrown, a hang, or an allocation out of proportion to
     * the input fails the property.
     */
    private static <T> T bounded(byte[] input, Supplier<T> decode, long extraAllowance) {
        int inputLength = input.length;
        long limit = ALLOC_PER_BYTE * inputLength + ALLOC_BASE + extraAllowance;
        Future<Object[]> f = WORKER.submit(() -> {
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            Object result = null;
            long allocated = 0;
            // a first run may pay for class loading and call-site linking (e.g. a message's string
            // concatenation): the decoders are deterministic, so measure again before complaining
            for (int run = 0; run < 2; run++) {
                long before = mx.getCurrentThreadAllocatedBytes();
                try {
                    result = decode.get();
                } catch (DecodeException e) {
                    result = null;
                }
                allocated = mx.getCurrentThreadAllocatedBytes() - before;
                if (allocated <= limit) break;
            }
            return new Object[] {result, allocated};
        });
        Object[] r;
        try {
            r = f.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return fail("decoder did not return within a second on %s", HexFormat.of().formatHex(input));
        } catch (ExecutionException e) {
            return fail("decoder threw " + e.getCause() + " (only DecodeException may escape) on "
                    + HexFormat.of().formatHex(input), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long allocated = (Long) r[1];
        assertThat(allocated).as("bytes allocated decoding %s", HexFormat.of().formatHex(input))
                .isLessThanOrEqualTo(limit);
        @SuppressWarnings("unchecked")
        T result = (T) r[0];
        return result;
    }

    /** Number of decoded elements (list entries, array elements), which must stay proportional to the input. */
    static long weight(Object o) {
        return switch (o) {
            case null -> 0;
            case TableDump t -> 1 + weight(t.attributes());
            case PeerIndexTable p -> p.peers().size() + p.viewName().length();
            case RibEntries r -> {
                long w = r.entries().size() + r.unparsedNlri().length;
                for (RibEntries.RibEntry e : r.entries()) w += weight(e.attributes());
                yield w;
            }
            case Bgp4mpMessage m -> 1 + weight(m.message());
            case UnknownRecord u -> u.body().length;
            case MrtRecord r -> 1;
            case Open p -> p.optionalParameters().length + p.capabilities().size()
                    + p.capabilities().stream().mapToLong(c -> c.value().length).sum();
            case Update u -> weight(u.withdrawn()) + weight(u.attributes()) + weight(u.nlri());
            case Notification n -> n.data().length;
            case UnknownMessage u -> u.body().length;
            case BgpMessage m -> 1;
            case Nlri n -> n.size() + n.unparsed().length;
            case PathAttributes a -> {
                long w = a.list().size();
                for (PathAttribute x : a.list()) w += weight(x);
                yield w;
            }
            case org.blackout.wire.bgp.AsPathAttr p -> p.path().segments().size() + p.path().asnCount();
            case org.blackout.wire.bgp.As4PathAttr p -> p.path().segments().size() + p.path().asnCount();
            case Communities c -> c.values().length;
            case ExtendedCommunities c -> c.values().length;
            case LargeCommunities c -> c.values().length;
            case ClusterList c -> c.ids().size();
            case MpReachNlri m -> m.nextHopBytes().length + weight(m.nlri()) + m.unparsedNlri().length;
            case MpUnreachNlri m -> weight(m.withdrawn()) + m.unparsedNlri().length;
            case UnknownAttribute u -> u.value().length;
            case MalformedAttribute m -> m.value().length;
            case PathAttribute a -> 1;
            default -> throw new IllegalArgumentException("no weight for " + o.getClass());
        };
    }

    // ---- generators ----

    @Provide
    Arbitrary<byte[]> mutatedRecords() {
        assertThat(RECORDS).hasSizeGreaterThan(500);
        return Combinators.combine(Arbitraries.of(RECORDS), mutations()).as(DecoderRobustnessProperties::mutate);
    }

    @Provide
    Arbitrary<Message> mutatedMessages() {
        assertThat(MESSAGES).hasSizeGreaterThan(300);
        return Combinators.combine(Arbitraries.of(MESSAGES), mutations())
                .as((m, muts) -> new Message(mutate(m.bytes(), muts), m.as4(), m.addPath()));
    }

    @Provide
    Arbitrary<byte[]> mutatedStreams() {
        return mutatedRecords().list().ofMinSize(1).ofMaxSize(6).map(list -> {
            int n = 0;
            for (byte[] b : list) n += b.length;
            byte[] out = new byte[n];
            int p = 0;
            for (byte[] b : list) {
                System.arraycopy(b, 0, out, p, b.length);
                p += b.length;
            }
            return out;
        });
    }

    /** MRT headers of every known type and subtype (and a few unknown), with a random length field. */
    @Provide
    Arbitrary<byte[]> mrtHeaders() {
        Arbitrary<Integer> type = Arbitraries.of(5, 12, 13, 16, 17, 11, 48);
        Arbitrary<Integer> subtype = Arbitraries.integers().between(0, 13);
        Arbitrary<Long> length = Arbitraries.longs().between(0, 0xffffffffL);
        return Combinators.combine(type, subtype, length).as((t, s, l) -> {
            ByteBuf b = Unpooled.buffer(12);
            b.writeInt(1_000_000_000).writeShort(t).writeShort(s).writeInt((int) (long) l);
            return ByteBufUtil.getBytes(b);
        });
    }

    /** BGP headers: marker, a random length field and every message type. */
    @Provide
    Arbitrary<byte[]> bgpHeaders() {
        return Combinators.combine(Arbitraries.integers().between(0, 0xffff), Arbitraries.integers().between(0, 6))
                .as((len, type) -> {
                    byte[] h = new byte[19];
                    Arrays.fill(h, 0, 16, (byte) 0xff);
                    h[16] = (byte) (len >>> 8);
                    h[17] = (byte) (int) len;
                    h[18] = (byte) (int) type;
                    return h;
                });
    }

    /** One damage to a byte array; positions and values are scaled to the array when applied. */
    record Mutation(int kind, int where, int value) {}

    static Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 6),
                Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, 255))
                .as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    static byte[] mutate(byte[] in, List<Mutation> muts) {
        byte[] b = in.clone();
        for (Mutation m : muts) {
            if (b.length == 0) break;
            int at = m.where() % b.length;
            switch (m.kind()) {
                case 0 -> b[at] ^= (byte) (1 << (m.value() & 7)); // bit flip
                case 1 -> b[at] = (byte) m.value(); // byte overwrite
                case 2 -> b = Arrays.copyOf(b, at); // truncation
                case 3, 4 -> { // a 16-bit field off by one, up or down (most length fields are 16 bits)
                    if (at + 1 < b.length) {
                        int v = ((b[at] & 0xff) << 8 | (b[at + 1] & 0xff)) + (m.kind() == 3 ? 1 : -1);
                        b[at] = (byte) (v >>> 8);
                        b[at + 1] = (byte) v;
                    }
                }
                case 5 -> { // a one-octet length field off by one
                    b[at] = (byte) (b[at] + ((m.value() & 1) == 0 ? 1 : -1));
                }
                default -> { // the MRT header's length field off by one (or by a lot)
                    if (b.length >= 12) {
                        long len = ((b[8] & 0xffL) << 24 | (b[9] & 0xff) << 16 | (b[10] & 0xff) << 8 | (b[11] & 0xff))
                                + switch (m.value() % 4) {
                                    case 0 -> 1;
                                    case 1 -> -1;
                                    case 2 -> 1 << 20;
                                    default -> m.value() << 8;
                                };
                        b[8] = (byte) (len >>> 24);
                        b[9] = (byte) (len >>> 16);
                        b[10] = (byte) (len >>> 8);
                        b[11] = (byte) len;
                    }
                }
            }
        }
        return b;
    }
}
