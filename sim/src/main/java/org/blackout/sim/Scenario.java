package org.blackout.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A parsed, validated scenario: what to start from, which peers, and what happens when.
 *
 * @param source      the YAML file (null when built in code)
 * @param description free text copied to the output's README.txt and truth file
 * @param countries   RIR delegation files that define country membership
 * @param layout      {@code routeviews} ({@code rib.}/{@code updates.}) or {@code ris} ({@code bview.}/{@code updates.})
 */
public record Scenario(Path source, String name, String description, Instant start, Instant end, long seed,
                       BaselineSpec baseline, int peers, List<Path> countries, String layout,
                       Duration updateInterval, List<Action> timeline) {

    /** Where the start tables come from. */
    public sealed interface BaselineSpec {
        /** Each real peer's table at the end of an MRT file, spread over the simulated peers. */
        record Mrt(Path file) implements BaselineSpec {}

        /** Synthetic full-size tables: prefixes from a range file, valley-free paths over an AS graph. */
        record FullTable(Path ranges, Path asrel, int prefixes) implements BaselineSpec {}
    }

    public Scenario withSeed(long s) {
        return new Scenario(source, name, description, start, end, s, baseline, peers, countries, layout, updateInterval, timeline);
    }
}
