package org.blackout.core.policy;

import java.util.List;

/**
 * An AS from {@code options.monitorASns} in BGPalerter's {@code prefixes.yml}: the operator wants
 * to hear about anything it originates that is not listed (new prefixes), or stops originating.
 */
public record MonitoredAsn(long asn, List<String> groups) {

    public MonitoredAsn {
        Asns.check(asn, asn);
        groups = List.copyOf(groups);
    }
}
