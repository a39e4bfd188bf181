/** Test helpers shared by every module: a prerequisite (shared data, a daemon, a browser) is a skip
 * with a message on a developer machine and a failure in CI; {@link org.blackout.testkit.MirrorServer}
 * stands in for the public MRT archives (and a bgpkit broker) on 127.0.0.1, with the faults they show;
 * {@link org.blackout.testkit.RisLiveServer} for RIS Live.
 */
package org.blackout.testkit;
