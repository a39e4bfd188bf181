/** Storage of signals and events (embedded DuckDB, or PostgreSQL by JDBC URL) and the queries the
 * API needs.
 */
package org.blackout.server.store;
