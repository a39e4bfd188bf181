package org.blackout.core.policy;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.blackout.wire.net.Prefix;

/**
 * What an operator told us about its own address space: BGPalerter's {@code prefixes.yml}, read
 * as-is ({@link #read(Path)}), so an operator moving from BGPalerter brings the file along.
 * Immutable; lookups allocate nothing.
 *
 * <p>Matching follows BGPalerter: an announced prefix belongs to the most specific listed prefix
 * that covers it ({@link #longestMatch(Prefix)}); {@link #watching(Prefix)} then applies
 * {@code ignore} and {@code ignoreMorespecifics}.
 */
public final class OperatorPrefixes {
    private final List<MonitoredPrefix> prefixes;
    private final PrefixIndex index;
    private final List<MonitoredAsn> asns;
    private final Long2ObjectOpenHashMap<MonitoredAsn> byAsn = new Long2ObjectOpenHashMap<>();

    private OperatorPrefixes(List<MonitoredPrefix> prefixes, List<MonitoredAsn> asns) {
        this.prefixes = List.copyOf(prefixes);
        this.asns = List.copyOf(asns);
        PrefixIndex.Builder b = new PrefixIndex.Builder();
        for (MonitoredPrefix p : this.prefixes) {
            int before = b.size();
            b.add(p.prefix());
            if (b.size() == before) throw new IllegalArgumentException("prefix listed twice: " + p.prefix());
        }
        index = b.build();
        for (MonitoredAsn a : this.asns) {
            if (byAsn.put(a.asn(), a) != null) throw new IllegalArgumentException("AS" + a.asn() + " listed twice");
        }
    }

    /** @throws IllegalArgumentException when a prefix or an AS is listed twice */
    public static OperatorPrefixes of(List<MonitoredPrefix> prefixes, List<MonitoredAsn> monitoredAsns) {
        return new OperatorPrefixes(prefixes, monitoredAsns);
    }

    /** Reads a BGPalerter {@code prefixes.yml}; see {@link PrefixesYml} for what is accepted. */
    public static OperatorPrefixes read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** @param source names the input in error messages */
    public static OperatorPrefixes read(InputStream in, String source) throws IOException {
        PrefixesYml.Parsed p = PrefixesYml.read(in, source);
        return new OperatorPrefixes(p.prefixes(), p.asns());
    }

    /** Every listed prefix, in file order (ignored ones included). */
    public List<MonitoredPrefix> prefixes() {
        return prefixes;
    }

    /** {@code options.monitorASns}, in file order. */
    public List<MonitoredAsn> monitoredAsns() {
        return asns;
    }

    /** The entry for {@code asn} in {@code options.monitorASns}, or null. */
    public MonitoredAsn monitoredAsn(long asn) {
        return byAsn.get(asn);
    }

    /** The entry for exactly {@code prefix}, or null. */
    public MonitoredPrefix get(Prefix prefix) {
        int id = index.find(prefix);
        return id == PrefixIndex.NONE ? null : prefixes.get(id);
    }

    /** The most specific listed prefix covering {@code route} (itself included), ignored or not; null when none. */
    public MonitoredPrefix longestMatch(Prefix route) {
        int id = index.longestCovering(route);
        return id == PrefixIndex.NONE ? null : prefixes.get(id);
    }

    /**
     * The entry that watches {@code route}, as BGPalerter decides: its longest match, unless that is
     * marked {@code ignore}, or {@code route} is a more-specific of an entry with
     * {@code ignoreMorespecifics}. Null when nobody watches it: a detector stays silent.
     */
    public MonitoredPrefix watching(Prefix route) {
        MonitoredPrefix m = longestMatch(route);
        if (m == null || m.ignore()) return null;
        if (m.ignoreMorespecifics() && route.length() > m.prefix().length()) return null;
        return m;
    }
}
