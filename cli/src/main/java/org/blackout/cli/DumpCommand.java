package org.blackout.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.blackout.pipeline.format.Dumper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code blackout dump}: MRT files as bgpdump -m lines or JSON route elements. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Print MRT files (plain, gzip, bzip2, zstd; directories are expanded) as text.",
                "-m prints exactly what 'bgpdump -m' prints; --format json prints one JSON object per route element.",
                "Damaged records are reported on stderr with file and byte offset and skipped; the exit status is 1 "
                        + "when any was."})
final class DumpCommand implements Callable<Integer> {

    @Option(names = "-m", description = "bgpdump -m output: one line per route, unix timestamps (the default)")
    boolean machine;

    @Option(names = "--format", paramLabel = "FORMAT", description = "bgpdump (default) or json")
    String format = "bgpdump";

    @Option(names = "--mask-host-bits", description = "with -m: clear prefix bits beyond the prefix length, as "
            + "bgpdump releases after 1.6.2 do (Debian's 1.6.2 prints them as sent)")
    boolean maskHostBits;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "MRT files or directories")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        Dumper.Format f = switch (format.toLowerCase()) {
            case "bgpdump", "m" -> Dumper.Format.BGPDUMP;
            case "json" -> Dumper.Format.JSON;
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "unknown format '" + format + "' (bgpdump or json)");
        };
        // the decoders only read heap buffers they own: Netty's reference-count checks on every access are moot
        if (System.getProperty("io.netty.buffer.checkAccessible") == null) {
            System.setProperty("io.netty.buffer.checkAccessible", "false");
        }
        // stdout carries data only: Netty's warnings to stderr, and no logging framework to set up
        QuietNettyLogging.install(System.err);
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        try {
            Dumper.Result r = Dumper.run(files, f, maskHostBits, out, System.err);
            return r.exitCode();
        } catch (java.io.UncheckedIOException e) {
            // the reader of stdout went away (e.g. "| head"): stop quietly, as bgpdump does
            if (String.valueOf(e.getCause().getMessage()).contains("Broken pipe")) return 0;
            throw e;
        }
    }
}
