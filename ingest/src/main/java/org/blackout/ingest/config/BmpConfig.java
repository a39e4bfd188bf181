package org.blackout.ingest.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/** The BMP station: where routers connect, and which router addresses are accepted (empty: any). */
public record BmpConfig(InetSocketAddress listen, List<InetAddress> allow) {
    public static final int DEFAULT_PORT = 1790;
}
