package org.blackout.cli;

import io.netty.util.internal.logging.AbstractInternalLogger;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.io.PrintStream;

/**
 * Netty's logging for a short command whose stdout carries data: warnings and errors to stderr,
 * the rest dropped. Unlike Netty's choice (SLF4J, which finds Logback) or java.util.logging, it
 * sets up no logging framework: each of those looks for its configuration or backend through the
 * class path, opening every jar on it (87 ms of a 0.85 s {@code dump -m}).
 */
final class QuietNettyLogging extends InternalLoggerFactory {
    private final PrintStream err;

    private QuietNettyLogging(PrintStream err) {
        this.err = err;
    }

    /** Makes this Netty's logging for the rest of the process. */
    static void install(PrintStream err) {
        InternalLoggerFactory.setDefaultFactory(new QuietNettyLogging(err));
    }

    @Override
    protected InternalLogger newInstance(String name) {
        return new Logger(name, err);
    }

    private static final class Logger extends AbstractInternalLogger {
        private final transient PrintStream err;

        Logger(String name, PrintStream err) {
            super(name);
            this.err = err;
        }

        private void print(String level, String format, Object... args) {
            StringBuilder b = new StringBuilder("blackout: netty ").append(level).append(' ').append(name()).append(": ");
            int from = 0, arg = 0;
            Throwable cause = null;
            for (int at; (at = format.indexOf("{}", from)) >= 0 && arg < args.length; from = at + 2) {
                b.append(format, from, at).append(args[arg++]);
            }
            b.append(format, Math.min(from, format.length()), format.length());
            if (arg < args.length && args[args.length - 1] instanceof Throwable t) cause = t;
            err.println(b);
            if (cause != null) cause.printStackTrace(err);
        }

        @Override public boolean isTraceEnabled() { return false; }
        @Override public void trace(String msg) { }
        @Override public void trace(String format, Object arg) { }
        @Override public void trace(String format, Object a, Object b) { }
        @Override public void trace(String format, Object... args) { }
        @Override public void trace(String msg, Throwable t) { }

        @Override public boolean isDebugEnabled() { return false; }
        @Override public void debug(String msg) { }
        @Override public void debug(String format, Object arg) { }
        @Override public void debug(String format, Object a, Object b) { }
        @Override public void debug(String format, Object... args) { }
        @Override public void debug(String msg, Throwable t) { }

        @Override public boolean isInfoEnabled() { return false; }
        @Override public void info(String msg) { }
        @Override public void info(String format, Object arg) { }
        @Override public void info(String format, Object a, Object b) { }
        @Override public void info(String format, Object... args) { }
        @Override public void info(String msg, Throwable t) { }

        @Override public boolean isWarnEnabled() { return true; }
        @Override public void warn(String msg) { print("WARN", msg); }
        @Override public void warn(String format, Object arg) { print("WARN", format, arg); }
        @Override public void warn(String format, Object a, Object b) { print("WARN", format, a, b); }
        @Override public void warn(String format, Object... args) { print("WARN", format, args); }
        @Override public void warn(String msg, Throwable t) { print("WARN", msg, t); }

        @Override public boolean isErrorEnabled() { return true; }
        @Override public void error(String msg) { print("ERROR", msg); }
        @Override public void error(String format, Object arg) { print("ERROR", format, arg); }
        @Override public void error(String format, Object a, Object b) { print("ERROR", format, a, b); }
        @Override public void error(String format, Object... args) { print("ERROR", format, args); }
        @Override public void error(String msg, Throwable t) { print("ERROR", msg, t); }
    }
}
