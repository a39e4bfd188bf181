package org.blackout.server;

import java.nio.file.Path;
import org.blackout.pipeline.config.BlackoutConfig;

/** Runs {@code serve} with live sources in a child JVM and prints its HTTP port, for {@link LiveKillTest} to kill it. */
public final class LiveChild {
    private LiveChild() {}

    public static void main(String[] args) throws Exception {
        Server s = new Server(BlackoutConfig.load(Path.of(args[0])));
        int port = s.startHttp();
        s.startLive();
        System.out.println("port " + port);
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                s.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        Thread.sleep(Long.MAX_VALUE);
    }
}
