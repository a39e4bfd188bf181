/** The scenario simulator: collector output (RIBs and update files) and truth for a scenario
 * written in YAML, built from real tables, delegations and AS relationships. Simulations give
 * ground truth, never proof that a detector works on real data.
 */
package org.blackout.sim;
