package org.blackout.ingest.fetch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.blackout.ingest.catalog.ArchiveLayout;
import org.blackout.ingest.catalog.Collector;
import org.blackout.ingest.catalog.Project;

/**
 * The files a collector's archive holds, read from the month directories' HTML listings that both
 * archives serve (one request per collector, month and directory). Historic files keep their own
 * stamps (route-views2 in 2008 wrote {@code updates.20080221.0013.bz2}, 0028, ...), so replaying a
 * range needs what exists, not what the nominal interval would name. A month whose listing cannot be
 * had is empty when the collector's directory of months is listed, and named by the layout only on a
 * server that lists nothing.
 */
public final class ListingIndex implements ArchiveIndex {
    private static final Pattern HREF = Pattern.compile("href=\"([^\"?#/]+)\"", Pattern.CASE_INSENSITIVE);

    private final Map<Project, URI> bases;
    private final HttpClient client;
    private final Duration timeout;
    private final LayoutIndex fallback;
    private final Map<String, List<RemoteFile>> months = new ConcurrentHashMap<>();
    // RIS keeps RIBs and updates in one directory: one request serves both kinds
    private final Map<URI, java.util.Optional<String>> pages = new ConcurrentHashMap<>();

    public ListingIndex(Map<Project, URI> bases, HttpClient client, Duration timeout) {
        this.bases = Map.copyOf(bases);
        this.client = client;
        this.timeout = timeout;
        this.fallback = new LayoutIndex(bases);
    }

    @Override
    public List<RemoteFile> files(Collector c, ArchiveLayout.Kind kind, Instant from, Instant until) throws IOException {
        List<RemoteFile> out = new ArrayList<>();
        YearMonth m = YearMonth.from(from.atOffset(ZoneOffset.UTC));
        YearMonth last = YearMonth.from(until.minusSeconds(1).atOffset(ZoneOffset.UTC));
        for (; !m.isAfter(last); m = m.plusMonths(1)) {
            List<RemoteFile> listed = month(c, kind, m);
            if (listed == null) {
                Instant ms = m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                Instant me = m.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                listed = fallback.files(c, kind, ms.isBefore(from) ? from : ms, me.isAfter(until) ? until : me);
            }
            for (RemoteFile f : listed) if (!f.start().isBefore(from) && f.start().isBefore(until)) out.add(f);
        }
        out.sort(Comparator.comparing(RemoteFile::start));
        return out;
    }

    /** Listings are read once per run; a month without one answers from the layout (so this index cannot vouch). */
    @Override
    public boolean knowsExistence() {
        return true;
    }

    /** The month's files of {@code kind}, or null when no listing could be had. */
    private List<RemoteFile> month(Collector c, ArchiveLayout.Kind kind, YearMonth m) throws IOException {
        String key = c.name() + " " + kind + " " + m;
        List<RemoteFile> known = months.get(key);
        if (known != null) return known;
        URI base = LayoutIndex.base(bases, c.project());
        for (String dir : ArchiveLayout.monthDirectories(c, kind, m)) {
            String html;
            try {
                html = get(base.resolve(dir));
            } catch (IOException e) {
                System.err.println("fetch: " + e.getMessage() + "; naming files by the layout instead");
                return null;
            }
            if (html == null) continue;
            Map<Instant, RemoteFile> files = new TreeMap<>();
            Matcher h = HREF.matcher(html);
            while (h.find()) {
                String name = h.group(1);
                ArchiveLayout.parse(name).filter(n -> n.kind() == kind).ifPresent(n -> {
                    List<String> paths = ArchiveLayout.remotePaths(c, kind, n.start(), n.suffix());
                    // the listing's directory first: it is where this name was seen
                    URI here = base.resolve(dir + name);
                    List<URI> urls = new ArrayList<>(List.of(here));
                    for (String p : paths) if (!base.resolve(p).equals(here)) urls.add(base.resolve(p));
                    files.putIfAbsent(n.start(), new RemoteFile(c, kind, n.start(), urls, c.project().id() + "/" + paths.get(0), -1));
                });
            }
            List<RemoteFile> list = List.copyOf(files.values());
            months.put(key, list);
            return list;
        }
        // no listing of the month: if the collector's directory of months is listed, the month has no such
        // files; only a server that lists nothing is asked by the layout's names
        for (String dir : ArchiveLayout.monthDirectories(c, kind, m)) {
            String parent = dir.substring(0, dir.indexOf(String.format(java.util.Locale.ROOT, "%04d.%02d/", m.getYear(), m.getMonthValue())));
            String html;
            try {
                html = get(base.resolve(parent));
            } catch (IOException e) {
                continue;
            }
            if (html != null) {
                months.put(key, List.of());
                return List.of();
            }
        }
        return null;
    }

    private String get(URI uri) throws IOException {
        java.util.Optional<String> page = pages.get(uri);
        if (page == null) {
            page = java.util.Optional.ofNullable(fetch(uri));
            pages.put(uri, page);
        }
        return page.orElse(null);
    }

    private String fetch(URI uri) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return r.body();
                if (r.statusCode() < 500) return null;
                last = new IOException(uri + ": HTTP " + r.statusCode());
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted listing " + uri);
            }
        }
        throw new IOException("cannot list " + uri + ": " + last.getMessage(), last);
    }
}
