package org.blackout.core.policy;

import java.util.List;
import java.util.Objects;
import org.blackout.wire.net.Prefix;

/**
 * One entry of BGPalerter's {@code prefixes.yml}: an operator's own prefix and who may originate it.
 *
 * @param origins             the ASes allowed to originate it ({@code asn}: a number or a list); any
 *                            other origin for it or a more-specific is a hijack
 * @param ignoreMorespecifics more-specifics of it are not watched (e.g. customers announce them)
 * @param ignore              the prefix is listed only to be excluded (typically a more-specific of
 *                            a watched prefix, delegated elsewhere)
 * @param groups              who is told ({@code group}: a name or a list; BGPalerter's default is {@code default})
 */
public record MonitoredPrefix(Prefix prefix, String description, List<Long> origins,
                              boolean ignoreMorespecifics, boolean ignore, List<String> groups) {

    public MonitoredPrefix {
        Objects.requireNonNull(prefix, "prefix");
        description = description == null ? "" : description;
        origins = List.copyOf(origins);
        groups = List.copyOf(groups);
    }

    /** True when {@code asn} may originate this prefix. */
    public boolean allowsOrigin(long asn) {
        for (int i = 0; i < origins.size(); i++) if (origins.get(i) == asn) return true;
        return false;
    }
}
