/** Bytes ⇄ records for BGP data: MRT (RFC 6396, 8050), BGP-4 messages (RFC 4271 and its extensions)
 * and BMP (RFC 7854). No I/O policy and no state beyond one stream; {@link
 * org.blackout.wire.DecodeException} names the offset and field of damaged input.
 */
package org.blackout.wire;
