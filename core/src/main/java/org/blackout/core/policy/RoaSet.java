package org.blackout.core.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.blackout.wire.net.Prefix;

/**
 * An immutable set of VRPs with route origin validation (RFC 6811). Built from a file with
 * {@link #read(Path)} (rpki-client or Routinator JSON, or CSV; see {@link RoaFiles}) or from
 * {@link Roa}s with {@link #of(Collection)}.
 *
 * <p>{@link #validate(Prefix, long)} allocates nothing: VRPs are kept as parallel arrays grouped by
 * prefix, and the prefixes in a {@link PrefixIndex}. About 30 bytes per VRP, so a full RPKI
 * (about 500,000 VRPs) takes some 15 MB.
 */
public final class RoaSet {
    /** The origin to pass for a route whose origin is an AS_SET: RFC 6811 says it matches no VRP. */
    public static final long NO_ORIGIN = -1L;

    private final PrefixIndex index;
    /** VRPs of prefix id {@code i} are at [groupStart[i], groupStart[i + 1]). */
    private final int[] groupStart;
    private final int[] asn;
    private final byte[] maxLength;
    private final short[] ta;
    private final String[] trustAnchors;

    private RoaSet(Collection<Roa> roas) {
        PrefixIndex.Builder b = new PrefixIndex.Builder();
        int[] idOf = new int[roas.size()];
        int k = 0;
        for (Roa r : roas) idOf[k++] = b.add(r.prefix());
        index = b.build();
        // counting sort by prefix id keeps each prefix's VRPs together, in file order
        groupStart = new int[index.size() + 1];
        for (int id : idOf) groupStart[id + 1]++;
        for (int i = 0; i < index.size(); i++) groupStart[i + 1] += groupStart[i];
        int[] fill = groupStart.clone();
        asn = new int[roas.size()];
        maxLength = new byte[roas.size()];
        ta = new short[roas.size()];
        Map<String, Short> taIds = new HashMap<>();
        List<String> taNames = new ArrayList<>();
        k = 0;
        for (Roa r : roas) {
            int at = fill[idOf[k++]]++;
            asn[at] = (int) r.asn();
            maxLength[at] = (byte) r.maxLength();
            ta[at] = taIds.computeIfAbsent(r.trustAnchor(), name -> {
                if (taNames.size() == Short.MAX_VALUE) throw new IllegalArgumentException("more than 32767 trust anchors");
                taNames.add(name);
                return (short) (taNames.size() - 1);
            });
        }
        trustAnchors = taNames.toArray(String[]::new);
    }

    public static RoaSet of(Collection<Roa> roas) {
        return new RoaSet(roas);
    }

    /** Reads a VRP file, its format detected from its content (see {@link RoaFiles}). */
    public static RoaSet read(Path file) throws IOException {
        return of(RoaFiles.read(file));
    }

    /** As {@link #read(Path)} for a stream; {@code source} names it in error messages. */
    public static RoaSet read(InputStream in, String source) throws IOException {
        return of(RoaFiles.read(in, source));
    }

    /** Number of VRPs (duplicates included, as the file had them). */
    public int size() {
        return asn.length;
    }

    /**
     * RFC 6811 route origin validation of a route for {@code route} originated by {@code originAsn}
     * ({@link #NO_ORIGIN} for an AS_SET origin). Allocation-free.
     */
    public RovState validate(Prefix route, long originAsn) {
        boolean covered = false, sameAsn = false;
        for (int id = index.nextCovering(route, 0); id != PrefixIndex.NONE; id = index.nextCovering(route, index.length(id) + 1)) {
            covered = true;
            for (int k = groupStart[id]; k < groupStart[id + 1]; k++) {
                long a = asn[k] & 0xFFFF_FFFFL;
                if (a != originAsn || a == 0) continue; // AS0 VRPs never match (RFC 6483 §4, RFC 7607)
                if ((maxLength[k] & 0xFF) >= route.length()) return RovState.VALID;
                sameAsn = true;
            }
        }
        return !covered ? RovState.NOT_FOUND : sameAsn ? RovState.INVALID_LENGTH : RovState.INVALID_ASN;
    }

    /** The VRPs covering {@code route}, shortest prefix first: what an alert shows as evidence. */
    public List<Roa> covering(Prefix route) {
        List<Roa> out = new ArrayList<>();
        for (int id = index.nextCovering(route, 0); id != PrefixIndex.NONE; id = index.nextCovering(route, index.length(id) + 1)) {
            for (int k = groupStart[id]; k < groupStart[id + 1]; k++) out.add(roa(id, k));
        }
        return out;
    }

    /** Every VRP, grouped by prefix; a view, each element made on access. */
    public List<Roa> roas() {
        int[] prefixOf = new int[asn.length];
        for (int id = 0; id < index.size(); id++) {
            for (int k = groupStart[id]; k < groupStart[id + 1]; k++) prefixOf[k] = id;
        }
        return new AbstractList<>() {
            @Override
            public Roa get(int k) {
                return roa(prefixOf[k], k);
            }

            @Override
            public int size() {
                return asn.length;
            }
        };
    }

    public List<String> trustAnchors() {
        return List.of(trustAnchors);
    }

    private Roa roa(int id, int k) {
        return new Roa(index.prefix(id), maxLength[k] & 0xFF, asn[k] & 0xFFFF_FFFFL, trustAnchors[ta[k]]);
    }
}
