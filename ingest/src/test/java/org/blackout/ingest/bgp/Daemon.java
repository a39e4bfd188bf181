package org.blackout.ingest.bgp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A routing daemon started by a test: its process, its temp dir and its log; killed on close. */
final class Daemon implements AutoCloseable {
    final Path dir;
    final Path log;
    private final Process process;

    private Daemon(Path dir, Path log, Process process) {
        this.dir = dir;
        this.log = log;
        this.process = process;
    }

    static boolean installed(String binary) {
        for (String d : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin", "/bin")) {
            if (Files.isExecutable(Path.of(d, binary))) return true;
        }
        return false;
    }

    static Daemon start(Path dir, String name, List<String> command) throws IOException {
        Path log = dir.resolve(name + ".out");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new Daemon(dir, log, p);
    }

    boolean alive() {
        return process.isAlive();
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Runs a control command (birdc, gobgp) and returns its stdout; fails on a non-zero exit. */
    static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command + " did not finish");
        }
        String s = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new IOException(command + " exited " + p.exitValue() + ": " + s);
        return s;
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        for (ProcessHandle c : children) c.destroyForcibly();
    }
}
