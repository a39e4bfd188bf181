package org.blackout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.blackout.pipeline.config.BlackoutConfig;
import org.blackout.sim.Scenario;
import org.blackout.sim.ScenarioParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo --serve} writes a configuration in the one format that points serve at the demo's own files. */
class DemoServeConfigTest {

    @Test
    void theWrittenConfigurationReadsBackToTheDemosFiles(@TempDir Path out) throws Exception {
        Scenario sc = ScenarioParser.parse(DemoCommand.locate());
        Path file = out.resolve("serve.yml");
        Files.writeString(file, DemoCommand.serveConfig(out, sc));
        BlackoutConfig c = BlackoutConfig.load(file);
        assertThat(c.sources().replay()).containsExactly(out.resolve("mrt").toAbsolutePath());
        assertThat(c.pipeline().entities().rir()).containsExactlyElementsOf(sc.countries().stream().map(Path::toAbsolutePath).toList());
        assertThat(c.pipeline().watch()).containsExactlyElementsOf(DemoCommand.WATCH);
        assertThat(c.store().duckdb()).isEqualTo(out.resolve("blackout.duckdb").toAbsolutePath());
        assertThat(c.pipeline().engine().binMicros()).isEqualTo(300_000_000L);
    }
}
