package org.blackout.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** collect's state file: per collector the last element applied, saved atomically, read back; a restart resumes from the earliest. */
class LiveStateTest {
    @TempDir Path dir;

    @Test
    void savesReadsBackAndResumesFromTheEarliestCollector() throws Exception {
        Path f = dir.resolve("state/collect.json");
        LiveState s = LiveState.load(f);
        assertThat(s.resumeFrom(List.of("rrc00"))).isEmpty();
        s.applied("rrc00.ripe.net", Instant.parse("2026-12-01T05:40:00.250Z").toEpochMilli() * 1000);
        s.applied("rrc00", Instant.parse("2026-12-01T05:30:00Z").toEpochMilli() * 1000); // older: the latest stays
        s.applied("rrc21", Instant.parse("2026-12-01T05:35:00Z").toEpochMilli() * 1000);
        s.save();
        assertThat(Files.readString(f)).contains("\"rrc00\"", "\"last_applied\" : \"2026-12-01T05:40:00.250Z\"");
        LiveState again = LiveState.load(f);
        assertThat(again.last("rrc00")).contains(Instant.parse("2026-12-01T05:40:00.250Z"));
        assertThat(again.resumeFrom(List.of("rrc00", "rrc21"))).contains(Instant.parse("2026-12-01T05:35:00Z"));
        assertThat(again.resumeFrom(List.of("rrc00", "rrc01"))).as("rrc01 never applied: from the latest RIB").isEmpty();
        try (var files = Files.list(f.getParent())) {
            assertThat(files).as("no temporary file left").hasSize(1);
        }
    }

    @Test
    void aDamagedFileNamesItselfAndTheField() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"collectors\": {\"rrc00\": {\"last_applied\": \"yesterday\"}}}");
        assertThatThrownBy(() -> LiveState.load(f)).isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("collectors.rrc00.last_applied");
        Files.writeString(f, "[1, 2");
        assertThatThrownBy(() -> LiveState.load(f)).isInstanceOf(IOException.class).hasMessageContaining("not a state file");
    }
}
