package org.blackout.server.alert;

/** Sends one alert to one kind of destination; throws when it did not get through. */
@FunctionalInterface
public interface Deliverer {
    void deliver(Alert alert) throws Exception;
}
