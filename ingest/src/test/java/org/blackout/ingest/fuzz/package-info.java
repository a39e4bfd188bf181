/**
 * Fuzzing the decoders: Jazzer targets run by {@code bench/fuzz} and the regression test replaying
 * every crash they found.
 */
package org.blackout.ingest.fuzz;
