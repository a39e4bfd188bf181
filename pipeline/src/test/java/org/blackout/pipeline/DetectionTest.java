package org.blackout.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.blackout.core.detect.DetectorConfig;
import org.junit.jupiter.api.Test;

class DetectionTest {

    @Test
    void everySettingHasASnakeCaseName() {
        assertThat(Detection.keys()).hasSize(DetectorConfig.class.getRecordComponents().length)
                .contains("warmup", "min_agreeing_peers", "instability_window", "hijack_min_peers", "evidence");
        assertThat(Detection.describe(DetectorConfig.defaults()))
                .containsEntry("min_agreeing_peers", String.valueOf(DetectorConfig.defaults().minAgreeingPeers()));
    }

    @Test
    void settingsByNameOverTheDefaults() {
        DetectorConfig d = DetectorConfig.defaults();
        assertThat(Detection.configure(d, Map.of())).isSameAs(d);
        DetectorConfig c = Detection.configure(d, Map.of("min_agreeing_peers", "6", "warmup", "10m", "outage-raise", "0.7",
                "hijackMinPeers", "1"));
        assertThat(c.outageRaise()).isEqualTo(0.7);
        assertThat(c.minAgreeingPeers()).isEqualTo(6);
        assertThat(c.warmup()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.hijackMinPeers()).isEqualTo(1);
        assertThat(c.history()).isEqualTo(d.history());
        assertThat(c.evidence()).isEqualTo(d.evidence());
    }

    @Test
    void errorsNameTheSetting() {
        DetectorConfig d = DetectorConfig.defaults();
        assertThatThrownBy(() -> Detection.configure(d, Map.of("min_agreeing_pears", "6")))
                .hasMessageContaining("unknown detector setting 'min_agreeing_pears'").hasMessageContaining("min_agreeing_peers");
        assertThatThrownBy(() -> Detection.configure(d, Map.of("warmup", "soon"))).hasMessageContaining("warmup: not a duration");
        assertThatThrownBy(() -> Detection.configure(d, Map.of("evidence", "many"))).hasMessageContaining("evidence: not a number");
        assertThatThrownBy(() -> Detection.configure(d, Map.of("outage_lower", "0.5"))).hasMessageContaining("lower share");
    }
}
