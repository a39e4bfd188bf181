package org.blackout.ingest.bmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The BMP station is safe by default: loopback unless told whom to accept. */
class BmpAllowTest {
    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void addressesAndPrefixesOfBothFamilies() throws Exception {
        BmpAllow a = BmpAllow.parse(List.of("192.0.2.7", "10.0.0.0/8", "2001:db8::/32", "[2001:db8:ffff::1]"), false);
        assertThat(a.test(ip("192.0.2.7"))).isTrue();
        assertThat(a.test(ip("192.0.2.8"))).isFalse();
        assertThat(a.test(ip("10.200.3.4"))).isTrue();
        assertThat(a.test(ip("11.0.0.1"))).isFalse();
        assertThat(a.test(ip("2001:db8:1234::9"))).isTrue();
        assertThat(a.test(ip("2001:db9::1"))).isFalse();
        assertThat(BmpAllow.parse(List.of("172.16.0.0/12"), false).test(ip("172.31.255.255"))).isTrue();
        assertThat(BmpAllow.parse(List.of("172.16.0.0/12"), false).test(ip("172.32.0.0"))).isFalse();
    }

    @Test
    void malformedEntriesAreRejectedByName() {
        assertThatThrownBy(() -> BmpAllow.parse(List.of("router1.example.net"), false))
                .hasMessageContaining("not an IP address or prefix: 'router1.example.net'");
        assertThatThrownBy(() -> BmpAllow.parse(List.of("10.0.0.0/33"), false)).hasMessageContaining("prefix length 33");
        assertThatThrownBy(() -> BmpAllow.parse(List.of("10.0.0.0/x"), false)).hasMessageContaining("bad prefix length");
    }

    @Test
    void aNonLoopbackStationNeedsAnAllowListOrAllowAny() throws Exception {
        InetSocketAddress any = new InetSocketAddress(ip("0.0.0.0"), 1790);
        assertThatThrownBy(() -> BmpAllow.NONE_GIVEN.checkListen(any, "--allow", "--allow-any"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.0.0.0:1790").hasMessageContaining("--allow").hasMessageContaining("--allow-any");
        assertThatThrownBy(() -> BmpAllow.NONE_GIVEN.checkListen(new InetSocketAddress(ip("::"), 1790), "--allow", "--allow-any"))
                .isInstanceOf(IllegalArgumentException.class);
        BmpAllow.NONE_GIVEN.checkListen(new InetSocketAddress(ip("127.0.0.1"), 1790), "--allow", "--allow-any");
        BmpAllow.NONE_GIVEN.checkListen(new InetSocketAddress(ip("::1"), 1790), "--allow", "--allow-any");
        BmpAllow.parse(List.of("192.0.2.0/24"), false).checkListen(any, "--allow", "--allow-any");
        BmpAllow.parse(List.of(), true).checkListen(any, "--allow", "--allow-any");
        assertThat(BmpAllow.parse(List.of(), true).test(ip("203.0.113.9"))).isTrue();
    }

    @Test
    void refusedRoutersAreLoggedOncePerAddressAndAllCounted() throws Exception {
        List<String> logged = java.util.Collections.synchronizedList(new ArrayList<>());
        BmpEvents events = new BmpEvents() {
            @Override
            public void refused(InetSocketAddress address) {
                logged.add(address.getAddress().getHostAddress());
            }
        };
        try (BmpListener listener = new BmpListener((c, e) -> { }, events, 64)
                .allow(BmpAllow.parse(List.of("127.0.0.2"), false))) {
            InetSocketAddress at = listener.bind(new InetSocketAddress("127.0.0.1", 0));
            for (String from : List.of("127.0.0.3", "127.0.0.3", "127.0.0.4", "127.0.0.3")) {
                try (Socket s = new Socket(at.getAddress(), at.getPort(), ip(from), 0)) {
                    s.setSoTimeout(5000);
                    s.getInputStream().read(); // the station closes it: end of stream (or a reset)
                } catch (IOException e) {
                    // reset: refused as well
                }
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (listener.refused() < 4 && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(listener.refused()).isEqualTo(4);
            assertThat(listener.connections()).isZero();
        }
        assertThat(logged).containsExactly("127.0.0.3", "127.0.0.4");
    }
}
