package org.blackout.ingest.fuzz;

/** Jazzer target (bench/fuzz): {@link Fuzzers#mrt}. */
public final class MrtFuzzer {
    private MrtFuzzer() {}

    public static void fuzzerTestOneInput(byte[] data) {
        Fuzzers.mrt(data);
    }
}
