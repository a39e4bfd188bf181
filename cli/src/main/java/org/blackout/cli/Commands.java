package org.blackout.cli;

import picocli.CommandLine;

/** The one place where subcommands are registered; each lives in its own class. */
final class Commands {
    private Commands() {}

    static void register(CommandLine cl) {
        cl.addSubcommand("replay", new ReplayCommand());
        // subcommands are added here as they land, e.g. cl.addSubcommand("dump", new DumpCommand());
        cl.addSubcommand("dump", new DumpCommand());
        cl.addSubcommand("simulate", new SimulateCommand());
        cl.addSubcommand("demo", new DemoCommand());
        cl.addSubcommand("serve", new ServeCommand());
        cl.addSubcommand("bmp", new BmpCommand());
        cl.addSubcommand("collect", new CollectCommand());
        cl.addSubcommand("config", new ConfigCommand());
        cl.addSubcommand("publish", new PublishCommand());
        cl.addSubcommand("flink", new FlinkCommand());
        cl.addSubcommand("consume", new ConsumeCommand());
        cl.addSubcommand("fetch", new FetchCommand());
        cl.addSubcommand("collectors", new CollectorsCommand());
        cl.addSubcommand("aot-training", new TrainCommand());
    }
}
