package org.blackout.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventType;
import org.blackout.core.event.Evidence;
import org.blackout.core.event.Extent;
import org.blackout.core.event.Hint;
import org.blackout.core.event.Upstreams;
import org.blackout.core.signal.Upstream;
import org.blackout.server.alert.Alert;
import org.blackout.server.alert.Deliverers;
import org.blackout.server.store.Rows.SignalRow;
import org.blackout.server.store.StoredSignal;

/**
 * The server's JSON (alerts and their Slack and template bodies, stored upstreams, timeline answers,
 * error bodies) parses with a strict parser and gives back what went in, whatever doubles (NaN,
 * infinities, -0.0, tiny, huge) and text (control characters, quotes, any Unicode) it carries.
 */
class ServerJsonProperties {
    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(
                Arbitraries.<Double>of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                        Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300, 1e300, 6.00001, 0.00005, 1e14 + 0.5),
                Arbitraries.doubles().ofScale(8).between(-10, 10),
                Arbitraries.doubles().ofScale(6).between(-1e7, 1e7),
                Arbitraries.longs().map(Double::longBitsToDouble));
    }

    /** Any UTF-16 text, control characters and lone surrogates included. */
    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars("\"\\/\n\r\t\b\f\u0000\u001f\u007f\u2028\u2029\uFEFFé✓{}[]:,").ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(8));
    }

    /** Text that can be UTF-8 (no lone surrogates): what reaches the byte-writing timeline. */
    @Provide
    Arbitrary<String> utf8Text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFF').ofMaxLength(30),
                Arbitraries.strings().withChars("\"\\\n\u0000\u001f😀").ofMaxLength(12));
    }

    @Provide
    Arbitrary<Instant> times() {
        return Combinators.combine(Arbitraries.longs().between(-100_000_000_000L, 100_000_000_000L),
                Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<Event> events() {
        Arbitrary<Evidence> evidence = Combinators.combine(times().injectNull(0.2), text(), text(), Arbitraries.longs(),
                text(), text(), text()).as(Evidence::new);
        Arbitrary<Extent> extent = Combinators.combine(Arbitraries.integers(), doubles(), Arbitraries.longs(),
                Arbitraries.integers(), Arbitraries.integers()).as(Extent::new);
        Arbitrary<Map<String, String>> details = Arbitraries.maps(text(), text()).ofMaxSize(3);
        var head = Combinators.combine(text(), Arbitraries.of(EventType.class), text(), times(), times().injectNull(0.2),
                times().injectNull(0.4), Arbitraries.longs(), doubles()).as((a, b, c, d, e, f, g, h) -> new Object[] {a, b, c, d, e, f, g, h});
        var tail = Combinators.combine(doubles(), extent, Arbitraries.longs().list().ofMaxSize(3),
                evidence.list().ofMaxSize(2), Arbitraries.of(Hint.class).list().ofMaxSize(3), details, text())
                .as((a, b, c, d, e, f, g) -> new Object[] {a, b, c, d, e, f, g});
        return Combinators.combine(head, tail).as(ServerJsonProperties::event);
    }

    @SuppressWarnings("unchecked")
    static Event event(Object[] h, Object[] t) {
        return new Event((String) h[0], (EventType) h[1], (String) h[2], (Instant) h[3], (Instant) h[4], (Instant) h[5],
                (long) h[6], (double) h[7], (double) t[0], (Extent) t[1],
                new Upstreams((List<Long>) t[2], List.copyOf(((List<Long>) t[2]).reversed())), (List<Evidence>) t[3],
                (List<Hint>) t[4], new TreeMap<>((Map<String, String>) t[5]), (String) t[6]);
    }

    @Provide
    Arbitrary<List<Upstream>> upstreams() {
        return Combinators.combine(Arbitraries.longs().between(0, 0xffffffffL), doubles()).as(Upstream::new)
                .list().ofMaxSize(5).uniqueElements(Upstream::asn);
    }

    // ------------------------------------------------------------------ properties

    @Property(tries = 300)
    void alertsAndTheirBodiesAreValidJson(@ForAll("events") Event e, @ForAll("text") String phase, @ForAll("text") String text)
            throws Exception {
        Alert a = new Alert("key", phase, e, text);
        JsonNode n = STRICT.readTree(a.json());
        assertThat(fieldNames(n)).containsExactly("phase", "text", "event");
        assertThat(n.get("phase").textValue()).isEqualTo(phase);
        assertThat(n.get("text").textValue()).isEqualTo(text);
        assertEvent(n.get("event"), e);

        JsonNode slack = STRICT.readTree(a.slackJson());
        assertThat(fieldNames(slack)).containsExactly("text");
        assertThat(slack.get("text").textValue()).isEqualTo(text);

        String template = "{\"t\":\"{{text}}\",\"s\":\"{{ summary }}\",\"p\":\"{{phase}}\",\"i\":\"{{id}}\",\"y\":\"{{type}}\","
                + "\"e\":\"{{entity}}\",\"d\":\"{{duration}}\",\"ev\":{{event}},\"keep\":\"{{unknown}}\"}";
        JsonNode r = STRICT.readTree(Deliverers.render(template, a));
        assertThat(r.get("t").textValue()).isEqualTo(text);
        assertThat(r.get("s").textValue()).isEqualTo(text);
        assertThat(r.get("p").textValue()).isEqualTo(phase);
        assertThat(r.get("i").textValue()).isEqualTo(e.id());
        assertThat(r.get("y").textValue()).isEqualTo(e.type().json());
        assertThat(r.get("e").textValue()).isEqualTo(e.entity());
        assertThat(r.get("d").textValue()).isEqualTo(Alert.duration(e.durationS()));
        assertThat(r.get("keep").textValue()).isEqualTo("{{unknown}}");
        assertEvent(r.get("ev"), e);
    }

    @Property(tries = 500)
    void storedUpstreamsAreValidJson(@ForAll("upstreams") List<Upstream> ups) throws Exception {
        JsonNode n = STRICT.readTree(StoredSignal.upstreamsJson(ups));
        assertUpstreams(n, ups);
    }

    @Property(tries = 200)
    void timelineAnswersAreValidJson(@ForAll("utf8Text") String entity, @ForAll("utf8Text") String from,
            @ForAll @IntRange(min = 0, max = 6) int bins, @ForAll("doubles") double a, @ForAll("doubles") double b,
            @ForAll("upstreams") List<Upstream> first, @ForAll("upstreams") List<Upstream> second,
            @ForAll("text") String garbage) throws Exception {
        List<SignalRow> rows = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            String ups = switch (i % 3) {
                case 0 -> StoredSignal.upstreamsJson(first);
                case 1 -> StoredSignal.upstreamsJson(second);
                default -> garbage; // a damaged or legacy row
            };
            rows.add(new SignalRow(300L * i, i % 2 == 0 ? a : b, b, i, a, i * 7L, -i, ups));
        }
        Timeline tl = Timeline.of(rows, 1);
        for (int lo = 0; lo <= bins; lo++) {
            JsonNode n = STRICT.readTree(new String(tl.json(entity, from, "to", 300, lo, bins), StandardCharsets.UTF_8));
            assertThat(fieldNames(n)).containsExactly("entity", "from", "to", "bin_seconds", "count", "t", "visible_slash24",
                    "visible_prefixes", "peers_seeing", "full_feed_peers", "announcements", "withdrawals", "upstreams",
                    "upstream_changes");
            assertThat(n.get("entity").textValue()).isEqualTo(entity);
            assertThat(n.get("from").textValue()).isEqualTo(from);
            assertThat(n.get("count").intValue()).isEqualTo(bins - lo);
            for (int i = lo; i < bins; i++) {
                assertThat(n.get("t").get(i - lo).longValue()).isEqualTo(300L * i);
                assertNumber(n.get("visible_slash24").get(i - lo), i % 2 == 0 ? a : b);
                assertNumber(n.get("visible_prefixes").get(i - lo), b);
                assertThat(n.get("peers_seeing").get(i - lo).longValue()).isEqualTo(i);
                assertNumber(n.get("full_feed_peers").get(i - lo), a);
                assertThat(n.get("withdrawals").get(i - lo).longValue()).isEqualTo(-i);
            }
            assertThat(n.get("upstreams").isObject()).isTrue();
            if (lo < bins && (bins - 1) % 3 == 0) assertUpstreams(n.get("upstreams"), first);
            n.get("upstream_changes").forEach(c -> assertThat(c.get("upstreams").isObject()).isTrue());
        }
    }

    @Property(tries = 500)
    void errorBodiesAreValidJson(@ForAll @IntRange(min = 400, max = 599) int status, @ForAll("text") String code,
            @ForAll("text") String message) throws Exception {
        JsonNode n = STRICT.readTree(Responses.errorBody(status, code, message));
        assertThat(n.get("error").textValue()).isEqualTo(code);
        assertThat(n.get("message").textValue()).isEqualTo(message);
        assertThat(n.get("status").intValue()).isEqualTo(status);
    }

    // ------------------------------------------------------------------ checks

    static void assertEvent(JsonNode n, Event e) {
        assertThat(fieldNames(n)).containsExactly("id", "type", "entity", "first_evidence", "raised", "lowered",
                "duration_s", "severity", "depth", "extent", "upstreams", "evidence", "pattern", "details", "summary", "score");
        assertThat(n.get("id").textValue()).isEqualTo(e.id());
        assertThat(n.get("entity").textValue()).isEqualTo(e.entity());
        assertThat(n.get("first_evidence").textValue()).isEqualTo(e.firstEvidence().toString());
        assertThat(n.get("lowered").isNull()).isEqualTo(e.lowered() == null);
        assertThat(n.get("duration_s").longValue()).isEqualTo(e.durationS());
        assertNumber(n.get("severity"), e.severity());
        assertNumber(n.get("depth"), e.depth());
        assertNumber(n.get("extent").get("slash24"), e.extent().slash24());
        assertThat(n.get("evidence").size()).isEqualTo(e.evidence().size());
        for (int i = 0; i < e.evidence().size(); i++) {
            assertThat(n.get("evidence").get(i).get("as_path").textValue()).isEqualTo(e.evidence().get(i).asPath());
            assertThat(n.get("evidence").get(i).get("collector").textValue()).isEqualTo(e.evidence().get(i).collector());
        }
        Map<String, String> details = new TreeMap<>();
        n.get("details").properties().forEach(d -> details.put(d.getKey(), d.getValue().textValue()));
        assertThat(details).isEqualTo(e.details());
        assertThat(n.get("summary").textValue()).isEqualTo(e.summary());
    }

    static void assertUpstreams(JsonNode n, List<Upstream> ups) {
        assertThat(fieldNames(n)).isEqualTo(ups.stream().map(u -> Long.toString(u.asn())).toList());
        for (Upstream u : ups) assertNumber(n.get(Long.toString(u.asn())), u.share());
    }

    static void assertNumber(JsonNode n, double v) {
        if (!Double.isFinite(v)) {
            assertThat(n.isNull()).as("%s → %s", v, n).isTrue();
            return;
        }
        assertThat(n.isNumber()).as("%s → %s", v, n).isTrue();
        assertThat(Math.abs(n.doubleValue() - v)).as("%s → %s", v, n).isLessThanOrEqualTo(0.00005 + 4 * Math.ulp(v));
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
