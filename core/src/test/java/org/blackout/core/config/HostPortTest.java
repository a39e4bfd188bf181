package org.blackout.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPortTest {

    @Test
    void oneGrammar() {
        assertThat(HostPort.parse("127.0.0.1:8080")).isEqualTo(new HostPort("127.0.0.1", 8080));
        assertThat(HostPort.parse("[::1]:9090")).isEqualTo(new HostPort("::1", 9090));
        assertThat(HostPort.parse("localhost:0")).isEqualTo(new HostPort("localhost", 0));
        assertThat(HostPort.parse(":179")).isEqualTo(new HostPort("", 179));
        assertThat(HostPort.parse("mail.example.org", 25)).isEqualTo(new HostPort("mail.example.org", 25));
        assertThat(HostPort.parse("mail.example.org:587", 25)).isEqualTo(new HostPort("mail.example.org", 587));
        assertThat(HostPort.parse("2001:db8::1", 25)).isEqualTo(new HostPort("2001:db8::1", 25));
        assertThat(HostPort.parse("[::1]:9090").toString()).isEqualTo("[::1]:9090");
    }

    @Test
    void refusals() {
        assertThatThrownBy(() -> HostPort.parse("localhost")).hasMessageContaining("want HOST:PORT");
        assertThatThrownBy(() -> HostPort.parse("localhost:http")).hasMessageContaining("not a port: http");
        assertThatThrownBy(() -> HostPort.parse("localhost:99999")).hasMessageContaining("not a port: 99999");
        assertThatThrownBy(() -> HostPort.parse("::1")).hasMessageContaining("want HOST:PORT");
    }
}
