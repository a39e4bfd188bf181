/** Prometheus metrics of the running service.
 */
package org.blackout.server.metrics;
