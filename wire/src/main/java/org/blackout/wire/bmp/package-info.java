/** BMP (RFC 7854, 8671, 9069): one record per message type, the framing of a byte stream into
 * messages, and the route elements a Route Monitoring message carries.
 */
package org.blackout.wire.bmp;
