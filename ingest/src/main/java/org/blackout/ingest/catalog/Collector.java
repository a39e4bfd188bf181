package org.blackout.ingest.catalog;

import java.time.Duration;
import java.time.YearMonth;

/**
 * One route collector of the catalogue.
 *
 * @param firstData the month of its first archived file, or null when not known
 * @param lastData  the month of its last file for a retired collector, or null (running, or month not known)
 * @param retired   whether it stopped collecting
 */
public record Collector(Project project, String name, String location, YearMonth firstData, YearMonth lastData,
        boolean retired, Duration ribInterval, Duration updatesInterval) {

    public Collector(Project project, String name, String location, YearMonth firstData, YearMonth lastData, boolean retired) {
        this(project, name, location, firstData, lastData, retired, project.ribInterval(), project.updatesInterval());
    }
}
