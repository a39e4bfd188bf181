/** What prefixes and ASes belong to: RIR delegations, address-range files and MaxMind databases map
 * space and ASes to countries; AS names. Loaders count and report the lines they skip, and a file
 * that yields nothing is an error.
 */
package org.blackout.core.entity;
