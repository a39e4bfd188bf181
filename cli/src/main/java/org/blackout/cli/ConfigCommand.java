package org.blackout.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.blackout.core.config.ConfigException;
import org.blackout.pipeline.config.BlackoutConfig;
import org.blackout.pipeline.config.ConfigPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code blackout config check|print FILE}: the configuration file as Blackout reads it. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Checks a configuration file (sections sources, entities, watch, engine, detectors, store, http, alerts; "
                + "see examples/), or prints the effective configuration with every default filled in.",
                "",
                "  blackout config check examples/demo.yml",
                "  blackout config print examples/demo.yml"},
        subcommands = {ConfigCommand.Check.class, ConfigCommand.Print.class})
final class ConfigCommand implements Runnable {

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Reads each file as every command does: unknown keys, bad values and missing files it names "
                    + "are reported with file, line and key on stderr (exit status 2). Prints 'FILE: ok' for each good one."})
    static final class Check implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE") List<Path> files;

        @Override
        public Integer call() {
            int status = 0;
            for (Path f : files) {
                try {
                    BlackoutConfig c = BlackoutConfig.load(f);
                    List<String> missing = missingFiles(c);
                    if (!missing.isEmpty()) {
                        System.err.println("config: " + f + ": warning: named but absent (yet): " + String.join(", ", missing));
                    }
                    System.out.println(f + ": ok");
                } catch (ConfigException e) {
                    System.err.println("config: " + e.getMessage());
                    status = 2;
                }
            }
            return status;
        }
    }

    @Command(name = "print", mixinStandardHelpOptions = true,
            description = {"Prints the effective configuration as YAML on stdout: every section and setting, defaults filled "
                    + "in, paths absolute; it reads back to the same configuration. Secrets are not printed: a value from "
                    + "the environment prints its variable, a literal one '" + ConfigPrinter.HIDDEN + "'."})
    static final class Print implements Callable<Integer> {
        @Parameters(paramLabel = "FILE") Path file;

        @Override
        public Integer call() {
            BlackoutConfig c;
            try {
                c = BlackoutConfig.load(file);
            } catch (ConfigException e) {
                System.err.println("config: " + e.getMessage());
                return 2;
            }
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.print(ConfigPrinter.yaml(c));
            out.flush();
            return out.checkError() ? 1 : 0;
        }
    }

    /** Input files the configuration names that do not exist (outputs such as the store or archive are created). */
    static List<String> missingFiles(BlackoutConfig c) {
        List<Path> in = new ArrayList<>(c.sources().replay());
        var p = c.pipeline();
        in.addAll(p.entities().rir());
        in.addAll(p.entities().geo());
        for (Path x : new Path[] {p.entities().asNames(), p.policies().prefixes(), p.policies().rpki(), p.policies().asRel()}) {
            if (x != null) in.add(x);
        }
        return in.stream().filter(x -> !Files.exists(x)).map(Path::toString).toList();
    }
}
