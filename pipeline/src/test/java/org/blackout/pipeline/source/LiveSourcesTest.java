package org.blackout.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.event.EventSink;
import org.blackout.core.signal.Signal;
import org.blackout.pipeline.Pipeline;
import org.blackout.pipeline.PipelineSettings;
import org.blackout.pipeline.config.ConfigLoader;
import org.junit.jupiter.api.Test;

/** Live sources into a pipeline: a router's routes go in, and bins close on the wall clock when the feed is quiet. */
class LiveSourcesTest {

    @Test
    void aQuietFeedStillClosesItsBins() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var config = ConfigLoader.parse("sources: {bmp: {listen: 127.0.0.1:%d, allow: [127.0.0.1]}}\n".formatted(port), "test", Path.of(".")).sources().live();
        List<Signal> signals = new CopyOnWriteArrayList<>();
        Pipeline pipeline = Pipeline.builder(PipelineSettings.defaults().withWatch(List.of("prefix:198.51.100.0/23")))
                .maps(EntityMaps.empty()).signals(new EngineListener() {
                    @Override
                    public void signal(Signal s) {
                        signals.add(s);
                    }
                }).events(new EventSink() {}).build();
        AtomicLong elements = new AtomicLong();
        List<String> log = new CopyOnWriteArrayList<>();
        try (LiveSources sources = new LiveSources(config, pipeline, 16, (c, e) -> elements.incrementAndGet(), null,
                new LiveSources.Log() {
                    @Override
                    public void info(String message) {
                        log.add(message);
                    }

                    @Override
                    public void warn(String message) {
                        log.add(message);
                    }
                })) {
            assertThat(log).anyMatch(l -> l.startsWith("BMP station on "));
            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream out = s.getOutputStream();
                out.write(HexFormat.of().parseHex(routerStream()));
                out.flush();
                long deadline = System.nanoTime() + 10_000_000_000L;
                // no element after these: only the clock can close the bin
                while (signals.isEmpty() && System.nanoTime() < deadline) Thread.sleep(100);
            }
            assertThat(elements.get()).isEqualTo(3);
            assertThat(signals).as("the bin of the router's routes closed without a later element").isNotEmpty();
            assertThat(signals.get(0).entity()).isEqualTo("prefix:198.51.100.0/23");
        }
    }

    /** Initiation, Peer Up of 192.0.2.9 AS65009 (4-octet AS), one Route Monitoring with 198.51.100.0/24 and 198.51.101.0/24 (as server's LiveBmpTest). */
    static String routerStream() {
        String perPeer = "00" + "00" + "0000000000000000" + "000000000000000000000000c0000209" + "0000fde9" + "c0000209"
                + "5478a000" + "00000000";
        String open = bgp(1, "04" + "fde9" + "005a" + "c0000209" + "08" + "0206" + "4104" + "0000fde9");
        String peerUp = perPeer + "000000000000000000000000c0000201" + "00b3" + "c350" + open + open;
        String attrs = "40010100" + "40020a" + "0202" + "0000fde9" + "0000fbf4" + "400304c0000209";
        String update = bgp(2, "0000" + String.format("%04x", attrs.length() / 2) + attrs + "18c63364" + "18c63365");
        return bmp(4, "0002000672312d626d70") + bmp(3, peerUp) + bmp(0, perPeer + update);
    }

    static String bgp(int type, String body) {
        return "ff".repeat(16) + String.format("%04x%02x", 19 + body.length() / 2, type) + body;
    }

    static String bmp(int type, String body) {
        return String.format("03%08x%02x", 6 + body.length() / 2, type) + body;
    }
}
