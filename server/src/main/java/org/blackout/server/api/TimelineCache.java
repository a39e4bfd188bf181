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
 * used entries go when the budget of bins is spent.
 */
final class TimelineCache {
    private final Store store;
    private final long budget;
    private final Map<String, Timeline> lru = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<String, Object> loading = new ConcurrentHashMap<>();
    private long bins;

    TimelineCache(Store store, long budgetBins) {
        this.store = store;
        this.budget = budgetBins;
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
        synchronized (lock) {
            synchronized (this) {
                t = lru.get(entity);
            }
            if (t != null && t.generation == gen) return t;
            Timeline fresh = Timeline.of(store.signals(entity, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, 0), gen);
            synchronized (this) {
                Timeline old = lru.put(entity, fresh);
                if (old != null) bins -= old.size();
                bins += fresh.size();
                for (Iterator<Map.Entry<String, Timeline>> it = lru.entrySet().iterator(); bins > budget && it.hasNext(); ) {
                    Map.Entry<String, Timeline> e = it.next();
                    if (e.getKey().equals(entity)) continue;
                    bins -= e.getValue().size();
                    it.remove();
                }
            }
            return fresh;
        }
    }
}
