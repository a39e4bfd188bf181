package org.blackout.ingest.bgp;

/** Where live sources put what they receive. May block: that is the backpressure. */
@FunctionalInterface
public interface FeedSink {
    void accept(FeedEvent e) throws InterruptedException;
}
