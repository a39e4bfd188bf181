package org.blackout.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.blackout.testkit.Prerequisites;
import org.blackout.wire.mrt.MrtDecodeException;
import org.junit.jupiter.api.Test;

/**
 * Replay reads BGP messages that the collector cut short (route-views2, 2008-02-21) as {@code dump}
 * does: the elements of every whole prefix before the cut, in bgpdump's order, with a warning per cut
 * record naming the file and offset, and nothing skipped.
 */
class CutUpdateReplayTest {
    @Test
    void replaySeesTheElementsBgpdumpPrints() throws Exception {
        Path f = ReplayCrossCheckTest.shared("mrt/routeviews-2008-02/updates.20080221.1658.bz2");
        Path bgpdump = Prerequisites.executable("/usr/bin/bgpdump", "bgpdump");
        List<MrtDecodeException> reports = new ArrayList<>();
        List<String> ours = new ArrayList<>();
        ReplayMerge merge = new ReplayMerge(List.of(f)).onError(reports::add);
        merge.run((collector, e) -> ours.add(switch (e.type()) {
            case STATE -> "STATE|" + e.peerAddress() + "|" + e.peerAs();
            case ANNOUNCE -> (e.attributes() != null && e.attributes().treatAsWithdraw() ? "W|" : "A|")
                    + e.peerAddress() + "|" + e.peerAs() + "|" + e.prefix();
            case WITHDRAW -> "W|" + e.peerAddress() + "|" + e.peerAs() + "|" + e.prefix();
            case RIB -> "B|" + e.prefix();
        }));

        Process p = new ProcessBuilder(bgpdump.toString(), "-m", f.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int i = 0, rows = 0;
        String firstDifference = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; rows++) {
                String[] x = line.split("\\|", -1);
                String theirs = x[2].equals("STATE") ? "STATE|" + x[3] + "|" + x[4] : x[2] + "|" + x[3] + "|" + x[4] + "|" + x[5];
                if (firstDifference == null && (i >= ours.size() || !ours.get(i).equals(theirs))) {
                    firstDifference = "row " + (i + 1) + ": bgpdump " + theirs + ", replay "
                            + (i < ours.size() ? ours.get(i) : "<nothing>");
                }
                i++;
            }
        }
        assertThat(p.waitFor()).isZero();
        assertThat(firstDifference).isNull();
        assertThat(ours).hasSize(rows);
        assertThat(rows).isGreaterThan(100_000);
        // the two cut records of this file, each reported once as a warning with file and offset
        assertThat(reports).extracting(MrtDecodeException::offset).containsExactly(4350283L, 5122538L);
        assertThat(reports).allSatisfy(e -> {
            assertThat(e.warning()).isTrue();
            assertThat(e.getMessage()).startsWith("warning: " + f + ": offset ").contains("message cut short", "dropped the rest");
        });
        assertThat(reports.get(0).getMessage()).contains("kept the 1011 whole prefixes");
        assertThat(merge.skipped()).isZero();
        assertThat(merge.elements()).isEqualTo(rows);
    }
}
