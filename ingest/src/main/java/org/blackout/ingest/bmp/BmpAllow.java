package org.blackout.ingest.bmp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which routers a BMP station accepts: an allow list of addresses and prefixes ({@code 192.0.2.7},
 * {@code 10.0.0.0/8}, {@code 2001:db8::/32}), or any router when {@code any} is set explicitly.
 *
 * <p>Safe by default: a station listening on a loopback address may take any (local) router without a
 * list, but one listening on any other address (0.0.0.0 included) must be given a list or be told
 * {@code any}; {@link #checkListen} refuses it otherwise, before anything binds.
 */
public record BmpAllow(List<Entry> entries, boolean any) implements Predicate<InetAddress> {
    /** The default station address: loopback, so nothing outside the host reaches it unless asked. */
    public static final String DEFAULT_LISTEN = "127.0.0.1:" + BmpListener.DEFAULT_PORT;

    /** Accepts whatever connects; only {@link #checkListen} makes that safe. */
    public static final BmpAllow NONE_GIVEN = new BmpAllow(List.of(), false);

    public BmpAllow {
        entries = List.copyOf(entries);
    }

    /** One address (full length) or prefix. */
    public record Entry(byte[] network, int length) {
        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) return false;
            int full = length / 8, rest = length % 8;
            for (int i = 0; i < full; i++) if (b[i] != network[i]) return false;
            if (rest == 0) return true;
            int mask = (0xff << (8 - rest)) & 0xff;
            return (b[full] & mask) == (network[full] & mask);
        }

        /** By value (a record compares arrays by identity), so two readings of one configuration are equal. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.length == length && java.util.Arrays.equals(e.network, network);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(network) + length;
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/" + length;
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Parses addresses and prefixes (numeric only: a host name would make the list depend on DNS).
     *
     * @throws IllegalArgumentException naming the entry that is not an address or prefix
     */
    public static BmpAllow parse(List<String> list, boolean any) {
        List<Entry> out = new ArrayList<>();
        for (String raw : list) out.add(entry(raw));
        return new BmpAllow(out, any);
    }

    /** Addresses already resolved (full-length entries). */
    public static BmpAllow of(List<InetAddress> addresses, boolean any) {
        List<Entry> out = new ArrayList<>();
        for (InetAddress a : addresses) out.add(new Entry(a.getAddress(), a.getAddress().length * 8));
        return new BmpAllow(out, any);
    }

    static Entry entry(String raw) {
        String s = raw.trim();
        int slash = s.indexOf('/');
        String host = slash < 0 ? s : s.substring(0, slash);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (host.isEmpty() || !(host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            throw new IllegalArgumentException("not an IP address or prefix: '" + raw + "'");
        }
        byte[] net;
        try {
            net = InetAddress.getByName(host).getAddress(); // numeric: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or prefix: '" + raw + "'");
        }
        int max = net.length * 8, len = max;
        if (slash >= 0) {
            try {
                len = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in '" + raw + "'");
            }
            if (len < 0 || len > max) throw new IllegalArgumentException("prefix length " + len + " out of range in '" + raw + "'");
        }
        return new Entry(net, len);
    }

    /** True when the address may connect: {@code any}, no list (a loopback station), or on the list. */
    @Override
    public boolean test(InetAddress a) {
        if (any || entries.isEmpty()) return true;
        for (Entry e : entries) if (e.contains(a)) return true;
        return false;
    }

    /** Whether a station on {@code listen} is safe with this list (see the class comment). */
    public boolean safeFor(InetSocketAddress listen) {
        InetAddress a = listen.getAddress();
        return any || !entries.isEmpty() || (a != null && a.isLoopbackAddress());
    }

    /**
     * Refuses an unsafe station.
     *
     * @param allowOption how the user gives the list ({@code --allow}, or {@code bmp.allow} in a config)
     * @param anyOption   how the user allows any router ({@code --allow-any}, or {@code sources.bmp.allow_any: true})
     * @throws IllegalArgumentException with a message that says both
     */
    public void checkListen(InetSocketAddress listen, String allowOption, String anyOption) {
        if (safeFor(listen)) return;
        throw new IllegalArgumentException("refusing to listen for BMP on " + listen.getAddress().getHostAddress() + ":"
                + listen.getPort() + " (not a loopback address) without an allow list: give the routers' addresses or "
                + "prefixes with " + allowOption + ", or accept any router with " + anyOption);
    }

    @Override
    public String toString() {
        return any ? "any router" : entries.isEmpty() ? "any local router" : entries.toString();
    }
}
