/** The routing state of every collector peer: interned prefixes and AS paths, one compact table per
 * peer, and which peers route each prefix.
 */
package org.blackout.core.rib;
