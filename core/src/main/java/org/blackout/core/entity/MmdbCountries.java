package org.blackout.core.entity;

import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Network;
import com.maxmind.db.Networks;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Map;

/**
 * Reads every network of a MaxMind DB file (GeoLite2/GeoIP2 Country or City, ip-location-db's
 * country and ASN builds) into the builder: {@code country.iso_code} (or
 * {@code registered_country.iso_code}, or a flat {@code country_code}) → country ranges, and
 * {@code autonomous_system_number}/{@code _organization} → AS ranges and names.
 */
public final class MmdbCountries {
    private MmdbCountries() {}

    /** Returns the number of networks taken. */
    public static int read(InputStream in, EntityMaps.Builder into) throws IOException {
        int n = 0;
        try (Reader r = new Reader(in)) {
            @SuppressWarnings({"rawtypes", "unchecked"})
            Networks<Map> it = r.networks(false, Map.class);
            while (it.hasNext()) {
                @SuppressWarnings("rawtypes")
                DatabaseRecord<Map> rec = it.next();
                if (take(rec.network(), rec.data(), into)) n++;
            }
        } catch (com.maxmind.db.InvalidNetworkException e) {
            throw new IOException("mmdb: " + e.getMessage(), e);
        }
        return n;
    }

    private static boolean take(Network net, Map<?, ?> data, EntityMaps.Builder into) {
        if (data == null) return false;
        InetAddress a = net.networkAddress();
        byte[] b = a.getAddress();
        int len = net.prefixLength();
        boolean v6 = !(a instanceof Inet4Address);
        if (v6 && len >= 96 && isZero(b, 12)) { // IPv4 space inside an IPv6 tree (::/96)
            b = new byte[] {b[12], b[13], b[14], b[15]};
            len -= 96;
            v6 = false;
        }
        long start, end;
        if (v6) {
            start = 0;
            for (int i = 0; i < 8; i++) start = (start << 8) | (b[i] & 0xff);
            int l = Math.min(len, 64);
            end = l == 0 ? -1L : start | (-1L >>> l);
        } else {
            start = 0;
            for (int i = 0; i < 4; i++) start = (start << 8) | (b[i] & 0xff);
            end = start | ((1L << (32 - len)) - 1);
        }
        boolean took = false;
        String cc = countryOf(data);
        if (cc != null) {
            into.country(v6, start, end, cc);
            took = true;
        }
        if (data.get("autonomous_system_number") instanceof Number asn) {
            if (!v6) into.asRange(start, end, asn.longValue());
            if (data.get("autonomous_system_organization") instanceof String org) into.asName(asn.longValue(), org);
            took = true;
        }
        return took;
    }

    private static String countryOf(Map<?, ?> data) {
        for (String k : new String[] {"country", "registered_country"}) {
            if (data.get(k) instanceof Map<?, ?> c && c.get("iso_code") instanceof String s) return s;
        }
        return data.get("country_code") instanceof String s ? s : null;
    }

    private static boolean isZero(byte[] b, int n) {
        for (int i = 0; i < n; i++) if (b[i] != 0) return false;
        return true;
    }
}
