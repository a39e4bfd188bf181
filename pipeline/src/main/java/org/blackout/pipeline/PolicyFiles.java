package org.blackout.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.blackout.core.policy.AsRelFormat;
import org.blackout.core.policy.AsRelationships;
import org.blackout.core.policy.OperatorPrefixes;
import org.blackout.core.policy.Policies;
import org.blackout.core.policy.PolicyFormatException;
import org.blackout.core.policy.RoaSet;

/**
 * The files operators already keep, for hijack and leak detection; the one place they are loaded.
 *
 * @param prefixes    BGPalerter's prefixes.yml, or null
 * @param rpki        validated ROA payloads (rpki-client or Routinator JSON, or CSV), or null
 * @param asRel       AS relationships (CAIDA as-rel), or null
 * @param asRelFormat how {@code asRel} reads
 */
public record PolicyFiles(Path prefixes, Path rpki, Path asRel, RelFormat asRelFormat) {

    /** caida: only -1 and 0; customer_positive: also 1 = AS1 is AS2's customer; auto: caida, else customer_positive. */
    public enum RelFormat { AUTO, CAIDA, CUSTOMER_POSITIVE }

    public PolicyFiles {
        if (asRelFormat == null) asRelFormat = RelFormat.AUTO;
    }

    public static PolicyFiles none() {
        return new PolicyFiles(null, null, null, RelFormat.AUTO);
    }

    public boolean any() {
        return prefixes != null || rpki != null || asRel != null;
    }

    /** Loads what is named (null when nothing is); {@code note} hears how much was read. An error names the file and line. */
    public Policies load(Consumer<String> note) throws IOException {
        if (!any()) return null;
        OperatorPrefixes list = prefixes == null ? null : OperatorPrefixes.read(prefixes);
        RoaSet roas = rpki == null ? null : RoaSet.read(rpki);
        AsRelationships rel = null;
        if (asRel != null) {
            rel = switch (asRelFormat) {
                case CAIDA -> AsRelationships.read(asRel, AsRelFormat.CAIDA);
                case CUSTOMER_POSITIVE -> AsRelationships.read(asRel, AsRelFormat.CUSTOMER_POSITIVE);
                case AUTO -> {
                    try {
                        yield AsRelationships.read(asRel, AsRelFormat.CAIDA);
                    } catch (PolicyFormatException e) {
                        yield AsRelationships.read(asRel, AsRelFormat.CUSTOMER_POSITIVE);
                    }
                }
            };
        }
        if (roas != null) note.accept(String.format("rpki: %,d ROAs from %s", roas.size(), rpki));
        if (rel != null) note.accept(String.format("as-rel: %,d relationships from %s", rel.size(), asRel));
        return new Policies(list, roas, rel);
    }
}
