package org.blackout.ingest.catalog;

import java.net.URI;
import java.time.Duration;

/**
 * A route collector project and what its archive looks like by default: where it is served, how
 * often a collector writes a RIB and an update file, and how files are compressed.
 */
public enum Project {
    /** RIPE NCC's Routing Information Service: a bview every 8 h, an update file every 5 min, gzip. */
    RIS("ris", URI.create("https://data.ris.ripe.net/"), Duration.ofHours(8), Duration.ofMinutes(5), ".gz"),
    /** University of Oregon's RouteViews: a RIB every 2 h, an update file every 15 min, bzip2. */
    ROUTEVIEWS("routeviews", URI.create("https://archive.routeviews.org/"), Duration.ofHours(2), Duration.ofMinutes(15), ".bz2");

    private final String id;
    private final URI defaultBase;
    private final Duration ribInterval;
    private final Duration updatesInterval;
    private final String suffix;

    Project(String id, URI defaultBase, Duration ribInterval, Duration updatesInterval, String suffix) {
        this.id = id;
        this.defaultBase = defaultBase;
        this.ribInterval = ribInterval;
        this.updatesInterval = updatesInterval;
        this.suffix = suffix;
    }

    /** The name used on the command line ({@code --archive ris=URL}) and in the cache: {@code ris}, {@code routeviews}. */
    public String id() {
        return id;
    }

    public URI defaultBase() {
        return defaultBase;
    }

    public Duration ribInterval() {
        return ribInterval;
    }

    public Duration updatesInterval() {
        return updatesInterval;
    }

    /** The compression suffix of the archive's files, with its dot. */
    public String suffix() {
        return suffix;
    }

    /** The project named {@code id} ({@code ris}, {@code routeviews}, case-insensitive). */
    public static Project of(String id) {
        for (Project p : values()) if (p.id.equalsIgnoreCase(id)) return p;
        throw new IllegalArgumentException("unknown project '" + id + "' (ris or routeviews)");
    }
}
