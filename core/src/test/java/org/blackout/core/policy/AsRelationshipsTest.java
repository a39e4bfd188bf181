package org.blackout.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.blackout.core.policy.Relation.CUSTOMER_OF;
import static org.blackout.core.policy.Relation.PEER;
import static org.blackout.core.policy.Relation.PROVIDER_OF;
import static org.blackout.core.policy.Relation.UNKNOWN;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class AsRelationshipsTest {

    private static AsRelationships read(String text, AsRelFormat format) throws IOException {
        return AsRelationships.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), "test.as-rel", format);
    }

    private static void assertFixtureGraph(AsRelationships r) {
        assertThat(r.relation(174, 209)).isEqualTo(PEER);
        assertThat(r.relation(209, 174)).isEqualTo(PEER);
        assertThat(r.relation(174, 64500)).isEqualTo(PROVIDER_OF);
        assertThat(r.relation(64500, 174)).isEqualTo(CUSTOMER_OF);
        assertThat(r.relation(64510, 64500)).isEqualTo(CUSTOMER_OF);
        assertThat(r.relation(64500, 64510)).isEqualTo(PROVIDER_OF);
        assertThat(r.relation(174, 64510)).as("not transitive").isEqualTo(UNKNOWN);
        assertThat(r.relation(174, 174)).isEqualTo(UNKNOWN);
        assertThat(r.conflicts()).isZero();
    }

    @Test
    void caidaSerial1AndSerial2() throws IOException {
        for (String name : new String[] {"caida-serial1.as-rel.txt", "caida-serial2.as-rel2.txt"}) {
            AsRelationships r = AsRelationships.read(Fixtures.file(name), AsRelFormat.CAIDA);
            assertFixtureGraph(r);
            assertThat(r.relation(209, 64501)).isEqualTo(PROVIDER_OF);
            assertThat(r.size()).isEqualTo(4);
        }
    }

    @Test
    void customerPositiveListsLinksFromBothEnds() throws IOException {
        AsRelationships r = AsRelationships.read(Fixtures.file("customer-positive-rel.txt"), AsRelFormat.CUSTOMER_POSITIVE);
        assertFixtureGraph(r);
        assertThat(r.size()).isEqualTo(3);
    }

    @Test
    void theWrongFormatShowsAsConflictsOrAnError() throws IOException {
        // CAIDA never writes 1: reading such a file as CAIDA fails on the line
        assertThatThrownBy(() -> AsRelationships.read(Fixtures.file("customer-positive-rel.txt"), AsRelFormat.CAIDA))
                .isInstanceOf(PolicyFormatException.class)
                .hasMessageContaining("customer-positive-rel.txt:4: relationship '1' is not one of the CAIDA format's");
        AsRelationships r = read("1|2|-1\n2|1|-1\n", AsRelFormat.CUSTOMER_POSITIVE);
        assertThat(r.conflicts()).isEqualTo(1);
        assertThat(r.relation(1, 2)).as("first listing kept").isEqualTo(PROVIDER_OF);
    }

    @Test
    void errorsNameTheLine() {
        assertThatThrownBy(() -> read("# header\n1|2|-1\n1|2\n", AsRelFormat.CAIDA)).hasMessageStartingWith("test.as-rel:3: expected AS1|AS2|rel");
        assertThatThrownBy(() -> read("1|x|-1\n", AsRelFormat.CAIDA)).hasMessageStartingWith("test.as-rel:1: not an AS number: 'x'");
        assertThatThrownBy(() -> read("1|2|2\n", AsRelFormat.CUSTOMER_POSITIVE)).hasMessageStartingWith("test.as-rel:1: relationship '2'");
        assertThatThrownBy(() -> read("1|2|p2c\n", AsRelFormat.CAIDA)).hasMessageStartingWith("test.as-rel:1: relationship 'p2c'");
        assertThatThrownBy(() -> read("7|7|0\n", AsRelFormat.CAIDA)).hasMessageStartingWith("test.as-rel:1: AS7 related to itself");
    }

    @Test
    void gzipAndFourByteAsns() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
            gz.write("4294967295|4200000000|-1|bgp\n".getBytes(StandardCharsets.US_ASCII));
        }
        AsRelationships r = AsRelationships.read(new ByteArrayInputStream(buf.toByteArray()), "x.gz", AsRelFormat.CAIDA);
        assertThat(r.relation(4_294_967_295L, 4_200_000_000L)).isEqualTo(PROVIDER_OF);
        assertThat(r.relation(4_200_000_000L, 4_294_967_295L)).isEqualTo(CUSTOMER_OF);
    }

    @Test
    void builderSkipsUnknownAndRefusesSelfLinks() {
        AsRelationships r = AsRelationships.builder().add(1, 2, UNKNOWN).add(3, 2, CUSTOMER_OF).build();
        assertThat(r.size()).isEqualTo(1);
        assertThat(r.relation(2, 3)).isEqualTo(PROVIDER_OF);
        assertThatThrownBy(() -> AsRelationships.builder().add(5, 5, PEER)).hasMessageContaining("itself");
        for (Relation rel : Relation.values()) assertThat(rel.inverse().inverse()).isEqualTo(rel);
    }

    /** The shared thunderwolf file (GPL: read in place, never copied into the repository). */
    @Test
    void realThunderwolfGraph() throws IOException {
        Path file = Fixtures.shared("asrel/thunderwolf-whole-internet-rel.txt").orElse(null);
        Assumptions.assumeTrue(file != null, "shared data absent (system property blackout.shared): skipping the real AS relationship file");
        long t0 = System.nanoTime();
        AsRelationships r = AsRelationships.read(file, AsRelFormat.CUSTOMER_POSITIVE);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.err.printf("thunderwolf: %d links, %d conflicts, read in %d ms%n", r.size(), r.conflicts(), ms);
        // the README's fact: China Unicom is North Korea's provider (so is Intelsat, AS22351)
        assertThat(r.relation(4837, 131279)).isEqualTo(PROVIDER_OF);
        assertThat(r.relation(131279, 4837)).isEqualTo(CUSTOMER_OF);
        assertThat(r.relation(22351, 131279)).isEqualTo(PROVIDER_OF);
        assertThat(r.relation(3, 1239)).isEqualTo(CUSTOMER_OF);
        // 233,860 lines, each provider link listed from both ends: 73,324 + 87,212 / 2 distinct pairs, if peers are too
        assertThat(r.size()).isBetween(73_324 + 87_212 / 2, 73_324 + 87_212);
        assertThat(r.conflicts()).as("a file read with its own convention agrees with itself").isZero();
        assertThatThrownBy(() -> AsRelationships.read(file, AsRelFormat.CAIDA)).hasMessageContaining(file + ":1: relationship '1'");
        assertThat(Files.size(file)).isPositive();
    }
}
