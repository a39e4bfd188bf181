/** MRT files on disk: decompression (gzip, bzip2, zstd), directory expansion, and writing MRT
 * files.
 */
package org.blackout.ingest.mrt;
