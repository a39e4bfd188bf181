package org.blackout.core.signal;

import static org.assertj.core.api.Assertions.assertThat;

import org.blackout.core.rib.PeerKey;
import org.blackout.core.rib.RoutingState;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.Test;

/** A prefix judged among the peers that carried it. */
class PrefixVisibilityTest {
    static final long H = 3_600_000_000L;

    RoutingState routing = new RoutingState();
    PrefixVisibility v = new PrefixVisibility(routing, 0.5, 3, 24 * H);
    int p = routing.prefixes().intern(Prefix.parse("10.0.0.0/24"));
    int path = routing.paths().intern(new long[] {64500, 65001}, new long[] {65001});

    int peer(int i) {
        return routing.peer(new PeerKey("c", IpAddress.parse("192.0.2." + (i + 1)), 64500 + i));
    }

    void announce(int... peers) {
        for (int i : peers) {
            routing.announce(peer(i), p, path);
            v.announced(peer(i), p, false);
        }
        v.active(new long[] {0xffff});
    }

    void withdraw(long t, int... peers) {
        for (int i : peers) {
            routing.remove(peer(i), p);
            v.withdrawn(p, t);
        }
    }

    @Test
    void unknownUntilAPeerCarriesIt() {
        v.active(new long[] {0xffff});
        assertThat(v.status(p, 0)).isEqualTo(PrefixVisibility.Status.UNKNOWN);
        announce(0);
        assertThat(v.status(p, 0)).isEqualTo(PrefixVisibility.Status.VISIBLE);
        assertThat(v.basis()).isEqualTo("updates");
    }

    @Test
    void lostWhenAMajorityOfItsCarriersAndAtLeastThreeWithdrewIt() {
        announce(0, 1, 2, 3, 4);
        withdraw(H, 0, 1);
        assertThat(v.status(p, H)).isEqualTo(PrefixVisibility.Status.VISIBLE);
        withdraw(H, 2);
        assertThat(v.status(p, H)).isEqualTo(PrefixVisibility.Status.LOST);
        assertThat(v.carriers(p)).isEqualTo(5);
        assertThat(v.withdrawnBy(p)).isEqualTo(3);
    }

    @Test
    void withFewerCarriersThanTheFloorAllOfThemMustWithdraw() {
        announce(0, 1);
        withdraw(H, 0);
        assertThat(v.status(p, H)).isEqualTo(PrefixVisibility.Status.VISIBLE);
        withdraw(H, 1);
        assertThat(v.status(p, H)).isEqualTo(PrefixVisibility.Status.LOST);
    }

    @Test
    void aPeerWhoseSessionWentDownCarriesNothing() {
        announce(0, 1, 2);
        routing.dropPeer(peer(0));
        v.peerGone(peer(0), routing.prefixes().size());
        assertThat(v.carriers(p)).isEqualTo(2);
        assertThat(v.status(p, H)).isEqualTo(PrefixVisibility.Status.VISIBLE);
    }

    @Test
    void stalePeersAreMaskedOutAndALongLossIsRetired() {
        announce(0, 1, 2);
        withdraw(H, 0, 1, 2);
        assertThat(v.status(p, 2 * H)).isEqualTo(PrefixVisibility.Status.LOST);
        assertThat(v.status(p, 26 * H)).isEqualTo(PrefixVisibility.Status.RETIRED);
        assertThat(v.active(new long[] {0})).isTrue();
        assertThat(v.status(p, 2 * H)).isEqualTo(PrefixVisibility.Status.UNKNOWN);
    }

    @Test
    void aRibMakesTheBasisRib() {
        routing.announce(peer(0), p, path);
        v.announced(peer(0), p, true);
        assertThat(v.basis()).isEqualTo("rib");
    }
}
