package org.blackout.ingest.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.blackout.core.config.Durations;
import org.blackout.wire.net.Prefix;

/**
 * Reads a scenario YAML file and validates it. Every error names the file and the field
 * ({@code kp.yaml: timeline[2].at: ...}); unknown keys are errors, so typos do not pass silently.
 * Relative paths are relative to the scenario file; {@code ${shared}} stands for the shared data
 * directory (system property {@code blackout.shared}, else env {@code BLACKOUT_SHARED}).
 */
public final class ScenarioParser {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final String file;
    private final Path dir;

    private ScenarioParser(String file, Path dir) {
        this.file = file;
        this.dir = dir;
    }

    public static Scenario parse(Path file) throws IOException {
        String text = Files.readString(file);
        return parse(text, file);
    }

    public static Scenario parse(String yaml, Path file) {
        Path abs = file.toAbsolutePath();
        ScenarioParser p = new ScenarioParser(file.getFileName().toString(), abs.getParent());
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() != null ? " line " + e.getLocation().getLineNr() : "";
            throw new ScenarioException(p.file + ":" + where + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        return p.scenario(root, abs);
    }

    private Scenario scenario(JsonNode root, Path source) {
        if (root == null || !root.isObject()) throw err("", "expected a mapping at the top level");
        keys(root, "", Set.of("name", "description", "start", "end", "seed", "baseline", "peers", "countries", "output", "timeline"));
        String name = text(root, "name", true);
        String description = text(root, "description", false);
        Instant start = instant(root, "start", "start", true);
        Instant end = instant(root, "end", "end", true);
        if (!end.isAfter(start)) throw err("end", "must be after start (" + start + ")");
        long seed = root.has("seed") ? integer(root.get("seed"), "seed") : 1;
        Scenario.BaselineSpec baseline = baseline(req(root, "baseline", ""));
        int peers = root.has("peers") ? (int) integer(root.get("peers"), "peers") : 40;
        if (peers < 1 || peers > 762) throw err("peers", "must be between 1 and 762, got " + peers);
        List<Path> countries = new ArrayList<>();
        JsonNode c = root.get("countries");
        if (c != null) {
            if (!c.isArray()) throw err("countries", "expected a list of RIR delegation files");
            for (int i = 0; i < c.size(); i++) countries.add(path(c.get(i), "countries[" + i + "]"));
        }
        String layout = "routeviews";
        Duration interval = Duration.ofMinutes(15);
        JsonNode out = root.get("output");
        if (out != null) {
            keys(out, "output", Set.of("layout", "update_interval"));
            if (out.has("layout")) {
                layout = out.get("layout").asText();
                if (!layout.equals("routeviews") && !layout.equals("ris")) throw err("output.layout", "must be routeviews or ris, got '" + layout + "'");
            }
            if (out.has("update_interval")) interval = duration(out.get("update_interval"), "output.update_interval");
            if (interval.isZero() || Duration.ofDays(1).toMinutes() % interval.toMinutes() != 0 || interval.toSecondsPart() != 0)
                throw err("output.update_interval", "must be a whole number of minutes dividing a day, got " + interval);
        }
        List<Action> timeline = new ArrayList<>();
        JsonNode t = root.get("timeline");
        if (t != null) {
            if (!t.isArray()) throw err("timeline", "expected a list of actions");
            for (int i = 0; i < t.size(); i++) timeline.add(action(t.get(i), "timeline[" + i + "]", start, end, peers));
        }
        for (Action a : timeline) {
            boolean needsCountry = switch (a) {
                case Action.Withdraw w -> w.entity() instanceof Entity.Country;
                case Action.Flap f -> f.entity() instanceof Entity.Country;
                case Action.Upstream u -> u.entity() instanceof Entity.Country;
                case Action.Hijack h -> h.entity() instanceof Entity.Country;
                default -> false;
            };
            if (needsCountry && countries.isEmpty()) throw err(a.where() + ".entity", "a country entity needs 'countries:' (RIR delegation files)");
        }
        return new Scenario(source, name, description == null ? "" : description, start, end, seed, baseline, peers,
                List.copyOf(countries), layout, interval, List.copyOf(timeline));
    }

    private Scenario.BaselineSpec baseline(JsonNode b) {
        keys(b, "baseline", Set.of("mrt", "full_table"));
        if (b.has("mrt") == b.has("full_table")) throw err("baseline", "give exactly one of 'mrt: FILE' or 'full_table: {...}'");
        if (b.has("mrt")) return new Scenario.BaselineSpec.Mrt(existing(b.get("mrt"), "baseline.mrt"));
        JsonNode f = b.get("full_table");
        keys(f, "baseline.full_table", Set.of("ranges", "asrel", "prefixes"));
        int prefixes = f.has("prefixes") ? (int) integer(f.get("prefixes"), "baseline.full_table.prefixes") : 0;
        return new Scenario.BaselineSpec.FullTable(existing(req(f, "ranges", "baseline.full_table"), "baseline.full_table.ranges"),
                existing(req(f, "asrel", "baseline.full_table"), "baseline.full_table.asrel"), prefixes);
    }

    private static final Set<String> COMMON = Set.of("action", "at", "until", "duration", "note");

    private Action action(JsonNode n, String w, Instant start, Instant end, int peerCount) {
        if (n == null || !n.isObject()) throw err(w, "expected a mapping with 'action:'");
        String kind = text(n, "action", true, w);
        Instant at = n.has("at") ? instant(n, "at", w + ".at", true) : start;
        if (at.isBefore(start) || !at.isBefore(end)) throw err(w + ".at", at + " is outside the scenario (" + start + " to " + end + ")");
        Instant until = null;
        if (n.has("until") && n.has("duration")) throw err(w, "give 'until' or 'duration', not both");
        if (n.has("until")) until = instant(n, "until", w + ".until", true);
        if (n.has("duration")) until = at.plus(duration(n.get("duration"), w + ".duration"));
        if (until != null && !until.isAfter(at)) throw err(w + ".until", "must be after at (" + at + ")");
        String note = n.has("note") ? n.get("note").asText() : null;
        return switch (kind) {
            case "withdraw" -> {
                keys(n, w, union(COMMON, "entity", "peers", "over"));
                yield new Action.Withdraw(w, at, until, entity(req(n, "entity", w), w + ".entity"), share(n, w, peerCount),
                        optDuration(n, "over", w), note);
            }
            case "restore" -> {
                keys(n, w, Set.of("action", "at", "entity", "over", "note"));
                yield new Action.Restore(w, at, entity(req(n, "entity", w), w + ".entity"), optDuration(n, "over", w));
            }
            case "flap" -> {
                keys(n, w, union(COMMON, "entity", "peers", "period", "jitter", "down"));
                if (until == null) throw err(w + ".until", "a flap needs 'until' or 'duration'");
                Duration period = duration(req(n, "period", w), w + ".period");
                if (period.toSeconds() < 10) throw err(w + ".period", "must be at least 10s");
                Duration jitter = optDuration(n, "jitter", w);
                if (jitter.compareTo(period) >= 0) throw err(w + ".jitter", "must be shorter than period (" + period + ")");
                Duration down = n.has("down") ? duration(n.get("down"), w + ".down") : period.dividedBy(3);
                if (down.compareTo(period) >= 0) throw err(w + ".down", "must be shorter than period (" + period + ")");
                yield new Action.Flap(w, at, until, entity(req(n, "entity", w), w + ".entity"), share(n, w, peerCount), period, jitter, down, note);
            }
            case "upstream" -> {
                keys(n, w, union(COMMON, "entity", "peers", "from", "to"));
                int from = asn(req(n, "from", w), w + ".from");
                Integer to = n.has("to") ? asn(n.get("to"), w + ".to") : null;
                yield new Action.Upstream(w, at, until, entity(req(n, "entity", w), w + ".entity"), share(n, w, peerCount), from, to, note);
            }
            case "hijack" -> {
                keys(n, w, union(COMMON, "entity", "peers", "origin", "more_specific"));
                boolean more = n.has("more_specific") && bool(n.get("more_specific"), w + ".more_specific");
                yield new Action.Hijack(w, at, until, entity(req(n, "entity", w), w + ".entity"), share(n, w, peerCount),
                        asn(req(n, "origin", w), w + ".origin"), more, note);
            }
            case "session_down" -> {
                keys(n, w, union(COMMON, "peers"));
                yield new Action.SessionDown(w, at, until, share(n, w, peerCount), note);
            }
            case "churn" -> {
                keys(n, w, union(COMMON, "rate", "withdrawals", "affected"));
                double ws = 0.3;
                if (n.has("withdrawals")) {
                    JsonNode v = n.get("withdrawals");
                    if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) throw err(w + ".withdrawals", "expected a share of the churn events from 0 to 1, like 0.3");
                    ws = v.asDouble();
                }
                boolean affected = n.has("affected") && bool(n.get("affected"), w + ".affected");
                yield new Action.Churn(w, at, until == null ? end : until, rate(req(n, "rate", w), w + ".rate"), ws, affected);
            }
            default -> throw err(w + ".action", "unknown action '" + kind
                    + "' (one of withdraw, restore, flap, upstream, hijack, session_down, churn)");
        };
    }

