package org.blackout.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventJson;
import org.blackout.core.event.EventSink;
import org.blackout.core.event.EventType;
import org.blackout.core.event.Evidence;
import org.blackout.core.event.Extent;
import org.blackout.core.event.Hint;
import org.blackout.core.event.Upstreams;
import org.blackout.core.signal.Signal;
import org.blackout.core.signal.SignalText;
import org.blackout.core.signal.Upstream;

/**
 * Whatever an event or a signal holds (NaN, infinities, -0.0, tiny and huge doubles, control
 * characters, quotes, backslashes, any UTF-16 text), its JSON parses with a strict parser, keeps
 * the published field order, and gives the values back (numbers within the 4-decimal rounding,
 * non-finite ones as null).
 */
public class JsonWriterProperties {
    /** Strict: no NaN tokens, no "6.", no duplicate keys, nothing after the value. */
    public static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static final List<String> EVENT_FIELDS = List.of("id", "type", "entity", "first_evidence", "raised", "lowered",
            "duration_s", "severity", "depth", "extent", "upstreams", "evidence", "pattern", "details", "summary", "score");
    static final List<String> SIGNAL_FIELDS = List.of("time", "entity", "visible_slash24", "visible_prefixes",
            "peers_seeing", "full_feed_peers", "announcements", "withdrawals", "upstreams", "basis", "coverage",
            "known_prefixes", "lost_prefixes", "recent_lost", "peers_agreeing", "peers_carrying", "recent_covered");

    // ------------------------------------------------------------------ generators

