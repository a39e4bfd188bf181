package org.blackout.server.api;

import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.blackout.server.store.Store;

/**
 * Whole timelines of recently asked entities, loaded from the store in one query and sliced per
 * request, so a dashboard's range changes and many viewers never wait for the database. An entry
 * is reloaded when the store has changed since (at most once a bin while live); least recently
 * used entries go when the byte budget (estimated per timeline) or the entry limit is spent.
 */
final class TimelineCache {
    private final Store store;
    private final long budget;
    private final Map<String, Timeline> lru = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<String, Object> loading = new ConcurrentHashMap<>();
    private long bytes;
    /** Entries at most, whatever their size. */
    static final int MAX_ENTRIES = 10_000;

    /** Entities cached now (for tests). */
    synchronized int size() {
        return lru.size();
    }

    synchronized boolean cached(String entity) {
        return lru.containsKey(entity);
    }

    synchronized long bytes() {
        return bytes;
    }

    int loading() {
        return loading.size();
    }

    TimelineCache(Store store, long budgetBytes) {
        this.store = store;
        this.budget = budgetBytes;
    }

    Timeline get(String entity) throws SQLException {
        long gen = store.generation();
        Timeline t;
        synchronized (this) {
            t = lru.get(entity);
        }
        if (t != null && t.generation == gen) return t;
        // one loader per entity: fifty viewers of the same country cause one query
        Object lock = loading.computeIfAbsent(entity, k -> new Object());
        try {
            return load(entity, gen, lock);
        } finally {
            loading.remove(entity, lock); // a client asking for many names must not grow this map
        }
    }

    private Timeline load(String entity, long gen, Object lock) throws SQLException {
        Timeline t;
        synchronized (lock) {
            synchronized (this) {
                t = lru.get(entity);
            }
            if (t != null && t.generation == gen) return t;
            Timeline fresh = Timeline.of(store.signals(entity, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, 0), gen);
            // nothing stored for it (an unknown entity): answer, but keep nothing, so that distinct
            // unknown names cannot grow the cache
            if (fresh.size() == 0) return fresh;
            synchronized (this) {
                Timeline old = lru.put(entity, fresh);
                if (old != null) bytes -= old.bytes();
                bytes += fresh.bytes();
                for (Iterator<Map.Entry<String, Timeline>> it = lru.entrySet().iterator();
                        (bytes > budget || lru.size() > MAX_ENTRIES) && it.hasNext(); ) {
                    Map.Entry<String, Timeline> e = it.next();
                    if (e.getKey().equals(entity)) continue;
                    bytes -= e.getValue().bytes();
                    it.remove();
                }
            }
            return fresh;
        }
    }
}
