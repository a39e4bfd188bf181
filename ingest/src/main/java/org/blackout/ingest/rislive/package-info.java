/** A RIS Live websocket client: subscribes, decodes the JSON messages (and their raw UPDATEs) into
 * route elements, reconnects.
 */
package org.blackout.ingest.rislive;
