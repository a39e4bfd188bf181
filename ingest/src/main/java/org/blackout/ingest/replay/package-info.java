/** Replays MRT files of several collectors as one stream in time order, naming the collector of
 * each file from its path.
 */
package org.blackout.ingest.replay;
