package org.blackout.core.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entity files with malformed lines: the loaders skip them, and say so (how many, the first with its
 * line number); a file that yields nothing is an error naming the file and its first bad line.
 */
class EntityFileSkipsTest {
    @TempDir
    Path tmp;

    private final List<String> warnings = new ArrayList<>();

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void rirDelegationsWithBadLinesKeepTheGoodOnesAndReportTheBad() throws Exception {
        Path f = write("delegated-test.txt", """
                2|test|20200101|6|19830101|20200101|+0000
                # a comment
                test|*|ipv4|*|3|summary
                test|AA|ipv4|10.0.0.0|256|20200101|allocated
                test|BB|ipv4|10.0.1|256|20200101|allocated
                test|CC|ipx|10.0.2.0|256|20200101|allocated
                test|DD|ipv4
                test||ipv4|10.0.4.0|1024|20200101|available
                test|AA|asn|64500|1|20200101|allocated
                """);
        EntityMaps.Builder b = EntityMaps.builder();
        assertThat(EntityFiles.load(f, b, warnings::add)).isEqualTo(EntityFiles.Kind.RIR_DELEGATED);
        assertThat(warnings).singleElement().asString()
                .contains(f.toString(), "skipped 3 malformed RIR delegation lines", "(2 records taken)",
                        "first at line 5", "not an IPv4 address: 10.0.1", "test|BB|ipv4|10.0.1|");
        EntityMaps m = b.build();
        assertThat(m.asCountryCode(64500)).isEqualTo("AA");
        assertThat(m.countryRanges(false)).isEqualTo(1);
    }

    @Test
    void anRirFileThatYieldsNothingIsAnErrorNamingTheFirstBadLine() throws Exception {
        Path f = write("delegated-broken.txt", """
                2|test|20200101|2|19830101|20200101|+0000
                test|AA|ipv4|10.0.0.0|-5|20200101|allocated
                test|BB|ipv4|not-an-address|256|20200101|allocated
                """);
        assertThatThrownBy(() -> EntityFiles.load(f, EntityMaps.builder(), warnings::add))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("no usable RIR delegation records")
                .hasMessageContaining("2 malformed, the first at line 2: address count -5");
        assertThat(warnings).isEmpty();
    }

    @Test
    void rangeCsvWithBadRowsKeepsTheGoodOnesAndReportsTheBad() throws Exception {
        Path f = write("ranges.csv", """
                start,end,country
                1.0.0.0,1.0.0.255,AU
                1.0.1.0;1.0.3.255;CN
                1.0.4.0,2001:db8::,JP
                1.0.8.0,1.0.15.255,CN
                1.0.16.0,1.0.31.255
                """);
        EntityMaps.Builder b = EntityMaps.builder();
        assertThat(EntityFiles.load(f, b, warnings::add)).isEqualTo(EntityFiles.Kind.RANGE_CSV);
        assertThat(warnings).singleElement().asString()
                .contains(f.toString(), "skipped 3 malformed range CSV lines", "(2 records taken)",
                        "first at line 3: 1 fields, 3 or 4 expected: '1.0.1.0;1.0.3.255;CN'");
        assertThat(b.build().countryRanges(false)).isEqualTo(2);
    }

    @Test
    void aRangeCsvThatYieldsNothingIsAnError() throws Exception {
        Path f = write("asn.csv", """
                1.0.0.0,1.0.0.255,AS13335,Cloudflare
                1.0.4.0,1.0.7.255,AS38803,Wirefreebroadband
                """);
        assertThatThrownBy(() -> EntityFiles.load(f, EntityMaps.builder(), warnings::add))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("first at line 1: AS number 'AS13335' does not parse");
        Path empty = write("empty.csv", "# nothing here\n\n");
        assertThatThrownBy(() -> EntityFiles.load(empty, EntityMaps.builder(), warnings::add))
                .isInstanceOf(IOException.class).hasMessageContaining(empty.toString())
                .hasMessageContaining("no usable range CSV records");
    }

    @Test
    void asNamesWithKeysThatAreNotAsNumbersAreReportedWithTheirLine() throws Exception {
        Path f = write("asnames.json", "{\n\"1\": \"LVLT-1\",\n\"AS2\": \"UDEL-DCN\",\n\"three\": \"x\",\n\"4\": null\n}\n");
        EntityMaps.Builder b = EntityMaps.builder();
        assertThat(EntityFiles.load(f, b, warnings::add)).isEqualTo(EntityFiles.Kind.AS_NAMES_JSON);
        assertThat(warnings).singleElement().asString()
                .contains(f.toString(), "skipped 1 malformed AS names line", "first at line 4: key is not an AS number");
        assertThat(b.build().asName(2)).isEqualTo("UDEL-DCN");

        Path bad = write("names.json", "{\n\"x\": \"y\"}");
        assertThatThrownBy(() -> EntityFiles.load(bad, EntityMaps.builder(), warnings::add))
                .isInstanceOf(IOException.class).hasMessageContaining(bad.toString())
                .hasMessageContaining("first at line 2");
    }

    /** The real delegation files are clean but for one broken line of IANA's: only that is reported. */
    @Test
    void realRirFilesReportOnlyTheirBrokenLines() throws Exception {
        Path dir = Prerequisites.sharedData("rir");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("delegated-")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(9);
        for (Path f : files) EntityFiles.load(f, EntityMaps.builder(), warnings::add);
        assertThat(warnings).singleElement().asString().contains("delegated-iana-2019091x.txt: skipped 1 malformed",
                "first at line 1007: 4 fields, 7 expected: '|3|19990401|arin'");
    }
}
