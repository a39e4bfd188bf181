/** The route element: one announcement, withdrawal, RIB entry or peer state change, whatever it was
 * decoded from. Everything past {@code wire} works on these.
 */
package org.blackout.wire.element;
