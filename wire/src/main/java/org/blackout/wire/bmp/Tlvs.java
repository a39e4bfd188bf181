package org.blackout.wire.bmp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.blackout.wire.DecodeException;

/** The 2-octet type, 2-octet length TLVs that close most BMP messages. */
final class Tlvs {
    private Tlvs() {}

    static List<InformationTlv> read(ByteBuf b, int from, int to, String field) {
        List<InformationTlv> out = new ArrayList<>(4);
        int i = from;
        while (i < to) {
            if (i + 4 > to) throw new DecodeException(field, "truncated TLV header at byte " + i);
            int type = b.getUnsignedShort(i);
            int len = b.getUnsignedShort(i + 2);
            if (i + 4 + len > to) {
                throw new DecodeException(field, "TLV type " + type + " length " + len + " overruns the message by "
                        + (i + 4 + len - to) + " bytes");
            }
            byte[] v = new byte[len];
            b.getBytes(i + 4, v);
            out.add(new InformationTlv(type, v));
            i += 4 + len;
        }
        return List.copyOf(out);
    }

    static String text(List<InformationTlv> tlvs, int type) {
        StringBuilder sb = null;
        for (InformationTlv t : tlvs) {
            if (t.type() == type) {
                if (sb == null) sb = new StringBuilder();
                else sb.append('\n');
                sb.append(t.text());
            }
        }
        return sb == null ? null : sb.toString();
    }
}
