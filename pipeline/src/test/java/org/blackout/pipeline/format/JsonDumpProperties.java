package org.blackout.pipeline.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.blackout.wire.bgp.Aggregator;
import org.blackout.wire.bgp.AsPath;
import org.blackout.wire.bgp.AsPathAttr;
import org.blackout.wire.bgp.AtomicAggregate;
import org.blackout.wire.bgp.Communities;
import org.blackout.wire.bgp.ExtendedCommunities;
import org.blackout.wire.bgp.LargeCommunities;
import org.blackout.wire.bgp.LocalPref;
import org.blackout.wire.bgp.MultiExitDisc;
import org.blackout.wire.bgp.NextHop;
import org.blackout.wire.bgp.Origin;
import org.blackout.wire.bgp.PathAttribute;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.bgp.Rfc7606Action;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/**
 * {@code dump --format json}: every route element, whatever its addresses, numbers, communities and
 * RFC 7606 reason (control characters, quotes, any Unicode), is one line that a strict parser reads
 * back to the same values.
 */
class JsonDumpProperties {
    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    @Provide
    Arbitrary<IpAddress> addresses() {
        return Arbitraries.oneOf(Arbitraries.integers().map(IpAddress::v4),
                Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(IpAddress::v6),
                Arbitraries.longs().map(lo -> IpAddress.v6(0, lo & 0xffffffffL | 0xffff00000000L)));
    }

    @Provide
    Arbitrary<Prefix> prefixes() {
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 32)).as(Prefix::v4),
                Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), Arbitraries.integers().between(0, 128)).as(Prefix::v6))
                .injectNull(0.1);
    }

    /** Text that can be UTF-8 (the generator refuses lone surrogates), control characters included. */
    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFF').ofMaxLength(30),
                Arbitraries.strings().withChars("\"\\/\n\r\t\b\f\u0000\u001f\u007f\u2028😀é").ofMaxLength(12));
    }

    @Property(tries = 1000)
    void everyElementIsOneValidLine(@ForAll @LongRange(min = 0, max = 0xffffffffL * 1_000_000L) long micros,
            @ForAll ElementType type, @ForAll("addresses") IpAddress peer, @ForAll @LongRange(min = 0, max = 0xffffffffL) long peerAs,
            @ForAll("prefixes") Prefix prefix, @ForAll @LongRange(min = 0, max = 0xffffffffL) long pathId,
            @ForAll @Size(max = 5) List<@LongRange(min = 0, max = 0xffffffffL) Long> path, @ForAll @IntRange(min = 0, max = 3) int origin,
            @ForAll("addresses") IpAddress nextHop, @ForAll @LongRange(min = 0, max = 0xffffffffL) long med,
            @ForAll @Size(max = 4) List<Integer> communities, @ForAll @Size(max = 6) List<Integer> large,
            @ForAll @Size(max = 3) List<Long> extended, @ForAll boolean atomic, @ForAll("addresses") IpAddress aggregator,
            @ForAll Rfc7606Action action, @ForAll("text") String reason, @ForAll boolean attributes) throws Exception {
        List<PathAttribute> list = new ArrayList<>();
        list.add(new Origin(0x40, origin));
        list.add(new AsPathAttr(0x40, AsPath.ofSequence(path.stream().mapToLong(Long::longValue).toArray()), true));
        list.add(new NextHop(0x40, nextHop));
        list.add(new MultiExitDisc(0x80, med));
        list.add(new LocalPref(0x40, med / 2));
        list.add(new Communities(0xc0, communities.stream().mapToInt(Integer::intValue).toArray()));
        list.add(new LargeCommunities(0xc0, large.subList(0, large.size() / 3 * 3).stream().mapToInt(Integer::intValue).toArray()));
        list.add(new ExtendedCommunities(0xc0, extended.stream().mapToLong(Long::longValue).toArray()));
        if (atomic) list.add(new AtomicAggregate(0x40));
        list.add(new Aggregator(0xc0, peerAs, aggregator, true));
        PathAttributes a = attributes ? new PathAttributes(list, action, action == Rfc7606Action.NONE ? null : reason) : null;
        RouteElement e = new RouteElement(micros, type, peer, peerAs, type == ElementType.STATE ? null : prefix, pathId, a, 1, 6);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonFormatter f = new JsonFormatter(out);
        f.accept(e);
        f.accept(e);
        f.flush();
        String text = out.toString(StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertThat(text).endsWith("\n");
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).isEqualTo(lines.get(0)));
        assertThat(f.lines()).isEqualTo(2);

        JsonNode n = STRICT.readTree(lines.get(0));
        assertThat(n.get("time").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(micros, 6));
        assertThat(n.get("type").textValue()).isEqualTo(type.name().toLowerCase());
        assertThat(n.get("peer").textValue()).isEqualTo(peer.toString());
        assertThat(n.get("peer_as").longValue()).isEqualTo(peerAs);
        if (e.prefix() != null) {
            assertThat(n.get("prefix").textValue()).isEqualTo(e.prefix().toString());
            assertThat(n.get("path_id").longValue()).isEqualTo(pathId);
        } else {
            assertThat(n.has("prefix")).isFalse();
        }
        if (type == ElementType.STATE) assertThat(n.get("new_state").intValue()).isEqualTo(6);
        if (a == null) {
            assertThat(n.has("as_path")).isFalse();
            return;
        }
        assertThat(n.get("as_path").textValue()).isEqualTo(a.asPath().toString());
        assertThat(n.get("origin").textValue()).isEqualTo(a.origin().label());
        assertThat(n.get("med").longValue()).isEqualTo(med);
        assertThat(n.get("local_pref").longValue()).isEqualTo(med / 2);
        List<String> comms = new ArrayList<>();
        n.get("communities").forEach(c -> comms.add(c.textValue()));
        assertThat(comms).isEqualTo(communities.stream().map(c -> (c >>> 16) + ":" + (c & 0xffff)).toList());
        List<String> larges = new ArrayList<>();
        n.get("large_communities").forEach(c -> larges.add(c.textValue()));
        List<String> wantLarge = new ArrayList<>();
        for (int i = 0; i + 2 < large.size(); i += 3) {
            wantLarge.add(Integer.toUnsignedString(large.get(i)) + ":" + Integer.toUnsignedString(large.get(i + 1)) + ":"
                    + Integer.toUnsignedString(large.get(i + 2)));
        }
        assertThat(larges).isEqualTo(wantLarge);
        List<String> ext = new ArrayList<>();
        n.get("extended_communities").forEach(c -> ext.add(c.textValue()));
        assertThat(ext).isEqualTo(extended.stream().map(HexFormat.of()::toHexDigits).toList());
        assertThat(n.has("atomic_aggregate")).isEqualTo(atomic);
        assertThat(n.get("aggregator").get("as").longValue()).isEqualTo(peerAs);
        assertThat(n.get("aggregator").get("address").textValue()).isEqualTo(aggregator.toString());
        if (action == Rfc7606Action.NONE) {
            assertThat(n.has("rfc7606")).isFalse();
        } else {
            assertThat(n.get("rfc7606").get("action").textValue()).isEqualTo(action.name().toLowerCase());
            assertThat(n.get("rfc7606").get("reason").textValue()).isEqualTo(reason);
        }
    }
}
