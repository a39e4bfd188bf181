package org.blackout.ingest.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.blackout.ingest.bgp.BgpPeer;
import org.blackout.ingest.bgp.FeedEvent;
import org.blackout.ingest.config.ArchiveConfig;
import org.blackout.ingest.mrt.MrtFiles;
import org.blackout.wire.bgp.BgpEncoder;
import org.blackout.wire.bgp.Update;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.mrt.Bgp4mpMessage;
import org.blackout.wire.mrt.Bgp4mpStateChange;
import org.blackout.wire.mrt.MrtReader;
import org.blackout.wire.mrt.MrtRecord;
import org.blackout.wire.mrt.RouteElements;
import org.blackout.wire.net.IpAddress;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real UPDATE streams (RIS/RouteViews update files from the shared data) are fed to the archive as
 * live events; then {@code bgpdump -m} must print the same lines for the archive as for the original,
 * replaying the archive must give the same route elements, and the RIB snapshots must hold exactly the
 * routes announced and not withdrawn before their time.
 */
class MrtArchiveTest {
    @TempDir Path dir;

    static Path shared(String rel) {
        String s = System.getProperty("blackout.shared");
        Prerequisites.require(s != null && Files.isDirectory(Path.of(s)), "no shared data (blackout.shared)");
        Path p = Path.of(s, rel);
        Prerequisites.require(Files.isRegularFile(p), p + " is absent");
        return p;
    }

    static boolean bgpdump() {
        return Files.isExecutable(Path.of("/usr/bin/bgpdump"));
    }

    /** Feeds the file's UPDATEs and state changes to the archive; returns the elements fed. */
    static List<RouteElement> feed(Path source, MrtArchive archive) throws IOException {
        List<RouteElement> all = new ArrayList<>();
        RouteElements flat = new RouteElements();
        try (InputStream in = MrtFiles.open(source); MrtReader r = new MrtReader(in, source.toString())) {
            for (MrtRecord rec; (rec = r.next()) != null; ) {
                List<RouteElement> els = new ArrayList<>();
                flat.accept(rec, els::add);
                long t = rec.header().timeMicros();
                switch (rec) {
                    case Bgp4mpMessage m when m.message() instanceof Update u && !m.local() -> {
                        ByteBuf b = Unpooled.buffer();
                        BgpEncoder.encode(u, b);
                        BgpPeer p = new BgpPeer("test", m.peerAddress(), m.peerAs(), m.localAddress(), m.localAs(), m.as4(),
                                m.addPath(), null);
                        archive.accept(new FeedEvent.Message(p, t, ByteBufUtil.getBytes(b), u, els));
                        all.addAll(els);
                    }
                    case Bgp4mpStateChange s -> {
                        BgpPeer p = new BgpPeer("test", s.peerAddress(), s.peerAs(), s.localAddress(), s.localAs(), true,
                                false, null);
                        archive.accept(new FeedEvent.StateChange(p, t, s.oldState(), s.newState(), els));
                        all.addAll(els);
                    }
                    default -> { }
                }
            }
        }
        return all;
    }

    static List<RouteElement> replay(List<Path> files) throws IOException {
        List<RouteElement> out = new ArrayList<>();
        for (Path f : files) {
            RouteElements flat = new RouteElements();
            try (InputStream in = MrtFiles.open(f); MrtReader r = new MrtReader(in, f.toString())) {
                for (MrtRecord rec; (rec = r.next()) != null; ) flat.accept(rec, out::add);
            }
        }
        return out;
    }

