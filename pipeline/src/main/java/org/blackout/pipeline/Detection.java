package org.blackout.pipeline;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.blackout.core.config.Durations;
import org.blackout.core.detect.DetectorConfig;
import org.blackout.core.detect.Detectors;
import org.blackout.core.detect.OriginPolicy;
import org.blackout.core.event.EventSink;
import org.blackout.core.policy.Policies;
import org.blackout.core.signal.Entity;
import org.blackout.core.signal.Watch;

/**
 * The one place {@link Detectors} and {@link DetectorConfig} are made. A detector setting is named
 * after its {@link DetectorConfig} component in snake_case ({@code min_agreeing_peers}) in YAML
 * and in kebab-case on the command line ({@code --min-agreeing-peers}); values are text in the
 * usual grammars (durations as in {@link Durations}). Settings are read off the record itself, so a
 * component added to {@code DetectorConfig} is configurable without a change here.
 */
public final class Detection {
    private static final RecordComponent[] COMPONENTS = DetectorConfig.class.getRecordComponents();

    private Detection() {}

    /**
     * The detectors of one pipeline: its detector settings and engine bin, the watch (explicitly
     * watched entities, and whether every prefix is watched for hijacks), the operators' reference
     * data (prefix lists, ROAs, AS relationships; {@code null}: none), where events go. The only
     * {@code new Detectors}.
     */
    public static Detectors detectors(PipelineSettings settings, Watch watch, Policies policies, EventSink sink) {
        List<Entity> watched = new ArrayList<>(watch.entities());
        OriginPolicy policy = OriginPolicy.NONE;
        if (policies != null) {
            // the operator's monitored ASes are watched by the detectors (hijacks, single upstreams), not signalled
            for (long asn : policies.monitoredAsns()) watched.add(new Entity.As(asn));
            policy = policies;
        }
        return new Detectors(settings.detectors(), settings.engine().binMicros(), watched, watch.allPrefixes(), policy, sink);
    }

    /** Every setting's name, snake_case, in {@link DetectorConfig}'s order. */
    public static List<String> keys() {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : COMPONENTS) out.add(snake(c.getName()));
        return out;
    }

    /** Whether {@code name} (snake, kebab or camel case) names a setting. */
    public static boolean isKey(String name) {
        return index(name) >= 0;
    }

    /** The value of a setting as text, for printing an effective configuration. */
    public static Map<String, String> describe(DetectorConfig config) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RecordComponent c : COMPONENTS) out.put(snake(c.getName()), String.valueOf(get(c, config)));
        return out;
    }

    /** Every setting's value (Duration, Integer, Double, ...) by its snake_case name, in {@link DetectorConfig}'s order. */
    public static Map<String, Object> values(DetectorConfig config) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : COMPONENTS) out.put(snake(c.getName()), get(c, config));
        return out;
    }

    /**
     * {@code base} with {@code settings} (name → text) applied. Throws IllegalArgumentException
     * naming an unknown setting, a value that does not parse, or one the detectors refuse.
     */
    public static DetectorConfig configure(DetectorConfig base, Map<String, String> settings) {
        if (settings.isEmpty()) return base;
        Object[] args = new Object[COMPONENTS.length];
        Class<?>[] types = new Class<?>[COMPONENTS.length];
        for (int i = 0; i < COMPONENTS.length; i++) {
            args[i] = get(COMPONENTS[i], base);
            types[i] = COMPONENTS[i].getType();
        }
        for (Map.Entry<String, String> s : settings.entrySet()) {
            int i = index(s.getKey());
            if (i < 0) {
                throw new IllegalArgumentException("unknown detector setting '" + s.getKey() + "' (known: "
                        + String.join(", ", keys()) + ")");
            }
            try {
                args[i] = parse(types[i], s.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(snake(COMPONENTS[i].getName()) + ": " + e.getMessage(), e);
            }
        }
        try {
            Constructor<DetectorConfig> canonical = DetectorConfig.class.getDeclaredConstructor(types);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) throw new IllegalArgumentException("detectors: " + iae.getMessage(), iae);
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DetectorConfig is not a plain record", e);
        }
    }

    private static Object parse(Class<?> type, String text) {
        if (text == null) throw new IllegalArgumentException("needs a value");
        String t = text.trim();
        try {
            if (type == Duration.class) return Durations.parse(t);
            if (type == int.class || type == Integer.class) return Integer.parseInt(t);
            if (type == long.class || type == Long.class) return Long.parseLong(t);
            if (type == double.class || type == Double.class) return Double.parseDouble(t);
            if (type == boolean.class || type == Boolean.class) {
                if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) return Boolean.parseBoolean(t);
                throw new IllegalArgumentException("want true or false: " + text);
            }
            if (type == String.class) return t;
            if (type.isEnum()) {
                for (Object c : type.getEnumConstants()) {
                    if (((Enum<?>) c).name().equalsIgnoreCase(t.replace('-', '_'))) return c;
                }
                throw new IllegalArgumentException("not one of " + List.of(type.getEnumConstants()) + ": " + text);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + text);
        }
        throw new IllegalArgumentException("cannot be set from text (" + type.getSimpleName() + ")");
    }

    private static Object get(RecordComponent c, DetectorConfig config) {
        try {
            return c.getAccessor().invoke(config);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int index(String name) {
        String n = name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        for (int i = 0; i < COMPONENTS.length; i++) {
            if (COMPONENTS[i].getName().toLowerCase(Locale.ROOT).equals(n)) return i;
        }
        return -1;
    }

    /** {@code minAgreeingPeers} → {@code min_agreeing_peers}. */
    static String snake(String camel) {
        StringBuilder sb = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) sb.append('_').append(Character.toLowerCase(c));
            else sb.append(c);
        }
        return sb.toString();
    }
}
