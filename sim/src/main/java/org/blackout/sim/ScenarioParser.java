package org.blackout.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.blackout.core.config.ConfigException;
import org.blackout.core.config.ConfigReader;
import org.blackout.core.config.Durations;
import org.blackout.wire.net.Prefix;

/**
 * Reads a scenario YAML file and validates it through the one configuration reader: every error is
 * a {@link ConfigException} naming the file, line and field ({@code kp.yaml:31: timeline[2].at: ...});
 * unknown keys are errors, so typos do not pass silently. Relative paths are relative to the
 * scenario file; {@code ${shared}} stands for the shared data directory (system property
 * {@code blackout.shared}, else env {@code BLACKOUT_SHARED}).
 */
public final class ScenarioParser {
    private static final String[] COMMON = {"action", "at", "until", "duration", "note"};

    private ScenarioParser() {}

    public static Scenario parse(Path file) throws IOException {
        String text = Files.readString(file);
        return parse(text, file);
    }

    public static Scenario parse(String yaml, Path file) {
        Path abs = file.toAbsolutePath();
        ConfigReader root = ConfigReader.parse(yaml, file.getFileName().toString(), abs.getParent());
        return scenario(root, abs);
    }

    private static Scenario scenario(ConfigReader root, Path source) {
        root.keys("name", "description", "start", "end", "seed", "baseline", "peers", "countries", "output", "timeline");
        String name = root.string("name");
        String description = root.string("description", "");
        Instant start = instant(root, "start");
        Instant end = instant(root, "end");
        if (!end.isAfter(start)) throw root.error("end", "must be after start (" + start + ")");
        long seed = root.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        if (!root.has("baseline")) throw root.error("baseline", "missing");
        Scenario.BaselineSpec baseline = baseline(root.section("baseline"));
        int peers = (int) root.integer("peers", 40, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (peers < 1 || peers > 762) throw root.error("peers", "must be between 1 and 762, got " + peers);
        List<Path> countries = root.strings("countries").stream().map(t -> path(root, t)).toList();
        String layout = "routeviews";
        Duration interval = Duration.ofMinutes(15);
        if (root.has("output")) {
            ConfigReader out = root.section("output").keys("layout", "update_interval");
            layout = out.string("layout", layout);
            if (!layout.equals("routeviews") && !layout.equals("ris")) throw out.error("layout", "must be routeviews or ris, got '" + layout + "'");
            if (out.has("update_interval")) interval = duration(out, "update_interval");
            if (interval.isZero() || Duration.ofDays(1).toMinutes() % interval.toMinutes() != 0 || interval.toSecondsPart() != 0) {
                throw out.error("update_interval", "must be a whole number of minutes dividing a day, got " + interval);
            }
        }
        List<Action> timeline = new ArrayList<>();
        List<ConfigReader> actions = root.sections("timeline");
        for (int i = 0; i < actions.size(); i++) timeline.add(action(actions.get(i), "timeline[" + i + "]", start, end, peers));
        for (int i = 0; i < timeline.size(); i++) {
            boolean needsCountry = switch (timeline.get(i)) {
                case Action.Withdraw w -> w.entity() instanceof Entity.Country;
                case Action.Flap f -> f.entity() instanceof Entity.Country;
                case Action.Upstream u -> u.entity() instanceof Entity.Country;
                case Action.Hijack h -> h.entity() instanceof Entity.Country;
                default -> false;
            };
            if (needsCountry && countries.isEmpty()) {
                throw actions.get(i).error("entity", "a country entity needs 'countries:' (RIR delegation files)");
            }
        }
        return new Scenario(source, name, description, start, end, seed, baseline, peers, List.copyOf(countries), layout, interval,
                List.copyOf(timeline));
    }

    private static Scenario.BaselineSpec baseline(ConfigReader b) {
        b.keys("mrt", "full_table");
        if (b.has("mrt") == b.has("full_table")) throw b.error("give exactly one of 'mrt: FILE' or 'full_table: {...}'");
        if (b.has("mrt")) return new Scenario.BaselineSpec.Mrt(existing(b, "mrt"));
        ConfigReader f = b.section("full_table").keys("ranges", "asrel", "prefixes");
        int prefixes = (int) f.integer("prefixes", 0, 0, Integer.MAX_VALUE);
        return new Scenario.BaselineSpec.FullTable(existing(f, "ranges"), existing(f, "asrel"), prefixes);
    }

    private static String[] with(String... more) {
        String[] out = new String[COMMON.length + more.length];
        System.arraycopy(COMMON, 0, out, 0, COMMON.length);
        System.arraycopy(more, 0, out, COMMON.length, more.length);
        return out;
    }

    private static Action action(ConfigReader n, String w, Instant start, Instant end, int peerCount) {
        String kind = n.string("action");
        Instant at = n.has("at") ? instant(n, "at") : start;
        if (at.isBefore(start) || !at.isBefore(end)) throw n.error("at", at + " is outside the scenario (" + start + " to " + end + ")");
        Instant until = null;
        if (n.has("until") && n.has("duration")) throw n.error("give 'until' or 'duration', not both");
        if (n.has("until")) until = instant(n, "until");
        if (n.has("duration")) until = at.plus(duration(n, "duration"));
        if (until != null && !until.isAfter(at)) throw n.error("until", "must be after at (" + at + ")");
        String note = n.string("note", null);
        return switch (kind) {
            case "withdraw" -> {
                n.keys(with("entity", "peers", "over"));
                yield new Action.Withdraw(w, at, until, entity(n), share(n, peerCount), optDuration(n, "over"), note);
            }
            case "restore" -> {
                n.keys("action", "at", "entity", "over", "note");
                yield new Action.Restore(w, at, entity(n), optDuration(n, "over"));
            }
            case "flap" -> {
                n.keys(with("entity", "peers", "period", "jitter", "down"));
                if (until == null) throw n.error("until", "a flap needs 'until' or 'duration'");
                if (!n.has("period")) throw n.error("period", "missing");
                Duration period = duration(n, "period");
                if (period.toSeconds() < 10) throw n.error("period", "must be at least 10s");
                Duration jitter = optDuration(n, "jitter");
                if (jitter.compareTo(period) >= 0) throw n.error("jitter", "must be shorter than period (" + period + ")");
                Duration down = n.has("down") ? duration(n, "down") : period.dividedBy(3);
                if (down.compareTo(period) >= 0) throw n.error("down", "must be shorter than period (" + period + ")");
                yield new Action.Flap(w, at, until, entity(n), share(n, peerCount), period, jitter, down, note);
            }
            case "upstream" -> {
                n.keys(with("entity", "peers", "from", "to"));
                int from = asn(n, "from");
                Integer to = n.has("to") ? asn(n, "to") : null;
                yield new Action.Upstream(w, at, until, entity(n), share(n, peerCount), from, to, note);
            }
            case "hijack" -> {
                n.keys(with("entity", "peers", "origin", "more_specific"));
                boolean more = n.bool("more_specific", false);
                yield new Action.Hijack(w, at, until, entity(n), share(n, peerCount), asn(n, "origin"), more, note);
            }
            case "session_down" -> {
                n.keys(with("peers"));
                yield new Action.SessionDown(w, at, until, share(n, peerCount), note);
            }
            case "churn" -> {
                n.keys(with("rate", "withdrawals", "affected"));
                double ws = 0.3;
                if (n.has("withdrawals")) {
                    if (!n.isNumber("withdrawals")) throw n.error("withdrawals", "expected a share of the churn events from 0 to 1, like 0.3");
                    ws = n.decimal("withdrawals", ws, 0, 1);
                }
                boolean affected = n.bool("affected", false);
                yield new Action.Churn(w, at, until == null ? end : until, rate(n, "rate"), ws, affected);
            }
            default -> throw n.error("action", "unknown action '" + kind
                    + "' (one of withdraw, restore, flap, upstream, hijack, session_down, churn)");
        };
    }

    private static Entity entity(ConfigReader n) {
        if (!n.has("entity")) throw n.error("entity", "missing");
        ConfigReader e;
        try {
            e = n.section("entity");
        } catch (ConfigException x) {
            throw n.error("entity", "expected one of {country: CC}, {as: N}, {prefixes: [..]}");
        }
        e.keys("country", "as", "prefixes");
        if (e.keySet().size() != 1) throw e.error("give exactly one of country, as, prefixes");
        if (e.has("country")) {
            String cc = e.string("country");
            if (!cc.matches("[A-Za-z]{2}")) throw e.error("country", "expected a two-letter country code, got '" + cc + "'");
            return new Entity.Country(cc);
        }
        if (e.has("as")) return new Entity.As(asn(e, "as"));
        List<Prefix> ps = e.list("prefixes", Prefix::parse);
        if (ps.isEmpty()) throw e.error("prefixes", "expected a non-empty list of prefixes");
        return new Entity.Prefixes(List.copyOf(ps));
    }

    private static final Pattern SHARE = Pattern.compile("(\\d+(?:\\.\\d+)?)%(?:\\s*-\\s*(\\d+(?:\\.\\d+)?)%)?");

    private static PeerShare share(ConfigReader n, int peerCount) {
        if (!n.has("peers")) return PeerShare.ALL;
        if (n.isList("peers")) {
            List<Integer> idx = n.list("peers", t -> {
                int i;
                try {
                    i = Integer.parseInt(t.trim());
                } catch (NumberFormatException e) {
                    i = -1;
                }
                if (i < 0 || i >= peerCount) {
                    throw new IllegalArgumentException("expected a peer index from 0 to " + (peerCount - 1) + ", got '" + t + "'");
                }
                return i;
            });
            return new PeerShare(0, 0, List.copyOf(idx));
        }
        if (n.isNumber("peers")) {
            double v = n.decimal("peers", 1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
            if (v <= 0 || v > 1) throw n.error("peers", "a share must be in (0, 1], got " + v);
            return PeerShare.of(v);
        }
        String t = n.string("peers").trim();
        if (t.equals("all")) return PeerShare.ALL;
        Matcher m = SHARE.matcher(t);
        if (!m.matches()) {
            throw n.error("peers", "expected 'all', a share like 0.5 or '50%', a range like '20%-80%', or a list of peer indices; got '" + t + "'");
        }
        double lo = Double.parseDouble(m.group(1)) / 100, hi = m.group(2) == null ? lo : Double.parseDouble(m.group(2)) / 100;
        if (lo <= 0 || hi > 1 || lo > hi) throw n.error("peers", "shares must satisfy 0% < min <= max <= 100%, got '" + t + "'");
        return new PeerShare(lo, hi, null);
    }

    private static double rate(ConfigReader n, String key) {
        if (!n.has(key)) throw n.error(key, "missing");
        String t = n.string(key);
        Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*/\\s*(s|min|h)").matcher(t.trim());
        if (!m.matches()) throw n.error(key, "expected updates per peer like '2/min', '0.5/s' or '30/h', got '" + t + "'");
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "s" -> v * 60;
            case "h" -> v / 60;
            default -> v;
        };
    }

    private static Duration duration(ConfigReader n, String key) {
        String t = n.string(key);
        try {
            return Durations.parseNonNegative(t.replace(" ", ""));
        } catch (IllegalArgumentException e) {
            throw n.error(key, "expected a duration like '30s', '15m', '9h30m' or '2d', got '" + t + "'");
        }
    }

    private static Duration optDuration(ConfigReader n, String key) {
        return n.has(key) ? duration(n, key) : Duration.ZERO;
    }

    private static Instant instant(ConfigReader n, String key) {
        if (!n.has(key)) throw n.error(key, "missing (a UTC time like 2014-12-22T16:15:00Z)");
        String t = n.string(key);
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw n.error(key, "expected a UTC time like 2014-12-22T16:15:00Z, got '" + t + "'");
        }
    }

    private static int asn(ConfigReader n, String key) {
        if (!n.has(key)) throw n.error(key, "missing");
        String raw = n.string(key), t = raw.trim();
        if (t.regionMatches(true, 0, "AS", 0, 2)) t = t.substring(2);
        try {
            return Integer.parseUnsignedInt(t);
        } catch (NumberFormatException e) {
            throw n.error(key, "expected an AS number, got '" + raw + "'");
        }
    }

    private static Path path(ConfigReader n, String text) {
        String t = text;
        if (t.contains("${shared}")) {
            String shared = System.getProperty("blackout.shared", System.getenv().getOrDefault("BLACKOUT_SHARED", "../shared/data"));
            t = t.replace("${shared}", shared);
        }
        return n.resolve(t);
    }

    private static Path existing(ConfigReader n, String key) {
        if (!n.has(key)) throw n.error(key, "missing");
        Path p = path(n, n.string(key));
        if (!Files.isRegularFile(p)) throw n.error(key, "no such file: " + p);
        return p;
    }
}