    static List<String> bgpdump(List<Path> files) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Path f : files) {
            Process p = new ProcessBuilder("bgpdump", "-m", f.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("bgpdump exit for %s", f).isZero();
            if (!out.isEmpty()) lines.addAll(List.of(out.split("\n")));
        }
        return lines;
    }

    static List<Path> files(Path root, String kind) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().startsWith(kind + ".")).sorted().toList();
        }
    }

    @Test
    void bgpdumpReadsTheArchiveAsTheOriginalAndReplayGivesTheSameElements() throws Exception {
        Path src = shared("mrt/bgpkit-parser/updates.2024-09-14.bz2");
        MrtArchive archive = new MrtArchive(new ArchiveConfig(dir, Duration.ofMinutes(5), Duration.ofMinutes(10)),
                IpAddress.parse("192.0.2.1"), "blackout");
        List<RouteElement> fed = feed(src, archive);
        archive.close();
        List<Path> updates = files(dir, "updates");
        assertThat(updates).as("15 minutes in 5-minute files").hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(p -> assertThat(p.toString()).matches(".*/2024\\.09/UPDATES/updates\\.20240914\\.\\d{4}\\.gz"));
        try (Stream<Path> s = Files.walk(dir)) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".tmp"))).as("no temp file left").isEmpty();
        }
        assertThat(fed).isNotEmpty();
        assertThat(replay(updates)).isEqualTo(fed);
        if (bgpdump()) assertThat(bgpdump(updates)).isEqualTo(bgpdump(List.of(src)));
    }

    @Test
    void filesAppearAtomicallyAndARestartAppendsToTheWindow() throws Exception {
        Path src = shared("mrt/bgpkit-parser/updates.2024-09-14.bz2");
        ArchiveConfig cfg = new ArchiveConfig(dir, Duration.ofHours(1), Duration.ofHours(2));
        MrtArchive first = new MrtArchive(cfg, IpAddress.parse("192.0.2.1"), "blackout");
        List<RouteElement> a = feed(src, first);
        List<Path> visible = files(dir, "updates");
        assertThat(visible).as("nothing under a final name while the window is open").isEmpty();
        try (Stream<Path> s = Files.walk(dir)) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".gz.tmp")).count()).isEqualTo(1);
        }
        first.close();
        List<Path> done = files(dir, "updates");
        assertThat(done).hasSize(1);
        // a restart within the same window: the new records follow the old ones in the same file
        MrtArchive second = new MrtArchive(cfg, IpAddress.parse("192.0.2.1"), "blackout");
        List<RouteElement> b = feed(src, second);
        assertThat(files(dir, "updates")).as("the first run's file stays complete meanwhile").isEqualTo(done);
        assertThat(replay(done)).isEqualTo(a);
        second.close();
        List<RouteElement> both = new ArrayList<>(a);
        both.addAll(b);
        assertThat(replay(files(dir, "updates"))).isEqualTo(both);
        if (bgpdump()) assertThat(bgpdump(done)).hasSize(2 * bgpdump(List.of(src)).size());
    }

    @Test
    void ribSnapshotsHoldTheRoutesOfTheirTime() throws Exception {
        Path src = shared("mrt/bgpdump/test_data/updates.20070211.0141.gz");
        MrtArchive archive = new MrtArchive(new ArchiveConfig(dir, Duration.ofMinutes(15), Duration.ofMinutes(5)),
                IpAddress.parse("192.0.2.1"), "blackout");
        List<RouteElement> fed = feed(src, archive);
        archive.close();
        List<Path> ribs = files(dir, "rib");
        assertThat(ribs).isNotEmpty();
        // replaying our updates is the same stream, in BGP4MP_ET form
        assertThat(replay(files(dir, "updates"))).isEqualTo(fed);
        for (Path rib : ribs) {
            String name = rib.getFileName().toString(); // rib.20070211.HHMM.gz
            long at = java.time.LocalDateTime.parse(name.substring(4, 17), java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd.HHmm"))
                    .toEpochSecond(java.time.ZoneOffset.UTC);
            Map<String, String> expected = new HashMap<>();
            for (RouteElement e : fed) {
                if (e.timeMicros() >= at * 1_000_000) break;
                String key = e.peerAddress() + "|" + e.prefix() + "|" + e.pathId();
                if (e.type() == ElementType.ANNOUNCE) expected.put(key, e.attributes().asPath().toString());
                else if (e.type() == ElementType.WITHDRAW) expected.remove(key);
                else if (e.type() == ElementType.STATE && e.newState() != 6) {
                    expected.keySet().removeIf(k -> k.startsWith(e.peerAddress() + "|"));
                }
            }
            Map<String, String> got = new HashMap<>();
            for (RouteElement e : replay(List.of(rib))) {
                assertThat(e.type()).isEqualTo(ElementType.RIB);
                assertThat(e.timeMicros()).isEqualTo(at * 1_000_000);
                got.put(e.peerAddress() + "|" + e.prefix() + "|" + e.pathId(), e.attributes().asPath().toString());
            }
            assertThat(got).as(name).hasSize(expected.size()).isEqualTo(expected);
            if (bgpdump()) {
                Set<String> dumped = new HashSet<>();
                for (String l : bgpdump(List.of(rib))) {
                    String[] f = l.split("\\|");
                    dumped.add(f[3] + "|" + f[5] + "|0");
                }
                assertThat(dumped).as("bgpdump -m %s", name).isEqualTo(expected.keySet());
            }
        }
    }
}
