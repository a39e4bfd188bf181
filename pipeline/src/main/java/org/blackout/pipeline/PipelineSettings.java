package org.blackout.pipeline;

import java.util.List;
import org.blackout.core.detect.DetectorConfig;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.signal.Watch;

/**
 * Everything a {@link Pipeline} is built from; flags ({@code replay}, {@code collect}) and the
 * serve YAML both produce one.
 *
 * @param engine    the engine's settings (bin, visibility threshold, full-feed rule, hold)
 * @param detectors the detectors' settings
 * @param watch     watched entities as typed ({@code country:KP}, {@code as:131279}, {@code all-countries}, ...);
 *                  empty: see {@link #watch(EntityMaps)}
 * @param entities  the entity files to load
 * @param policies  the operators' files for the hijack and leak detectors (prefix list, ROAs, AS relationships)
 */
public record PipelineSettings(EngineConfig engine, DetectorConfig detectors, List<String> watch, EntitySources entities,
                               PolicyFiles policies) {

    public PipelineSettings {
        watch = List.copyOf(watch);
        if (policies == null) policies = PolicyFiles.none();
    }

    public static PipelineSettings defaults() {
        return new PipelineSettings(EngineConfig.defaults(), DetectorConfig.defaults(), List.of(), EntitySources.none(), PolicyFiles.none());
    }

    public PipelineSettings withEngine(EngineConfig e) {
        return new PipelineSettings(e, detectors, watch, entities, policies);
    }

    public PipelineSettings withDetectors(DetectorConfig d) {
        return new PipelineSettings(engine, d, watch, entities, policies);
    }

    public PipelineSettings withWatch(List<String> w) {
        return new PipelineSettings(engine, detectors, w, entities, policies);
    }

    public PipelineSettings withEntities(EntitySources e) {
        return new PipelineSettings(engine, detectors, watch, e, policies);
    }

    public PipelineSettings withPolicies(PolicyFiles p) {
        return new PipelineSettings(engine, detectors, watch, entities, p);
    }

    /**
     * The watched entities; the default-watch rule lives here: nothing named means every country
     * when the maps know countries, else every AS. Throws IllegalArgumentException naming a bad entity.
     */
    public Watch watch(EntityMaps maps) {
        return Watch.parse(watch.isEmpty() ? List.of(maps.hasCountries() ? "all-countries" : "all-ases") : watch);
    }
}
