package org.blackout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.blackout.testkit.MirrorServer;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance of issue 11: a local mirror serving route-views2's twelve update files of
 * 2008-02-21 00:00–03:00; {@code replay --collectors route-views2 --from --until --archive} prints
 * exactly what replaying the twelve files by path prints, and so does the same command with
 * {@code --offline}, with zero HTTP requests, and after the server is gone.
 */
class ReplayByTimeRangeTest {
    @TempDir Path tmp;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        PrintStream savedOut = System.out, savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.commandLine().execute(args);
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void replayByTimeRangeEqualsReplayByPathAndOfflineRepeatsItWithoutRequests() throws Exception {
        Path rv = Prerequisites.sharedData("mrt/routeviews-2008-02");
        Path rir = Prerequisites.sharedData("rir");
        List<Path> twelve;
        try (Stream<Path> s = Files.list(rv)) {
            twelve = s.filter(p -> p.getFileName().toString().startsWith("updates.20080221.")).sorted().limit(12).toList();
        }
        // served at the nominal 15-minute names 0000 … 0245, as the acceptance names them
        Path local = Files.createDirectories(tmp.resolve("route-views2")); // named as the archive names its collector
        List<String> byPath = new ArrayList<>(List.of("replay", "--rir", rir.toString(), "--watch", "all-countries", "--format", "jsonl",
                "--no-progress"));
        Path cache = tmp.resolve("cache");
        String[] range = {"replay", "--collectors", "route-views2", "--from", "2008-02-21T00:00:00Z", "--until", "2008-02-21T03:00:00Z",
            "--cache", cache.toString(), "--rir", rir.toString(), "--watch", "all-countries", "--format", "jsonl", "--no-progress"};
        String expected;
        try (MirrorServer m = MirrorServer.start()) {
            for (int i = 0; i < 12; i++) {
                String name = String.format("updates.20080221.%02d%02d.bz2", i * 15 / 60, i * 15 % 60);
                m.file("route-views2/bgpdata/2008.02/UPDATES/" + name, twelve.get(i));
                byPath.add(Files.copy(twelve.get(i), local.resolve(name)).toString());
            }
            Path eventsByPath = tmp.resolve("events-by-path.jsonl"), eventsByRange = tmp.resolve("events-by-range.jsonl");
            byPath.add(1, "--events-out=" + eventsByPath);
            Run paths = run(byPath.toArray(String[]::new));
            assertThat(paths.code()).as(paths.err()).isZero();
            expected = paths.out();
            assertThat(expected.lines().count()).isGreaterThan(1000);

            String[] online = concat(range, "--archive", "routeviews=" + m.base());
            Run first = run(concat(online, "--events-out=" + eventsByRange));
            assertThat(first.code()).as(first.err()).isZero();
            assertThat(first.out()).isEqualTo(expected);
            assertThat(Files.readString(eventsByRange)).as("the same events").isEqualTo(Files.readString(eventsByPath));
            assertThat(first.err()).contains("fetch: 12 files (12 downloaded, 0 from the cache)")
                    .contains("data gap: route-views2 RIB"); // no RIB in this mirror: reported, and the replay went on
            long twelveFiles = m.requests().stream().filter(r -> r.contains("/UPDATES/updates.")).count();
            assertThat(twelveFiles).isEqualTo(12);

            int before = m.requests().size();
            Run offline = run(concat(online, "--offline"));
            assertThat(offline.code()).as(offline.err()).isZero();
            assertThat(offline.out()).isEqualTo(expected);
            assertThat(offline.err()).contains("fetch: 12 files (0 downloaded, 12 from the cache)");
            assertThat(m.requests()).hasSize(before); // zero HTTP requests
        }
        // the server is gone
        Run gone = run(concat(range, "--archive", "routeviews=http://127.0.0.1:9/", "--offline"));
        assertThat(gone.code()).as(gone.err()).isZero();
        assertThat(gone.out()).isEqualTo(expected);
    }

    @Test
    void fetchFillsTheCacheAndListsFilesAndGaps() throws Exception {
        Path rrc15 = Prerequisites.sharedData("mrt/bgpkit-parser/ripe/rrc15/2010.02");
        try (MirrorServer m = MirrorServer.start()) {
            m.file("rrc15/2010.02/updates.20100227.1600.gz", rrc15.resolve("updates.20100227.1600.gz"));
            m.file("rrc15/2010.02/updates.20100227.1610.gz", rrc15.resolve("updates.20100227.1610.gz"));
            Run r = run("fetch", "--collectors", "rrc15", "--from", "2010-02-27T16:00:00Z", "--until", "2010-02-27T16:15:00Z",
                    "--archive", "ris=" + m.base(), "--cache", tmp.resolve("c").toString(), "--no-progress");
            assertThat(r.code()).as(r.err()).isZero();
            Path f1600 = tmp.resolve("c/ris/rrc15/2010.02/updates.20100227.1600.gz");
            assertThat(r.out().lines()).contains(f1600 + "\t" + Files.size(f1600));
            assertThat(r.out()).contains("gap\trrc15 updates 2010-02-27T16:05:00Z–2010-02-27T16:10:00Z: no update file in the archive");
            assertThat(r.err()).contains("fetch: 2 files (2 downloaded, 0 from the cache), 2 gaps");
        }
    }

    @Test
    void badSelectionsAreErrorsNamingTheFlag() {
        Run r = run("replay", "--collectors", "nonsense", "--from", "2008-02-21T00:00:00Z", "--until", "2008-02-21T03:00:00Z",
                "--cache", tmp.toString(), "--offline");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown collector 'nonsense'");
        r = run("replay", "--collectors", "rrc00", "--from", "yesterday", "--until", "2008-02-21T03:00:00Z");
        assertThat(r.err()).contains("--from 'yesterday' is not a time");
        r = run("replay", "--from", "2008-02-21T00:00:00Z", "some.mrt");
        assertThat(r.err()).contains("add --collectors");
        r = run("replay", "--collectors", "rrc00", "--from", "2008-02-21T03:00:00Z", "--until", "2008-02-21T00:00:00Z");
        assertThat(r.err()).contains("is not after --from");
        r = run("replay", "--follow", "some.mrt");
        assertThat(r.err()).contains("--follow follows archives by collector");
        r = run("replay", "--collectors", "route-views2", "--from", "2008-02-21T00:00:00Z", "--follow", "--poll", "often");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--poll often");
        r = run("collectors");
        assertThat(r.out()).contains("rrc26").contains("route-views.sydney").contains("Sydney");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
