package org.blackout.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written number formatter of timelines agrees with BigDecimal rounding to 4 decimals. */
class TimelineNumberTest {
    @Test
    void matchesBigDecimal() {
        Random r = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            double x = switch (i % 4) {
                case 0 -> r.nextInt(100_000) / 4.0;
                case 1 -> (r.nextDouble() - 0.5) * 1e6;
                case 2 -> r.nextDouble();
                default -> r.nextInt(1000);
            };
            StringBuilder sb = new StringBuilder();
            Timeline.number(sb, x);
            BigDecimal want = new BigDecimal(Math.round(x * 10000)).movePointLeft(4).setScale(4, RoundingMode.UNNECESSARY).stripTrailingZeros();
            assertThat(new BigDecimal(sb.toString())).as("%s → %s", x, sb).isEqualByComparingTo(want);
            assertThat(sb.toString()).doesNotContain("E").doesNotEndWith(".");
        }
    }
}
