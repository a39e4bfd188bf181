package org.blackout.server.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.blackout.core.config.HostPort;

/**
 * Where alerts go. {@code update_interval}: at most one "updated" alert per event per interval
 * while it deepens. Each destination may be limited to some entities and event types.
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
        return new AlertConfig(Duration.ofMinutes(30), List.of());
    }

    public static AlertConfig parse(JsonNode n, Path base) {
        if (n == null || n.isMissingNode() || n.isNull()) return none();
        keys(n, "alerts.", "update_interval", "destinations");
        Duration every = Duration.ofMinutes(30);
        if (n.hasNonNull("update_interval")) every = Duration.ofSeconds(org.blackout.server.ServerConfig.seconds(n.get("update_interval").asText(), "alerts.update_interval"));
        List<Destination> out = new ArrayList<>();
        int i = 0;
        for (JsonNode d : n.path("destinations")) {
            String where = "alerts.destinations[" + i++ + "]";
            keys(d, where + ".", "name", "type", "url", "template", "entities", "types", "smtp", "user", "password", "password_env",
                    "from", "to", "host", "port", "path");
            String type = d.path("type").asText("");
            Kind kind;
            try {
                kind = Kind.valueOf(type.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".type: want webhook, slack, email, syslog or file, not '" + type + "'");
            }
            String name = d.path("name").asText(type + "-" + i);
            Set<String> entities = new java.util.LinkedHashSet<>();
            for (JsonNode e : d.path("entities")) {
                try {
                    String t = e.asText().trim(); // KP and 4837 as the API accepts them
                    if (t.length() == 2 && Character.isLetter(t.charAt(0)) && Character.isLetter(t.charAt(1))) t = "country:" + t;
                    else if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) t = "as:" + t;
                    entities.add(org.blackout.core.signal.Entity.parse(t).toString());
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(where + ".entities: " + ex.getMessage());
                }
            }
            Set<String> types = new java.util.LinkedHashSet<>();
            for (JsonNode t : d.path("types")) types.add(t.asText().toLowerCase(Locale.ROOT));
            String url = d.path("url").asText(null);
            if ((kind == Kind.WEBHOOK || kind == Kind.SLACK) && (url == null || !(url.startsWith("http://") || url.startsWith("https://")))) {
                throw new IllegalArgumentException(where + ".url: a " + type + " destination needs an http(s) URL");
            }
            String smtpHost = null;
            int smtpPort = 25;
            List<String> to = new ArrayList<>();
            if (kind == Kind.EMAIL) {
                String smtp = d.path("smtp").asText("");
                if (smtp.isEmpty()) throw new IllegalArgumentException(where + ".smtp: an email destination needs HOST[:PORT]");
                HostPort hp;
                try {
                    hp = HostPort.parse(smtp, 25);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ".smtp: " + e.getMessage(), e);
                }
                smtpHost = hp.host();
                smtpPort = hp.port();
                d.path("to").forEach(t -> to.add(t.asText()));
                if (d.path("to").isTextual()) to.add(d.path("to").asText());
                if (to.isEmpty() || !d.hasNonNull("from")) throw new IllegalArgumentException(where + ": an email destination needs 'from' and 'to'");
            }
            if (kind == Kind.FILE && !d.hasNonNull("path")) throw new IllegalArgumentException(where + ".path: a file destination needs a path");
            String pw = d.hasNonNull("password_env") ? System.getenv(d.get("password_env").asText()) : d.path("password").asText(null);
            Path path = d.hasNonNull("path") ? org.blackout.server.ServerConfig.resolveAgainst(base, d.get("path").asText()) : null;
            out.add(new Destination(name, kind, url, d.path("template").asText(null), Set.copyOf(entities), Set.copyOf(types),
                    smtpHost, smtpPort, d.path("user").asText(null), pw, d.path("from").asText(null), List.copyOf(to),
                    d.path("host").asText("127.0.0.1"), d.path("port").asInt(514), path));
        }
        return new AlertConfig(every, List.copyOf(out));
    }

    private static void keys(JsonNode n, String prefix, String... allowed) {
        if (!n.isObject()) throw new IllegalArgumentException(prefix + ": expected a mapping");
        Set<String> ok = Set.of(allowed);
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            String k = it.next().getKey();
            if (!ok.contains(k)) throw new IllegalArgumentException("unknown key '" + prefix + k + "' (allowed: " + String.join(", ", allowed) + ")");
        }
    }
}
