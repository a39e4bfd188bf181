package org.blackout.ingest.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.blackout.ingest.catalog.ArchiveLayout;
import org.blackout.ingest.catalog.Collector;

/**
 * The bgpkit broker as an index ({@code GET /search?ts_start&ts_end&collector_id&data_type&page&page_size},
 * answering {@code data[]} with {@code ts_start, ts_end, collector_id, data_type, url, rough_size, exact_size}),
 * so collectors and files added upstream are found without a Blackout release. Files keep the broker's URL;
 * their {@code exact_size} is checked on download.
 */
public final class BrokerIndex implements ArchiveIndex {
    private static final int PAGE_SIZE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient client;
    private final Duration timeout;

    public BrokerIndex(URI base, HttpClient client, Duration timeout) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public List<RemoteFile> files(Collector c, ArchiveLayout.Kind kind, Instant from, Instant until) throws IOException {
        List<RemoteFile> out = new ArrayList<>();
        String type = kind == ArchiveLayout.Kind.RIB ? "rib" : "updates";
        for (int page = 1; ; page++) {
            URI uri = base.resolve("search?ts_start=" + from.getEpochSecond() + "&ts_end=" + until.getEpochSecond()
                    + "&collector_id=" + URLEncoder.encode(c.name(), StandardCharsets.UTF_8) + "&data_type=" + type
                    + "&page=" + page + "&page_size=" + PAGE_SIZE);
            JsonNode root = get(uri);
            JsonNode data = root.path("data");
            if (!data.isArray()) throw new IOException(uri + ": the answer has no data[] (" + root.path("error").asText("") + ")");
            for (JsonNode d : data) {
                String url = d.path("url").asText("");
                if (url.isEmpty() || !c.name().equals(d.path("collector_id").asText(c.name()))) continue;
                if (!type.equals(d.path("data_type").asText(type))) continue;
                Instant start = time(d.path("ts_start"), uri);
                if (start.isBefore(from) || !start.isBefore(until)) continue;
                URI u = URI.create(url);
                String name = u.getPath().substring(u.getPath().lastIndexOf('/') + 1);
                String suffix = ArchiveLayout.parse(name).map(ArchiveLayout.Named::suffix).orElse(c.project().suffix());
                long size = d.path("exact_size").asLong(-1);
                String cachePath = c.project().id() + "/" + ArchiveLayout.remotePaths(c, kind, start, suffix).get(0);
                out.add(new RemoteFile(c, kind, start, List.of(u), cachePath, size > 0 ? size : -1));
            }
            if (data.size() < PAGE_SIZE) break;
        }
        out.sort(Comparator.comparing(RemoteFile::start));
        return out;
    }

    @Override
    public boolean knowsExistence() {
        return true;
    }

    private JsonNode get(URI uri) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IOException("broker " + uri + ": HTTP " + r.statusCode());
            return JSON.readTree(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted asking the broker " + uri);
        }
    }

    /** {@code ts_start}: the broker writes {@code 2022-01-01T00:00:00} (UTC); an offset or epoch seconds are read too. */
    private static Instant time(JsonNode n, URI uri) throws IOException {
        if (n.isNumber()) return Instant.ofEpochSecond(n.asLong());
        String s = n.asText("");
        try {
            if (s.matches("\\d+")) return Instant.ofEpochSecond(Long.parseLong(s));
            if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$")) return OffsetDateTime.parse(s).toInstant();
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IOException("broker " + uri + ": ts_start '" + s + "' is not a time", e);
        }
    }
}
