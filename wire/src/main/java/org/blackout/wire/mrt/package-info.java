/** MRT records (TABLE_DUMP, TABLE_DUMP_V2 with ADD-PATH, BGP4MP and BGP4MP_ET, the early RIS type
 * 5): the reader that frames a stream into records, the decoder and encoder, and the flattening of
 * records into route elements.
 */
package org.blackout.wire.mrt;
