package org.blackout.ingest.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchiveLayoutTest {
    private static final Instant T = Instant.parse("2021-10-04T15:05:00Z");

    @Test
    void risPathsAreCollectorMonthKindStamp() {
        Collector rrc00 = CollectorCatalog.find("rrc00").orElseThrow();
        assertThat(ArchiveLayout.remotePaths(rrc00, ArchiveLayout.Kind.UPDATES, T)).containsExactly("rrc00/2021.10/updates.20211004.1505.gz");
        assertThat(ArchiveLayout.remotePaths(rrc00, ArchiveLayout.Kind.RIB, Instant.parse("2021-10-04T16:00:00Z")))
                .containsExactly("rrc00/2021.10/bview.20211004.1600.gz");
    }

    @Test
    void routeViewsPathsWithRouteViews2sOlderLayoutAfter() {
        Collector linx = CollectorCatalog.find("route-views.linx").orElseThrow();
        assertThat(ArchiveLayout.remotePaths(linx, ArchiveLayout.Kind.RIB, Instant.parse("2021-10-04T14:00:00Z")))
                .containsExactly("route-views.linx/bgpdata/2021.10/RIBS/rib.20211004.1400.bz2");
        Collector rv2 = CollectorCatalog.find("route-views2").orElseThrow();
        assertThat(ArchiveLayout.remotePaths(rv2, ArchiveLayout.Kind.UPDATES, Instant.parse("2008-02-21T00:15:00Z"))).containsExactly(
                "route-views2/bgpdata/2008.02/UPDATES/updates.20080221.0015.bz2", "bgpdata/2008.02/UPDATES/updates.20080221.0015.bz2");
        assertThat(ArchiveLayout.monthDirectories(rv2, ArchiveLayout.Kind.RIB, YearMonth.of(2008, 2)))
                .containsExactly("route-views2/bgpdata/2008.02/RIBS/", "bgpdata/2008.02/RIBS/");
    }

    @Test
    void namesParseBackToKindStartAndSuffix() {
        assertThat(ArchiveLayout.parse("updates.20080221.0013.bz2")).contains(
                new ArchiveLayout.Named(ArchiveLayout.Kind.UPDATES, Instant.parse("2008-02-21T00:13:00Z"), ".bz2"));
        assertThat(ArchiveLayout.parse("bview.20020722.2337.gz")).contains(
                new ArchiveLayout.Named(ArchiveLayout.Kind.RIB, Instant.parse("2002-07-22T23:37:00Z"), ".gz"));
        assertThat(ArchiveLayout.parse("updates.20080221.0013.bz2.part")).isEmpty();
        assertThat(ArchiveLayout.parse("updates.20081399.0013.bz2")).isEmpty();
        assertThat(ArchiveLayout.parse("README.txt")).isEmpty();
        String name = ArchiveLayout.fileName(Project.ROUTEVIEWS, ArchiveLayout.Kind.RIB, T, ".gz");
        assertThat(name).isEqualTo("rib.20211004.1505.gz");
        assertThat(ArchiveLayout.parse(name).orElseThrow().start()).isEqualTo(T);
    }

    @Test
    void blackoutsOwnArchiveUsesRouteViewsMonthLayout() {
        assertThat(ArchiveLayout.monthFile(Path.of("/a"), ArchiveLayout.Kind.UPDATES, T, ".gz"))
                .isEqualTo(Path.of("/a/2021.10/UPDATES/updates.20211004.1505.gz"));
        assertThat(ArchiveLayout.window(T.getEpochSecond() + 299, 900)).isEqualTo(Instant.parse("2021-10-04T15:00:00Z").getEpochSecond());
    }

    @Test
    void catalogueHasRisCollectorsWithRetiredOnesAndAcceptsNewNames() {
        List<String> ris = CollectorCatalog.all().stream().filter(c -> c.project() == Project.RIS).map(Collector::name).toList();
        assertThat(ris).hasSize(26).contains("rrc00", "rrc26").doesNotContain("rrc17");
        Collector rrc02 = CollectorCatalog.find("rrc02").orElseThrow();
        assertThat(rrc02.retired()).isTrue();
        assertThat(rrc02.lastData()).isNotNull();
        assertThat(CollectorCatalog.find("rrc00").orElseThrow().retired()).isFalse();
        assertThat(CollectorCatalog.find("RRC21").orElseThrow().location()).contains("Paris");
        // a collector added upstream after this release: accepted with its project's defaults
        Collector rrc27 = CollectorCatalog.find("rrc27").orElseThrow();
        assertThat(rrc27.project()).isEqualTo(Project.RIS);
        assertThat(rrc27.updatesInterval()).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(CollectorCatalog.find("route-views.example").orElseThrow().project()).isEqualTo(Project.ROUTEVIEWS);
        assertThatThrownBy(() -> CollectorCatalog.resolve(List.of("rrc00", "nonsense")))
                .hasMessageContaining("unknown collector 'nonsense'");
        assertThat(CollectorCatalog.all().stream().map(Collector::name)).doesNotHaveDuplicates();
    }
}
