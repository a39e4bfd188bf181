package org.blackout.ingest.catalog;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The built-in catalogue of public route collectors. RIS collectors are named {@code rrcNN}, RouteViews
 * ones {@code route-views*}; a name following either pattern that the catalogue does not know yet (a
 * collector added upstream after this release) is still accepted with its project's defaults, so a
 * new collector needs no release. Locations are the projects' own descriptions (IXP and city); first
 * and last months are given where known, else null.
 */
public final class CollectorCatalog {
    private static final Pattern RIS_NAME = Pattern.compile("rrc\\d{2}");
    private static final Pattern ROUTEVIEWS_NAME = Pattern.compile("route-views[\\w.-]*");

    private static final Map<String, Collector> BUILT_IN = new LinkedHashMap<>();

    static {
        // RIPE RIS (bview every 8 h, updates every 5 min). rrc17 never published data.
        ris("rrc00", "Amsterdam, NL (RIPE NCC, multihop)", "1999-10", null);
        ris("rrc01", "London, GB (LINX)", "2000-07", null);
        ris("rrc02", "Paris, FR (SFINX)", "2001-03", "2008-10");
        ris("rrc03", "Amsterdam, NL (AMS-IX)", "2001-01", null);
        ris("rrc04", "Geneva, CH (CIXP)", "2001-04", null);
        ris("rrc05", "Vienna, AT (VIX)", "2001-06", null);
        ris("rrc06", "Tokyo, JP (DIX-IE)", "2001-08", null);
        ris("rrc07", "Stockholm, SE (Netnod)", "2002-04", null);
        ris("rrc08", "San Jose, US (MAE-West)", "2002-05", "2004-09");
        ris("rrc09", "Zurich, CH (TIX)", "2003-01", "2004-02");
        ris("rrc10", "Milan, IT (MIX)", "2003-11", null);
        ris("rrc11", "New York, US (NYIIX)", "2004-02", null);
        ris("rrc12", "Frankfurt, DE (DE-CIX)", "2004-07", null);
        ris("rrc13", "Moscow, RU (MSK-IX)", "2005-04", null);
        ris("rrc14", "Palo Alto, US (PAIX)", "2004-12", null);
        ris("rrc15", "Sao Paulo, BR (IX.br)", "2006-01", null);
        ris("rrc16", "Miami, US (Equinix MI1)", "2008-02", null);
        ris("rrc18", "Barcelona, ES (CATNIX)", "2015-06", null);
        ris("rrc19", "Johannesburg, ZA (NAPAfrica)", "2016-10", null);
        ris("rrc20", "Zurich, CH (SwissIX)", "2015-12", null);
        ris("rrc21", "Paris, FR (France-IX)", "2015-10", null);
        ris("rrc22", "Bucharest, RO (InterLAN)", "2016-11", null);
        ris("rrc23", "Singapore, SG (Equinix)", "2015-12", null);
        ris("rrc24", "Montevideo, UY (LACNIC, multihop)", "2019-05", null);
        ris("rrc25", "Amsterdam, NL (RIPE NCC, multihop)", "2019-11", null);
        ris("rrc26", "Dubai, AE (UAE-IX)", "2020-01", null);
        // RouteViews (RIB every 2 h, updates every 15 min); first months are not claimed where unknown
        rv("route-views2", "Eugene, US (University of Oregon, multihop)", "2001-10", null);
        rv("route-views3", "Eugene, US (University of Oregon, multihop)", null, null);
        rv("route-views4", "Eugene, US (University of Oregon, multihop)", null, null);
        rv("route-views5", "Eugene, US (University of Oregon, multihop)", null, null);
        rv("route-views6", "Eugene, US (University of Oregon, multihop)", null, null);
        rv("route-views.amsix", "Amsterdam, NL (AMS-IX)", null, null);
        rv("route-views.bdix", "Dhaka, BD (BDIX)", null, null);
        rv("route-views.bknix", "Bangkok, TH (BKNIX)", null, null);
        rv("route-views.chicago", "Chicago, US (Equinix CH1)", null, null);
        rv("route-views.chile", "Santiago, CL (NIC.cl)", null, null);
        rv("route-views.eqix", "Ashburn, US (Equinix)", null, null);
        rv("route-views.flix", "Miami, US (FL-IX)", null, null);
        rv("route-views.fortaleza", "Fortaleza, BR (IX.br)", null, null);
        rv("route-views.gixa", "Accra, GH (GIXA)", null, null);
        rv("route-views.gorex", "Guam, US (GOREX)", null, null);
        rv("route-views.isc", "Palo Alto, US (PAIX)", null, null);
        rv("route-views.jinx", "Johannesburg, ZA (JINX)", null, "retired");
        rv("route-views.kixp", "Nairobi, KE (KIXP)", null, null);
        rv("route-views.linx", "London, GB (LINX)", null, null);
        rv("route-views.mwix", "Indianapolis, US (FD-IX)", null, null);
        rv("route-views.napafrica", "Johannesburg, ZA (NAPAfrica)", null, null);
        rv("route-views.nwax", "Portland, US (NWAX)", null, null);
        rv("route-views.ny", "New York, US (DE-CIX)", null, null);
        rv("route-views.perth", "Perth, AU (WA-IX)", null, null);
        rv("route-views.peru", "Lima, PE (Peru IX)", null, null);
        rv("route-views.phoix", "Quezon City, PH (PhOpenIX)", null, null);
        rv("route-views.rio", "Rio de Janeiro, BR (IX.br)", null, null);
        rv("route-views.saopaulo", "Sao Paulo, BR (IX.br)", null, null);
        rv("route-views2.saopaulo", "Sao Paulo, BR (IX.br)", null, null);
        rv("route-views.sfmix", "San Francisco, US (SFMIX)", null, null);
        rv("route-views.sg", "Singapore, SG (Equinix)", null, null);
        rv("route-views.soxrs", "Belgrade, RS (SOX)", null, null);
        rv("route-views.sydney", "Sydney, AU (Equinix SYD1)", null, null);
        rv("route-views.telxatl", "Atlanta, US (Digital Realty)", null, null);
        rv("route-views.uaeix", "Dubai, AE (UAE-IX)", null, null);
        rv("route-views.wide", "Tokyo, JP (DIX-IE)", null, null);
    }

