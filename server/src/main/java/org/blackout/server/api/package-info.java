/** The read-only JSON API ({@code /api/...}, OpenAPI at {@code /openapi.yaml}): signals as
 * timelines, events, entities; errors name the parameter and its valid values.
 */
package org.blackout.server.api;
