package org.blackout.cli;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;

/**
 * Opens the jars of the class path on a helper thread while the main thread parses the command
 * line. Something in every run asks the class path for a resource that is in no jar or in many
 * (the JDK looking for a logging backend before {@code System.exit}, a logging framework for its
 * configuration): the class loader then opens each of the 168 jars and reads its directory, 70 ms
 * on one thread (bench/PERFORMANCE.md, sixth session). Done here, it overlaps the start-up.
 */
final class ClassPathWarmer {
    private ClassPathWarmer() {}

    static void start() {
        Thread t = new Thread(ClassPathWarmer::warm, "class-path-warmer");
        t.setDaemon(true);
        t.start();
    }

    private static void warm() {
        try {
            // the resource the JDK itself looks up first at System.exit: every jar is opened to answer
            Enumeration<URL> e = ClassLoader.getSystemClassLoader().getResources("META-INF/services/java.lang.System$LoggerFinder");
            while (e.hasMoreElements()) e.nextElement();
        } catch (IOException | RuntimeException e) {
            // only a head start: the lookup that needs the jars will report its own trouble
        }
    }
}
