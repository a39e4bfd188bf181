package org.blackout.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The number style of the published formats agrees with BigDecimal rounding to 4 decimals. */
class JsonNumberTest {
    static String number(double x) {
        return Json.string(g -> Json.number(g, x));
    }

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
            String s = number(x);
            BigDecimal want = new BigDecimal(Math.round(x * 10000)).movePointLeft(4).setScale(4, RoundingMode.UNNECESSARY).stripTrailingZeros();
            assertThat(new BigDecimal(s)).as("%s → %s", x, s).isEqualByComparingTo(want);
            assertThat(s).doesNotContain("E").doesNotEndWith(".");
        }
    }

    @Test
    void integersStayIntegersAndNonFiniteIsNull() {
        assertThat(number(6.00001)).isEqualTo("6"); // was "6." on a real day of route-views2 updates
        assertThat(number(5.99999)).isEqualTo("6");
        assertThat(number(0.25)).isEqualTo("0.25");
        assertThat(number(0.0005)).isEqualTo("0.0005");
        assertThat(number(-0.0)).isEqualTo("0");
        assertThat(number(-0.00001)).isEqualTo("0");
        assertThat(number(1e14 + 0.5)).isEqualTo("100000000000000.5");
        assertThat(number(1e20)).isEqualTo("100000000000000000000");
        assertThat(number(Double.NaN)).isEqualTo("null");
        assertThat(number(Double.POSITIVE_INFINITY)).isEqualTo("null");
        assertThat(number(Double.NEGATIVE_INFINITY)).isEqualTo("null");
        assertThat(number(Double.MIN_VALUE)).isEqualTo("0");
        assertThat(number(Double.MAX_VALUE)).doesNotContain("E").hasSize(309);
    }
}
