package org.blackout.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AsnsTest {

    @Test
    void theWaysFilesWriteThem() {
        assertThat(Asns.parse("13335")).isEqualTo(13335);
        assertThat(Asns.parse("AS13335")).isEqualTo(13335);
        assertThat(Asns.parse(" as13335 ")).isEqualTo(13335);
        assertThat(Asns.parse("4294967295")).isEqualTo(Asns.MAX);
        assertThat(Asns.parse("1.10")).isEqualTo(65546);
        assertThat(Asns.parse("AS0")).isZero();
        for (String bad : new String[] {"", "AS", "-1", "+1", "4294967296", "AS1x", "1.65536", "12345678901"}) {
            assertThatThrownBy(() -> Asns.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
