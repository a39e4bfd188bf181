package org.blackout.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MrtInputsTest {
    @TempDir Path dir;

    @Test
    void notesBesideTheArchivesAreSkippedUnlessNamed() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("2014.12"));
        for (String n : List.of("README.txt", "truth.jsonl", "notes.md", "serve.yml", "collect.yaml", ".hidden", "capture.pcap",
                "rib.20141219.0000.gz", "updates.20141219.0015.bz2", "bview.20141219.0000")) {
            Files.writeString(sub.resolve(n), "x");
        }
        Files.writeString(dir.resolve("latest-update.mrt"), "x");
        assertThat(MrtInputs.files(List.of(dir))).containsExactly(sub.resolve("bview.20141219.0000"),
                sub.resolve("rib.20141219.0000.gz"), sub.resolve("updates.20141219.0015.bz2"), dir.resolve("latest-update.mrt"));
        assertThat(MrtInputs.files(List.of(sub.resolve("README.txt")))).containsExactly(sub.resolve("README.txt"));
    }
}
