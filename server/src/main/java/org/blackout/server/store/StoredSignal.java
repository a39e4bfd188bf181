package org.blackout.server.store;

import java.util.List;
import org.blackout.core.json.Json;
import org.blackout.core.signal.Signal;
import org.blackout.core.signal.SignalText;
import org.blackout.core.signal.Upstream;

/** A signal as one row: bin start in epoch seconds, upstreams as a JSON object. */
public record StoredSignal(String entity, long t, double visibleSlash24, int visiblePrefixes, int peersSeeing,
                           int fullFeedPeers, long announcements, long withdrawals, String upstreams) {

    public static StoredSignal of(Signal s) {
        return new StoredSignal(s.entity(), s.time().getEpochSecond(), s.visibleSlash24(), s.visiblePrefixes(), s.peersSeeing(),
                s.fullFeedPeers(), s.announcements(), s.withdrawals(), upstreamsJson(s.upstreams()));
    }

    /** {@code {"4837":1,"3356":0.25}}, largest share first as the engine ordered them. */
    public static String upstreamsJson(List<Upstream> ups) {
        return Json.string(g -> SignalText.upstreams(g, ups));
    }
}