    private CollectorCatalog() {}

    private static void ris(String name, String location, String first, String last) {
        BUILT_IN.put(name, new Collector(Project.RIS, name, location, month(first), month(last), last != null));
    }

    /** {@code last} "retired" marks a collector known to be retired whose last month is not known. */
    private static void rv(String name, String location, String first, String last) {
        boolean retired = last != null;
        YearMonth end = "retired".equals(last) ? null : month(last);
        BUILT_IN.put(name, new Collector(Project.ROUTEVIEWS, name, location, month(first), end, retired));
    }

    private static YearMonth month(String s) {
        return s == null ? null : YearMonth.parse(s);
    }

    /** Every collector of the catalogue, RIS first, in catalogue order. */
    public static List<Collector> all() {
        return List.copyOf(BUILT_IN.values());
    }

    /** The collector named {@code name}: from the catalogue, else by its name's pattern, else empty. */
    public static Optional<Collector> find(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        Collector known = BUILT_IN.get(n);
        if (known != null) return Optional.of(known);
        if (RIS_NAME.matcher(n).matches()) return Optional.of(new Collector(Project.RIS, n, "", null, null, false));
        if (ROUTEVIEWS_NAME.matcher(n).matches()) return Optional.of(new Collector(Project.ROUTEVIEWS, n, "", null, null, false));
        return Optional.empty();
    }

    /** The collectors named in {@code names}; an unknown name is an error naming it. */
    public static List<Collector> resolve(List<String> names) {
        List<Collector> out = new ArrayList<>();
        for (String n : names) {
            out.add(find(n).orElseThrow(() -> new IllegalArgumentException("unknown collector '" + n
                    + "' (RIS collectors are rrcNN, RouteViews ones route-views*; see blackout collectors)")));
        }
        return out;
    }
}
