package org.blackout.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.blackout.core.detect.DetectorConfig;
import org.blackout.pipeline.Detection;
import picocli.CommandLine.Option;

/**
 * The detectors' settings as flags, shared by the commands that run them ({@code replay},
 * {@code collect}). Each flag is named after its {@link DetectorConfig} component in kebab-case;
 * a new setting is one line here (and {@code --detector NAME=VALUE} reaches any setting meanwhile).
 * The serve YAML names the same settings in snake_case under {@code detectors:}.
 */
final class DetectorOptions {
    private final Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--warmup", paramLabel = "DURATION", description = "Detectors: history an entity needs before anything is raised (default 1h).")
    void warmup(String v) { settings.put("warmup", v); }

    @Option(names = "--history", paramLabel = "DURATION", description = "Detectors: baseline (moving median) window (default 24h).")
    void history(String v) { settings.put("history", v); }

    @Option(names = "--outage-raise", paramLabel = "SHARE", description = "Outage candidate below this share of the visible baseline (default 0.8).")
    void outageRaise(String v) { settings.put("outage_raise", v); }

    @Option(names = "--outage-lower", paramLabel = "SHARE", description = "Outage ends at or above this share of the baseline (default 0.95).")
    void outageLower(String v) { settings.put("outage_lower", v); }

    @Option(names = "--outage-confirm-bins", paramLabel = "N", description = "Candidate bins before an outage is raised (default 3).")
    void outageConfirmBins(String v) { settings.put("outage_confirm_bins", v); }

    @Option(names = "--min-agreeing-peers", paramLabel = "N", description = "Full-feed peers that must agree space is gone (the outage gate; default 20).")
    void minAgreeingPeers(String v) { settings.put("min_agreeing_peers", v); }

    @Option(names = "--instability-factor", paramLabel = "X", description = "Unstable bin: churn above this multiple of the baseline (default 10).")
    void instabilityFactor(String v) { settings.put("instability_factor", v); }

    @Option(names = "--instability-min-churn", paramLabel = "N", description = "... and at least this many updates (default 20).")
    void instabilityMinChurn(String v) { settings.put("instability_min_churn", v); }

    @Option(names = "--instability-raise-bins", paramLabel = "N", description = "Unstable bins within the window that raise an event (default 3).")
    void instabilityRaiseBins(String v) { settings.put("instability_raise_bins", v); }

    @Option(names = "--instability-window", paramLabel = "DURATION", description = "Window in which unstable bins are counted (default 2h).")
    void instabilityWindow(String v) { settings.put("instability_window", v); }

    @Option(names = "--instability-quiet", paramLabel = "DURATION", description = "Instability ends after this long without an unstable bin (default 2h).")
    void instabilityQuiet(String v) { settings.put("instability_quiet", v); }

    @Option(names = "--instability-lookback", paramLabel = "DURATION", description = "Outage 'preceded by instability' within this (default 24h).")
    void instabilityLookback(String v) { settings.put("instability_lookback", v); }

    @Option(names = "--upstream-min-share", paramLabel = "SHARE", description = "An upstream counts from this share of paths (default 0.2).")
    void upstreamMinShare(String v) { settings.put("upstream_min_share", v); }

    @Option(names = "--upstream-confirm-bins", paramLabel = "N", description = "Bins an upstream must stay gone or new (default 6).")
    void upstreamConfirmBins(String v) { settings.put("upstream_confirm_bins", v); }

    @Option(names = "--hijack-min-peers", paramLabel = "N", description = "Full-feed peers that must see a hijacking route (default 3).")
    void hijackMinPeers(String v) { settings.put("hijack_min_peers", v); }

    @Option(names = "--evidence", paramLabel = "N", description = "Sample route elements kept per event (default 5).")
    void evidence(String v) { settings.put("evidence", v); }

    @Option(names = "--detector", paramLabel = "NAME=VALUE",
            description = "Any detector setting by its YAML name, e.g. --detector min_agreeing_peers=5 (repeatable).")
    void detector(Map<String, String> v) { settings.putAll(v); }

    /** The settings given, by name. */
    Map<String, String> settings() {
        return settings;
    }

    /** The defaults with the flags applied; throws IllegalArgumentException naming a bad one. */
    DetectorConfig config() {
        return Detection.configure(DetectorConfig.defaults(), settings);
    }
}
