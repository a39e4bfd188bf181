package org.blackout.wire.mrt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.blackout.wire.DecodeException;

/**
 * Reads MRT records one at a time from a stream, in memory bounded by the largest record.
 *
 * <p>Damaged data is reported to the {@link #onError listener} (source name, byte offset, field,
 * reason) and skipped; reading resumes at the next sane record boundary: a header with a known
 * type, a sane length and a time close to the previous record's, followed by another such header
 * (or the end of the stream). A record whose declared length misses the next header by a few bytes
 * (early RIS TABLE_DUMP files declare 4 bytes too few) is read with the corrected length and
 * reported as repaired. {@link #next()} throws only for I/O errors of the underlying stream.
 */
public final class MrtReader implements Closeable {
    /** Largest record body accepted; larger length fields are damage, not data. */
    static final int MAX_RECORD = 16 << 20;
    /** Largest time step between neighbouring records that still looks like the same archive. */
    private static final long MAX_TIME_STEP = 30L * 86400;
    private static final int[] LENGTH_FIXES = {4, 1, 2, 3, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, -7, -8};

    private final InputStream in;
    private final String sourceName;
    private final MrtDecoder decoder = new MrtDecoder();
    private final ArrayDeque<MrtRecord> pending = new ArrayDeque<>();
    private final Consumer<MrtRecord> enqueue = pending::add;
    private Consumer<MrtDecodeException> listener = e -> { };

    private byte[] buf = new byte[1 << 17];
    private ByteBuf view = Unpooled.wrappedBuffer(buf);
    private int pos, lim;
    private long base; // stream offset of buf[0]
    private boolean eof;
    private long lastTime = -1;
    private static final int MAX_REPAIR_REPORTS = 10;
    private long skipped;
    private long repaired;
    private long records;

    private long salvaged;
    private long recordStart;
    /** The current record's type and subtype, named in its warnings (a string per record would cost every record). */
    private int recordType, recordSubtype;

    public MrtReader(InputStream in, String sourceName) {
        this.in = in;
        this.sourceName = sourceName;
        decoder.onWarning(w -> {
            salvaged++;
            listener.accept(new MrtDecodeException(sourceName, recordStart,
                    "type " + recordType + "/" + recordSubtype + " " + w.field(), w.reason(), true));
        });
    }

    /** Records read although damaged, keeping what was whole in them (BGP messages cut short) so far. */
    public long salvaged() {
        return salvaged;
    }

    public void onError(Consumer<MrtDecodeException> listener) {
        this.listener = listener;
    }

    /** Records (or runs of unreadable bytes) skipped as damaged so far. */
    public long skipped() {
        return skipped;
    }

    /** Records read with a corrected length so far. */
    public long repaired() {
        return repaired;
    }

    /** Physical records read so far (decoded or skipped). */
    public long records() {
        return records;
    }

    public String sourceName() {
        return sourceName;
    }

    /** Byte offset of the next unread byte in the (decompressed) stream. */
    public long offset() {
        return base + pos;
    }

    private boolean keepRaw;
    private byte[] raw;

    /** Keep a copy of each physical record's bytes for {@link #rawRecord()} (off by default: it costs a copy). */
    public void keepRawRecords(boolean keep) {
        keepRaw = keep;
    }

    /**
     * The bytes of the physical record that the last returned record was decoded from: the common
     * header as read (its length field possibly the damaged one) and the body as framed (a repaired
     * length). Null unless {@link #keepRawRecords(boolean)} was switched on before reading.
     */
    public byte[] rawRecord() {
        return raw;
    }

    /** The next record, or null at the end of the stream. */
    public MrtRecord next() throws IOException {
        while (true) {
            MrtRecord r = pending.poll();
            if (r != null) return r;
            if (!ensure(12)) {
                if (lim > pos) {
                    report(offset(), "header", "truncated stream: " + (lim - pos) + " of 12 header bytes");
                    pos = lim;
                }
                return null;
            }
            long start = offset();
            if (!plausible(0, lastTime)) {
                report(start, "header", "not a record header (type " + u16(pos + 4) + ", subtype " + u16(pos + 6)
                        + ", length " + u32(pos + 8) + ")");
                resync(1);
                continue;
            }
            int len = (int) u32(pos + 8);
            if (!ensure(12 + len)) {
                report(start, "body", "truncated stream: " + (lim - pos - 12) + " of " + len + " body bytes");
                pos = lim;
                return null;
            }
            records++;
            int fixed = len;
            boolean more = ensure(12 + len + 12);
            if (more ? !saneAt(12 + len, u32(pos)) : lim - pos > 12 + len) {
                fixed = lengthFix(len);
                if (fixed != len) {
                    repaired++;
                    if (repaired <= MAX_REPAIR_REPORTS) {
                        listener.accept(new MrtDecodeException(sourceName, start, "length", "declared length " + len
                                + " misses the next record by " + (fixed - len) + " bytes; read as " + fixed
                                + (repaired == MAX_REPAIR_REPORTS ? " (further repairs of this file not reported)" : ""),
                                true));
                    }
                }
            }
            ensure(12 + fixed);
            long time = u32(pos);
            int type = u16(pos + 4), subtype = u16(pos + 6);
            int from = pos + 12;
            pos = from + fixed; // consumed whatever happens below
            if (keepRaw) raw = java.util.Arrays.copyOfRange(buf, from - 12, from + fixed);
            recordStart = start;
            recordType = type;
            recordSubtype = subtype;
            try {
                decoder.decode(time, type, subtype, len, view, from, from + fixed, enqueue);
                lastTime = time;
            } catch (DecodeException e) {
                // a batch record (early TABLE_DUMP) keeps the entries decoded before the damage
                String kept = pending.isEmpty() ? "" : " (the " + pending.size() + " entries before it are kept)";
                report(start, "type " + type + "/" + subtype + " " + e.field(), e.reason() + kept);
            }
        }
    }

