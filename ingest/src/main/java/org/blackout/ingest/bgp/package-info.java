/** A passive BGP collector: sessions with configured neighbours only (4-octet AS, IPv4/IPv6,
 * ADD-PATH receive, route refresh, graceful restart helper), their routes and state changes as
 * route elements.
 */
package org.blackout.ingest.bgp;
