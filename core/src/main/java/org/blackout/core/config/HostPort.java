package org.blackout.core.config;

import java.net.InetSocketAddress;

/**
 * {@code HOST:PORT} as people type it, one grammar for flags and configuration files:
 * {@code 127.0.0.1:8080}, {@code [::1]:8080}, {@code localhost:25}, or {@code HOST} alone where a
 * default port applies. The host is kept unresolved, without brackets.
 */
public record HostPort(String host, int port) {

    public HostPort {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be in 0..65535, got " + port);
    }

    /** {@code HOST:PORT}; throws IllegalArgumentException saying what was wanted. */
    public static HostPort parse(String text) {
        return parse(text, -1);
    }

    /** {@code HOST:PORT}, or {@code HOST} with {@code defaultPort} (none when negative). */
    public static HostPort parse(String text, int defaultPort) {
        String t = text == null ? "" : text.trim();
        int colon = t.lastIndexOf(':');
        // a bare IPv6 address has colons but no port: only [v6]:port carries one
        boolean bareV6 = colon >= 0 && !t.startsWith("[") && t.indexOf(':') != colon;
        String host = colon < 0 || bareV6 ? t : t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (colon < 0 || bareV6) {
            if (defaultPort < 0 || host.isEmpty()) throw new IllegalArgumentException("want HOST:PORT, e.g. 127.0.0.1:8080, got " + text);
            return new HostPort(host, defaultPort);
        }
        String p = t.substring(colon + 1);
        int port;
        try {
            port = Integer.parseInt(p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port: " + p);
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("not a port: " + p);
        return new HostPort(host, port);
    }

    /** The socket address (the host resolved); an empty host means every address. */
    public InetSocketAddress address() {
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
