package org.blackout.core.detect;

import java.util.Arrays;

/**
 * The last {@code capacity} values of one series, each marked normal or anomalous, with the
 * median of the normal ones: the baseline, as IODA's watchtower keeps it (anomalies excluded so
 * an outage does not become the new normal). Grows on demand, so short runs stay small.
 */
final class History {
    private final int capacity;
    private float[] values = new float[16];
    private boolean[] anomalous = new boolean[16];
    private int head, size;
    private float[] scratch = new float[0];

    History(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    void add(double v, boolean anomaly) {
        if (size < capacity) {
            if (size == values.length) {
                int n = Math.min(capacity, values.length * 2);
                values = Arrays.copyOf(values, n);
                anomalous = Arrays.copyOf(anomalous, n);
            }
            values[size] = (float) v;
            anomalous[size] = anomaly;
            size++;
        } else {
            values[head] = (float) v;
            anomalous[head] = anomaly;
            head = (head + 1) % capacity;
        }
    }

    int size() {
        return size;
    }

    /** Median of the normal values, NaN when there are none. */
    double median() {
        return quantile(0.5);
    }

    /** The {@code q} quantile (nearest rank) of the normal values, NaN when there are none. */
    double quantile(double q) {
        if (scratch.length < size) scratch = new float[values.length];
        int n = 0;
        for (int i = 0; i < size; i++) if (!anomalous[i]) scratch[n++] = values[i];
        if (n == 0) return Double.NaN;
        Arrays.sort(scratch, 0, n);
        if (q == 0.5 && (n & 1) == 0) return (scratch[n / 2 - 1] + scratch[n / 2]) / 2.0;
        return scratch[Math.min(n - 1, (int) Math.ceil(q * n) - 1 < 0 ? 0 : (int) Math.ceil(q * n) - 1)];
    }
}
