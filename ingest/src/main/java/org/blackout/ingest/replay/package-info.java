/**
 * Replays MRT files of several collectors as one stream in time order, naming the collector of
 * each file from its path. Each file is decoded on a thread of its own ({@code ElementSource}), a
 * compressed one decompressed ahead of that on another ({@code ReadAhead}); update files start a
 * margin before the merge needs them and close when read ({@code ReplayMerge}), so both cores work
 * and only a few files are open at once.
 */
package org.blackout.ingest.replay;
