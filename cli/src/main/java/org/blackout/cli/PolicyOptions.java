package org.blackout.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.blackout.core.policy.AsRelFormat;
import org.blackout.core.policy.AsRelationships;
import org.blackout.core.policy.OperatorPrefixes;
import org.blackout.core.policy.Policies;
import org.blackout.core.policy.PolicyFormatException;
import org.blackout.core.policy.RoaSet;
import picocli.CommandLine.Option;

/** The files operators already keep, for hijack and leak detection: prefix list, ROAs, AS relationships. */
final class PolicyOptions {

    enum RelFormat { auto, caida, customer_positive }

    @Option(names = "--prefixes", paramLabel = "FILE",
            description = "BGPalerter's prefixes.yml, read as-is: each prefix's expected origins (asn), ignoreMorespecifics, "
                    + "ignore; its prefixes are watched for hijacks, options.monitorASns as watched ASes.")
    Path prefixes;

    @Option(names = "--rpki", paramLabel = "FILE",
            description = "Validated ROA payloads: rpki-client JSON, Routinator json/jsonext, or CSV (ASN,IP Prefix,Max Length,"
                    + "Trust Anchor). ROAs add expected origins; every hijack carries its RFC 6811 state.")
    Path rpki;

    @Option(names = "--as-rel", paramLabel = "FILE",
            description = "AS relationships (CAIDA as-rel serial-1/2, AS1|AS2|rel with -1 = provider→customer, 0 = peers): "
                    + "turns on route-leak detection (valley-free paths, RFC 7908) and ranks hijacks.")
    Path asRel;

    @Option(names = "--as-rel-format", defaultValue = "auto", paramLabel = "FORMAT",
            description = "caida (only -1 and 0), customer_positive (also 1 = AS1 is AS2's customer, as in thunderwolf's "
                    + "whole-internet-rel.txt) or auto (default: caida, else customer_positive).")
    RelFormat asRelFormat;

    boolean any() {
        return prefixes != null || rpki != null || asRel != null;
    }

    /** Loads what was given; an error names the file and line. */
    Policies load() throws IOException {
        OperatorPrefixes list = prefixes == null ? null : OperatorPrefixes.read(prefixes);
        RoaSet roas = rpki == null ? null : RoaSet.read(rpki);
        AsRelationships rel = null;
        if (asRel != null) {
            rel = switch (asRelFormat) {
                case caida -> AsRelationships.read(asRel, AsRelFormat.CAIDA);
                case customer_positive -> AsRelationships.read(asRel, AsRelFormat.CUSTOMER_POSITIVE);
                case auto -> {
                    try {
                        yield AsRelationships.read(asRel, AsRelFormat.CAIDA);
                    } catch (PolicyFormatException e) {
                        yield AsRelationships.read(asRel, AsRelFormat.CUSTOMER_POSITIVE);
                    }
                }
            };
        }
        if (roas != null) System.err.printf("rpki: %,d ROAs from %s%n", roas.size(), rpki);
        if (rel != null) System.err.printf("as-rel: %,d relationships from %s%n", rel.size(), asRel);
        return new Policies(list, roas, rel);
    }
}
