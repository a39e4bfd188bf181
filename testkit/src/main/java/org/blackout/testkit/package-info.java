/** Test helpers shared by every module: a prerequisite (shared data, a daemon, a browser) is a skip
 * with a message on a developer machine and a failure in CI.
 */
package org.blackout.testkit;
