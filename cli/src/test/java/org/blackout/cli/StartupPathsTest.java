package org.blackout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The short cuts a short command takes at start-up must not change what it prints or accepts. */
class StartupPathsTest {

    @Test
    void versionIsAnsweredBeforePicocliWithTheSameLine() {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Blackout.main(new String[] {"--version"});
        } finally {
            System.setOut(saved);
        }
        String line = buf.toString(StandardCharsets.UTF_8).strip();
        assertThat(line).matches("blackout \\S+ \\(Java \\S+\\)")
                .endsWith("(Java " + Runtime.version() + ")")
                .doesNotContain("unknown");
        // picocli's own answer, through the version provider, is the same text
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--version")).isZero();
        assertThat(out.toString().strip()).isEqualTo(line);
    }

    @Test
    void everySubcommandPrintsTheVersionToo() {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine("dump");
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("dump", "--version")).isZero();
        assertThat(out.toString().strip()).isEqualTo(BuildInfo.versionLine());
    }

    @Test
    void aTreeWithOnlyTheNamedCommandParsesAndHelpsAsTheWholeTree() {
        CommandLine all = Main.commandLine();
        assertThat(all.getSubcommands()).containsKeys("replay", "dump", "serve", "help").hasSizeGreaterThan(10);
        for (String name : all.getSubcommands().keySet()) {
            if (name.equals("help")) continue;
            CommandLine one = Main.commandLine(name);
            assertThat(one.getSubcommands().keySet()).as(name).containsExactly(name);
            assertThat(one.getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF)).as(name)
                    .isEqualTo(all.getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF));
        }
        // not a command: the whole tree, so the error can suggest the right name
        assertThat(Main.commandLine("dupm").getSubcommands()).hasSameSizeAs(all.getSubcommands());
        assertThat(Main.commandLine("--help").getSubcommands()).hasSameSizeAs(all.getSubcommands());
        StringWriter err = new StringWriter();
        CommandLine typo = Main.commandLine("dupm");
        typo.setErr(new PrintWriter(err));
        assertThat(typo.execute("dupm")).isEqualTo(2);
        assertThat(err.toString()).contains("dupm").contains("dump");
    }

    /**
     * A replay reads MRT through Netty's buffers, whose logger would set up Logback through SLF4J on the
     * first file (0.2 s of the main thread): replay gives Netty the quiet logger instead, as dump does.
     */
    @Test
    void replaySetsUpNoLoggingFrameworkForNetty(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes.txt");
        JvmRun run = JvmRun.of(dir, List.of("-Xlog:class+load=info:file=" + classes), Blackout.class,
                "replay", "--watch", "all-countries", "--rir", TrainCommandTest.RIR.toString(), "--no-progress",
                "--format", "jsonl", TrainCommandTest.RIB.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isNotEmpty().allMatch(l -> l.startsWith("{"));
        List<String> loaded = Files.readAllLines(classes);
        assertThat(loaded).as("the replay read MRT through Netty").anyMatch(l -> l.contains(" io.netty.buffer.Unpooled "));
        assertThat(loaded).noneMatch(l -> l.contains(" ch.qos.logback.")).noneMatch(l -> l.contains(" org.slf4j.LoggerFactory "));
    }

    /** {@code dump} ends by {@code Runtime.halt}: every line must still reach stdout, and the status be kept. */
    @Test
    void dumpEndsByHaltWithAllItsOutputAndItsStatus(@TempDir Path dir) throws Exception {
        Path rib = TrainCommandTest.RIB;
        JvmRun whole = JvmRun.of(dir, Blackout.class, "dump", "-m", rib.toString());
        assertThat(whole.code()).as(whole.err()).isZero();
        List<String> lines = whole.out();
        assertThat(lines).hasSize(34_946).allMatch(l -> l.startsWith("TABLE_DUMP2|"));

        // a damaged record header in the middle: the record is reported and skipped, the rest printed, the status 1
        byte[] mrt;
        try (var in = new GZIPInputStream(Files.newInputStream(rib))) {
            mrt = in.readAllBytes();
        }
        int at = 0;
        while (at < mrt.length / 2) at += 12 + java.nio.ByteBuffer.wrap(mrt, at + 8, 4).getInt();
        mrt[at + 4] = (byte) 0xff; // type 65,280-odd: no MRT type
        Path damaged = dir.resolve("damaged.mrt");
        Files.write(damaged, mrt);
        JvmRun cut = JvmRun.of(dir, Blackout.class, "dump", "-m", damaged.toString());
        assertThat(cut.code()).isEqualTo(1);
        assertThat(cut.err()).contains("damaged.mrt").contains("offset " + at);
        List<String> rest = cut.out();
        assertThat(rest.size()).isBetween(34_946 - 100, 34_945);
        assertThat(lines).containsSubsequence(rest);
        assertThat(rest.getLast()).isEqualTo(lines.getLast());
    }

    @Test
    void nettyWarningsGoToStderrAndDebugIsDropped() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        InternalLoggerFactory saved = InternalLoggerFactory.getDefaultFactory();
        try {
            QuietNettyLogging.install(new PrintStream(buf, true, StandardCharsets.UTF_8));
            InternalLogger log = InternalLoggerFactory.getInstance("x.Y");
            assertThat(log.isDebugEnabled()).isFalse();
            log.debug("not {}", "shown");
            log.warn("leak of {} bytes in {}", 42, "pool");
            log.error("failed", new IllegalStateException("boom"));
        } finally {
            InternalLoggerFactory.setDefaultFactory(saved);
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("shown")
                .contains("blackout: netty WARN x.Y: leak of 42 bytes in pool")
                .contains("blackout: netty ERROR x.Y: failed")
                .contains("IllegalStateException: boom");
    }
}
