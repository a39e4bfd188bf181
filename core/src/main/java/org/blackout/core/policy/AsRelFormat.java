package org.blackout.core.policy;

/**
 * The conventions of {@code AS1|AS2|rel} relationship files. Both write {@code 0} for peers and
 * {@code -1} for "AS1 is AS2's provider"; they differ in {@code 1}, which CAIDA never writes.
 * (thunderwolf's file is often described as having "the opposite sign" to CAIDA; its data says
 * otherwise: it has {@code 4837|131279|-1}, China Unicom providing North Korea, and lists every
 * provider link from both ends, the customer's side with {@code 1}.)
 */
public enum AsRelFormat {
    /**
     * CAIDA's as-rel: serial-1 {@code AS1|AS2|rel}, serial-2 with a 4th {@code source} column;
     * {@code -1} means AS1 is AS2's provider, {@code 0} peers; {@code #} lines are comments. A
     * {@code 1} is an error: such a file is not CAIDA's, read it as {@link #CUSTOMER_POSITIVE}.
     */
    CAIDA,
    /**
     * thunderwolf's whole-internet-rel.txt: {@code 1} means AS1 is AS2's customer, {@code -1} AS1
     * is AS2's provider, {@code 0} peers.
     */
    CUSTOMER_POSITIVE;

    /**
     * The relation of AS1 to AS2 for a file's {@code rel} value, or null when this format has no
     * such value.
     */
    Relation relation(int rel) {
        return switch (this) {
            case CAIDA -> switch (rel) {
                case -1 -> Relation.PROVIDER_OF;
                case 0 -> Relation.PEER;
                default -> null;
            };
            case CUSTOMER_POSITIVE -> switch (rel) {
                case -1 -> Relation.PROVIDER_OF;
                case 0 -> Relation.PEER;
                case 1 -> Relation.CUSTOMER_OF;
                default -> null;
            };
        };
    }
}
