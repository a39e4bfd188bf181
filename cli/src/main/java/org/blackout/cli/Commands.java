package org.blackout.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;

/** The one place where subcommands are registered; each lives in its own class. */
final class Commands {
    private Commands() {}

    /** Name to a new instance, in the order the top-level help lists them. */
    private static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();

    /**
     * Commands whose process ends by {@link Runtime#halt} once their output is flushed: nothing they
     * start outlives them (dump closes each file, and so ends its decompressor child, before it
     * returns) and nothing registers a shutdown hook, while they are short enough that
     * {@code System.exit}'s own cost shows (see {@link Main#main}).
     */
    private static final Set<String> END_BY_HALT = Set.of("dump");

    static {
        ALL.put("replay", ReplayCommand::new);
        ALL.put("dump", DumpCommand::new);
        ALL.put("simulate", SimulateCommand::new);
        ALL.put("demo", DemoCommand::new);
        ALL.put("serve", ServeCommand::new);
        ALL.put("bmp", BmpCommand::new);
        ALL.put("collect", CollectCommand::new);
        ALL.put("config", ConfigCommand::new);
        ALL.put("publish", PublishCommand::new);
        ALL.put("flink", FlinkCommand::new);
        ALL.put("consume", ConsumeCommand::new);
        ALL.put("fetch", FetchCommand::new);
        ALL.put("collectors", CollectorsCommand::new);
        ALL.put("aot-training", TrainCommand::new);
    }

    /** Every subcommand: for the top-level help, the {@code help} command and a mistyped name's suggestions. */
    static void register(CommandLine cl) {
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        ALL.forEach((name, command) -> cl.addSubcommand(name, command.get()));
    }

    static boolean endsByHalt(String name) {
        return name != null && END_BY_HALT.contains(name);
    }

    /**
     * Only the named subcommand, when there is one by that name: picocli reflects over each
     * subcommand's options and mixins as it is added, and doing so for all of them was most of a
     * short command's start-up ({@code dump -m} of one update file: bench/startup.sh).
     *
     * @return whether {@code name} is a subcommand (when not, nothing was added)
     */
    static boolean registerOnly(CommandLine cl, String name) {
        Supplier<Object> command = ALL.get(name);
        if (command == null) return false;
        cl.addSubcommand(name, command.get());
        return true;
    }
}
