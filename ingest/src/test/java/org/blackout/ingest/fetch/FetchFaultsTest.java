package org.blackout.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.blackout.ingest.catalog.ArchiveLayout;
import org.blackout.ingest.catalog.Collector;
import org.blackout.ingest.catalog.CollectorCatalog;
import org.blackout.ingest.catalog.Project;
import org.blackout.testkit.MirrorServer;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads against a local mirror with the faults real archives show: each is retried or reported
 * as a gap, and only whole, checked files enter the cache.
 */
class FetchFaultsTest {
    private static final Collector RRC15 = CollectorCatalog.find("rrc15").orElseThrow();
    private static final Collector RV2 = CollectorCatalog.find("route-views2").orElseThrow();
    private static final Instant T1600 = Instant.parse("2010-02-27T16:00:00Z");
    private static final String P1600 = "rrc15/2010.02/updates.20100227.1600.gz";

    @TempDir Path cacheDir;
    private MirrorServer mirror;
    private byte[] original;
    private FileCache cache;
    private Downloader downloader;

    @BeforeEach
    void mirror() throws Exception {
        Path f = Prerequisites.sharedData("mrt/bgpkit-parser/ripe/rrc15/2010.02/updates.20100227.1600.gz");
        original = Files.readAllBytes(f);
        mirror = MirrorServer.start().file(P1600, f).slowMillis(2500);
        cache = new FileCache(cacheDir);
        downloader = new Downloader(Duration.ofMillis(800), 3, Duration.ofMillis(20));
    }

    @AfterEach
    void stop() {
        mirror.close();
    }

    private RemoteFile file(Collector c, ArchiveLayout.Kind kind, Instant t) {
        return LayoutIndex.file(Map.of(c.project(), mirror.base()), c, kind, t, c.project().suffix(), -1);
    }

    private FetchResult fetch(RemoteFile f) throws InterruptedException {
        return downloader.fetch(f, cache, n -> {});
    }

    private void assertReadyAndEqual(FetchResult r) throws Exception {
        assertThat(r).isInstanceOf(FetchResult.Ready.class);
        Path p = ((FetchResult.Ready) r).path();
        assertThat(p).isEqualTo(cacheDir.resolve("ris/" + P1600));
        assertThat(Files.readAllBytes(p)).isEqualTo(original);
        assertThat(cache.partial(r.file())).doesNotExist();
    }

    @Test
    void serverErrorThenSuccessIsRetried() throws Exception {
        mirror.fault(P1600, MirrorServer.Fault.ERROR_500);
        assertReadyAndEqual(fetch(file(RRC15, ArchiveLayout.Kind.UPDATES, T1600)));
        assertThat(mirror.requests(P1600)).isEqualTo(2);
    }

    @Test
    void resetMidFileResumesWithRange() throws Exception {
        mirror.fault(P1600, MirrorServer.Fault.RESET_MID_FILE);
        assertReadyAndEqual(fetch(file(RRC15, ArchiveLayout.Kind.UPDATES, T1600)));
        List<String> log = mirror.requests();
        assertThat(log).hasSize(2);
        assertThat(log.get(0)).doesNotContain("Range");
        // the second request asks only for what the first did not bring
        assertThat(log.get(1)).matches("GET /" + P1600 + " Range: bytes=[1-9]\\d*-");
    }

    @Test
    void slowServerTimesOutAndIsRetried() throws Exception {
        mirror.fault(P1600, MirrorServer.Fault.SLOW);
        assertReadyAndEqual(fetch(file(RRC15, ArchiveLayout.Kind.UPDATES, T1600)));
        assertThat(mirror.requests(P1600)).isEqualTo(2);
    }

    @Test
    void serverThatStaysSlowIsAGap() throws Exception {
        mirror.fault(P1600, MirrorServer.Fault.SLOW, MirrorServer.Fault.SLOW, MirrorServer.Fault.SLOW);
        FetchResult r = fetch(file(RRC15, ArchiveLayout.Kind.UPDATES, T1600));
        assertThat(r).isInstanceOf(FetchResult.Gap.class);
        assertThat(((FetchResult.Gap) r).reason()).contains("3 tries").contains("no answer within");
        assertThat(cache.lookup(r.file())).isEmpty();
    }

