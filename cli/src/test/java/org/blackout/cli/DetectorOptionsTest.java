package org.blackout.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.blackout.pipeline.Detection;
import org.blackout.pipeline.PipelineSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** replay and collect reach every detector, engine and policy setting through the same flags. */
class DetectorOptionsTest {

    @Test
    void everyDetectorSettingHasAFlagInReplayAndCollect() {
        for (Object command : new Object[] {new ReplayCommand(), new CollectCommand()}) {
            CommandLine cl = new CommandLine(command);
            for (String flag : new String[] {"--prefixes", "--rpki", "--as-rel", "--bin", "--hold", "--threshold", "--detector"}) {
                assertThat(cl.getCommandSpec().findOption(flag)).as("%s %s", cl.getCommandName(), flag).isNotNull();
            }
            for (String key : Detection.keys()) {
                String flag = "--" + key.replace('_', '-');
                assertThat(cl.getCommandSpec().findOption(flag))
                        .as("%s: DetectorConfig.%s needs a flag %s in DetectorOptions", cl.getCommandName(), key, flag).isNotNull();
            }
        }
    }

    @Test
    void flagsReachTheSettings() {
        ReplayCommand r = new ReplayCommand();
        new CommandLine(r).parseArgs("--min-agreeing-peers", "5", "--warmup", "10m", "--detector", "hijack_min_peers=1",
                "--bin", "1m", "--hold", "9h30m", "--threshold", "0.4", "--watch", "country:KP", "x.mrt");
        PipelineSettings s = r.entities.settings(PipelineSettings.defaults(), r.engineOptions, r.detectorOptions, r.policies);
        assertThat(s.detectors().minAgreeingPeers()).isEqualTo(5);
        assertThat(s.detectors().warmup()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.detectors().hijackMinPeers()).isEqualTo(1);
        assertThat(s.engine().binMicros()).isEqualTo(60_000_000L);
        assertThat(s.engine().holdMicros()).isEqualTo(Duration.ofMinutes(570).toNanos() / 1000);
        assertThat(s.engine().threshold()).isEqualTo(0.4);
        assertThat(s.watch()).containsExactly("country:KP");

        CollectCommand c = new CollectCommand();
        new CommandLine(c).parseArgs("--config", "c.yaml", "--min-agreeing-peers", "7", "--hold", "2h");
        PipelineSettings cs = c.entities.settings(PipelineSettings.defaults(), c.engineOptions, c.detectorOptions, c.policies);
        assertThat(cs.detectors().minAgreeingPeers()).isEqualTo(7);
        assertThat(cs.engine().holdMicros()).isEqualTo(7_200_000_000L);
    }

    @Test
    void badValuesAreNamed() {
        ReplayCommand r = new ReplayCommand();
        new CommandLine(r).parseArgs("--detector", "min_agreeing_pears=5", "x.mrt");
        assertThatThrownBy(() -> r.entities.settings(PipelineSettings.defaults(), r.engineOptions, r.detectorOptions, r.policies))
                .hasMessageContaining("unknown detector setting 'min_agreeing_pears'");
        ReplayCommand r2 = new ReplayCommand();
        new CommandLine(r2).parseArgs("--warmup", "soon", "x.mrt");
        assertThatThrownBy(() -> r2.entities.settings(PipelineSettings.defaults(), r2.engineOptions, r2.detectorOptions, r2.policies)).hasMessageContaining("warmup: not a duration");
    }
}
