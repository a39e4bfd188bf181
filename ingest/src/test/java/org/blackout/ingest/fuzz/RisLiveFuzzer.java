package org.blackout.ingest.fuzz;

/** Jazzer target (bench/fuzz): {@link Fuzzers#risLive}. */
public final class RisLiveFuzzer {
    private RisLiveFuzzer() {}

    public static void fuzzerTestOneInput(byte[] data) {
        Fuzzers.risLive(data);
    }
}