    @Test
    void missingFileIsAGapAfterTheOlderLayoutToo() throws Exception {
        FetchResult r = fetch(file(RV2, ArchiveLayout.Kind.UPDATES, Instant.parse("2008-02-21T00:00:00Z")));
        assertThat(r).isInstanceOf(FetchResult.Gap.class);
        assertThat(((FetchResult.Gap) r).reason()).contains("404").contains("/bgpdata/2008.02/UPDATES/updates.20080221.0000.bz2");
        // the current layout, then route-views2's older one, each once: a 404 is not retried
        assertThat(mirror.requests()).containsExactly("GET /route-views2/bgpdata/2008.02/UPDATES/updates.20080221.0000.bz2",
                "GET /bgpdata/2008.02/UPDATES/updates.20080221.0000.bz2");
    }

    @Test
    void olderRouteViews2LayoutIsFound() throws Exception {
        Path f = Prerequisites.sharedData("mrt/routeviews-2008-02/updates.20080221.0013.bz2");
        mirror.file("bgpdata/2008.02/UPDATES/updates.20080221.0013.bz2", f);
        FetchResult r = fetch(file(RV2, ArchiveLayout.Kind.UPDATES, Instant.parse("2008-02-21T00:13:00Z")));
        assertThat(r).isInstanceOf(FetchResult.Ready.class);
        assertThat(Files.readAllBytes(((FetchResult.Ready) r).path())).isEqualTo(Files.readAllBytes(f));
    }

    @Test
    void truncatedFileStaysBrokenAndIsAGap() throws Exception {
        mirror.bytes(P1600, java.util.Arrays.copyOf(original, original.length / 2));
        FetchResult r = fetch(file(RRC15, ArchiveLayout.Kind.UPDATES, T1600));
        assertThat(r).isInstanceOf(FetchResult.Gap.class);
        assertThat(((FetchResult.Gap) r).reason()).contains("updates.20100227.1600.gz").contains("does not decompress to the end");
        assertThat(cache.lookup(r.file())).isEmpty();
        assertThat(cache.partial(r.file())).doesNotExist();
        assertThat(mirror.requests(P1600)).isEqualTo(3);
    }

    @Test
    void notMrtIsAGap() throws Exception {
        // an error page served with 200, as such, then gzipped
        byte[] html = "<!DOCTYPE html><html><body>maintenance</body></html>".getBytes(StandardCharsets.UTF_8);
        mirror.bytes(P1600, html);
        FetchResult r = fetch(file(RRC15, ArchiveLayout.Kind.UPDATES, T1600));
        assertThat(((FetchResult.Gap) r).reason()).contains("not gzip data");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(html);
        }
        mirror.bytes(P1600, gz.toByteArray());
        r = fetch(file(RRC15, ArchiveLayout.Kind.UPDATES, T1600));
        assertThat(((FetchResult.Gap) r).reason()).contains("not MRT at offset 0");
        assertThat(cache.lookup(r.file())).isEmpty();
    }

    @Test
    void sizeDifferentFromTheIndexIsRetriedThenAGap() throws Exception {
        RemoteFile f = LayoutIndex.file(Map.of(Project.RIS, mirror.base()), RRC15, ArchiveLayout.Kind.UPDATES, T1600, ".gz",
                original.length + 1);
        FetchResult r = fetch(f);
        assertThat(((FetchResult.Gap) r).reason()).contains("the index " + (original.length + 1));
    }

    @Test
    void cachedFileIsNotRequestedAgainAndOfflineMissIsAGap() throws Exception {
        RemoteFile f = file(RRC15, ArchiveLayout.Kind.UPDATES, T1600);
        try (Fetcher online = new Fetcher(downloader, cache, 2, false)) {
            assertReadyAndEqual(online.submit(List.of(f)).get(0).get());
            assertThat(online.progress().downloadedFiles()).isEqualTo(1);
            assertThat(online.progress().bytes()).isEqualTo(original.length);
        }
        try (Fetcher again = new Fetcher(downloader, cache, 2, false)) {
            assertReadyAndEqual(again.submit(List.of(f)).get(0).get());
            assertThat(again.progress().cachedFiles()).isEqualTo(1);
        }
        assertThat(mirror.requests(P1600)).isEqualTo(1);
        RemoteFile missing = file(RRC15, ArchiveLayout.Kind.UPDATES, T1600.plusSeconds(300));
        try (Fetcher offline = new Fetcher(downloader, cache, 2, true)) {
            FetchResult r = offline.submit(List.of(missing)).get(0).get();
            assertThat(((FetchResult.Gap) r).reason()).contains("not in the cache (--offline)").contains("updates.20100227.1605.gz");
        }
        assertThat(mirror.requests()).hasSize(1);
    }
}
