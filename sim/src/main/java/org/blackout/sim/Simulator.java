package org.blackout.sim;

import org.blackout.wire.bgp.FsmState;
import org.blackout.core.config.ConfigException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.blackout.wire.net.Prefix;

/**
 * Runs a scenario's timeline over a baseline: plans every action into per-peer {@link Effect}s,
 * sorts them by time, applies them to each peer's state and hands the resulting announcements,
 * withdrawals and session changes to a {@link SimSink}. Deterministic for a seed: each action
 * draws from its own random stream, so editing one action does not reshuffle the others.
 */
public final class Simulator {

    private final Scenario sc;
    private final Baseline base;
    private final EntityResolver entities;
    private final PathPool pool;
    private final List<SimPeer> peers;
    /** baseline prefixes first, then more-specifics that only hijacks announce */
    private final List<Prefix> universe;
    private final Map<Prefix, Integer> extraIndex = new HashMap<>();
    private final List<Effect> effects = new ArrayList<>();
    private final List<TruthEvent> truth = new ArrayList<>();
    private long seq;

    public Simulator(Scenario sc, Baseline base, EntityResolver entities) {
        this.sc = sc;
        this.base = base;
        this.entities = entities;
        this.pool = base.paths();
        this.peers = base.peers();
        this.universe = new ArrayList<>(Arrays.asList(base.prefixes()));
    }

    /** The ground truth, complete after {@link #run}. */
    public List<TruthEvent> truth() {
        return truth;
    }

    /** Plans, then writes everything to the sink. Returns the number of changes written. */
    public long run(SimSink sink) throws IOException {
        plan();
        sink.begin(sc, base);
        long n = apply(sink);
        sink.end(micros(sc.end()));
        return n;
    }

    // ---------------------------------------------------------------- planning

    private record Open(Action.Withdraw action, int[] peers, int[] prefixes, TruthEvent truth) {}

    /** Plans every action into effects, once; returns how many. */
    public int plan() {
        if (planned) return effects.size();
        planned = true;
        planActions();
        effects.sort(null);
        return effects.size();
    }

    private boolean planned;

    private void planActions() {
        Map<String, Open> open = new HashMap<>();
        BitSet touched = new BitSet(base.prefixes().length);
        List<Action> tl = sc.timeline();
        for (Action a : tl) {
            int[] ps = switch (a) {
                case Action.Withdraw w -> resolve(w.entity(), w.where());
                case Action.Flap f -> resolve(f.entity(), f.where());
                case Action.Upstream u -> resolve(u.entity(), u.where());
                case Action.Hijack h -> h.entity() instanceof Entity.Prefixes ? new int[0] : resolve(h.entity(), h.where());
                default -> new int[0];
            };
            for (int p : ps) touched.set(p);
        }
        for (int k = 0; k < tl.size(); k++) {
            Action a = tl.get(k);
            SplittableRandom rnd = new SplittableRandom(sc.seed() * 0x9E3779B97F4A7C15L + k);
            switch (a) {
                case Action.Withdraw w -> {
                    int[] ps = resolve(w.entity(), w.where());
                    int[] who = pick(w.peers(), rnd);
                    TruthEvent t = new TruthEvent("withdraw", w.entity().label(), w.at(), w.until())
                            .put("peers", who.length).put("prefixes", ps.length).put("prefix_list", list(ps)).put("note", w.note());
                    for (int p : who) {
                        long at = spread(w.at(), w.over(), rnd);
                        for (int i : ps) add(at, p, i, Effect.Kind.SUPPRESS, 0);
                        if (w.until() != null) {
                            long back = spread(w.until(), Duration.ZERO, rnd);
                            for (int i : ps) add(back, p, i, Effect.Kind.UNSUPPRESS, 0);
                        }
                    }
                    truth.add(t);
                    if (w.until() == null) open.put(w.entity().label(), new Open(w, who, ps, t));
                }
                case Action.Restore r -> {
                    Open o = open.remove(r.entity().label());
                    if (o == null) throw new ConfigException(file(), 0, r.where(), "restore of " + r.entity().label()
                            + " without an earlier open withdraw of it");
                    if (r.at().isBefore(o.action().at())) throw new ConfigException(file(), 0, r.where() + ".at", "before the withdraw it restores (" + o.action().where() + ")");
                    for (int p : o.peers()) {
                        long at = spread(r.at(), r.over(), rnd);
                        for (int i : o.prefixes()) add(at, p, i, Effect.Kind.UNSUPPRESS, 0);
                    }
                    o.truth().end = r.at();
                    if (!r.over().isZero()) o.truth().put("restore_over_seconds", r.over().toSeconds());
                }
                case Action.Flap f -> planFlap(f, rnd);
                case Action.Upstream u -> planUpstream(u, rnd);
                case Action.Hijack h -> planHijack(h, rnd);
                case Action.SessionDown s -> {
                    int[] who = pick(s.peers(), rnd);
                    List<String> names = new ArrayList<>();
                    for (int p : who) {
                        add(spread(s.at(), Duration.ZERO, rnd), p, -1, Effect.Kind.SESSION_DOWN, 0);
                        if (s.until() != null) add(spread(s.until(), Duration.ZERO, rnd), p, -1, Effect.Kind.SESSION_UP, 0);
                        names.add(peers.get(p).address() + " AS" + Integer.toUnsignedString(peers.get(p).asn()));
                    }
                    truth.add(new TruthEvent("session_down", "peers:" + String.join(",", names), s.at(), s.until())
                            .put("peers", who.length).put("note", s.note()));
                }
                case Action.Churn c -> planChurn(c, touched, rnd);
            }
        }
    }

