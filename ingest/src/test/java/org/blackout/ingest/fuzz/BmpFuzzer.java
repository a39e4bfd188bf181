package org.blackout.ingest.fuzz;

/** Jazzer target (bench/fuzz): {@link Fuzzers#bmp}. */
public final class BmpFuzzer {
    private BmpFuzzer() {}

    public static void fuzzerTestOneInput(byte[] data) {
        Fuzzers.bmp(data);
    }
}