    /** The corrected body length when a small adjustment lands on a sane header, else {@code len}. */
    private int lengthFix(int len) throws IOException {
        long t = u32(pos);
        for (int d : LENGTH_FIXES) {
            int fixed = len + d;
            if (fixed < 0) continue;
            if (!ensure(12 + fixed + 12)) {
                if (lim - pos == 12 + fixed) return fixed; // ends exactly at the end of the stream
                continue;
            }
            if (saneAt(12 + fixed, t, Math.max(d, 0))) return fixed;
        }
        return len;
    }

    /**
     * Whether a plausible header starts {@code rel} bytes after {@code pos} (12 bytes must be
     * available) and is followed by another plausible header or the end of the stream.
     */
    private boolean saneAt(int rel, long refTime) throws IOException {
        return saneAt(rel, refTime, 0);
    }

    /** Like {@link #saneAt(int, long)}, also accepting a successor {@code slack} bytes later (same damage again). */
    private boolean saneAt(int rel, long refTime, int slack) throws IOException {
        if (!plausible(rel, refTime)) return false;
        long t = u32(pos + rel);
        int after = rel + 12 + (int) u32(pos + rel + 8);
        if (!ensure(after + 12)) return lim - pos == after || slack > 0 && lim - pos == after + slack;
        if (plausible(after, t)) return true;
        if (slack <= 0 || !ensure(after + slack + 12)) return slack > 0 && lim - pos == after + slack;
        return plausible(after + slack, t);
    }

    /** Skips forward from {@code rel} bytes after {@code pos} to the next sane record boundary. */
    private void resync(int rel) throws IOException {
        long start = offset();
        while (true) {
            if (!ensure(rel + 12)) {
                report(start, "resync", "no record boundary in the last " + (base + lim - start) + " bytes", false);
                pos = lim;
                return;
            }
            if (saneAt(rel, lastTime)) {
                pos += rel;
                report(start, "resync", "skipped " + (offset() - start) + " bytes to the next record boundary", false);
                return;
            }
            rel++;
            if (rel > (1 << 20)) { // keep memory bounded while scanning: drop what was scanned
                pos += rel - 16;
                rel = 16;
            }
        }
    }

    /** Whether the 12 bytes {@code rel} bytes after {@code pos} look like an MRT common header. */
    private boolean plausible(int rel, long refTime) {
        int at = pos + rel;
        int type = u16(at + 4);
        int subtype = u16(at + 6);
        long len = u32(at + 8);
        if (len > MAX_RECORD) return false;
        MrtType known = MrtType.of(type);
        // a plain enum switch, not one with "case null": that one is linked through an invokedynamic
        // bootstrap that spins a class at its first call, which a short dump pays for
        boolean typeOk = known == null
                ? switch (type) {
                    case 9, 10, 11, 32, 33, 48, 49 -> subtype <= 16; // ISIS, OSPF and their _ET forms: framed, not decoded
                    default -> false;
                }
                : switch (known) {
                    case BGP -> subtype <= 10;
                    case TABLE_DUMP -> subtype >= 1 && subtype <= 4;
                    case TABLE_DUMP_V2 -> subtype >= 1 && subtype <= 12;
                    case BGP4MP -> subtype <= 11 && len >= 8;
                    case BGP4MP_ET -> subtype <= 11 && len >= 12;
                };
        if (!typeOk) return false;
        if (refTime < 0) return true;
        long t = u32(at);
        return Math.abs(t - refTime) <= MAX_TIME_STEP;
    }

    private int u16(int at) {
        return ((buf[at] & 0xff) << 8) | (buf[at + 1] & 0xff);
    }

    private long u32(int at) {
        return ((buf[at] & 0xffL) << 24) | ((buf[at + 1] & 0xff) << 16) | ((buf[at + 2] & 0xff) << 8)
                | (buf[at + 3] & 0xff);
    }

    /** Makes {@code n} bytes from {@code pos} available if the stream has them; false at end of stream. */
    private boolean ensure(int n) throws IOException {
        if (lim - pos >= n) return true;
        if (eof) return false;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            base += pos;
            lim -= pos;
            pos = 0;
        }
        while (lim - pos < n) {
            if (lim == buf.length) {
                // grow as bytes arrive, never by what a (possibly damaged) length field claims
                byte[] nb = new byte[Math.min(n, buf.length * 2)];
                System.arraycopy(buf, 0, nb, 0, lim);
                buf = nb;
                view = Unpooled.wrappedBuffer(buf);
            }
            int r;
            try {
                r = in.read(buf, lim, buf.length - lim);
            } catch (IOException e) {
                // a truncated or corrupt compressed stream (e.g. the first MiB of a bz2 file) ends the
                // data here; what was read before is still decoded
                report(base + lim, "stream", (e instanceof EOFException ? "truncated stream: " : "unreadable stream: ")
                        + e.getMessage());
                r = -1;
            }
            if (r < 0) {
                eof = true;
                return false;
            }
            lim += r;
        }
        return true;
    }

    private void report(long at, String field, String reason) {
        report(at, field, reason, true);
    }

    private void report(long at, String field, String reason, boolean skip) {
        if (skip) skipped++;
        listener.accept(new MrtDecodeException(sourceName, at, field, reason));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
