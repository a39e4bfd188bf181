/**
 * OpenBMP's raw BMP message bus ({@code openbmp.bmp_raw}, and RouteViews' per-peer topics
 * {@code routeviews.<collector>.<peer>.bmp_raw}): each Kafka record is OpenBMP's binary header
 * (version 1.7, magic {@code OBMP}, object type 12 = BMP_RAW; it names the collector admin id, the
 * router's address and group, and the collector's receive time) followed by one BMP message exactly
 * as the router sent it. The message is decoded with the BMP listener's own decoders, so a feed read
 * from Kafka gives the same route elements as the router connected to {@code blackout bmp}.
 */
package org.blackout.kafka.openbmp;
