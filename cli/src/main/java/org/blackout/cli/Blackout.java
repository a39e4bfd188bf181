package org.blackout.cli;

/**
 * The jar's entry point. It names no type from another jar: the launcher reflects over the main
 * class's methods, which loads every type in their signatures, and finding one in a dependency
 * opens the jars of the class path in turn (168 of them, 70 ms). So {@code --version} is answered
 * here, and everything else goes to {@link Main}.
 */
public final class Blackout {
    private Blackout() {}

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // return rather than exit: System.exit first sets up the platform logger to log the call
            System.out.println(BuildInfo.versionLine());
            return;
        }
        Main.main(args);
    }
}
