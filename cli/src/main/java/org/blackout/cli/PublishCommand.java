package org.blackout.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.blackout.ingest.replay.ReplayMerge;
import org.blackout.kafka.io.ElementPublisher;
import org.blackout.kafka.io.Topics;
import org.blackout.pipeline.source.MrtInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code blackout publish}: MRT files to a Kafka topic of route elements, in replay's order. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publishes the route elements of MRT files (several collectors merged in time order, as replay reads "
                + "them) to a Kafka topic in Blackout's record format: key = collector + peer, record time = the data's "
                + "time, numbered in order. `blackout flink` and the Kafka source read them.",
                "Progress and errors go to stderr."})
final class PublishCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "MRT files or directories (searched recursively).")
    List<Path> inputs;

    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String kafka;

    @Option(names = "--topic", defaultValue = Topics.ELEMENTS, description = "Topic (default ${DEFAULT-VALUE}).")
    String topic;

    @Override
    public Integer call() throws Exception {
        List<Path> files = MrtInputs.files(inputs);
        if (files.isEmpty()) {
            System.err.println("publish: no MRT files in " + inputs);
            return 2;
        }
        for (Path f : files) {
            if (!Files.isReadable(f)) {
                System.err.println("publish: cannot read " + f);
                return 2;
            }
        }
        long t0 = System.nanoTime();
        ReplayMerge merge = new ReplayMerge(files).onError(e -> System.err.println("publish: " + e.getMessage()));
        long n;
        try (ElementPublisher p = new ElementPublisher(kafka, topic, Map.of())) {
            merge.run(p);
            n = p.published();
        } catch (IllegalStateException e) {
            System.err.println("publish: " + e.getMessage());
            return 1;
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.err.printf(Locale.ROOT, "publish: %d files, %d elements to %s in %.1f s (%.0f elements/s)%s%n", files.size(), n,
                topic, s, n / s, merge.skipped() > 0 ? ", " + merge.skipped() + " damaged records skipped" : "");
        return 0;
    }
}
