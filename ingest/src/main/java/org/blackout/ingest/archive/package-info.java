/** Writes what live sources receive as MRT archives in the RouteViews layout: 15-minute BGP4MP_ET
 * update files and 2-hourly TABLE_DUMP_V2 RIBs.
 */
package org.blackout.ingest.archive;
