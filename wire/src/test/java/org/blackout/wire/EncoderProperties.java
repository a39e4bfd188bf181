package org.blackout.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.blackout.wire.bgp.BgpDecoder;
import org.blackout.wire.bgp.BgpEncoder;
import org.blackout.wire.bgp.BgpMessage;
import org.blackout.wire.mrt.MrtDecoder;
import org.blackout.wire.mrt.MrtEncoder;
import org.blackout.wire.mrt.MrtRecord;

/**
 * The encoders accept whatever the decoders produce, even from damaged input, and write something
 * the decoders read back to the same model: encode(decode(encode(decode(x)))) == encode(decode(x)).
 * (Exact re-encoding of the input itself holds for real data, see RoundTripTest; damaged input may
 * lose what the model does not keep, e.g. bytes after a BGP message's declared length.)
 */
class EncoderProperties {

    @Property(tries = 2000)
    void mrtEncodingOfDecodedDamageIsStable(@ForAll("mutatedRecords") byte[] rec) {
        List<MrtRecord> first = decodeMrt(rec);
        if (first == null || first.isEmpty()) return;
        byte[] once = encodeMrt(first);
        List<MrtRecord> second = decodeMrt(once);
        assertThat(second).as("re-decoding %s", HexFormat.of().formatHex(once)).isNotNull();
        assertThat(encodeMrt(second)).as("from %s", HexFormat.of().formatHex(rec)).isEqualTo(once);
    }

    @Property(tries = 2000)
    void bgpEncodingOfDecodedDamageIsStable(@ForAll("mutatedMessages") DecoderRobustnessProperties.Message m) {
        BgpMessage first = decodeBgp(m.bytes(), m);
        if (first == null) return;
        byte[] once = encodeBgp(first);
        BgpMessage second = decodeBgp(once, m);
        assertThat(second).as("re-decoding %s", HexFormat.of().formatHex(once)).isNotNull();
        assertThat(encodeBgp(second)).as("from %s", HexFormat.of().formatHex(m.bytes())).isEqualTo(once);
    }

    @Provide
    Arbitrary<byte[]> mutatedRecords() {
        return new DecoderRobustnessProperties().mutatedRecords();
    }

    @Provide
    Arbitrary<DecoderRobustnessProperties.Message> mutatedMessages() {
        return new DecoderRobustnessProperties().mutatedMessages();
    }

    private static List<MrtRecord> decodeMrt(byte[] rec) {
        if (rec.length < 12) return null;
        ByteBuf b = Unpooled.wrappedBuffer(rec);
        List<MrtRecord> out = new ArrayList<>();
        try {
            new MrtDecoder().decode(b.getUnsignedInt(0), b.getUnsignedShort(4), b.getUnsignedShort(6),
                    b.getUnsignedInt(8), b, 12, rec.length, out::add);
        } catch (DecodeException e) {
            return null;
        }
        return out;
    }

    private static byte[] encodeMrt(List<MrtRecord> records) {
        ByteBuf b = Unpooled.buffer();
        MrtEncoder.encode(records, b);
        return ByteBufUtil.getBytes(b);
    }

    private static BgpMessage decodeBgp(byte[] bytes, DecoderRobustnessProperties.Message m) {
        try {
            return BgpDecoder.decodeMessage(Unpooled.wrappedBuffer(bytes), 0, bytes.length, m.as4(), m.addPath());
        } catch (DecodeException e) {
            return null;
        }
    }

    private static byte[] encodeBgp(BgpMessage m) {
        ByteBuf b = Unpooled.buffer();
        BgpEncoder.encode(m, b);
        return ByteBufUtil.getBytes(b);
    }
}
