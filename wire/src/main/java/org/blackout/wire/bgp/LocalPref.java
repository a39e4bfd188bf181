package org.blackout.wire.bgp;


/** LOCAL_PREF (type 5), unsigned 32-bit. */
public record LocalPref(int flags, long value) implements PathAttribute {
    @Override
    public int typeCode() {
        return LOCAL_PREF;
    }
}
