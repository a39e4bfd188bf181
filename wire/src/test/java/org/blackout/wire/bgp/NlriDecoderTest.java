package org.blackout.wire.bgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.blackout.wire.DecodeException;
import org.junit.jupiter.api.Test;

class NlriDecoderTest {
    static ByteBuf hex(String h) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(h));
    }

    @Test
    void ipv4PrefixesIncludingDefaultRoute() {
        ByteBuf b = hex("00" + "18af2db0" + "10c0a8");
        Nlri n = NlriDecoder.decode(b, 0, b.readableBytes(), false, false, "nlri");
        assertThat(n.prefixes()).extracting(Object::toString).containsExactly("0.0.0.0/0", "175.45.176.0/24",
                "192.168.0.0/16");
        assertThat(n.addPath()).isFalse();
        assertThat(n.hasStrayBits()).isFalse();
    }

    @Test
    void strayHostBitsAreClearedButKeptAsSent() {
        // 11.13.0.0/13 as sent by a router in the bgpdump test suite (nlri_mask_trailing_bits)
        ByteBuf b = hex("0d0b0d");
        Nlri n = NlriDecoder.decode(b, 0, 3, false, false, "nlri");
        assertThat(n.prefix(0)).hasToString("11.8.0.0/13");
        assertThat(n.hasStrayBits()).isTrue();
        assertThat(n.wireHi(0) >>> 32).isEqualTo(0x0b0d0000L);
    }

    @Test
    void addPathIdentifiers() {
        ByteBuf b = hex("0000002a" + "200a000001" + "00000007" + "80" + "20010db8000000000000000000000001");
        Nlri n = NlriDecoder.decode(b, 0, 9, false, true, "nlri");
        assertThat(n.pathId(0)).isEqualTo(42);
        assertThat(n.prefix(0)).hasToString("10.0.0.1/32");
        Nlri v6 = NlriDecoder.decode(b, 9, b.readableBytes(), true, true, "nlri");
        assertThat(v6.pathId(0)).isEqualTo(7);
        assertThat(v6.prefix(0)).hasToString("2001:db8::1/128");
    }

    @Test
    void truncatedPrefixThrowsOrEndsTheListWhenLenient() {
        ByteBuf b = hex("18c00002" + "18c000");
        assertThatThrownBy(() -> NlriDecoder.decode(b, 0, 7, false, false, "nlri"))
                .isInstanceOf(DecodeException.class).hasMessageContaining("overruns");
        String[] error = new String[1];
        Nlri n = NlriDecoder.decode(b, 0, 7, false, false, "nlri", error);
        assertThat(n.prefixes()).extracting(Object::toString).containsExactly("192.0.2.0/24");
        assertThat(n.unparsed()).containsExactly(0x18, 0xc0, 0x00);
        assertThat(error[0]).contains("overruns");
    }

    @Test
    void prefixLongerThanTheFamilyIsAnError() {
        ByteBuf b = hex("21" + "0a000000ff");
        assertThatThrownBy(() -> NlriDecoder.decode(b, 0, 6, false, false, "nlri"))
                .isInstanceOf(DecodeException.class).hasMessageContaining("33 > 32");
    }
}
