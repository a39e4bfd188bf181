package org.blackout.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code blackout aot-training}: the start-up cache's training workload, run by the launcher once per
 * build under {@code -XX:AOTCacheOutput} (JEP 483/514). The cache keeps loaded and linked only the
 * classes (and lambda call sites) a training run touches: trained on {@code dump} alone, a replay still
 * loaded 788 of its ~3,000 classes from the jars. So it runs the two commands a short run is most
 * often: {@code dump -m} and a replay of every country with the detectors, of the same small file.
 * Their output is the training's only: the launcher sends it to /dev/null.
 */
@Command(name = "aot-training", hidden = true,
        description = {"The launcher's start-up cache training: dump -m, then replay of every country, of one MRT file.",
                "Prints what those print; not for use by hand."})
final class TrainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MRT", description = "a small MRT file (the bundled RIB subset)")
    Path mrt;

    @Parameters(index = "1", paramLabel = "RIR", description = "an RIR delegation file (the bundled APNIC one)")
    Path rir;

    @Override
    public Integer call() {
        for (Path p : List.of(mrt, rir)) {
            if (!Files.isReadable(p)) {
                System.err.println("aot-training: cannot read " + p);
                return 2;
            }
        }
        int dump = Main.commandLine("dump").execute("dump", "-m", mrt.toString());
        int replay = Main.commandLine("replay").execute("replay", "--watch", "all-countries", "--rir", rir.toString(),
                "--no-progress", "--format", "jsonl", mrt.toString());
        return Math.max(dump, replay);
    }
}
