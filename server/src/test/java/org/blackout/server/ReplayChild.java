package org.blackout.server;

import org.blackout.pipeline.config.BlackoutConfig;
import java.nio.file.Path;

/** Runs a configured replay in a child JVM and prints each committed bin end, for {@link ResumeTest} to kill it. */
public final class ReplayChild {
    private ReplayChild() {}

    public static void main(String[] args) throws Exception {
        BlackoutConfig cfg = BlackoutConfig.load(Path.of(args[0]));
        try (Server s = new Server(cfg)) {
            s.progress(t -> {
                System.out.println("stored " + t);
                System.out.flush();
            });
            s.runReplay(Long.MAX_VALUE);
        }
        System.out.println("done");
    }
}
