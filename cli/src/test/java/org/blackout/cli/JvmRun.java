package org.blackout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a CLI entry point in a JVM of its own, as the launcher does, with the test's class path:
 * for commands that write to the process's stdout directly or end the process themselves.
 */
record JvmRun(int code, List<String> out, String err) {

    static JvmRun of(Path dir, Class<?> mainClass, String... args) throws IOException, InterruptedException {
        return of(dir, List.of(), mainClass, args);
    }

    /** As {@link #of(Path, Class, String...)}, with JVM options before the class path. */
    static JvmRun of(Path dir, List<String> jvmOptions, Class<?> mainClass, String... args) throws IOException, InterruptedException {
        Path out = dir.resolve("out"), err = dir.resolve("err");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", args) + " finished").isTrue();
        return new JvmRun(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
