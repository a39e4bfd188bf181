package org.blackout.ingest.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The RIS Live websocket client: URL, the {@code ris_subscribe} filter object sent after connecting
 * (keys as RIS Live documents them: host, type, peer, path, prefix, moreSpecific, ...), how long a
 * silent stream may stay open before it counts as stale, and the reconnect backoff bounds.
 */
public record RisLiveConfig(URI url, Map<String, Object> subscribe, Duration staleAfter, Duration reconnectMin,
        Duration reconnectMax) {
    public static final URI DEFAULT_URL = URI.create("wss://ris-live.ripe.net/v1/ws/?client=blackout");
}
