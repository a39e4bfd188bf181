package org.blackout.ingest.fuzz;

/** Jazzer target (bench/fuzz): {@link Fuzzers#bgp}. */
public final class BgpFuzzer {
    private BgpFuzzer() {}

    public static void fuzzerTestOneInput(byte[] data) {
        Fuzzers.bgp(data);
    }
}
