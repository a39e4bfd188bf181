package org.blackout.pipeline.format;

import org.blackout.wire.bgp.AsPath;
import org.blackout.wire.element.RouteElement;

/**
 * {@code blackout bmp}'s output: one line per route element,
 * {@code BMP|SECONDS.MICROS|A/W/STATE|ROUTER:TABLE|PEER|PEER_AS|PREFIX or OLD>NEW|AS_PATH}, in the
 * spirit of bgpdump {@code -m}.
 */
public final class BmpLines {
    private BmpLines() {}

    /** The line of one element from {@code collector} (the router and table), with its newline. */
    public static String line(String collector, RouteElement e) {
        StringBuilder sb = new StringBuilder(128).append("BMP|").append(e.timeMicros() / 1_000_000).append('.')
                .append(String.format("%06d", e.timeMicros() % 1_000_000)).append('|');
        switch (e.type()) {
            case ANNOUNCE, RIB -> sb.append('A');
            case WITHDRAW -> sb.append('W');
            case STATE -> sb.append("STATE");
        }
        sb.append('|').append(collector).append('|').append(e.peerAddress()).append('|').append(e.peerAs()).append('|');
        if (e.prefix() != null) sb.append(e.prefix());
        else sb.append(e.oldState()).append('>').append(e.newState());
        sb.append('|');
        if (e.attributes() != null && e.prefix() != null) {
            AsPath p = e.attributes().asPath();
            if (p != null) sb.append(p);
        }
        return sb.append('\n').toString();
    }
}
