/** Alerts: webhook, Slack, email, syslog and JSON-lines deliveries of events as they are raised and
 * lowered ("restored after ..."), each sent once.
 */
package org.blackout.server.alert;