    private void planFlap(Action.Flap f, SplittableRandom rnd) {
        int[] ps = resolve(f.entity(), f.where());
        long end = micros(f.until());
        long t = micros(f.at());
        int cycles = 0;
        long period = f.period().toNanos() / 1000, jitter = f.jitter().toNanos() / 1000, down = f.down().toNanos() / 1000;
        while (t < end) {
            for (int p : pick(f.peers(), rnd)) {
                long w = t + rnd.nextLong(20_000_000L);
                if (w >= end) continue;
                long u = Math.min(end, w + Math.max(5_000_000L, down + (jitter > 0 ? rnd.nextLong(-jitter / 2, jitter / 2 + 1) : 0)));
                for (int i : ps) {
                    add(w, p, i, Effect.Kind.SUPPRESS, 0);
                    add(u, p, i, Effect.Kind.UNSUPPRESS, 0);
                }
            }
            cycles++;
            t += Math.max(10_000_000L, period + (jitter > 0 ? rnd.nextLong(-jitter, jitter + 1) : 0));
        }
        truth.add(new TruthEvent("flap", f.entity().label(), f.at(), f.until()).put("prefixes", ps.length).put("prefix_list", list(ps))
                .put("peers", f.peers().label()).put("period_seconds", f.period().toSeconds()).put("cycles", cycles).put("note", f.note()));
    }

    private void planUpstream(Action.Upstream u, SplittableRandom rnd) {
        int[] ps = resolve(u.entity(), u.where());
        int[] who = pick(u.peers(), rnd);
        int affected = 0;
        for (int p : who) {
            long at = spread(u.at(), Duration.ZERO, rnd);
            long back = u.until() == null ? -1 : spread(u.until(), Duration.ZERO, rnd);
            Map<Integer, Integer> rewritten = new HashMap<>();
            for (int i : ps) {
                int id = base.routes()[p][i];
                if (id < 0 || !pool.get(id).contains(u.from())) continue;
                affected++;
                if (u.to() == null) {
                    add(at, p, i, Effect.Kind.SUPPRESS, 0);
                    if (back >= 0) add(back, p, i, Effect.Kind.UNSUPPRESS, 0);
                } else {
                    int nid = rewritten.computeIfAbsent(id, x -> pool.intern(replace(pool.get(x), u.from(), u.to())));
                    add(at, p, i, Effect.Kind.SET_PATH, nid);
                    if (back >= 0) add(back, p, i, Effect.Kind.SET_BASE, 0);
                }
            }
        }
        truth.add(new TruthEvent(u.to() == null ? "upstream_drop" : "upstream_change", u.entity().label(), u.at(), u.until())
                .put("from", Integer.toUnsignedLong(u.from())).put("to", u.to() == null ? null : Integer.toUnsignedLong(u.to()))
                .put("peers", who.length).put("routes", affected).put("note", u.note()));
    }

    private static SimPath replace(SimPath p, int from, int to) {
        int[] a = p.asns().clone();
        for (int i = 0; i < a.length; i++) if (a[i] == from) a[i] = to;
        // drop a repeat the substitution made (to was already next to from)
        int n = 0;
        for (int i = 0; i < a.length; i++) if (i == 0 || a[i] != a[i - 1] || a[i] != to) a[n++] = a[i];
        return new SimPath(Arrays.copyOf(a, n), p.origin());
    }