    /** Doubles worth trying: the specials, the old "6." case, and ordinary values at several scales. */
    public static Arbitrary<Double> anyDouble() {
        return Arbitraries.oneOf(
                Arbitraries.<Double>of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
                        1e-300, 1e300, 6.00001, 5.99995, 0.00005, -0.00005, 1e14, 1e14 + 0.5, 0x1p52 + 1, 0x1p62, 1e20),
                Arbitraries.doubles().ofScale(8).between(-10, 10),
                Arbitraries.doubles().ofScale(6).between(-1e7, 1e7),
                Arbitraries.longs().map(Double::longBitsToDouble));
    }

    /** Any UTF-16 text, control characters and lone surrogates included. */
    public static Arbitrary<String> anyText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars("\"\\/\n\r\t\b\f\u0000\u001f\u007f\u2028\u2029\uFEFFé✓").ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(8));
    }

    @Provide
    Arbitrary<Double> doubles() {
        return anyDouble();
    }

    @Provide
    Arbitrary<String> text() {
        return anyText();
    }

    @Provide
    Arbitrary<Instant> times() {
        return Combinators.combine(Arbitraries.longs().between(-100_000_000_000L, 100_000_000_000L),
                Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<Instant> maybeTimes() {
        return times().injectNull(0.3);
    }

    @Provide
    Arbitrary<Evidence> evidence() {
        return Combinators.combine(maybeTimes(), text().injectNull(0.1), text(), Arbitraries.longs(), text(), text(), text())
                .as(Evidence::new);
    }

    /** Upstreams with distinct AS numbers (they are object keys). */
    public static Arbitrary<List<Upstream>> anyUpstreams() {
        return Combinators.combine(Arbitraries.longs().between(0, 0xffffffffL), anyDouble()).as(Upstream::new)
                .list().ofMaxSize(5).uniqueElements(Upstream::asn);
    }

    @Provide
    Arbitrary<List<Upstream>> upstreams() {
        return anyUpstreams();
    }

    // ------------------------------------------------------------------ properties

    @Property(tries = 500)
    void eventsAreValidJsonAndGiveTheirValuesBack(@ForAll("text") String id, @ForAll EventType type,
            @ForAll("text") String entity, @ForAll("times") Instant first, @ForAll("maybeTimes") Instant raised,
            @ForAll("maybeTimes") Instant lowered, @ForAll long durationS, @ForAll("doubles") double severity,
            @ForAll("doubles") double depth, @ForAll int prefixes, @ForAll("doubles") double slash24,
            @ForAll long addresses, @ForAll int agreeing, @ForAll int full, @ForAll @Size(max = 4) List<Long> before,
            @ForAll @Size(max = 4) List<Long> during, @ForAll @Size(max = 3) List<@From("evidence") Evidence> evidence,
            @ForAll @Size(max = 4) List<Hint> pattern, @ForAll @Size(max = 4) Map<@From("text") String, @From("text") String> details,
            @ForAll("text") String summary, @ForAll EventSink.Phase phase) throws Exception {
        Event e = new Event(id, type, entity, first, raised, lowered, durationS, severity, depth,
                new Extent(prefixes, slash24, addresses, agreeing, full), new Upstreams(before, during), evidence, pattern,
                new TreeMap<>(details), summary);

        JsonNode n = STRICT.readTree(EventJson.json(e));
        assertEvent(n, e);
        assertThat(fieldNames(n)).isEqualTo(EVENT_FIELDS);

        JsonNode p = STRICT.readTree(EventJson.json(phase, e));
        assertThat(fieldNames(p).get(0)).isEqualTo("phase");
        assertThat(p.get("phase").textValue()).isEqualTo(phase.json());
        assertEvent(p, e);
    }

    @Property(tries = 500)
    void signalsAreValidJsonAndGiveTheirValuesBack(@ForAll("times") Instant time, @ForAll("text") String entity,
            @ForAll("doubles") double visible, @ForAll int prefixes, @ForAll int peers, @ForAll int full,
            @ForAll long announcements, @ForAll long withdrawals,
            @ForAll("upstreams") List<Upstream> upstreams) throws Exception {
        Signal s = new Signal(time, entity, visible, prefixes, peers, full, announcements, withdrawals, upstreams);
        JsonNode n = STRICT.readTree(SignalText.json(s));
        assertThat(fieldNames(n)).isEqualTo(SIGNAL_FIELDS);
        assertThat(n.get("time").textValue()).isEqualTo(time.toString());
        assertThat(n.get("entity").textValue()).isEqualTo(entity);
        assertNumber(n.get("visible_slash24"), visible);
        assertThat(n.get("visible_prefixes").longValue()).isEqualTo(prefixes);
        assertThat(n.get("peers_seeing").longValue()).isEqualTo(peers);
        assertThat(n.get("full_feed_peers").longValue()).isEqualTo(full);
        assertThat(n.get("announcements").longValue()).isEqualTo(announcements);
        assertThat(n.get("withdrawals").longValue()).isEqualTo(withdrawals);
        assertUpstreams(n.get("upstreams"), upstreams);
    }

    @Property(tries = 2000)
    void numbersAreIntegersOrAtMostFourDecimalsOrNull(@ForAll("doubles") double v) throws Exception {
        String text = Json.string(g -> Json.number(g, v));
        JsonNode n = STRICT.readTree(text);
        assertNumber(n, v);
        assertThat(text).doesNotContain("E", "e", "NaN", "Infinity").doesNotEndWith(".");
        int dot = text.indexOf('.');
        if (dot >= 0) assertThat(text.length() - dot - 1).as(text).isBetween(1, 4);
    }

    // ------------------------------------------------------------------ checks, shared with server and cli

    static void assertEvent(JsonNode n, Event e) {
        assertThat(n.get("id").textValue()).isEqualTo(e.id());
        assertThat(n.get("type").textValue()).isEqualTo(e.type().json());
        assertThat(n.get("entity").textValue()).isEqualTo(e.entity());
        assertTime(n.get("first_evidence"), e.firstEvidence());
        assertTime(n.get("raised"), e.raised());
        assertTime(n.get("lowered"), e.lowered());
        assertThat(n.get("duration_s").longValue()).isEqualTo(e.durationS());
        assertNumber(n.get("severity"), e.severity());
        assertNumber(n.get("depth"), e.depth());
        JsonNode x = n.get("extent");
        assertThat(fieldNames(x)).containsExactly("prefixes", "slash24", "addresses", "peers_agreeing", "full_feed_peers",
                "known_prefixes", "peers_carrying", "lost");
        assertThat(x.get("prefixes").longValue()).isEqualTo(e.extent().prefixes());
        assertNumber(x.get("slash24"), e.extent().slash24());
        assertThat(x.get("addresses").longValue()).isEqualTo(e.extent().addresses());
        assertThat(x.get("peers_agreeing").longValue()).isEqualTo(e.extent().peersAgreeing());
        assertThat(x.get("full_feed_peers").longValue()).isEqualTo(e.extent().fullFeedPeers());
        assertThat(longs(n.get("upstreams").get("before"))).isEqualTo(e.upstreams().before());
        assertThat(longs(n.get("upstreams").get("during"))).isEqualTo(e.upstreams().during());
        assertThat(n.get("evidence").size()).isEqualTo(e.evidence().size());
        for (int i = 0; i < e.evidence().size(); i++) {
            JsonNode v = n.get("evidence").get(i);
            Evidence want = e.evidence().get(i);
            assertThat(fieldNames(v)).containsExactly("time", "collector", "peer", "peer_as", "kind", "prefix", "as_path");
            assertTime(v.get("time"), want.time());
            assertThat(v.get("collector").textValue()).isEqualTo(want.collector());
            assertThat(v.get("peer").textValue()).isEqualTo(want.peer());
            assertThat(v.get("peer_as").longValue()).isEqualTo(want.peerAs());
            assertThat(v.get("kind").textValue()).isEqualTo(want.kind());
            assertThat(v.get("prefix").textValue()).isEqualTo(want.prefix());
            assertThat(v.get("as_path").textValue()).isEqualTo(want.asPath());
        }
        List<String> pattern = new ArrayList<>();
        n.get("pattern").forEach(h -> pattern.add(h.textValue()));
        assertThat(pattern).isEqualTo(e.pattern().stream().map(Hint::json).toList());
        Map<String, String> details = new TreeMap<>();
        n.get("details").properties().forEach(d -> details.put(d.getKey(), d.getValue().textValue()));
        assertThat(details).isEqualTo(e.details());
        assertThat(fieldNames(n.get("details"))).isEqualTo(List.copyOf(e.details().keySet()));
        assertThat(n.get("summary").textValue()).isEqualTo(e.summary());
    }

    static void assertUpstreams(JsonNode n, List<Upstream> upstreams) {
        assertThat(fieldNames(n)).isEqualTo(upstreams.stream().map(u -> Long.toString(u.asn())).toList());
        for (Upstream u : upstreams) assertNumber(n.get(Long.toString(u.asn())), u.share());
    }

    static void assertTime(JsonNode n, Instant t) {
        if (t == null) assertThat(n.isNull()).isTrue();
        else assertThat(Instant.parse(n.textValue())).isEqualTo(t);
    }

    /** Null for NaN and infinities; else within the 4-decimal rounding of the value, integers as integers. */
    public static void assertNumber(JsonNode n, double v) {
        if (!Double.isFinite(v)) {
            assertThat(n.isNull()).as("%s → %s", v, n).isTrue();
            return;
        }
        assertThat(n.isNumber()).as("%s → %s", v, n).isTrue();
        assertThat(Math.abs(n.doubleValue() - v)).as("%s → %s", v, n).isLessThanOrEqualTo(0.00005 + 4 * Math.ulp(v));
        if (n.doubleValue() == Math.rint(n.doubleValue())) assertThat(n.isIntegralNumber()).as("%s → %s", v, n).isTrue();
    }

    public static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<Long> longs(JsonNode n) {
        List<Long> out = new ArrayList<>();
        n.forEach(v -> {
            assertThat(v.isIntegralNumber()).isTrue();
            out.add(v.longValue());
        });
        return out;
    }
}
