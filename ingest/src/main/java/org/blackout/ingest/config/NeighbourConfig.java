package org.blackout.ingest.config;

import java.net.InetAddress;

/**
 * A BGP neighbour the collector accepts: the session must come from {@code address} and its OPEN
 * must carry {@code as}. {@code addPath} asks for RFC 7911 receive; {@code description} is for logs.
 */
public record NeighbourConfig(InetAddress address, long as, String description, boolean addPath) {}
