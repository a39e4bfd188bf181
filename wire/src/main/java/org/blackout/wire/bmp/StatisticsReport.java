package org.blackout.wire.bmp;

import java.util.Arrays;
import java.util.List;

/** Stats Report (RFC 7854 4.8): counters and gauges for one peer. */
public record StatisticsReport(PerPeerHeader peer, List<Stat> stats) implements BmpMessage {
    @Override
    public int type() {
        return STATISTICS_REPORT;
    }

    /**
     * One statistic: its type (RFC 7854 4.8 and the IANA registry) and value bytes. 32-bit counters
     * and 64-bit gauges are 4 or 8 octets; the per-AFI/SAFI gauges (types 9, 10 and later) are
     * AFI (2), SAFI (1) and a 64-bit gauge.
     */
    public record Stat(int type, byte[] value) {
        /** The counter or gauge, or -1 for a value of another shape. */
        public long count() {
            return switch (value.length) {
                case 4 -> readLong(0, 4);
                case 8 -> readLong(0, 8);
                case 11 -> readLong(3, 8);
                default -> -1;
            };
        }

        /** The AFI of a per-AFI/SAFI gauge, else 0. */
        public int afi() {
            return value.length == 11 ? (int) readLong(0, 2) : 0;
        }

        /** The SAFI of a per-AFI/SAFI gauge, else 0. */
        public int safi() {
            return value.length == 11 ? value[2] & 0xff : 0;
        }

        private long readLong(int from, int n) {
            long v = 0;
            for (int i = 0; i < n; i++) v = (v << 8) | (value[from + i] & 0xff);
            return v;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Stat s && s.type == type && Arrays.equals(s.value, value);
        }

        @Override
        public int hashCode() {
            return type * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Stat[" + type + "=" + count() + "]";
        }
    }
}
