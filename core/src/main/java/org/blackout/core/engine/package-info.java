/**
 * Blackout's engine: {@link org.blackout.core.engine.Engine} turns a time-ordered stream of route
 * elements into per-bin {@link org.blackout.core.signal.Signal}s and
 * {@link org.blackout.core.engine.FeedEvent}s. Pure and deterministic: no clock but the data's, no
 * I/O, single-threaded; the same engine serves replays, live feeds and stream processors.
 *
 * <h2>Choices (all in {@link org.blackout.core.engine.EngineConfig})</h2>
 * <ul>
 *   <li>Bins of 5 minutes; a signal's {@code time} is its bin's start, its state that at the bin's end.</li>
 *   <li>Full-feed peers: per address family, a table at least 0.8 of the largest peer's (a ratio, so
 *       small test data works); IODA's absolute rule is {@link org.blackout.core.rib.FullFeedPolicy#ioda()}.
 *       Re-evaluated at each bin's end.</li>
 *   <li>Visible space: seen by more than 0.5 of the family's full-feed peers, through any covering
 *       member prefix; counted once where prefixes overlap.</li>
 *   <li>Peer sessions: a STATE leaving Established drops the peer's routes (a feed event, no
 *       withdrawals counted, and the peer leaves the full-feed set, so shares stay honest). A peer
 *       silent for an hour of data time is stale: routes kept, not counted, until it speaks.</li>
 *   <li>RIB dumps re-sync a peer: routes the dump repeats cause no churn; routes it lacks are
 *       dropped when the dump ends (the peer's next update, or the bin's end).</li>
 *   <li>Entities: prefixes shorter than /8 (IPv4) or /16 (IPv6), such as a leaked default route,
 *       belong to none. Membership is sticky, so withdrawn space shows as lost.</li>
 * </ul>
 *
 * <h2>Extension points for detectors</h2>
 * {@link org.blackout.core.engine.EngineListener} receives every signal, feed event, element
 * (after it was applied), bin end and the end of the data ({@code finished}, called by
 * {@link org.blackout.core.engine.Engine#finish}); elements and bin ends come with a
 * {@link org.blackout.core.engine.RoutingView}: per-peer RIBs, prefix and path tables, which peers
 * see each prefix, origins per prefix (MOAS), entity membership and the entity maps.
 *
 * <h2>Known limits</h2>
 * ADD-PATH: a peer keeps one route per prefix (the last path announced); its path identifiers are
 * counted so that withdrawing one path leaves the route while another remains. Interned AS
 * paths and prefixes are never freed (fine for replays; a long live run will want a periodic
 * compaction).
 */
package org.blackout.core.engine;