    private void planHijack(Action.Hijack h, SplittableRandom rnd) {
        List<Integer> targets = new ArrayList<>();
        int[] resolved = resolve(h.entity(), h.where(), !(h.entity() instanceof Entity.Prefixes));
        List<Prefix> victims = new ArrayList<>();
        for (int i : resolved) victims.add(universe.get(i));
        if (h.entity() instanceof Entity.Prefixes l) {
            for (Prefix p : l.prefixes()) if (!victims.contains(p)) victims.add(p);
        }
        if (victims.isEmpty()) throw new ConfigException(file(), 0, h.where() + ".entity", h.entity().label() + " matches no prefix of the baseline");
        for (Prefix v : victims) {
            if (h.moreSpecific()) {
                if (v.length() >= (v.v6() ? 128 : 32)) continue; // (collectors may well see /25s: hijackers count on it)
                for (Prefix half : FullTableBuilder.halves(v)) targets.add(indexOf(half));
            } else {
                targets.add(indexOf(v));
            }
        }
        int[] who = pick(h.peers(), rnd);
        int[] originPrefix = originPrefixes(h.origin());
        for (int p : who) {
            int path = hijackPath(p, h.origin(), originPrefix);
            long at = spread(h.at(), Duration.ZERO, rnd);
            long back = h.until() == null ? -1 : spread(h.until(), Duration.ZERO, rnd);
            for (int i : targets) {
                add(at, p, i, Effect.Kind.SET_PATH, path);
                if (back >= 0) add(back, p, i, Effect.Kind.SET_BASE, 0);
            }
        }
        truth.add(new TruthEvent("hijack", h.entity().label(), h.at(), h.until()).put("origin", Integer.toUnsignedLong(h.origin()))
                .put("more_specific", h.moreSpecific()).put("prefixes", targets.size())
                .put("prefix_list", list(targets.stream().mapToInt(Integer::intValue).toArray())).put("peers", who.length).put("note", h.note()));
    }

    /** Baseline prefixes the hijacker originates, so its announcements follow its real paths. */
    private int[] originPrefixes(int asn) {
        return entities.resolve(new Entity.As(asn));
    }

    private int hijackPath(int peer, int origin, int[] originPrefix) {
        for (int i : originPrefix) {
            int id = base.routes()[peer][i];
            if (id >= 0) return id;
        }
        int pa = peers.get(peer).asn();
        return pool.intern(pa == origin ? new int[] {origin} : new int[] {pa, origin}, 0);
    }

    private int indexOf(Prefix p) {
        int i = base.indexOf(p);
        if (i >= 0) return i;
        return extraIndex.computeIfAbsent(p, x -> {
            universe.add(x);
            return universe.size() - 1;
        });
    }

    /**
     * Background churn, which detectors must ignore: per peer a Poisson stream of events on
     * prefixes no other action touches (any prefix when {@code affected}); most are path changes
     * (an extra prepend, undone later), a share {@code withdrawShare} short withdrawals.
     */
    private void planChurn(Action.Churn c, BitSet touched, SplittableRandom rnd) {
        long start = micros(c.at()), end = micros(c.until());
        double perMicro = c.perPeerPerMinute() / 60e6;
        long events = 0;
        int n = base.prefixes().length;
        if (n == 0 || perMicro <= 0) return;
        Map<Integer, Integer> prepended = new HashMap<>();
        for (int p = 0; p < peers.size(); p++) {
            int[] routes = base.routes()[p];
            long t = start;
            while (true) {
                t += (long) (-Math.log(1 - rnd.nextDouble()) / perMicro);
                if (t >= end) break;
                int i = -1;
                for (int tries = 0; tries < 8 && i < 0; tries++) {
                    int k = rnd.nextInt(n);
                    if (routes[k] >= 0 && (c.affected() || !touched.get(k))) i = k;
                }
                if (i < 0) continue;
                events++;
                // (the default share keeps the draw it always had, so existing scenarios keep their bytes)
                boolean pathChange = c.withdrawShare() == 0.3 ? rnd.nextInt(10) < 7 : rnd.nextDouble() >= c.withdrawShare();
                if (pathChange) {
                    int id = routes[i];
                    int alt = prepended.computeIfAbsent(id, x -> {
                        SimPath sp = pool.get(x);
                        int[] a = Arrays.copyOf(sp.asns(), sp.asns().length + 1);
                        a[a.length - 1] = sp.originAs();
                        return pool.intern(a, sp.origin());
                    });
                    add(t, p, i, Effect.Kind.SET_PATH, alt);
                    add(t + rnd.nextLong(30_000_000L, 1_800_000_000L), p, i, Effect.Kind.SET_BASE, 0);
                } else {
                    add(t, p, i, Effect.Kind.SUPPRESS, 0);
                    add(t + rnd.nextLong(5_000_000L, 300_000_000L), p, i, Effect.Kind.UNSUPPRESS, 0);
                }
            }
        }
        truth.add(new TruthEvent("churn", "background", c.at(), c.until()).put("background", true)
                .put("per_peer_per_minute", c.perPeerPerMinute()).put("withdraw_share", c.withdrawShare())
                .put("affected", c.affected()).put("events", events));
    }

