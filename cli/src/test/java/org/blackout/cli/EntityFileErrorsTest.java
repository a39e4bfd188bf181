package org.blackout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI reports skipped entity-file lines as warnings, and refuses a file that yields nothing. */
class EntityFileErrorsTest {
    @TempDir Path dir;

    @Test
    void aDelegationFileThatYieldsNothingStopsReplayNamingItsFirstBadLine() throws Exception {
        Path mrt = Prerequisites.sharedData("mrt/routeviews-2008-02/updates.20080221.0013.bz2");
        Path rir = dir.resolve("delegated-bad.txt");
        Files.writeString(rir, "# header\napnic|KP|ipv4|175.45.176|1024|20091221|allocated\n");
        CliRun r = CliRun.of("replay", "--rir", rir.toString(), mrt.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("blackout replay: " + rir + ": no usable RIR delegation records",
                "first at line 2: not an IPv4 address: 175.45.176").doesNotContain("\tat org.");
    }

    @Test
    void skippedLinesAreAWarningAndTheRestIsUsed() throws Exception {
        Path mrt = Prerequisites.sharedData("mrt/routeviews-2008-02/updates.20080221.0013.bz2");
        Path geo = dir.resolve("geo.csv");
        Files.writeString(geo, "1.0.0.0,1.0.0.255,AU\n1.0.1.0 1.0.3.255 CN\n");
        CliRun r = CliRun.of("replay", "--geo", geo.toString(), "--watch", "country:AU", "--format", "jsonl", mrt.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.err()).contains("blackout: warning: " + geo + ": skipped 1 malformed range CSV line (1 records taken); "
                + "first at line 2: 1 fields, 3 or 4 expected");
    }
}
