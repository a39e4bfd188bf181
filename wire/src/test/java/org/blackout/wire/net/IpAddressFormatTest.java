package org.blackout.wire.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IpAddress.toString prints what glibc's inet_ntop prints (expectations taken from glibc). */
class IpAddressFormatTest {
    @ParameterizedTest
    @CsvSource({
        "2001:db8::1, 2001:db8::1", "::, ::", "::1, ::1", "::ffff:1.2.3.4, ::ffff:1.2.3.4",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3", "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", "::1.2.3.4, ::1.2.3.4",
        "::0.0.0.2, ::2", "fe80::, fe80::", "2001:7f8:30:0:2:1:0:8447, 2001:7f8:30:0:2:1:0:8447",
        "0:0:0:0:0:1:0:0, ::1:0:0", "1::, 1::", "::ffff:0:0, ::ffff:0.0.0.0", "193.0.0.56, 193.0.0.56"})
    void likeGlibcInetNtop(String in, String glibc) {
        assertThat(IpAddress.parse(in).toString()).isEqualTo(glibc);
    }
}
