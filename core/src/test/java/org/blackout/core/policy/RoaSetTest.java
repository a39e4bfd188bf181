package org.blackout.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoaSetTest {

    private static Prefix p(String s) {
        return Prefix.parse(s);
    }

    private static RoaSet set(Roa... roas) {
        return RoaSet.of(List.of(roas));
    }

    @Test
    void rfc6811StatesWithTheInvalidReasonTold() {
        RoaSet roas = set(new Roa(p("192.0.2.0/24"), 24, 64500), new Roa(p("198.51.100.0/22"), 23, 64501),
                new Roa(p("198.51.100.0/24"), 24, 64502));
        assertThat(roas.validate(p("192.0.2.0/24"), 64500)).isEqualTo(RovState.VALID);
        assertThat(roas.validate(p("192.0.2.0/24"), 64666)).isEqualTo(RovState.INVALID_ASN);
        assertThat(roas.validate(p("192.0.2.0/25"), 64500)).isEqualTo(RovState.INVALID_LENGTH);
        assertThat(roas.validate(p("192.0.2.0/25"), 64666)).isEqualTo(RovState.INVALID_ASN);
        assertThat(roas.validate(p("192.0.3.0/24"), 64500)).isEqualTo(RovState.NOT_FOUND);
        // less specific than every VRP: not covered, so not found
        assertThat(roas.validate(p("192.0.0.0/16"), 64500)).isEqualTo(RovState.NOT_FOUND);
        assertThat(roas.validate(p("198.51.100.0/23"), 64501)).isEqualTo(RovState.VALID);
        assertThat(roas.validate(p("198.51.101.0/24"), 64501)).isEqualTo(RovState.INVALID_LENGTH);
        // any one matching VRP makes it valid, whatever the others say
        assertThat(roas.validate(p("198.51.100.0/24"), 64502)).isEqualTo(RovState.VALID);
        assertThat(roas.validate(p("198.51.100.0/24"), 64501)).isEqualTo(RovState.INVALID_LENGTH);
        assertThat(roas.validate(p("198.51.100.0/24"), 64503)).isEqualTo(RovState.INVALID_ASN);
        assertThat(roas.validate(p("2001:db8::/32"), 64500)).isEqualTo(RovState.NOT_FOUND);
    }

    @Test
    void as0VrpsNeverMatchAndAsSetOriginsMatchNothing() {
        RoaSet roas = set(new Roa(p("203.0.113.0/24"), 32, 0), new Roa(p("192.0.2.0/24"), 24, 64500));
        assertThat(roas.validate(p("203.0.113.0/24"), 0)).isEqualTo(RovState.INVALID_ASN);
        assertThat(roas.validate(p("203.0.113.0/24"), 64500)).isEqualTo(RovState.INVALID_ASN);
        assertThat(roas.validate(p("192.0.2.0/24"), RoaSet.NO_ORIGIN)).isEqualTo(RovState.INVALID_ASN);
        assertThat(roas.validate(p("192.0.3.0/24"), RoaSet.NO_ORIGIN)).isEqualTo(RovState.NOT_FOUND);
        assertThat(new Roa(p("203.0.113.0/24"), 32, 0).matches(p("203.0.113.0/24"), 0)).isFalse();
    }

    @Test
    void fourByteAsnsAndIpv6() {
        RoaSet roas = set(new Roa(p("2001:db8::/32"), 48, 4_200_000_000L), new Roa(p("2001:db8:1::/48"), 128, 64500));
        assertThat(roas.validate(p("2001:db8:2::/48"), 4_200_000_000L)).isEqualTo(RovState.VALID);
        assertThat(roas.validate(p("2001:db8:2::/49"), 4_200_000_000L)).isEqualTo(RovState.INVALID_LENGTH);
        assertThat(roas.validate(p("2001:db8:1::1/128"), 64500)).isEqualTo(RovState.VALID);
        assertThat(roas.validate(p("2001:db8:1::1/128"), 4_200_000_000L)).isEqualTo(RovState.INVALID_LENGTH);
        assertThat(roas.validate(p("2001:db8:1::1/128"), 4_200_000_000L - (1L << 32))).isEqualTo(RovState.INVALID_ASN);
    }

    @Test
    void stateNamesForJson() {
        assertThat(RovState.VALID.json()).isEqualTo("valid");
        assertThat(RovState.INVALID_ASN.json()).isEqualTo("invalid-asn");
        assertThat(RovState.INVALID_LENGTH.json()).isEqualTo("invalid-length");
        assertThat(RovState.NOT_FOUND.json()).isEqualTo("not-found");
        for (RovState s : RovState.values()) assertThat(RovState.ofJson(s.json())).isEqualTo(s);
        assertThat(RovState.INVALID_LENGTH.invalid()).isTrue();
        assertThat(RovState.NOT_FOUND.invalid()).isFalse();
    }

    @Test
    void roaChecksItsFields() {
        assertThatThrownBy(() -> new Roa(p("192.0.2.0/24"), 23, 1)).hasMessageContaining("maxLength 23");
        assertThatThrownBy(() -> new Roa(p("192.0.2.0/24"), 33, 1)).hasMessageContaining("maxLength 33");
        assertThatThrownBy(() -> new Roa(p("192.0.2.0/24"), 24, 1L << 32)).hasMessageContaining("out of range");
        assertThat(new Roa(p("2001:db8::/32"), 128, 1).trustAnchor()).isEmpty();
    }

    @Test
    void coveringListsTheEvidence() {
        RoaSet roas = set(new Roa(p("198.51.100.0/22"), 24, 64501, "ripe"), new Roa(p("198.51.100.0/24"), 24, 64502, "arin"),
                new Roa(p("198.51.100.0/22"), 22, 64503, "ripe"));
        assertThat(roas.covering(p("198.51.100.0/24"))).containsExactly(new Roa(p("198.51.100.0/22"), 24, 64501, "ripe"),
                new Roa(p("198.51.100.0/22"), 22, 64503, "ripe"), new Roa(p("198.51.100.0/24"), 24, 64502, "arin"));
        assertThat(roas.covering(p("198.51.104.0/24"))).isEmpty();
        assertThat(roas.size()).isEqualTo(3);
        assertThat(roas.roas()).hasSize(3).contains(new Roa(p("198.51.100.0/24"), 24, 64502, "arin"));
        assertThat(roas.trustAnchors()).containsExactly("ripe", "arin");
    }

    /** Against RFC 6811's definition applied VRP by VRP, on random sets (seeded). */
    @Test
    void agreesWithTheRfcDefinition() {
        Random rnd = new Random(6811);
        for (int round = 0; round < 20; round++) {
            List<Roa> list = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                Prefix pr = PrefixIndexTest.random(rnd);
                int max = pr.length() + rnd.nextInt((pr.v6() ? 128 : 32) - pr.length() + 1);
                list.add(new Roa(pr, max, rnd.nextInt(6)));
            }
            RoaSet roas = RoaSet.of(list);
            for (int q = 0; q < 2000; q++) {
                Prefix route = PrefixIndexTest.random(rnd);
                long origin = rnd.nextInt(6);
                boolean covered = false, valid = false, asnSeen = false;
                for (Roa r : list) {
                    if (!r.prefix().covers(route)) continue;
                    covered = true;
                    valid |= r.matches(route, origin);
                    asnSeen |= r.asn() == origin && origin != 0;
                }
                RovState expected = valid ? RovState.VALID : !covered ? RovState.NOT_FOUND : asnSeen ? RovState.INVALID_LENGTH : RovState.INVALID_ASN;
                assertThat(roas.validate(route, origin)).as("%s from AS%d", route, origin).isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rpki-client.json", "routinator.json", "routinator-jsonext.json", "vrps.csv"})
    void everyFormatReadsToTheSameVrps(String name) throws IOException {
        List<Roa> roas = RoaFiles.read(Fixtures.file(name));
        assertThat(roas).containsExactly(
                new Roa(p("1.0.0.0/24"), 24, 13335, roas.get(0).trustAnchor()),
                new Roa(p("192.0.2.0/24"), 24, 64500, roas.get(1).trustAnchor()),
                new Roa(p("198.51.100.0/22"), 24, 64501, roas.get(2).trustAnchor()),
                new Roa(p("203.0.113.0/24"), 32, 0, roas.get(3).trustAnchor()),
                new Roa(p("2001:db8::/32"), 48, 64502, roas.get(4).trustAnchor()));
        // jsonext names the TAL per source, not per VRP: no trust anchor there
        if (!name.contains("jsonext")) assertThat(roas).extracting(Roa::trustAnchor).containsExactly("apnic", "arin", "ripe", "apnic-as0", "ripe");
        RoaSet set = RoaSet.read(Fixtures.file(name));
        assertThat(set.validate(p("1.0.0.0/24"), 13335)).isEqualTo(RovState.VALID);
        assertThat(set.validate(p("198.51.101.0/24"), 64501)).isEqualTo(RovState.VALID);
        assertThat(set.validate(p("198.51.101.0/25"), 64501)).isEqualTo(RovState.INVALID_LENGTH);
        assertThat(set.validate(p("203.0.113.7/32"), 64500)).isEqualTo(RovState.INVALID_ASN);
        assertThat(set.validate(p("2001:db8:ff::/48"), 64502)).isEqualTo(RovState.VALID);
    }

    @Test
    void gzipIsDetected() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
            gz.write(Files.readAllBytes(Fixtures.file("routinator.json")));
        }
        assertThat(RoaFiles.read(new ByteArrayInputStream(buf.toByteArray()), "vrps.json.gz")).hasSize(5);
        assertThat(RoaSet.read(new ByteArrayInputStream(buf.toByteArray()), "vrps.json.gz").validate(p("1.0.0.0/24"), 13335)).isEqualTo(RovState.VALID);
    }

    @Test
    void csvColumnsAreFoundByName() throws IOException {
        String csvext = """
                URI,ASN,IP Prefix,Max Length,Not Before,Not After
                rsync://rpki.example/a.roa,AS64500,192.0.2.0/24,24,2024-01-01 00:00:00,2024-06-01 00:00:00
                """;
        assertThat(read(csvext, "csvext")).containsExactly(new Roa(p("192.0.2.0/24"), 24, 64500));
    }

    @Test
    void csvErrorsNameTheFileAndLine() {
        assertThatThrownBy(() -> RoaFiles.read(Fixtures.file("bad-line.csv")))
                .isInstanceOf(PolicyFormatException.class)
                .hasMessageContaining("bad-line.csv:3: ")
                .hasMessageContaining("Max Length is not a number: 'twenty'")
                .satisfies(e -> assertThat(((PolicyFormatException) e).line()).isEqualTo(3));
        assertThatThrownBy(() -> read("AS1,192.0.2.0/24,24,x\n", "noheader.csv"))
                .hasMessageStartingWith("noheader.csv:1: expected a header line");
        assertThatThrownBy(() -> read("ASN,IP Prefix,Max Length\nAS1,192.0.2.0/24\n", "short.csv"))
                .hasMessageStartingWith("short.csv:2: expected 3 comma-separated fields");
        assertThatThrownBy(() -> read("ASN,IP Prefix,Max Length\nAS1,192.0.2.1/24,24\n", "host.csv"))
                .hasMessageStartingWith("host.csv:2: host bits set beyond /24 in 192.0.2.1/24");
        assertThatThrownBy(() -> read("ASN,IP Prefix,Max Length\nASx,192.0.2.0/24,24\n", "asn.csv"))
                .hasMessageStartingWith("asn.csv:2: not an AS number: 'ASx'");
        assertThatThrownBy(() -> read("ASN,IP Prefix,Max Length\nAS1,192.0.2.0/24,16\n", "max.csv"))
                .hasMessageStartingWith("max.csv:2: maxLength 16 outside 24..32");
        assertThatThrownBy(() -> read("", "empty.csv")).hasMessageContaining("empty.csv").hasMessageContaining("empty");
    }

    @Test
    void jsonErrorsNameTheFileLineAndField() {
        assertThatThrownBy(() -> RoaFiles.read(Fixtures.file("bad-field.json")))
                .isInstanceOf(PolicyFormatException.class)
                .hasMessageContaining("bad-field.json:4:")
                .hasMessageContaining("roas[1].prefix")
                .hasMessageContaining("33");
        assertThatThrownBy(() -> read("{\"roas\": [{\"asn\": 1, \"prefix\": \"192.0.2.0/24\"}]}", "nomax.json"))
                .hasMessageStartingWith("nomax.json:1:11: roas[0]: no \"maxLength\"");
        assertThatThrownBy(() -> read("{\"roas\": [\n{\"asn\": \"ASx\", \"prefix\": \"192.0.2.0/24\", \"maxLength\": 24}]}", "asn.json"))
                .hasMessageStartingWith("asn.json:2:9: roas[0].asn: not an AS number");
        assertThatThrownBy(() -> read("{\"roas\": [{\"asn\": 1, \"prefix\": \"192.0.2.0/24\", \"maxLength\": \"24\"}]}", "str.json"))
                .hasMessageContaining("roas[0].maxLength: expected an integer");
        assertThatThrownBy(() -> read("{\"vrps\": []}", "other.json")).hasMessageContaining("no \"roas\" array");
        assertThatThrownBy(() -> read("{\"roas\": [{\"asn\": 1,\n\"prefix\": }]}", "broken.json"))
                .isInstanceOf(PolicyFormatException.class)
                .hasMessageStartingWith("broken.json:2:")
                .hasMessageContaining("malformed JSON");
    }

    private static List<Roa> read(String text, String name) throws IOException {
        return RoaFiles.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), name);
    }
}
