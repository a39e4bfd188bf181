package org.blackout.server;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/** A PrintStream whose lines go to a log: the archive fetches and bootstraps report on one, serve logs them. */
final class LogStream extends PrintStream {
    LogStream(Logger log) {
        super(new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                for (int i = off; i < off + len; i++) write(b[i]);
            }

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    String line = toString(StandardCharsets.UTF_8).stripTrailing();
                    reset();
                    if (line.isEmpty()) return;
                    if (line.startsWith("data gap") || line.contains("error")) log.warn(line);
                    else log.info(line);
                } else {
                    super.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }
}
