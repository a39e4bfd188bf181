package org.blackout.wire.bmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.blackout.wire.bmp.BmpBytes.*;

import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.blackout.wire.DecodeException;
import org.junit.jupiter.api.Test;

/**
 * Reading a damaged BMP stream never fails: every problem is reported with an offset inside the
 * stream, and junk between messages costs no message. Seeded random damage, so every run is the same.
 */
class BmpStreamReaderTest {
    private static final byte[] HEADER = perPeer(0, 0, 0, BmpDecoderTest.PEER_V4, 65001, "c0000202", 1, 0);
    private static final List<byte[]> MESSAGES = List.of(
            bmp(4, tlv(2, "edge-1".getBytes(StandardCharsets.UTF_8))),
            bmp(3, HEADER, new byte[16], u16(179), u16(40000), open(65000, "c0000201", 1), open(65001, "c0000202", 2)),
            bmp(0, HEADER, update(new byte[0], BmpDecoderTest.ATTRS_AS4, hex("00000007 080a"))),
            bmp(1, HEADER, hex("00000001"), tlv(2, hex("00000004"))),
            bmp(0, HEADER, update(hex("00000007 080a"), new byte[0], new byte[0])),
            bmp(2, HEADER, new byte[] {4}),
            bmp(5, tlv(1, u16(0))));

    record Result(List<Long> messages, List<Long> errors) {}

    static Result read(byte[] stream) {
        List<Long> messages = new ArrayList<>(), errors = new ArrayList<>();
        BmpStreamReader.read(Unpooled.wrappedBuffer(stream), new BmpSession(), new BmpStreamReader.Visitor() {
            @Override
            public void message(long offset, BmpMessage m) {
                messages.add(offset);
            }

            @Override
            public void error(long offset, DecodeException e) {
                errors.add(offset);
            }
        });
        return new Result(messages, errors);
    }

    static byte[] stream(int copies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < copies; i++) MESSAGES.forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Test
    void aCleanStreamDecodesWhole() {
        Result r = read(stream(3));
        assertThat(r.errors()).isEmpty();
        assertThat(r.messages()).hasSize(3 * MESSAGES.size());
    }

    @Test
    void junkBetweenMessagesIsSkippedWithOneReport() {
        byte[] clean = stream(2);
        Random random = new Random(1);
        for (int round = 0; round < 200; round++) {
            int boundary = 1 + random.nextInt(2 * MESSAGES.size() - 1);
            int at = 0;
            for (int i = 0; i < boundary; i++) at += MESSAGES.get(i % MESSAGES.size()).length;
            byte[] junk = new byte[1 + random.nextInt(300)];
            random.nextBytes(junk);
            for (int i = 0; i < junk.length; i++) if (junk[i] == 3 || junk[i] == 4) junk[i] = 0x55; // no version byte
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            s.write(clean, 0, at);
            s.writeBytes(junk);
            s.write(clean, at, clean.length - at);
            Result r = read(s.toByteArray());
            assertThat(r.errors()).as("round " + round).containsExactly((long) at);
            assertThat(r.messages()).as("round " + round).hasSize(2 * MESSAGES.size());
        }
    }

    @Test
    void anyCutOrFlippedByteIsReportedNeverThrown() {
        byte[] clean = stream(2);
        Random random = new Random(2);
        for (int round = 0; round < 2000; round++) {
            byte[] damaged = round % 2 == 0 ? Arrays.copyOf(clean, random.nextInt(clean.length)) : clean.clone();
            if (round % 2 == 1) {
                for (int k = 1 + random.nextInt(4); k > 0; k--) damaged[random.nextInt(damaged.length)] = (byte) random.nextInt();
            }
            Result r = read(damaged);
            assertThat(r.errors()).allMatch(o -> o >= 0 && o < damaged.length);
            assertThat(r.messages().size() + r.errors().size()).as("round " + round).isPositive();
        }
    }
}
