package org.blackout.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The effective configuration printed reads back to the same configuration, with every default written out. */
class ConfigPrinterTest {

    @Test
    void printedConfigurationReadsBackToTheSameSettings() {
        BlackoutConfig c = ConfigLoaderTest.parse(ConfigLoaderTest.FULL);
        String printed = ConfigPrinter.yaml(c);
        BlackoutConfig again = ConfigLoader.parse(printed, "printed", Path.of("/elsewhere"));
        assertThat(again.sources()).isEqualTo(c.sources());
        assertThat(again.pipeline()).isEqualTo(c.pipeline());
        assertThat(again.store()).isEqualTo(c.store());
        assertThat(again.http()).isEqualTo(c.http());
        // the email password is a secret: the only field not printed
        assertThat(again.alerts()).isEqualTo(c.alerts());
        assertThat(ConfigPrinter.yaml(again)).as("printing is stable").isEqualTo(printed);
    }

    @Test
    void defaultsAreWrittenOutAndSecretsAreNot() {
        BlackoutConfig c = ConfigLoaderTest.parse("http: {token: s3cret}\nstore: {jdbc: 'jdbc:postgresql://db/b', password_env: PGPASS}");
        String printed = ConfigPrinter.yaml(c);
        assertThat(printed).contains("min_agreeing_peers: " + c.pipeline().detectors().minAgreeingPeers(), "bin: 5m", "hold: 1h",
                "listen: 127.0.0.1:8080", "update_interval: 30m", "password_env: PGPASS", "token: " + ConfigPrinter.HIDDEN);
        assertThat(printed).doesNotContain("s3cret");
        for (String section : BlackoutConfig.SECTIONS) assertThat(printed).contains(section + ":");
    }
}
