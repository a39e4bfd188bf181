package org.blackout.ingest.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.blackout.ingest.config.CollectorConfig;
import org.blackout.ingest.config.NeighbourConfig;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.AfterAll;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ExaBGP announces a route, then re-announces it with a MULTI_EXIT_DISC of 2 octets instead of 4
 * (a generic attribute), then announces another route. RFC 7606 section 7.4: a MED of the wrong
 * length is treat-as-withdraw, so the session stays up, the route disappears (a WITHDRAW element that
 * keeps the attributes and the reason) and the next route arrives; an ATOMIC_AGGREGATE with a value is
 * attribute-discard (section 7.6): the route stays. A second, unconfigured ExaBGP is refused with
 * Cease/Connection Rejected.
 */
class ExabgpMalformedTest {
    static final IpAddress EXA = IpAddress.parse("127.0.0.5");
    static final Prefix VICTIM = Prefix.parse("10.5.1.0/24"), AFTER = Prefix.parse("10.5.2.0/24"),
            BEFORE = Prefix.parse("10.5.0.0/24"), DISCARD = Prefix.parse("10.5.3.0/24");

    @TempDir static Path dir;
    static PeerRibs ribs;
    static FeedDispatcher feed;
    static BgpCollector collector;
    static Daemon exabgp, stranger;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        Prerequisites.require(Daemon.installed("exabgp"), "ExaBGP is not installed (Debian package exabgp)");
        ribs = new PeerRibs();
        ribs.keepAll = true;
        feed = new FeedDispatcher(64, e -> { }, ribs);
        collector = new BgpCollector(new CollectorConfig(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0),
                65000, IpAddress.parse("10.0.0.1").v4Address(), 90,
                List.of(new NeighbourConfig(InetAddress.getByName("127.0.0.5"), 65005, "exabgp", false))), feed);
        port = collector.start().getPort();
        Files.writeString(dir.resolve("announce.sh"), """
                #!/bin/sh
                sleep 1
                echo "announce route 10.5.0.0/24 next-hop 192.0.2.5"
                echo "announce route 10.5.1.0/24 next-hop 192.0.2.5"
                sleep 2
                echo "announce route 10.5.1.0/24 next-hop 192.0.2.5 attribute [0x04 0x80 0x0064]"
                sleep 1
                echo "announce route 10.5.2.0/24 next-hop 192.0.2.5"
                echo "announce route 10.5.3.0/24 next-hop 192.0.2.5 attribute [0x06 0xc0 0x01]"
                while true; do sleep 10; done
                """);
        dir.resolve("announce.sh").toFile().setExecutable(true);
        exabgp = startExabgp("exabgp", "127.0.0.5", 65005, true);
        stranger = startExabgp("stranger", "127.0.0.6", 65006, false);
    }

    static Daemon startExabgp(String name, String local, long as, boolean withProcess) throws Exception {
        String conf = (withProcess ? """
                process announce {
                  run %s;
                  encoder text;
                }
                """.formatted(dir.resolve("announce.sh")) : "") + """
                neighbor 127.0.0.1 {
                  router-id %s;
                  local-address %s;
                  local-as %d;
                  peer-as 65000;
                  group-updates false;
                  family { ipv4 unicast; }
                  %s
                }
                """.formatted(local, local, as, withProcess ? "api { processes [ announce ]; }" : "");
        Path file = dir.resolve(name + ".conf");
        Files.writeString(file, conf);
        ProcessBuilder pb = new ProcessBuilder();
        List<String> cmd = new ArrayList<>(List.of("env", "PYTHONUNBUFFERED=1", "exabgp.tcp.port=" + port, "exabgp.api.cli=false",
                "exabgp.daemon.user=" + System.getProperty("user.name"), "exabgp.log.destination=stdout",
                "exabgp.daemon.daemonize=false", "exabgp.tcp.once=false", "exabgp", file.toString()));
        return Daemon.start(dir, name, cmd);
    }

    @AfterAll
    static void stop() throws Exception {
        if (exabgp != null) exabgp.close();
        if (stranger != null) stranger.close();
        if (collector != null) collector.close();
        if (feed != null) feed.close();
    }

    static void await(BooleanSupplier ok) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!ok.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(100);
    }

    @Test
    void malformedMedIsTreatAsWithdrawAndTheSessionSurvives() throws Exception {
        await(() -> ribs.prefixes(EXA).contains(DISCARD));
        assertThat(ribs.prefixes(EXA)).as("exabgp: %s", exabgp.output()).containsExactlyInAnyOrder(BEFORE, AFTER, DISCARD);
        List<RouteElement> victim = ribs.all.stream().filter(e -> VICTIM.equals(e.prefix())).toList();
        assertThat(victim).extracting(RouteElement::type).containsExactly(ElementType.ANNOUNCE, ElementType.WITHDRAW);
        RouteElement w = victim.get(1);
        assertThat(w.attributes()).as("treat-as-withdraw keeps the attributes").isNotNull();
        assertThat(w.attributes().treatAsWithdraw()).isTrue();
        assertThat(w.attributes().reason()).containsIgnoringCase("MULTI_EXIT_DISC");
        // RFC 7606 7.6: an ATOMIC_AGGREGATE with a value is attribute-discard: the route stays, the attribute goes
        assertThat(ribs.attributes(EXA, DISCARD).action()).isEqualTo(org.blackout.wire.bgp.Rfc7606Action.ATTRIBUTE_DISCARD);
        assertThat(ribs.attributes(EXA, DISCARD).atomicAggregate()).isNull();
        assertThat(collector.established()).hasSize(1);
        assertThat(ribs.states(EXA)).extracting(s -> s.oldState() + ">" + s.newState()).containsExactly("5>6");
    }

    @Test
    void unconfiguredNeighbourIsRefused() throws Exception {
        await(() -> collector.refused() > 0);
        assertThat(collector.refused()).as("stranger: %s", stranger.output()).isPositive();
        assertThat(stranger.alive()).isTrue(); // it keeps retrying; each attempt is refused
        assertThat(collector.established()).noneMatch(s -> s.contains("127.0.0.6"));
        assertThat(Map.copyOf(ribs.ribs)).doesNotContainKey(IpAddress.parse("127.0.0.6"));
    }
}
