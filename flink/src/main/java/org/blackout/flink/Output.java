package org.blackout.flink;

/**
 * One line the job writes: a signal or an event snapshot as JSON (a Flink POJO: public fields, no-argument constructor).
 */
public class Output {
    public static final String SIGNAL = "signal", EVENT = "event";

    /** {@link #SIGNAL} or {@link #EVENT}. */
    public String kind;
    /** The entity (signals) or event id (events): the Kafka key. */
    public String key;
    /** For events: raised, updated or lowered. */
    public String phase;
    public long timeMillis;
    public String json;

    public Output() {}

    public Output(String kind, String key, String phase, long timeMillis, String json) {
        this.kind = kind;
        this.key = key;
        this.phase = phase;
        this.timeMillis = timeMillis;
        this.json = json;
    }
}
