package org.blackout.kafka.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.blackout.ingest.replay.ReplayMerge;
import org.blackout.testkit.Prerequisites;
import org.blackout.wire.DecodeException;
import org.blackout.wire.bgp.MpReachNlri;
import org.blackout.wire.bgp.MpUnreachNlri;
import org.blackout.wire.bgp.PathAttribute;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.element.RouteElement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every element of real MRT files (RIS and RouteViews, 2-octet and 4-octet ASNs, IPv6, ADD-PATH
 * RIBs, a 64 KiB record, RFC 7606 damage) survives the record format: what a consumer decodes is the
 * element the publisher had, attributes included (less the NLRI lists the element does not need).
 */
class ElementCodecTest {

    @ParameterizedTest
    @ValueSource(strings = {"updates.20020722.2238.gz", "updates.20160811.1600.gz", "updates.et-header.2015.gz",
            "bview.ipv6_unicast_add_path.gz", "bview.ipv4_unicast_add_path.gz", "bview.64k_stream_overflow.gz",
            "updates.long_withdrawal.gz", "updates.20071015.1505.gz"})
    void realElementsRoundTrip(String file) throws Exception {
        Path f = Prerequisites.sharedData("mrt/bgpdump/test_data/" + file);
        List<String> collectors = new ArrayList<>();
        List<RouteElement> elements = new ArrayList<>();
        List<byte[]> records = new ArrayList<>();
        new ReplayMerge(List.of(f)).onError(e -> { }).run((c, e) -> {
            if (elements.size() >= 200_000) return;
            collectors.add(c);
            elements.add(e);
            records.add(ElementCodec.encode(elements.size() - 1, c, e));
        });
        assertThat(elements).isNotEmpty();
        for (int i = 0; i < elements.size(); i++) {
            ElementRecord r = ElementCodec.decode(records.get(i));
            RouteElement want = elements.get(i), got = r.element();
            assertThat(r.seq()).isEqualTo(i);
            assertThat(ElementCodec.seq(records.get(i))).isEqualTo(i);
            assertThat(ElementCodec.timeMicros(records.get(i))).isEqualTo(want.timeMicros());
            assertThat(r.collector()).isEqualTo(collectors.get(i));
            assertThat(new RouteElement(got.timeMicros(), got.type(), got.peerAddress(), got.peerAs(), got.prefix(),
                    got.pathId(), null, got.oldState(), got.newState()))
                    .as("element %d of %s", i, file)
                    .isEqualTo(new RouteElement(want.timeMicros(), want.type(), want.peerAddress(), want.peerAs(),
                            want.prefix(), want.pathId(), null, want.oldState(), want.newState()));
            if (want.attributes() == null) {
                assertThat(got.attributes()).isNull();
                continue;
            }
            PathAttributes a = want.attributes(), b = got.attributes();
            assertThat(b.asPath()).as("AS path of element %d of %s", i, file).isEqualTo(a.asPath());
            assertThat(b.action()).isEqualTo(a.action());
            assertThat(b.reason()).isEqualTo(a.reason());
            assertThat(b.nextHopFor(want.prefix())).isEqualTo(a.nextHopFor(want.prefix()));
            assertThat(withoutNlri(b)).as("attributes of element %d of %s", i, file).isEqualTo(withoutNlri(a));
        }
    }

    @Test
    void damagedRecordsNameTheField() {
        byte[] ok = ElementCodec.encode(7, "rrc00", new RouteElement(1_000_000L, org.blackout.wire.element.ElementType.WITHDRAW,
                org.blackout.wire.net.IpAddress.parse("192.0.2.1"), 64500, org.blackout.wire.net.Prefix.parse("10.0.0.0/8"), 0,
                null, 0, 0));
        assertThat(ElementCodec.decode(ok).element().prefix()).hasToString("10.0.0.0/8");
        assertThatThrownBy(() -> ElementCodec.decode(Arrays.copyOf(ok, ok.length - 3)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("path id").hasMessageContaining("truncated");
        byte[] v2 = ok.clone();
        v2[0] = 2;
        assertThatThrownBy(() -> ElementCodec.decode(v2)).hasMessageContaining("version").hasMessageContaining("byte 0");
        assertThatThrownBy(() -> ElementCodec.seq(new byte[5])).hasMessageContaining("seq");
    }

    /** The attribute list without MP_REACH's NLRI list and without MP_UNREACH (the element carries its prefix). */
    private static List<String> withoutNlri(PathAttributes a) {
        List<String> out = new ArrayList<>();
        for (PathAttribute x : a.list()) {
            switch (x) {
                case MpUnreachNlri u -> { }
                case MpReachNlri m -> out.add("MP_REACH " + m.afi() + "/" + m.safi() + " " + m.nextHop() + " "
                        + m.linkLocalNextHop() + " " + Arrays.toString(m.nextHopBytes()));
                default -> out.add(x.toString());
            }
        }
        return out;
    }
}
