package org.blackout.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.blackout.core.detect.DetectorConfig;
import org.blackout.pipeline.Detection;
import picocli.CommandLine.Option;

/**
 * The detectors' settings as flags (descriptions name no defaults: they live in
 * {@code DetectorConfig.defaults()} alone), shared by the commands that run them ({@code replay},
 * {@code collect}). Each flag is named after its {@link DetectorConfig} component in kebab-case;
 * a new setting is one line here (and {@code --detector NAME=VALUE} reaches any setting meanwhile).
 * The configuration file names the same settings in snake_case under {@code detectors:}; a flag
 * overrides it.
 */
final class DetectorOptions {
    private final Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--warmup", paramLabel = "DURATION", description = "Detectors: history an entity needs before anything is raised.")
    void warmup(String v) { settings.put("warmup", v); }

    @Option(names = "--history", paramLabel = "DURATION", description = "Detectors: baseline (moving median) window.")
    void history(String v) { settings.put("history", v); }

    @Option(names = "--outage-raise", paramLabel = "SHARE", description = "Outage candidate below this share of the visible baseline.")
    void outageRaise(String v) { settings.put("outage_raise", v); }

    @Option(names = "--outage-lower", paramLabel = "SHARE", description = "Outage ends at or above this share of the baseline.")
    void outageLower(String v) { settings.put("outage_lower", v); }

    @Option(names = "--outage-confirm-bins", paramLabel = "N", description = "Candidate bins before an outage is raised.")
    void outageConfirmBins(String v) { settings.put("outage_confirm_bins", v); }

    @Option(names = "--min-agreeing-peers", paramLabel = "N", description = "Full-feed peers that must agree space is gone (the outage gate).")
    void minAgreeingPeers(String v) { settings.put("min_agreeing_peers", v); }

    @Option(names = "--instability-factor", paramLabel = "X", description = "Unstable bin: churn above this multiple of the baseline.")
    void instabilityFactor(String v) { settings.put("instability_factor", v); }

    @Option(names = "--instability-min-churn", paramLabel = "N", description = "... and at least this many updates.")
    void instabilityMinChurn(String v) { settings.put("instability_min_churn", v); }

    @Option(names = "--instability-raise-bins", paramLabel = "N", description = "Unstable bins within the window that raise an event.")
    void instabilityRaiseBins(String v) { settings.put("instability_raise_bins", v); }

    @Option(names = "--instability-window", paramLabel = "DURATION", description = "Window in which unstable bins are counted.")
    void instabilityWindow(String v) { settings.put("instability_window", v); }

    @Option(names = "--instability-quiet", paramLabel = "DURATION", description = "Instability ends after this long without an unstable bin.")
    void instabilityQuiet(String v) { settings.put("instability_quiet", v); }

    @Option(names = "--instability-lookback", paramLabel = "DURATION", description = "Outage 'preceded by instability' within this.")
    void instabilityLookback(String v) { settings.put("instability_lookback", v); }

    @Option(names = "--upstream-min-share", paramLabel = "SHARE", description = "An upstream counts from this share of paths.")
    void upstreamMinShare(String v) { settings.put("upstream_min_share", v); }

    @Option(names = "--upstream-confirm-bins", paramLabel = "N", description = "Bins an upstream must stay gone or new.")
    void upstreamConfirmBins(String v) { settings.put("upstream_confirm_bins", v); }

    @Option(names = "--hijack-min-peers", paramLabel = "N", description = "Full-feed peers that must see a hijacking route.")
    void hijackMinPeers(String v) { settings.put("hijack_min_peers", v); }

    @Option(names = "--evidence", paramLabel = "N", description = "Sample route elements kept per event.")
    void evidence(String v) { settings.put("evidence", v); }

    @Option(names = "--agree-share", paramLabel = "SHARE", description = "Share of the carrying peers that must agree a prefix is lost.")
    void agreeShare(String v) { settings.put("agree_share", v); }

