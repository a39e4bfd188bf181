/** BGP-4 messages and path attributes, one class per attribute; {@code BgpDecoder} and {@code
 * BgpEncoder} apart from the models. Malformed attributes are handled as RFC 7606 says
 * (treat-as-withdraw, attribute discard); messages cut short by a collector are salvaged as bgpdump
 * does.
 */
package org.blackout.wire.bgp;
