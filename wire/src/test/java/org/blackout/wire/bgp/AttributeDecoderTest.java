package org.blackout.wire.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 7606 handling and RFC 6793 merging on hand-made attribute sections (hex as on the wire). */
class AttributeDecoderTest {
    // ORIGIN IGP, AS_PATH (2-octet) SEQUENCE 3356 1299, NEXT_HOP 192.0.2.1
    static final String ORIGIN = "400101" + "00";
    static final String AS_PATH2 = "400206" + "0202" + "0d1c" + "0513";
    static final String NEXT_HOP = "400304" + "c0000201";

    static PathAttributes decode(String hex, int asnSize) {
        ByteBuf b = Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
        return AttributeDecoder.decode(b, 0, b.readableBytes(), asnSize, false, false);
    }

    @Test
    void wellFormedSection() {
        PathAttributes a = decode(ORIGIN + AS_PATH2 + NEXT_HOP + "c00804" + "0d1c0064", 2);
        assertThat(a.action()).isEqualTo(Rfc7606Action.NONE);
        assertThat(a.reason()).isNull();
        assertThat(a.origin().label()).isEqualTo("IGP");
        assertThat(a.asPath().toString()).isEqualTo("3356 1299");
        assertThat(a.nextHop()).hasToString("192.0.2.1");
        assertThat(a.communities().values()).containsExactly(0x0d1c0064);
        assertThat(a.list()).extracting(PathAttribute::typeCode).containsExactly(1, 2, 3, 8);
    }

    @Test
    void badOriginValueMeansTreatAsWithdraw() {
        PathAttributes a = decode("400101" + "07" + AS_PATH2 + NEXT_HOP, 2);
        assertThat(a.action()).isEqualTo(Rfc7606Action.TREAT_AS_WITHDRAW);
        assertThat(a.reason()).contains("ORIGIN value 7");
        assertThat(a.list().get(0)).isInstanceOfSatisfying(MalformedAttribute.class,
                m -> assertThat(m.value()).containsExactly(7));
        assertThat(a.treatAsWithdraw()).isTrue();
    }

    @Test
    void atomicAggregateWithALengthIsDiscardedOnly() {
        PathAttributes a = decode(ORIGIN + AS_PATH2 + NEXT_HOP + "400601" + "00", 2);
        assertThat(a.action()).isEqualTo(Rfc7606Action.ATTRIBUTE_DISCARD);
        assertThat(a.atomicAggregate()).isNull();
        assertThat(a.treatAsWithdraw()).isFalse();
    }

    @Test
    void duplicateAttributeKeepsTheFirst() {
        PathAttributes a = decode(ORIGIN + "400101" + "02" + AS_PATH2 + NEXT_HOP, 2);
        assertThat(a.action()).isEqualTo(Rfc7606Action.ATTRIBUTE_DISCARD);
        assertThat(a.origin().value()).isZero();
        assertThat(a.reason()).contains("duplicate");
    }

    @Test
    void attributeOverrunningTheSectionMeansTreatAsWithdraw() {
        PathAttributes a = decode(ORIGIN + "400304" + "c000", 2);
        assertThat(a.action()).isEqualTo(Rfc7606Action.TREAT_AS_WITHDRAW);
        assertThat(a.reason()).contains("overruns");
    }

    @Test
    void unknownAttributesAreKeptAsBytes() {
        PathAttributes a = decode(ORIGIN + "c0ff03" + "010203", 2);
        assertThat(a.list().get(1)).isInstanceOfSatisfying(UnknownAttribute.class, u -> {
            assertThat(u.typeCode()).isEqualTo(255);
            assertThat(u.flags()).isEqualTo(0xc0);
            assertThat(u.value()).containsExactly(1, 2, 3);
        });
    }

    @Test
    void as4PathIsMergedIntoATwoOctetPath() {
        // AS_PATH 3356 23456 23456; AS4_PATH 4200000000 4200000001 (RFC 6793 4.2.3)
        String asPath = "400208" + "0203" + "0d1c" + "5ba0" + "5ba0";
        String as4Path = "c0110a" + "0202" + "fa56ea00" + "fa56ea01";
        PathAttributes a = decode(ORIGIN + asPath + NEXT_HOP + as4Path, 2);
        assertThat(a.asPath().toString()).isEqualTo("3356 4200000000 4200000001");
        assertThat(a.asPathAttribute().path().toString()).isEqualTo("3356 23456 23456");
        assertThat(a.asPath().origins()).containsExactly(4200000001L);
    }

    @Test
    void zeroLengthSegmentIsMalformed() {
        PathAttributes a = decode(ORIGIN + "400202" + "0200" + NEXT_HOP, 4);
        assertThat(a.action()).isEqualTo(Rfc7606Action.TREAT_AS_WITHDRAW);
        assertThat(a.asPath()).isEqualTo(AsPath.EMPTY);
    }

    @Test
    void cacheSharesTheDecodedSetForIdenticalBytes() {
        byte[] bytes = HexFormat.of().parseHex(ORIGIN + AS_PATH2 + NEXT_HOP);
        AttributeCache cache = new AttributeCache();
        for (int i = 0; i < 300; i++) cache.decode(Unpooled.wrappedBuffer(bytes), 0, bytes.length, 2, true, false);
        long before = cache.hits();
        PathAttributes first = cache.decode(Unpooled.wrappedBuffer(bytes), 0, bytes.length, 2, false, false);
        PathAttributes again = cache.decode(Unpooled.wrappedBuffer(bytes.clone()), 0, bytes.length, 2, false, false);
        PathAttributes as4 = cache.decode(Unpooled.wrappedBuffer(bytes), 0, bytes.length, 4, false, false);
        assertThat(again).isSameAs(first);
        assertThat(as4).isNotSameAs(first);
        assertThat(cache.hits() - before).isEqualTo(1);
    }
}
