package org.blackout.core.rib;

import static org.assertj.core.api.Assertions.assertThat;

import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.Test;

class PrefixTableTest {

    @Test
    void everyLengthInternsOnceAndReadsBack() {
        PrefixTable t = new PrefixTable();
        for (String s : new String[] {"0.0.0.0/0", "10.0.0.0/8", "192.0.2.1/32", "::/0", "2001:db8::/32",
                "2001:db8::1:0:0:1/127", "2001:db8::1/128", "2001:db8::ffff:1/128"}) {
            Prefix p = Prefix.parse(s);
            int id = t.intern(p);
            assertThat(t.intern(p)).as("second intern of %s", s).isEqualTo(id);
            assertThat(t.find(p)).isEqualTo(id);
            assertThat(t.length(id)).isEqualTo(p.length());
            assertThat(t.prefix(id)).isEqualTo(p);
        }
    }
}
