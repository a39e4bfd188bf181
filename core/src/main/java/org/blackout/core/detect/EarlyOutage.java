package org.blackout.core.detect;

import java.time.Instant;
import java.util.Locale;
import org.blackout.core.engine.RoutingView;
import org.blackout.core.event.EventSink;
import org.blackout.core.event.EventType;
import org.blackout.core.event.Extent;
import org.blackout.core.event.Hint;
import org.blackout.core.signal.EntityIndex;
import org.blackout.core.signal.PrefixVisibility;

/**
 * The live early raise: a watched entity whose every prefix has been withdrawn by every peer that
 * carried it is raised as a provisional outage at the withdrawal that completed the loss, not when
 * its bin closes (up to a bin, 5 min by default, later, plus the confirmation bins).
 *
 * <p>How: on a withdrawal that leaves its prefix with no carrier still routing it, each entity
 * holding the prefix is checked. The check walks the entity's members from where it last found one
 * still carried ({@link EntityState#earlyHint}), so an entity losing its prefixes one by one costs
 * a walk of its members in all, not one per withdrawal. The same agreement rule as the bins holds:
 * at least {@code outageMinPeers} peers, and {@code minAgreeingPeers} of the carriers, withdrew; and
 * only an entity past warm-up with no outage open.
 *
 * <p>Confirmed or retracted by the bins ({@link OutageDetector#step}): when the bins raise the
 * outage, the provisional event becomes it (same id and raise time; the {@link Hint#PROVISIONAL}
 * hint goes) and is sent as an update; when a bin closes with no loss candidate left (the routes
 * came back, or the bins do not see a loss), it is lowered with {@link Hint#RETRACTED}.
 *
 * <p>Live only ({@link Detectors#earlyRaise}): in a replay it would add a raise-then-update to
 * events the bins alone raise, changing the replay's and demo's event output; live, its time is
 * the withdrawal's receipt time, so it is the same whichever wall clock closes the bins.
 */
final class EarlyOutage {
    private final DetectorConfig config;
    private final long warmupBins;
    private final EventSink sink;

    EarlyOutage(DetectorConfig config, long warmupBins, EventSink sink) {
        this.config = config;
        this.warmupBins = warmupBins;
        this.sink = sink;
    }

    /** After the engine applied a withdrawal of prefix {@code p}, for one entity holding it. */
    void withdrawn(EntityState st, int entity, int p, long timeMicros, RoutingView view) {
        if (st.outage != null || st.early != null || st.bins <= warmupBins || st.lastKnownPrefixes == 0) return;
        PrefixVisibility vis = view.visibility();
        if (vis == null || !gone(vis, p)) return;
        EntityIndex.Members m = view.entities().members(entity);
        int n = m.size();
        if (n == 0) return;
        int start = Math.floorMod(st.earlyHint, n);
        for (int k = 0; k < n; k++) {
            int i = (start + k) % n;
            int q = m.prefix(i);
            if (vis.carriers(q) > 0 && !gone(vis, q)) {
                st.earlyHint = i;
                return;
            }
        }
        // every known member is gone from every carrier: count them, and the fewest peers agreeing
        int known = 0, agreeing = Integer.MAX_VALUE;
        double slash24 = 0;
        for (int i = 0; i < n; i++) {
            int q = m.prefix(i);
            int c = vis.carriers(q);
            if (c == 0) continue;
            known++;
            agreeing = Math.min(agreeing, c);
            slash24 += view.routing().prefixes().isV6(q) ? 0 : Math.scalb(1.0, 24 - view.routing().prefixes().length(q));
        }
        if (known == 0) return;
        int need = Math.max(config.outageMinPeers(), Math.min(config.minAgreeingPeers(), agreeing));
        if (agreeing < need) return; // never one peer alone, as in the bins
        raise(st, known, agreeing, slash24, timeMicros);
    }

    /** Every active carrier of the prefix withdrew it. */
    private static boolean gone(PrefixVisibility vis, int p) {
        int c = vis.carriers(p);
        return c > 0 && vis.withdrawnBy(p) == c;
    }

    private void raise(EntityState st, int known, int agreeing, double slash24, long timeMicros) {
        Instant t = Bin.instant(timeMicros);
        // the loss began at the entity's first withdrawal in this bin, as the bins would say
        Instant first = st.binFirstWithdrawal == Long.MAX_VALUE ? t : Bin.instant(st.binFirstWithdrawal);
        OpenEvent o = new OpenEvent(EventType.OUTAGE, st.entity, first);
        o.raised = t;
        o.seenUntil = t;
        o.depth = 1;
        o.extent = new Extent(known, slash24, Math.round(slash24 * 256), agreeing, 0, known, agreeing, java.util.List.of());
        o.hints.add(Hint.PROVISIONAL);
        o.hints.add(Hint.ALL_AT_ONCE);
        o.details.put("baseline", "prefix_carriers");
        o.details.put("known_prefixes", Integer.toString(known));
        o.details.put("lost_prefixes", Integer.toString(known));
        o.details.put("raised_by", "early_withdrawal");
        o.evidence = st.evidence == null ? java.util.List.of() : st.evidence.snapshot();
        o.summary = String.format(Locale.ROOT, "provisional: all %,d prefixes of %s withdrawn by every carrier (%d+ peers), "
                + "before the bin closed", known, OutageDetector.display(st.entity), agreeing);
        st.early = o;
        sink.raised(o.snapshot());
    }
}
