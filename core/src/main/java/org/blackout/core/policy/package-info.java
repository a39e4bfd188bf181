/**
 * Routing policy data for hijack and route-leak detection (issue 13): what the RPKI, the operator
 * and the inferred AS graph say a route should look like. Pure, immutable once loaded (so one
 * instance may be shared by threads, and a reload is a new instance swapped in), and
 * allocation-free on the per-announcement path, so detectors call it for every element.
 *
 * <h2>Route origin validation (RFC 6811)</h2>
 * <pre>{@code
 * RoaSet roas = RoaSet.read(Path.of("vrps.json"));      // rpki-client / Routinator json, jsonext, or CSV
 * RovState s = roas.validate(prefix, originAsn);        // VALID, INVALID_ASN, INVALID_LENGTH, NOT_FOUND
 * s.json();                                             // "valid", "invalid-asn", ...
 * List<Roa> why = roas.covering(prefix);                // evidence for an alert (allocates)
 * }</pre>
 * Pass {@link org.blackout.core.policy.RoaSet#NO_ORIGIN} when the path ends in an AS_SET. VRPs for
 * AS0 never match, so they turn a covered route invalid.
 *
 * <h2>Operator prefixes (BGPalerter's prefixes.yml)</h2>
 * <pre>{@code
 * OperatorPrefixes ops = OperatorPrefixes.read(Path.of("prefixes.yml"));
 * MonitoredPrefix m = ops.watching(prefix);             // null: not ours, ignored, or an ignored more-specific
 * if (m != null && !m.allowsOrigin(originAsn)) ...      // a hijack of m (or of a more-specific of it)
 * ops.monitoredAsn(originAsn);                          // non-null: options.monitorASns lists it
 * }</pre>
 *
 * <h2>Route leaks (RFC 7908)</h2>
 * <pre>{@code
 * AsRelationships rels = AsRelationships.read(Path.of("20240101.as-rel2.txt"), AsRelFormat.CAIDA);
 * rels.relation(a, b);                                  // a is PROVIDER_OF / CUSTOMER_OF / PEER / UNKNOWN to b
 * ValleyFree vf = new ValleyFree(rels);                 // reuse one per thread or share: it is stateless
 * Leak leak = vf.check(hops);                           // hops[0] = the collector's peer, last = origin; null = clean
 * }</pre>
 * Only the AS path's AS_SEQUENCE hops are judged (or pass the decoded
 * {@link org.blackout.wire.bgp.AsPath}); prepends are collapsed, links of unknown relationship
 * skipped. A {@link org.blackout.core.policy.Leak} names the leaker, who it learned the route from,
 * who it leaked it to, its index in the path, and the RFC 7908 type.
 *
 * <h2>Files and errors</h2>
 * Every loader reads a path or an {@code InputStream} with a name for messages, and takes gzip
 * transparently. A malformed file raises {@link org.blackout.core.policy.PolicyFormatException}
 * (an {@code IOException}) whose message starts {@code file:line[:column]:}. Prefixes with host
 * bits set are refused rather than masked. ASNs are unsigned 32-bit values in longs, written
 * {@code 13335}, {@code AS13335} or asdot {@code 0.13335}.
 *
 * <h2>Costs</h2>
 * Measured by {@code bench/policy.sh} (thread CPU time, a shared 2-core machine): RFC 6811
 * validation of route-views announcements against 512,621 VRPs about 100 ns (about 40 bytes per
 * VRP retained; 1.9–2.5 s to build); a valley-free check of a 5.4-hop path about 50–70 ns.
 * {@link org.blackout.core.policy.PrefixIndex} (shared by ROAs and operator prefixes) probes one
 * hash table per candidate prefix length. AS relationships are one fastutil {@code long → byte}
 * entry per link (thunderwolf's 116,930 links read in about a second).
 *
 * <h2>Relationship data and its age</h2>
 * Leak detection is only as good as the relationships: the 2013 graph flags 0.35% of a 2015 full
 * table's distinct paths, but 26% of 2008 route-views announcements (mostly "lateral" leaks
 * through ASes that peered by 2013 but bought transit in 2008). Load the CAIDA file of the data's
 * month.
 */
package org.blackout.core.policy;