    @Option(names = "--outage-min-prefixes", paramLabel = "N", description = "An outage on prefixes needs this many newly lost prefixes.")
    void outageMinPrefixes(String v) { settings.put("outage_min_prefixes", v); }

    @Option(names = "--outage-min-share", paramLabel = "SHARE", description = "... and this share of the entity's known prefixes.")
    void outageMinShare(String v) { settings.put("outage_min_share", v); }

    @Option(names = "--loss-confirm-bins", paramLabel = "N", description = "Bins a prefix loss must last before it is raised.")
    void lossConfirmBins(String v) { settings.put("loss_confirm_bins", v); }

    @Option(names = "--outage-lower-remaining", paramLabel = "SHARE", description = "An outage on prefixes ends when at most this share is still lost.")
    void outageLowerRemaining(String v) { settings.put("outage_lower_remaining", v); }

    @Option(names = "--extent-prefixes", paramLabel = "N", description = "Lost prefixes listed in an event's extent.")
    void extentPrefixes(String v) { settings.put("extent_prefixes", v); }

    @Option(names = "--outage-min-peers", paramLabel = "N", description = "Peers that must agree in any case.")
    void outageMinPeers(String v) { settings.put("outage_min_peers", v); }

    @Option(names = "--outage-fast-prefixes", paramLabel = "N", description = "A loss of this many prefixes is raised without waiting.")
    void outageFastPrefixes(String v) { settings.put("outage_fast_prefixes", v); }

    @Option(names = "--outage-min-duration", paramLabel = "DURATION", description = "A smaller loss is raised only after lasting this long.")
    void outageMinDuration(String v) { settings.put("outage_min_duration", v); }

    @Option(names = "--flap-memory", paramLabel = "DURATION", description = "An entity that lost and regained prefixes this recently is flapping.")
    void flapMemory(String v) { settings.put("flap_memory", v); }

    @Option(names = "--upstream-min-peers", paramLabel = "N", description = "Upstream changes are judged only with this many full-feed peers.")
    void upstreamMinPeers(String v) { settings.put("upstream_min_peers", v); }

    @Option(names = "--hijack-learn", paramLabel = "DURATION", description = "An origin seen this long for a prefix is expected.")
    void hijackLearn(String v) { settings.put("hijack_learn", v); }

    @Option(names = "--leak-min-prefixes", paramLabel = "N", description = "A leak needs routes to this many prefixes across the valley.")
    void leakMinPrefixes(String v) { settings.put("leak_min_prefixes", v); }

    @Option(names = "--leak-min-peers", paramLabel = "N", description = "... seen by this many peers.")
    void leakMinPeers(String v) { settings.put("leak_min_peers", v); }

    @Option(names = "--hijack-min-share", paramLabel = "SHARE", description = "Share of the full-feed peers that must see a hijack the data alone suggests.")
    void hijackMinShare(String v) { settings.put("hijack_min_share", v); }

    @Option(names = "--watched-instability-min-churn", paramLabel = "N", description = "--instability-min-churn for explicitly watched entities.")
    void watchedInstabilityMinChurn(String v) { settings.put("watched_instability_min_churn", v); }

    @Option(names = "--watched-instability-raise-bins", paramLabel = "N", description = "--instability-raise-bins for explicitly watched entities.")
    void watchedInstabilityRaiseBins(String v) { settings.put("watched_instability_raise_bins", v); }

    @Option(names = "--detector", paramLabel = "NAME=VALUE",
            description = "Any detector setting by its YAML name, e.g. --detector min_agreeing_peers=5 (repeatable). "
                    + "Unset settings keep DetectorConfig.defaults() (see the README's 'Detectors and events').")
    void detector(Map<String, String> v) { settings.putAll(v); }

    /** The settings given, by name. */
    Map<String, String> settings() {
        return settings;
    }

    /** {@code base} (the configuration file's {@code detectors:}, or the defaults) with the flags applied; throws IllegalArgumentException naming a bad one. */
    DetectorConfig apply(DetectorConfig base) {
        return Detection.configure(base, settings);
    }
}
