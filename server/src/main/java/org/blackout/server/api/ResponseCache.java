package org.blackout.server.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers by query, least recently used first out, within a byte budget (30-day timelines are
 * 300 kB) and an entry count; an answer is valid while the store's generation is the one it was
 * made at. Callers keep only answers about something stored, so distinct unknown names cannot grow it.
 */
final class ResponseCache {
    private final long maxBytes;
    private final int maxEntries;
    private long bytes; // guarded by map's lock
    private final Map<String, Body> map;

    ResponseCache(long maxBytes, int maxEntries) {
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
        this.map = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Body> e) {
                if (bytes <= ResponseCache.this.maxBytes && size() <= ResponseCache.this.maxEntries) return false;
                bytes -= e.getValue().plain.length;
                return true;
            }
        };
    }

    /** The answer kept for {@code key} at store generation {@code generation}, or null. */
    synchronized Body get(String key, long generation) {
        Body b = map.get(key);
        return b != null && b.generation == generation ? b : null;
    }

    synchronized void put(String key, Body body) {
        Body old = map.put(key, body);
        bytes += body.plain.length - (old == null ? 0 : old.plain.length);
    }

    /** An answer as bytes; its gzip form is made once, when a client first accepts it. */
    static final class Body {
        final long generation;
        final byte[] plain;
        private volatile byte[] gzip;

        Body(long generation, byte[] plain) {
            this.generation = generation;
            this.plain = plain;
        }

        byte[] gzip() {
            byte[] g = gzip;
            if (g == null) {
                var out = new java.io.ByteArrayOutputStream(plain.length / 4);
                try (var gz = new java.util.zip.GZIPOutputStream(out, 1 << 16)) {
                    gz.write(plain);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                gzip = g = out.toByteArray();
            }
            return g;
        }
    }
}
