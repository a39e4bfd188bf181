package org.blackout.wire.bgp;

import java.util.List;
import org.blackout.wire.net.IpAddress;

/** CLUSTER_LIST (type 10, RFC 4456). */
public record ClusterList(int flags, List<IpAddress> ids) implements PathAttribute {
    @Override
    public int typeCode() {
        return CLUSTER_LIST;
    }
}
