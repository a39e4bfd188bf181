package org.blackout.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventSink;
import org.blackout.core.event.EventType;
import org.blackout.ingest.catalog.Project;
import org.blackout.pipeline.Pipeline;
import org.blackout.pipeline.PipelineSettings;
import org.blackout.testkit.MirrorServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No event fires while collectors bootstrap: raised before the archive's part is in, an event stays silent to its end. */
class LiveBootstrapQuietTest {
    @TempDir Path cache;

    private static Event event(String entity, Instant raised, Instant lowered) {
        return new Event(Event.id(EventType.OUTAGE, entity, raised), EventType.OUTAGE, entity, raised, raised, lowered, 0, 1, 1, null, null,
                List.of(), List.of(), new TreeMap<>(), "test");
    }

    @Test
    void eventsRaisedWhileBootstrappingAreSilencedToTheirEnd() throws Exception {
        List<String> seen = new ArrayList<>();
        EventSink sink = new EventSink() {
            @Override
            public void raised(Event e) {
                seen.add("raised " + e.entity());
            }

            @Override
            public void updated(Event e) {
                seen.add("updated " + e.entity());
            }

            @Override
            public void lowered(Event e) {
                seen.add("lowered " + e.entity());
            }
        };
        Instant t = Instant.parse("2002-07-22T23:00:00Z");
        try (MirrorServer m = MirrorServer.start()) { // an archive with nothing for rrc00: the bootstrap ends with gaps
            ArchiveSelection sel = ArchiveSelection.of(List.of("rrc00"), Instant.EPOCH, Instant.EPOCH.plusSeconds(1))
                    .withArchives(Map.of(Project.RIS, m.base())).withCache(cache).withRetries(Duration.ofSeconds(2), 1, Duration.ofMillis(10));
            LiveBootstrap b = new LiveBootstrap(sel, Clock.fixed(Instant.parse("2002-07-22T23:47:00Z"), ZoneOffset.UTC));
            EventSink quiet = b.quiet(sink);
            Pipeline pipeline = Pipeline.builder(PipelineSettings.defaults()).maps(EntityMaps.empty()).build();
            b.gate(pipeline);
            Event early = event("country:KP", t, null);
            quiet.raised(early);
            quiet.updated(early);
            assertThat(seen).isEmpty();
            assertThat(b.bootstrapped()).isFalse();
            b.run(pipeline, b.clock().instant(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertThat(b.bootstrapped()).isTrue();
            assertThat(b.status()).containsExactly(Map.entry("rrc00", "live (no archive file applied)"));
            quiet.updated(early);
            quiet.lowered(event("country:KP", t, t.plusSeconds(600)));
            Event later = event("country:CU", t.plusSeconds(3000), null);
            quiet.raised(later);
            quiet.lowered(event("country:CU", t.plusSeconds(3000), t.plusSeconds(3600)));
            assertThat(seen).containsExactly("raised country:CU", "lowered country:CU");
        }
    }
}
