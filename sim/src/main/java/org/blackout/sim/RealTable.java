package org.blackout.sim;

import java.util.Map;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/** One real collector peer's table as it stands at the end of an MRT file. */
public record RealTable(int peerAs, IpAddress peerAddress, Map<Prefix, SimPath> routes) {}
