package org.blackout.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the {@code blackout} command line in-process, with its exit code and what it wrote to stderr. */
record CliRun(int code, String err) {

    static CliRun of(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.commandLine().execute(args);
        } finally {
            System.setErr(saved);
        }
        return new CliRun(code, buf.toString(StandardCharsets.UTF_8));
    }
}
