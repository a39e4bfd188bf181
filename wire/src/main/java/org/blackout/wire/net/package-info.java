/** IP addresses and prefixes as two left-aligned 64-bit words: one bit order for IPv4 and IPv6.
 */
package org.blackout.wire.net;
