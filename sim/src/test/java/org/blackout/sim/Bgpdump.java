package org.blackout.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs Debian's {@code bgpdump -m} on a file, the reference reader our output must satisfy. */
final class Bgpdump {
    static final Path BIN = Path.of("/usr/bin/bgpdump");

    private Bgpdump() {}

    static boolean available() {
        return Files.isExecutable(BIN);
    }

    /** The rows printed; throws when bgpdump exits non-zero or reports an error on stderr. */
    static List<String> rows(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(BIN.toString(), "-m", file.toString()).redirectErrorStream(false).start();
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        String problems = err.lines().filter(l -> !l.contains("logging to syslog")).reduce("", (a, b) -> a + b + "\n");
        if (code != 0 || !problems.isBlank()) throw new IOException("bgpdump -m " + file + " exited " + code + ": " + problems);
        return new String(out, StandardCharsets.UTF_8).lines().toList();
    }
}
