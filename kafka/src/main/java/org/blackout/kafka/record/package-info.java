/**
 * Blackout's record format for route elements on Kafka.
 *
 * <p>Why this format: one Kafka record per route element, a small fixed binary header (type, data
 * time in microseconds, the publisher's sequence number, peer AS and address, collector, prefix,
 * ADD-PATH id, FSM states) followed by the element's BGP path attributes exactly as BGP encodes them
 * ({@code BgpEncoder}/{@code AttributeDecoder}). Fidelity: the attributes are the router's own bytes
 * (AS_PATH with its 2- or 4-octet form, AS4_PATH, communities, unknown and malformed attributes, the
 * RFC 7606 verdict and its reason), so a consumer decodes the same {@code RouteElement} the
 * publisher had; only the MP_REACH NLRI list (the element carries its one prefix) and MP_UNREACH (a
 * withdrawal is its own element) are left out. Speed: no schema registry and no text, a decode is a
 * few fixed reads plus the attribute decoder the MRT and BMP paths already use; Kafka's batch
 * compression takes out the repetition of elements sharing one UPDATE's attributes. Raw MRT records
 * were rejected because a TABLE_DUMP_V2 record mixes many peers (breaking the per-peer key) and needs
 * its peer index table; raw BMP is what OpenBMP topics carry and is read as such.
 *
 * <p>The sequence number gives the publisher's order: a consumer reading several partitions
 * restores the exact order the single-process pipeline saw.
 */
package org.blackout.kafka.record;