    private Entity entity(JsonNode n, String w) {
        if (!n.isObject()) throw err(w, "expected one of {country: CC}, {as: N}, {prefixes: [..]}");
        keys(n, w, Set.of("country", "as", "prefixes"));
        if (n.size() != 1) throw err(w, "give exactly one of country, as, prefixes");
        if (n.has("country")) {
            String cc = n.get("country").asText();
            if (!cc.matches("[A-Za-z]{2}")) throw err(w + ".country", "expected a two-letter country code, got '" + cc + "'");
            return new Entity.Country(cc);
        }
        if (n.has("as")) return new Entity.As(asn(n.get("as"), w + ".as"));
        JsonNode l = n.get("prefixes");
        if (!l.isArray() || l.isEmpty()) throw err(w + ".prefixes", "expected a non-empty list of prefixes");
        List<Prefix> ps = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            try {
                ps.add(Prefix.parse(l.get(i).asText()));
            } catch (IllegalArgumentException e) {
                throw err(w + ".prefixes[" + i + "]", e.getMessage());
            }
        }
        return new Entity.Prefixes(List.copyOf(ps));
    }

    private static final Pattern SHARE = Pattern.compile("(\\d+(?:\\.\\d+)?)%(?:\\s*-\\s*(\\d+(?:\\.\\d+)?)%)?");

    private PeerShare share(JsonNode n, String w, int peerCount) {
        JsonNode s = n.get("peers");
        String f = w + ".peers";
        if (s == null) return PeerShare.ALL;
        if (s.isArray()) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < s.size(); i++) {
                if (!s.get(i).canConvertToInt() || s.get(i).asInt() < 0 || s.get(i).asInt() >= peerCount)
                    throw err(f + "[" + i + "]", "expected a peer index from 0 to " + (peerCount - 1) + ", got '" + s.get(i).asText() + "'");
                idx.add(s.get(i).asInt());
            }
            return new PeerShare(0, 0, List.copyOf(idx));
        }
        if (s.isNumber()) {
            double v = s.asDouble();
            if (v <= 0 || v > 1) throw err(f, "a share must be in (0, 1], got " + v);
            return PeerShare.of(v);
        }
        String t = s.asText().trim();
        if (t.equals("all")) return PeerShare.ALL;
        Matcher m = SHARE.matcher(t);
        if (!m.matches()) throw err(f, "expected 'all', a share like 0.5 or '50%', a range like '20%-80%', or a list of peer indices; got '" + t + "'");
        double lo = Double.parseDouble(m.group(1)) / 100, hi = m.group(2) == null ? lo : Double.parseDouble(m.group(2)) / 100;
        if (lo <= 0 || hi > 1 || lo > hi) throw err(f, "shares must satisfy 0% < min <= max <= 100%, got '" + t + "'");
        return new PeerShare(lo, hi, null);
    }

    private double rate(JsonNode n, String f) {
        Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*/\\s*(s|min|h)").matcher(n.asText().trim());
        if (!m.matches()) throw err(f, "expected updates per peer like '2/min', '0.5/s' or '30/h', got '" + n.asText() + "'");
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "s" -> v * 60;
            case "h" -> v / 60;
            default -> v;
        };
    }

    Duration duration(JsonNode n, String f) {
        try {
            return Durations.parseNonNegative(n.asText().replace(" ", ""));
        } catch (IllegalArgumentException e) {
            throw err(f, "expected a duration like '30s', '15m', '9h30m' or '2d', got '" + n.asText() + "'");
        }
    }

    private Duration optDuration(JsonNode n, String key, String w) {
        return n.has(key) ? duration(n.get(key), w + "." + key) : Duration.ZERO;
    }

    private Instant instant(JsonNode n, String key, String f, boolean required) {
        JsonNode v = n.get(key);
        if (v == null) {
            if (required) throw err(f, "missing (a UTC time like 2014-12-22T16:15:00Z)");
            return null;
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw err(f, "expected a UTC time like 2014-12-22T16:15:00Z, got '" + v.asText() + "'");
        }
    }

    private int asn(JsonNode n, String f) {
        String t = n.asText().trim();
        if (t.regionMatches(true, 0, "AS", 0, 2)) t = t.substring(2);
        try {
            return Integer.parseUnsignedInt(t);
        } catch (NumberFormatException e) {
            throw err(f, "expected an AS number, got '" + n.asText() + "'");
        }
    }

    private long integer(JsonNode n, String f) {
        if (!n.canConvertToLong() || !n.isIntegralNumber()) throw err(f, "expected an integer, got '" + n.asText() + "'");
        return n.asLong();
    }

    private boolean bool(JsonNode n, String f) {
        if (!n.isBoolean()) throw err(f, "expected true or false, got '" + n.asText() + "'");
        return n.asBoolean();
    }

    private Path path(JsonNode n, String f) {
        String t = n.asText();
        if (t.contains("${shared}")) {
            String shared = System.getProperty("blackout.shared", System.getenv().getOrDefault("BLACKOUT_SHARED", "../shared/data"));
            t = t.replace("${shared}", shared);
        }
        Path p = Path.of(t);
        return p.isAbsolute() ? p : dir.resolve(p).normalize();
    }

    private Path existing(JsonNode n, String f) {
        Path p = path(n, f);
        if (!Files.isRegularFile(p)) throw err(f, "no such file: " + p);
        return p;
    }

    private String text(JsonNode n, String key, boolean required) {
        return text(n, key, required, "");
    }

    private String text(JsonNode n, String key, boolean required, String w) {
        JsonNode v = n.get(key);
        String f = w.isEmpty() ? key : w + "." + key;
        if (v == null || v.isNull()) {
            if (required) throw err(f, "missing");
            return null;
        }
        if (!v.isValueNode()) throw err(f, "expected text");
        return v.asText();
    }

    private JsonNode req(JsonNode n, String key, String w) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) throw err(w.isEmpty() ? key : w + "." + key, "missing");
        return v;
    }

    private void keys(JsonNode n, String w, Set<String> allowed) {
        if (!n.isObject()) throw err(w, "expected a mapping");
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) throw err(w.isEmpty() ? k : w + "." + k, "unknown key (allowed here: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
        }
    }

    private static Set<String> union(Set<String> a, String... more) {
        Set<String> s = new java.util.HashSet<>(a);
        s.addAll(List.of(more));
        return s;
    }

    private ScenarioException err(String field, String message) {
        return new ScenarioException(file + ": " + (field.isEmpty() ? "" : field + ": ") + message);
    }
}
