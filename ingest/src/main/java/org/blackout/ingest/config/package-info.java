/** The settings records of the live sources (collector and neighbours, BMP, RIS Live, archive); the
 * configuration file that fills them is read in {@code org.blackout.pipeline.config}.
 */
package org.blackout.ingest.config;
