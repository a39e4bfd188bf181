package org.blackout.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void oneGrammar() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("9h30m")).isEqualTo(Duration.ofMinutes(570));
        assertThat(Durations.parse("1d12h")).isEqualTo(Duration.ofHours(36));
        assertThat(Durations.parse("400d")).isEqualTo(Duration.ofDays(400));
        assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("p1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("300")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse(" 5M ")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.micros("5m")).isEqualTo(300_000_000L);
        assertThat(Durations.seconds("1h")).isEqualTo(3600);
    }

    @Test
    void refusals() {
        for (String bad : new String[] {"", "m", "5x", "5m3", "h5", "five minutes", "PT", "5m 3s"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a duration");
        }
        assertThatThrownBy(() -> Durations.parse("0s")).hasMessageContaining("positive");
        assertThatThrownBy(() -> Durations.parse("PT-5M")).hasMessageContaining("negative");
        assertThat(Durations.parseNonNegative("0s")).isZero();
        assertThat(Durations.parseNonNegative("0")).isZero();
    }
}
