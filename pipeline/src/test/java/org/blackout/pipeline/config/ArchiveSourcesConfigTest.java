package org.blackout.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.blackout.pipeline.config.ConfigLoaderTest.fails;
import static org.blackout.pipeline.config.ConfigLoaderTest.parse;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.blackout.ingest.catalog.Project;
import org.blackout.pipeline.source.ArchiveSelection;
import org.junit.jupiter.api.Test;

/** {@code sources.archives}, {@code ris_live.bootstrap} and {@code archive_poll}: read, checked, printed and read back. */
class ArchiveSourcesConfigTest {
    static final String ARCHIVES = """
            sources:
              archives:
                collectors: [rrc00, Route-Views2]
                from: 2021-10-04T15:00:00Z
                until: 2021-10-04
                urls: {ris: "http://127.0.0.1:8000/ris", routeviews: "https://archive.routeviews.org/"}
                broker: http://127.0.0.1:8001/search
                cache: cache
                jobs: 2
                offline: true
                timeout: 5s
                retries: 3
                follow: true
                poll: 30s
              ris_live:
                url: ws://127.0.0.1:8080/v1/ws/
                subscribe: {host: rrc00}
                bootstrap: [rrc00, rrc21]
              archive_poll: {collectors: [route-views2, route-views.linx], poll: 15m}
            """.replace("until: 2021-10-04", "until: 2021-10-04T22:00:00Z");

    @Test
    void archivesBindAndBecomeTheSelection() {
        Sources s = parse(ARCHIVES).sources();
        ArchiveSources a = s.archives();
        assertThat(a.collectors()).containsExactly("rrc00", "route-views2");
        assertThat(a.urls()).as("the public RouteViews archive named explicitly is the default")
                .containsOnlyKeys(Project.RIS).containsEntry(Project.RIS, URI.create("http://127.0.0.1:8000/ris/"));
        ArchiveSelection sel = a.selection(Instant.now());
        assertThat(sel.from()).isEqualTo(Instant.parse("2021-10-04T15:00:00Z"));
        assertThat(sel.until()).isEqualTo(Instant.parse("2021-10-04T22:00:00Z"));
        assertThat(sel.cache()).isEqualTo(Path.of("/etc/blackout/cache"));
        assertThat(sel.broker()).isEqualTo(URI.create("http://127.0.0.1:8001/search"));
        assertThat(sel.jobs()).isEqualTo(2);
        assertThat(sel.offline()).isTrue();
        assertThat(sel.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(sel.attempts()).isEqualTo(3);
        assertThat(a.follow()).isTrue();
        assertThat(a.poll()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.bootstrap()).containsExactly("rrc00", "rrc21");
        assertThat(s.archivePoll()).isEqualTo(new ArchivePoll(List.of("route-views2", "route-views.linx"), Duration.ofMinutes(15)));
        assertThat(s.anyLive()).isTrue();
    }

    @Test
    void followWithoutUntilRunsToNow() {
        ArchiveSources a = parse("sources: {archives: {collectors: [rrc00], from: 2024-01-01, follow: true}}").sources().archives();
        Instant now = Instant.parse("2024-01-02T00:00:00Z");
        assertThat(a.until()).isNull();
        assertThat(a.selection(now).until()).isEqualTo(now);
        assertThat(a.selection(now).from()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Test
    void printedReadsBackEqual() {
        BlackoutConfig c = parse(ARCHIVES);
        String printed = ConfigPrinter.yaml(c);
        assertThat(printed).contains("archives:", "bootstrap:", "archive_poll:", "from: 2021-10-04T15:00:00Z", "poll: 15m");
        BlackoutConfig again = ConfigLoader.parse(printed, "printed", Path.of("/elsewhere"));
        assertThat(again.sources()).isEqualTo(c.sources());
        assertThat(ConfigPrinter.yaml(again)).isEqualTo(printed);
        // no archives configured: the defaults are printed and read back to the defaults
        BlackoutConfig none = parse("watch: [all-countries]");
        assertThat(ConfigPrinter.yaml(none)).contains("archives:", "jobs: 4", "retries: 5", "ris: https://data.ris.ripe.net/");
        assertThat(ConfigLoader.parse(ConfigPrinter.yaml(none), "p", Path.of("/x")).sources()).isEqualTo(none.sources());
    }

    @Test
    void mistakesNameTheKey() {
        fails("sources: {archives: {collectors: [rrc99x]}}", "sources.archives.collectors[0]", 1, "unknown collector 'rrc99x'");
        fails("sources: {archives: {collectors: [rrc00], until: 2021-10-04}}", "sources.archives.from", 1, "required with collectors");
        fails("sources: {archives: {collectors: [rrc00], from: 2021-10-04}}", "sources.archives.until", 1, "unless follow");
        fails("sources: {archives: {collectors: [rrc00], from: 2021-10-04, until: 2021-10-03}}", "sources.archives.until", 1, "not after");
        fails("sources: {archives: {collectors: [rrc00], from: yesterday, until: 2021-10-03}}", "sources.archives.from", 1, "not a time");
        fails("sources: {archives: {from: 2021-10-04}}", "sources.archives.from", 1, "add collectors");
        fails("sources: {archives: {urls: {bgpkit: 'http://x/'}}}", "sources.archives.urls.bgpkit", 1, "unknown project");
        fails("sources: {archives: {urls: {ris: 'ftp://x/'}}}", "sources.archives.urls.ris", 1, "http:// or https://");
        fails("sources: {archives: {jobs: 0}}", "sources.archives.jobs", 1, "");
        fails("sources: {archives: {colectors: [rrc00]}}", "sources.archives.colectors", 1, "unknown key");
        fails("sources: {replay: [x], archives: {collectors: [rrc00], from: 2021-10-04, until: 2021-10-05}}", "sources.archives", 1, "not both");
        fails("sources: {ris_live: {bootstrap: [route-views2]}}", "sources.ris_live.bootstrap", 1, "not a RIS collector");
        fails("sources: {archive_poll: {poll: 5m}}", "sources.archive_poll.collectors", 1, "required");
        fails("sources: {archive_poll: {collectors: [route-views2], poll: 0s}}", "sources.archive_poll.poll", 1, "must be positive");
    }
}