    /** The prefixes of an event for truth.jsonl, when few enough to list. */
    private List<String> list(int[] prefixes) {
        if (prefixes.length > 64) return null;
        List<String> l = new ArrayList<>();
        for (int i : prefixes) l.add(universe.get(i).toString());
        return l;
    }

    private int[] resolve(Entity e, String where) {
        return resolve(e, where, true);
    }

    private int[] resolve(Entity e, String where, boolean required) {
        int[] ps = entities.resolve(e);
        if (required && ps.length == 0) throw new ConfigException(file(), 0, where + ".entity", e.label() + " matches no prefix of the baseline");
        return ps;
    }

    private int[] pick(PeerShare s, SplittableRandom rnd) {
        if (s.indices() != null) return s.indices().stream().mapToInt(Integer::intValue).toArray();
        double share = s.min() == s.max() ? s.min() : s.min() + rnd.nextDouble() * (s.max() - s.min());
        int n = peers.size(), k = (int) Math.max(1, Math.round(share * n));
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        for (int i = 0; i < k; i++) { // partial Fisher-Yates
            int j = i + rnd.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = Arrays.copyOf(all, k);
        Arrays.sort(out);
        return out;
    }

    /** A time in [t, t+over], or within 20 s of t (propagation delay) when over is zero. */
    private static long spread(Instant t, Duration over, SplittableRandom rnd) {
        long span = over.isZero() ? 20_000_000L : over.toNanos() / 1000;
        return micros(t) + rnd.nextLong(span);
    }

    private void add(long micros, int peer, int prefix, Effect.Kind kind, int arg) {
        effects.add(new Effect(micros, peer, prefix, kind, arg, seq++));
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    private String file() {
        return sc.source() == null ? sc.name() : sc.source().getFileName().toString();
    }

    // ---------------------------------------------------------------- applying

    private long apply(SimSink sink) throws IOException {
        int n = universe.size();
        int[][] path = new int[peers.size()][];
        byte[][] down = new byte[peers.size()][];
        boolean[] up = new boolean[peers.size()];
        for (int p = 0; p < peers.size(); p++) {
            path[p] = Arrays.copyOf(base.routes()[p], n);
            Arrays.fill(path[p], base.prefixes().length, n, -1);
            down[p] = new byte[n];
            up[p] = true;
        }
        long written = 0;
        long end = micros(sc.end());
        for (Effect e : effects) {
            if (e.micros() >= end) continue;
            int p = e.peer();
            SimPeer peer = peers.get(p);
            switch (e.kind()) {
                case SESSION_DOWN -> {
                    if (!up[p]) continue;
                    up[p] = false;
                    sink.state(e.micros(), peer, FsmState.ESTABLISHED, FsmState.IDLE);
                    written++;
                }
                case SESSION_UP -> {
                    if (up[p]) continue;
                    up[p] = true;
                    long t = e.micros();
                    FsmState[] steps = {FsmState.IDLE, FsmState.CONNECT, FsmState.OPEN_SENT, FsmState.OPEN_CONFIRM, FsmState.ESTABLISHED};
                    for (int s = 1; s < steps.length; s++) sink.state(t++, peer, steps[s - 1], steps[s]);
                    t += 1000;
                    for (int i = 0; i < n; i++) {
                        if (down[p][i] == 0 && path[p][i] >= 0) {
                            sink.announce(t, peer, universe.get(i), pool.get(path[p][i]));
                            written++;
                        }
                    }
                    written += steps.length;
                }
                default -> {
                    int i = e.prefix();
                    int before = down[p][i] == 0 ? path[p][i] : -1;
                    switch (e.kind()) {
                        case SUPPRESS -> down[p][i]++;
                        case UNSUPPRESS -> down[p][i] = (byte) Math.max(0, down[p][i] - 1);
                        case SET_PATH -> path[p][i] = e.arg();
                        case SET_BASE -> path[p][i] = i < base.prefixes().length ? base.routes()[p][i] : -1;
                        default -> throw new AssertionError(e.kind());
                    }
                    int after = down[p][i] == 0 ? path[p][i] : -1;
                    if (before == after || !up[p]) continue;
                    if (after < 0) sink.withdraw(e.micros(), peer, universe.get(i));
                    else sink.announce(e.micros(), peer, universe.get(i), pool.get(after));
                    written++;
                }
            }
        }
        return written;
    }
}
