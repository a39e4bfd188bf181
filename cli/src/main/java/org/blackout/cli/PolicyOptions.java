package org.blackout.cli;

import java.nio.file.Path;
import org.blackout.pipeline.PolicyFiles;
import picocli.CommandLine.Option;

/**
 * The files operators already keep, for hijack and leak detection: prefix list, ROAs, AS
 * relationships; each flag overrides the configuration file's {@code entities:} key of the same name.
 */
final class PolicyOptions {

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

    @Option(names = "--as-rel-format", paramLabel = "FORMAT",
            description = "caida (only -1 and 0), customer_positive (also 1 = AS1 is AS2's customer, as in thunderwolf's "
                    + "whole-internet-rel.txt) or auto (default: caida, else customer_positive).")
    String asRelFormat;

    /** {@code base} with the files named here instead. */
    PolicyFiles apply(PolicyFiles base) {
        PolicyFiles.RelFormat format = base.asRelFormat();
        if (asRelFormat != null) {
            try {
                format = PolicyFiles.RelFormat.valueOf(asRelFormat.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--as-rel-format: want auto, caida or customer_positive, got '" + asRelFormat + "'");
            }
        }
        return new PolicyFiles(prefixes != null ? prefixes : base.prefixes(), rpki != null ? rpki : base.rpki(),
                asRel != null ? asRel : base.asRel(), format);
    }
}
