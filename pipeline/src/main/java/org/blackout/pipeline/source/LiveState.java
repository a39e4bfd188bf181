package org.blackout.pipeline.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a live run applied, per collector: the time of the last element (archive or stream), kept in a
 * small JSON file ({@code collect --state FILE}) so a restart resumes from there out of the cache and
 * the archive instead of bootstrapping from the latest RIB alone. Written atomically (a temporary
 * file, then a rename): a crash leaves the previous state or the new one.
 *
 * <pre>{"collectors": {"rrc00": {"last_applied": "2026-12-01T05:40:00Z"}}}</pre>
 */
public final class LiveState {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Map<String, Long> lastMicros = new ConcurrentHashMap<>();

    private LiveState(Path file) {
        this.file = file;
    }

    /** The state in {@code file}, empty when it does not exist; a damaged file is an IOException naming it and the field. */
    public static LiveState load(Path file) throws IOException {
        LiveState s = new LiveState(file);
        if (!Files.exists(file)) return s;
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a state file: " + e.getMessage(), e);
        }
        JsonNode cs = root == null ? null : root.get("collectors");
        if (cs == null || !cs.isObject()) throw new IOException(file + ": collectors: expected an object");
        for (var it = cs.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            JsonNode t = e.getValue().get("last_applied");
            try {
                Instant i = Instant.parse(t == null ? "" : t.asText());
                s.lastMicros.put(e.getKey(), i.getEpochSecond() * 1_000_000L + i.getNano() / 1000);
            } catch (DateTimeParseException x) {
                throw new IOException(file + ": collectors." + e.getKey() + ".last_applied: expected a time, got " + t);
            }
        }
        return s;
    }

    /** An element of {@code collector} at {@code timeMicros} was applied. */
    public void applied(String collector, long timeMicros) {
        lastMicros.merge(LiveBootstrap.canonical(collector), timeMicros, Math::max);
    }

    /** The last element applied of {@code collector}. */
    public Optional<Instant> last(String collector) {
        Long m = lastMicros.get(LiveBootstrap.canonical(collector));
        return m == null ? Optional.empty() : Optional.of(Instant.ofEpochSecond(Math.floorDiv(m, 1_000_000L), Math.floorMod(m, 1_000_000L) * 1000));
    }

    /** The earliest of the collectors' last elements: where a restart resumes so none of them misses anything. */
    public Optional<Instant> resumeFrom(Iterable<String> collectors) {
        Instant min = null;
        for (String c : collectors) {
            Instant t = last(c).orElse(null);
            if (t == null) return Optional.empty(); // one never applied: from its latest RIB
            if (min == null || t.isBefore(min)) min = t;
        }
        return Optional.ofNullable(min);
    }

    public void save() throws IOException {
        ObjectNode root = JSON.createObjectNode(), cs = root.putObject("collectors");
        for (var e : new TreeMap<>(lastMicros).entrySet()) {
            long m = e.getValue();
            cs.putObject(e.getKey()).put("last_applied",
                    Instant.ofEpochSecond(Math.floorDiv(m, 1_000_000L), Math.floorMod(m, 1_000_000L) * 1000).toString());
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
