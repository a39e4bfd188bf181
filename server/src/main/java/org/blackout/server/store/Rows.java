package org.blackout.server.store;

/** What the store answers with: plain rows, times in epoch seconds (UTC). */
public final class Rows {
    private Rows() {}

    /** One bin of an entity; {@code upstreams} is the JSON object {@code {"4837":1.0}}. */
    public record SignalRow(long t, double visibleSlash24, double visiblePrefixes, double peersSeeing, double fullFeedPeers,
                            long announcements, long withdrawals, String upstreams) {}

    public record FeedEventRow(long t, String collector, String peerAddress, long peerAs, String kind, int routes) {}

    public record PeerRow(String collector, String peerAddress, long peerAs, long routes, boolean fullFeed, boolean stale,
                          String state, long lastChange, long updated) {}

    public record EntityRow(String entity, String kind, String name) {}

    /** An event as stored: indexed columns plus its full JSON body. */
    public record EventRow(String id, String type, String entity, long firstEvidence, long raised, Long lowered,
                           double severity, String body) {}

    public record Checkpoint(String source, long binEnd, String position) {}
}
