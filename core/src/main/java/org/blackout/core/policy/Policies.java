package org.blackout.core.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.blackout.core.detect.OriginPolicy;
import org.blackout.wire.net.Prefix;

/**
 * The policy files a user brings — BGPalerter's {@code prefixes.yml}, validated ROA payloads, AS
 * relationships — as the detectors see them ({@link OriginPolicy}). Each part is optional.
 */
public final class Policies implements OriginPolicy {
    private final OperatorPrefixes prefixes;
    private final RoaSet roas;
    private final AsRelationships relationships;
    private final ValleyFree valleys;
    private final Map<Prefix, long[]> listed = new LinkedHashMap<>();

    /** Any argument may be null. */
    public Policies(OperatorPrefixes prefixes, RoaSet roas, AsRelationships relationships) {
        this.prefixes = prefixes;
        this.roas = roas;
        this.relationships = relationships;
        this.valleys = relationships == null ? null : new ValleyFree(relationships);
        if (prefixes != null) {
            for (MonitoredPrefix m : prefixes.prefixes()) {
                if (m.ignore()) continue;
                listed.put(m.prefix(), m.origins().stream().mapToLong(Long::longValue).toArray());
            }
        }
    }

    public boolean isEmpty() {
        return prefixes == null && roas == null && relationships == null;
    }

    /** ASes the operator lists as monitored (BGPalerter's {@code options.monitorASns}). */
    public long[] monitoredAsns() {
        return prefixes == null ? new long[0] : prefixes.monitoredAsns().stream().mapToLong(MonitoredAsn::asn).toArray();
    }

    @Override
    public long[] allowed(Prefix p) {
        long[] fromList = new long[0];
        if (prefixes != null) {
            MonitoredPrefix m = prefixes.longestMatch(p);
            if (m != null) fromList = m.origins().stream().mapToLong(Long::longValue).toArray();
        }
        if (roas == null) return fromList;
        var covering = roas.covering(p);
        if (covering.isEmpty()) return fromList;
        long[] out = java.util.Arrays.copyOf(fromList, fromList.length + covering.size());
        int n = fromList.length;
        // a ROA allows its AS only up to maxLength: beyond it the AS is not an expected origin
        for (Roa r : covering) if (r.asn() != 0 && p.length() <= r.maxLength()) out[n++] = r.asn();
        return java.util.Arrays.copyOf(out, n);
    }

    @Override
    public boolean authoritative(Prefix p) {
        return (prefixes != null && prefixes.longestMatch(p) != null) || (roas != null && !roas.covering(p).isEmpty());
    }

    @Override
    public Map<Prefix, long[]> listed() {
        return listed;
    }

    @Override
    public boolean ignored(Prefix p) {
        return prefixes != null && prefixes.longestMatch(p) != null && prefixes.watching(p) == null;
    }

    @Override
    public String rov(Prefix p, long origin) {
        return roas == null ? null : roas.validate(p, origin).json();
    }

    @Override
    public Valley valley(long[] path) {
        if (valleys == null) return null;
        Leak l = valleys.check(path);
        // a valley across links of unknown relationship is no evidence
        return l == null || l.kind() == Leak.Kind.ACROSS_UNKNOWN ? null : new Valley(l.leaker(), l.leakedTo(), l.learnedFrom());
    }

    @Override
    public boolean related(long a, long b) {
        return relationships == null || relationships.relation(a, b) != Relation.UNKNOWN;
    }

    @Override
    public boolean hasRelationships() {
        return relationships != null;
    }
}
