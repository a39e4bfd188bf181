package org.blackout.pipeline.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Where alerts go ({@code alerts:}). {@code update_interval}: at most one "updated" alert per event
 * per interval while it deepens. Each destination may be limited to some entities and event types.
 *
 * <pre>
 * alerts:
 *   update_interval: 30m
 *   destinations:
 *     - {name: hook, type: webhook, url: http://127.0.0.1:9099/, entities: [country:KP], template: '{"text":"{{summary}}"}'}
 *     - {type: slack, url: https://hooks.slack.com/services/...}
 *     - {type: email, smtp: 127.0.0.1:25, from: blackout@example.org, to: [noc@example.org]}
 *     - {type: syslog, host: 127.0.0.1, port: 514}
 *     - {type: file, path: alerts.jsonl}
 * </pre>
 */
public record AlertConfig(Duration updateInterval, List<Destination> destinations) {
    public static final Duration DEFAULT_UPDATE_INTERVAL = Duration.ofMinutes(30);

    public enum Kind { WEBHOOK, SLACK, EMAIL, SYSLOG, FILE }

    /**
     * @param entities  entity ids (country:KP, as:131279) this destination wants; empty: all
     * @param types     event types (outage, instability, upstream, hijack, feed); empty: all but feed
     */
    public record Destination(String name, Kind kind, String url, String template, Set<String> entities, Set<String> types,
                              String smtpHost, int smtpPort, String smtpUser, String smtpPassword, String from, List<String> to,
                              String host, int port, Path path) {

        public boolean wants(String type, String entity) {
            boolean typeOk = types.isEmpty() ? !type.equals("feed") : types.contains(type);
            return typeOk && (entities.isEmpty() || entities.contains(entity));
        }
    }

    public static AlertConfig none() {
        return new AlertConfig(DEFAULT_UPDATE_INTERVAL, List.of());
    }
}
