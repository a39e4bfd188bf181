package org.blackout.sim;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One injected event of the ground truth: what happened, to what, from when to when. Mutable
 * end, because a later {@code restore} closes an earlier {@code withdraw}.
 */
public final class TruthEvent {
    public final String type;
    public final String entity;
    public final Instant start;
    public Instant end;
    public final Map<String, Object> details = new LinkedHashMap<>();

    public TruthEvent(String type, String entity, Instant start, Instant end) {
        this.type = type;
        this.entity = entity;
        this.start = start;
        this.end = end;
    }

    public TruthEvent put(String key, Object value) {
        if (value != null) details.put(key, value);
        return this;
    }

    /** The JSON object written to truth.jsonl. */
    public Map<String, Object> toJson(String scenario) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("simulated", true);
        m.put("scenario", scenario);
        m.put("type", type);
        m.put("entity", entity);
        m.put("start", start.toString());
        m.put("end", end == null ? null : end.toString());
        m.putAll(details);
        return m;
    }
}
