/** The service: {@code blackout serve} replays archives and runs live sources into a store, runs
 * the detectors, sends alerts and serves the API, the dashboard and metrics.
 */
package org.blackout.server;
