/** The YAML configuration of live sources: neighbours, BMP, RIS Live, archive; errors name the key.
 */
package org.blackout.ingest.config;
