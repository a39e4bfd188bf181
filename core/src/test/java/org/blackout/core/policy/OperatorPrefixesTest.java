package org.blackout.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.Test;

class OperatorPrefixesTest {

    private static Prefix p(String s) {
        return Prefix.parse(s);
    }

    private static OperatorPrefixes parse(String yaml) throws IOException {
        return OperatorPrefixes.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");
    }

    @Test
    void readsBgpalertersFileAsIs() throws IOException {
        OperatorPrefixes ops = OperatorPrefixes.read(Fixtures.file("prefixes.yml"));
        assertThat(ops.prefixes()).containsExactly(
                new MonitoredPrefix(p("192.0.2.0/24"), "anycast block", List.of(64500L), false, false, List.of("noc")),
                new MonitoredPrefix(p("198.51.100.0/22"), "customers announce more-specifics", List.of(64500L, 64501L), true, false,
                        List.of("noc", "peering")),
                new MonitoredPrefix(p("198.51.100.128/25"), "delegated away", List.of(64502L), false, true, List.of("default")),
                new MonitoredPrefix(p("2001:db8::/32"), "v6 aggregate", List.of(64500L), false, false, List.of("default")));
        assertThat(ops.monitoredAsns()).containsExactly(new MonitoredAsn(64500, List.of("noc")), new MonitoredAsn(64501, List.of("peering")));
        assertThat(ops.monitoredAsn(64501).groups()).containsExactly("peering");
        assertThat(ops.monitoredAsn(64502)).isNull();
    }

    @Test
    void matchingFollowsBgpalerter() throws IOException {
        OperatorPrefixes ops = OperatorPrefixes.read(Fixtures.file("prefixes.yml"));
        MonitoredPrefix anycast = ops.get(p("192.0.2.0/24"));
        assertThat(ops.watching(p("192.0.2.0/24"))).isSameAs(anycast);
        assertThat(ops.watching(p("192.0.2.0/25"))).as("a more-specific is watched: a sub-prefix hijack").isSameAs(anycast);
        assertThat(anycast.allowsOrigin(64500)).isTrue();
        assertThat(anycast.allowsOrigin(64666)).isFalse();
        assertThat(ops.watching(p("192.0.3.0/24"))).isNull();
        assertThat(ops.watching(p("192.0.0.0/16"))).as("a less-specific is not ours").isNull();
        // ignoreMorespecifics: the /22 itself is watched, its more-specifics are not
        assertThat(ops.watching(p("198.51.100.0/22")).description()).isEqualTo("customers announce more-specifics");
        assertThat(ops.watching(p("198.51.101.0/24"))).isNull();
        assertThat(ops.longestMatch(p("198.51.101.0/24"))).isSameAs(ops.get(p("198.51.100.0/22")));
        // ignore: listed to be excluded
        assertThat(ops.watching(p("198.51.100.128/25"))).isNull();
        assertThat(ops.watching(p("198.51.100.192/26"))).isNull();
        assertThat(ops.longestMatch(p("198.51.100.192/26")).ignore()).isTrue();
        assertThat(ops.watching(p("2001:db8:1::/48")).description()).isEqualTo("v6 aggregate");
    }

    @Test
    void emptyAndMinimalFiles() throws IOException {
        assertThat(parse("").prefixes()).isEmpty();
        OperatorPrefixes ops = parse("192.0.2.0/24:\n  asn: [\"AS64500\", 4200000000]\noptions:\n");
        assertThat(ops.prefixes()).singleElement().satisfies(m -> {
            assertThat(m.origins()).containsExactly(64500L, 4_200_000_000L);
            assertThat(m.groups()).containsExactly("default");
            assertThat(m.description()).isEmpty();
        });
        assertThat(ops.monitoredAsns()).isEmpty();
        assertThat(parse("options:\n  monitorASns:\n    AS64500:\n").monitoredAsns()).containsExactly(new MonitoredAsn(64500, List.of("default")));
    }

    @Test
    void errorsNameTheFileAndLine() {
        assertThatThrownBy(() -> OperatorPrefixes.read(Fixtures.file("bad-prefixes.yml")))
                .isInstanceOf(PolicyFormatException.class)
                .hasMessageContaining("bad-prefixes.yml:7:")
                .hasMessageContaining("unknown field 'ignoreMoreSpecifics'")
                .satisfies(e -> assertThat(((PolicyFormatException) e).line()).isEqualTo(7));
        assertThatThrownBy(() -> parse("192.0.2.0/24:\n  description: x\n")).hasMessageStartingWith("test.yml:1:1: 192.0.2.0/24: no 'asn'");
        assertThatThrownBy(() -> parse("192.0.2.0/24:\n  asn: 1\nexample.com:\n  asn: 2\n"))
                .hasMessageStartingWith("test.yml:3:1: 'example.com' is neither a prefix nor 'options'");
        assertThatThrownBy(() -> parse("192.0.2.1/24:\n  asn: 1\n")).hasMessageContaining("host bits set");
        assertThatThrownBy(() -> parse("192.0.2.0/24:\n  asn: 1\n  ignore: maybe\n"))
                .hasMessageStartingWith("test.yml:3:").hasMessageContaining("192.0.2.0/24.ignore: expected true or false");
        assertThatThrownBy(() -> parse("192.0.2.0/24:\n  asn: AS-FOO\n")).hasMessageStartingWith("test.yml:2:").hasMessageContaining("not an AS number");
        assertThatThrownBy(() -> parse("192.0.2.0/24:\n  asn: 1\n192.0.2.0/24:\n  asn: 2\n")).hasMessageStartingWith("test.yml:3:1: prefix 192.0.2.0/24 listed twice");
        assertThatThrownBy(() -> parse("options:\n  monitorASns:\n    'x1':\n      group: a\n")).hasMessageStartingWith("test.yml:3:");
        assertThatThrownBy(() -> parse("192.0.2.0/24:\n  asn: 1\n  description: \"unterminated\n")).isInstanceOf(PolicyFormatException.class).hasMessageContaining("malformed YAML");
        assertThatThrownBy(() -> parse("- 192.0.2.0/24\n")).hasMessageContaining("expected a map of prefixes");
    }

    @Test
    void builtInCodeRefusesDuplicates() {
        MonitoredPrefix m = new MonitoredPrefix(p("192.0.2.0/24"), null, List.of(1L), false, false, List.of());
        assertThatThrownBy(() -> OperatorPrefixes.of(List.of(m, m), List.of())).hasMessageContaining("listed twice");
        assertThat(OperatorPrefixes.of(List.of(m), List.of()).get(p("192.0.2.0/24"))).isSameAs(m);
    }
}
