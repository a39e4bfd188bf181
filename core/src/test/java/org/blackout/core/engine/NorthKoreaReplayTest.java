package org.blackout.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.blackout.core.entity.EntityFiles;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.signal.Signal;
import org.blackout.core.signal.Upstream;
import org.blackout.core.signal.Watch;
import org.blackout.wire.mrt.MrtReader;
import org.blackout.wire.mrt.MrtRecord;
import org.blackout.wire.mrt.RouteElements;
import org.blackout.wire.net.Prefix;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;

/** The acceptance example, on the real 2015 full-table update file and APNIC's 2014 file. */
class NorthKoreaReplayTest {

    static Path shared(String rel) {
        String base = System.getProperty("blackout.shared");
        Prerequisites.require(base != null && Files.isDirectory(Path.of(base)), "shared data not available");
        Path p = Path.of(base, rel);
        Prerequisites.require(Files.exists(p), "missing " + p);
        return p;
    }

    static void replay(Path mrt, String collector, Engine engine) throws Exception {
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(mrt), 1 << 16), 1 << 16);
             MrtReader r = new MrtReader(in, mrt.toString())) {
            RouteElements flat = new RouteElements();
            for (MrtRecord rec; (rec = r.next()) != null; ) flat.accept(rec, el -> engine.accept(collector, el));
        }
        engine.finish();
    }

    @Test
    void northKoreaHasFourSlash24sBehindAs4837() throws Exception {
        Path mrt = shared("mrt/bgpdump/test_data/updates.et-header.2015.gz");
        EntityMaps.Builder b = EntityMaps.builder();
        EntityFiles.load(shared("rir/delegated-apnic-20141224.txt"), b);
        EngineTest.Collect c = new EngineTest.Collect();
        Engine engine = new Engine(EngineConfig.defaults(), b.build(),
                Watch.parse(List.of("country:KP,as:131279,prefix:175.45.176.0/22")), c);
        replay(mrt, "route-views", engine);

        Signal kp = c.last("country:KP");
        assertThat(kp.visibleSlash24()).isEqualTo(4.0);
        assertThat(kp.visiblePrefixes()).isEqualTo(4);
        assertThat(kp.upstreams()).first().isEqualTo(new Upstream(4837, 1.0));
        assertThat(kp.fullFeedPeers()).isEqualTo(1);
        Signal as = c.last("as:131279");
        assertThat(as.visibleSlash24()).isEqualTo(4.0);
        assertThat(as.upstreams()).containsExactly(new Upstream(4837, 1.0));
        assertThat(c.signals.stream().filter(s -> s.entity().equals("country:KP")).mapToLong(Signal::announcements).sum())
                .isEqualTo(4);
        assertThat(engine.originsOf(Prefix.parse("175.45.177.0/24"))).containsExactly(131279L);
        // bgpdump -m: 577,737 announcements, 3 withdrawals, one peer carrying the table
        assertThat(engine.routing().peerCount()).isEqualTo(1);
        assertThat(engine.routing().rib(0).size()).isBetween(570_000, 577_737);
    }
}
