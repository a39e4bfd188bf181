/** The detectors, driven by data time only: outages (prefixes withdrawn by the peers that carried
 * them; the visible /24 drop with a RIB), instability, upstream changes, hijacks (expected origins
 * from the operator list, ROAs and the history of the data; counted over every peer), route leaks
 * (valley-free paths with AS relationships) and feed health. Defaults are in {@link
 * org.blackout.core.detect.DetectorConfig}, each with the real-data figure behind it.
 */
package org.blackout.core.detect;
