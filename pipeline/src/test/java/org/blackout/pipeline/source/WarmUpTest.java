package org.blackout.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.engine.FeedEvent;
import org.junit.jupiter.api.Test;

class WarmUpTest {
    @Test
    void feedEventsBeforeFromAreDroppedAndTheRestPass() {
        Instant from = Instant.parse("2021-10-04T15:00:00Z");
        List<FeedEvent> seen = new ArrayList<>();
        int[] finished = {0};
        EngineListener quiet = WarmUp.quiet(new EngineListener() {
            @Override
            public void feedEvent(FeedEvent e) {
                seen.add(e);
            }

            @Override
            public void finished() {
                finished[0]++;
            }
        }, from);
        FeedEvent early = new FeedEvent(from.minusSeconds(1), FeedEvent.collectorWide("rrc00"), FeedEvent.Kind.DATA_GAP, 0, "");
        FeedEvent onTime = new FeedEvent(from, FeedEvent.collectorWide("rrc00"), FeedEvent.Kind.DATA_GAP, 0, "");
        quiet.feedEvent(early);
        quiet.feedEvent(onTime);
        quiet.finished();
        assertThat(seen).containsExactly(onTime);
        assertThat(finished[0]).isEqualTo(1);
    }
}
