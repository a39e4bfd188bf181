package org.blackout.core.entity;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import org.blackout.wire.net.Prefix;

/**
 * The static maps an outage is read through: address space → country, AS → country, AS → name.
 * Built once from registry files (see {@link Builder} and the readers in this package), then
 * read-only.
 */
public final class EntityMaps {
    private final AddressRanges countriesV4;
    private final AddressRanges countriesV6;
    private final Long2IntOpenHashMap asCountry;
    private final Long2ObjectOpenHashMap<String> asNames;

    private EntityMaps(AddressRanges v4, AddressRanges v6, Long2IntOpenHashMap asCountry,
                       Long2ObjectOpenHashMap<String> asNames) {
        this.countriesV4 = v4;
        this.countriesV6 = v6;
        this.asCountry = asCountry;
        this.asNames = asNames;
    }

    public static EntityMaps empty() {
        return new Builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Splits a prefix by country: visits (country index, fraction of the prefix in it). */
    public void splitByCountry(Prefix p, AddressRanges.PartVisitor v) {
        (p.v6() ? countriesV6 : countriesV4).split(p, v);
    }

    /** A copy keeping only the address space of the countries {@code keep} accepts (AS data shared). */
    public EntityMaps onlyCountries(java.util.function.IntPredicate keep) {
        return new EntityMaps(countriesV4.filter(keep), countriesV6.filter(keep), asCountry, asNames);
    }

    /** Country index of an AS (see {@link CountryCode}), or -1 when unknown. */
    public int asCountry(long asn) {
        return asCountry.get(asn);
    }

    public String asCountryCode(long asn) {
        int c = asCountry.get(asn);
        return c < 0 ? null : CountryCode.decode(c);
    }

    public String asName(long asn) {
        return asNames.get(asn);
    }

    public boolean hasCountries() {
        return countriesV4.size() + countriesV6.size() > 0;
    }

    public int countryRanges(boolean v6) {
        return (v6 ? countriesV6 : countriesV4).size();
    }

    public int asCountries() {
        return asCountry.size();
    }

    public int asNames() {
        return asNames.size();
    }

    /** Accumulates map entries from any number of files, in any order. */
    public static final class Builder {
        private final AddressRanges.Builder v4 = new AddressRanges.Builder();
        private final AddressRanges.Builder v6 = new AddressRanges.Builder();
        private final AddressRanges.Builder asV4 = new AddressRanges.Builder();
        private final Long2IntOpenHashMap asCountry = new Long2IntOpenHashMap();
        private final Long2ObjectOpenHashMap<String> asNames = new Long2ObjectOpenHashMap<>();

        Builder() {
            asCountry.defaultReturnValue(-1);
        }

        /** Address range (keys as in {@link AddressRanges#key}) delegated to or located in a country. */
        public Builder country(boolean v6, long startKey, long endKey, String cc) {
            int c = CountryCode.encode(cc);
            if (c >= 0) (v6 ? this.v6 : v4).add(startKey, endKey, c);
            return this;
        }

        /** ASes first..first+count-1 registered in a country; the first registration wins. */
        public Builder asCountry(long first, long count, String cc) {
            int c = CountryCode.encode(cc);
            if (c < 0) return this;
            for (long a = first; a < first + count && a - first < 1_000_000; a++) asCountry.putIfAbsent(a, c);
            return this;
        }

        public Builder asName(long asn, String name) {
            asNames.putIfAbsent(asn, name);
            return this;
        }

        /** IPv4 range announced by an AS; used to give ASes the country of most of their space. */
        public Builder asRange(long startKey, long endKey, long asn) {
            asV4.add(startKey, endKey, (int) asn);
            return this;
        }

        public EntityMaps build() {
            AddressRanges c4 = v4.build(), c6 = v6.build();
            Long2IntOpenHashMap asc = new Long2IntOpenHashMap(asCountry);
            asc.defaultReturnValue(-1);
            if (asV4.size() > 0 && c4.size() > 0) deriveAsCountries(asV4.build(), c4, asc);
            return new EntityMaps(c4, c6, asc, new Long2ObjectOpenHashMap<>(asNames));
        }

        /** An AS not in any registry file gets the country holding most of the IPv4 space it announces. */
        private static void deriveAsCountries(AddressRanges asRanges, AddressRanges countries, Long2IntOpenHashMap out) {
            // key: asn * 1024 + country → addresses; ranges are sampled at both ends (cheap, and
            // range files already split ranges at registry boundaries)
            it.unimi.dsi.fastutil.longs.Long2DoubleOpenHashMap shares = new it.unimi.dsi.fastutil.longs.Long2DoubleOpenHashMap();
            asRanges.forEach((s, e, label) -> {
                long asn = Integer.toUnsignedLong(label);
                if (out.containsKey(asn)) return;
                int c1 = countries.lookup(s), c2 = countries.lookup(e);
                double n = e - s + 1;
                if (c1 >= 0) shares.addTo(asn * 1024 + c1, c1 == c2 ? n : n / 2);
                if (c2 >= 0 && c2 != c1) shares.addTo(asn * 1024 + c2, n / 2);
            });
            it.unimi.dsi.fastutil.longs.Long2DoubleOpenHashMap best = new it.unimi.dsi.fastutil.longs.Long2DoubleOpenHashMap();
            shares.long2DoubleEntrySet().forEach(en -> {
                long asn = en.getLongKey() >>> 10;
                int c = (int) (en.getLongKey() & 1023);
                double v = en.getDoubleValue();
                if (v > best.get(asn) || (v == best.get(asn) && c < out.get(asn))) {
                    best.put(asn, v);
                    out.put(asn, c);
                }
            });
        }
    }
}
