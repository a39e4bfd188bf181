package org.blackout.core.policy;

import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/** Prefixes as policy files write them. */
final class Prefixes {
    private Prefixes() {}

    /**
     * {@link Prefix#parse} that refuses host bits beyond the length: {@code 10.0.0.1/8} in a ROA or
     * an operator's list is a typo, and silently masking it would validate the wrong space.
     */
    static Prefix parse(String text) {
        String s = text.strip();
        Prefix p = Prefix.parse(s);
        IpAddress a = IpAddress.parse(s.substring(0, s.indexOf('/')));
        if (a.hi() != p.hi() || a.lo() != p.lo()) {
            throw new IllegalArgumentException("host bits set beyond /" + p.length() + " in " + s + " (did you mean " + p + "?)");
        }
        return p;
    }
}
