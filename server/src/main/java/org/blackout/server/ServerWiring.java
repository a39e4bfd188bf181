package org.blackout.server;

import java.util.List;
import org.blackout.core.detect.DetectorConfig;
import org.blackout.core.detect.Detectors;
import org.blackout.core.event.EventSink.Phase;
import org.blackout.server.alert.AlertConfig;
import org.blackout.server.alert.Alerts;
import org.blackout.server.store.EventRecorder;

/**
 * Plugs the detectors and the alerts into a {@link Server}: detectors' events go to the store,
 * to the open-events gauge and to the alert destinations.
 */
public final class ServerWiring {
    private ServerWiring() {}

    /** Wires detectors and alerts; returns the alerts (to drain or close), or null without destinations. */
    public static Alerts wire(Server server, ServerConfig config) {
        AlertConfig ac = config == null || config.alerts() == null ? AlertConfig.none() : config.alerts();
        Alerts alerts = ac.destinations().isEmpty() ? null : new Alerts(ac, server.store(), server.metrics());
        if (alerts != null) server.onClose(alerts);
        int minPeers = config == null ? -1 : config.replay() != null ? config.replay().minAgreeingPeers()
                : config.live() != null ? config.live().minAgreeingPeers() : -1;
        server.extras(run -> {
            var metrics = run.metrics();
            EventRecorder recorder = new EventRecorder(run.storeSink(), List.of((phase, e) -> {
                if (phase == Phase.RAISED) metrics.eventOpened(e.type().json());
                if (phase == Phase.LOWERED) metrics.eventClosed(e.type().json());
                if (alerts != null) alerts.onEvent(phase, e);
            }));
            DetectorConfig dc = DetectorConfig.defaults();
            if (minPeers > 0) dc = dc.withMinAgreeingPeers(minPeers);
            Detectors d = new Detectors(dc, run.binMicros(), run.watch().entities(), recorder);
            run.onFinish(d::finish);
            return List.of(d);
        });
        return alerts;
    }
}
