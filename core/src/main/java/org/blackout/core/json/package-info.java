/** JSON output through Jackson: one factory and one number style for every writer (integers as
 * integers, at most four decimals, NaN and infinities as null).
 */
package org.blackout.core.json;
