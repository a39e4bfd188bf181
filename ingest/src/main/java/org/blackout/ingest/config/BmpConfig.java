package org.blackout.ingest.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.blackout.ingest.bmp.BmpAllow;

/**
 * The BMP station: where routers connect (default 127.0.0.1:1790), and which router addresses and
 * prefixes are accepted. A station on a non-loopback address needs {@code allow} or {@code allow_any}.
 */
public record BmpConfig(InetSocketAddress listen, BmpAllow allow) {
    public static final int DEFAULT_PORT = 1790;

    /** Only these addresses (empty: any, which only a loopback station may be). */
    public BmpConfig(InetSocketAddress listen, List<InetAddress> allow) {
        this(listen, BmpAllow.of(allow, false));
    }
}
