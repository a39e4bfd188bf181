/** Signals: what each watched entity (country, AS, block) looks like in a time bin. Visibility is
 * judged per prefix among the peers that carried it ({@link
 * org.blackout.core.signal.PrefixVisibility}), so it holds without a RIB; with full tables,
 * IODA-style visible /24s too. Every signal says its basis ({@code rib} or {@code updates}) and
 * coverage.
 */
package org.blackout.core.signal;
