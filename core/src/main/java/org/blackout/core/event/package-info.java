/** Events as published: the {@link org.blackout.core.event.Event} record, its JSON and its text for
 * people ("restored after 9 h 31 min").
 */
package org.blackout.core.event;
