/** A BMP station: accepts routers (loopback by default, others only from an allow list), decodes
 * their streams and hands route elements on, with damage reported per router.
 */
package org.blackout.ingest.bmp;
