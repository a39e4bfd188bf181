package org.blackout.pipeline.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code sources.archive_poll}: collectors without a live stream (RouteViews) followed by their
 * archive, as BGPStream's live mode does: bootstrapped from the latest RIB and the update files
 * since, then asked for new update files every {@code poll}.
 *
 * <pre>
 * sources:
 *   archive_poll: {collectors: [route-views2, route-views.linx], poll: 5m}
 * </pre>
 */
public record ArchivePoll(List<String> collectors, Duration poll) {
    public static final Duration POLL = Duration.ofMinutes(5);

    public ArchivePoll {
        collectors = List.copyOf(collectors);
        if (collectors.isEmpty()) throw new IllegalArgumentException("no collector to poll");
        if (poll.isZero() || poll.isNegative()) throw new IllegalArgumentException("poll must be more than 0");
    }
}
