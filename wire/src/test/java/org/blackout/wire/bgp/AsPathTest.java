package org.blackout.wire.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AsPathTest {

    @Test
    void bgpdumpTextRoundTrips() {
        for (String s : List.of("3356 1299 {65001,65002}", "2914 1239 4837 131279", "(65001 65002) 3356 [1,2] 7",
                "{4200000000}", "")) {
            assertThat(AsPath.parse(s).toString()).isEqualTo(s);
        }
    }

    @Test
    void originsAreTheLastSequenceAsOrEverySetMember() {
        assertThat(AsPath.parse("2914 1239 4837 131279").origins()).containsExactly(131279L);
        assertThat(AsPath.parse("3356 1299 {65001,65002}").origins()).containsExactly(65001L, 65002L);
        assertThat(AsPath.parse("").origins()).isEmpty();
        assertThat(AsPath.EMPTY.origins()).isEmpty();
    }

    @Test
    void sequenceKeepsPrependsAndSkipsSetsAndConfederations() {
        AsPath p = AsPath.parse("(65001) 3356 3356 1299 {7,8} 9");
        assertThat(p.sequence()).containsExactly(3356L, 3356L, 1299L, 9L);
        assertThat(p.length()).isEqualTo(5); // 4 sequence members + 1 for the set
    }

    @Test
    void equalityIsByContentSoPathsCanBeInterned() {
        AsPath a = AsPath.parse("1 2 {3,4}");
        AsPath b = new AsPath(List.of(new AsPath.Segment(AsPath.SegmentType.AS_SEQUENCE, new long[] {1, 2}),
                new AsPath.Segment(AsPath.SegmentType.AS_SET, new long[] {3, 4})));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(AsPath.parse("1 2 {3}"));
    }
}
