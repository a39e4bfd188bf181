package org.blackout.cli;

import picocli.CommandLine;

/** The {@code blackout} command line: wires the modules together. */
public final class Main {
    private Main() {}

    /** The top-level command; a class of its own, as picocli reflects over every method of it. */
    @CommandLine.Command(name = "blackout",
            mixinStandardHelpOptions = true,
            versionProvider = Main.Version.class,
            description = "Blackout: an Internet outage observatory. Reads BGP (MRT archives, live sessions), "
                    + "keeps per-peer routing state and reports who lost connectivity, when and for how long.")
    static final class Top implements Runnable {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(System.err);
        }
    }

    /** The whole command tree. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command tree for a run whose first argument is {@code first}: only that subcommand when it
     * names one (the same parse, help and errors for it), every subcommand and {@code help} otherwise.
     */
    public static CommandLine commandLine(String first) {
        // picocli's default factory otherwise looks for Groovy's Closure class when first used: a class
        // that is nowhere, so the class loader opens and searches every jar of the class path (65 ms)
        if (System.getProperty("picocli.disable.closures") == null) System.setProperty("picocli.disable.closures", "true");
        CommandLine cl = new CommandLine(new Top());
        if (first == null || !Commands.registerOnly(cl, first)) Commands.register(cl);
        // every subcommand's -V prints the same line as blackout --version (picocli does not pass it down)
        versionEverywhere(cl, new Version());
        // a bad input file is the user's to fix: say which and where, without a stack trace
        cl.setExecutionExceptionHandler((e, command, parsed) -> {
            if (!(e instanceof org.blackout.core.entity.EntityFileException || e instanceof org.blackout.core.config.ConfigException)) throw e;
            command.getErr().println("blackout " + command.getCommandName() + ": " + e.getMessage());
            return 2;
        });
        return cl;
    }

    private static void versionEverywhere(CommandLine cl, CommandLine.IVersionProvider version) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().versionProvider() == null) sub.getCommandSpec().versionProvider(version);
            versionEverywhere(sub, version);
        }
    }

    /** Runs one command and exits with its status ({@link Blackout} answers {@code --version} before this). */
    public static void main(String[] args) {
        String first = args.length > 0 ? args[0] : null;
        boolean halts = Commands.endsByHalt(first);
        if (!halts) ClassPathWarmer.start();
        int code = commandLine(first).execute(args);
        if (halts) {
            // System.exit would first look up the platform logger to log the call, a search of every
            // jar on the class path (70 ms); such a command leaves no work to shutdown hooks
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(code);
        }
        System.exit(code);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {BuildInfo.versionLine()};
        }
    }
}
