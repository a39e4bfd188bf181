/**
 * The public route collectors and how their archives name files: {@link org.blackout.ingest.catalog.CollectorCatalog}
 * (RIPE RIS and RouteViews collectors, where they are, since when, how often they dump) and
 * {@link org.blackout.ingest.catalog.ArchiveLayout}, the one place that turns a collector, a kind of
 * file and a time into a file name (and a file name back into a collector and a time).
 */
package org.blackout.ingest.catalog;
