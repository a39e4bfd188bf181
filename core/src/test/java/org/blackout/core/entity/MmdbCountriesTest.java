package org.blackout.core.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.blackout.wire.net.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MmdbCountriesTest {

    static int v4(String a) {
        return IpAddress.parse(a).v4Address();
    }

    static byte[] db() {
        return new TinyMmdb()
                .add(v4("175.45.176.0"), 22, Map.of("country", Map.of("iso_code", "KP")))
                .add(v4("1.0.0.0"), 24, Map.of("country_code", "AU"))
                .add(v4("8.8.8.0"), 24, Map.of("registered_country", Map.of("iso_code", "US"),
                        "autonomous_system_number", 15169L, "autonomous_system_organization", "GOOGLE"))
                .bytes();
    }

    @Test
    void networksBecomeCountryRangesAndAsNames(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("tiny.mmdb");
        Files.write(f, db());
        EntityMaps.Builder b = EntityMaps.builder();
        assertThat(EntityFiles.load(f, b)).isEqualTo(EntityFiles.Kind.MMDB);
        EntityMaps m = b.build();
        assertThat(EntityMapsTest.split(m, "175.45.176.0/24")).containsExactly(Map.entry("KP", 1.0));
        assertThat(EntityMapsTest.split(m, "175.45.176.0/21")).containsExactly(Map.entry("KP", 0.5));
        assertThat(EntityMapsTest.split(m, "1.0.0.0/23")).containsExactly(Map.entry("AU", 0.5));
        assertThat(EntityMapsTest.split(m, "8.8.8.0/24")).containsExactly(Map.entry("US", 1.0));
        assertThat(m.asName(15169)).isEqualTo("GOOGLE");
    }

    @Test
    void readsFromAStream() throws Exception {
        EntityMaps.Builder b = EntityMaps.builder();
        assertThat(MmdbCountries.read(new ByteArrayInputStream(db()), b)).isEqualTo(3);
    }
}
