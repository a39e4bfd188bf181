/**
 * Text formats of route elements and MRT records, outside the command line so that benches and
 * other front ends use the same code: bgpdump {@code -m} byte for byte
 * ({@link org.blackout.pipeline.format.BgpdumpFormatter}), one JSON object per element
 * ({@link org.blackout.pipeline.format.JsonFormatter}, through Jackson), the BMP station's lines
 * ({@link org.blackout.pipeline.format.BmpLines}), and {@link org.blackout.pipeline.format.Dumper},
 * which reads MRT files into them.
 */
package org.blackout.pipeline.format;
