package org.blackout.wire.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.Test;

/**
 * UPDATEs cut short by the recorder, wherever the cut falls: what is whole before it is kept, the
 * rest is empty, nothing is flagged (the real files with such cuts are compared with bgpdump in the
 * cli's RouteViews2008ComparisonTest).
 */
class CutUpdateTest {
    private static final String MARKER = "ff".repeat(16);
    /** ORIGIN IGP, AS_PATH 65001 (2-byte), NEXT_HOP 192.0.2.1 */
    private static final String ATTRS = "40010100" + "400204" + "0201fde9" + "400304c0000201";

    /** A message whose length field says {@code claimed}; {@code body} is all the bytes that follow the header. */
    private static ByteBuf message(int claimed, String body) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(MARKER + String.format("%04x02", claimed) + body));
    }

    private static Update cut(int claimed, String body) {
        ByteBuf b = message(claimed, body);
        assertThat(BgpDecoder.isCutUpdate(b, 0, b.readableBytes())).isTrue();
        return BgpDecoder.decodeCutUpdate(b, 0, b.readableBytes(), false, false);
    }

    @Test
    void cutInTheNlriKeepsTheWholePrefixes() {
        String whole = "0000" + String.format("%04x", ATTRS.length() / 2) + ATTRS + "18c63364" + "18c633";
        // the second prefix (/24 = 3 bytes) lost its last byte
        Update u = cut(19 + whole.length() / 2 + 1, whole);
        assertThat(u.nlri().prefixes()).containsExactly(Prefix.parse("198.51.100.0/24"));
        assertThat(u.nlri().unparsed()).isEmpty();
        assertThat(u.attributes().action()).isEqualTo(Rfc7606Action.NONE);
        assertThat(u.attributes().asPath()).isNotNull();
    }

    @Test
    void cutInTheWithdrawnRoutesKeepsTheWholeOnesAndNothingAfter() {
        // withdrawn length 12 claims three /24s; only one and a half are there
        Update u = cut(19 + 2 + 12 + 2, "000c" + "18c63364" + "18c6");
        assertThat(u.withdrawn().prefixes()).containsExactly(Prefix.parse("198.51.100.0/24"));
        assertThat(u.attributes().list()).isEmpty();
        assertThat(u.nlri().isEmpty()).isTrue();
    }

    @Test
    void cutInThePathAttributesKeepsTheWholeAttributesAndNoNlri() {
        String body = "0000" + String.format("%04x", ATTRS.length() / 2 + 7) + ATTRS + "c0080800"; // COMMUNITIES cut
        Update u = cut(19 + 4 + ATTRS.length() / 2 + 7 + 4, body);
        assertThat(u.attributes().list()).hasSize(3);
        assertThat(u.attributes().action()).isEqualTo(Rfc7606Action.NONE);
        assertThat(u.nlri().isEmpty()).isTrue();
    }

    @Test
    void aWholeMessageIsNotCut() {
        String body = "0000" + String.format("%04x", ATTRS.length() / 2) + ATTRS + "18c63364";
        ByteBuf b = message(19 + body.length() / 2, body);
        assertThat(BgpDecoder.isCutUpdate(b, 0, b.readableBytes())).isFalse();
    }
}
