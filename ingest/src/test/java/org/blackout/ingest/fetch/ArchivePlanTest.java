package org.blackout.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.blackout.ingest.catalog.ArchiveLayout;
import org.blackout.ingest.catalog.CollectorCatalog;
import org.blackout.ingest.catalog.Project;
import org.blackout.testkit.MirrorServer;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files a time range needs, from the archives' listings, the broker and the cache, on real files' names. */
class ArchivePlanTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    @TempDir Path cacheDir;

    @Test
    void listingFindsHistoricStampsAndGapsBetweenThem() throws Exception {
        Path rv = Prerequisites.sharedData("mrt/routeviews-2008-02");
        try (MirrorServer m = MirrorServer.start(); Stream<Path> s = Files.list(rv)) {
            // route-views2's real 2008 names (0013, 0028, ...), under the archive's current layout
            for (Path f : s.filter(p -> p.getFileName().toString().startsWith("updates.20080221.0")).toList()) {
                m.file("route-views2/bgpdata/2008.02/UPDATES/" + f.getFileName(), f);
            }
            ListingIndex index = new ListingIndex(Map.of(Project.ROUTEVIEWS, m.base()), java.net.http.HttpClient.newHttpClient(), TIMEOUT);
            ArchivePlan plan = ArchivePlan.of(index, CollectorCatalog.resolve(List.of("route-views2")),
                    Instant.parse("2008-02-21T00:00:00Z"), Instant.parse("2008-02-21T03:00:00Z"));
            List<String> names = plan.files().stream().map(RemoteFile::name).toList();
            // no RIBS/ in the mirror's month (its months are listed): no RIB, and no request for one; the updates are what exists
            assertThat(names).containsExactly("updates.20080221.0013.bz2", "updates.20080221.0028.bz2",
                    "updates.20080221.0043.bz2", "updates.20080221.0100.bz2", "updates.20080221.0115.bz2", "updates.20080221.0130.bz2",
                    "updates.20080221.0145.bz2", "updates.20080221.0200.bz2", "updates.20080221.0215.bz2", "updates.20080221.0230.bz2",
                    "updates.20080221.0245.bz2");
            assertThat(plan.files().get(0).urls().get(0).toString())
                    .isEqualTo(m.base() + "route-views2/bgpdata/2008.02/UPDATES/updates.20080221.0013.bz2");
            // no RIB, and the first 13 minutes are in no file the mirror has
            assertThat(plan.gaps()).extracting(DataGap::kind, DataGap::until).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(ArchiveLayout.Kind.RIB, Instant.parse("2008-02-21T00:00:00Z")),
                    org.assertj.core.groups.Tuple.tuple(ArchiveLayout.Kind.UPDATES, Instant.parse("2008-02-21T00:13:00Z")));
            // listings once per directory: UPDATES/, the RIBS/ tried in both layouts, then the collector's months
            assertThat(m.requests()).containsExactlyInAnyOrder("GET /route-views2/bgpdata/2008.02/RIBS/",
                    "GET /bgpdata/2008.02/RIBS/", "GET /route-views2/bgpdata/", "GET /route-views2/bgpdata/2008.02/UPDATES/");

            // a server that lists nothing: files are named by the layout, at the nominal intervals
            m.listings(false);
            ListingIndex blind = new ListingIndex(Map.of(Project.ROUTEVIEWS, m.base()), java.net.http.HttpClient.newHttpClient(), TIMEOUT);
            ArchivePlan named = ArchivePlan.of(blind, CollectorCatalog.resolve(List.of("route-views2")),
                    Instant.parse("2008-02-21T00:00:00Z"), Instant.parse("2008-02-21T01:00:00Z"));
            assertThat(named.files()).extracting(RemoteFile::name).containsExactly("rib.20080221.0000.bz2", "updates.20080221.0000.bz2",
                    "updates.20080221.0015.bz2", "updates.20080221.0030.bz2", "updates.20080221.0045.bz2");
        }
    }

    @Test
    void risFiveMinuteFilesWithTheMissingOneAsAGap() throws Exception {
        Path dir = Prerequisites.sharedData("mrt/bgpkit-parser/ripe/rrc15/2010.02");
        try (MirrorServer m = MirrorServer.start()) {
            m.file("rrc15/2010.02/updates.20100227.1600.gz", dir.resolve("updates.20100227.1600.gz"));
            m.file("rrc15/2010.02/updates.20100227.1610.gz", dir.resolve("updates.20100227.1610.gz"));
            ListingIndex index = new ListingIndex(Map.of(Project.RIS, m.base()), java.net.http.HttpClient.newHttpClient(), TIMEOUT);
            ArchivePlan plan = ArchivePlan.of(index, CollectorCatalog.resolve(List.of("rrc15")),
                    Instant.parse("2010-02-27T16:00:00Z"), Instant.parse("2010-02-27T16:15:00Z"));
            assertThat(plan.files()).extracting(RemoteFile::name).containsExactly("updates.20100227.1600.gz", "updates.20100227.1610.gz");
            assertThat(plan.gaps()).extracting(DataGap::toString).containsExactly(
                    "rrc15 RIB 2010-02-27T00:00:00Z–2010-02-27T16:00:00Z: no RIB at or before 2010-02-27T16:00:00Z in the archive: "
                            + "the tables are learned from the updates",
                    "rrc15 updates 2010-02-27T16:05:00Z–2010-02-27T16:10:00Z: no update file in the archive");
            // one listing of the month serves bviews and updates
            assertThat(m.requests()).containsExactly("GET /rrc15/2010.02/");
        }
    }

    @Test
    void brokerAnswersFilesWithUrlsAndExactSizes() throws Exception {
        Path dir = Prerequisites.sharedData("mrt/bgpkit-parser/ripe/rrc15/2010.02");
        long s1600 = Files.size(dir.resolve("updates.20100227.1600.gz")), s1610 = Files.size(dir.resolve("updates.20100227.1610.gz"));
        try (MirrorServer m = MirrorServer.start()) {
            m.file("files/a.gz", dir.resolve("updates.20100227.1600.gz")).file("files/updates.20100227.1610.gz", dir.resolve("updates.20100227.1610.gz"));
            java.util.List<java.net.URI> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
            m.json("broker/search", uri -> {
                asked.add(uri);
                if (!uri.getQuery().contains("data_type=updates")) return "{\"count\":0,\"page\":1,\"page_size\":1000,\"error\":null,\"data\":[]}";
                return """
                        {"count":2,"page":1,"page_size":1000,"error":null,"data":[
                         {"ts_start":"2010-02-27T16:10:00","ts_end":"2010-02-27T16:15:00","collector_id":"rrc15","data_type":"updates",
                          "url":"%sfiles/updates.20100227.1610.gz","rough_size":40000,"exact_size":%d},
                         {"ts_start":"2010-02-27T16:00:00","ts_end":"2010-02-27T16:05:00","collector_id":"rrc15","data_type":"updates",
                          "url":"%sfiles/a.gz","rough_size":200000,"exact_size":%d}]}
                        """.formatted(m.base(), s1610, m.base(), s1600);
            });
            BrokerIndex index = new BrokerIndex(m.base().resolve("broker/"), java.net.http.HttpClient.newHttpClient(), TIMEOUT);
            ArchivePlan plan = ArchivePlan.of(index, CollectorCatalog.resolve(List.of("rrc15")),
                    Instant.parse("2010-02-27T16:00:00Z"), Instant.parse("2010-02-27T16:15:00Z"));
            assertThat(plan.files()).extracting(f -> f.start().toString(), RemoteFile::exactSize, f -> f.urls().get(0).getPath())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("2010-02-27T16:00:00Z", s1600, "/files/a.gz"),
                            org.assertj.core.groups.Tuple.tuple("2010-02-27T16:10:00Z", s1610, "/files/updates.20100227.1610.gz"));
            // cached under the archive's layout whatever the broker's URL says
            assertThat(plan.files().get(0).cachePath()).isEqualTo("ris/rrc15/2010.02/updates.20100227.1600.gz");
            assertThat(plan.gaps()).extracting(DataGap::from).contains(Instant.parse("2010-02-27T16:05:00Z"));
            assertThat(asked).anySatisfy(u -> assertThat(u.getQuery()).contains("collector_id=rrc15").contains("data_type=updates")
                    .contains("page=1").contains("page_size=").contains("ts_start=").contains("ts_end="));
            try (Fetcher f = new Fetcher(new Downloader(TIMEOUT, 2, Duration.ofMillis(10)), new FileCache(cacheDir), 2, false)) {
                for (var r : f.submit(plan.files())) assertThat(r.get()).isInstanceOf(FetchResult.Ready.class);
            }
            // offline, the cache answers the same files (and shows the same gap)
            ArchivePlan offline = ArchivePlan.of(new CacheIndex(new FileCache(cacheDir), Map.of()), CollectorCatalog.resolve(List.of("rrc15")),
                    Instant.parse("2010-02-27T16:00:00Z"), Instant.parse("2010-02-27T16:15:00Z"));
            assertThat(offline.files()).extracting(RemoteFile::cachePath).containsExactlyElementsOf(plan.files().stream().map(RemoteFile::cachePath).toList());
            assertThat(offline.gaps()).extracting(DataGap::from).contains(Instant.parse("2010-02-27T16:05:00Z"));
        }
    }

    @Test
    void layoutNamesEveryIntervalAndTheRibAtOrBeforeFrom() throws Exception {
        LayoutIndex index = new LayoutIndex(Map.of());
        ArchivePlan plan = ArchivePlan.of(index, CollectorCatalog.resolve(List.of("rrc00")), Instant.parse("2021-10-04T15:02:00Z"),
                Instant.parse("2021-10-04T15:20:00Z"));
        assertThat(plan.files().get(0).urls().get(0).toString()).isEqualTo("https://data.ris.ripe.net/rrc00/2021.10/bview.20211004.0800.gz");
        // from the RIB's time on: 08:00 … 15:15 every 5 minutes
        assertThat(plan.files()).hasSize(1 + (int) Duration.between(Instant.parse("2021-10-04T08:00:00Z"), Instant.parse("2021-10-04T15:20:00Z")).toMinutes() / 5);
        assertThat(plan.files().get(plan.files().size() - 1).name()).isEqualTo("updates.20211004.1515.gz");
        assertThat(plan.gaps()).isEmpty();
        assertThat(plan.files().get(0).kind()).isEqualTo(ArchiveLayout.Kind.RIB);
    }
}
