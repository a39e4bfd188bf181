package org.blackout.core.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.blackout.wire.net.Prefix;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntityMapsTest {

    static Path shared(String rel) {
        String base = System.getProperty("blackout.shared");
        Prerequisites.require(base != null && Files.isDirectory(Path.of(base)), "shared data not available");
        Path p = Path.of(base, rel);
        Prerequisites.require(Files.exists(p), "missing " + p);
        return p;
    }

    static Map<String, Double> split(EntityMaps m, String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.splitByCountry(Prefix.parse(prefix), (cc, f) -> out.merge(CountryCode.decode(cc), f, Double::sum));
        return out;
    }

    @Test
    void apnicDelegationsPlaceNorthKorea() throws Exception {
        EntityMaps.Builder b = EntityMaps.builder();
        assertThat(EntityFiles.load(shared("rir/delegated-apnic-20141224.txt"), b)).isEqualTo(EntityFiles.Kind.RIR_DELEGATED);
        EntityMaps m = b.build();
        assertThat(m.asCountryCode(131279)).isEqualTo("KP");
        assertThat(m.asCountryCode(4837)).isEqualTo("CN");
        assertThat(split(m, "175.45.176.0/22")).containsExactly(Map.entry("KP", 1.0));
        assertThat(split(m, "175.45.178.0/24")).containsExactly(Map.entry("KP", 1.0));
        // a /21 over KP's /22 and the neighbouring block
        assertThat(split(m, "175.45.176.0/21").get("KP")).isEqualTo(0.5);
        assertThat(m.countryRanges(true)).isPositive();
    }

    @Test
    void everyRirFileLoadsBothFormats() throws Exception {
        String[] files = {"delegated-afrinic-extended-2019091x.txt", "delegated-apnic-20260618.txt",
                "delegated-arin-20130813.txt", "delegated-lacnic-20141008.txt", "delegated-lacnic-extended-2019091x.txt",
                "delegated-ripencc-20140520.txt", "delegated-iana-2019091x.txt"};
        EntityMaps.Builder b = EntityMaps.builder();
        for (String f : files) assertThat(EntityFiles.load(shared("rir/" + f), b)).isEqualTo(EntityFiles.Kind.RIR_DELEGATED);
        EntityMaps m = b.build();
        assertThat(m.asCountryCode(30988)).isEqualTo("NG"); // AFRINIC extended
        assertThat(m.asCountryCode(3356)).isEqualTo("US"); // ARIN
        assertThat(split(m, "45.6.232.0/22")).containsExactly(Map.entry("BR", 1.0)); // LACNIC extended
        assertThat(split(m, "5.42.224.0/19")).containsExactly(Map.entry("SA", 1.0)); // RIPE NCC
        assertThat(split(m, "8.8.8.0/24")).containsEntry("US", 1.0);
    }

    @Test
    void syntheticDelegationsSplitAPrefixAcrossCountries() throws Exception {
        String rir = """
                2|test|20200101|4|19830101|20200101|+0000
                test|*|ipv4|*|3|summary
                test|AA|ipv4|10.0.0.0|256|20200101|allocated
                test|BB|ipv4|10.0.1.0|768|20200101|assigned|opaque
                test||ipv4|10.0.4.0|1024|20200101|available
                test|ZZ|ipv4|10.0.8.0|1024|20200101|reserved
                test|CC|ipv6|2001:db8::|32|20200101|allocated
                test|AA|asn|64500|3|20200101|allocated
                """;
        EntityMaps.Builder b = EntityMaps.builder();
        assertThat(RirDelegations.read(new BufferedReader(new StringReader(rir)), b)).isEqualTo(4);
        EntityMaps m = b.build();
        assertThat(split(m, "10.0.0.0/22")).containsExactly(Map.entry("AA", 0.25), Map.entry("BB", 0.75));
        assertThat(split(m, "10.0.4.0/22")).isEmpty();
        assertThat(split(m, "2001:db8:1::/48")).containsExactly(Map.entry("CC", 1.0));
        assertThat(split(m, "2001:db8::/31")).containsExactly(Map.entry("CC", 0.5));
        assertThat(m.asCountryCode(64502)).isEqualTo("AA");
        assertThat(m.asCountryCode(64503)).isNull();
    }

    @Test
    void rangeCsvCountriesAndAsNames() throws Exception {
        String cc = """
                1.0.0.0,1.0.0.255,AU
                1.0.1.0,1.0.3.255,CN
                16778240,16779263,AU
                2001:200::,2001:200:ffff:ffff:ffff:ffff:ffff:ffff,JP
                42540529360620350178005905068154421248,42540529439848512692270242661698371583,SG
                """;
        String asn = """
                1.0.0.0,1.0.0.255,13335,"Cloudflare, Inc."
                1.0.4.0,1.0.7.255,38803,Wirefreebroadband Pty Ltd
                """;
        EntityMaps.Builder b = EntityMaps.builder();
        RangeCsv.read(new BufferedReader(new StringReader(cc)), b);
        RangeCsv.read(new BufferedReader(new StringReader(asn)), b);
        EntityMaps m = b.build();
        assertThat(split(m, "1.0.0.0/22")).containsExactly(Map.entry("AU", 0.25), Map.entry("CN", 0.75));
        assertThat(split(m, "1.0.4.0/22")).containsExactly(Map.entry("AU", 1.0));
        assertThat(split(m, "2001:200::/32")).containsExactly(Map.entry("JP", 1.0));
        assertThat(split(m, "2001:208::/32")).containsExactly(Map.entry("SG", 1.0));
        assertThat(m.asName(13335)).isEqualTo("Cloudflare, Inc.");
        assertThat(m.asCountryCode(38803)).isEqualTo("AU"); // derived from its space
    }

    @Test
    void realRangeCsvFromTheGeoArchive(@TempDir Path tmp) throws Exception {
        Path tgz = shared("geo/ip-location-db-asn-country-2.3.2026061719.tgz");
        Process p = new ProcessBuilder("tar", "-xzf", tgz.toString(), "-C", tmp.toString(),
                "package/asn-country-ipv4.csv").inheritIO().start();
        Prerequisites.require(p.waitFor() == 0, "tar could not unpack " + tgz);
        EntityMaps.Builder b = EntityMaps.builder();
        assertThat(EntityFiles.load(tmp.resolve("package/asn-country-ipv4.csv"), b)).isEqualTo(EntityFiles.Kind.RANGE_CSV);
        EntityMaps m = b.build();
        assertThat(m.countryRanges(false)).isGreaterThan(50_000);
        assertThat(split(m, "175.45.176.0/22")).containsExactly(Map.entry("KP", 1.0));
    }

    @Test
    void pyasnNames() throws Exception {
        EntityMaps.Builder b = EntityMaps.builder();
        assertThat(EntityFiles.load(shared("geo/asnames.json.gz"), b)).isEqualTo(EntityFiles.Kind.AS_NAMES_JSON);
        EntityMaps m = b.build();
        assertThat(m.asName(131279)).isEqualTo("STAR-KP Ryugyong-dong, KP");
        assertThat(m.asNames()).isGreaterThan(50_000);
    }

    @Test
    void namesJsonEscapes() throws Exception {
        EntityMaps.Builder b = EntityMaps.builder();
        AsNamesJson.read(new StringReader("{\"1\": \"A \\\"q\\\" \\u00e9\", \"AS2\": \"B\",\"x\":\"y\", \"3\": null}"), b);
        EntityMaps m = b.build();
        assertThat(m.asName(1)).isEqualTo("A \"q\" é");
        assertThat(m.asName(2)).isEqualTo("B");
        assertThat(m.asNames()).isEqualTo(2);
    }
}
