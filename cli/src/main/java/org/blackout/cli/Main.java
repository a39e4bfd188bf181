package org.blackout.cli;

import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code blackout} command: wires the modules together. */
@Command(name = "blackout",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Blackout: an Internet outage observatory. Reads BGP (MRT archives, live sessions), "
                + "keeps per-peer routing state and reports who lost connectivity, when and for how long.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        Commands.register(cl);
        // a bad input file is the user's to fix: say which and where, without a stack trace
        cl.setExecutionExceptionHandler((e, command, parsed) -> {
            if (!(e instanceof org.blackout.core.entity.EntityFileException || e instanceof org.blackout.core.config.ConfigException)) throw e;
            command.getErr().println("blackout " + command.getCommandName() + ": " + e.getMessage());
            return 2;
        });
        return cl;
    }

    public static void main(String[] args) {
        // start-up is most of a --version run, and building the command tree (picocli reflecting over
        // every subcommand's options) is most of the start-up: answer it before (same text, same status)
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            try {
                for (String line : new Version().getVersion()) System.out.println(line);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            System.exit(0);
        }
        int code = commandLine().execute(args);
        System.exit(code);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws Exception {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/blackout-version.properties")) {
                if (in != null) p.load(in);
            }
            return new String[] {"blackout " + p.getProperty("version", "unknown")
                    + " (Java " + Runtime.version() + ")"};
        }
    }
}
