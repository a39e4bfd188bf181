package org.blackout.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.blackout.core.engine.Elements.announce;

import org.blackout.core.rib.PathTable;
import org.blackout.core.signal.Signal;
import org.blackout.core.signal.Upstream;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.Test;

/**
 * An AS path no route uses for a whole bin is freed when the bin closes and its id goes to the next new path: no
 * cache may then hand out what it knew of the old one (the signal calculator's border AS per path
 * id, the engine's id per AsPath object).
 */
class PathReuseTest {
    static final long T0 = EngineTest.T0;

    @Test
    void aReusedPathIdGetsItsOwnBorderAndTheOldAsPathObjectItsOwnId() throws Exception {
        EngineTest.Collect c = new EngineTest.Collect();
        Engine e = EngineTest.engine(c, "country:KP");
        RouteElement a = announce(T0, "10.0.0.1", 3856, "175.45.176.0/24", "3856 2914 1239 4837 131279");
        e.accept("rrc00", a);
        e.accept("rrc00", announce(T0, "10.0.0.1", 3856, "0.0.0.0/0", "3856 61417"));
        PathTable paths = e.routing().paths();
        int idA = e.routing().rib(0).get(e.routing().prefixes().find(Prefix.parse("175.45.176.0/24")));
        // bin 2: the route moves; A is left unused, kept when the bin closes (a flap would bring it back)
        e.accept("rrc00", announce(T0 + 300, "10.0.0.1", 3856, "175.45.176.0/24", "3856 2914 1239 174 131279"));
        assertThat(c.last("country:KP").upstreams()).containsExactly(new Upstream(4837, 1.0)); // A's border, cached by id
        // bin 3: A has been unused for a whole bin: freed when it closes
        e.accept("rrc00", announce(T0 + 600, "10.0.0.1", 3856, "0.0.0.0/0", "3856 61417"));
        assertThat(paths.isLive(idA)).as("kept for one more bin").isTrue();
        assertThat(paths.refCount(idA)).isZero();
        // bin 4: a new path takes A's id
        e.accept("rrc00", announce(T0 + 900, "10.0.0.1", 3856, "175.45.177.0/24", "3856 64999 9999 131279"));
        assertThat(paths.isLive(idA)).isTrue();
        int idC = e.routing().rib(0).get(e.routing().prefixes().find(Prefix.parse("175.45.177.0/24")));
        assertThat(idC).as("the freed id is reused").isEqualTo(idA);
        // the decoder hands the same AsPath object again (its attribute cache): A comes back, not C
        e.accept("rrc00", new RouteElement((T0 + 900) * 1_000_000L, ElementType.ANNOUNCE, a.peerAddress(), a.peerAs(),
                Prefix.parse("175.45.178.0/24"), 0, a.attributes(), 0, 0));
        int again = e.routing().rib(0).get(e.routing().prefixes().find(Prefix.parse("175.45.178.0/24")));
        assertThat(paths.toString(again)).isEqualTo("3856 2914 1239 4837 131279");
        assertThat(paths.toString(idC)).isEqualTo("3856 64999 9999 131279");
        e.finish();
        Signal kp = c.last("country:KP");
        // .176 through 174, .177 through 9999 (not A's 4837, cached under the same id), .178 through 4837
        assertThat(kp.upstreams()).containsExactlyInAnyOrder(new Upstream(174, 1 / 3.0), new Upstream(9999, 1 / 3.0),
                new Upstream(4837, 1 / 3.0));
    }
}
