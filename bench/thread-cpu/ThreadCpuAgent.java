import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;

/**
 * A Java agent for benchmarks: at exit, prints to stderr the CPU time of the main thread, of the whole
 * JVM process (children such as lbzip2 not included), of threads already gone, and of the live
 * threads grouped by name (compiler, GC, signal workers...), read from /proc/self/task.
 * On a 2-core machine a replay's wall time is bounded by the main thread and by total CPU / 2.
 */
public final class ThreadCpuAgent {
    private ThreadCpuAgent() {}

    public static void premain(String args) {
        Thread main = Thread.currentThread();
        long t0 = System.nanoTime();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                double mainCpu = mx.getThreadCpuTime(main.threadId()) / 1e9;
                double[] all = ticks(Path.of("/proc/self/stat"));
                TreeMap<String, Double> byName = new TreeMap<>();
                double live = 0;
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
                    for (Path t : ds) {
                        String s = Files.readString(t.resolve("stat"));
                        String name = s.substring(s.indexOf('(') + 1, s.lastIndexOf(')')).replaceAll("[0-9#]+$", "")
                                .replaceAll("[0-9]+", "N").trim();
                        double[] c = ticks(t.resolve("stat"));
                        byName.merge(name, c[0] + c[1], Double::sum);
                        live += c[0] + c[1];
                    }
                }
                StringBuilder sb = new StringBuilder();
                byName.entrySet().stream().filter(e -> e.getValue() >= 0.2)
                        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                        .forEach(e -> sb.append(String.format(" [%s] %.1f", e.getKey(), e.getValue())));
                System.err.printf("thread-cpu: main %.2fs, process %.1fs (user %.1f, sys %.1f), ended threads %.1fs, wall %.2fs; live:%s%n",
                        mainCpu, all[0] + all[1], all[0], all[1], all[0] + all[1] - live, (System.nanoTime() - t0) / 1e9, sb);
            } catch (Exception e) {
                System.err.println("thread-cpu: " + e);
            }
        }));
    }

    /** utime and stime of a /proc stat file, in seconds (100 ticks a second). */
    private static double[] ticks(Path stat) throws java.io.IOException {
        String s = Files.readString(stat);
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return new double[] {Long.parseLong(f[11]) / 100.0, Long.parseLong(f[12]) / 100.0};
    }
}
