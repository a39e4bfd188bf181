package org.blackout.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every input that made a decoder crash under {@code bench/fuzz} (kept in
 * {@code src/test/resources/fuzz/TARGET/}, one file each) now passes its contract, plus a few
 * hand-made hostile inputs for each target so that the test never runs empty.
 */
class FuzzRegressionTest {
    static Consumer<byte[]> target(String name) {
        return switch (name) {
            case "mrt" -> Fuzzers::mrt;
            case "bgp" -> Fuzzers::bgp;
            case "bmp" -> Fuzzers::bmp;
            case "rislive" -> Fuzzers::risLive;
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Stream<Object[]> inputs() throws IOException, URISyntaxException {
        Path root = Path.of(FuzzRegressionTest.class.getResource("/fuzz").toURI());
        List<Object[]> all = new java.util.ArrayList<>();
        for (String t : List.of("mrt", "bgp", "bmp", "rislive")) {
            try (Stream<Path> files = Files.list(root.resolve(t))) {
                files.filter(f -> !f.getFileName().toString().startsWith(".")).sorted()
                        .forEach(f -> all.add(new Object[] {t, f.getFileName().toString(), f}));
            }
        }
        return all.stream();
    }

    @Test
    void foundInputsPass() throws Exception {
        List<String> ran = new java.util.ArrayList<>();
        for (Object[] in : inputs().toList()) {
            String t = (String) in[0];
            try {
                target(t).accept(Files.readAllBytes((Path) in[2]));
            } catch (RuntimeException | Error e) {
                throw new AssertionError(t + "/" + in[1] + ": " + e, e);
            }
            ran.add(t + "/" + in[1]);
        }
        System.err.println("fuzz regressions run: " + ran.size() + " " + ran);
    }

    @Test
    void hostileInputsPass() {
        byte[] ones = new byte[64];
        java.util.Arrays.fill(ones, (byte) 0xff);
        List<byte[]> hostile = List.of(new byte[0], new byte[] {0}, ones, new byte[4096],
                // an MRT header claiming a 4 GB body
                new byte[] {0, 0, 0, 1, 0, 16, 0, 4, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff},
                // a BMP common header claiming 4 GB
                new byte[] {3, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0},
                "{\"type\":\"ris_message\",\"data\":{\"raw\":\"ffff\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        int n = 0;
        for (String t : List.of("mrt", "bgp", "bmp", "rislive")) {
            for (byte[] b : hostile) {
                target(t).accept(b);
                n++;
            }
        }
        assertThat(n).isEqualTo(28);
    }
}
