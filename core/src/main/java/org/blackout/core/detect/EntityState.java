package org.blackout.core.detect;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongLinkedOpenHashSet;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import org.blackout.core.signal.Signal;
import org.blackout.core.signal.Upstream;

/** What the detectors remember about one entity between bins. */
final class EntityState {
    final String entity;
    final boolean country;
    /** Explicitly watched (not only through all-countries/all-ases): single upstreams are flagged. */
    final boolean watched;
    long bins;
    int lastKnownPrefixes;

    // series and baselines
    final History visible;
    final History churn;
    double visibleBaseline = Double.NaN;
    double churnBaseline = Double.NaN;
    long baselineAge = Long.MAX_VALUE;
    Signal lastNormal;
    List<Upstream> lastNormalUpstreams = List.of();

    // this bin's elements, for times finer than a bin
    long binFirstWithdrawal = Long.MAX_VALUE;
    long lastWithdrawalBin = Long.MIN_VALUE / 2;
    long withdrawalRunStart = Long.MIN_VALUE;
    final LongArrayList binAnnouncements = new LongArrayList();
    EvidenceRing evidence;

    // outage
    int downBins;
    Instant candidateEvidence;
    Instant candidateBin;
    double candidateSeverity;
    double firstDownDepth;
    OpenEvent outage;
    /** A provisional outage raised live before its bin closed ({@link EarlyOutage}); the bins confirm or retract it. */
    OpenEvent early;
    /** Where {@link EarlyOutage} last found a member still carried: the next scan starts there. */
    int earlyHint;
    boolean outageThisBin;
    Instant lastOutageLowered;
    /** The open outage was raised on prefixes lost (not on visible /24s). */
    boolean outageByPrefix;
    /** Lost prefixes before the candidate (old losses the event is not about), and the most lost since. */
    int lostBefore;
    int peakLost;
    int candidatePeak;
    int candidateAgreeing, candidateCarrying;
    double candidateSlash24;
    boolean candidateFast;
    /** When the entity's last loss (a candidate or an outage) ended: losses soon after are flaps. */
    long lastLossEpisode = Long.MIN_VALUE;

    // instability
    final ArrayDeque<Long> unstableBins = new ArrayDeque<>();
    OpenEvent instability;
    long lastUnstableEnd;
    Instant lastInstabilityLowered;

    // upstreams
    LongLinkedOpenHashSet established;
    final Long2IntOpenHashMap missing = new Long2IntOpenHashMap();
    final Long2IntOpenHashMap fresh = new Long2IntOpenHashMap();
    final it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap<OpenEvent> lost = new it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap<>();
    OpenEvent singleUpstream;
    Instant lastUpstreamLost;

    EntityState(String entity, boolean watched, int historyBins) {
        this.entity = entity;
        this.country = entity.startsWith("country:");
        this.watched = watched;
        this.visible = new History(historyBins);
        this.churn = new History(historyBins);
    }

    void resetBin() {
        binFirstWithdrawal = Long.MAX_VALUE;
        binAnnouncements.clear();
        outageThisBin = false;
    }
}
