package org.blackout.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one reader: typed values, paths relative to the file, and errors naming file, line and key. */
class ConfigReaderTest {
    static final String YAML = """
            # a comment line
            engine:
              bin: 5m
              hold: 9h30m
              share: 0.25
            store:
              retention: 400d
              buffer: 16MiB
              file: data/b.duckdb
            http: {listen: "[::1]:9090"}
            watch: [country:KP, as:131279]
            """;

    static ConfigReader read(String yaml) {
        return ConfigReader.parse(yaml, "test.yml", Path.of("/etc/blackout"));
    }

    @Test
    void typedValues() {
        ConfigReader r = read(YAML);
        ConfigReader e = r.section("engine");
        assertThat(e.duration("bin", null)).isEqualTo(Duration.ofMinutes(5));
        assertThat(e.duration("hold", null)).isEqualTo(Duration.ofMinutes(570));
        assertThat(e.decimal("share", 0, 0, 1)).isEqualTo(0.25);
        assertThat(e.duration("absent", Duration.ofSeconds(7))).as("default").isEqualTo(Duration.ofSeconds(7));
        ConfigReader s = r.section("store");
        assertThat(s.duration("retention", null)).isEqualTo(Duration.ofDays(400));
        assertThat(s.size("buffer", 0)).isEqualTo(16L << 20);
        assertThat(s.path("file")).isEqualTo(Path.of("/etc/blackout/data/b.duckdb"));
        assertThat(r.section("http").hostPort("listen", -1)).isEqualTo(new HostPort("::1", 9090));
        assertThat(r.strings("watch")).containsExactly("country:KP", "as:131279");
        assertThat(r.section("alerts").present()).as("an absent section reads as empty").isFalse();
        assertThat(r.section("alerts").keySet()).isEmpty();
    }

    @Test
    void anUnknownKeyIsNamedWithItsLine() {
        assertThatThrownBy(() -> read(YAML).section("engine").keys("bin", "share"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.path()).isEqualTo("engine.hold");
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.source()).isEqualTo("test.yml");
                })
                .hasMessage("test.yml:4: engine.hold: unknown key; expected one of bin, share");
        assertThatThrownBy(() -> read(YAML).keys("engine", "store", "http"))
                .hasMessage("test.yml:11: watch: unknown key; expected one of engine, store, http");
    }

    @Test
    void badValuesAreNamedWithTheirLine() {
        assertThatThrownBy(() -> read("a:\n  b: soon\n").section("a").duration("b", null))
                .hasMessageStartingWith("test.yml:2: a.b: not a duration");
        assertThatThrownBy(() -> read("a: {n: 1.5}").section("a").integer("n", 0, 10)).hasMessage("test.yml:1: a.n: expected an integer, got '1.5'");
        assertThatThrownBy(() -> read("a: {n: 11}").section("a").integer("n", 0, 10)).hasMessage("test.yml:1: a.n: must be in 0..10, got 11");
        assertThatThrownBy(() -> read("a: {f: yes please}").section("a").bool("f", false)).hasMessageContaining("a.f: expected true or false");
        assertThatThrownBy(() -> read("a: {s: 12 parsecs}").section("a").size("s", 0)).hasMessageContaining("a.s: expected a size");
        assertThatThrownBy(() -> read("a: {l: localhost}").section("a").hostPort("l", -1)).hasMessageContaining("a.l: want HOST:PORT");
        assertThatThrownBy(() -> read("a: [1, 2]").section("a")).hasMessage("test.yml:1: a: expected a mapping, got a list");
        assertThatThrownBy(() -> read("a: {}").section("a").string("name")).hasMessageContaining("a.name: required");
        assertThatThrownBy(() -> read("l:\n  - x\n  - {y: 1}\n").strings("l")).hasMessage("test.yml:3: l[1]: expected a value, got a mapping");
        assertThatThrownBy(() -> read("l: [a, b]").list("l", t -> {
            if (t.equals("b")) throw new IllegalArgumentException("not b");
            return t;
        })).hasMessage("test.yml:1: l[1]: not b");
    }

    @Test
    void duplicateKeysAndBrokenYamlAreErrors() {
        assertThatThrownBy(() -> read("a: 1\nb: 2\na: 3\n")).hasMessage("test.yml:3: a: duplicate key");
        assertThatThrownBy(() -> read("a: {b: 1\nc: 2\n")).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.path()).isEqualTo("(yaml)"));
        assertThatThrownBy(() -> read("- a\n- b\n")).hasMessageContaining("(root): expected a mapping, got a list");
        assertThat(read("").keySet()).as("an empty file is an empty configuration").isEmpty();
    }

    @Test
    void sizesAndChoices() {
        ConfigReader r = read("s: {a: 4096, b: 64k, c: 1g, d: 2KiB}\nc: {k: Customer-Positive}");
        ConfigReader s = r.section("s");
        assertThat(List.of(s.size("a", 0), s.size("b", 0), s.size("c", 0), s.size("d", 0))).containsExactly(4096L, 65536L, 1L << 30, 2048L);
        enum Fmt { AUTO, CAIDA, CUSTOMER_POSITIVE }
        assertThat(r.section("c").choice("k", Fmt.class, Fmt.AUTO)).isEqualTo(Fmt.CUSTOMER_POSITIVE);
        assertThatThrownBy(() -> read("c: {k: other}").section("c").choice("k", Fmt.class, Fmt.AUTO))
                .hasMessageContaining("c.k: want one of auto, caida, customer_positive, got 'other'");
    }

    @Test
    void durationsFormatBackToTheirValue() {
        for (String t : List.of("5m", "9h30m", "400d", "250ms", "1m30s", "1d2h3m4s5ms", "0s")) {
            Duration d = Durations.parseNonNegative(t);
            assertThat(Durations.format(d)).isEqualTo(t);
        }
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Durations.parseNonNegative(Durations.format(Duration.ofNanos(1500)))).isEqualTo(Duration.ofNanos(1500));
    }
}
