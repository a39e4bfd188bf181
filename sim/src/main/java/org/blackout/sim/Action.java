package org.blackout.sim;

import java.time.Duration;
import java.time.Instant;

/** One timeline entry of a scenario. {@code until} is null when the action is not undone by itself. */
public sealed interface Action {
    Instant at();

    /** Where it was written, e.g. {@code timeline[3]}, for error messages and truth. */
    String where();

    /** Withdraw the entity's routes from a share of peers, at once ({@code over} zero) or spread over {@code over}. */
    record Withdraw(String where, Instant at, Instant until, Entity entity, PeerShare peers, Duration over, String note) implements Action {}

    /** Re-announce what an earlier withdraw of the same entity took away. */
    record Restore(String where, Instant at, Entity entity, Duration over) implements Action {}

    /** Withdraw and re-announce every {@code period} (plus or minus {@code jitter}), each time at a fresh draw of peers. */
    record Flap(String where, Instant at, Instant until, Entity entity, PeerShare peers, Duration period, Duration jitter,
                Duration down, String note) implements Action {}

    /** Paths through {@code from} go through {@code to} instead, or are withdrawn when {@code to} is null (upstream dropped). */
    record Upstream(String where, Instant at, Instant until, Entity entity, PeerShare peers, int from, Integer to, String note) implements Action {}

    /** Another origin announces the entity's prefixes (or their halves, when {@code moreSpecific}). */
    record Hijack(String where, Instant at, Instant until, Entity entity, PeerShare peers, int origin, boolean moreSpecific, String note) implements Action {}

    /** Collector sessions go down at {@code at} and come back at {@code until}, re-sending their table. */
    record SessionDown(String where, Instant at, Instant until, PeerShare peers, String note) implements Action {}

    /**
     * Background churn: path changes and short withdrawals, {@code perPeerPerMinute} each; a share
     * {@code withdrawShare} of them are withdrawals (default 0.3). Only prefixes no other action touches,
     * unless {@code affected}: then any prefix, those of outages and flaps included.
     */
    record Churn(String where, Instant at, Instant until, double perPeerPerMinute, double withdrawShare, boolean affected) implements Action {
        public Churn(String where, Instant at, Instant until, double perPeerPerMinute) {
            this(where, at, until, perPeerPerMinute, 0.3, false);
        }
    }
}
